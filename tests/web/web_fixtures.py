"""Stores for the web tests, filled with fictional articles we wrote ourselves (nothing from ../shared).

(Named ``web_fixtures``: test helper modules are imported top-level, so their names must be unique.)
"""

from __future__ import annotations

import json
from pathlib import Path

from storyscope.config import Config
from storyscope.models import Story
from storyscope.pipeline import ingest
from storyscope.store.sqlite import SQLiteStore
from storyscope.stories.cluster import cluster_articles

FERRY_A = """Ferry service to Marrow Island resumes after storm

Related: Storm closes island schools

The ferry between Portlan and Marrow Island sailed again on Monday after a storm kept it in port for six days.
Harbour master Tomas Reyn said the crossing was calm and that every sailing was full.
"We have never seen a queue like this," Reyn told reporters at the pier.
The island council said food deliveries would return to normal by Wednesday.

Photo: The ferry leaves Portlan harbour. (Island Wire)

Share your thoughts in the comments below.
"""

FERRY_B = """Marrow Island ferry back in service

The ferry linking Portlan with Marrow Island resumed sailings on Monday, ending a six-day storm halt.
Harbour master Tomas Reyn said every sailing on Monday was full.
Islanders queued for hours, and the council expects deliveries to be normal by Wednesday.
A second vessel will join the route next spring, the operator said.
"""

ORCHARD_DE = """Apfelernte im Tal beginnt früh

Die Apfelernte im Lindental hat in diesem Jahr zwei Wochen früher begonnen als sonst.
Der Obstbauverband erklärte, der warme Frühling habe die Bäume schneller reifen lassen.
Die Pflücker rechnen mit einer guten Ernte, obwohl Hagel im Juli einige Felder getroffen hat.
Der Verband will die Preise im Oktober bekannt geben.
"""

HOSTILE_TITLE = '<script>alert("title")</script> Harbour <img src=x onerror=alert(1)> news'
HOSTILE_BODY = (
    "The harbour board met on Friday to discuss the new pier.\n\n"
    '<script>alert("body")</script> Members asked '
    '<a href="javascript:alert(2)">for details</a> of the cost.\n\n'
    "<svg onload=alert(3)> The chair said the pier would open in May.\n\n"
    '"><img src=x onerror=alert(4)> The board will meet again next month to vote on the plan.\n'
)


def write(tmp: Path, name: str, text: str) -> str:
    """Write ``text`` to ``tmp/name`` and return the path as a string."""
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def add_story(store: SQLiteStore, inputs: list[str]) -> Story:
    """Ingest ``inputs`` into ``store``; they must form one story (the fixtures are one event each)."""
    report = ingest(inputs, store, Config.load())
    assert not report.errors, report.errors
    [story] = cluster_articles(store, report.ids)
    return story


def ferry_store(tmp: Path) -> tuple[str, Story, Story]:
    """A store with two stories: an English one from two outlets (JSONL, dated) and a German one."""
    db = str(tmp / "web.db")
    records = [
        {
            "id": "wire-ferry",
            "title": FERRY_A.splitlines()[0],
            "text": "\n".join(FERRY_A.splitlines()[1:]),
            "outlet": "Island Wire",
            "url": "https://wire.example/ferry",
            "published": "2031-03-10",
        },
        {
            "id": "courier-ferry",
            "title": FERRY_B.splitlines()[0],
            "text": "\n".join(FERRY_B.splitlines()[1:]),
            "outlet": "Portlan Courier",
            "url": "https://courier.example/ferry",
            "published": "2031-03-11",
        },
    ]
    jsonl = write(tmp, "ferry.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    with SQLiteStore(db) as store:
        ferry = add_story(store, [jsonl])
        orchard = add_story(store, [write(tmp, "lindental-ernte.txt", ORCHARD_DE)])
    return db, ferry, orchard


def hostile_store(tmp: Path) -> tuple[str, Story]:
    """A store whose one story's article carries script, handlers and javascript: links everywhere."""
    db = str(tmp / "hostile.db")
    record = {
        "id": "evil<1>",
        "title": HOSTILE_TITLE,
        "text": HOSTILE_BODY,
        "outlet": "<b>Evil</b> <script>alert(5)</script>",
        "url": "javascript:alert(6)",
        "published": "2031-05-01",
    }
    path = write(tmp, "evil.jsonl", json.dumps(record) + "\n")
    with SQLiteStore(db) as store:
        story = add_story(store, [path])
    return db, story
