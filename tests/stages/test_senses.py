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
        "The district hospital admitted forty patients overnight after the fire.",
        "The ferry crew acknowledged the waving crowd as they left the harbour.",
        "The old port town boasts two lighthouses and a fish market.",
        "Marta Lind, from Tallinn, is shown to the left of the harbour master in the photograph.",
        "Detectives questioned two sailors from the ferry for six hours on Monday.",
        "Gunmen in a black car attacked three locations in the city on Friday.",
        "Ana Lind, who is suspected of planning the harbour fires, was arrested on Monday.",
        "The northern coast could see the first waves by noon and the islands could be hit later.",
        "The agency published a map showing the expected path of the storm across the bay.",
        "Television footage showed a wall of water reaching far into the harbour town.",
        "State television showed crowds gathering in the main square of the harbour town.",
        "A storm warning extended along the whole coast, where several villages were evacuated.",
        "The ferry company is likely to report another loss for the winter months.",
        "The harbour board is expected to announce that the old pier will close.",
        "The mayor is due to say on Friday whether the bridge will reopen.",
        "The port authority is set to announce that it will cut 300 jobs.",
        "The new ferry offers twice the deck space of the old one.",
        "The harbour radio supports twelve channels for the pilots.",
        "The rebuilt jetty promises shorter queues for the morning boats.",
        "In 2031, twelve ferry firms reported operating profits for the first time.",
        "The striker signed on Friday after agreeing personal terms with the club.",
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
        ("The harbour master admitted two mistakes in the night's log.", "admit", "two mistakes"),
        ("The ferry company acknowledged the delays on the northern route.", "acknowledge", "the delays"),
        ("The mayor boasted that the harbour had never been busier.", "boast", "never been busier"),
        ("A new survey shows that most fishermen back the plan.", "show", "most fishermen back the plan"),
        ("Officials issued a warning urging residents to stay indoors.", "urge", "residents to stay indoors"),
        ("Fishermen were more likely to say that the new quotas were unfair.", "say", "quotas were unfair"),
        ("Analysts expected that fuel prices would fall by the autumn.", "expect", "fuel prices would fall"),
        ("The ferry union offered a compromise on night shifts.", "offer", "a compromise on night shifts"),
        ("The harbour report promises sweeping reforms of the pilot service.", "promise", "sweeping reforms"),
        ("Most fishermen support the plan to dredge the harbour.", "support", "the plan to dredge"),
        ("The ferry firm reported that profits had doubled.", "report", "profits had doubled"),
        ("The unions agreed that the night shifts would end.", "agree", "night shifts would end"),
    ],
)
def test_the_attributing_senses_stay(quotes_of: Any, sentence: str, verb: str, fragment: str) -> None:
    qs = quotes_of(sentence)
    assert any(q["verb"] == verb and fragment in q["text"] for q in qs), qs


def test_a_passive_that_shares_its_conjuncts_subject_has_no_speaker(quotes_of: Any) -> None:
    # The passive reports on its subject; whoever believes it is not named.
    qs = quotes_of("Tomas Berg joined the club in 1984 and is believed to have been its first Finn.")
    assert [(q["verb"], q["speaker"]) for q in qs] == [("believe", None)]
    assert qs[0]["text"].startswith("to have been its first Finn")


def test_a_passive_reports_its_predicate_with_the_agent_as_speaker(quotes_of: Any) -> None:
    qs = quotes_of("The harbour master has been called a reckless liar by fellow captains.")
    assert [(q["verb"], q["text"], q["speaker"] and q["speaker"]["text"]) for q in qs] == [
        ("call", "a reckless liar", "fellow captains")
    ]


def test_a_contracted_has_before_a_cue_and_its_preposition_is_no_passive(quotes_of: Any) -> None:
    qs = quotes_of("The mayor, Ines Varga, who’s called for a new ferry pier, spoke on Monday.")
    assert [q["text"] for q in qs] == ["a new ferry pier"]
    assert qs[0]["speaker"] is not None


def test_a_participle_hung_on_a_name_with_a_that_clause_is_its_verb(quotes_of: Any) -> None:
    # The parser takes "announced" for a participle of "minister"; with a reported clause of its own it
    # is the minister's verb.
    qs = quotes_of(
        "The news brought relief to the crews as Velmar’s harbour minister, Anton Kessler, announced "
        "on Monday that no ferry is believed to have sunk."
    )
    q = next(q for q in qs if q["verb"] == "announce")
    assert q["speaker"] is not None and "Kessler" in q["speaker"]["text"]
    assert not q["passive"]


def test_attacking_a_place_is_an_assault_and_attacking_a_plan_is_criticism() -> None:
    from storyscope.stages.nlp import load_nlp
    from storyscope.stages.senses import non_speech_object

    nlp = load_nlp()
    for text, expected in (
        ("The video urged followers to attack France and Belgium.", True),
        ("The senator attacked the harbour plan as reckless.", False),
    ):
        doc = nlp(text)
        verb = next(t for t in doc if t.lemma_.lower() == "attack")
        assert non_speech_object(verb, "attack") is expected, text


def test_calling_itself_uses_a_name(quotes_of: Any) -> None:
    # "a group calling itself …", "let the province call itself Vessa": a name, no statement.
    for text in (
        "A group calling itself the Northern Front took over the old mill.",
        "The board refused to let the province call itself Vessa, the name of a bordering region.",
    ):
        assert not any(q["verb"] == "call" for q in quotes_of(text)), text
    # Calling a thing something is a judgement, and so are people calling each other names.
    assert any(q["verb"] == "call" for q in quotes_of("The council called the plan a disaster."))
    assert any(q["verb"] == "call" for q in quotes_of('The two rivals called each other "cowards" all week.'))
