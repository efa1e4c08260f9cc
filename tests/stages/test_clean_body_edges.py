"""The cleaner at the edges of the body: what the densest run of prose takes in before the headline.
All text is made up."""

import pytest

from storyscope.stages.clean import clean_text

TITLE = "Ferry service to Tarsk island resumes after winter repairs"
STORY = [
    "The ferry between Orrinford and Tarsk island sailed again on Monday, four months after a storm "
    "damaged the pier at the island's only harbour.",
    "Island residents had relied on a weekly supply boat since November, and the council said the "
    "repairs had cost more than twice the first estimate.",
    '"We were cut off for most of the winter," said Hedda Voss, who runs the harbour shop. "The first '
    'crossing felt like a holiday."',
    "The ferry will run three times a day until September, then twice a day through the winter.",
]
# Other stories' headlines in a bulleted box above the headline; one ends with an ellipsis, so it reads
# as a short sentence and weighs a little, which let the headline's bonus carry the box into the body.
HEADLINES = [
    "* And the award for best harbour could go to...",
    "* Why the mayor skipped the bridge opening ceremony",
    "* Bakery chain to close its last three shops in the valley",
    "* Storm warning issued for the northern coast this weekend",
    "* Local choir wins regional contest for the second time",
    "* School board delays vote on new bus routes again",
]


def test_a_headline_box_before_the_headline_is_not_the_story() -> None:
    menu = ["Home", "News", "Sport", "Weather"]
    box = ["    " + h for h in HEADLINES]
    raw = "\n".join([*menu, *box, TITLE, "By Jo Lind", "2 hours ago", *STORY])
    out = clean_text(raw, TITLE).text
    assert out.split("\n\n") == STORY


def test_prose_before_the_headline_keeps_the_run_as_it_was() -> None:
    # A standfirst paragraph printed above the headline is prose: the run still opens with it.
    standfirst = (
        "After a winter without a regular crossing, islanders can reach the mainland three times a day "
        "again, the council said."
    )
    raw = "\n".join(["Home", "News", standfirst, TITLE, "By Jo Lind", *STORY])
    out = clean_text(raw, TITLE).text
    assert out.split("\n\n") == [standfirst, *STORY]


# --- page furniture around the story, written as sentences or short lines ---------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        # A sign-up form's privacy promise.
        "Tarsk News respects your privacy. We will not sell or give away your e-mail address.",
        "No spam, we promise. You can leave at any time and we'll never share your details.",
        "We hate spam too: one letter a week, nothing else.",
        # Affiliate programme disclosures.
        "We are a participant in the Example Stores Associates Program, an affiliate advertising program "
        "designed to provide a means for us to earn fees by linking to example stores.",
        "As an Amazon Associate I earn from qualifying purchases.",
        # A recipe card's prompt, rating and nutrition note.
        "Tried this recipe? Mention @tarskkitchen or tag #tarskkitchen!",
        "4.8 from 12 votes",
        "*Percent Daily Values are based on a 2,000 calorie diet.",
        # A video's caption label.
        "Media caption Footage of the first crossing since November",
    ],
)
def test_sign_up_affiliate_recipe_card_and_media_caption_furniture_is_dropped(furniture: str) -> None:
    raw = "\n\n".join([*STORY[:2], furniture, *STORY[2:]])
    assert clean_text(raw, TITLE).text.split("\n\n") == STORY


def test_story_sentences_near_the_furniture_words_are_kept() -> None:
    story = [
        *STORY[:2],
        "The harbour master said the port would not share details of the repair contract, and that the "
        "island's only shop had tried three suppliers since November.",
        "Islanders said they would never sell their boats, even after a winter like this one.",
        "A hot meal at the harbour café is about 2,000 calories, its owner joked.",
        *STORY[2:],
    ]
    assert clean_text("\n\n".join(story), TITLE).text.split("\n\n") == story


@pytest.mark.parametrize(
    "message",
    [
        "Thanks for subscribing! Look out for our first letter on Friday.",
        "This e-mail address is already registered.",
        "You are now subscribed.",
        "Ihre Anmeldung war erfolgreich!",
        "Sie haben eine E-Mail zum Double-Opt-In-Verfahren erhalten. Vielen Dank für Ihr Interesse!",
        "Ich willige darin ein, dass mir der Verein regelmäßig Informationen über seine Arbeit schickt.",
    ],
)
def test_sign_up_form_messages_are_dropped(message: str) -> None:
    raw = "\n\n".join([*STORY, message])
    assert clean_text(raw, TITLE).text.split("\n\n") == STORY


