import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyscope.stages.clean import Cleaned, clean_text

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
REFERENCE = SHARED / "samples" / "putin-tehran-2022"

TITLE = "Harbour town votes to rebuild the old lighthouse"

# A fictional scraped page: the story, with every kind of junk a scraper leaves in it.
STORY = [
    "The council of Marrowby voted on Thursday to rebuild the lighthouse that collapsed in the "
    "storm last winter, ending a year of argument over the cost.",
    "Mayor Ilse Tanner said the vote was close but clear.",
    "It passed.",
    "The new tower will use stone from the old one, according to the plans shown at the meeting, "
    "and should be finished within two years if the weather allows it.",
    "Funding and timing",
    "The harbour board will pay half of the estimated four million crowns, with the rest coming "
    "from a regional fund that was set up for coastal towns after the storm.",
    "Fishermen at the meeting welcomed the decision but asked for a temporary light in the meantime.",
    '"We have been sailing in the dark since January," said one of them, Per Halvorsen.',
]
JUNK = {
    "title": TITLE,
    "caption": "The old lighthouse before the storm (Photo: Marrowby Archive)",
    "file-photo": "FILE PHOTO: Waves hit the harbour wall in January. © Jonas Berg / AFP",
    "image": "Image: Coastal Press Agency",
    "see-also": "See also: Storm damage in the north costs insurers billions",
    "read-more": "Read more",
    "read-more-link": "Fishing quotas cut again for the third year running",
    "read-also": ">>Read also: Ten coastal walks for the autumn",
    "jobs": "Find your next job: 40 new openings near you",
    "newsletter": "Sign up for our morning newsletter",
    "share": "Share on Facebook",
    "tweet": "Tweet",
    "back": "Back to top",
    "cookie": "We use cookies to improve your experience on our site. Accept all cookies",
    "tags": "Tags: Marrowby, lighthouse, council",
    "credit": "Anna Lind and Tomas Brekke contributed to this report.",
    "reply": "Leave a Reply",
    "email": "Your email address will not be published. Required fields are marked with an asterisk",
    "closed": "Comments are closed.",
}


def page() -> str:
    s = STORY
    j = JUNK
    parts = [
        j["title"],
        "",
        j["caption"],
        "",
        s[0],
        "",
        j["share"],
        j["tweet"],
        "",
        s[1],
        "",
        s[2],
        "",
        j["file-photo"],
        "",
        s[3],
        "",
        j["see-also"],
        "",
        s[4],
        "",
        s[5],
        "",
        j["read-more"],
        j["read-more-link"],
        "",
        j["jobs"],
        "",
        j["newsletter"],
        "",
        s[6],
        "",
        j["image"],
        "",
        j["read-also"],
        "",
        s[7],
        "",
        j["title"],
        "",
        j["credit"],
        "",
        j["tags"],
        "",
        j["cookie"],
        "",
        j["back"],
        "",
        j["reply"],
        "",
        j["email"],
        "",
        j["closed"],
    ]
    return "\n".join(parts)


def paragraphs(c: Cleaned) -> list[str]:
    return c.text.split("\n\n") if c.text else []


def test_story_kept_in_order_and_every_junk_kind_removed() -> None:
    c = clean_text(page(), TITLE)
    assert paragraphs(c) == STORY
    for kind, line in JUNK.items():
        assert line not in c.text, kind


def test_removed_spans_have_reasons_and_cover_the_junk() -> None:
    raw = page()
    c = clean_text(raw, TITLE)
    reasons = {r.reason for r in c.removed}
    assert {"caption", "related-links", "credit", "repeated-headline", "comment-prompt", "ad"} <= reasons
    dropped = "".join(raw[r.start : r.end] for r in c.removed)
    for line in JUNK.values():
        assert line in dropped
    for r in c.removed:
        assert 0 <= r.start < r.end <= len(raw) and r.reason


def test_short_sentence_paragraph_and_subhead_survive() -> None:
    c = clean_text(page(), TITLE)
    assert "It passed." in paragraphs(c)
    assert "Funding and timing" in paragraphs(c)


