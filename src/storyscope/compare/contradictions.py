"""Explainable rules that say when two sources' claims cannot both be true.

No NLI model is available offline, so contradictions come from a few rules over pairs of claims that
the alignment (:mod:`storyscope.compare.claims`) found to be about the same thing. Each rule states
why it fired. Precision matters more than recall: a briefing that cries wolf is useless, so every
rule demands, besides its own evidence, that the two claims be about the same event (high sentence
similarity, a shared verb or object, agreeing actors) and that neither be hedged (conditional,
question). Statements at different precision ("one of his first trips" against "his second trip",
"more than 20 million" against "22 million", "next week" against "on Tuesday") are compatible.

Rules, tried in this order:

``polarity``
    The same predicate (same verb lemma, or a denial against a confirmation) about the same object,
    asserted by one source and negated by the other: "did not deny the allegation" against "has
    denied the accusations"; "will not discuss" against "will discuss".
``number``
    The same counted thing ("army engineers") with intervals that cannot overlap, once "about"
    (-25%/+33%), "more than", "up to", "hundreds" and rounding (5%) are taken into account. Running
    totals over different spans ("since the attacks", "overnight"), increments and parts ("a further
    164", "of the 80 admitted"), possibilities ("may be") and breakdowns with a figure that fits are
    not compared. The
    claims' subjects must not name two different things ("ISIS executed three hostages" against "the
    Briton beheaded four hostages"), and a measure (miles, per cent, years, money) needs the same
    subject on both sides: a distance or a share is always of something. "One" is not compared: it is
    mostly an article ("one source said"), not a count anyone disputes.
``date``
    The same event (same verb, near-identical claims) on two different explicitly stated days.
``attribution``
    The same statement (near-identical reported content) put in the mouths of two different people.
``denial``
    One source states a claim as fact; the other says it is false: "reports that … are a hoax", "the
    story was debunked", "X denied that …", "the claim is not true", a negation that answers reports
    ("has not closed the border, contrary to reports"). The denial must address the claim (shared
    content words, see :func:`denial_addresses`), and the alignment
    (:mod:`storyscope.compare.claims`) checks the two sources' other claims: a source that reports the
    denial itself, or that also states the claim as fact, is not contradicted (it reports both sides).

A claim here is the JSON dict :mod:`storyscope.compare.claims` builds per source: the stage's fields
(``verb``, ``negated``, ``modal``, ``conditional``, ``subject``, ``object``, ``numbers``,
``attribution``) plus ``speaker`` (canonical entity name or None), ``actors`` (entity name -> type),
``dates`` (resolved day-precision dates stated explicitly) and ``text``.
"""

from __future__ import annotations

import math
import re

from storyscope.models import Json

# Nouns for a statement someone made: denying "the allegation" and "the accusations" or "Sullivan's
# statements" is denying the same kind of thing.
STATEMENT_NOUNS = frozenset(
    "allegation accusation claim charge report statement assertion suggestion comment remark "
    "information finding reports".split()
)
# Verbs whose own meaning is negative: denying is the opposite of confirming.
ANTONYMS: dict[str, str] = {
    "deny": "confirm",
    "confirm": "deny",
    "reject": "accept",
    "accept": "reject",
    "refuse": "agree",
    "agree": "refuse",
}
# Thresholds on the all-MiniLM-L6-v2 cosine of the two claims.
POLARITY_MIN_SIM = 0.5
STATEMENT_MIN_SIM = 0.3
# Measured on a real multi-outlet story: counts in claims below this were of different places or
# moments ("five killed at the pizzeria" against "80 killed at the concert hall", at 0.56).
NUMBER_MIN_SIM = 0.6
DATE_MIN_SIM = 0.8
ATTRIBUTION_MIN_SIM = 0.9
# Two figures conflict only when the larger is at least this many times the smaller, after slack.
NUMBER_MIN_RATIO = 1.2
EXACT_SLACK = 0.05
# Units that measure something (a distance from, a share of, a sum for, a span of time) rather than
# count things: the figure is only comparable when both claims are about the same subject.
MEASURE_UNITS = frozenset(
    "mile kilometre kilometer km metre meter foot feet yard inch acre hectare percent % degree "
    "year month week day hour minute second $ € £ ¥ dollar euro pound yen rupee ruble rouble yuan "
    "ton tonne kilogram kg gram barrel litre liter gallon".split()
)
# Subjects that say nothing about what they stand for (no coreference here): they neither agree nor
# disagree with another subject.
_OPAQUE_SUBJECTS = frozenset("he she it they we i you who which that this these those one there".split())
# Verbs too generic to identify an event on their own.
_LIGHT_VERBS = frozenset("be have do make get go take say".split())
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _sides_hedged(a: Json, b: Json) -> bool:
    return bool(a.get("conditional") or b.get("conditional"))


