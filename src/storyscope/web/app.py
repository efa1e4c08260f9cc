"""The local web app: server-rendered pages and a JSON API over one store.

Pages: the story list (full-text search; outlet, language and date filters), the story page (the
same markup as ``brief --format html``, from ``render/templates/story.html.j2``), the source page (the
raw text with what the cleaner removed greyed out and the extracted spans highlighted), and, only when
started with ``allow_ingest``, an upload/URL form. API: ``/api/stories`` and ``/api/stories/{id}``
(the ``storyscope.brief/1`` story object), described by ``/openapi.json`` and an offline ``/docs`` page.

Security: article text is untrusted. Templates autoescape; every response carries a
Content-Security-Policy that allows only this app's own scripts and styles (no inline script, no other
origin), so a missed escape still could not run anything. The Host header must name the server (a
DNS-rebinding page cannot read the API), and ingest takes only POSTs holding this process's CSRF token,
within a size limit.
"""

from __future__ import annotations

import hmac
import re
import secrets
import tempfile
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyscope.config import Config
from storyscope.errors import NotFoundError
from storyscope.models import Briefing
from storyscope.render.html import story_context, template_loader, template_text
from storyscope.render.json import schema, version
from storyscope.render.view import safe_url
from storyscope.web.catalog import Catalog, StoryEntry, StoryFilter
from storyscope.web.sourcetext import KIND_LABELS, source_text

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
PAGE_SIZE = 50
# Web ingest: at most this many files and URLs per submission; the whole request within max_bytes
# plus room for the form's own fields and multipart headers.
MAX_UPLOAD_FILES = 20
MAX_URLS = 20
FORM_OVERHEAD = 64 * 1024

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
_SAFE_NAME = re.compile(r"[^\w.\-]+", re.UNICODE)


class SecurityHeaders:
    """Pure ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in _SECURITY_HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- API models (for the OpenAPI description; responses are built directly for speed) ----------------


class StorySummary(BaseModel):
    """One story of the list."""

    id: str
    title: str
    articles: int = Field(description="number of articles (syndicated copies included)")
    outlets: list[str]
    languages: list[str]
    first_published: str | None = Field(description="earliest publication date (YYYY-MM-DD) or null")
    last_published: str | None = Field(description="latest publication date (YYYY-MM-DD) or null")
    updated: str = Field(description="when the story last changed (UTC, ISO 8601)")
    page: str = Field(description="path of the story page")
    api: str = Field(description="path of the story object")


class StoryList(BaseModel):
    """A page of the story list."""

    stories: list[StorySummary]
    total: int = Field(description="stories matching the filters")
    limit: int
    offset: int


class Problem(BaseModel):
    detail: str


# -- helpers --------------------------------------------------------------------------------------


def story_path(story_id: str) -> str:
    """The path of a story's page."""
    return "/stories/" + quote(story_id, safe="")


def source_path(story_id: str, article_id: str) -> str:
    """The path of a source's page within a story."""
    return f"{story_path(story_id)}/sources/{quote(article_id, safe='')}"


def _summary(e: StoryEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "articles": e.articles,
        "outlets": list(e.outlets),
        "languages": list(e.languages),
        "first_published": e.first_published,
        "last_published": e.last_published,
        "updated": e.updated,
        "page": story_path(e.id),
        "api": "/api/stories/" + quote(e.id, safe=""),
    }


@cache
def _static_files() -> dict[str, tuple[bytes, str]]:
    web = resources.files("storyscope.web").joinpath("static")
    return {
        "briefing.css": (template_text("briefing.css").encode(), "text/css; charset=utf-8"),
        "briefing.js": (template_text("briefing.js").encode(), "text/javascript; charset=utf-8"),
        "web.css": (web.joinpath("web.css").read_bytes(), "text/css; charset=utf-8"),
    }


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.PackageLoader("storyscope.web", "templates"), template_loader()]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _safe_filename(name: str, index: int) -> str:
    """A harmless file name for an upload that keeps its extension (which selects the reader)."""
    base = _SAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip("._")[:100]
    return base or f"upload-{index}.txt"


