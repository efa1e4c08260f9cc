"""Who said what in one article: direct and indirect quotes with their speakers and reporting verbs.

Direct quotes are found from the quotation marks themselves (straight, curly, single, guillemets in
both directions, German „…“), paragraph by paragraph: a quote left open at a paragraph's end and
picked up by an opening mark at the next paragraph's start is one multi-paragraph quote. A quote is
attributed through the parse, in this order:

1. the reporting verb that governs it ("“…,” she said": the quote's clause hangs off "said"; a
   partial quote inside a reported clause hangs off the same verb further up; "as X put it"; a
   stance verb that has the quotation for its object, "Roe attacked “…”");
2. a reporting verb right after the closing mark, then one right before the opening mark ("She said:");
3. a quote with no attribution of its own that follows an attributed quote in the same paragraph, with
   only the attribution between them (however long its sentence), is the same quote split around it
   ("“…,” he said. “…”") and is joined to it; one that opens the paragraph after an attributed quote
   inherits its speaker; a name and a colon right before it ("Rubio: ‘…’") names its speaker.

Indirect quotes are reporting verbs with a clausal complement ("X said (that) …", "X told reporters
…", "X warned/denied/claimed …"), and "according to X, …". Senses of those verbs that report nothing
("has seen a rise", "claimed 40 lives", "citing police sources", "is considered a moderate") are
left out by :mod:`storyscope.stages.senses`. A reported clause nested inside another
quote's content is left to the outer quote, and one that is mostly quoted text is the direct quote.

The speaker is the verb's subject (or, for "said X", the name after it); a pronoun or description
speaker is replaced by the name mention it resolves to (see :mod:`storyscope.stages.entities`); "the
Kremlin's spokesman" without a resolvable name speaks for the organisation. Otherwise the speaker's
``mention`` is None: the text is kept, but nobody is named.

Each quote is a JSON dict: ``text``, ``start``, ``end`` (the quoted content, without its marks; a
quote split around its attribution spans from its first part to its last, and ``spans`` lists the
parts), ``kind`` ("direct"/"indirect"), ``verb`` (lemma of the reporting verb, or "according to"),
``cue`` (the verb as written, with its offsets), ``speaker`` (``{text, start, end, mention}`` or
None) and ``partials`` (quoted fragments inside an indirect quote).

Quotation marks are found by :mod:`storyscope.stages.quotemarks`; reporting verbs and their subjects on
the parse are in :mod:`storyscope.stages.attribution`, a quotation's cue in :mod:`storyscope.stages.cues`,
speaker resolution in :mod:`storyscope.stages.speakers`, passives in :mod:`storyscope.stages.voice`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyscope.models import Json

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

from storyscope.stages.attribution import (
    _SUBJ,
    REPORTING_VERBS,
    SPEECH_VERBS,
    _is_cue,
    _lemma,
    _subject,
    doc_text,
)
from storyscope.stages.cues import _cue_json, _governing_cue, _tokens_in, _trailing_cue, _window_cue
from storyscope.stages.quotemarks import (
    _FRAGMENT_WORDS,
    _MIN_QUOTE_CHARS,
    _OPENERS,
    _SCARE_WORDS,
    _SPLIT_GAP_WORDS,
    QuoteSpan,
    quote_spans,
)
from storyscope.stages.senses import characterising_passive, non_speech_clause, non_speech_object
from storyscope.stages.speakers import (
    _according_source,
    _colon_lead,
    _colon_subject,
    _dash_speaker,
    _in_parts,
    _name_beside,
    _name_colon,
    _name_near,
    _speaker_for_cue,
)
from storyscope.stages.voice import is_passive, passive_by, reduced_passive


def _direct(doc: Doc, spans: list[QuoteSpan], mentions: list[Json]) -> list[Json]:
    text = doc_text(doc)
    out: list[Json] = []
    prev: Json | None = None
    prev_span: QuoteSpan | None = None
    quoted = frozenset(t.i for q in spans for s, e in q.parts for t in _tokens_in(doc, s, e))
    for q in spans:
        cue = _governing_cue(doc, q, CONTENT_VERBS, quoted)
        if cue is None:
            before = text[max(0, q.start - 3) : q.start - 1].rstrip()
            # "She said: “…”" / "he said that “…”" lead into the quote; otherwise look after it first.
            if before.endswith(":"):
                cue = _window_cue(doc, q, after=False) or _window_cue(doc, q, after=True)
            else:
                cue = _window_cue(doc, q, after=True) or _window_cue(doc, q, after=False)
        # "“…,” she said, “…”": both parts hang off the same verb, one quote split around it.
        # (A title in quotes after the verb, "said on “Morning Show”", is not a second part.)
        same_cue = (
            cue is not None
            and prev is not None
            and prev.get("cue")
            and prev["cue"]["start"] == cue.idx
            and not _fragment(text[q.start : q.end])
        )
        if (cue is None or same_cue) and prev is not None and prev_span is not None:
            gap = text[prev_span.end + 1 : q.start - 1]
            same_para = "\n" not in gap
            next_para = gap.count("\n") >= 1 and not gap.strip(' \n\t\r”"»')
            prev_cue = prev.get("cue")
            if (
                same_para
                and prev_cue
                and prev_span.end <= prev_cue["start"]
                and (
                    len(gap.split()) <= _SPLIT_GAP_WORDS or _attribution_sentence(doc, prev_span, prev_cue, q)
                )
            ):
                # "“…,” he said. “…”": one quote split around its attribution.
                prev["spans"].extend([list(p) for p in q.parts])
                prev["end"] = q.end
                # The attribution cut out is marked: "… landing sites, … It is therefore …", not a
                # sentence that reads as run on.
                prev["text"] = " … ".join(text[s:e].strip() for s, e in prev["spans"])
                prev_span = q
                continue
            attributed_between = same_para and prev_cue and prev_span.end <= prev_cue["start"] < q.start
            if cue is None and (
                next_para or attributed_between or (same_para and not gap.strip(" ,.;:—–-\t"))
            ):
                item = _quote_json(text, q, "direct", None, prev.get("speaker"))
                item["verb"] = prev["verb"]
                item["inherited"] = True
                out.append(item)
                prev, prev_span = item, q
                continue
        if cue is None:
            # "…, Roe said. “…”": the sentence before ends in its attribution, and this quote goes on.
            cue = _trailing_cue(doc, q)
        speaker = _speaker_for_cue(cue, mentions) if cue is not None else None
        if speaker is not None and _in_parts(speaker["start"], q):
            # A misparse that takes a word of the quotation for its speaker: look beside the cue.
            speaker = _name_near(doc, cue, q, mentions) if cue is not None else None
        if speaker is None and cue is not None:
            # "“…,” said Robin Roe, half joking." / "“…,” Roe answers." misparsed so that the name is
            # not the verb's subject: a name between the closing mark and the verb, or right after a
            # verb that follows the closing mark, is the speaker.
            speaker = _name_beside(text, q, cue, mentions)
        if cue is None:
            # "“…” ― Jane Roe": a byline-style attribution after a dash.
            speaker = _dash_speaker(text, q, mentions)
            if speaker is None:
                # "Roe continued:" closing the paragraph before a quotation that fills the next one.
                cue, speaker = _colon_lead(doc, q, mentions)
            if speaker is None:
                speaker = _name_colon(text, q, mentions)
            if speaker is None:
                # "She then addressed the supporters: “…”": the colon introduces the subject's words.
                speaker = _colon_subject(doc, q, mentions)
        elif speaker is None:
            # "Said Roe: “…”": the parser makes the inverted verb part of the name.
            speaker = _name_colon(text, q, mentions)
        if _title(text[q.start : q.end]):
            # “The Morning Show”, “Make Your Kid a Millionaire”: a title, not something said.
            continue
        if _fragment(text[q.start : q.end]) and not _short_statement(text, q, cue, speaker):
            # A word or two in quotes ("called it “a con”", "described the talks as “long”") is a
            # characterisation inside someone's sentence, not a statement of its own.
            continue
        item = _quote_json(text, q, "direct", cue, speaker)
        out.append(item)
        prev, prev_span = item, q
    return out


def _attribution_sentence(doc: Doc, prev: QuoteSpan, cue: Json, q: QuoteSpan) -> bool:
    """Whether the only thing between the previous quote and ``q`` is the rest of the sentence that
    attributes it, however long ("“…,” said Roe, who chaired the panel for a decade. “…”"): the
    speaker goes on in the next sentence, and the two parts are one quote. The previous quote must
    be a statement closed inside its marks ("“…,”"), not words running on into the writer's sentence."""
    text = doc_text(doc)
    if text[prev.start : prev.end].rstrip()[-1:] not in (",", ".", "!", "?"):
        return False
    if q.start - 1 <= cue["end"] or text[cue["end"] : q.start - 1].rstrip()[-1:] not in (".", "!", "?"):
        return False
    span = doc.char_span(cue["end"], q.start - 1, alignment_mode="contract")
    return span is not None and not any(t.is_sent_start for t in span)


