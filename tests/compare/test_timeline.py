"""Reconciling publication dates across sources and merging the same event into one entry."""

from __future__ import annotations

from builders import make_article
from storyscope.compare.timeline import build_timeline, content_tokens, reconcile_published, similarity
from storyscope.models import Article, Json
from storyscope.stages.timex import TimexStage

# Three outlets on one fictional event: the opening of the Ravel Bridge on Saturday June 14, 2031.
DATED = (
    "Harbour City officials said on Tuesday that the Ravel Bridge will open to traffic on Saturday, June 14. "
    "The bridge was damaged by a storm in 2029. "
    "Mayor Ana Lindqvist announced on Monday that tolls will be dropped for the first month."
)
UNDATED_BEFORE = (
    "Mayor Ana Lindqvist will open the Ravel Bridge to traffic on Saturday, officials said on Wednesday. "
    "Lindqvist announced on Monday that tolls will be dropped for the first month."
)
UNDATED_AFTER = (
    "Mayor Ana Lindqvist opened the Ravel Bridge to traffic on Saturday in front of a large crowd. "
    "The crossing had been closed since the storm."
)


def story() -> tuple[list[Article], dict[str, Json]]:
    articles = [
        make_article("herald", DATED, title="Ravel Bridge to reopen"),
        make_article("courier", UNDATED_BEFORE, title="Bridge opening set"),
        make_article("gazette", UNDATED_AFTER, title="Bridge opens"),
    ]
    anns = TimexStage().run(articles)
    return articles, {a.id: ann for a, ann in zip(articles, anns, strict=True)}


def test_dated_source_infers_from_its_own_text() -> None:
    _, anns = story()
    assert anns["herald"]["published"] == "2031-06-10"
    assert anns["courier"]["published"] is None
    assert anns["gazette"]["published"] is None


def test_reconcile_dates_sources_through_shared_events() -> None:
    articles, anns = story()
    pubs = reconcile_published(articles, anns)
    assert pubs["herald"]["published"] == "2031-06-10"
    # "on Saturday" ahead in the courier and behind in the gazette, both = June 14 as the herald says.
    assert pubs["courier"]["published"] == "2031-06-11"
    assert pubs["courier"]["published_inferred"] is True
    assert any("herald" in e for e in pubs["courier"]["evidence"])
    assert "2031-06-14" <= pubs["gazette"]["published"] <= "2031-06-20"


def test_reconcile_keeps_metadata_dates() -> None:
    articles, anns = story()
    articles[1].published = "2031-06-11"
    anns["courier"] = TimexStage().run([articles[1]])[0]
    pubs = reconcile_published(articles, anns)
    assert pubs["courier"] == {
        "published": "2031-06-11",
        "published_inferred": False,
        "confidence": 1.0,
        "evidence": ["metadata"],
    }


def test_same_event_from_several_sources_is_one_entry() -> None:
    articles, anns = story()
    timeline = build_timeline(articles, anns)
    opening = [e for e in timeline if e["date"] == "2031-06-14"]
    assert len(opening) == 1
    entry = opening[0]
    assert entry["sources"] == ["courier", "gazette", "herald"]
    assert entry["precision"] == "day"
    texts = {a.id: a.text for a in articles}
    for span in entry["spans"]:
        assert "Ravel Bridge" in texts[span["source"]][span["start"] : span["end"]]
    # The gazette reports the opening as done, so the entry is no longer only announced.
    assert entry["scheduled"] is False


def test_scheduled_and_sorted() -> None:
    articles, anns = story()
    timeline = build_timeline(articles[:2], anns)
    dates = [e["date"] for e in timeline]
    assert dates == sorted(dates)
    opening = next(e for e in timeline if e["date"] == "2031-06-14")
    assert opening["scheduled"] is True
    tolls = [e for e in timeline if e["date"] == "2031-06-09"]
    assert len(tolls) == 1 and tolls[0]["sources"] == ["courier", "herald"]
    assert tolls[0]["scheduled"] is False
    assert any(e["date"] == "2029" and e["precision"] == "year" for e in timeline)


