"""Reading and preparing many articles on every core, in input order.

Extracting an HTML page (trafilatura) costs ten to twenty times what cleaning and storing it does,
so a batch of pages is bound by one core unless the reads are spread. Readers hand out a
:class:`Deferred` for each local HTML file instead of reading it; :class:`OrderedReader` runs those
reads in place for a small batch and on a process pool once the batch proves large, and yields every
item in the order the inputs gave them, so ids and error lines do not depend on the number of workers.

The caller may also give a per-article step (``then``: ingest's cleaning and language detection) that
runs right after the read, in the same worker: on plain text that step is most of an ingest's work,
and the store and the story assignment, which must stay in one process, go on meanwhile.

Only whole-file reads are deferred: record files and web archives stream their records in the main
process, as their memory bound requires; their articles still go to the pool for ``then``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from storyscope.errors import InputError
from storyscope.executors.local import cpu_count, mp_context
from storyscope.ingest.html import read_html_file
from storyscope.ingest.textfile import os_reason, read_text_file
from storyscope.models import Article, IngestError

Item = Article | IngestError
Then = Callable[[Article], Item]

# A fork server's pool costs a process start and the imports (about a second): worth it only for
# larger batches. A forked pool inherits the modules the first reads imported and starts in
# milliseconds, so it pays from a few pages on.
POOL_AFTER = 16
POOL_AFTER_FORK = 4
# Reading a plain-text file and its ``then`` (cleaning, ~2-5 ms) cost a tenth of a page's extraction:
# a short one counts a sixteenth towards starting the pool (a handful of files stays in this process)
# and towards filling a chunk (one round trip to a worker costs about what cleaning a short article
# does).
ARTICLE_WEIGHT = 0.0625
# A chunk also closes at about this many characters of raw text, so that the articles in flight (up to
# AHEAD_PER_WORKER chunks per worker) stay a few megabytes however large the inputs are.
CHUNK_CHARS = 128_000
# Reads in flight per worker: enough to keep every worker busy, few enough to bound memory.
AHEAD_PER_WORKER = 4


@dataclass(frozen=True)
class Deferred:
    """A local HTML or plain-text file to read later, possibly in another process."""

    path: Path
    source: str
    id: str
    max_bytes: int
    html: bool = True
    size: int = 0  # bytes on disk, when known: a large text file fills a chunk alone

    @property
    def weight(self) -> float:
        return 1.0 if self.html else max(ARTICLE_WEIGHT, self.size / CHUNK_CHARS)


def article_weight(article: Article) -> float:
    """An article's share of a chunk: a sixteenth of a page, more for a long text."""
    return max(ARTICLE_WEIGHT, len(article.raw) / CHUNK_CHARS)


def error_for(source: str, e: Exception) -> IngestError:
    """The one-line error that an exception raised while reading ``source`` becomes."""
    if isinstance(e, InputError):
        return IngestError(e.input, e.reason)
    if isinstance(e, OSError):
        return IngestError(source, os_reason(e))
    return IngestError(source, f"could not read: {type(e).__name__}: {e}")


def guarded(source: str, read: Callable[[], Item]) -> Item:
    """``read()``, or the :class:`IngestError` naming ``source`` that whatever it raised becomes."""
    try:
        return read()
    except Exception as e:  # a reader bug or a library surprise must not end the batch
        return error_for(source, e)


def read_deferred(job: Deferred) -> Item:
    """Read one deferred file (in whichever process runs this)."""
    read = read_html_file if job.html else read_text_file
    return guarded(job.source, lambda: read(job.path, job.source, job.id, job.max_bytes))


def same(article: Article) -> Item:
    """The ``then`` that leaves an article as it was read."""
    return article


def run_job(job: Deferred | Article, then: Then) -> Item:
    """Read ``job`` if it is deferred, then run ``then`` on the article (in whichever process)."""
    item = read_deferred(job) if isinstance(job, Deferred) else job
    if isinstance(item, IngestError) or then is same:
        return item
    return guarded(item.origin, lambda: then(item))


def _source(job: Deferred | Article) -> str:
    return job.source if isinstance(job, Deferred) else job.origin


def worker_count(setting: int) -> int:
    """``0`` means one worker per core this process may use."""
    return setting if setting > 0 else cpu_count()


Job = Deferred | Article


def run_jobs(jobs: list[Job], then: Then) -> list[Item]:
    """:func:`run_job` over a chunk: one round trip to a worker for several cheap articles."""
    return [run_job(job, then) for job in jobs]


T = TypeVar("T")
R = TypeVar("R")


