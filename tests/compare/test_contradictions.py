"""Each contradiction rule, and its silence on compatible statements (claims written by hand)."""

from __future__ import annotations

from typing import Any

from storyscope.compare.contradictions import (
    clause_of,
    denial,
    denial_cue,
    judge,
    numbers_conflict,
    past_tense,
    present_tense,
)


def claim(
    text: str,
    verb: str,
    *,
    negated: bool = False,
    obj: str | None = None,
    subject: str | None = None,
    actors: dict[str, str] | None = None,
    numbers: list[dict[str, Any]] | None = None,
    dates: list[str] | None = None,
    speaker: str | None = None,
    attributed: bool = False,
    modal: str | None = None,
    conditional: bool = False,
    published: str | None = "2024-03-05",
    days: list[str] | None = None,
) -> dict[str, Any]:
    """A claim dict shaped like those the alignment passes to the rules (by default from sources
    published on the same day)."""
    return {
        "text": text,
        "verb": verb,
        "negated": negated,
        "modal": modal,
        "conditional": conditional,
        "subject": {"text": subject, "head": subject.lower()} if subject else None,
        "subject_entity": subject if subject and actors and subject in actors else None,
        "object": {"text": obj, "head": obj.split()[-1].lower().rstrip("s") if obj else None}
        if obj
        else None,
        "numbers": numbers or [],
        "dates": dates or [],
        "actors": actors or {},
        "speaker": speaker,
        "attribution": {"verb": "say"} if attributed or speaker else None,
        "published": published,
        "days": days or [],
    }


def num(text: str, low: float, high: float | None, kind: str, unit: str = "engineer") -> dict[str, Any]:
    return {"text": text, "low": low, "high": high, "kind": kind, "unit": unit, "unit_text": unit + "s"}


def about(v: float) -> dict[str, Any]:
    return num(f"about {v:g}", v * 0.75, v * 1.33, "approx")


# --- polarity ------------------------------------------------------------------------------------

NOT_DENIED = claim(
    "The harbour authority did not deny the smuggling allegation",
    "deny",
    negated=True,
    obj="the smuggling allegation",
    subject="Harbour Authority",
    actors={"Harbour Authority": "organization"},
)
DENIED = claim(
    "Pellmark has denied the accusations",
    "deny",
    obj="the accusations",
    subject="Pellmark",
    actors={"Pellmark": "place"},
)


def test_did_not_deny_against_has_denied_is_a_polarity_contradiction() -> None:
    found = judge(NOT_DENIED, DENIED, sim=0.4)
    assert found is not None and found["rule"] == "polarity"
    assert "negat" in found["explanation"]
    assert found["topic"]


def test_will_not_discuss_against_will_discuss() -> None:
    a = claim(
        "the mayor will not discuss the tram budget",
        "discuss",
        negated=True,
        obj="the tram budget",
        modal="will",
    )
    b = claim("the mayor will discuss the tram budget", "discuss", obj="the tram budget", modal="will")
    found = judge(a, b, sim=0.9)
    assert found is not None and found["rule"] == "polarity"


def test_denial_against_confirmation_is_a_contradiction() -> None:
    a = claim("The ministry confirmed the report", "confirm", obj="the report")
    b = claim("The ministry denied the report", "deny", obj="the report")
    found = judge(a, b, sim=0.8)
    assert found is not None and "denial against confirmation" in found["explanation"]


def test_polarity_silent_when_both_agree() -> None:
    a = claim("The port denied the allegation", "deny", obj="the allegation")
    assert judge(a, DENIED, sim=0.7) is None
    assert judge(NOT_DENIED, dict(NOT_DENIED, text="It did not deny the claims"), sim=0.7) is None


def test_polarity_silent_for_two_different_actors_of_the_same_kind() -> None:
    a = claim(
        "Pellmark has denied the accusations",
        "deny",
        obj="the accusations",
        subject="Pellmark",
        actors={"Pellmark": "place"},
    )
    b = claim(
        "Orvesa did not deny the accusations",
        "deny",
        negated=True,
        obj="the accusations",
        subject="Orvesa",
        actors={"Orvesa": "place"},
    )
    assert judge(a, b, sim=0.9) is None


