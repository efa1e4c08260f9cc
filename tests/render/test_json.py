from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from render_builders import make_article, make_briefing, make_hostile_briefing

from storyscope.errors import StoryscopeError
from storyscope.models import Span, SummarySentence
from storyscope.render.json import (
    SCHEMA_ID,
    BriefValidationError,
    briefing_to_dict,
    briefings_to_json,
    dumps,
    schema,
    validate,
)


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_rendered_briefings_validate() -> None:
    doc = briefings_to_json([make_briefing(), make_hostile_briefing()])
    validate(doc)
    assert doc["schema"] == SCHEMA_ID
    assert doc["generated_by"].startswith("storyscope ")
    assert [s["id"] for s in doc["stories"]] == ["story-bridge", "<story>"]


def test_empty_document_and_empty_briefing_validate() -> None:
    validate(briefings_to_json([]))
    validate(briefings_to_json([make_briefing([])]))


def test_keys_follow_the_contract_order() -> None:
    b = make_briefing()
    # A stage that wrote its keys in another order, with an extra field, still comes out in order.
    b.entities = [{"sources": ["wire-bridge"], "count": 3, "aliases": [], "type": "person", "name": "Varga"}]
    story = briefings_to_json([b])["stories"][0]
    assert list(briefings_to_json([b])) == ["schema", "generated_by", "stories"]
    assert list(story) == [
        "id",
        "title",
        "sources",
        "summary",
        "entities",
        "quotes",
        "timeline",
        "claims",
        "contradictions",
        "framing",
    ]
    assert list(story["sources"][0]) == [
        "id",
        "title",
        "outlet",
        "url",
        "published",
        "published_inferred",
        "language",
        "text",
        "duplicate_of",
    ]
    assert list(story["entities"][0]) == ["name", "type", "aliases", "sources", "count"]
    assert list(story["summary"][0]) == ["text", "sources", "spans"]
    assert list(story["quotes"][0])[:7] == ["speaker", "text", "kind", "source", "start", "end", "variants"]
    # Framing follows source order, whatever order the stage used.
    assert list(story["framing"]) == ["gazette-bridge", "wire-bridge"]


def test_sources_carry_only_contract_fields() -> None:
    b = make_briefing()
    b.sources[0].author = "A. Writer"
    b.sources[1].meta["published_confidence"] = 0.8
    b.sources[1].meta["published_evidence"] = ["'next Friday (April 4)' seen from the writing week"]
    sources = briefing_to_dict(b)["sources"]
    contract = {
        "id",
        "title",
        "outlet",
        "url",
        "published",
        "published_inferred",
        "language",
        "text",
        "duplicate_of",
    }
    inferred = {"published_confidence", "published_evidence"}
    gazette, wire, post = sources
    # Only an inferred date says how it was inferred.
    assert set(gazette) == set(post) == contract
    assert set(wire) == contract | inferred
    assert wire["published_confidence"] == 0.8 and wire["published_evidence"][0].startswith("'next Friday")
    assert gazette["published"] == "2031-04-02" and gazette["published_inferred"] is False
    # An ISO datetime is cut to its date; the inferred flag comes from article meta.
    assert wire["published"] == "2031-04-03" and wire["published_inferred"] is True
    assert post["published"] is None and post["url"] is None
    assert post["duplicate_of"] == "gazette-bridge"
    assert gazette["text"] == b.sources[0].text


def test_summary_spans_are_serialised_with_their_offsets() -> None:
    b = make_briefing()
    story = briefing_to_dict(b)
    texts = {s["id"]: s["text"] for s in story["sources"]}
    first = story["summary"][0]
    assert first["sources"] == ["gazette-bridge", "wire-bridge"]
    for sp, orig in zip(first["spans"], b.summary[0].spans, strict=True):
        assert sp == {"source": orig.source, "start": orig.start, "end": orig.end}
        assert texts[sp["source"]][sp["start"] : sp["end"]]


def test_output_shares_no_state_with_the_briefing() -> None:
    b = make_briefing()
    before = copy.deepcopy(b.quotes)
    story = briefing_to_dict(b)
    story["quotes"][0]["variants"].append({"source": "x", "text": "y"})
    story["framing"]["wire-bridge"]["focus"].append("z")
    assert b.quotes == before
    assert b.framing["wire-bridge"]["focus"] == ["cost", "traffic"]


def test_dumps_is_deterministic_and_readable() -> None:
    out = dumps([make_briefing(), make_hostile_briefing()])
    assert out == dumps([make_briefing(), make_hostile_briefing()])
    assert out.endswith("}\n") and '\n  "stories": [' in out
    assert "🎉" in out  # ensure_ascii=False
    assert json.loads(out) == briefings_to_json([make_briefing(), make_hostile_briefing()])


