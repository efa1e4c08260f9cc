"""A source as the user gave it: the raw text, with what the cleaner removed and what was extracted.

The raw text is cut into pieces at every boundary of a removed span (``article.removed``, raw
offsets) and of an extracted span (briefing items cite cleaned-text offsets, mapped back to the raw
text through ``article.offset_map``). Each piece says whether it was removed, and why, and which kinds
of extraction cover it; the template only decides the markup.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

from storyscope.models import Article, Briefing, Json

# Extraction kinds, in the order the legend shows them.
KINDS = ("summary", "quote", "timeline", "claim", "contradiction", "entity")
KIND_LABELS = {
    "summary": "summary",
    "quote": "quote",
    "timeline": "dated event",
    "claim": "claim",
    "contradiction": "contradiction",
    "entity": "entity mention",
}


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of raw text with one status: removed (with the reason) and/or extracted (the kinds)."""

    text: str
    removed: str | None
    kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceText:
    """The raw text in pieces, plus counts for the page's summary line."""

    pieces: list[Piece]
    removed_chars: int
    removed_reasons: list[tuple[str, int]]
    highlights: list[tuple[str, int]]


def _spans(item: Json, source: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every span of ``item`` in ``source``: its own offsets, ``spans``, ``mentions``."""
    out = []
    candidates: list[object] = [item]
    for key in ("spans", "mentions", "variants"):
        value = item.get(key)
        if isinstance(value, list):
            candidates.extend(value)
    for c in candidates:
        if not isinstance(c, dict) or c.get("source") != source:
            continue
        s, e = c.get("start"), c.get("end")
        if isinstance(s, int) and isinstance(e, int) and not isinstance(s, bool) and 0 <= s < e:
            out.append((s, e))
    return out


def extracted_spans(briefing: Briefing | None, source: str) -> list[tuple[int, int, str]]:
    """Every cleaned-text span of ``source`` that the briefing cites, with its kind."""
    if briefing is None:
        return []
    out: list[tuple[int, int, str]] = []
    for s in briefing.summary:
        out += [(sp.start, sp.end, "summary") for sp in s.spans if sp.source == source and sp.start < sp.end]
    for kind, items in (
        ("quote", briefing.quotes),
        ("timeline", briefing.timeline),
        ("claim", briefing.claims),
        ("entity", briefing.entities),
    ):
        for item in items:
            out += [(s, e, kind) for s, e in _spans(item, source)]
    for c in briefing.contradictions:
        for side in (c.get("a"), c.get("b")):
            if isinstance(side, dict):
                out += [(s, e, "contradiction") for s, e in _spans(side, source)]
    return out


def source_text(article: Article, briefing: Briefing | None) -> SourceText:
    """The raw text of ``article`` cut into :class:`Piece` runs (see the module docstring)."""
    raw = article.raw
    n = len(raw)
    clean_len = len(article.text)
    marks: list[tuple[int, int, str]] = []
    for s, e, kind in extracted_spans(briefing, article.id):
        s, e = min(s, clean_len), min(e, clean_len)
        if s >= e:
            continue
        # Map the last cited character, not the end offset: an end on a run boundary would otherwise
        # map to the start of the next run and stretch the highlight over the junk between them.
        rs, re_ = article.offset_map.to_raw(s), article.offset_map.to_raw(e - 1) + 1
        if 0 <= rs < re_ <= n:
            marks.append((rs, re_, kind))
    removed = [(max(0, r.start), min(n, r.end), r.reason) for r in article.removed if r.start < r.end]
    # A sweep over the sorted boundaries, keeping counts of the spans open at each point.
    starts: dict[int, list[tuple[str, str]]] = {}
    ends: dict[int, list[tuple[str, str]]] = {}
    for s, e, kind in marks:
        starts.setdefault(s, []).append(("mark", kind))
        ends.setdefault(e, []).append(("mark", kind))
    for s, e, reason in removed:
        starts.setdefault(s, []).append(("removed", reason))
        ends.setdefault(e, []).append(("removed", reason))
    bounds = sorted({0, n, *starts, *ends})
    open_marks: Counter[str] = Counter()
    open_removed: Counter[str] = Counter()
    pieces: list[Piece] = []
    for lo, hi in itertools.pairwise(bounds):
        for what, value in ends.get(lo, []):
            (open_marks if what == "mark" else open_removed)[value] -= 1
        for what, value in starts.get(lo, []):
            (open_marks if what == "mark" else open_removed)[value] += 1
        if lo >= hi:
            continue
        why = next((r for r, c in sorted(open_removed.items()) if c > 0), None)
        kinds = tuple(k for k in KINDS if open_marks[k] > 0)
        text = raw[lo:hi]
        if pieces and pieces[-1].removed == why and pieces[-1].kinds == kinds:
            pieces[-1] = Piece(pieces[-1].text + text, why, kinds)
        else:
            pieces.append(Piece(text, why, kinds))
    reasons: Counter[str] = Counter()
    for s, e, r in removed:
        reasons[r] += e - s
    kinds_count = Counter(k for _, _, k in marks)
    return SourceText(
        pieces=pieces,
        removed_chars=sum(reasons.values()),
        removed_reasons=sorted(reasons.items(), key=lambda t: (-t[1], t[0])),
        highlights=[(k, kinds_count[k]) for k in KINDS if kinds_count[k]],
    )