def test_who_from_entities_and_determinism() -> None:
    articles, anns = story()
    entities: list[Json] = [
        {"name": "Ana Lindqvist", "type": "person", "aliases": ["Lindqvist"], "sources": ["herald"]},
        {"name": "Harbour City", "type": "place", "aliases": [], "sources": ["herald"]},
    ]
    first = build_timeline(articles, anns, entities)
    assert first == build_timeline(articles, anns, entities)
    opening = next(e for e in first if e["date"] == "2031-06-14")
    assert "Ana Lindqvist" in opening["who"]


def test_different_events_on_one_day_stay_apart() -> None:
    a = make_article("a", "The city council approved the harbour budget on 3 March 2031.")
    b = make_article("b", "A fire destroyed a warehouse in the old town on 3 March 2031.")
    anns = {x.id: ann for x, ann in zip([a, b], TimexStage().run([a, b]), strict=True)}
    timeline = build_timeline([a, b], anns)
    assert sorted(e["sources"] for e in timeline) == [["a"], ["b"]]


def test_similarity() -> None:
    x = content_tokens("The mayor opened the bridge on Saturday.")
    y = content_tokens("On Saturday the mayor opens the new bridge.")
    assert similarity(x, y)[1] >= 2
    assert similarity(x, frozenset()) == (0.0, 0)


def _timeline_of(*texts: str, published: str = "2031-06-11") -> list[Json]:
    articles = [make_article(f"s{k}", t, published=published) for k, t in enumerate(texts)]
    anns = {a.id: ann for a, ann in zip(articles, TimexStage().run(articles), strict=True)}
    return build_timeline(articles, anns)


def test_one_sentence_with_two_dates_gives_two_distinct_entries() -> None:
    timeline = _timeline_of("The council said on Monday that the ferry will resume service on Friday.")
    assert [e["date"] for e in timeline] == ["2031-06-09", "2031-06-13"]
    said, ferry = (e["text"] for e in timeline)
    # When something was said is shown with what was said.
    assert said == "The council said on Monday that the ferry will resume service on Friday."
    assert ferry == "the ferry will resume service on Friday."
    assert said != ferry


def test_a_part_that_opens_with_its_verb_is_shown_with_its_subject() -> None:
    timeline = _timeline_of(
        "The envoy was due to dine with the mayor on Thursday evening and to fly home on Friday."
    )
    assert [e["date"] for e in timeline] == ["2031-06-12", "2031-06-13"]
    thursday, friday = (e["text"] for e in timeline)
    assert thursday == "The envoy was due to dine with the mayor on Thursday evening"
    assert friday == "The envoy was due to dine with the mayor on Thursday evening and to fly home on Friday."
    (_, may) = _timeline_of("The envoys met in Vessa in January and again in Ostrel in May.")
    assert may["text"] == "The envoys met in Vessa in January and again in Ostrel in May."
    # A part with its own subject is shown alone.
    (_, ferry) = _timeline_of("The council said on Monday that the ferry will resume service on Friday.")
    assert ferry["text"] == "the ferry will resume service on Friday."


def test_range_end_and_background_dates_are_not_events_of_their_own() -> None:
    timeline = _timeline_of(
        "Farmers will ask for more water between July and September. "
        "The mayor opened the dock on Tuesday for the first time since it flooded in March 2029."
    )
    assert [e["date"] for e in timeline] == ["2031-06-10", "2031-07"]


def test_a_year_naming_a_thing_does_not_date_a_sentence_dated_otherwise() -> None:
    timeline = _timeline_of(
        "The envoy told reporters on Monday that reviving the 2027 accord is getting harder. "
        "The port's 2029 budget was approved in 2030."
    )
    monday = next(e for e in timeline if e["date"] == "2031-06-09")
    assert "2027 accord is getting harder" in monday["text"]
    assert [e["date"] for e in timeline] == ["2030", "2031-06-09"]


