"""The contradiction rules measured on FNC-1 (disagree vs agree) and ClaimDiff (pairing).

    .venv/bin/python bench/contradiction_eval.py fnc --half even [--limit 300]
    .venv/bin/python bench/contradiction_eval.py fnc --half odd
    .venv/bin/python bench/contradiction_eval.py claimdiff

FNC-1 (``../shared/data/fnc1-stance``, competition test set): each (headline, body) pair labelled
``agree`` or ``disagree`` becomes a two-source story (the headline as one article, the body as the
other) run through the claim stage and :func:`storyscope.compare.claims.analyse_claims` (without
entity mentions, which would need the full nlp stage). A pair is predicted ``disagree`` when any rule
fires; decisions are ranked by the similarity of the pair that fired, for precision at the top k.
Rules are tuned on even body ids; odd ones are reported once.

ClaimDiff (``../shared/data/claimdiff``, the strength and weakness test sets): each claim pair is a
two-source story; "paired" means the alignment puts a claim of each side in one claim (or finds a
contradiction between them); the rules that fire are counted per relation label.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import Counter
from pathlib import Path

from storyscope.compare.claims import analyse_claims
from storyscope.models import Article, Json
from storyscope.stages.claims import ClaimStage

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _article(aid: str, text: str) -> Article:
    return Article(id=aid, raw=text, origin="", title="", text=text, language="en")


def _story(
    stage: ClaimStage, a: str, b: str, cache: dict[str, Json]
) -> tuple[list[Article], dict[str, Json]]:
    arts = [_article("a", a), _article("b", b)]
    todo = [x for x in arts if x.text not in cache]
    for x, ann in zip(todo, stage.run(todo), strict=True):
        cache[x.text] = ann
    return arts, {x.id: cache[x.text] for x in arts}


def fnc(half: str, limit: int) -> None:
    """Disagree-vs-agree on FNC-1 related pairs."""
    root = SHARED / "fnc1-stance"
    bodies = {
        int(r["Body ID"]): r["articleBody"]
        for r in csv.DictReader((root / "competition_test_bodies.csv").open())
    }
    rows = [
        r
        for r in csv.DictReader((root / "competition_test_stances.csv").open())
        if r["Stance"] in ("agree", "disagree") and int(r["Body ID"]) % 2 == (0 if half == "even" else 1)
    ]
    rows.sort(key=lambda r: (int(r["Body ID"]), r["Headline"]))
    if limit:
        rows = rows[:limit]
    stage = ClaimStage()
    stage.setup()
    cache: dict[str, Json] = {}
    # Parse every distinct text once, in one batch.
    texts = sorted({r["Headline"] for r in rows} | {bodies[int(r["Body ID"])] for r in rows})
    t0 = time.perf_counter()
    for text, ann in zip(texts, stage.run([_article(str(i), t) for i, t in enumerate(texts)]), strict=True):
        cache[text] = ann
    parse_s = time.perf_counter() - t0
    decisions: list[tuple[float, bool, str]] = []
    rules: Counter[tuple[str, str]] = Counter()
    t0 = time.perf_counter()
    for r in rows:
        arts, anns = _story(stage, r["Headline"], bodies[int(r["Body ID"])], cache)
        found = analyse_claims(arts, {}, [], [], anns).contradictions
        gold = r["Stance"] == "disagree"
        if found:
            best = max(found, key=lambda c: c["similarity"])
            decisions.append((float(best["similarity"]), gold, best["rule"]))
            rules[(best["rule"], r["Stance"])] += 1
    align_s = time.perf_counter() - t0
    n_pos = sum(r["Stance"] == "disagree" for r in rows)
    tp = sum(g for _, g, _ in decisions)
    p = tp / len(decisions) if decisions else 0.0
    rec = tp / n_pos if n_pos else 0.0
    print(f"fnc1 half={half} pairs={len(rows)} (disagree {n_pos}, agree {len(rows) - n_pos})")
    print(
        f"predicted disagree: {len(decisions)}  precision {p:.3f}  recall {rec:.3f}  "
        f"(base rate {n_pos / len(rows):.3f})"
    )
    decisions.sort(key=lambda d: -d[0])
    for k in (5, 10, 20, 50):
        if len(decisions) >= k:
            print(f"precision@{k}: {sum(g for _, g, _ in decisions[:k]) / k:.2f}")
    print("rule x gold:", dict(sorted(rules.items())))
    print(
        f"time: parse {parse_s:.1f}s, align+rules {align_s:.1f}s "
        f"({1000 * align_s / max(1, len(rows)):.0f} ms/pair)"
    )


def claimdiff(limit: int) -> None:
    """Pairing rate and rule firings on ClaimDiff test pairs."""
    stage = ClaimStage()
    stage.setup()
    cache: dict[str, Json] = {}
    for name, path in (
        ("strength", SHARED / "claimdiff" / "ClaimDiff-S" / "ClaimDiff-strength-test.json"),
        ("weakness", SHARED / "claimdiff" / "ClaimDiff-W" / "ClaimDiff-weak-test.json"),
    ):
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        if limit:
            data = data[:limit]
        texts = sorted({d["claim_a"] for d in data} | {d["claim_b"] for d in data} - set(cache))
        for text, ann in zip(
            texts, stage.run([_article(str(i), t) for i, t in enumerate(texts)]), strict=True
        ):
            cache[text] = ann
        paired: Counter[int] = Counter()
        total: Counter[int] = Counter()
        rules: Counter[tuple[int, str]] = Counter()
        for d in data:
            arts, anns = _story(stage, d["claim_a"], d["claim_b"], cache)
            out = analyse_claims(arts, {}, [], [], anns)
            rel = int(d["relation"])
            total[rel] += 1
            together = any({"a", "b"} <= set(c["sources"]) for c in out.claims)
            if together or out.contradictions:
                paired[rel] += 1
            for c in out.contradictions:
                rules[(rel, c["rule"])] += 1
        print(f"claimdiff-{name} test: pairs={sum(total.values())}")
        for rel in sorted(total):
            print(f"  relation={rel}: paired {paired[rel]}/{total[rel]} = {paired[rel] / total[rel]:.3f}")
        print("  rules fired (relation, rule):", dict(sorted(rules.items())))


def main() -> None:
    """Run one of the two evaluations."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", choices=["fnc", "claimdiff"])
    ap.add_argument("--half", default="even", choices=["even", "odd"])
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    if args.dataset == "fnc":
        fnc(args.half, args.limit)
    else:
        claimdiff(args.limit)


if __name__ == "__main__":
    main()
