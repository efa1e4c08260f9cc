"""Direct quotes: quotations found from their marks, joined when split around their attribution,
and told apart from titles and scare quotes."""

from __future__ import annotations

from typing import Any

from builders import one_quote


def test_direct_quote_with_attribution_after(quotes_of: Any) -> None:
    qs = quotes_of("“The harbour will reopen next week,” port director Mira Solberg said on Monday.")
    q = one_quote(qs, "harbour will reopen")
    assert q["kind"] == "direct" and q["verb"] == "say" and q["who"] == "Mira Solberg"
    assert q["text"] == "The harbour will reopen next week,"


def test_direct_quote_with_inverted_attribution(quotes_of: Any) -> None:
    qs = quotes_of('"We expect the first ships by Friday," said Mira Solberg, the port director.')
    q = one_quote(qs, "first ships")
    assert q["who"] == "Mira Solberg" and q["kind"] == "direct"


def test_direct_quote_introduced_with_colon(quotes_of: Any) -> None:
    qs = quotes_of("Jonas Berglund told the council: «The budget is balanced for the first time in years.»")
    q = one_quote(qs, "budget is balanced")
    assert q["who"] == "Jonas Berglund" and q["verb"] == "tell"


def test_german_quotation_marks(quotes_of: Any) -> None:
    qs = quotes_of("„We will not sign this treaty in its current form“, Karla Weidner said after the vote.")
    assert one_quote(qs, "not sign this treaty")["who"] == "Karla Weidner"


def test_quote_split_around_attribution_is_one_quote(quotes_of: Any) -> None:
    text = "“The bridge is safe,” engineer Rolf Anker said. “We checked every cable twice.”"
    qs = quotes_of(text)
    direct = [q for q in qs if q["kind"] == "direct"]
    assert len(direct) == 1
    q = direct[0]
    assert q["who"] == "Rolf Anker"
    assert len(q["spans"]) == 2 and q["text"] == "The bridge is safe, … We checked every cable twice."


def test_multi_paragraph_quote(quotes_of: Any) -> None:
    text = (
        "Mayor Hanna Krull spoke after the flood.\n\n"
        "“We lost three houses on the river road and the school gym.\n\n"
        "“But nobody was hurt, and that is what counts,” she said."
    )
    qs = quotes_of(text)
    q = one_quote(qs, "three houses")
    assert len(q["spans"]) == 2 and "nobody was hurt" in q["text"]
    assert q["who"] == "Hanna Krull"


def test_multi_paragraph_quote_in_single_marks(quotes_of: Any) -> None:
    text = (
        "Protester Nikos Arvan, 34, said: 'My shop closed in May. The new rules want to cut our hours.\n\n"
        "'So who is going to pay the rent? We will work for nothing.'\n\nThe vote is on Thursday."
    )
    qs = quotes_of(text)
    q = one_quote(qs, "My shop closed")
    assert q["kind"] == "direct" and len(q["spans"]) == 2 and "pay the rent" in q["text"]
    assert q["who"] == "Nikos Arvan"
    assert not any(x["who"] == "The new rules" for x in qs)


def test_partial_quote_as_its_own_quote(quotes_of: Any) -> None:
    text = "Tove Lund called the proposal “a gift to smugglers and nobody else” on Friday."
    q = one_quote(quotes_of(text), "gift to smugglers")
    assert q["kind"] == "direct" and q["who"] == "Tove Lund"


def test_scare_quotes_without_speaker_are_not_quotes(quotes_of: Any) -> None:
    qs = quotes_of("The so-called “smart” meters were installed in every flat last year.")
    assert not [q for q in qs if q["text"] == "smart"]


def test_short_fragments_in_quotes_are_not_quotes(quotes_of: Any) -> None:
    qs = quotes_of("Mayor Tomas Brekke called the plan “reckless” on Tuesday.")
    assert not [q for q in qs if q["kind"] == "direct"]


def test_mixed_straight_and_curly_marks(quotes_of: Any) -> None:
    qs = quotes_of(
        '"The bridge will stay closed until spring,” said Mira Solberg. '
        "“Nobody should drive across it before then,” she added."
    )
    q = one_quote(qs, "bridge will stay closed")
    assert q["who"] == "Mira Solberg" and "said Mira" not in q["text"]


def test_short_quote_with_its_own_attribution_is_a_statement(quotes_of: Any) -> None:
    qs = quotes_of('"Stop the car," she shouted at the guard. "He has no key. Leave him alone," she said.')
    assert any(q["text"].startswith("Stop the car") and q["kind"] == "direct" for q in qs)
    # A characterisation inside someone's sentence stays a partial, not a quote.
    qs = quotes_of('Mira Solberg called the plan "a real con" on Monday.')
    assert not any(q["kind"] == "direct" for q in qs)


def test_quote_split_around_the_verb_both_parts_governed(quotes_of: Any) -> None:
    qs = quotes_of(
        '"Every time you say that," Mira Solberg said, '
        '"you give ammunition to the people who want to close the port."'
    )
    q = one_quote(qs, "Every time")
    assert len(q["spans"]) == 2 and "you give ammunition" in q["text"] and q["who"] == "Mira Solberg"
    # A title in quotes after the verb is no second part.
    qs = quotes_of(
        "“The port is not for sale and never will be,” Mira Solberg said on Harbour Radio’s “Morning Show.”"
    )
    assert "Morning Show" not in one_quote(qs, "not for sale")["text"]


def test_titles_and_inch_marks_are_not_quotes(quotes_of: Any) -> None:
    qs = quotes_of('Mira Solberg appeared on "The Harbour Hour" and wrote "Why the Port Matters."')
    assert not any(q["kind"] == "direct" for q in qs)
    qs = quotes_of('The mayor is 6-foot-3" tall and weighs 90 kilos, the report says.')
    assert not any(q["kind"] == "direct" for q in qs)


def test_short_statement_in_doubled_single_marks(quotes_of: Any) -> None:
    qs = quotes_of("The harbour has one ferry left. ''That's our weakness,'' said Mira Solberg.")
    q = one_quote(qs, "our weakness")
    assert q["kind"] == "direct" and q["who"] == "Mira Solberg"


def test_quote_split_around_a_long_attribution_sentence_is_one_quote(quotes_of: Any) -> None:
    text = (
        "“The dam will hold,” said Ingrid Falk, who has inspected the reservoir for the county since "
        "the storms of last spring and before that ran the water board. "
        "“We check the spillway every morning.”"
    )
    direct = [q for q in quotes_of(text) if q["kind"] == "direct"]
    assert len(direct) == 1
    assert direct[0]["who"] == "Ingrid Falk" and len(direct[0]["spans"]) == 2
    assert "dam will hold" in direct[0]["text"] and "spillway" in direct[0]["text"]


def test_words_running_on_from_a_quotation_do_not_join_the_next_quote(quotes_of: Any) -> None:
    text = (
        "“You sold the ferry line to your friends” and then raised the fares twice, Ingrid Falk said, "
        "looking at the council members one by one. “We will not forget that.”"
    )
    qs = quotes_of(text)
    assert not any("ferry line" in q["text"] and "not forget" in q["text"] for q in qs)
