"""Ingest end to end: bad inputs, re-ingest, copies, and an ingest killed midway."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from storyscope.config import Config
from storyscope.ingest.parallel import ARTICLE_WEIGHT, POOL_AFTER
from storyscope.pipeline import ingest
from storyscope.store.sqlite import SQLiteStore

BODY = (
    "The harbour authority of Velmar said on {day} that ferry service number {n} to the northern islands "
    "would resume after a strike by deck crews ended with a pay agreement.\n\n"
    "The union said its members in section {n} had accepted an offer of a six percent rise over two years, "
    "and that crews would return to work at dawn.\n\n"
    "Passengers stranded on island {n} will be given priority on the first sailings, the authority said."
)


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    for n in range(count):
        text = f"Ferry line {n} to resume service\n\n" + BODY.format(day=days[n % 5], n=n)
        # Vary wording enough that these are distinct articles, not copies of one another.
        text += f"\n\nThe line carried {1000 + 37 * n} passengers a day before route {n} was suspended."
        text += f" Pier {n} will reopen {n + 2} weeks later, when repairs to berth {n * 3} are finished."
        (folder / f"ferry-{n:04d}.txt").write_text(text, encoding="utf-8")


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Ferry service resumes\n\n" + BODY.format(day="Monday", n=1), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with SQLiteStore(":memory:") as store:
        report = ingest([str(empty), str(good), str(binary), str(tmp_path / "missing.txt")], store, Config())
        assert report.added == ["good"]
        failed = {Path(e.input).name for e in report.errors}
        assert failed == {"empty.txt", "image.txt", "missing.txt"}
        assert all(e.reason and "\n" not in e.reason for e in report.errors)
        assert store.count_articles() == 1


def test_reingest_is_a_noop_and_copies_are_linked(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    src = (tmp_path / "in" / "ferry-0000.txt").read_text(encoding="utf-8")
    copy = src.replace("Ferry line 0 to resume service", "Islands ferry back after strike ends")
    (tmp_path / "in" / "zz-copy.txt").write_text(copy.replace("at dawn", "at first light"), encoding="utf-8")
    with SQLiteStore(tmp_path / "s.db") as store:
        first = ingest([str(tmp_path / "in")], store, Config())
        assert len(first.added) == 4 and not first.errors
        again = ingest([str(tmp_path / "in")], store, Config())
        assert again.added == [] and sorted(again.existing) == sorted(first.added)
        assert store.get_article("zz-copy").duplicate_of == "ferry-0000"
        assert store.get_article("ferry-0001").duplicate_of is None
        a = store.get_article("ferry-0000")
        assert a.language == "en"
        assert a.title == "Ferry line 0 to resume service"
        assert "Ferry line 0 to resume service" not in a.text  # the headline is not body text


def test_killed_ingest_leaves_store_consistent_and_rerun_completes(tmp_path: Path) -> None:
    count = 400
    write_articles(tmp_path / "in", count)
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "storyscope", "ingest", str(tmp_path / "in"), "--db", str(db)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    stored = c.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 20:
                break
    assert proc.poll() is None, "ingest finished before it could be killed; raise the article count"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n, empty = c.execute("SELECT count(*), sum(text = '' OR title = '') FROM articles").fetchone()
        assert 0 < n < count and not empty
        # The full-text index holds exactly the stored articles: no half-written rows.
        assert c.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == n

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with SQLiteStore(db) as store:
        assert store.count_articles() == count
        assert len({a.content_hash for a in store.iter_articles()}) == count


def _stored(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT id, content_hash, text, language, duplicate_of, offset_map, removed "
            "FROM articles ORDER BY id"
        ).fetchall()


def test_cleaning_on_a_pool_stores_what_one_process_stores(tmp_path: Path) -> None:
    # Enough plain articles for the pool to start (their cleaning runs in the reading workers), with
    # a copy, an empty file and a binary file among them: same rows, same errors, same order.
    folder = tmp_path / "in"
    count = int(POOL_AFTER / ARTICLE_WEIGHT) + 8  # the pool starts with a fork server too
    write_articles(folder, count)
    src = (folder / "ferry-0003.txt").read_text(encoding="utf-8")
    (folder / "ferry-0040.txt").write_text(src.replace("Ferry line 3", "Island ferry 3"), encoding="utf-8")
    (folder / "ferry-0010.txt").write_text("  \n", encoding="utf-8")
    (folder / "ferry-0020.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    reports = {}
    for workers in (1, 2):
        with SQLiteStore(tmp_path / f"w{workers}.db") as store:
            reports[workers] = ingest([str(folder)], store, Config(workers=workers))
    assert reports[2].added == reports[1].added and len(reports[2].added) == count - 2
    assert [(Path(e.input).name, e.reason) for e in reports[2].errors] == [
        (Path(e.input).name, e.reason) for e in reports[1].errors
    ]
    assert [Path(e.input).name for e in reports[2].errors] == ["ferry-0010.txt", "ferry-0020.txt"]
    rows = _stored(tmp_path / "w2.db")
    assert rows == _stored(tmp_path / "w1.db")
    assert dict((r[0], r[4]) for r in rows)["ferry-0040"] == "ferry-0003"


_FOREIGN = [
    (
        "es",
        "Reabre el puerto de Velmar",
        "El puerto de Velmar reabrió el lunes tras una huelga de tres "
        "semanas de los estibadores, que aceptaron una subida salarial del seis por ciento.",
    ),
    (
        "es",
        "Los estibadores de Velmar vuelven al trabajo",
        "Los estibadores del puerto de Velmar volvieron "
        "al trabajo el lunes después de aceptar una subida del seis por ciento durante dos años.",
    ),
    (
        "de",
        "Neue Brücke in Orvel eröffnet",
        "Die neue Brücke über den Fluss Orvel wurde am Dienstag für "
        "den Verkehr freigegeben, vier Jahre nach dem Beschluss des Stadtrats.",
    ),
    (
        "de",
        "Hochwasser an der Orvel steigt weiter",
        "Das Hochwasser an der Orvel ist am Mittwoch weiter "
        "gestiegen; die Feuerwehr errichtete Schutzwände in drei Straßen der Altstadt.",
    ),
    (
        "en",
        "Velmar port reopens after strike",
        "The port of Velmar reopened on Monday after a three-week "
        "strike by dock workers ended with a six percent pay rise.",
    ),
    (
        "en",
        "Orvel bridge opens to traffic",
        "The new bridge over the Orvel river opened to traffic on "
        "Tuesday, four years after the town council approved it.",
    ),
    (
        "en",
        "Grandby school to close for repairs",
        "The primary school in Grandby will close for the "
        "summer while builders replace its roof, the council said on Friday.",
    ),
    (
        "en",
        "Lakemark farmers count storm losses",
        "Farmers in Lakemark said on Sunday that the storm had "
        "flattened a third of the barley crop in the eastern valleys.",
    ),
]

_WORKERS_THEN_ONE = """
import json, sys
from storyscope.config import Config
from storyscope.pipeline import ingest
from storyscope.store.sqlite import SQLiteStore
from storyscope.stories import cluster, vectors
seen = []
def spy(space, articles, known=None):
    seen.append((space, len(articles), len(known or {})))
    return vectors.embed_articles(space, articles, known)
