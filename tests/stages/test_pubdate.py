"""Writing-date inference from the text alone (articles written for these tests)."""

from __future__ import annotations

from storyscope.stages.pubdate import date_stamps, infer_published


def test_next_weekday_with_date_and_years() -> None:
    # "next Monday (June 9)" in a text that reaches 2029: June 9 is a Monday in 2031, the first such
    # year from 2029; "said on Thursday" puts the writing day on that Thursday.
    text = (
        "The regional council said on Thursday that the new ferry line will open next Monday (June 9). "
        "The line was first proposed in 2029, when the old bridge closed."
    )
    out = infer_published(text)
    assert out["date"] == "2031-06-05"
    assert 0.3 <= out["confidence"] <= 1
    assert any("June 9" in e for e in out["evidence"])


def test_weekdays_must_agree_with_one_writing_day() -> None:
    # Monday and Tuesday both behind, the final ahead; the latest year stated is 2030, so the writing
    # day is the Tuesday before April 12, 2030.
    text = (
        "Since March 2030 the league has been without a sponsor. On Monday the owners met in private. "
        "The chairman said on Tuesday that the final will be played on April 12 as planned."
    )
    out = infer_published(text)
    assert out["date"] == "2030-04-09"


def test_year_less_date_with_a_bare_year_is_too_weak() -> None:
    # October 3 borrows its year from a bare "2030": nothing pins the day, so the answer is unknown.
    text = (
        "Officials said on Wednesday that the summit will take place on October 3. "
        "The treaty was signed on March 14, 2027, and revised in 2030."
    )
    out = infer_published(text)
    assert out["date"] is None
    assert "guess" in out


def test_month_year_places_a_year_less_date() -> None:
    # "since February 2031" places "June 20" in 2031; the past Monday puts the writing day on it.
    text = (
        "Prices have risen since February 2031. The central bank said on Monday that rates will be "
        "reviewed on June 20."
    )
    out = infer_published(text)
    assert out["date"] == "2031-06-16"


def test_a_month_year_does_not_place_a_date_in_its_own_month() -> None:
    # "since May 2030 ... on May 6": the May of the background is not shown to be the article's.
    text = (
        "Near complete results early on Monday showed the governing party ahead. Sunday's vote "
        "followed an inconclusive ballot on May 6. The country has depended on loans since May 2030."
    )
    assert infer_published(text)["date"] is None


def test_full_date_in_lead() -> None:
    text = "LISBON, May 2, 2028 - The port workers' strike entered its third day on Tuesday."
    assert infer_published(text)["date"] == "2028-05-02"


def test_unknown_without_year() -> None:
    out = infer_published("The mayor said on Monday that the bridge will reopen next week.")
    assert out["date"] is None
    assert out["evidence"]


def test_unknown_with_only_old_years() -> None:
    out = infer_published("The club was founded in 1921 and moved to its stadium in 1965.")
    assert out["date"] is None


def test_title_counts_as_text() -> None:
    out = infer_published("The vote went ahead on Friday as planned.", title="Election day: 14 March 2031")
    assert out["date"] == "2031-03-14"


def test_present_tense_weekday_and_next_weekday_point_past_the_reported_day() -> None:
    # Reported: Monday and Tuesday (2030 stated, so June 17 falls on a Tuesday in 2031); announced: the
    # mayor "travels" on Thursday and experts meet "next Tuesday (June 17)". Tuesday itself leaves the
    # trip two days away and the meeting a week; Wednesday is the one day consistent with all of them
    # at the least cost, and Thursday would make the trip the writing day itself.
    text = (
        "The mayor travels on Thursday to the coast for talks with the fishing towns. "
        "The ministry announced the trip on Tuesday. Residents protested on Monday. "
        "If the talks go well, experts could meet next Tuesday (June 17). "
        "The harbour has been closed since 2030."
    )
    out = infer_published(text)
    assert out["date"] == "2031-06-11"


def test_latest_reported_weekday_with_an_announced_weekday() -> None:
    # "will open on Saturday" and "said on Wednesday": written on that Wednesday, three days ahead.
    text = (
        "Officials said on Wednesday that the bridge will open on Saturday, June 14. "
        "The bridge was damaged by a storm in 2030."
    )
    assert infer_published(text)["date"] == "2031-06-11"


def test_next_weekday_is_never_two_weeks_away() -> None:
    # "next Friday (May 30)" with a Monday behind: written in the week before that Friday, not earlier.
    text = (
        "The club said on Monday that the final will be played next Friday (May 30). "
        "The stadium reopened in 2031 after repairs."
    )
    out = infer_published(text)
    assert out["date"] is not None
    assert "2031-05-19" <= out["date"] <= "2031-05-29"


def test_a_month_reported_as_past_bounds_the_writing_date() -> None:
    # The only full date is background (a request in October 2032); the text also reports warnings
    # "in December 2032 and June 2033", so it was written after June 2033 and no day near October 2032
    # can be the answer. Nothing pins a later day either: unknown.
    text = (
        "The ministry said on Saturday that the inquiry had found two missed warnings. "
        "An official said that on October 10, 2032, his office received a request about four suspects. "
        "The harbour police warned the ministry twice, in December 2032 and June 2033."
    )
    out = infer_published(text)
    assert out["date"] is None
    assert any("reports as past" in e for e in out["evidence"])


def test_a_past_month_before_the_stated_day_does_not_disturb_it() -> None:
    # The same kind of text, but the bounding month lies before the dated day: the day stands.
    text = (
        "The ministry said on Saturday, October 16, 2032, that the inquiry had found two missed "
        "warnings. The harbour police warned the ministry twice, in December 2031 and June 2032."
    )
    out = infer_published(text)
    assert out["date"] == "2032-10-16"


def test_date_stamps_are_the_removed_lines_that_are_only_a_date() -> None:
    raw = (
        "Harbour quake: what we know\n"
        "0930 GMT, 12 March 2031\n"
        "The harbour wall gave way on Friday, officials said.\n"
        "Updated: Friday 11 March 2031 18.30\n"
        "Quake in Orvesa, 27 February 2030\n"
        "Published 10 March 2031\n"
    )
    text = "The harbour wall gave way on Friday, officials said.\nPublished 10 March 2031"
    # Kept in the body, a line is read there already; a related link with its date is not a stamp.
    assert date_stamps(raw, text) == ["0930 GMT, 12 March 2031", "Updated: Friday 11 March 2031 18.30"]


def test_stamps_the_cleaner_removed_date_the_article() -> None:
    # The body alone borrows a year from a background month and would place the text in 2028; the
    # live blog's removed update stamps say when it was written.
    body = (
        "The reinforcement programme was set in train after a July 2027 quake damaged the old pier. "
        "On 26 February the coast felt a smaller quake, officials said."
    )
    alone = infer_published(body)
    assert alone["date"] is None or not alone["date"].startswith("2031")
    out = infer_published(body, stamps=["0930 GMT, 12 March 2031", "1830 GMT, 11 March 2031"])
    assert out["date"] == "2031-03-12"
