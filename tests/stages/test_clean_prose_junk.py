"""The cleaner on junk written as prose: newsletter and paywall prompts, the writer's bio, captions in
sentence form, legal notes, comment rules, dated bylines and share bars spelled out. All text is made up."""

import pytest

from storyscope.stages.clean import clean_text

TITLE = "Valley town opens its first night market"
STORY = [
    "The town of Orrinford opened its first night market on Friday, with forty stalls lining the old "
    "canal path from the bridge to the mill.",
    "Organisers said more than three thousand people came in the first four hours.",
    "It rained once.",
    "The market will run every Friday until the end of October, the town council said in a statement, "
    "and may return in the spring if the traders want it.",
    "Stallholders and neighbours",
    "Some residents of the canal path had asked for an earlier closing time, and the council agreed to "
    "end the music at ten.",
    '"We wanted something for the evenings that was not a pub," said the market manager, Hedda Voss.',
]


def paragraphs(raw: str, title: str = TITLE) -> list[str]:
    text = clean_text(raw, title).text
    return text.split("\n\n") if text else []


def with_junk_inside(junk: str) -> str:
    return "\n\n".join([*STORY[:4], junk, *STORY[4:]])


def with_junk_after(*junk: str) -> str:
    return "\n\n".join([*STORY, *junk])


@pytest.mark.parametrize(
    "prompt",
    [
        "Let our news meet your inbox. The stories that matter, delivered weekday mornings.",
        "Get breaking news alerts and special reports from the valley.",
        "Short on time? Receive a daily list of must-read stories from Orrinford.",
        "Never miss a story: sign up for our free weekly newsletter about the valley.",
        "You have 2 free articles left this month.",
        "To read the full story, please subscribe to the Valley Courier.",
        "Subscribe now to continue reading this article and everything else we publish.",
        "Our newsroom relies on reader support to keep local news free for everyone.",
        "If you click on one of these links and buy something, we may receive a small commission.",
        "You are using an old browser. For the best experience, please update to a modern browser.",
        "An email with an activation link has just been sent. Please activate your subscription.",
        "Do you read the Courier every week? Click here to support it.",
        "GET THE COURIER APP BY CLICKING HERE",
        "Every day we send an email with the top stories from the valley.",
        "Follow the Valley Courier Opinion section on Facebook and Instagram.",
        "Learn more about our newsroom",
        "Interested in learning more about night markets?",
        "Like this:",
        "Share or comment on this article:",
    ],
)
def test_newsletter_paywall_support_and_browser_prompts_are_dropped(prompt: str) -> None:
    assert paragraphs(with_junk_inside(prompt)) == STORY


def test_story_sentences_near_the_prompt_words_are_kept() -> None:
    story = [
        *STORY[:4],
        "The organisers said they rely on volunteers, and that stallholders may receive a share of "
        "each meal sold through the shared kitchen.",
        "Hedda Voss said she would never miss a Friday, even in the rain.",
        *STORY[4:],
    ]
    assert paragraphs("\n\n".join(story)) == story


@pytest.mark.parametrize(
    "legal",
    [
        "Quotes delayed at least 15 minutes. Market data provided by Example Data Services.",
        "Harbourphone and Harbourpad are registered trademarks of Harbour Devices Ltd.",
        "This copy is for your personal, non-commercial use only.",
        "These statements have not been evaluated by the Food and Drug Administration.",
        "Our Standards: The Valley Courier Trust Principles.",
    ],
)
def test_legal_notes_of_the_site_are_dropped(legal: str) -> None:
    assert paragraphs(with_junk_after(legal)) == STORY


@pytest.mark.parametrize(
    "rule",
    [
        "As you comment, please be respectful of other readers and stay on topic.",
        "When posting, follow our community guidelines and avoid profanity or personal attacks. We "
        "reserve the right to remove any comment.",
        "Note: we are moderating all comments for a few days because of spam.",
        "View the discussion thread.",
        "Tell us what you think about the new market.",
    ],
)
def test_comment_rules_and_prompts_are_dropped(rule: str) -> None:
    assert paragraphs(with_junk_after(rule)) == STORY


