"""Briefings of real multi-outlet stories, summarised for review: WikiRef220's event groups.

    .venv/bin/python bench/real_briefs.py [--per-group 6] [--groups paris,tohoku] [--show]

WikiRef220 (``../shared/data/wikiref220``) holds news articles that Wikipedia cites for one event,
from many outlets: real scraped text with its junk, each group one story. The first ``--per-group``
articles (by file name) of every group with at least five are copied to a temporary folder and briefed
with ``storyscope brief`` as a user would, in a fresh process. Printed per group: stories found,
sources with a publication date (given or inferred), timeline entries, entities, quotes, claims by
status, and contradictions by rule; ``--show`` prints each contradiction's two sides, which is what a
reader would have to check by hand (precision matters more than recall). Nothing of the dataset is
kept: the folder and the briefing are deleted after the run.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "wikiref220" / "app" / "data_processing" / "test_data"
DATA = DATA / "wikiref" / "WikiRef220"


def groups(min_size: int = 5) -> dict[str, list[Path]]:
    """Event groups of WikiRef220 with at least ``min_size`` articles, files sorted by name."""
    out: dict[str, list[Path]] = defaultdict(list)
    for f in sorted(DATA.glob("*.txt")):
        out[re.sub(r"[ .(]*\d+\)?$", "", f.stem).strip().lower()].append(f)
    return {k: v for k, v in out.items() if len(v) >= min_size}


def brief(files: list[Path], tmp: Path) -> tuple[dict[str, object], float]:
    """``storyscope brief`` of the files (copied under simple names), as JSON, and its wall time."""
    folder = tmp / "in"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for k, f in enumerate(files):
        shutil.copy(f, folder / f"s{k + 1}.txt")
    out = tmp / "brief.json"
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "storyscope", "brief", *sorted(str(p) for p in folder.iterdir()),
         "--format", "json", "-o", str(out)],
        check=True, capture_output=True,
    )  # fmt: skip
    return json.loads(out.read_text(encoding="utf-8")), time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-group", type=int, default=6)
    ap.add_argument("--groups", default="", help="comma-separated prefixes of group names")
    ap.add_argument("--show", action="store_true", help="print every contradiction's two sides")
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA} not found: this benchmark needs ../shared/data")
    wanted = [g for g in args.groups.split(",") if g]
    print("group | articles | stories | dated | timeline | entities | quotes | corr/single/contested | "
          "contradictions | s")  # fmt: skip
    total: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name, files in groups().items():
            if wanted and not any(name.startswith(w) for w in wanted):
                continue
            doc, secs = brief(files[: args.per_group], tmp)
            stories = doc["stories"]
            assert isinstance(stories, list)
            c: Counter[str] = Counter()
            rules: Counter[str] = Counter()
            for s in stories:
                c["sources"] += len(s["sources"])
                c["dated"] += sum(1 for src in s["sources"] if src.get("published"))
                c["timeline"] += len(s["timeline"])
                c["entities"] += len(s["entities"])
                c["quotes"] += len(s["quotes"])
                for claim in s["claims"]:
                    c[claim["status"]] += 1
                for con in s["contradictions"]:
                    rules[con.get("rule", "?")] += 1
                    if args.show:
                        print(f"  [{name}] {con.get('rule')}: {con['topic']}")
                        print(f"      a: {con['a']['text'][:160]}")
                        print(f"      b: {con['b']['text'][:160]}")
            total.update(rules)
            print(
                f"{name} | {c['sources']} | {len(stories)} | {c['dated']} | {c['timeline']} | "
                f"{c['entities']} | {c['quotes']} | "
                f"{c['corroborated']}/{c['single_source']}/{c['contested']} | "
                f"{sum(rules.values())} {dict(rules)} | {secs:.1f}"
            )
    print(f"contradictions in all: {sum(total.values())} {dict(total)}")


if __name__ == "__main__":
    main()
