"""Claims aligned across sources: corroborated, single-source, contested; copies counted once."""

from __future__ import annotations

from typing import Any

import pytest

from builders import make_article
from storyscope.compare.claims import ClaimSet, analyse_claims, build_claims
from storyscope.compare.entities import build_entities
from storyscope.models import Article
from storyscope.stages.claims import ClaimStage
from storyscope.stages.nlp import NlpStage

pytestmark = pytest.mark.slow

A = (
    "The Orvesa ferry company cancelled all crossings to Pellmark on Monday after a storm damaged the pier. "
    "About 40 passengers spent the night in the terminal. "
    "The harbour master said repairs would take two weeks."
)
B = (
    "All ferry crossings from Orvesa to Pellmark were cancelled by the ferry company on Monday after a storm "
    "damaged the pier. "
    "Around 400 passengers spent the night in the terminal. "
    "A local bakery handed out free bread to stranded travellers."
)
C = (
    "A storm damaged the Pellmark pier on Monday, and the ferry company cancelled every crossing "
    "from Orvesa. "
    "The harbour master said repairs would take two weeks. "
    "Fishing boats were moved to a sheltered bay."
)


def analyse(arts: list[Article]) -> ClaimSet:
    nlp = dict(zip([a.id for a in arts], NlpStage().run(arts), strict=True))
    ents = build_entities(arts, nlp)
    claim_ann = dict(zip([a.id for a in arts], ClaimStage().run(arts), strict=True))
    return analyse_claims(arts, nlp, ents, [], claim_ann)


def find(claims: list[dict[str, Any]], words: str) -> dict[str, Any]:
    hits = [c for c in claims if words in c["text"]]
    assert hits, f"no claim with {words!r}: {[c['text'] for c in claims]}"
    return hits[0]


def test_statuses_and_spans() -> None:
    arts = [make_article("a", A), make_article("b", B), make_article("c", C)]
    out = analyse(arts)
    texts = {a.id: a.text for a in arts}
    cancel = find(out.claims, "cancelled")
    assert cancel["status"] == "corroborated" and set(cancel["sources"]) == {"a", "b", "c"}
    bakery = find(out.claims, "bakery")
    assert bakery["status"] == "single_source" and bakery["sources"] == ["b"]
    repairs = find(out.claims, "repairs")
    assert repairs["status"] == "corroborated" and repairs["verb"] == "say"
    assert repairs["speaker"]
    for c in out.claims:
        for sp in c["spans"]:
            assert 0 <= sp["start"] < sp["end"] <= len(texts[sp["source"]])
        for v in c["variants"]:
            assert v["source"] in c["sources"]


def test_incompatible_figures_are_contested_and_reported_once() -> None:
    # Published the same day: the two counts are of one moment (see the tally rule).
    arts = [make_article(k, t, published="2024-05-06") for k, t in (("a", A), ("b", B), ("c", C))]
    out = analyse(arts)
    assert len(out.contradictions) == 1
    con = out.contradictions[0]
    assert con["rule"] == "number" and {con["a"]["source"], con["b"]["source"]} == {"a", "b"}
    for side in ("a", "b"):
        s = con[side]
        assert texts_of(arts)[s["source"]][s["start"] : s["end"]] == s["text"]
    assert find(out.claims, "40 passengers")["status"] == "contested"
    assert find(out.claims, "400 passengers")["status"] == "contested"


def texts_of(arts: list[Article]) -> dict[str, str]:
    return {a.id: a.text for a in arts}


def test_a_copy_is_cited_but_counted_once() -> None:
    orig = make_article("orig", A)
    copy = make_article("copy", A, duplicate_of="orig")
    out = analyse([orig, copy])
    # Only the original's voice: nothing is corroborated, nothing contested.
    assert all(c["status"] == "single_source" for c in out.claims)
    both = find(out.claims, "cancelled")
    assert both["sources"] == ["orig", "copy"] and both["voices"] == 1
    assert out.contradictions == []


