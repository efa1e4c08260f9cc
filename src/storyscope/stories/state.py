"""The live stories' state kept in memory by the clusterer: running means per (space, language), each
story's vector sums, names, languages and dates, and the date and space rules between stories."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from storyscope.models import Json, Story
from storyscope.stories.names import _STORY_NAMES, skeleton
from storyscope.stories.vectors import FAST, MULTI, Vectors, unpack


class Means:
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
        self._background: dict[str, float] = {}

    def add(self, key: str, v: Vectors, count: int = 1) -> None:
        self._cache.clear()
        self._background.clear()
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

    def background(self, space: str) -> float:
        """The mean cosine between two of the space's articles after centring, from the totals alone
        (every vector is of unit norm): 0 once the means are the true means (the centred vectors then
        sum to zero), and the same figure is what a centred pair of unrelated articles scores.

        While the means are mostly prior, every centred vector keeps part of the space's common
        direction, and any two articles look alike by this much (on ML-Crisis dev, e5: 0.83 after 2
        articles, 0.56 after 10, 0.06 after 50, 0.00 after 200)."""
        cached = self._background.get(space)
        if cached is not None:
            return cached
        total: np.ndarray[Any, np.dtype[np.float64]] | None = None
        sq = 0.0
        n = 0
        for key, tot in self._tot.items():
            if not key.startswith(space + ":"):
                continue
            k = self._n[key]
            m = self.mean(key).astype(np.float64)
            c = tot - k * m
            total = c if total is None else total + c
            sq += k - 2.0 * float(m @ tot) + k * float(m @ m)
            n += k
        b = 0.0
        if total is not None and n > 1 and sq > 0:
            b = (float(total @ total) - sq) / ((n - 1) * sq)
        b = min(max(b, 0.0), 0.95)
        self._background[space] = b
        return b

    def centre(self, key: str, v: Vectors) -> Vectors:
        c = v - self.mean(key)
        n = float(np.linalg.norm(c))
        return (c / n).astype(np.float32) if n > 0 else c.astype(np.float32)


@dataclass
class LiveStory:
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

    def size(self, space: str) -> int:
        """How many of the members have a vector in ``space``."""
        return sum(n for key, n in self.counts.items() if key.startswith(space + ":"))

    def has(self, space: str) -> bool:
        return any(k.startswith(space + ":") for k in self.sums)

    def centroid(self, space: str, means: Means) -> Vectors | None:
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

    def top_skeletons(self, k: int) -> dict[str, str]:
        """The ``k`` leading names counted by skeleton, skeleton -> the most frequent spelling.

        A story told in several languages holds each name in several spellings (Cairo and Caire,
        Mubarak and Moubarak, Egipto and Egypte); counted apart, each spelling has a fraction of the
        name's weight and they take several of the leading places, pushing out other names."""
        totals: Counter[str] = Counter()
        spelling: dict[str, tuple[int, str]] = {}
        for name, n in self.names.items():
            key = skeleton(name)
            totals[key] += n
            if key not in spelling or (-n, name) < (-spelling[key][0], spelling[key][1]):
                spelling[key] = (n, name)
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], spelling[kv[0]][1]))[:k]
        return {key: spelling[key][1] for key, _ in ranked}

    def skeleton_counts(self) -> dict[str, tuple[int, str]]:
        """The story's name counts, spellings of one name added up: skeleton -> (count, the most
        frequent spelling). Skeletons of one or two letters (Leo, Ed, Paese) are left out: they match
        too many names to say anything."""
        counts: dict[str, tuple[int, str]] = {}
        best: dict[str, tuple[int, str]] = {}
        for name, n in self.names.items():
            key = skeleton(name)
            if len(key) < 3:
                continue
            total = counts.get(key, (0, name))[0] + n
            if key not in best or (-n, name) < (-best[key][0], best[key][1]):
                best[key] = (n, name)
            counts[key] = (total, best[key][1])
        return counts

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
    def from_index(cls, story: Story, meta: Json, vectors: dict[str, bytes]) -> LiveStory:
        return cls(
            id=story.id,
            seq=int(meta["seq"]),
            title=story.title,
            article_ids=list(story.article_ids),
            sums={space: unpack(blob) for space, blob in vectors.items()},
            counts={k: int(v) for k, v in meta.get("counts", {}).items()},
            names=Counter({k: int(v) for k, v in meta.get("names", {}).items()}),
            languages=Counter({k: int(v) for k, v in meta.get("languages", {}).items()}),
            first=parse_date(meta.get("first")),
            last=parse_date(meta.get("last")),
            merged_into=meta.get("merged_into"),
        )


def beyond_background(sim: float, b: float, k1: int, k2: int = 1) -> float:
    """A cosine between the centred means of ``k1`` and ``k2`` articles, rescaled so that what two
    groups of unrelated articles would score (every centred pair at cosine ``b``, see
    Means.background) is 0, and 1 stays 1."""
    if b <= 0 or k1 <= 0 or k2 <= 0:
        return sim
    base = float(b * np.sqrt(k1 * k2) / np.sqrt((1 + (k1 - 1) * b) * (1 + (k2 - 1) * b)))
    return (sim - base) / (1 - base) if base < 1 else sim


def leads_agree(a: LiveStory, b: LiveStory, top: int) -> bool:
    """Whether two stories lead with one name: either's first name (by skeleton) among the other's
    first ``top``.

    A story's leading names are read from all its articles, so they are steadier than an article's; two
    stories that do not lead with one name are two stories, however close their centroids (a country's
    uprising and its neighbour's war, both told through the same region's roundups)."""
    mine, theirs = list(a.top_skeletons(top)), list(b.top_skeletons(top))
    return bool(mine and theirs and (mine[0] in theirs or theirs[0] in mine))


def profile_cosine(a: dict[str, tuple[int, str]], b: dict[str, tuple[int, str]]) -> float:
    """Cosine of two name-count profiles (see LiveStory.skeleton_counts)."""
    dot = sum(n * b[k][0] for k, (n, _) in a.items() if k in b)
    if not dot:
        return 0.0
    na = sum(n * n for n, _ in a.values()) ** 0.5
    nb = sum(n * n for n, _ in b.values()) ** 0.5
    return float(dot / (na * nb))


def parse_date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def pair_space(a: LiveStory, b: LiveStory) -> str | None:
    """The space two stories are compared in: the English one when both are English, else e5."""
    if set(a.languages) | set(b.languages) <= {"en", "?"} and a.has(FAST) and b.has(FAST):
        return FAST
    if a.has(MULTI) and b.has(MULTI):
        return MULTI
    return FAST if a.has(FAST) and b.has(FAST) else None


def overlap(a: LiveStory, b: LiveStory, window_days: float) -> bool:
    """Whether two stories' date ranges come within ``window_days`` of each other (undated: yes)."""
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return True
    w = timedelta(days=window_days)
    return a.first - w <= b.last and b.first - w <= a.last


def live(s: LiveStory, day: date | None, window_days: float, span_days: float | None = None) -> bool:
    if day is None or s.first is None or s.last is None:
        return True
    w = timedelta(days=window_days)
    if span_days is not None and not s.last - timedelta(days=span_days) <= day <= s.first + timedelta(
        days=span_days
    ):
        return False
    return s.first - w <= day <= s.last + w
