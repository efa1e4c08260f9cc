from __future__ import annotations

import os
from pathlib import Path

import pytest
from ingest_samples import BRIDGE_PARAS, BRIDGE_TITLE, html_page, text_article

from storyscope.errors import InputError
from storyscope.ingest.textfile import headline, read_bytes, read_text_file

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SAMPLES = SHARED / "samples" / "putin-tehran-2022"


def test_headline_is_first_non_empty_line() -> None:
    assert headline("\n\n   \n  Bridge opens  \n\nBody.") == "Bridge opens"
    assert headline("   \n") == ""
    # A first "line" that is a whole paragraph is not a headline.
    assert headline("word " * 100 + "\nnext") == ""


def test_text_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "norrvik-bridge.txt"
    path.write_bytes(text_article().replace("\n", "\r\n").encode())
    article = read_text_file(path, str(path), "norrvik-bridge", 5_000_000)
    assert article.id == "norrvik-bridge"
    assert article.title == BRIDGE_TITLE
    assert article.raw == text_article()  # headline included, CRLF normalised
    assert article.fmt == "txt"
    assert article.origin == str(path)
    assert article.published is None and article.outlet is None
    assert article.text == "" and article.content_hash == ""  # later stages fill these
    assert BRIDGE_PARAS[2] in article.raw


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        read_text_file(tmp_path / "nope.txt", "nope.txt", "nope", 5_000_000)


def test_directory_named_like_a_file(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_text_file(tmp_path / "folder.txt", "folder.txt", "folder", 5_000_000)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(text_article())
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_text_file(path, "secret.txt", "secret", 5_000_000)
    finally:
        path.chmod(0o644)


def test_oversized_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2_500)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(InputError, match=r"larger than 1 kB limit \(2.5 kB\)"):
        read_bytes(path, "big.txt", 1_000)


def test_binary_and_empty_text_files(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "blank.txt").write_bytes(b"\n\n  \n")
    with pytest.raises(InputError, match=r"binary file \(looks like PNG\)"):
        read_text_file(tmp_path / "image.txt", "image.txt", "image", 5_000_000)
    with pytest.raises(InputError, match=r"^blank\.txt: empty$"):
        read_text_file(tmp_path / "blank.txt", "blank.txt", "blank", 5_000_000)


@pytest.mark.shared
@pytest.mark.skipif(not SAMPLES.exists(), reason="needs ../shared")
def test_real_samples_have_headlines() -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        article = read_text_file(path, str(path), path.stem, 5_000_000)
        assert article.title
        assert article.title in article.raw[:500]
        assert len(article.title.split()) >= 3, "a section label is not a headline"
        assert len(article.raw) > 500


def test_section_label_before_headline_gives_way() -> None:
    from storyscope.ingest.textfile import headline

    assert headline("World\n\nHarbour strike ends after six days\n\nThe strike ended.") == (
        "Harbour strike ends after six days"
    )
    # A short real headline stays, and so does a label followed by body prose.
    assert headline("Ferries return\n\nThe harbour reopened on Monday after a strike.") == "Ferries return"
    assert headline("Update\n\nThe harbour reopened on Monday after the strike.") == "Update"


def test_a_url_above_the_text_is_its_address_not_its_headline(tmp_path: Path) -> None:
    path = tmp_path / "orvesa-ferry.txt"
    path.write_text(
        "https://www.valley-courier.example/world/orvesa-ferry-strike\n\n"
        "Harbour strike ends after six days\n\nThe strike ended on Monday after talks with the port.\n",
        encoding="utf-8",
    )
    article = read_text_file(path, str(path), "orvesa-ferry", 5_000_000)
    assert article.title == "Harbour strike ends after six days"
    assert article.url == "https://www.valley-courier.example/world/orvesa-ferry-strike"
    assert article.outlet == "valley-courier.example"
    # A URL inside the text, or after the headline, is no address of the article.
    assert headline("Harbour strike ends\n\nhttps://example.org/x\n\nBody.") == "Harbour strike ends"
    plain = tmp_path / "plain.txt"
    plain.write_text("Harbour strike ends\n\nRead https://example.org/x for more.\n", encoding="utf-8")
    art = read_text_file(plain, str(plain), "plain", 5_000_000)
    assert art.url is None and art.outlet is None


def test_a_style_rule_or_script_above_the_text_is_not_its_headline() -> None:
    text = ".logo{display: block;text-indent: -1000px;}\n\nFerry strike ends in Ostrel\n\nThe strike ended."
    assert headline(text) == "Ferry strike ends in Ostrel"
    script = "var tracking = {site: 'ostrel'};\nFerry strike ends in Ostrel\n\nThe strike ended on Monday."
    assert headline(script) == "Ferry strike ends in Ostrel"
    # Braces in a headline are not code.
    assert (
        headline("Ostrel {update}: ferry strike ends\n\nThe strike ended.")
        == "Ostrel {update}: ferry strike ends"
    )


def test_a_web_page_saved_as_text_is_read_as_the_page(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text("<!-- saved from a browser -->\n" + html_page(), encoding="utf-8")
    article = read_text_file(path, str(path), "saved-page", 5_000_000)
    assert article.fmt == "html"
    assert article.title == BRIDGE_TITLE
    assert BRIDGE_PARAS[2] in article.raw
    assert "<p>" not in article.raw and "<html" not in article.raw


def test_a_text_that_quotes_markup_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "markup-column.txt"
    path.write_text(
        "Why the <html> tag still matters\n\nThe column argues that <body> and <head> are misunderstood.",
        encoding="utf-8",
    )
    article = read_text_file(path, str(path), "markup-column", 5_000_000)
    assert article.fmt == "txt"
    assert article.title == "Why the <html> tag still matters"
