from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_builders import HOSTILE, make_article, make_briefing, make_hostile_briefing

from storyscope.models import Briefing, Span, SummarySentence
from storyscope.render.html import render_html, script_json


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]


@dataclass
class Page(HTMLParser):
    """Every start tag of a page, plus the raw contents of its <script> and <style> elements."""

    tags: list[Tag] = field(default_factory=list)
    scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    _raw: tuple[str, dict[str, str]] | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(Tag(tag, a))
        if tag in ("script", "style"):
            self._raw = (tag, a)
            if tag == "script":
                self.scripts.append((a, ""))
            else:
                self.styles.append("")

    def handle_data(self, data: str) -> None:
        if self._raw and self._raw[0] == "script":
            a, text = self.scripts[-1]
            self.scripts[-1] = (a, text + data)
        elif self._raw:
            self.styles[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if self._raw and tag == self._raw[0]:
            self._raw = None

    def find(self, name: str, **attrs: str) -> list[Tag]:
        return [t for t in self.tags if t.name == name and all(t.attrs.get(k) == v for k, v in attrs.items())]

    def data(self) -> dict[str, dict[str, object]]:
        (text,) = [t for a, t in self.scripts if a.get("type") == "application/json"]
        sources: dict[str, dict[str, object]] = json.loads(text)["sources"]
        return sources


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def _cite_buttons(page: Page) -> list[Tag]:
    return [t for t in page.find("button") if "cite" in t.attrs.get("class", "").split()]


def test_page_is_self_contained() -> None:
    html = render_html([make_briefing(), make_hostile_briefing()])
    page = parse(html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    for t in page.tags:
        assert "src" not in t.attrs, t
        assert t.name not in ("link", "img", "iframe", "object", "embed", "base", "form", "audio", "video"), t
        href = t.attrs.get("href")
        if href is not None:
            # In-page anchors, or a plain link to an article: never a loaded resource.
            assert href.startswith("#") or (t.name == "a" and re.match(r"https?://", href)), t
    assert not re.search(r"<link\b", html, re.I)
    (style,) = page.styles
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    inline = [text for a, text in page.scripts if "type" not in a]
    assert len(inline) == 1 and len(page.scripts) == 2
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|\.src\s*=", inline[0])


def test_content_security_policy_allows_exactly_the_inline_style_and_script() -> None:
    page = parse(render_html([make_briefing()]))
    (meta,) = page.find("meta", **{"http-equiv": "Content-Security-Policy"})
    policy = dict(d.strip().split(" ", 1) for d in meta.attrs["content"].split(";"))

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    (script,) = [text for a, text in page.scripts if "type" not in a]
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == sha(script)
    assert policy["style-src"] == sha(page.styles[0])


def test_hostile_article_text_is_escaped_everywhere() -> None:
    b = make_hostile_briefing()
    html = render_html([b])
    page = parse(html)
    # The literal attack strings never appear; their escaped forms do.
    for needle in ("<script>alert", "<img", "<svg", "</script><script>", "<b>", "<i>en", "<!-- comment"):
        assert needle not in html, needle
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Parsed, the page has only our own elements and attributes: no handler got through.
    assert {t.name for t in page.tags} <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "a",
        "main",
        "article",
        "h1",
        "h2",
        "h3",
        "section",
        "div",
        "p",
        "span",
        "button",
        "ul",
        "ol",
        "li",
        "strong",
        "q",
        "time",
        "dl",
        "dt",
        "dd",
        "details",
        "summary",
        "cite",
        "script",
        "blockquote",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
    assert not [t for t in page.tags for k in t.attrs if k.startswith("on")]
    assert not [t for t in page.tags if "javascript:" in t.attrs.get("href", "").lower()]
    assert not [t for t in page.tags if "onmouseover" in t.attrs.get("href", "")]
    assert len(page.scripts) == 2  # `</script>` in an article did not open or close any script
    # The JSON block holds no "<" at all, and still decodes to the exact article text.
    (raw,) = [text for a, text in page.scripts if a.get("type") == "application/json"]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    texts = {d["id"]: d["text"] for d in page.data().values()}
    assert texts == {a.id: a.text for a in b.sources}


def test_only_http_and_https_urls_become_links() -> None:
    b = make_briefing()
    b.sources[0].url = "JavaScript:alert(1)"
    b.sources[1].url = "data:text/html,<b>x</b>"
    b.sources[2].url = "https://fine.example/story"
    page = parse(render_html([b]))
    links = [t.attrs["href"] for t in page.find("a") if not t.attrs["href"].startswith("#")]
    assert links == ["https://fine.example/story"]
    (a,) = page.find("a", href="https://fine.example/story")
    assert a.attrs["rel"] == "noopener noreferrer nofollow"


def test_summary_citations_carry_the_exact_cited_passage() -> None:
    b = make_briefing()
    page = parse(render_html([b]))
    data = page.data()
    texts = {a.id: a.text for a in b.sources}
    spans = {(sp.source, sp.start, sp.end) for s in b.summary for sp in s.spans}
    seen = set()
    for btn in _cite_buttons(page):
        src = data[btn.attrs["data-src"]]
        start, end = int(btn.attrs["data-start"]), int(btn.attrs["data-end"])
        text = str(src["text"])
        assert text == texts[str(src["id"])]
        assert text[start:end]
        assert btn.attrs["data-src"] == f"st0-src{src['n']}"
        assert page.find("li", id=btn.attrs["data-src"]), "the marker's source is in the Sources list"
        assert page.find("div", id=btn.attrs["aria-controls"]), "the marker controls a passage panel"
        seen.add((str(src["id"]), start, end))
    assert spans <= seen
    # The emoji before "Traffic resumed" does not shift offsets: these are code points.
    traffic = [
        t for t in _cite_buttons(page) if t.attrs["data-start"] == str(texts["wire-bridge"].index("Traffic"))
    ]
    assert traffic and texts["wire-bridge"][int(traffic[0].attrs["data-start"]) :].startswith(
        "Traffic resumed"
    )


def test_sources_without_a_span_are_links_to_the_source_list() -> None:
    page = parse(render_html([make_briefing()]))
    assert page.find("a", href="#st0-src3", **{"class": "cite"})
    (copy_item,) = page.find("li", id="st0-src3")
    assert copy_item.attrs["value"] == "3"
    html = render_html([make_briefing()])
    assert 'copy of <a href="#st0-src1">[1]</a>' in html


def test_sources_list_has_each_full_text_collapsible() -> None:
    b = make_briefing()
    html = render_html([b])
    page = parse(html)
    # One per source, and one folding away the claims a single source makes.
    assert len(page.find("details")) == len(b.sources) + 1
    assert len(page.find("details", **{"class": "single-claims"})) == 1
    sources_section = html.split('id="st0-sources"')[1]
    assert "Eastwick&#39;s Calder Street bridge is open again." in sources_section
    assert "(date inferred)" in sources_section
    assert '<time datetime="2031-04-03">' in sources_section


def test_headings_sections_and_empty_sections() -> None:
    page = parse(render_html([make_briefing()]))
    assert len(page.find("h1")) == 1
    titles = [t.attrs.get("id") for t in page.find("h2")]
    assert titles == [
        "st0-what",
        "st0-when",
        "st0-who",
        "st0-said",
        "st0-claims",
        "st0-contra",
        "st0-framing",
        "st0-sources",
    ]
    bare = make_briefing(entities=[], quotes=[], timeline=[], claims=[], contradictions=[], framing={})
    page = parse(render_html([bare]))
    assert [t.attrs.get("id") for t in page.find("h2")] == ["st0-what", "st0-sources"]


def test_several_stories_get_a_page_heading_and_navigation() -> None:
    other = make_briefing(
        [make_article("solo", "Only one source here.", outlet="Solo News")],
        title="Second story",
        summary=[SummarySentence("Only one source.", ["solo"], [Span("solo", 0, 20)])],
    )
    page = parse(render_html([make_briefing(), other]))
    assert len(page.find("h1")) == 1
    assert [t.attrs["id"] for t in page.find("h2")] == ["st0-title", "st1-title"]
    assert page.find("nav") and page.find("a", href="#st1")
    assert "st1-src1" in page.data()
    # Element ids never repeat, even with two stories on the page.
    ids = [t.attrs["id"] for t in page.tags if "id" in t.attrs]
    assert len(ids) == len(set(ids))


def test_no_stories() -> None:
    html = render_html([])
    assert "<p>No stories.</p>" in html and parse(html).data() == {}


def test_rendering_is_deterministic() -> None:
    bs: list[Briefing] = [make_briefing(), make_hostile_briefing()]
    assert render_html(bs) == render_html([make_briefing(), make_hostile_briefing()])


def test_script_json_cannot_close_the_script_element() -> None:
    out = script_json({"t": "</script><!-- <script> & \u2028"})
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert json.loads(out) == {"t": "</script><!-- <script> & \u2028"}


NODE = shutil.which("node")

# A minimal stand-in for the browser globals the script touches at load time.
HARNESS = """
const data = %s;
globalThis.window = globalThis;
globalThis.location = {hash: ""};
globalThis.addEventListener = () => {};
globalThis.Element = class {};
globalThis.document = {
  getElementById: (id) => id === "storyscope-data" ? {textContent: data} : null,
  addEventListener: () => {}, querySelectorAll: () => [],
};
%s
const cases = %s;
const out = cases.map(([text, start, end]) => window.storyscopePassage(Array.from(text), start, end, 20));
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.skipif(NODE is None, reason="needs node to run the page's script")
def test_page_script_cuts_passages_by_code_point() -> None:
    b = make_briefing()
    page = parse(render_html([b]))
    (script,) = [text for a, text in page.scripts if "type" not in a]
    (raw,) = [text for a, text in page.scripts if a.get("type") == "application/json"]
    data = page.data()
    cases = [
        (str(data[t.attrs["data-src"]]["text"]), int(t.attrs["data-start"]), int(t.attrs["data-end"]))
        for t in _cite_buttons(page)
    ]
    emoji = "a 😀 b 😀 cited 😀 tail"
    cases.append((emoji, emoji.index("cited"), emoji.index("cited") + 5))
    program = HARNESS % (json.dumps(raw), script, json.dumps(cases))
    assert NODE is not None
    run = subprocess.run([NODE, "-e", program], capture_output=True, text=True, timeout=30, check=True)
    results = json.loads(run.stdout)
    for (text, start, end), got in zip(cases, results, strict=True):
        assert got["cited"] == text[start:end]
        before = got["before"].removeprefix("…")
        after = got["after"].removesuffix("…")
        # Context is whole words around the passage, taken from the same text.
        assert text[start - len(before) : start] == before
        assert text[end : end + len(after)] == after
    assert results[-1]["cited"] == "cited"


def test_hostile_strings_in_data_round_trip() -> None:
    data = parse(render_html([make_hostile_briefing()])).data()
    titles = {str(d["title"]) for d in data.values()}
    assert " ".join(HOSTILE) in titles


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=80), st.text(max_size=30), st.data())
def test_any_article_text_round_trips_and_stays_text(body: str, title: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    a = make_article("x", body, title=title, outlet=title, url=title)
    b = make_briefing(
        [a], title=title, summary=[SummarySentence("Said: " + title, ["x"], [Span("x", start, end)])]
    )
    page = parse(render_html([b]))
    assert not [t for t in page.tags for k in t.attrs if k.startswith("on")]
    assert len(page.scripts) == 2 and len(page.styles) == 1
    (src,) = page.data().values()
    assert src["text"] == body and src["title"] == title
    (btn,) = _cite_buttons(page)
    assert (btn.attrs["data-start"], btn.attrs["data-end"]) == (str(start), str(end))


# Just enough DOM for the page script: elements with attributes, children and text, the two
# selectors it queries, and a document that records its listeners so the test can "click".
FAKE_DOM = """
class Element {
  constructor(tag) { this.tagName = tag; this.attrs = {}; this.children = []; this.parent = null;
                     this.hidden = false; this.className = ""; this.listeners = {}; }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; }
  appendChild(c) { c.parent = this; this.children.push(c); return c; }
  addEventListener(type, fn) { this.listeners[type] = fn; }
  get textContent() { return this.children.map((c) => c.textContent).join(""); }
  set textContent(v) { this.children = v === "" ? [] : [new Text(v)]; }
  closest(sel) {
    for (let n = this; n; n = n.parent) {
      if (sel === "button.cite" && n.tagName === "button" && n.className === "cite") return n;
      if (sel === ".passage" && n.className === "passage") return n;
      if (sel === "a[data-open]" && n.tagName === "a" && n.getAttribute("data-open") !== null) return n;
    }
    return null;
  }
  focus() { globalThis.focused = this; }
}
class Text { constructor(v) { this.textContent = v; } }
globalThis.Element = Element;
globalThis.window = globalThis;
globalThis.location = {hash: ""};
globalThis.addEventListener = () => {};
const byId = {};
const buttons = [];
const docListeners = {};
globalThis.document = {
  getElementById: (id) => byId[id] || null,
  createElement: (tag) => new Element(tag),
  createTextNode: (v) => new Text(v),
  addEventListener: (type, fn) => { docListeners[type] = fn; },
  querySelectorAll: (sel) => {
    const m = /aria-controls="([^"]+)"\\]\\[aria-expanded="true"\\]/.exec(sel);
    if (!m) return [];
    return buttons.filter((b) => b.attrs["aria-controls"] === m[1] && b.attrs["aria-expanded"] === "true");
  },
  querySelector: (sel) => document.querySelectorAll(sel)[0] || null,
};
const data = new Element("script"); data.textContent = %(data)s; byId["storyscope-data"] = data;
for (const [attrs, panelId] of %(buttons)s) {
  const b = new Element("button"); b.className = "cite"; Object.assign(b.attrs, attrs); buttons.push(b);
  if (!byId[panelId]) {
    const p = new Element("div"); p.id = panelId; p.className = "passage"; p.hidden = true; byId[panelId] = p;
  }
}
%(script)s
const out = buttons.map((b) => {
  const panel = byId[b.attrs["aria-controls"]];
  docListeners.click({target: b});
  const shown = {hidden: panel.hidden, expanded: b.attrs["aria-expanded"], text: panel.textContent,
                 mark: panel.children[1] ? panel.children[1].children[1].textContent : null};
  docListeners.click({target: b});  // a second press hides the passage again
  shown.hiddenAfter = panel.hidden; shown.expandedAfter = b.attrs["aria-expanded"];
  return shown;
});
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.skipif(NODE is None, reason="needs node to run the page's script")
def test_pressing_a_marker_shows_the_cited_passage_highlighted() -> None:
    b = make_briefing()
    page = parse(render_html([b]))
    (script,) = [text for a, text in page.scripts if "type" not in a]
    (raw,) = [text for a, text in page.scripts if a.get("type") == "application/json"]
    buttons = [(t.attrs, t.attrs["aria-controls"]) for t in _cite_buttons(page)]
    program = FAKE_DOM % {"data": json.dumps(raw), "buttons": json.dumps(buttons), "script": script}
    assert NODE is not None
    run = subprocess.run([NODE, "-e", program], capture_output=True, text=True, timeout=30, check=True)
    results = json.loads(run.stdout)
    data = page.data()
    assert len(results) == len(buttons) > 0
    for (attrs, _), shown in zip(buttons, results, strict=True):
        src = data[attrs["data-src"]]
        cited = str(src["text"])[int(attrs["data-start"]) : int(attrs["data-end"])]
        assert shown["hidden"] is False and shown["expanded"] == "true"
        assert shown["mark"] == cited
        assert f"[{src['n']}] {src['label']}" in shown["text"] and cited in shown["text"]
        assert shown["hiddenAfter"] is True and shown["expandedAfter"] == "false"


def test_entities_past_the_listed_ones_are_folded_not_lost() -> None:
    from storyscope.render.view import MAX_LISTED_ENTITIES

    brief = make_briefing()
    brief.entities = [
        *brief.entities,
        *(
            {"name": f"Player {i:04d}", "type": "person", "aliases": [], "sources": [], "count": 1}
            for i in range(MAX_LISTED_ENTITIES + 5)
        ),
    ]
    page = render_html([brief])
    assert '<details class="more-entities">' in page
    assert f"Player {MAX_LISTED_ENTITIES + 4:04d}" in page and "Player 0000" in page
