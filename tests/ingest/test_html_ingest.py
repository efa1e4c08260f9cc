from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from ingest_samples import BRIDGE_PARAS, BRIDGE_TITLE, FLOOD_PARAS, html_page

from storyscope.errors import InputError
from storyscope.ingest.html import (
    article_from_html,
    extract_html,
    html_to_text,
    paragraphs,
    read_html_file,
    title_without_site,
)


def test_article_body_and_metadata() -> None:
    found = extract_html(html_page())
    assert found is not None
    assert found.title == BRIDGE_TITLE
    assert found.published == "2023-05-08"
    assert found.author == "Jonas Berg"
    assert found.sitename == "Norrvik Courier"
    for para in BRIDGE_PARAS:
        assert para in found.text
    # One block per paragraph, separated by blank lines; page furniture left out.
    assert "\n\n".join(BRIDGE_PARAS[:2]) in found.text
    assert "newsletter" not in found.text and "Sport" not in found.text
    assert "html" not in found.meta  # pages stay out of meta


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "bridge.html"
    path.write_text(html_page(), encoding="utf-8")
    article = read_html_file(path, str(path), "bridge", 5_000_000)
    assert (article.id, article.fmt, article.outlet, article.published) == (
        "bridge",
        "html",
        "Norrvik Courier",
        "2023-05-08",
    )
    assert BRIDGE_PARAS[0] in article.raw


def test_meta_charset_is_honoured(tmp_path: Path) -> None:
    paras = [
        "Городской совет Северной Гавани в понедельник одобрил строительство нового моста через реку.",
        "Работы начнутся весной и продлятся два года, сообщил мэр города журналистам на площади.",
        "Стоимость проекта оценивается в восемьдесят миллионов, сообщили в администрации города.",
    ]
    path = tmp_path / "most.htm"
    path.write_bytes(html_page("Новый мост", paras, charset="windows-1251").encode("cp1251"))
    article = read_html_file(path, str(path), "most", 5_000_000)
    assert paras[1] in article.raw
    assert article.title == "Новый мост"


def test_malformed_html_still_yields_the_article() -> None:
    broken = (
        "<html><head><title>Broken page</title><body><div><p>" + BRIDGE_PARAS[0] + "<p>" + BRIDGE_PARAS[1]
        + "</span></div></div><p>" + BRIDGE_PARAS[2] + "<table><tr><td>stray cell"
    )  # fmt: skip
    found = extract_html(broken)
    assert found is not None
    for para in BRIDGE_PARAS[:3]:
        assert para in found.text


def test_fallback_rendering_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    found = extract_html(html_page(paras=FLOOD_PARAS))
    assert found is not None
    assert found.meta["extraction"] == "fallback"
    assert found.title == BRIDGE_TITLE  # from the <h1>
    assert FLOOD_PARAS[1] in found.text
    assert "Sport" not in found.text  # navigation dropped


def test_page_without_text_is_an_error() -> None:
    assert extract_html("<html><head><script>var a = 1;</script></head><body> </body></html>") is None
    with pytest.raises(InputError, match="no article text found"):
        article_from_html(
            "<html><body><script>track()</script><style>p{}</style></body></html>", "e", "e.html"
        )


def test_html_to_text_blocks() -> None:
    html = (
        "<html><head><title>t</title><style>.x{}</style></head><body><nav>Menu</nav>"
        "<h2>Heading</h2><p>One <b>bold</b>\n   word.<br>After break</p>"
        "<ul><li>first</li><li>second</li></ul>"
        "<!-- a comment --><div>tail <span>inline</span> text</div></body></html>"
    )
    assert (
        html_to_text(html)
        == "Heading\n\nOne bold word.\n\nAfter break\n\nfirst\n\nsecond\n\ntail inline text"
    )
    assert html_to_text("") == ""


def test_deeply_nested_page_does_not_crash() -> None:
    def nested(depth: int) -> str:
        return (
            "<html><body>" + "<div>" * depth + "<p>Deep text here.</p>" + "</div>" * depth + "</body></html>"
        )

    assert "Deep text here." in html_to_text(nested(200))
    html_to_text(nested(20_000))  # past the parser's depth limit: no text, but no crash either
    extract_html(nested(20_000))


def test_paragraphs() -> None:
    assert paragraphs("  a \n\n\n b\nc  ") == "a\n\nb\n\nc"


def test_scripts_styles_and_drawings_go_before_extraction_with_their_tails_kept() -> None:
    from storyscope.ingest.html import _drop_unread
    from storyscope.ingest.pagemeta import parse_page

    page = html_page().replace(
        f"<p>{BRIDGE_PARAS[1]}</p>",
        f'<p>{BRIDGE_PARAS[1][:40]}<script>var ad = "slot";</script>{BRIDGE_PARAS[1][40:]}</p>'
        '<style>p { color: red }</style>after the style<svg><path d="M0 0"/></svg>'
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script>',
    )
    tree = parse_page(page)
    assert tree is not None
    _drop_unread(tree)
    assert [el.get("type") for el in tree.iter("script")] == ["application/ld+json"]
    assert tree.find(".//style") is None and tree.find(".//svg") is None
    text = tree.text_content()
    assert BRIDGE_PARAS[1] in text and "after the style" in text and "slot" not in text
    # The body is the one trafilatura finds in the whole page.
    found = extract_html(page)
    theirs = trafilatura.bare_extraction(page, fast=True, include_comments=False, include_tables=True)
    assert found is not None and theirs is not None
    assert found.text == paragraphs(theirs.text)


def test_the_site_name_around_a_page_title_is_not_part_of_the_headline() -> None:
    assert (
        title_without_site("Ferry strike ends - The Ostrel Courier", "The Ostrel Courier")
        == "Ferry strike ends"
    )
    assert title_without_site("Ostrel Courier | Ferry strike ends", "Ostrel Courier") == "Ferry strike ends"
    # Another site's name, or a title that is only the site's, stays as it is.
    assert (
        title_without_site("Ferry strike ends - Harbour Post", "Ostrel Courier")
        == "Ferry strike ends - Harbour Post"
    )
    assert title_without_site("Ostrel Courier", "Ostrel Courier") == "Ostrel Courier"
    assert title_without_site("Ferry strike ends", None) == "Ferry strike ends"
