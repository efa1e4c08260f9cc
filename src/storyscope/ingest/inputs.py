"""Dispatch: every input spec (file, directory, URL, ``-``) to the reader for its kind.

What a spec is decides the reader: ``-`` is stdin; ``http(s)://`` is a URL (a page or a feed, by
content type); a directory is walked recursively in sorted order; a file is read by its extension.
In a directory, hidden files and unknown extensions are skipped silently; named explicitly, an unknown
extension is an error. Every failure becomes an :class:`IngestError` yielded in place.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import IO

from storyscope.config import Config
from storyscope.errors import InputError
from storyscope.ingest.decode import check_size, decode_bytes
from storyscope.ingest.feeds import looks_like_feed, read_feed
from storyscope.ingest.fetch import FEED_TYPES, Fetcher, looks_like_html, page_article
from storyscope.ingest.html import article_from_html
from storyscope.ingest.naming import UniqueIds
from storyscope.ingest.parallel import Deferred, OrderedReader, SideJobs, Then, error_for, same, worker_count
from storyscope.ingest.records import read_json, read_jsonl, read_records_file
from storyscope.ingest.textfile import article_from_text, os_reason, read_bytes
from storyscope.ingest.warc import read_warc
from storyscope.models import Article, IngestError

Item = Article | IngestError
# What readers produce before the HTML reads put off for the worker pool have run.
Pending = Item | Deferred

TEXT_EXTENSIONS = frozenset({".txt", ".text"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
RECORD_EXTENSIONS = frozenset({".json", ".jsonl", ".ndjson"})
FEED_EXTENSIONS = frozenset({".rss", ".atom", ".xml"})
WARC_EXTENSIONS = frozenset({".warc", ".warc.gz"})
_KNOWN = ", ".join(
    sorted(TEXT_EXTENSIONS | HTML_EXTENSIONS | RECORD_EXTENSIONS | FEED_EXTENSIONS | WARC_EXTENSIONS)
)
STDIN = "stdin"


def read_inputs(
    specs: Iterable[str],
    config: Config,
    then: Then = same,
    setup: Callable[[], None] | None = None,
    side: SideJobs | None = None,
) -> Iterator[Item]:
    """Yield an :class:`Article` per document found in ``specs``, or an :class:`IngestError` per input
    (or record) that could not be read; one bad input never stops the others.

    Ids are unique within the run: a repeated id gets ``-2``, ``-3``, ... in input order. Local HTML
    files are read, and every article passed through ``then`` (which may turn it into an error), on
    ``config.workers`` processes when there are many (each runs ``setup`` as it starts, and ``side``
    takes the caller's own jobs for them); the order stays the inputs'.
    """
    ids = UniqueIds()
    with Fetcher(config) as fetcher, OrderedReader(worker_count(config.workers), then, setup, side) as reader:
        pending = (item for spec in specs for item in read_spec(spec, config, fetcher))
        for item in reader.resolve(pending):
            if isinstance(item, Article):
                item.id = ids.claim(item.id)
            yield item


def read_spec(spec: str, config: Config, fetcher: Fetcher) -> Iterator[Pending]:
    """The items of one input spec (ids not yet made unique across specs)."""
    if spec == "-":
        return _guard(STDIN, lambda: read_stdin(sys.stdin.buffer, config, fetcher))
    if spec.lower().startswith(("http://", "https://")):
        return _guard(spec, lambda: read_url(spec, fetcher))
    path = Path(spec)
    if path.is_dir():
        return _read_directory(path, spec, config, fetcher)
    return _guard(spec, lambda: read_file(path, spec, config, fetcher, explicit=True))


def _guard(source: str, produce: Callable[[], Iterable[Pending]]) -> Iterator[Pending]:
    """Run a reader, turning whatever it raises into an :class:`IngestError` for ``source``."""
    try:
        yield from produce()
    except Exception as e:  # a reader bug or a library surprise must not end the batch
        yield error_for(source, e)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the read reports why


def _extension(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith(".warc.gz"):
        return ".warc.gz"
    return os.path.splitext(lowered)[1]


def _stem(name: str) -> str:
    return name[: -len(".warc.gz")] if name.lower().endswith(".warc.gz") else os.path.splitext(name)[0]


def _read_directory(root: Path, spec: str, config: Config, fetcher: Fetcher) -> Iterator[Pending]:
    seen: set[tuple[int, int]] = set()

    def walk(directory: Path, shown: str) -> Iterator[Pending]:
        try:
            st = directory.stat()
            if (st.st_dev, st.st_ino) in seen:
                return  # a symlink loop
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as e:
            yield IngestError(shown, os_reason(e))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path, child = Path(entry.path), os.path.join(shown, entry.name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(path, child)
            elif _extension(entry.name) in _ALL_EXTENSIONS:
                yield from _guard(child, partial(read_file, path, child, config, fetcher, explicit=False))

    yield from walk(root, spec)


def read_file(
    path: Path, source: str, config: Config, fetcher: Fetcher, *, explicit: bool
) -> Iterator[Pending]:
    """The items of one file, by extension. ``explicit`` (named on the command line rather than found
    in a directory) makes an unknown extension or a non-feed ``.xml`` an error instead of a skip.
    An HTML or text file is a :class:`Deferred` read, for :class:`OrderedReader` to run."""
    ext = _extension(path.name)
    max_bytes = config.max_bytes
    if ext in TEXT_EXTENSIONS:
        yield Deferred(path, source, _stem(path.name), max_bytes, html=False, size=_size(path))
    elif ext in HTML_EXTENSIONS:
        yield Deferred(path, source, _stem(path.name), max_bytes)
    elif ext in RECORD_EXTENSIONS:
        yield from read_records_file(path, source, max_bytes)
    elif ext in WARC_EXTENSIONS:
        yield from read_warc(path, source, max_bytes)
    elif ext in FEED_EXTENSIONS:
        data = read_bytes(path, source, max_bytes)
        if ext == ".xml" and not looks_like_feed(data):
            if explicit:
                raise InputError(source, "XML file is not an RSS or Atom feed")
            return
        yield from read_feed(data, source, fetcher.page)
    elif explicit and ext == "":
        with path.open("rb") as f:
            yield from read_stream(f, source, _stem(path.name), config, fetcher)
    elif explicit:
        if not path.exists():
            raise InputError(source, "no such file or directory")
        raise InputError(source, f"unsupported file type {ext!r} (expected one of {_KNOWN})")


_ALL_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | RECORD_EXTENSIONS | FEED_EXTENSIONS | WARC_EXTENSIONS


def read_url(url: str, fetcher: Fetcher) -> Iterator[Item]:
    """The article at ``url``, or one per entry when it serves a feed."""
    fetched = fetcher.get(url)
    # Servers label feeds every which way (text/xml, text/html, none): the root element decides.
    if fetched.media_type in FEED_TYPES or looks_like_feed(fetched.body):
        yield from read_feed(fetched.body, url, fetcher.page)
    else:
        yield page_article(fetched, url, url)


def read_stdin(stream: IO[bytes], config: Config, fetcher: Fetcher) -> Iterator[Item]:
    """Articles from standard input: JSON Lines, a feed, an HTML page or plain text, by sniffing."""
    return read_stream(stream, STDIN, STDIN, config, fetcher)


def read_stream(stream: IO[bytes], source: str, id: str, config: Config, fetcher: Fetcher) -> Iterator[Item]:
    """Sniff an unnamed byte stream: JSON Lines when its first line is a JSON object (streamed), else a
    feed, an HTML page or plain text (one article with id ``id``)."""
    max_bytes = config.max_bytes
    first = stream.readline(max_bytes + 1)
    if _is_json_object(first):
        yield from read_jsonl(_Prepended(first, stream), source, max_bytes)
        return
    data = first + stream.read(max_bytes + 1 - len(first))
    check_size(source, len(data), max_bytes)
    if data.lstrip().startswith(b"[") and _is_json(data):
        yield from read_json(io.BytesIO(data), source, max_bytes)
    elif looks_like_feed(data):
        yield from read_feed(data, source, fetcher.page)
    elif looks_like_html(data):
        html = decode_bytes(data, source, sniff_markup=True)
        yield article_from_html(html, id, source)
    else:
        yield article_from_text(decode_bytes(data, source), id, source)


def _is_json_object(line: bytes) -> bool:
    stripped = line.removeprefix(b"\xef\xbb\xbf").strip()
    if not (stripped.startswith(b"{") and stripped.endswith(b"}")):
        return False
    try:
        return isinstance(json.loads(stripped), dict)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    return True


class _Prepended:
    """A read-only byte stream: ``head`` then whatever is left of ``rest`` (for sniffed stdin)."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = head, rest

    def readline(self, limit: int = -1) -> bytes:
        if self._head:
            cut = self._head.find(b"\n") + 1 or len(self._head)
            if 0 <= limit < cut:
                cut = limit
            line, self._head = self._head[:cut], self._head[cut:]
            if line.endswith(b"\n") or (0 <= limit <= len(line)):
                return line
            return line + self._rest.readline(-1 if limit < 0 else limit - len(line))
        return self._rest.readline(limit)

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if 0 <= size < len(self._head):
                out, self._head = self._head[:size], self._head[size:]
                return out
            out, self._head = self._head, b""
            return out + self._rest.read(-1 if size < 0 else size - len(out))
        return self._rest.read(size)
