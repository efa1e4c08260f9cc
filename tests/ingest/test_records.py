from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from ingest_samples import BRIDGE_PARAS, BRIDGE_TITLE, FLOOD_PARAS, FLOOD_TITLE, html_page

from storyscope.errors import InputError
from storyscope.ingest.records import read_json, read_jsonl, read_records_file, record_to_article
from storyscope.models import Article, IngestError

BODY = "\n\n".join(BRIDGE_PARAS)


def where(item: Article | IngestError) -> str:
    return item.origin if isinstance(item, Article) else item.input


def jsonl(*records: object) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def test_common_field_names() -> None:
    a = record_to_article(
        {
            "id": "nc-101",
            "headline": BRIDGE_TITLE,
            "content": BODY,
            "link": "https://www.norrvik.example/news/bridge",
            "published_at": "2023-05-08T09:30:00+02:00",
            "source": {"name": "Norrvik Courier"},
            "authors": ["Jonas Berg", {"name": "Ada Lind"}],
            "section": "Local",
            "tags": ["bridge", "transport"],
        },
        "in.jsonl#1",
        5_000_000,
    )
    assert (a.id, a.title, a.raw, a.url) == (
        "nc-101",
        BRIDGE_TITLE,
        BODY,
        "https://www.norrvik.example/news/bridge",
    )
    assert (a.published, a.outlet, a.author, a.fmt) == (
        "2023-05-08",
        "Norrvik Courier",
        "Jonas Berg, Ada Lind",
        "jsonl",
    )
    assert a.meta == {"section": "Local", "tags": ["bridge", "transport"]}
    assert a.origin == "in.jsonl#1"


def test_defaults_when_fields_are_missing() -> None:
    a = record_to_article(
        {"body": BODY, "url": "https://www.norrvik.example/x", "date": 1683531000}, "f#2", 10**6
    )
    assert a.title == BRIDGE_PARAS[0]  # first line of the text
    assert a.outlet == "norrvik.example"  # from the URL
    assert a.published == "2023-05-08"  # epoch seconds
    b = record_to_article({"body": BODY, "url": "https://www.norrvik.example/x"}, "f#2", 10**6)
    assert a.id == b.id and a.id.startswith("the-new-harbour-bridge")  # slug + short hash, stable


def test_html_record_is_extracted() -> None:
    a = record_to_article({"html": html_page(), "url": "https://norrvik.example/b"}, "f#1", 10**6)
    assert a.title == BRIDGE_TITLE
    assert BRIDGE_PARAS[3] in a.raw
    assert a.published == "2023-05-08" and a.outlet == "Norrvik Courier"
    assert "html" not in a.meta


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ([1, 2], "not a JSON object (got list)"),
        ({"title": "Only a title"}, "record has no text or html"),
        ({"text": "   "}, "record has no text or html"),
        ({"text": "x" * 2_000}, "larger than 1 kB limit (2 kB)"),
    ],
)
def test_bad_records(record: object, reason: str) -> None:
    with pytest.raises(InputError) as e:
        record_to_article(record, "f.jsonl#3", 1_000)
    assert (e.value.input, e.value.reason) == ("f.jsonl#3", reason)


def test_jsonl_bad_lines_are_reported_and_the_rest_goes_on() -> None:
    data = (
        jsonl({"title": BRIDGE_TITLE, "text": BODY})
        + b"\n"
        + b'{"title": "cut off", "text": \n'
        + b"[1, 2]\n"
        + b"\xff\xfe not utf-8\n"
        + jsonl({"title": FLOOD_TITLE, "text": "\n\n".join(FLOOD_PARAS)})
    )
    items = list(read_jsonl(io.BytesIO(data), "news.jsonl", 5_000_000))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "IngestError",
        "IngestError",
        "IngestError",
        "Article",
    ]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [e.input for e in errors] == ["news.jsonl#3", "news.jsonl#4", "news.jsonl#5"]
    assert errors[0].reason.startswith("malformed JSON: ")
    assert errors[1].reason == "not a JSON object (got list)"
    assert errors[2].reason == "not UTF-8 (JSON must be UTF-8)"
    assert [i.origin for i in items if isinstance(i, Article)] == ["news.jsonl#1", "news.jsonl#6"]


