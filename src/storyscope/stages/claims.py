"""Atomic claims of one article: each clause-level fact, its polarity, numbers and attribution.

A sentence often states several facts ("Putin will travel to Tehran on Tuesday and meet Erdogan";
"Voronets, who took office in January, has made the dispute a priority"). The spaCy parse splits it:

* every verb heading a clause is a claim: the sentence root and the verbs conjoined to it ("… and
  meet …"); a conjoined verb without a subject of its own borrows its head's subject, so the claim
  reads "Putin … meet Erdogan" and still cites exact passages (``parts``: one span per piece);
* a relative clause on a noun ("Voronets, who took office in January, …") is a claim about that noun,
  cut out of the main clause;
* a reporting verb with a clausal complement ("X said (that) …", "X warned …") does not make a claim
  of its own: its content does, and the speaker and verb stay part of that claim (``attribution``), so
  "the White House said Iran was preparing to supply drones" is a claim about what the White House
  said, not a fact stated by the outlet. Each conjoined content clause keeps the attribution.

Each claim records what the comparison rules need: ``negated`` (a negation on its verb, or a "no"/
"nothing" subject or object), ``verb`` (lemma), ``modal`` (will, could, …), ``conditional`` (inside an
if/whether clause or a question), ``subject`` and ``object`` (text and head lemma), and ``numbers``
(value, interval implied by "about", "more than", "up to", "hundreds", and the unit noun counted).
Offsets index the article's cleaned text.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from storyscope.models import Article, Json
from storyscope.stages.attribution import REPORTING_VERBS, doc_text
from storyscope.stages.dateline import dateline_end

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_VERB_POS = ("VERB", "AUX")
_SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
_OBJ = ("dobj", "attr", "oprd", "pobj", "acomp")
_NEG_WORDS = frozenset("nothing nobody none neither".split())
_MODALS = frozenset("will would could can may might must should shall".split())
_COND_MARKS = frozenset("if whether unless".split())
_MIN_CLAIM_TOKENS = 3
# What sets a non-restrictive relative clause off from its noun.
_NON_RESTRICTIVE = frozenset({",", "—", "–", "(", "-"})
_AUX_DEPS = ("aux", "auxpass")
# Correlatives that open a choice ("either ... or", "neither ... nor", "whether ... or"): the verbs
# they join are one claim. "both ... and" and "not only ... but also" join two, each asserted.
_OPEN_CHOICE = frozenset("either neither whether".split())
# Dependents that make a verb active: a passive head ("was arrested and tried to flee", "were born and
# ended up ...") does not lend it its "was". The tagger's VBD/VBN cannot tell ("renovated" is VBD in
# "was built and renovated").
_ACTIVE_DEPS = frozenset({"dobj", "dative", "xcomp"})
_ATTACHMENTS = frozenset({"prep", "relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})
# Single curly marks are left out: "’" is far more often an apostrophe ("Tuesday’s") than a quote.
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"
_QUOTE_CHARS = '"“”‘’«»'
_MULTIPLIERS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Abbreviated multipliers, split off by the tokenizer ("10m euros", "£1.2bn"). "m" and "k" are also
# metres and kilometres' shorthand, so they multiply only next to a currency; "bn" and "tn" always do.
_ABBREVIATED = {"m": 1e6, "mn": 1e6, "mln": 1e6, "k": 1e3, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
# Multipliers written onto the figure ("£1.2billion", "3million people"): a count whatever follows.
_GLUED = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_ALWAYS_MONEY = frozenset({"bn", "tn", "trn", "mln", "mn", *_GLUED})
CURRENCY_SYMBOLS = frozenset("$€£¥₹₽")
_CURRENCY_WORDS = frozenset(
    "dollar euro pound yen yuan rupee ruble rouble franc dinar rial riyal lira shekel peso won krona "
    "krone zloty forint hryvnia usd eur gbp".split()
)
_WORD_NUMBERS = {
    w: float(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_TENS_WORDS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())
_WORD_NUMBERS.update({"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0,
                      "eighty": 80.0, "ninety": 90.0, "dozen": 12.0})  # fmt: skip
# Plural round numbers name a range, not a value: "hundreds of drones" is 200 to 999.
_VAGUE = {"dozens": (24.0, 99.0), "hundreds": (200.0, 999.0), "thousands": (2e3, 9999.0),
          "millions": (2e6, 999e6), "billions": (2e9, 999e9)}  # fmt: skip
_APPROX = frozenset("about around approximately roughly nearly almost some estimated circa approx".split())
_AT_LEAST = ("more than", "over", "at least", "upwards of", "in excess of", "above", "exceeding")
_AT_MOST = ("up to", "less than", "fewer than", "under", "at most", "as many as", "as much as", "below")
# Relative slack on an approximate figure ("about 300": 225 to 400).
_APPROX_LOW, _APPROX_HIGH = 0.75, 1.33
_NUMBER_TEXT = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_SKIP_NUM_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
_CALENDAR = frozenset(
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split()
)


def _is_cue(tok: Token) -> bool:
    return tok.lemma_.lower() in REPORTING_VERBS and tok.pos_ in _VERB_POS


def _subject(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in _SUBJ:
            return c
    return None


def _split_heads(h: Token) -> list[Token]:
    """Verbs conjoined to ``h`` that head clauses of their own.

    A conjoined verb with no subject right after a noun ("… settled through talks and Norvia, Sweland
    and Finmark will lead the discussions") is a parse that hung the real subject on the first clause;
    borrowing the head's subject would make a claim no one stated ("the issue will lead the
    discussions"), so such a verb is not split off and stays inside its head's claim.
    """
    if any(c.dep_ == "preconj" and c.lower_ in _OPEN_CHOICE for c in h.children):
        return []
    return [
        c
        for c in h.children
        if c.dep_ == "conj" and c.pos_ in _VERB_POS and not _lost_subject(c) and not _alternative(h, c)
    ]


def _alternative(h: Token, conj: Token) -> bool:
    """Whether ``conj`` is joined to ``h`` by "or" or "nor": "resign or face charges" asserts neither
    verb, and "neither confirmed nor denied" splits into a false "denied"."""
    cc = [c for c in h.children if c.dep_ == "cc" and c.i < conj.i]
    return bool(cc) and cc[-1].lower_ in ("or", "nor")


def _lost_subject(verb: Token) -> bool:
    if _subject(verb) is not None:
        return False
    head = verb.head
    if head.dep_ == "ccomp" and _is_cue(head.head) and head.head.i < head.i:
        # "He said the plan was fine and left the room": the parse cannot tell whether "left" goes
        # with "said" or with "was"; borrowing "the plan" would make it the one that left. (Content
        # before its reporting verb, "… harm the region and benefit terrorists," he said, is bounded.)
        return True
    if any(t.pos_ == "VERB" and t.dep_ != "conj" for t in verb.doc[head.i + 1 : verb.left_edge.i]):
        # "agreed to a truce, halting a war that caused …, brought … and left …": a clause between the
        # verb and the head the parse gave it; the verb more likely continues that clause, whose
        # subject is not the head's.
        return True
    first = verb.left_edge
    if first.i == 0:
        return False
    before = verb.doc[first.i - 1]
    return before.pos_ in ("NOUN", "PROPN", "PRON", "NUM")


def _relcls(tokens: set[int], doc: Doc) -> list[Token]:
    """Relative clauses that state a fact of their own about a noun of the clause.

    Only a non-restrictive one ("Voronets, who took office in January, ...") whose relative pronoun is
    its subject qualifies: cut out, the main clause still reads as a sentence, and the relative clause
    reads as one once the noun replaces the pronoun ("Voronets took office in January"). A restrictive
    clause ("the war he ordered", "the extent to which ...") is part of what its noun means, and one
    whose pronoun is not the subject ("the YPG, which Turkey considers ...") reads as a fragment on its
    own: both stay inside the main claim.
    """
    out = []
    for i in sorted(tokens):
        r = doc[i]
        if r.dep_ != "relcl" or r.head.pos_ not in ("NOUN", "PROPN") or r.head.i not in tokens:
            continue
        if r.head.dep_ in ("npadvmod", "tmod"):
            # "at 2 a.m. Friday, local time, which was 7 p.m. Thursday": a noun used as an adverb
            # names no thing the clause could be a fact about.
            continue
        first = r.left_edge
        if first.i == 0 or doc[first.i - 1].text not in _NON_RESTRICTIVE:
            continue
        if not any(c.dep_ in _SUBJ and c.tag_ in ("WP", "WDT") for c in r.children):
            continue
        out.append(r)
    return out


# Verbs whose subject is an event: "the war against Sweland, which began in March" is about the war,
# however the parser hung the clause on "Sweland".
_EVENT_VERBS = frozenset("begin start end finish last occur happen erupt continue resume break".split())


def _antecedent(r: Token) -> Token:
    """The noun a relative clause is about: its head, or the event noun above a prepositional phrase
    when the clause's verb takes an event for subject and the head is not one."""
    noun = r.head
    upper = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
    if (
        upper is not None
        and upper.pos_ == "NOUN"
        and r.lemma_.lower() in _EVENT_VERBS
        and noun.pos_ == "PROPN"
    ):
        return upper
    return noun


def _subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _runs(doc: Doc, idx: set[int]) -> list[tuple[int, int]]:
    """Character ranges of the contiguous runs of ``idx`` (edge punctuation and conjunctions trimmed)."""
    order = sorted(idx)
    runs: list[list[int]] = []
    for i in order:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out: list[tuple[int, int]] = []
    for run in runs:
        toks = [doc[i] for i in run]
        while toks and (
            toks[0].is_punct
            or toks[0].dep_ == "cc"
            or (
                toks[0].dep_ == "mark"
                and toks[0].lower_ not in _COND_MARKS
                # "As the search goes on, attention turns to …": the run is more than the marked
                # clause, and without "As" it would read as two sentences run together.
                and toks[-1].i <= toks[0].head.right_edge.i
            )
            or toks[0].is_space
        ):
            # "(that) Iran was preparing …" reads the same without "that"; "(if) the road is open, …"
            # would turn a condition into a fact, so "if", "unless" and "whether" stay.
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc" or toks[-1].is_space):
            # A closing quotation mark stays when its opening one is in the claim.
            toks = toks[:-1]
        if toks:
            out.append((toks[0].idx, toks[-1].idx + len(toks[-1])))
    return out


def _phrase(tok: Token | None) -> Json | None:
    if tok is None:
        return None
    # Relative and participle clauses on the phrase are claims of their own, not part of its name.
    cut = {t.i for c in tok.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    toks = [t for t in tok.subtree if not t.is_punct and t.i not in cut]
    while toks and toks[-1].dep_ in ("cc", "punct"):
        toks = toks[:-1]
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    if end - start > 100:  # a long subject phrase: its head is what identifies it
        start, end = tok.idx, tok.idx + len(tok)
    # The core is the phrase without its attachments ("the allegations in Tuesday's statement" ->
    # "the allegations"): what a topic line names.
    core = [t for t in toks if t.i <= tok.i or not any(a.dep_ in _ATTACHMENTS for a in _path(t, tok))]
    core_text = doc_text(tok.doc)[core[0].idx : core[-1].idx + len(core[-1])] if core else tok.text
    plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
    return {"text": doc_text(tok.doc)[start:end], "start": start, "end": end, "head": tok.lemma_.lower(),
            "head_start": tok.idx, "head_end": tok.idx + len(tok), "core": core_text,
            "plural": plural}  # fmt: skip


def _path(t: Token, top: Token) -> list[Token]:
    """The tokens from ``t`` up to (not including) ``top``."""
    out = []
    while t.i != top.i and t.head.i != t.i:
        out.append(t)
        t = t.head
    return out


def _negated(h: Token) -> bool:
    for c in h.children:
        if c.dep_ == "neg" or (c.dep_ == "preconj" and c.lower_ == "neither"):
            return True
        if c.dep_ in _SUBJ + _OBJ and (
            c.lower_ in _NEG_WORDS or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        ):
            return True
    return False


def _conditional(h: Token, sent: Span) -> bool:
    if sent.text.rstrip().endswith("?"):
        return True
    # "If the road is open, it will know no limits": the main clause holds only under its condition.
    for c in h.children:
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _COND_MARKS for g in c.children):
            return True
    t = h
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in _COND_MARKS for c in t.children):
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


