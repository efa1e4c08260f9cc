"""The story list ``storyscope stories`` shows: one row per story, read from the store."""

from __future__ import annotations

from typing import Any

from storyscope.compare.headline import story_title
from storyscope.store.base import Store


def describe_stories(store: Store) -> list[dict[str, Any]]:
    """One row per non-empty story, for ``storyscope stories``: id, title (the one its briefing shows:
    see compare.headline), size, outlets, languages, first and last seen (publication dates when
    known, else when the story was created/updated)."""
    rows: list[dict[str, Any]] = []
    for story in store.list_stories():
        if not story.article_ids:
            continue  # merged into another story
        articles = list(store.iter_articles(story.article_ids))
        dates = sorted(a.published[:10] for a in articles if a.published)
        rows.append(
            {
                "id": story.id,
                "title": story_title(articles, story.title),
                "size": len(articles),
                "originals": sum(1 for a in articles if a.duplicate_of is None),
                "outlets": sorted({a.outlet for a in articles if a.outlet}),
                "languages": sorted({a.language for a in articles if a.language}),
                "first_seen": dates[0] if dates else story.created,
                "last_seen": dates[-1] if dates else story.updated,
            }
        )
    return rows
