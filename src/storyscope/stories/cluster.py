"""Incremental story clustering: each new article joins the nearest live story or starts a new one.

An article is compared with the stories whose centroids are nearest to its embedding (an exact search
over a few thousand stories, a usearch HNSW graph beyond), restricted to stories that are live at the
article's publication date (within ``window_days`` of the story's first and last article, when dates are
known, and, for event stories, no more than ``span_days`` after its first article, so that a story fed
every day does not drift from its event to a whole topic). For each candidate::

    score = cosine(article, story centroid) - threshold(space) + name_weight * shared_names

and the best candidate with a score >= 0 wins, unless the names veto it: when both sides name enough
people and places and share none of their most salient ones, they are two similar but distinct events
(two earthquakes in two countries the same week), whatever the embeddings say.

Names are capitalised words that are not sentence-initial function words (the spaCy entity stage is
too slow for a stream); compared across languages they are reduced to a consonant skeleton, so that
Tehran, Teheran and Téhéran, or Putin and Poutine, meet.

Embedding spaces (see :mod:`storyscope.stories.vectors`): English articles use the fast static model;
articles in other languages use multilingual e5. e5 costs about 0.1 s an article on this hardware (a
hundred times the static model), so English articles are embedded with it only where a cross-lingual
join is plausible: two articles on one event share a leading name, compared by skeleton. An English
article that joins no English story gets an e5 vector when a live story told in another language shares
one of its leading names; a non-English article first gives an e5 centroid (from its first article) to
the few live English stories that share one of its leading names. An English and a Spanish article on
one event so meet in one story, and a mixed-language stream pays for e5 only on its non-English articles
and their likely partners.

Only stories that can still be live for the newest articles are searched: once a story's last article is
two windows older than the newest one, it leaves the nearest-neighbour index (a late article dated in its
window still finds it), so the search does not grow with the corpus. With ``consolidate`` set (the TOPIC
params), each batch ends with a story-level pass that merges a touched story into a live story whose
centroid is that close and whose names agree: topics are grown from event-sized stories.

Story ids are stable (derived from the first article's content hash); when an article bridges two
stories that are close to each other, the younger is merged into the older and both record why. The
same articles in the same order always give the same stories.

Names are read by :mod:`storyscope.stories.names`; the nearest-centroid search is
:mod:`storyscope.stories.neighbours`.
"""

from __future__ import annotations

import hashlib
import heapq
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from storyscope.config import Config
from storyscope.models import Article, Json, Story
from storyscope.store.base import Store
from storyscope.stories import boilerplate
from storyscope.stories.boilerplate import SiteLines
from storyscope.stories.names import _MAX_NAMES, _STORY_NAMES, salient_names, skeleton
from storyscope.stories.neighbours import _Index
from storyscope.stories.vectors import (
    FAST,
    MULTI,
    Vectors,
    embed_text,
    get_embedder,
    pack,
    unpack,
)


@dataclass(frozen=True)
class ClusterParams:
    """How far a story reaches. The defaults were tuned on ECB+ topics 1-22 at the event level."""

    # Cosine, after mean-centring, to a story centroid needed to join it, per embedding space.
    threshold_fast: float = 0.55
    threshold_multi: float = 0.55
    # Bonus per shared salient name (capped at ``name_cap`` names).
    name_weight: float = 0.03
    name_cap: int = 3
    # Veto a join when both sides have at least ``veto_names`` salient names and neither side's
    # ``veto_top`` leading names occur among the other's names (``veto_names=0`` disables the veto).
    veto_names: int = 3
    veto_top: int = 2
    window_days: float = 14.0
    # The longest a story may run from its first article, in days (None: no limit). Without it a story
    # whose articles keep coming drifts from its event to a whole topic: a month of pandemic news, each
    # day's article close to the growing centroid. Ten days keeps a week of coverage of one event (an
    # announced visit and the visit) with room for a publication date inferred a day or two off.
    span_days: float | None = 10.0
    candidates: int = 20
    # Below this many stories the search is exact; above it, an HNSW graph (usearch).
    exact_limit: int = 2000
    # "auto": fast for English, e5 for other languages; "fast" or "multi": one space for everything.
    mode: str = "auto"
    # A second story that the article also joins by this margin, and whose centroid is this close to
    # the first's, is merged into the older one.
    merge_margin: float = 0.08
    # After each batch, merge a story the batch touched into a live story whose centroid is this much
    # closer than the space's join threshold (cosine after centring), unless their names disagree;
    # None: no such pass.
    consolidate: float | None = None
    # Cross-lingual candidates (see the module docstring): an article's first ``cross_names`` names
    # against a story's first ``cross_story_names``; at most ``cross_backfill`` English stories get an
    # e5 centroid for one non-English article.
    cross_names: int = 3
    cross_story_names: int = 6
    cross_backfill: int = 8
    # Topic level: after each batch, merge a story the batch touched into the live story with which it
    # shares at least ``consolidate_names`` of each one's first ``consolidate_top`` names (by skeleton),
    # whatever their centroids say (0: no such pass). See Clusterer._consolidate_by_names.
    consolidate_names: int = 0
    consolidate_top: int = 5