def _actors_conflict(a: Json, b: Json) -> bool:
    """Whether the two claims' subjects are two different named entities of the same kind."""
    sa, sb = a.get("subject_entity"), b.get("subject_entity")
    if not sa or not sb or sa == sb:
        return False
    ta, tb = a.get("actors", {}).get(sa), b.get("actors", {}).get(sb)
    return ta is not None and ta == tb


def _speakers_conflict(a: Json, b: Json) -> bool:
    pa, pb = a.get("attribution"), b.get("attribution")
    if (pa is None) != (pb is None):
        return True  # one source states it, the other reports someone saying it: not the same claim
    sa, sb = a.get("speaker"), b.get("speaker")
    return sa is not None and sb is not None and sa != sb


def _head(phrase: Json | None) -> str | None:
    return None if phrase is None else str(phrase.get("head") or "") or None


def _same_object(a: Json, b: Json, sim: float) -> bool:
    oa, ob = _head(a.get("object")), _head(b.get("object"))
    if oa is None or ob is None:
        return oa is None and ob is None and sim >= 0.75
    if oa == ob:
        return True
    return oa in STATEMENT_NOUNS and ob in STATEMENT_NOUNS


def _about_statement(a: Json, b: Json) -> bool:
    """Both deny (or confirm) a statement: "the allegation", "Sullivan's statements"."""
    oa, ob = _head(a.get("object")), _head(b.get("object"))
    verbs = {"deny", "confirm", "reject", "dispute", "refute", "acknowledge"}
    return a["verb"] in verbs and b["verb"] in verbs and oa in STATEMENT_NOUNS and ob in STATEMENT_NOUNS


# Adverbs that pass a statement on without vouching for it.
_HEARSAY = re.compile(
    r"\b(?:allegedly|reportedly|purportedly|supposedly|apparently|rumou?red)\b", re.IGNORECASE
)


def polarity(a: Json, b: Json, sim: float) -> Json | None:
    """One source asserts what the other negates (or denies what the other confirms)."""
    # Denying an allegation is about the story's allegation however differently the two outlets word
    # it; anything else must be worded alike to be the same statement.
    floor = STATEMENT_MIN_SIM if _about_statement(a, b) else POLARITY_MIN_SIM
    if sim < floor or _sides_hedged(a, b) or _speakers_conflict(a, b) or _actors_conflict(a, b):
        return None
    if _HEARSAY.search(str(a["text"])) or _HEARSAY.search(str(b["text"])):
        return None  # "have allegedly cut down": hearsay, not one outlet's word against the other's
    va, vb = a["verb"], b["verb"]
    flipped = ANTONYMS.get(va) == vb
    if va != vb and not flipped:
        return None
    if va in _LIGHT_VERBS and (
        _head(a.get("object")) is None
        or _head(a.get("object")) != _head(b.get("object"))
        or _subject_key(a) is None
        or _subject_key(a) != _subject_key(b)
    ):
        # "is not" against "is" says nothing unless it is about the same thing said of the same
        # named subject: "it is not about the cup" and "the match is about the cup" need not clash.
        return None
    if (a.get("modal") is None) != (b.get("modal") is None):
        return None  # "may not" against "did": a possibility is not the opposite of a fact
    neg_a, neg_b = bool(a["negated"]), bool(b["negated"])
    if (neg_a != neg_b) == flipped:
        return None
    if not _same_object(a, b, sim):
        return None
    why = (
        f"{'denial against confirmation' if flipped else 'negation'}: "
        f"{'negated' if neg_a else 'asserted'} '{va}' against {'negated' if neg_b else 'asserted'} '{vb}'"
    )
    return {"rule": "polarity", "explanation": why, "topic": "whether " + clause_of(a, b)}


def _interval(n: Json) -> tuple[float, float]:
    lo = float(n["low"])
    hi = math.inf if n.get("high") is None else float(n["high"])
    if n.get("kind") == "exact":
        lo, hi = lo * (1 - EXACT_SLACK), hi * (1 + EXACT_SLACK)
    return lo, hi


def numbers_conflict(x: Json, y: Json) -> bool:
    """Whether two figures for the same unit cannot both hold."""
    lx, hx = _interval(x)
    ly, hy = _interval(y)
    if hx < ly:
        return ly >= NUMBER_MIN_RATIO * hx
    if hy < lx:
        return lx >= NUMBER_MIN_RATIO * hy
    return False


def _subject_key(c: Json) -> str | None:
    """What a claim's subject identifies: its entity, else its head lemma; None when opaque."""
    if c.get("subject_entity"):
        return str(c["subject_entity"]).lower()
    head = _head(c.get("subject"))
    return None if head is None or head in _OPAQUE_SUBJECTS else head


