"""Publication dates and the timeline of the reference story (which carries no dates at all).

Usage::

    python bench/reference_timeline.py [DIR]

Reads every ``*.txt`` in DIR (default ``../shared/samples/putin-tehran-2022``; first line = headline),
cleans it, runs the timex stage (publication date inferred from the text, with evidence), reconciles
the dates across the story and prints them and the merged timeline.
"""

from __future__ import annotations

import sys
from pathlib import Path

from storyscope.compare.timeline import build_timeline, reconcile_published
from storyscope.models import Article
from storyscope.stages.timex import TimexStage

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "samples" / "putin-tehran-2022"


def load(folder: Path) -> list[Article]:
    """Articles from the text files of ``folder``, cleaned when the cleaner is available."""
    articles: list[Article] = []
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        title, _, rest = raw.strip().partition("\n")
        try:
            from storyscope.stages.clean import clean_text

            text = clean_text(raw, title).text
        except Exception:  # the cleaner is optional here: fall back to the raw body
            text = rest.strip()
        articles.append(
            Article(id=path.stem, raw=raw, origin=str(path), title=title, text=text, language="en")
        )
    return articles


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    articles = load(folder)
    stage = TimexStage()
    stage.setup()
    annotations = {a.id: ann for a, ann in zip(articles, stage.run(articles), strict=True)}
    print("# Publication dates (from the text alone)")
    for a in articles:
        ann = annotations[a.id]
        print(f"{a.id}: {ann['published']} (confidence {ann['confidence']})")
        for e in ann["evidence"]:
            print(f"    - {e}")
    print("\n# Reconciled across the story")
    for aid, info in reconcile_published(articles, annotations).items():
        print(f"{aid}: {info['published']} (confidence {info['confidence']})")
        for e in info["evidence"]:
            print(f"    - {e}")
    print("\n# Timeline")
    for entry in build_timeline(articles, annotations):
        flag = " [scheduled]" if entry["scheduled"] else ""
        print(f"{entry['date']:10} {', '.join(entry['sources'])}{flag}\n           {entry['text'][:160]}")


if __name__ == "__main__":
    main()
