"""Briefings as one self-contained HTML5 page: inline CSS and JS, no external assets, opens offline.

Every citation marker with a known passage is a button; pressing it shows the cited characters of
the source's cleaned text (``text[start:end]``, highlighted) with some context around them. The
per-source texts travel in a ``<script type="application/json">`` block that the inline script reads.

Article text is untrusted. The template autoescapes everything; links are emitted only for http(s)
URLs; the JSON block has ``<``, ``>`` and ``&`` as ``\\u`` escapes so no ``</script>`` can close it;
and a Content-Security-Policy allows only this page's own style and script (by hash), so even a
missed escape could neither run script nor load anything.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from storyscope.models import Briefing, Json
from storyscope.render.json import version
from storyscope.render.view import StoryView

_TEMPLATES = "templates"

SourceHref = Callable[[str], str]


@cache
def template_text(name: str) -> str:
    """The text of one of the package's report templates or assets (``briefing.css``, …)."""
    return resources.files("storyscope.render").joinpath(_TEMPLATES, name).read_text("utf-8")


def template_loader() -> jinja2.BaseLoader:
    """A loader for the report's templates, so the web app can include the same story markup."""
    return jinja2.FunctionLoader(template_text)


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=template_loader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _csp_hash(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_json(value: object) -> str:
    """``value`` as JSON safe to place inside ``<script>``: no ``<``, ``>`` or ``&`` survive."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # U+2028/2029 are valid in JSON but were line terminators in older JS parsers.
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


@dataclass
class StoryBlock:
    """What the template sees of one story: its index (for element ids) and its view."""

    index: int
    view: StoryView
    panels: int = field(default=0)


def next_id(st: StoryBlock) -> str:
    """A fresh passage-panel element id within story ``st``."""
    st.panels += 1
    return f"st{st.index}-p{st.panels}"


def story_context(
    briefings: Iterable[Briefing], base_level: int = 1, source_href: SourceHref | None = None
) -> Json:
    """The variables ``story.html.j2`` needs for these briefings (rendered one after another).

    ``source_href`` gives each source's page URL in the web app; the self-contained file has none.
    """
    stories = [StoryBlock(i, StoryView(b)) for i, b in enumerate(briefings)]
    helper: Callable[[StoryBlock], str] = next_id
    return {
        "stories": stories,
        "base_level": base_level,
        "next_id": helper,
        "source_href": source_href,
        "data": Markup(script_json(_data(stories))),
    }


def _data(stories: list[StoryBlock]) -> Json:
    sources: Json = {}
    for st in stories:
        for s in st.view.sources:
            sources[f"st{st.index}-src{s.number}"] = {
                "id": s.article.id,
                "n": s.number,
                "label": s.label,
                "title": s.article.title,
                "text": s.article.text,
            }
    return {"sources": sources}


def render_html(bs: Iterable[Briefing]) -> str:
    """All briefings as one HTML document (a page saying "No stories." for none)."""
    briefings = list(bs)
    # One story: its title is the page's h1. Several: the page has an h1 and each story an h2.
    ctx = story_context(briefings, base_level=1 if len(briefings) == 1 else 2)
    stories: list[StoryBlock] = ctx["stories"]
    css, js = template_text("briefing.css"), template_text("briefing.js")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"style-src {_csp_hash(css)}",
            f"script-src {_csp_hash(js)}",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    if len(stories) == 1:
        page_title = f"{stories[0].view.title} · storyscope briefing"
    else:
        page_title = f"storyscope briefings ({len(stories)} stories)"
    return (
        _environment()
        .get_template("briefing.html.j2")
        .render(
            **ctx,
            page_title=page_title,
            generator=f"storyscope {version()}",
            csp=csp,
            css=Markup(css),
            js=Markup(js),
        )
    )
