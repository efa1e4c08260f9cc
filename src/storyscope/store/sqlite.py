"""The default store: one SQLite file, WAL journal, migrations, FTS5 over cleaned text.

Each write is one transaction (a savepoint inside ``batch()``, whose group commits at once), so a
process killed mid-ingest leaves whole articles or none, and a re-run picks up what is missing
(content hashes make re-ingest a no-op).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyscope.errors import NotFoundError, StoreError
from storyscope.models import Article, Json, OffsetMap, Removed, Story
from storyscope.store import migrations

_ARTICLE_COLUMNS = (
    "id, content_hash, origin, title, outlet, url, published, author, fmt, language, duplicate_of, "
    "raw, text, offset_map, removed, meta"
)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SQLiteStore:
    """A :class:`~storyscope.store.base.Store` in one SQLite file (``":memory:"`` for a throwaway one)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per write.
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
            migrations.apply(self._db)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open store {self.path}: {e}") from e
        # One writer at a time across threads (the web app reads while ingest may write).
        self._lock = threading.RLock()
        self._depth = 0  # 1 inside batch(): writes are savepoints of its transaction
        # Story id -> ((stories.seq, members_version), member ids) as this object last wrote them. While
        # the stored version matches (see migration m003) the list is what story_articles holds, so an
        # article joining a story costs no read of its members. It keeps one list per story written, the
        # same ids the clusterer holds in memory.
        self._members: dict[str, tuple[tuple[int, int], list[str]]] = {}

    # -- transactions ---------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        # One transaction for the whole group, each write a savepoint in it. FTS5 writes a new index
        # segment per commit (and merges them later): committing an article at a time cost ingest
        # about twice the store time of grouped commits.
        with self._lock:
            if self._depth:
                yield
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0
                # Every write inside is whole (its savepoint released or rolled back), so what is
                # there is kept even when the group ends with an exception.
                self._db.execute("COMMIT")

    def _begin(self) -> None:
        self._db.execute("SAVEPOINT write" if self._depth else "BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self._db.execute("RELEASE write" if self._depth else "COMMIT")

    def _rollback(self) -> None:
        if self._depth:
            self._db.execute("ROLLBACK TO write")
            self._db.execute("RELEASE write")
        else:
            self._db.execute("ROLLBACK")

    # -- articles -------------------------------------------------------------------------------

    def put_article(self, article: Article) -> str | None:
        with self._lock:
            self._begin()
            try:
                if self._hash_exists(article.content_hash):
                    self._rollback()
                    return None
                article.id = self._free_id(article.id)
                self._db.execute(
                    f"INSERT INTO articles ({_ARTICLE_COLUMNS}, ingested) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        article.id,
                        article.content_hash,
                        article.origin,
                        article.title,
                        article.outlet,
                        article.url,
                        article.published,
                        article.author,
                        article.fmt,
                        article.language,
                        article.duplicate_of,
                        article.raw,
                        article.text,
                        json.dumps(article.offset_map.to_json()),
                        json.dumps([[r.start, r.end, r.reason] for r in article.removed]),
                        json.dumps(article.meta, ensure_ascii=False, sort_keys=True),
                        _now(),
                    ),
                )
                self._commit()
            except BaseException:
                self._rollback()
                raise
            return article.id

    def _hash_exists(self, content_hash: str) -> bool:
        row = self._db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row is not None

    def _free_id(self, wanted: str) -> str:
        # Exact lookups on the unique index: a LIKE over suffixes would scan the table per article.
        n = 1
        candidate = wanted
        while self._db.execute("SELECT 1 FROM articles WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate

    def find_by_hash(self, content_hash: str) -> str | None:
        row = self._db.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return None if row is None else str(row[0])

    def get_article(self, article_id: str) -> Article:
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article {article_id!r} in {self.path}")
        return _row_to_article(row)

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            for row in self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq"):
                yield _row_to_article(row)
            return
        for article_id in ids:
            yield self.get_article(article_id)

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    # -- annotations ----------------------------------------------------------------------------

    def put_annotation(self, article_id: str, stage: str, version: str, data: Json) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO annotations VALUES (?,?,?,?)",
                (article_id, stage, version, json.dumps(data, ensure_ascii=False, sort_keys=True)),
            )

    def get_annotation(self, article_id: str, stage: str, version: str) -> Json | None:
        row = self._db.execute(
            "SELECT data FROM annotations WHERE article_id=? AND stage=? AND version=?",
            (article_id, stage, version),
        ).fetchone()
        return None if row is None else _loads(row[0])

    def iter_annotations(self, stage: str, version: str) -> Iterator[tuple[str, Json]]:
        for article_id, data in self._db.execute(
            "SELECT a.article_id, a.data FROM annotations a JOIN articles r ON r.id = a.article_id "
            "WHERE a.stage=? AND a.version=? ORDER BY r.seq",
            (stage, version),
        ):
            yield str(article_id), _loads(data)

    # -- stories --------------------------------------------------------------------------------

    def put_story(self, story: Story, reason: str = "") -> None:
        now = _now()
        with self._lock:
            self._begin()
            try:
                existing = self._db.execute(
                    "SELECT created, seq, members_version FROM stories WHERE id=?", (story.id,)
                ).fetchone()
                story.created = story.created or (existing[0] if existing else now)
                story.updated = now
                self._db.execute(
                    "INSERT INTO stories (id, title, created, updated) VALUES (?,?,?,?) "
                    "ON CONFLICT(id) DO UPDATE SET title=excluded.title, updated=excluded.updated",
                    (story.id, story.title, story.created, story.updated),
                )
                members = self._write_members(story, None if existing is None else (existing[1], existing[2]))
                self._db.execute(
                    "INSERT INTO story_history (story_id, at, event, reason) VALUES (?,?,?,?)",
                    (story.id, now, "updated" if existing else "created", reason),
                )
                seq, version = self._db.execute(
                    "SELECT seq, members_version FROM stories WHERE id=?", (story.id,)
                ).fetchone()
                self._commit()
            except BaseException:
                self._rollback()
                raise
            # Only once committed: after a rollback the stored list is whatever it was before.
            self._members[story.id] = ((int(seq), int(version)), members)

    def _write_members(self, story: Story, stored: tuple[int, int] | None) -> list[str]:
        """Make story_articles hold ``story.article_ids`` in order; return this object's copy of them.

        ``stored`` is the story's (seq, members_version) before this write, None for a new story.
        """
        new = story.article_ids
        # Taken out until the write commits, so that a failed write leaves no copy behind.
        cached = self._members.pop(story.id, None)
        if stored is None:
            old: list[str] = []
        elif cached is not None and cached[0] == stored:
            old = cached[1]
        else:
            old = [
                str(r[0])
                for r in self._db.execute(
                    "SELECT article_id FROM story_articles WHERE story_id=? ORDER BY position", (story.id,)
                )
            ]
        kept = len(old)
        # Extending the stored list by the new tail and comparing whole lists costs one comparison in C,
        # mostly of identical string objects, and no copy of the members: microseconds for thousands of
        # them. Any list that does not extend the stored one (reordered, shrunk) is rewritten whole.
        old.extend(new[kept:])
        if old == new:
            members, start = old, kept
        else:
            self._db.execute("DELETE FROM story_articles WHERE story_id=?", (story.id,))
            members, start = list(new), 0
        self._db.executemany(
            "INSERT INTO story_articles VALUES (?,?,?)",
            [(story.id, a, i) for i, a in enumerate(members[start:], start)],
        )
        return members

    def get_story(self, story_id: str) -> Story:
        row = self._db.execute(
            "SELECT id, title, created, updated FROM stories WHERE id=?", (story_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no story {story_id!r} in {self.path}")
        return self._story(row)

    def list_stories(self) -> list[Story]:
        rows = self._db.execute("SELECT id, title, created, updated FROM stories ORDER BY seq").fetchall()
        return [self._story(r) for r in rows]

    def _story(self, row: Any) -> Story:
        ids = [
            str(r[0])
            for r in self._db.execute(
                "SELECT article_id FROM story_articles WHERE story_id=? ORDER BY position", (row[0],)
            )
        ]
        return Story(id=row[0], title=row[1], article_ids=ids, created=row[2], updated=row[3])

    def story_history(self, story_id: str) -> list[Json]:
        return [
            {"at": at, "event": event, "reason": reason}
            for at, event, reason in self._db.execute(
                "SELECT at, event, reason FROM story_history WHERE story_id=? ORDER BY seq", (story_id,)
            )
        ]

    def story_of(self, article_id: str) -> str | None:
        row = self._db.execute(
            "SELECT story_id FROM story_articles WHERE article_id=? ORDER BY story_id LIMIT 1", (article_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def put_story_index(self, story_id: str, meta: Json, vectors: Mapping[str, bytes]) -> None:
        with self._lock:
            self._begin()
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO story_index VALUES (?,?)",
                    (story_id, json.dumps(meta, ensure_ascii=False, sort_keys=True)),
                )
                self._db.execute("DELETE FROM story_vectors WHERE story_id=?", (story_id,))
                self._db.executemany(
                    "INSERT INTO story_vectors VALUES (?,?,?)",
                    [(story_id, space, bytes(v)) for space, v in sorted(vectors.items())],
                )
                self._commit()
            except BaseException:
                self._rollback()
                raise

    def iter_story_index(self) -> Iterator[tuple[str, Json, dict[str, bytes]]]:
        vectors: dict[str, dict[str, bytes]] = {}
        for story_id, space, blob in self._db.execute("SELECT story_id, space, vector FROM story_vectors"):
            vectors.setdefault(str(story_id), {})[str(space)] = bytes(blob)
        rows = self._db.execute(
            "SELECT i.story_id, i.meta FROM story_index i JOIN stories s ON s.id = i.story_id ORDER BY s.seq"
        ).fetchall()
        for story_id, meta in rows:
            yield str(story_id), _loads(meta), vectors.get(str(story_id), {})

    # -- search ---------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[str]:
        # Quote every term: user text must never be parsed as FTS5 syntax.
        terms = [t for t in re.findall(r"\w+", query, flags=re.UNICODE)]
        if not terms:
            return []
        match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        rows = self._db.execute(
            "SELECT a.id FROM articles_fts f JOIN articles a ON a.seq = f.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _loads(data: str) -> Json:
    value = json.loads(data)
    if not isinstance(value, dict):
        raise StoreError("corrupt annotation: not a JSON object")
    return value


def _row_to_article(row: Any) -> Article:
    (
        aid,
        chash,
        origin,
        title,
        outlet,
        url,
        published,
        author,
        fmt,
        language,
        dup,
        raw,
        text,
        omap,
        removed,
        meta,
    ) = row
    return Article(
        id=aid,
        raw=raw,
        origin=origin,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        author=author,
        fmt=fmt,
        content_hash=chash,
        text=text,
        offset_map=OffsetMap.from_json(json.loads(omap)),
        removed=[Removed(a, b, r) for a, b, r in json.loads(removed)],
        language=language,
        duplicate_of=dup,
        meta=json.loads(meta),
    )
