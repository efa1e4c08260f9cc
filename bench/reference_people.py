"""Entities and quotes of the reference story (../shared/samples/putin-tehran-2022), printed for review.

.venv/bin/python bench/reference_people.py [DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from storyscope.compare.entities import build_entities
from storyscope.compare.quotes import build_quotes
from storyscope.models import Article
from storyscope.stages.nlp import NlpStage

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "samples" / "putin-tehran-2022"


def load(path: Path) -> Article:
    """One sample file as an article: headline = first line, body cleaned when the cleaner works."""
    raw = path.read_text(encoding="utf-8")
    title, _, body = raw.partition("\n")
    text = body
    try:
        from storyscope.stages.clean import clean_text

        text = clean_text(raw, title.strip()).text
    except NotImplementedError:
        pass
    return Article(id=path.stem, raw=raw, origin=str(path), title=title.strip(), text=text, language="en")


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    articles = [load(p) for p in sorted(folder.glob("*.txt"))]
    stage = NlpStage()
    stage.setup()
    annotations = {a.id: ann for a, ann in zip(articles, stage.run(articles), strict=True)}
    entities = build_entities(articles, annotations)
    quotes = build_quotes(articles, annotations, entities)
    print("== entities")
    for e in entities:
        if e["type"] == "person" or e["count"] > 2:
            aliases = ", ".join(a for a in e["aliases"] if a != e["name"])
            head = f"{e['count']:3d} {e['type']:12s} {e['name']}"
            print(f"{head}  [{aliases}]  role={e.get('role')}  {e['sources']}")
    print("\n== quotes")
    for q in quotes:
        srcs = sorted({v["source"] for v in q["variants"]})
        print(f"- [{q['kind']}/{q['verb']}] {q['speaker']!s:28s} {q['text'][:110]!r}")
        if len(srcs) > 1:
            for v in q["variants"]:
                print(f"      {v['source'][:3]} {v['kind']:8s} {v['text'][:90]!r}")


if __name__ == "__main__":
    main()
