"""Speakers of quotes that the parse puts one step away: documents and their authors, misparses."""

from __future__ import annotations

from typing import Any

import pytest

from builders import one_quote


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            "After a long meeting, the Harbour Board issued a statement calling the closure of the pier "
            "a grave mistake.",
            "closure of the pier",
            "the Harbour Board",
        ),
        (
            "Last week, lawyers for the ferry company filed papers opposing the release of the records.",
            "release of the records",
            "lawyers for the ferry company",
        ),
        (
            "On Sunday Mira Solberg unleashed a series of tweets attacking the harbour master.",
            "the harbour master",
            "Mira Solberg",
        ),
    ],
)
def test_a_document_speaks_for_whoever_issued_it(
    quotes_of: Any, text: str, fragment: str, speaker: str
) -> None:
    assert one_quote(quotes_of(text), fragment)["speaker"]["text"] == speaker


def test_a_document_from_someone_else_or_only_cited_is_not_the_subjects(quotes_of: Any) -> None:
    qs = quotes_of(
        "The mayor received a letter saying that the pier would need repairs. "
        "Anton Varga released a letter from his doctor saying that he was in excellent health."
    )
    assert one_quote(qs, "pier would need repairs")["speaker"]["text"] == "a letter"
    assert one_quote(qs, "excellent health")["speaker"]["text"] == "a letter from his doctor"


def test_a_sentence_after_a_quotation_that_reports_its_own_clause_does_not_attribute_it(
    quotes_of: Any,
) -> None:
    qs = quotes_of("“We will not sign it.” Anton Varga said that the treaty was dead.")
    assert one_quote(qs, "We will not sign it")["speaker"] is None
    assert one_quote(qs, "the treaty was dead")["who"] == "Anton Varga"
    qs = quotes_of(
        'Norway branded the ferry plan a "waste of public money and time." '
        'Sweden insisted that the ministry "stop its delays at once."'
    )
    assert one_quote(qs, "waste of public money")["who"] == "Norway"
    assert one_quote(qs, "stop its delays")["who"] == "Sweden"


def test_a_pronoun_in_a_clause_the_same_person_reports_is_shown_as_the_name(quotes_of: Any) -> None:
    qs = quotes_of(
        'Mira Solberg said she expects the board "to approve the new ferry schedule before the summer."'
    )
    q = one_quote(qs, "approve the new ferry schedule")
    assert q["speaker"]["text"] == "Mira Solberg" and q["who"] == "Mira Solberg"
    qs = quotes_of(
        "Anton Varga said he did not believe the plan would work, arguing that the port was too small for "
        "the new ferries."
    )
    assert one_quote(qs, "port was too small")["speaker"]["text"] == "Anton Varga"
    # An adverbial clause is a report of its own: the pronoun stays.
    qs = quotes_of("Anton Varga left the meeting early, though he added that the vote would pass easily.")
    q = one_quote(qs, "vote would pass")
    assert q["speaker"]["text"] == "he" and q["who"] == "Anton Varga"


def test_a_quotation_closing_its_paragraph_after_a_report_goes_on_quoting_it(quotes_of: Any) -> None:
    report = "Her former business partner, Anton Varga, called her a master at closing hard deals. "
    quote = "“She never once gave up on a single one of them.”\nThe port opened in May."
    assert one_quote(quotes_of(report + quote), "never once gave up")["who"] == "Anton Varga"
    # A sentence of the writer's between them: nobody can tell.
    assert (
        one_quote(quotes_of(report + "The port opened in May. " + quote), "never once gave up")["speaker"]
        is None
    )


def test_a_verb_inside_another_quotation_is_not_a_cue(quotes_of: Any) -> None:
    qs = quotes_of(
        "“If he thinks that makes the port safe,” the harbour master says, “what does he think of us?”"
    )
    q = one_quote(qs, "makes the port safe")
    assert q["speaker"]["text"] == "the harbour master" and "think of us" in q["text"]


