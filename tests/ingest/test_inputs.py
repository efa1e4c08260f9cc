from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_samples import (
    BRIDGE_PARAS,
    BRIDGE_TITLE,
    FLOOD_PARAS,
    FLOOD_TITLE,
    html_page,
    rss_feed,
    text_article,
)
from ingest_server import WebServer

import storyscope.ingest.parallel as parallel_module
from storyscope.config import Config
from storyscope.ingest.inputs import read_inputs
from storyscope.models import Article, IngestError

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SAMPLES = SHARED / "samples" / "putin-tehran-2022"
CONFIG = Config(max_bytes=200_000, fetch_timeout=5.0)


def read(*specs: str, config: Config = CONFIG) -> list[Article | IngestError]:
    return list(read_inputs(specs, config))


def articles(items: list[Article | IngestError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items: list[Article | IngestError]) -> list[tuple[str, str]]:
    return [(i.input, i.reason) for i in items if isinstance(i, IngestError)]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of every file kind, with hidden, unknown and same-stem files."""
    root = tmp_path / "corpus"
    (root / "b-sub").mkdir(parents=True)
    (root / "a-sub" / ".hidden-dir").mkdir(parents=True)
    (root / "bridge.txt").write_text(text_article())
    (root / "b-sub" / "bridge.txt").write_text(text_article(FLOOD_TITLE, FLOOD_PARAS))  # same stem
    (root / "a-sub" / "flood.html").write_text(html_page(FLOOD_TITLE, FLOOD_PARAS, date="2023-05-11"))
    (root / "a-sub" / ".hidden-dir" / "secret.txt").write_text("hidden article\n\nnot to be read")
    (root / ".draft.txt").write_text("a hidden draft\n\nnot to be read")
    (root / "notes.docx").write_bytes(b"PK\x03\x04 not ours")
    (root / "catalog.xml").write_text("<?xml version='1.0'?><catalog><book>A</book></catalog>")
    (root / "records.jsonl").write_text(
        json.dumps({"id": "rec-1", "title": "R", "text": "Record text here."}) + "\n"
    )
    (root / "news.rss").write_text(
        rss_feed([{"title": FLOOD_TITLE, "content": "".join(f"<p>{p}</p>" for p in FLOOD_PARAS)}])
    )
    (root / "empty.txt").write_text("   \n")
    return root


def test_directory_is_walked_in_sorted_order(corpus: Path) -> None:
    items = read(str(corpus))
    origins = [i.origin if isinstance(i, Article) else i.input for i in items]
    assert origins == [
        f"{corpus}/a-sub/flood.html",
        f"{corpus}/b-sub/bridge.txt",
        f"{corpus}/bridge.txt",
        f"{corpus}/empty.txt",
        f"{corpus}/news.rss#1",
        f"{corpus}/records.jsonl#1",
    ]
    assert errors(items) == [(f"{corpus}/empty.txt", "empty")]
    got = {a.origin.removeprefix(str(corpus) + "/"): a for a in articles(items)}
    # Same stem in two folders: the second one met gets "-2", every run.
    assert got["b-sub/bridge.txt"].id == "bridge"
    assert got["bridge.txt"].id == "bridge-2"
    assert got["a-sub/flood.html"].id == "flood" and got["a-sub/flood.html"].fmt == "html"
    assert got["records.jsonl#1"].id == "rec-1"
    assert got["news.rss#1"].fmt == "feed"
    assert [a.id for a in articles(read(str(corpus)))] == [a.id for a in articles(items)]


def test_explicit_files_unknown_extension_and_missing(corpus: Path, tmp_path: Path) -> None:
    items = read(
        str(corpus / "bridge.txt"),
        str(corpus / "notes.docx"),
        str(tmp_path / "missing.txt"),
        str(corpus / "catalog.xml"),
        str(tmp_path / "missing.pdf"),
    )
    assert [a.id for a in articles(items)] == ["bridge"]
    assert errors(items) == [
        (
            str(corpus / "notes.docx"),
            "unsupported file type '.docx' (expected one of .atom, .htm, .html, .json, .jsonl, .ndjson, "
            ".rss, .text, .txt, .warc, .warc.gz, .xhtml, .xml)",
        ),
        (str(tmp_path / "missing.txt"), "no such file or directory"),
        (str(corpus / "catalog.xml"), "XML file is not an RSS or Atom feed"),
        (str(tmp_path / "missing.pdf"), "no such file or directory"),
    ]


def test_directory_named_like_a_file_is_walked(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.txt"
    folder.mkdir()
    (folder / "inner.txt").write_text(text_article())
    assert [a.id for a in articles(read(str(folder)))] == ["inner"]


def test_binary_oversized_and_wrongly_encoded_files(tmp_path: Path) -> None:
    (tmp_path / "photo.html").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100))
    (tmp_path / "big.txt").write_text("word " * 100_000)
    latin = tmp_path / "cafe.txt"
    latin.write_bytes(
        "Café opens on the pier\n\nThe café owner, Zoë, said the crème brûlée sold out.\n".encode("latin-1")
    )
    items = read(str(tmp_path / "photo.html"), str(tmp_path / "big.txt"), str(latin))
    assert errors(items) == [
        (str(tmp_path / "photo.html"), "binary file (looks like JPEG), not an article"),
        (str(tmp_path / "big.txt"), "larger than 200 kB limit (500 kB)"),
    ]
    [cafe] = articles(items)
    assert cafe.title == "Café opens on the pier" and "crème brûlée" in cafe.raw


def test_one_reader_crashing_does_not_stop_the_batch(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> Article:
        raise RuntimeError("parser exploded")

    # HTML reads run through the ordered reader (in this process for a small batch).
    monkeypatch.setattr(parallel_module, "read_html_file", broken)
    items = read(str(corpus / "a-sub" / "flood.html"), str(corpus / "bridge.txt"))
    assert errors(items) == [
        (str(corpus / "a-sub" / "flood.html"), "could not read: RuntimeError: parser exploded")
    ]
    assert [a.id for a in articles(items)] == ["bridge"]


def test_extensionless_file_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "README").write_text(text_article())
    [a] = read(str(tmp_path / "README"))
    assert isinstance(a, Article) and a.id == "README" and a.title == BRIDGE_TITLE


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "fmt", "count"),
    [
        (text_article().encode(), "txt", 1),
        (html_page().encode(), "html", 1),
        (
            b"".join(
                json.dumps({"title": f"T{i}", "text": BRIDGE_PARAS[i]}).encode() + b"\n" for i in range(3)
            ),
            "jsonl",
            3,
        ),
        (json.dumps([{"text": p} for p in FLOOD_PARAS]).encode(), "jsonl", 3),
        (
            rss_feed([{"title": "T", "content": "<p>" + "</p><p>".join(FLOOD_PARAS) + "</p>"}]).encode(),
            "feed",
            1,
        ),
    ],
)
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: str, count: int) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    items = read("-")
    assert len(articles(items)) == count == len(items)
    assert {a.fmt for a in articles(items)} == {fmt}
    if fmt in ("txt", "html"):
        assert articles(items)[0].id == "stdin" and articles(items)[0].title == BRIDGE_TITLE


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"\n"))
    assert read("-") == [IngestError("stdin", "empty")]


def test_urls_pages_feeds_and_failures(web: WebServer) -> None:
    items = read(
        web.url("/article.html"),
        web.url("/feed.xml"),
        web.url("/feed-as-xml"),
        web.url("/no-such-page"),
        web.url("/loop"),
        web.url("/report.pdf"),
        web.url("/huge"),
    )
    page, *feed_entries = articles(items)
    assert page.fmt == "url" and page.title == BRIDGE_TITLE and page.outlet == "127.0.0.1"
    assert [a.origin for a in feed_entries] == [
        web.url("/feed.xml#1"),
        web.url("/feed.xml#2"),
        web.url("/feed-as-xml#1"),
        web.url("/feed-as-xml#2"),
    ]
    teaser, flood = feed_entries[:2]
    # The first entry has only a teaser: its page was fetched; the second carries the article.
    assert all(p in teaser.raw for p in BRIDGE_PARAS) and teaser.title == "Harbour bridge opens"
    assert teaser.published == "2023-05-08" and teaser.outlet == "Norrvik Courier"
    assert flood.raw == "\n\n".join(FLOOD_PARAS) and flood.published == "2023-05-11"
    # The same feed twice: ids stay unique.
    assert len({a.id for a in articles(items)}) == len(articles(items))
    assert errors(items) == [
        (web.url("/no-such-page"), "HTTP 404"),
        (web.url("/loop"), "too many redirects (more than 5)"),
        (web.url("/report.pdf"), "unsupported content type application/pdf, not an article"),
        (web.url("/huge"), "larger than 200 kB limit"),
    ]


def test_unreachable_url(closed_port_url: Callable[[str], str]) -> None:
    url = closed_port_url("/news")
    assert read(url) == [IngestError(url, "unreachable: connection refused")]


def test_warc_in_a_directory(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = html_page().encode()
    with (tmp_path / "crawl.warc.gz").open("wb") as f:
        w = WARCWriter(f, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                "https://norrvik.example/bridge",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
            )
        )
    [a] = read(str(tmp_path))
    assert isinstance(a, Article) and a.fmt == "warc" and a.origin == f"{tmp_path}/crawl.warc.gz#1"


@pytest.mark.shared
@pytest.mark.skipif(not SAMPLES.exists(), reason="needs ../shared")
def test_real_sample_folder() -> None:
    items = read(str(SAMPLES))
    assert len(articles(items)) == 5 and not errors(items)
    assert all(a.title and a.fmt == "txt" for a in articles(items))
