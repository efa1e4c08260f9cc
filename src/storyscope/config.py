"""Settings: one table of name, default and help; overridden by environment, then by the CLI.

Environment variables are ``STORYSCOPE_<NAME>`` in upper case. ``storyscope settings`` prints the table,
and a docs test checks that every setting is documented in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Config:
    db: str = _setting("storyscope.db", "SQLite database used by ingest, stories and serve")
    max_bytes: int = _setting(5_000_000, "largest input (file, URL body, record) accepted, in bytes")
    fetch_timeout: float = _setting(15.0, "seconds before fetching a URL gives up")
    fetch_max_redirects: int = _setting(5, "redirects followed when fetching a URL")
    dedupe_threshold: float = _setting(0.5, "MinHash Jaccard at which an article is a copy of another")
    summary_words: int = _setting(150, "target length of a story summary, in words")
    workers: int = _setting(0, "processes that read and clean articles during ingest (0: one per CPU core)")

    @classmethod
    def load(cls, **overrides: Any) -> Config:
        """Defaults, then ``STORYSCOPE_*`` environment variables, then the non-None ``overrides``."""
        cfg_defaults = cls()
        env: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(f"STORYSCOPE_{f.name.upper()}")
            if raw is not None:
                env[f.name] = type(getattr(cfg_defaults, f.name))(raw)
        cfg = replace(cfg_defaults, **env)
        return replace(cfg, **{k: v for k, v in overrides.items() if v is not None})


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = tuple(Setting(f.name, f.default, f.metadata["help"]) for f in fields(Config))