def test_a_statement_made_or_persisted_in_is_its_makers(quotes_of: Any) -> None:
    qs = quotes_of(
        "The dockworkers also persisted in arguments that the port authority is trying to sell the pier "
        "in secret."
    )
    assert one_quote(qs, "sell the pier in secret")["speaker"]["text"] == "The dockworkers"


def test_a_colon_after_no_name_introduces_nobodys_words(quotes_of: Any) -> None:
    qs = quotes_of(
        "The rules for the new pier are simple: “No boats after dark and no fishing from the jetty.”"
    )
    assert one_quote(qs, "No boats after dark")["speaker"] is None


def test_a_sign_speaks_for_whoever_carries_it(quotes_of: Any) -> None:
    qs = quotes_of("The dockworkers carried banners calling the new pier a monument to waste.")
    assert one_quote(qs, "monument to waste")["speaker"]["text"] == "The dockworkers"


@pytest.mark.parametrize(
    "text",
    [
        "Saturday at the Bergen harbour workers’ union convention Mayor Anna Berg (D-NO) said the harbour "
        "master was a “proven failure” in business.",
        "In a March meeting with the editorial board of the Bergen Times Anna Berg said that the port may "
        "need to be closed in the coming years.",
    ],
)
def test_a_verb_left_without_a_subject_takes_the_name_right_before_it(quotes_of: Any, text: str) -> None:
    assert quotes_of(text)[0]["who"] == "Anna Berg"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("About 4 in 10 say they want the next mayor to cut ferry fares.", "About 4 in 10"),
        (
            "Less than a third agreed with the mayor that the pier would have to wait its turn.",
            "Less than a third",
        ),
        (
            "Harbour workers were slightly more likely to say they preferred Berg to handle the port budget.",
            "Harbour workers",
        ),
    ],
)
def test_shares_of_people_and_likely_to_say(quotes_of: Any, text: str, speaker: str) -> None:
    assert quotes_of(text)[0]["speaker"]["text"] == speaker


def test_a_participle_on_whom_someone_wrote_to_is_the_writers(quotes_of: Any) -> None:
    qs = quotes_of("The harbour master emailed supporters saying that the fight for the pier continues.")
    assert one_quote(qs, "fight for the pier")["speaker"]["text"] == "The harbour master"


@pytest.mark.parametrize(
    ("text", "fragment", "who"),
    [
        # Branding or dubbing something is saying it.
        (
            'Mira Solberg dubbed the new bridge "a monument to bad planning and worse luck."',
            "monument",
            "Mira Solberg",
        ),
        # A quotation inside a "Name: statement" heading is that person's.
        (
            "Solberg: The board needs to 'stop wasting money on cranes' before May.\n"
            "Mira Solberg spoke on Friday in Bergen about the port.",
            "stop wasting money",
            "Solberg",
        ),
        # An outlet named before a report noun is its source.
        (
            "Mira Solberg is seizing upon a Bergen Times report that Anton Varga had a net loss of more "
            "than $900 million in 1995.",
            "net loss",
            "Bergen Times",
        ),
        # A comment someone makes is theirs.
        (
            "The strike prompted Mayor Anna Berg to make a controversial comment that described the "
            "dockworkers as thugs.",
            "dockworkers as thugs",
            "Anna Berg",
        ),
        # A sentence ending in a colon introduces its named subject's words.
        (
            "Mira Solberg spoke at the harbour on Monday. She then turned to the crowd again: “Here is "
            "what I regret. I regret that nobody listened.”",
            "nobody listened",
            "Mira Solberg",
        ),
        (
            "Anton Varga has taken the view common among harbour masters: “I love the sea, but I fear it.”",
            "I love the sea",
            "Anton Varga",
        ),
    ],
)
def test_the_speaker_one_step_from_the_cue(quotes_of: Any, text: str, fragment: str, who: str) -> None:
    assert one_quote(quotes_of(text), fragment)["who"] == who
