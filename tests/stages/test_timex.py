"""Time expressions: each form, its value against a writing date, and tense handling."""

from __future__ import annotations

from datetime import date

import pytest

from builders import make_article
from storyscope.stages.timex import TimexStage, clause_tense, find_timexes, resolve_weekday

# A Wednesday.
DCT = date(2031, 5, 14)


def one(text: str, dct: date | None = DCT) -> dict[str, object]:
    found = find_timexes(text, dct)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "precision"),
    [
        ("The bridge opened on 19 July 2029 to traffic.", "19 July 2029", "2029-07-19", "day"),
        ("The bridge opened on July 19, 2029 to traffic.", "July 19, 2029", "2029-07-19", "day"),
        ("The bridge opened on Feb. 3 to traffic.", "Feb. 3", "2031-02-03", "day"),
        ("The mayor took office in 2015 after a recount.", "2015", "2015", "year"),
        ("The mayor took office in March after a recount.", "March", "2031-03", "month"),
        ("The mayor took office in March 2029 after a recount.", "March 2029", "2029-03", "month"),
        ("The ferry stopped running last month.", "last month", "2031-04", "month"),
        ("The ferry will stop running next week.", "next week", "2031-W21", "week"),
        ("The ferry stopped running this week.", "this week", "2031-W20", "week"),
        ("The ferry stopped running two weeks ago.", "two weeks ago", "2031-W18", "week"),
        ("The ferry stopped running yesterday.", "yesterday", "2031-05-13", "day"),
        ("The ferry is running today.", "today", "2031-05-14", "day"),
        ("The ferry stopped four and a half months ago.", "four and a half months ago", "2030-12", "month"),
        ("The ferry stopped three years ago.", "three years ago", "2028", "year"),
        ("The stadium was built in the 1990s.", "the 1990s", "199", "decade"),
        ("Profits rose in the third quarter.", "the third quarter", "2030-Q3", "quarter"),
    ],
)
def test_dates(text: str, phrase: str, value: str, precision: str) -> None:
    t = one(text)
    assert t["text"] == phrase
    assert text[t["start"] : t["end"]] == phrase  # type: ignore[misc]
    assert (t["value"], t["precision"], t["kind"]) == (value, precision, "date")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The dispute has lasted three years.", "P3Y"),
        ("The dispute has lasted a decade.", "P10Y"),
        ("The talks took two days.", "P2D"),
        ("The strike lasted five hours.", "PT5H"),
        ("Prices rose over the past two months.", "P2M"),
    ],
)
def test_durations(text: str, value: str) -> None:
    t = one(text)
    assert (t["kind"], t["value"], t["anchor"]) == ("duration", value, "absolute")


def test_sets_and_references() -> None:
    found = {
        t["text"]: t["value"] for t in find_timexes("The ferry runs daily now, and fares rose recently.", DCT)
    }
    assert found == {"daily": "P1D", "now": "PRESENT_REF", "recently": "PAST_REF"}


def test_anchor_absolute_versus_writing_date() -> None:
    found = find_timexes("The plant closed on 4 June 2030 and reopened yesterday.", DCT)
    assert [t["anchor"] for t in found] == ["absolute", "dct"]


def test_without_writing_date_relative_values_stay_open() -> None:
    found = find_timexes("The mayor said on Monday that the vote is set for June 2.", None)
    assert [t["value"] for t in found] == ["XXXX-WXX-1", "XXXX-06-02"]
    assert found[0]["weekday"] == 0


def test_modal_may_is_not_a_month() -> None:
    assert find_timexes("The council may vote again, officials said.", DCT) == []
    assert one("The council will vote in May.")["value"] == "2031-05"


def test_year_that_counts_people_is_not_a_date() -> None:
    assert find_timexes("About 2015 residents signed the petition.", DCT) == []