def _number_value(toks: list[Token]) -> tuple[float, float] | None:
    """The interval a run of number tokens denotes ("3,000", "4.2 billion", "several hundred")."""
    value: float | None = None
    vague: tuple[float, float] | None = None
    for t in toks:
        w = t.lower_.replace(",", "")
        if _NUMBER_TEXT.match(t.text):
            value = float(w)
        elif (money := _suffixed_money(t)) is not None:
            value = money
        elif w in _WORD_NUMBERS:
            value = _WORD_NUMBERS[w] if value is None else value + _WORD_NUMBERS[w]
        elif w in _MULTIPLIERS:
            value = (value if value is not None else 1.0) * _MULTIPLIERS[w]
        elif w.rstrip(".") in _ABBREVIATED and value is not None:
            value *= _ABBREVIATED[w.rstrip(".")]
        elif w in _VAGUE:
            lo, hi = _VAGUE[w]
            vague = (lo, hi) if value is None else (lo * value / 100.0, hi * value / 100.0)
        elif w == "several":
            value = None
            vague = (3.0, 9.0)
    if vague is not None:
        if value is not None and value >= 100:  # "several hundred": 3..9 times the multiplier
            return (vague[0] * value, vague[1] * value)
        return vague
    if value is None:
        return None
    return (value, value)


