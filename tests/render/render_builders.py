"""Briefings for renderer tests, built from a small fictional story we wrote ourselves.

(Named ``render_builders`` rather than ``builders``: ``tests/builders.py`` is imported as the
top-level module ``builders``, and two modules of one name cannot both be imported.)
"""

from __future__ import annotations

import hashlib
from typing import Any

from storyscope.models import Article, Briefing, Json, Span, SummarySentence

GAZETTE = (
    "The Calder Street bridge in Eastwick reopened on Tuesday after five months of repairs. "
    'Mayor Ines Varga said: "This bridge is the heart of our town." '
    "Engineers replaced 40 steel cables damaged by the November storm. "
    "The repairs cost 12 million euros, the council said."
)
# The emoji sits before a cited passage: offsets are code points, and a renderer that counted
# UTF-16 units (as JavaScript strings do) would cut the wrong characters.
WIRE = (
    "Eastwick's Calder Street bridge is open again. "
    "The council put the cost of the work at 14 million euros. "
    'Varga called the bridge "the heart of our town" at the ceremony. 🎉\n\n'
    "Traffic resumed at noon on 1 April."
)


def make_article(id: str, text: str, *, title: str = "", meta: Json | None = None, **kw: Any) -> Article:
    """An already-cleaned article (raw == text)."""
    a = Article(id=id, raw=text, origin=f"{id}.txt", title=title, text=text, meta=meta or {}, **kw)
    a.content_hash = hashlib.sha256(text.encode()).hexdigest()
    return a


def offsets(article: Article, phrase: str) -> tuple[int, int]:
    """Start and end of the first occurrence of ``phrase`` in the article's cleaned text."""
    start = article.text.index(phrase)
    return start, start + len(phrase)


def span(article: Article, phrase: str) -> Span:
    """A :class:`Span` citing ``phrase`` in ``article``."""
    return Span(article.id, *offsets(article, phrase))


def default_articles() -> list[Article]:
    """Three sources: two outlets and a syndicated copy of the first (no URL, no date)."""
    return [
        make_article(
            "gazette-bridge",
            GAZETTE,
            title="Calder Street bridge reopens",
            outlet="Eastwick Gazette",
            url="https://gazette.example/2031/bridge",
            published="2031-04-02",
            language="en",
        ),
        make_article(
            "wire-bridge",
            WIRE,
            title="Bridge open again after storm repairs",
            outlet="Northern Wire",
            url="http://wire.example/bridge?id=7&x=1",
            published="2031-04-03T08:15:00Z",
            language="en",
            meta={"published_inferred": True},
        ),
        make_article(
            "post-bridge",
            GAZETTE,
            title="Calder Street bridge reopens",
            outlet="Valley Post",
            language="en",
            duplicate_of="gazette-bridge",
        ),
    ]


