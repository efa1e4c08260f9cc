"""Entity mentions: names cut from the model's entities (titles stripped, brackets, possessives, names
it missed) and pronouns resolved by rule; also the quotation spans mentions are read against, and the
NLP stage."""

from __future__ import annotations

from typing import Any

import pytest

from builders import make_article, names_of, resolved_text
from storyscope.stages.entities import extract_mentions
from storyscope.stages.nlp import NlpStage, load_nlp
from storyscope.stages.quotemarks import quote_spans


def test_types_offsets_and_role_before_the_name(mentions_of: Any) -> None:
    text = "Harbour Authority spokesman Tomas Veller said on Monday that the ferry from Lisbon would resume."
    ms = mentions_of(text)
    names = names_of(ms)
    veller = names["Tomas Veller"]
    assert veller["type"] == "person"
    assert text[veller["start"] : veller["end"]] == "Tomas Veller"
    assert veller["role"] is not None and "spokesman" in veller["role"]
    assert names["Lisbon"]["type"] == "place"


def test_titles_and_honorifics_are_stripped_from_names(mentions_of: Any) -> None:
    ms = mentions_of("President Anton Marek met Ayatollah Karim Dastani in the capital on Friday.")
    names = names_of(ms)
    assert "Anton Marek" in names
    assert names["Anton Marek"]["role"] == "President"
    assert "Karim Dastani" in names
    # An honorific is a form of address, not a role.
    assert names["Karim Dastani"]["role"] is None


def test_pronoun_resolves_to_single_person_in_previous_sentence(mentions_of: Any) -> None:
    ms = mentions_of(
        "Finance minister Greta Holm presented the budget on Tuesday. She said it would cut debt."
    )
    assert resolved_text(ms, "She") == "Greta Holm"


def test_pronoun_in_same_sentence(mentions_of: Any) -> None:
    ms = mentions_of("Pavel Dorn said the plan was unclear, but he said the money was ready.")
    assert resolved_text(ms, "he") == "Pavel Dorn"


def test_two_candidates_mean_no_resolution(mentions_of: Any) -> None:
    ms = mentions_of("Pavel Dorn thanked Viktor Salo for the deal. He said more talks would follow.")
    assert resolved_text(ms, "He") is None


def test_unnamed_person_blocks_resolution(mentions_of: Any) -> None:
    text = "A spokesman for mayor Ida Brandt did not deny the report. He said the plan dated back years."
    ms = mentions_of(text)
    assert resolved_text(ms, "He") is None


def test_name_missed_by_the_model_is_propagated(mentions_of: Any) -> None:
    text = "Ebba Lindqvist met the board. Later, Lindqvist called the meeting useful and Lindqvist left."
    ms = mentions_of(text)
    hits = [m for m in ms if m["text"] == "Lindqvist" and m["type"] == "person"]
    assert len(hits) == 2


def test_quote_spans_all_mark_styles() -> None:
    text = (
        '"Straight," he said. “Curly,” she said. «Guillemets», er sagte. „German“, sagte sie. '
        "He called it ‘single’ and don't split apostrophes."
    )
    got = [text[q.start : q.end] for q in quote_spans(text)]
    assert got == ["Straight,", "Curly,", "Guillemets", "German", "single"]


def test_multi_paragraph_quote_is_one_span() -> None:
    text = "“The first part goes on\n\n“and the second part ends here,” she said."
    spans = quote_spans(text)
    assert len(spans) == 1
    assert len(spans[0].parts) == 2


@pytest.mark.parametrize("mark", ["'", "‘"])
def test_multi_paragraph_single_quote_is_one_span(mark: str) -> None:
    close = "'" if mark == "'" else "’"
    text = (
        f"Nikos Arvan, 34, said: {mark}My shop closed in May. The new rules cut our hours again.\n\n"
        f"{mark}So who is going to pay the rent?{close}\n\nThe vote is on Thursday."
    )
    spans = quote_spans(text)
    assert [len(s.parts) for s in spans] == [2]
    assert text[spans[0].start : spans[0].start + 20] == "My shop closed in Ma"


def test_an_unclosed_single_mark_that_does_not_continue_is_no_quote() -> None:
    for text in (
        "'Tis the season, said the grocer.\n\nThe vote is on Thursday.",
        "He said: 'First part.\n\nNo mark here.",
    ):
        assert quote_spans(text) == []


def test_stage_skips_other_languages_and_annotates_english() -> None:
    stage = NlpStage()
    stage.setup()
    en = make_article("e1", "Mayor Ida Brandt said the bridge would open in May.", language="en")
    de = make_article("d1", "Die Brücke wird im Mai eröffnet.", language="de")
    out = stage.run([en, de])
    assert out[1] == {"skipped": "language de not supported"}
    assert any(m["text"] == "Ida Brandt" for m in out[0]["mentions"])
    assert out[0]["quotes"] and out[0]["quotes"][0]["kind"] == "indirect"


