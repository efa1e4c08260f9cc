"""JSON and JSONL records: one article per object, with the field names scrapers commonly use.

``.jsonl`` is read line by line and a ``.json`` array element by element, so memory stays flat however
many records a file holds; ``Config.max_bytes`` limits each record, not the file. A bad record is an
:class:`IngestError` naming ``file#line`` (or ``file#n`` for the n-th array element) and the rest of
the file goes on.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Protocol

from storyscope.errors import InputError
from storyscope.ingest.dates import normalize_date
from storyscope.ingest.decode import too_large
from storyscope.ingest.html import extract_html
from storyscope.ingest.naming import host_of, id_from_title
from storyscope.ingest.textfile import headline, os_reason
from storyscope.models import Article, IngestError

# Accepted names per field, best first; matched case-insensitively.
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "_id", "uid", "doc_id"),
    "title": ("title", "headline", "name"),
    "text": ("text", "content", "body", "article", "maintext", "full_text", "fulltext", "article_text"),
    "html": ("html", "raw_html", "content_html", "body_html", "page"),
    "url": ("url", "link", "uri", "source_url", "canonical_url", "href"),
    "published": (
        "published", "date", "published_at", "publish_date", "pubdate", "pub_date", "date_published",
        "datepublished", "date_publish", "publication_date", "created_at", "timestamp", "time",
    ),
    "outlet": (
        "outlet", "source", "site", "sitename", "site_name", "publisher", "source_name", "domain", "media",
    ),
    "author": ("author", "authors", "byline", "creator"),
}  # fmt: skip
# Keys under which a single JSON object may hold a list of records.
_CONTAINERS = ("articles", "items", "records", "data", "entries", "results", "documents", "docs")
# Metadata strings longer than this are page content, and pages stay out of ``meta``.
_MAX_META_STRING = 1000
_CHUNK = 1 << 16


def _lookup(record: dict[str, Any], field: str) -> tuple[str | None, Any]:
    lowered = {k.lower(): k for k in record if isinstance(k, str)}
    for name in FIELDS[field]:
        key = lowered.get(name)
        if key is not None and record[key] not in (None, "", [], {}):
            return key, record[key]
    return None, None


def _as_text(value: Any) -> str:
    """A string field, or a list of paragraphs joined by blank lines."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(v.strip() for v in value if v.strip())
    return ""


def _as_name(value: Any) -> str | None:
    """A name from a string, a ``{"name": ...}``/``{"title": ...}`` object, or a list of those."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in ("name", "title", "id"):
            if isinstance(value.get(key), str) and value[key].strip():
                return str(value[key]).strip()
        return None
    if isinstance(value, list):
        names = [n for n in (_as_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _meta_value(value: Any) -> Any:
    if isinstance(value, str):
        return value if len(value) <= _MAX_META_STRING else None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return value if sum(len(str(v)) for v in value) <= _MAX_META_STRING else None
    return None


def record_to_article(record: Any, origin: str, max_bytes: int) -> Article:
    """The :class:`Article` in one JSON record; raise :class:`InputError` naming ``origin`` if none."""
    if not isinstance(record, dict):
        raise InputError(origin, f"not a JSON object (got {type(record).__name__})")
    used: set[str] = set()
    values: dict[str, Any] = {}
    for field in FIELDS:
        key, value = _lookup(record, field)
        if key is not None:
            used.add(key)
            values[field] = value
    text = _as_text(values.get("text")).replace("\r\n", "\n").replace("\r", "\n")
    title = values.get("title") if isinstance(values.get("title"), str) else ""
    url = values["url"].strip() if isinstance(values.get("url"), str) else None
    meta: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    if not text.strip() and isinstance(values.get("html"), str):
        found = extract_html(values["html"], url)
        if found is not None:
            text = found.text
            title = title or found.title
            meta.update(found.meta)
            fields = {"author": found.author, "published": found.published, "outlet": found.sitename}
    if not text.strip():
        raise InputError(origin, "record has no text or html")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise InputError(origin, too_large(size, max_bytes))
    title = " ".join(str(title).split()) or headline(text)
    rid = values.get("id")
    if isinstance(rid, str | int) and not isinstance(rid, bool) and str(rid).strip():
        article_id = str(rid).strip()
    else:
        article_id = id_from_title(title or text[:80], url or text)
    for key, value in record.items():
        if key not in used and isinstance(key, str):
            kept = _meta_value(value)
            if kept is not None:
                meta[key] = kept
    return Article(
        id=article_id,
        raw=text,
        origin=origin,
        title=title,
        outlet=_as_name(values.get("outlet")) or fields.get("outlet") or (host_of(url) if url else None),
        url=url,
        published=normalize_date(values.get("published")) or fields.get("published"),
        author=_as_name(values.get("author")) or fields.get("author"),
        fmt="jsonl",
        meta=meta,
    )


def _records(
    values: Iterator[tuple[str, Any | IngestError]], max_bytes: int
) -> Iterator[Article | IngestError]:
    for origin, value in values:
        if isinstance(value, IngestError):
            yield value
            continue
        try:
            yield record_to_article(value, origin, max_bytes)
        except InputError as e:
            yield IngestError(e.input, e.reason)


class LineReader(Protocol):
    """Anything with ``readline(limit)`` over bytes: a binary file, or sniffed stdin."""

    def readline(self, limit: int = -1, /) -> bytes: ...


def read_jsonl(f: LineReader, source: str, max_bytes: int) -> Iterator[Article | IngestError]:
    """One article (or error) per non-blank line of a JSON Lines stream, origins ``source#line``."""
    return _records(_jsonl_values(f, source, max_bytes), max_bytes)


