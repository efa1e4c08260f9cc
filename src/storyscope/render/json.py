"""The JSON contract: briefings as ``storyscope.brief/1`` documents, and their validation.

The document is ``{"schema", "generated_by", "stories": [...]}``; ``schema/brief.schema.json`` says
what each story holds. Keys come out in contract order (then any extra keys a stage added, in the
order it added them), so the same briefings always give the same bytes.

:func:`validate` checks the schema and then what a schema cannot say: every cited source id is a
source of the story, and every ``start``/``end`` lies inside that source's text.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import metadata, resources
from typing import Any

import jsonschema

from storyscope.errors import StoryscopeError
from storyscope.models import Article, Briefing, Json, SummarySentence
from storyscope.render.view import published_date

SCHEMA_ID = "storyscope.brief/1"

_SOURCE_KEYS = (
    "id",
    "title",
    "outlet",
    "url",
    "published",
    "published_inferred",
    "language",
    "text",
    "duplicate_of",
)
_ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "entities": ("name", "type", "aliases", "sources"),
    "quotes": ("speaker", "text", "kind", "source", "start", "end", "variants"),
    "timeline": ("date", "text", "sources"),
    "claims": ("text", "sources", "status"),
    "contradictions": ("topic", "a", "b"),
}
_MAX_REPORTED = 10


class BriefValidationError(StoryscopeError, ValueError):
    """A document does not meet the ``storyscope.brief/1`` contract; ``errors`` lists each problem."""

    def __init__(self, errors: list[str]) -> None:
        shown = errors[:_MAX_REPORTED]
        more = f"\n  ... and {len(errors) - len(shown)} more" if len(errors) > len(shown) else ""
        super().__init__(f"not a valid {SCHEMA_ID} document:\n  " + "\n  ".join(shown) + more)
        self.errors = errors


def version() -> str:
    """The installed storyscope version (``0+unknown`` when running from an uninstalled tree)."""
    try:
        return metadata.version("storyscope")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _ordered(item: Json, keys: tuple[str, ...]) -> Json:
    """A deep copy of ``item`` with the contract's keys first, so output order is stable."""
    out = {k: copy.deepcopy(item[k]) for k in keys if k in item}
    out.update((k, copy.deepcopy(v)) for k, v in item.items() if k not in out)
    return out


def _source(a: Article) -> Json:
    # Raw text and offset maps stay internal: the contract's offsets point into `text` only.
    # An ISO datetime becomes its date; an empty string means unknown, like None.
    published = published_date(a.published) or a.published or None
    out: Json = {
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "url": a.url,
        "published": published,
        "published_inferred": bool(a.meta.get("published_inferred", False)),
        "language": a.language,
        "text": a.text,
        "duplicate_of": a.duplicate_of,
    }
    # How an inferred date was reached, so a reader can judge it.
    if out["published_inferred"]:
        out["published_confidence"] = a.meta.get("published_confidence")
        out["published_evidence"] = list(a.meta.get("published_evidence", []))
    return out


def _sentence(s: SummarySentence) -> Json:
    return {
        "text": s.text,
        "sources": list(s.sources),
        "spans": [{"source": sp.source, "start": sp.start, "end": sp.end} for sp in s.spans],
    }


def briefing_to_dict(b: Briefing) -> Json:
    """One story of the contract: a JSON-ready dict that shares no mutable state with ``b``."""
    order = {a.id: i for i, a in reversed(list(enumerate(b.sources)))}
    # Framing is keyed by source id; source order makes it read like the sources list.
    framing_keys = sorted(b.framing, key=lambda k: order.get(k, len(order)))
    return {
        "id": b.id,
        "title": b.title,
        "sources": [_source(a) for a in b.sources],
        "summary": [_sentence(s) for s in b.summary],
        "entities": [_ordered(e, _ITEM_KEYS["entities"]) for e in b.entities],
        "quotes": [_ordered(q, _ITEM_KEYS["quotes"]) for q in b.quotes],
        "timeline": [_ordered(t, _ITEM_KEYS["timeline"]) for t in b.timeline],
        "claims": [_ordered(c, _ITEM_KEYS["claims"]) for c in b.claims],
        "contradictions": [_ordered(c, _ITEM_KEYS["contradictions"]) for c in b.contradictions],
        "framing": {k: copy.deepcopy(b.framing[k]) for k in framing_keys},
    }


