"""The speaker of a quote: the mention a reporting verb's subject (or "according to" source) resolves to,
and, when the parse names nobody, the name beside a quotation (after a dash, before a colon, next to
its verb)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyscope.models import Json
from storyscope.stages.attribution import (
    _OBJECT_VERBS,
    _SUBJ,
    _author,
    _is_cue,
    _lemma,
    _passive_participle_clause,
    _subject,
    doc_text,
)
from storyscope.stages.quotemarks import QuoteSpan
from storyscope.stages.voice import (
    _absolute_participle,
    _agent,
    _misparsed_finite,
    is_passive,
    reduced_passive,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# Offices one person holds: "the mayor of Paris" is a person, not the place (a spokesman or the
# officials of a country or a body do speak for it). Heads of a body too ("the head of the agency",
# "the state's attorney general", "the White House virus czar"): a reader is told who spoke, and a
# body's chief is named as such, not as the body.
_OFFICE_HOLDERS = frozenset(
    "mayor president premier chancellor minister governor king queen prince princess emir sultan "
    "leader senator judge monarch head chief czar tsar director general attorney secretary "
    "commissioner ambassador chairman chairwoman ceo".split()
)


# Nouns that speak for the place or body named before them ("a Kremlin spokesman", "U.S. officials",
# "US intelligence", "according to US findings").
_SPEAKS_FOR = frozenset(
    "spokesman spokeswoman spokesperson official officer ministry government embassy office "
    "administration diplomat envoy source intelligence finding report data military force authority "
    "police agency".split()
)


def _mention_at(tok: Token, mentions: list[Json]) -> Json | None:
    for m in mentions:
        if m["start"] <= tok.idx < m["end"]:
            return m
    return None


def _speaker(tok: Token | None, mentions: list[Json]) -> Json | None:
    """The speaker dict for a subject token: the name it denotes, through pronouns and descriptions."""
    if tok is None:
        return None
    by_id = {m["id"]: m for m in mentions}
    m = _mention_at(tok, mentions)
    if m is None and tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
        # "Roe, who said …": the pronoun as written, the name of the noun it relates to.
        ante = tok.head.head
        am = _mention_at(ante, mentions)
        if am is not None and am["kind"] != "name" and am["resolved_to"] is not None:
            am = by_id.get(am["resolved_to"])
        return {
            "text": tok.text,
            "start": tok.idx,
            "end": tok.idx + len(tok),
            "mention": am["id"] if am is not None and am["kind"] == "name" else None,
        }
    if m is None:
        # "the spokeswoman of the ministry, Jane Roe": the name in apposition to the subject.
        # A possessive or compound name inside the subject phrase: "Iran's foreign ministry spokesman".
        for c in tok.children:
            if (
                c.dep_ in ("appos", "compound")
                and (cm := _mention_at(c, mentions))
                and cm["type"] == "person"
            ):
                m = cm
                break
    if m is not None and m["kind"] == "name" and m["type"] == "place":
        # "CLEVELAND (UPI) — Former Attorney General Jo Roe told …": the parser makes the dateline the
        # subject and the person after the dash its apposition; the person speaks.
        for c in tok.children:
            if c.dep_ == "appos" and (pm := _mention_at(c, mentions)) and pm["type"] == "person":
                m = pm
                break
    if m is not None:
        target = (
            m
            if m["kind"] == "name"
            else by_id.get(m["resolved_to"])
            if m["resolved_to"] is not None
            else None
        )
        return {
            "text": m["text"],
            "start": m["start"],
            "end": m["end"],
            "mention": target["id"] if target else None,
        }
    # "the Kremlin's spokesman", "a spokesman for the ministry": speaks for the organisation.
    if tok.pos_ == "NOUN":
        for c in tok.children:
            holder = c if c.dep_ in ("poss", "compound") else None
            if c.dep_ == "prep" and c.lower_ in ("for", "of"):
                holder = next((g for g in c.children if g.dep_ == "pobj"), None)
            if holder is None:
                continue
            hm = _mention_at(holder, mentions)
            if (
                hm is not None
                and hm["kind"] == "name"
                and hm["type"] == "place"
                and c.dep_ == "compound"
                and tok.lemma_.lower() not in _SPEAKS_FOR
            ):
                # "the New York businessman", "a Texas rancher": where the person is from, not whom
                # they speak for (as "a White House spokesman" or "U.S. officials" do).
                break
            if hm is not None and hm["kind"] == "name" and hm["type"] in ("organization", "place"):
                if tok.lemma_.lower() in _OFFICE_HOLDERS:
                    # "the mayor of Paris", "France's president": one person holds the office; the
                    # place (or body) is not the speaker, the unnamed description below is.
                    break
                return {"text": hm["text"], "start": hm["start"], "end": hm["end"], "mention": hm["id"]}
    # "a statement saying …": the noun phrase without the verb it governs.
    cut = min((c.left_edge.i for c in tok.rights if c.dep_ == "acl" and c.tag_ == "VBG"), default=None)
    toks = [t for t in tok.subtree if not t.is_punct and (cut is None or t.i < cut)]
    while len(toks) > 1 and toks[-1].lower_ in _CLAUSE_ADVERBS and toks[-1].i > tok.i:
        toks.pop()  # "according to Lunesian diplomats already next Tuesday": the adverb is the clause's
    if not toks:
        return None
    # An unnamed source ("officials", "a spokesman"): text kept, no one named.
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    if end - start > 80:
        start, end = tok.idx, tok.idx + len(tok)
    text = doc_text(tok.doc)
    # "co-ordinators": the parser can split a hyphenated word and leave its first part out.
    while start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
        start -= 2
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    return {"text": text[start:end], "start": start, "end": end, "mention": None}


# Adverbs of time and focus the parser hangs on a subject ("officials already said"); "there" and
# "nearby" say which officials and stay.
_CLAUSE_ADVERBS = frozenset(
    "already still also now then again too even just only yet later earlier recently previously".split()
)
# "according to plan", "according to schedule": the way something goes, nobody's account of it.
_NOT_SOURCES = frozenset("plan schedule script design expectation custom tradition".split())


def _according_source(tok: Token) -> Token | None:
    """The source "according to" names, or None when it names none ("going according to plan")."""
    src: Token | None = None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            src = next((g for g in c.children if g.dep_ == "pobj"), None)
            break
    else:
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            src = next((g for g in nxt.children if g.dep_ == "pobj"), None)
    if src is not None and src.lemma_.lower() in _NOT_SOURCES:
        return None
    return src


def _speaker_for_cue(cue: Token, mentions: list[Json]) -> Json | None:
    if cue.lower_ == "according":
        return _speaker(_according_source(cue), mentions)
    if cue.pos_ == "NOUN":
        # "Roe claims that …" tagged as a noun: a noun with a subject of its own is the verb, and so is
        # a bare noun heading its sentence with a name before it ("Roe/compound claims/ROOT that …").
        bare_root = cue.dep_ == "ROOT" and not any(c.dep_ in ("det", "poss") for c in cue.children)
        subj = next(
            (
                c
                for c in cue.lefts
                if c.dep_ == "nsubj" or (bare_root and c.dep_ == "compound" and c.pos_ in ("PROPN", "PRON"))
            ),
            None,
        )
        src = subj if subj is not None else _noun_source(cue)
        if src is None:
            # "Democrats persisted in arguments that …", "she made the claim that …".
            src = _author(cue)
        if src is None:
            # "a New York Times report that …": the outlet or person named before the noun.
            src = next(
                (
                    c
                    for c in cue.lefts
                    if c.dep_ == "compound"
                    and (m := _mention_at(c, mentions)) is not None
                    and m["kind"] == "name"
                    and m["type"] in ("person", "organization")
                ),
                None,
            )
        return _named_outside(src, _speaker(src, mentions), mentions)
    subj = _subject(cue)
    if subj is None and _misparsed_finite(cue):
        return _speaker(cue.head, mentions)
    if (
        (subj is None and cue.tag_ == "VBN")
        or (subj is not None and subj.dep_ == "nsubjpass" and subj.head.i == cue.i)
        # "Roe started at Hull and is believed to have …": a passive shares its conjunct's subject
        # as what it reports on, not as its speaker.
        or is_passive(cue)
        or reduced_passive(cue)
        or _passive_participle_clause(cue)
        or _absolute_participle(cue)
    ):
        # "Roe is expected to resign", "the plan was criticised by the union": the passive subject is
        # what is reported on; the speaker is the agent, if one is named.
        subj = _agent(cue)
    elif subj is None and cue.tag_ in ("VBD", "VBZ", "VBP"):
        # "… at the convention Sen. Jo Roe (D-MA) said …", "… and Democrats accused …": a finite verb the
        # parser left without a subject has the name right before it for one.
        return _name_before(cue, mentions)
    return _named_outside(subj, _speaker(subj, mentions), mentions)


def _name_before(verb: Token, mentions: list[Json]) -> Json | None:
    """The person or organisation named right before ``verb`` (a parenthetical "(D-MA)" between)."""
    i = verb.i - 1
    doc = verb.doc
    if i >= 0 and doc[i].text == ")":
        while i >= 0 and doc[i].text != "(":
            i -= 1
        i -= 1
    if i < 0 or doc[i].is_punct or doc[i].sent.start != verb.sent.start:
        return None
    m = _mention_at(doc[i], mentions)
    if m is None or m["kind"] != "name" or m["type"] not in ("person", "organization"):
        return None
    if m["end"] != doc[i].idx + len(doc[i]):
        return None
    return {"text": m["text"], "start": m["start"], "end": m["end"], "mention": m["id"]}


_PERSONAL = frozenset("he she they".split())


def _named_outside(tok: Token | None, speaker: Json | None, mentions: list[Json]) -> Json | None:
    """The name a pronoun speaker stands for when the pronoun's clause is reported by that name in the
    same sentence ("Roe said she expects …", "Roe told reporters that he believes …"): the person who
    states it is named there, and the name is shown rather than the pronoun. Only for a complement
    clause: in "after he said …", "though she added …" the pronoun's clause is a report of its own."""
    if tok is None or speaker is None or speaker["mention"] is None or tok.lower_ not in _PERSONAL:
        return speaker
    clause = tok.head
    if tok.dep_ != "nsubj" or clause.dep_ != "ccomp" or not _is_cue(clause.head):
        return speaker
    subj = _subject(clause.head)
    if subj is None or subj.lower_ in _PERSONAL or subj.tag_ in ("WDT", "WP"):
        return speaker
    outer = _speaker(subj, mentions)
    return outer if outer is not None and outer["mention"] == speaker["mention"] else speaker