# A number with its multiplier in one token: "1.2bn", "£40m" after the symbol.
_SUFFIXED = re.compile(
    r"^(\d[\d,]*(?:\.\d+)?)(bn|tn|trn|mn|mln|m|k|thousand|million|billion|trillion)$", re.IGNORECASE
)


def _suffixed_money(t: Token) -> float | None:
    """The value of a one-token figure with an abbreviated multiplier ("1.2bn", "10m" beside a
    currency), or None."""
    m = _SUFFIXED.match(t.text)
    if m is None:
        return None
    suffix = m[2].lower()
    if suffix not in _ALWAYS_MONEY:
        doc = t.doc
        before = doc[t.i - 1].text if t.i > 0 else ""
        after = doc[t.i + 1].lemma_.lower() if t.i + 1 < len(doc) else ""
        if before not in CURRENCY_SYMBOLS and after not in _CURRENCY_WORDS:
            return None
    return float(m[1].replace(",", "")) * (_GLUED.get(suffix) or _ABBREVIATED[suffix])


def _money_multiplier(t: Token) -> bool:
    """Whether ``t`` is an abbreviated multiplier right after a number: "bn" always, "m" and "k" only
    beside a currency ("£10m", "10m euros"), not in "a 10m wall"."""
    w = t.lower_.rstrip(".")
    if w not in _ABBREVIATED or t.i == 0 or not t.doc[t.i - 1].like_num:
        return False
    if w in _ALWAYS_MONEY:
        return True
    doc = t.doc
    number = doc[t.i - 1]
    before = doc[number.i - 1].text if number.i > 0 else ""
    after = doc[t.i + 1].lemma_.lower() if t.i + 1 < len(doc) else ""
    return before in CURRENCY_SYMBOLS or after in _CURRENCY_WORDS