def test_headline_glued_to_a_standfirst_is_cut_off() -> None:
    standfirst = "The vote ends a year of argument over the cost of the new tower"
    raw = "\n\n".join([TITLE, standfirst + TITLE, *STORY[:2]])
    c = clean_text(raw, TITLE)
    assert TITLE not in c.text
    assert STORY[0] in c.text and STORY[1] in c.text
    assert any(r.reason == "repeated-headline" and raw[r.start : r.end] == TITLE for r in c.removed)


def test_near_copy_of_headline_removed() -> None:
    raw = "\n\n".join([f"{TITLE} | The Marrowby Herald", *STORY[:3]])
    assert paragraphs(clean_text(raw, TITLE)) == STORY[:3]


def test_a_headline_that_reads_as_a_sentence_goes_when_the_title_adds_the_site_name() -> None:
    headline = "Harbour town votes to rebuild the old lighthouse!"
    raw = "\n\n".join([headline, *STORY[:3]])
    assert paragraphs(clean_text(raw, f"{headline} - The Marrowby Herald")) == STORY[:3]
    # A lead sentence that shares the headline's words is the story, not the headline.
    lead = "Harbour town votes to rebuild the old lighthouse after a winter of storms."
    raw = "\n\n".join([lead, *STORY[:3]])
    assert paragraphs(clean_text(raw, f"{headline} - The Marrowby Herald"))[0] == lead


def test_repeated_short_lines_are_navigation() -> None:
    raw = "\n\n".join(["Latest stories from the coast", *STORY[:4], "Latest stories from the coast"])
    c = clean_text(raw, TITLE)
    assert "Latest stories" not in c.text
    assert STORY[0] in c.text


def test_menu_and_footer_around_the_body_fall_away() -> None:
    menu = ["Home", "News", "Sport", "Culture", "Weather", "Local"]
    footer = ["About us", "Contact", "Imprint", "Privacy", "Careers at the Herald"]
    raw = "\n".join(menu) + "\n\n" + "\n\n".join(STORY) + "\n\n" + "\n".join(footer)
    assert paragraphs(clean_text(raw, TITLE)) == STORY


GERMAN_TITLE = "Gemeinderat beschließt neue Fähre für die Insel"
GERMAN_STORY = [
    "Der Gemeinderat von Vellinghusen hat am Dienstag beschlossen, eine neue Fähre für die "
    "Verbindung zur Insel Rökum zu bestellen.",
    "Die alte Fähre ist seit mehr als vierzig Jahren im Einsatz und fällt immer öfter aus.",
    "Das reicht.",
    "Kosten und Zeitplan",
    "Das Land übernimmt nach Angaben der Verwaltung zwei Drittel der Kosten, den Rest zahlt die "
    "Gemeinde aus ihren Rücklagen.",
    "Die ersten Fahrten mit dem neuen Schiff sind für den Sommer des übernächsten Jahres geplant.",
]
GERMAN_JUNK = [
    "Lesen Sie auch: Hafenfest lockt tausende Besucher an",
    "Mehr zum Thema",
    "Foto: Hanne Jessen / dpa",
    "Bild: Archiv Vellinghusen",
    "Artikel teilen",
    "Nach oben",
    "Anzeige",
    "Jetzt den Newsletter abonnieren",
    "Kommentare",
    "Ihre E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
    "Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.",
    "Schlagwörter: Fähre, Gemeinderat, Insel",
    "Mit Material von dpa",
]


def test_german_junk_removed_and_story_kept() -> None:
    s, j = GERMAN_STORY, GERMAN_JUNK
    raw = "\n\n".join(
        [
            "Startseite",
            "Politik",
            "Wirtschaft",
            GERMAN_TITLE,
            j[2],
            s[0],
            j[4],
            s[1],
            j[0],
            s[2],
            j[6],
            s[3],
            s[4],
            j[1],
            "Hafen bekommt neue Kaimauer",
            j[3],
            j[7],
            s[5],
            j[12],
            j[11],
            j[5],
            j[8],
            j[9],
            j[10],
        ]
    )
    c = clean_text(raw, GERMAN_TITLE)
    assert paragraphs(c) == s
    assert "Hafen bekommt" not in c.text