def _subjects_agree(a: Json, b: Json, unit: str, measure: bool) -> bool:
    """Whether two figures can be about the same thing as far as the claims' subjects tell.

    A measure needs the same subject on both sides. For a count, subjects disagree only when each
    names something the other claim never mentions: a claim's subject may be its reporter ("Valmora
    said that Kestria moved 300 engineers") or its counted thing ("300 engineers arrived"), so a
    subject found in the other claim's words, or an opaque one, does not tell two things apart.
    """
    ka, kb = _subject_key(a), _subject_key(b)
    if measure:
        return ka is not None and ka == kb
    if ka is None or kb is None or unit in (ka, kb) or ka == kb:
        return True
    return _mentions(str(b["text"]), ka) or _mentions(str(a["text"]), kb)


def _mentions(text: str, key: str) -> bool:
    # Subject heads are lemmas: "engineer" is mentioned by "engineers".
    return re.search(r"(?<!\w)" + re.escape(key) + r"(?:e?s)?(?!\w)", text, re.IGNORECASE) is not None


def _is_one(n: Json) -> bool:
    return float(n["low"]) == 1.0 and n.get("high") is not None and float(n["high"]) == 1.0


# A count over a period ("793 raids since the attacks", "so far", "overnight") is a running total: two
# outlets writing at different times, or over different spans, give different totals that are both
# true. Claims compare their figures only when they name the same span words.
_PERIOD = re.compile(
    r"\b(?:since|so far|to date|in total|altogether|overall|cumulative(?:ly)?|overnight|"
    r"(?:in|over|during) the (?:past|last|previous|first)|(?:this|last|that) (?:week|month|year|weekend)|"
    r"(?:a|per|each|every) (?:day|week|month|year)|daily|weekly|yearly|annually|"
    # Rates over different spans: "1.5% month over month" is not "5.4% compared with a year ago".
    r"(?:day|week|month|quarter|year)[- ](?:on|over)[- ](?:day|week|month|quarter|year)|"
    r"(?:compared (?:with|to)|from|than|since) (?:a|one|the) (?:week|month|quarter|year) "
    r"(?:ago|earlier|before)|"
    r"annuali[sz]ed|year-to-date)\b",
    re.IGNORECASE,
)
# Words that make a figure an increment or a part, not the total the other outlet gives: "a further
# 164 people", "another 20", "164 more", "of the 80 people admitted, 29 remain".
_INCREMENT_BEFORE = re.compile(
    r"(?:\b(?:further|another|additional|extra|new|more|latest)|\bof (?:the|these|those|its|their))\s+$",
    re.IGNORECASE,
)
_INCREMENT_AFTER = re.compile(r"^\s+(?:more|further|additional|extra|new)\b", re.IGNORECASE)
# "8,000 times larger than X", "1.5 times stronger than thought": a ratio against a reference that
# each outlet picks for itself, not a count.
_RATIO = re.compile(r"\btimes\s+(?:\w+er|more|less|fewer|as)\b", re.IGNORECASE)
# Modals that make a figure a possibility ("three brothers may be involved"), not a statement.
_HEDGE_MODALS = frozenset("may might could".split())


_POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|its|their|our|my|your)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _owner(c: Json, n: Json) -> str | None:
    """Whose figure ``n`` is, as far as claim ``c`` says: the named actor nearest before it ("Pasok
    placed third with 33 seats" -> Pasok), "?" for a possessive pronoun no rule resolves ("his 33
    seats"), None when nothing precedes it."""
    text = str(c["text"])
    m = re.search(r"(?<![\w.,])" + re.escape(str(n["text"])) + r"(?!\w)", text)
    if m is None:
        return None
    before = text[: m.start()]
    if _POSSESSIVE_BEFORE.search(before):
        return "?"
    best: tuple[int, str] | None = None
    for name in c.get("actors", {}):
        for form in dict.fromkeys([str(name), str(name).split()[-1]]):
            at = before.rfind(form)
            if at >= 0 and (best is None or at > best[0]):
                best = (at, str(name))
    return best[1] if best else None


def _owners_differ(a: Json, x: Json, b: Json, y: Json) -> bool:
    # One side naming whose figure it is and the other not is no evidence that they are the same
    # actor's: the name may simply not have been recognised there ("Pasok ... 33 seats").
    oa, ob = _owner(a, x), _owner(b, y)
    return "?" in (oa, ob) or oa != ob


def _periods(c: Json) -> set[str]:
    return {m.group().lower() for m in _PERIOD.finditer(str(c["text"]))}


def _increment(c: Json, n: Json) -> bool:
    """Whether figure ``n`` of claim ``c`` is an increment or a part ("a further 164", "of the 80")."""
    text = str(c["text"])
    for m in re.finditer(r"(?<![\w.,])" + re.escape(str(n["text"])) + r"(?![\w])", text):
        if _INCREMENT_BEFORE.search(text[: m.start()]) or _INCREMENT_AFTER.match(text[m.end() :]):
            return True
    return False


