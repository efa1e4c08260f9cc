"""Throughput of the nlp stage (entities + quotes) on ~700-word articles, after model load.

    .venv/bin/python bench/nlp_throughput.py [--articles 200] [--words 700] [--workers 0]

The stage runs through the local executor as a briefing runs it (``--workers 0``: every core once the
batch is large enough; ``1``: in this process).

Articles are assembled from the sentences of ../shared/samples (shuffled, seeded) so that the text is
real news prose; without ../shared a fictional paragraph is repeated. Prints articles/s and peak RSS
(resource.getrusage, this process and its finished children).
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from storyscope.executors.local import LocalExecutor
from storyscope.models import Article
from storyscope.stages.nlp import NlpStage
from storyscope.stages.sentences import split_sentences

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
FALLBACK = (
    "Mayor Ida Brandt said on Monday that the bridge would reopen in May. “We checked every cable,” "
    "she told reporters. According to the harbour authority, traffic will be limited to cars. "
)


def corpus(n: int, words: int, seed: int = 7) -> list[Article]:
    """``n`` articles of about ``words`` words each, paragraphs of three sentences."""
    sentences = [
        s.text.strip()
        for path in sorted(SAMPLES.rglob("*.txt"))
        for s in split_sentences(path.read_text(encoding="utf-8"))
        if len(s.text.split()) >= 6
    ] or [s.text for s in split_sentences(FALLBACK)]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        picked: list[str] = []
        count = 0
        while count < words:
            s = rng.choice(sentences)
            picked.append(s)
            count += len(s.split())
        paras = ["  ".join(picked[k : k + 3]) for k in range(0, len(picked), 3)]
        text = "\n\n".join(paras)
        out.append(Article(id=f"b{i}", raw=text, origin="bench", text=text, language="en"))
    return out


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--words", type=int, default=700)
    ap.add_argument("--workers", type=int, default=0, help="0: let the executor decide")
    args = ap.parse_args()
    articles = corpus(args.articles, args.words)
    stage = NlpStage()
    executor = LocalExecutor(workers=args.workers)
    t0 = time.perf_counter()
    stage.setup()
    load = time.perf_counter() - t0
    stage.run(articles[:4])  # warm-up
    t1 = time.perf_counter()
    out = executor.run(stage, articles)
    dt = time.perf_counter() - t1
    n_words = sum(len(a.text.split()) for a in articles) / len(articles)
    n_quotes = sum(len(o.get("quotes", [])) for o in out)
    n_mentions = sum(len(o.get("mentions", [])) for o in out)
    print(f"articles={len(articles)} mean_words={n_words:.0f} model_load={load:.1f}s")
    print(f"time={dt:.1f}s throughput={len(articles) / dt:.1f} articles/s")
    print(f"mentions={n_mentions} quotes={n_quotes} peak_rss={peak_rss_mb():.0f} MB (self + children)")


if __name__ == "__main__":
    main()