def test_empty_and_whitespace_input() -> None:
    for raw in ("", "   ", "\n\n\t\n", " \r\n "):
        c = clean_text(raw, None)
        assert c.text == "" and c.offset_map.segments == []


def test_article_without_junk_is_untouched_apart_from_layout() -> None:
    raw = "\n".join(STORY)  # single newlines: each line still becomes its own paragraph
    c = clean_text(raw, None)
    assert paragraphs(c) == STORY and c.removed == []


def check_offsets(raw: str, c: Cleaned) -> None:
    text = c.text
    segs = c.offset_map.segments
    pos = 0
    for seg in segs:
        assert seg.clean_start >= pos
        assert (
            text[seg.clean_start : seg.clean_start + seg.length]
            == raw[seg.raw_start : seg.raw_start + seg.length]
        )
        # Everything between runs is the paragraph separator.
        assert text[pos : seg.clean_start] in ("", "\n\n")
        for i in range(seg.clean_start, seg.clean_start + seg.length):
            assert c.offset_map.to_raw(i) == seg.raw_start + (i - seg.clean_start)
            assert raw[c.offset_map.to_raw(i)] == text[i]
        pos = seg.clean_start + seg.length
    assert pos == len(text)
    for r in c.removed:
        assert 0 <= r.start < r.end <= len(raw)


def test_offset_map_on_the_fictional_page() -> None:
    raw = page()
    c = clean_text(raw, TITLE)
    check_offsets(raw, c)
    a = c.text.index("Mayor")
    b = a + len("Mayor Ilse Tanner")
    assert raw[c.offset_map.to_raw(a) : c.offset_map.to_raw(b)] == "Mayor Ilse Tanner"


# Random raw texts: lines drawn from story sentences, junk lines, and arbitrary text, joined by
# random line breaks and indentation.
_line = st.one_of(
    st.sampled_from(STORY + GERMAN_STORY),
    st.sampled_from(list(JUNK.values()) + GERMAN_JUNK),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80),
    st.text(alphabet="ab cD.,!?\n\t:©*-", max_size=40),
)
_raw = st.lists(
    st.tuples(_line, st.sampled_from(["\n", "\n\n", "\r\n", "\n   \n", " \n  "])), max_size=25
).map(lambda parts: "".join(line + sep for line, sep in parts))
_title = st.one_of(st.none(), st.just(TITLE), st.text(max_size=40))


@settings(max_examples=200, deadline=None)
@given(_raw, _title)
def test_offsets_round_trip_and_never_crash(raw: str, title: str | None) -> None:
    c = clean_text(raw, title)
    check_offsets(raw, c)


@settings(max_examples=200, deadline=None)
@given(_raw, _title)
def test_cleaning_is_idempotent(raw: str, title: str | None) -> None:
    once = clean_text(raw, title)
    twice = clean_text(once.text, title)
    assert twice.text == once.text
    assert twice.removed == []


def test_deterministic() -> None:
    raw = page()
    assert clean_text(raw, TITLE) == clean_text(raw, TITLE)


_SENTENCE_LINE = re.compile(r"""[.!?…]["'”’»)]*$""")
_JUNK_LINE = re.compile(
    r"^(?:see also|read more|read also|>>|more:)|\(photo|photo:|file photo|©|contributed|"
    r"leave a reply|your email address|comments are closed|back to top",
    re.I,
)


@pytest.mark.skipif(not REFERENCE.exists(), reason="needs ../shared")
def test_reference_articles_lose_junk_and_keep_body_sentences() -> None:
    files = sorted(REFERENCE.glob("*.txt"))
    assert len(files) == 5
    for path in files:
        raw = path.read_text(encoding="utf-8")
        title = next(line.strip() for line in raw.splitlines() if line.strip())
        c = clean_text(raw, title)
        check_offsets(raw, c)
        kept = paragraphs(c)
        for line in kept:
            assert not _JUNK_LINE.search(line), (path.name, line)
            assert line.strip() != title
        for line in raw.splitlines():
            line = line.strip()
            if line == title or _JUNK_LINE.search(line):
                continue
            if len(line.split()) >= 12 and _SENTENCE_LINE.search(line):
                assert line in kept, (path.name, line)


