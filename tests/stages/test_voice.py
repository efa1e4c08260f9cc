"""Passives: the subject of a passive reporting verb is reported on, not the speaker."""

from __future__ import annotations

from typing import Any

import pytest

from builders import one_quote


def test_passive_subject_is_not_the_speaker(quotes_of: Any) -> None:
    qs = quotes_of("The harbour ferry is expected to resume service in early May.")
    assert all(q["speaker"] is None for q in qs)
    qs = quotes_of("It was announced by Mira Solberg that the ferry would resume in May.")
    assert one_quote(qs, "ferry would resume")["who"] == "Mira Solberg"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        # The tagger reads "Asked" as a finite past here; without a subject it is the participle.
        (
            "Asked what the vote changes, Daniel Gros, the director of the Centre for Policy Studies, "
            "said, “Unfortunately nothing.”",
            "what the vote changes",
        ),
        # "with X expected to …" is passive: X is expected, nobody named expects it.
        (
            "The efforts will continue, with both Mayor Anna Berg and her husband expected to visit the "
            "harbour in the coming weeks.",
            "visit the harbour",
        ),
    ],
)
def test_what_is_put_to_or_expected_of_someone_is_not_theirs(
    quotes_of: Any, text: str, fragment: str
) -> None:
    assert one_quote(quotes_of(text), fragment)["speaker"] is None


def test_a_reduced_passive_relative_is_flagged_and_has_no_speaker(quotes_of: Any) -> None:
    from storyscope.stages.nlp import load_nlp
    from storyscope.stages.voice import reduced_passive

    doc = load_nlp()("Police detained the two sailors reported to be carrying forged papers.")
    reported = next(t for t in doc if t.text == "reported")
    assert reduced_passive(reported)
    # However the parser hangs it: here it gives "believed" the man for its subject.
    qs = quotes_of(
        "It has emerged that the man believed to have been the mastermind behind the harbour fires was "
        "seen in Ostrel."
    )
    q = next(q for q in qs if q["verb"] == "believe")
    assert q["speaker"] is None and q["passive"]
    # A subject that does the expecting keeps its quote.
    (q,) = quotes_of("Harbour officials expected to win the vote on the new pier.")
    assert q["speaker"] is not None and not q["passive"]
