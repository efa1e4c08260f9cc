"""The ``storyscope`` command: thin wrappers over library functions.

Errors become one line on stderr and a non-zero exit here, and only here: the library never prints.
Exit codes: 0 all well, 1 some inputs failed (the rest was processed), 2 usage or fatal error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from storyscope import __version__
from storyscope.config import SETTINGS, Config
from storyscope.errors import StoryscopeError
from storyscope.models import Article, Briefing, IngestError
from storyscope.pipeline import IngestReport, ingest
from storyscope.store.sqlite import SQLiteStore

FORMATS = ("json", "md", "html")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="storyscope",
        description="Group news articles into stories and write briefings that cite their sources.",
    )
    p.add_argument("--version", action="version", version=f"storyscope {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ing = sub.add_parser(
        "ingest", help="store articles from files, directories, URLs, feeds, JSONL, WARC or -"
    )
    ing.add_argument("inputs", nargs="+", metavar="INPUT")
    _add_db(ing, default=True)
    _add_limits(ing)

    br = sub.add_parser("brief", help="write the briefing of the stories in the given inputs or story ids")
    br.add_argument("inputs", nargs="+", metavar="INPUT|STORY_ID")
    _add_db(br, default=False)
    br.add_argument("--format", choices=FORMATS, default="md", help="output format (default: md)")
    br.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    br.add_argument("--words", type=int, default=None, help="summary length in words (default: 150)")
    _add_limits(br)

    st = sub.add_parser("stories", help="list the stories in a database")
    _add_db(st, default=True)

    sub.add_parser("settings", help="list settings, their defaults and environment variables")

    sv = sub.add_parser("serve", help="browse stories, briefings and sources in a local web app")
    _add_db(sv, default=True)
    sv.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)"
    )
    sv.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    sv.add_argument(
        "--allow-ingest", action="store_true", help="let the web app add articles (uploads and URLs)"
    )
    return p


def _add_db(p: argparse.ArgumentParser, default: bool) -> None:
    help_ = "SQLite database (default: ./storyscope.db)" if default else "store in this SQLite database"
    help_ += "" if default else " (default: a temporary one)"
    p.add_argument("--db", metavar="FILE", default=None, help=help_)


def _add_limits(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-bytes", type=int, default=None, help="largest input accepted (default: 5 MB)")


def _err(msg: str) -> None:
    print(f"storyscope: {msg}", file=sys.stderr)


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[Article | IngestError], None] | None]:
    """A spinner with counts on a terminal; nothing when stderr is not a TTY."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True
    ) as bar:
        task = bar.add_task("ingesting", total=None)
        done = failed = 0

        def tick(item: Article | IngestError) -> None:
            nonlocal done, failed
            if isinstance(item, IngestError):
                failed += 1
            else:
                done += 1
            bar.update(task, description=f"ingesting: {done} read, {failed} failed")

        yield tick


def _ingest(inputs: Sequence[str], store: SQLiteStore, cfg: Config) -> IngestReport:
    with _progress(True) as tick:
        report = ingest(inputs, store, cfg, on_item=tick)
    for e in report.errors:
        _err(f"error: {e}")
    for w in report.warnings:
        _err(f"warning: {w}")
    return report


def cmd_ingest(args: argparse.Namespace) -> int:
    cfg = Config.load(db=args.db, max_bytes=args.max_bytes)
    with SQLiteStore(cfg.db) as store:
        report = _ingest(args.inputs, store, cfg)
    warned = f", {len(report.warnings)} stored with a warning" if report.warnings else ""
    print(
        f"{len(report.added)} added, {len(report.existing)} already stored, {len(report.errors)} failed"
        f"{warned} ({cfg.db})",
        file=sys.stderr,
    )
    return 1 if report.errors else 0


def cmd_brief(args: argparse.Namespace) -> int:
    from storyscope.briefing import build_briefing
    from storyscope.stories.cluster import cluster_articles

    cfg = Config.load(max_bytes=args.max_bytes, summary_words=args.words)
    store = SQLiteStore(args.db if args.db else ":memory:")
    try:
        known = {s.id for s in store.list_stories()} if args.db else set()
        story_ids = [i for i in args.inputs if i in known and not os.path.exists(i)]
        inputs = [i for i in args.inputs if i not in story_ids]
        failed = False
        stories = [store.get_story(i) for i in story_ids]
        if inputs:
            report = _ingest(inputs, store, cfg)
            failed = bool(report.errors)
            if report.ids:
                stories.extend(s for s in cluster_articles(store, report.ids) if s.id not in story_ids)
        if not stories:
            _err("error: no article could be read from the inputs")
            return 2
        briefings = [build_briefing(store, s, cfg) for s in stories]
        _write(_render(briefings, args.format), args.output)
        return 1 if failed else 0
    finally:
        store.close()


def _render(briefings: list[Briefing], fmt: str) -> str:
    if fmt == "json":
        from storyscope.render.json import briefings_to_json, dumps, validate

        validate(briefings_to_json(briefings))
        return dumps(briefings)
    if fmt == "html":
        from storyscope.render.html import render_html

        return render_html(briefings)
    from storyscope.render.markdown import render_markdown

    return render_markdown(briefings)


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    path = Path(output)
    tmp = path.with_name(path.name + ".part")
    # Write then rename, so an interrupted run never leaves half a report under the real name.
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def cmd_stories(args: argparse.Namespace) -> int:
    cfg = Config.load(db=args.db)
    if not Path(cfg.db).exists():
        _err(f"error: no database at {cfg.db}")
        return 2
    from storyscope.stories.listing import describe_stories

    with SQLiteStore(cfg.db) as store:
        rows = describe_stories(store)
    print("id\tarticles\toutlets\tlanguages\tfirst seen\tlast seen\ttitle")
    for r in rows:
        outlets = ", ".join(r["outlets"]) or "-"
        langs = ", ".join(r["languages"]) or "-"
        print(
            f"{r['id']}\t{r['size']} ({r['originals']} original)\t{outlets}\t{langs}\t"
            f"{r['first_seen']}\t{r['last_seen']}\t{r['title']}"
        )
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    for s in SETTINGS:
        print(f"{s.name}\t{s.default!r}\tSTORYSCOPE_{s.name.upper()}\t{s.help}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    cfg = Config.load(db=args.db)
    if not args.allow_ingest and not Path(cfg.db).exists():
        _err(f"error: no database at {cfg.db} (create one with ingest or brief --db, or use --allow-ingest)")
        return 2
    from storyscope.web.app import serve

    serve(cfg.db, host=args.host, port=args.port, allow_ingest=args.allow_ingest)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "ingest": cmd_ingest,
    "brief": cmd_brief,
    "stories": cmd_stories,
    "settings": cmd_settings,
    "serve": cmd_serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``storyscope`` console script."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except StoryscopeError as e:
        _err(f"error: {e}")
        return 2
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 1
