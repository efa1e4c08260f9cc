"""Quotes of one article: every direct and indirect form, speakers through pronouns and titles."""

from __future__ import annotations

from typing import Any

import pytest

from builders import one_quote
from storyscope.stages.entities import extract_mentions
from storyscope.stages.nlp import load_nlp


def test_direct_quote_with_attribution_after(quotes_of: Any) -> None:
    qs = quotes_of("“The harbour will reopen next week,” port director Mira Solberg said on Monday.")
    q = one_quote(qs, "harbour will reopen")
    assert q["kind"] == "direct" and q["verb"] == "say" and q["who"] == "Mira Solberg"
    assert q["text"] == "The harbour will reopen next week,"


def test_direct_quote_with_inverted_attribution(quotes_of: Any) -> None:
    qs = quotes_of('"We expect the first ships by Friday," said Mira Solberg, the port director.')
    q = one_quote(qs, "first ships")
    assert q["who"] == "Mira Solberg" and q["kind"] == "direct"


def test_direct_quote_introduced_with_colon(quotes_of: Any) -> None:
    qs = quotes_of("Jonas Berglund told the council: «The budget is balanced for the first time in years.»")
    q = one_quote(qs, "budget is balanced")
    assert q["who"] == "Jonas Berglund" and q["verb"] == "tell"


def test_german_quotation_marks(quotes_of: Any) -> None:
    qs = quotes_of("„We will not sign this treaty in its current form“, Karla Weidner said after the vote.")
    assert one_quote(qs, "not sign this treaty")["who"] == "Karla Weidner"


def test_quote_split_around_attribution_is_one_quote(quotes_of: Any) -> None:
    text = "“The bridge is safe,” engineer Rolf Anker said. “We checked every cable twice.”"
    qs = quotes_of(text)
    direct = [q for q in qs if q["kind"] == "direct"]
    assert len(direct) == 1
    q = direct[0]
    assert q["who"] == "Rolf Anker"
    assert len(q["spans"]) == 2 and q["text"] == "The bridge is safe, … We checked every cable twice."


def test_multi_paragraph_quote(quotes_of: Any) -> None:
    text = (
        "Mayor Hanna Krull spoke after the flood.\n\n"
        "“We lost three houses on the river road and the school gym.\n\n"
        "“But nobody was hurt, and that is what counts,” she said."
    )
    qs = quotes_of(text)
    q = one_quote(qs, "three houses")
    assert len(q["spans"]) == 2 and "nobody was hurt" in q["text"]
    assert q["who"] == "Hanna Krull"


def test_multi_paragraph_quote_in_single_marks(quotes_of: Any) -> None:
    text = (
        "Protester Nikos Arvan, 34, said: 'My shop closed in May. The new rules want to cut our hours.\n\n"
        "'So who is going to pay the rent? We will work for nothing.'\n\nThe vote is on Thursday."
    )
    qs = quotes_of(text)
    q = one_quote(qs, "My shop closed")
    assert q["kind"] == "direct" and len(q["spans"]) == 2 and "pay the rent" in q["text"]
    assert q["who"] == "Nikos Arvan"
    assert not any(x["who"] == "The new rules" for x in qs)


def test_pronoun_speaker_after_a_sentence_about_the_person(quotes_of: Any) -> None:
    text = "Governor Elin Voss visited the dam.\n\n“The repairs are on time,” she said in a statement."
    q = one_quote(quotes_of(text), "repairs are on time")
    assert q["who"] == "Elin Voss"


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


def test_partial_quote_inside_reported_clause(quotes_of: Any) -> None:
    text = "Minister Tove Lund said the agency had “solid evidence” that the dam was leaking."
    qs = quotes_of(text)
    q = one_quote(qs, "dam was leaking")
    assert q["kind"] == "indirect" and q["who"] == "Tove Lund"
    assert [p["text"] for p in q["partials"]] == ["solid evidence"]


def test_partial_quote_as_its_own_quote(quotes_of: Any) -> None:
    text = "Tove Lund called the proposal “a gift to smugglers and nobody else” on Friday."
    q = one_quote(quotes_of(text), "gift to smugglers")
    assert q["kind"] == "direct" and q["who"] == "Tove Lund"