def _short_statement(text: str, q: QuoteSpan, cue: Token | None, speaker: Json | None) -> bool:
    """Whether a short quotation is a sentence of its own: it opens a sentence, its last word is
    punctuated inside the marks, and a speaker's reporting verb follows it ("“Stop the car,” she said")."""
    if cue is None or speaker is None or cue.idx < q.end or len(q.parts) > 1:
        return False
    if text[q.start : q.end].rstrip()[-1:] not in (",", "!", "?", "."):
        return False
    before = text[: q.start - 1].rstrip(" \t'‘`")
    return not before or before[-1] in ".!?:\n"


_TITLE_SMALL = frozenset("a an the of in on at to for by with and or but from as is are into".split())
_TITLE_WORDS = 10
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _title(content: str) -> bool:
    """Whether quoted text is a title: a few words, every one but the small ones capitalised."""
    words = _TITLE_WORD.findall(content)
    if not 2 <= len(words) <= _TITLE_WORDS:
        return False
    big = [w for w in words if w.lower() not in _TITLE_SMALL]
    return len(big) >= 2 and all(w[0].isupper() for w in big) and not all(w.isupper() for w in big)


def _fragment(content: str) -> bool:
    """Whether quoted text is too short to be a statement: a few words, or a few more without the
    punctuation that closes a clause."""
    words = content.split()
    if len(words) <= _SCARE_WORDS:
        return True
    return len(words) <= _FRAGMENT_WORDS and content.rstrip()[-1:] not in ".,!?;:"