def test_polarity_silent_on_hedged_or_different_objects() -> None:
    a = claim(
        "the mayor will not discuss the tram budget",
        "discuss",
        negated=True,
        obj="the tram budget",
        modal="will",
    )
    cond = claim(
        "the mayor will discuss the tram budget if asked",
        "discuss",
        obj="the tram budget",
        modal="will",
        conditional=True,
    )
    other = claim("the mayor will discuss the school plan", "discuss", obj="the school plan", modal="will")
    maybe = claim("the mayor discussed the tram budget", "discuss", obj="the tram budget")
    assert judge(a, cond, sim=0.9) is None
    assert judge(a, other, sim=0.6) is None
    assert judge(a, maybe, sim=0.9) is None  # "will not" is not the opposite of a past fact


def test_polarity_needs_similar_claims_unless_both_deny_a_statement() -> None:
    a = claim(
        "the mayor will not discuss the tram budget",
        "discuss",
        negated=True,
        obj="the tram budget",
        modal="will",
    )
    b = claim("the council will discuss the tram budget", "discuss", obj="the tram budget", modal="will")
    assert judge(a, b, sim=0.35) is None


def test_reported_and_stated_claims_do_not_contradict_by_polarity() -> None:
    a = claim(
        "Officials said the port did not deny the allegation",
        "deny",
        negated=True,
        obj="the allegation",
        attributed=True,
    )
    assert judge(a, DENIED, sim=0.6) is None


# --- numbers -------------------------------------------------------------------------------------


def test_300_against_3000_engineers() -> None:
    a = claim("Pellmark moved about 300 army engineers to the dam", "move", numbers=[about(300)])
    b = claim("Pellmark moved around 3,000 army engineers to the dam", "move", numbers=[about(3000)])
    found = judge(a, b, sim=0.9)
    assert found is not None and found["rule"] == "number"
    assert "about 300" in found["explanation"] and "about 3000" in found["explanation"]
    assert "engineers" in found["topic"]


def test_numbers_at_different_precision_are_compatible() -> None:
    more_than_20m = num("more than 20 million", 20e6, None, "at_least", "ton")
    exact_22m = num("22 million", 22e6, 22e6, "exact", "ton")
    assert not numbers_conflict(more_than_20m, exact_22m)
    assert not numbers_conflict(about(300), num("300", 300, 300, "exact"))
    hundreds = num("hundreds", 200, 999, "range", "drone")
    up_to_several_hundred = num("up to several hundred", 0, 2700, "at_most", "drone")
    assert not numbers_conflict(hundreds, up_to_several_hundred)
    assert not numbers_conflict(
        num("22 million", 22e6, 22e6, "exact"), num("21.8 million", 21.8e6, 21.8e6, "exact")
    )
    assert numbers_conflict(num("300", 300, 300, "exact"), num("3,000", 3000, 3000, "exact"))


def test_number_rule_silent_on_different_units_or_unrelated_claims() -> None:
    a = claim("The fair drew about 300 visitors to Pellmark", "draw", numbers=[about(300)])
    b = claim(
        "Pellmark moved about 3,000 engineers",
        "move",
        numbers=[num("about 3000", 2250, 3990, "approx", "visitor")],
    )
    assert judge(a, b, sim=0.3) is None
    c = claim("The fair drew about 300 engineers", "draw", numbers=[about(300)])
    d = claim("Some 3,000 engineers work at Orvesa harbour", "work", numbers=[about(3000)])
    assert judge(c, d, sim=0.3) is None


def test_number_rule_silent_when_subjects_name_different_things() -> None:
    a = claim("The army executed three prisoners", "execute", subject="army", numbers=[about(3)])
    b = claim("The rebels executed nine prisoners", "execute", subject="rebels", numbers=[about(9)])
    assert judge(a, b, sim=0.9) is None
    # A subject that is the other claim's reporter, or the counted thing itself, does not.
    c = claim("Valdor said Pellmark moved about 300 engineers", "say", subject="Valdor", numbers=[about(300)])
    d = claim("Pellmark moved about 3,000 engineers", "move", subject="Pellmark", numbers=[about(3000)])
    found = judge(c, d, sim=0.8)
    assert found is not None and found["rule"] == "number"
    e = claim(
        "About 300 engineers arrived at the Pellmark dam", "arrive", subject="engineer", numbers=[about(300)]
    )
    f = claim(
        "Pellmark sent about 3,000 engineers to the dam", "send", subject="Pellmark", numbers=[about(3000)]
    )
    assert judge(e, f, sim=0.8) is not None


