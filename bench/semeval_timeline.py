"""SemEval-2015 Task 4 (cross-document timelines): share of gold events recovered with the right date.

Usage::

    python bench/semeval_timeline.py [--test]

An indication, not the task's official score: each corpus (trial data, or the three test corpora with
``--test``) is treated as one story. The WikiNews documents are rebuilt from their tokens (one line per
sentence; the second line is the dateline), the timex stage infers each publication date from the
text, and :func:`build_timeline` merges the dated sentences. A gold event with a known date (not
``XXXX``) counts as recovered when a timeline entry cites its sentence with the same date.
"""

from __future__ import annotations

import argparse
import warnings
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from storyscope.compare.timeline import build_timeline
from storyscope.models import Article
from storyscope.stages.timex import TimexStage

ROOT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "semeval2015-task4-timeline" / "data"
ROOT = ROOT / "SemEval2015-Task4-TimeLine"


def corpora(test: bool) -> list[tuple[Path, Path]]:
    """(documents folder, gold timelines folder) pairs."""
    if not test:
        return [(ROOT / "Corpus-trial-data_task4", ROOT / "TimeLines_trial_data_task4_v1.2")]
    base = ROOT / "SemEval_Task4_data"
    return [(c / "corpus_trackA_CAT", c / "TimeLines_Gold_Standard") for c in sorted(base.glob("corpus_*"))]


def load_doc(path: Path) -> tuple[Article, list[tuple[int, int]]]:
    """The article (title = sentence 0) and the offsets of every sentence in its text."""
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id") or path.stem
    sentences: dict[int, list[str]] = defaultdict(list)
    for tok in root.iter("token"):
        sentences[int(tok.get("sentence") or 0)].append(tok.text or "")
    text_parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for k in sorted(sentences):
        line = " ".join(sentences[k])
        spans.append((pos, pos + len(line)))
        text_parts.append(line)
        pos += len(line) + 2
    text = "\n\n".join(text_parts)
    title = " ".join(sentences[min(sentences)]) if sentences else ""
    return Article(id=doc_id, raw=text, origin=str(path), title=title, text=text, language="en"), spans


def gold_events(folder: Path) -> list[tuple[str, int, str]]:
    """(doc id, sentence, date) of every gold event with a known date."""
    out: list[tuple[str, int, str]] = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) < 3 or parts[1].startswith("XXXX"):
                continue
            when = "-".join(p.zfill(2) if i else p for i, p in enumerate(parts[1].split("-")))
            for ev in parts[2:]:
                doc, sent, _ = ev.split("-", 2)
                out.append((doc, int(sent), when))
    return out


def run(test: bool) -> None:
    stage = TimexStage()
    total = recovered = inferred = dated_docs = 0
    for docs_dir, gold_dir in corpora(test):
        loaded = [load_doc(p) for p in sorted(docs_dir.glob("*.xml"))]
        articles = [a for a, _ in loaded]
        spans = {a.id: s for a, s in loaded}
        annotations = {a.id: ann for a, ann in zip(articles, stage.run(articles), strict=True)}
        dated_docs += sum(1 for ann in annotations.values() if ann["published"])
        inferred += len(articles)
        found: set[tuple[str, int, str]] = set()
        for entry in build_timeline(articles, annotations):
            for sp in entry["spans"]:
                for k, (a, b) in enumerate(spans[sp["source"]]):
                    if a <= sp["start"] < b + 1:
                        found.add((sp["source"], k, entry["date"]))
        gold = gold_events(gold_dir)
        total += len(gold)
        recovered += sum(1 for g in gold if g in found)
    print(
        f"SemEval-2015 T4 {'test' if test else 'trial'}: {inferred} documents, {dated_docs} dated from text; "
        f"gold dated events {total}, recovered with the right date {recovered} "
        f"({recovered / max(total, 1):.3f})"
    )


def main() -> None:
    warnings.simplefilter("ignore")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--test", action="store_true", help="the test corpora (report only)")
    run(ap.parse_args().test)


if __name__ == "__main__":
    main()