def _numbers(doc: Doc, idx: set[int]) -> list[Json]:
    """Counted quantities in the claim: interval, kind (exact/approx/at_least/at_most/range), unit."""
    out: list[Json] = []
    order = sorted(idx)
    i = 0
    while i < len(order):
        t = doc[order[i]]
        numeric = t.like_num or t.lower_ in _VAGUE or t.lower_ in _MULTIPLIERS
        numeric = numeric or _suffixed_money(t) is not None
        if not numeric or t.ent_type_ in _SKIP_NUM_ENTS:
            i += 1
            continue
        run = [t]
        j = i + 1
        while j < len(order) and order[j] == run[-1].i + 1:
            n = doc[order[j]]
            if n.like_num or n.lower_ in _MULTIPLIERS or n.lower_ in _VAGUE or _money_multiplier(n):
                run.append(n)
                j += 1
            else:
                break
        # "Sixty-seven" is three tokens: the tens, a hyphen and the units.
        last = run[-1]
        if (
            last.lower_ in _TENS_WORDS
            and last.i + 2 < len(doc)
            and doc[last.i + 1].text in ("-", "‐")
            and _WORD_NUMBERS.get(doc[last.i + 2].lower_, 10.0) < 10
        ):
            run.extend([doc[last.i + 1], doc[last.i + 2]])
            while j < len(order) and order[j] <= last.i + 2:
                j += 1
        i = j
        first = run[0]
        if first.i > 0 and doc[first.i - 1].lower_ == "several":
            run.insert(0, doc[first.i - 1])
        interval = _number_value(run)
        if interval is None:
            continue
        # A bare four-digit number is a year ("in 2019"), not a count.
        if (
            len(run) == 1
            and _NUMBER_TEXT.match(first.text)
            and 1800 <= interval[0] <= 2100
            and "," not in first.text
        ):
            continue
        # "more than $20 million": the modifier stands before the currency sign.
        edge = run[0].i - 1 if run[0].i > 0 and doc[run[0].i - 1].text in CURRENCY_SYMBOLS else run[0].i
        before = " ".join(x.lower_ for x in doc[max(0, edge - 3) : edge])
        kind = "range" if interval[0] != interval[1] else "exact"
        lo, hi = interval
        if any(before.endswith(p) for p in _AT_LEAST):
            kind, hi = "at_least", float("inf")
        elif any(before.endswith(p) for p in _AT_MOST):
            kind, lo = "at_most", 0.0
        elif before.split()[-1:] and before.split()[-1] in _APPROX:
            kind, lo, hi = "approx", lo * _APPROX_LOW, hi * _APPROX_HIGH
        unit = _unit(doc, run)
        if unit is None:
            continue
        start = run[0].idx
        end = run[-1].idx + len(run[-1])
        out.append({"text": doc_text(doc)[start:end], "start": start, "end": end, "low": lo,
                    "high": hi if hi != float("inf") else None, "kind": kind, "unit": unit[0],
                    "unit_text": unit[1]})  # fmt: skip
    return out


