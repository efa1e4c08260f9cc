"""Entity mentions: types, roles, title stripping, gazetteer fixes, pronoun and description resolution."""

from __future__ import annotations

from typing import Any

import pytest

from builders import make_article
from storyscope.stages.entities import extract_mentions
from storyscope.stages.nlp import NlpStage, load_nlp
from storyscope.stages.quotemarks import quote_spans


@pytest.fixture(scope="module")
def mentions_of() -> Any:
    nlp = load_nlp()

    def run(text: str) -> list[dict[str, Any]]:
        return extract_mentions(nlp(text))

    return run


def _names(ms: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {m["text"]: m for m in ms if m["kind"] == "name"}


def _resolved(ms: list[dict[str, Any]], text: str) -> str | None:
    by_id = {m["id"]: m for m in ms}
    hits = [m for m in ms if m["text"] == text and m["kind"] != "name"]
    if not hits or hits[0]["resolved_to"] is None:
        return None
    return str(by_id[hits[0]["resolved_to"]]["text"])


def test_types_offsets_and_role_before_the_name(mentions_of: Any) -> None:
    text = "Harbour Authority spokesman Tomas Veller said on Monday that the ferry from Lisbon would resume."
    ms = mentions_of(text)
    names = _names(ms)
    veller = names["Tomas Veller"]
    assert veller["type"] == "person"
    assert text[veller["start"] : veller["end"]] == "Tomas Veller"
    assert veller["role"] is not None and "spokesman" in veller["role"]
    assert names["Lisbon"]["type"] == "place"


def test_titles_and_honorifics_are_stripped_from_names(mentions_of: Any) -> None:
    ms = mentions_of("President Anton Marek met Ayatollah Karim Dastani in the capital on Friday.")
    names = _names(ms)
    assert "Anton Marek" in names
    assert names["Anton Marek"]["role"] == "President"
    assert "Karim Dastani" in names
    # An honorific is a form of address, not a role.
    assert names["Karim Dastani"]["role"] is None


def test_role_from_apposition(mentions_of: Any) -> None:
    ms = mentions_of("Lena Osterhout, the mayor of Ravensburg, opened the new bridge on Sunday.")
    role = _names(ms)["Lena Osterhout"]["role"]
    assert role is not None and role.startswith("mayor")


def test_outlets_are_organisations_and_products_are_not_people(mentions_of: Any) -> None:
    ms = mentions_of(
        "Interfax reported the deal, and Marta Kline posted about it on Twitter from her iPhone."
    )
    names = _names(ms)
    assert names["Interfax"]["type"] == "organization"
    if "Twitter" in names:
        assert names["Twitter"]["type"] == "organization"
    assert all(m["type"] != "person" for m in ms if m["text"] in ("Twitter", "iPhone"))


def test_news_agency_pattern_is_an_organisation(mentions_of: Any) -> None:
    ms = mentions_of("Olaf Brenner told the Nordlicht news agency that the talks had stalled.")
    assert any(m["type"] == "organization" and "Nordlicht" in m["text"] for m in ms)


def test_pronoun_resolves_to_single_person_in_previous_sentence(mentions_of: Any) -> None:
    ms = mentions_of(
        "Finance minister Greta Holm presented the budget on Tuesday. She said it would cut debt."
    )
    assert _resolved(ms, "She") == "Greta Holm"


def test_pronoun_in_same_sentence(mentions_of: Any) -> None:
    ms = mentions_of("Pavel Dorn said the plan was unclear, but he said the money was ready.")
    assert _resolved(ms, "he") == "Pavel Dorn"


def test_two_candidates_mean_no_resolution(mentions_of: Any) -> None:
    ms = mentions_of("Pavel Dorn thanked Viktor Salo for the deal. He said more talks would follow.")
    assert _resolved(ms, "He") is None


def test_unnamed_person_blocks_resolution(mentions_of: Any) -> None:
    text = "A spokesman for mayor Ida Brandt did not deny the report. He said the plan dated back years."
    ms = mentions_of(text)
    assert _resolved(ms, "He") is None


def test_description_resolves_through_stated_role(mentions_of: Any) -> None:
    text = (
        "Norland's chief negotiator Sven Aaberg arrived in Oslo. Prime Minister Lise Dahl greeted him.\n\n"
        "The talks will go on, the chief negotiator said."
    )
    ms = mentions_of(text)
    assert _resolved(ms, "the chief negotiator") == "Sven Aaberg"


def test_same_role_two_people_description_unresolved(mentions_of: Any) -> None:
    text = "Moravian President Jan Kolar met Silesian President Otto Brix. The president said no."
    ms = mentions_of(text)
    assert _resolved(ms, "The president") is None


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


def test_names_used_as_places_are_places(mentions_of: Any) -> None:
    ms = mentions_of(
        "Orvana protested on Monday. Farmers in Orvana say the Tessel river is low. "
        "The water of the Tessel comes from the hills near Orvana."
    )
    types = {m["text"]: m["type"] for m in ms if m["kind"] == "name"}
    assert types.get("Orvana", "place") == "place"
    assert not [m for m in ms if m["type"] == "person"]


def test_time_zones_and_code_names_are_not_entities(mentions_of: Any) -> None:
    ms = mentions_of(
        "The harbour office said at 14:00 GMT that the ferry would sail. "
        "Plan White said all clinics in the valley must cancel leave."
    )
    names = _names(ms)
    assert "GMT" not in names and "Plan White" not in names


def test_nationality_before_a_medium_stays_a_group(mentions_of: Any) -> None:
    ms = mentions_of("Ivo Berg told Norwegian newspaper Dagposten on Friday that the port would close.")
    names = _names(ms)
    assert names["Norwegian"]["type"] == "group"


def test_post_name_fragment_is_not_an_organisation(mentions_of: Any) -> None:
    ms = mentions_of(
        "US National Security Adviser Jane Roe said the talks would resume. "
        "Foreign Ministry Spokesman Ivo Berg said the talks were over."
    )
    names = _names(ms)
    assert "US National Security" not in names
    assert names["Jane Roe"]["role"] == "US National Security Adviser"
    assert names.get("Foreign Ministry", {}).get("type") == "organization"


def test_a_ministrys_field_before_its_ministers_title_is_no_organisation(mentions_of: Any) -> None:
    ms = mentions_of(
        "In parliament, Finance Minister Evangelos Marinou said the cuts were vital. "
        "Trade Secretary Ann Lee met him. The Finance Ministry said revenue fell."
    )
    names = _names(ms)
    assert "Finance" not in names and "Trade" not in names, names
    assert names["Evangelos Marinou"]["role"] == "Finance Minister"
    assert any(n.endswith("Finance Ministry") for n in names), names


def test_name_described_as_a_person_is_a_person(mentions_of: Any) -> None:
    ms = mentions_of(
        "The cabinet was led by Lucas Ferrandes, the technocratic prime minister. "
        "Her mother was the granddaughter of Penelope Darvas, a beloved Norland writer. "
        "The loan came from Athens College, the school in the hills."
    )
    types = {m["text"]: m["type"] for m in ms if m["kind"] == "name"}
    assert types["Lucas Ferrandes"] == "person"
    assert types["Penelope Darvas"] == "person"
    assert types.get("Athens College", "organization") != "person"


def test_company_described_by_its_trade_stays_a_body(mentions_of: Any) -> None:
    ms = mentions_of(
        "The contract went to Acme Holdings, the owner of the port. "
        "Prices were cut by Norgas, the market leader. "
        "Supply was cut by Vessel Bay, the gas producer."
    )
    assert not [m for m in ms if m["type"] == "person"]


def test_possessive_inside_a_name_splits_owner_and_owned(mentions_of: Any) -> None:
    ms = mentions_of(
        "Samsung unveiled its phone on Monday. Samsung’s Galaxy S5 has a larger screen than last year's "
        "model. The People’s Liberation Army of Norland and the Airline Pilots’ Association protested."
    )
    names = _names(ms)
    assert "Samsung’s Galaxy S5" not in names
    assert names["Samsung"]["type"] == "organization"
    assert "Association" not in names and "Army of Norland" not in names


def test_sites_and_posts_are_not_people_or_bodies(mentions_of: Any) -> None:
    ms = mentions_of(
        "An emergency was also declared at the neighbouring Tarsk Daini plant. "
        "US Secretary of State Mara Velden said the bases were helping. "
        "The operator told Japanese news service Jiji News that pressure was rising."
    )
    types = {m["text"]: m["type"] for m in ms if m["kind"] == "name"}
    assert types.get("Tarsk Daini", "place") == "place"
    assert "State" not in types
    assert types.get("Jiji News", "organization") == "organization"


def test_a_military_rank_is_a_title(mentions_of: Any) -> None:
    ms = mentions_of(
        "Air Chief Marshal Angus Harrow said the search would go on. "
        "On Sunday, Air Chief Marshal Harrow told reporters time was short."
    )
    names = _names(ms)
    assert "Marshal Harrow" not in names and names["Harrow"]["type"] == "person"


def test_a_names_own_apposition_does_not_compete_for_a_pronoun(mentions_of: Any) -> None:
    ms = mentions_of(
        "In a statement, the Harbour Party leader, Mira Solberg, called for calm. "
        "Peter Halvorsen, the 37-year-old leader of the Coast League, conceded defeat. "
        "“We fought hard,” he said."
    )
    assert _resolved(ms, "he") == "Peter Halvorsen"
    # A name the tagger misses keeps its apposition too: nobody else is "the leader" here.
    ms = mentions_of(
        "In a statement, the Harbour Party leader, Mira Solberg, called for calm. "
        "Aksel Tveit, the 37-year-old leader of the Coast League, conceded defeat. "
        "“We fought hard,” he said."
    )
    assert _resolved(ms, "he") != "Mira Solberg"
    assert _resolved(ms, "the 37-year-old leader") is None


def test_ships_are_not_people_or_bodies(mentions_of: Any) -> None:
    ms = mentions_of(
        "The signals could not be checked until naval ship HMS Wren and defence vessel Sea Warden arrived. "
        "The frigate Karel Doorman sailed on Monday. The tanker Stena Impero was seized."
    )
    names = _names(ms)
    assert not {"HMS Wren", "Sea Warden", "Karel Doorman", "Stena Impero"} & set(names)


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
    names = list(_names(extract_mentions(doc)))
    assert names == [name], names


def test_a_creed_or_nationality_before_a_one_word_body_is_its_name() -> None:
    # The model cuts such names in two; the spans are set here as it gives them.
    from spacy.tokens import Span

    doc = load_nlp()("Islamic State released a video on Saturday, and Velmar's Harbour Union replied.")
    words = [t.text for t in doc]
    i = words.index("Islamic")
    doc.ents = [Span(doc, i, i + 1, label="NORP"), Span(doc, i + 1, i + 2, label="ORG")]
    names = _names(extract_mentions(doc))
    assert "Islamic State" in names and names["Islamic State"]["type"] == "organization"
    assert "State" not in names