def test_scare_quotes_without_speaker_are_not_quotes(quotes_of: Any) -> None:
    qs = quotes_of("The so-called “smart” meters were installed in every flat last year.")
    assert not [q for q in qs if q["text"] == "smart"]


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


def test_short_fragments_in_quotes_are_not_quotes(quotes_of: Any) -> None:
    qs = quotes_of("Mayor Tomas Brekke called the plan “reckless” on Tuesday.")
    assert not [q for q in qs if q["kind"] == "direct"]


def test_speaker_in_apposition_to_a_description(quotes_of: Any) -> None:
    qs = quotes_of("“We will publish every reading online,” said the spokeswoman of the agency, Anna Berg.")
    assert one_quote(qs, "every reading")["who"] == "Anna Berg"


def test_according_to_at_the_end_of_a_paragraph(quotes_of: Any) -> None:
    # The paragraph break after the sentence is not part of the content.
    qs = quotes_of(
        "The ferry left the harbour two hours late, according to the port authority.\n\n"
        "Passengers waited on the quay."
    )
    q = one_quote(qs, "ferry left")
    assert q["verb"] == "according to" and q["text"] == "The ferry left the harbour two hours late"


def test_mixed_straight_and_curly_marks(quotes_of: Any) -> None:
    qs = quotes_of(
        '"The bridge will stay closed until spring,” said Mira Solberg. '
        "“Nobody should drive across it before then,” she added."
    )
    q = one_quote(qs, "bridge will stay closed")
    assert q["who"] == "Mira Solberg" and "said Mira" not in q["text"]


def test_short_quote_with_its_own_attribution_is_a_statement(quotes_of: Any) -> None:
    qs = quotes_of('"Stop the car," she shouted at the guard. "He has no key. Leave him alone," she said.')
    assert any(q["text"].startswith("Stop the car") and q["kind"] == "direct" for q in qs)
    # A characterisation inside someone's sentence stays a partial, not a quote.
    qs = quotes_of('Mira Solberg called the plan "a real con" on Monday.')
    assert not any(q["kind"] == "direct" for q in qs)


def test_report_speaks_as_it(quotes_of: Any) -> None:
    qs = quotes_of(
        "The council published its audit on Friday. It says the harbour fund lost two million euros."
    )
    q = one_quote(qs, "harbour fund lost")
    assert q["speaker"] is not None and q["speaker"]["text"] == "It"
    # An expletive "it" is nobody: "it is said that …" has no speaker.
    qs = quotes_of("It is said that the harbour fund lost two million euros.")
    assert all(q["speaker"] is None for q in qs)


def test_quote_after_a_sentence_closing_in_its_attribution(quotes_of: Any) -> None:
    qs = quotes_of(
        "The ministry may wait until the talks are over, Jonas Berglund said. "
        '"The other question is whether the court rules first. I do not think it will."'
    )
    assert one_quote(qs, "other question")["who"] == "Jonas Berglund"
    qs = quotes_of(
        '"Nobody writes songs for the mayor. He has no band," Jonas Berglund said.\n\n'
        '"Right now the vote is against him. It is not for her."'
    )
    assert one_quote(qs, "Right now the vote")["who"] == "Jonas Berglund"


def test_weekday_after_the_verb_is_not_the_speaker(quotes_of: Any) -> None:
    qs = quotes_of('"We will find out what happened on the bridge," the police chief said Monday.')
    q = one_quote(qs, "find out")
    assert q["speaker"] is not None and "Monday" not in q["speaker"]["text"]


def test_name_and_colon_heading_a_paragraph(quotes_of: Any) -> None:
    qs = quotes_of(
        "Hanna Lund: Talks with the union will resume in May.\n\nThe strike entered its third week."
    )
    q = one_quote(qs, "Talks with the union")
    assert q["who"] == "Hanna Lund" and q["text"] == "Talks with the union will resume in May"
    # A place heading a paragraph ("Oslo: …") is a dateline, not a speaker.
    assert not quotes_of("Oslo: The strike entered its third week on Monday.")


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