def _unit(doc: Doc, run: list[Token]) -> tuple[str, str] | None:
    """The noun a number counts: "300 army engineers" -> "engineer", "$40 billion" -> "$"."""
    prev = doc[run[0].i - 1] if run[0].i > 0 else None
    if prev is not None and prev.text in "$€£¥":
        return prev.text, prev.text
    k = run[-1].i + 1
    if k < len(doc) and doc[k].lower_ in ("%", "percent", "per"):
        return "%", "%"
    if k < len(doc) and doc[k].lower_ == "of":  # "hundreds of drones"
        k += 1
    noun: Token | None = None
    first = k
    while k < len(doc) and k <= run[-1].i + 4:
        tok = doc[k]
        if tok.pos_ in ("NOUN", "PROPN"):
            noun = tok
        elif tok.pos_ == "ADJ" and noun is None:
            pass
        else:
            break
        k += 1
    if noun is None or noun.lower_ in _CALENDAR:  # "19 July", "24 February": a date, not a count
        return None
    return noun.lemma_.lower(), doc_text(doc)[doc[first].idx : noun.idx + len(noun)]


def _tense(head: Token, aux: set[int]) -> str | None:
    """ "past" ("denied", "did not deny", "has denied"), "present" or None (modal, infinitive...)."""
    doc = head.doc
    tags = [doc[i].tag_ for i in sorted(aux)]
    lemmas = [doc[i].lemma_.lower() for i in sorted(aux)]
    if any(lem in _MODALS or doc[i].tag_ == "MD" for lem, i in zip(lemmas, sorted(aux), strict=True)):
        return None
    if head.tag_ == "VBD" or "VBD" in tags or (head.tag_ == "VBN" and "have" in lemmas):
        return "past"
    if head.tag_ in ("VBZ", "VBP") or any(t in ("VBZ", "VBP") for t in tags):
        return "present"
    return None


