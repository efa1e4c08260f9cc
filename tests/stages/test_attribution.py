"""Reporting verbs and their subjects: which verbs report, and who reports when the speaker is one step
or more from the verb (documents and their authors, participles, relative clauses, misparses)."""

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


def test_a_statement_made_or_persisted_in_is_its_makers(quotes_of: Any) -> None:
    qs = quotes_of(
        "The dockworkers also persisted in arguments that the port authority is trying to sell the pier "
        "in secret."
    )
    assert one_quote(qs, "sell the pier in secret")["speaker"]["text"] == "The dockworkers"


def test_a_sign_speaks_for_whoever_carries_it(quotes_of: Any) -> None:
    qs = quotes_of("The dockworkers carried banners calling the new pier a monument to waste.")
    assert one_quote(qs, "monument to waste")["speaker"]["text"] == "The dockworkers"


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


def test_report_speaks_as_it(quotes_of: Any) -> None:
    qs = quotes_of(
        "The council published its audit on Friday. It says the harbour fund lost two million euros."
    )
    q = one_quote(qs, "harbour fund lost")
    assert q["speaker"] is not None and q["speaker"]["text"] == "It"
    # An expletive "it" is nobody: "it is said that …" has no speaker.
    qs = quotes_of("It is said that the harbour fund lost two million euros.")
    assert all(q["speaker"] is None for q in qs)


def test_weekday_after_the_verb_is_not_the_speaker(quotes_of: Any) -> None:
    qs = quotes_of('"We will find out what happened on the bridge," the police chief said Monday.')
    q = one_quote(qs, "find out")
    assert q["speaker"] is not None and "Monday" not in q["speaker"]["text"]


def test_speaker_of_a_verb_after_a_preposition(quotes_of: Any) -> None:
    qs = quotes_of("Mira Solberg answered the union on Friday by saying the port would stay open.")
    assert one_quote(qs, "port would stay open")["who"] == "Mira Solberg"


def test_relative_and_participle_speakers(quotes_of: Any) -> None:
    qs = quotes_of("Senator Ted Berg endorsed Hanna Lund, who says she is honored.")
    q = one_quote(qs, "she is honored")
    assert q["speaker"]["text"] == "who" and q["who"] == "Hanna Lund"
    assert one_quote(qs, "Hanna Lund")["text"] == "Hanna Lund"
    qs = quotes_of("The council received a statement saying the harbour would stay closed.")
    q = one_quote(qs, "harbour would stay closed")
    assert q["speaker"]["text"] == "a statement" and q["who"] is None


def test_lemmatizer_slip_on_hope(quotes_of: Any) -> None:
    qs = quotes_of("Mira Solberg hoped the ferry would be running again by May.")
    q = one_quote(qs, "ferry would be running")
    assert q["verb"] == "hope" and q["who"] == "Mira Solberg"


def test_reporting_verb_hung_on_the_reported_clause_is_the_reporters(quotes_of: Any) -> None:
    qs = quotes_of(
        "Harbour master Arne Dahl said the storm wall was damaged and warned fishermen to stay ashore "
        "until Friday."
    )
    q = one_quote(qs, "fishermen")
    assert q["verb"] == "warn" and q["who"] == "Arne Dahl"
    assert one_quote(qs, "storm wall")["who"] == "Arne Dahl"


def test_phrasal_and_colourful_reporting_verbs(quotes_of: Any) -> None:
    q = one_quote(quotes_of("“You were never at the meeting,” Lena Vos shot back."), "never at the meeting")
    assert q["who"] == "Lena Vos" and q["verb"] == "shoot back" and q["cue"]["text"] == "shot back"
    q = one_quote(
        quotes_of("“We will take this to court,” the harbour master groused."), "take this to court"
    )
    assert q["verb"] == "grouse" and q["speaker"]["text"] == "the harbour master"
    assert quotes_of("The night patrol went on until dawn, and the crew hit back at the storm.") == []


