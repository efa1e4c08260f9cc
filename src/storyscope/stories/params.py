"""Clustering parameters: how far a story reaches, and the presets for event and topic stories."""

from __future__ import annotations

from dataclasses import dataclass


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
    # Cross-lingual candidates (see storyscope.stories.cluster): an article's first ``cross_names`` names
    # against a story's first ``cross_story_names``; at most ``cross_backfill`` English stories get an
    # e5 centroid for one non-English article.
    cross_names: int = 3
    cross_story_names: int = 6
    cross_backfill: int = 8
    # Topic level: after each batch, merge a story the batch touched into the live story with which it
    # shares at least ``consolidate_names`` of each one's first ``consolidate_top`` names (counted by
    # skeleton, so that one name in two spellings is one name), whatever their centroids say (0: no
    # such pass). See cluster.Clusterer._consolidate_by_names.
    consolidate_names: int = 0
    consolidate_top: int = 5
    # In that pass, a story of fewer than ``consolidate_small`` articles merges into one of at least
    # that many with a single leading name in common (0: the same bar for every story).
    consolidate_small: int = 0
    # Topic level: after the names pass, a touched story of fewer than ``absorb_below`` articles is
    # absorbed by the live story of at least that size whose names it echoes, when the cosine of their
    # name profiles (counts by skeleton) is at least ``absorb_profile`` (0: no such pass). See
    # cluster.Clusterer._absorb_small.
    absorb_below: int = 0
    absorb_profile: float = 0.15
    # Judge a similarity by how far it is above what unrelated articles would score while the running
    # means are still mostly prior, at a stream's start (see state.Means.background).
    background: bool = False
    # An article with at least ``veto_names`` names joins only a story that already holds one of its
    # first ``lead_names`` names (by skeleton; 0: no such rule). The veto above asks the converse (the
    # story's leading names among the article's), which a story of two topics' names always passes.
    lead_names: int = 0
    # Topic level, in the names pass: a story also merges into a live story at least twice its size
    # when its first ``substory_lead`` names (by skeleton) are all among that story's first
    # ``substory_top`` (0: no such rule). See cluster.Clusterer._part_of.
    substory_lead: int = 0
    substory_top: int = 8
    # Topic level, in the centroid pass: two stories of at least ``lead_agree`` articles each merge only
    # if either's first name (by skeleton) is among the other's first ``consolidate_top`` (0: no such
    # rule). The names veto asks only that one side's two leading names occur among the other's fifty,
    # which two neighbouring topics told through the same roundups pass (on ML-Crisis dev, an Egypt
    # story of 21 articles led by Egipto, Mubarak, Hosni merged with a Libya one of 11 led by Kadhafi,
    # Libye, Mouammar at centroid cosine 0.50, sharing Egipto, Ali, Al).
    lead_agree: int = 0


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
    consolidate_small=3,
    absorb_below=5,
    absorb_profile=0.1,
    background=True,
    lead_names=2,
    substory_lead=2,
    lead_agree=5,
)
"""Topic-level stories over a multilingual stream (e5 space): a low similarity bar, a year-long window,
and the names (compared by skeleton across languages) doing the separating and, at the end of a batch,
the merging of stories that lead with the same names, and the absorbing of small stories into the
large one whose names they echo, or whose leading names they lead with. Tuned on ML-Crisis Egypt + Libya
in es/fr/it."""