def _join(text: str, parts: list[tuple[int, int]], trailer: int | None = None) -> str:
    """The claim's pieces as one sentence: a gap of mere punctuation between two pieces is kept (", "),
    a longer gap (a cut-out relative clause, a borrowed subject) becomes a space, except before a
    trailing attribution (``trailer``: "…, the council said"), which keeps the comma that set it off."""
    out = text[parts[0][0] : parts[0][1]]
    for (_, b), (a2, b2) in itertools.pairwise(parts):
        gap = "".join(ch for ch in text[b:a2] if ch not in _QUOTE_CHARS)
        sep = gap if gap.strip() and not re.search(r"[^\W_]", gap) else " "
        if sep == " " and trailer is not None and a2 <= trailer < b2 and gap.rstrip().endswith(","):
            sep = ", "
        out += (sep if sep.endswith(" ") else sep + " ") + text[a2:b2]
    return re.sub(r"\s+", " ", out).replace(" ,", ",")


def _balance_quotes(text: str, parts: list[tuple[int, int]], claim: str) -> tuple[list[tuple[int, int]], str]:
    """Close or open what the cut left half-quoted.

    An opening mark right before the claim joins it (the text stays verbatim); otherwise the missing
    mark is added at the other end, so a reader never sees "… is well known,” said the minister".
    """
    opens = sum(claim.count(q) for q in _OPEN_QUOTES)
    closes = sum(claim.count(q) for q in _CLOSE_QUOTES)
    if closes > opens:
        start = parts[0][0]
        k = start
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k > 0 and text[k - 1] in _OPEN_QUOTES:
            parts = [(k - 1, parts[0][1]), *parts[1:]]
            claim = text[k - 1 : start] + claim
        else:
            claim = "“" + claim
    elif opens > closes:
        claim = claim[:-1].rstrip() if claim[-1:] in _OPEN_QUOTES else claim + "”"
    if claim.count('"') % 2:
        k = claim.rfind('"')
        closing = k > 0 and not claim[k - 1].isspace()
        claim = '"' + claim if closing else claim + '"'
    return parts, claim


_DATELINE_TAIL_CHARS = 40


def _drop_dateline(text: str, parts: list[tuple[int, int]], sent: Span) -> list[tuple[int, int]]:
    """Start the claim after a wire dateline, or after what the parse left of one.

    "WASHINGTON (Kyodo) Kurt Campbell, ... voiced high praise": where and by whom the story was filed
    is no part of what it states. Depending on the parse, the claim holds the whole dateline or only
    the agency's name with its closing bracket ("Kyodo) Kurt Campbell ..."): a closing bracket near
    the start whose opening bracket is not in the claim marks that tail.
    """
    a, b = parts[0]
    k = a
    if a == sent.start_char:
        k = a + dateline_end(text[a:b])
    if k == a:
        head = text[a : min(b, a + _DATELINE_TAIL_CHARS)]
        close = head.find(")")
        if close < 0 or "(" in head[:close]:
            return parts
        k = a + close + 1
        while k < b and (text[k].isspace() or text[k] in "-–—"):
            k += 1
    if k >= b:
        return parts
    return [(k, b), *parts[1:]]


