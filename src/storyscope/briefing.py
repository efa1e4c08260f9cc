"""From stored articles to :class:`~storyscope.models.Briefing` objects.

Per-article stages run through an executor with their output cached in the store, keyed by article and
stage version, so a briefing re-runs only what changed; the per-story builders then compare articles.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyscope.compare.claims import analyse_claims
from storyscope.compare.entities import build_entities
from storyscope.compare.framing import build_framing
from storyscope.compare.headline import story_title
from storyscope.compare.quotes import build_quotes
from storyscope.compare.summary import summarize
from storyscope.compare.timeline import build_timeline, reconcile_published
from storyscope.config import Config
from storyscope.executors.local import LocalExecutor
from storyscope.models import Article, Briefing, Json, Story
from storyscope.stages.base import Stage
from storyscope.stages.claims import ClaimStage
from storyscope.stages.nlp import NlpStage
from storyscope.stages.timex import TimexStage
from storyscope.store.base import Store


def annotate(
    store: Store, stage: Stage, articles: Sequence[Article], executor: LocalExecutor
) -> dict[str, Json]:
    """``stage``'s annotation of every article, computing only those not cached in ``store``."""
    out: dict[str, Json] = {}
    todo: list[Article] = []
    for a in articles:
        cached = store.get_annotation(a.id, stage.name, stage.version)
        if cached is None:
            todo.append(a)
        else:
            out[a.id] = cached
    for a, ann in zip(todo, executor.run(stage, todo), strict=True):
        store.put_annotation(a.id, stage.name, stage.version, ann)
        out[a.id] = ann
    return out


def build_briefing(
    store: Store,
    story: Story,
    config: Config | None = None,
    executor: LocalExecutor | None = None,
) -> Briefing:
    """The briefing of one stored story."""
    config = config or Config.load()
    executor = executor or LocalExecutor()
    articles = list(store.iter_articles(story.article_ids))
    nlp = annotate(store, _stage("nlp"), articles, executor)
    entities = build_entities(articles, nlp)
    quotes = build_quotes(articles, nlp, entities)
    timex = annotate(store, _stage("timex"), articles, executor)
    _set_published(articles, reconcile_published(articles, timex))
    timeline = build_timeline(articles, timex, entities)
    claim_ann = annotate(store, _stage("claims"), articles, executor)
    found = analyse_claims(articles, nlp, entities, quotes, claim_ann, timex)
    return Briefing(
        id=story.id,
        title=story_title(articles, story.title),
        sources=articles,
        summary=summarize(
            articles, words=config.summary_words, claims=found.claims, contradictions=found.contradictions
        ),
        entities=entities,
        quotes=quotes,
        timeline=timeline,
        claims=found.claims,
        contradictions=found.contradictions,
        framing=build_framing(articles, found.claims, quotes, nlp),
    )


def _set_published(articles: Sequence[Article], dates: dict[str, Json]) -> None:
    """Fill unknown publication dates with the inferred ones, keeping how they were inferred.

    Only the in-memory articles of this briefing change: the store keeps what the input said.
    """
    for a in articles:
        d = dates.get(a.id)
        if a.published or not d or not d.get("published") or not d.get("published_inferred"):
            continue
        a.published = str(d["published"])
        a.meta["published_inferred"] = True
        a.meta["published_confidence"] = round(float(d.get("confidence", 0.0)), 2)
        a.meta["published_evidence"] = [str(e) for e in d.get("evidence", [])]


_STAGES: dict[str, Stage] = {}


def _stage(name: str) -> Stage:
    """One stage object per process, so models load once however many stories are briefed."""
    if name not in _STAGES:
        factories: dict[str, type[Stage]] = {"nlp": NlpStage, "timex": TimexStage, "claims": ClaimStage}
        _STAGES[name] = factories[name]()
    return _STAGES[name]