class TestWeekdayTense:
    def test_past_clause_looks_back(self) -> None:
        assert one("The mayor said on Monday that the bridge is safe.")["value"] == "2031-05-12"

    def test_future_clause_looks_ahead(self) -> None:
        assert one("The mayor will attend the opening on Monday.")["value"] == "2031-05-19"

    def test_future_phrases(self) -> None:
        for text in (
            "The mayor is to open the bridge on Friday.",
            "The mayor plans to open the bridge on Friday.",
            "The opening is scheduled for Friday.",
            "The opening is expected on Friday.",
        ):
            assert one(text)["value"] == "2031-05-16", text

    def test_past_clause_with_irregular_and_regular_verbs(self) -> None:
        assert one("The mayor met the builders on Friday.")["value"] == "2031-05-09"
        assert one("The builders finished the deck on Friday.")["value"] == "2031-05-09"

    def test_weekday_equal_to_writing_day_is_that_day(self) -> None:
        assert one("The mayor said Wednesday that work is done.")["value"] == "2031-05-14"
        assert one("The mayor will speak on Wednesday.")["value"] == "2031-05-14"

    def test_next_and_last(self) -> None:
        assert one("The board meets next Wednesday, a spokesman said.")["value"] == "2031-05-21"
        assert one("The board met last Wednesday.")["value"] == "2031-05-07"

    def test_attached_date_wins(self) -> None:
        found = find_timexes("The board meets next Tuesday (May 20) in the town hall.", DCT)
        assert [t["value"] for t in found] == ["2031-05-20", "2031-05-20"]
        assert found[0]["attached"] == 1

    def test_clause_tense_nearest_marker(self) -> None:
        s = "The spokesman said that on Friday the minister will sign the deal."
        i = s.index("Friday")
        assert clause_tense(s, i, i + 6) == "future"
        assert clause_tense("Nothing here on Friday.", 16, 22) is None


def test_resolve_weekday_directions() -> None:
    assert resolve_weekday(0, DCT, "past") == date(2031, 5, 12)
    assert resolve_weekday(0, DCT, "future") == date(2031, 5, 19)
    assert resolve_weekday(2, DCT, "next") == date(2031, 5, 21)
    assert resolve_weekday(2, DCT, "last") == date(2031, 5, 7)


def test_month_without_year_follows_tense() -> None:
    assert one("The town held a fair in November.")["value"] == "2030-11"
    assert one("The town will hold a fair in February.")["value"] == "2032-02"


def test_a_day_that_names_an_event_looks_back() -> None:
    later = date(2031, 7, 27)
    text = "Four guards are due to testify before a panel investigating the deadly Jan. 6 blockade."
    assert one(text, later)["value"] == "2031-01-06"
    # A day that places the clause's own event still follows the tense.
    assert one("The panel will meet on Jan. 6.", later)["value"] == "2032-01-06"


def test_stage_uses_given_date() -> None:
    art = make_article(
        text="The mayor said on Monday that the bridge reopens next week.", published="2031-05-14"
    )
    (ann,) = TimexStage().run([art])
    assert ann["published"] == "2031-05-14"
    assert ann["published_inferred"] is False
    assert [t["value"] for t in ann["timexes"]] == ["2031-05-12", "2031-W21"]


def test_stage_infers_missing_date() -> None:
    text = (
        "The regional council said on Thursday that the new ferry line will open next Monday (June 9). "
        "The line was first proposed in 2029."
    )
    (ann,) = TimexStage().run([make_article(text=text)])
    assert ann["published_inferred"] is True
    assert ann["published"] == "2031-06-05"
    assert ann["evidence"]
    assert ann["timexes"][0]["value"] == "2031-06-05"


class TestFinancialPeriods:
    # A results report written on 5 November 2031: the quarter under discussion is the third.
    DCT = date(2031, 11, 5)

    def values(self, text: str) -> dict[str, str]:
        return {t["text"]: t["value"] for t in find_timexes(text, self.DCT)}

    def test_year_earlier_is_the_same_quarter_a_year_before(self) -> None:
        text = (
            "Harbour Mills said net income rose to $5 million in the third quarter. "
            "Sales climbed to $80 million from $70 million a year earlier. "
            "In the year-earlier period the mill was closed for repairs."
        )
        found = self.values(text)
        assert found["the third quarter"] == "2031-Q3"
        assert found["a year earlier"] == "2030-Q3"
        assert found["the year-earlier period"] == "2030-Q3"

    def test_longer_period_keeps_the_year(self) -> None:
        text = (
            "Harbour Mills reported a loss for the third quarter. "
            "For the nine months, profit fell to $9 million from $12 million a year earlier."
        )
        assert self.values(text)["a year earlier"] == "2030"

    def test_without_a_quarter_a_year_ago_is_a_year(self) -> None:
        assert self.values("The mill employed 300 people a year ago.")["a year ago"] == "2030"

    def test_quarter_with_its_year(self) -> None:
        assert (
            self.values("Output fell in the second quarter of 2029.")["the second quarter of 2029"]
            == "2029-Q2"
        )