def test_build_claims_parses_when_not_given_annotations() -> None:
    arts = [make_article("a", A), make_article("c", C)]
    nlp = dict(zip(["a", "c"], NlpStage().run(arts), strict=True))
    claims = build_claims(arts, nlp, build_entities(arts, nlp), [])
    assert find(claims, "cancelled")["status"] == "corroborated"
    assert build_claims([], {}, [], [], {}) == []


def test_a_source_making_the_point_in_other_words_is_near() -> None:
    import numpy as np

    from storyscope.compare.claims import _near_sources

    def item(source: str, text: str, actors: dict[str, str]) -> dict[str, Any]:
        return {"source": source, "text": text, "actors": actors, "numbers": []}

    items = [
        item("a", "The envoy will meet Mayor Ilse Varn and Governor Tom Rask", {"Ilse Varn": "person"}),
        item("b", "The envoy is to meet Mayor Ilse Varn and Governor Tom Rask", {"Ilse Varn": "person"}),
        item("c", "He also wants to meet Ilse Varn, an aide said", {"Ilse Varn": "person"}),
        item("d", "Fishing boats were moved to a sheltered bay", {}),
    ]
    sims = np.array(
        [[1.0, 0.9, 0.8, 0.2], [0.9, 1.0, 0.75, 0.2], [0.8, 0.75, 1.0, 0.1], [0.2, 0.2, 0.1, 1.0]],
        dtype=np.float32,
    )
    near = _near_sources(items, [[0, 1], [2], [3]], sims)
    assert near[0] == {"c"} and near[1] == {"a", "b"} and near[2] == set()


def test_hyphenated_surname_resolves_to_the_person() -> None:
    from storyscope.compare.claims import _enrich

    text = "Marin-Varn did not deny the report on Friday."
    art = make_article("a", text)
    subject = {"text": "Marin-Varn", "start": 0, "end": 10, "head_start": 6, "head_end": 10}
    raw = {
        "text": text[:-1],
        "start": 0,
        "end": len(text) - 1,
        "parts": [[0, len(text) - 1]],
        "subject": subject,
    }
    persons = {"Ilse Marin Varn": "person", "Marin": "place"}
    aliases = {"Ilse Marin Varn": ["Ilse Marin Varn", "Ilse Marin-Varn"], "Marin": ["Marin"]}
    # The tagger saw "Marin" alone as a place; the outlet's spelling differs from the canonical name.
    item = _enrich(art, raw, [(0, 5, "Marin", "place")], [], persons, aliases)
    assert item["subject_entity"] == "Ilse Marin Varn"
    assert item["actors"] == {"Ilse Marin Varn": "person"}


def test_the_speaker_of_a_claim_is_the_name_at_the_head_of_the_attribution() -> None:
    from storyscope.compare.claims import _enrich

    text = "Repairs will take a week, said Mayor Joe Roe's harbour adviser Ana Lind."
    art = make_article("a", text)
    sp_start = text.index("Mayor")
    speaker = {
        "text": text[sp_start:-1],
        "start": sp_start,
        "end": len(text) - 1,
        "head_start": text.index("Lind"),
        "head_end": text.index("Lind") + 4,
    }
    raw = {"text": text[:-1], "start": 0, "end": len(text) - 1, "parts": [[0, len(text) - 1]]}
    raw["attribution"] = {"verb": "say", "speaker": speaker}
    roe, lind = text.index("Joe Roe"), text.index("Ana Lind")
    # The mention index is not in text order: the speaker must come from the head, not the last hit.
    mentions = [(lind, lind + 8, "Ana Lind", "person"), (roe, roe + 7, "Joe Roe", "person")]
    persons = {"Ana Lind": "person", "Joe Roe": "person"}
    item = _enrich(art, raw, mentions, [], persons, {})
    assert item["speaker"] == "Ana Lind"


