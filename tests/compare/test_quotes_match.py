"""Matching one statement across outlets: variants, speaker agreement, representatives."""

from __future__ import annotations

import time
from typing import Any

import pytest

from builders import make_article
from storyscope.compare.entities import build_entities
from storyscope.compare.quotes import build_quotes, containment, sentence_model
from storyscope.models import Article


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    start = time.perf_counter()
    sentence_model()
    assert time.perf_counter() - start < 60


def _article(aid: str, quotes: list[tuple[str | None, str, str]]) -> tuple[Article, dict[str, Any]]:
    """An article whose text is its quotes, each after its speaker's name; (speaker, kind, text)."""
    text = ""
    mentions: list[dict[str, Any]] = []
    qs: list[dict[str, Any]] = []
    for speaker, kind, quote in quotes:
        sp = None
        if speaker is not None:
            start = len(text)
            mentions.append(
                {
                    "id": len(mentions),
                    "text": speaker,
                    "start": start,
                    "end": start + len(speaker),
                    "type": "person",
                    "kind": "name",
                    "role": None,
                    "resolved_to": None,
                    "sent": 0,
                }
            )
            sp = {"text": speaker, "start": start, "end": start + len(speaker), "mention": len(mentions) - 1}
            text += speaker + " said: "
        else:
            text += "It was said: "
        qstart = len(text)
        text += quote + "\n\n"
        qs.append(
            {
                "text": quote,
                "start": qstart,
                "end": qstart + len(quote),
                "kind": kind,
                "verb": "say",
                "speaker": sp,
                "spans": [[qstart, qstart + len(quote)]],
                "partials": [],
            }
        )
    return make_article(aid, text=text), {"mentions": mentions, "quotes": qs}


def _build(*arts: tuple[Article, dict[str, Any]]) -> list[dict[str, Any]]:
    articles = [a for a, _ in arts]
    ann = {a.id: x for a, x in arts}
    return build_quotes(articles, ann, build_entities(articles, ann))


STATEMENT = "Our survey shows that the northern lake has lost half of its fish in only three summers"


def test_same_statement_verbatim_partial_and_paraphrased_is_one_quote() -> None:
    quotes = _build(
        _article("a", [("Nora Vik", "direct", STATEMENT)]),
        _article(
            "b",
            [
                (
                    "Nora Vik",
                    "direct",
                    "Our study shows the northern lake lost half of its fish in just three summers",
                )
            ],
        ),
        _article("c", [("Vik", "indirect", "the northern lake has lost half of its fish")]),
    )
    assert len(quotes) == 1
    q = quotes[0]
    assert q["speaker"] == "Nora Vik" and q["sources"] == ["a", "b", "c"]
    assert [v["source"] for v in q["variants"]] == ["a", "b", "c"]
    # The representative is the longest direct version.
    assert q["text"] == STATEMENT and q["kind"] == "direct" and q["source"] == "a"


def test_different_speakers_never_merge() -> None:
    quotes = _build(
        _article("a", [("Nora Vik", "direct", STATEMENT)]),
        _article("b", [("Arne Dahl", "direct", STATEMENT)]),
    )
    assert len(quotes) == 2
    assert {q["speaker"] for q in quotes} == {"Nora Vik", "Arne Dahl"}


def test_unattributed_variant_joins_only_a_near_verbatim_twin() -> None:
    quotes = _build(
        _article("a", [("Nora Vik", "direct", STATEMENT)]),
        _article("b", [(None, "direct", STATEMENT)]),
        _article(
            "c", [(None, "direct", "Fishermen expect the lake to recover once the dam is opened next spring")]
        ),
    )
    merged = next(q for q in quotes if "a" in q["sources"])
    assert merged["sources"] == ["a", "b"] and merged["speaker"] == "Nora Vik"
    assert any(q["sources"] == ["c"] and q["speaker"] is None for q in quotes)


def test_two_statements_of_one_speaker_stay_apart() -> None:
    quotes = _build(
        _article(
            "a",
            [
                ("Nora Vik", "direct", STATEMENT),
                ("Nora Vik", "direct", "The ministry must fund a new water treatment plant before winter"),
            ],
        ),
        _article("b", [("Nora Vik", "indirect", "the lake has lost half of its fish in three summers")]),
    )
    assert len(quotes) == 2
    big = next(q for q in quotes if len(q["sources"]) == 2)
    assert "fish" in big["text"]


