"""Schema migrations for the SQLite store, registered in order and recorded in a table.

A migration runs once per database, inside one transaction together with its record in
``_migrations``, so an interrupted upgrade leaves the schema as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

Migration = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class _Registered:
    name: str
    fn: Migration


MIGRATIONS: list[_Registered] = []


def migration(fn: Migration) -> Migration:
    """Register ``fn`` as the next migration; its name is its identity, so never rename one."""
    MIGRATIONS.append(_Registered(fn.__name__, fn))
    return fn


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            origin TEXT NOT NULL,
            title TEXT NOT NULL,
            outlet TEXT,
            url TEXT,
            published TEXT,
            author TEXT,
            fmt TEXT NOT NULL,
            language TEXT,
            duplicate_of TEXT,
            raw TEXT NOT NULL,
            text TEXT NOT NULL,
            offset_map TEXT NOT NULL,
            removed TEXT NOT NULL,
            meta TEXT NOT NULL,
            ingested TEXT NOT NULL
        );
        CREATE TABLE annotations (
            article_id TEXT NOT NULL REFERENCES articles(id),
            stage TEXT NOT NULL,
            version TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (article_id, stage, version)
        );
        CREATE TABLE stories (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id),
            article_id TEXT NOT NULL REFERENCES articles(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (story_id, article_id)
        );
        CREATE INDEX story_articles_article ON story_articles(article_id);
        CREATE TABLE story_history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            story_id TEXT NOT NULL,
            at TEXT NOT NULL,
            event TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        """
    )


def apply(db: sqlite3.Connection) -> list[str]:
    """Run every migration not yet recorded; return the names applied now."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for m in MIGRATIONS:
        if m.name in done:
            continue
        # executescript commits on its own; wrap explicitly so the migration and its record land together.
        db.execute("BEGIN IMMEDIATE")
        try:
            _run_in_transaction(db, m.fn)
            db.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (m.name,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        applied.append(m.name)
    return applied


def _run_in_transaction(db: sqlite3.Connection, fn: Migration) -> None:
    # executescript() issues a COMMIT first; run statements one by one instead so BEGIN holds.
    class _NoCommit:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self._conn = conn

        def executescript(self, script: str) -> None:
            for stmt in _split_sql(script):
                self._conn.execute(stmt)

        def execute(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
            return self._conn.execute(sql, params)

    fn(_NoCommit(db))  # type: ignore[arg-type]


def _split_sql(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (BEGIN … END;) whole."""
    out: list[str] = []
    buf = ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out


@migration
def m002_story_index(db: sqlite3.Connection) -> None:
    # What incremental clustering needs to place the next article without re-reading the corpus:
    # per story, a JSON summary (dates, languages, salient names) and one centroid per embedding space.
    db.executescript(
        """
        CREATE TABLE story_index (
            story_id TEXT PRIMARY KEY REFERENCES stories(id),
            meta TEXT NOT NULL
        );
        CREATE TABLE story_vectors (
            story_id TEXT NOT NULL REFERENCES stories(id),
            space TEXT NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (story_id, space)
        );
        """
    )


@migration
def m003_story_members_version(db: sqlite3.Connection) -> None:
    # put_story appends a joining article without reading the story's members back: the store object
    # keeps the list it last wrote and trusts it while this counter is unchanged. Triggers bump it on
    # every change of story_articles, so a write through any other connection (another process, or
    # plain SQL) invalidates that copy instead of letting an append land after a stale list.
    # The history index: story_history(id) read the whole table, one row per join ever made.
    db.executescript(
        """
        ALTER TABLE stories ADD COLUMN members_version INTEGER NOT NULL DEFAULT 0;
        CREATE TRIGGER story_articles_version_ai AFTER INSERT ON story_articles BEGIN
            UPDATE stories SET members_version = members_version + 1 WHERE id = new.story_id;
        END;
        CREATE TRIGGER story_articles_version_ad AFTER DELETE ON story_articles BEGIN
            UPDATE stories SET members_version = members_version + 1 WHERE id = old.story_id;
        END;
        CREATE TRIGGER story_articles_version_au AFTER UPDATE ON story_articles BEGIN
            UPDATE stories SET members_version = members_version + 1 WHERE id IN (old.story_id, new.story_id);
        END;
        CREATE INDEX story_history_story ON story_history(story_id, seq);
        """
    )
