"""What the web app reads from the store: story listings with filters, cached briefings and pages.

One :class:`Catalog` per app holds one store connection. Every store call goes through one lock: the
SQLite connection is shared by the server's worker threads, and a cursor must not be interleaved with
another thread's statements. Briefings, rendered pages and JSON are cached per (story id,
``story.updated``), so a story is recomputed only after it changed, and a busy page is served from
memory.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from storyscope.briefing import build_briefing
from storyscope.config import Config
from storyscope.models import Article, Briefing, Story
from storyscope.pipeline import IngestReport, ingest
from storyscope.render.json import briefing_to_dict
from storyscope.render.view import published_date
from storyscope.store.sqlite import SQLiteStore
from storyscope.stories.cluster import cluster_articles

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Full-text hits considered per query: enough to find every story of a local corpus worth showing.
SEARCH_HITS = 1000
CACHE_SIZE = 128

K = TypeVar("K")
V = TypeVar("V")


class LRU(Generic[K, V]):
    """A small thread-safe least-recently-used cache (rendered pages are large; keep only so many)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> V:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value


@dataclass(frozen=True, slots=True)
class StoryEntry:
    """One line of the story list: what the filters test and the list shows."""

    id: str
    title: str
    updated: str
    articles: int
    outlets: tuple[str, ...]
    languages: tuple[str, ...]
    dates: tuple[str, ...]
    article_ids: frozenset[str] = field(repr=False)

    @property
    def first_published(self) -> str | None:
        return self.dates[0] if self.dates else None

    @property
    def last_published(self) -> str | None:
        return self.dates[-1] if self.dates else None


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """The list filters: full-text query, outlet, language and a publication-date range (inclusive)."""

    q: str = ""
    outlet: str = ""
    language: str = ""
    since: str = ""
    until: str = ""

    @classmethod
    def parse(
        cls, q: str = "", outlet: str = "", language: str = "", since: str = "", until: str = ""
    ) -> tuple[StoryFilter, list[str]]:
        """A filter from user input, with a message for each value that had to be ignored."""
        problems = []
        dates = []
        for name, value in (("since", since), ("until", until)):
            value = value.strip()
            if value and not _DATE.match(value):
                problems.append(f"{name}: expected a date as YYYY-MM-DD, got {value[:40]!r}")
                value = ""
            dates.append(value)
        f = cls(q.strip()[:500], outlet.strip(), language.strip(), dates[0], dates[1])
        return f, problems

    @property
    def active(self) -> bool:
        return bool(self.q or self.outlet or self.language or self.since or self.until)

    def matches(self, e: StoryEntry) -> bool:
        """Whether a story passes the outlet, language and date filters (not the text query)."""
        if self.outlet and self.outlet.casefold() not in {o.casefold() for o in e.outlets}:
            return False
        if self.language and self.language.casefold() not in {x.casefold() for x in e.languages}:
            return False
        if self.since or self.until:
            lo, hi = self.since or "0000-00-00", self.until or "9999-99-99"
            # A story is in range when any of its articles was published in it.
            if not any(lo <= d <= hi for d in e.dates):
                return False
        return True


def _entry(story: Story, articles: Sequence[Article]) -> StoryEntry:
    outlets = sorted({a.outlet for a in articles if a.outlet}, key=str.casefold)
    languages = sorted({a.language for a in articles if a.language})
    dates = sorted({d for a in articles if (d := published_date(a.published))})
    return StoryEntry(
        id=story.id,
        title=story.title,
        updated=story.updated,
        articles=len(articles),
        outlets=tuple(outlets),
        languages=tuple(languages),
        dates=tuple(dates),
        article_ids=frozenset(story.article_ids),
    )


def _version(story: Story) -> tuple[str, str, int]:
    """A story version: ``updated`` has one-second resolution, so the content is part of the key."""
    return story.id, story.updated, hash((story.title, tuple(story.article_ids)))