def test_article_without_prose_is_kept_rather_than_emptied() -> None:
    raw = (
        "Ferry timetable for the winter season\n\n"
        "Route 1: 06:10 – Velmar to Osk\nRoute 2: 07:45 – Osk to Tarnby\nRoute 3: 09:30 – Tarnby to Velmar\n"
        "Route 4: 12:00 – Velmar to Skerra\n\nTimes subject to weather"
    )
    out = clean_text(raw, "Ferry timetable for the winter season")
    assert "Route 3: 09:30" in out.text and "Times subject to weather" in out.text
    assert not out.text.startswith("Ferry timetable")
    assert clean_text(out.text, "Ferry timetable for the winter season").text == out.text


def test_comment_thread_after_the_story_is_dropped() -> None:
    # Each comment is long prose of its own; the "name says:" lines give the thread away.
    thread = [
        "7 responses to “Harbour town votes to rebuild the old lighthouse”",
        "1. saltydog42 says:",
        "About time too, the harbour has been a dangerous place at night ever since that storm hit us.",
        "2. Margit Ohlsen on 4 March 2023 at 9:12 pm said:",
        "I doubt the regional fund will pay out before the next election, but I hope I am wrong about it.",
    ]
    raw = "\n\n".join([*STORY, *thread])
    c = clean_text(raw, TITLE)
    assert paragraphs(c) == STORY
    assert "comment-prompt" in {r.reason for r in c.removed}


def test_one_line_introducing_a_quote_is_not_a_thread() -> None:
    story = [
        STORY[0],
        "At the end of the meeting the mayor said:",
        '"This tower will stand for another hundred years, and so will this town, whatever the sea does."',
        STORY[5],
    ]
    assert paragraphs(clean_text("\n\n".join(story), TITLE)) == story


def test_teasers_nested_deeper_than_the_story_are_cut_off() -> None:
    teasers = [
        "Fishing quotas for next season are expected to fall again as the cod stocks keep shrinking",
        "A new bakery on the quay has drawn queues every morning since it opened its doors last week",
        "The ferry to the islands will run a reduced timetable over the winter months this year",
    ]
    raw = "\n".join(["  " + s for s in STORY] + ["              " + t for t in teasers])
    c = clean_text(raw, TITLE)
    assert paragraphs(c) == STORY


_CARDS = [
    (
        "Ferry company orders two electric boats",
        "The new boats will enter service on the island route in spring, and the company says that the "
        "crossing will be quieter and cheaper for everyone who uses it",
        "2H ago",
    ),
    (
        "Harbour seals return to the north pier",
        "Wardens counted forty animals on the rocks this week, the most since the survey began, and they "
        "have asked walkers to keep their dogs on a lead near the water",
        "5H ago",
    ),
    (
        "School roof repaired before the winter",
        "Builders finished the work three days ahead of schedule, and the children will be back in their "
        "own classrooms on Monday after a month in the town hall",
        "Nov 18",
    ),
    (
        "Cod prices fall at the morning auction",
        "Buyers blamed the mild weather and a large catch for the lowest prices of the year, which the "
        "fishermen say will not cover the cost of their fuel",
        "Nov 17",
    ),
    (
        "Library extends its opening hours",
        "The library will open on Sunday afternoons from next month, after more than six hundred people "
        "signed a letter asking the council for the change",
        "Nov 16",
    ),
]


def test_a_grid_of_teaser_cards_outweighing_the_story_is_dropped() -> None:
    # Cards at the story's own depth (no deeper-tail cut) with more prose in them than the story:
    # the repeated headline / blurb / time layout gives them away.
    cards = [line for card in _CARDS for line in card]
    c = clean_text("\n\n".join([*STORY, *cards]), TITLE)
    assert paragraphs(c) == STORY
    assert [r.reason for r in c.removed].count("related-links") == len(_CARDS)


