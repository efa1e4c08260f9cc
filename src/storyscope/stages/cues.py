"""The cue of a quotation: the reporting verb that governs it, stands beside it, or closes the sentence
before it, and how a cue is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyscope.models import Json
from storyscope.stages.attribution import _PHRASAL_SPEECH, _SUBJ, _is_cue, _lemma, _subject, doc_text
from storyscope.stages.quotemarks import _OPENERS, QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# How far (in tokens) a reporting verb is looked for around a quote.
_WINDOW_TOKENS = 14


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _governing_cue(
    doc: Doc, q: QuoteSpan, content_verbs: frozenset[str] = frozenset(), quoted: frozenset[int] = frozenset()
) -> Token | None:
    """The reporting verb the quote's clause hangs off, or one hanging off the quote's own root; else a
    verb of ``content_verbs`` that has the quotation for its object. ``quoted``: the tokens of every
    quotation of the document; a verb inside another quotation is that quotation's words, not a cue."""
    inside = {t.i for s, e in q.parts for t in _tokens_in(doc, s, e)}
    if not inside:
        return None
    roots = [doc[i] for i in sorted(inside) if doc[i].head.i not in inside or doc[i].head.i == i]
    for r in roots:
        t = r
        for _ in range(8):
            if t.head.i == t.i:
                break
            t = t.head
            if t.i in inside:
                continue
            if t.i in quoted:
                # "“If he thinks that …,” the narrator says, “what does he think of you?”": the parser
                # hangs this part on a verb of the next; that one's attribution may hang off it too.
                said = next(
                    (c for c in t.children if c.i not in quoted and c.dep_ == "parataxis" and _is_cue(c)),
                    None,
                )
                if said is not None:
                    return said
                continue
            if _is_cue(t) or _reads(t):
                return t
            put = next((c for c in t.children if c.dep_ == "advcl" and _as_put_it(c)), None)
            if put is not None:
                # "As Roe put it, the pier is “a danger …”": the idiom attributes its sentence.
                return put
            if t.lower_ == "according":
                return t
    for r in roots:
        for c in r.children:
            if (
                c.i not in inside
                and c.i not in quoted
                and c.dep_ in ("parataxis", "advcl", "conj", "ccomp")
                and (_is_cue(c) or _reads(c))
            ):
                return c
            if c.i not in inside and c.dep_ == "advcl" and _as_put_it(c):
                return c
    if content_verbs:
        # "Roe attacked “the hateful rhetoric of …”": a quotation that is the object of a stance verb.
        for r in roots:
            t = r
            if t.head.i == t.i or t.head.i in inside:
                continue
            if t.dep_ in _QUOTED_OBJECT_DEPS and t.head.pos_ == "VERB" and _lemma(t.head) in content_verbs:
                return t.head
    return None


# How a quotation hangs off a stance verb that has it for its object ("attacked “…”", "called for “…”").
_QUOTED_OBJECT_DEPS = ("dobj", "xcomp", "oprd", "ccomp", "attr")


def _reads(verb: Token) -> bool:
    """ "“…,” the letter reads": a text reads what it says. Only for quotations; "he read that …" is not
    somebody saying something."""
    return _lemma(verb) == "read" and verb.pos_ == "VERB"


def _as_put_it(verb: Token) -> bool:
    """Whether ``verb`` is "put" in "as X put it" (a subject, "it" for its object, "as" for its mark)."""
    kids = list(verb.children)
    return (
        _lemma(verb) == "put"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in kids)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in kids)
        and any(c.dep_ in _SUBJ for c in kids)
    )


def _window_cue(doc: Doc, q: QuoteSpan, after: bool) -> Token | None:
    """A reporting verb right after the closing mark (or right before the opening mark)."""
    text = doc_text(doc)
    if after:
        span = doc.char_span(q.end, min(len(text), q.end + 160), alignment_mode="contract")
        toks = list(span) if span is not None else []
        picked: list[Token] = []
        for t in toks[:_WINDOW_TOKENS]:
            if "\n" in t.text or (t.text in _OPENERS and picked):
                break
            picked.append(t)
            if t.text in (".", "!", "?") and any(_is_cue(p) for p in picked):
                break
        for t in picked:
            if (
                _is_cue(t)
                or _reads(t)
                or (t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to")
            ):
                if _reports_ahead(t, picked[0]):
                    return None
                return t
        return None
    start = max(0, q.start - 200)
    para = text.rfind("\n", start, q.start)
    start = para + 1 if para >= 0 else start
    span = doc.char_span(start, max(start, q.start - 1), alignment_mode="contract")
    toks = list(span) if span is not None else []
    # Only the clause leading into the quote: stop at the last sentence end before it.
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].text in (".", "!", "?") or toks[k].text in ("”", '"', "»"):
            toks = toks[k + 1 :]
            break
    for t in reversed(toks[-_WINDOW_TOKENS:]):
        if _is_cue(t) or _reads(t):
            return t
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            # "According to Roe, “…”": the phrase the parser hung inside the quotation.
            return t
    return None


