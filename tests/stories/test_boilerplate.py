"""Site boilerplate: lines a site repeats on its pages leave what clustering reads (fictional pages)."""

from __future__ import annotations

from builders import make_article
from storyscope.models import Article
from storyscope.stories.boilerplate import SiteLines, headline, line_keys, site_of

BANNER = "Read the Morning Digest: the day's news in five minutes"
MENU = ["Home | World | Business | Sport | Culture", "Sign in to keep reading on all your devices."]
BODIES = [
    (
        "Kesh council approves new tram line",
        "The city council of Kesh approved a new tram line on Monday after a two-year debate. The line "
        "will link the old market with the university and the northern suburbs, and the first trams are "
        "expected to run in three years, the mayor's office said.",
    ),
    (
        "Orvik fishermen protest over harbour fees",
        "Hundreds of fishermen in Orvik tied up their boats on Tuesday to protest against higher harbour "
        "fees. The harbour authority said the fees pay for dredging, while the fishermen's union said "
        "small boats could no longer afford to land their catch in the town.",
    ),
    (
        "Tessel library reopens after flood repairs",
        "The public library of Tessel reopened on Wednesday, eight months after a flood ruined its "
        "ground floor. Volunteers dried and catalogued twelve thousand books, and the reading room now "
        "stands on the first floor, out of reach of the river, the librarian said.",
    ),
]


def _page(aid: str, n: int, **kw: object) -> Article:
    """Page ``n`` of a site: its banner as the headline ingest found, its menu, then the story."""
    head, body = BODIES[n % len(BODIES)]
    text = "\n".join([*MENU, head, body])
    kw.setdefault("outlet", "Harbour Gazette")
    return make_article(aid, text=text, title=BANNER, **kw)


def test_site_is_the_outlet_else_the_host_else_unknown() -> None:
    assert site_of(make_article(outlet="Harbour Gazette", url="https://example.org/a")) == "harbour gazette"
    assert site_of(make_article(url="https://www.Example.org/news/a.html")) == "example.org"
    assert site_of(make_article()) == ""


def test_lines_on_three_pages_of_a_site_leave_the_view_but_not_the_article() -> None:
    lines = SiteLines()
    views = []
    for n in range(3):
        page = _page(f"p{n}", n)
        lines.add(page)
        views.append(lines.view(page))
    # Two pages are not yet a template.
    assert views[0].text.startswith(MENU[0]) and views[0].title == BANNER
    assert views[1].text.startswith(MENU[0])
    third = views[2]
    assert third.title == ""
    assert third.text.split("\n")[0] == BODIES[2][0]
    assert not set(MENU) & set(third.text.split("\n"))
    # Every sentence of the story stays, and the stored article is untouched.
    assert BODIES[2][1] in third.text
    page = _page("p2", 2)
    assert lines.view(page) is not page and page.text.startswith(MENU[0])


def test_one_line_on_pages_of_different_sites_is_not_boilerplate() -> None:
    lines = SiteLines()
    pages = [_page(f"p{n}", n, outlet=f"Outlet {n}") for n in range(3)]
    for page in pages:
        lines.add(page)
    assert all(lines.view(page) is page for page in pages)


def test_pages_of_unknown_site_need_more_pages() -> None:
    # Without an outlet or URL, pages share one pool where a few pages with one line may be one story
    # printed by several outlets: a template must be on five.
    lines = SiteLines()
    pages = [_page(f"p{n}", n, outlet=None) for n in range(5)]
    for page in pages[:4]:
        lines.add(page)
    assert lines.view(pages[3]) is pages[3]
    lines.add(pages[4])
    assert lines.view(pages[4]).title == ""


def test_copies_do_not_count_as_pages() -> None:
    lines = SiteLines()
    original = _page("p0", 0)
    lines.add(original)
    for n in (1, 2):
        assert lines.add(_page(f"c{n}", 0, duplicate_of="p0")) is None
    assert lines.view(_page("p1", 1)).title == BANNER


def test_a_view_keeps_enough_words_or_is_the_article() -> None:
    lines = SiteLines()
    for n in range(3):
        lines.add(_page(f"p{n}", n))
    short = make_article("s", text="\n".join([*MENU, "Tram opens."]), title=BANNER, outlet="Harbour Gazette")
    lines.add(short)
    assert lines.view(short) is short


def test_old_pages_leave_the_window() -> None:
    lines = SiteLines(window=3, pool_window=3)
    for n in range(3):
        lines.add(_page(f"p{n}", n))
    # A redesign: three pages without the old template push the old pages out.
    for n in range(3, 6):
        head, body = BODIES[n % 3]
        lines.add(make_article(f"p{n}", text=f"{head}\n{body}", title=head, outlet="Harbour Gazette"))
    assert lines.view(_page("late", 0)).title == BANNER


def test_a_page_is_counted_once() -> None:
    lines = SiteLines()
    page = _page("p0", 0)
    for _ in range(3):
        lines.observe(page.id, site_of(page), line_keys(page))
    assert lines.view(page) is page


def test_story_headline_falls_back_to_the_first_line() -> None:
    view = make_article(text="Kesh council approves new tram line\nThe council voted on Monday.", title="")
    assert headline(view, "fallback") == "Kesh council approves new tram line"
    assert headline(make_article(title="A real title"), "fallback") == "A real title"
    assert headline(make_article(text=" ".join(["word"] * 40), title=""), "fallback") == "fallback"
