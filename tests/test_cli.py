"""The command line, in process: brief, ingest, stories, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import EXAMPLES, SHARED
from storyscope.cli import main
from storyscope.render.json import validate

EXAMPLE_FILES = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
REFERENCE = SHARED / "samples" / "putin-tehran-2022"


def brief_json(capsys: pytest.CaptureFixture[str], files: list[str], *extra: str) -> dict:  # type: ignore[type-arg]
    code = main(["brief", *files, "--format", "json", *extra])
    out = capsys.readouterr().out
    assert code == 0
    doc = json.loads(out)
    validate(doc)
    return doc  # type: ignore[no-any-return]


def test_brief_examples_json(capsys: pytest.CaptureFixture[str]) -> None:
    doc = brief_json(capsys, EXAMPLE_FILES)
    assert doc["schema"] == "storyscope.brief/1"
    [story] = doc["stories"]
    ids = [s["id"] for s in story["sources"]]
    assert sorted(ids) == sorted(Path(f).stem for f in EXAMPLE_FILES)
    words = sum(len(s["text"].split()) for s in story["summary"])
    assert 100 <= words <= 200
    texts = {s["id"]: s["text"] for s in story["sources"]}
    for sent in story["summary"]:
        assert sent["sources"]
        for span in sent["spans"]:
            assert texts[span["source"]][span["start"] : span["end"]].strip()
    assert any(s["duplicate_of"] for s in story["sources"]), "the wire copy must be linked to its original"


def test_brief_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    first = brief_json(capsys, EXAMPLE_FILES)
    second = brief_json(capsys, EXAMPLE_FILES)
    for doc in (first, second):
        doc.pop("generated_at", None)
    assert first == second


def test_brief_markdown_and_html_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", *EXAMPLE_FILES]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# ")
    out = tmp_path / "brief.html"
    assert main(["brief", *EXAMPLE_FILES, "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert not (tmp_path / "brief.html.part").exists()


def test_failed_input_gives_exit_1_and_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    code = main(["brief", *EXAMPLE_FILES, str(bad), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 1
    lines = [ln for ln in captured.err.splitlines() if "broken.txt" in ln]
    assert len(lines) == 1 and lines[0].startswith("storyscope: error:")
    validate(json.loads(captured.out))


def test_nothing_readable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_ingest_then_brief_stored_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    assert main(["ingest", *EXAMPLE_FILES, "--db", db]) == 0
    assert main(["ingest", *EXAMPLE_FILES, "--db", db]) == 0
    assert "0 added" in capsys.readouterr().err
    doc = brief_json(capsys, EXAMPLE_FILES, "--db", db)
    story_id = doc["stories"][0]["id"]
    assert main(["stories", "--db", db]) == 0
    assert story_id in capsys.readouterr().out
    again = brief_json(capsys, [story_id], "--db", db)
    assert again["stories"][0]["id"] == story_id


@pytest.mark.skipif(not REFERENCE.exists(), reason="needs ../shared")
def test_reference_story_one_story_five_sources(capsys: pytest.CaptureFixture[str]) -> None:
    doc = brief_json(capsys, sorted(str(p) for p in REFERENCE.glob("*.txt")))
    [story] = doc["stories"]
    assert len(story["sources"]) == 5
    for s in story["sources"]:
        text = s["text"]
        for junk in ("Read more", "(Photo:", "FILE PHOTO", "contributed to this report"):
            assert junk not in text, (s["id"], junk)


def test_example_timeline_and_inferred_dates(capsys: pytest.CaptureFixture[str]) -> None:
    [story] = brief_json(capsys, EXAMPLE_FILES)["stories"]
    # The files carry no dates: each source's date is inferred, with its evidence.
    for s in story["sources"]:
        assert s["published"] and s["published"].startswith("2025-03-1"), s["id"]
        assert s["published_inferred"] is True and s["published_evidence"]
    by_date = {}
    for entry in story["timeline"]:
        by_date.setdefault(entry["date"], []).append(entry)
    # Valmora's allegation "on Monday" (10 March) is reported by several outlets.
    assert any(len(e["sources"]) >= 3 for e in by_date["2025-03-10"])
    # "next Tuesday (March 18)" is announced, hence scheduled.
    assert any(e.get("scheduled") for e in by_date["2025-03-18"])
    assert [e["date"] for e in story["timeline"]] == sorted(e["date"] for e in story["timeline"])


def test_a_feed_entry_whose_page_cannot_be_fetched_is_stored_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    teaser = (
        "The Velmar ferry strike entered its third day on Friday as talks between the unions and the "
        "port owners stalled again."
    )
    feed = tmp_path / "courier.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Velmar Courier</title>'
        "<item><title>Ferry strike enters third day</title><link>http://127.0.0.1:9/ferry</link>"
        f"<description>{teaser}</description></item></channel></rss>",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    # Stored, from the feed's summary: nothing failed, but the user is told the page was not read.
    assert main(["ingest", str(feed), "--db", str(db)]) == 0
    err = capsys.readouterr().err.splitlines()
    [warning] = [line for line in err if line.startswith("storyscope: warning:")]
    assert warning.startswith(f"storyscope: warning: {feed}#1: http://127.0.0.1:9/ferry: unreachable")
    assert warning.endswith("stored the feed's summary instead")
    assert err[-1].startswith("1 added, 0 already stored, 0 failed, 1 stored with a warning")
