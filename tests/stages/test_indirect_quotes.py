"""Indirect quotes: every form of reported clause, object and "according to", and the content
cut to the source's words."""

from __future__ import annotations

from typing import Any

import pytest

from builders import one_quote


def test_partial_quote_inside_reported_clause(quotes_of: Any) -> None:
    text = "Minister Tove Lund said the agency had “solid evidence” that the dam was leaking."
    qs = quotes_of(text)
    q = one_quote(qs, "dam was leaking")
    assert q["kind"] == "indirect" and q["who"] == "Tove Lund"
    assert [p["text"] for p in q["partials"]] == ["solid evidence"]


@pytest.mark.parametrize(
    ("sentence", "verb", "fragment"),
    [
        ("Olga Brandt said that the mine would close in June.", "say", "the mine would close in June"),
        ("Olga Brandt said the mine would close in June.", "say", "the mine would close in June"),
        ("Olga Brandt told reporters the mine would close in June.", "tell", "the mine would close in June"),
        ("Olga Brandt warned that the mine would close in June.", "warn", "the mine would close in June"),
        ("Olga Brandt denied that the mine would close in June.", "deny", "the mine would close in June"),
        ("Olga Brandt claimed the mine would close in June.", "claim", "the mine would close in June"),
        ("Olga Brandt insisted that the mine would close in June.", "insist", "the mine would close in June"),
        ("The mine would close in June, Olga Brandt said on Monday.", "say", "The mine would close in June"),
    ],
)
def test_indirect_forms(quotes_of: Any, sentence: str, verb: str, fragment: str) -> None:
    q = one_quote(quotes_of(sentence), "mine would close")
    assert q["kind"] == "indirect" and q["verb"] == verb and q["who"] == "Olga Brandt"
    assert q["text"] == fragment


def test_according_to(quotes_of: Any) -> None:
    q = one_quote(quotes_of("According to Olga Brandt, the mine would close in June."), "mine would close")
    assert q["verb"] == "according to" and q["who"] == "Olga Brandt"
    assert q["text"] == "the mine would close in June"


def test_parenthetical_attribution(quotes_of: Any) -> None:
    qs = quotes_of("The museum, Tomas Brekke said, would make visitors face hard truths.")
    q = one_quote(qs, "museum")
    assert q["kind"] == "indirect" and q["who"] == "Tomas Brekke"
    # The content in two parts around the attribution.
    assert q["text"] == "The museum would make visitors face hard truths" and len(q["spans"]) == 2


def test_object_content_and_noun_cue(quotes_of: Any) -> None:
    qs = quotes_of(
        "Senator Ilse Varga called for an independent review of the contract. "
        "Varga's claim that the tender had been rigged was rejected by the council."
    )
    q = one_quote(qs, "review")
    assert q["text"] == "an independent review of the contract" and q["who"] == "Ilse Varga"
    q = one_quote(qs, "rigged")
    assert q["text"] == "the tender had been rigged" and q["who"] == "Varga"


def test_according_to_at_the_end_of_a_paragraph(quotes_of: Any) -> None:
    # The paragraph break after the sentence is not part of the content.
    qs = quotes_of(
        "The ferry left the harbour two hours late, according to the port authority.\n\n"
        "Passengers waited on the quay."
    )
    q = one_quote(qs, "ferry left")
    assert q["verb"] == "according to" and q["text"] == "The ferry left the harbour two hours late"


def test_coordinated_reporting_verb_is_its_own_attribution(quotes_of: Any) -> None:
    qs = quotes_of(
        "Jonas Berglund said he would order a review of the port and warned against cutting the budget."
    )
    q = one_quote(qs, "order a review")
    assert q["text"] == "he would order a review of the port" and q["who"] == "Jonas Berglund"


@pytest.mark.parametrize(
    ("sentence", "verb", "content"),
    [
        ("Mira Solberg pointed to the closed bridge as an example of neglect.", "point", "the closed bridge"),
        ("The minister likened the new rules to a tax on the poor.", "liken", "the new rules to a tax"),
        (
            "Jonas Berglund responded to the mayor's claim that the port loses money.",
            "respond",
            "the mayor's claim",
        ),
        ("Mira Solberg attacked the tax plan.", "attack", "the tax plan"),
    ],
)
def test_object_contents_of_stance_verbs(quotes_of: Any, sentence: str, verb: str, content: str) -> None:
    q = one_quote(quotes_of(sentence), content)
    assert q["verb"] == verb and q["kind"] == "indirect"


def test_reported_clause_ends_at_a_semicolon_or_a_participle_of_its_own(quotes_of: Any) -> None:
    qs = quotes_of("Mira Solberg said the ferry would run again in May; the toll bridge stays closed.")
    assert one_quote(qs, "ferry would run")["text"] == "the ferry would run again in May"
    qs = quotes_of(
        "Mira Solberg said the harbour had lost money for years, arguing that the toll was too high."
    )
    assert one_quote(qs, "harbour had lost")["text"] == "the harbour had lost money for years"
    assert one_quote(qs, "toll was too high")["who"] == "Mira Solberg"


def test_more_stance_verbs(quotes_of: Any) -> None:
    qs = quotes_of("Mira Solberg referred to the toll as a tax on fishermen.")
    assert one_quote(qs, "tax on fishermen")["who"] == "Mira Solberg"
    qs = quotes_of("Mira Solberg spoke for an hour, referring to the old harbour bridge several times.")
    assert not any("harbour bridge" in q["text"] for q in qs)
    qs = quotes_of("Mira Solberg expressed concern about the cost of the new bridge.")
    assert one_quote(qs, "concern about the cost")["who"] == "Mira Solberg"