class Catalog:
    """The web app's view of one store (see the module docstring for the locking and caching)."""

    def __init__(self, store_path: str, config: Config | None = None) -> None:
        self.config = config or Config.load()
        self.store = SQLiteStore(store_path)
        self.lock = threading.RLock()
        self._entries: dict[str, StoryEntry] = {}
        self._briefings: LRU[tuple[str, str, int], Briefing] = LRU(CACHE_SIZE)
        self._rendered: LRU[tuple[str, str, int, str], bytes] = LRU(CACHE_SIZE * 2)

    def close(self) -> None:
        """Close the store connection."""
        with self.lock:
            self.store.close()

    # -- listing --------------------------------------------------------------------------------

    def entries(self) -> list[StoryEntry]:
        """Every stored story, most recently updated first (summaries recomputed only on change)."""
        with self.lock:
            stories = self.store.list_stories()
            out = []
            for s in stories:
                e = self._entries.get(s.id)
                if e is None or e.updated != s.updated or e.article_ids != frozenset(s.article_ids):
                    e = _entry(s, list(self.store.iter_articles(s.article_ids)))
                    self._entries[s.id] = e
                out.append(e)
            live = {s.id for s in stories}
            for gone in set(self._entries) - live:
                del self._entries[gone]
        return sorted(out, key=lambda e: e.updated, reverse=True)

    def facets(self) -> tuple[list[str], list[str]]:
        """The outlets and languages found in stored stories (the filter menus' choices)."""
        outlets: set[str] = set()
        languages: set[str] = set()
        for e in self.entries():
            outlets.update(e.outlets)
            languages.update(e.languages)
        return sorted(outlets, key=str.casefold), sorted(languages)

    def find(self, f: StoryFilter) -> list[StoryEntry]:
        """Stories passing ``f``: in full-text rank order with a query, else newest first."""
        entries = [e for e in self.entries() if f.matches(e)]
        if not f.q:
            return entries
        with self.lock:
            hits = self.store.search(f.q, limit=SEARCH_HITS)
        rank = {aid: i for i, aid in reversed(list(enumerate(hits)))}
        scored = []
        for e in entries:
            best = min((rank[a] for a in e.article_ids if a in rank), default=None)
            if best is not None:
                scored.append((best, e))
        return [e for _, e in sorted(scored, key=lambda t: t[0])]

    # -- stories and articles -------------------------------------------------------------------

    def story(self, story_id: str) -> Story:
        """The stored story; raises NotFoundError."""
        with self.lock:
            return self.store.get_story(story_id)

    def article(self, article_id: str) -> Article:
        """The stored article; raises NotFoundError."""
        with self.lock:
            return self.store.get_article(article_id)

    def briefing(self, story: Story) -> Briefing:
        """The briefing of ``story``, built once per story version."""
        key = _version(story)
        cached = self._briefings.get(key)
        if cached is not None:
            return cached
        # Builds are serialised: they read and write annotations through the shared connection.
        with self.lock:
            cached = self._briefings.get(key)
            if cached is None:
                cached = self._briefings.put(key, build_briefing(self.store, story, self.config))
        return cached

    def rendered(self, story_id: str, kind: str, render: Callable[[Briefing], bytes]) -> bytes:
        """``render(briefing)`` of the story's current version, cached per (story, version, kind)."""
        story = self.story(story_id)
        key = (*_version(story), kind)
        body = self._rendered.get(key)
        if body is None:
            body = self._rendered.put(key, render(self.briefing(story)))
        return body

    def clear_rendered(self) -> None:
        """Drop cached pages and JSON (briefings stay): the next request renders again."""
        self._rendered = LRU(self._rendered.size)

    def story_json(self, story_id: str) -> bytes:
        """The contract's story object of ``story_id`` as UTF-8 JSON."""
        return self.rendered(
            story_id,
            "json",
            lambda b: json.dumps(briefing_to_dict(b), ensure_ascii=False, separators=(",", ":")).encode(),
        )

    # -- ingest ---------------------------------------------------------------------------------

    def ingest(self, inputs: Sequence[str]) -> tuple[IngestReport, Story | None]:
        """Ingest ``inputs`` (paths or URLs); returns the story the first article read belongs to.

        Articles join stories as they do on the command line (nearest live story, or a new one).
        """
        with self.lock:
            report = ingest(inputs, self.store, self.config)
            stories = cluster_articles(self.store, report.ids) if report.ids else []
        return report, (stories[0] if stories else None)
