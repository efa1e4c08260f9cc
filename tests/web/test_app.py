"""The web app in process, through its ASGI interface: API, pages, escaping and the ingest gate."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from web_fixtures import FERRY_A, HOSTILE_BODY, ferry_store, hostile_store, write

import storyscope.web.catalog as catalog_module
from storyscope.models import Briefing, Story
from storyscope.pipeline import ingest
from storyscope.render.json import SCHEMA_ID, validate
from storyscope.store.sqlite import SQLiteStore
from storyscope.web.app import create_app

BASE = "http://127.0.0.1"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.inline_scripts: list[str] = []
        self._in_script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "script":
            self._in_script = a

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None and "type" not in self._in_script and "src" not in self._in_script:
            self.inline_scripts.append(data)


def tags(html: str) -> Tags:
    t = Tags()
    t.feed(html)
    t.close()
    return t


def assert_inert(html: str) -> None:
    """No script, handler or javascript: URL from article text made it into the page as markup."""
    page = tags(html)
    assert not page.inline_scripts, "pages carry no inline script (CSP forbids it anyway)"
    for name, attrs in page.tags:
        assert not [k for k in attrs if k.startswith("on")], (name, attrs)
        for key in ("href", "src", "action"):
            assert not attrs.get(key, "").strip().lower().startswith("javascript:"), (name, attrs)
        if name == "script":
            assert attrs.get("type") == "application/json" or attrs.get("src") == "/static/briefing.js"
        assert name not in ("img", "svg", "iframe", "object", "embed", "base"), name
    for needle in ("<script>alert", "<img src=x", "<svg onload", "<b>Evil"):
        assert needle not in html, needle


@pytest.fixture(scope="module")
def ferry(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Story, Story]:
    return ferry_store(tmp_path_factory.mktemp("ferry"))


@pytest.fixture
def client(ferry: tuple[str, Story, Story]) -> Iterator[TestClient]:
    with TestClient(create_app(ferry[0]), base_url=BASE) as c:
        yield c


def test_api_lists_stories_with_filters(client: TestClient, ferry: tuple[str, Story, Story]) -> None:
    _, boat, apples = ferry
    body = client.get("/api/stories").json()
    assert body["total"] == 2 and {s["id"] for s in body["stories"]} == {boat.id, apples.id}
    (entry,) = [s for s in body["stories"] if s["id"] == boat.id]
    assert entry["outlets"] == ["Island Wire", "Portlan Courier"]
    assert (entry["first_published"], entry["last_published"]) == ("2031-03-10", "2031-03-11")
    assert entry["page"] == f"/stories/{boat.id}" and entry["api"] == f"/api/stories/{boat.id}"

    def ids(**params: str) -> list[str]:
        r = client.get("/api/stories", params=params)
        assert r.status_code == 200, r.text
        return [s["id"] for s in r.json()["stories"]]

    assert ids(outlet="portlan courier") == [boat.id]
    assert ids(language="de") == [apples.id]
    assert ids(q="ferry queue") == [boat.id]
    assert ids(q="Apfelernte") == [apples.id]
    assert ids(q="volcano") == []
    assert ids(since="2031-03-11") == [boat.id]
    assert ids(until="2031-03-09") == []
    assert ids(since="2031-03-01", until="2031-03-10", outlet="Island Wire") == [boat.id]
    assert client.get("/api/stories", params={"since": "March"}).status_code == 422
    assert client.get("/api/stories", params={"limit": 1}).json()["total"] == 2
    assert len(client.get("/api/stories", params={"limit": 1}).json()["stories"]) == 1


def test_api_story_is_a_schema_valid_contract_story(
    client: TestClient, ferry: tuple[str, Story, Story]
) -> None:
    r = client.get(f"/api/stories/{ferry[1].id}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    story = r.json()
    validate({"schema": SCHEMA_ID, "generated_by": "storyscope 0", "stories": [story]})
    assert {s["id"] for s in story["sources"]} == {"wire-ferry", "courier-ferry"}
    assert story["summary"], "the summary is built from the stored articles"
    missing = client.get("/api/stories/s-nope")
    assert missing.status_code == 404 and missing.json() == {"detail": "no story 's-nope'"}


def test_openapi_and_offline_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/schema"} <= set(spec["paths"])
    assert not [p for p in spec["paths"] if not p.startswith("/api/")], "pages stay out of the API spec"
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "GET /api/stories/{story_id}" in docs.text and "/openapi.json" in docs.text
    # Offline: the docs page loads nothing from another origin.
    for _, attrs in tags(docs.text).tags:
        for key in ("src", "href"):
            assert not re.match(r"(https?:)?//", attrs.get(key, "")), attrs
    assert client.get("/api/schema").json()["properties"]["schema"]["const"] == SCHEMA_ID


def test_story_list_page_filters_and_search(client: TestClient, ferry: tuple[str, Story, Story]) -> None:
    _, boat, apples = ferry
    html = client.get("/").text
    assert f'href="/stories/{boat.id}"' in html and f'href="/stories/{apples.id}"' in html
    assert '<option value="Island Wire">' in html and '<option value="de">' in html
    filtered = client.get("/", params={"language": "de"}).text
    assert f'href="/stories/{apples.id}"' in filtered and f'href="/stories/{boat.id}"' not in filtered
    searched = client.get("/", params={"q": "harbour master"}).text
    assert f'href="/stories/{boat.id}"' in searched and f'href="/stories/{apples.id}"' not in searched
    bad = client.get("/", params={"since": "yesterday"}).text
    assert "Ignored since: expected a date" in bad and f'href="/stories/{boat.id}"' in bad


def test_story_page_is_the_report_with_links_to_sources(
    client: TestClient, ferry: tuple[str, Story, Story]
) -> None:
    boat = ferry[1]
    r = client.get(f"/stories/{boat.id}")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    page = tags(r.text)
    h1 = [a for t, a in page.tags if t == "h1"]
    assert len(h1) == 1
    buttons = [a for t, a in page.tags if t == "button" and "cite" in a.get("class", "")]
    assert buttons and all(a["aria-controls"] for a in buttons)
    assert f'href="/stories/{boat.id}/sources/wire-ferry"' in r.text
    assert '<script src="/static/briefing.js"></script>' in r.text
    assert_inert(r.text)
    for name, media in (
        ("briefing.css", "text/css"),
        ("briefing.js", "text/javascript"),
        ("web.css", "text/css"),
    ):
        asset = client.get(f"/static/{name}")
        assert asset.status_code == 200 and asset.headers["content-type"].startswith(media)
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/stories/s-nope").status_code == 404


def test_source_page_shows_removed_junk_and_cited_passages(
    client: TestClient, ferry: tuple[str, Story, Story]
) -> None:
    boat = ferry[1]
    r = client.get(f"/stories/{boat.id}/sources/wire-ferry")
    assert r.status_code == 200
    removed = re.findall(r'<del class="removed" title="removed: [^"]+">([^<]*)</del>', r.text)
    assert any("Share your thoughts" in x for x in removed), removed
    assert not any("sailed again on Monday" in x for x in removed)
    assert re.search(r'<mark class="hl[^"]*hl-summary', r.text)
    # Every character of the input is on the page, in order (markup aside).
    text = re.sub(r"<[^>]+>", "", r.text.split('<div class="rawtext">')[1].split("</div>")[0])
    assert text.replace("&#34;", '"').replace("&#39;", "'") == "\n".join(FERRY_A.splitlines()[1:])
    assert client.get(f"/stories/{boat.id}/sources/nope").status_code == 404
    assert client.get(f"/stories/{ferry[2].id}/sources/wire-ferry").status_code == 404


def test_host_header_must_name_this_server(client: TestClient) -> None:
    assert client.get("/api/stories", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/api/stories", headers={"host": "localhost:8000"}).status_code == 200


# -- untrusted text ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Story]:
    return hostile_store(tmp_path_factory.mktemp("hostile"))


def _with_every_section(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fill every briefing section with article-derived (hostile) strings, citing real offsets."""
    real = catalog_module.build_briefing

    def build(*args: Any, **kw: Any) -> Briefing:
        b = real(*args, **kw)
        a = b.sources[0]
        bad = a.title
        s = a.text.index("<script>")
        e = s + len('<script>alert("body")</script>')
        span = {"source": a.id, "start": s, "end": e}
        b.entities = [
            {"name": bad, "type": "<i>x</i>", "aliases": ["javascript:alert(1)"], "sources": [a.id]}
        ]
        b.quotes = [
            {
                "speaker": bad,
                "text": bad,
                "kind": "direct",
                **span,
                "variants": [{"source": a.id, "text": "<b>v"}],
            }
        ]
        b.timeline = [{"date": "2031-05", "text": bad, "sources": [a.id], "spans": [span], "scheduled": True}]
        b.claims = [{"text": bad, "sources": [a.id], "status": "contested", "spans": [span]}]
        b.contradictions = [
            {
                "topic": bad,
                "rule": "<svg onload=alert(7)>",
                "a": {"source": a.id, "text": bad, **span},
                "b": {"source": a.id, "text": "<img src=x onerror=alert(8)>"},
            }
        ]
        b.framing = {a.id: {"<script>alert(9)</script>": bad}}
        return b

    monkeypatch.setattr(catalog_module, "build_briefing", build)


