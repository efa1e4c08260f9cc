"""The renderer-neutral story view: timeline entries, the claim × source matrix, contradictions."""

from __future__ import annotations

import re

from render_builders import make_briefing, offsets

from storyscope.render.html import render_html
from storyscope.render.view import StoryView, date_label, with_subject


def test_date_labels_read_like_dates() -> None:
    assert date_label("2031-04-02") == "2 April 2031"
    assert date_label("2031-11") == "November 2031"
    assert date_label("2031") == "2031"
    assert date_label("2031-13") == "2031-13"
    assert date_label("soon") == "soon"


def test_timeline_spans_give_passages_and_scheduled_events_are_marked() -> None:
    b = make_briefing()
    g, w, _ = b.sources
    s, e = offsets(w, "Traffic resumed at noon")
    b.timeline = [
        {
            "date": "2031-04-01",
            "text": "Traffic resumes.",
            "sources": [w.id, g.id],
            "spans": [{"source": w.id, "start": s, "end": e}],
        },
        {"date": "2031-06", "text": "A second bridge opens.", "sources": [g.id], "scheduled": True},
        {"date": "2031-07", "text": "Council vote.", "sources": [g.id], "kind": "planned"},
        {"date": "", "text": "", "sources": [g.id]},
    ]
    t1, t2, t3 = StoryView(b).timeline()
    assert [(c.source, c.has_span) for c in t1.cites] == [(g.id, False), (w.id, True)]
    assert (t1.scheduled, t2.scheduled, t3.scheduled) == (False, True, True)
    html = render_html([b])
    (timeline,) = re.findall(r'<ol class="timeline">.*?</ol>', html, re.S)
    assert timeline.count('<li class="event scheduled">') == 2
    assert '<time datetime="2031-06">June 2031</time> <span class="badge">scheduled</span>' in timeline
    assert f'data-start="{s}" data-end="{e}"' in timeline


def test_claim_matrix_marks_stating_silent_and_contradicting_sources() -> None:
    b = make_briefing()
    g, w, p = b.sources
    s, e = offsets(g, "The repairs cost 12 million euros")
    b.claims = [
        # Matches the contradiction's side a (same source, overlapping span): the wire contradicts it.
        {
            "text": "The repairs cost 12 million euros.",
            "sources": [g.id],
            "status": "contested",
            "spans": [{"source": g.id, "start": s, "end": e}],
        },
        {"text": "The bridge has reopened.", "sources": [g.id, w.id], "status": "corroborated"},
        # A claim may name its contradicting sources itself.
        {
            "text": "Engineers replaced 40 cables.",
            "sources": [w.id],
            "status": "contested",
            "contradicted_by": [p.id],
        },
    ]
    m = StoryView(b).claim_matrix()
    assert [s.article.id for s in m.columns] == [g.id, w.id, p.id]
    states = [[c.state for c in row.cells] for row in m.rows]
    assert states == [
        ["states", "contradicts", "silent"],
        ["states", "states", "silent"],
        ["silent", "states", "contradicts"],
    ]
    first = m.rows[0].cells
    assert first[0].cite.has_span and (first[0].cite.start, first[0].cite.end) == (s, e)
    # The contradicting cell cites the other side's passage.
    ws, we = offsets(w, "14 million euros")
    assert (first[1].cite.source, first[1].cite.start, first[1].cite.end) == (w.id, ws, we)

    html = render_html([b])
    (table,) = re.findall(r'<table class="matrix">.*?</table>', html, re.S)
    assert table.count('<td class="cell cell-states">') == 4
    assert table.count('<td class="cell cell-contradicts">') == 2
    assert table.count('<td class="cell cell-silent">') == 3
    # Cells with a passage are buttons controlling a panel in the row below.
    assert table.count('class="cite cell-btn"') == 2
    assert table.count('<tr class="passage-row" hidden>') == 1
    assert '<th scope="col" class="src-col">' in table and '<th scope="row" class="claim">' in table