def test_a_measure_needs_the_same_subject() -> None:
    def miles(v: float) -> dict[str, Any]:
        return num(f"{v:g}", v, v, "exact", "mile")

    a = claim("Kesh lies 40 miles from Pellmark", "lie", subject="Kesh", numbers=[miles(40)])
    b = claim("The front line is 10 miles from Pellmark", "be", subject="line", numbers=[miles(10)])
    assert judge(a, b, sim=0.8) is None
    c = claim("The front line is 40 miles from Pellmark", "be", subject="line", numbers=[miles(40)])
    found = judge(b, c, sim=0.9)
    assert found is not None and found["rule"] == "number"
    # Without a subject on one side, a distance is not known to be of the same thing.
    d = claim("It is 40 miles from Pellmark", "be", numbers=[miles(40)])
    assert judge(b, d, sim=0.9) is None


def exact(v: float, unit: str = "engineer", text: str | None = None) -> dict[str, Any]:
    return num(text or f"{v:g}", v, v, "exact", unit)


def test_running_totals_over_different_spans_are_not_compared() -> None:
    # Written days apart, a total "since" an event and the count of one night are both true.
    total = claim(
        "Police in Orvesa have carried out 790 searches since last week's floods",
        "carry",
        numbers=[exact(790, "search")],
    )
    night = claim(
        "Police in Orvesa carried out 128 searches in overnight operations",
        "carry",
        numbers=[exact(128, "search")],
    )
    assert judge(total, night, sim=0.8) is None
    plain = claim("Police in Orvesa carried out 128 searches", "carry", numbers=[exact(128, "search")])
    assert judge(total, plain, sim=0.8) is None
    # The same span on both sides is compared.
    other_total = claim(
        "Police in Orvesa have carried out 120 searches since last week's floods",
        "carry",
        numbers=[exact(120, "search")],
    )
    found = judge(total, other_total, sim=0.9)
    assert found is not None and found["rule"] == "number"


def test_increments_and_parts_are_not_totals() -> None:
    total = claim(
        "Officials placed 104 people under curfew in Orvesa", "place", numbers=[exact(104, "people")]
    )
    further = claim(
        "A further 164 people were placed under curfew in Orvesa", "place", numbers=[exact(164, "people")]
    )
    assert judge(further, total, sim=0.8) is None
    more = claim(
        "Officials placed 164 more people under curfew in Orvesa", "place", numbers=[exact(164, "people")]
    )
    assert judge(more, total, sim=0.8) is None
    part = claim(
        "Of the 80 people taken to hospital in Orvesa, 29 remained in intensive care",
        "remain",
        numbers=[exact(80, "people")],
    )
    died = claim(
        "At least 130 people in Orvesa died in intensive care", "die", numbers=[exact(130, "people")]
    )
    assert judge(part, died, sim=0.8) is None


def test_ratios_against_different_references_are_not_compared() -> None:
    a = claim(
        "The Orvesa quake was 8000 times larger than the Pellmark quake", "be", numbers=[exact(8000, "time")]
    )
    b = claim(
        "The Orvesa quake was about 1.5 times stronger than first thought", "be", numbers=[exact(1.5, "time")]
    )
    assert judge(a, b, sim=0.8) is None


def test_figures_of_different_actors_are_not_compared() -> None:
    actors = {"Green League": "organization", "Harbour Party": "organization"}
    green = claim(
        "The Green League won 33 seats in the 90-seat council",
        "win",
        actors=actors,
        numbers=[exact(33, "seat")],
    )
    harbour = claim(
        "With most votes counted, the Harbour Party has 41% (52 seats) and the Green League 12%",
        "have",
        actors=actors,
        numbers=[exact(52, "seat")],
    )
    assert judge(green, harbour, sim=0.8) is None
    # A possessive pronoun hides whose seats they are.
    his = claim(
        "His 52 seats in the council let him govern with the Green League",
        "let",
        actors=actors,
        numbers=[exact(52, "seat")],
    )
    assert judge(green, his, sim=0.8) is None
    # A figure whose actor one side names and the other does not is not compared either.
    unnamed = claim("The Green Leag. won 52 seats", "win", numbers=[exact(52, "seat")])
    assert judge(green, unnamed, sim=0.9) is None
    # The same actor's figures are compared.
    other = claim(
        "The Green League won 52 seats in the council", "win", actors=actors, numbers=[exact(52, "seat")]
    )
    found = judge(green, other, sim=0.9)
    assert found is not None and found["rule"] == "number"