def test_one_variant_per_source() -> None:
    quotes = _build(
        _article(
            "a",
            [("Nora Vik", "direct", STATEMENT), ("Nora Vik", "indirect", "the lake lost half of its fish")],
        ),
        _article("b", [("Nora Vik", "direct", STATEMENT)]),
    )
    for q in quotes:
        sources = [v["source"] for v in q["variants"]]
        assert len(sources) == len(set(sources))


def test_containment_needs_enough_words() -> None:
    assert containment("fish", STATEMENT) == 0.0
    assert containment("the northern lake has lost half of its fish", STATEMENT) == 1.0


def test_no_quotes_no_output() -> None:
    art = make_article("a")
    assert build_quotes([art], {"a": {"mentions": [], "quotes": []}}, []) == []


def _one_quote_article(
    text: str, content: str, cue: dict[str, Any] | None, by: str | None = None
) -> tuple[Article, dict[str, Any]]:
    """One indirect quote of ``content``; ``by`` is the unnamed speaker's description in ``text``."""
    start = text.index(content)
    speaker = None if by is None else {"text": by, "start": text.index(by), "end": text.index(by) + len(by)}
    q = {
        "text": content,
        "start": start,
        "end": start + len(content),
        "kind": "indirect",
        "verb": "hail",
        "cue": cue,
        "speaker": speaker,
        "spans": [[start, start + len(content)]],
        "partials": [],
    }
    return make_article("a", text=text), {"mentions": [], "quotes": [q]}


def test_a_content_cut_inside_quotation_marks_is_widened_to_them() -> None:
    text = "The mayor hailed the new ferry as “a lifeline for the islands”.\n\nShe left."
    (q,) = _build(_one_quote_article(text, "the new ferry as “a lifeline for the islands", None))
    assert q["text"] == "the new ferry as “a lifeline for the islands”"
    assert text[q["start"] : q["end"]] == q["text"]
    # Punctuation inside the marks comes along; an opening mark left out is taken back in.
    text = "She insists that “reforms” now would hurt. She said it was “over by the day.”"
    (q,) = _build(_one_quote_article(text, "reforms” now would hurt", None))
    assert q["text"] == "“reforms” now would hurt"
    (q,) = _build(_one_quote_article(text, "it was “over by the day", None))
    assert q["text"] == "it was “over by the day.”"


def test_a_balanced_content_is_left_alone() -> None:
    text = "The mayor hailed the “lifeline” ferry. Then she left."
    (q,) = _build(_one_quote_article(text, "the “lifeline” ferry", None, by="The mayor"))
    assert q["text"] == "the “lifeline” ferry"


def test_the_reporting_word_is_kept_as_written() -> None:
    text = "The council has denied the harbour report. It met on Monday."
    cue = {"text": "denied", "start": text.index("denied"), "end": text.index("denied") + 6}
    (q,) = _build(_one_quote_article(text, "the harbour report", cue, by="The council"))
    assert q["cue"] == "has denied" and q["verb"] == "hail"
    assert q["variants"][0]["cue"] == "has denied"
    # The verb group comes with it: "did not deny" shown as "deny" would say the opposite.
    text = "The council did not deny the harbour report. It met on Monday."
    at = text.index("deny")
    (q,) = _build(
        _one_quote_article(
            text, "the harbour report", {"text": "deny", "start": at, "end": at + 4}, "The council"
        )
    )
    assert q["cue"] == "did not deny"
    text = "The council hasn't seen the harbour report. It met on Monday."
    at = text.index("seen")
    (q,) = _build(
        _one_quote_article(
            text, "the harbour report", {"text": "seen", "start": at, "end": at + 4}, "The council"
        )
    )
    assert q["cue"] == "hasn't seen"
    # An attempt or a refusal is part of it: "say" alone would report what was never said.
    text = "Unlike his rival, the mayor never tried to say the harbour report was wrong."
    at = text.index("say")
    (q,) = _build(
        _one_quote_article(text, "the harbour report was wrong", {"text": "say", "start": at, "end": at + 3})
    )
    assert q["cue"] == "never tried to say"
    # An aside between commas stays inside the group; "too early to" is no statement either.
    for sentence, content, verb, shown in (
        (
            "The mayor did not, however, offer a date for the harbour works.",
            "a date for the harbour works",
            "offer",
            "did not, however, offer",
        ),
        (
            "It is too early to say the harbour works will cost more.",
            "the harbour works will cost more",
            "say",
            "is too early to say",
        ),
        (
            "The mayor, however, said the harbour works would start soon.",
            "the harbour works would start soon",
            "said",
            "said",
        ),
    ):
        at = sentence.index(verb + " ")
        cue = {"text": verb, "start": at, "end": at + len(verb)}
        (q,) = _build(_one_quote_article(sentence, content, cue))
        assert q["cue"] == shown
    # Without a cue span the lemma stands in.
    (q,) = _build(_one_quote_article(text, "the harbour report was wrong", None))
    assert q["cue"] == "hail"