def _tally_may_have_grown(a: Json, x: Json, b: Json, y: Json) -> bool:
    """Whether the two counts may be one running tally read on different days.

    Counts of what accumulates (arrests, seizures, victims, protesters) rise while a story runs: an
    outlet writing a day later reports more, and both are true. Unless both claims tie their figure
    to the same day, counts from sources of different dates are compared only when the later source
    counts fewer (a revision downwards is a disagreement). A source of unknown date cannot be placed
    before or after the other: scraped text often carries no date, and a briefing that cries wolf
    over two readings of one tally is worse than one that misses a disputed count.
    """
    if set(a.get("days", [])) & set(b.get("days", [])):
        return False
    pa, pb = a.get("published"), b.get("published")
    if not pa or not pb:
        return True
    if pa == pb:
        return False
    earlier, later = (x, y) if pa < pb else (y, x)
    return float(later["low"]) >= float(earlier["low"])


_FIGURE_WORDS = frozenset(
    "hundred thousand million billion trillion percent per cent dollars euros pounds".split()
)
_CONTEXT_WORDS = 4


def _figure_context(c: Json, n: Json) -> set[str]:
    """The content words a few words either side of figure ``n`` in claim ``c``."""
    text = str(c["text"])
    m = re.search(r"(?<![\w.,])" + re.escape(str(n["text"])) + r"(?!\w)", text)
    if m is None:
        return set()
    before = _WORD.findall(text[: m.start()])[-_CONTEXT_WORDS:]
    after = _WORD.findall(text[m.end() :])[: _CONTEXT_WORDS + 1]
    # Who is acting is compared elsewhere (subjects must agree): here only what the amount is for.
    names = " ".join([str((c.get("subject") or {}).get("text") or ""), *map(str, c.get("actors", {}))])
    return _key_words(" ".join(before + after)) - _FIGURE_WORDS - _WHEN_WORDS - _key_words(names)


def _measures_differ(a: Json, x: Json, b: Json, y: Json) -> bool:
    """Whether two amounts measure different things by the words around them: "his $6 trillion
    budget for 2022" is not "deficits in excess of $1 trillion for the next decade"."""
    ca, cb = _figure_context(a, x), _figure_context(b, y)
    return bool(ca) and bool(cb) and not (ca & cb)


def number(a: Json, b: Json, sim: float) -> Json | None:
    """The same counted thing with figures that cannot both hold."""
    if sim < NUMBER_MIN_SIM or _sides_hedged(a, b):
        return None
    if a.get("modal") in _HEDGE_MODALS or b.get("modal") in _HEDGE_MODALS or _periods(a) != _periods(b):
        return None
    for x in a.get("numbers", []):
        for y in b.get("numbers", []):
            if x["unit"] != y["unit"] or _is_one(x) or _is_one(y):
                continue
            if _increment(a, x) or _increment(b, y):
                continue
            # Results listed per party or per country: each figure belongs to the actor named before it.
            if _owners_differ(a, x, b, y):
                continue
            if x["unit"] == "time" and (_RATIO.search(str(a["text"])) or _RATIO.search(str(b["text"]))):
                continue
            # A claim with several figures of one unit is a breakdown ("19 died at the café, 15 at the
            # bar"): the other figure may be any one of them, so every one of them must conflict.
            if any(not numbers_conflict(x2, y) for x2 in a["numbers"] if x2["unit"] == y["unit"]):
                continue
            if any(not numbers_conflict(x, y2) for y2 in b["numbers"] if y2["unit"] == x["unit"]):
                continue
            measure = str(x["unit"]) in MEASURE_UNITS
            if not _subjects_agree(a, b, str(x["unit"]), measure):
                continue
            if not measure and _tally_may_have_grown(a, x, b, y):
                continue
            if measure and _measures_differ(a, x, b, y):
                continue
            # The claims must count the same thing in the same situation: another shared word
            # besides the unit (actor, verb or object) beyond the sentences' similarity.
            if not _shared_context(a, b, exclude={x["unit"]}):
                continue
            why = (
                f"'{x['text']} {x['unit_text']}' ({x['kind']}) cannot be "
                f"'{y['text']} {y['unit_text']}' ({y['kind']})"
            )
            return {"rule": "number", "explanation": why, "topic": f"how many {y['unit_text']}"}
    return None


def _content(text: str) -> set[str]:
    return {w for w in (m.group().lower() for m in _WORD.finditer(text)) if len(w) > 3}


def _shared_context(a: Json, b: Json, exclude: set[str]) -> bool:
    shared = (_content(a["text"]) & _content(b["text"])) - exclude - {e + "s" for e in exclude}
    return len(shared) >= 2 or bool(set(a.get("actors", {})) & set(b.get("actors", {})))


