"""Ingest throughput and memory.

    .venv/bin/python bench/ingest_bench.py [--txt 1000] [--txt-english 1000] [--html 181]
        [--html-english 181] [--stream 10000]

Builds its inputs in a temporary folder from ../shared/data/article-extraction-benchmark (real news
pages and their gold bodies), then measures, each in a fresh subprocess so peak memory is its own:
- plain-text ingest + clean + store + story assignment, articles/s (all bodies; English bodies only);
- HTML ingest (trafilatura) + clean + store + story assignment, pages/s (all pages; English pages only);
- peak memory streaming a 10,000-record JSONL file and a 10,000-record WARC file;
- `storyscope brief <reference story> --format json` from a cold start: wall time and peak memory.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "article-extraction-benchmark"
REFERENCE = REPO.parent / "shared" / "samples" / "putin-tehran-2022"
BIN = Path(sys.executable).parent / "storyscope"


def gold_bodies(language: str | None = None) -> list[tuple[str, str]]:
    """The benchmark's gold article bodies of 50+ words; only those in ``language`` when given."""
    from storyscope.stages.lang import detect_language

    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for key in sorted(truth):
        body = truth[key].get("articleBody") or ""
        if len(body.split()) >= 50 and (language is None or detect_language(body) == language):
            out.append((key, body))
    return out


def make_txt(folder: Path, n: int, language: str | None = None) -> None:
    bodies = gold_bodies(language)
    folder.mkdir()
    for i in range(n):
        key, body = bodies[i % len(bodies)]
        # A distinct first line per copy so that every file is a new article, not a re-ingest.
        (folder / f"a{i:05d}.txt").write_text(
            f"Article {i} from page {key[:8]}\n\n{body}\n\nItem {i}.", "utf-8"
        )


def make_html(folder: Path, n: int, language: str | None = None) -> int:
    """Writes up to ``n`` pages, each once (a copy would be a no-op re-ingest); returns how many."""
    folder.mkdir()
    pages = sorted((DATA / "html").glob("*.html.gz"))
    if language is not None:  # the pages whose gold body is in ``language``
        keep = {key for key, _ in gold_bodies(language)}
        pages = [p for p in pages if p.name.removesuffix(".html.gz") in keep]
    n = min(n, len(pages))
    for i in range(n):
        src = pages[i]
        (folder / f"p{i:05d}.html").write_bytes(gzip.decompress(src.read_bytes()))
    return n


def make_jsonl(path: Path, n: int) -> None:
    bodies = gold_bodies()
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            body = bodies[i % len(bodies)][1]
            rec = {"id": f"r{i}", "title": f"Record {i}", "text": f"{body}\n\nRecord {i}.", "outlet": "x"}
            f.write(json.dumps(rec) + "\n")


def make_warc(path: Path, n: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    bodies = gold_bodies()
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i in range(n):
            body = bodies[i % len(bodies)][1]
            paras = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
            html = (
                f"<html><head><title>Page {i}</title></head><body><article><h1>Page {i}</h1>"
                f"{paras}<p>Page {i}.</p></article></body></html>"
            )
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            rec = writer.create_warc_record(
                f"https://bench.example/{i}",
                "response",
                payload=io.BytesIO(html.encode()),
                http_headers=headers,
            )
            writer.write_record(rec)


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB of the child, exit code."""
    wrapper = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(time.perf_counter()-t, u.ru_maxrss/1024, r.returncode)"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True)
    wall, rss, code = out.stdout.split()
    return float(wall), float(rss), int(code)


def startup_seconds(tmp: Path) -> float:
    empty = tmp / "empty-dir"
    empty.mkdir(exist_ok=True)
    wall, _, _ = timed([str(BIN), "ingest", str(empty), "--db", str(tmp / "startup.db")])
    return wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--txt", type=int, default=1000)
    ap.add_argument(
        "--txt-english", type=int, default=1000, help="the same .txt measure on the English bodies only"
    )
    ap.add_argument("--html", type=int, default=181)
    ap.add_argument(
        "--html-english", type=int, default=181, help="the same .html measure on English pages only"
    )
    ap.add_argument("--stream", type=int, default=10000)
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit("needs ../shared/data/article-extraction-benchmark")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        start = startup_seconds(tmp)
        print(f"process start-up (imports, empty ingest): {start:.2f} s")

        make_txt(tmp / "txt", args.txt)
        wall, rss, code = timed([str(BIN), "ingest", str(tmp / "txt"), "--db", str(tmp / "txt.db")])
        print(
            f"txt ingest: {args.txt} articles in {wall:.2f} s = {args.txt / wall:.0f} articles/s "
            f"({args.txt / max(wall - start, 1e-9):.0f}/s after start-up), peak {rss:.0f} MB, exit {code}"
        )

        # The benchmark's pages are 10% non-English, and an article in another language costs a
        # multilingual e5 embedding in story assignment (~0.1-0.2 s): the English-only figure shows
        # the rest of the path.
        if args.txt_english:
            n = args.txt_english
            make_txt(tmp / "txt-en", n, "en")
            cmd = [str(BIN), "ingest", str(tmp / "txt-en"), "--db", str(tmp / "txt-en.db")]
            wall, rss, code = timed(cmd)
            print(
                f"txt ingest, English bodies only: {n} articles in {wall:.2f} s = {n / wall:.0f} articles/s "
                f"({n / max(wall - start, 1e-9):.0f}/s after start-up), peak {rss:.0f} MB, exit {code}"
            )

        args.html = make_html(tmp / "html", args.html)
        wall, rss, code = timed([str(BIN), "ingest", str(tmp / "html"), "--db", str(tmp / "html.db")])
        print(
            f"html ingest: {args.html} pages in {wall:.2f} s = {args.html / wall:.0f} pages/s "
            f"({args.html / max(wall - start, 1e-9):.0f}/s after start-up), peak {rss:.0f} MB, exit {code}"
        )

        if args.html_english:
            n = make_html(tmp / "html-en", args.html_english, "en")
            cmd = [str(BIN), "ingest", str(tmp / "html-en"), "--db", str(tmp / "html-en.db")]
            wall, rss, code = timed(cmd)
            print(
                f"html ingest, English pages only: {n} pages in {wall:.2f} s = {n / wall:.0f} pages/s "
                f"({n / max(wall - start, 1e-9):.0f}/s after start-up), peak {rss:.0f} MB, exit {code}"
            )

        make_jsonl(tmp / "big.jsonl", args.stream)
        wall, rss, code = timed([str(BIN), "ingest", str(tmp / "big.jsonl"), "--db", str(tmp / "jsonl.db")])
        print(
            f"jsonl stream: {args.stream} records in {wall:.1f} s = {args.stream / wall:.0f}/s, "
            f"peak {rss:.0f} MB, exit {code}"
        )

        make_warc(tmp / "big.warc.gz", args.stream)
        wall, rss, code = timed([str(BIN), "ingest", str(tmp / "big.warc.gz"), "--db", str(tmp / "warc.db")])
        print(
            f"warc stream: {args.stream} records in {wall:.1f} s = {args.stream / wall:.0f}/s, "
            f"peak {rss:.0f} MB, exit {code}"
        )

        if REFERENCE.exists():
            files = [str(p) for p in sorted(REFERENCE.glob("*.txt"))]
            wall, rss, code = timed([str(BIN), "brief", *files, "--format", "json"])
            print(f"brief reference story (cold start, json): {wall:.2f} s, peak {rss:.0f} MB, exit {code}")


if __name__ == "__main__":
    main()
