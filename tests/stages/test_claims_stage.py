"""Atomic claims from the parse: clause splitting, attribution, negation and figures."""

from __future__ import annotations

from typing import Any

import pytest

from builders import make_article
from storyscope.stages.claims import ClaimStage, extract_claims
from storyscope.stages.nlp import load_nlp

pytestmark = pytest.mark.slow


def claims(text: str) -> list[dict[str, Any]]:
    return extract_claims(load_nlp()(text))


def test_conjoined_clauses_give_one_claim_each_with_the_shared_subject() -> None:
    text = "The envoy will travel to Pellmark on Friday and meet the harbour master."
    found = claims(text)
    verbs = {c["verb"] for c in found}
    assert {"travel", "meet"} <= verbs
    meet = next(c for c in found if c["verb"] == "meet")
    # The borrowed subject is cited as a separate part of the same claim.
    assert meet["text"].startswith("The envoy")
    assert len(meet["parts"]) == 2
    for c in found:
        for a, b in c["parts"]:
            assert text[a:b] in c["text"]


def test_relative_clause_is_a_claim_of_its_own() -> None:
    found = claims("Ada Merl, who took office in May, has made the tram line a priority.")
    texts = [c["text"] for c in found]
    assert any("took office in May" in t for t in texts)
    main = next(c for c in found if c["verb"] == "make")
    assert "took office" not in main["text"]


def test_reported_speech_keeps_speaker_and_verb() -> None:
    found = claims("The harbour master said the pier would close in June.")
    assert len(found) == 1
    attr = found[0]["attribution"]
    assert attr["verb"] == "say" and attr["speaker"]["text"] == "The harbour master"
    assert found[0]["text"].startswith("The harbour master said")
    assert found[0]["verb"] == "close"


def test_negation_and_denial() -> None:
    (c,) = claims("The port authority did not deny the smuggling allegation.")
    assert c["negated"] and c["verb"] == "deny" and c["object"]["head"] == "allegation"
    (d,) = claims("The port authority has denied the accusations.")
    assert not d["negated"]
    (e,) = claims("Nothing about the timetable changed this week.")
    assert e["negated"]


def test_figures_with_their_modifiers_and_units() -> None:
    found = claims(
        "The company shipped more than 20 million tons of grain, about 300 engineers arrived "
        "and hundreds of drones were seen."
    )
    figures = {n["unit"]: n for c in found for n in c["numbers"]}
    assert (
        figures["ton"]["kind"] == "at_least"
        and figures["ton"]["low"] == 20e6
        and figures["ton"]["high"] is None
    )
    assert (
        figures["engineer"]["kind"] == "approx"
        and figures["engineer"]["low"] < 300 < figures["engineer"]["high"]
    )
    assert figures["drone"]["kind"] == "range" and figures["drone"]["low"] == 200


def test_abbreviated_multipliers_count_money_but_not_metres() -> None:
    found = claims("The fund was cut from 10m euros to 3m euros, and the port raised £1.2bn for a 12m wall.")
    figures = sorted((n["low"], n["unit"]) for c in found for n in c["numbers"])
    assert (10e6, "euro") in figures and (3e6, "euro") in figures
    assert any(abs(low - 1.2e9) < 1 and unit == "£" for low, unit in figures)
    # "a 12m wall": metres, not twelve million walls.
    assert not any(low == 12e6 for low, _ in figures)


def test_a_multiplier_written_onto_the_figure_counts() -> None:
    found = claims("Velmar owes £1.2billion of the loan, and 3million people depend on the port.")
    figures = sorted((n["low"], n["unit"]) for c in found for n in c["numbers"])
    assert any(abs(low - 1.2e9) < 1 and unit == "£" for low, unit in figures), figures
    assert any(abs(low - 3e6) < 1 and unit == "people" for low, unit in figures), figures


def test_hyphenated_number_words_are_one_figure() -> None:
    found = claims("Sixty-seven councillors voted with 21 independents, and twenty-one abstained.")
    figures = sorted((n["text"], n["low"], n["unit"]) for c in found for n in c["numbers"])
    assert ("Sixty-seven", 67.0, "councillor") in figures
    assert not any(low == 7.0 for _, low, _ in figures)


