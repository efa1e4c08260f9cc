"""Speakers of quotes: the name a subject, a pronoun or a description resolves to, the body a spokesman
speaks for, and the names beside a quotation (a dash, a colon, the verb) when the parse names nobody."""

from __future__ import annotations

from typing import Any

import pytest

from builders import one_quote
from storyscope.stages.entities import extract_mentions
from storyscope.stages.nlp import load_nlp


def test_pronoun_speaker_after_a_sentence_about_the_person(quotes_of: Any) -> None:
    text = "Governor Elin Voss visited the dam.\n\n“The repairs are on time,” she said in a statement."
    q = one_quote(quotes_of(text), "repairs are on time")
    assert q["who"] == "Elin Voss"


def test_he_said_after_a_sentence_reporting_one_speaker_is_that_speaker(quotes_of: Any) -> None:
    # The sentence before names two people, one of them as the speaker: "He said …" goes on with him.
    text = (
        "Governor Pavel Dorn was wounded in the attack, Interior Minister Viktor Salo said on Monday.\n\n"
        "He said the army had the situation under control."
    )
    assert one_quote(quotes_of(text), "army had the situation")["who"] == "Viktor Salo"
    # Not when the sentence before reports nobody's words: either may be "he".
    text = "Governor Pavel Dorn met Viktor Salo. He said the talks went well."
    assert one_quote(quotes_of(text), "talks went well")["who"] is None


def test_he_said_goes_on_with_a_speaker_the_parse_left_without_his_verb(quotes_of: Any) -> None:
    # "In Velmar, Jonas Ek, head of ..., told …": the small parser hangs the name on the place and
    # leaves "told" without a subject; the name between commas before the verb is its subject still.
    text = (
        "In Velmar, Jonas Ek, head of the regional council’s transport committee, told the state "
        "broadcaster that Mayor Piet Aalto’s plan would raise fares for families.\n\n"
        "He said that “the line has lost money since before the crisis.”"
    )
    assert one_quote(quotes_of(text), "lost money")["who"] == "Jonas Ek"


def test_ambiguous_pronoun_speaker_is_unnamed(quotes_of: Any) -> None:
    text = "Pavel Dorn thanked Viktor Salo for his help. “We have moved forward,” he said."
    q = one_quote(quotes_of(text), "moved forward")
    assert q["who"] is None


def test_description_speaker_resolved_through_role(quotes_of: Any) -> None:
    text = (
        "Talks began between Norland's chief negotiator Sven Aaberg and Prime Minister Lise Dahl.\n\n"
        "“Any delay would hurt both sides,” the chief negotiator said."
    )
    assert one_quote(quotes_of(text), "Any delay")["who"] == "Sven Aaberg"


def test_spokesman_of_an_organisation_speaks_for_it(quotes_of: Any) -> None:
    q = one_quote(
        quotes_of("The Harbour Authority's spokesman said the pier would stay shut."), "pier would stay"
    )
    assert q["who"] is not None and "Harbour Authority" in q["who"]


def test_indirect_quote_with_pronoun_speaker(quotes_of: Any) -> None:
    text = "Olga Brandt visited the mine on Monday. She said it would close in June."
    assert one_quote(quotes_of(text), "close in June")["who"] == "Olga Brandt"


def test_dash_attribution_names_the_speaker(quotes_of: Any) -> None:
    qs = quotes_of("“The new bridge has changed how we get to work every single day.” ― Maren Olsby")
    q = one_quote(qs, "new bridge")
    assert q["kind"] == "direct" and q["who"] == "Maren Olsby"


def test_speaker_in_apposition_to_a_description(quotes_of: Any) -> None:
    qs = quotes_of("“We will publish every reading online,” said the spokeswoman of the agency, Anna Berg.")
    assert one_quote(qs, "every reading")["who"] == "Anna Berg"


def test_dash_byline_that_is_not_an_entity(quotes_of: Any) -> None:
    qs = quotes_of("“The port has been neglected for years and nobody seems to care.” ― Jo N Olidem\n“Next.”")
    q = one_quote(qs, "neglected")
    assert q["speaker"] is not None and q["speaker"]["text"] == "Jo N Olidem"