EVENT = ClusterParams()
"""Stories are events: two similar events stay apart (storyscope's default)."""

TOPIC = ClusterParams(
    threshold_fast=0.4, threshold_multi=0.35, veto_top=4, window_days=60.0, span_days=None, consolidate=None
)
"""Looser stories that follow a topic (a long-running crisis) across its events."""

CROSSLINGUAL_TOPIC = ClusterParams(
    threshold_fast=0.4,
    threshold_multi=0.2,
    name_weight=0.15,
    veto_top=2,
    window_days=365.0,
    span_days=None,
    consolidate=0.0,
    consolidate_names=2,
)
"""Topic-level stories over a multilingual stream (e5 space): a low similarity bar, a year-long window,
and the names (compared by skeleton across languages) doing the separating and, at the end of a batch,
the merging of stories that lead with the same names. Tuned on ML-Crisis Egypt + Libya in es/fr/it."""


_CHUNK = 256  # articles read and embedded together by Clusterer.assign

# -- stories in memory -------------------------------------------------------------------------------


class _Means:
    """Running mean vector of every (space, language) over all clustered articles.

    Static and e5 embeddings of news share a large common direction (and e5 one per language), which
    makes unrelated articles look alike; comparing vectors after subtracting the mean removes it. Stories
    keep raw sums per (space, language), so ``sum - n * mean`` centres them exactly with today's mean,
    and the means themselves are the totals of the stories' sums (nothing more to persist). While few
    articles of a language have been seen, its mean is shrunk towards the other languages' mean in the
    space (towards zero for the first language, and for articles of unknown language): shrunk towards
    zero, a stream's first Italian articles kept e5's common direction and joined any story at cosine
    0.8-0.9 (on ML-Crisis Egypt + Libya, cross-lingual topic params: ARI 0.34 -> 0.72).
    """

    _PRIOR = 10.0

    def __init__(self) -> None:
        self._tot: dict[str, Vectors] = {}
        self._n: dict[str, int] = {}
        # Means as of the last add: scoring one article asks for the same few dozens of times.
        self._cache: dict[str, Vectors] = {}

    def add(self, key: str, v: Vectors, count: int = 1) -> None:
        self._cache.clear()
        self._tot[key] = self._tot[key] + v if key in self._tot else v.astype(np.float64)
        self._n[key] = self._n.get(key, 0) + count
        space, language = key.split(":", 1)
        if language != "?":
            self._tot[space] = self._tot[space] + v if space in self._tot else v.astype(np.float64)
            self._n[space] = self._n.get(space, 0) + count

    def mean(self, key: str) -> Vectors:
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._mean(key)
        return cached

    def _mean(self, key: str) -> Vectors:
        space, language = key.split(":", 1)
        tot = self._tot.get(key)
        n = self._n.get(key, 0)
        # What a language's mean is shrunk towards: the other languages' mean in the space (e5 puts
        # every language apart, but a common direction is shared); the unknown language is none.
        prior: Vectors | float = 0.0
        if language != "?" and space in self._tot:
            others = self._tot[space] - tot if tot is not None else self._tot[space]
            prior = others / (self._n[space] - n + self._PRIOR)
        if tot is None:
            return np.asarray(prior, dtype=np.float32).reshape(-1)
        return ((tot + self._PRIOR * prior) / (n + self._PRIOR)).astype(np.float32)

    def centre(self, key: str, v: Vectors) -> Vectors:
        c = v - self.mean(key)
        n = float(np.linalg.norm(c))
        return (c / n).astype(np.float32) if n > 0 else c.astype(np.float32)


