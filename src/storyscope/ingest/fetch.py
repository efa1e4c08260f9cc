"""Fetching URLs: redirects and timeout from the config, a streamed size limit, a content-type check.

A :class:`Fetcher` owns one ``httpx.Client`` (one connection pool for a whole run) and turns every
failure into a :class:`~storyscope.errors.FetchError` with a short reason: ``HTTP 404``,
``unreachable: connection refused``, ``too many redirects (more than 5)``, ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

from storyscope.config import Config
from storyscope.errors import FetchError, InputError
from storyscope.ingest.decode import decode_bytes, format_size, too_large
from storyscope.ingest.html import extract_html
from storyscope.ingest.naming import host_of, id_from_url
from storyscope.ingest.textfile import article_from_text
from storyscope.models import Article

if TYPE_CHECKING:
    # httpx is imported where a page is fetched: a run without URLs does not pay for it at start-up.
    import httpx

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
XML_TYPES = frozenset({"application/xml", "text/xml"})
TEXT_TYPES = frozenset({"text/plain"})
# Served when a server does not know or say: the body is sniffed (and binary rejected) instead.
_UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
ACCEPTED_TYPES = HTML_TYPES | FEED_TYPES | XML_TYPES | TEXT_TYPES
_USER_AGENT = "storyscope/0.1 (news briefing tool)"
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
)
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")


@dataclass(frozen=True)
class Fetched:
    """One fetched body and what the server said about it."""

    url: str
    """The final URL, after redirects."""
    media_type: str
    """``text/html``, ``application/rss+xml``, ... lower case, without parameters ("" if unknown)."""
    charset: str | None
    body: bytes


def _media_type(header: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for p in parts[1:]:
        key, _, value = p.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return parts[0].lower(), charset


def _unreachable(e: httpx.TransportError) -> str:
    message = _ERRNO.sub("", str(e)).strip().rstrip(".")
    lowered = message.lower()
    if "refused" in lowered:
        return "unreachable: connection refused"
    if (
        "name or service not known" in lowered
        or "nodename nor servname" in lowered
        or "resolution" in lowered
    ):
        return "unreachable: host not found"
    return f"unreachable: {lowered or type(e).__name__}"


class Fetcher:
    """Fetches pages for one ingest run; use as a context manager or call :meth:`close`."""

    def __init__(self, config: Config, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        self._transport = transport
        self._client: httpx.Client | None = None

    def _get_client(self) -> httpx.Client:
        # Created on first use, so a run without URLs never opens a connection pool.
        if self._client is None:
            import httpx

            self._client = httpx.Client(
                follow_redirects=True,
                max_redirects=self.config.fetch_max_redirects,
                timeout=self.config.fetch_timeout,
                headers={"User-Agent": _USER_AGENT, "Accept": _ACCEPT},
                transport=self._transport,
            )
        return self._client

    def close(self) -> None:
        """Close the connection pool (safe to call twice)."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def get(self, url: str) -> Fetched:
        """The body at ``url``; raise :class:`FetchError` for HTTP errors, unreachable hosts, too
        many redirects, a timeout, a body over ``max_bytes`` or an unsupported content type."""
        import httpx

        max_bytes = self.config.max_bytes
        try:
            with self._get_client().stream("GET", url) as response:
                if not 200 <= response.status_code < 300:  # a redirect left here has no Location
                    raise FetchError(url, f"HTTP {response.status_code}")
                media_type, charset = _media_type(response.headers.get("content-type", ""))
                if media_type not in ACCEPTED_TYPES and media_type not in _UNKNOWN_TYPES:
                    raise FetchError(url, f"unsupported content type {media_type}, not an article")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(url, too_large(int(declared), max_bytes))
                chunks: list[bytes] = []
                received = 0
                for chunk in response.iter_bytes():
                    received += len(chunk)
                    if received > max_bytes:
                        # Stop reading here: the rest of the body is never downloaded.
                        raise FetchError(url, f"larger than {format_size(max_bytes)} limit")
                    chunks.append(chunk)
                return Fetched(str(response.url), media_type, charset, b"".join(chunks))
        except httpx.TooManyRedirects as e:
            raise FetchError(url, f"too many redirects (more than {self.config.fetch_max_redirects})") from e
        except httpx.TimeoutException as e:
            raise FetchError(url, f"timed out after {self.config.fetch_timeout:g} s") from e
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as e:
            raise FetchError(url, "invalid URL") from e
        except httpx.TransportError as e:
            raise FetchError(url, _unreachable(e)) from e
        except httpx.HTTPError as e:
            raise FetchError(url, f"fetch failed: {e}") from e

    def page(self, url: str, origin: str | None = None) -> Article:
        """The article on the HTML or plain-text page at ``url`` (not a feed: see ingest.feeds)."""
        fetched = self.get(url)
        return page_article(fetched, url, origin or url)


def page_article(fetched: Fetched, url: str, origin: str) -> Article:
    """An :class:`Article` from a fetched HTML or plain-text page; ``url`` is the URL asked for.

    The outlet is the host name (stable across an outlet's pages, unlike the site names pages give).
    """
    body = fetched.body
    if fetched.media_type in TEXT_TYPES or (
        fetched.media_type in _UNKNOWN_TYPES and not looks_like_html(body)
    ):
        text = decode_bytes(body, origin, fetched.charset)
        meta: dict[str, object] = {"final_url": fetched.url} if fetched.url != url else {}
        return article_from_text(
            text, id_from_url(url), origin, fmt="url", url=fetched.url, outlet=host_of(fetched.url), meta=meta
        )
    html = decode_bytes(body, origin, fetched.charset, sniff_markup=True)
    found = extract_html(html, fetched.url)
    if found is None:
        raise InputError(origin, "no article text found in the page")
    meta = dict(found.meta)
    if fetched.url != url:
        meta["final_url"] = fetched.url
    return Article(
        id=id_from_url(url),
        raw=found.text,
        origin=origin,
        title=found.title,
        outlet=host_of(fetched.url),
        url=fetched.url,
        published=found.published,
        author=found.author,
        fmt="url",
        meta=meta,
    )


_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|p|div|article|br)\b[^>]*>", re.I)


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` starts like an HTML document (or is text dense with paragraph markup)."""
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith(b"<") and len(_HTML_ANYWHERE.findall(head)) >= 2
