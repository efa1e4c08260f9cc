"""Scale: a synthetic stream of news articles through storyscope's incremental clustering.

Events are drawn from real documents (ECB+ and WikiRef220 in ../shared/data, read at run time): each
event is one source document, and each of its articles is a random selection of that document's
sentences, so articles of one event overlap without being copies. Events start at a steady rate and
each lives for a few days; the stream's clock advances 500 articles a day. Articles are stored one
transaction each and assigned in batches of ``--batch`` (as ``storyscope ingest`` does per run).

Reports articles/s, peak memory (max RSS), and the time per article around 10k, 50k and 100k articles
(wall time, the part of it spent in store calls, and the process's CPU time, which a shared machine
disturbs less), which should stay flat: the nearest-neighbour search covers live stories only (usearch
past a few thousand) and the per-story updates do not grow with the corpus.

    .venv/bin/python bench/stream_bench.py [--articles 100000] [--max-seconds 1500] [--db /tmp/x.db]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import resource
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyscope.models import Article
from storyscope.store.sqlite import SQLiteStore
from storyscope.stories.cluster import assign_stories

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
_SENT = re.compile(r"(?<=[.!?])\s+")


def source_documents() -> list[list[str]]:
    """Each real document as a list of sentences (documents with fewer than 4 are skipped)."""
    docs: list[list[str]] = []
    for f in sorted((SHARED / "ecbplus" / "ECB+_LREC2014" / "ECB+").glob("*/*.xml")):
        sents: dict[int, list[str]] = defaultdict(list)
        for tok in ET.parse(f).getroot().iter("token"):
            sents[int(tok.get("sentence", "0"))].append(tok.text or "")
        docs.append([" ".join(sents[k]) for k in sorted(sents)])
    wiki = SHARED / "wikiref220" / "app" / "data_processing" / "test_data" / "wikiref" / "WikiRef220"
    for f in sorted(wiki.glob("*.txt")):
        text = " ".join(f.read_text(encoding="utf-8", errors="replace").split())
        docs.append([s for s in _SENT.split(text) if len(s.split()) >= 4][:60])
    return [d for d in docs if len(d) >= 4]


def stream(n: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    docs = source_documents()
    start = date(2030, 1, 1)
    live: list[tuple[int, int]] = []  # (doc index, last day)
    out: list[Article] = []
    for i in range(n):
        day = i // 500
        live = [(d, end) for d, end in live if end >= day]
        if not live or rng.random() < 0.2:
            live.append((rng.randrange(len(docs)), day + rng.randint(1, 6)))
        doc_i, _ = live[rng.randrange(len(live))]
        doc = docs[doc_i]
        k = min(len(doc), rng.randint(4, 12))
        picked = sorted(rng.sample(range(len(doc)), k))
        title = doc[picked[0]][:150]
        text = " ".join(doc[j] for j in picked[1:])
        a = Article(
            id=f"n{i:06d}", raw=text, origin=f"stream-{i}", title=title, text=text, language="en",
            published=(start + timedelta(days=day)).isoformat(), outlet=f"outlet-{rng.randrange(40)}",
        )  # fmt: skip
        a.content_hash = hashlib.sha256(f"{i}\n{title}\n{text}".encode()).hexdigest()
        out.append(a)
    return out


class StoreTimer:
    """Wraps the store methods that assignment writes through, to split store time from clustering."""

    def __init__(self, store: SQLiteStore, names: tuple[str, ...]) -> None:
        self.seconds = 0.0
        for name in names:
            setattr(store, name, self._timed(getattr(store, name)))

    def _timed(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - t

        return wrapper


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--max-seconds", type=float, default=1500.0)
    ap.add_argument("--db", default="/tmp/storyscope-stream-bench.db")
    args = ap.parse_args()
    Path(args.db).unlink(missing_ok=True)
    t0 = time.perf_counter()
    articles = stream(args.articles)
    print(f"generated {len(articles)} articles in {time.perf_counter() - t0:.1f} s", flush=True)
    marks = {10_000, 50_000, 100_000}
    window: list[float] = []  # per-article assign time of the last 2,000 articles
    window_store: list[float] = []  # of which in store reads and writes
    # CPU time of the process per article: on a shared machine, wall time also counts other jobs.
    window_cpu: list[float] = []
    store_s = assign_s = 0.0
    done = 0
    began = time.perf_counter()
    with SQLiteStore(args.db) as store:
        timer = StoreTimer(
            store,
            ("put_story", "put_story_index", "story_of", "get_article", "get_story", "iter_story_index"),
        )
        for b in range(0, len(articles), args.batch):
            batch = articles[b : b + args.batch]
            t = time.perf_counter()
            ids = [store.put_article(a) for a in batch]
            store_s += time.perf_counter() - t
            t = time.perf_counter()
            in_store = timer.seconds
            cpu = time.process_time()
            assign_stories(store, [i for i in ids if i is not None])
            dt = time.perf_counter() - t
            window_cpu.extend([(time.process_time() - cpu) / len(batch)] * len(batch))
            window_cpu = window_cpu[-2000:]
            assign_s += dt
            window.extend([dt / len(batch)] * len(batch))
            window = window[-2000:]
            window_store.extend([(timer.seconds - in_store) / len(batch)] * len(batch))
            window_store = window_store[-2000:]
            done += len(batch)
            hit = [m for m in marks if done - len(batch) < m <= done]
            if hit or done % 10_000 == 0:
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                sizes = [int(meta.get("n", 0)) for _, meta, _ in store.iter_story_index()]
                stories = sum(1 for n in sizes if n)
                print(
                    f"{done:>7} articles | {stories} stories (largest {max(sizes)}) | "
                    f"assign {1000 * sum(window) / len(window):.2f} "
                    f"ms/article (last 2k; store calls {1000 * sum(window_store) / len(window_store):.2f}; "
                    f"CPU {1000 * sum(window_cpu) / len(window_cpu):.2f}) | "
                    f"put_article {1000 * store_s / done:.2f} ms/article (mean) | "
                    f"overall {done / (time.perf_counter() - began):.0f} articles/s | peak RSS {rss:.0f} MB",
                    flush=True,
                )
            if time.perf_counter() - began > args.max_seconds:
                print(f"stopped at the time bound ({args.max_seconds:.0f} s) after {done} articles")
                break
    total = time.perf_counter() - began
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"done: {done} articles in {total:.0f} s = {done / total:.0f} articles/s "
        f"(store {store_s:.0f} s, embed+assign {assign_s:.0f} s); peak RSS {rss:.0f} MB"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