def test_a_numbered_ranking_is_kept_and_a_numbered_most_read_box_is_not() -> None:
    intro = (
        "Readers of the Marrowby Gazette voted for the harbour's best fishing boats of the century, "
        "and the old trawlers did better than anyone at the harbour office expected."
    )
    boats = ["Silver Gull", "Northern Star", "Anna Marie", "Cold Tide", "Harbour Queen", "Grey Heron"]
    ranking = [f"{len(boats) - k}. {name}" for k, name in enumerate(boats)]
    outro = "The winning boat, the Grey Heron, was built in the old yard in 1951 and still fishes today."
    most_read = [
        "Most read",
        "1. Ferry company orders two electric boats for the island route",
        "2. Harbour seals return to the north pier in record numbers",
        "3. School roof repaired three days before the winter storms",
        "4. Cod prices fall at the morning auction after a large catch",
    ]
    kept = paragraphs(clean_text("\n\n".join([intro, *ranking, outro, *most_read]), "Best boats"))
    assert all(item in kept for item in ranking)
    assert not any(item in kept for item in most_read[1:])


def test_a_live_blog_s_entries_are_its_body_not_teaser_cards() -> None:
    # Time, heading, one short update: the teaser layout, but nothing else on the page is prose.
    entries = [
        (
            "09:12 GMT",
            "Ferry service suspended",
            "The harbour office has suspended every crossing until the wind drops.",
        ),
        (
            "09:40 GMT",
            "Pier closed to walkers",
            "Police have closed the north pier after waves broke over the wall.",
        ),
        (
            "10:05 GMT",
            "Schools send pupils home",
            "Three schools on the coast road are sending their pupils home early.",
        ),
        (
            "10:31 GMT",
            "Power cut in the old town",
            "About two hundred homes near the harbour have lost their power supply.",
        ),
    ]
    intro = "Follow the storm on the coast with us through the morning, as it happens."
    raw = "\n\n".join(["Storm hits Marrowby: live", intro, *(line for entry in entries for line in entry)])
    kept = paragraphs(clean_text(raw, "Storm hits Marrowby: live"))
    assert all(update in kept for _, _, update in entries)


def test_steps_around_one_repeated_label_are_not_teaser_cards() -> None:
    steps = [
        "Grease the tin and heat the oven to 180 degrees before you start on the dough.",
        "Mix the flour with the baking powder and a pinch of salt in a large bowl.",
        "Add the butter, the sugar and the eggs, then stir until the dough is smooth.",
        "Bake the cake for thirty-five minutes on the lowest shelf of the oven.",
    ]
    lines = ["Step by step"]
    for n, step in enumerate(steps, 1):
        lines += [f"{n} of {len(steps)}", step, "Show Picture"]
    raw = "\n\n".join(lines)
    kept = paragraphs(clean_text(raw, "Strawberry cake"))
    assert all(step in kept for step in steps)


def test_story_sections_with_one_paragraph_each_are_kept() -> None:
    sections = [
        ("The vote", "The council voted eleven to four for the rebuilding plan on Thursday evening."),
        ("The money", "The harbour board will pay half of the cost and the region the other half."),
        ("The timing", "Work on the new tower should start in March and end within two years."),
        ("The critics", "Two councillors said the money would be better spent on the harbour wall."),
    ]
    lines = [line for section in sections for line in section]
    kept = paragraphs(clean_text("\n\n".join(lines), TITLE))
    assert all(text in kept for _, text in sections)


def test_cookie_banner_written_as_long_prose_is_dropped() -> None:
    banner = (
        "This website uses cookies so that we can give you the best experience possible, remember your "
        "settings between visits and show you offers from our partners that suit your interests, "
        "as described in the notice that you can open at any time from the bottom of every page."
    )
    c = clean_text("\n\n".join([*STORY, banner]), TITLE)
    assert paragraphs(c) == STORY
    assert [r.reason for r in c.removed] == ["ad"]