def test_weekday_with_part_of_day_and_clock_time_with_its_day() -> None:
    evening = one("The vote is scheduled for Thursday evening.")
    assert (evening["text"], evening["value"], evening["kind"]) == (
        "Thursday evening",
        "2031-05-15TEV",
        "time",
    )
    clock = one("The polls will close at 8 p.m. Friday across the region.")
    assert (clock["text"], clock["value"]) == ("8 p.m. Friday", "2031-05-16T20:00")


def test_half_units_and_month_with_relative_year() -> None:
    assert one("The hearing lasted 2 1/2 hours.")["value"] == "PT2H30M"
    assert one("The dispute dragged on for 3 1/2 years.")["value"] == "P3Y6M"
    assert one("The plant closed in June last year.")["value"] == "2030-06"


def test_following_year_counts_from_the_stated_date() -> None:
    found = find_timexes(
        "The port opened on May 2, 2024, and the following year it doubled its traffic.", DCT
    )
    assert [t["value"] for t in found] == ["2024-05-02", "2025"]


def test_range_of_months_runs_forwards() -> None:
    found = find_timexes("The ferry will run from November to April.", DCT)
    assert [t["value"] for t in found] == ["2031-11", "2032-04"]


def test_reported_would_looks_ahead() -> None:
    dct = date(2031, 3, 14)
    text = (
        "An official involved in the talks said Ostria would ask for at least 90 cubic metres per second "
        "between June and September."
    )
    assert [t["value"] for t in find_timexes(text, dct)] == ["2031-06", "2031-09"]


def test_modifiers_are_not_time_expressions() -> None:
    text = "The previously unknown painting will be shown soon, and future owners must lend it, 52 years old."
    assert find_timexes(text, DCT) == []


def test_weekday_without_tense_is_the_nearer_one_and_possessive_is_marked() -> None:
    assert resolve_weekday(4, DCT, None) == date(2031, 5, 16)
    assert resolve_weekday(0, DCT, None) == date(2031, 5, 12)
    found = one("The envoy was not among the guests at Friday's dinner.")
    assert found["possessive"] is True


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Ticket sales may slow over the next few days.", "the next few days", "PXD"),
        ("The orchestra will tour for two more weeks.", "two more weeks", "P2W"),
        ("The mill posted losses for several quarters.", "several quarters", "PXQ"),
        ("Sales fell in the past two quarters.", "the past two quarters", "P2Q"),
        ("Rents have climbed in recent years.", "recent years", "PXY"),
        ("The hearing lasted nearly three hours.", "nearly three hours", "PT3H"),
        ("The reservoir can hold water for at least 40 days.", "at least 40 days", "P40D"),
    ],
)
def test_more_durations(text: str, phrase: str, value: str) -> None:
    t = one(text)
    assert (t["text"], t["value"], t["kind"]) == (phrase, value, "duration")


def test_three_quarters_of_is_a_fraction() -> None:
    assert find_timexes("Three quarters of the votes were counted.", DCT) == []


def test_the_weekend_follows_tense() -> None:
    # DCT is Wednesday 2031-05-14 (ISO week 20): the weekend just past is in week 19, the next in week 20.
    assert one("The pier reopened over the weekend.")["value"] == "2031-W19-WE"
    assert one("The pier will reopen over the weekend.")["value"] == "2031-W20-WE"


def test_the_year_of_a_results_report() -> None:
    found = find_timexes("For the year ended June 30, the brewer earned $4 million.", DCT)
    assert [(t["text"], t["value"], t["kind"]) for t in found[:1]] == [("the year", "P1Y", "duration")]
    t = one("The brewer expects a loss for the full year.")
    assert (t["text"], t["value"]) == ("the full year", "2031")
    assert find_timexes("The year was hard on brewers.", DCT) == []


def test_that_year_takes_the_last_stated_date() -> None:
    found = find_timexes("The plant opened on March 3, 2024, and later that year it was sold.", DCT)
    assert [(t["text"], t["value"]) for t in found] == [
        ("March 3, 2024", "2024-03-03"),
        ("later that year", "2024"),
    ]


