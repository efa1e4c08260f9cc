"""Fixtures shared by the stage tests."""

from __future__ import annotations

from typing import Any

import pytest

from storyscope.stages.entities import extract_mentions
from storyscope.stages.nlp import load_nlp
from storyscope.stages.quotes import extract_quotes


@pytest.fixture(scope="module")
def quotes_of() -> Any:
    nlp = load_nlp()

    def run(text: str) -> list[dict[str, Any]]:
        doc = nlp(text)
        mentions = extract_mentions(doc)
        by_id = {m["id"]: m for m in mentions}
        out = extract_quotes(doc, mentions)
        for q in out:
            sp = q["speaker"]
            # The name the speaker resolves to, for readable asserts.
            q["who"] = by_id[sp["mention"]]["text"] if sp and sp["mention"] is not None else None
            assert text[q["start"] : q["end"]] == q["text"] or len(q["spans"]) > 1
        return out

    return run


@pytest.fixture(scope="module")
def mentions_of() -> Any:
    nlp = load_nlp()

    def run(text: str) -> list[dict[str, Any]]:
        return extract_mentions(nlp(text))

    return run