def _quote_json(text: str, q: QuoteSpan, kind: str, cue: Token | None, speaker: Json | None) -> Json:
    verb: str | None = None
    cue_j: Json | None = None
    if cue is not None:
        verb, cue_j = _cue_json(cue)
    return {
        "text": " ".join(text[s:e].strip() for s, e in q.parts)
        if len(q.parts) > 1
        else text[q.start : q.end],
        "start": q.start,
        "end": q.end,
        "spans": [list(p) for p in q.parts],
        "kind": kind,
        "verb": verb,
        "cue": cue_j,
        "speaker": speaker,
        "partials": [],
    }


# Connectives that open a sentence link it to the writer's previous one ("Meanwhile Putin will travel
# ..., according to the Kremlin"): narration, not part of what the source said.
_CONNECTIVES = frozenset("meanwhile however but and also moreover still yet meantime separately".split())


def _trim(doc: Doc, toks: list[Token]) -> tuple[int, int] | None:
    """Character range of ``toks`` without leading "that"/punctuation, a sentence-opening connective,
    and trailing punctuation."""
    while toks and (
        toks[0].is_punct
        or toks[0].is_space
        or (toks[0].dep_ == "mark" and toks[0].lower_ in ("that", "whether", "if"))
        or (toks[0].is_sent_start and toks[0].lower_ in _CONNECTIVES and toks[0].dep_ in ("advmod", "cc"))
    ):
        toks = toks[1:]
    toks = toks[_dateline_end(toks) :]
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


_DATELINE_DASHES = ("–", "—", "-", "--", "―")
_DATELINE_TOKENS = 8


def _dateline_end(toks: list[Token]) -> int:
    """How many tokens of a dateline open ``toks`` ("30 June 2011 – The expert warned …, the office
    reported", "OSTREL (Agency) — …"): a date, a place or an agency, then a dash, at a sentence start."""
    if not toks:
        return 0
    first = toks[0]
    # At a sentence start, or after nothing but punctuation there ("(Reuters) - …").
    if not all(t.is_punct for t in first.doc[first.sent.start : first.i]):
        return 0
    for k, t in enumerate(toks[: _DATELINE_TOKENS + 1]):
        if t.text in _DATELINE_DASHES:
            head = toks[:k]
            if head and all(
                x.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "ORG") or x.is_punct or x.like_num for x in head
            ):
                return k + 1
            return 0
    return 0