def test_a_screen_size_is_not_a_year() -> None:
    for text in (
        "The phone has a 1920 x 1080 screen.",
        "The tablet shows 2048-by-1536 pixels.",
        "A 1440×2560 panel.",
    ):
        assert find_timexes(text, DCT) == [], text
    assert [t["value"] for t in find_timexes("Sales rose in 2010 by 300 units.", DCT)] == ["2010"]


def test_a_date_in_apposition_names_the_same_year() -> None:
    text = "The mill opened in 2019. It was the same year, 2023, that the river flooded the town."
    found = [(t["text"], t["value"]) for t in find_timexes(text, DCT)]
    assert found == [("2019", "2019"), ("the same year", "2023"), ("2023", "2023")]
    text = "The mill opened on May 2, 2019. That day (May 9, 2019) the weavers struck."
    assert [t["value"] for t in find_timexes(text, DCT)] == ["2019-05-02", "2019-05-09", "2019-05-09"]
    # Without the apposition the last date stated still counts, and a later sentence's date is no apposition.
    text = "The mill opened in 2019. The same year, the weavers struck. In 2023 it closed."
    assert [t["value"] for t in find_timexes(text, DCT)] == ["2019", "2019", "2023"]


def test_sets_of_weekdays_and_months() -> None:
    text = "Buses leave each Thursday and on Sunday mornings, and the fair opens every July."
    found = [(t["text"], t["value"], t["kind"]) for t in find_timexes(text, DCT)]
    assert found == [
        ("each Thursday", "XXXX-WXX-4", "set"),
        ("Sunday mornings", "XXXX-WXX-7TMO", "set"),
        ("every July", "XXXX-07", "set"),
    ]


def test_modal_perfect_and_past_perfect_plans_look_back() -> None:
    # DCT is a Wednesday: the Monday behind it, not the one ahead.
    assert one("The outage may have started on Monday.")["value"] == "2031-05-12"
    assert one("The permit had been due to lapse on Monday.")["value"] == "2031-05-12"
    assert one("The permit will lapse on Monday.")["value"] == "2031-05-19"


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The mill reopened in nineteen ninety-two.", "nineteen ninety-two", "1992"),
        ("The mill will reopen by the year two thousand.", "the year two thousand", "2000"),
        ("The mill reopened in March nineteen eighty-one.", "March nineteen eighty-one", "1981-03"),
        ("2029 was wet, with floods.", "2029", "2029"),
    ],
)
def test_years_in_words_and_before_a_verb(text: str, phrase: str, value: str) -> None:
    t = one(text)
    assert (t["text"], t["value"]) == (phrase, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The clinic closed on Thanksgiving Day.", "2030-11-28"),
        ("The clinic will close on Thanksgiving Day.", "2031-11-27"),
        ("The clinic closed last Christmas after a flood.", "2030-12-25"),
        ("The clinic reopened on Easter Sunday.", "2031-04-13"),
        ("Turnout rose on Election Day.", "2030-11-05"),
        ("The clinic will close on Memorial Day.", "2031-05-26"),
    ],
)
def test_holidays(text: str, value: str) -> None:
    assert one(text)["value"] == value


def test_christmas_as_a_modifier_is_not_a_date() -> None:
    assert find_timexes("Christmas trees were sold out.", DCT) == []


def test_offsets_from_a_story_event_are_durations() -> None:
    found = find_timexes("The dam failed on March 3, 2024, and three days later the town was evacuated.", DCT)
    assert [(t["text"], t["value"]) for t in found] == [
        ("March 3, 2024", "2024-03-03"),
        ("three days", "P3D"),
    ]
    t = one("The flood came a week before the vote.")
    assert (t["text"], t["value"], t["kind"]) == ("a week", "P1W", "duration")
    # "ago" still counts from the writing date, and so does a results report's "a year earlier".
    assert one("The flood came three days ago.")["value"] == "2031-05-11"
    assert one("Profit rose to $4 million from $3 million a year earlier.")["value"] == "2030"


def test_latest_period_and_couple_of_years() -> None:
    assert one("Sales in the latest period rose 4%.")["value"] == "2031-Q1"
    assert one("Demand should hold over the next couple of years.")["value"] == "P2Y"


