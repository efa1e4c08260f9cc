from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import pytest
from ingest_samples import BRIDGE_PARAS, BRIDGE_TITLE
from ingest_server import HUGE_BYTES, WebServer

from storyscope.config import Config
from storyscope.errors import FetchError, InputError
from storyscope.ingest.fetch import Fetcher, looks_like_html

CONFIG = Config(max_bytes=200_000, fetch_timeout=5.0, fetch_max_redirects=5)


def fetch_error(url: str, config: Config = CONFIG) -> str:
    with Fetcher(config) as fetcher, pytest.raises(FetchError) as e:
        fetcher.get(url)
    assert e.value.input == url
    return e.value.reason


def test_page_becomes_an_article(web: WebServer) -> None:
    url = web.url("/local/2023/05/harbour-bridge-opens.html")
    with Fetcher(CONFIG) as fetcher:
        article = fetcher.page(url)
    assert article.title == BRIDGE_TITLE
    assert all(p in article.raw for p in BRIDGE_PARAS)
    assert article.fmt == "url"
    assert article.outlet == "127.0.0.1"  # the host, not the page's site name
    assert article.meta["sitename"] == "Norrvik Courier"
    assert article.published == "2023-05-08"
    assert article.url == article.origin == url
    assert (
        article.id.startswith("harbour-bridge-opens-") and len(article.id) == len("harbour-bridge-opens-") + 8
    )


def test_redirect_is_followed(web: WebServer) -> None:
    with Fetcher(CONFIG) as fetcher:
        article = fetcher.page(web.url("/redirect"))
    assert article.url == web.url("/article.html")
    assert article.meta["final_url"] == web.url("/article.html")
    assert article.origin == web.url("/redirect")


def test_declared_charset_header_is_honoured(web: WebServer) -> None:
    with Fetcher(CONFIG) as fetcher:
        article = fetcher.page(web.url("/latin1.html"))
    assert article.author == "Jonas Bergström"


def test_plain_text_page(web: WebServer) -> None:
    with Fetcher(CONFIG) as fetcher:
        article = fetcher.page(web.url("/plain.txt"))
    assert article.title == BRIDGE_TITLE and article.raw.startswith(BRIDGE_TITLE)
    assert article.fmt == "url"


def test_untyped_body_is_sniffed(web: WebServer) -> None:
    with Fetcher(CONFIG) as fetcher:
        article = fetcher.page(web.url("/paras"))
    assert article.raw == " ".join(BRIDGE_PARAS)


def test_http_404(web: WebServer) -> None:
    assert fetch_error(web.url("/no-such-page")) == "HTTP 404"


def test_redirect_loop(web: WebServer) -> None:
    assert fetch_error(web.url("/loop")) == "too many redirects (more than 5)"


def test_unreachable(closed_port_url: Callable[[str], str]) -> None:
    assert fetch_error(closed_port_url("/x")) == "unreachable: connection refused"


def test_wrong_content_type(web: WebServer) -> None:
    assert fetch_error(web.url("/report.pdf")) == "unsupported content type application/pdf, not an article"


def test_binary_without_a_type_is_rejected(web: WebServer) -> None:
    with Fetcher(CONFIG) as fetcher, pytest.raises(InputError, match=r"binary file \(looks like PNG\)"):
        fetcher.page(web.url("/octet"))


def test_body_over_the_limit_is_not_downloaded(web: WebServer) -> None:
    started = time.monotonic()
    assert fetch_error(web.url("/huge")) == "larger than 200 kB limit"
    assert time.monotonic() - started < 5
    # The server stops when the client hangs up: it never sends the whole body.
    deadline = time.monotonic() + 3
    while "/huge" not in web.sent and time.monotonic() < deadline:
        time.sleep(0.05)
    assert web.sent.get("/huge", 0) < HUGE_BYTES


def test_declared_length_over_the_limit(web: WebServer) -> None:
    assert fetch_error(web.url("/huge-declared")) == "larger than 200 kB limit (20 MB)"


def test_timeout(web: WebServer) -> None:
    assert fetch_error(web.url("/slow"), replace(CONFIG, fetch_timeout=0.3)) == "timed out after 0.3 s"


def test_invalid_url() -> None:
    assert fetch_error("ftp://example.invalid/file") == "invalid URL"


def test_looks_like_html() -> None:
    assert looks_like_html(b"<!DOCTYPE html><html><body></body></html>")
    assert looks_like_html(b"\n<!-- generated -->\n<html lang='en'>")
    assert looks_like_html(b"<div class='story'><p>One.</p><p>Two.</p></div>")
    assert not looks_like_html(b"Just words, with a <b> tag in the middle.")
    assert not looks_like_html(b'{"title": "json"}')
