"""A local HTTP server for fetch/feed/input tests: 127.0.0.1, port 0, never the real internet."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ingest_samples import BRIDGE_PARAS, FLOOD_PARAS, FLOOD_TITLE, html_page, rss_feed, text_article

HUGE_BYTES = 20_000_000


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    stream: int = 0
    """Send this many bytes in chunks, without a Content-Length (the body is ignored)."""
    delay: float = 0.0


@dataclass
class WebServer:
    base: str
    routes: dict[str, Route]
    sent: dict[str, int]

    def url(self, path: str) -> str:
        return self.base + path


def _routes(base: str) -> dict[str, Route]:
    feed = rss_feed(
        [
            {
                "title": "Harbour bridge opens",
                "link": base + "/article.html",
                "description": "The bridge opened on Monday...",
                "pubDate": "Mon, 08 May 2023 07:00:00 GMT",
            },
            {
                "title": FLOOD_TITLE,
                "link": base + "/flood.html",
                "content": "".join(f"<p>{p}</p>" for p in FLOOD_PARAS),
                "pubDate": "Thu, 11 May 2023 16:20:00 GMT",
            },
        ]
    )
    latin = html_page(charset=None).replace("Jonas Berg", "Jonas Bergström").encode("latin-1", "replace")
    return {
        "/article.html": Route(body=html_page().encode()),
        "/local/2023/05/harbour-bridge-opens.html": Route(body=html_page().encode()),
        "/flood.html": Route(body=html_page(FLOOD_TITLE, FLOOD_PARAS, date="2023-05-11").encode()),
        "/latin1.html": Route(body=latin, content_type="text/html; charset=iso-8859-1"),
        "/plain.txt": Route(body=text_article().encode(), content_type="text/plain; charset=utf-8"),
        "/feed.xml": Route(body=feed.encode(), content_type="application/rss+xml"),
        "/feed-as-xml": Route(body=feed.encode(), content_type="text/xml"),
        "/redirect": Route(status=302, headers={"Location": "/article.html"}),
        "/loop": Route(status=302, headers={"Location": "/loop"}),
        "/huge": Route(stream=HUGE_BYTES),
        "/huge-declared": Route(body=b"<p>x</p>", headers={"Content-Length-Override": str(HUGE_BYTES)}),
        "/report.pdf": Route(body=b"%PDF-1.7\n" + bytes(range(256)) * 20, content_type="application/pdf"),
        "/octet": Route(body=b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="application/octet-stream"),
        "/slow": Route(body=html_page().encode(), delay=2.0),
        "/paras": Route(body=" ".join(BRIDGE_PARAS).encode(), content_type=None),
    }


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route]
    sent: dict[str, int]

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean

    def do_GET(self) -> None:
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        if route.delay:
            time.sleep(route.delay)
        self.send_response(route.status)
        for key, value in route.headers.items():
            if key != "Content-Length-Override":
                self.send_header(key, value)
        if route.content_type:
            self.send_header("Content-Type", route.content_type)
        sent = 0
        try:
            if route.stream:
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<p>" + b"a" * 65_530 + b"</p>\n"
                while sent < route.stream:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            else:
                length = route.headers.get("Content-Length-Override", str(len(route.body)))
                self.send_header("Content-Length", length)
                self.end_headers()
                self.wfile.write(route.body)
                sent = len(route.body)
        except OSError:
            pass  # the client hung up (as it should on an oversized body)
        finally:
            self.sent[self.path] = sent
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # client disconnects are expected in these tests


@contextmanager
def serve() -> Iterator[WebServer]:
    """Run the server in a thread for the duration of the block."""
    handler: type[_Handler] = type("Handler", (_Handler,), {"routes": {}, "sent": {}})
    server = _Server(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    handler.routes.update(_routes(base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield WebServer(base, handler.routes, handler.sent)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