def test_un_adjectives_are_not_past_and_agreements_look_ahead() -> None:
    # DCT is 2031-05-14: a future August is this year's, a past one last year's.
    assert one("The airline will add flights by August to markets untouched by it.")["value"] == "2031-08"
    assert one("The council agreed to sell the depot in August.")["value"] == "2031-08"


def test_spans_of_adjectives_decades_and_weeks_of_a_day() -> None:
    assert one("The 30-day review ended.")["text"] == "30-day"
    assert one("Analysts expect the third-quarter loss to widen.")["text"] == "third-quarter"
    t = one("Rents soared in the late 1990s.")
    assert (t["text"], t["value"]) == ("the late 1990s", "199")
    t = one("The hearing will be held the week of June 9.")
    assert (t["text"], t["value"]) == ("the week of June 9", "2031-W24")


def test_this_past_and_midday() -> None:
    # DCT is Wednesday 2031-05-14.
    assert one("The market closed this past Sunday.")["value"] == "2031-05-11"
    assert one("The market closed this past winter.")["text"] == "this past winter"
    dct = date(2031, 11, 5)
    assert find_timexes("The market closed this past summer.", dct)[0]["value"] == "2031-SU"
    assert one("The market closed at midday.")["value"] == "2031-05-14T12:00"


def test_weekday_with_its_date_is_one_expression() -> None:
    # DCT is Wednesday 2031-05-14; 2031-05-09 is a Friday.
    t = one("The committee met on Friday, May 9, to review the bids.")
    assert (t["text"], t["value"], t["weekday"], t["attached"]) == ("Friday, May 9", "2031-05-09", 4, 0)
    assert one("The committee met Friday May 9 to review the bids.")["text"] == "Friday May 9"
    # A parenthesis keeps them apart ("next Tuesday (May 20)").
    found = find_timexes("The committee meets next Tuesday (May 20) to review the bids.", DCT)
    assert [t["text"] for t in found] == ["next Tuesday", "May 20"]
    assert found[0]["attached"] == 1 and found[1]["attached"] == 0


def test_possessive_weekday_names_a_past_event() -> None:
    # DCT is Wednesday 2031-05-14: "would" does not move Monday's ruling a week ahead.
    found = find_timexes("The growers said they would try to get around Monday's ruling by the board.", DCT)
    assert [(t["text"], t["value"]) for t in found] == [("Monday", "2031-05-12")]
    assert one("Shares rose above Thursday's closing price.")["value"] == "2031-05-08"
    # An announcement keeps the day ahead.
    assert one("Sunday's runoff will decide the seat.")["value"] == "2031-05-18"


def test_fiscal_quarters_year_end_and_future_spans() -> None:
    t = one("Net income rose in the fiscal first quarter.")
    assert (t["text"], t["value"]) == ("the fiscal first quarter", "2031-Q1")
    assert one("It posted a loss for the fiscal second-quarter.")["text"] == "fiscal second-quarter"
    t = one("The deal should close by year-end.")
    assert (t["text"], t["value"]) == ("year-end", "2031-12-31")
    assert one("The index has fallen 4% since year end.")["value"] == "2030-12-31"
    assert find_timexes("Year-end bonuses were cut.", DCT) == []
    for phrase in ("coming weeks", "the months ahead", "the near term", "the short term"):
        t = one(f"Prices may fall in {phrase}, traders said.")
        assert (t["text"], t["value"]) == (phrase, "FUTURE_REF")


def test_mid_afternoon_and_decades_in_words() -> None:
    t = one("Shares were up 2 pence at mid-afternoon yesterday.")
    assert (t["text"], t["value"]) == ("mid-afternoon yesterday", "2031-05-13TAF")
    assert one("By mid afternoon the talks were over.")["value"] == "2031-05-14TAF"
    t = one("Growth was strong in the nineties.")
    assert (t["text"], t["value"]) == ("the nineties", "199")


def test_vague_ago_and_passive_irregular_participles() -> None:
    t = one("Rents were lower several years ago.")
    assert (t["text"], t["value"]) == ("several years ago", "PAST_REF")
    t = one("The firm, which just months ago was failing, is profitable.")
    assert (t["text"], t["value"]) == ("months ago", "PXM")
    # "would be paid": a passive participle, not a past verb; January lies ahead (DCT 2031-05-14).
    assert one("The dividend would be paid on a date in January to holders.")["value"] == "2032-01"
    assert clause_tense("The dividend was paid in January.", 26, 33) == "past"