def _story(doc: dict[str, Any]) -> dict[str, Any]:
    story: dict[str, Any] = doc["stories"][0]
    return story


BREAKAGES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "wrong schema id": (lambda d: d.update(schema="storyscope.brief/2"), "schema"),
    "missing generated_by": (lambda d: d.pop("generated_by"), "generated_by"),
    "story without claims": (lambda d: _story(d).pop("claims"), "stories[0]"),
    "numeric source id": (
        lambda d: _story(d)["summary"][0]["sources"].append(3),
        "stories[0].summary[0].sources[2]",
    ),
    "claim status": (
        lambda d: _story(d)["claims"][0].update(status="probable"),
        "stories[0].claims[0].status",
    ),
    "quote kind": (lambda d: _story(d)["quotes"][0].update(kind="reported"), "stories[0].quotes[0].kind"),
    "quote without variants": (lambda d: _story(d)["quotes"][0].pop("variants"), "stories[0].quotes[0]"),
    "timeline date": (lambda d: _story(d)["timeline"][0].update(date="April 2031"), "timeline[0].date"),
    "published format": (
        lambda d: _story(d)["sources"][0].update(published="2031/04/02"),
        "sources[0].published",
    ),
    "inferred not bool": (
        lambda d: _story(d)["sources"][0].update(published_inferred="no"),
        "published_inferred",
    ),
    "negative offset": (lambda d: _story(d)["summary"][0]["spans"][0].update(start=-1), "spans[0].start"),
    "framing not object": (lambda d: _story(d).update(framing=[]), "stories[0].framing"),
    "entity aliases": (lambda d: _story(d)["entities"][0].update(aliases="Varga"), "entities[0].aliases"),
    "contradiction side": (lambda d: _story(d)["contradictions"][0]["a"].pop("text"), "contradictions[0].a"),
    # What only the reference checks catch:
    "span past the text": (lambda d: _story(d)["summary"][0]["spans"][0].update(end=10_000), "spans[0]"),
    "span reversed": (lambda d: _story(d)["quotes"][0].update(start=50, end=10), "stories[0].quotes[0]"),
    "unknown cited id": (
        lambda d: _story(d)["claims"][0]["sources"].append("nowhere"),
        "claims[0].sources[2]",
    ),
    "unknown span source": (
        lambda d: _story(d)["summary"][1]["spans"][0].update(source="nowhere"),
        "spans[0]",
    ),
    "unknown variant source": (
        lambda d: _story(d)["quotes"][0]["variants"][0].update(source="x"),
        "variants[0]",
    ),
    "framing key": (lambda d: _story(d)["framing"].update(nowhere={"tone": "x"}), "framing"),
    "duplicate source id": (lambda d: _story(d)["sources"][1].update(id="gazette-bridge"), "sources[1].id"),
    "start without end": (lambda d: _story(d)["contradictions"][0]["b"].pop("end"), "contradictions[0].b"),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_invalid_documents_fail_with_a_clear_path(name: str) -> None:
    breakage, where = BREAKAGES[name]
    doc = briefings_to_json([make_briefing()])
    validate(doc)
    breakage(doc)
    with pytest.raises(BriefValidationError) as info:
        validate(doc)
    assert where in str(info.value)
    assert info.value.errors and str(info.value).startswith(f"not a valid {SCHEMA_ID} document")


def test_validation_error_is_a_storyscope_error_and_lists_every_problem() -> None:
    doc = briefings_to_json([make_briefing()])
    for claim in _story(doc)["claims"]:
        claim["status"] = "maybe"
    with pytest.raises(StoryscopeError) as info:
        validate(doc)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, BriefValidationError)
    assert len(info.value.errors) == 3


def test_extra_fields_are_allowed() -> None:
    b = make_briefing()
    b.entities[0]["mentions"] = [{"source": "gazette-bridge", "start": 0, "end": 3}]
    b.claims[0]["confidence"] = 0.9
    doc = briefings_to_json([b])
    _story(doc)["clusters"] = {"merged_from": []}
    validate(doc)


def test_summary_with_custom_articles() -> None:
    a = make_article("x", "One line of text.", outlet="Outlet")
    b = make_briefing([a], summary=[SummarySentence("One line.", ["x"], [Span("x", 0, 8)])])
    doc = briefings_to_json([b])
    validate(doc)
    assert _story(doc)["summary"][0]["spans"] == [{"source": "x", "start": 0, "end": 8}]


def test_empty_published_means_unknown() -> None:
    b = make_briefing()
    b.sources[0].published = ""
    doc = briefings_to_json([b])
    assert _story(doc)["sources"][0]["published"] is None
    validate(doc)
