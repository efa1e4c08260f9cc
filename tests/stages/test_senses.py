"""Senses of cue words that report nothing, through the quote extractor."""

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
        return extract_quotes(doc, extract_mentions(doc))

    return run


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbour district has seen a sharp rise in burglaries since the spring.",
        "Farmers in the valley saw their water bills rise twice in one year.",
        "The spring flood claimed the lives of twelve people in the valley.",
        "The ferry company has found itself pitted against the port authority in court.",
        "The old mayor is widely considered a moderate on housing.",
        "Police arrested two men charged with aiding Lyon attacks suspect Karim Benali.",
        "Prosecutors charged two men with hiding Marseille attacks suspect Karim Benali in a flat.",
    ],
)
def test_events_and_characterisations_are_not_quotes(quotes_of: Any, sentence: str) -> None:
    assert quotes_of(sentence) == []


def test_citing_a_source_names_where_the_report_comes_from(quotes_of: Any) -> None:
    qs = quotes_of("The ferry sank near the coast, the agency reported, citing local officials.")
    assert [q["verb"] for q in qs] == ["report"]
    assert qs[0]["text"] == "The ferry sank near the coast"


@pytest.mark.parametrize(
    ("sentence", "verb", "fragment"),
    [
        ("Harbour officials see the new pier as a way to cut costs.", "see", "the new pier as a way"),
        ("Analysts see that fuel prices will fall by autumn.", "see", "fuel prices will fall"),
        ("The rebels claimed responsibility for the fire at the depot.", "claim", "responsibility"),
        ("The minister cited rising costs as the main reason for the delay.", "cite", "rising costs"),
        ("The inquiry found that the dam had been neglected for years.", "find", "dam had been neglected"),
    ],
)
def test_the_attributing_senses_stay(quotes_of: Any, sentence: str, verb: str, fragment: str) -> None:
    qs = quotes_of(sentence)
    assert any(q["verb"] == verb and fragment in q["text"] for q in qs), qs
