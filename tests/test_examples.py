"""Sanity checks on the bundled fictional example story (examples/) and its feature map."""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations

import pytest

from builders import EXAMPLES

README = EXAMPLES / "README.md"
STEMS = (
    "capital-ledger-talks",
    "northgate-post-visit",
    "riverside-dispatch-commission",
    "talblick-zeitung-seldra",
    "valley-courier-visit",
)
WIRE_ORIGINAL, WIRE_COPY = "northgate-post-visit", "valley-courier-visit"
TRANSLATED = "talblick-zeitung-seldra"

# Every kind of planted feature the brief asks for; the README table must cover each at least once,
# so a later edit cannot silently drop one.
REQUIRED_FEATURES = (
    "read-more line",
    "read-also line",
    "see-also line",
    "related-links block",
    "photo credit",
    "file photo with credit",
    "comment prompt",
    "newsletter ad",
    "job ad",
    "back to top",
    "tag line",
    "headline glued to sub-headline",
    "contributor credit",
    "section subhead",
    "anchored relative date",
    "relative date",
    "year",
    "event date",
    "curly quote",
    "straight quote, split",
    "partial quote",
    "indirect: said that",
    "indirect: according to",
    "indirect: told reporters",
    "indirect: warned",
    "indirect: denied",
    "indirect: claimed",
    "indirect: spokeswoman said",
    "shared statement, verbatim",
    "shared statement, translated",
    "shared statement, paraphrased",
    "name: transliteration",
    "name: hyphenated",
    "name: hyphen dropped",
    "name: title + name",
    "contradiction: not denied",
    "contradiction: denied",
    "contradiction: 300",
    "contradiction: 3,000",
    "compatible precision",
    "MT artefact: literal idiom",
    "MT artefact: untranslated word",
    "MT artefact: stray space before full stop",
    "single source",
)


def text_of(stem: str) -> str:
    """The article's text, decoded strictly as UTF-8."""
    return (EXAMPLES / f"{stem}.txt").read_bytes().decode("utf-8")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, punctuation dropped (enough for shingling)."""
    return re.findall(r"\w+", text.lower())


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """The set of n-word shingles of a text."""
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Jaccard similarity of two shingle sets."""
    return len(a & b) / len(a | b)


def feature_rows() -> list[tuple[str, list[str], str]]:
    """(feature, file stems, exact text) for each row of the README's feature-map table."""
    section = README.read_text(encoding="utf-8").split("## Feature map", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        # A data row is "| feature | stem, stem | `exact text` |"; the header and separator rows
        # have no backticked last cell.
        m = re.fullmatch(r"\| (.+?) \| (.+?) \| `(.+)` \|", line)
        if m:
            rows.append((m[1], [s.strip() for s in m[2].split(",")], m[3]))
    return rows


ROWS = feature_rows()


def test_exactly_the_five_articles_exist() -> None:
    assert sorted(p.stem for p in EXAMPLES.glob("*.txt")) == list(STEMS)
    assert README.is_file()


@pytest.mark.parametrize("stem", STEMS)
def test_article_shape(stem: str) -> None:
    raw = (EXAMPLES / f"{stem}.txt").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    text = text_of(stem)
    assert 350 <= len(text.split()) <= 900
    headline = text.splitlines()[0]
    assert headline.strip() == headline and headline, "headline on the very first line"
    assert 4 <= len(headline.split()) <= 20
    assert not headline.endswith(".")


def test_headlines_differ() -> None:
    headlines = [text_of(s).splitlines()[0] for s in STEMS]
    assert len(set(headlines)) == len(headlines)


def test_headline_repeated_in_body() -> None:
    # Scrapers often repeat the headline, once glued to the end of the sub-headline.
    text = text_of("capital-ledger-talks")
    headline, body = text.split("\n", 1)
    assert body.count(headline) == 1
    glued = next(line for line in body.splitlines() if line.endswith(headline) and line != headline)
    assert glued[-len(headline) - 1].islower(), "no space or punctuation where the lines were glued"


def test_no_dates_or_outlet_names_in_the_files() -> None:
    # Publication dates and outlets live only in the README, as they would in scraped input.
    outlets = ("Northgate", "Valley Courier", "Talblick", "Capital Ledger", "Riverside Dispatch")
    for stem in STEMS:
        text = text_of(stem)
        assert "2025" not in text
        for outlet in outlets:
            assert outlet not in text, (stem, outlet)


def test_wire_copy_shares_most_shingles_with_its_original() -> None:
    original, copy = shingles(text_of(WIRE_ORIGINAL)), shingles(text_of(WIRE_COPY))
    assert jaccard(original, copy) >= 0.5
    assert original != copy
    assert text_of(WIRE_ORIGINAL).splitlines()[0] != text_of(WIRE_COPY).splitlines()[0]


def test_independent_articles_are_not_near_duplicates() -> None:
    # Only the wire pair may look alike; otherwise syndication tests would have two answers.
    for a, b in combinations(STEMS, 2):
        if {a, b} != {WIRE_ORIGINAL, WIRE_COPY}:
            assert jaccard(shingles(text_of(a)), shingles(text_of(b))) < 0.1, (a, b)


def test_feature_map_covers_every_required_feature() -> None:
    listed = {feature for feature, _, _ in ROWS}
    missing = [f for f in REQUIRED_FEATURES if not any(name.startswith(f) for name in listed)]
    assert not missing
    for _, stems, _ in ROWS:
        assert set(stems) <= set(STEMS)


@pytest.mark.parametrize(
    ("feature", "stems", "exact"),
    ROWS,
    ids=[f"{i:02d}-{feature}" for i, (feature, _, _) in enumerate(ROWS)],
)
def test_planted_feature_is_present(feature: str, stems: list[str], exact: str) -> None:
    for stem in stems:
        assert exact in text_of(stem), f"{feature}: {exact!r} not in {stem}"


def test_contradictions_are_confined_to_one_outlet() -> None:
    for stem in STEMS:
        text = text_of(stem)
        if stem == TRANSLATED:
            assert "did not deny" not in text and "300 army" not in text
        else:
            assert "has denied" not in text and "3,000" not in text


def test_both_quote_styles_are_used() -> None:
    curly = [s for s in STEMS if "\u201c" in text_of(s)]
    straight = [s for s in STEMS if re.search(r'"\w', text_of(s))]
    assert curly and straight and not set(curly) & set(straight)


def test_readme_dates_match_the_calendar() -> None:
    # "Tue 11 March 2025" in the README must name the right weekday, and the anchors must hold.
    readme = README.read_text(encoding="utf-8")
    stated = re.findall(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) (\w+) (\d{4})\b", readme)
    assert len(stated) >= 8
    for weekday, day, month, year in stated:
        date = dt.datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date()
        assert date.strftime("%a") == weekday, (weekday, day, month, year)
    # "next Tuesday (March 18)" is written on Wednesday 12 March 2025.
    assert dt.date(2025, 3, 18).strftime("%A") == "Tuesday"
    assert dt.date(2025, 3, 18) - dt.date(2025, 3, 12) == dt.timedelta(days=6)


def test_readme_marks_everything_fictional() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "**Everything here is fictional.**" in readme
    for stem in STEMS:
        assert f"`{stem}.txt`" in readme