def date(a: Json, b: Json, sim: float) -> Json | None:
    """The same event on two explicitly stated, different days."""
    if sim < DATE_MIN_SIM or _sides_hedged(a, b) or a["verb"] != b["verb"] or a["verb"] in _LIGHT_VERBS:
        return None
    da, db = set(a.get("dates", [])), set(b.get("dates", []))
    if len(da) != 1 or len(db) != 1 or da == db:
        return None
    if _speakers_conflict(a, b) or _actors_conflict(a, b):
        return None
    x, y = next(iter(da)), next(iter(db))
    return {
        "rule": "date",
        "explanation": f"the same event ('{a['verb']}') dated {x} in one source and {y} in the other",
        "topic": "when " + clause_of(a, b, with_object=False),
    }


def attribution(a: Json, b: Json, content_sim: float) -> Json | None:
    """The same reported statement attributed to two different people."""
    pa, pb = a.get("attribution"), b.get("attribution")
    if pa is None or pb is None or content_sim < ATTRIBUTION_MIN_SIM:
        return None
    sa, sb = a.get("speaker"), b.get("speaker")
    if sa is None or sb is None or sa == sb:
        return None
    if a.get("actors", {}).get(sa) != "person" or b.get("actors", {}).get(sb) != "person":
        return None
    # "Foley" may well be "Diane Foley": a name inside the other is no evidence of two people.
    wa, wb = set(_WORD.findall(str(sa).lower())), set(_WORD.findall(str(sb).lower()))
    if wa <= wb or wb <= wa:
        return None
    return {
        "rule": "attribution",
        "explanation": f"the same statement attributed to {sa} in one source and to {sb} in the other",
        "topic": f"who said “{_short(str(a['text']))}”",
    }


# Past tenses that the "add -ed" rules get wrong, for the verbs news topics are made of.
_IRREGULAR_PAST = dict(
    pair.split(":")
    for pair in (
        "be:was have:had do:did go:went make:made take:took say:said meet:met send:sent give:gave sell:sold "
        "buy:bought tell:told hold:held leave:left come:came see:saw know:knew find:found win:won lose:lost "
        "pay:paid put:put set:set begin:began bring:brought build:built keep:kept lead:led run:ran "
        "speak:spoke write:wrote break:broke choose:chose fall:fell fight:fought get:got grow:grew hit:hit "
        "rise:rose seek:sought shoot:shot spend:spent stand:stood think:thought strike:struck drive:drove "
        "fly:flew hear:heard mean:meant read:read withdraw:withdrew cut:cut let:let shut:shut quit:quit "
        "become:became forbid:forbade undertake:undertook overtake:overtook"
    ).split()
)
_VOWELS = "aeiou"


def past_tense(lemma: str) -> str:
    """The simple past of a verb lemma ("deny" -> "denied", "ban" -> "banned", "meet" -> "met")."""
    if lemma in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ied"
    # One-syllable consonant-vowel-consonant verbs double the consonant ("ban", "stop", "plan").
    vowels = sum(ch in _VOWELS for ch in lemma)
    if (
        vowels == 1
        and len(lemma) >= 3
        and lemma[-1] not in _VOWELS + "wxy"
        and lemma[-2] in _VOWELS
        and lemma[-3] not in _VOWELS
    ):
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def present_tense(lemma: str, plural: bool) -> str:
    """The present of a verb lemma agreeing with its subject ("deny" -> "denies" / "deny")."""
    if lemma == "be":
        return "are" if plural else "is"
    if plural:
        return lemma
    if lemma == "have":
        return "has"
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        return lemma + "es"
    if len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ies"
    return lemma + "s"


def _subject_name(c: Json) -> str | None:
    """The subject as a reader would name it: the story's entity when one is the subject."""
    ent = c.get("subject_entity")
    if ent and c.get("actors", {}).get(ent):
        return str(ent)
    subj = c.get("subject")
    if not subj:
        return None
    return str(subj.get("core") or subj.get("text") or "") or None


def clause_of(a: Json, b: Json, with_object: bool = True) -> str:
    """What two claims disagree about as a clause: "Iran denied the US allegations".

    The subject is the one either side names as an entity ("Iran" over "a spokesman"), the verb is
    side ``a``'s in the tense the two share (past when either is past, the modal when both carry
    one), and the object is ``a``'s without its attachments.
    """
    names = [_subject_name(x) for x in (a, b)]
    named = [n for x, n in zip((a, b), names, strict=True) if n and x.get("subject_entity")]
    subject = named[0] if named else next((n for n in names if n), "")
    src = a if (not named or names[0] == subject) else b
    plural = bool((src.get("subject") or {}).get("plural")) and not named
    lemma = str(a["verb"])
    modal_a, modal_b = a.get("modal"), b.get("modal")
    if modal_a and modal_b:
        verb = f"{modal_a} {lemma}"
    elif "past" in (a.get("tense"), b.get("tense")):
        verb = past_tense(lemma) if lemma != "be" or not plural else "were"
    else:
        verb = present_tense(lemma, plural)
    obj = ""
    if with_object:
        phrase = a.get("object") or b.get("object") or {}
        obj = str(phrase.get("core") or phrase.get("text") or "")
    words = [w for w in (subject, verb, obj) if w]
    if subject:
        words[0] = subject[0].lower() + subject[1:] if subject.split()[0].lower() in _ARTICLES else subject
    return " ".join(words)