def test_possessive_inside_a_name_splits_owner_and_owned(mentions_of: Any) -> None:
    ms = mentions_of(
        "Samsung unveiled its phone on Monday. Samsung’s Galaxy S5 has a larger screen than last year's "
        "model. The People’s Liberation Army of Norland and the Airline Pilots’ Association protested."
    )
    names = names_of(ms)
    assert "Samsung’s Galaxy S5" not in names
    assert names["Samsung"]["type"] == "organization"
    assert "Association" not in names and "Army of Norland" not in names


def test_a_hyphenated_name_loses_its_possessive(mentions_of: Any) -> None:
    # The tagger keeps "’s" inside "Tsai Ing-wen’s"-like names as a proper noun of its own.
    names = names_of(mentions_of("President Kao Ming-wen’s speech came as Vessa marked its national day."))
    assert "Kao Ming-wen" in names and not any(n.endswith("’s") for n in names)


def test_a_military_rank_is_a_title(mentions_of: Any) -> None:
    ms = mentions_of(
        "Air Chief Marshal Angus Harrow said the search would go on. "
        "On Sunday, Air Chief Marshal Harrow told reporters time was short."
    )
    names = names_of(ms)
    assert "Marshal Harrow" not in names and names["Harrow"]["type"] == "person"


@pytest.mark.parametrize(
    ("sentence", "entity", "name"),
    [
        ("I have followed Mr (Anton) Varga's career closely.", "Anton ) Varga", "Varga"),
        ("The club signed Tomas Holm (Rovers last summer.", "Tomas Holm ( Rovers", "Tomas Holm"),
        ("She was born in (Tallinn and moved away.", "( Tallinn", "Tallinn"),
    ],
)
def test_a_name_does_not_run_across_a_bracket(sentence: str, entity: str, name: str) -> None:
    # The recogniser sometimes runs a name across a bracket; the span is set here as it gives it.
    from spacy.tokens import Span

    doc = load_nlp()(sentence)
    words = [t.text for t in doc]
    first = words.index(entity.split()[0])
    doc.ents = [Span(doc, first, first + len(entity.split()), label="PERSON")]
    names = list(names_of(extract_mentions(doc)))
    assert names == [name], names


def test_a_creed_or_nationality_before_a_one_word_body_is_its_name() -> None:
    # The model cuts such names in two; the spans are set here as it gives them.
    from spacy.tokens import Span

    doc = load_nlp()("Islamic State released a video on Saturday, and Velmar's Harbour Union replied.")
    words = [t.text for t in doc]
    i = words.index("Islamic")
    doc.ents = [Span(doc, i, i + 1, label="NORP"), Span(doc, i + 1, i + 2, label="ORG")]
    names = names_of(extract_mentions(doc))
    assert "Islamic State" in names and names["Islamic State"]["type"] == "organization"
    assert "State" not in names


def test_a_double_barrelled_surname_opening_a_sentence_is_the_person(mentions_of: Any) -> None:
    text = (
        "Harbour board spokeswoman Teodora Marin-Halse spoke to reporters on Monday.\n\n"
        "Marin-Halse did not deny that the ferry would be late. Russia-Ukraine grain talks were "
        "not discussed, and flights from Paris-Orly ran on time."
    )
    found = {(m["text"], m["type"]) for m in mentions_of(text)}
    assert ("Marin-Halse", "person") in found
    assert not any(name == "Marin" for name, _ in found)
    # Compounds that end no person's name are left as the tagger found them.
    assert not any(name.startswith(("Russia-", "Paris-")) for name, _ in found)


def test_what_a_person_owns_is_not_a_person_and_a_name_stops_at_a_paragraph_break(mentions_of: Any) -> None:
    names = names_of(mentions_of("Before that, Tomas Berrick’s Dunmore side won the cup twice."))
    assert "Tomas Berrick’s Dunmore" not in names and names["Tomas Berrick"]["type"] == "person"
    names = names_of(mentions_of("The deal was signed by Marek Dolan\n\nOther news from the port."))
    assert not any("\n" in n for n in names)


def test_an_untagged_name_speaking_as_a_person_is_a_person(mentions_of: Any) -> None:
    text = (
        "“The rescue mechanism is fragile,” said Oh Ei Sun, a senior fellow at the Lindqvist Institute. "
        "Harbour Road, a street of shops, said nothing to anyone."
    )
    names = names_of(mentions_of(text))
    assert names["Oh Ei Sun"]["type"] == "person"
    assert "senior fellow" in (names["Oh Ei Sun"]["role"] or "")
    # A firm described by its trade stays what the model says.
    names = names_of(mentions_of("Tarsk Grid Power, a power provider in the north, said prices would rise."))
    assert all(m["type"] != "person" for m in names.values())


def test_a_name_does_not_end_in_the_conjunction_of_a_list() -> None:
    from spacy.tokens import Span

    from storyscope.stages.entities import _strip_name

    doc = load_nlp()("The fair hosted Marrow Lane Brass Band and Dolly Fenn.")
    band = next(i for i, t in enumerate(doc) if t.text == "Marrow")
    conj = next(i for i, t in enumerate(doc) if t.text == "and")
    # The tagger sometimes runs a list's name on into its "and"; the name stops before it.
    start, end, _ = _strip_name(Span(doc, band, conj + 1, label="ORG"))
    assert doc[start:end].text == "Marrow Lane Brass Band"