def test_code_lines_in_a_tutorial_are_not_a_link_list() -> None:
    intro = (
        "The harbour office publishes its tide table as a small web service, and reading it from a "
        "script takes only a few lines of Python, as the example below shows."
    )
    code = [
        "import json",
        "from urllib.request import urlopen",
        'TIDES_URL = "https://tides.example.org/marrowby.json"',
        "table = json.load(urlopen(TIDES_URL))",
        'print(table["high"][0])',
    ]
    outro = (
        "The first entry of the list is the next high tide; the service updates it every morning "
        "at six, so a script run before then sees yesterday's figures."
    )
    raw = "\n".join(["Home", "News", "Weather", "", intro, "", *code, "", outro])
    c = clean_text(raw, "Reading the tide table from a script")
    # Lower-case lines continue the unit before them, so compare the lines, not the paragraphs.
    assert [ln for ln in c.text.splitlines() if ln] == [intro, *code, outro]
    assert clean_text(c.text, "Reading the tide table from a script").text == c.text


def test_list_announced_by_a_story_sentence_is_kept() -> None:
    lead = "The plans shown at the meeting name the materials the builders will use for the new tower:"
    items = ["Granite from the old tower", "Oak beams from the harbour yard", "Copper for the lantern roof"]
    footer = ["About", "Archive", "Contact the newsroom"]
    story = [STORY[0], lead, *items, STORY[3]]
    raw = "\n".join([*story, *footer])
    c = clean_text(raw, TITLE)
    assert paragraphs(c) == story
    # The items of an announced list share a depth; the footer under it, less indented, is no item.
    nested = "\n".join(["  " + s for s in [STORY[0], STORY[3], lead, *items]] + footer)
    assert "Archive" not in clean_text(nested, TITLE).text


def test_thread_header_with_a_spelled_out_count_ends_the_body() -> None:
    comment = (
        "I grew up next to that lighthouse and I am so glad the town has finally decided to bring it "
        "back, my grandfather kept the light there for thirty years."
    )
    raw = "\n\n".join([*STORY, f"One thought on “{TITLE}”", comment])
    assert paragraphs(clean_text(raw, TITLE)) == STORY


def test_you_might_also_enjoy_marker_is_related_links() -> None:
    raw = "\n\n".join([*STORY, "You might also enjoy:"])
    c = clean_text(raw, TITLE)
    assert paragraphs(c) == STORY
    assert [r.reason for r in c.removed] == ["related-links"]


@pytest.mark.parametrize(
    "line",
    [
        "See related:  Harbour lights go dark | Ten coastal walks for the autumn",
        "See more: Storm season in pictures",
    ],
)
def test_see_related_and_see_more_lines_are_related_links(line: str) -> None:
    raw = "\n\n".join([*STORY[:3], line, *STORY[3:]])
    c = clean_text(raw, TITLE)
    assert paragraphs(c) == STORY
    assert [r.reason for r in c.removed] == ["related-links"]


def test_filed_under_line_without_colon_is_tags() -> None:
    raw = "\n\n".join([STORY[0], "Filed under Coastal towns", *STORY[1:]])
    c = clean_text(raw, TITLE)
    assert paragraphs(c) == STORY
    assert [r.reason for r in c.removed] == ["tags"]


def test_meta_line_split_by_pipes_is_dropped() -> None:
    meta = "Ilse Tanner | categories: Harbour, Council | View Comments"
    raw = "\n\n".join([STORY[0], meta, *STORY[1:]])
    assert paragraphs(clean_text(raw, TITLE)) == STORY


@pytest.mark.parametrize(
    "prompt",
    [
        "Never miss a story from the coast? Enter your email address and we will send you the week's news.",
        "If you are already a subscriber, log in to read the rest of this story and the archive.",
        "Our reporting is paid for by advertising, so please consider turning off your ad blocker for us.",
        "Sind Sie bereits Abonnent? Dann melden Sie sich an, um den ganzen Artikel zu lesen.",
    ],
)
def test_newsletter_paywall_and_ad_blocker_prompts_are_dropped(prompt: str) -> None:
    c = clean_text("\n\n".join([*STORY, prompt]), TITLE)
    assert paragraphs(c) == STORY
    assert [r.reason for r in c.removed] == ["ad"]