def test_according_to_reports_the_whole_coordination(quotes_of: Any) -> None:
    qs = quotes_of(
        "The ferry carried 900 people, the bus carried 400 and the train carried 300, "
        "according to city records."
    )
    q = one_quote(qs, "train carried 300")
    assert q["text"].startswith("The ferry carried 900") and q["speaker"]["text"] == "city records"


def test_infinitive_content_keeps_bare_verbs_coordinated_with_it(quotes_of: Any) -> None:
    qs = quotes_of(
        "Mira Solberg wants to triple the size of the ferry fleet, grow the harbour police and "
        "create a new night market."
    )
    q = one_quote(qs, "triple the size")
    assert q["text"].endswith("create a new night market") and q["who"] == "Mira Solberg"


def test_parenthetical_attribution_inside_a_relative_clause(quotes_of: Any) -> None:
    for sentence in (
        "The ferry leaves from the north pier, which, Mira Solberg said, is closed to cars in winter.",
        "The boats are kept at the old dock, which, Mira Solberg said, floods every spring.",
    ):
        q = one_quote(quotes_of(sentence), "which")
        assert q["text"].startswith("which") and "ferry leaves" not in q["text"] and "boats" not in q["text"]
        assert q["who"] == "Mira Solberg"


def test_according_to_opening_its_sentence(quotes_of: Any) -> None:
    qs = quotes_of(
        "According to harbour director Mira Solberg, the ferry deal reeks of fear and desperation."
    )
    q = one_quote(qs, "ferry deal")
    assert q["text"] == "the ferry deal reeks of fear and desperation" and q["who"] == "Mira Solberg"
    assert not quotes_of("According to the harbour office, mostly.")


def test_continue_and_maintain_report_only_with_a_clause(quotes_of: Any) -> None:
    assert not any(
        q["verb"] == "continue" for q in quotes_of("Mira Solberg continued to run the harbour office.")
    )
    assert not quotes_of("Mira Solberg maintained a wide lead in the harbour poll.")
    q = one_quote(quotes_of("Mira Solberg maintained that the ferry was safe."), "ferry was safe")
    assert q["verb"] == "maintain" and q["who"] == "Mira Solberg"


@pytest.mark.parametrize(
    "sentence",
    [
        "Lena Vos wrote a memoir of her years at the harbour office.",
        "The ferry company found ways to cut its fuel bill by a third.",
        "The council added two new bus routes to the northern district.",
        "Lena Vos told the crowd on the quay about her first winter at sea.",
        "The old captain knows every rock along the northern coast.",
        "Lena Vos concludes her chapter on the harbour strike by quoting a letter from a docker.",
    ],
)
def test_things_written_found_added_told_or_known_are_not_statements(quotes_of: Any, sentence: str) -> None:
    assert quotes_of(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "verb", "fragment"),
    [
        ("Lena Vos wrote that the northern pier was no longer safe.", "write", "pier was no longer safe"),
        ("Lena Vos told her deputies to close the northern pier.", "tell", "to close the northern pier"),
        ("The inspectors found that the pier had rotted.", "find", "pier had rotted"),
        ("The inspectors concluded that the pier had rotted.", "conclude", "pier had rotted"),
    ],
)
def test_the_same_verbs_with_a_clause_or_an_order_report(
    quotes_of: Any, sentence: str, verb: str, fragment: str
) -> None:
    assert any(q["verb"] == verb and fragment in q["text"] for q in quotes_of(sentence))


def test_a_sentence_opening_connective_is_the_writers_not_the_sources(quotes_of: Any) -> None:
    texts = {
        q["text"]
        for q in quotes_of(
            "The dam talks resumed. Meanwhile Lunesian Foreign Minister Ilinca Voronets will travel to "
            "Ostrel on Thursday, according to the Kestrian foreign ministry. But the plan will cost more, "
            "the minister said."
        )
    }
    assert "Lunesian Foreign Minister Ilinca Voronets will travel to Ostrel on Thursday" in texts
    assert "the plan will cost more" in texts


def test_the_preposition_a_cue_takes_is_shown_with_it(quotes_of: Any) -> None:
    qs = quotes_of(
        "The party leader, Anton Varga, called for a government of national unity. "
        "Nadia Ferrant warned against any deal reached without Valmora."
    )
    cues = {q["text"]: q["cue"]["text"] for q in qs}
    assert cues == {
        "a government of national unity": "called for",
        "any deal reached without Valmora": "warned against",
    }


def test_the_listener_of_inform_or_warn_is_not_what_was_said(quotes_of: Any) -> None:
    qs = quotes_of(
        "Minutes later prime minister Ana Roe informed the world. "
        "The mayor warned local residents. "
        "Officials informed the families on Monday that the search had ended. "
        "The mayor warned local residents to stay indoors. "
        "The governor warns Ivo Berg against a campaign in the hills."
    )
    assert [q["text"] for q in qs] == [
        "the search had ended",
        "local residents to stay indoors",
        "against a campaign in the hills",
    ]


def test_objects_of_prepositional_cues_and_answers_are_not_content(quotes_of: Any) -> None:
    qs = quotes_of(
        "Brita Lund, a seismologist in Bergen, answers our questions on the quake. "
        "As the plates push past each other, strain builds up. "
        "The union pushed for talks on wages."
    )
    assert [q["text"] for q in qs] == ["talks on wages"]


@pytest.mark.parametrize("dateline", ["12 May 2024 – ", "OSTREL (Vessa Wire) — ", "(Vessa Wire) - "])
def test_a_dateline_is_not_part_of_what_was_reported(quotes_of: Any, dateline: str) -> None:
    qs = quotes_of(
        dateline + "The harbour inspector warned that the northern pier may collapse within a year, "
        "the port authority reported."
    )
    q = one_quote(qs, "northern pier")
    assert q["text"].startswith("The harbour inspector warned"), q["text"]