def test_noun_tagged_cue_with_a_subject_speaks_for_it() -> None:
    # The tagger sometimes takes "claims" for a plural noun heading its sentence ("Roe claims that …").
    from spacy.tokens import Doc

    from storyscope.stages.speakers import _speaker_for_cue

    nlp = load_nlp()
    words = ["But", "Roe", "claims", "that", "the", "ferry", "is", "safe", "."]
    heads = [2, 2, 2, 6, 5, 6, 2, 6, 2]
    deps = ["cc", "compound", "ROOT", "mark", "det", "nsubj", "ccomp", "acomp", "punct"]
    pos = ["CCONJ", "PROPN", "NOUN", "SCONJ", "DET", "NOUN", "AUX", "ADJ", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    speaker = _speaker_for_cue(doc[2], [])
    assert speaker is not None and speaker["text"] == "Roe"
    deps[1] = "nsubj"
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    speaker = _speaker_for_cue(doc[2], [])
    assert speaker is not None and speaker["text"] == "Roe"
    # A noun with a determiner is a noun: "The claims that …" have no speaker here.
    words2 = ["The", "claims", "that", "the", "ferry", "is", "safe", "spread", "."]
    heads2 = [1, 7, 5, 4, 5, 1, 5, 7, 7]
    deps2 = ["det", "nsubj", "mark", "det", "nsubj", "acl", "acomp", "ROOT", "punct"]
    pos2 = ["DET", "NOUN", "SCONJ", "DET", "NOUN", "AUX", "ADJ", "VERB", "PUNCT"]
    doc = Doc(nlp.vocab, words=words2, heads=heads2, deps=deps2, pos=pos2)
    assert _speaker_for_cue(doc[1], []) is None


def test_the_head_of_a_body_is_not_the_body(quotes_of: Any) -> None:
    # "Larvik's attorney general", "the head of the Harbour Authority", "the Harbour Authority ferry
    # czar": one person heads the place or body; it is not the place or the body that speaks.
    for text, what, said in (
        (
            "Larvik’s attorney general announced that the ferry company had broken the law.",
            "ferry company",
            "Larvik’s attorney general",
        ),
        (
            "The head of the Harbour Authority said it was too early to reopen the pier.",
            "too early",
            "The head of the Harbour Authority",
        ),
        (
            "The Harbour Authority ferry czar had told reporters that the pier would reopen.",
            "pier would reopen",
            "The Harbour Authority ferry czar",
        ),
    ):
        q = one_quote(quotes_of(text), what)
        assert q["speaker"]["text"] == said and q["who"] is None, text


def test_a_place_is_not_the_speaker_for_its_office_holder(quotes_of: Any) -> None:
    q = one_quote(
        quotes_of("Mira Holt opened the bridge. The mayor of Larvik said the old ferry would stop in May."),
        "old ferry",
    )
    assert q["speaker"]["text"] == "The mayor of Larvik" and q["who"] is None
    # A spokesman speaks for the place.
    q = one_quote(
        quotes_of("A spokesman for Norway said the border talks would resume in May."), "border talks"
    )
    assert q["who"] == "Norway"


def test_name_and_colon_opening_a_quotation(quotes_of: Any) -> None:
    qs = quotes_of(
        "More from the pollster Jonas Berg: “Turnout in the valley will decide this race, not the city.”"
    )
    q = one_quote(qs, "Turnout in the valley")
    assert q["kind"] == "direct" and q["who"] == "Jonas Berg"


def test_inverted_said_and_a_colon(quotes_of: Any) -> None:
    q = one_quote(
        quotes_of(
            "The report was never published. Said Ellis: “I don’t get the sense she’s the least bit "
            "interested in the harbour.”"
        ),
        "least bit interested",
    )
    assert q["who"] == "Ellis" and q["speaker"]["text"] == "Ellis"


def test_a_place_before_a_person_is_where_they_are_from(quotes_of: Any) -> None:
    q = one_quote(
        quotes_of(
            "The Chicago businessman says the ferry fares “are far too high for the families who live on the "
            "islands.”"
        ),
        "far too high",
    )
    assert q["speaker"]["text"] == "The Chicago businessman" and q["who"] is None


def test_a_name_beside_the_verb_after_the_quotation(quotes_of: Any) -> None:
    q = one_quote(
        quotes_of(
            "The fares rose again. ''I'm more skilled with my hands than I am with my brain,'' said Robin "
            "Maynard, half joking."
        ),
        "more skilled with my hands",
    )
    assert q["who"] == "Robin Maynard"


def test_the_name_after_told_is_not_the_speaker() -> None:
    from storyscope.stages.quotemarks import quote_spans
    from storyscope.stages.speakers import _name_near

    nlp = load_nlp()
    text = "“We were wrong from the beginning,” Ramos, 58, told AFP in an interview in Lisbon."
    doc = nlp(text)
    mentions = extract_mentions(doc)
    q = quote_spans(text)[0]
    told = next(t for t in doc if t.text == "told")
    near = _name_near(doc, told, q, mentions)
    assert near is not None and near["text"] == "Ramos"


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "CLEVELAND, July 19 (UPI) — Former harbour master Lena Vos told delegates at the convention that "
            "the ferry fares should be cut by half.",
            "Lena Vos",
        ),
        (
            "CHICAGO (AFP) – Harbour Minister Anton Varga on Monday warned that the northern pier would "
            "close in the winter.",
            "Anton Varga",
        ),
    ],
)
def test_a_dateline_is_not_the_speaker(quotes_of: Any, text: str, who: str) -> None:
    assert quotes_of(text)[0]["who"] == who


def test_according_to_plan_names_no_source(quotes_of: Any) -> None:
    assert quotes_of("For once, the harbour works have gone according to plan in recent weeks.") == []
    qs = quotes_of("The vote went according to schedule, according to party officials.")
    assert [q["text"] for q in qs] == ["The vote went according to schedule"]


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


def test_a_colon_after_no_name_introduces_nobodys_words(quotes_of: Any) -> None:
    qs = quotes_of(
        "The rules for the new pier are simple: “No boats after dark and no fishing from the jetty.”"
    )
    assert one_quote(qs, "No boats after dark")["speaker"] is None


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


def test_an_unnamed_speaker_keeps_the_whole_hyphenated_word(quotes_of: Any) -> None:
    text = "The dock was quiet.\n\nAustralian co-ordinators said on Sunday that the search would move south."
    q = one_quote(quotes_of(text), "search would move south")
    assert q["who"] is None and q["speaker"]["text"].endswith("co-ordinators")
    assert text[q["speaker"]["start"] : q["speaker"]["end"]] == q["speaker"]["text"]


def test_an_unnamed_speaker_does_not_end_in_the_clause_s_adverb(quotes_of: Any) -> None:
    text = "If the talks go well, according to Lunesian diplomats already next Tuesday experts could meet."
    q = one_quote(quotes_of(text), "experts could meet")
    assert q["speaker"]["text"] == "Lunesian diplomats"
