"""HTML pages: trafilatura finds the article body and its metadata; a plain rendering is the fallback.

The body becomes plain text with one paragraph (or heading, or list item) per block, blocks separated
by a blank line, which is the shape every later stage expects of ``Article.raw``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.etree  # lxml ships no type hints
import lxml.html

from storyscope.errors import InputError
from storyscope.ingest.dates import normalize_date
from storyscope.ingest.decode import decode_bytes
from storyscope.ingest.pagemeta import page_metadata, parse_page
from storyscope.ingest.textfile import read_bytes
from storyscope.models import Article

# Elements whose text is never article text, in the fallback rendering.
_DROP = frozenset(
    "script style noscript template svg head nav footer aside form button iframe select option "
    "title meta link object embed canvas dialog".split()
)
# Elements that start and end a paragraph, in the fallback rendering.
_BLOCK = frozenset(
    "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table thead tbody tfoot tr td th "
    "blockquote pre br hr figure figcaption address body html center details summary".split()
)


# trafilatura's fast mode (no readability/jusText fallbacks) is about twice as fast and as good on
# most news pages; when it finds less than this, the page gets the full, slower treatment.
FAST_ENOUGH_CHARS = 500


@dataclass
class Extracted:
    """The article found in one HTML page."""

    text: str
    title: str = ""
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def paragraphs(text: str) -> str:
    """``text`` with one block per line rewritten as blocks separated by blank lines."""
    return "\n\n".join(line for line in (ln.strip() for ln in text.split("\n")) if line)


def _split_list(value: object) -> list[str]:
    """trafilatura gives tags/categories as a list of comma-joined strings; we want single terms."""
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    seen: dict[str, None] = {}
    for item in items:
        for term in str(item).split(","):
            term = term.strip()
            if term:
                seen.setdefault(term, None)
    return list(seen)


def _trafilatura(tree: Any, url: str | None, fast: bool) -> Any:
    """trafilatura's body of ``tree`` (it works on a copy), without its metadata; None if it has none."""
    # Imported here: a plain-text ingest never needs it, and it is a tenth of a second at start-up.
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            tree, url=url, fast=fast, with_metadata=False, include_comments=False, include_tables=True
        )
    except (ValueError, TypeError, lxml.etree.LxmlError):
        # trafilatura mostly returns None on bad input; a few parser errors escape it.
        return None


def _drop_unread(tree: Any) -> None:
    """Delete the page's scripts (but its JSON-LD), styles and SVG drawings, keeping their tails, as
    every trafilatura path does before it reads text (tree cleaning, the baseline's and the page
    measure's basic cleaning, the fallback extractors' sanitising). Its XPath passes over the raw tree
    and its copies of it visit them first: a tenth of a news page's elements. JSON-LD stays: the
    baseline and the forum-page check read it. Output unchanged (checked on the 181 AEB and 1,029
    trafilatura-eval pages); run after the metadata, which reads scripts."""
    for el in [el for el in tree.iter("script") if el.get("type") != "application/ld+json"]:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:  # trafilatura's delete_element: the tail joins what came before
            previous = el.getprevious()
            if previous is None:
                parent.text = (parent.text or "") + el.tail
            else:
                previous.tail = (previous.tail or "") + el.tail
        parent.remove(el)
    lxml.etree.strip_elements(tree, "style", "svg", with_tail=False)


def _extract(html: str, url: str | None) -> Any:
    """trafilatura's result for the page (fast mode first, then its fallback extractors if that finds
    little), its metadata from :mod:`storyscope.ingest.pagemeta`; None when it finds nothing."""
    try:
        tree = parse_page(html)
        # trafilatura reads the metadata first, on the tree its body extraction then copies.
        meta = page_metadata(tree, url) if tree is not None else None
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return None  # where bare_extraction, which does both inside its guard, gives nothing either
    if meta is None:
        return None
    _drop_unread(tree)
    doc = _trafilatura(tree, url, fast=True)
    found = len(doc.text or "") if doc is not None else 0
    if found < FAST_ENOUGH_CHARS:
        # The fast pass found little: let trafilatura try its fallback extractors too.
        slow = _trafilatura(tree, url, fast=False)
        if slow is not None and len(slow.text or "") > found:
            doc = slow
    if doc is None:
        return None
    meta.text = doc.text
    return meta


