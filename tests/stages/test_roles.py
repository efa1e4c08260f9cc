"""Roles: the role stated beside a name, and descriptions resolved to a person through it."""

from __future__ import annotations

from typing import Any

from builders import names_of, resolved_text


def test_role_from_apposition(mentions_of: Any) -> None:
    ms = mentions_of("Lena Osterhout, the mayor of Ravensburg, opened the new bridge on Sunday.")
    role = names_of(ms)["Lena Osterhout"]["role"]
    assert role is not None and role.startswith("mayor")


def test_description_resolves_through_stated_role(mentions_of: Any) -> None:
    text = (
        "Norland's chief negotiator Sven Aaberg arrived in Oslo. Prime Minister Lise Dahl greeted him.\n\n"
        "The talks will go on, the chief negotiator said."
    )
    ms = mentions_of(text)
    assert resolved_text(ms, "the chief negotiator") == "Sven Aaberg"


def test_same_role_two_people_description_unresolved(mentions_of: Any) -> None:
    text = "Moravian President Jan Kolar met Silesian President Otto Brix. The president said no."
    ms = mentions_of(text)
    assert resolved_text(ms, "The president") is None


def test_a_names_own_apposition_does_not_compete_for_a_pronoun(mentions_of: Any) -> None:
    ms = mentions_of(
        "In a statement, the Harbour Party leader, Mira Solberg, called for calm. "
        "Peter Halvorsen, the 37-year-old leader of the Coast League, conceded defeat. "
        "“We fought hard,” he said."
    )
    assert resolved_text(ms, "he") == "Peter Halvorsen"
    # A name the tagger misses keeps its apposition too: nobody else is "the leader" here.
    ms = mentions_of(
        "In a statement, the Harbour Party leader, Mira Solberg, called for calm. "
        "Aksel Tveit, the 37-year-old leader of the Coast League, conceded defeat. "
        "“We fought hard,” he said."
    )
    assert resolved_text(ms, "he") != "Mira Solberg"
    assert resolved_text(ms, "the 37-year-old leader") is None


def test_a_relative_clause_after_the_apposition_is_not_part_of_the_role(mentions_of: Any) -> None:
    ms = mentions_of("Ada Merl, the harbour master who took office in May, said the pier would open.")
    assert names_of(ms)["Ada Merl"]["role"] == "harbour master"
    ms = mentions_of("Tomas Veller, the crew's cook who, known for his stews, fed them all, said little.")
    assert names_of(ms)["Tomas Veller"]["role"] == "crew's cook"