def test_a_possibility_is_not_a_count_anyone_disputes() -> None:
    may = claim(
        "Three brothers may be involved in the Orvesa robbery",
        "involve",
        modal="may",
        numbers=[exact(3, "brother", "Three")],
    )
    two = claim(
        "Two brothers were involved in the Orvesa robbery", "involve", numbers=[exact(2, "brother", "Two")]
    )
    assert judge(may, two, sim=0.9) is None


def test_a_breakdown_with_a_fitting_figure_is_compatible() -> None:
    breakdown = claim(
        "At least 19 people died at the Orvesa market, while 15 people were killed at the harbour bar",
        "die",
        numbers=[num("19", 19, None, "at_least", "people"), exact(15, "people")],
    )
    bar = claim(
        "Fourteen people were killed at the Orvesa harbour bar", "kill", numbers=[exact(14, "people")]
    )
    assert judge(breakdown, bar, sim=0.8) is None
    # When no figure of the breakdown fits, the conflict stands.
    bar_many = claim(
        "Ninety people were killed at the Orvesa harbour bar", "kill", numbers=[exact(90, "people")]
    )
    two_exact = claim(
        "Nineteen people died at the Orvesa market, while 15 people were killed at the harbour bar",
        "die",
        numbers=[exact(19, "people", "Nineteen"), exact(15, "people")],
    )
    found = judge(two_exact, bar_many, sim=0.8)
    assert found is not None and found["rule"] == "number"


def test_one_is_not_compared_as_a_count() -> None:
    one = num("One", 1, 1, "exact", "witness")
    a = claim("One witness saw the ferry capsize", "see", numbers=[one])
    b = claim(
        "Three witnesses saw the ferry capsize", "see", numbers=[num("Three", 3, 3, "exact", "witness")]
    )
    assert judge(a, b, sim=0.9) is None


# --- dates and attribution -------------------------------------------------------------------------


def test_same_event_on_two_explicit_days() -> None:
    a = claim("The envoy will arrive in Pellmark on 4 May", "arrive", dates=["2031-05-04"])
    b = claim("The envoy will arrive in Pellmark on 6 May", "arrive", dates=["2031-05-06"])
    found = judge(a, b, sim=0.92)
    assert found is not None and found["rule"] == "date"
    assert judge(a, dict(b, dates=["2031-05-04"]), sim=0.92) is None
    assert judge(a, dict(b, dates=[]), sim=0.92) is None  # "next week" has no stated day: compatible
    assert judge(a, b, sim=0.6) is None


def test_same_statement_attributed_to_two_people() -> None:
    a = claim(
        "Ada Merl said the bridge would reopen in spring",
        "reopen",
        speaker="Ada Merl",
        actors={"Ada Merl": "person"},
    )
    b = claim(
        "Tomas Weil said the bridge would reopen in spring",
        "reopen",
        speaker="Tomas Weil",
        actors={"Tomas Weil": "person"},
    )
    found = judge(a, b, sim=0.95)
    assert found is not None and found["rule"] == "attribution"
    assert judge(a, dict(b, speaker="Ada Merl", actors={"Ada Merl": "person"}), sim=0.95) is None
    assert judge(a, b, sim=0.7) is None  # two people saying different things
    # A surname alone may be the same person: no evidence of two speakers.
    merl = dict(b, speaker="Merl", actors={"Merl": "person"})
    assert judge(a, merl, sim=0.95) is None
    # Two people of one family are still two people.
    jon = dict(b, speaker="Jon Merl", actors={"Jon Merl": "person"})
    assert judge(a, jon, sim=0.95) is not None


