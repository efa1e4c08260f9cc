"""Site boilerplate: a line that recurs on several pages of one site is the site's, not a story's.

Scraped pages carry their site's template: a banner with the site's most-read headline, menus, a
subscription or cookie notice, a "you are reading on another device" box, a newsletter prompt. The
cleaner reads one page at a time and cannot tell such a line from a sentence of the story; across
pages it is plain: the same line on three different pages of one site belongs to the site. Left in, it
leads the text the story clusterer embeds and reads names from, so a site's pages look alike whatever
they report, and the headline ingest found may be the banner.

:class:`SiteLines` keeps, per site, the line keys of its last ``window`` pages (templates change, and
memory stays bounded per site; the pool of unknown site, below, keeps ``pool_window``), and
:meth:`SiteLines.view` gives the clusterer an article without the lines (and title) that recur on
``min_pages`` of them. The stored article is never changed: the briefing keeps every sentence, and a
line taken for boilerplate only leaves what clustering reads.

A site is the article's outlet, else its URL's host; articles with neither (plain text files) share one
pool, where a template line is still the same line on many pages (``pool_min_pages`` there: a line on
a few pages of the pool may be one agency story that several outlets printed). A copy
(``duplicate_of``) is not counted: one story printed by several outlets is not a template, and copies
join their original's story without being read anyway. A view keeps at least ``MIN_BODY_WORDS``
words, or it is the article as is (an outlet re-running much of one text is not all boilerplate).
Lines are read from the lead only (the first ``LEAD_WORDS`` words): the clusterer reads no further.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt

from storyscope.models import Article

STAGE, VERSION = "site-lines", "1"
MIN_PAGES = 3
# Articles of unknown site share one pool, where a line on a few pages may be one story that several
# outlets printed (agency copy edited enough not to be a copy): there a template line must be on more
# pages. On ECB+ dev (undated, no outlets, sentences one per line) a pool at 3 pages took agency
# sentences out of 19 of 462 articles and cost 0.006 sub-event F1; at 5, one article.
POOL_MIN_PAGES = 5
WINDOW = 200
# The pool mixes many sites, so one site's pages are further apart in it.
POOL_WINDOW = 1000
LEAD_WORDS = 800
MIN_BODY_WORDS = 30

Keys = npt.NDArray[np.int64]


def site_of(article: Article) -> str:
    """The site an article's template comes from: its outlet, else its URL's host, else '' (unknown)."""
    if article.outlet and article.outlet.strip():
        return article.outlet.strip().casefold()
    if article.url:
        host = (urlsplit(article.url).hostname or "").casefold()
        return host.removeprefix("www.")
    return ""


def line_key(line: str) -> int:
    """A line's identity across pages: case and spacing do not count (48 bits, so that a key survives
    any JSON reader; a collision needs the same key on three pages)."""
    norm = " ".join(line.split()).casefold()
    return int.from_bytes(hashlib.blake2b(norm.encode(), digest_size=6).digest(), "big")


def _lead_lines(text: str) -> list[str]:
    """The non-empty lines of the text's first ``LEAD_WORDS`` words."""
    out: list[str] = []
    words = 0
    for line in text.split("\n"):
        if words >= LEAD_WORDS:
            break
        n = len(line.split())
        if n:
            out.append(line)
            words += n
    return out


def _keyed_lines(article: Article) -> dict[str, int]:
    """The key of each distinct lead line and of the title."""
    lines = _lead_lines(article.text)
    if article.title.strip():
        lines.append(article.title)
    return {x: line_key(x) for x in dict.fromkeys(lines)}


def line_keys(article: Article) -> Keys:
    """The distinct keys of an article's title and lead lines, sorted."""
    return _as_keys(_keyed_lines(article))


def _as_keys(keyed: dict[str, int]) -> Keys:
    return np.unique(np.array(list(keyed.values()), dtype=np.int64))


