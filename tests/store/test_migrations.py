from pathlib import Path

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