def _claim_json(
    doc: Doc,
    idx: set[int],
    head: Token,
    sent: Span,
    attribution: Json | None,
    subject: Token | None,
    aux: set[int] | None = None,
) -> Json | None:
    content = {i for i in idx if not doc[i].is_punct}
    if len(content) < _MIN_CLAIM_TOKENS:
        return None
    parts = _runs(doc, idx)
    if not parts:
        return None
    text = doc_text(doc)
    trailer = None
    if attribution is not None:
        cue = attribution["cue"]["start"]
        speaker = attribution.get("speaker") or {}
        trailer = min(cue, int(speaker.get("start", cue)))
    parts = _drop_dateline(text, parts, sent)
    parts, claim_text = _balance_quotes(text, parts, _join(text, parts, trailer))
    obj = next((c for c in head.children if c.dep_ in ("dobj", "attr", "oprd")), None)
    if obj is None:
        obj = next(
            (g for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None
        )
    aux = aux or set()
    modal = next((doc[i].lower_ for i in sorted(aux) if doc[i].lower_ in _MODALS), None)
    return {
        "text": claim_text,
        "start": parts[0][0],
        "end": parts[-1][1],
        "parts": [[a, b] for a, b in parts],
        "sentence": [sent.start_char, sent.end_char],
        "verb": head.lemma_.lower(),
        "verb_start": head.idx,
        "negated": _negated(head),
        "modal": modal,
        "tense": _tense(head, aux),
        "conditional": _conditional(head, sent),
        "subject": _phrase(subject),
        "object": _phrase(obj),
        "numbers": _numbers(doc, idx),
        "attribution": attribution,
    }


def claims_of_sentence(sent: Span) -> list[Json]:
    """The atomic claims of one parsed sentence, in text order."""
    doc = sent.doc
    if not any(t.pos_ in _VERB_POS for t in sent):
        return []
    found: list[Json] = []

    def clause(
        h: Token, prefix: set[int], attribution: Json | None, inherited: Token | None, borrowed: set[int]
    ) -> None:
        conjs = _split_heads(h)
        own = _subtree(h)
        for cj in conjs:
            own -= _subtree(cj)
            for c in h.children:
                if c.dep_ == "cc" and c.i < cj.i:
                    own -= _subtree(c)  # "but also" with its "also"
        if conjs:
            # "not only closed ... but also cut", "both raised ... and cut": the first claim without
            # the correlative's first half.
            for c in h.children:
                if c.dep_ == "preconj":
                    own -= _subtree(c)
        rels = _relcls(own, doc)
        for r in rels:
            own -= _subtree(r)
        subj = _subject(h) or inherited
        # A conjoined verb without a subject of its own borrows its head's subject, and its auxiliaries
        # too when it has none ("Putin will travel ... and meet" is "Putin will meet", not "Putin meet").
        own_aux = {c.i for c in h.children if c.dep_ in _AUX_DEPS}
        active = any(c.dep_ in _ACTIVE_DEPS for c in h.children) or (
            # "ended up in one class" is active, "was sworn in" passive: a particle alone does not say.
            h.tag_ in ("VBD", "VBZ", "VBP") and any(c.dep_ == "prt" for c in h.children)
        )
        if active and any(doc[i].dep_ == "auxpass" for i in borrowed):
            borrowed = set()  # "The twins were born ... and ended up in one class": not "were ended up"
        extra = set()
        if inherited is not None and _subject(h) is None:
            extra = _subtree(inherited) | (set() if own_aux else borrowed)
        aux = own_aux or (borrowed if extra else set())
        comps = [c for c in h.children if c.dep_ == "ccomp" and c.i in own]
        if attribution is None and _is_cue(h) and comps:
            speaker = _phrase(_subject(h) or inherited)
            cue_part = own - set().union(*(_subtree(c) for c in comps))
            attr = {"verb": h.lemma_.lower(), "cue": {"text": h.text, "start": h.idx, "end": h.idx + len(h)},
                    "speaker": speaker, "negated": _negated(h)}  # fmt: skip
            for c in comps:
                clause(c, prefix | cue_part | extra, attr, None, set())
        elif subj is not None or h.pos_ not in _VERB_POS:
            # A verb with no subject at all heads a fragment (a sentence cut at "U.N.", a headline
            # remnant): not a claim a reader could check.
            item = _claim_json(doc, own | prefix | extra, h, sent, attribution, subj, aux)
            if item is not None:
                found.append(item)
        for cj in conjs:
            clause(cj, prefix, attribution, None if _subject(cj) else subj, aux)
        for r in rels:
            noun = _antecedent(r)
            if noun is r.head:
                name = {
                    t.i
                    for t in noun.subtree
                    if t.i < noun.i and t.dep_ in ("compound", "amod", "poss", "det", "nummod")
                }
            else:
                # The event noun with what names it ("Putin's war against Sweland"), without the clause.
                name = (
                    _subtree(noun)
                    - _subtree(r)
                    - {t.i for t in noun.subtree if t.is_punct and t.i > r.head.i}
                )
            rel_idx = _subtree(r) | name | {noun.i}
            rel_idx -= {t.i for t in r.subtree if t.dep_ in _SUBJ and t.tag_ in ("WP", "WDT")}
            item = _claim_json(
                doc, rel_idx, r, sent, None, noun, {c.i for c in r.children if c.dep_ in _AUX_DEPS}
            )
            if item is not None:
                found.append(item)

    clause(sent.root, set(), None, None, set())
    # A relative clause inside a reported clause is reached from both; keep each claim once.
    unique = {tuple(map(tuple, c["parts"])): c for c in found}
    return sorted(unique.values(), key=lambda c: (c["start"], c["end"]))


def extract_claims(doc: Doc) -> list[Json]:
    """Every atomic claim of a parsed article."""
    return [c for sent in doc.sents for c in claims_of_sentence(sent)]


class ClaimStage:
    """Per-article stage: atomic claims from one spaCy parse of the cleaned text."""

    name = "claims"
    # 2: conjoined verbs borrow auxiliaries, restrictive relative clauses stay in their claim, tense,
    # phrase cores, balanced quotes. 3: conditions kept and marked, no split after a lost subject, an
    # event clause on a name inside a prepositional phrase is about the event noun. 4: money
    # multipliers ("10m euros", "£1.2bn"). 5: hyphenated number words ("Sixty-seven"). 6: a modifier
    # before the currency sign ("more than $20 million"). 10-11: verbs joined by "or"/"nor" are one
    # claim, correlatives left out, an active verb does not borrow a passive "was".
    version = "11"

    def setup(self) -> None:
        """Load the spaCy pipeline (shared with the nlp stage in the same process)."""
        from storyscope.stages.nlp import load_nlp

        load_nlp()

    def run(self, articles: list[Article]) -> list[Json]:
        """One ``{"claims": [...]}`` per article, or ``{"skipped": reason}``."""
        from storyscope.stages.nlp import load_nlp

        out: list[Json | None] = [None] * len(articles)
        todo: list[int] = []
        for i, a in enumerate(articles):
            if a.language not in (None, "en"):
                out[i] = {"skipped": f"language {a.language} not supported"}
            elif not a.text.strip():
                out[i] = {"claims": []}
            else:
                todo.append(i)
        if todo:
            nlp = load_nlp()
            # Only the parse is needed: the named-entity recogniser is the slowest component left out.
            with nlp.select_pipes(disable=[p for p in ("ner",) if p in nlp.pipe_names]):
                docs = nlp.pipe([articles[i].text for i in todo], batch_size=32)
                for i, doc in zip(todo, docs, strict=True):
                    out[i] = {"claims": extract_claims(doc)}
        return [o if o is not None else {"claims": []} for o in out]
