from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from ingest_samples import BRIDGE_PARAS, BRIDGE_TITLE, FLOOD_PARAS, FLOOD_TITLE, html_page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyscope.ingest.warc import read_warc
from storyscope.models import Article, IngestError

CAPTURED = "2023-05-12T10:15:00Z"


def response(
    writer: WARCWriter, url: str, body: bytes, ctype: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": CAPTURED},
    )
    writer.write_record(record)


def build_warc(path: Path, gz: bool) -> None:
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "tests"}))  # 1
        request = StatusAndHeaders(
            "GET /bridge HTTP/1.1", [("Host", "norrvik.example")], is_http_request=True
        )
        w.write_record(
            w.create_warc_record("https://norrvik.example/bridge", "request", http_headers=request)
        )  # 2
        response(w, "https://www.norrvik.example/local/harbour-bridge", html_page().encode())  # 3
        response(w, "https://norrvik.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(40), "image/png")  # 4
        response(w, "https://norrvik.example/missing", html_page().encode(), status="404 Not Found")  # 5
        meta = b"outlinks: https://norrvik.example/"
        w.write_record(
            w.create_warc_record(
                "https://norrvik.example/bridge", "metadata", payload=io.BytesIO(meta), length=len(meta)
            )
        )  # 6
        undated = html_page(FLOOD_TITLE, FLOOD_PARAS, date=None, sitename=None, charset="windows-1252")
        response(w, "https://lakemark.example/flood", undated.encode("cp1252"), "text/html")  # 7
        response(w, "https://lakemark.example/empty", b"<html><body><script>x()</script></body></html>")  # 8
        response(w, "https://lakemark.example/big", b"<p>" + b"long words " * 2_000 + b"</p>")  # 9


@pytest.mark.parametrize("gz", [False, True])
def test_html_responses_become_articles(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    build_warc(path, gz)
    items = list(read_warc(path, str(path), 10_000))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [a.origin for a in articles] == [f"{path}#3", f"{path}#7"]
    bridge, flood = articles
    assert bridge.title == BRIDGE_TITLE and all(p in bridge.raw for p in BRIDGE_PARAS)
    assert bridge.url == "https://www.norrvik.example/local/harbour-bridge"
    assert bridge.outlet == "norrvik.example"
    assert bridge.published == "2023-05-08"  # the page's own date
    assert bridge.fmt == "warc" and bridge.id.startswith("harbour-bridge-")
    assert bridge.meta["warc_date"] == CAPTURED
    assert flood.published == "2023-05-12"  # no date on the page: the capture date
    assert FLOOD_PARAS[1] in flood.raw
    assert [(e.input, e.reason) for e in errors] == [
        (f"{path}#8", "no article text found in the page"),
        (f"{path}#9", "larger than 10 kB limit (22 kB)"),  # the page, not the record
    ]


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("These are just words, not an archive.\n")
    [error] = read_warc(path, "fake.warc", 10**6)
    assert isinstance(error, IngestError) and error.input == "fake.warc"
    assert error.reason == "not a WARC file"


def test_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    build_warc(path, gz=False)
    data = path.read_bytes()
    path.write_bytes(data[: data.index(FLOOD_PARAS[1].encode("cp1252"))])  # cut inside record 7
    items = list(read_warc(path, "cut.warc", 10**6))
    assert isinstance(items[0], Article) and items[0].origin == "cut.warc#3"
    assert items[1:] == [IngestError("cut.warc#7", "truncated WARC record")]


def test_a_record_warcio_cannot_parse_is_reported_after_the_earlier_pages(tmp_path: Path) -> None:
    path = tmp_path / "odd.warc"
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=False)
        response(w, "https://www.norrvik.example/local/harbour-bridge", html_page().encode())  # 1
    # A response record without WARC-Target-URI: warcio itself fails on it (AttributeError).
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Orphan page.</p>"
    head = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: %d\r\n\r\n" % len(body)
    with path.open("ab") as f:
        f.write(head + body + b"\r\n\r\n")  # 2
    items = list(read_warc(path, "odd.warc", 10**6))
    assert isinstance(items[0], Article) and items[0].origin == "odd.warc#1"
    [error] = items[1:]
    assert isinstance(error, IngestError) and error.input == "odd.warc#2"
    assert error.reason.startswith("truncated or corrupt WARC: a record warcio cannot parse")


def test_missing_warc(tmp_path: Path) -> None:
    assert list(read_warc(tmp_path / "none.warc", "none.warc", 10**6)) == [
        IngestError("none.warc", "no such file or directory")
    ]


def test_archive_without_pages_yields_nothing(tmp_path: Path) -> None:
    path = tmp_path / "assets.warc.gz"
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=True)
        response(w, "https://norrvik.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(40), "image/png")
        response(w, "https://norrvik.example/app.js", b"console.log(1)", "application/javascript")
    with gzip.open(path) as g:
        assert g.read(5) == b"WARC/"
    assert list(read_warc(path, "assets.warc.gz", 10**6)) == []
