"""A page's metadata (title, author, date, site name, URL): trafilatura's own steps, less two searches.

trafilatura's ``extract_metadata`` ends with two searches nothing here reads: categories and tags
taken from the page's links (XPath over every link of the page, about a tenth of its extraction time)
and a licence. This runs its other steps, in its order and with its functions, so title, author, date,
site name and URL are the ones trafilatura gives; categories and tags still come from the page's meta
tags and JSON-LD, and the ``article:section`` meta tag, as there.
"""

from __future__ import annotations

import contextlib
from typing import Any

import lxml.html

# Pages larger than this are not parsed (trafilatura's default MAX_FILE_SIZE, which its own
# bare_extraction applies to a page given as text).
MAX_PAGE_CHARS = 20_000_000


def parse_page(html: str) -> lxml.html.HtmlElement | None:
    """The page parsed as trafilatura parses it; None when it cannot be."""
    from trafilatura.utils import load_html

    return load_html(html, MAX_PAGE_CHARS)


def page_metadata(tree: lxml.html.HtmlElement, url: str | None) -> Any:
    """trafilatura's metadata ``Document`` of ``tree`` without the link and licence searches (the
    same in its fast and full modes: the date search follows its configuration, not the mode)."""
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )
    from trafilatura.settings import DEFAULT_CONFIG, set_date_params
    from trafilatura.utils import line_processing

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with contextlib.suppress(Exception):  # trafilatura guards its JSON-LD reader the same way
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if metadata.url:
        from courlan import extract_domain

        metadata.hostname = extract_domain(metadata.url, fast=True)
    date_config = set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH"))
    date_config["url"] = metadata.url
    metadata.date = find_date(tree, **date_config)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        match = META_URL.match(metadata.url)
        if match:
            metadata.sitename = match[1]
    if not metadata.categories:
        # trafilatura's fallback after the link search: the section meta tag.
        found = tree.xpath(
            './/head//meta[@property="article:section" or contains(@name, "subject")][@content]'
        )
        terms = (line_processing(el.attrib["content"]) for el in found if el.attrib["content"])
        metadata.categories = [t for t in dict.fromkeys(terms) if t]
    metadata.filedate = date_config.get("max_date")
    metadata.clean_and_trim()
    return metadata
