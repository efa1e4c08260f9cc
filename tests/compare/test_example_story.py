"""The bundled example story's briefing: the two planted contradictions, and no false one."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest

from builders import EXAMPLES
from storyscope.cli import main
from storyscope.render.json import validate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def story() -> dict[str, Any]:
    files = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "brief.json"
        assert main(["brief", *files, "--format", "json", "-o", str(out)]) == 0
        doc = json.loads(out.read_text(encoding="utf-8"))
    validate(doc)
    assert len(doc["stories"]) == 1
    result: dict[str, Any] = doc["stories"][0]
    return result


def _sides(c: dict[str, Any]) -> str:
    return c["a"]["text"] + " || " + c["b"]["text"]


def test_exactly_the_planted_contradictions(story: dict[str, Any]) -> None:
    cons = story["contradictions"]
    rules = sorted(c["rule"] for c in cons)
    assert rules == ["number", "polarity"], [(c["rule"], _sides(c)) for c in cons]
    denial = next(c for c in cons if c["rule"] == "polarity")
    assert "did not deny" in _sides(denial) and "has denied" in _sides(denial)
    number = next(c for c in cons if c["rule"] == "number")
    assert "300 army engineers" in _sides(number) and "3,000 army engineers" in _sides(number)
    texts = {s["id"]: s["text"] for s in story["sources"]}
    for c in cons:
        for side in ("a", "b"):
            s = c[side]
            assert texts[s["source"]][s["start"] : s["end"]] == s["text"]
        assert c["explanation"] and c["topic"]


def test_precision_differences_are_not_contradictions(story: dict[str, Any]) -> None:
    for c in story["contradictions"]:
        sides = _sides(c)
        assert "second trip" not in sides and "first trips" not in sides
        assert "next week" not in sides


def test_claim_statuses(story: dict[str, Any]) -> None:
    claims = story["claims"]

    def status(words: str) -> set[str]:
        return {c["status"] for c in claims if words in c["text"]}

    assert status("2019") and "corroborated" in status("2019")
    assert status("4.2 billion cubic metres") == {"single_source"}
    assert status("140 cubic metres per second") == {"single_source"}
    assert "contested" in status("3,000 army engineers")
    # The wire copy repeats the original: it is cited, never a second voice.
    wire = [c for c in claims if "valley-courier-visit" in c["sources"]]
    assert any("northgate-post-visit" in c["sources"] for c in wire)
    for c in claims:
        if set(c["sources"]) <= {"northgate-post-visit", "valley-courier-visit"}:
            assert c["status"] != "corroborated"


def test_summary_cites_and_states_disputes_as_disputes(story: dict[str, Any]) -> None:
    summary = story["summary"]
    words = sum(len(s["text"].split()) for s in summary)
    assert 100 <= words <= 200
    texts = {s["id"]: s["text"] for s in story["sources"]}
    for s in summary:
        assert s["sources"] and s["spans"]
        for sp in s["spans"]:
            assert sp["source"] in s["sources"]
            assert 0 <= sp["start"] < sp["end"] <= len(texts[sp["source"]])
    disputes = [s for s in summary if s["text"].startswith("Accounts differ")]
    assert disputes
    # A contested figure is never asserted as plain fact.
    plain = [s["text"] for s in summary if s not in disputes]
    assert not any("300 army engineers" in t for t in plain)


def test_framing_for_every_source(story: dict[str, Any]) -> None:
    framing = story["framing"]
    assert set(framing) == {s["id"] for s in story["sources"]}
    assert framing["valley-courier-visit"]["copy_of"] == "northgate-post-visit"
    cap = framing["capital-ledger-talks"]
    assert cap["coverage"]["claims"] > 0 and cap["coverage"]["only_here_count"] > 0
    verbs = {v["verb"] for v in cap["reporting_verbs"]}
    assert "claim" in verbs or "deny" in verbs