def test_a_lone_year_naming_a_thing_dates_only_a_past_sentence() -> None:
    # "has become the first … to condemn the 2019 blockade": the sentence happens now, not in 2019.
    assert (
        _timeline_of("Ana Lindqvist has become the first mayor to condemn the 2019 blockade as a crime.")
        == []
    )
    assert _timeline_of("Reviving the 2027 accord is getting harder, the envoy says.") == []
    # "the 2019 blockade closed the port": what happened then.
    assert [e["date"] for e in _timeline_of("The 2019 blockade closed the port for a month.")] == ["2019"]


def test_a_date_set_aside_is_no_event() -> None:
    # "until 2034, not 2032": the rejected date dates nothing; the other keeps the whole sentence.
    timeline = _timeline_of(
        "The mayor now says the canal should have until 2034, not 2032, to meet its targets."
    )
    assert [e["date"] for e in timeline] == ["2034"]
    assert "not 2032" in timeline[0]["text"]
    assert [e["date"] for e in _timeline_of("The dockers struck on March 3 rather than on March 5.")] == [
        "2031-03-03"
    ]
    # "not until" sets the date: the canal opens then.
    assert [e["date"] for e in _timeline_of("The canal will not open until 2034.")] == ["2034"]


def test_a_day_naming_an_event_does_not_date_its_sentence() -> None:
    timeline = _timeline_of(
        "The March 3 blockade committee could be the mayor's last battle. "
        "Officers who fought the March 3 blockade will testify on Tuesday."
    )
    assert [e["date"] for e in timeline] == ["2031-06-17"]
    assert "will testify" in timeline[0]["text"]
    # "on March 3" and "the evening of March 3" are dates, not names.
    assert [e["date"] for e in _timeline_of("The dockers blocked the port on March 3.")] == ["2031-03-03"]
    assert [e["date"] for e in _timeline_of("Police left on the evening of March 3 in vans.")] == [
        "2031-03-03"
    ]
    # An adjective between the article and the day does not make it a date.
    assert _timeline_of("A panel will study the deadly March 3 blockade.") == []


def test_events_of_one_year_stay_apart_and_part_of_day_counts() -> None:
    timeline = _timeline_of(
        "Work on the canal began in 2027. The canal authority has kept to the same budget since 2027.",
        "Builders began work on the canal in 2027. The authority has kept the same budget since 2027.",
        "The mayor will open the canal on Thursday evening.",
    )
    year = [e for e in timeline if e["date"] == "2027"]
    assert len(year) == 2
    assert all(e["sources"] == ["s0", "s1"] for e in year)
    assert sorted("budget" in e["text"] for e in year) == [False, True]
    assert any(e["date"] == "2031-06-12" and e["sources"] == ["s2"] for e in timeline)


def test_example_story_publication_dates_and_timeline() -> None:
    # The project's own fictional story (examples/README.md lists the intended dates): each text alone
    # dates only the talblick article; the others follow from the events they share with it.
    from builders import EXAMPLES

    articles = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        articles.append(make_article(path.stem, body.strip(), title=title))
    anns = {a.id: ann for a, ann in zip(articles, TimexStage().run(articles), strict=True)}
    pubs = reconcile_published(articles, anns)
    assert {k: v["published"] for k, v in pubs.items()} == {
        "capital-ledger-talks": "2025-03-13",
        "northgate-post-visit": "2025-03-11",
        "riverside-dispatch-commission": "2025-03-14",
        "talblick-zeitung-seldra": "2025-03-12",
        "valley-courier-visit": "2025-03-11",
    }
    timeline = build_timeline(articles, anns)
    # No sentence stands for two dates, and a month range announced in March lies ahead.
    cited = [(s["source"], s["start"], s["end"]) for e in timeline for s in e["spans"]]
    assert len(cited) == len(set(cited))
    texts = [(e["date"], e["text"]) for e in timeline]
    assert len({t for _, t in texts}) == len(texts)
    assert any(d == "2025-06" and "June and September" in t for d, t in texts)
    assert all(not d.startswith("2024") for d, t in texts if "September" in t)