_ARTICLES = frozenset({"a", "an", "the"})


def _short(text: str, limit: int = 80) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def judge(a: Json, b: Json, sim: float, content_sim: float | None = None) -> Json | None:
    """The first rule that finds ``a`` and ``b`` incompatible (``rule``, ``explanation``, ``topic``)."""
    for rule in (polarity, number, date):
        found = rule(a, b, sim)
        if found is not None:
            return found
    return attribution(a, b, sim if content_sim is None else content_sim)


# --- denial -----------------------------------------------------------------------------------------

# Verbs that say a statement is false whatever their object ("denied quitting", "refuted the story").
DENY_VERBS = frozenset("deny debunk refute disprove rebut dispel discredit".split())
# Verbs that do so only when their object (or passive subject) is a statement: one dismisses or
# rejects a report, but also an offer or a player.
DENY_STATEMENT_VERBS = frozenset("dismiss reject dispute contradict retract".split())
# What a denial is about when it does not restate the claim: the report, the rumour, the story.
REPORT_NOUNS = STATEMENT_NOUNS | frozenset(
    "rumour rumor story news speculation article post photo picture video image hoax tale".split()
)
# Said of a statement or of what it reports: it is false.
_FALSE_WORDS = (
    "hoax|fake|false|untrue|fabricated|fabrication|bogus|baseless|groundless|unfounded|made up|"
    "made-up|fictional|fiction|satire|satirical|prank|myth|debunked|nonsense|inaccurate|incorrect"
)
# A falsity word said of something ("the story was a hoax", "turned out to be completely fake"):
# what may stand between the copula and the word is an article or an intensifier, never a negation.
_PREDICATE_FALSE = re.compile(
    r"\b(?P<cop>is|are|was|were|be|been|being|’s|'s|proved|proven|turned out to be|turns out to be)\s+"
    r"(?P<mid>(?:(?:a|an|just|all|completely|totally|entirely|simply|nothing but|actually|in fact|clearly|"
    r"an elaborate|a complete|a total|an internet|another|a \w+,)\s+)*)"
    r"(?P<word>" + _FALSE_WORDS + r")\b(?P<after>\W+\w+)?",
    re.IGNORECASE,
)
# "exposed as a hoax", "classified the story as false", "dismissed as fake".
_AS_FALSE = re.compile(
    r"\b(?:exposed|revealed|unmasked|classified|classifies|labell?ed|labels|branded|brands|dismissed|"
    r"dismisses|debunked|debunks|rated|rates|outed|declared|declares)\s+(?:[\w’'\"“”-]+\s+){0,6}?as\s+"
    r"[\"“]?(?:a |an )?(?:complete |total |an elaborate )?[\"“]?(?P<word>" + _FALSE_WORDS + r")\b",
    re.IGNORECASE,
)
# "is not true", "wasn't real", "no truth to": the negation of truth.
_NOT_TRUE = re.compile(
    r"\b(?:(?:is|are|was|were|be|been)\s+(?:not|never)|isn[’']t|aren[’']t|wasn[’']t|weren[’']t)\s+"
    r"(?:at all\s+)?(?P<word>true|accurate|real|genuine|correct|the case)\b|\bno truth\b",
    re.IGNORECASE,
)
# After a predicative falsity word, what may follow: the end of the clause or a function word ("was a
# hoax, according to", "is fake and"), or the statement noun itself ("was a fake story"). Another
# noun means the word is attributive ("was a fake account"), not said of the claim.
_AFTER_FALSE = frozenset(
    "and or but according by from as because since that which who after when perpetrated created "
    "started designed meant intended".split()
)
# Hedges that make a denial a suspicion: "may be a hoax", "could be fake".
_HEDGED_DENIAL_MODALS = frozenset("may might could would should can must".split())
# Attribution verbs that report a belief, not a statement: "some suspect it is a hoax".
_BELIEF_VERBS = frozenset("believe think expect hope fear suspect worry feel doubt wonder".split())
_STOPWORDS = frozenset(
    "the and for that this with from have has had was were are been being will would could should "
    "said says say also about after into over than then there their they them its his her she him "
    "who what when where which while more most some such only just not but all any can may might "
    "new one two first last year years according told report reports reported claim claims story "
    "news".split()
)
# The fewest content words a denial must share with the claim, and the share of the claim's words.
DENIAL_MIN_SHARED = 2
DENIAL_MIN_COVER = 0.3
DENIAL_MIN_SIM = 0.35
# With the fewest shared words, this similarity is enough.
DENIAL_CLOSE_SIM = 0.55
# Or: this share of the denial's own content words is in the claim, at this similarity.
DENIAL_MIN_DENIED_COVER = 0.5
DENIAL_DENIED_SIM = 0.45


