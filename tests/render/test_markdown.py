from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from render_builders import HOSTILE, make_article, make_briefing, make_hostile_briefing

from storyscope.models import Span, SummarySentence
from storyscope.render.markdown import escape, render_markdown

SECTIONS = [
    "What happened",
    "Who is involved",
    "Who said what",
    "Timeline",
    "Claims",
    "Contradictions",
    "Framing",
    "Sources",
]


def _section(md: str, title: str) -> str:
    """The body of ``## title`` up to the next ``##`` heading."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |^# |\Z)", md, re.S | re.M)
    assert m, f"no section {title!r}"
    return m.group(1).strip()


def test_story_has_title_and_every_section_in_order() -> None:
    md = render_markdown([make_briefing()])
    assert md.startswith("# Eastwick bridge reopens after repairs\n")
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings == SECTIONS
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_summary_citations_number_sources_in_briefing_order() -> None:
    md = render_markdown([make_briefing()])
    lines = _section(md, "What happened").splitlines()
    assert lines == [
        "The Calder Street bridge in Eastwick reopened after five months of repairs. [1][2]",
        # Sources listed as [wire, gazette] still come out as ascending numbers.
        "Reports of the cost differ. [1][2]",
        # The copy is cited without a span and is still a numbered citation.
        "Traffic resumed at noon. [2][3]",
    ]


def test_sources_list_maps_numbers_to_outlet_title_date_url_and_copies() -> None:
    sources = _section(render_markdown([make_briefing()]), "Sources").splitlines()
    assert sources == [
        "1. **Eastwick Gazette**, *Calder Street bridge reopens*, 2031-04-02, <https://gazette.example/2031/bridge>",
        "2. **Northern Wire**, *Bridge open again after storm repairs*, 2031-04-03 (date inferred), "
        "<http://wire.example/bridge?id=7&x=1>",
        "3. **Valley Post**, *Calder Street bridge reopens* (copy of [1])",
    ]


def test_quotes_are_grouped_by_speaker_with_unattributed_last() -> None:
    b = make_briefing()
    extra = dict(b.quotes[0], text="We kept our promise.", start=0, end=10, variants=[])
    b.quotes = [b.quotes[1], b.quotes[0], extra]
    said = _section(render_markdown([b]), "Who said what")
    assert said.index("### Ines Varga") < said.index("### Unattributed")
    varga = said.split("### Unattributed")[0]
    assert "“This bridge is the heart of our town.” [1]" in varga
    assert "“We kept our promise.” [1]" in varga
    assert "  - [2] has: “the heart of our town”" in varga
    assert "The repairs cost 12 million euros *(paraphrase)* [1]" in said.split("### Unattributed")[1]


def test_a_paraphrase_leads_with_its_reporting_word_and_a_quote_shows_a_loaded_one() -> None:
    b = make_briefing()
    b.quotes[1] = dict(b.quotes[1], verb="deny", cue="denied")
    b.quotes[0] = dict(b.quotes[0], verb="claim", cue="claimed")
    said = _section(render_markdown([b]), "Who said what")
    assert "*denied* The repairs cost 12 million euros *(paraphrase)* [1]" in said
    assert "“This bridge is the heart of our town.” *(claimed)* [1]" in said


def test_same_words_in_another_outlet_add_a_citation_not_a_line() -> None:
    b = make_briefing()
    b.quotes[0]["variants"] = [{"source": "post-bridge", "text": "This bridge is the heart of our town."}]
    said = _section(render_markdown([b]), "Who said what")
    assert "“This bridge is the heart of our town.” [1][3]" in said
    assert " has: " not in said


def test_entities_timeline_claims_contradictions_and_framing() -> None:
    md = render_markdown([make_briefing()])
    assert _section(md, "Who is involved").splitlines() == [
        "- **Ines Varga** (person; also Varga, Mayor Ines Varga): mayor of Eastwick [1][2]",
        "- **Eastwick** (place) [1][2][3]",
    ]
    assert _section(md, "Timeline").splitlines() == [
        "- **2030-11**: A storm damages the bridge cables. [1]",
        "- **2031-04-01**: Traffic resumes. [2]",
    ]
    assert _section(md, "Claims").splitlines() == [
        "- The bridge has reopened. [1][2] *corroborated*",
        "- The repairs cost 12 million euros. [1] *contested*",
        "- Engineers replaced 40 cables. [1] *single source*",
    ]
    assert _section(md, "Contradictions").splitlines() == [
        "- **cost of the repairs**",
        "  - [1] Eastwick Gazette: “12 million euros”",
        "  - [2] Northern Wire: “14 million euros”",
    ]
    assert _section(md, "Framing").splitlines() == [
        "- [1] Eastwick Gazette",
        "  - tone: celebratory",
        "  - focus: civic pride",
        "  - score: 0.812",
        "- [2] Northern Wire",
        "  - tone: neutral",
        "  - focus: cost, traffic",
        "  - states: 1 of the story's 2 claims",
        "  - only here (1): “14 million euros”",
        "  - quotes: Ada Brun (1 quote, 6 words)",
        "  - reporting verbs: say ×2, claim ×1",
        "  - distinctive terms: traffic (3)",
    ]


def test_empty_sections_are_left_out() -> None:
    b = make_briefing(entities=[], quotes=[], timeline=[], claims=[], contradictions=[], framing={})
    md = render_markdown([b])
    assert re.findall(r"^## (.+)$", md, re.M) == ["What happened", "Sources"]
    md = render_markdown([make_briefing(summary=[])])
    assert "## What happened" not in md and "## Who is involved" in md


def test_several_stories_number_their_sources_separately() -> None:
    other = make_briefing(
        [make_article("solo", "Only one source here.", outlet="Solo News")],
        id="story-2",
        title="Second story",
        summary=[SummarySentence("Only one source.", ["solo"], [Span("solo", 0, 20)])],
    )
    md = render_markdown([make_briefing(), other])
    assert re.findall(r"^# (.+)$", md, re.M) == ["Eastwick bridge reopens after repairs", "Second story"]
    second = md.split("# Second story")[1]
    assert "Only one source. [1]" in second
    assert "1. **Solo News**" in second


def test_unknown_source_ids_render_without_crashing() -> None:
    b = make_briefing(summary=[SummarySentence("Orphan sentence.", ["ghost_id"], [])])
    assert "Orphan sentence. \\[ghost\\_id\\]" in render_markdown([b])


def test_rendering_is_deterministic() -> None:
    assert render_markdown([make_briefing(), make_hostile_briefing()]) == render_markdown(
        [make_briefing(), make_hostile_briefing()]
    )
    assert render_markdown([]) == ""


def test_hostile_text_stays_text_when_the_markdown_is_rendered() -> None:
    md = render_markdown([make_hostile_briefing()])
    # CommonMark passes raw HTML through, so anything unescaped would reach the page.
    html = MarkdownIt("commonmark").render(md)
    for needle in ("<script", "<img", "<svg", "<b>", "<i>", "<!--", 'href="javascript', "<a "):
        assert needle not in html, needle
    # The words are all still there, as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[click](javascript:alert(4))" in html
    # An unsafe URL is shown as text, never as a link, and "&lt;" is not decoded into "<".
    assert "javascript:alert(5)" in html
    assert "&amp;lt;b&amp;gt;" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("1999. A year", "1999\\. A year"),
        ("--- rule", "\\--- rule"),
        ("> quote", "\\> quote"),
        ("a_b*c*[d](e) `f` |g| ~h~ &amp;", "a\\_b\\*c\\*\\[d\\](e) \\`f\\` \\|g\\| \\~h\\~ \\&amp;"),
        ("two\nlines  and   spaces", "two lines and spaces"),
    ],
)
def test_escape_at_line_start(text: str, expected: str) -> None:
    assert escape(text, line_start=True) == expected
    rendered = MarkdownIt("commonmark").render(expected).strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>")


def test_escape_inside_a_line_leaves_digits_and_dashes_alone() -> None:
    assert escape("0.5 - 1. done") == "0.5 - 1. done"
    assert all(escape(h) != h for h in HOSTILE)


_MD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40
) | st.text(alphabet="#-+=*_`[]()<>!&\\|~.1 abc:/;x", max_size=30)


@settings(max_examples=300, deadline=None)
@given(_MD_TEXT)
def test_escape_is_lossless_under_commonmark(text: str) -> None:
    # Whatever the text holds, it renders as exactly one paragraph showing exactly that text.
    expected = " ".join(text.split())
    rendered = MarkdownIt("commonmark").render(escape(text, line_start=True))
    if not expected:
        return
    m = re.fullmatch(r"<p>(.*)</p>\n", rendered, re.S)
    assert m, rendered
    assert html.unescape(m.group(1)) == expected


def test_an_unnamed_speaker_is_shown_as_the_text_describes_it() -> None:
    b = make_briefing()
    b.quotes[1] = dict(b.quotes[1], verb="say", cue="said", speaker_text="Two harbour officials")
    # A named speaker's description is not repeated.
    b.quotes[0] = dict(b.quotes[0], speaker_text="the mayor")
    said = _section(render_markdown([b]), "Who said what")
    assert "- Two harbour officials: *said* The repairs cost 12 million euros *(paraphrase)* [1]" in said
    assert "the mayor:" not in said


def test_a_list_page_does_not_bury_the_stories_actors() -> None:
    from storyscope.render.view import MAX_LISTED_ENTITIES

    many = [
        {"name": f"Player {i:04d}", "type": "person", "aliases": [], "sources": ["w"], "count": 1}
        for i in range(MAX_LISTED_ENTITIES + 40)
    ]
    brief = make_briefing()
    brief.entities = [*brief.entities, *many]
    who = _section(render_markdown([brief]), "Who is involved")
    listed = [line for line in who.splitlines() if line.startswith("- **")]
    assert len(listed) == MAX_LISTED_ENTITIES
    assert "Ines Varga" in listed[0]
    total = len(brief.entities)
    assert f"and {total - MAX_LISTED_ENTITIES:,} more" in who