# --- excerpts of other posts, each closed by a "Read more" link ---------------------------------------

TEASERS = [
    (
        "Harbour choir to sing at the lighthouse",
        "The Tarsk harbour choir will give its first open-air concert at the old lighthouse on Saturday, "
        "weather permitting, and all islanders are welcome to join in.",
    ),
    (
        "New bus timetable for the valley",
        "From April the valley bus will run every half hour on weekdays, the council said after a long "
        "consultation with villages along the route.",
    ),
    (
        "Bakery wins regional prize",
        "A family bakery in Orrinford has won the regional prize for its rye bread, the third time in "
        "five years that the prize has gone to the valley.",
    ),
]


def _with_teasers(link: str) -> str:
    teasers = [line for head, blurb in TEASERS for line in (head, blurb, link)]
    return "\n\n".join([TITLE, *STORY, *teasers, "Contact", "Imprint"])


@pytest.mark.parametrize("link", ["Read more", "READ THE REST", "Continue reading »", "Weiterlesen"])
def test_excerpts_closed_by_read_more_links_are_not_the_story(link: str) -> None:
    assert clean_text(_with_teasers(link), TITLE).text.split("\n\n") == STORY


def test_a_single_read_more_link_leaves_the_paragraph_above_it() -> None:
    # One link alone may open the rest of the story on a page that folds it: no list of teasers.
    story = [*STORY[:2], "Read more", *STORY[2:]]
    out = clean_text("\n\n".join([TITLE, *story]), TITLE).text.split("\n\n")
    assert out[:2] == STORY[:2] and out[-2:] == STORY[-2:]


# --- titles and excerpts cut off with an ellipsis -------------------------------------------------

CUT_OFF_BOX = [
    "Harbour choir to sing at the old lighthouse on Saturday, weather permit...",
    "New bus timetable for the valley: every half hour on weekdays from April, the council…",
    "Bakery in Orrinford wins the regional prize for its rye bread for the third...",
    "Storm warning issued for the northern coast and the islands this weekend as…",
]


def test_a_box_of_cut_off_titles_is_not_the_story() -> None:
    raw = "\n\n".join([TITLE, *STORY, "Latest", *CUT_OFF_BOX, "Contact"])
    assert clean_text(raw, TITLE).text.split("\n\n") == STORY


def test_a_story_sentence_trailing_off_is_kept() -> None:
    # One or two sentences that trail off are the writer's style, not a box of teasers.
    story = [
        *STORY[:2],
        '"We waited, and waited, and then we stopped counting the days..." said one islander.',
        *STORY[2:],
        "And the pier? Ready, the council says, for another hundred winters...",
    ]
    assert clean_text("\n\n".join([TITLE, *story]), TITLE).text.split("\n\n") == story


# --- disclaimers, notification prompts and German bios --------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        "Opinions expressed by Tarsk Post contributors are their own.",
        "The views expressed in this column are solely those of the author.",
        "Dieser Beitrag gibt die Meinung des Autors wieder, nicht die der Redaktion.",
        "Allow notifications to get the island's news first.",
        "Benachrichtigungen aktivieren: Wir informieren Sie über die wichtigsten Nachrichten.",
    ],
)
def test_views_disclaimers_and_notification_prompts_are_dropped(note: str) -> None:
    raw = "\n\n".join([*STORY[:2], note, *STORY[2:]])
    assert clean_text(raw, TITLE).text.split("\n\n") == STORY


GESCHICHTE = [
    "Die Fähre zwischen Orrinford und der Insel Tarsk ist am Montag wieder gefahren, vier Monate nach "
    "einem Sturm, der den Anleger im einzigen Hafen der Insel beschädigt hatte.",
    "Die Bewohner der Insel waren seit November auf ein wöchentliches Versorgungsboot angewiesen, und die "
    "Reparatur kostete mehr als doppelt so viel wie zunächst geschätzt.",
    "Die Fähre soll bis September dreimal täglich fahren, danach im Winter zweimal am Tag.",
]


@pytest.mark.parametrize(
    "bio",
    [
        "Sara Lind ist Redakteurin im Team Inseln und Küste. Sie schreibt seit 2015 über die Fähren.",
        "Jo Roe leitet das Ressort Küste bei der Tarsker Zeitung und war zuvor Korrespondent in Oslo.",
    ],
)
def test_a_german_writer_bio_at_the_end_is_dropped(bio: str) -> None:
    raw = "\n\n".join([*GESCHICHTE, bio])
    assert clean_text(raw, "Fähre nach Tarsk fährt wieder").text.split("\n\n") == GESCHICHTE