@dataclass
class _Site:
    pages: deque[tuple[str, Keys]] = field(default_factory=deque)
    ids: set[str] = field(default_factory=set)
    # Every page's keys in one sorted array (a page's keys are distinct, so a key's count is its
    # pages): 8 bytes a key, where a dict of counts would take a hundred.
    keys: Keys = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def add(self, article_id: str, keys: Keys) -> None:
        self.pages.append((article_id, keys))
        self.ids.add(article_id)
        self.keys = np.insert(self.keys, np.searchsorted(self.keys, keys), keys)

    def drop_oldest(self) -> None:
        old, keys = self.pages.popleft()
        self.ids.discard(old)
        # One occurrence of each (distinct) key: the first of its run.
        self.keys = np.delete(self.keys, np.searchsorted(self.keys, keys))


class SiteLines:
    """Per-site line keys of recent pages, and the clusterer's boilerplate-free view of an article."""

    def __init__(
        self,
        min_pages: int = MIN_PAGES,
        pool_min_pages: int = POOL_MIN_PAGES,
        window: int = WINDOW,
        pool_window: int = POOL_WINDOW,
    ) -> None:
        self.min_pages = min_pages
        self.pool_min_pages = pool_min_pages
        self.window = window
        self.pool_window = pool_window
        self._sites: dict[str, _Site] = {}

    def observe(self, article_id: str, site: str, keys: Keys) -> None:
        """Count one page of ``site`` (a page already counted is not counted again)."""
        s = self._sites.setdefault(site, _Site())
        if article_id in s.ids:
            return
        s.add(article_id, np.unique(keys))
        while len(s.pages) > (self.window if site else self.pool_window):
            s.drop_oldest()

    def add(self, article: Article) -> tuple[str, Keys] | None:
        """Count an article's page (copies are not counted); returns what was counted, to persist."""
        return self._add(article, _keyed_lines(article))

    def _add(self, article: Article, keyed: dict[str, int]) -> tuple[str, Keys] | None:
        if article.duplicate_of is not None:
            return None
        site, keys = site_of(article), _as_keys(keyed)
        self.observe(article.id, site, keys)
        return site, keys

    def read(self, article: Article) -> tuple[Article, tuple[str, Keys] | None]:
        """:meth:`add` then :meth:`view`, reading the article's lines once."""
        keyed = _keyed_lines(article)
        counted = self._add(article, keyed)
        return self._view(article, keyed), counted

    def boilerplate(self, site: str, keys: Iterable[int]) -> set[int]:
        """Those of ``keys`` found on enough recent pages of ``site`` (``min_pages``; ``pool_min_pages`` in
        the pool of unknown site, ``site=''``)."""
        s = self._sites.get(site)
        wanted = np.array(sorted(set(keys)), dtype=np.int64)
        least = self.min_pages if site else self.pool_min_pages
        if s is None or len(s.pages) < least or not len(wanted):
            return set()
        everything = s.keys
        counts = np.searchsorted(everything, wanted, side="right") - np.searchsorted(everything, wanted)
        return {int(k) for k, c in zip(wanted, counts, strict=True) if c >= least}

    def view(self, article: Article) -> Article:
        """The article as the clusterer reads it: without its site's recurring lead lines and title.

        A copy of the article (the stored one is untouched); the article itself when nothing recurs or
        too little would be left."""
        return self._view(article, _keyed_lines(article))

    def _view(self, article: Article, keyed: dict[str, int]) -> Article:
        found = self.boilerplate(site_of(article), keyed.values())
        if not found:
            return article
        dropped = {x for x, k in keyed.items() if k in found}
        kept = [x for x in article.text.split("\n") if x not in dropped]
        text = "\n".join(kept).strip()
        if len(text.split()) < MIN_BODY_WORDS:
            return article
        title = "" if article.title in dropped else article.title
        return replace(article, title=title, text=text)


def headline(view: Article, fallback: str) -> str:
    """A story title from an article's view: its title, else its first line when short enough to be a
    headline (the title ingest found was the site's banner), else ``fallback``."""
    if view.title.strip():
        return view.title
    first = next((x.strip() for x in view.text.split("\n") if x.strip()), "")
    return first if first and len(first.split()) <= 25 else fallback