def test_consent_panel_mentioning_cookies_is_dropped_but_a_story_about_cookies_stays() -> None:
    panel = [
        "Some of these cookies are strictly necessary, so refusing them changes how the pages work for "
        "you, and you can change your settings at any time from the link at the bottom of the page.",
        "Diese Cookies helfen uns zu verstehen, wie Sie unsere Seiten nutzen; Ihre Einwilligung können "
        "Sie jederzeit in den Einstellungen widerrufen.",
    ]
    c = clean_text("\n\n".join([*STORY, *panel]), TITLE)
    assert paragraphs(c) == STORY
    bakery = (
        "The bakery on the quay sold out of its ginger cookies by noon on the day of the vote, and "
        "the owner said she would bake twice as many for the opening of the new tower."
    )
    story = [*STORY, bakery]
    assert paragraphs(clean_text("\n\n".join(story), TITLE)) == story


@pytest.mark.parametrize(
    "notice",
    [
        "Unless noted otherwise, everything on this blog is licensed under a Creative Commons "
        "Attribution 4.0 International License.",
        "Alle Texte dieses Blogs stehen unter einer Creative Commons Namensnennung 4.0 Lizenz.",
    ],
)
def test_site_licence_notice_is_dropped(notice: str) -> None:
    c = clean_text("\n\n".join([*STORY, notice]), TITLE)
    assert paragraphs(c) == STORY
    assert [r.reason for r in c.removed] == ["credit"]


@pytest.mark.parametrize(
    "prompt",
    [
        "Did you like this article?",
        "Was this article helpful?",
        "Share your thoughts with friends.",
        "You must be logged in to post a comment about the lighthouse.",
        "This post contains affiliate links: we may earn a commission when you buy through them.",
        "Hat Ihnen der Artikel gefallen? Dann teilen Sie ihn mit Ihren Freunden!",
        "Sie müssen angemeldet sein, um einen Kommentar zu schreiben.",
        "Hinterlasse einen Kommentar",
    ],
)
def test_rate_share_comment_prompts_and_affiliate_notes_are_dropped(prompt: str) -> None:
    c = clean_text("\n\n".join([*STORY, prompt]), TITLE)
    assert paragraphs(c) == STORY
    assert [r.reason for r in c.removed] in (["share"], ["comment-prompt"])


def test_story_sentences_about_jobs_and_donations_are_kept() -> None:
    story = [
        *STORY[:3],
        "The rebuilding will create forty jobs in the harbour over the next two years.",
        "A local shipowner made a donation of two hundred thousand crowns to the fund.",
        *STORY[3:],
    ]
    assert paragraphs(clean_text("\n\n".join(story), TITLE)) == story
    # A short line about jobs, with no sentence to it, is still junk.
    c = clean_text("\n\n".join([*STORY, "Jobs in the region"]), TITLE)
    assert paragraphs(c) == STORY


def test_ingredient_list_is_not_a_link_list() -> None:
    intro = (
        "The harbour café bakes its famous lighthouse cake every Sunday, and the owner shared the "
        "recipe with us after the council vote."
    )
    ingredients = ["200 g flour", "2 tbsp honey", "1/2 cup milk", "3 eggs, beaten"]
    method = (
        "Mix everything in a large bowl, pour it into a tall tin and bake it for forty minutes until "
        "the top is golden."
    )
    story = [intro, *ingredients, method]
    assert paragraphs(clean_text("\n".join(story), "A cake for the lighthouse")) == story


def test_link_with_its_title_twice_over_is_dropped() -> None:
    doubled = [
        "Ferry timetable changes for the winter Ferry timetable changes for the winter",
        "2. Fish market moves to the old customs house Fish market moves to the old customs house",
    ]
    c = clean_text("\n\n".join([*STORY[:4], doubled[0], *STORY[4:], doubled[1]]), TITLE)
    assert paragraphs(c) == STORY
    assert {r.reason for r in c.removed} == {"related-links"}


