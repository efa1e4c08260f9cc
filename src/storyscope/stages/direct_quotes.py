"""Direct quotes: quotations found from their marks and attributed through the parse.

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

Titles in quotation marks and a word or two in quotes inside someone's sentence are not quotes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyscope.models import Json
from storyscope.stages.attribution import doc_text
from storyscope.stages.cues import _cue_json, _governing_cue, _tokens_in, _trailing_cue, _window_cue
from storyscope.stages.indirect_quotes import CONTENT_VERBS
from storyscope.stages.quotemarks import _FRAGMENT_WORDS, _SCARE_WORDS, _SPLIT_GAP_WORDS, QuoteSpan
from storyscope.stages.speakers import (
    _colon_lead,
    _colon_subject,
    _dash_speaker,
    _in_parts,
    _name_beside,
    _name_colon,
    _name_near,
    _speaker_for_cue,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


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