def test_according_to_is_one_lower_case_cue() -> None:
    text = "According to the council, the harbour will close. It met on Monday."
    art, ann = _one_quote_article(
        text, "the harbour will close", {"text": "According to", "start": 0, "end": 12}
    )
    ann["quotes"][0]["verb"] = "according to"
    (q,) = _build((art, ann))
    assert q["cue"] == "according to"


def test_a_quote_the_stage_marks_passive_is_nobody_s_statement() -> None:
    # "the sailors reported to be carrying …": the cue alone ("reported") does not show the passive.
    text = "Police detained two sailors reported to be carrying forged papers. They were freed."
    at = text.index("reported")
    art, ann = _one_quote_article(
        text, "to be carrying forged papers", {"text": "reported", "start": at, "end": at + 8}
    )
    assert len(_build((art, ann))) == 1
    ann["quotes"][0]["passive"] = True
    assert _build((art, ann)) == []


def test_a_passive_with_no_agent_is_nobody_s_statement() -> None:
    text = "The new toll is expected to cut traffic by a third. It starts in May."
    at = text.index("expected")
    art, ann = _one_quote_article(
        text, "to cut traffic by a third", {"text": "expected", "start": at, "end": at + 8}
    )
    assert _build((art, ann)) == []
    # Its subject is what is reported on, not who reports it.
    ann["quotes"][0]["speaker"] = {"text": "The new toll", "start": 0, "end": 12, "mention": None}
    assert _build((art, ann)) == []
    # With a "by" agent after the verb, the quote stays, described by its agent.
    text = "The new toll was announced by two council officials on Monday."
    at = text.index("announced")
    art, ann = _one_quote_article(text, "The new toll", {"text": "announced", "start": at, "end": at + 9})
    ann["quotes"][0]["speaker"] = {
        "text": "two council officials",
        "start": text.index("two"),
        "end": 0,
        "mention": None,
    }
    (q,) = _build((art, ann))
    assert q["speaker"] is None and q["speaker_text"] == "two council officials"
    # "is saying" is not a passive.
    text = "The mayor is saying the toll will cut traffic by a third."
    at = text.index("saying")
    art, ann = _one_quote_article(
        text, "the toll will cut traffic by a third", {"text": "saying", "start": at, "end": at + 6}
    )
    assert len(_build((art, ann))) == 1


def test_a_pronoun_describes_no_speaker() -> None:
    text = "They said the harbour will close. It met on Monday."
    art, ann = _one_quote_article(text, "the harbour will close", None)
    ann["quotes"][0]["speaker"] = {"text": "They", "start": 0, "end": 4, "mention": None}
    (q,) = _build((art, ann))
    assert q["speaker"] is None and q["speaker_text"] is None


def test_an_aim_is_not_a_statement() -> None:
    text = "The council wanted to close the harbour before winter. It met on Monday."
    art, ann = _one_quote_article(text, "to close the harbour before winter", None)
    ann["quotes"][0]["verb"] = "want"
    assert _build((art, ann)) == []
    # A refusal says nothing either.
    refusal = "The council declined to describe the harbour plan. It met on Monday."
    art, ann = _one_quote_article(refusal, "to describe the harbour plan", None)
    ann["quotes"][0]["verb"] = "decline"
    assert _build((art, ann)) == []
    # A promise is a statement: it stays.
    art, ann = _one_quote_article(text, "to close the harbour before winter", None)
    ann["quotes"][0]["verb"] = "promise"
    assert len(_build((art, ann))) == 1


