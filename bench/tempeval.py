"""TIMEX3 detection and normalisation on TempEval-3, with dateparser's search as the floor.

Usage::

    python bench/tempeval.py [--split platinum|tbaq] [--limit N]

Scores, per system: detection precision/recall/F1 with strict (identical span) and relaxed (any
overlap, one-to-one) matching, and value F1 (a relaxed match whose normalised value equals the gold
value; precision over system expressions, recall over gold ones), as TempEval-3 reports them. Gold
document creation times are given to both systems. Tune on ``tbaq`` (TBAQ-cleaned) only; report
``platinum``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from storyscope.stages.timex import find_timexes

ROOT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "tempeval3" / "data" / "TempEval3"
SPLITS = {"platinum": ROOT / "Evaluation" / "te3-platinum", "tbaq": ROOT / "Training" / "TBAQ-cleaned"}

Span = tuple[int, int, str]


def load(path: Path) -> tuple[str, date, list[Span]]:
    """The plain text of <TEXT>, its creation date and the gold (start, end, value) expressions."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    assert dct_el is not None
    dct = date.fromisoformat((dct_el.get("value") or "")[:10])
    text_el = root.find("TEXT")
    assert text_el is not None
    parts: list[str] = []
    gold: list[Span] = []

    def walk(el: ET.Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                gold.append((start, sum(map(len, parts)), child.get("value") or ""))
            if child.tail:
                parts.append(child.tail)

    walk(text_el)
    return "".join(parts), dct, gold


def ours(text: str, dct: date) -> list[Span]:
    return [(t["start"], t["end"], t["value"] or "") for t in find_timexes(text, dct)]


def dateparser_floor(text: str, dct: date) -> list[Span]:
    from dateparser.search import search_dates

    base = datetime(dct.year, dct.month, dct.day)
    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    out: list[Span] = []
    pos = 0
    for phrase, when in found:
        i = text.find(phrase, pos)
        if i < 0:
            continue
        pos = i + len(phrase)
        # dateparser returns a datetime; give it the coarsest granularity its phrase shows.
        if re.fullmatch(r"\s*(?:in\s+)?(?:1[89]|20)\d{2}\s*", phrase):
            value = str(when.year)
        elif not re.search(r"\d", phrase) and re.search(
            r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", phrase
        ):
            value = f"{when.year}-{when.month:02d}"
        else:
            value = when.date().isoformat()
        out.append((i, i + len(phrase), value))
    return out


def score(gold: list[Span], sys_: list[Span]) -> tuple[int, int, int, int]:
    """(strict matches, relaxed matches, value-correct relaxed matches, unused)."""
    strict = sum(1 for g in gold if any(g[0] == s[0] and g[1] == s[1] for s in sys_))
    used: set[int] = set()
    relaxed = correct = 0
    for g in gold:
        best = None
        for k, s in enumerate(sys_):
            if k in used or s[1] <= g[0] or s[0] >= g[1]:
                continue
            exact = s[0] == g[0] and s[1] == g[1]
            if best is None or exact:
                best = k
                if exact:
                    break
        if best is not None:
            used.add(best)
            relaxed += 1
            correct += sys_[best][2] == g[2]
    return strict, relaxed, correct, 0


def f1(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(split: str, limit: int | None, verbose: bool, only: str | None = None) -> None:
    files = sorted(SPLITS[split].rglob("*.tml"))[:limit]
    docs = [load(f) for f in files]
    n_gold = sum(len(g) for _, _, g in docs)
    systems: dict[str, Callable[[str, date], list[Span]]] = {
        "storyscope": ours,
        "dateparser": dateparser_floor,
    }
    if only:
        systems = {only: systems[only]}
    print(f"TempEval-3 {split}: {len(docs)} documents, {n_gold} gold TIMEX3")
    print(f"{'system':12} {'strict P/R/F1':>20} {'relaxed P/R/F1':>20} {'value P/R/F1':>20} {'sec':>6}")
    for name, fn in systems.items():
        t0 = time.perf_counter()
        tot = [0, 0, 0]
        n_sys = 0
        for (text, dct, gold), path in zip(docs, files, strict=True):
            out = fn(text, dct)
            n_sys += len(out)
            s, r, c, _ = score(gold, out)
            tot[0] += s
            tot[1] += r
            tot[2] += c
            if verbose and name == "storyscope":
                show_errors(path.name, text, gold, out)
        secs = time.perf_counter() - t0
        cols = [f1(t, n_sys, n_gold) for t in tot]
        print(f"{name:12} " + " ".join(f"{p:6.3f}/{r:.3f}/{f:.3f}" for p, r, f in cols) + f" {secs:6.1f}")


def show_errors(name: str, text: str, gold: list[Span], out: list[Span]) -> None:
    for g in gold:
        hit = [s for s in out if not (s[1] <= g[0] or s[0] >= g[1])]
        if not hit:
            print(f"MISS {name}: {text[g[0] : g[1]]!r} {g[2]}", file=sys.stderr)
        elif hit[0][2] != g[2]:
            ours_text = text[hit[0][0] : hit[0][1]]
            print(
                f"VAL  {name}: {text[g[0] : g[1]]!r} gold={g[2]} ours={ours_text!r}={hit[0][2]}",
                file=sys.stderr,
            )
        elif (hit[0][0], hit[0][1]) != (g[0], g[1]):
            print(
                f"SPAN {name}: gold={text[g[0] : g[1]]!r} ours={text[hit[0][0] : hit[0][1]]!r}",
                file=sys.stderr,
            )
    for s in out:
        if not any(not (s[1] <= g[0] or s[0] >= g[1]) for g in gold):
            print(f"FP   {name}: {text[s[0] : s[1]]!r} {s[2]}", file=sys.stderr)


def main() -> None:
    warnings.simplefilter("ignore")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=sorted(SPLITS), default="platinum")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", action="store_true", help="list our misses and wrong values on stderr")
    ap.add_argument("--system", choices=["storyscope", "dateparser"], default=None, help="run only this one")
    args = ap.parse_args()
    run(args.split, args.limit, args.errors, args.system)


if __name__ == "__main__":
    main()
