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
articles in other languages use multilingual e5. e5 costs 0.3-0.5 s an article on this hardware
(hundreds of times the static model), so English articles are embedded with it only where a cross-lingual
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

The parameters and their presets are in :mod:`storyscope.stories.params`; the stories' state in memory
(running means, centroids, names, dates) in :mod:`storyscope.stories.state`; names are read and compared
by :mod:`storyscope.stories.names`; the nearest-centroid search is :mod:`storyscope.stories.neighbours`.
"""

from __future__ import annotations

import hashlib
import heapq
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from storyscope.config import Config
from storyscope.models import Article, Story
from storyscope.store.base import Store
from storyscope.stories import boilerplate
from storyscope.stories.boilerplate import SiteLines
from storyscope.stories.names import _MAX_NAMES, _STORY_NAMES, compare_names, salient_names, skeleton
from storyscope.stories.neighbours import _Index
from storyscope.stories.params import EVENT, ClusterParams
from storyscope.stories.state import (
    LiveStory,
    Means,
    beyond_background,
    leads_agree,
    live,
    overlap,
    pair_space,
    parse_date,
    profile_cosine,
)
from storyscope.stories.vectors import (
    FAST,
    MULTI,
    Known,
    Vectors,
    embed_articles,
    embed_text,
    get_embedder,
    pack,
)

_CHUNK = 256  # articles read and embedded together by Clusterer.assign
# A story is a chapter of another (Clusterer._part_of) only if the other is at least this many times its
# size; names are read a few places further, as the short skeletons among them are skipped.
_SUBSTORY_RATIO = 2
_SHORT_SLACK = 3


@dataclass
class _Candidate:
    story: LiveStory
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
        self._stories: dict[str, LiveStory] = {}
        self._by_seq: dict[int, LiveStory] = {}
        self._index: dict[str, _Index] = {
            FAST: _Index(get_embedder(FAST).dims, params.exact_limit),
            MULTI: _Index(get_embedder(MULTI).dims, params.exact_limit),
        }
        self._merged: dict[str, str] = {}
        self._means = Means()
        self._next_seq = 0
        # Stories that can no longer be live for an article of the newest date leave the search index
        # (they would fill the nearest candidates with stories the window rules out, and keep the index
        # growing with the corpus); they stay in memory and in the store, and a late article dated in
        # their window still finds them (see _dormant_candidates).
        self._newest: date | None = None
        self._expiry: list[tuple[date, int]] = []  # heap of (last date, seq); entries may be stale
        self._dormant: dict[int, LiveStory] = {}
        # Name skeleton -> seqs of the indexed stories that hold it: where cross-lingual candidates are
        # looked up. Entries of stories that left the index or dropped the name are filtered on use.
        self._postings: dict[str, set[int]] = {}
        # Lines recurring on a site's pages (see stories.boilerplate): what clustering reads leaves them
        # out. Counted in assignment order, so the same articles in the same order give the same stories
        # however they are batched.
        self._lines = SiteLines()
        self._known: Known = {}  # e5 vectors computed beside the reads (vectors.text_key)
        self._load()

    # -- state --------------------------------------------------------------------------------------

    def _load(self) -> None:
        for article_id, data in self.store.iter_annotations(boilerplate.STAGE, boilerplate.VERSION):
            self._lines.observe(article_id, str(data["site"]), np.array(data["k"], dtype=np.int64))
        for story_id, meta, vectors in self.store.iter_story_index():
            s = LiveStory.from_index(self.store.get_story(story_id), meta, vectors)
            self._next_seq = max(self._next_seq, s.seq + 1)
            if s.merged_into is not None:
                self._merged[s.id] = s.merged_into
                continue
            self._add_story(s)
        self._retire()

    def _add_story(self, s: LiveStory) -> None:
        for key, v in s.sums.items():
            self._means.add(key, v, s.counts.get(key, 0))
        self._stories[s.id] = s
        self._by_seq[s.seq] = s
        self._reindex(s)

    def _reindex(self, s: LiveStory) -> None:
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

    def _save(self, s: LiveStory, reason: str) -> None:
        # No copy of the members: the store keeps none of the list, and copying is O(story size) per join.
        self.store.put_story(Story(id=s.id, title=s.title, article_ids=s.article_ids), reason)
        self.store.put_story_index(s.id, s.meta(), {space: pack(v) for space, v in s.sums.items()})

    def _retire(self) -> None:
        """Move out of the search index the stories whose window ends before the newest date's starts."""
        for s in self._leaving():
            self._dormant[s.seq] = s
            for index in self._index.values():
                index.remove(s.seq)
            self._unpost(s)

    def _leaving(self) -> list[LiveStory]:
        """The live stories whose window ends before the newest date's starts, taken off the expiry heap
        (push them back to keep them live)."""
        if self._newest is None:
            return []
        horizon = self._newest - 2 * timedelta(days=self.params.window_days)
        out = []
        while self._expiry and self._expiry[0][0] < horizon:
            last, seq = heapq.heappop(self._expiry)
            s = self._by_seq.get(seq)
            if s is None or s.last != last or seq in self._dormant:
                continue  # merged away, or grown since (a newer entry is in the heap)
            out.append(s)
        return out

    def _unpost(self, s: LiveStory) -> None:
        for name in s.names:
            seqs = self._postings.get(skeleton(name))
            if seqs is not None:
                seqs.discard(s.seq)
                if not seqs:
                    del self._postings[skeleton(name)]

    # -- assignment -------------------------------------------------------------------------------

    def assign(self, article_ids: Sequence[str], known: Known | None = None) -> dict[str, str]:
        """Put every article in a story (those already in one stay put); article id -> story id."""
        run = self.start(known)
        run.add(article_ids)
        return run.finish()

    def start(self, known: Known | None = None) -> AssignRun:
        """An assignment fed a few articles at a time (ingest feeds it while its reads go on); it gives
        the same stories as one :meth:`assign` call over all of them."""
        return AssignRun(self, known)

    def _touched(self, since: list[str], out: dict[str, str]) -> list[int]:
        touched = {self._resolve(out[aid]) for aid in since}
        return sorted(self._stories[sid].seq for sid in touched if sid in self._stories)

    def _story_passes(self, since: list[str], out: dict[str, str]) -> None:
        """The story-level passes over the stories the articles in ``since`` touched (then cleared)."""
        seqs = self._touched(since, out)
        since.clear()
        self._consolidate(seqs)
        self._consolidate_by_names(seqs)
        self._absorb_small(seqs)

    def _pass_before_retiring(self, since: list[str], out: dict[str, str]) -> None:
        """Run the story passes now if a story they would look at is about to leave the index.

        The passes run at the end of a batch over the stories it touched, and never look at a retired
        story: a batch spanning years (a whole archive ingested at once) would see its early stories
        retire unmerged, where the same articles fed a day at a time would have met the passes while
        their stories were live. Cutting the batch there makes it behave like that feed."""
        p = self.params
        if p.consolidate is None and not p.consolidate_names:
            return  # no pass to run: nothing to cut for
        leaving = self._leaving()
        if not leaving:
            return
        for s in leaving:  # still live until _retire: back on the heap
            if s.last is not None:
                heapq.heappush(self._expiry, (s.last, s.seq))
        if {s.seq for s in leaving} & set(self._touched(since, out)):
            self._story_passes(since, out)

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
        return embed_articles(FAST, want_fast), embed_articles(MULTI, want_multi, self._known)

    def _follows_original(self, a: Article, batch: set[str]) -> bool:
        """Whether ``a`` is a copy that will join its original's story (no embedding needed): the
        original is in a story already, or comes earlier in this batch (copies point to older ids)."""
        if a.duplicate_of is None:
            return False
        return a.duplicate_of in batch or self.store.story_of(a.duplicate_of) is not None

    def _cross_candidates(self, names: list[str], day: date | None, foreign: bool) -> list[LiveStory]:
        """Live indexed stories that share a leading name (by skeleton) with an article's leading names,
        most shared first, then newest: stories with a non-English member when ``foreign``, else English
        stories without an e5 centroid."""
        p = self.params
        # A skeleton of one or two letters (Leo, Ed) matches too much to select anything.
        keys = {k for k in (skeleton(n) for n in names[: p.cross_names]) if len(k) >= 3}
        seqs: set[int] = set()
        for key in keys:
            seqs |= self._postings.get(key, set())
        found: list[tuple[int, int, LiveStory]] = []
        for seq in seqs:
            s = self._by_seq.get(seq)
            if s is None or seq in self._dormant or not live(s, day, p.window_days, p.span_days):
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
        day = parse_date(article.published)
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
            vectors[MULTI] = embed_articles(MULTI, [article])[article.id]
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
        return {space: embed_articles(space, [article], self._known)[article.id]}

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
                if not live(s, day, p.window_days, p.span_days):
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

    def _dormant_candidates(self, day: date | None) -> list[LiveStory]:
        """Retired stories still live at ``day``: only a late article (dated well before the newest one)
        has any, and the scan over retired stories is paid for such articles alone."""
        if day is None or self._newest is None:
            return []
        if day >= self._newest - timedelta(days=self.params.window_days):
            return []
        return [
            s for s in self._dormant.values() if live(s, day, self.params.window_days, self.params.span_days)
        ]

    def _space_for(self, s: LiveStory, article: Article, vectors: dict[str, Vectors]) -> str | None:
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
        self, s: LiveStory, article: Article, vectors: dict[str, Vectors], names: list[str]
    ) -> _Candidate | None:
        p = self.params
        space = self._space_for(s, article, vectors)
        if space is None:
            return None
        centroid = s.centroid(space, self._means)
        if centroid is None:
            return None
        sim = float(self._means.centre(f"{space}:{article.language or '?'}", vectors[space]) @ centroid)
        if p.background:
            # At a stream's start the means are mostly prior and every centred pair is alike (e5 on
            # ML-Crisis: 0.8-0.9): what counts is how far a similarity is above that. Without this, the
            # stream's first story took the next topic's first articles (Libya-heavy dev: the Egypt
            # story became the Libya one, 8 of 30 Egypt articles in it).
            sim = beyond_background(sim, self._means.background(space), s.size(space))
        # Names are compared as spelled only within one language; a story told in several languages
        # holds several spellings of its names (Siria, Syrie), which only the skeletons bring together.
        same_language = set(s.languages) - {"?"} <= {article.language or "?"}
        shared, vetoed = compare_names(names, s.top_names(_STORY_NAMES), same_language, p)
        threshold = p.threshold_fast if space == FAST else p.threshold_multi
        if p.lead_names and len(names) >= p.veto_names and not vetoed:
            # The article's own leading names must be known to the story (see ClusterParams.lead_names).
            lead = {skeleton(n) for n in names[: p.lead_names]}
            vetoed = not lead & {skeleton(n) for n in s.top_names(_STORY_NAMES)}
        score = sim - threshold + p.name_weight * min(len(shared), p.name_cap)
        return _Candidate(s, space, sim, shared, score, vetoed)

    def _new_story(
        self, article: Article, names: list[str], day: date | None, vectors: dict[str, Vectors]
    ) -> LiveStory:
        digest = hashlib.sha256((article.content_hash or article.id).encode()).hexdigest()
        story_id = f"s-{digest[:10]}"
        n = 2
        while story_id in self._stories or self._taken(story_id):
            story_id = f"s-{digest[:10]}-{n}"
            n += 1
        title = boilerplate.headline(article, article.title or "Untitled story")
        s = LiveStory(id=story_id, seq=self._next_seq, title=title, article_ids=[])
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
        s: LiveStory,
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

    def _maybe_merge(self, keep: LiveStory, cand: _Candidate) -> None:
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
        if p.background:
            sim = beyond_background(sim, self._means.background(space), keep.size(space), other.size(space))
        if sim < threshold + p.merge_margin:
            return
        shared, vetoed = compare_names(other.top_names(_MAX_NAMES), keep.top_names(_STORY_NAMES), True, p)
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
            best: tuple[float, float, LiveStory, str, list[str]] | None = None  # margin, sim, story, ...
            for space, index in self._index.items():
                c = s.centroid(space, self._means)
                if c is None:
                    continue
                threshold = (p.threshold_fast if space == FAST else p.threshold_multi) + p.consolidate
                for key in index.search(c, p.candidates):
                    o = self._by_seq[key]
                    # Two English stories compare in the English space only (as their articles did).
                    if o is s or pair_space(s, o) != space or not overlap(s, o, p.window_days):
                        continue
                    oc = o.centroid(space, self._means)
                    if oc is None:
                        continue
                    sim = float(c @ oc)
                    if sim < threshold or (best is not None and sim - threshold <= best[0]):
                        continue
                    same_language = len((set(s.languages) | set(o.languages)) - {"?"}) <= 1
                    shared, vetoed = compare_names(
                        s.top_names(_MAX_NAMES), o.top_names(_STORY_NAMES), same_language, p
                    )
                    # Two grown stories must also lead with one name (see ClusterParams.lead_agree).
                    if p.lead_agree and min(len(s.article_ids), len(o.article_ids)) >= p.lead_agree:
                        vetoed = vetoed or not leads_agree(s, o, p.consolidate_top)
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
        # Until nothing merges: a story merges with one other per round, and a topic split three ways
        # (before, during and after an election) needs two (on ML-Crisis dev, the Mubarak and Morsi
        # stories each merged a smaller one first and stayed apart).
        todo = sorted(set(touched))
        while todo:
            merged = [seq for seq in todo if self._consolidate_one_by_names(seq)]
            todo = [seq for seq in todo if seq in self._by_seq] if merged else []

    def _consolidate_one_by_names(self, seq: int) -> bool:
        """One story's turn in the names pass; whether it merged."""
        p = self.params
        s = self._by_seq.get(seq)
        if s is None or s.merged_into is not None:
            return False
        # Names counted by skeleton: a name in two spellings (Cairo and Caire in a story told in
        # Spanish and French) is one name, so it takes one of the five places, not two, and its
        # weight is not split between them.
        mine = set(s.top_skeletons(p.consolidate_top))
        near: set[int] = set()
        for key in mine:
            near |= self._postings.get(key, set())
        best: tuple[tuple[int, int, int], LiveStory, list[str]] | None = None
        for other_seq in near:
            o = self._by_seq.get(other_seq)
            if o is None or o is s or other_seq in self._dormant or not overlap(s, o, p.window_days):
                continue
            theirs = o.top_skeletons(p.consolidate_top)
            shared = sorted(theirs[k] for k in mine & set(theirs))
            rank = (len(shared), len(o.article_ids), -o.seq)
            # A story of one or two articles has few names and leads with what it happens to name
            # first; one of a larger story's leading names among its own is enough (see
            # ClusterParams.consolidate_small).
            small = len(s.article_ids) < p.consolidate_small <= len(o.article_ids)
            need = 1 if small else p.consolidate_names
            if (len(shared) >= need or self._part_of(s, o)) and (best is None or rank > best[0]):
                best = (rank, o, shared)
        if best is not None:
            o = best[1]
            space = pair_space(s, o) or MULTI
            a, b = s.centroid(space, self._means), o.centroid(space, self._means)
            sim = float(a @ b) if a is not None and b is not None else 0.0
            self._merge(s, o, space, sim, best[2])
            return True
        return False

    def _part_of(self, s: LiveStory, o: LiveStory) -> bool:
        """Whether ``s`` leads with names that ``o``, a story at least twice its size, also leads with
        (see ``ClusterParams.substory_lead``): a chapter of ``o``'s topic, whatever else it names.

        The names pass asks two stories to share two of each one's first five names, and a later chapter
        of a topic (a president's fall, two years into a crisis) leads with names that came to the fore
        only then: its first five are the new man, the capital, his party, while the topic's first five
        are still those of its first year, with the new man sixth and the capital fourth. Asked the other
        way round, whether the chapter's own first names are among the topic's first ``substory_top``,
        it is one of the topic's. Skeletons of one or two letters (Al, Ed) say nothing and are skipped.
        On ML-Crisis dev (long streams), a 15-article chapter beside its 290-article topic merged."""
        p = self.params
        if not p.substory_lead or len(o.article_ids) < _SUBSTORY_RATIO * len(s.article_ids):
            return False
        lead = [k for k in s.top_skeletons(p.substory_lead + _SHORT_SLACK) if len(k) >= 3]
        top = [k for k in o.top_skeletons(p.substory_top + _SHORT_SLACK) if len(k) >= 3]
        return len(lead) >= p.substory_lead and set(lead[: p.substory_lead]) <= set(top[: p.substory_top])

    def _absorb_small(self, touched: Iterable[int]) -> None:
        """Topic level: a small story that the batch touched joins the larger live story whose names
        it echoes (see ``ClusterParams.absorb_below``), the one whose name profile is nearest.

        A topic stream leaves small stories beside its topics: articles that came before their topic's
        story was near enough, or whose embedding sits apart (a page whose lead is a site's template).
        Their centroids say little (a one-article centroid against a large story's), but the names
        they lead with are the topic's own (Libya, Gaddafi, Cyrenaica): on ML-Crisis dev, the small
        stories whose name profile is at cosine 0.15 or more with a large story's all belong to its
        topic, while most of the rest are pages on something else that the dataset files under the
        topic, and share no leading name with it. The small story is merged into the large one (whose
        id stays), and both record the profile's cosine."""
        p = self.params
        if not p.absorb_below:
            return
        for seq in touched:
            s = self._by_seq.get(seq)
            if s is None or s.merged_into is not None or len(s.article_ids) >= p.absorb_below:
                continue
            mine = s.skeleton_counts()
            near: set[int] = set()
            for key in mine:
                near |= self._postings.get(key, set())
            best: tuple[tuple[float, int, int], LiveStory] | None = None
            for other_seq in sorted(near):
                o = self._by_seq.get(other_seq)
                if o is None or o is s or other_seq in self._dormant or len(o.article_ids) < p.absorb_below:
                    continue
                if not overlap(s, o, p.window_days):
                    continue
                rank = (profile_cosine(mine, o.skeleton_counts()), len(o.article_ids), -o.seq)
                if best is None or rank > best[0]:
                    best = (rank, o)
            if best is None or best[0][0] < p.absorb_profile:
                continue
            o = best[1]
            theirs = o.skeleton_counts()
            common = sorted((k for k in mine if k in theirs), key=lambda k: (-mine[k][0] * theirs[k][0], k))
            shared = [theirs[k][1] for k in common]
            space = pair_space(s, o) or MULTI
            a, b = s.centroid(space, self._means), o.centroid(space, self._means)
            sim = float(a @ b) if a is not None and b is not None else 0.0
            self._merge(
                s,
                o,
                space,
                sim,
                shared[:5],
                into=o,
                note=f"small story absorbed, name profile {best[0][0]:.2f}",
            )

    def _merge(
        self,
        keep: LiveStory,
        other: LiveStory,
        space: str,
        sim: float,
        shared: list[str],
        into: LiveStory | None = None,
        note: str = "",
    ) -> LiveStory:
        """Merge the younger of two stories into the older, or the other one into ``into``; returns the
        story kept."""
        older, younger = (keep, other) if keep.seq < other.seq else (other, keep)
        if into is not None:
            older, younger = into, (other if into is keep else keep)
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
        if note:
            why = f"{note}; {why}"
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


