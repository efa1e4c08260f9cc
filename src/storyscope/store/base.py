"""The narrow store interface every backend implements (SQLite now, PostgreSQL later).

Everything above the store talks to this protocol only, so a backend can be swapped without touching
stages or the CLI; one shared test suite (tests/store/test_store_contract.py) runs against each
implementation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from typing import Protocol

from storyscope.models import Article, Json, Story


class Store(Protocol):
    def batch(self) -> AbstractContextManager[None]:
        """Group the writes made inside into one commit (a bulk ingest's): each write stays whole, and
        a crash loses the writes of the open group, never part of one. Groups do not nest (an inner
        one joins the outer); the writes are kept when the group ends with an exception."""
        ...

    def put_article(self, article: Article) -> str | None:
        """Store ``article`` atomically; return its id, or None when its content hash is already stored.

        If another article already holds ``article.id``, the new one gets a ``-2``, ``-3``… suffix (the
        returned id, also written back to ``article.id``).
        """
        ...

    def find_by_hash(self, content_hash: str) -> str | None:
        """The id of the stored article with this content hash, if any."""
        ...

    def get_article(self, article_id: str) -> Article:
        """The article with this id; raises NotFoundError."""
        ...

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Stored articles in ingest order (or in the order of ``ids``)."""
        ...

    def count_articles(self) -> int: ...

    def put_annotation(self, article_id: str, stage: str, version: str, data: Json) -> None:
        """Cache one stage's output for one article (replacing an older one of the same version)."""
        ...

    def get_annotation(self, article_id: str, stage: str, version: str) -> Json | None: ...

    def iter_annotations(self, stage: str, version: str) -> Iterator[tuple[str, Json]]:
        """All (article id, annotation) pairs of one stage version, in ingest order."""
        ...

    def put_story(self, story: Story, reason: str = "") -> None:
        """Create or update a story; ``reason`` is recorded in the story's history."""
        ...

    def get_story(self, story_id: str) -> Story:
        """The story with this id; raises NotFoundError."""
        ...

    def list_stories(self) -> list[Story]: ...

    def story_history(self, story_id: str) -> list[Json]:
        """Recorded changes of a story (created, joined, merged, split) with their reasons."""
        ...

    def story_of(self, article_id: str) -> str | None:
        """The id of the story holding this article, if any."""
        ...

    def put_story_index(self, story_id: str, meta: Json, vectors: Mapping[str, bytes]) -> None:
        """Replace the clustering state of a stored story: a JSON summary and one vector per space.

        ``vectors`` maps an embedding-space name to a packed float32 vector; spaces not given are
        dropped, so the call always leaves exactly the state passed in.
        """
        ...

    def iter_story_index(self) -> Iterator[tuple[str, Json, dict[str, bytes]]]:
        """Every (story id, meta, vectors) written by ``put_story_index``, in story creation order."""
        ...

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Article ids whose cleaned text or title matches a full-text query, best first."""
        ...

    def close(self) -> None: ...