class SideJobs:
    """Work the consumer of the reads hands to the reading pool while the reads go on (ingest's e5
    embeddings of the articles it has just stored: only it knows which are copies, which need none).
    Jobs handed out before the pool starts wait for it; if it never starts (a small batch), they are
    cancelled, and the consumer does that work itself. The reader waits for every job before it
    shuts its pool down."""

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[Any]] = []
        self._waiting: list[tuple[Callable[[Any], Any], Any, Future[Any]]] = []

    def submit(self, fn: Callable[[T], R], arg: T) -> Future[R]:
        if self.pool is None:
            future: Future[R] = Future()
            self._waiting.append((fn, arg, future))
        else:
            future = self._run(fn, arg)
        self.futures.append(future)
        return future

    def _run(self, fn: Callable[[T], R], arg: T) -> Future[R]:
        assert self.pool is not None
        try:
            return self.pool.submit(fn, arg)
        except (BrokenProcessPool, RuntimeError):  # the pool died or is shutting down
            failed: Future[R] = Future()
            failed.cancel()
            return failed

    def started(self, pool: ProcessPoolExecutor) -> None:
        """The pool is up: the jobs handed out so far go to it."""
        self.pool = pool
        for fn, arg, placeholder in self._waiting:
            _forward(self._run(fn, arg), placeholder)
        self._waiting.clear()

    def close(self) -> None:
        """No pool any more: cancel what never reached one."""
        self.pool = None
        for _, _, placeholder in self._waiting:
            placeholder.cancel()
        self._waiting.clear()


def _forward(source: Future[Any], target: Future[Any]) -> None:
    """Give ``target`` the outcome of ``source`` when it comes."""

    def done(f: Future[Any]) -> None:
        if f.cancelled():
            target.cancel()
        elif f.exception() is not None:
            target.set_exception(f.exception())
        else:
            target.set_result(f.result())

    source.add_done_callback(done)


class OrderedReader:
    """Resolves a stream of items and :class:`Deferred` reads into items, in stream order, each
    article passed through ``then`` (a module-level function, as it may run in a worker); ``setup``
    (module-level too) runs once in each worker as it starts; ``side`` takes jobs for the pool."""

    def __init__(
        self,
        workers: int,
        then: Then = same,
        setup: Callable[[], None] | None = None,
        side: SideJobs | None = None,
    ) -> None:
        self.workers = max(1, workers)
        self.then = then
        self.setup = setup
        self.side = side
        self._pool: ProcessPoolExecutor | None = None
        self._seen = 0.0

    def __enter__(self) -> OrderedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.side is not None:
            self.side.close()
        if self._pool is not None:
            # A consumer that stops early (an exception, a closed generator) leaves reads queued.
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def resolve(self, stream: Iterable[Item | Deferred]) -> Iterator[Item]:
        pending: deque[tuple[list[Job], Future[list[Item]] | list[Item]]] = deque()
        ahead = self.workers * AHEAD_PER_WORKER
        chunk: list[Job] = []
        weight = 0.0
        for entry in stream:
            if isinstance(entry, Deferred) or (isinstance(entry, Article) and self.then is not same):
                # Jobs go out in chunks of about one page's worth (see ARTICLE_WEIGHT).
                chunk.append(entry)
                weight += entry.weight if isinstance(entry, Deferred) else article_weight(entry)
                if weight >= 1.0 or self._pool is None:
                    pending.append((chunk, self._start(chunk, weight)))
                    chunk, weight = [], 0.0
            else:
                if chunk:
                    pending.append((chunk, self._start(chunk, weight)))
                    chunk, weight = [], 0.0
                pending.append(([], [entry]))
            # Hand out what is finished at the head; wait on the head only when too much is queued.
            while pending and (len(pending) > ahead or not _waiting(pending[0][1])):
                yield from self._finish(*pending.popleft())
        if chunk:
            pending.append((chunk, self._start(chunk, weight)))
        while pending:
            yield from self._finish(*pending.popleft())
        if self.side is not None:
            # The consumer handed out its last jobs with the last items: let them finish.
            if self._pool is None:
                self.side.close()
            else:
                wait(self.side.futures)

    def _start(self, jobs: list[Job], weight: float) -> Future[list[Item]] | list[Item]:
        self._seen += weight
        if self._pool is None and self.workers > 1:
            context = mp_context()
            if self._seen > (POOL_AFTER_FORK if context.get_start_method() == "fork" else POOL_AFTER):
                self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=self.setup)
                if self.side is not None:
                    self.side.started(self._pool)
        if self._pool is None:
            return run_jobs(jobs, self.then)
        try:
            return self._pool.submit(run_jobs, jobs, self.then)
        except BrokenProcessPool:
            self._pool = None
            self.workers = 1  # the pool died (killed, out of memory): go on in this process
            return run_jobs(jobs, self.then)

    def _finish(self, jobs: list[Job], value: Future[list[Item]] | list[Item]) -> list[Item]:
        if not isinstance(value, Future):
            return value
        try:
            return value.result()
        except BrokenProcessPool:
            self._pool = None
            self.workers = 1
            return run_jobs(jobs, self.then)
        except Exception as e:  # the result could not come back (say, not picklable)
            return [error_for(_source(job), e) for job in jobs]


def _waiting(value: Future[list[Item]] | list[Item]) -> bool:
    return isinstance(value, Future) and not value.done()