def test_quote_split_around_the_verb_both_parts_governed(quotes_of: Any) -> None:
    qs = quotes_of(
        '"Every time you say that," Mira Solberg said, '
        '"you give ammunition to the people who want to close the port."'
    )
    q = one_quote(qs, "Every time")
    assert len(q["spans"]) == 2 and "you give ammunition" in q["text"] and q["who"] == "Mira Solberg"
    # A title in quotes after the verb is no second part.
    qs = quotes_of(
        "“The port is not for sale and never will be,” Mira Solberg said on Harbour Radio’s “Morning Show.”"
    )
    assert "Morning Show" not in one_quote(qs, "not for sale")["text"]


def test_titles_and_inch_marks_are_not_quotes(quotes_of: Any) -> None:
    qs = quotes_of('Mira Solberg appeared on "The Harbour Hour" and wrote "Why the Port Matters."')
    assert not any(q["kind"] == "direct" for q in qs)
    qs = quotes_of('The mayor is 6-foot-3" tall and weighs 90 kilos, the report says.')
    assert not any(q["kind"] == "direct" for q in qs)


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


def test_dash_byline_that_is_not_an_entity(quotes_of: Any) -> None:
    qs = quotes_of("“The port has been neglected for years and nobody seems to care.” ― Jo N Olidem\n“Next.”")
    q = one_quote(qs, "neglected")
    assert q["speaker"] is not None and q["speaker"]["text"] == "Jo N Olidem"


def test_passive_subject_is_not_the_speaker(quotes_of: Any) -> None:
    qs = quotes_of("The harbour ferry is expected to resume service in early May.")
    assert all(q["speaker"] is None for q in qs)
    qs = quotes_of("It was announced by Mira Solberg that the ferry would resume in May.")
    assert one_quote(qs, "ferry would resume")["who"] == "Mira Solberg"


def test_reported_clause_ends_at_a_semicolon_or_a_participle_of_its_own(quotes_of: Any) -> None:
    qs = quotes_of("Mira Solberg said the ferry would run again in May; the toll bridge stays closed.")
    assert one_quote(qs, "ferry would run")["text"] == "the ferry would run again in May"
    qs = quotes_of(
        "Mira Solberg said the harbour had lost money for years, arguing that the toll was too high."
    )
    assert one_quote(qs, "harbour had lost")["text"] == "the harbour had lost money for years"
    assert one_quote(qs, "toll was too high")["who"] == "Mira Solberg"


def test_lemmatizer_slip_on_hope(quotes_of: Any) -> None:
    qs = quotes_of("Mira Solberg hoped the ferry would be running again by May.")
    q = one_quote(qs, "ferry would be running")
    assert q["verb"] == "hope" and q["who"] == "Mira Solberg"


def test_transcript_turns(quotes_of: Any) -> None:
    text = (
        "Harbour director Mira Solberg spoke to reporter Tom Vale on Sunday.\n\n"
        '"VALE: Will the ferry run in May? People in town are asking.\n\n'
        '"SOLBERG: It will. We have the crews, and the “Northern Star” is back from repairs.\n\n'
        '"EDITOR: This part was cut.\n\n'
        "VALE: Thank you for your time today.\n"
    )
    qs = quotes_of(text)
    q = one_quote(qs, "We have the crews")
    assert q["kind"] == "direct" and q["who"] == "Mira Solberg" and q["speaker"]["text"] == "SOLBERG"
    assert q["text"].startswith("It will.") and q["text"].endswith("back from repairs.")
    assert one_quote(qs, "Will the ferry run")["who"] == "Tom Vale"
    assert one_quote(qs, "Thank you for your time")["who"] == "Tom Vale"
    assert not any(q["who"] is not None for q in qs if "part was cut" in q["text"])


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


def test_short_statement_in_doubled_single_marks(quotes_of: Any) -> None:
    qs = quotes_of("The harbour has one ferry left. ''That's our weakness,'' said Mira Solberg.")
    q = one_quote(qs, "our weakness")
    assert q["kind"] == "direct" and q["who"] == "Mira Solberg"


