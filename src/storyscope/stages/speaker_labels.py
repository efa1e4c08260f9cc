"""Speaker labels: a paragraph opened by a name and a colon is that speaker's, a quoted transcript's
turn ("“PENCE: …") or a heading's paraphrase ("Roe: Talks will resume in May")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyscope.models import Json
from storyscope.stages.attribution import doc_text
from storyscope.stages.direct_quotes import _quote_json
from storyscope.stages.quotemarks import _MIN_QUOTE_CHARS, _OPENERS, QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc


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