SALE = "The Orvesa ferry company has sold its fleet of six ferries to a rival operator from Pellmark."
DEBUNK = (
    "Storms closed the harbour at Orvesa for two days this week. "
    "Reports that the Orvesa ferry company sold its fleet of six ferries to a rival operator are a hoax. "
    "The company's ferries will sail again on Friday."
)
BOTH_SIDES = (
    "The Orvesa ferry company sold its fleet of six ferries to a rival operator from Pellmark on Monday. "
    "A spokesman for the rival operator denied that it had bought the fleet of six ferries from Orvesa."
)
OTHER_DENIAL = (
    "The mayor of Pellmark denied reports that she would resign before the election. "
    "Storms closed the harbour at Orvesa for two days this week."
)


def test_a_claim_said_to_be_a_hoax_by_another_source_is_a_denial() -> None:
    out = analyse([make_article("a", SALE), make_article("b", DEBUNK)])
    assert [c["rule"] for c in out.contradictions] == ["denial"]
    con = out.contradictions[0]
    assert con["a"]["source"] == "a" and con["b"]["source"] == "b"
    assert "hoax" in con["explanation"]
    assert find(out.claims, "sold its fleet")["status"] == "contested"


def test_denial_silent_when_about_something_else_or_when_the_source_reports_both() -> None:
    # A denial of another report is no denial of the sale.
    assert analyse([make_article("a", SALE), make_article("b", OTHER_DENIAL)]).contradictions == []
    # A source that states the sale and reports a denial of it does not contradict the sale.
    assert analyse([make_article("a", SALE), make_article("b", BOTH_SIDES)]).contradictions == []
    # Nor does a source contradict itself.
    assert analyse([make_article("a", SALE + " " + DEBUNK)]).contradictions == []


def _item(text: str, actors: dict[str, str], **kw: Any) -> dict[str, Any]:
    return {"text": text, "actors": actors, "numbers": [], "speaker": None, **kw}


def _money(value: float, unit: str) -> dict[str, Any]:
    return {"text": str(value), "low": value, "high": value, "kind": "exact", "unit": unit}


def test_figures_that_all_differ_are_evidence_against_one_claim() -> None:
    from storyscope.compare.claims import _evidence

    actors = {"Ana Lind": "person"}
    a = _item("Ana Lind said the loan cost £1.2 billion", actors, numbers=[_money(1.2e9, "£")])
    b = _item("Ana Lind said the loan cost £110 billion", actors, numbers=[_money(110e9, "£")])
    assert not _evidence(a, b)
    c = _item("Ana Lind said the loan cost about £1.2 billion", actors, numbers=[_money(1.2e9, "£")])
    assert _evidence(a, c)
    # Two sums in two currencies that match nothing of the other are two claims too ...
    d = _item("Ana Lind said the loan cost €110 billion", actors, numbers=[_money(110e9, "€")])
    assert not _evidence(a, d)
    # ... but figures of different things do not keep two wordings of one claim apart.
    e = _item("Ana Lind said 300 workers lost the loan", actors, numbers=[_money(300, "worker")])
    f = _item("Ana Lind said hundreds lost the loan", actors, numbers=[_money(200, "people")])
    assert _evidence(e, f)


def test_shared_words_are_no_evidence_between_two_claims_that_name_nothing() -> None:
    from storyscope.compare.claims import _evidence

    # A volcano in one outlet, a coast in the other: the same words, two claims.
    a = _item("There were no reports of injuries or damage", {})
    b = _item("there were no reports of major damage from those regions", {})
    assert not _evidence(a, b)
    # Near-verbatim, they are one claim; with a name, a figure or a speaker the wording counts as ever.
    assert _evidence(a, _item("There were no reports of injuries or damage at all", {}))
    assert _evidence(b, _item("There were no reports of damage, police said", {}, speaker="police"))
    c = _item("There were no reports of damage in Pellmark", {"Pellmark": "place"})
    assert _evidence(c, b)