def briefings_to_json(bs: Iterable[Briefing]) -> Json:
    """The whole contract document for ``bs``, in the order given."""
    return {
        "schema": SCHEMA_ID,
        "generated_by": f"storyscope {version()}",
        "stories": [briefing_to_dict(b) for b in bs],
    }


def dumps(bs: Iterable[Briefing]) -> str:
    """The contract document as text: indented, UTF-8 characters kept, ending in a newline."""
    return json.dumps(briefings_to_json(bs), indent=2, ensure_ascii=False) + "\n"


@cache
def schema() -> Json:
    """The ``storyscope.brief/1`` JSON Schema (draft 2020-12), loaded from package data."""
    text = resources.files("storyscope.schema").joinpath("brief.schema.json").read_text("utf-8")
    loaded: Json = json.loads(text)
    return loaded


@cache
def _validator() -> Any:
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema())
    return cls(schema())


def _path(parts: Iterable[Any]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(document)"


def validate(doc: Json) -> None:
    """Raise :class:`BriefValidationError` listing every way ``doc`` breaks the contract.

    First the JSON Schema; if that passes, the references: cited ids must be sources of the same
    story, and offsets must fall inside the cited source's text (``0 <= start <= end <= len``).
    """
    errors = sorted(
        (f"{_path(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(doc)),
    )
    if errors:
        raise BriefValidationError(errors)
    problems = [p for i, story in enumerate(doc["stories"]) for p in _reference_problems(i, story)]
    if problems:
        raise BriefValidationError(problems)


def _reference_problems(i: int, story: Json) -> Iterator[str]:
    texts: dict[str, str] = {}
    for j, src in enumerate(story["sources"]):
        if src["id"] in texts:
            yield f"stories[{i}].sources[{j}].id: duplicate source id {src['id']!r}"
        texts.setdefault(src["id"], src["text"])

    def check(where: str, item: Json) -> Iterator[str]:
        sid = item["source"]
        if sid not in texts:
            yield f"{where}.source: {sid!r} is not a source of story {story['id']!r}"
            return
        if "start" in item or "end" in item:
            start, end = item.get("start"), item.get("end")
            if start is None or end is None:
                yield f"{where}: start and end must come together"
            elif not start <= end <= len(texts[sid]):
                yield f"{where}: span {start}..{end} is outside source {sid!r} (length {len(texts[sid])})"

    def check_ids(where: str, ids: list[str]) -> Iterator[str]:
        for k, sid in enumerate(ids):
            if sid not in texts:
                yield f"{where}[{k}]: {sid!r} is not a source of story {story['id']!r}"

    base = f"stories[{i}]"
    for j, s in enumerate(story["summary"]):
        yield from check_ids(f"{base}.summary[{j}].sources", s["sources"])
        for k, sp in enumerate(s["spans"]):
            yield from check(f"{base}.summary[{j}].spans[{k}]", sp)
    for j, e in enumerate(story["entities"]):
        yield from check_ids(f"{base}.entities[{j}].sources", e["sources"])
    for j, q in enumerate(story["quotes"]):
        yield from check(f"{base}.quotes[{j}]", q)
        for k, v in enumerate(q["variants"]):
            yield from check(f"{base}.quotes[{j}].variants[{k}]", v)
    for key in ("timeline", "claims"):
        for j, t in enumerate(story[key]):
            yield from check_ids(f"{base}.{key}[{j}].sources", t["sources"])
    for j, c in enumerate(story["contradictions"]):
        for side in ("a", "b"):
            yield from check(f"{base}.contradictions[{j}].{side}", c[side])
    for key in story["framing"]:
        if key not in texts:
            yield f"{base}.framing: key {key!r} is not a source of story {story['id']!r}"
