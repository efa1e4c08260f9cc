from __future__ import annotations

import pytest
from ingest_samples import BRIDGE_PARAS, BRIDGE_TITLE, FLOOD_PARAS, FLOOD_TITLE, atom_feed, rss_feed

from storyscope.errors import InputError
from storyscope.ingest.feeds import looks_like_feed, read_feed
from storyscope.models import Article, IngestError

FULL = "".join(f"<p>{p}</p>" for p in FLOOD_PARAS)


class FakeFetcher:
    """Stands in for the network: returns a page article, or fails, and records what was asked."""

    def __init__(self, fail: str | None = None) -> None:
        self.fail = fail
        self.asked: list[str] = []

    def __call__(self, url: str, origin: str) -> Article:
        self.asked.append(url)
        if self.fail:
            raise InputError(url, self.fail)
        return Article(
            id="page",
            raw="\n\n".join(BRIDGE_PARAS),
            origin=origin,
            title="Page title from the site",
            outlet="norrvik.example",
            url=url,
            published="2023-05-09",
            author="Page Author",
            fmt="url",
            meta={"sitename": "Norrvik Courier"},
        )


def test_rss_with_full_content_needs_no_fetch() -> None:
    feed = rss_feed(
        [
            {
                "title": FLOOD_TITLE,
                "link": "https://lakemark.example/flood",
                "content": FULL,
                "description": "Barriers go up.",
                "pubDate": "Thu, 11 May 2023 16:20:00 GMT",
                "guid": "lm-55",
                "tags": "weather,rivers",
            }
        ]
    )
    fetch = FakeFetcher()
    [a] = read_feed(feed.encode(), "news.rss", fetch)
    assert isinstance(a, Article)
    assert fetch.asked == []
    assert a.raw == "\n\n".join(FLOOD_PARAS)
    assert (a.title, a.url, a.published, a.outlet, a.fmt, a.origin) == (
        FLOOD_TITLE,
        "https://lakemark.example/flood",
        "2023-05-11",
        "Norrvik Courier",  # the feed title, as the entry names no source
        "feed",
        "news.rss#1",
    )
    assert a.meta["tags"] == ["weather", "rivers"] and a.meta["guid"] == "lm-55"
    assert a.meta["description"] == "Barriers go up."


def test_summary_only_entry_fetches_the_page_and_keeps_feed_metadata() -> None:
    feed = atom_feed(
        [{"title": BRIDGE_TITLE, "link": "https://norrvik.example/bridge", "summary": "It opened."}]
    )
    fetch = FakeFetcher()
    [a] = read_feed(feed.encode(), "tidings.atom", fetch)
    assert isinstance(a, Article)
    assert fetch.asked == ["https://norrvik.example/bridge"]
    assert a.raw.startswith(BRIDGE_PARAS[0])
    assert a.title == BRIDGE_TITLE  # the feed's title, not the page's
    assert a.published == "2023-05-10"  # the feed's date
    assert a.outlet == "Lakemark Tidings"
    assert a.author == "Page Author"  # the feed has none, the page does
    assert a.fmt == "feed" and a.origin == "tidings.atom#1"
    assert a.meta["sitename"] == "Norrvik Courier"


def test_long_atom_summary_is_still_a_summary_but_long_rss_description_is_the_article() -> None:
    long_text = " ".join(FLOOD_PARAS)
    fetch = FakeFetcher()
    [rss] = read_feed(
        rss_feed([{"title": "T", "link": "https://x.example/a", "description": long_text}]).encode(),
        "f",
        fetch,
    )
    assert isinstance(rss, Article)
    assert fetch.asked == [] and rss.raw == long_text
    [atom] = read_feed(
        atom_feed([{"title": "T", "link": "https://x.example/a", "summary": long_text}]).encode(), "f", fetch
    )
    assert isinstance(atom, Article)
    assert fetch.asked == ["https://x.example/a"]
    assert atom.raw.startswith(BRIDGE_PARAS[0])


def test_truncated_content_is_fetched() -> None:
    content = "<p>" + " ".join(FLOOD_PARAS) + " […]</p>"
    fetch = FakeFetcher()
    list(
        read_feed(
            rss_feed([{"title": "T", "link": "https://x.example/b", "content": content}]).encode(), "f", fetch
        )
    )
    assert fetch.asked == ["https://x.example/b"]


def test_failed_fetch_keeps_the_summary() -> None:
    feed = rss_feed([{"title": "Short", "link": "https://x.example/gone", "description": "Only a teaser."}])
    [a] = read_feed(feed.encode(), "f.rss", FakeFetcher(fail="HTTP 404"))
    assert isinstance(a, Article)
    assert a.raw == "Only a teaser."
    assert a.meta["summary_only"] is True and a.meta["fetch_error"] == "HTTP 404"


def test_entry_with_nothing_is_an_error_in_place() -> None:
    feed = rss_feed([{"title": "Empty"}, {"title": "Fine", "content": FULL}])
    items = list(read_feed(feed.encode(), "f.rss", FakeFetcher()))
    assert isinstance(items[0], IngestError) and items[0].input == "f.rss#1"
    assert items[0].reason == "feed entry has no text and no link to fetch"
    assert isinstance(items[1], Article)
    failed = list(
        read_feed(
            rss_feed([{"title": "Gone", "link": "https://x.example/g"}]).encode(),
            "f",
            FakeFetcher("HTTP 404"),
        )
    )
    assert failed == [IngestError("f#1", "HTTP 404")]


def test_without_a_fetcher_summaries_are_kept() -> None:
    feed = rss_feed([{"title": "Short", "link": "https://x.example/s", "description": "A teaser."}])
    [a] = read_feed(feed.encode(), "f.rss")
    assert isinstance(a, Article) and a.meta["summary_only"] is True


@pytest.mark.parametrize(
    "data",
    [
        b"<rss><channel><item><title>Broken",
        b"this is not xml at all, just words",
        b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>A</title></chan",
    ],
)
def test_malformed_feed(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^f\.rss: malformed feed: "):
        list(read_feed(data, "f.rss"))


def test_feed_without_entries() -> None:
    with pytest.raises(InputError, match="feed has no entries"):
        list(read_feed(rss_feed([]).encode(), "f.rss"))


def test_looks_like_feed() -> None:
    assert looks_like_feed(rss_feed([]).encode())
    assert looks_like_feed(atom_feed([]).encode())
    assert looks_like_feed(b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>')
    assert not looks_like_feed(b"<?xml version='1.0'?><catalog><book/></catalog>")
    assert not looks_like_feed(b"<html><body><p>A page quoting <feed> in text</p></body></html>")