class AssignRun:
    """One assignment run over articles given in order, possibly a few at a time: each is read, embedded
    (a chunk at a time) and assigned when given; the story-level passes run once, at :meth:`finish`,
    over every story the run touched, as they would at the end of one :meth:`Clusterer.assign` call.
    Which articles come in which :meth:`add` changes nothing: the boilerplate lines are counted in
    assignment order, and a copy's original is assigned before it either way.

    ``known`` (e5 vectors computed beside the reads, by text key) may grow between calls; an article
    whose vector is not in it yet is embedded here."""

    def __init__(self, clusterer: Clusterer, known: Known | None) -> None:
        self.c = clusterer
        self.known: Known = known if known is not None else {}
        self.out: dict[str, str] = {}
        self.since: list[str] = []  # the articles assigned since the story passes last ran

    def add(self, article_ids: Sequence[str]) -> None:
        """Assign the given articles (those already in a story, or given before, stay put)."""
        c = self.c
        todo: list[str] = []
        for aid in dict.fromkeys(article_ids):
            if aid in self.out:
                continue
            stored = c.store.story_of(aid)
            if stored is not None:
                self.out[aid] = stored
            else:
                todo.append(aid)
        c._known = self.known  # see assign_stories
        try:
            # Read and embedded a chunk at a time: a 10,000-article ingest must not hold every text
            # in memory at once.
            for start in range(0, len(todo), _CHUNK):
                chunk = [c._read(aid) for aid in todo[start : start + _CHUNK]]
                fast, multi = c._embed_batch(chunk)
                for article in chunk:
                    self.out[article.id] = c._assign_one(article, fast.get(article.id), multi.get(article.id))
                    self.since.append(article.id)
                    c._pass_before_retiring(self.since, self.out)
                    c._retire()
        finally:
            c._known = {}

    def finish(self) -> dict[str, str]:
        """Run the story passes; article id -> story id for every article given."""
        self.c._story_passes(self.since, self.out)
        # A later article may have merged an earlier one's story into another: report where it is now.
        return {aid: self.c._resolve(sid) for aid, sid in self.out.items()}


def _is_english(a: Article) -> bool:
    return a.language in (None, "en")


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
    known: Known | None = None,
) -> dict[str, str]:
    """Assign stored articles to stories as they arrive, in order; return article id -> story id.

    Articles already in a story keep it. Each new article joins the nearest live story or starts one;
    stories and their history are written to ``store``. ``config`` is accepted for symmetry with the
    other pipeline steps; the clustering parameters are ``params`` (default :data:`EVENT`); ``known``
    holds e5 vectors computed beforehand, by :func:`~storyscope.stories.vectors.text_key`.
    """
    del config  # no clustering setting lives in Config yet
    return clusterer_for(store, params).assign(article_ids, known)


def cluster_articles(
    store: Store, article_ids: Iterable[str], params: ClusterParams | None = None
) -> list[Story]:
    """The stories the given stored articles fall into, in order of their first article."""
    mapping = assign_stories(store, list(article_ids), params=params)
    story_ids = list(dict.fromkeys(mapping.values()))
    return [store.get_story(sid) for sid in story_ids]