cluster.embed_articles = spy
out = {}
for workers in (2, 1):  # the pool first: its workers must not inherit e5 from this process
    with SQLiteStore(sys.argv[2] + f"/w{workers}.db") as store:
        ingest([sys.argv[1]], store, Config(workers=workers))
        out[workers] = sorted(s.article_ids for s in store.list_stories())
print(json.dumps({"stories": out, "seen": seen}))
"""


def test_articles_not_in_english_are_embedded_on_the_reading_workers(tmp_path: Path) -> None:
    # The first pages are read in this process (ingest.parallel.POOL_AFTER_FORK), before the pool
    # starts: their e5 jobs wait for it. The vectors the workers compute are the ones the story
    # assignment would have computed, so the stories are those of one process.
    folder = tmp_path / "in"
    folder.mkdir()
    for n, (lang, title, body) in enumerate(_FOREIGN):
        paras = "".join(f"<p>{body} {s}</p>" for s in (body, f"Nota {n}.", body[::-1][:40]))
        page = (
            f'<html lang="{lang}"><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}'
        )
        (folder / f"p{n}.html").write_text(page + "</article></body></html>", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", _WORKERS_THEN_ONE, str(folder), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["stories"]["2"] == result["stories"]["1"]
    pool, one = result["seen"][:2], result["seen"][2:]
    # On the pool, the four articles not in English came with their e5 vectors; in one process, none.
    assert ["multi", 4, 4] in pool and ["multi", 4, 0] in one
