"""Cues of quotations: the reporting verb that governs a quotation, stands beside it, or closes the
sentence before it."""

from __future__ import annotations

from typing import Any

from builders import one_quote


def test_a_sentence_after_a_quotation_that_reports_its_own_clause_does_not_attribute_it(
    quotes_of: Any,
) -> None:
    qs = quotes_of("“We will not sign it.” Anton Varga said that the treaty was dead.")
    assert one_quote(qs, "We will not sign it")["speaker"] is None
    assert one_quote(qs, "the treaty was dead")["who"] == "Anton Varga"
    qs = quotes_of(
        'Norway branded the ferry plan a "waste of public money and time." '
        'Sweden insisted that the ministry "stop its delays at once."'
    )
    assert one_quote(qs, "waste of public money")["who"] == "Norway"
    assert one_quote(qs, "stop its delays")["who"] == "Sweden"


def test_a_verb_inside_another_quotation_is_not_a_cue(quotes_of: Any) -> None:
    qs = quotes_of(
        "“If he thinks that makes the port safe,” the harbour master says, “what does he think of us?”"
    )
    q = one_quote(qs, "makes the port safe")
    assert q["speaker"]["text"] == "the harbour master" and "think of us" in q["text"]


def test_quote_after_a_sentence_closing_in_its_attribution(quotes_of: Any) -> None:
    qs = quotes_of(
        "The ministry may wait until the talks are over, Jonas Berglund said. "
        '"The other question is whether the court rules first. I do not think it will."'
    )
    assert one_quote(qs, "other question")["who"] == "Jonas Berglund"
    qs = quotes_of(
        '"Nobody writes songs for the mayor. He has no band," Jonas Berglund said.\n\n'
        '"Right now the vote is against him. It is not for her."'
    )
    assert one_quote(qs, "Right now the vote")["who"] == "Jonas Berglund"


def test_quotation_as_the_object_of_a_stance_verb(quotes_of: Any) -> None:
    text = (
        "At the harbour on Friday, Mayor Lena Vos attacked “the reckless plans of the shipping board to "
        "close the northern pier for good.”"
    )
    q = one_quote(quotes_of(text), "reckless plans")
    assert q["kind"] == "direct" and q["verb"] == "attack" and q["who"] == "Lena Vos"


def test_as_somebody_put_it(quotes_of: Any) -> None:
    text = (
        "Lena Vos has run the harbour for ten years. As Vos put it in a letter to the council, the pier "
        "is “a danger to every child who fishes from it.”"
    )
    q = one_quote(quotes_of(text), "a danger to every child")
    assert q["kind"] == "direct" and q["verb"] == "put" and q["who"] == "Vos"


def test_a_text_reads_what_it_says(quotes_of: Any) -> None:
    text = "“We ask the council to keep the northern pier open all year,” the petition reads."
    q = one_quote(quotes_of(text), "keep the northern pier")
    assert q["verb"] == "read" and q["speaker"]["text"] == "the petition"
    # Reading is not saying: no indirect quote of a reader.
    assert not quotes_of("Lena Vos read that the pier would close in May.")


def test_quote_after_a_sentence_closing_in_a_long_inverted_attribution(quotes_of: Any) -> None:
    for mark_open, mark_close in (("“", "”"), ("''", "''")):
        text = (
            f"The new fares are {mark_open}a disgrace,{mark_close} said Jonas Berg, chairman of the "
            f"valley ferry users' association. {mark_open}Nobody asked the people who ride the boats "
            f"every day.{mark_close}"
        )
        q = one_quote(quotes_of(text), "Nobody asked")
        assert q["who"] == "Jonas Berg", mark_open


def test_according_to_before_a_quotation(quotes_of: Any) -> None:
    q = one_quote(
        quotes_of(
            "The debate was long. According to Lena Vos, “the pier will not survive another winter of storms "
            "on this coast.”"
        ),
        "pier will not survive",
    )
    assert q["kind"] == "direct" and q["who"] == "Lena Vos"
