"""A page's metadata: trafilatura's own fields, without its searches of the page's links."""

from __future__ import annotations

import trafilatura
from ingest_samples import BRIDGE_PARAS, BRIDGE_TITLE, html_page
from trafilatura.metadata import extract_metadata

from storyscope.ingest.dates import normalize_date
from storyscope.ingest.html import extract_html
from storyscope.ingest.pagemeta import page_metadata, parse_page

FIELDS = ("title", "author", "url", "hostname", "sitename", "date", "description")

TAGGED = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="keywords" content="ferries, Norrvik">
<meta property="article:section" content="Local news">
<link rel="canonical" href="https://courier.example/local/ferry-strike-ends">
<title>Ferry strike in Norrvik ends - Norrvik Courier</title></head>
<body><main><article><h1>Ferry strike in Norrvik ends</h1>
<p class="byline">By Marta Lindqvist</p>
<p>Deck crews on the Norrvik ferries returned to work on Friday after the union accepted a pay offer
of six percent over two years, ending a strike that had cut the islands off for nine days.</p>
<p>The first sailing left the harbour at dawn, and the operator said the timetable would be back to
normal by Sunday evening, once the crews had rested.</p>
<div class="entry-meta">Filed under <a href="/category/transport/">Transport</a></div>
</article></main>
<footer><a href="/licence" rel="license">Some rights reserved</a></footer>
</body></html>
"""


def test_the_fields_are_trafilaturas() -> None:
    for page in (TAGGED, html_page(), html_page(author=None, date=None, sitename=None)):
        ours = page_metadata(parse_page(page), None)
        theirs = extract_metadata(parse_page(page), None)
        assert {k: getattr(ours, k) for k in FIELDS} == {k: getattr(theirs, k) for k in FIELDS}
    ours = page_metadata(parse_page(TAGGED), None)
    assert ours.author == "Marta Lindqvist" and ours.url == "https://courier.example/local/ferry-strike-ends"


def test_tags_and_categories_come_from_meta_tags_not_links() -> None:
    ours = page_metadata(parse_page(TAGGED), None)
    theirs = extract_metadata(parse_page(TAGGED), None)
    assert ours.tags == theirs.tags  # the keywords meta tag
    assert theirs.categories == ["Transport"] and ours.categories == ["Local news"]  # link, meta tag
    assert ours.license is None  # the licence is not searched for


def test_a_short_page_gets_the_same_metadata_from_the_full_pass() -> None:
    # Under 500 characters the page goes through trafilatura's fallback extractors as well; the
    # metadata, read once for both passes, is what trafilatura gives in either mode.
    page = html_page(paras=BRIDGE_PARAS[:1])
    found = extract_html(page)
    assert found is not None and BRIDGE_PARAS[0] in found.text
    for fast in (True, False):
        theirs = trafilatura.bare_extraction(page, fast=fast, with_metadata=True, include_comments=False)
        assert theirs is not None
        assert (found.title, found.author, found.published, found.sitename) == (
            theirs.title,
            theirs.author,
            normalize_date(theirs.date),
            theirs.sitename,
        )
    assert found.title == BRIDGE_TITLE and found.author == "Jonas Berg"


def test_the_page_is_parsed_as_trafilatura_parses_it() -> None:
    from lxml.etree import tostring
    from trafilatura.utils import load_html

    declared = '<?xml version="1.0" encoding="iso-8859-1"?>\n' + TAGGED.split("\n", 1)[1]
    for page in (TAGGED, html_page(), declared, "<html><p>A page without a head.</p></html>"):
        ours, theirs = parse_page(page), load_html(page)
        assert ours is not None and theirs is not None
        assert tostring(ours, encoding="unicode") == tostring(theirs, encoding="unicode")
    # Not HTML by trafilatura's test, in both.
    for page in ("just words", "<div><p>A lone paragraph about the harbour.</p></div>"):
        assert parse_page(page) is None and load_html(page) is None


def test_the_parsed_elements_are_plain_html_elements() -> None:
    import lxml.html

    form = '<form><input name="q"><label>Find</label></form>'
    tree = parse_page(TAGGED.replace("</article>", form + "</article>"))
    assert tree is not None
    # Every element, a form's too, is an HtmlElement of the one class (no per-tag classes to pick).
    assert {type(el) for el in tree.iter()} == {lxml.html.HtmlElement}
    assert tree.find(".//form") is not None and tree.find(".//form").text_content() == "Find"
