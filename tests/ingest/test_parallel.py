from __future__ import annotations

import os
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ingest_samples import BRIDGE_PARAS, FLOOD_PARAS, html_page

from storyscope.config import Config
from storyscope.ingest.inputs import read_inputs
from storyscope.ingest.parallel import (
    ARTICLE_WEIGHT,
    CHUNK_CHARS,
    POOL_AFTER,
    Deferred,
    OrderedReader,
    SideJobs,
    article_weight,
    read_deferred,
    worker_count,
)
from storyscope.models import Article, IngestError


def _pages(folder: Path, n: int) -> None:
    """``n`` distinct pages, with an empty file and a binary file among them."""
    folder.mkdir()
    for i in range(n):
        paras = [f"Page {i}: {p}" for p in (BRIDGE_PARAS if i % 2 else FLOOD_PARAS)]
        (folder / f"page-{i:03d}.html").write_text(html_page(f"Story number {i} of the batch", paras))
    (folder / "page-007.html").write_bytes(b"")
    (folder / "page-013.html").write_bytes(bytes(range(256)) * 40)


def _shape(items: list[Article | IngestError]) -> list[tuple[str, str, str]]:
    return [
        ("article", i.id, i.title) if isinstance(i, Article) else ("error", i.input, i.reason) for i in items
    ]


def test_pool_reads_give_the_same_items_in_the_same_order(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    _pages(folder, POOL_AFTER + 12)
    serial = list(read_inputs([str(folder)], Config(workers=1)))
    pooled = list(read_inputs([str(folder)], Config(workers=2)))
    assert _shape(pooled) == _shape(serial)
    assert [i.text if isinstance(i, Article) else "" for i in pooled] == [
        i.text if isinstance(i, Article) else "" for i in serial
    ]
    shape = _shape(pooled)
    assert len(shape) == POOL_AFTER + 12
    # The bad files are reported where they stand, named, and the batch goes on after them.
    assert shape[7][0] == "error" and shape[7][1].endswith("page-007.html")
    assert shape[13][0] == "error" and shape[13][1].endswith("page-013.html")
    assert shape[-1] == (
        "article",
        f"page-{POOL_AFTER + 11:03d}",
        f"Story number {POOL_AFTER + 11} of the batch",
    )


def test_a_deferred_read_names_its_input_when_it_fails(tmp_path: Path) -> None:
    item = read_deferred(Deferred(tmp_path / "gone.html", "pages/gone.html", "gone", 1000))
    assert isinstance(item, IngestError)
    assert item.input == "pages/gone.html"


def test_a_dead_pool_falls_back_to_reading_in_process(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(html_page())
    job = Deferred(page, "p.html", "p", 100_000)
    broken: Future[list[Article | IngestError]] = Future()
    broken.set_exception(BrokenProcessPool("a worker was killed"))
    reader = OrderedReader(2)
    (item,) = reader._finish([job], broken)
    assert isinstance(item, Article) and item.id == "p"
    assert reader.workers == 1  # no new pool after a crash


def test_worker_count_zero_means_every_core() -> None:
    assert worker_count(3) == 3
    assert worker_count(0) >= 1


def _shout(article: Article) -> Article | IngestError:
    if "seven" in article.raw:
        return IngestError(article.origin, "refused by the step")
    article.text = article.raw.upper()
    article.meta["pid"] = os.getpid()
    return article


def test_then_runs_on_every_article_in_order_on_the_pool_or_not(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight"]
    # Past the pool's start for plain articles (they count for little), with a fork server too.
    for i in range(int(POOL_AFTER / ARTICLE_WEIGHT) + 16):
        (folder / f"n{i:03d}.txt").write_text(f"Note {i}\n\nNumber {words[i % 8]} of the notes.")
    runs = {w: list(read_inputs([str(folder)], Config(workers=w), _shout)) for w in (1, 2)}
    assert _shape(runs[2]) == _shape(runs[1])
    assert [i.text for i in runs[2] if isinstance(i, Article)] == [
        i.text for i in runs[1] if isinstance(i, Article)
    ]
    shape = _shape(runs[2])
    assert shape[6] == ("error", str(folder / "n006.txt"), "refused by the step")
    assert sum(1 for s in shape if s[0] == "error") == sum(1 for i in range(len(shape)) if i % 8 == 6)
    first = runs[2][0]
    assert isinstance(first, Article) and first.text.startswith("NOTE 0")
    pids = {i.meta["pid"] for i in runs[2] if isinstance(i, Article)}
    assert pids - {os.getpid()}, "the pool never ran the step"
    assert {i.meta["pid"] for i in runs[1] if isinstance(i, Article)} == {os.getpid()}


def test_a_failing_then_names_its_input(tmp_path: Path) -> None:
    def explode(article: Article) -> Article:
        raise ValueError("bad step")

    note = tmp_path / "n.txt"
    note.write_text("Note\n\nBody of the note.")
    (item,) = list(read_inputs([str(note)], Config(workers=1), explode))
    assert isinstance(item, IngestError) and item.input == str(note) and "bad step" in item.reason


def test_long_texts_fill_a_chunk_alone() -> None:
    # Chunks bound the raw text in flight: a 5 MB record or file is a chunk of its own.
    short = Article(id="s", raw="word " * 100, origin="s.txt")
    huge = Article(id="h", raw="word " * 1_000_000, origin="h.txt")
    assert article_weight(short) == ARTICLE_WEIGHT
    assert article_weight(huge) >= 1.0
    assert Deferred(Path("big.txt"), "big.txt", "big", 10**7, html=False, size=5_000_000).weight >= 1.0
    assert Deferred(Path("p.html"), "p.html", "p", 10**7).weight == 1.0


def test_chunks_carry_few_megabytes_in_flight(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for i in range(300):
        body = "Long paragraph of the report. " * (20_000 if i % 50 == 0 else 20)
        (folder / f"n{i:03d}.txt").write_text(f"Note {i}\n\n{body}")
    seen: list[int] = []
    reader = OrderedReader(2, _shout)
    original = reader._start

    def spy(jobs: list[Any], weight: float) -> Any:
        seen.append(sum(j.size for j in jobs))
        return original(jobs, weight)

    reader._start = spy  # type: ignore[method-assign]
    with reader:
        from storyscope.ingest.fetch import Fetcher
        from storyscope.ingest.inputs import read_spec

        with Fetcher(Config()) as fetcher:
            items = list(reader.resolve(read_spec(str(folder), Config(), fetcher)))
    assert len(items) == 300 and all(isinstance(i, Article) for i in items)
    assert max(seen) <= CHUNK_CHARS + 700_000  # one long file alone, or short ones up to the bound


def _square(n: int) -> int:
    return n * n


def test_side_jobs_run_on_the_pool_also_when_handed_out_before_it_starts(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    _pages(folder, POOL_AFTER + 4)
    for workers in (2, 1):
        side = SideJobs()
        futures = [
            side.submit(_square, n)
            for n, _ in enumerate(read_inputs([str(folder)], Config(workers=workers), side=side))
        ]
        if workers == 2:  # every job ran on the pool, the first ones once it had started
            assert all(f.done() for f in futures)
            assert [f.result() for f in futures] == [n * n for n in range(POOL_AFTER + 4)]
        else:  # no pool: the jobs are cancelled, for the caller to do
            assert all(f.cancelled() for f in futures)
