"""Sentence boundaries over cleaned text, with offsets.

A rule-based splitter: fast enough for the ingest path (no model), aware of the abbreviations and
initials that news text is full of ("U.S.", "Mr.", "Jan.", "J. Smith"), of quotes that close after the
full stop, and of paragraph breaks, which always end a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Tokens that end in a full stop without ending a sentence. Lower-cased, without the final dot.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt maj capt cmdr adm sgt cpl pvt gov sen rep rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun no nos
    vol vols pp p fig figs approx est inc ltd co corp bros dept univ assn ave blvd rd vs etc al cf ie eg
    e.g i.e u.s u.k u.n u.s.a e.u a.m p.m bzw ca dr evtl ggf inkl nr str usw vgl z.b d.h u.a
    """.split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"""([.!?…]+)(["'”’»)\]]*)(\s+)""")
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD_BEFORE = re.compile(r"(\S+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article's cleaned text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str
    paragraph: int


def _is_abbreviation(before: str, punct: str) -> bool:
    if punct != ".":
        return False
    m = _WORD_BEFORE.search(before)
    if not m:
        return False
    word = m.group(1).lstrip("(\"'“‘«").lower()
    if word in _ABBREVIATIONS:
        return True
    # Single initials ("J. Smith") and dotted acronyms ("U.S.", "a.m.").
    return bool(re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", word))


def _next_starts_sentence(after: str) -> bool:
    """A sentence starts with an upper-case letter, a digit, or an opening quote/bracket."""
    stripped = after.lstrip()
    if not stripped:
        return True
    ch = stripped[0]
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘«„([-–—"


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; offsets index into ``text``."""
    return list(_iter_sentences(text))


def _iter_sentences(text: str) -> Iterator[Sentence]:
    para_start = 0
    for paragraph, (para_end, next_start) in enumerate(_paragraph_bounds(text)):
        yield from _split_paragraph(text, para_start, para_end, paragraph)
        para_start = next_start


def _paragraph_bounds(text: str) -> Iterator[tuple[int, int]]:
    for m in _PARAGRAPH.finditer(text):
        yield m.start(), m.end()
    yield len(text), len(text)


def _split_paragraph(text: str, start: int, end: int, paragraph: int) -> Iterator[Sentence]:
    chunk = text[start:end]
    sent_start = 0
    for m in _BOUNDARY.finditer(chunk):
        cut = m.end(2)
        if _is_abbreviation(chunk[: m.start(1)], m.group(1)) or not _next_starts_sentence(chunk[m.end(3) :]):
            continue
        yield from _emit(text, start + sent_start, start + cut, paragraph)
        sent_start = m.end(3)
    yield from _emit(text, start + sent_start, end, paragraph)


def _emit(text: str, a: int, b: int, paragraph: int) -> Iterator[Sentence]:
    # Trim whitespace so offsets cover the sentence itself; single newlines inside a paragraph are
    # line wraps, not boundaries.
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        yield Sentence(a, b, text[a:b], paragraph)
