"""Builders for test data (articles we write ourselves; nothing from ../shared)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from storyscope.models import Article

REPO = Path(__file__).resolve().parents[1]


SHARED = REPO.parent / "shared"


EXAMPLES = REPO / "examples"


def make_article(
    id: str = "a1",
    text: str = "The council voted on Monday to rebuild the old bridge over the river.",
    title: str = "Council votes to rebuild bridge",
    **kw: object,
) -> Article:
    """An already-cleaned article (raw == text) with a content hash."""
    a = Article(id=id, raw=text, origin=f"{id}.txt", title=title, text=text, **kw)  # type: ignore[arg-type]
    a.content_hash = a.content_hash or hashlib.sha256(text.encode()).hexdigest()
    return a


def one_quote(quotes: list[dict[str, Any]], fragment: str) -> dict[str, Any]:
    """The one quote whose text holds ``fragment`` (an assert fails if none or several do)."""
    hits = [q for q in quotes if fragment in q["text"]]
    assert len(hits) == 1, (fragment, quotes)
    return hits[0]


def names_of(ms: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The name mentions of ``ms`` by their text."""
    return {m["text"]: m for m in ms if m["kind"] == "name"}


def resolved_text(ms: list[dict[str, Any]], text: str) -> str | None:
    """The text of the name that the first pronoun or description written ``text`` resolves to."""
    by_id = {m["id"]: m for m in ms}
    hits = [m for m in ms if m["text"] == text and m["kind"] != "name"]
    if not hits or hits[0]["resolved_to"] is None:
        return None
    return str(by_id[hits[0]["resolved_to"]]["text"])
