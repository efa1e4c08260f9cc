"""Ingest: inputs → articles (cleaned, language, copies linked) → the store.

``ingest`` is the library function behind ``storyscope ingest``; it never prints or exits. Articles
are stored whole, a few dozen to a transaction, and join their stories while the reads go on, so an
interrupted run leaves whole articles only, and running it again stores and assigns what is missing
(already-stored content is recognised by its hash and skipped).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from contextlib import ExitStack
from dataclasses import dataclass, field

from storyscope.config import Config
from storyscope.ingest.inputs import read_inputs
from storyscope.ingest.parallel import SideJobs
from storyscope.models import Article, IngestError
from storyscope.stages.clean import clean_text
from storyscope.stages.lang import detect_language
from storyscope.store.base import Store
from storyscope.stories.cluster import AssignRun, clusterer_for
from storyscope.stories.syndication import DuplicateIndex, Signature, content_hash, signature
from storyscope.stories.vectors import Vectors, embed_multi, embed_text, start_reading_worker, text_key

MINHASH_STAGE, MINHASH_VERSION = "minhash", "3"

Progress = Callable[[Article | IngestError], None]


@dataclass
class IngestReport:
    """What one ingest did: ids of every article read (new or already stored), and the failures."""

    ids: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    # Inputs stored, but not as fully as asked: a feed entry whose page could not be fetched is its
    # feed's summary. The user is told; nothing failed.
    warnings: list[IngestError] = field(default_factory=list)


def prepare(article: Article) -> Article:
    """Fill the per-article fields ingest owns: content hash, cleaned text with offsets, language."""
    article.content_hash = content_hash(article.raw)
    cleaned = clean_text(article.raw, article.title or None)
    article.text = cleaned.text
    article.offset_map = cleaned.offset_map
    article.removed = cleaned.removed
    article.language = detect_language(article.text) or article.language
    return article


@dataclass
class Prepared(Article):
    """An article as :func:`prepared` hands it to the store, with the MinHash of its cleaned text
    (computed beside the cleaning, in the reading workers; stored as an annotation, not a field)."""

    minhash: Signature | None = None


def prepared(article: Article) -> Prepared | IngestError:
    """:func:`prepare` and the text's MinHash, or the error naming the input when it fails or leaves no
    text. Runs in the reading workers (see :mod:`storyscope.ingest.parallel`): it must touch nothing
    but the article, and the store and the story assignment meanwhile go on in the main process."""
    try:
        prepare(article)
        if not article.text.strip():
            return IngestError(article.origin, "no article text left after cleaning")
        return Prepared(**vars(article), minhash=signature(article.text))
    except Exception as e:  # a bug in a stage must not sink the batch; the input is named in the error
        return IngestError(article.origin, f"could not process: {type(e).__name__}: {e}")


def load_duplicate_index(store: Store, threshold: float) -> DuplicateIndex:
    """The LSH index over every stored article (signatures cached as annotations)."""
    index = DuplicateIndex(threshold)
    cached = dict(store.iter_annotations(MINHASH_STAGE, MINHASH_VERSION))
    for article in store.iter_articles():
        data = cached.get(article.id)
        if data is None:
            # An article stored by a run killed before its signature was: recompute it.
            sig = signature(article.text)
            store.put_annotation(article.id, MINHASH_STAGE, MINHASH_VERSION, {"v": index.to_list(sig)})
        else:
            sig = index.from_list(data["v"])
        index.add(article.id, sig)
    return index


def ingest(
    specs: Iterable[str],
    store: Store,
    config: Config | None = None,
    on_item: Progress | None = None,
) -> IngestReport:
    """Read every input in ``specs`` into ``store``; one bad input never stops the batch."""
    config = config or Config.load()
    report = IngestReport()
    index = load_duplicate_index(store, config.dedupe_threshold)
    # An original not in English is embedded with e5 for its story (stories.cluster), a hundred times
    # the English model's cost: the reading workers do it as soon as it is stored, while the reads go
    # on, and the assignment takes the vector when it embeds the same text. Copies need none.
    side = SideJobs()
    stories = _StoryFeed(store)
    groups = _WriteGroups(store)
    with groups:
        for item in read_inputs(specs, config, prepared, start_reading_worker, side):
            if isinstance(item, IngestError):
                report.errors.append(item)
            else:
                groups.write()
                known = len(report.ids)
                added = _ingest_one(item, store, index, report)
                if added and item.meta.get("fetch_error"):
                    report.warnings.append(_summary_only(item))
                future = None
                if added and item.duplicate_of is None and _foreign(item):
                    text = embed_text(item)
                    future = (text_key(text), side.submit(embed_multi, text))
                if len(report.ids) > known:  # stored now or before (not lost to a concurrent writer)
                    stories.put(report.ids[-1], added, future)
            if on_item is not None:
                on_item(item)
        stories.finish()
    return report


def _summary_only(article: Article) -> IngestError:
    page = article.url or "its page"
    return IngestError(
        article.origin, f"{page}: {article.meta['fetch_error']}; stored the feed's summary instead"
    )


class _WriteGroups:
    """Ingest's writes committed a group at a time (Store.batch): a few dozen articles, or what a
    second brought. A killed ingest loses the open group, whole articles, which a re-run stores."""

    SIZE = 64
    SECONDS = 1.0

    def __init__(self, store: Store) -> None:
        self.store = store
        self.stack = ExitStack()
        self.count = 0
        self.opened = 0.0

    def write(self) -> None:
        """Called before each article's writes: close the group if it is full or old, open one."""
        if self.count and (self.count >= self.SIZE or time.monotonic() - self.opened > self.SECONDS):
            self.stack.close()
            self.count = 0
        if not self.count:
            self.stack.enter_context(self.store.batch())
            self.opened = time.monotonic()
        self.count += 1

    def __enter__(self) -> _WriteGroups:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stack.close()