def _reports_ahead(cue: Token, first: Token) -> bool:
    """Whether a verb found after a quotation starts a sentence of its own that reports what follows
    it ("… “outlaw nation.” Russia insisted that Pyongyang “stop …”"): that verb attributes the next
    quotation, not the one before."""
    starts = any(t.is_sent_start for t in cue.doc[first.i : cue.i + 1]) or first.i == 0
    doc = cue.doc
    return starts and any(
        c.dep_ == "ccomp"
        and c.i > cue.i
        and not any(doc[j].is_punct for j in range(cue.i + 1, c.left_edge.i))  # not "asked, repeating …"
        for c in cue.children
    )


_TRAIL_TOKENS = 8


def _trailing_cue(doc: Doc, q: QuoteSpan) -> Token | None:
    """The attribution closing the sentence right before a quote that opens a sentence of its own
    ("…, Roe said. “…”", and across a paragraph break when the quote opens the next paragraph).

    Only a sentence whose last words are the attribution counts: the reporting verb, its subject and
    adverbs ("Roe said on Monday."), or the speaker's phrase however long ("said Jo Roe, an economist
    at the bank."), with what it reports before it.
    """
    text = doc_text(doc)
    i = q.start - 2
    if i >= 0 and text[i] == "'" and text[i + 1] == "'":
        i -= 1  # the first of doubled single marks (''…'')
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i >= 0 and text[i] == "\n":
        # Across a paragraph break: only one, and only if the quote opens its paragraph.
        while i >= 0 and text[i].isspace():
            i -= 1
        if text[i + 1 : q.start - 1].count("\n") > 2:
            return None
    if i < 0 or text[i] != ".":
        return None
    period = doc.char_span(i, i + 1, alignment_mode="expand")
    if period is None:
        return None
    end = period[0].i
    sent = period[0].sent
    for k in range(end - 1, sent.start - 1, -1):
        t = doc[k]
        if not _is_cue(t) or t.pos_ != "VERB":
            continue
        subj = _subject(t)
        if subj is None or subj.i < sent.start:
            return None
        if k < end - _TRAIL_TOKENS and not all(
            doc[j].is_punct or subj.is_ancestor(doc[j]) or j == subj.i for j in range(t.i + 1, end)
        ):
            # Further back, only the speaker's own phrase may follow the verb ("…, said Jo Roe, an
            # economist at the bank.").
            return None
        # What it reports comes before the verb: a clause ("…, Roe said.") or a quotation.
        reported = any(c.dep_ in ("ccomp", "parataxis") and c.i < t.i for c in t.children) or (
            t.dep_ == "parataxis" and t.head.i < t.i
        )
        after = [doc[j] for j in range(t.i + 1, end)]
        if reported and not any(a.pos_ in ("VERB", "AUX") for a in after):
            return t
        return None
    return None


def _cue_json(tok: Token) -> tuple[str, Json]:
    if tok.lower_ == "according":
        end = tok.idx + len(tok)
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            end = nxt.idx + len(nxt)
        return "according to", {"text": doc_text(tok.doc)[tok.idx : end], "start": tok.idx, "end": end}
    prt = _PHRASAL_SPEECH.get(_lemma(tok))
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if prt is not None and nxt is not None and nxt.lower_ == prt and nxt.head.i == tok.i:
        # "shot back": the particle makes the verb a reporting one; show it with the verb.
        end = nxt.idx + len(nxt)
        return f"{_lemma(tok)} {prt}", {
            "text": doc_text(tok.doc)[tok.idx : end],
            "start": tok.idx,
            "end": end,
        }
    return _lemma(tok), {"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok)}