# What is denied in the sense of refused: "denied the request", "denied bail", "denied him entry".
_REFUSED_THINGS = frozenset(
    "request application motion petition bail access entry permit permission visa appeal asylum parole "
    "licence license service benefit coverage loan exemption waiver stay injunction relief admission "
    "approval passage certiorari hearing".split()
)


def denial_cue(c: Json) -> str | None:
    """How claim ``c`` says that something is false ("denied by Kestria", "'a hoax'"), else None.

    Negated, hedged (conditional, question, "may be") or merely believed denials are no denial, nor
    is a denial of a debunk ("denied that the video was fake").
    """
    if c.get("conditional"):
        return None
    if c.get("modal") in _HEDGED_DENIAL_MODALS:
        return None
    text = str(c["text"])
    attr = c.get("attribution")
    if attr is not None:
        if attr.get("negated") or attr.get("verb") in _BELIEF_VERBS:
            return None
        if attr.get("verb") in DENY_VERBS | DENY_STATEMENT_VERBS:
            if c.get("negated") or _falsity(text) is not None:
                return None  # "denied that it was fake", "dismissed claims it did not": two negations
            speaker = (attr.get("speaker") or {}).get("text")
            return (
                f"{past_tense(str(attr['verb']))} by {speaker}" if speaker else past_tense(str(attr["verb"]))
            )
    if c.get("negated") and _REBUTTAL.search(text):
        return "'not', contrary to reports"
    verb = str(c.get("verb") or "")
    if not c.get("negated") and verb in DENY_VERBS | DENY_STATEMENT_VERBS:
        heads = {_head(c.get("object")), _head(c.get("subject"))}
        if _head(c.get("object")) in _REFUSED_THINGS:
            return None  # "the court denied the request": a refusal, not a word on what is true
        if verb in DENY_VERBS or heads & REPORT_NOUNS:
            return past_tense(verb)
    return _falsity(text)


# A negation that answers reports: "Kestria has not closed the border, contrary to reports", "despite
# what you may have read". Reports "that" something: "despite reports of shelling" names an event.
_REBUTTAL = re.compile(
    r"\b(?:contrary to (?:(?:what|some|many|earlier|initial|previous|widespread|media|press|recent|the)\s+)*"
    r"(?:reports|claims|rumou?rs|speculation|what)|despite what\b|"
    r"despite (?:(?:some|many|earlier|initial|previous|widespread|media|press|recent|the)\s+)*"
    r"(?:reports|claims|rumou?rs|speculation) (?:that|to the contrary))",
    re.IGNORECASE,
)


# Words whose "'s" is "is" ("it's fake news", "that's a false claim"), never a possessive.
_CONTRACTED = re.compile(r"\b(?:it|that|this|there|what|he|she|who|here)$", re.IGNORECASE)


def _falsity(text: str) -> str | None:
    """The falsity a text predicates ("'a hoax'", "'not true'"), else None."""
    for m in _PREDICATE_FALSE.finditer(text):
        after = (m.group("after") or "").strip(" \t,.;:!?\"“”'’()-—–").lower()
        if (
            m.group("cop") in ("'s", "’s")
            and not m.group("mid")
            and after
            and after not in _AFTER_FALSE
            and not _CONTRACTED.search(text[: m.start("cop")])
        ):
            continue  # "Roe's baseless claims of fraud": a possessive, the word said of Roe's claims
        if not after or after in _AFTER_FALSE or after in REPORT_NOUNS or after.rstrip("s") in REPORT_NOUNS:
            return f"'{m.group('word').lower()}'"
    m1 = _AS_FALSE.search(text)
    if m1 is not None:
        return f"'{m1.group('word').lower()}'"
    m2 = _NOT_TRUE.search(text)
    if m2 is not None:
        return f"'not {m2.group('word') or 'true'}'"
    return None


def _key_words(text: str) -> set[str]:
    """Content words, folded so that "hostages"/"hostage" and "Apple's"/"Apple" match."""
    out = set()
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if len(w) < 3 or w in _STOPWORDS or re.fullmatch(_FALSE_WORDS, w):
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") else w)
    return out


# Days and months say when, not what: two sentences about Thursday share no content by it.
_WHEN_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow january february "
    "march april may june july august september october november december".split()
)


def _denied_words(den: Json) -> set[str]:
    """The key words of what ``den`` denies: its text without the denier's name ("President Roe
    rejected the notion that ..." is about the notion, not about Roe)."""
    text = str(den["text"])
    speaker = ((den.get("attribution") or {}).get("speaker") or {}).get("text")
    words = _key_words(text)
    if speaker:
        words -= _key_words(str(speaker))
    return words


def _names_no_denier(den: Json) -> bool:
    """Whether ``den`` says something is false without saying who says so ("the story is a hoax")."""
    return den.get("attribution") is None and den.get("verb") not in DENY_VERBS | DENY_STATEMENT_VERBS


