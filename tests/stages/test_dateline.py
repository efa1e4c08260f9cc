"""Wire datelines opening a story's first sentence."""

from __future__ import annotations

import pytest

from storyscope.stages.dateline import dateline_end


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("OSTREL (Northlight) - The council voted on Monday.", "The council voted on Monday."),
        ("VESSA, March 3 -- Fishermen blocked the port.", "Fishermen blocked the port."),
        ("(Coastal Wire) — The ferry sank.", "The ferry sank."),
        ("PELLMARK (Northlight) Ada Merl praised the crews.", "Ada Merl praised the crews."),
        ("NEW PELLMARK (Coastal Wire) “We are ready,” she said.", "“We are ready,” she said."),
    ],
)
def test_dateline_is_found(text: str, rest: str) -> None:
    assert text[dateline_end(text) :] == rest


@pytest.mark.parametrize(
    "text",
    [
        "Holt - who chaired the board - resigned.",
        "NATO (North Atlantic Treaty Organization) Secretary General Ada Merl spoke first.",
        "UNICEF (the children's fund) said the school had reopened.",
        "Ada Merl (right) praised the crews.",
        "The council voted on Monday.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline_end(text) == 0