def test_a_modifier_before_the_currency_sign_applies_to_the_amount() -> None:
    found = claims("The plan keeps deficits in excess of $1 trillion and costs about €40 million a year.")
    figures = {n["unit"]: n for c in found for n in c["numbers"]}
    assert figures["$"]["kind"] == "at_least" and figures["$"]["high"] is None
    assert figures["€"]["kind"] == "approx"


def test_years_and_ordinals_are_not_counts() -> None:
    found = claims("Work on the bridge began in 2019 and it was her second trip abroad.")
    assert all(not c["numbers"] for c in found)


def test_stage_runs_on_articles_and_skips_other_languages() -> None:
    stage = ClaimStage()
    stage.setup()
    en = make_article("en", "The ferry to Orvesa was cancelled on Monday after a storm.", language="en")
    de = make_article("de", "Die Fähre wurde am Montag abgesagt.", language="de")
    empty = make_article("empty", "  ")
    out = stage.run([en, de, empty])
    assert out[0]["claims"] and out[0]["claims"][0]["verb"] == "cancel"
    assert "skipped" in out[1]
    assert out[2] == {"claims": []}


def test_conjoined_verb_borrows_the_auxiliary_too() -> None:
    found = claims("The envoy will fly to Pellmark on Friday and meet the harbour master there.")
    meet = next(c for c in found if c["verb"] == "meet")
    assert meet["text"].startswith("The envoy will meet the harbour master")
    assert meet["modal"] == "will"
    # A verb with an auxiliary of its own keeps only its own.
    found = claims("The council has approved the budget but has not published the accounts.")
    publish = next(c for c in found if c["verb"] == "publish")
    assert publish["text"] == "The council has not published the accounts"
    assert publish["negated"] and publish["tense"] == "past"


def test_restrictive_and_object_relative_clauses_stay_in_their_claim() -> None:
    found = claims(
        "The cooperative sells the flour that local farmers grow to the port where the barges wait."
    )
    assert len(found) == 1
    assert "that local farmers grow" in found[0]["text"] and "where the barges wait" in found[0]["text"]
    found = claims("The guild, which the mayor distrusts, runs the market.")
    assert [c["text"] for c in found] == ["The guild, which the mayor distrusts, runs the market"]


def test_claims_read_as_sentences() -> None:
    # A trailing attribution keeps the comma that sets it off.
    (c,) = claims("The pier will reopen in June, the harbour master said on Monday.")
    assert c["text"] == "The pier will reopen in June, the harbour master said on Monday"
    # A quotation cut by the claim boundary is closed, or opened from the source.
    (q,) = claims("“Our timetable has not changed,” said port spokeswoman Ilse Varn.")
    assert q["text"].startswith("“Our timetable") and q["text"].count("“") == q["text"].count("”")
    found = claims(
        'She said the board had "new evidence" that the pier was unsafe, adding that it "will act."'
    )
    for f in found:
        assert f["text"].count('"') % 2 == 0
    # A verb with no subject at all (a sentence split in the wrong place) is not a claim.
    assert claims("supported plan to reopen the northern pier before the storms.") == []


def test_phrase_core_and_tense() -> None:
    (c,) = claims("A spokesman for the port did not deny the smuggling allegations in Friday's statement.")
    assert c["subject"]["core"] == "A spokesman"
    assert c["object"]["core"] == "the smuggling allegations" and c["object"]["plural"]
    assert c["tense"] == "past"
    (p,) = claims("The ferry company denies the reports.")
    assert p["tense"] == "present"


def test_a_condition_stays_in_its_claim_and_marks_it() -> None:
    for text, mark in (
        ("Unless the council pays, the workers will strike on Monday.", "Unless"),
        ("“If the road is open for the army, it will know no limits,” the general said.", "If"),
    ):
        (c,) = [c for c in claims(text) if "strike" in c["text"] or "limits" in c["text"]]
        assert c["text"].lstrip("“").startswith(mark) and c["conditional"] is True
    (plain,) = claims("The workers will strike on Monday.")
    assert plain["conditional"] is False
    # "whether" keeps a question a question.
    (asked,) = claims("The mayor asked whether the ferry will run again in May.")
    assert "whether the ferry" in asked["text"]


def test_no_claim_borrows_a_subject_the_parse_lost() -> None:
    text = (
        "The harbour issue must be settled through talks and Norvia, Sweland and Finmark will lead "
        "the discussions on this issue."
    )
    for c in claims(text):
        assert not c["text"].startswith("The harbour issue will lead")


