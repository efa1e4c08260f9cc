"""The source page's text: raw input in pieces, removed junk and cited spans mapped back to raw."""

from __future__ import annotations

from storyscope.models import Article, Briefing, OffsetMap, Removed, Segment, Span, SummarySentence
from storyscope.pipeline import prepare
from storyscope.web.sourcetext import source_text

RAW = (
    "Tram line opens in Kelby\n\n"
    "Read more: Kelby budget approved\n\n"
    "The new tram line in Kelby carried its first passengers on Saturday, two years after work began.\n\n"
    "Photo: A tram at the depot. (Kelby Times)\n\n"
    "The city said trams will run every ten minutes on weekdays and every fifteen minutes on Sundays.\n\n"
    "Mayor Ada Lusk rode the first tram and told passengers that the line would reach the airport by 2033.\n"
)


def _article() -> Article:
    a = Article(id="kelby-tram", raw=RAW, origin="kelby-tram.txt", title="Tram line opens in Kelby")
    return prepare(a)


def test_pieces_cover_the_raw_text_and_mark_removed_and_cited_runs() -> None:
    a = _article()
    assert "Read more" not in a.text and a.removed
    first = "The new tram line in Kelby carried its first passengers on Saturday, two years after work began."
    second = (
        "The city said trams will run every ten minutes on weekdays and every fifteen minutes on Sundays."
    )
    s1, s2 = a.text.index(first), a.text.index(second)
    b = Briefing(
        id="s",
        title="t",
        sources=[a],
        summary=[SummarySentence(first, [a.id], [Span(a.id, s1, s1 + len(first))])],
        quotes=[{"source": a.id, "start": s2, "end": s2 + len(second), "text": second, "variants": []}],
        claims=[{"text": "x", "sources": [a.id], "spans": [{"source": "other", "start": 0, "end": 5}]}],
    )
    st = source_text(a, b)
    assert "".join(p.text for p in st.pieces) == RAW
    removed = "".join(p.text for p in st.pieces if p.removed)
    assert "Read more: Kelby budget approved" in removed and "Photo: A tram at the depot." in removed
    assert first not in removed and second not in removed
    assert [p.text for p in st.pieces if p.kinds == ("summary",)] == [first]
    assert [p.text for p in st.pieces if p.kinds == ("quote",)] == [second]
    assert st.removed_chars == sum(r.end - r.start for r in a.removed)
    assert dict(st.highlights) == {"summary": 1, "quote": 1}, "spans of other sources are ignored"


def test_a_span_ending_on_a_run_boundary_does_not_swallow_the_junk_after_it() -> None:
    # Cleaned "AB" + "CD" come from raw "AB" + "[junk]" + "CD": the cited "AB" ends where run 2 starts.
    raw = "AB[junk]CD"
    a = Article(
        id="x",
        raw=raw,
        origin="x",
        text="ABCD",
        offset_map=OffsetMap([Segment(0, 0, 2), Segment(2, 8, 2)]),
        removed=[Removed(2, 8, "debris")],
    )
    b = Briefing(id="s", title="t", sources=[a], summary=[SummarySentence("AB", ["x"], [Span("x", 0, 2)])])
    pieces = [(p.text, p.removed, p.kinds) for p in source_text(a, b).pieces]
    assert pieces == [("AB", None, ("summary",)), ("[junk]", "debris", ()), ("CD", None, ())]


def test_overlapping_highlights_are_split_into_runs_with_every_kind() -> None:
    a = Article(id="x", raw="one two three", origin="x", text="one two three")
    b = Briefing(
        id="s",
        title="t",
        sources=[a],
        summary=[SummarySentence("", ["x"], [Span("x", 0, 7)])],
        entities=[{"name": "two", "mentions": [{"source": "x", "start": 4, "end": 13}]}],
    )
    pieces = [(p.text, p.kinds) for p in source_text(a, b).pieces]
    assert pieces == [("one ", ("summary",)), ("two", ("summary", "entity")), (" three", ("entity",))]
    assert [(p.text, p.kinds) for p in source_text(a, None).pieces] == [("one two three", ())]