def test_titles_and_vs_do_not_end_the_sentence_that_gives_the_tense() -> None:
    # "vs." and "Sen." are not sentence ends, so "passed" governs January: last January, not next.
    text = "In January, after the Lunde vs. Ostrava ruling, Sen. Marr passed the bill."
    assert [t["value"] for t in find_timexes(text, date(2031, 10, 20))] == ["2031-01"]


def test_since_with_words_of_its_own_looks_back() -> None:
    # Written in May: "since shortly after the Oct. 23 crash" is last October, not the next one.
    text = "Police have been searching for the driver since shortly after the Oct. 23 crash."
    assert one(text)["value"] == "2030-10-23"
    # Without "since", a day that names an event ("the Oct. 23 crash") still looks back; one that
    # places a plan follows the tense.
    assert one("Police have been searching for the driver after the Oct. 23 crash.")["value"] == "2030-10-23"
    assert one("Police will search the lake after Oct. 23.")["value"] == "2031-10-23"


def test_deadline_set_in_the_past_is_read_by_nearness() -> None:
    dct = date(2031, 10, 27)  # a Monday
    # "extended ... through January" said in October: the January ahead.
    assert one("Lenders extended the credit line through January.", dct)["value"] == "2032-01"
    assert one("The council gave the firm until 9 a.m. Tuesday to reply.", dct)["value"] == "2031-10-28T09:00"
    # Without the deadline preposition the past tense still looks back.
    assert one("The council met on Tuesday.", dct)["value"] == "2031-10-21"
    assert one("Output rose 3% through Sept. 29.", dct)["value"] == "2031-09-29"


class TestQuarterEnded:
    DCT = date(2031, 11, 5)

    def values(self, text: str) -> dict[str, str]:
        return {t["text"]: t["value"] for t in find_timexes(text, self.DCT)}

    def test_quarter_ended_in_a_middle_month_is_the_calendar_quarter_it_mostly_covers(self) -> None:
        text = "In the quarter ended July 31, Harbour Mills sold 4,000 tonnes."
        assert self.values(text)["the quarter"] == "2031-Q2"
        text = "In the quarter ended Sept. 30, Harbour Mills sold 4,000 tonnes."
        assert self.values(text)["the quarter"] == "2031-Q3"

    def test_fiscal_numbering_wins_over_the_closing_month(self) -> None:
        text = (
            "Harbour Mills earned $3 million in its fiscal first quarter ended Sept. 30, "
            "up from $2 million a year earlier. Sales in the quarter rose 5%."
        )
        found = self.values(text)
        assert found["a year earlier"] == "2030-Q1"
        assert found["the quarter"] == "2031-Q1"


def test_a_second_before_a_noun_is_an_ordinal_and_trading_days_are_days() -> None:
    assert find_timexes("It would be a second defeat for the mayor.", DCT) == []
    assert find_timexes("A second group of bidders came forward.", DCT) == []
    assert one("The vote was over in a second.")["value"] == "PT1S"
    t = one("Shares fell for eight trading days.")
    assert (t["text"], t["value"]) == ("eight trading days", "P8D")


def test_month_with_its_day_after_last_is_the_date() -> None:
    # Written in May: "last Oct. 23" is the date, in the October behind the writing date.
    t = one("The mill burned down last Oct. 23 in a storm.")
    assert (t["text"], t["value"]) == ("Oct. 23", "2030-10-23")
    assert one("The mill burned down last October.")["value"] == "2030-10"


def test_a_quotation_keeps_its_own_tense() -> None:
    # The reporting verb outside the quotation does not make Thursday a past day.
    text = "“The convoy will leave at dawn (6 a.m. Thursday),” the minister said."
    assert one(text)["value"] == "2031-05-15T06:00"
    assert one("The convoy left at 6 a.m. Thursday, the minister said.")["value"] == "2031-05-08T06:00"


def test_will_one_day_is_some_day_ahead() -> None:
    t = one("The town will one day be a city.")
    assert (t["text"], t["value"]) == ("one day", "FUTURE_REF")
    assert one("The town was cut off for one day.")["value"] == "P1D"


