"""Indirect quotes: what a reporting verb, a statement noun or "according to" reports, cut to the
source's words.

Indirect quotes are reporting verbs with a clausal complement ("X said (that) …", "X told reporters
…", "X warned/denied/claimed …"), and "according to X, …". Senses of those verbs that report nothing
("has seen a rise", "claimed 40 lives", "citing police sources", "is considered a moderate") are
left out by :mod:`storyscope.stages.senses`. A reported clause nested inside another
quote's content is left to the outer quote, and one that is mostly quoted text is the direct quote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyscope.models import Json
from storyscope.stages.attribution import (
    _SUBJ,
    REPORTING_VERBS,
    SPEECH_VERBS,
    _is_cue,
    _lemma,
    _subject,
    doc_text,
)
from storyscope.stages.cues import _cue_json, _tokens_in
from storyscope.stages.quotemarks import QuoteSpan
from storyscope.stages.senses import characterising_passive, forecast, non_speech_clause, non_speech_object
from storyscope.stages.speakers import _according_source, _speaker_for_cue
from storyscope.stages.voice import is_passive, passive_by, reduced_passive

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


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
    reported", "OSTREL (Agency) — …"): a date, a place or an agency, then a dash, at a sentence start.

    Read from the parse's entity types, which is how a date dateline is told from a sentence; the
    summary and the claims, which need no dates, share the text pattern of :mod:`storyscope.stages.dateline`.
    """
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
# "answers our questions"), nor what one boasts as a thing ("the city boasts three universities"), nor
# what one concludes as a thing ("concludes his chapter", "concluded the hearing": ends it).
_CLAUSE_ONLY = tuple("continue maintain write find add feel declare know answer boast conclude".split())
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
    if (
        cue.tag_ == "VBG"
        and cue.dep_ == "acl"
        and cue.i == cue.head.i + 1
        and any(c.dep_ == "xcomp" and c.tag_ in ("VBD", "VBZ", "VBN") for c in cue.children)
    ):
        # "A tsunami warning extended across the Pacific": the noun of a compound taken for a verb,
        # the sentence's own finite verb hung on it; an infinitive would be "warning residents to …".
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
        if cue.pos_ == "VERB" and forecast(cue):
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