def test_ordinal_precision_is_not_a_contradiction() -> None:
    a = claim("It is one of the first trips abroad of the minister", "be", obj="one")
    b = claim("The visit is only her second trip abroad", "be", obj="trip")
    assert judge(a, b, sim=0.7) is None


# --- denial --------------------------------------------------------------------------------------

SOLD = claim(
    "The Orvesa ferry company sold its fleet to a rival operator",
    "sell",
    obj="its fleet",
    subject="The Orvesa ferry company",
)


def denied_by(text: str, verb: str = "deny", speaker: str = "The ferry company", **kw: Any) -> dict[str, Any]:
    """A claim reported through a denying verb: "The ferry company denied that …"."""
    c = claim(text, kw.pop("content_verb", "sell"), **kw)
    c["attribution"] = {"verb": verb, "speaker": {"text": speaker}, "negated": False}
    return c


def test_a_hoax_said_of_the_claim_is_a_denial() -> None:
    den = claim(
        "Reports that the Orvesa ferry company sold its fleet to a rival are a hoax", "be", obj="a hoax"
    )
    found = denial(SOLD, den, sim=0.7)
    assert found is not None and found["rule"] == "denial"
    assert "hoax" in found["explanation"]
    assert found["topic"].startswith("whether ")


def test_denied_debunked_and_not_true_are_denials() -> None:
    that = denied_by("The ferry company denied that it sold its fleet to a rival operator")
    assert denial_cue(that) == "denied by The ferry company"
    assert denial(SOLD, that, sim=0.7) is not None
    debunked = claim(
        "The story that the Orvesa ferry company sold its fleet was debunked by the harbour office",
        "debunk",
        subject="The story",
    )
    assert denial(SOLD, debunked, sim=0.6) is not None
    untrue = claim("The claim that the Orvesa ferry company sold its fleet is not true", "be", negated=True)
    assert denial_cue(untrue) == "'not true'"
    assert denial(SOLD, untrue, sim=0.6) is not None
    dismissed = claim(
        "The company dismissed rumours that it sold its fleet to a rival operator", "dismiss", obj="rumours"
    )
    assert denial(SOLD, dismissed, sim=0.6) is not None


def test_denial_silent_when_it_is_about_something_else() -> None:
    other = claim("The ferry company denied the report", "deny", obj="the report")
    assert denial_cue(other) is not None
    assert denial(SOLD, other, sim=0.5) is None  # nothing of the sale in it
    mayor = denied_by(
        "The mayor of Pellmark denied that she would resign", speaker="The mayor", content_verb="resign"
    )
    assert denial(SOLD, mayor, sim=0.2) is None


def test_denial_silent_on_negated_hedged_or_attributive_falsity() -> None:
    for text in (
        "The Orvesa ferry company sale of its fleet to a rival operator is not a hoax",
        "Rumours that the Orvesa ferry company sold its fleet may be a hoax",
        "The Orvesa ferry company sold its fleet to a rival with a fake passport",
    ):
        c = claim(text, "be", modal="may" if "may" in text else None)
        assert denial_cue(c) is None, text
    assert denial_cue(claim("Was the fleet sale a hoax", "be", conditional=True)) is None
    not_denied = claim("The company did not deny selling its fleet to a rival operator", "deny", negated=True)
    assert denial_cue(not_denied) is None
    # Denying a debunk is no denial of the claim.
    assert denial_cue(denied_by("The company denied that the sale of its fleet was a hoax")) is None
    # A suspicion is not a denial.
    assert denial_cue(denied_by("Critics suspect the sale of its fleet was staged", verb="suspect")) is None
    # Rejecting an offer is no denial of a report.
    offer = claim(
        "The Orvesa ferry company rejected the rival operator's offer for its fleet", "reject", obj="offer"
    )
    assert denial_cue(offer) is None


def test_only_a_claim_stated_as_fact_is_denied() -> None:
    den = denied_by("The ferry company denied that it sold its fleet to a rival operator")
    reported = dict(SOLD, attribution={"verb": "say", "speaker": {"text": "A union"}, "negated": False})
    assert denial(reported, den, sim=0.8) is None  # a union's allegation and a denial can both be reported
    assert denial(dict(SOLD, conditional=True), den, sim=0.8) is None
    assert denial(dict(SOLD, negated=True), den, sim=0.8) is None


