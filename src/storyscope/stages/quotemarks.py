"""Quotation marks in a text: the spans of directly quoted words, paragraph by paragraph.

Straight, curly and single marks, guillemets in both directions and German „…“; a quote left open at a
paragraph's end and picked up by an opening mark at the next paragraph's start is one multi-paragraph
quote; a quote split around its attribution ("“…,” she said. “…”") keeps its parts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A straight mark may close a curly one and the reverse: articles pasted together mix them.
_OPENERS = {"“": '”"', "„": "“”", "«": "»", "»": "«", '"': '"”', "‟": "”"}
_SINGLE_OPEN = {"‘": "’", "'": "'"}
# The longest attribution a split quote may have between its parts ("," said the foreign minister. ").
_SPLIT_GAP_WORDS = 12
_SCARE_WORDS = 3
_FRAGMENT_WORDS = 3
_MIN_QUOTE_CHARS = 2


@dataclass
class QuoteSpan:
    """One run of quoted text: content ``start``..``end`` (marks excluded), in one or more parts."""

    start: int
    end: int
    parts: list[tuple[int, int]] = field(default_factory=list)
    single: bool = False


def _scan_paragraph(
    text: str, a: int, b: int, carry: QuoteSpan | None
) -> tuple[list[QuoteSpan], QuoteSpan | None]:
    """Double-mark quotes in ``text[a:b]``; returns closed quotes and the one left open, if any."""
    out: list[QuoteSpan] = []
    open_at: int | None = None
    closers = ""
    current = carry
    i = a
    if current is not None:
        # A continued quote must reopen right at the paragraph start.
        j = a
        while j < b and text[j] in " \t":
            j += 1
        if j < b and text[j] in _OPENERS:
            open_at, closers = j, _OPENERS[text[j]]
            i = j + 1
        else:
            current = None
    while i < b:
        ch = text[i]
        if open_at is None:
            if ch in _OPENERS:
                # "»" opens only before a word (it closes German quotes written «…»).
                if ch == "»" and not (i + 1 < b and text[i + 1].isalnum()):
                    i += 1
                    continue
                # A straight mark before a space closes something or measures inches (6-foot-3" tall).
                if ch == '"' and (i + 1 >= b or text[i + 1].isspace()):
                    i += 1
                    continue
                open_at, closers = i, _OPENERS[ch]
        elif ch in closers:
            part = (open_at + 1, i)
            if current is not None:
                current.parts.append(part)
                current.end = i
                out.append(current)
                current = None
            elif i - open_at - 1 >= _MIN_QUOTE_CHARS:
                out.append(QuoteSpan(open_at + 1, i, [part]))
            open_at = None
        elif ch == "“" and closers == "”":
            # A stray second opener: the first one was never closed.
            open_at = i
        i += 1
    if open_at is None:
        return out, None
    end = b
    while end > open_at + 1 and text[end - 1].isspace():
        end -= 1
    part = (open_at + 1, end)
    if current is None:
        current = QuoteSpan(open_at + 1, end, [part])
    else:
        current.parts.append(part)
        current.end = end
    return out, current


def _single_quotes(text: str, a: int, b: int) -> tuple[list[QuoteSpan], int | None]:
    """‘Single-quoted’ spans in ``text[a:b]``; apostrophes (don't, Iran’s, the 1990s’) are skipped.

    Also returns where a quote opens and is left open at the paragraph's end, when it opens as a
    quotation does (at the paragraph's start or after a colon): the next paragraph may carry it on."""
    out: list[QuoteSpan] = []
    left_open: int | None = None
    i = a
    while i < b:
        ch = text[i]
        if (
            ch in _SINGLE_OPEN
            and (i == a or not text[i - 1].isalnum())
            and i + 1 < b
            and text[i + 1].isalnum()
        ):
            close = _SINGLE_OPEN[ch]
            j = i + 1
            while j < b:
                if (
                    text[j] == close
                    and not text[j - 1].isspace()
                    and (j + 1 >= b or not text[j + 1].isalnum())
                ):
                    break
                j += 1
            if j < b and j - i - 1 >= _MIN_QUOTE_CHARS:
                out.append(QuoteSpan(i + 1, j, [(i + 1, j)], single=True))
                i = j
            elif j >= b and (not text[a:i].strip() or text[a:i].rstrip().endswith(":")):
                left_open = i
                break
        i += 1
    return out, left_open


def _paragraph_end(text: str, start: int, b: int) -> int:
    end = b
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted run in ``text``, in order; single-quoted runs inside double quotes are not separate."""
    spans: list[QuoteSpan] = []
    carry: QuoteSpan | None = None
    pos = 0
    paragraphs: list[tuple[int, int]] = []
    for m in re.finditer(r"\n", text):
        paragraphs.append((pos, m.start()))
        pos = m.end()
    paragraphs.append((pos, len(text)))
    paragraphs = [(a, b) for a, b in paragraphs if text[a:b].strip()]
    # A single-quoted paragraph left open continues only where the next paragraph reopens with the
    # same mark (the British multi-paragraph convention); otherwise the mark may be an apostrophe
    # ("'Tis", "'90s") and nothing is taken.
    single_carry: tuple[QuoteSpan, str] | None = None
    for a, b in paragraphs:
        closed, carry_next = _scan_paragraph(text, a, b, carry)
        if carry is not None and carry_next is not carry and carry not in closed:
            spans.append(carry)  # the previous paragraph's open quote did not continue: it ends there
        spans.extend(closed)
        carry = carry_next
        doubles = [s for s in closed] + ([carry] if carry is not None else [])
        singles, left_open = _single_quotes(text, a, b)
        start = a + len(text[a:b]) - len(text[a:b].lstrip())
        continued = single_carry is not None and text[start : start + 1] == single_carry[1]
        if single_carry is not None and continued:
            held = single_carry[0]
            first = next((sq for sq in singles if sq.start == start + 1), None)
            if first is not None:
                held.parts.append((first.start, first.end))
                held.end = first.end
                singles = [held if sq is first else sq for sq in singles]
                single_carry = None
            elif left_open == start:
                end = _paragraph_end(text, start + 1, b)
                held.parts.append((start + 1, end))
                held.end = end
                left_open = None
            else:
                single_carry = None
        elif single_carry is not None:
            single_carry = None
        for sq in singles:
            if not any(d.start <= sq.start and sq.end <= d.end for d in doubles):
                spans.append(sq)
        if left_open is not None and not any(d.start <= left_open < d.end for d in doubles):
            end = _paragraph_end(text, left_open + 1, b)
            opened = QuoteSpan(left_open + 1, end, [(left_open + 1, end)], single=True)
            single_carry = (opened, text[left_open])
    if carry is not None:
        spans.append(carry)
    spans = [s for s in spans if text[s.start : s.end].strip(" ,.;:—–-")]
    return sorted(spans, key=lambda s: (s.start, s.end))
