from hypothesis import given
from hypothesis import strategies as st

from storyscope.stages.sentences import split_sentences


def texts(t: str) -> list[str]:
    return [s.text for s in split_sentences(t)]


def test_abbreviations_and_initials_do_not_split() -> None:
    t = "Mr. Novak met Gov. Ortiz in the U.S. capital on Jan. 5. J. Marsh was there too."
    assert texts(t) == ["Mr. Novak met Gov. Ortiz in the U.S. capital on Jan. 5.", "J. Marsh was there too."]


def test_quotes_close_after_stop() -> None:
    t = '"We will not sign," she said. "Not this year." The talks ended.'
    assert texts(t) == ['"We will not sign," she said.', '"Not this year."', "The talks ended."]


def test_paragraph_break_always_ends_a_sentence() -> None:
    out = split_sentences("A subhead without a stop\n\nThe body starts here. And goes on")
    assert [s.text for s in out] == ["A subhead without a stop", "The body starts here.", "And goes on"]
    assert [s.paragraph for s in out] == [0, 1, 1]


def test_lowercase_continuation_is_not_a_boundary() -> None:
    assert texts("Prices rose 3.5 percent. vs. last year it was less.") == [
        "Prices rose 3.5 percent. vs. last year it was less."
    ]


@given(st.text(alphabet="ab .!?\n\"'”A", max_size=200))
def test_offsets_always_match(text: str) -> None:
    prev_end = 0
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= prev_end
        prev_end = s.end