def extract_html(html: str, url: str | None = None) -> Extracted | None:
    """The article body and metadata of ``html``; None when the page holds no text at all.

    trafilatura decides what is article and what is page furniture (fast mode first, then with its
    fallback extractors if that finds little); when it finds no body, a plain rendering of the
    visible text is used instead, flagged in ``meta["extraction"]``.
    """
    doc = _extract(html, url)
    text = paragraphs(doc.text) if doc is not None and doc.text else ""
    meta: dict[str, Any] = {}
    if not text:
        text = html_to_text(html)
        if not text:
            return None
        meta["extraction"] = "fallback"
    if doc is None:
        return Extracted(text=text, title=_html_title(html), meta=meta)
    for key in ("sitename", "description", "hostname", "language", "image"):
        value = getattr(doc, key, None)
        if value:
            meta["lang" if key == "language" else key] = str(value)
    for key in ("tags", "categories"):
        terms = _split_list(getattr(doc, key, None))
        if terms:
            meta[key] = terms
    return Extracted(
        text=text,
        title=(doc.title or "").strip() or _html_title(html),
        author=(doc.author or "").strip() or None,
        published=normalize_date(doc.date),
        sitename=(doc.sitename or "").strip() or None,
        url=doc.url or None,
        meta=meta,
    )


def _parse(html: str) -> lxml.html.HtmlElement | None:
    if html.lstrip().startswith("<?xml"):
        # lxml refuses str input that carries an encoding declaration; the text is decoded already.
        html = html[html.find("?>") + 2 :]
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def _html_title(html: str) -> str:
    root = _parse(html)
    if root is None:
        return ""
    for xpath in ("//h1", "//title"):
        for el in root.xpath(xpath):
            title = " ".join(el.text_content().split())
            if title:
                return title
    return ""


def html_to_text(html: str) -> str:
    """The visible text of ``html``, one paragraph per block element, without scripts, styles,
    navigation, headers and footers; "" when there is none."""
    root = _parse(html)
    if root is None:
        return ""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        words = " ".join("".join(buf).split())
        if words:
            out.append(words)
        buf.clear()

    # An explicit stack rather than recursion: malformed pages can nest thousands of levels deep.
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else None
        if closing:
            if tag in _BLOCK:
                flush()
            if el.tail and el is not root:
                buf.append(el.tail)
            continue
        if tag is None or tag in _DROP:
            if el.tail and el is not root:
                buf.append(el.tail)
            continue
        if tag in _BLOCK:
            flush()
        if el.text:
            buf.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    return "\n\n".join(out)


_SITE_SEPARATORS = (" - ", " | ", " – ", " — ", " :: ", " · ", " » ")


def title_without_site(title: str, site: str | None) -> str:
    """``title`` without the site name a page's ``<title>`` adds before or after the headline
    ("... Visitors! - Jeongdong Theater" when the site is "Jeongdong Theater"): the story's title is
    the headline, and the outlet is shown on its own."""
    if not site or not title:
        return title
    low, name = title.casefold(), site.strip().casefold()
    for sep in _SITE_SEPARATORS:
        if low.endswith(sep + name) and len(title) > len(sep + name):
            return title[: -len(sep + name)].strip()
        if low.startswith(name + sep) and len(title) > len(name + sep):
            return title[len(name + sep) :].strip()
    return title


def article_from_html(html: str, id: str, origin: str, fmt: str = "html", url: str | None = None) -> Article:
    """An :class:`Article` from a decoded page; raise :class:`InputError` when it holds no text."""
    found = extract_html(html, url)
    if found is None:
        raise InputError(origin, "no article text found in the page")
    return Article(
        id=id,
        raw=found.text,
        origin=origin,
        title=title_without_site(found.title, found.sitename),
        outlet=found.sitename,
        url=url or found.url,
        published=found.published,
        author=found.author,
        fmt=fmt,
        meta=found.meta,
    )


def read_html_file(path: Path, source: str, id: str, max_bytes: int) -> Article:
    """Read an ``.html``/``.htm`` file (charset from BOM, ``<meta>``, then detection) into an article."""
    html = decode_bytes(read_bytes(path, source, max_bytes), source, sniff_markup=True)
    return article_from_html(html, id, source)
