from __future__ import annotations

from storyscope.compare.headline import story_title
from storyscope.models import Article


def _article(id: str, title: str, text: str, duplicate_of: str | None = None) -> Article:
    return Article(id=id, raw=text, origin=f"{id}.txt", title=title, text=text, duplicate_of=duplicate_of)


EARLY = _article(
    "early",
    "Mayor to visit Brenholt next week",
    "The mayor of Oskaville will travel to Brenholt next week, her office said on Friday.",
)
FERRY = _article(
    "ferry",
    "Oskaville and Brenholt sign ferry deal after mayors meet",
    "The mayors of Oskaville and Brenholt signed a ferry deal on Tuesday after talks in Brenholt, "
    "restoring a crossing closed since the storm.",
)
TALKS = _article(
    "talks",
    "Ferry crossing to reopen",
    "Oskaville and Brenholt agreed on Tuesday to reopen their ferry crossing. The mayors signed the deal "
    "in Brenholt after two hours of talks.",
)


def test_the_headline_the_other_outlets_echo_is_the_title() -> None:
    # The early, partial report opened the story; the deal's headline is what every outlet reports.
    assert story_title([EARLY, FERRY, TALKS], "fallback") == FERRY.title


def test_a_question_or_a_label_is_not_the_title() -> None:
    question = _article(
        "q",
        "What did Oskaville and Brenholt sign in their ferry deal?",
        "The mayors of Oskaville and Brenholt signed a ferry deal on Tuesday in Brenholt.",
    )
    statement = _article(
        "s",
        "Oskaville and Brenholt sign ferry deal",
        "Oskaville and Brenholt signed a ferry deal on Tuesday, their mayors said.",
    )
    label = _article("label", "News", "Oskaville and Brenholt signed a ferry deal on Tuesday.")
    assert story_title([question, label, statement], "fallback") == statement.title
    assert story_title([label], "Stored title") == "Stored title"


def test_a_copy_does_not_vote_for_its_original() -> None:
    # Two copies of the early report would outvote the deal's headline if they counted twice.
    copy = _article("copy", "Mayor will visit Brenholt next week", EARLY.text, duplicate_of="early")
    other = _article(
        "other",
        "Oskaville mayor's Brenholt visit next week",
        "Oskaville's mayor will visit Brenholt next week for ferry talks, her office said.",
    )
    titles = [story_title(arts, "fallback") for arts in ([EARLY, copy, other], [EARLY, other])]
    assert titles[0] == titles[1]


def test_one_article_keeps_its_headline() -> None:
    assert story_title([EARLY], "fallback") == EARLY.title
