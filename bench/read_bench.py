"""HTML read throughput without clustering: extraction + cleaning + language, by worker count.

    .venv/bin/python bench/read_bench.py [--workers 1 2]

`storyscope ingest` also assigns stories, whose cost (embeddings) depends on the languages in the
batch; this isolates the per-page part that the `workers` setting spreads over processes. Pages are
the 181 real pages of ../shared/data/article-extraction-benchmark, written to a temporary folder.
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
import time
from pathlib import Path

from storyscope.config import Config
from storyscope.ingest.inputs import read_inputs
from storyscope.models import Article
from storyscope.pipeline import prepare

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "article-extraction-benchmark"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages = sorted((DATA / "html").glob("*.html.gz"))
        for i, src in enumerate(pages):
            (folder / f"p{i:05d}.html").write_bytes(gzip.decompress(src.read_bytes()))
        for w in args.workers:
            start = time.perf_counter()
            n = 0
            for item in read_inputs([str(folder)], Config(workers=w)):
                if isinstance(item, Article):
                    prepare(item)
                n += 1
            wall = time.perf_counter() - start
            rate = n / wall
            print(f"workers={w}: {n} pages in {wall:.2f} s = {rate:.0f} pages/s (read + clean + language)")


if __name__ == "__main__":
    main()