# --- topics --------------------------------------------------------------------------------------


def test_topic_reads_as_a_clause() -> None:
    a = dict(NOT_DENIED, tense="past", subject={"text": "A spokesman for the port", "core": "A spokesman"})
    a["subject_entity"] = None
    a["object"] = {"text": "the smuggling allegation in Friday's notice", "core": "the smuggling allegation",
                   "head": "allegation"}  # fmt: skip
    b = dict(DENIED, tense="past")
    found = judge(a, b, sim=0.4)
    assert found is not None
    # The entity named as subject on either side, the verb in the tense the sides share, the bare object.
    assert found["topic"] == "whether Pellmark denied the smuggling allegation"
    will = claim(
        "the mayor will discuss the tram budget",
        "discuss",
        obj="the tram budget",
        modal="will",
        subject="the mayor",
    )
    wont = dict(will, negated=True)
    assert clause_of(will, wont) == "the mayor will discuss the tram budget"
    present = claim("The guild runs the market", "run", obj="the market", subject="The guild")
    assert clause_of(present, present) == "the guild runs the market"


def test_inflection() -> None:
    assert [past_tense(v) for v in ("deny", "confirm", "ban", "meet", "visit", "agree")] == [
        "denied", "confirmed", "banned", "met", "visited", "agreed"]  # fmt: skip
    assert [present_tense(v, False) for v in ("deny", "reach", "be", "say")] == [
        "denies", "reaches", "is", "says"]  # fmt: skip
    assert present_tense("deny", True) == "deny"


def test_a_running_tally_from_a_later_day_may_be_higher() -> None:
    early = claim(
        "Police in Dravo said they had detained 40 people after the riots",
        "detain",
        subject="police",
        numbers=[exact(40, "person")],
        published="2024-03-05",
    )
    later = claim(
        "Police in Dravo said they had detained 130 people after the riots",
        "detain",
        subject="police",
        numbers=[exact(130, "person")],
        published="2024-03-07",
    )
    assert judge(early, later, sim=0.9) is None
    assert judge(later, early, sim=0.9) is None
    # An unknown writing date cannot order the two readings either, on one side or both.
    undated = dict(later, published=None)
    assert judge(early, undated, sim=0.9) is None
    assert judge(dict(early, published=None), undated, sim=0.9) is None
    # The later source counting fewer is a disagreement, not growth.
    fewer = dict(early, published="2024-03-08")
    found = judge(fewer, later, sim=0.9)
    assert found is not None and found["rule"] == "number"
    # Two figures tied to the same day are compared whenever each outlet wrote.
    monday_a = dict(early, days=["2024-03-04"])
    monday_b = dict(later, days=["2024-03-04"])
    found = judge(monday_a, monday_b, sim=0.9)
    assert found is not None and found["rule"] == "number"
    # Same-day sources are compared as before.
    same_day = dict(later, published="2024-03-05")
    assert judge(early, same_day, sim=0.9) is not None


def test_a_measure_is_not_a_tally() -> None:
    a = claim(
        "The Varn bridge is 40 metre long",
        "be",
        subject="bridge",
        numbers=[exact(40, "metre")],
        published="2024-03-05",
    )
    b = claim(
        "The Varn bridge is 130 metre long",
        "be",
        subject="bridge",
        numbers=[exact(130, "metre")],
        published="2024-03-07",
    )
    found = judge(a, b, sim=0.9)
    assert found is not None and found["rule"] == "number"


def test_be_negated_against_be_needs_the_same_named_subject() -> None:
    opaque = claim("It is not just about the Cup", "be", negated=True, obj="Cup", subject="it")
    named = claim("The final in Lorvik is about the Cup", "be", obj="Cup", subject="final")
    assert judge(opaque, named, sim=0.8) is None
    other = claim("The league is about the Cup", "be", obj="Cup", subject="league")
    assert judge(named, other, sim=0.8) is None
    same = claim("The final in Lorvik is not about the Cup", "be", negated=True, obj="Cup", subject="final")
    found = judge(named, same, sim=0.8)
    assert found is not None and found["rule"] == "polarity"


