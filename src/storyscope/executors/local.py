"""Runs per-article stages on this machine: in process, or on a local process pool.

Stages know nothing of this module (architecture rule): the executor only calls ``setup`` and ``run``
on batches, so a Ray executor can later run the very same stage objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from storyscope.models import Article, Json
from storyscope.stages.base import Stage

_WORKER_STAGE: Stage | None = None


def _init_worker(stage: Stage) -> None:
    global _WORKER_STAGE
    stage.setup()
    _WORKER_STAGE = stage


def _run_in_worker(batch: list[Article]) -> list[Json]:
    assert _WORKER_STAGE is not None, "worker not initialised"
    return _WORKER_STAGE.run(batch)


class LocalExecutor:
    """``workers=1`` runs in this process (no pickling, models loaded once); more uses a pool."""

    def __init__(self, workers: int = 1, batch_size: int = 32) -> None:
        self.workers = max(1, workers)
        self.batch_size = max(1, batch_size)
        self._ready: set[int] = set()

    def run(self, stage: Stage, articles: Sequence[Article]) -> list[Json]:
        """One annotation per article, in order."""
        if not articles:
            return []
        batches = [list(articles[i : i + self.batch_size]) for i in range(0, len(articles), self.batch_size)]
        if self.workers == 1 or len(batches) == 1:
            if id(stage) not in self._ready:
                stage.setup()
                self._ready.add(id(stage))
            return [ann for batch in batches for ann in stage.run(batch)]
        with ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(stage,)) as pool:
            return [ann for result in pool.map(_run_in_worker, batches) for ann in result]