def test_short_side_text_does_not_match_a_claim_by_words_alone() -> None:
    b = make_briefing()
    g, w, _ = b.sources
    b.contradictions = [
        {"topic": "cost", "a": {"source": g.id, "text": "cost"}, "b": {"source": w.id, "text": "14"}}
    ]
    b.claims = [{"text": "The repairs cost 12 million euros.", "sources": [g.id], "status": "contested"}]
    (claim,) = StoryView(b).claims()
    assert claim.contradicted_by == []


def test_contradictions_show_rule_and_both_sides_next_to_each_other() -> None:
    b = make_briefing()
    b.contradictions[0]["why"] = "12 million against 14 million"
    (c,) = StoryView(b).contradictions()
    assert (c.rule, c.why) == ("number", "12 million against 14 million")
    html = render_html([b])
    (block,) = re.findall(r'<li class="contradiction">.*?</li>\n</ul>', html, re.S)
    assert "Rule: number (12 million against 14 million)" in block
    assert block.count('<div class="side">') == 2
    assert block.index("Eastwick Gazette") < block.index("Northern Wire")


def test_claims_one_source_alone_makes_are_listed_apart_from_the_matrix() -> None:
    b = make_briefing()
    g, w, _ = b.sources
    b.claims = [
        {"text": "The bridge has reopened.", "sources": [g.id, w.id], "status": "corroborated"},
        {"text": "Engineers replaced 40 cables.", "sources": [w.id], "status": "single_source"},
        {"text": "The mayor cut the ribbon.", "sources": [g.id], "status": "single_source"},
        {"text": "Tolls rise in May.", "sources": [w.id], "status": "single_source"},
    ]
    v = StoryView(b)
    assert [row.claim.text for row in v.claim_matrix().rows] == ["The bridge has reopened."]
    singles = [(s.article.id, [c.text for c in claims]) for s, claims in v.single_source_claims()]
    assert singles == [
        (g.id, ["The mayor cut the ribbon."]),
        (w.id, ["Engineers replaced 40 cables.", "Tolls rise in May."]),
    ]
    html = render_html([b])
    (folded,) = re.findall(r'<details class="single-claims">.*?</details>', html, re.S)
    assert "Reported by one source only (3)" in folded
    assert folded.index("The mayor cut the ribbon.") < folded.index("Tolls rise in May.")


def test_timeline_text_cut_inside_its_sentence_reads_as_an_excerpt() -> None:
    b = make_briefing()
    g = b.sources[0]
    b.timeline = [
        {"date": "2031-03", "text": "The ministers met in Kesh in March", "sources": [g.id]},
        {"date": "2031-05", "text": "again in Lestria last month", "sources": [g.id]},
        {"date": "2031-06", "text": "eBay opened an office in Kesh", "sources": [g.id]},
    ]
    texts = [t.text for t in StoryView(b).timeline()]
    assert texts == [
        "The ministers met in Kesh in March",
        "…again in Lestria last month",
        "eBay opened an office in Kesh",
    ]


def test_a_claim_opening_on_a_pronoun_names_the_person_it_stands_for() -> None:
    claim = {"subject": "Jo Roe", "subject_text": "He"}
    assert with_subject("He was sworn in on Monday", claim) == "He [Jo Roe] was sworn in on Monday"
    assert with_subject("they left", {"subject": "Ana and Jo Roe", "subject_text": "they"}) == (
        "they [Ana and Jo Roe] left"
    )
    # Only a pronoun that opens the claim: a name, or a pronoun the subject does not open with, stays.
    assert (
        with_subject("Roe was sworn in", {"subject": "Jo Roe", "subject_text": "Roe"}) == "Roe was sworn in"
    )
    assert with_subject("It rained", {"subject": "Velmar", "subject_text": "It"}) == "It rained"
    assert with_subject("He was sworn in", {"subject": None, "subject_text": "He"}) == "He was sworn in"
    assert with_subject("Hendrik left", {"subject": "Jo Roe", "subject_text": "He"}) == "Hendrik left"
    assert with_subject("He left", {}) == "He left"