def test_a_hope_or_a_wish_is_not_denied() -> None:
    hope = claim("Mayor Ilse Varn hopes the row over the Orvesa bridge will fade quickly", "hope")
    den = claim(
        "Varn denied that the Orvesa bridge contract went to her brother's firm",
        "deny",
        obj="contract",
    )
    assert denial(hope, den, sim=0.7) is None
    fact = claim("The Orvesa bridge contract went to the firm of Mayor Ilse Varn's brother", "go")
    found = denial(fact, den, sim=0.7)
    assert found is not None and found["rule"] == "denial"


def test_a_refusal_is_not_a_denial() -> None:
    refused = claim(
        "The high court denied the request by the Orvesa ferry company for emergency relief",
        "deny",
        obj="the request",
    )
    assert denial_cue(refused) is None
    bail = claim("A judge in Vessa denied bail to the ferry company's owner", "deny", obj="bail")
    assert denial_cue(bail) is None
    # Denying a report is a denial.
    assert denial_cue(claim("The ferry company denied the report", "deny", obj="the report")) == "denied"


def test_rates_over_different_spans_are_not_compared() -> None:
    yearly = claim(
        "Prices in Lunesia rose 5.4 percent in June compared with a year ago",
        "rise",
        subject="Prices",
        numbers=[exact(5.4, "percent")],
    )
    monthly = claim(
        "Prices in Lunesia rose 1.5 percent month over month in June",
        "rise",
        subject="Prices",
        numbers=[exact(1.5, "percent")],
    )
    assert judge(yearly, monthly, sim=0.9) is None
    same_span = claim(
        "Prices in Lunesia rose 1.5 percent in June compared with a year ago",
        "rise",
        subject="Prices",
        numbers=[exact(1.5, "percent")],
    )
    found = judge(yearly, same_span, sim=0.9)
    assert found is not None and found["rule"] == "number"


def test_a_denial_sharing_only_the_deniers_name_and_the_day_is_about_something_else() -> None:
    defended = claim(
        "Governor Ilse Varn defended her decision to close the Orvesa ferry line on Thursday, "
        "saying the port could no longer pay for it",
        "defend",
    )
    rejected = denied_by(
        "Governor Ilse Varn rejected the notion on Thursday that a strike at the Orvesa shipyard "
        "was inevitable",
        verb="reject",
        speaker="Governor Ilse Varn",
        content_verb="be",
    )
    # Similar sentences (the same governor, town and day), but the denial is about a strike.
    assert denial(defended, rejected, sim=0.6) is None
    closed = claim("The Orvesa shipyard strike is inevitable, union leaders said on Thursday", "be")
    closed["attribution"] = None
    found = denial(dict(closed, text="A strike at the Orvesa shipyard is inevitable"), rejected, sim=0.6)
    assert found is not None and found["rule"] == "denial"


def test_a_falsity_word_after_a_possessive_is_said_of_that_persons_claims() -> None:
    signed = claim(
        "Governor Ilse Varn signed the Orvesa ferry bill into law on Thursday morning after the 2030 vote",
        "sign",
    )
    pushing = claim(
        "Governor Ilse Varn signed the Orvesa ferry bill into law on Thursday, after Tom Rask's baseless "
        "claims of fraud in the 2030 vote",
        "sign",
    )
    assert denial_cue(pushing) is None
    assert denial(signed, pushing, sim=0.8) is None
    # The copula's contraction still predicates: "it's a fake story", "that's fake news".
    assert denial_cue(claim("It's a fake story about the Orvesa ferry bill", "be")) == "'fake'"
    assert denial_cue(claim("The mayor said that's fake news about the Orvesa ferry bill", "be")) == "'fake'"


