"""Fixtures for ingest tests: a local HTTP server and a port where nothing listens."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest
from ingest_server import WebServer, serve


@pytest.fixture(scope="session")
def web() -> Iterator[WebServer]:
    """A local server with pages, a feed, redirects, a huge body, a binary, a 404 and a slow page."""
    with serve() as server:
        yield server


@pytest.fixture
def closed_port_url() -> Callable[[str], str]:
    """A URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def url(path: str = "/") -> str:
        return f"http://127.0.0.1:{port}{path}"

    return url