def test_an_event_clause_on_a_name_is_about_the_event() -> None:
    found = claims(
        "Officially, Norvia is neutral on the war against Sweland, which began at the end of March."
    )
    texts = [c["text"] for c in found]
    assert not any(t.startswith("Sweland began") for t in texts)
    assert "the war against Sweland began at the end of March" in texts
    # Any other clause stays about the name it follows.
    found = claims("The members could agree on a truce with Norvia, which has been expanding its navy.")
    assert any(c["text"].startswith("Norvia has been expanding") for c in found)


def test_a_verb_after_an_intervening_clause_does_not_borrow_the_head_subject() -> None:
    text = (
        "Norvia and Sweland agreed to a truce Thursday, halting a bruising 11-day war that caused wide "
        "destruction in the border region, brought life in much of Norvia to a standstill and left more "
        "than 200 people dead."
    )
    for c in claims(text):
        assert not c["text"].startswith("Norvia and Sweland brought")
        assert not c["text"].startswith("Norvia and Sweland left")


def test_a_relative_clause_on_an_adverbial_noun_is_no_claim() -> None:
    found = claims("The truce would begin at 2 a.m. Friday, local time, which was 7 p.m. Thursday in Osk.")
    assert not any(c["text"].startswith("local time was") for c in found)


def test_a_subjectless_verb_after_reported_content_is_not_given_the_content_s_subject() -> None:
    found = claims("He said the plan was fine and left the room.")
    assert not any("the plan left" in c["text"] for c in found)
    # Reported clauses with subjects of their own still split.
    texts = [c["text"] for c in claims("The mayor said prices would rise and wages would fall.")]
    assert texts == ["The mayor said prices would rise", "The mayor said wages would fall"]


def test_a_leading_subordinator_stays_when_the_claim_runs_past_its_clause() -> None:
    text = (
        "As inspectors dismiss each clue to the fate of the missing ferry, attention has turned to its "
        "two stowaways."
    )
    texts = [c["text"] for c in claims(text)]
    assert not any(t.startswith("inspectors dismiss") for t in texts), texts


@pytest.mark.parametrize(
    "text",
    [
        "PELLMARK (Northlight) Ada Merl, the harbour master, praised the rescue crews on Thursday.",
        "OSTREL (Coastal Wire) - Ada Merl, the harbour master, praised the rescue crews on Thursday.",
    ],
)
def test_a_wire_dateline_is_not_part_of_the_claim(text: str) -> None:
    found = claims(text)
    praise = next(c for c in found if c["verb"] == "praise")
    assert praise["text"].startswith("Ada Merl"), praise["text"]
    a, b = praise["parts"][0]
    assert text[a:b].startswith("Ada Merl")


def test_a_bracket_inside_the_claim_stays() -> None:
    text = "The council (which met on Monday) approved the budget for the new pier."
    approve = next(c for c in claims(text) if c["verb"] == "approve")
    assert approve["text"].startswith("The council")


def test_verbs_joined_by_or_or_nor_are_one_claim() -> None:
    # Neither verb is asserted: splitting would state "The council denied the report".
    found = claims("The council neither confirmed nor denied the report.")
    assert [c["text"] for c in found] == ["The council neither confirmed nor denied the report"]
    assert found[0]["negated"]
    found = claims("Striking dockers either return on Monday or lose their bonus.")
    assert [c["text"] for c in found] == ["Striking dockers either return on Monday or lose their bonus"]
    assert not found[0]["negated"]


def test_not_only_but_also_gives_two_claims_without_the_correlative() -> None:
    found = claims("The ferry not only skipped Pellmark but also cut its winter sailings.")
    assert [c["text"] for c in found] == [
        "The ferry skipped Pellmark",
        "The ferry also cut its winter sailings",
    ]


def test_an_active_verb_joined_to_a_passive_one_does_not_borrow_its_auxiliary() -> None:
    texts = [c["text"] for c in claims("The twins were born in Pellmark and ended up in one class.")]
    assert texts == ["The twins were born in Pellmark", "The twins ended up in one class"]
    texts = [c["text"] for c in claims("The mill was built in 1990 and renovated in 2010.")]
    assert texts == ["The mill was built in 1990", "The mill was renovated in 2010"]
    texts = [c["text"] for c in claims("She was elected mayor in May and sworn in on June 2.")]
    assert texts == ["She was elected mayor in May", "She was sworn in on June 2"]