def test_a_passive_participle_clause_is_not_the_subjects_statement(quotes_of: Any) -> None:
    qs = quotes_of("Asked to explain what he meant, Rolf Berg said the boats looked like toys.")
    assert one_quote(qs, "the boats looked like toys")["who"] == "Rolf Berg"
    assert all(q["who"] is None for q in qs if "what he meant" in q["text"])


def test_the_object_of_a_verb_is_not_an_inverted_speaker(quotes_of: Any) -> None:
    q = one_quote(
        quotes_of(
            "The ferry operators had harsh words for the inspectors, telling Lena Vos that “the pier is a "
            "danger to every passenger.”"
        ),
        "danger to every passenger",
    )
    assert q["speaker"]["text"] == "The ferry operators"
    q = one_quote(
        quotes_of(
            "The Valley Gazette ran an editorial on Sunday. Meanwhile, it attacked the harbour board, "
            "saying the board “has ignored the fishermen for a decade.”"
        ),
        "ignored the fishermen",
    )
    assert q["speaker"]["text"] == "it"


def test_it_points_out(quotes_of: Any) -> None:
    q = one_quote(
        quotes_of(
            "The report is long. It also points out that the dredging contract was never put to tender."
        ),
        "dredging contract",
    )
    assert q["verb"] == "point out" and q["speaker"]["text"] == "It"


@pytest.mark.parametrize(
    ("sentence", "fragment", "who"),
    [
        (
            "The long delays have led the port engineer Anna Holt to fear a strike at the northern terminal.",
            "a strike at the northern terminal",
            "Anna Holt",
        ),
        (
            "The senator also forced Jonas Berg to admit that no manager had been fired over the losses.",
            "no manager had been fired",
            "Jonas Berg",
        ),
    ],
)
def test_the_object_of_lead_or_force_holds_the_view(
    quotes_of: Any, sentence: str, fragment: str, who: str
) -> None:
    assert one_quote(quotes_of(sentence), fragment)["who"] == who


def test_an_infinitive_of_purpose_stays_with_the_subject(quotes_of: Any) -> None:
    q = one_quote(
        quotes_of("The captain used his speech to call for a new lighthouse on the northern cape."),
        "lighthouse",
    )
    assert q["speaker"]["text"] == "The captain"


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # Two subjects from a misparse: the one beside the verb speaks, not a word of the quotation.
        (
            "“My answer, that was final,” the harbour master said in an interview with Radio Nord's Jan Eik.",
            "My answer",
            "the harbour master",
        ),
        # A dash taken for a subject is nobody.
        (
            "When the mayor noted that the port had lost money ― as was true for two years ― Berg boasted, "
            "“That makes me careful.”",
            "makes me careful",
            "Berg",
        ),
    ],
)
def test_the_subject_beside_the_verb(quotes_of: Any, text: str, fragment: str, speaker: str) -> None:
    assert one_quote(quotes_of(text), fragment)["speaker"]["text"] == speaker


def test_a_question_put_to_the_speaker_is_not_theirs(quotes_of: Any) -> None:
    qs = quotes_of('Asked to describe the new ferry schedule, Jonas Berg said, "Not going to go into that."')
    assert one_quote(qs, "to describe the new ferry schedule")["speaker"] is None
    assert one_quote(qs, "Not going to go into that")["who"] == "Jonas Berg"


@pytest.mark.parametrize(
    ("text", "verb", "who"),
    [
        (
            "The crowd booed. “Go back to your boat,” Anton Varga barked, and a guard led the fisherman out.",
            "bark",
            "Anton Varga",
        ),
        ("Lena Vos gloated: ''I told you the pier wouldn't be ready.''", "gloat", "Lena Vos"),
    ],
)
def test_colourful_verbs_of_speech(quotes_of: Any, text: str, verb: str, who: str) -> None:
    q = quotes_of(text)[0]
    assert q["verb"] == verb and q["who"] == who


def test_an_occasion_says_nothing(quotes_of: Any) -> None:
    q = one_quote(
        quotes_of(
            "Lena Vos spoke at length, and she said at a recent news conference announcing that her "
            "office was suing the ferry company over its fares."
        ),
        "suing the ferry company",
    )
    assert q["speaker"]["text"] == "she" and q["who"] == "Lena Vos"