def create_app(
    store_path: str,
    allow_ingest: bool = False,
    *,
    config: Config | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The ASGI app over the store at ``store_path``.

    ``allow_ingest`` enables the upload/URL form; ``allowed_hosts`` are the Host header values
    accepted (default: the loopback names, as the server binds 127.0.0.1).
    """
    cfg = config or Config.load()
    catalog = Catalog(store_path, cfg)
    env = _environment()
    csrf_token = secrets.token_urlsafe(32)
    app = FastAPI(
        title="storyscope",
        version=version(),
        description=(
            "Stories grouped from news articles, and their briefings: the `storyscope.brief/1` "
            "contract (schema at `/api/schema`). Every statement cites its sources by id and offsets."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan(catalog),
    )
    app.state.catalog = catalog
    app.state.allow_ingest = allow_ingest
    app.state.csrf_token = csrf_token
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts or LOOPBACK_HOSTS))
    app.add_middleware(SecurityHeaders)

    def page(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(allow_ingest=allow_ingest, **ctx)
        return HTMLResponse(html, status_code=status)

    def not_found(what: str) -> HTMLResponse:
        return page("error.html.j2", 404, title="Not found", message=f"There is no {what} here.")

    # -- pages ------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        q: str = "", outlet: str = "", language: str = "", since: str = "", until: str = "", page_no: int = 1
    ) -> HTMLResponse:
        f, problems = StoryFilter.parse(q, outlet, language, since, until)
        found = catalog.find(f)
        outlets, languages = catalog.facets()
        page_no = max(1, page_no)
        shown = found[(page_no - 1) * PAGE_SIZE : page_no * PAGE_SIZE]
        params = {k: v for k, v in (("q", f.q), ("outlet", f.outlet), ("language", f.language)) if v}
        params |= {k: v for k, v in (("since", f.since), ("until", f.until)) if v}
        more = (
            "/?" + urlencode({**params, "page_no": page_no + 1}) if len(found) > page_no * PAGE_SIZE else None
        )
        return page(
            "index.html.j2",
            title="Stories",
            f=f,
            problems=problems,
            stories=[(e, story_path(e.id)) for e in shown],
            total=len(found),
            outlets=outlets,
            languages=languages,
            more=more,
        )

    def render_story(b: Briefing) -> bytes:
        ctx = story_context([b], base_level=1, source_href=lambda aid: source_path(b.id, aid))
        return env.get_template("story_page.html.j2").render(allow_ingest=allow_ingest, **ctx).encode()

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> Response:
        try:
            body = catalog.rendered(story_id, "page", render_story)
        except NotFoundError:
            return not_found("story")
        return Response(body, media_type="text/html; charset=utf-8")

    @app.get("/stories/{story_id}/sources/{article_id:path}", include_in_schema=False)
    def source_page(story_id: str, article_id: str) -> HTMLResponse:
        try:
            story = catalog.story(story_id)
            if article_id not in story.article_ids:
                raise NotFoundError(article_id)
            article = catalog.article(article_id)
        except NotFoundError:
            return not_found("source")
        briefing = catalog.briefing(story)
        number = next(i for i, a in enumerate(briefing.sources, 1) if a.id == article.id)
        return page(
            "source.html.j2",
            title=article.title or article.id,
            story=story,
            story_href=story_path(story.id),
            article=article,
            number=number,
            url=safe_url(article.url),
            st=source_text(article, briefing),
            kind_labels=KIND_LABELS,
        )

    @app.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
    def ingest_form() -> HTMLResponse:
        if not allow_ingest:
            return page("error.html.j2", 403, title="Ingest is off", message=_INGEST_OFF)
        return page("ingest.html.j2", title="Add articles", csrf=csrf_token, max_bytes=cfg.max_bytes)

    @app.post("/ingest", response_class=HTMLResponse, include_in_schema=False)
    async def ingest_submit(request: Request) -> Response:
        if not allow_ingest:
            return page("error.html.j2", 403, title="Ingest is off", message=_INGEST_OFF)
        limit = cfg.max_bytes + FORM_OVERHEAD
        length = request.headers.get("content-length")
        if length is None or not length.isdigit():
            return page("error.html.j2", 411, title="Length required", message="Send a Content-Length.")
        if int(length) > limit:
            return page(
                "error.html.j2", 413, title="Too large", message=f"Uploads are limited to {limit} bytes."
            )
        # The context manager closes the spooled upload files whatever happens below.
        async with request.form(max_files=MAX_UPLOAD_FILES, max_fields=10) as form:
            return await ingest_form_data(form)

    async def ingest_form_data(form: FormData) -> Response:
        token = form.get("csrf")
        if not isinstance(token, str) or not hmac.compare_digest(token, csrf_token):
            return page(
                "error.html.j2", 403, title="Refused", message="The form expired; reload it and retry."
            )
        urls_text = form.get("urls")
        urls = [
            u.strip() for u in (urls_text if isinstance(urls_text, str) else "").splitlines() if u.strip()
        ]
        bad = [u for u in urls if safe_url(u) is None]
        if bad or len(urls) > MAX_URLS:
            msg = f"Give up to {MAX_URLS} http(s) URLs, one a line." + (
                f" Not a URL: {bad[0][:200]}" if bad else ""
            )
            return page("error.html.j2", 400, title="Bad URL", message=msg)
        uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        with tempfile.TemporaryDirectory(prefix="storyscope-upload-") as tmp:
            paths = []
            for i, up in enumerate(uploads):
                path = Path(tmp) / f"{i:02d}" / _safe_filename(up.filename or "", i)
                path.parent.mkdir()
                data = await up.read(cfg.max_bytes + 1)
                if len(data) > cfg.max_bytes:
                    msg = f"{path.name} is larger than {cfg.max_bytes} bytes."
                    return page("error.html.j2", 413, title="Too large", message=msg)
                path.write_bytes(data)
                paths.append(str(path))
            if not paths and not urls:
                return page(
                    "error.html.j2", 400, title="Nothing to add", message="Choose files or give URLs."
                )
            # Ingest runs in a worker thread: it reads files, fetches URLs and writes the store.
            report, story = await run_in_threadpool(catalog.ingest, [*paths, *urls])
            # Error lines name the temporary path; show the user's own file name instead.
            errors, warnings = (
                [f"{Path(e.input).name if e.input.startswith(tmp) else e.input}: {e.reason}" for e in found]
                for found in (report.errors, report.warnings)
            )
        return page(
            "ingested.html.j2",
            title="Articles added",
            added=len(report.added),
            existing=len(report.existing),
            errors=errors,
            warnings=warnings,
            story_href=story_path(story.id) if story else None,
            story_title=story.title if story else None,
        )

    # -- static files and docs --------------------------------------------------------------------

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        found = _static_files().get(name)
        if found is None:
            return Response("not found", status_code=404, media_type="text/plain")
        body, media = found
        return Response(body, media_type=media, headers={"cache-control": "public, max-age=3600"})

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        spec = app.openapi()
        operations = [
            (method.upper(), path, op)
            for path, item in spec.get("paths", {}).items()
            for method, op in item.items()
            if isinstance(op, dict)
        ]
        return page("docs.html.j2", title="API", spec=spec, operations=operations)

    # -- API --------------------------------------------------------------------------------------

    @app.get("/api/stories", response_model=StoryList, tags=["stories"], summary="List stories")
    def api_stories(
        q: str = Query("", description="full-text query over article titles and cleaned text"),
        outlet: str = Query("", description="only stories with an article from this outlet"),
        language: str = Query("", description="only stories with an article in this language (ISO 639-1)"),
        since: str = Query("", description="only stories with an article published on or after (YYYY-MM-DD)"),
        until: str = Query(
            "", description="only stories with an article published on or before (YYYY-MM-DD)"
        ),
        limit: int = Query(PAGE_SIZE, ge=1, le=500),
        offset: int = Query(0, ge=0),
    ) -> JSONResponse:
        """Stories matching the filters: by full-text rank with `q`, else most recently updated first."""
        f, problems = StoryFilter.parse(q, outlet, language, since, until)
        if problems:
            return JSONResponse({"detail": "; ".join(problems)}, status_code=422)
        found = catalog.find(f)
        return JSONResponse(
            {
                "stories": [_summary(e) for e in found[offset : offset + limit]],
                "total": len(found),
                "limit": limit,
                "offset": offset,
            }
        )

    @app.get(
        "/api/stories/{story_id}",
        tags=["stories"],
        summary="One story's briefing",
        responses={
            200: {
                "description": "One story object of the `storyscope.brief/1` contract (see `/api/schema`).",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            404: {"model": Problem, "description": "No such story"},
        },
    )
    def api_story(story_id: str) -> Response:
        """The briefing of one story: sources, summary, entities, quotes, timeline, claims, contradictions."""
        try:
            body = catalog.story_json(story_id)
        except NotFoundError:
            return JSONResponse({"detail": f"no story {story_id!r}"}, status_code=404)
        return Response(body, media_type="application/json")

    @app.get("/api/schema", tags=["schema"], summary="The briefing JSON Schema")
    def api_schema() -> JSONResponse:
        """The JSON Schema of the `storyscope.brief/1` document (a story is `$defs.story`)."""
        return JSONResponse(schema())

    return app


def _lifespan(catalog: Catalog) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        catalog.close()

    return lifespan


_INGEST_OFF = "This server was started without --allow-ingest, so it only reads the store."


def serve(store_path: str, host: str = "127.0.0.1", port: int = 8000, allow_ingest: bool = False) -> None:
    """Run the app with uvicorn until interrupted (127.0.0.1 by default: reachable from this machine only)."""
    import uvicorn

    hosts = list(LOOPBACK_HOSTS)
    if host not in LOOPBACK_HOSTS:
        # Bound to another address on purpose: accept the names it is reached by.
        hosts = ["*"] if host in ("0.0.0.0", "::") else [*hosts, host]
    app = create_app(store_path, allow_ingest, allowed_hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