def _noun_source(noun: Token) -> Token | None:
    """Whose statement a cue noun names: "Roe's claim", "a warning by the agency"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _in_parts(pos: int, q: QuoteSpan) -> bool:
    return any(a <= pos < b for a, b in q.parts)


def _name_near(doc: Doc, cue: Token, q: QuoteSpan, mentions: list[Json]) -> Json | None:
    """The name mention closest to ``cue`` in its sentence, outside the quotation."""
    sent = cue.sent
    best: tuple[int, Json] | None = None
    for m in mentions:
        if m["kind"] != "name" or m["type"] == "place" or _in_parts(m["start"], q):
            continue
        if not (sent.start_char <= m["start"] < sent.end_char):
            continue
        if m["start"] > cue.idx and _lemma(cue) in _OBJECT_VERBS:
            # "Roe, 58, told AFP": the name after "told" is who was told.
            continue
        dist = abs(m["start"] - cue.idx)
        if best is None or dist < best[0]:
            best = (dist, m)
    if best is None:
        return None
    m = best[1]
    return {"text": m["text"], "start": m["start"], "end": m["end"], "mention": m["id"]}


# What may stand between a closing quotation mark and the attribution right after it.
_AFTER_MARK = " ,\u00a0”\"'’"


def _name_beside(text: str, q: QuoteSpan, cue: Token, mentions: list[Json]) -> Json | None:
    """The person or organisation named right after a quotation and right beside its reporting verb:
    "“…,” Roe answers" (the name between the mark and the verb) or "“…,” said Jo Roe" (the verb right
    after the mark, the name right after the verb)."""
    if cue.idx < q.end:
        return None
    gap = text[q.end : cue.idx]
    cue_end = cue.idx + len(cue)
    for m in mentions:
        if m["kind"] != "name" or m["type"] not in ("person", "organization"):
            continue
        before = (
            m["end"] <= cue.idx
            and not text[m["end"] : cue.idx].strip()
            and not gap[: m["start"] - q.end].strip(_AFTER_MARK)
        )
        after = (
            m["start"] >= cue_end and not text[cue_end : m["start"]].strip() and not gap.strip(_AFTER_MARK)
        )
        if (before and m["start"] >= q.end) or after:
            return {"text": m["text"], "start": m["start"], "end": m["end"], "mention": m["id"]}
    return None


_DASHES = "―—–-"
_BYLINE_WORDS = 5


def _dash_speaker(text: str, q: QuoteSpan, mentions: list[Json]) -> Json | None:
    """The name right after a dash that follows the closing mark ("“…” ― Jane Roe")."""
    i = q.end + 1
    while i < len(text) and text[i] in " ,.\u00a0":
        i += 1
    if i >= len(text) or text[i] not in _DASHES:
        return None
    i += 1
    while i < len(text) and text[i] in " \u00a0":
        i += 1
    for m in mentions:
        if m["start"] == i and m["kind"] == "name" and m["type"] in ("person", "organization"):
            return {"text": m["text"], "start": m["start"], "end": m["end"], "mention": m["id"]}
    # A name the entity stage did not take ("“…” ― Jo N Roe-Smith" closing a reader's comment): the
    # capitalised words filling the rest of the paragraph, nobody named.
    line_end = text.find("\n", i)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[i:line_end].rstrip(" .\u00a0")
    words = rest.split()
    if 2 <= len(words) <= _BYLINE_WORDS and all(w[:1].isupper() for w in words):
        return {"text": rest, "start": i, "end": i + len(rest), "mention": None}
    return None


def _name_colon(text: str, q: QuoteSpan, mentions: list[Json]) -> Json | None:
    """The name right before a colon that opens the quotation ("Rubio: ‘You don't win …’", "More from
    the pollster Jane Roe: “…”"), a headline's or a digest's attribution."""
    before = text[: q.start - 1].rstrip(" \t\u00a0")
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    for m in mentions:
        if m["end"] == colon and m["kind"] == "name" and m["type"] in ("person", "organization"):
            return {"text": m["text"], "start": m["start"], "end": m["end"], "mention": m["id"]}
    return None


def _colon_subject(doc: Doc, q: QuoteSpan, mentions: list[Json]) -> Json | None:
    """The person or organisation a sentence ending in a colon right before the quotation is about
    ("She then addressed the supporters again: “…”", "the board was conclusive in its findings: “…”"):
    the colon introduces their words. Only a named one (or a pronoun for a named one)."""
    text = doc_text(doc)
    before = text[: q.start - 1].rstrip(" \t\u00a0")
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    root = colon[0].head if colon[0].head.pos_ in ("VERB", "AUX") else colon[0].sent.root
    subj = _subject(root) if root.pos_ in ("VERB", "AUX") else None
    if subj is None or subj.dep_ != "nsubj":
        return None
    sp = _speaker(subj, mentions)
    if sp is None or sp["mention"] is None:
        return None
    named = next((m for m in mentions if m["id"] == sp["mention"]), None)
    return sp if named is not None and named["type"] in ("person", "organization") else None


def _colon_lead(doc: Doc, q: QuoteSpan, mentions: list[Json]) -> tuple[Token | None, Json | None]:
    """Cue and speaker of a lead-in paragraph ending in a colon right before the quote's paragraph."""
    text = doc_text(doc)
    para = text.rfind("\n", 0, q.start)
    if para < 0 or text[para + 1 : q.start - 1].strip():
        return None, None
    prev_end = para
    while prev_end > 0 and text[prev_end - 1].isspace():
        prev_end -= 1
    if prev_end <= 0 or text[prev_end - 1] != ":":
        return None, None
    colon = doc.char_span(prev_end - 1, prev_end, alignment_mode="expand")
    if colon is None:
        return None, None
    sent = colon[0].sent
    cue = next((t for t in sent if _is_cue(t)), None)
    subj = _subject(cue) if cue is not None else None
    if subj is None:
        # "Roe continued:" / "The Daily Ledger reports:" with a verb not taken for a cue.
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in _SUBJ), None)
        cue = root if subj is not None else None
    return cue, _speaker(subj, mentions)
