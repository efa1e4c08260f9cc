"""Quotes put together: a name inside what is said is not its speaker, and a quotation paragraph with no
attribution of its own goes on quoting the speaker before it."""

from __future__ import annotations

from typing import Any

from builders import one_quote


def test_a_name_inside_the_content_is_not_its_speaker(quotes_of: Any) -> None:
    qs = quotes_of("Guards who worked to defend the Tarsk Museum will testify on Tuesday.")
    for q in qs:
        sp = q["speaker"]
        assert sp is None or not (q["start"] <= sp["start"] < q["end"]), q
    # An attribution inside the content keeps its speaker ("…, according to the office, and …").
    qs = quotes_of(
        "The top fifth paid half of all taxes in 2029, according to the Tarsk Budget Office, and the rest "
        "paid the other half."
    )
    assert any(q["who"] == "the Tarsk Budget Office" or q["who"] == "Tarsk Budget Office" for q in qs), qs


def test_quotation_paragraph_continues_the_indirect_speaker_before_it(quotes_of: Any) -> None:
    qs = quotes_of(
        "The ferry company cut two routes this winter.\n\n"
        "Harbour director Mira Solberg said the town would lose its Sunday boat.\n\n"
        "“We have asked the ministry for help twice and heard nothing.”"
    )
    assert one_quote(qs, "asked the ministry")["who"] == "Mira Solberg"


def test_quotation_paragraph_after_unattributed_text_stays_unattributed(quotes_of: Any) -> None:
    qs = quotes_of(
        "Harbour director Mira Solberg said the town would lose its Sunday boat. The ferry company "
        "has cut two routes this winter.\n\n"
        "“We have asked the ministry for help twice and heard nothing.”"
    )
    assert one_quote(qs, "asked the ministry")["who"] is None


def test_a_quotation_closing_its_paragraph_after_a_report_goes_on_quoting_it(quotes_of: Any) -> None:
    report = "Her former business partner, Anton Varga, called her a master at closing hard deals. "
    quote = "“She never once gave up on a single one of them.”\nThe port opened in May."
    assert one_quote(quotes_of(report + quote), "never once gave up")["who"] == "Anton Varga"
    # A sentence of the writer's between them: nobody can tell.
    assert (
        one_quote(quotes_of(report + "The port opened in May. " + quote), "never once gave up")["speaker"]
        is None
    )