def _jsonl_values(f: LineReader, source: str, max_bytes: int) -> Iterator[tuple[str, Any | IngestError]]:
    lineno = 0
    found = False
    while True:
        # readline with a limit: one giant line must not be read into memory whole.
        line = f.readline(max_bytes + 1)
        if not line:
            if not found:  # said, not skipped: the user meant it to hold articles
                yield source, IngestError(source, "no records (only blank lines)" if lineno else "empty")
            return
        found = found or bool(line.strip())
        lineno += 1
        origin = f"{source}#{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):
                line = f.readline(_CHUNK)
                size += len(line)
            yield origin, IngestError(origin, too_large(size, max_bytes))
            continue
        if lineno == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            yield origin, json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            yield origin, IngestError(origin, "not UTF-8 (JSON must be UTF-8)")
        except json.JSONDecodeError as e:
            yield origin, IngestError(origin, f"malformed JSON: {e.msg} (column {e.colno})")
        except RecursionError:
            yield origin, IngestError(origin, "malformed JSON: nested too deeply")


class _Stream:
    """Incremental JSON values from a text stream, reading more only when a value is cut off."""

    def __init__(self, f: IO[str], source: str, max_bytes: int) -> None:
        self.f, self.source, self.max_bytes = f, source, max_bytes
        self.buf, self.pos, self.eof = "", 0, False
        self.decoder = json.JSONDecoder()

    def _more(self, at_least: int = _CHUNK) -> bool:
        if self.eof:
            return False
        chunk = self.f.read(max(at_least, _CHUNK))
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next non-whitespace character ("" at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek() or "end of file"
            raise InputError(self.source, f"malformed JSON: expected {char!r}, found {found!r}")
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, reading further chunks while it is cut off at the buffer's end."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                # An error near the end of the buffer may just be the chunk ending mid-value.
                cut_off = e.pos >= len(self.buf) - 8 or e.msg.startswith("Unterminated")
                if self.eof or not cut_off:
                    raise InputError(self.source, f"malformed JSON: {e.msg}") from e
            except RecursionError as e:
                raise InputError(self.source, "malformed JSON: nested too deeply") from e
            else:
                # A number that ends exactly at the buffer's end may continue in the next chunk.
                if end < len(self.buf) or self.eof:
                    self.pos = end
                    return value
            pending = len(self.buf) - self.pos
            if pending > self.max_bytes:
                raise InputError(self.source, f"a record is {too_large(pending, self.max_bytes)}")
            self._more(pending)


def read_json(f: IO[bytes], source: str, max_bytes: int) -> Iterator[Article | IngestError]:
    """Articles from a ``.json`` file: an array of records, one record, an object holding a list of
    records under a key such as ``articles``, or (despite the name) JSON Lines."""
    first = f.readline(_CHUNK)
    stripped = first.removeprefix(b"\xef\xbb\xbf").strip()
    if stripped.startswith(b"{") and stripped.endswith(b"}"):
        try:
            json.loads(stripped)
            rest = f.read(_CHUNK).strip()
        except (json.JSONDecodeError, UnicodeDecodeError):
            rest = b""
        if rest:
            f.seek(0)
            yield from read_jsonl(f, source, max_bytes)
            return
    f.seek(0)
    yield from _records(_json_values(f, source, max_bytes), max_bytes)


def _json_values(f: IO[bytes], source: str, max_bytes: int) -> Iterator[tuple[str, Any | IngestError]]:
    text = io.TextIOWrapper(f, encoding="utf-8-sig")
    stream = _Stream(text, source, max_bytes)
    try:
        first = stream.peek()
        if first == "":
            raise InputError(source, "empty")
        if first != "[":
            value = stream.value()
            if stream.peek():
                raise InputError(source, "malformed JSON: extra data after the first value")
            items = _container(value)
            if items is None:
                yield source, value
            elif not items:
                yield source, IngestError(source, "no records (an empty list)")
            else:
                for n, item in enumerate(items, 1):
                    yield f"{source}#{n}", item
            return
        stream.take("[")
        n = 0
        if stream.peek() == "]":
            yield source, IngestError(source, "no records (an empty list)")
            return
        while True:
            n += 1
            yield f"{source}#{n}", stream.value()
            if stream.peek() == "]":
                return
            stream.take(",")
    except UnicodeDecodeError:
        yield source, IngestError(source, "not UTF-8 (JSON must be UTF-8)")
    except InputError as e:
        yield source, IngestError(e.input, e.reason)
    finally:
        text.detach()


def _container(value: Any) -> list[Any] | None:
    if isinstance(value, dict) and _lookup(value, "text")[0] is None and _lookup(value, "html")[0] is None:
        for key in _CONTAINERS:
            if isinstance(value.get(key), list):
                return list(value[key])
    return None


def read_records_file(path: Path, source: str, max_bytes: int) -> Iterator[Article | IngestError]:
    """Articles from a ``.json``/``.jsonl``/``.ndjson`` file, streamed."""
    try:
        f = path.open("rb")
    except OSError as e:
        yield IngestError(source, os_reason(e))
        return
    with f:
        if path.suffix.lower() == ".json":
            yield from read_json(f, source, max_bytes)
        else:
            yield from read_jsonl(f, source, max_bytes)