def test_next_day_same_day_and_following_month_count_from_the_story() -> None:
    found = find_timexes("The ferry sank on Monday. The next day the port closed.", DCT)
    assert [(t["text"], t["value"]) for t in found] == [
        ("Monday", "2031-05-12"),
        ("The next day", "2031-05-13"),
    ]
    found = find_timexes("The ferry sank on Monday, and the same day the port closed.", DCT)
    assert [t["value"] for t in found] == ["2031-05-12", "2031-05-12"]
    # "In March" is resolved against the writing date first; the following month follows it.
    found = find_timexes("In March the board met. The following month, it sold the mill.", DCT)
    assert [t["value"] for t in found] == ["2031-03", "2031-04"]
    found = find_timexes("The mill burned on March 3, 2024, and that week the port closed.", DCT)
    assert [(t["text"], t["value"]) for t in found] == [
        ("March 3, 2024", "2024-03-03"),
        ("that week", "2024-W09"),
    ]
    # Without an earlier day, "the next day" is the day after the writing date.
    assert one("The mayor will sign the deal the next day.")["value"] == "2031-05-15"


def test_fiscal_years_and_quarters_named_from_the_writing_date() -> None:
    found = find_timexes("Sales in the current fiscal year will beat the latest fiscal year.", DCT)
    assert [(t["text"], t["value"]) for t in found] == [
        ("the current fiscal year", "2031"),
        ("the latest fiscal year", "2030"),
    ]
    dct = date(2031, 11, 14)
    text = "Sales will rise next quarter and this quarter, after a fall in the previous quarter."
    found = find_timexes(text, dct)
    assert [(t["text"], t["value"]) for t in found] == [
        ("next quarter", "2032-Q1"),
        ("this quarter", "2031-Q4"),
        ("the previous quarter", "2031-Q3"),
    ]


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The mill was idle for the first time in years.", "years", "PXY"),
        ("Troops will reach the border within weeks.", "weeks", "PXW"),
        ("Over the years the mill grew.", "years", "PXY"),
        ("A month or so ago the mill closed.", "A month or so ago", "2031-04"),
        ("The mill must be sold by year's end.", "year's end", "2031-12-31"),
    ],
)
def test_unstated_spans_rough_offsets_and_years_end(text: str, phrase: str, value: str) -> None:
    t = one(text)
    assert (t["text"], t["value"]) == (phrase, value)


def test_half_after_the_unit_long_adjectives_and_a_second_day() -> None:
    found = find_timexes("The vote took an hour and a half; a minute and a half later it was over.", DCT)
    assert [(t["text"], t["value"]) for t in found] == [
        ("an hour and a half", "PT1H30M"),
        ("a minute and a half", "PT1M30S"),
    ]
    found = find_timexes("The decades-long feud ended after the week-long strike.", DCT)
    assert [(t["text"], t["value"], t["kind"]) for t in found] == [
        ("decades", "PXDE", "duration"),
        ("week", "P1W", "duration"),
    ]
    found = find_timexes("The summit will be held on June 24 and 25 in Lisbon.", DCT)
    assert [(t["text"], t["value"]) for t in found] == [("June 24", "2031-06-24"), ("25", "2031-06-25")]
    # A count after "and" is not a second day.
    assert len(find_timexes("On June 24 and 25 people were hurt.", DCT)) == 1


def test_a_plan_in_the_past_perfect_lies_behind_the_report() -> None:
    assert one("The offer had been scheduled to expire on Friday.")["value"] == "2031-05-09"
    assert one("The offer is scheduled to expire on Friday.")["value"] == "2031-05-16"


def test_half_years_and_two_days_away() -> None:
    found = find_timexes(
        "Profit rose in the first half of 2029 and will fall in the second half of the year.", DCT
    )
    assert [(t["text"], t["value"], t["precision"]) for t in found] == [
        ("the first half of 2029", "2029-H1", "half"),
        ("the second half of the year", "2031-H2", "half"),
    ]
    # Written in May, a second half that is reported lies in the year before.
    assert one("Second-half profit fell 4%.")["value"] == "2030-H2"
    # "the first half" alone is as often a match's as a year's.
    assert find_timexes("The striker scored twice in the first half.", DCT) == []
    found = find_timexes(
        "The deal closed the day before yesterday; talks resume the day after tomorrow.", DCT
    )
    assert [t["value"] for t in found] == ["2031-05-12", "2031-05-16"]


