"""SQLite-specific behaviour of story membership writes: the in-memory copy of the members and when
the store must stop trusting it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from builders import make_article
from storyscope.models import Story
from storyscope.store.sqlite import SQLiteStore


def _articles(store: SQLiteStore, n: int) -> list[str]:
    for i in range(n):
        store.put_article(make_article(f"a{i}", text=f"Article {i} about the ferry strike."))
    return [f"a{i}" for i in range(n)]


def _statements(store: SQLiteStore) -> list[str]:
    """Statements run on the store's connection from now on (sqlite3 trace callback)."""
    seen: list[str] = []
    store._db.set_trace_callback(seen.append)
    return seen


def test_join_does_not_read_members_back(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        ids = _articles(store, 50)
        members: list[str] = []
        for aid in ids[:49]:
            members.append(aid)
            store.put_story(Story("s", "Ferry", members))
        seen = _statements(store)
        members.append(ids[49])
        store.put_story(Story("s", "Ferry", members))
        assert not [sql for sql in seen if "FROM story_articles" in sql]
        assert store.get_story("s").article_ids == ids


def test_reopened_store_reads_members_once_then_appends(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with SQLiteStore(path) as store:
        ids = _articles(store, 5)
        store.put_story(Story("s", "Ferry", ids[:3]))
    with SQLiteStore(path) as store:
        seen = _statements(store)
        store.put_story(Story("s", "Ferry", ids[:4]))
        assert len([sql for sql in seen if "FROM story_articles" in sql]) == 1
        seen.clear()
        store.put_story(Story("s", "Ferry", ids))
        assert not [sql for sql in seen if "FROM story_articles" in sql]
        assert store.get_story("s").article_ids == ids
        # A reordered list after the cached appends is still rewritten.
        store.put_story(Story("s", "Ferry", ids[::-1]))
        assert store.get_story("s").article_ids == ids[::-1]


def test_write_from_another_connection_invalidates_the_copy(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with SQLiteStore(path) as first, SQLiteStore(path) as second:
        ids = _articles(first, 4)
        first.put_story(Story("s", "Ferry", ids[:2]))
        # Another writer reorders the story behind the first store's back ...
        second.put_story(Story("s", "Ferry", [ids[1], ids[0]]))
        # ... so a list that extends what the first store last wrote is not a mere append any more.
        first.put_story(Story("s", "Ferry", ids[:3]))
        assert first.get_story("s").article_ids == ids[:3]
        assert second.get_story("s").article_ids == ids[:3]
        # Plain SQL counts too: the triggers keep the version honest for any writer.
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("DELETE FROM story_articles WHERE story_id='s' AND article_id=?", (ids[2],))
        raw.close()
        first.put_story(Story("s", "Ferry", ids))
        assert first.get_story("s").article_ids == ids


def test_failed_write_leaves_the_stored_list_trusted_correctly(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        ids = _articles(store, 3)
        store.put_story(Story("s", "Ferry", ids[:2]))
        # An unknown article breaks the foreign key: the write rolls back as a whole.
        with pytest.raises(sqlite3.IntegrityError):
            store.put_story(Story("s", "Ferry", [*ids[:2], "missing"]))
        assert store.get_story("s").article_ids == ids[:2]
        store.put_story(Story("s", "Ferry", ids))
        assert store.get_story("s").article_ids == ids
        assert [h["event"] for h in store.story_history("s")] == ["created", "updated"]