def test_infinitive_content_keeps_bare_verbs_coordinated_with_it(quotes_of: Any) -> None:
    qs = quotes_of(
        "Mira Solberg wants to triple the size of the ferry fleet, grow the harbour police and "
        "create a new night market."
    )
    q = one_quote(qs, "triple the size")
    assert q["text"].endswith("create a new night market") and q["who"] == "Mira Solberg"


def test_noun_tagged_cue_with_a_subject_speaks_for_it() -> None:
    # The tagger sometimes takes "claims" for a plural noun heading its sentence ("Roe claims that …").
    from spacy.tokens import Doc

    from storyscope.stages.attribution import _speaker_for_cue

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


def test_a_name_inside_the_content_is_not_its_speaker(quotes_of: Any) -> None:
    qs = quotes_of("Guards who worked to defend the Tarsk Museum will testify on Tuesday.")
    for q in qs:
        sp = q["speaker"]
        assert sp is None or not (q["start"] <= sp["start"] < q["end"]), q
    # An attribution inside the content keeps its speaker ("…, according to the office, and …").
    qs = quotes_of(
        "The top fifth paid half of all taxes in 2029, according to the Tarsk Budget Office, and the rest "
        "paid the other half."
    )
    assert any(q["who"] == "the Tarsk Budget Office" or q["who"] == "Tarsk Budget Office" for q in qs), qs


def test_quotation_paragraph_continues_the_indirect_speaker_before_it(quotes_of: Any) -> None:
    qs = quotes_of(
        "The ferry company cut two routes this winter.\n\n"
        "Harbour director Mira Solberg said the town would lose its Sunday boat.\n\n"
        "“We have asked the ministry for help twice and heard nothing.”"
    )
    assert one_quote(qs, "asked the ministry")["who"] == "Mira Solberg"


def test_quotation_paragraph_after_unattributed_text_stays_unattributed(quotes_of: Any) -> None:
    qs = quotes_of(
        "Harbour director Mira Solberg said the town would lose its Sunday boat. The ferry company "
        "has cut two routes this winter.\n\n"
        "“We have asked the ministry for help twice and heard nothing.”"
    )
    assert one_quote(qs, "asked the ministry")["who"] is None


def test_quote_split_around_a_long_attribution_sentence_is_one_quote(quotes_of: Any) -> None:
    text = (
        "“The dam will hold,” said Ingrid Falk, who has inspected the reservoir for the county since "
        "the storms of last spring and before that ran the water board. "
        "“We check the spillway every morning.”"
    )
    direct = [q for q in quotes_of(text) if q["kind"] == "direct"]
    assert len(direct) == 1
    assert direct[0]["who"] == "Ingrid Falk" and len(direct[0]["spans"]) == 2
    assert "dam will hold" in direct[0]["text"] and "spillway" in direct[0]["text"]


def test_words_running_on_from_a_quotation_do_not_join_the_next_quote(quotes_of: Any) -> None:
    text = (
        "“You sold the ferry line to your friends” and then raised the fares twice, Ingrid Falk said, "
        "looking at the council members one by one. “We will not forget that.”"
    )
    qs = quotes_of(text)
    assert not any("ferry line" in q["text"] and "not forget" in q["text"] for q in qs)


def test_reporting_verb_hung_on_the_reported_clause_is_the_reporters(quotes_of: Any) -> None:
    qs = quotes_of(
        "Harbour master Arne Dahl said the storm wall was damaged and warned fishermen to stay ashore "
        "until Friday."
    )
    q = one_quote(qs, "fishermen")
    assert q["verb"] == "warn" and q["who"] == "Arne Dahl"
    assert one_quote(qs, "storm wall")["who"] == "Arne Dahl"


def test_quotation_as_the_object_of_a_stance_verb(quotes_of: Any) -> None:
    text = (
        "At the harbour on Friday, Mayor Lena Vos attacked “the reckless plans of the shipping board to "
        "close the northern pier for good.”"
    )
    q = one_quote(quotes_of(text), "reckless plans")
    assert q["kind"] == "direct" and q["verb"] == "attack" and q["who"] == "Lena Vos"