@dataclass
class _Story:
    id: str
    seq: int
    title: str
    article_ids: list[str]
    sums: dict[str, Vectors] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    names: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None
    merged_into: str | None = None

    def has(self, space: str) -> bool:
        return any(k.startswith(space + ":") for k in self.sums)

    def centroid(self, space: str, means: _Means) -> Vectors | None:
        """The normalised mean of the members' centred vectors in ``space`` (None if it has none)."""
        total: Vectors | None = None
        for key, v in self.sums.items():
            if key.startswith(space + ":"):
                c = v - self.counts[key] * means.mean(key)
                total = c if total is None else total + c
        if total is None:
            return None
        n = float(np.linalg.norm(total))
        return total / n if n > 0 else None

    def add_vector(self, key: str, v: Vectors, count: int = 1) -> None:
        self.sums[key] = self.sums[key] + v if key in self.sums else v.copy()
        self.counts[key] = self.counts.get(key, 0) + count

    def top_names(self, k: int) -> list[str]:
        return [n for n, _ in sorted(self.names.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]

    def meta(self) -> Json:
        return {
            "seq": self.seq,
            "title": self.title,
            "n": len(self.article_ids),
            "counts": dict(sorted(self.counts.items())),
            "names": dict(self.names.most_common(_STORY_NAMES)),
            "languages": dict(sorted(self.languages.items())),
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "merged_into": self.merged_into,
        }

    @classmethod
    def from_index(cls, story: Story, meta: Json, vectors: dict[str, bytes]) -> _Story:
        return cls(
            id=story.id,
            seq=int(meta["seq"]),
            title=story.title,
            article_ids=list(story.article_ids),
            sums={space: unpack(blob) for space, blob in vectors.items()},
            counts={k: int(v) for k, v in meta.get("counts", {}).items()},
            names=Counter({k: int(v) for k, v in meta.get("names", {}).items()}),
            languages=Counter({k: int(v) for k, v in meta.get("languages", {}).items()}),
            first=_parse_date(meta.get("first")),
            last=_parse_date(meta.get("last")),
            merged_into=meta.get("merged_into"),
        )


def _parse_date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# -- the clusterer ---------------------------------------------------------------------------------


@dataclass
class _Candidate:
    story: _Story
    space: str
    sim: float
    shared: list[str]
    score: float
    vetoed: bool


class Clusterer:
    """Assigns articles of one store to stories; keeps the stories' state in memory between calls."""

    def __init__(self, store: Store, params: ClusterParams = EVENT) -> None:
        self.store = store
        self.params = params
        self._stories: dict[str, _Story] = {}
        self._by_seq: dict[int, _Story] = {}
        self._index: dict[str, _Index] = {
            FAST: _Index(get_embedder(FAST).dims, params.exact_limit),
            MULTI: _Index(get_embedder(MULTI).dims, params.exact_limit),
        }
        self._merged: dict[str, str] = {}
        self._means = _Means()
        self._next_seq = 0
        # Stories that can no longer be live for an article of the newest date leave the search index
        # (they would fill the nearest candidates with stories the window rules out, and keep the index
        # growing with the corpus); they stay in memory and in the store, and a late article dated in
        # their window still finds them (see _dormant_candidates).
        self._newest: date | None = None
        self._expiry: list[tuple[date, int]] = []  # heap of (last date, seq); entries may be stale
        self._dormant: dict[int, _Story] = {}
        # Name skeleton -> seqs of the indexed stories that hold it: where cross-lingual candidates are
        # looked up. Entries of stories that left the index or dropped the name are filtered on use.
        self._postings: dict[str, set[int]] = {}
        # Lines recurring on a site's pages (see stories.boilerplate): what clustering reads leaves them
        # out. Counted in assignment order, so the same articles in the same order give the same stories
        # however they are batched.
        self._lines = SiteLines()
        self._load()

    # -- state --------------------------------------------------------------------------------------

    def _load(self) -> None:
        for article_id, data in self.store.iter_annotations(boilerplate.STAGE, boilerplate.VERSION):
            self._lines.observe(article_id, str(data["site"]), np.array(data["k"], dtype=np.int64))
        for story_id, meta, vectors in self.store.iter_story_index():
            s = _Story.from_index(self.store.get_story(story_id), meta, vectors)
            self._next_seq = max(self._next_seq, s.seq + 1)
            if s.merged_into is not None:
                self._merged[s.id] = s.merged_into
                continue
            self._add_story(s)
        self._retire()

    def _add_story(self, s: _Story) -> None:
        for key, v in s.sums.items():
            self._means.add(key, v, s.counts.get(key, 0))
        self._stories[s.id] = s
        self._by_seq[s.seq] = s
        self._reindex(s)

    def _reindex(self, s: _Story) -> None:
        self._dormant.pop(s.seq, None)
        if s.last is not None:
            heapq.heappush(self._expiry, (s.last, s.seq))
            self._newest = s.last if self._newest is None else max(self._newest, s.last)
        for name in s.names:
            self._postings.setdefault(skeleton(name), set()).add(s.seq)
        for space, index in self._index.items():
            c = s.centroid(space, self._means)
            if c is None:
                index.remove(s.seq)
            else:
                index.upsert(s.seq, c)

    def _save(self, s: _Story, reason: str) -> None:
        # No copy of the members: the store keeps none of the list, and copying is O(story size) per join.
        self.store.put_story(Story(id=s.id, title=s.title, article_ids=s.article_ids), reason)
        self.store.put_story_index(s.id, s.meta(), {space: pack(v) for space, v in s.sums.items()})

    def _retire(self) -> None:
        """Move out of the search index the stories whose window ends before the newest date's starts."""
        if self._newest is None:
            return
        horizon = self._newest - 2 * timedelta(days=self.params.window_days)
        while self._expiry and self._expiry[0][0] < horizon:
            last, seq = heapq.heappop(self._expiry)
            s = self._by_seq.get(seq)
            if s is None or s.last != last or seq in self._dormant:
                continue  # merged away, or grown since (a newer entry is in the heap)
            self._dormant[seq] = s
            for index in self._index.values():
                index.remove(seq)
            self._unpost(s)

    def _unpost(self, s: _Story) -> None:
        for name in s.names:
            seqs = self._postings.get(skeleton(name))
            if seqs is not None:
                seqs.discard(s.seq)
                if not seqs:
                    del self._postings[skeleton(name)]

    # -- assignment -------------------------------------------------------------------------------

    def assign(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Put every article in a story (those already in one stay put); article id -> story id."""
        out: dict[str, str] = {}
        todo: list[str] = []
        for aid in dict.fromkeys(article_ids):
            known = self.store.story_of(aid)
            if known is not None:
                out[aid] = known
            else:
                todo.append(aid)
        # Articles are read and embedded a chunk at a time: a 10,000-article ingest must not hold
        # every text in memory at once.
        for start in range(0, len(todo), _CHUNK):
            chunk = [self._read(aid) for aid in todo[start : start + _CHUNK]]
            fast, multi = self._embed_batch(chunk)
            for article in chunk:
                out[article.id] = self._assign_one(article, fast.get(article.id), multi.get(article.id))
                self._retire()
        touched = {self._resolve(out[aid]) for aid in todo}
        seqs = sorted(self._stories[sid].seq for sid in touched if sid in self._stories)
        self._consolidate(seqs)
        self._consolidate_by_names(seqs)
        # A later article may have merged an earlier one's story into another: report where it is now.
        return {aid: self._resolve(sid) for aid, sid in out.items()}

    def _read(self, article_id: str) -> Article:
        """A stored article as clustering reads it: its page counted among its site's, and the lines its
        site repeats left out (the stored article keeps them; see stories.boilerplate)."""
        view, counted = self._lines.read(self.store.get_article(article_id))
        if counted is not None:
            site, keys = counted
            data = {"site": site, "k": [int(k) for k in keys]}
            self.store.put_annotation(view.id, boilerplate.STAGE, boilerplate.VERSION, data)
        return view

    def _resolve(self, story_id: str) -> str:
        while story_id in self._merged:
            story_id = self._merged[story_id]
        return story_id

    def _embed_batch(self, articles: list[Article]) -> tuple[dict[str, Vectors], dict[str, Vectors]]:
        """Embeddings computed up front: fast for English, e5 for the rest (copies need none)."""
        mode = self.params.mode
        batch = {a.id for a in articles}
        originals = [a for a in articles if not self._follows_original(a, batch)]
        want_fast = [a for a in originals if mode == "fast" or (mode == "auto" and _is_english(a))]
        want_multi = [a for a in originals if mode == "multi" or (mode == "auto" and not _is_english(a))]
        return _embed(FAST, want_fast), _embed(MULTI, want_multi)

    def _follows_original(self, a: Article, batch: set[str]) -> bool:
        """Whether ``a`` is a copy that will join its original's story (no embedding needed): the
        original is in a story already, or comes earlier in this batch (copies point to older ids)."""
        if a.duplicate_of is None:
            return False
        return a.duplicate_of in batch or self.store.story_of(a.duplicate_of) is not None

    def _cross_candidates(self, names: list[str], day: date | None, foreign: bool) -> list[_Story]:
        """Live indexed stories that share a leading name (by skeleton) with an article's leading names,
        most shared first, then newest: stories with a non-English member when ``foreign``, else English
        stories without an e5 centroid."""
        p = self.params
        # A skeleton of one or two letters (Leo, Ed) matches too much to select anything.
        keys = {k for k in (skeleton(n) for n in names[: p.cross_names]) if len(k) >= 3}
        seqs: set[int] = set()
        for key in keys:
            seqs |= self._postings.get(key, set())
        found: list[tuple[int, int, _Story]] = []
        for seq in seqs:
            s = self._by_seq.get(seq)
            if s is None or seq in self._dormant or not _live(s, day, p.window_days, p.span_days):
                continue
            english = set(s.languages) <= {"en", "?"}
            if foreign == english or (not foreign and s.has(MULTI)):
                continue
            shared = len(keys & {skeleton(n) for n in s.top_names(p.cross_story_names)})
            if shared:
                found.append((shared, seq, s))
        found.sort(key=lambda t: (-t[0], -t[1]))
        return [s for _, _, s in found]

    def _backfill_multi(self, article: Article, names: list[str], day: date | None) -> None:
        """Give the English stories a non-English article may belong to an e5 centroid (from their
        first article), so that its e5 search can find them."""
        recent = self._cross_candidates(names, day, foreign=False)[: self.params.cross_backfill]
        if not recent:
            return
        seeds = [self._lines.view(self.store.get_article(s.article_ids[0])) for s in recent]
        vectors = get_embedder(MULTI).encode([embed_text(a) for a in seeds])
        for s, seed, v in zip(recent, seeds, vectors, strict=True):
            key = f"{MULTI}:{seed.language or '?'}"
            s.add_vector(key, v)
            self._means.add(key, v)
            self._reindex(s)
            self.store.put_story_index(s.id, s.meta(), {space: pack(x) for space, x in s.sums.items()})

    def _assign_one(self, article: Article, fast: Vectors | None, multi: Vectors | None) -> str:
        names = salient_names(article.title, article.text)
        day = _parse_date(article.published)
        if article.duplicate_of is not None:
            original_story = self.store.story_of(article.duplicate_of)
            if original_story is not None and original_story in self._stories:
                s = self._stories[original_story]
                self._join(s, article, names, day, {}, f"joined: copy of {article.duplicate_of}")
                return s.id
        vectors = {space: v for space, v in ((FAST, fast), (MULTI, multi)) if v is not None}
        if not vectors:  # a copy whose original is not in a story yet: embed it after all
            vectors = self._embed_one(article)
        auto = self.params.mode == "auto"
        if auto and MULTI in vectors:
            self._backfill_multi(article, names, day)
        best = self._best(article, vectors, names, day)
        if best is None and auto and MULTI not in vectors and self._cross_candidates(names, day, True):
            # No English story takes it, and a story told in another language shares a leading name.
            vectors[MULTI] = _embed(MULTI, [article])[article.id]
            best = self._best(article, vectors, names, day)
        if best is None:
            return self._new_story(article, names, day, vectors).id
        s = best[0].story
        shared = ", ".join(best[0].shared) or "none"
        reason = f"joined: similarity {best[0].sim:.2f} ({best[0].space}), shared names: {shared}"
        self._join(s, article, names, day, vectors, reason)
        for other in best[1:]:
            self._maybe_merge(s, other)
            s = self._stories[s.merged_into] if s.merged_into else s
        return s.id

    def _embed_one(self, article: Article) -> dict[str, Vectors]:
        mode = self.params.mode
        space = FAST if mode == "fast" or (mode == "auto" and _is_english(article)) else MULTI
        return {space: _embed(space, [article])[article.id]}

    def _best(
        self, article: Article, vectors: dict[str, Vectors], names: list[str], day: date | None
    ) -> list[_Candidate] | None:
        """Candidates that the article may join, best first; None when none qualifies."""
        p = self.params
        seen: set[int] = set()
        found: list[_Candidate] = []
        for space, v in vectors.items():
            query = self._means.centre(f"{space}:{article.language or '?'}", v)
            for key in self._index[space].search(query, p.candidates):
                if key in seen:
                    continue
                seen.add(key)
                s = self._by_seq[key]
                if not _live(s, day, p.window_days, p.span_days):
                    continue
                c = self._score(s, article, vectors, names)
                if c is not None and c.score >= 0 and not c.vetoed:
                    found.append(c)
        for s in self._dormant_candidates(day):
            c = self._score(s, article, vectors, names)
            if c is not None and c.score >= 0 and not c.vetoed:
                found.append(c)
        if not found:
            return None
        found.sort(key=lambda c: (-c.score, c.story.seq))
        return found

    def _dormant_candidates(self, day: date | None) -> list[_Story]:
        """Retired stories still live at ``day``: only a late article (dated well before the newest one)
        has any, and the scan over retired stories is paid for such articles alone."""
        if day is None or self._newest is None:
            return []
        if day >= self._newest - timedelta(days=self.params.window_days):
            return []
        return [
            s for s in self._dormant.values() if _live(s, day, self.params.window_days, self.params.span_days)
        ]

    def _space_for(self, s: _Story, article: Article, vectors: dict[str, Vectors]) -> str | None:
        """Compare in e5 when the story or the article is not English, else in the fast space."""
        english_only = _is_english(article) and set(s.languages) <= {"en", "?"}
        if FAST in vectors and s.has(FAST) and (english_only or MULTI not in vectors):
            return FAST
        if MULTI in vectors and s.has(MULTI):
            return MULTI
        if FAST in vectors and s.has(FAST):
            return FAST
        return None

    def _score(
        self, s: _Story, article: Article, vectors: dict[str, Vectors], names: list[str]
    ) -> _Candidate | None:
        p = self.params
        space = self._space_for(s, article, vectors)
        if space is None:
            return None
        centroid = s.centroid(space, self._means)
        if centroid is None:
            return None
        sim = float(self._means.centre(f"{space}:{article.language or '?'}", vectors[space]) @ centroid)
        # Names are compared as spelled only within one language; a story told in several languages
        # holds several spellings of its names (Siria, Syrie), which only the skeletons bring together.
        same_language = set(s.languages) - {"?"} <= {article.language or "?"}
        shared, vetoed = _compare_names(names, s, same_language, p)
        threshold = p.threshold_fast if space == FAST else p.threshold_multi
        score = sim - threshold + p.name_weight * min(len(shared), p.name_cap)
        return _Candidate(s, space, sim, shared, score, vetoed)

    def _new_story(
        self, article: Article, names: list[str], day: date | None, vectors: dict[str, Vectors]
    ) -> _Story:
        digest = hashlib.sha256((article.content_hash or article.id).encode()).hexdigest()
        story_id = f"s-{digest[:10]}"
        n = 2
        while story_id in self._stories or self._taken(story_id):
            story_id = f"s-{digest[:10]}-{n}"
            n += 1
        title = boilerplate.headline(article, article.title or "Untitled story")
        s = _Story(id=story_id, seq=self._next_seq, title=title, article_ids=[])
        self._next_seq += 1
        self._stories[s.id] = s
        self._by_seq[s.seq] = s
        self._join(s, article, names, day, vectors, "created: no live story close enough")
        return s

    def _taken(self, story_id: str) -> bool:
        try:
            self.store.get_story(story_id)
        except Exception:
            return False
        return True

    def _join(
        self,
        s: _Story,
        article: Article,
        names: list[str],
        day: date | None,
        vectors: dict[str, Vectors],
        reason: str,
    ) -> None:
        s.article_ids.append(article.id)
        for space, v in vectors.items():
            key = f"{space}:{article.language or '?'}"
            s.add_vector(key, v)
            self._means.add(key, v)
        s.names.update(names)
        if len(s.names) > 2 * _STORY_NAMES:  # keep the profile bounded: the tail never decides
            s.names = Counter(dict(s.names.most_common(_STORY_NAMES)))
        s.languages[article.language or "?"] += 1
        if day is not None:
            s.first = day if s.first is None else min(s.first, day)
            s.last = day if s.last is None else max(s.last, day)
        self._reindex(s)
        self._save(s, reason)

    def _maybe_merge(self, keep: _Story, cand: _Candidate) -> None:
        """Merge ``cand``'s story into ``keep`` when the new article bridges two close stories."""
        p = self.params
        other = cand.story
        if other.id == keep.id or other.merged_into is not None or cand.score < p.merge_margin:
            return
        space = cand.space
        a, b = keep.centroid(space, self._means), other.centroid(space, self._means)
        if a is None or b is None:
            return
        threshold = p.threshold_fast if space == FAST else p.threshold_multi
        sim = float(a @ b)
        if sim < threshold + p.merge_margin:
            return
        shared, vetoed = _compare_names(other.top_names(_MAX_NAMES), keep, True, p)
        if vetoed:
            return
        self._merge(keep, other, space, sim, shared)

    def _consolidate(self, touched: Iterable[int]) -> None:
        """Merge each story the batch touched into a live story whose centroid is ``p.consolidate`` close.

        Event-sized stories, whose members were each compared with one centroid, are grouped here at the
        level of whole stories: a centroid is a steadier signal than one article, so a topic grows from
        its events without the chaining of a low per-article threshold."""
        p = self.params
        if p.consolidate is None:
            return
        for seq in sorted(set(touched)):
            s = self._by_seq.get(seq)
            if s is None or s.merged_into is not None:
                continue
            best: tuple[float, float, _Story, str, list[str]] | None = None  # margin, sim, story, ...
            for space, index in self._index.items():
                c = s.centroid(space, self._means)
                if c is None:
                    continue
                threshold = (p.threshold_fast if space == FAST else p.threshold_multi) + p.consolidate
                for key in index.search(c, p.candidates):
                    o = self._by_seq[key]
                    # Two English stories compare in the English space only (as their articles did).
                    if o is s or _pair_space(s, o) != space or not _overlap(s, o, p.window_days):
                        continue
                    oc = o.centroid(space, self._means)
                    if oc is None:
                        continue
                    sim = float(c @ oc)
                    if sim < threshold or (best is not None and sim - threshold <= best[0]):
                        continue
                    same_language = len((set(s.languages) | set(o.languages)) - {"?"}) <= 1
                    shared, vetoed = _compare_names(s.top_names(_MAX_NAMES), o, same_language, p)
                    if not vetoed:
                        best = (sim - threshold, sim, o, space, shared)
            if best is not None:
                self._merge(s, best[2], best[3], best[1], best[4])

    def _consolidate_by_names(self, touched: Iterable[int]) -> None:
        """Topic level: merge each story the batch touched into the live story that leads with the same
        names (see ``ClusterParams.consolidate_names``), the one sharing most, then the largest.

        Centring is what keeps two topics apart, and it works against a topic that is most of the
        stream: the mean is then that topic's own, so its sub-stories (a crisis before and after an
        election) point away from each other once it is removed, and no centroid pass joins them. Their
        leading names still agree. On ML-Crisis dev with one country cut to a sixth of its articles
        (Egypt 177 + Libya 33, Libya 193 + Egypt 30), ARI 0.21 -> 0.47 and 0.16 -> 0.57; balanced dev
        0.718 -> 0.742."""
        p = self.params
        if not p.consolidate_names:
            return
        for seq in touched:
            s = self._by_seq.get(seq)
            if s is None or s.merged_into is not None:
                continue
            mine = {skeleton(n) for n in s.top_names(p.consolidate_top)}
            near: set[int] = set()
            for key in mine:
                near |= self._postings.get(key, set())
            best: tuple[tuple[int, int, int], _Story, list[str]] | None = None
            for other_seq in near:
                o = self._by_seq.get(other_seq)
                if o is None or o is s or other_seq in self._dormant or not _overlap(s, o, p.window_days):
                    continue
                theirs = {skeleton(n): n for n in o.top_names(p.consolidate_top)}
                shared = sorted(theirs[k] for k in mine & set(theirs))
                rank = (len(shared), len(o.article_ids), -o.seq)
                if len(shared) >= p.consolidate_names and (best is None or rank > best[0]):
                    best = (rank, o, shared)
            if best is not None:
                o = best[1]
                space = _pair_space(s, o) or MULTI
                a, b = s.centroid(space, self._means), o.centroid(space, self._means)
                sim = float(a @ b) if a is not None and b is not None else 0.0
                self._merge(s, o, space, sim, best[2])

    def _merge(self, keep: _Story, other: _Story, space: str, sim: float, shared: list[str]) -> _Story:
        """Merge the younger of two stories into the older; returns the older."""
        older, younger = (keep, other) if keep.seq < other.seq else (other, keep)
        younger.merged_into = older.id
        self._merged[younger.id] = older.id
        older.article_ids.extend(younger.article_ids)
        for key, v in younger.sums.items():
            older.add_vector(key, v, younger.counts.get(key, 0))
        older.names.update(younger.names)
        older.languages.update(younger.languages)
        for d in (younger.first, younger.last):
            if d is not None:
                older.first = d if older.first is None else min(older.first, d)
                older.last = d if older.last is None else max(older.last, d)
        why = f"centroid similarity {sim:.2f} ({space}), shared names: {', '.join(shared) or 'none'}"
        moved = list(younger.article_ids)
        younger.article_ids = []
        del self._stories[younger.id]
        del self._by_seq[younger.seq]
        self._dormant.pop(younger.seq, None)
        self._unpost(younger)
        for index in self._index.values():
            index.remove(younger.seq)
        self.store.put_story(
            Story(id=younger.id, title=younger.title, article_ids=[]), f"merged into {older.id}: {why}"
        )
        self.store.put_story_index(younger.id, younger.meta(), {})
        self._reindex(older)
        self._save(older, f"merged {younger.id} ({len(moved)} articles): {why}")
        return older


def _compare_names(
    names: list[str], s: _Story, same_language: bool, p: ClusterParams
) -> tuple[list[str], bool]:
    """Shared salient names, and whether their disagreement vetoes the join."""
    story_names = s.top_names(_STORY_NAMES)
    key = (lambda n: n) if same_language else skeleton
    story_keys = {key(n) for n in story_names}
    article_keys = {key(n) for n in names}
    shared = [n for n in names if key(n) in story_keys]
    # Disagreement: none of the article's leading names occurs in the story, and none of the story's
    # leading names in the article (leading names are the places and people the event is about).
    disjoint = not ({key(n) for n in names[: p.veto_top]} & story_keys) and not (
        {key(n) for n in story_names[: p.veto_top]} & article_keys
    )
    vetoed = p.veto_names > 0 and len(names) >= p.veto_names and len(story_names) >= p.veto_names and disjoint
    return shared, vetoed


def _pair_space(a: _Story, b: _Story) -> str | None:
    """The space two stories are compared in: the English one when both are English, else e5."""
    if set(a.languages) | set(b.languages) <= {"en", "?"} and a.has(FAST) and b.has(FAST):
        return FAST
    if a.has(MULTI) and b.has(MULTI):
        return MULTI
    return FAST if a.has(FAST) and b.has(FAST) else None


def _overlap(a: _Story, b: _Story, window_days: float) -> bool:
    """Whether two stories' date ranges come within ``window_days`` of each other (undated: yes)."""
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return True
    w = timedelta(days=window_days)
    return a.first - w <= b.last and b.first - w <= a.last


def _is_english(a: Article) -> bool:
    return a.language in (None, "en")


def _live(s: _Story, day: date | None, window_days: float, span_days: float | None = None) -> bool:
    if day is None or s.first is None or s.last is None:
        return True
    w = timedelta(days=window_days)
    if span_days is not None and not s.last - timedelta(days=span_days) <= day <= s.first + timedelta(
        days=span_days
    ):
        return False
    return s.first - w <= day <= s.last + w


def _embed(space: str, articles: list[Article]) -> dict[str, Vectors]:
    if not articles:
        return {}
    vectors = get_embedder(space).encode([embed_text(a) for a in articles])
    return {a.id: v for a, v in zip(articles, vectors, strict=True)}


# -- public API -----------------------------------------------------------------------------------

_CLUSTERERS: weakref.WeakKeyDictionary[Any, Clusterer] = weakref.WeakKeyDictionary()


def clusterer_for(store: Store, params: ClusterParams | None = None) -> Clusterer:
    """The process's clusterer of ``store`` (loaded from the store once, then kept in step)."""
    params = params or EVENT
    c = _CLUSTERERS.get(store)
    if c is None or c.params != params:
        c = Clusterer(store, params)
        _CLUSTERERS[store] = c
    return c


def assign_stories(
    store: Store,
    article_ids: list[str],
    config: Config | None = None,
    params: ClusterParams | None = None,
) -> dict[str, str]:
    """Assign stored articles to stories as they arrive, in order; return article id -> story id.

    Articles already in a story keep it. Each new article joins the nearest live story or starts one;
    stories and their history are written to ``store``. ``config`` is accepted for symmetry with the
    other pipeline steps; the clustering parameters are ``params`` (default :data:`EVENT`).
    """
    del config  # no clustering setting lives in Config yet
    return clusterer_for(store, params).assign(article_ids)


def cluster_articles(
    store: Store, article_ids: Iterable[str], params: ClusterParams | None = None
) -> list[Story]:
    """The stories the given stored articles fall into, in order of their first article."""
    mapping = assign_stories(store, list(article_ids), params=params)
    story_ids = list(dict.fromkeys(mapping.values()))
    return [store.get_story(sid) for sid in story_ids]


def describe_stories(store: Store) -> list[dict[str, Any]]:
    """One row per non-empty story, for ``storyscope stories``: id, title, size, outlets, languages,
    first and last seen (publication dates when known, else when the story was created/updated)."""
    rows: list[dict[str, Any]] = []
    for story in store.list_stories():
        if not story.article_ids:
            continue  # merged into another story
        articles = list(store.iter_articles(story.article_ids))
        dates = sorted(a.published[:10] for a in articles if a.published)
        rows.append(
            {
                "id": story.id,
                "title": story.title,
                "size": len(articles),
                "originals": sum(1 for a in articles if a.duplicate_of is None),
                "outlets": sorted({a.outlet for a in articles if a.outlet}),
                "languages": sorted({a.language for a in articles if a.language}),
                "first_seen": dates[0] if dates else story.created,
                "last_seen": dates[-1] if dates else story.updated,
            }
        )
    return rows