def test_amounts_of_different_things_are_not_compared() -> None:
    actors = {"Ilse Varn": "person"}
    budget = claim(
        "Ilse Varn on Friday released her $6 billion budget for the Orvesa region",
        "release",
        subject="Ilse Varn",
        actors=actors,
        numbers=[exact(6e9, "$", "6 billion")],
    )
    deficit = claim(
        "Ilse Varn on Friday proposed a plan that would keep deficits of $1 billion for a decade",
        "propose",
        subject="Ilse Varn",
        actors=actors,
        numbers=[exact(1e9, "$", "1 billion")],
    )
    assert judge(budget, deficit, sim=0.8) is None
    # The amounts' owner right before them is no shared purpose.
    aid = claim(
        "The Orvesa council is asking for $14 billion in aid for the floods",
        "ask",
        subject="The Orvesa council",
        actors={"Orvesa": "place"},
        numbers=[exact(14e9, "$", "14 billion")],
    )
    wants = claim(
        "The Orvesa council wants $24 billion in extra funding for the new port",
        "want",
        subject="The Orvesa council",
        actors={"Orvesa": "place"},
        numbers=[exact(24e9, "$", "24 billion")],
    )
    assert judge(aid, wants, sim=0.8) is None
    other_budget = claim(
        "Ilse Varn on Friday released her $2 billion budget for the Orvesa region",
        "release",
        subject="Ilse Varn",
        actors=actors,
        numbers=[exact(2e9, "$", "2 billion")],
    )
    found = judge(budget, other_budget, sim=0.9)
    assert found is not None and found["rule"] == "number"


# --- round of 2026-12-08 (night): denial recall ------------------------------------------------------

SOLD_LONG = claim(
    "The Orvesa ferry company quietly sold its whole fleet to a rival operator from Pellmark for two million",
    "sell",
    obj="its whole fleet",
    subject="The Orvesa ferry company",
)


def test_a_short_denial_that_names_only_the_claims_thing_addresses_it() -> None:
    # "ferry" and "fleet" are 2 of the long claim's 10 content words, but all of the denial's own.
    den = claim("The ferry fleet story is a hoax", "be", obj="a hoax")
    found = denial(SOLD_LONG, den, sim=0.5)
    assert found is not None and found["rule"] == "denial"


def test_a_short_denial_is_silent_when_dissimilar_or_naming_more() -> None:
    den = claim("The ferry fleet story is a hoax", "be", obj="a hoax")
    assert denial(SOLD_LONG, den, sim=0.4) is None
    # Most of what this denial names (a strike, a harbour, a town) is not in the claim.
    strike = claim("The story of a ferry fleet strike in Dunmore harbour is a hoax", "be", obj="a hoax")
    assert denial(SOLD_LONG, strike, sim=0.5) is None


def test_a_negation_that_answers_reports_is_a_denial() -> None:
    for text in (
        "The Orvesa ferry company has not sold its fleet to a rival operator, contrary to reports",
        "The Orvesa ferry company has not sold its fleet to a rival operator, despite what you may have read",
        "Despite reports that it had, the Orvesa ferry company has not sold its fleet to a rival operator",
    ):
        den = claim(text, "sell", negated=True, obj="its fleet", subject="The Orvesa ferry company")
        assert denial_cue(den) == "'not', contrary to reports", text
        found = denial(SOLD, den, sim=0.8)
        assert found is not None and found["rule"] == "denial", text


def test_a_plain_negation_or_one_despite_an_event_is_no_denial() -> None:
    for text in (
        "The Orvesa ferry company has not sold its fleet to a rival operator",
        "Despite reports of heavy losses, the Orvesa ferry company has not sold its fleet",
        "Contrary to reports, the Orvesa ferry company has sold its fleet to a rival operator",
    ):
        den = claim(text, "sell", negated="not" in text.split(), obj="its fleet")
        assert denial_cue(den) is None, text


def test_a_claim_with_a_negation_the_parse_missed_is_not_stated_as_fact() -> None:
    # Title case parses without the negation on the verb: the headline does not assert the sale.
    headline = claim("Orvesa Ferry Company Sells Fleet - But Not To A Rival Operator", "sell", obj="fleet")
    den = denied_by("The ferry company denied that it sold its fleet to a rival operator")
    assert denial(headline, den, sim=0.8) is None
    assert denial(SOLD, den, sim=0.8) is not None


def test_polarity_silent_when_one_side_only_passes_it_on() -> None:
    closed = claim("The mayor closed the tram depot", "close", obj="the tram depot")
    not_closed = claim("The mayor has not closed the tram depot", "close", negated=True, obj="the tram depot")
    assert judge(closed, not_closed, sim=0.9) is not None
    for text in (
        "The mayor allegedly closed the tram depot",
        "The mayor reportedly closed the tram depot after a dispute",
    ):
        assert judge(dict(closed, text=text), not_closed, sim=0.9) is None, text
