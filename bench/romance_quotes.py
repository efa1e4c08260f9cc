"""Quotes and names found by the rule-based Romance-language reading (stages/romance) on ML-Crisis.

    .venv/bin/python bench/romance_quotes.py [--topics egypt,libya] [--langs es,fr,it] [--per-lang 50]
        [--seed 0] [--sample 40]

Picks ``--per-lang`` articles per language at random (seeded) from the given topics of
../shared/data/ml-crisis-cltls/<lang>/<topic>/<date>/*.txt, cleans them and detects their language as
ingest does, annotates each with :func:`storyscope.stages.romance.annotate_romance`, and prints counts
(quotes, with a speaker; name mentions by type), the time per article, and random samples of quotes,
of quotes with a named speaker and of mentions with their context, to be judged by reading. Only dev
topics (egypt, libya) are meant to be read here; syria and yemen are held out.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from storyscope.models import Article
from storyscope.pipeline import prepare
from storyscope.stages.romance import annotate_romance, supported

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ml-crisis-cltls"


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ¶ ")
    right = text[end : end + width].replace("\n", " ¶ ")
    return f"…{left}[[{text[start:end]}]]{right}…"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--topics", default="egypt,libya")
    ap.add_argument("--langs", default="es,fr,it")
    ap.add_argument("--per-lang", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample", type=int, default=40)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    files: list[tuple[str, Path]] = []
    for lang in args.langs.split(","):
        found = sorted(p for t in args.topics.split(",") for p in (DATA / lang / t).glob("*/*.txt"))
        files += [(lang, p) for p in rng.sample(found, min(args.per_lang, len(found)))]
    quotes: list[tuple[str, dict[str, object]]] = []
    mentions: list[tuple[str, dict[str, object]]] = []
    per_lang: Counter[str] = Counter()
    detected: Counter[str] = Counter()
    seconds = 0.0
    chars = 0
    for lang, path in files:
        raw = path.read_text(encoding="utf-8", errors="replace")
        a = prepare(Article(id=path.name, raw=raw, origin=str(path), title="", text=raw))
        detected[f"{lang}->{a.language}"] += 1
        if not supported(a.language):
            continue
        t0 = time.perf_counter()
        ann = annotate_romance(a.text, str(a.language))
        seconds += time.perf_counter() - t0
        chars += len(a.text)
        per_lang[str(a.language)] += 1
        quotes += [(a.text, q) for q in ann["quotes"]]
        mentions += [(a.text, m) for m in ann["mentions"]]
    n = sum(per_lang.values())
    with_sp = sum(1 for _, q in quotes if q["speaker"] is not None)
    with_verb = sum(1 for _, q in quotes if q["verb"] is not None)
    print(f"articles: {n} {dict(per_lang)}; detected {dict(detected)}")
    print(f"quotes: {len(quotes)}, with a reporting verb {with_verb}, with a named speaker {with_sp}")
    print(f"mentions: {len(mentions)} {dict(Counter(str(m['type']) for _, m in mentions))}")
    print(f"time: {1000 * seconds / max(1, n):.2f} ms/article ({chars / max(1, n):.0f} chars/article)")
    print("\n== sample of quotes")
    for text, q in rng.sample(quotes, min(args.sample, len(quotes))):
        sp = q["speaker"]
        who = sp["text"] if isinstance(sp, dict) else None
        print(f"- speaker={who!r} verb={q['verb']!r}")
        print(f"  {_context(text, int(str(q['start'])), int(str(q['end'])))}")
    print("\n== sample of quotes with a named speaker")
    named = [(text, q) for text, q in quotes if q["speaker"] is not None]
    for text, q in rng.sample(named, min(args.sample, len(named))):
        sp = q["speaker"]
        assert isinstance(sp, dict)
        print(f"- speaker={sp['text']!r} verb={q['verb']!r} inherited={bool(q.get('inherited'))}")
        lo, hi = min(int(str(q["start"])), int(sp["start"])), max(int(str(q["end"])), int(sp["end"]))
        print(f"  {_context(text, lo, hi, 40)}")
    print("\n== sample of mentions")
    for text, m in rng.sample(mentions, min(args.sample, len(mentions))):
        print(f"- {m['type']} {m['text']!r} role={m['role']!r}")
        print(f"  {_context(text, int(str(m['start'])), int(str(m['end'])), 50)}")


if __name__ == "__main__":
    main()
