"""Wire datelines opening a story's first sentence."""

from __future__ import annotations

import pytest

from storyscope.stages.dateline import dateline_end, place_dateline_end


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


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Ostrel, Vessa Lunesian Foreign Minister Ilinca Voronets travels on Thursday.", "Ostrel, Vessa "),
        ("Ostrel, New Harlow The talks began on Monday.", "Ostrel, New Harlow "),
        # A list of places as the subject, a place alone, a place and its description: no dateline.
        ("Ostrel, Vessa and Harlow agreed on Monday.", ""),
        ("Ostrel said on Monday that the talks would go on.", ""),
        ("Ostrel, the capital, said on Monday that the talks would go on.", ""),
        # Places the story does not name are not taken for a dateline.
        ("Yesterday, President Holt said the talks would go on.", ""),
    ],
)
def test_a_dateline_of_the_story_s_places_without_its_dash(text: str, cut: str) -> None:
    places = frozenset({"Ostrel", "Vessa", "Harlow", "New Harlow"})
    assert text[: place_dateline_end(text, places)] == cut
