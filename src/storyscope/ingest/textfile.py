"""Plain-text articles: the first non-empty line is the headline, the whole text is ``raw``."""

from __future__ import annotations

from pathlib import Path

from storyscope.errors import InputError
from storyscope.ingest.decode import check_size, decode_bytes
from storyscope.models import Article

# A headline longer than this is a paragraph that happens to come first, not a headline.
_MAX_TITLE_CHARS = 300


def headline(text: str) -> str:
    """The first non-empty line of ``text``, stripped ("" when it is too long to be a headline)."""
    for line in text.split("\n", 50):
        line = line.strip()
        if line:
            return line if len(line) <= _MAX_TITLE_CHARS else ""
    return ""


def article_from_text(
    text: str,
    id: str,
    origin: str,
    fmt: str = "txt",
    *,
    url: str | None = None,
    outlet: str | None = None,
    meta: dict[str, object] | None = None,
) -> Article:
    """An :class:`Article` whose raw text is ``text`` and whose title is its first line."""
    return Article(
        id=id, raw=text, origin=origin, title=headline(text), fmt=fmt, url=url, outlet=outlet, meta=meta or {}
    )


def read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing before reading when its size is over ``max_bytes``.

    File-system errors become :class:`InputError` with a short reason.
    """
    try:
        size = path.stat().st_size
        check_size(source, size, max_bytes)
        with path.open("rb") as f:
            # Read one byte past the limit: a file that grew after stat() is still refused.
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise InputError(source, os_reason(e)) from e
    check_size(source, len(data), max_bytes)
    return data


def os_reason(e: OSError) -> str:
    """A one-line reason for a file-system error (``no such file or directory``, ...)."""
    if isinstance(e, FileNotFoundError):
        return "no such file or directory"
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    return (e.strerror or type(e).__name__).lower()


def read_text_file(path: Path, source: str, id: str, max_bytes: int) -> Article:
    """Read a ``.txt`` article; raise :class:`InputError` for unreadable, binary or empty files."""
    text = decode_bytes(read_bytes(path, source, max_bytes), source)
    return article_from_text(text, id, source)