def make_briefing(articles: list[Article] | None = None, **fields: Any) -> Briefing:
    """A briefing with every section filled; ``fields`` replace any section (``summary=[]`` etc.).

    With custom ``articles`` only the sources change; pass sections that cite them as ``fields``.
    """
    if articles is not None:
        return Briefing(
            id=fields.pop("id", "story-1"), title=fields.pop("title", "A story"), sources=articles, **fields
        )
    g, w, p = default_articles()
    q_start, q_end = offsets(g, "This bridge is the heart of our town.")
    v_start, v_end = offsets(w, "the heart of our town")
    c_start, c_end = offsets(g, "the council said")
    a_start, a_end = offsets(g, "12 million euros")
    b_start, b_end = offsets(w, "14 million euros")
    sections: dict[str, Any] = {
        "summary": [
            SummarySentence(
                "The Calder Street bridge in Eastwick reopened after five months of repairs.",
                [g.id, w.id],
                [
                    span(g, GAZETTE[: GAZETTE.index(" Mayor")]),
                    span(w, "Eastwick's Calder Street bridge is open again."),
                ],
            ),
            SummarySentence(
                "Reports of the cost differ.",
                [w.id, g.id],
                [
                    span(w, "The council put the cost of the work at 14 million euros."),
                    span(g, "The repairs cost 12 million euros, the council said."),
                ],
            ),
            # The copy is cited without a span: its marker links to the source list instead.
            SummarySentence("Traffic resumed at noon.", [w.id, p.id], [span(w, "Traffic resumed at noon")]),
        ],
        "entities": [
            {
                "name": "Ines Varga",
                "type": "person",
                "aliases": ["Varga", "Mayor Ines Varga"],
                "sources": [w.id, g.id],
                "role": "mayor of Eastwick",
                "count": 2,
            },
            {"name": "Eastwick", "type": "place", "aliases": [], "sources": [g.id, w.id, p.id]},
        ],
        "quotes": [
            {
                "speaker": "Ines Varga",
                "text": "This bridge is the heart of our town.",
                "kind": "direct",
                "source": g.id,
                "start": q_start,
                "end": q_end,
                "verb": "said",
                "variants": [
                    {"source": w.id, "text": "the heart of our town", "start": v_start, "end": v_end}
                ],
            },
            {
                "speaker": None,
                "text": "The repairs cost 12 million euros",
                "kind": "indirect",
                "source": g.id,
                "start": c_start,
                "end": c_end,
                "variants": [],
            },
        ],
        "timeline": [
            {"date": "2030-11", "text": "A storm damages the bridge cables.", "sources": [g.id]},
            {"date": "2031-04-01", "text": "Traffic resumes.", "sources": [w.id]},
        ],
        "claims": [
            {"text": "The bridge has reopened.", "sources": [g.id, w.id], "status": "corroborated"},
            {"text": "The repairs cost 12 million euros.", "sources": [g.id], "status": "contested"},
            {"text": "Engineers replaced 40 cables.", "sources": [g.id], "status": "single_source"},
        ],
        "contradictions": [
            {
                "topic": "cost of the repairs",
                "rule": "number",
                "a": {"source": g.id, "text": "12 million euros", "start": a_start, "end": a_end},
                "b": {"source": w.id, "text": "14 million euros", "start": b_start, "end": b_end},
            },
        ],
        "framing": {
            w.id: {
                "tone": "neutral",
                "focus": ["cost", "traffic"],
                "coverage": {
                    "claims": 1,
                    "of": 2,
                    "only_here": [{"text": "14 million euros"}],
                    "only_here_count": 1,
                    "left_out": [],
                    "left_out_count": 0,
                },
                "quoted": [{"speaker": "Ada Brun", "quotes": 1, "words": 6}],
                "reporting_verbs": [{"verb": "say", "count": 2}, {"verb": "claim", "count": 1}],
                "distinctive_terms": [{"term": "traffic", "count": 3, "z": 2.1}],
            },
            g.id: {"tone": "celebratory", "focus": ["civic pride"], "score": 0.8125},
        },
    }
    sections.update(fields)
    return Briefing(
        id=sections.pop("id", "story-bridge"),
        title=sections.pop("title", "Eastwick bridge reopens after repairs"),
        sources=[g, w, p],
        **sections,
    )


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "[click](javascript:alert(4))",
    "&lt;b&gt; & <!-- comment -->",
]


def make_hostile_briefing() -> Briefing:
    """A briefing whose every article-derived string carries markup or script, for escaping tests."""
    bad = " ".join(HOSTILE)
    text = f"Intro. {bad} The end <b>bold</b>."
    a = make_article(
        "evil<1>",
        text,
        title=bad,
        outlet="<b>Outlet</b>" + HOSTILE[0],
        url="javascript:alert(5)",
        published="2031-01-01",
        language="<i>en</i>",
    )
    b = make_article(
        "evil2",
        text,
        title="Second " + HOSTILE[1],
        outlet=HOSTILE[3],
        url='https://ok.example/a"onmouseover="alert(6)',
        duplicate_of="evil<1>",
    )
    s, e = offsets(a, HOSTILE[2])
    return Briefing(
        id="<story>",
        title=bad,
        sources=[a, b],
        summary=[SummarySentence(bad, [a.id, b.id], [Span(a.id, s, e)])],
        entities=[
            {
                "name": HOSTILE[0],
                "type": HOSTILE[1],
                "aliases": [HOSTILE[4]],
                "sources": [a.id],
                "role": HOSTILE[3],
            }
        ],
        quotes=[
            {
                "speaker": HOSTILE[1],
                "text": HOSTILE[2],
                "kind": "direct",
                "source": a.id,
                "start": s,
                "end": e,
                "variants": [{"source": b.id, "text": HOSTILE[0]}],
                "verb": "claim",
                "cue": HOSTILE[3],
            },
            {
                "speaker": HOSTILE[1],
                "text": HOSTILE[0],
                "kind": "indirect",
                "source": a.id,
                "start": s,
                "end": e,
                "variants": [],
                "verb": "deny",
                "cue": HOSTILE[1],
            },
        ],
        timeline=[{"date": "2031-01-01", "text": bad, "sources": [a.id]}],
        claims=[{"text": bad, "sources": [a.id, b.id], "status": "contested"}],
        contradictions=[
            {
                "topic": HOSTILE[0],
                "a": {"source": a.id, "text": HOSTILE[1]},
                "b": {"source": b.id, "text": HOSTILE[2]},
            }
        ],
        framing={a.id: {HOSTILE[0]: HOSTILE[1]}, b.id: HOSTILE[2]},
    )