def test_as_somebody_put_it(quotes_of: Any) -> None:
    text = (
        "Lena Vos has run the harbour for ten years. As Vos put it in a letter to the council, the pier "
        "is “a danger to every child who fishes from it.”"
    )
    q = one_quote(quotes_of(text), "a danger to every child")
    assert q["kind"] == "direct" and q["verb"] == "put" and q["who"] == "Vos"


def test_a_text_reads_what_it_says(quotes_of: Any) -> None:
    text = "“We ask the council to keep the northern pier open all year,” the petition reads."
    q = one_quote(quotes_of(text), "keep the northern pier")
    assert q["verb"] == "read" and q["speaker"]["text"] == "the petition"
    # Reading is not saying: no indirect quote of a reader.
    assert not quotes_of("Lena Vos read that the pier would close in May.")


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


@pytest.mark.parametrize(
    "sentence",
    [
        "Lena Vos wrote a memoir of her years at the harbour office.",
        "The ferry company found ways to cut its fuel bill by a third.",
        "The council added two new bus routes to the northern district.",
        "Lena Vos told the crowd on the quay about her first winter at sea.",
        "The old captain knows every rock along the northern coast.",
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
    ],
)
def test_the_same_verbs_with_a_clause_or_an_order_report(
    quotes_of: Any, sentence: str, verb: str, fragment: str
) -> None:
    assert any(q["verb"] == verb and fragment in q["text"] for q in quotes_of(sentence))


def test_name_and_colon_opening_a_quotation(quotes_of: Any) -> None:
    qs = quotes_of(
        "More from the pollster Jonas Berg: “Turnout in the valley will decide this race, not the city.”"
    )
    q = one_quote(qs, "Turnout in the valley")
    assert q["kind"] == "direct" and q["who"] == "Jonas Berg"


def test_phrasal_and_colourful_reporting_verbs(quotes_of: Any) -> None:
    q = one_quote(quotes_of("“You were never at the meeting,” Lena Vos shot back."), "never at the meeting")
    assert q["who"] == "Lena Vos" and q["verb"] == "shoot back" and q["cue"]["text"] == "shot back"
    q = one_quote(
        quotes_of("“We will take this to court,” the harbour master groused."), "take this to court"
    )
    assert q["verb"] == "grouse" and q["speaker"]["text"] == "the harbour master"
    assert quotes_of("The night patrol went on until dawn, and the crew hit back at the storm.") == []


def test_quote_after_a_sentence_closing_in_a_long_inverted_attribution(quotes_of: Any) -> None:
    for mark_open, mark_close in (("“", "”"), ("''", "''")):
        text = (
            f"The new fares are {mark_open}a disgrace,{mark_close} said Jonas Berg, chairman of the "
            f"valley ferry users' association. {mark_open}Nobody asked the people who ride the boats "
            f"every day.{mark_close}"
        )
        q = one_quote(quotes_of(text), "Nobody asked")
        assert q["who"] == "Jonas Berg", mark_open


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


def test_according_to_before_a_quotation(quotes_of: Any) -> None:
    q = one_quote(
        quotes_of(
            "The debate was long. According to Lena Vos, “the pier will not survive another winter of storms "
            "on this coast.”"
        ),
        "pier will not survive",
    )
    assert q["kind"] == "direct" and q["who"] == "Lena Vos"


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
    from storyscope.stages.attribution import _name_near
    from storyscope.stages.quotemarks import quote_spans

    nlp = load_nlp()
    text = "“We were wrong from the beginning,” Ramos, 58, told AFP in an interview in Lisbon."
    doc = nlp(text)
    mentions = extract_mentions(doc)
    q = quote_spans(text)[0]
    told = next(t for t in doc if t.text == "told")
    near = _name_near(doc, told, q, mentions)
    assert near is not None and near["text"] == "Ramos"


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


def test_according_to_plan_names_no_source(quotes_of: Any) -> None:
    assert quotes_of("For once, the harbour works have gone according to plan in recent weeks.") == []
    qs = quotes_of("The vote went according to schedule, according to party officials.")
    assert [q["text"] for q in qs] == ["The vote went according to schedule"]