def _parenthetical_content(
    doc: Doc, cue: Token, sent_bounds: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The sentence around a parenthetical attribution ("The plan, she said, will cost more")."""
    phrase = _parenthetical_phrase(doc, cue, sent_bounds)
    if phrase is None:
        return None
    first, last = phrase
    s_start, s_end = sent_bounds[cue.i]
    host = cue.head.head if cue.head.dep_ in ("aux", "auxpass") else cue.head
    if host.dep_ == "relcl":
        # "The pier, which, she said, is closed in winter": she said only what the relative clause says.
        s_start, s_end = host.left_edge.i, host.right_edge.i + 1
    return _trim(doc, [doc[i] for i in range(s_start, s_end) if not first <= i <= last])


def _parenthetical_phrase(doc: Doc, cue: Token, sent_bounds: list[tuple[int, int]]) -> tuple[int, int] | None:
    """First and last token of the parenthetical attribution ``cue`` heads inside its sentence, if any."""
    if cue.dep_ != "parataxis" or _subject(cue) is None:
        return None
    phrase = sorted(t.i for t in cue.subtree)
    first, last = phrase[0], phrase[-1]
    while last > first and doc[last].is_punct:
        last -= 1
    while first < last and doc[first].is_punct:
        first += 1
    s_start, s_end = sent_bounds[cue.i]
    if first <= s_start or doc[first - 1].text not in (",", "—", "–"):
        return None
    if last + 1 < s_end and doc[last + 1].text not in (",", ".", "—", "–", ";", "!", "?"):
        return None
    return first, last


# Verbs whose attributed content may be an object or an infinitive rather than a clause ("called for
# new elections", "wants to cut taxes", "cited the report"); the preposition some take is part of the cue.
CONTENT_VERBS = REPORTING_VERBS | frozenset(
    "cite want plan support oppose pledge agree refuse promise urge propose criticize criticise attack "
    "blast accuse praise question describe mention discuss offer decline defend demand find show seek vow "
    "threaten reject endorse back predict recommend welcome condemn slam intend push advocate point "
    "talk speak echo liken compare respond see refer prefer express consider applaud tout".split()
)
_CUE_PREPS = {
    "call": ("for", "on"),
    "point": ("to",),
    "push": ("for",),
    "advocate": ("for",),
    "warn": ("of", "against", "about"),
    "argue": ("for", "against"),
    "complain": ("about", "of"),
    "talk": ("about",),
    "speak": ("about", "of"),
    "respond": ("to",),
    "refer": ("to",),
}
_LIKEN = ("liken", "compare")
_NEEDS_AS = ("refer",)
# Verbs that report only with a clause or a quotation: "continued to …" and "maintained a lead" do not;
# nor does what one writes, finds, adds, feels, declares or knows as a thing ("wrote a memoir", "found
# ways to …", "added $84 billion", "felt the need", "declared a new beginning", "knows the details",
# "answers our questions"), nor what one boasts as a thing ("the city boasts three universities").
_CLAUSE_ONLY = ("continue", "maintain", "write", "find", "add", "feel", "declare", "know", "answer", "boast")
# "told his aides to leave" reports an order; "told reporters", "told the truth" report nothing.
_NEEDS_XCOMP = ("tell",)
_OBJECT_DEPS = ("dobj", "xcomp", "oprd", "dative")
# Verbs that attribute only through their preposition ("pushed for talks", "pointed to the delays"):
# their object is no content ("the plates push past each other", "spoke English", "pointed the way").
_PREP_CONTENT_ONLY = ("push", "point", "respond", "refer", "complain", "talk", "speak")
# Verbs whose object is the listener: "informed the world", "warned local residents" say nothing;
# what was said follows as a clause, or an infinitive that keeps its listener ("warned residents to
# stay in").
_ADDRESSEE_OBJECT = ("inform", "notify", "brief", "assure", "reassure", "remind", "warn", "caution", "alert")
_MIN_OBJECT_WORDS = 2
_MIN_CLAUSE_WORDS = 3


def _object_content(doc: Doc, cue: Token) -> tuple[int, int] | None:
    """The object or infinitive a verb attributes, when it takes no clause."""
    lemma = _lemma(cue)
    if cue.pos_ != "VERB" or lemma not in CONTENT_VERBS or lemma in _CLAUSE_ONLY:
        return None
    if _subject(cue) is None and not any(
        (c.dep_ in _SUBJ and not any(ch.isalnum() for ch in c.text))
        or (c.dep_ == "dobj" and c.i > cue.i and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN"))
        for c in cue.children
    ):
        # No subject at all: a headline remnant or a misparse, unless it names whom the verb is about
        # ("… and Democrats accused the GOP of …" with the subject hung elsewhere) or has a subject
        # that names nobody (a dash the parser took for one): still reported, by nobody we can name.
        return None
    if lemma in _NEEDS_XCOMP and not any(c.dep_ == "xcomp" for c in cue.children):
        return None
    if non_speech_object(cue, lemma):
        # "the district has seen a rise", "the flood claimed 40 lives": an event, not a statement.
        return None
    if is_passive(cue):
        # A passive reports through its infinitive or its predicate ("is believed to have left",
        # "was called a fraud by …"); what else hangs on it ("is shown to the left of Roe") is no
        # statement.
        by = passive_by(cue)
        agent = {t.i for t in by.subtree} if by is not None else set()
        said = [t for c in cue.rights if c.dep_ in ("xcomp", "oprd") for t in c.subtree if t.i not in agent]
        if sum(not t.is_punct for t in said) < _MIN_OBJECT_WORDS:
            return None
        return _trim(doc, sorted(said, key=lambda t: t.i))
    preps = _CUE_PREPS.get(lemma, ())
    toks: list[Token] = []
    listener_only = lemma in _ADDRESSEE_OBJECT and not any(c.dep_ == "xcomp" for c in cue.children)
    skipped = False
    for c in cue.rights:
        if c.dep_ in ("dobj", "dative") and (listener_only or lemma in _PREP_CONTENT_ONLY):
            skipped = True
            continue
        if c.dep_ in _OBJECT_DEPS:
            toks.extend(c.subtree)
        elif c.dep_ in ("prep", "prt") and c.lower_ in preps and not toks:
            # After a listener the preposition stays with what was said: "warned Roe against a
            # campaign" shown as "warned: a campaign" would say the opposite.
            toks.extend(t for t in c.subtree if t.i != c.i or skipped)
        elif (
            c.dep_ == "prep"
            and (c.lower_ in ("for", "as", "of") or (c.lower_ == "to" and lemma in _LIKEN))
            and toks
        ):
            # "blasted the media for …", "described the talks as …", "accused him of …".
            toks.extend(c.subtree)
        elif (
            c.dep_ in ("conj", "dep")
            and c.tag_ == "VB"
            and cue.tag_ != "VB"
            and any(t.dep_ == "xcomp" and t.tag_ == "VB" for t in toks)
            and not any(g.dep_ in _SUBJ or g.dep_ == "aux" for g in c.children)
        ):
            # "wants to cut taxes, raise wages and …": a bare verb cannot coordinate with the finite
            # cue, so it continues the infinitive the parser closed too early.
            toks.extend(t for t in cue.children if t.dep_ in ("cc", "punct") and toks[-1].i < t.i < c.i)
            # … up to a clause with a subject of its own ("… and he pledged …").
            own_clause = [
                g.left_edge.i
                for g in c.subtree
                if g.dep_ == "conj" and any(x.dep_ in _SUBJ for x in g.children)
            ]
            stop = min(own_clause, default=len(doc))
            toks.extend(t for t in c.subtree if t.i < stop)
    if lemma in _NEEDS_AS and not any(
        t.dep_ == "prep" and t.lower_ == "as" and t.head.i == cue.i for t in toks
    ):
        # "referred to Roe as a traitor" characterises; "referring to the drones" only names a topic.
        return None
    # "endorsed Roe, who says …": a relative clause that reports speech is an attribution of its own.
    own = {s.i for t in toks if t.dep_ == "relcl" and _is_cue(t) for s in t.subtree}
    toks = [t for t in toks if t.i not in own]
    # A word ("the allegation", "the proposal") names a topic, not what was said.
    if sum(not t.is_punct for t in toks) < _MIN_OBJECT_WORDS:
        return None
    return _trim(doc, sorted(toks, key=lambda t: t.i))


# Nouns that name a statement or belief whose content follows as a "that" clause ("her claim that …").
CUE_NOUNS = frozenset(
    "claim statement report warning allegation assertion accusation argument suggestion promise pledge "
    "comment remark view belief fear hope insistence denial announcement admission prediction estimate "
    "finding conclusion charge message assurance threat notion idea contention".split()
)


def _noun_content(doc: Doc, noun: Token) -> tuple[int, int] | None:
    """The "that" clause completing a statement noun (not a relative clause: "that" is a marker)."""
    for c in noun.rights:
        if c.dep_ in ("acl", "relcl", "ccomp") and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in c.children
        ):
            return _trim(doc, list(c.subtree))
    return None


def _coordinated_cue(doc: Doc, sub: list[int]) -> int | None:
    """Where a reporting verb coordinated inside a reported clause starts ("… and warned …"), if any."""
    inside = set(sub)
    for i in sub:
        t = doc[i]
        if (
            t.dep_ == "conj"
            and t.pos_ == "VERB"
            and _lemma(t) in SPEECH_VERBS
            and t.head.i in inside
            and not any(c.dep_ in _SUBJ for c in t.children)
        ):
            cc = [c.i for c in t.head.children if c.dep_ == "cc" and c.i < t.i]
            return min([t.i, *[c for c in cc if c > t.head.i]])
        if (
            t.dep_ == "advcl"
            and t.tag_ == "VBG"
            and _lemma(t) in CONTENT_VERBS
            and t.head.i in inside
            and t.i > sub[0]
            and doc[t.i - 1].text == ","
        ):
            # "… , arguing that …", "… , citing …": a participle of its own attribution set off by a comma.
            return t.i
    return None


def _indirect(doc: Doc, direct: list[Json], mentions: list[Json], spans: list[QuoteSpan]) -> list[Json]:
    direct_ranges: list[tuple[int, int]] = [(int(s), int(e)) for q in direct for s, e in q["spans"]]
    # Every quoted run, fragments too ("had “solid evidence” that …"), for the partials of a clause.
    quoted_runs = [p for q in spans for p in q.parts]

    def quoted_share(a: int, b: int) -> float:
        inside = sum(max(0, min(b, e) - max(a, s)) for s, e in direct_ranges)
        return inside / max(1, b - a)

    # Token.sent walks the whole document on every call: look sentence bounds up once.
    sent_bounds: list[tuple[int, int]] = [(0, 0)] * len(doc)
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            sent_bounds[i] = (sent.start, sent.end)
    quoted_tok = {t.i for s, e in direct_ranges for t in _tokens_in(doc, s, e)}
    out: list[Json] = []
    for tok in doc:
        if tok.i in quoted_tok:
            continue
        content: tuple[int, int] | None = None
        cue = tok
        if _is_cue(tok) or (tok.pos_ == "VERB" and _lemma(tok) in CONTENT_VERBS):
            comp = [
                c for c in tok.children if c.dep_ == "ccomp" and not non_speech_clause(tok, _lemma(tok), c)
            ]
            if not comp:
                content = _parenthetical_content(doc, tok, sent_bounds) or _object_content(doc, tok)
                if content is None:
                    continue
                comp = []
            subj = _subject(tok)
            drop = {t.i for t in subj.subtree} if subj is not None else set()
            if subj is not None and subj.is_ancestor(tok):
                # "a statement saying …": the speaking noun governs the verb; its clause is not dropped.
                drop -= {t.i for t in tok.subtree}
            if comp:
                # The clause lies on one side of its verb; a misparse that swallows the speaker is cut there.
                before = comp[0].i < tok.i
                sub = sorted(
                    t.i
                    for c in comp
                    for t in c.subtree
                    if t.i not in drop and (t.i < min([tok.i, *drop]) if before else t.i > tok.i)
                )
                if not before:
                    # "X said he would act and warned against …": a second reporting verb coordinated in
                    # the clause without a subject of its own is an attribution of its own; cut before it.
                    stop = _coordinated_cue(doc, sub)
                    if stop is not None:
                        sub = [i for i in sub if i < stop]
                    # "X said the talks failed; the next round …": a semicolon closes what was reported.
                    semi = next((i for i in sub if doc[i].text == ";"), None)
                    if semi is not None:
                        sub = [i for i in sub if i < semi]
                content = _trim(doc, [doc[i] for i in sub])
        elif tok.pos_ == "NOUN" and _lemma(tok) in CUE_NOUNS:
            content = _noun_content(doc, tok)
        elif tok.lower_ == "according" and _according_source(tok) is not None:
            head = tok.head
            # "A rose, B fell and C held, according to …" / "leads by 271 delegates according to …":
            # the phrase reports the whole clause, not the last conjunct or the noun it hangs off.
            for _ in range(4):
                if head.head.i == head.i or not (head.dep_ == "conj" or head.pos_ not in ("VERB", "AUX")):
                    break
                if _is_cue(head.head):
                    break
                head = head.head
            s_start, s_end = sent_bounds[tok.i]
            if head.i == tok.i and tok.i == s_start:
                # "According to Roe, the deal is dead" taken for the root of its sentence: the phrase
                # runs to its comma, what follows is the report.
                comma = next((i for i in range(tok.i + 2, s_end) if doc[i].text == ","), None)
                rest = [doc[i] for i in range(comma + 1, s_end)] if comma is not None else []
                if (
                    comma is not None
                    and not any(doc[i].pos_ in ("VERB", "AUX") for i in range(tok.i + 2, comma))
                    and sum(not t.is_punct for t in rest) >= _MIN_CLAUSE_WORDS
                ):
                    content = _trim(doc, rest)
            # "X said …, according to the agency": the report is X's; the agency only relays it.
            elif head.i == tok.i or _is_cue(head):
                continue
            else:
                skip = {t.i for t in tok.subtree}
                s_start, s_end = sent_bounds[head.i]
                clause = [t for t in head.subtree if t.i not in skip and s_start <= t.i < s_end]
                content = _trim(doc, clause)
        if content is None:
            continue
        a, b = content
        cue_start = cue.idx
        # A reported clause stays within its paragraph, and one before its verb is set off by a comma
        # ("…, she said"); anything else is a misparse.
        if "\n" in doc_text(doc)[min(a, cue_start) : max(b, cue_start)]:
            continue
        if (
            b <= cue_start
            and "," not in doc_text(doc)[b:cue_start]
            and doc_text(doc)[b:cue_start].strip(" ”\"»’'") != ""
        ):
            continue
        if b - a < 8 or quoted_share(a, b) >= 0.5:
            continue
        if cue.pos_ == "VERB" and characterising_passive(cue, _lemma(cue)):
            # "The senator is considered a moderate": the writer's characterisation, nobody's statement.
            continue
        speaker = _speaker_for_cue(cue, mentions)
        verb, cue_j = _cue_json(cue)
        between = doc_text(doc)[cue_j["end"] : a]
        if between.strip().lower() in _CUE_PREPS.get(_lemma(cue), ()) and cue_j["end"] <= a:
            # "called for the formation of …": the preposition is the cue's ("called for"), shown with it.
            end = cue_j["end"] + len(between.rstrip())
            cue_j = {"text": doc_text(doc)[cue_j["start"] : end], "start": cue_j["start"], "end": end}
        parts = [(a, b)]
        phrase = _parenthetical_phrase(doc, cue, sent_bounds) if cue.pos_ == "VERB" else None
        if phrase is not None:
            # "The plan, she said, will cost more": the content in two parts around the attribution.
            left = doc[phrase[0] - 1].idx
            right = doc[phrase[1]].idx + len(doc[phrase[1]])
            if a < left and right < b:
                second = right + 1 if doc_text(doc)[right : right + 1] in ",—–" else right
                parts = [
                    (a, left),
                    (second + len(doc_text(doc)[second:b]) - len(doc_text(doc)[second:b].lstrip()), b),
                ]
        partials = [
            {"text": doc_text(doc)[s:e], "start": s, "end": e}
            for s, e in quoted_runs
            if a <= s and e <= b + 1
        ]
        out.append(
            {
                "text": " ".join(doc_text(doc)[x:y] for x, y in parts),
                "start": a,
                "end": b,
                "spans": [[x, y] for x, y in parts],
                "kind": "indirect",
                "verb": verb,
                "cue": cue_j,
                "speaker": speaker,
                "partials": partials,
                # "is believed to …", "the passengers confirmed to be …": reported on, not by, its
                # subject; the briefing keeps it only with an agent.
                "passive": cue.pos_ == "VERB" and (is_passive(cue) or reduced_passive(cue)),
            }
        )
    # A reported clause inside another quote's content belongs to that quote ("X said it believed …").
    contents = [(q["start"], q["end"]) for q in out]
    return [
        q
        for q in out
        if not any(s <= q["cue"]["start"] < e for s, e in contents if (s, e) != (q["start"], q["end"]))
    ]


_LEAD_NAME_CHARS = 40
# A transcript's speaker label: one to three upper-case words and a colon opening a paragraph ("PENCE: …").
_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]")


def _transcript_speaker(text: str, pos: int, mentions: list[Json]) -> Json | None:
    """The speaker of a transcript paragraph opening at ``pos`` with a label ("WALLACE: …"), when the
    label is the surname (or the whole name) of a person the article names; the label as written."""
    m = _LABEL.match(text, pos)
    if m is None:
        return None
    label = m.group(1)
    last = label.split()[-1]
    best: Json | None = None
    for men in mentions:
        if men["kind"] != "name" or men["type"] != "person" or pos <= men["start"] < m.end(1):
            continue
        name = men["text"].upper()
        if (name == label or name.split()[-1] == last) and (
            best is None or len(men["text"]) > len(best["text"])
        ):
            best = men  # the fullest form of the name
    if best is None:
        return None
    return {"text": label, "start": pos, "end": m.end(1), "mention": best["id"]}


def _transcript_quotes(
    text: str, spans: list[QuoteSpan], mentions: list[Json]
) -> tuple[list[QuoteSpan], list[Json]]:
    """Quoted transcripts: a paragraph opening with a quotation mark and a speaker label ("“PENCE: …")
    is that speaker's turn, to the paragraph's end (quotations inside it included). Returns the quoted
    spans outside such turns, and the turns as direct quotes."""
    turns: list[Json] = []
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        a, pos = pos, pos + len(line) + 1
        lead = len(line) - len(line.lstrip())
        if not line[lead : lead + 1] or line[lead] not in _OPENERS:
            continue
        sp = _transcript_speaker(text, a + lead + 1, mentions)
        if sp is None:
            continue
        start, end = sp["end"] + 1, a + len(line.rstrip())
        while start < end and text[start].isspace():
            start += 1
        if end > start and text[end - 1] in '”"»':
            end -= 1
        if end - start >= _MIN_QUOTE_CHARS:
            turns.append(_quote_json(text, QuoteSpan(start, end, [(start, end)]), "direct", None, sp))
            paragraphs.append((a, a + len(line)))
    if not turns:
        return spans, []
    rest: list[QuoteSpan] = []
    for q in spans:
        parts = [(x, y) for x, y in q.parts if not any(pa <= x < pb for pa, pb in paragraphs)]
        if parts == q.parts:
            rest.append(q)
        elif parts:
            rest.append(QuoteSpan(parts[0][0], parts[-1][1], parts, q.single))
    return rest, turns


def _lead_name_statements(doc: Doc, mentions: list[Json], found: list[Json]) -> list[Json]:
    """Headline-style attributions: a paragraph opening with a name and a colon ("Roe: Talks will
    resume in May") is what that person or organisation said, paraphrased."""
    text = doc_text(doc)
    names = {
        m["start"]: m for m in mentions if m["kind"] == "name" and m["type"] in ("person", "organization")
    }
    out: list[Json] = []
    pos = 0
    for line in text.split("\n"):
        a, pos = pos, pos + len(line) + 1
        colon = line.find(":", 0, _LEAD_NAME_CHARS)
        lead = len(line) - len(line.lstrip())
        m = names.get(a + lead)
        # "TAPPER: …" in a transcript, then "Roe: …" as a heading.
        speaker = _transcript_speaker(text, a + lead, mentions)
        if speaker is not None:
            colon = speaker["end"] - a
        elif colon >= 0 and m is not None and m["end"] == a + colon:
            speaker = {"text": m["text"], "start": m["start"], "end": m["end"], "mention": m["id"]}
        else:
            continue
        start = a + colon + 1
        end = a + len(line.rstrip())
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in ".":
            end -= 1
        if len(text[start:end].split()) < 3:
            continue
        overlapping = [q for q in found if q["start"] < end and start < q["end"]]
        if overlapping:
            # "Roe: Lund needs to ‘get away from all this’": a quotation inside the heading's statement
            # is that person's words (a person's: a section heading can pass for an organisation).
            person = m is not None and m["type"] == "person" and speaker.get("mention") == m["id"]
            for q in overlapping:
                if person and q.get("speaker") is None and start <= q["start"] and q["end"] <= end:
                    q["speaker"] = dict(speaker)
                    q["inherited"] = True
            continue
        out.append(
            {
                "text": text[start:end],
                "start": start,
                "end": end,
                "spans": [[start, end]],
                "kind": "indirect",
                "verb": None,
                "cue": {"text": ":", "start": a + colon, "end": a + colon + 1},
                "speaker": speaker,
                "partials": [],
            }
        )
    return out


_TURN_LABEL = re.compile(r"[A-Z][A-Z .'-]*[A-Z]:\s")


def _continue_speaker(text: str, direct: list[Json], indirect: list[Json]) -> None:
    """Give an unattributed quotation paragraph the speaker of the paragraph before it.

    News convention: a paragraph that is only a quotation, with no attribution of its own, goes on
    quoting whoever the previous paragraph closed on ("Roe said she would run.¶“It is time.”").
    Only when that previous paragraph's last quote ends the paragraph; anything else is unclear. Not
    for a transcript turn with a label of its own ("EDITOR: …"): the label names somebody else.
    """
    every = sorted(direct + indirect, key=lambda q: q["start"])
    for q in direct:
        if q.get("speaker") is not None or _TURN_LABEL.match(q["text"]):
            continue
        para_start = text.rfind("\n", 0, q["start"]) + 1
        para_end = text.find("\n", q["end"])
        para_end = len(text) if para_end < 0 else para_end
        outside = text[para_start : q["start"]] + text[q["end"] : para_end]
        if outside.strip(" \t“”\"'‘’.,;:!?—–-"):
            # "Roe called him a master at closing deals. “He showed again and again …”": a quotation
            # closing its paragraph right after a sentence that reports goes on quoting its speaker.
            if text[q["end"] : para_end].strip(" \t“”\"'‘’.,;:!?"):
                continue
            same = [p for p in every if para_start <= p["start"] and p["end"] <= q["start"]]
            last = max(same, key=lambda p: p["end"]) if same else None
            if last is None or last.get("speaker") is None:
                continue
            # The report is in the sentence right before: one sentence end between it and the quote.
            gap = text[last["end"] : q["start"]].rstrip(" \t“”\"'‘’")
            if gap[-1:] not in (".", "!", "?") or any(c in gap[:-1].rstrip(".!?") for c in ".!?"):
                continue
            q["speaker"] = last["speaker"]
            q["inherited"] = True
            continue
        prev_end = para_start - 1
        while prev_end > 0 and text[prev_end - 1] in " \t\r\n":
            prev_end -= 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        before = [p for p in every if prev_start <= p["start"] and p["end"] <= prev_end]
        if not before:
            continue
        last = max(before, key=lambda p: p["end"])
        sp = last.get("speaker")
        if sp is None or text[last["end"] : prev_end].strip(" \t“”\"'‘’.,;:!?)"):
            continue
        q["speaker"] = sp
        q["inherited"] = True


def extract_quotes(doc: Doc, mentions: list[Json]) -> list[Json]:
    """Direct and indirect quotes of one parsed article, with speakers resolved through ``mentions``."""
    spans = quote_spans(doc_text(doc))
    spans, transcript = _transcript_quotes(doc_text(doc), spans, mentions)
    direct = sorted(_direct(doc, spans, mentions) + transcript, key=lambda q: q["start"])
    indirect = _indirect(doc, direct, mentions, spans)
    # Partial quotes inside a reported clause are part of that indirect quote, not quotes of their own.
    inside = {(p["start"], p["end"]) for q in indirect for p in q["partials"]}
    direct = [q for q in direct if (q["start"], q["end"]) not in inside or len(q["spans"]) > 1]
    indirect += _lead_name_statements(doc, mentions, direct + indirect)
    _continue_speaker(doc_text(doc), direct, indirect)
    for q in direct + indirect:
        sp, cue = q.get("speaker"), q.get("cue")
        holds = [(a, b) for a, b in q["spans"] if sp is not None and a <= sp["start"] and sp["end"] <= b]
        if holds and not (cue is not None and any(a <= cue["start"] < b for a, b in q["spans"])):
            # "worked to defend the Capitol": a name inside what is said is not who says it, unless
            # the attribution itself sits inside ("…, according to the office, and …").
            q["speaker"] = None
    return sorted(direct + indirect, key=lambda q: (q["start"], q["end"]))
