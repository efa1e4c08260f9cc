"""Plain-text articles: the first non-empty line is the headline, the whole text is ``raw``."""

from __future__ import annotations

import re
from pathlib import Path

from storyscope.errors import InputError
from storyscope.ingest.decode import check_size, decode_bytes
from storyscope.ingest.naming import host_of
from storyscope.models import Article

# A headline longer than this is a paragraph that happens to come first, not a headline.
_MAX_TITLE_CHARS = 300


def headline(text: str) -> str:
    """The first non-empty line of ``text``, stripped ("" when it is too long to be a headline).

    Scraped pages often open with a section label ("News", "World | Europe") before the headline: a
    first line of at most two words without final punctuation, followed by a longer line that is not
    a sentence of the body, gives way to that line.
    """
    lines = [ln.strip() for ln in text.split("\n", 50)[:50] if ln.strip()]
    if lines and _URL_LINE.match(lines[0]):
        lines = lines[1:]  # a scraped page's address, saved above its text (see leading_url)
    while lines and _CODE_LINE.search(lines[0]):
        lines = lines[1:]  # a style rule or a script the scraper kept ("a.logo{display: block;}")
    if not lines:
        return ""
    first = lines[0]
    if len(lines) > 1 and _is_section_label(first) and _headline_shaped(lines[1]):
        first = lines[1]
    return first if len(first) <= _MAX_TITLE_CHARS else ""


_URL_LINE = re.compile(r"^https?://\S+$", re.IGNORECASE)
# A CSS rule ("selector{property: value;}") or a statement of script ("var x = ...;", "function(").
_CODE_LINE = re.compile(r"\{[^{}]*:[^{}]*;[^{}]*\}|^\s*(?:var|let|const|function)\b.*[=(]|\bfunction\s*\(")


def leading_url(text: str) -> str | None:
    """The URL alone on the first non-empty line of ``text``, as scrapers often save a page's address
    above its text; None otherwise."""
    for line in text.split("\n", 20)[:20]:
        line = line.strip()
        if line:
            return line if _URL_LINE.match(line) else None
    return None


def _is_section_label(line: str) -> bool:
    words = line.replace("|", " ").replace("/", " ").split()
    return 0 < len(words) <= 2 and line[-1] not in ".!?:\"'”’"


def _headline_shaped(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 25 and len(line) <= _MAX_TITLE_CHARS and line[-1] not in ".\"'”’"


def article_from_text(
    text: str,
    id: str,
    origin: str,
    fmt: str = "txt",
    *,
    url: str | None = None,
    outlet: str | None = None,
    meta: dict[str, object] | None = None,
) -> Article:
    """An :class:`Article` whose raw text is ``text`` and whose title is its first line (after a URL
    line, which gives the article its address and, without other metadata, its outlet)."""
    if url is None and (url := leading_url(text)) is not None:
        outlet = outlet or host_of(url)
    return Article(
        id=id, raw=text, origin=origin, title=headline(text), fmt=fmt, url=url, outlet=outlet, meta=meta or {}
    )


def read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing before reading when its size is over ``max_bytes``.

    File-system errors become :class:`InputError` with a short reason.
    """
    try:
        size = path.stat().st_size
        check_size(source, size, max_bytes)
        with path.open("rb") as f:
            # Read one byte past the limit: a file that grew after stat() is still refused.
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise InputError(source, os_reason(e)) from e
    check_size(source, len(data), max_bytes)
    return data


def os_reason(e: OSError) -> str:
    """A one-line reason for a file-system error (``no such file or directory``, ...)."""
    if isinstance(e, FileNotFoundError):
        return "no such file or directory"
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    return (e.strerror or type(e).__name__).lower()


# A whole web page saved under a text name: a doctype or an <html>/<head>/<body> tag first (after
# comments). A text that only mentions a tag, or quotes markup in its body, does not start with one.
_HTML_DOCUMENT = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)


def read_text_file(path: Path, source: str, id: str, max_bytes: int) -> Article:
    """Read a ``.txt`` article; raise :class:`InputError` for unreadable, binary or empty files.

    A web page saved as ``.txt`` (scraped dumps often are) is read as the page it is."""
    data = read_bytes(path, source, max_bytes)
    text = decode_bytes(data, source)
    if _HTML_DOCUMENT.match(text[:4096]):
        from storyscope.ingest.html import article_from_html  # a plain-text ingest never needs it

        return article_from_html(decode_bytes(data, source, sniff_markup=True), id, source)
    return article_from_text(text, id, source)