def test_a_pronoun_no_name_resolves_is_no_speaker() -> None:
    # "He" is an unnamed spokesman's: a claim list that shows "He" as the speaker names nobody.
    a = make_article(
        "a",
        "A spokesman for mayor Ida Brandt did not deny the report. "
        "He said the harbour plan dated back to before the storm.",
    )
    claim = find(analyse([a]).claims, "dated back")
    assert claim["verb"] == "say"
    assert claim["speaker"] is None


def test_an_attributed_claim_takes_the_speaker_the_quote_stage_found() -> None:
    from storyscope.compare.claims import _speakers_from_quotes

    def item(start: int, end: int, speaker: str | None, attributed: bool = True) -> dict[str, Any]:
        attribution = {"verb": "say", "speaker": {"text": "I", "start": 0, "end": 1}} if attributed else None
        return {
            "source": "a",
            "parts": [[start, end]],
            "speaker": speaker,
            "attribution": attribution,
            "actors": {},
        }

    quotes = [
        {"source": "a", "start": 100, "end": 160, "speaker": "Elin Voss", "variants": []},
        {
            "source": "b",
            "start": 0,
            "end": 50,
            "speaker": "Odd Lien",
            "variants": [{"source": "a", "start": 300, "end": 340, "speaker": "Odd Lien"}],
        },
        {"source": "a", "start": 500, "end": 540, "speaker": None, "variants": []},
    ]
    inside = item(98, 165, None)  # "I think …," the claim's words are the quotation's
    variant = item(300, 338, None)  # a variant's words count as the quotation's
    named = item(100, 160, "Ana Lind")  # a speaker the mentions named stays
    unattributed = item(100, 160, None, attributed=False)  # no reporting verb: no speaker to give
    elsewhere = item(170, 260, None)  # no quotation over its words
    unnamed = item(500, 540, None)  # the quote stage found nobody either
    items = [inside, variant, named, unattributed, elsewhere, unnamed]
    _speakers_from_quotes(items, quotes, {"Elin Voss": "person"})
    assert [it["speaker"] for it in items] == ["Elin Voss", "Odd Lien", "Ana Lind", None, None, None]
    assert inside["actors"] == {"Elin Voss": "person"}
    assert variant["actors"] == {}  # a speaker no entity names is no actor


def test_a_claim_names_the_person_its_pronoun_subject_stands_for() -> None:
    a = make_article(
        "a",
        "Finance minister Greta Holm presented the harbour budget on Tuesday. "
        "She was appointed to the post in 2029 after the coalition split.",
    )
    claim = find(analyse([a]).claims, "appointed")
    assert (claim["subject_text"], claim["subject"]) == ("She", "Greta Holm")
    budget = find(analyse([a]).claims, "presented")
    assert budget["subject"] == "Greta Holm"


def test_a_named_speaker_and_a_described_one_are_two_voices() -> None:
    from storyscope.compare.claims import _named_and_unnamed

    def item(speaker: str | None, described: str | None) -> dict[str, Any]:
        said = {"text": described or speaker or "", "start": 0, "end": 3}
        return {"speaker": speaker, "attribution": {"verb": "say", "speaker": said}}

    lind = item("Ana Lind", None)
    officials = item(None, "some officials")
    kestria = item("Kestria", None)
    he = item(None, "he")
    fact = {"speaker": None, "attribution": None}
    assert _named_and_unnamed(lind, officials) and _named_and_unnamed(officials, lind)
    # A person and the country she speaks for, an unresolved pronoun, a fact: no such evidence.
    assert not _named_and_unnamed(lind, kestria)
    assert not _named_and_unnamed(lind, he)
    assert not _named_and_unnamed(officials, fact)
    assert not _named_and_unnamed(officials, item(None, "a senior official"))
