"""Runs per-article stages on this machine: in process, or on a local process pool.

Stages know nothing of this module (architecture rule): the executor only calls ``setup`` and ``run``
on batches, so a Ray executor can later run the very same stage objects.

Each worker returns the stage's JSON annotations, never intermediate objects: a parsed spaCy ``Doc``
carries its token vectors and costs as much to ship between processes as to recompute, which is why
parallelism lives here and not in the parser's own multiprocessing.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from storyscope.models import Article, Json
from storyscope.stages.base import Stage

_WORKER_STAGE: Stage | None = None

# A pool costs a fork and, per batch, pickling articles out and annotations back: below this many
# articles one process finishes first.
POOL_MIN_ARTICLES = 48


def _init_worker(stage: Stage) -> None:
    global _WORKER_STAGE
    stage.setup()
    _WORKER_STAGE = stage


def _run_in_worker(batch: list[Article]) -> list[Json]:
    assert _WORKER_STAGE is not None, "worker not initialised"
    return _WORKER_STAGE.run(batch)


def cpu_count() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def fork_is_safe() -> bool:
    """Fork only when this process runs no other thread: a forked child could otherwise inherit a lock
    held by another thread (a web server's) and hang."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def mp_context() -> multiprocessing.context.BaseContext:
    """Fork when it is safe (cheapest, re-imports nothing), else the fork server's clean process."""
    return multiprocessing.get_context("fork" if fork_is_safe() else "forkserver")


class LocalExecutor:
    """Runs a stage over articles in batches, in order.

    ``workers=1`` runs in this process (no pickling, models loaded once). ``workers=0`` (the default)
    uses every core for a large enough run when this process can fork, the stage's models loaded once
    here and shared with the forked workers; otherwise it stays in process. ``workers>1`` always uses
    a pool of that size.
    """

    def __init__(self, workers: int = 0, batch_size: int = 16) -> None:
        self.workers = max(0, workers)
        self.batch_size = max(1, batch_size)
        self._ready: set[int] = set()

    def run(self, stage: Stage, articles: Sequence[Article]) -> list[Json]:
        """One annotation per article, in order."""
        if not articles:
            return []
        batches = [list(articles[i : i + self.batch_size]) for i in range(0, len(articles), self.batch_size)]
        workers = self._workers_for(len(articles), len(batches))
        if workers == 1:
            self._setup(stage)
            return [ann for batch in batches for ann in stage.run(batch)]
        context = mp_context()
        if context.get_start_method() == "fork":
            # Loaded here once, the models reach every forked worker without being loaded again.
            self._setup(stage)
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(stage,))
        with pool:
            return [ann for result in pool.map(_run_in_worker, batches) for ann in result]

    def _workers_for(self, n_articles: int, n_batches: int) -> int:
        if self.workers:
            return min(self.workers, n_batches)
        if n_articles < POOL_MIN_ARTICLES or not fork_is_safe():
            return 1
        return min(cpu_count(), n_batches)

    def _setup(self, stage: Stage) -> None:
        if id(stage) not in self._ready:
            stage.setup()
            self._ready.add(id(stage))