def test_story_sentence_about_copyright_is_kept_and_copyright_lines_dropped() -> None:
    sentence = (
        "The museum, which holds the copyright to the old lighthouse drawings, will let the builders "
        "use them for free, its director said."
    )
    story = [*STORY[:2], sentence, *STORY[2:]]
    credits = ["Image copyright Marrowby Archive", "Copyright 2026 Marrowby Gazette"]
    c = clean_text("\n\n".join([*story[:4], credits[0], *story[4:], credits[1]]), TITLE)
    assert paragraphs(c) == story


@pytest.mark.parametrize(
    "notice",
    [
        "Please enable JavaScript to view the comments.",
        "This gallery requires JavaScript.",
        "Bitte aktivieren Sie JavaScript, um die Karte zu sehen.",
        "Follow us on Twitter",
        "Follow Ilse Tanner on Instagram and Facebook.",
        "Image caption The old lighthouse keeper waves from the harbour wall",
        "This page may contain affiliate and/or referral links.",
    ],
)
def test_script_notices_follow_prompts_and_caption_labels_are_dropped(notice: str) -> None:
    c = clean_text("\n\n".join([*STORY[:4], notice, *STORY[4:]]), TITLE)
    assert paragraphs(c) == STORY


def test_story_sentence_about_following_on_social_media_is_kept() -> None:
    sentence = "More than ten thousand people follow the lighthouse keeper on Instagram, the mayor said."
    story = [*STORY[:4], sentence, *STORY[4:]]
    assert paragraphs(clean_text("\n\n".join(story), TITLE)) == story


def test_ingredient_list_with_headers_and_spelled_out_measures_is_kept() -> None:
    intro = (
        "The harbour café bakes its famous lighthouse cake every Sunday, and the owner shared the "
        "recipe with us after the council vote."
    )
    block = [
        "Ingredients",
        "* 300 grams flour",
        "* 2 tablespoons honey",
        "* 4 large eggs",
        "* 1 litre milk",
        "* Butter",
        "Method",
    ]
    method = (
        "Mix everything in a large bowl, pour it into a tall tin and bake it for forty minutes until "
        "the top is golden."
    )
    story = [intro, *block, method]
    assert paragraphs(clean_text("\n".join(story), "A cake for the lighthouse")) == story


def test_caption_run_into_its_credit_is_dropped() -> None:
    caption = "The new harbour master was sworn in on Monday. Credit Jonas Berg/Associated Press"
    kept = "She said the credit for the new tower belonged to the volunteers who raised the money/time."
    c = clean_text("\n\n".join([*STORY[:3], caption, *STORY[3:], kept]), TITLE)
    assert paragraphs(c) == [*STORY, kept]


def test_a_sites_sharing_and_copyright_policy_notice_is_dropped() -> None:
    notice = (
        "Quality journalism costs money. Please share this article using the link below, do not copy "
        "the text. See our terms and Copyright Policy for more detail."
    )
    c = clean_text("\n\n".join([*STORY[:4], notice, *STORY[4:]]), TITLE)
    assert paragraphs(c) == STORY


def test_a_paragraph_printed_twice_is_kept_once() -> None:
    doubled = (
        "According to reporters at the scene, fishermen cheered as the first boats went out before dawn."
    )
    raw = (
        "Harbour reopens after storm\n\n"
        "The harbour of Lenor reopened on Monday after a week of repairs to the outer wall, it said.\n\n"
        f"{doubled}\n\n"
        "The mayor said the repairs had cost less than expected and thanked the crews.\n\n"
        f"{doubled}\n\n"
        "Traders expect a busy weekend at the fish market."
    )
    cleaned = clean_text(raw, "Harbour reopens after storm")
    assert cleaned.text.count(doubled) == 1
    assert "Traders expect a busy weekend" in cleaned.text and "The mayor said" in cleaned.text
    assert [r.reason for r in cleaned.removed] == ["repeated-headline", "repeated-line"]
    # The copy kept is the first: the later one is what is removed.
    assert raw.index(doubled) < raw.find(doubled, raw.index(doubled) + 1) == cleaned.removed[1].start