def denial_addresses(claim: Json, denial: Json, sim: float) -> bool:
    """Whether ``denial`` is about ``claim``: enough of the claim's content words (or of the denial's
    own, for a short denial), and similar meaning."""
    wc, wd = _key_words(str(claim["text"])) - _WHEN_WORDS, _denied_words(denial) - _WHEN_WORDS
    shared = wc & wd
    if len(shared) < DENIAL_MIN_SHARED or not wc:
        return False
    if sim >= DENIAL_CLOSE_SIM:
        return True  # worded differently ("proposed" for "offers") but plainly about the same thing
    if sim < DENIAL_MIN_SIM:
        return False
    if (
        _names_no_denier(denial)
        and len(shared) / len(wd) >= DENIAL_MIN_DENIED_COVER
        and sim >= DENIAL_DENIED_SIM
    ):
        # A short denial names its claim and nothing else ("the third-term story is a hoax"): what
        # it names is in the claim, however much more the claim says. Not so one with a denier ("the
        # ferry company denied the report" names who denies, not what).
        return True
    return len(shared) / len(wc) >= DENIAL_MIN_COVER


# Words that keep a claim from being a plain statement of fact: a hedge ("allegedly"), or denial and
# falsity vocabulary anywhere in it (a title-case headline such as "Doctor Denies Taking Selfie" parses
# with no denying verb, but is no assertion that the doctor took one).
_NOT_PLAIN = re.compile(
    r"\b(?:allegedly|reportedly|purportedly|supposedly|apparently|rumou?r\w*|alleg\w*|accus\w*|"
    r"possibl[ey]|probabl[ey]|perhaps|potential(?:ly)?|unconfirmed|suspected|"
    r"den(?:y|ies|ied|ying|ial|ials)|debunk\w*|refut\w*|dismiss\w*|disput\w*|hoax\w*|"
    r"scam\w*|fraud\w*|lie|lies|lied|conspiracy|propaganda|misinformation|disinformation|"
    r"(?:" + _FALSE_WORDS + r")|not true|untrue)\b",
    re.IGNORECASE,
)


# A negation the parse did not attach to the claim's verb ("Takes On Godson - But Not To Keep Werewolf
# At Bay", title case): the claim may not assert what its verb alone says.
_UNPARSED_NEGATION = re.compile(r"\b(?:not|never|no)\b|n[’']t\b", re.IGNORECASE)


# A claim whose verb is an attitude ("Roe hopes the row will fade", "Kestria wants talks") states what
# someone hopes or wants, not a fact another outlet could deny.
_ATTITUDE_VERBS = _BELIEF_VERBS | frozenset("want wish plan intend seek aim".split())


def can_be_denied(c: Json) -> bool:
    """Whether ``c`` states something as fact: unattributed, asserted, unhedged, itself no denial."""
    return (
        c.get("attribution") is None
        and c.get("verb") not in _ATTITUDE_VERBS
        and not c.get("negated")
        and not c.get("conditional")
        and c.get("modal") not in _HEDGED_DENIAL_MODALS
        and _NOT_PLAIN.search(str(c["text"])) is None
        and denial_cue(c) is None
    )


def same_denial(x: Json, y: Json, sim: float, loose: bool = False) -> bool:
    """Whether denial ``y`` may be about ``x`` (a claim or another denial).

    ``loose``: one shared content word or a moderate similarity is enough. That is how the guards
    use it: a source that reports any denial touching the claim is not read as stating it as fact.
    """
    shared = len(_key_words(str(x["text"])) & _key_words(str(y["text"])))
    if loose:
        return sim >= 0.4 or shared >= 1
    return sim >= 0.5 or shared >= DENIAL_MIN_SHARED


def _people_differ(a: Json, b: Json) -> bool:
    """Whether both name people and none in common: "beheaded Foley" is not "beheaded Rehana"."""
    pa = {k for k, t in a.get("actors", {}).items() if t == "person"}
    pb = {k for k, t in b.get("actors", {}).items() if t == "person"}
    return bool(pa and pb and not pa & pb)


def denial(claim: Json, den: Json, sim: float) -> Json | None:
    """``den`` says that ``claim`` (stated as fact by another source) is false."""
    if not can_be_denied(claim) or _people_differ(claim, den):
        return None
    if _UNPARSED_NEGATION.search(str(claim["text"])):
        # Only here, not in can_be_denied: a source restating the claim with a negation elsewhere in
        # the sentence still states it (the guards must keep seeing it).
        return None
    cue = denial_cue(den)
    if cue is None or not denial_addresses(claim, den, sim):
        return None
    return {
        "rule": "denial",
        "explanation": f"one source states it as fact; the other says it is false ({cue})",
        # The claim as written: rebuilt from its parts, a passive or a title-case headline reads badly.
        "topic": "whether " + _short(str(claim["text"])),
    }
