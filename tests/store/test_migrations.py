from pathlib import Path

import pytest

from builders import make_article
from storyscope.models import Story
from storyscope.store import migrations
from storyscope.store.sqlite import SQLiteStore


def test_migrations_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    SQLiteStore(path).close()
    s = SQLiteStore(path)
    names = [r[0] for r in s._db.execute("SELECT name FROM _migrations")]
    assert names == [m.name for m in migrations.MIGRATIONS]
    assert migrations.apply(s._db) == []
    assert s._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()


def test_store_of_the_previous_schema_upgrades(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    # The database as the code before m003 left it: stories with members, no members_version.
    before = [m for m in migrations.MIGRATIONS if m.name != "m003_story_members_version"]
    assert len(before) == len(migrations.MIGRATIONS) - 1
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", before)
        old = SQLiteStore(path)
        for i in range(4):
            old.put_article(make_article(f"a{i}", text=f"Article {i} about the bridge."))
        old._db.execute("INSERT INTO stories (id, title, created, updated) VALUES ('s', 'Bridge', 'x', 'x')")
        old._db.executemany("INSERT INTO story_articles VALUES ('s', ?, ?)", [("a0", 0), ("a1", 1)])
        old._db.execute(
            "INSERT INTO story_history (story_id, at, event, reason) VALUES ('s', 'x', 'created', '')"
        )
        old.close()
    store = SQLiteStore(path)
    assert [r[0] for r in store._db.execute("SELECT name FROM _migrations")][
        -1
    ] == "m003_story_members_version"
    assert store.get_story("s").article_ids == ["a0", "a1"]
    store.put_story(Story("s", "Bridge", ["a0", "a1", "a2"]), "a2 joined")
    store.put_story(Story("s", "Bridge", ["a0", "a1", "a2", "a3"]), "a3 joined")
    assert store.get_story("s").article_ids == ["a0", "a1", "a2", "a3"]
    store.put_story(Story("s", "Bridge", ["a3", "a0"]), "split")
    assert store.get_story("s").article_ids == ["a3", "a0"]
    assert [h["reason"] for h in store.story_history("s")] == ["", "a2 joined", "a3 joined", "split"]
    # Counted from zero at the upgrade, one per changed row: two appends, then the split deleted four
    # rows and inserted two.
    assert (
        store._db.execute("SELECT members_version FROM stories WHERE id='s'").fetchone()[0] == 1 + 1 + 4 + 2
    )
    plan = " ".join(
        str(r[-1])
        for r in store._db.execute(
            "EXPLAIN QUERY PLAN SELECT at FROM story_history WHERE story_id='s' ORDER BY seq"
        )
    )
    assert "story_history_story" in plan
    store.close()
