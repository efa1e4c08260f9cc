"""The plain dataclasses that flow through storyscope.

An :class:`Article` is created by ingest with its raw text and metadata, then filled in place by the
per-article stages (cleaning, language, dedupe). A :class:`Story` groups article ids. A
:class:`Briefing` is the per-story result that every renderer reads.

Offsets: every extracted item points into an article's *cleaned* text (``Article.text``) with
``start``/``end`` character offsets; ``Article.offset_map`` maps those back to the raw text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of cleaned text copied verbatim from the raw text.

    ``clean_start`` .. ``clean_start + length`` in the cleaned text equals
    ``raw_start`` .. ``raw_start + length`` in the raw text.
    """

    clean_start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Removed:
    """A span of raw text the cleaner dropped, and why (shown greyed out to the user)."""

    start: int
    end: int
    reason: str


@dataclass
class OffsetMap:
    """Maps cleaned-text offsets back to raw-text offsets, piecewise."""

    segments: list[Segment] = field(default_factory=list)

    def to_raw(self, clean_offset: int) -> int:
        """The raw offset of a cleaned-text offset (end offsets map to the end of their run)."""
        if not self.segments:
            return clean_offset
        starts = [s.clean_start for s in self.segments]
        i = max(0, bisect.bisect_right(starts, clean_offset) - 1)
        seg = self.segments[i]
        delta = min(max(clean_offset - seg.clean_start, 0), seg.length)
        return seg.raw_start + delta

    def to_json(self) -> list[list[int]]:
        return [[s.clean_start, s.raw_start, s.length] for s in self.segments]

    @classmethod
    def from_json(cls, data: list[list[int]]) -> OffsetMap:
        return cls([Segment(a, b, c) for a, b, c in data])


@dataclass
class Article:
    """One news article, from ingest to the briefing.

    ``id`` is the user-facing id (a file's name without its extension, or derived from the URL or
    record); ``content_hash`` identifies the raw content, so re-ingesting it is a no-op.
    """

    id: str
    raw: str
    origin: str
    title: str = ""
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    fmt: str = "txt"
    content_hash: str = ""
    text: str = ""
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    removed: list[Removed] = field(default_factory=list)
    language: str | None = None
    duplicate_of: str | None = None
    meta: Json = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IngestError:
    """An input that could not be turned into an article: a one-line, user-facing reason."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass
class Story:
    """A group of articles about one event. Ids are stable once assigned."""

    id: str
    title: str
    article_ids: list[str]
    created: str = ""
    updated: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """A cited passage: ``source`` article id and offsets into its cleaned text."""

    source: str
    start: int
    end: int


@dataclass
class SummarySentence:
    text: str
    sources: list[str]
    spans: list[Span] = field(default_factory=list)


@dataclass
class Briefing:
    """Everything storyscope says about one story. Lists stay empty until their stage exists."""

    id: str
    title: str
    sources: list[Article]
    summary: list[SummarySentence] = field(default_factory=list)
    entities: list[Json] = field(default_factory=list)
    quotes: list[Json] = field(default_factory=list)
    timeline: list[Json] = field(default_factory=list)
    claims: list[Json] = field(default_factory=list)
    contradictions: list[Json] = field(default_factory=list)
    framing: Json = field(default_factory=dict)