def test_previous_and_following_weekday_count_from_the_story() -> None:
    text = "The vote was on May 2, 2029. The previous Friday riots broke out; the following Monday, calm."
    found = find_timexes(text, DCT)
    assert [(t["text"], t["value"]) for t in found] == [
        ("May 2, 2029", "2029-05-02"),
        ("The previous Friday", "2029-04-27"),
        ("the following Monday", "2029-04-30"),
    ]
    # A day of the story says nothing about the writing date: no weekday for the date model.
    assert "weekday" not in found[1]
    # Without a day of the story, "the previous Friday" is the last one before the writing date.
    t = one("The previous Friday was calm.")
    assert (t["value"], t["weekday"]) == ("2031-05-09", 4)


def test_clock_time_falls_on_the_day_its_sentence_names() -> None:
    found = find_timexes("The bridge collapsed on Monday at about 6:40 a.m. (0440 GMT).", DCT)
    assert [(t["text"], t["value"]) for t in found] == [
        ("Monday", "2031-05-12"),
        ("6:40 a.m.", "2031-05-12T06:40"),
    ]
    # Without a day in its sentence, a clock time is on the writing date.
    assert one("The mayor will speak at 3 p.m.")["value"] == "2031-05-14T15:00"


def test_every_quarter_and_last_month_name_just_gone() -> None:
    t = one("The firm pays interest every quarter.")
    assert (t["text"], t["value"], t["kind"]) == ("every quarter", "P1Q", "set")
    # Written in May: "last April" is a year back (the month just gone would be "last month").
    assert one("Two helicopters crashed last April.")["value"] == "2030-04"
    assert one("Two helicopters crashed last January.")["value"] == "2031-01"


def test_an_undetermined_weekday_takes_the_date_the_article_gives_that_weekday() -> None:
    # DCT is Wednesday 2031-05-14. Alone, "Friday's talks" would be the past Friday (an event named
    # by its day has mostly happened); the article's "will meet ... on Friday" places it ahead.
    text = (
        "The two ministers will meet in Ostrel on Friday. "
        "The northern provinces have not been invited to Friday's talks."
    )
    assert [t["value"] for t in find_timexes(text, DCT)] == ["2031-05-16", "2031-05-16"]
    assert one("The northern provinces have not been invited to Friday's talks.")["value"] == "2031-05-09"
    # Two tensed mentions that disagree leave the guess alone.
    text = (
        "The board met on Friday. The vote will be held on Friday. "
        "Nobody has been invited to Friday's dinner."
    )
    assert [t["value"] for t in find_timexes(text, DCT)] == ["2031-05-09", "2031-05-16", "2031-05-09"]


def test_other_languages_give_calendar_dates_only() -> None:
    dct = date(2031, 2, 4)
    text = (
        "Visité el museo de Ostrel en 2029, a modo de despedida, con a un amigo. "
        "El ministro habló el 29 de enero con la prensa. En febrero de 2030 hubo protestas."
    )
    found = [(t["text"], t["value"]) for t in find_timexes(text, dct, "es")]
    # dateparser's search also reads "en 2029, a" (as year 4029) and "a un" (as "year 1").
    assert found == [("29 de enero", "2031-01-29"), ("En febrero de 2030", "2030-02")]
    found = [t["value"] for t in find_timexes("Le maire a parlé vendredi 31 janvier à Ostrel.", dct, "fr")]
    assert found == ["2031-01-31"]
    # Numeric dates are day first outside English, and an ISO date is a date.
    found = [
        t["value"]
        for t in find_timexes("Die Stadt stimmte am 12.03.2030 ab, gemeldet 2030-03-14.", dct, "de")
    ]
    assert found == ["2030-03-12", "2030-03-14"]


def test_today_after_a_plural_noun_in_a_simple_present_is_the_present_age() -> None:
    found = find_timexes("Ferries today are built with twice the deck space.", DCT)
    assert [t["value"] for t in found] == ["PRESENT_REF"]
    for text in (
        "Shares today rose 3 percent.",
        "Officials today are weighing the plan.",
        "Talks resume today.",
        "I know about the ferry strikes today.",
    ):
        assert [t["value"] for t in find_timexes(text, DCT)] == [DCT.isoformat()], text
