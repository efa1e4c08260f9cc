"""Who said what in one article: direct and indirect quotes with their speakers and reporting verbs.

Direct quotes are found from their quotation marks (:mod:`storyscope.stages.direct_quotes`), indirect
ones from reporting verbs with a clause or an object and from "according to"
(:mod:`storyscope.stages.indirect_quotes`), and a paragraph opened by a speaker's label ("PENCE: …",
"Roe: …") is that speaker's (:mod:`storyscope.stages.speaker_labels`). Put together here: a partial
quote inside a reported clause belongs to that clause, a quotation paragraph with no attribution of
its own goes on quoting the speaker before it, and a name inside what is said is not who says it.

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
from storyscope.stages.attribution import doc_text
from storyscope.stages.direct_quotes import _direct
from storyscope.stages.indirect_quotes import _indirect
from storyscope.stages.quotemarks import quote_spans
from storyscope.stages.speaker_labels import _lead_name_statements, _transcript_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc


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