class _StoryFeed:
    """Each article ingest stores joins a story while the reads go on (stories.cluster), in input
    order: the workers read ahead meanwhile, where assigning after the last read left them idle for
    the whole assignment. An article waits for its e5 vector (a side job) only until the reads end;
    the order, and so the stories, are those of one assignment over the whole batch."""

    # Articles assigned together: few enough that the reads ahead (parallel.AHEAD_PER_WORKER) keep the
    # workers busy meanwhile, enough that the fast model embeds a batch, not one text, per call.
    STEP = 32

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: list[tuple[str, tuple[bytes, Future[Vectors | None]] | None]] = []
        self.known: dict[bytes, Vectors] = {}
        self.run: AssignRun | None = None

    def put(self, article_id: str, added: bool, embed: tuple[bytes, Future[Vectors | None]] | None) -> None:
        if added and self.run is None:
            # Started by the first new article: a re-ingest of stored articles loads no story state.
            self.run = clusterer_for(self.store).start(self.known)
        self.pending.append((article_id, embed))
        if self.run is not None and len(self.pending) >= self.STEP:
            self._feed(wait=False)

    def _feed(self, wait: bool) -> None:
        """Assign the pending articles up to the first whose e5 vector is still being computed (all of
        them when ``wait``: the reads are over, every side job has ended)."""
        ready = 0
        for _, embed in self.pending:
            if embed is not None:
                key, future = embed
                if not (wait or future.done()):
                    break
                vector = _result(future)
                if vector is not None:
                    self.known[key] = vector
            ready += 1
        if ready and self.run is not None:
            self.run.add([aid for aid, _ in self.pending[:ready]])
            del self.pending[:ready]

    def finish(self) -> None:
        if self.run is not None:
            self._feed(wait=True)
            self.run.finish()


def _foreign(article: Article) -> bool:
    """Whether the story assignment embeds ``article`` with e5 (stories.cluster: not in English)."""
    return article.language not in (None, "en")


def _result(future: Future[Vectors | None]) -> Vectors | None:
    """The vector a side job gave; None when it failed or never ran (the assignment computes it)."""
    try:
        return future.result(timeout=0)
    except Exception:  # cancelled (the pool died), or failed: embedded later, in this process
        return None


def _ingest_one(article: Article, store: Store, index: DuplicateIndex, report: IngestReport) -> bool:
    """Store ``article`` unless its content is stored already; whether it was added."""
    existing = store.find_by_hash(article.content_hash)
    if existing is not None:
        report.ids.append(existing)
        report.existing.append(existing)
        return False
    sig = article.minhash if isinstance(article, Prepared) and article.minhash is not None else None
    if sig is None:
        sig = signature(article.text)
    article.duplicate_of = index.find(sig)
    stored = store.put_article(article)
    if stored is None:  # stored concurrently between the check and the write
        existing = store.find_by_hash(article.content_hash)
        if existing is not None:
            report.ids.append(existing)
            report.existing.append(existing)
        return False
    store.put_annotation(stored, MINHASH_STAGE, MINHASH_VERSION, {"v": index.to_list(sig)})
    index.add(stored, sig)
    report.ids.append(stored)
    report.added.append(stored)
    return True
