"""RSS and Atom feeds: one article per entry, fetching the entry's page when the feed has only a summary.

An entry "holds the article" when its full content (``content:encoded``, Atom ``<content>``) or an
RSS ``<description>`` is long enough and does not end in a "read more" cut; otherwise the linked page
is fetched and extracted, with the feed's title, date and author kept over the page's. When that
fetch fails the summary is kept (flagged ``meta["summary_only"]``) rather than losing the entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from storyscope.errors import InputError
from storyscope.ingest.dates import normalize_date
from storyscope.ingest.html import html_to_text
from storyscope.ingest.naming import host_of, id_from_title
from storyscope.models import Article, IngestError

PageFetcher = Callable[[str, str], Article]
"""``(url, origin) -> Article``: fetches an entry's page, raising InputError on failure."""

# Shorter than this, an entry's text is a teaser and the page is fetched instead.
SUMMARY_CHARS = 400
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<html[\s>]", re.IGNORECASE)
_TRUNCATED = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\]|read more|continue reading|more »)\s*$", re.IGNORECASE)


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` has an RSS, Atom or RDF root element near its start (and is not an HTML page)."""
    head = data[:4096]
    m = _FEED_ROOT.search(head)
    if m is None:
        return False
    html = _HTML_ROOT.search(head)
    return html is None or html.start() > m.start()


def _raw(d: Any, key: str) -> Any:
    # dict.get bypasses FeedParserDict's key aliases, some of which warn (updated -> published).
    return dict.get(d, key) if isinstance(d, dict) else None


def _as_text(detail: Any) -> str:
    if not isinstance(detail, dict):
        return ""
    value = str(detail.get("value") or "")
    kind = str(detail.get("type") or "")
    if "html" in kind or "<" in value:
        return html_to_text(f"<html><body>{value}</body></html>")
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", value.replace("\r\n", "\n")) if p.strip())


def _malformed(parsed: Any) -> str:
    exc = _raw(parsed, "bozo_exception")
    if exc is None:
        return "malformed feed: no RSS or Atom elements"
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
    return f"malformed feed: {message}" + (f" (line {line})" if line else "")


def _usable(entry: Any) -> bool:
    return bool(_raw(entry, "link") or _raw(entry, "content") or _raw(entry, "summary"))


def read_feed(
    data: bytes, source: str, fetch_page: PageFetcher | None = None
) -> Iterator[Article | IngestError]:
    """One article (or error) per entry of the feed in ``data``; origins are ``source#n``.

    Raises :class:`InputError` when ``data`` is not a feed at all (or has no entries).
    """
    import feedparser  # here, not at start-up: most ingests hold no feed

    # Harmless complaints: the feed parsed, feedparser just disagrees with its declared encoding/type.
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    parsed = feedparser.parse(data)
    entries = list(parsed.entries)
    bozo = bool(parsed.bozo) and not isinstance(_raw(parsed, "bozo_exception"), benign)
    if not parsed.version and not entries:
        raise InputError(source, _malformed(parsed))
    if bozo and not any(_usable(e) for e in entries):
        raise InputError(source, _malformed(parsed))
    if not entries:
        raise InputError(source, "feed has no entries")
    feed = parsed.feed
    feed_title = " ".join(str(_raw(feed, "title") or "").split()) or None
    is_atom = str(parsed.version).startswith("atom")
    for n, entry in enumerate(entries, 1):
        origin = f"{source}#{n}"
        try:
            yield _entry_article(entry, origin, feed_title, is_atom, fetch_page)
        except InputError as e:
            yield IngestError(e.input, e.reason)


def _entry_article(
    entry: Any, origin: str, feed_title: str | None, is_atom: bool, fetch_page: PageFetcher | None
) -> Article:
    title = " ".join(str(_raw(entry, "title") or "").split())
    link = str(_raw(entry, "link") or "").strip() or None
    contents = [_as_text(c) for c in (_raw(entry, "content") or [])]
    content = max(contents, key=len, default="")
    summary = _as_text(_raw(entry, "summary_detail"))
    # Atom's <summary> says "this is a summary"; RSS <description> may hold the whole article.
    text, full = (content, True) if content else (summary, not is_atom)
    if len(text) < SUMMARY_CHARS or _TRUNCATED.search(text):
        full = False
    source = _raw(entry, "source")
    outlet = (
        " ".join(str(_raw(source, "title") or "").split()) or feed_title or (host_of(link) if link else None)
    )
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed", "published", "updated"):
        published = normalize_date(_raw(entry, key))
        if published:
            break
    tags = [str(t.get("term")) for t in (_raw(entry, "tags") or []) if isinstance(t, dict) and t.get("term")]
    meta: dict[str, Any] = {}
    if tags:
        meta["tags"] = tags
    if feed_title:
        meta["feed_title"] = feed_title
    guid = _raw(entry, "id")
    if guid:
        meta["guid"] = str(guid)
    if summary and summary != text:
        meta["description"] = summary
    author = " ".join(str(_raw(entry, "author") or "").split()) or None
    if not full and link and link.startswith(("http://", "https://")) and fetch_page is not None:
        try:
            page = fetch_page(link, origin)
        except InputError as e:
            meta["fetch_error"] = e.reason
        else:
            page.id = id_from_title(title or page.title, link)
            page.title = title or page.title
            page.outlet = outlet or page.outlet
            page.published = published or page.published
            page.author = author or page.author
            page.fmt = "feed"
            page.meta = {**page.meta, **meta}
            return page
    if not text.strip():
        raise InputError(origin, meta.get("fetch_error", "feed entry has no text and no link to fetch"))
    if not full:
        meta["summary_only"] = True
    return Article(
        id=id_from_title(title or text[:80], link or str(guid or "") or text),
        raw=text,
        origin=origin,
        title=title,
        outlet=outlet,
        url=link,
        published=published,
        author=author,
        fmt="feed",
        meta=meta,
    )
