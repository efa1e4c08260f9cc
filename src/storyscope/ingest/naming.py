"""Article ids: slugs, short hashes, and the per-run registry that keeps ids unique.

Ids are user-facing (they appear in citations), so they are short, lower-case, ASCII and stable: the
same input always gets the same id, and a clash within one run gets ``-2``, ``-3`` in input order.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import unquote, urlsplit

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Path segments that say nothing about the article (so a slug from ``/news/2022/07/index.html`` is
# built from what is left).
_BORING_SEGMENTS = frozenset({"index", "default", "article", "articles", "news", "story", "amp", "www"})
_EXTENSIONS = re.compile(r"\.(s?html?|php\d?|aspx?|jsp|cms|cfm)$", re.IGNORECASE)


def slugify(text: str, max_len: int = 60) -> str:
    """Lower-case ASCII words joined by ``-`` (accents folded; other scripts dropped), at most ``max_len``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_SLUG.sub("-", folded).strip("-")
    if len(slug) > max_len:
        # Cut at a word boundary so ids do not end in half a word.
        cut = slug[: max_len + 1].rfind("-")
        slug = slug[: cut if cut > max_len // 2 else max_len].strip("-")
    return slug


def short_hash(text: str, length: int = 8) -> str:
    """A short, stable hex digest of ``text`` (not for security: only to tell ids apart)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def id_from_title(title: str, key: str) -> str:
    """``<slug of title>-<hash of key>``; the slug falls back to ``article`` for non-Latin titles."""
    return f"{slugify(title) or 'article'}-{short_hash(key)}"


def id_from_url(url: str) -> str:
    """``<slug of the URL path>-<hash of the URL>``, e.g. ``bridge-opens-1a2b3c4d``."""
    parts = urlsplit(url)
    segments = [_EXTENSIONS.sub("", unquote(s)) for s in parts.path.split("/") if s]
    useful = [s for s in segments if s.lower() not in _BORING_SEGMENTS and not s.isdigit()]
    # The last meaningful segment is usually the article slug; fall back to the host.
    base = slugify(useful[-1]) if useful else ""
    if not base:
        base = slugify((parts.hostname or "").removeprefix("www.")) or "page"
    return f"{base}-{short_hash(url)}"


def host_of(url: str) -> str | None:
    """The URL's host name without ``www.``, or None when the URL has none."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


class UniqueIds:
    """Hands out ids unique within one run: a repeated id gets ``-2``, ``-3``, ... in order of arrival."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        """``wanted`` if still free, else the first free ``wanted-N`` (N from 2)."""
        candidate, n = wanted, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{wanted}-{n}"
        self._taken.add(candidate)
        return candidate