def test_jsonl_giant_line_is_skipped_without_reading_it_whole() -> None:
    data = jsonl({"text": "a" * 5_000}) + jsonl({"text": "short but fine"})
    items = list(read_jsonl(io.BytesIO(data), "g.jsonl", 1_000))
    assert isinstance(items[0], IngestError) and items[0].reason.startswith("larger than 1 kB limit")
    assert isinstance(items[1], Article) and items[1].raw == "short but fine"


def test_json_array_streams_across_chunks() -> None:
    records = [
        {"id": f"r{i}", "title": f"Story {i}", "text": f"Paragraph {i}. " * (i % 40 + 1)} for i in range(3000)
    ]
    items = list(read_json(io.BytesIO(json.dumps(records, indent=1).encode()), "all.json", 5_000_000))
    assert [a.id for a in items if isinstance(a, Article)] == [f"r{i}" for i in range(3000)]
    assert where(items[-1]) == "all.json#3000"


def test_json_single_object_container_and_disguised_jsonl() -> None:
    one = read_json(
        io.BytesIO(json.dumps({"title": "T", "text": BODY}, indent=2).encode()), "one.json", 10**6
    )
    assert [where(a) for a in one] == ["one.json"]
    box = {"articles": [{"text": BODY}, {"body": "\n\n".join(FLOOD_PARAS)}]}
    assert [where(a) for a in read_json(io.BytesIO(json.dumps(box).encode()), "box.json", 10**6)] == [
        "box.json#1",
        "box.json#2",
    ]
    lines = jsonl({"text": BODY}, {"text": "x"}) + b"oops\n"
    items = list(read_json(io.BytesIO(lines), "lines.json", 10**6))
    assert [where(i) for i in items] == [
        "lines.json#1",
        "lines.json#2",
        "lines.json#3",
    ]


def test_malformed_json_array_keeps_earlier_records() -> None:
    data = b'[{"text": "first article text"}, {"text": "second"} {"text": "third"}]'
    items = list(read_json(io.BytesIO(data), "bad.json", 10**6))
    assert isinstance(items[0], Article) and isinstance(items[1], Article)
    assert isinstance(items[2], IngestError) and items[2].reason.startswith("malformed JSON")
    assert len(items) == 3


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"  \n", "empty"), (b"{not json", "malformed JSON: "), (b"[1, 2", "malformed JSON: ")],
)
def test_broken_json_files(data: bytes, reason: str) -> None:
    items = list(read_json(io.BytesIO(data), "b.json", 10**6))
    assert any(isinstance(i, IngestError) and i.reason.startswith(reason) for i in items)


@pytest.mark.parametrize(
    ("data", "reader", "reason"),
    [
        (b"", read_jsonl, "empty"),
        (b"\n  \n\n", read_jsonl, "no records (only blank lines)"),
        (b"[]", read_json, "no records (an empty list)"),
        (b'{"articles": []}', read_json, "no records (an empty list)"),
    ],
)
def test_a_records_file_without_records_is_said(data: bytes, reader: object, reason: str) -> None:
    """A file the user gave as articles and that holds none gets its line, not silence."""
    assert callable(reader)
    assert list(reader(io.BytesIO(data), "r.json", 10**6)) == [IngestError("r.json", reason)]


def test_missing_records_file(tmp_path: Path) -> None:
    assert list(read_records_file(tmp_path / "none.jsonl", "none.jsonl", 10**6)) == [
        IngestError("none.jsonl", "no such file or directory")
    ]


def test_ten_thousand_records_stream_in_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    para = " ".join(BRIDGE_PARAS)
    with path.open("w") as f:
        for i in range(10_000):
            f.write(json.dumps({"id": f"n{i}", "title": f"Story {i}", "text": f"{i}. {para}"}) + "\n")
    assert path.stat().st_size > 5_000_000
    tracemalloc.start()
    try:
        count = sum(1 for item in read_records_file(path, str(path), 5_000_000) if isinstance(item, Article))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 10_000
    assert peak < 1_000_000  # a few records at a time, never the file
