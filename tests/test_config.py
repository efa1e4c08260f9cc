import pytest

from storyscope.config import SETTINGS, Config


def test_defaults_env_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Config.load().max_bytes == 5_000_000
    monkeypatch.setenv("STORYSCOPE_MAX_BYTES", "1000")
    monkeypatch.setenv("STORYSCOPE_DB", "x.db")
    cfg = Config.load(db="y.db", summary_words=None)
    assert (cfg.max_bytes, cfg.db, cfg.summary_words) == (1000, "y.db", 150)


def test_settings_table_matches_config() -> None:
    assert [s.name for s in SETTINGS] == list(Config.__dataclass_fields__)
    assert all(s.help for s in SETTINGS)
