"""Web archives (``.warc``, ``.warc.gz``): one article per archived HTML page, streamed record by record.

Only HTML ``response`` (and ``resource``) records with a 2xx status become articles; requests,
metadata, redirects and non-HTML payloads are skipped silently, as they are not articles. The URL
comes from ``WARC-Target-URI``; the date from the page, else from ``WARC-Date`` (the capture day).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from storyscope.errors import InputError
from storyscope.ingest.dates import normalize_date
from storyscope.ingest.decode import decode_bytes, too_large
from storyscope.ingest.fetch import HTML_TYPES
from storyscope.ingest.html import extract_html
from storyscope.ingest.naming import host_of, id_from_url
from storyscope.ingest.textfile import os_reason
from storyscope.models import Article, IngestError

_CHUNK = 1 << 16


def _content_type(record: Any) -> tuple[str, str | None]:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = (headers.get_header("Content-Type") or "") if headers is not None else ""
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _is_article_record(record: Any) -> bool:
    if record.rec_type == "response":
        if record.http_headers is None:
            return False  # e.g. a DNS response: no HTTP, no page
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return False
    elif record.rec_type != "resource":
        return False
    return _content_type(record)[0] in HTML_TYPES


def _record_article(record: Any, origin: str, max_bytes: int) -> Article:
    stream = record.content_stream()
    body = stream.read(max_bytes + 1)
    if len(body) > max_bytes:
        # Count the rest without keeping it, to say how large the page is.
        size = len(body)
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
        raise InputError(origin, too_large(size, max_bytes))
    if getattr(record.raw_stream, "limit", 0) > 0:
        # warcio stops quietly at the end of a cut-off file; the record's length says it was cut.
        raise InputError(origin, "truncated WARC record")
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    html = decode_bytes(body, origin, _content_type(record)[1], sniff_markup=True)
    found = extract_html(html, url)
    if found is None:
        raise InputError(origin, "no article text found in the page")
    meta = dict(found.meta)
    warc_date = record.rec_headers.get_header("WARC-Date")
    if warc_date:
        meta["warc_date"] = warc_date
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    if record_id:
        meta["warc_record_id"] = record_id
    return Article(
        id=id_from_url(url) if url else f"warc-{origin.rsplit('#', 1)[-1]}",
        raw=found.text,
        origin=origin,
        title=found.title,
        outlet=(host_of(url) if url else None) or found.sitename,
        url=url,
        published=found.published or normalize_date(warc_date),
        author=found.author,
        fmt="warc",
        meta=meta,
    )


def _starts_like_warc(f: BinaryIO) -> bool:
    """Whether the (possibly gzipped) file starts with a WARC (or old ARC) header; rewinds ``f``."""
    head = f.read(512)
    f.seek(0)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=f) as gz:
                head = gz.read(16)
        except (OSError, EOFError):
            return False
        finally:
            f.seek(0)
    return head.startswith((b"WARC/", b"filedesc://"))


def _parsed(records: Iterable[Any]) -> Iterator[Any]:
    """warcio's records; its own slips on a malformed record (a response without a target URI raises
    AttributeError inside it) become the ValueError of a corrupt archive."""
    it = iter(records)
    while True:
        try:
            record = next(it)
        except StopIteration:
            return
        except (AttributeError, TypeError, KeyError, IndexError) as e:
            raise ValueError(f"a record warcio cannot parse ({type(e).__name__}: {e})") from e
        yield record


def read_warc(path: Path, source: str, max_bytes: int) -> Iterator[Article | IngestError]:
    """One article (or error) per HTML page archived in ``path``; origins are ``source#n`` with
    ``n`` the record's position in the file (counting every record)."""
    # Imported here, not at start-up: most ingests read no web archive.
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        f = path.open("rb")
    except OSError as e:
        yield IngestError(source, os_reason(e))
        return
    with f:
        if not _starts_like_warc(f):
            yield IngestError(source, "not a WARC file")
            return
        n = 0
        try:
            for record in _parsed(ArchiveIterator(f)):
                n += 1
                if not _is_article_record(record):
                    continue
                origin = f"{source}#{n}"
                try:
                    yield _record_article(record, origin, max_bytes)
                except InputError as e:
                    yield IngestError(e.input, e.reason)
        except ArchiveLoadFailed as e:
            where = f"{source}#{n + 1}" if n else source
            yield IngestError(where, f"not a readable WARC file: {str(e).splitlines()[0].strip()}")
        except (OSError, EOFError, ValueError) as e:
            # A truncated .warc.gz: keep the records read so far, report where it broke.
            yield IngestError(f"{source}#{n + 1}", f"truncated or corrupt WARC: {e}")
