"""Publication-date inference from text alone, on documents whose date is known (and hidden).

Usage::

    python bench/pubdate_eval.py [--set tempeval|trafilatura|mlcrisis|all] [--limit N] [--test]

Sets: TempEval-3 (document creation times; TBAQ-cleaned, or platinum with ``--test``), trafilatura-eval
(gold dates; body text extracted by trafilatura without metadata; first half of the files by name, or
the second half with ``--test``), ML-Crisis (Spanish, French and Italian files dated by their folder;
egypt and libya, or syria and yemen with ``--test``). For each set: how often a date is given, the
share of all documents within 0, 1 and 7 days, the same share among the answered ones, and how often
"unknown" is right (no candidate at all, or the best rejected candidate more than 7 days off).
"""

from __future__ import annotations

import argparse
import gzip
import json
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from storyscope.stages.pubdate import infer_published

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
Doc = tuple[str, str, str, date]  # text, title, language, gold date


def tempeval(test: bool) -> Iterator[Doc]:
    from tempeval import SPLITS, load

    for path in sorted(SPLITS["platinum" if test else "tbaq"].rglob("*.tml")):
        text, dct, _ = load(path)
        yield text, "", "en", dct


def trafilatura_eval(test: bool) -> Iterator[Doc]:
    import trafilatura

    from storyscope.stages.lang import detect_language

    root = SHARED / "trafilatura-eval"
    gold = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    rows = sorted((v["file"], v["date"]) for v in gold.values() if v.get("date"))
    half = len(rows) // 2
    for name, when in rows[half:] if test else rows[:half]:
        path = root / "eval" / name
        if not path.exists():
            path = path.with_name(name + ".gz")
        if not path.exists():
            continue
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        text = trafilatura.extract(raw.decode("utf-8", "replace"), with_metadata=False) or ""
        if not text.strip():
            continue
        try:
            gold_date = date.fromisoformat(when[:10])
        except ValueError:  # a few gold dates are malformed (month 00)
            continue
        lang = detect_language(text) or "en"
        yield text, "", lang, gold_date


def ml_crisis(test: bool) -> Iterator[Doc]:
    topics = ("syria", "yemen") if test else ("egypt", "libya")
    for lang in ("es", "fr", "it"):
        for topic in topics:
            for path in sorted((SHARED / "ml-crisis-cltls" / lang / topic).glob("*/*.txt")):
                try:
                    when = date.fromisoformat(path.parent.name)
                except ValueError:
                    continue
                yield path.read_text(encoding="utf-8", errors="replace"), "", lang, when


SETS = {"tempeval": tempeval, "trafilatura": trafilatura_eval, "mlcrisis": ml_crisis}


def evaluate(name: str, docs: Iterator[Doc], limit: int | None) -> None:
    n = answered = 0
    within = {0: 0, 1: 0, 7: 0}
    unknown = right_unknown = 0
    for i, (text, title, lang, gold) in enumerate(docs):
        if limit is not None and i >= limit:
            break
        n += 1
        out = infer_published(text, title, lang if lang in ("en", "de", "fr", "es", "it") else "en")
        if out["date"] is None:
            unknown += 1
            guess = out.get("guess")
            if guess is None or abs((date.fromisoformat(guess) - gold).days) > 7:
                right_unknown += 1
            continue
        answered += 1
        off = abs((date.fromisoformat(out["date"]) - gold).days)
        for k in within:
            within[k] += off <= k
    if not n:
        print(f"{name}: no documents")
        return
    share = " ".join(f"{within[k] / n:.3f}" for k in within)
    prec = " ".join(f"{within[k] / answered:.3f}" if answered else "-" for k in within)
    print(
        f"{name:12} docs={n:4d} answered={answered / n:.3f}  all within 0/1/7d: {share}  "
        f"answered within 0/1/7d: {prec}  unknown right: {right_unknown}/{unknown}"
    )


def main() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    warnings.simplefilter("ignore")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=[*SETS, "all"], default="all")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--test", action="store_true", help="report on the test halves (never tune on them)")
    args = ap.parse_args()
    for name in SETS if args.set == "all" else [args.set]:
        evaluate(name, SETS[name](args.test), args.limit)


if __name__ == "__main__":
    main()
