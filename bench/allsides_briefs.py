"""Contradictions on real three-outlet stories: the AllSides roundups of NeuS's raw crawl.

    .venv/bin/python bench/allsides_briefs.py [--start 0] [--limit 506] [--show]

Each roundup of ``../shared/data/neus-allsides/data/raw_crawled`` is one news event told on one day by
a left, a centre and a right US outlet (their titles, outlets, links and the first paragraphs of their
bodies). Every roundup with at least two bodies is ingested as a JSONL of its outlets (dated with the
roundup's day) into an in-memory store, clustered, and briefed in this process. Printed: the number
of roundups, stories and contradictions by rule; ``--show`` prints both sides of every contradiction,
which is what a reader has to check by hand (precision matters more than recall: the outlets of a
roundup mostly agree on the facts and differ in framing). Nothing of the dataset is kept: the JSONL
lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from storyscope.briefing import build_briefing
from storyscope.config import Config
from storyscope.pipeline import ingest
from storyscope.render.json import briefing_to_dict
from storyscope.store.sqlite import SQLiteStore
from storyscope.stories.cluster import cluster_articles

CRAWL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "neus-allsides" / "data"
CRAWL = CRAWL / "raw_crawled" / "headline_11_2021-10-19_crawled_all.jsonl"


def records(roundup: dict[str, object]) -> list[dict[str, object]]:
    """The roundup's outlets as storyscope JSONL records (those with a body)."""
    out: list[dict[str, object]] = []
    news = roundup.get("news")
    if not isinstance(news, dict):
        return out
    for item in news.values():
        body = item.get("newBody") or []
        if not body:
            continue
        out.append(
            {
                "title": item.get("newsTitle", ""),
                "text": "\n\n".join(body),
                "outlet": item.get("newsSource"),
                "url": item.get("newsLink"),
                "published": str(roundup.get("date", ""))[:10] or None,
            }
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", action="store_true", help="print both sides of every contradiction")
    args = ap.parse_args()
    if not CRAWL.is_file():
        sys.exit(f"{CRAWL} not found: this benchmark needs ../shared/data")
    rows = [json.loads(line) for line in CRAWL.open(encoding="utf-8")]
    end = len(rows) if args.limit is None else args.start + args.limit
    cfg = Config.load()
    rules: Counter[str] = Counter()
    roundups = stories = 0
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows[args.start : end]:
            recs = records(row)
            if len(recs) < 2:
                continue
            roundups += 1
            path = Path(tmp) / f"roundup-{row['id']}.jsonl"
            path.write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
            store = SQLiteStore(":memory:")
            try:
                report = ingest([str(path)], store, cfg)
                for story in cluster_articles(store, report.ids):
                    brief = briefing_to_dict(build_briefing(store, story, cfg))
                    stories += 1
                    for c in brief["contradictions"]:
                        rules[str(c.get("rule"))] += 1
                        if args.show:
                            print(f"[{row['id']}] {c.get('rule')}: {c['topic'][:100]}")
                            for side in ("a", "b"):
                                print(f"    {side}: {' '.join(str(c[side]['text']).split())[:240]}")
            finally:
                store.close()
    print(
        f"roundups {roundups} (rows {args.start}..{min(end, len(rows)) - 1}), stories {stories}, "
        f"contradictions {sum(rules.values())} {dict(sorted(rules.items()))}, "
        f"{time.perf_counter() - t0:.0f} s"
    )


if __name__ == "__main__":
    main()