def test_since_a_date_that_starts_a_measured_span_is_not_an_event() -> None:
    # Superlatives, ordinals and counts are measured over the span: nothing happened in that year.
    assert _timeline_of("It is the worst drought in the valley since 1998.") == []
    assert _timeline_of("The river is at its lowest level since 1891.") == []
    assert _timeline_of("The council met for the third time since the start of 2030.") == []
    assert _timeline_of("The dam has overflowed four times since 2024.") == []
    assert _timeline_of("Mayor warns of biggest flood since 1998 as river rises.") == []
    # A state that began then keeps its date, and so does a span whose start the sentence tells.
    assert [e["date"] for e in _timeline_of("The mill has been closed since March 2029.")] == ["2029-03"]
    assert [e["date"] for e in _timeline_of("Three towns have shared the ferry since 2027.")] == ["2027"]
    assert [e["date"] for e in _timeline_of("Ties grew ever closer since 2028, when the mill closed.")] == [
        "2028"
    ]


def test_a_bare_date_stamp_is_not_an_event() -> None:
    timeline = _timeline_of("Mar. 8, 2031 12:41 a.m.\n\nThe ferry sank on March 8, 2031.")
    assert [e["text"] for e in timeline] == ["The ferry sank on March 8, 2031."]


def test_a_part_without_subject_is_shown_from_the_part_before_it_not_the_sentence_start() -> None:
    text = "On 2 June the ferry ran aground; a tug came on Monday, and was followed by two more on Tuesday."
    assert [(e["date"], e["text"]) for e in _timeline_of(text)] == [
        ("2031-06-02", "On 2 June the ferry ran aground"),
        ("2031-06-09", "a tug came on Monday"),
        ("2031-06-10", "a tug came on Monday, and was followed by two more on Tuesday."),
    ]


def test_a_question_is_no_event() -> None:
    text = "Planning a ferry trip this summer? The Ostrel ferry added two crossings on Monday."
    assert [e["text"] for e in _timeline_of(text)] == ["The Ostrel ferry added two crossings on Monday."]


def test_that_pointing_at_a_time_is_kept_at_the_front_of_the_entry() -> None:
    text = "Ana Lind became harbour master in 2024. But that year, she was ousted by the council."
    assert [e["text"] for e in _timeline_of(text)] == [
        "Ana Lind became harbour master in 2024.",
        "that year, she was ousted by the council.",
    ]


def test_an_entry_cut_after_a_joiner_does_not_open_on_a_comma() -> None:
    text = "The pier burned in 2019; and, more recently, in 2024, the ferry office was robbed."
    assert [e["text"] for e in _timeline_of(text)] == [
        "The pier burned in 2019",
        "more recently, in 2024, the ferry office was robbed.",
    ]


def test_a_date_stamp_on_its_own_line_dates_the_paragraph_under_it() -> None:
    text = (
        "How the night unfolded\n\nMar. 8, 2031 12:41 a.m.\n\nThe ferry leaves Ostrel with 80 passengers.\n\n"
        "Mar. 8, 2031 1:30 a.m.\n\nThe crew sends its last radio call. Rescuers set out at dawn.\n\n"
        "The harbour master said the sea was calm."
    )
    timeline = _timeline_of(text)
    assert [(e["date"], e["text"]) for e in timeline] == [
        ("2031-03-08", "The crew sends its last radio call."),
        ("2031-03-08", "The ferry leaves Ostrel with 80 passengers."),
    ]
    # A stamp that shares its line with text heads nothing.
    assert _timeline_of("Mar. 8, 2031. The crew sends its last radio call.") == []


def test_a_wire_dateline_is_not_part_of_the_event() -> None:
    (entry,) = _timeline_of("OSTREL (Northlight) - The council voted on Monday to close the harbour.")
    assert entry["text"] == "The council voted on Monday to close the harbour."
    # After a standfirst, the dateline opens the body's first paragraph.
    (entry,) = _timeline_of(
        "Towns are worried.\n\nOSTREL (Northlight) - The council voted on Monday to close the harbour."
    )
    assert entry["text"] == "The council voted on Monday to close the harbour."
