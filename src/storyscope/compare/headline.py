"""A briefing's title: the headline that best speaks for the whole story.

The story keeps the headline of the article that opened it (ids and titles stay stable in the store),
but that first article is often an early, partial report ("X to visit Y next week") or carries a site's
banner instead of a headline. The briefing shows instead the source headline whose words the other
outlets use most in their own headlines and leads: the one a reader of all of them would recognise as
the story. A question is a teaser, not a title, and a copy of another article does not vote for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyscope.models import Article

# Leads are where outlets state the event; further down they diverge into background.
_LEAD_WORDS = 80
# Fewer content words than this is a label ("News", "World | Politics"), not a headline.
_MIN_WORDS = 3
# A headline with this many content words is complete; shorter ones score in proportion.
_FULL_WORDS = 5
_QUESTION_PENALTY = 0.5
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_STOPWORDS = frozenset(
    """
    a an and are as at be been but by for from had has have he her his how in into is it its more
    new not of on or our over says said she so than that the their them then there they this to up
    was we were what when where which while who why will with would after before about amid against
    der die das und ein eine mit von für auf den dem des im zu ist nach bei le la les de des du et un
    une en pour sur au aux el los las y del por para con il lo gli di che per
    """.split()
)


def _words(text: str) -> set[str]:
    """Content words, lower-cased, a possessive or plural ending dropped ("Iran's", "talks")."""
    out = set()
    for m in _TOKEN.finditer(text):
        w = m.group().casefold()
        w = re.sub(r"['’]s$", "", w)
        if len(w) < 3 or w in _STOPWORDS:
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def _lead(article: Article) -> str:
    return " ".join(article.text.split()[:_LEAD_WORDS])


def story_title(articles: Sequence[Article], fallback: str) -> str:
    """The source headline the other sources' headlines and leads support most, else ``fallback``."""
    ids = {a.id for a in articles}
    # A copy and its original are one voice: a headline's support is counted per voice.
    voice = {a.id: (a.duplicate_of if a.duplicate_of in ids else a.id) for a in articles}
    seen: dict[str, set[str]] = {}
    for a in articles:
        seen.setdefault(voice[a.id], set()).update(_words(a.title) | _words(_lead(a)))
    best: tuple[float, int] | None = None
    title = fallback
    for order, a in enumerate(articles):
        headline = " ".join(a.title.split())
        words = _words(headline)
        if len(words) < _MIN_WORDS:
            continue
        others = [w for v, w in seen.items() if v != voice[a.id]]
        # The share of its words each other voice uses, averaged (one voice alone: full support).
        support = sum(len(words & o) for o in others) / (len(words) * len(others)) if others else 1.0
        score = support * min(1.0, len(words) / _FULL_WORDS)
        if headline.endswith("?"):
            score *= _QUESTION_PENALTY
        # Ties go to the earlier article (the story's own order).
        if best is None or score > best[0]:
            best, title = (score, -order), headline
    return title