@pytest.mark.parametrize(
    "caption",
    [
        "Market manager Hedda Voss, left, and a stallholder set up a tent on the canal path, Friday, "
        "Sept. 4, 2026, in Orrinford.",
        "Lanterns hang over the old mill (background) as the first visitors arrive.",
    ],
)
def test_captions_written_as_sentences_are_dropped(caption: str) -> None:
    assert paragraphs(with_junk_inside(caption)) == STORY


def test_story_sentences_with_left_and_a_date_are_kept() -> None:
    story = [
        *STORY[:4],
        "Three stallholders left early, and the council will review the rules on Friday, after the "
        "second market.",
        "The council first discussed the market on Sept. 4, 2026, according to the minutes.",
        *STORY[4:],
    ]
    assert paragraphs("\n\n".join(story)) == story


@pytest.mark.parametrize(
    "byline",
    [
        "By Ada Lindqvist on Monday, September 7th, 2026 at 11:04 a.m.",
        "PUBLISHED: 10:48, Fri, Sep 4, 2026 | UPDATED: 11:05, Fri, Sep 4, 2026",
        "Published: Sept. 4, 2026, 6:18 p.m. Updated: Sept. 4, 2026, 7:10 p.m.",
    ],
)
def test_dated_bylines_are_dropped(byline: str) -> None:
    assert paragraphs("\n\n".join([byline, *STORY])) == STORY


def test_a_story_sentence_opening_with_by_and_a_date_is_kept() -> None:
    sentence = "By September 4, 2026, the market had already drawn more visitors than the summer fair."
    story = [sentence, *STORY]
    assert paragraphs("\n\n".join(story)) == story


@pytest.mark.parametrize(
    "bio",
    [
        "Ada Lindqvist is a staff writer at the Valley Courier covering local government.",
        "Ada Lindqvist (@adalind) is a freelance reporter based in Orrinford. Her work has appeared in "
        "several regional papers.",
        "Have a tip? Ada Lindqvist may be reached at the newsroom. Follow her on Twitter.",
        "Write to Ada Lindqvist at the Valley Courier newsroom.",
        "The Valley Courier is an independent, nonprofit newsroom serving the towns of the valley.",
    ],
)
def test_the_writers_bio_after_the_story_is_dropped(bio: str) -> None:
    assert paragraphs(with_junk_after(bio)) == STORY


def test_a_bio_shaped_sentence_inside_the_story_is_kept() -> None:
    sentence = (
        "One of the first visitors, Tomas Brekke, is a retired reporter for the Courier who has "
        "written about the canal for forty years."
    )
    lead = "Tomas Brekke is a retired reporter who wrote about the canal for forty years."
    story = [*STORY[:4], sentence, lead, *STORY[4:]]
    assert paragraphs("\n\n".join(story)) == story


def test_about_header_and_bio_end_the_story() -> None:
    teaser = (
        "The mill by the canal has been restored by volunteers over ten years, and it now houses a "
        "small museum of the town's trades and a café."
    )
    raw = with_junk_after(
        "About Ada Lindqvist",
        "Ada Lindqvist is a freelance writer based in Orrinford. Her work has appeared in many papers.",
        teaser,
    )
    assert paragraphs(raw) == STORY


@pytest.mark.parametrize(
    "bar",
    [
        "Share to LinkedIn LinkedIn Share to Facebook Facebook Share to Twitter Twitter Share to Email Email",
        "Tags Orrinford Night markets Canal path",
    ],
)
def test_spelled_out_share_bar_and_tag_line_are_dropped(bar: str) -> None:
    assert paragraphs(with_junk_after(bar)) == STORY


def test_follow_prompt_after_a_sentence_is_dropped_but_following_someone_is_a_story() -> None:
    kept = "Hundreds of people follow her on Instagram, where she posts the stall list every week."
    story = [*STORY[:4], kept, *STORY[4:]]
    raw = "\n\n".join([*story, "Thanks for reading. Follow us on Instagram for the stall list."])
    assert paragraphs(raw) == story
