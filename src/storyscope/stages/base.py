"""What a per-article stage looks like.

A stage is a pure function of one article (plus models it loads once in ``setup``). It runs on
batches, returns one JSON-serialisable annotation per article, and knows nothing of where it runs:
the executor (a local process pool, later Ray) calls the same object. Annotations are cached in the
store under (article content hash, stage name, stage version); bump ``version`` when output changes.
A stage that cannot handle an article returns ``{"skipped": "<reason>"}`` for it instead of raising.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from storyscope.models import Article, Json


@runtime_checkable
class Stage(Protocol):
    name: str
    version: str

    def setup(self) -> None:
        """Load models; called once per process before the first batch."""

    def run(self, articles: list[Article]) -> list[Json]:
        """One annotation per article, in order."""
        ...