def test_hostile_articles_are_inert_on_every_page(
    hostile: tuple[str, Story], monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_every_section(monkeypatch)
    db, story = hostile
    with TestClient(create_app(db), base_url=BASE) as c:
        pages = {
            "list": c.get("/"),
            "search": c.get("/", params={"q": "harbour <script>"}),
            "story": c.get(f"/stories/{story.id}"),
            "source": c.get(f"/stories/{story.id}/sources/evil%3C1%3E"),
            "outlet filter": c.get("/", params={"outlet": "<b>Evil</b> <script>alert(5)</script>"}),
        }
        for name, r in pages.items():
            assert r.status_code == 200, name
            assert_inert(r.text)
        story_html = pages["story"].text
        assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in story_html
        for section in ("st0-when", "st0-who", "st0-said", "st0-claims", "st0-contra", "st0-framing"):
            assert f'id="{section}"' in story_html, section
        assert 'class="badge">scheduled<' in story_html
        # The javascript: URL is shown as text at most, never as a link.
        assert 'href="javascript' not in story_html.lower()
        assert "&lt;script&gt;alert(&#34;body&#34;)" in pages["source"].text
        assert pages["outlet filter"].text.count('href="/stories/') == 1

        # The API hands the same strings back as JSON data, verbatim, never as HTML.
        api = c.get(f"/api/stories/{story.id}")
        assert api.headers["content-type"] == "application/json"
        assert api.headers["x-content-type-options"] == "nosniff"
        src = api.json()["sources"][0]
        assert src["id"] == "evil<1>" and src["title"].startswith('<script>alert("title")')
        assert "javascript:alert(2)" in src["text"] and src["text"] in HOSTILE_BODY.replace("\n\n", "\n\n")
        listing = c.get("/api/stories").json()["stories"][0]
        assert listing["outlets"] == ["<b>Evil</b> <script>alert(5)</script>"]


# -- ingest through the web -------------------------------------------------------------------------


def _token(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m
    return m.group(1)


def test_ingest_is_off_unless_allowed(ferry: tuple[str, Story, Story]) -> None:
    with TestClient(create_app(ferry[0]), base_url=BASE) as c:
        assert 'href="/ingest"' not in c.get("/").text
        assert c.get("/ingest").status_code == 403
        r = c.post("/ingest", files={"files": ("a.txt", b"Title\n\nBody text here.")}, data={"csrf": "x"})
        assert r.status_code == 403
        assert c.get("/api/stories").json()["total"] == 2


def test_ingest_upload_needs_the_token_and_respects_the_size_limit(tmp_path: Path) -> None:
    db = str(tmp_path / "in.db")
    SQLiteStore(db).close()
    article = (FERRY_A.replace("Marrow", "Sorrel")).encode()
    with TestClient(create_app(db, allow_ingest=True), base_url=BASE) as c:
        form = c.get("/ingest")
        assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text
        token = _token(form.text)
        files = {"files": ("../../etc/sorrel ferry.txt", article, "text/plain")}
        assert c.post("/ingest", files=files).status_code == 403
        assert c.post("/ingest", files=files, data={"csrf": token + "x"}).status_code == 403
        assert c.get("/api/stories").json()["total"] == 0

        ok = c.post("/ingest", files=files, data={"csrf": token})
        assert ok.status_code == 200, ok.text
        assert "1 added" in ok.text
        (story,) = c.get("/api/stories").json()["stories"]
        assert f'href="{story["page"]}"' in ok.text
        sources = c.get(story["api"]).json()["sources"]
        assert [s["id"] for s in sources] == ["sorrel_ferry"], "the file name is reduced to a safe base name"

        assert c.post("/ingest", data={"csrf": token, "urls": "javascript:alert(1)"}).status_code == 400
        assert c.post("/ingest", data={"csrf": token, "urls": ""}).status_code == 400
    small = create_app(db, allow_ingest=True, config=catalog_module.Config.load(max_bytes=1000))
    with TestClient(small, base_url=BASE) as c:
        token = _token(c.get("/ingest").text)
        big = {"files": ("big.txt", b"Headline\n\n" + b"word " * 20_000, "text/plain")}
        r = c.post("/ingest", files=big, data={"csrf": token})
        assert r.status_code == 413
        one_over = {"files": ("b.txt", b"x" * 1001, "text/plain")}
        assert c.post("/ingest", files=one_over, data={"csrf": token}).status_code == 413


def test_ingest_page_shows_an_entry_stored_from_its_feed_summary(tmp_path: Path) -> None:
    db = str(tmp_path / "in.db")
    SQLiteStore(db).close()
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Velmar Courier</title>'
        b"<item><title>Ferry strike enters third day</title><link>http://127.0.0.1:9/ferry</link>"
        b"<description>The Velmar ferry strike entered its third day on Friday as talks between the "
        b"unions and the port owners stalled again.</description></item></channel></rss>"
    )
    with TestClient(create_app(db, allow_ingest=True), base_url=BASE) as c:
        token = _token(c.get("/ingest").text)
        r = c.post(
            "/ingest", files={"files": ("courier.rss", feed, "application/rss+xml")}, data={"csrf": token}
        )
        assert r.status_code == 200, r.text
        assert "1 added" in r.text and "0 failed" in r.text
        assert "Stored, with a warning" in r.text
        assert "courier.rss#1: http://127.0.0.1:9/ferry: unreachable" in r.text


def test_page_cache_follows_story_updates(tmp_path: Path) -> None:
    db, story, _ = ferry_store(tmp_path)
    with TestClient(create_app(db), base_url=BASE) as c:
        before = c.get(f"/stories/{story.id}").text
        assert before == c.get(f"/stories/{story.id}").text
        record = {
            "id": "late-ferry",
            "title": "Late ferry note",
            "text": "The ferry company apologised to Marrow Island passengers for the long delays.",
            "outlet": "Harbour Times",
        }
        extra = write(tmp_path, "late.json", json.dumps(record))
        with SQLiteStore(db) as store:
            assert ingest([extra], store).added == ["late-ferry"]
            s = store.get_story(story.id)
            # Within the same second as the first version: the cache must still see the change.
            s.article_ids.append("late-ferry")
            store.put_story(s, "test: an article joins")
        after = c.get(f"/stories/{story.id}").text
        assert "Harbour Times" in after and "Harbour Times" not in before


def test_serve_command_is_a_thin_wrapper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyscope.web.app as web_app
    from storyscope.cli import main

    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(web_app, "serve", lambda *a, **kw: calls.append((a, kw)))
    missing = str(tmp_path / "none.db")
    assert main(["serve", "--db", missing]) == 2 and not calls
    assert main(["serve", "--db", missing, "--allow-ingest", "--port", "8123"]) == 0
    assert calls == [((missing,), {"host": "127.0.0.1", "port": 8123, "allow_ingest": True})]