def _dated(aid: str, published: str | None, quote: str) -> tuple[Article, dict[str, Any]]:
    article, ann = _article(aid, [("Nora Vik", "indirect", quote)])
    article.published = published
    return article, ann


PARAPHRASE = "the northern lake has seen half its fish vanish over three summers"


@pytest.mark.parametrize(
    ("first", "second", "statements"),
    [
        ("2026-05-04", "2026-05-05", 1),  # the same days: one statement in two wordings
        ("2026-05-04", "2026-06-10", 2),  # five weeks apart: she made the point again
        ("2026-05-04", None, 1),  # an undated report can carry the same statement
    ],
)
def test_a_paraphrase_weeks_later_is_a_second_statement(
    first: str, second: str | None, statements: int
) -> None:
    quotes = _build(_dated("a", first, STATEMENT), _dated("b", second, PARAPHRASE))
    assert len(quotes) == statements


def test_the_same_words_weeks_later_are_a_re_quote() -> None:
    quotes = _build(_dated("a", "2026-05-04", STATEMENT), _dated("b", "2026-06-10", STATEMENT))
    assert len(quotes) == 1 and quotes[0]["sources"] == ["a", "b"]


def test_a_question_is_not_a_statement() -> None:
    text = "Nora Vik did not say how many boats the harbour can hold. It met on Monday."
    art, ann = _one_quote_article(text, "how many boats the harbour can hold", None)
    assert _build((art, ann)) == []
    text = "Nora Vik asked whether the harbour would close. It met on Monday."
    art, ann = _one_quote_article(text, "whether the harbour would close", None)
    assert _build((art, ann)) == []


def test_a_condition_is_a_statement() -> None:
    text = "Nora Vik said if the harbour closes, the boats will move to Ostrel. It met on Monday."
    art, ann = _one_quote_article(text, "if the harbour closes, the boats will move to Ostrel", None)
    assert len(_build((art, ann))) == 1


def test_a_few_words_said_by_nobody_are_no_quote() -> None:
    text = "The new ferry is fast, and that excites us. It met on Monday."
    art, ann = _one_quote_article(text, "that excites us", None)
    assert _build((art, ann)) == []
    # Said by nobody but a full clause: kept (the reader can still weigh it).
    text = "It was reported that the harbour will close in May. It met on Monday."
    art, ann = _one_quote_article(text, "the harbour will close in May", None)
    assert len(_build((art, ann))) == 1


def test_three_shared_words_do_not_make_two_unattributed_statements_one() -> None:
    short = "they believed Ana Lind was in Ostrel"
    other = "she was believed to be a cousin of Ana Lind, who worked in a bakery"
    assert containment(short, other) == 0.0
    assert (
        containment(
            "the ferry will resume its night crossings", "the ferry will resume its night crossings soon"
        )
        == 1.0
    )


def _speaker_word_story(names: list[str]) -> tuple[Article, dict[str, Any]]:
    """An article naming ``names`` (people), then a quote said by the bare word "Oh", no mention."""
    text, mentions = "", []
    for name in names:
        mentions.append(
            {"id": len(mentions), "text": name, "start": len(text), "end": len(text) + len(name),
             "type": "person", "kind": "name", "role": None, "resolved_to": None, "sent": 0}
        )  # fmt: skip
        text += name + " spoke at the harbour. "
    content = "A proper mechanism should be put in place to stop one nation from having too much say"
    start = len(text) + 1
    text += f"“{content},” Oh said."
    by = text.rindex("Oh")
    q = {
        "text": content, "start": start, "end": start + len(content), "kind": "direct", "verb": "say",
        "speaker": {"text": "Oh", "start": by, "end": by + 2}, "spans": [[start, start + len(content)]],
        "partials": [],
    }  # fmt: skip
    return make_article("a", text=text), {"mentions": mentions, "quotes": [q]}


def test_a_bare_word_speaker_is_the_one_person_of_the_article_whose_name_holds_it() -> None:
    (q,) = _build(_speaker_word_story(["Oh Ei Tan", "Mira Lund"]))
    assert q["speaker"] == "Oh Ei Tan" and q["speaker_text"] is None
    # Two people whose names hold the word: nobody is guessed.
    (q,) = _build(_speaker_word_story(["Oh Ei Tan", "Oh Min Jae"]))
    assert q["speaker"] is None and q["speaker_text"] == "Oh"