def test_a_german_story_sentence_about_an_editor_inside_the_story_is_kept() -> None:
    story = [
        GESCHICHTE[0],
        "Hanna Voss ist Redakteurin der Inselzeitung und hat den Winter auf Tarsk verbracht; sie sagt, "
        "die Versorgung sei oft knapp gewesen.",
        *GESCHICHTE[1:],
    ]
    assert clean_text("\n\n".join(story), "Fähre nach Tarsk fährt wieder").text.split("\n\n") == story


@pytest.mark.parametrize(
    "prompt",
    [
        "Share this article on social media.",
        "Teile diesen Beitrag auf Social Media.",
        "Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen.",
        "Wir respektieren deine Privatsphäre und laden den Beitrag erst nach deiner Zustimmung.",
    ],
)
def test_share_and_sign_up_prompts_in_sentences_are_dropped(prompt: str) -> None:
    raw = "\n\n".join([*STORY[:2], prompt, *STORY[2:]])
    assert clean_text(raw, TITLE).text.split("\n\n") == STORY


@pytest.mark.parametrize(
    "intro",
    [
        "Hi there! I'm Ada. I write about island life and the ferries that keep it going.",
        "Hallo, ich bin Jo, und auf diesem Blog schreibe ich über Inseln und ihre Fähren.",
    ],
)
def test_the_blogger_introducing_themselves_after_the_story_is_dropped(intro: str) -> None:
    raw = "\n\n".join([*STORY, intro])
    assert clean_text(raw, TITLE).text.split("\n\n") == STORY


def test_a_greeting_quoted_inside_the_story_is_kept() -> None:
    story = [
        *STORY[:2],
        '"Hi, I\'m the new harbour master," she told the first passengers off the ferry.',
        *STORY[2:],
    ]
    assert clean_text("\n\n".join(story), TITLE).text.split("\n\n") == story


def test_teaser_cards_with_long_or_question_headlines_are_still_cards() -> None:
    # Bulleted link titles of twelve words, or ending in a question mark, are headlines: read as a
    # blurb, they broke the cards' shared layout and the grid (more prose than the story) was kept.
    cards = [
        ("+ New bakery in Orrinford wins the regional prize for rye bread", "Ada Roe"),
        ("+ Why the island ferry timetable changes again this spring, and what it means for you", "Ada Roe"),
        ("+ What made the harbour choir so popular?", "Jo Lind"),
        ("+ Council delays its vote on the new bus routes for another month", "Sam Voss"),
    ]
    blurbs = [
        "The family bakery won the prize for the third time in five years, and its owners say they will "
        "keep the recipe that their grandfather brought to the valley in 1952.",
        "The ferry company has changed its spring timetable for the third year running, and islanders who "
        "work on the mainland say they can no longer plan their weeks around it.",
        "Forty singers, one old lighthouse and a summer of open-air concerts: the choir has never been "
        "busier, and its director says the secret is simply that everyone is welcome.",
        "Councillors asked for more time to study the routes after villages along the valley road "
        "complained that their morning buses would be cut from four to two.",
    ]
    lines = []
    for (head, author), blurb in zip(cards, blurbs, strict=True):
        lines += ["      " + head, "          " + author, "          Nov 19, 2019", "        " + blurb]
    raw = "\n".join([TITLE, *("  " + s for s in STORY), *lines])
    assert clean_text(raw, TITLE).text.split("\n\n") == STORY


def test_a_writer_who_trails_off_keeps_every_paragraph() -> None:
    # Short paragraphs trailing off between ordinary ones, a quotation trailing off inside its marks,
    # and verse lines opening with a dash are the story's, however many of them there are.
    story = [
        "The harbour master has seen many winters on the island, but none like this one…",
        "The storm came at night and took the pier with it…",
        "By morning the supply boat could not land, and the island's only shop began to ration bread.",
        "Some islanders left for the mainland, others stayed…",
        "Nobody knew how long it would last…",
        "Nobody asked the council either…",
        "«We will rebuild it before spring, whatever it costs…»",
        "«And if the money runs out, we will build it with our own hands…»",
        "«The pier is the island…»",
        "—A ferry and a bell...",
        "—Open the harbour!",
        "—A storm and a swell...",
        "—Close the harbour!",
        "—A gull and a shell...",
        "The ferry sailed again on Monday, four months after the storm, with the harbour master on board.",
    ]
    assert clean_text("\n\n".join([TITLE, *story]), TITLE).text.split("\n\n") == story
