"""Ingest: inputs → articles (cleaned, language, copies linked) → the store.

``ingest`` is the library function behind ``storyscope ingest``; it never prints or exits. Each
article is stored in one transaction, so an interrupted run leaves whole articles only, and running
it again stores what is missing (already-stored content is recognised by its hash and skipped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field

from storyscope.config import Config
from storyscope.ingest.inputs import read_inputs
from storyscope.ingest.parallel import SideJobs
from storyscope.models import Article, IngestError
from storyscope.stages.clean import clean_text
from storyscope.stages.lang import detect_language
from storyscope.store.base import Store
from storyscope.stories.cluster import assign_stories
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
    embeds: list[tuple[bytes, Future[Vectors | None]]] = []
    for item in read_inputs(specs, config, prepared, start_reading_worker, side):
        if isinstance(item, IngestError):
            report.errors.append(item)
        elif _ingest_one(item, store, index, report) and item.duplicate_of is None and _foreign(item):
            text = embed_text(item)
            embeds.append((text_key(text), side.submit(embed_multi, text)))
        if on_item is not None:
            on_item(item)
    known = _results(embeds)
    if report.added:
        # Each new article joins the nearest live story or starts one; stored ones keep theirs.
        assign_stories(store, report.ids, config, known=known)
    return report


def _foreign(article: Article) -> bool:
    """Whether the story assignment embeds ``article`` with e5 (stories.cluster: not in English)."""
    return article.language not in (None, "en")


def _results(embeds: list[tuple[bytes, Future[Vectors | None]]]) -> dict[bytes, Vectors]:
    """The vectors the side jobs gave (the reader waited for them), by key; the assignment computes any
    that failed or were not run."""
    known: dict[bytes, Vectors] = {}
    for key, future in embeds:
        try:
            vector = future.result(timeout=0)
        except Exception:  # cancelled (the pool died), or failed: embedded later, in this process
            continue
        if vector is not None:
            known[key] = vector
    return known


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
