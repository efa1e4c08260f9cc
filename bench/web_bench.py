"""Web app figures: server time to render a 50-article story's page, and a loopback load test.

    .venv/bin/python bench/web_bench.py [--articles 50] [--clients 20] [--seconds 10] [--max-requests 20000]

Builds a synthetic story from ../shared/data/fnc1-stance article bodies (the N bodies of 200-1200 words
that mention --topic, each given one of ten made-up outlets and a date in one week) in a temporary
store, then:
- times the briefing build (cold: per-article NLP and the per-story stages) once;
- times the page render alone (briefing cached, rendered-page cache dropped before each request) and
  a cached page request, in process through the ASGI app;
- starts ``uvicorn`` on 127.0.0.1 in a subprocess and runs a wrk-like load test from this process:
  ``--clients`` concurrent keep-alive clients (httpx + asyncio), for ``--seconds`` or
  ``--max-requests``, whichever ends first, on the story page and on ``/api/stories/{id}``; prints
  requests/s, latency percentiles and the error count.
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import multiprocessing
import os
import socket
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FNC = REPO.parent / "shared" / "data" / "fnc1-stance"


def synthetic_records(n: int, topic: str) -> list[dict[str, str]]:
    """``n`` JSONL records: FNC-1 bodies mentioning ``topic``, with made-up outlets and dates."""
    csv.field_size_limit(10_000_000)
    titles: dict[str, str] = {}
    with (FNC / "competition_test_stances.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            titles.setdefault(row["Body ID"], row["Headline"])
    out = []
    with (FNC / "competition_test_bodies.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            body = row["articleBody"]
            if topic.casefold() in body.casefold() and 200 <= len(body.split()) <= 1200:
                i = len(out)
                out.append(
                    {
                        "id": f"bench-{row['Body ID']}",
                        "title": titles.get(row["Body ID"], f"Article {row['Body ID']}"),
                        "text": body,
                        "outlet": f"Outlet {i % 10 + 1}",
                        "published": f"2031-01-{i % 7 + 1:02d}",
                    }
                )
                if len(out) == n:
                    break
    if len(out) < n:
        sys.exit(f"only {len(out)} FNC-1 bodies mention {topic!r}; lower --articles or change --topic")
    return out


def build_store(tmp: Path, records: list[dict[str, str]]) -> tuple[str, str]:
    from storyscope.models import Story
    from storyscope.pipeline import ingest
    from storyscope.store.sqlite import SQLiteStore

    db = str(tmp / "bench.db")
    path = tmp / "bench.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with SQLiteStore(db) as store:
        report = ingest([str(path)], store)
        # Ingest sorts the records into event-sized stories; the page measured here is one story
        # holding all of them, the size the render target is set for.
        story = Story(id="s-bench", title=records[0]["title"], article_ids=list(report.ids))
        store.put_story(story, "bench: every record in one story")
    return db, story.id


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def render_times(db: str, story_id: str, repeats: int) -> None:
    from starlette.testclient import TestClient

    from storyscope.web.app import create_app

    app = create_app(db)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        t0 = time.perf_counter()
        r = c.get(f"/stories/{story_id}")
        cold = time.perf_counter() - t0
        assert r.status_code == 200, r.status_code
        size = len(r.content)
        renders = []
        for _ in range(repeats):
            app.state.catalog.clear_rendered()
            t0 = time.perf_counter()
            assert c.get(f"/stories/{story_id}").status_code == 200
            renders.append(time.perf_counter() - t0)
        cached = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            assert c.get(f"/stories/{story_id}").status_code == 200
            cached.append(time.perf_counter() - t0)
        b = app.state.catalog.briefing(app.state.catalog.story(story_id))
    words = sum(len(a.text.split()) for a in b.sources)
    print(f"story: {len(b.sources)} articles, {words} words; page {size} bytes")
    print(
        f"briefing items: summary {len(b.summary)}, entities {len(b.entities)}, quotes {len(b.quotes)}, "
        f"timeline {len(b.timeline)}, claims {len(b.claims)}, contradictions {len(b.contradictions)}"
    )
    print(f"first page request (briefing built cold + render): {ms(cold)}")
    print(
        f"page render, briefing cached (n={repeats}): median {ms(statistics.median(renders))}, "
        f"max {ms(max(renders))}"
    )
    print(f"page request, page cached (n={repeats}): median {ms(statistics.median(cached))}")


def _serve(db: str, port: int) -> None:
    import uvicorn

    from storyscope.web.app import create_app

    uvicorn.run(create_app(db), host="127.0.0.1", port=port, log_level="warning", access_log=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def load(url: str, clients: int, seconds: float, max_requests: int) -> dict[str, float]:
    """wrk-like: ``clients`` keep-alive connections issuing GETs back to back."""
    import httpx

    latencies: list[float] = []
    errors: defaultdict[str, int] = defaultdict(int)
    issued = 0
    deadline = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal issued
        while issued < max_requests and time.perf_counter() < deadline:
            issued += 1
            t0 = time.perf_counter()
            try:
                r = await client.get(url)
                await r.aread()
                if r.status_code != 200:
                    errors[f"HTTP {r.status_code}"] += 1
            except httpx.HTTPError as e:
                errors[type(e).__name__] += 1
            latencies.append(time.perf_counter() - t0)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        start = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        elapsed = time.perf_counter() - start
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]

    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50": pct(50),
        "p90": pct(90),
        "p99": pct(99),
        "max": latencies[-1],
        "errors": sum(errors.values()),
    }


def load_test(db: str, story_id: str, clients: int, seconds: float, max_requests: int) -> None:
    import httpx

    port = _free_port()
    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=_serve, args=(db, port), daemon=True)
    proc.start()
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"{base}/api/stories", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or not proc.is_alive():
                    sys.exit("the server did not start")
                time.sleep(0.2)
        # Warm up: the server builds the briefing once (NLP annotations are already in the store).
        t0 = time.perf_counter()
        httpx.get(f"{base}/stories/{story_id}", timeout=600).raise_for_status()
        httpx.get(f"{base}/api/stories/{story_id}", timeout=600).raise_for_status()
        print(
            f"server warm-up (briefing from cached annotations + page + JSON): {ms(time.perf_counter() - t0)}"
        )
        for name, path in (("story page", f"/stories/{story_id}"), ("API story", f"/api/stories/{story_id}")):
            res = asyncio.run(load(base + path, clients, seconds, max_requests))
            print(
                f"load {name} ({clients} clients, {res['requests']:.0f} requests in {res['seconds']:.1f} s): "
                f"{res['rps']:.0f} req/s; latency p50 {ms(res['p50'])}, p90 {ms(res['p90'])}, "
                f"p99 {ms(res['p99'])}, max {ms(res['max'])}; errors {res['errors']:.0f}"
            )
    finally:
        proc.terminate()
        proc.join(10)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=50)
    p.add_argument("--topic", default="ISIS")
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--max-requests", type=int, default=20_000)
    args = p.parse_args()
    if not FNC.exists():
        sys.exit(f"needs {FNC}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    with tempfile.TemporaryDirectory(prefix="storyscope-web-bench-") as tmp:
        t0 = time.perf_counter()
        db, story_id = build_store(Path(tmp), synthetic_records(args.articles, args.topic))
        print(f"ingest of {args.articles} articles: {ms(time.perf_counter() - t0)}")
        render_times(db, story_id, args.repeats)
        load_test(db, story_id, args.clients, args.seconds, args.max_requests)


if __name__ == "__main__":
    main()
