"""Wire datelines: where and by whom a story was filed, run into its first sentence.

"OSTREL (Northlight) - The council voted ...", "VESSA, March 3 -- ...", "(Agency) — ...": the reader
needs none of it in a summary sentence or a claim, and a claim that starts with it reads as if the
place were its subject. Shared by the summary (which drops it from the lead) and the claims stage.
The quote stage has its own test on parsed tokens (``indirect_quotes._dateline_end``): it also knows
a date dateline ("30 June 2011 – …") by the parser's entity types, which this text pattern, run where
there is no parse (the summary), cannot.
"""

from __future__ import annotations

import re

# Either a place in capitals or an agency in brackets (a place in title case only with one) must be
# there, so that "Holt - who ..." stays; the dash may be missing after a place in capitals with its
# agency ("WASHINGTON (Kyodo) Kurt Campbell ..."), where the bracket alone shows the dateline: an
# agency's name of up to three words (an acronym's expansion, "NATO (North Atlantic Treaty
# Organization) Secretary General ...", is longer and stays).
WIRE_DATELINE = re.compile(
    r"^\s*(?:"
    r"(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?=(?:,[^()]{2,30})?\s*\())"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+\d{1,2})?(?:,\s*\d{4})?)?\s*"
    r"(?:\([^()]{2,40}\)\s*)?"
    r"|\([^()]{2,40}\)\s*"
    r")(?:(?:--?|[–—])\s+|[–—])(?=\S)"
    r"|^\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}\s*\([A-Z][\w.&-]*(?:\s[\w.&-]+){0,2}\)\s+(?=[A-Z“\"‘'])"
)


def dateline_end(text: str) -> int:
    """How many characters of a wire dateline open ``text`` (0 if none)."""
    m = WIRE_DATELINE.match(text)
    return m.end() if m else 0


def place_dateline_end(text: str, places: frozenset[str]) -> int:
    """How many characters of a dateline of known places open ``text``: a translation drops the dash
    ("Moscow, Tehran Russian President ..."), so only places the story names, two or more and
    followed by a capitalised word (not "and": "Moscow, Tehran and Ankara agreed" is a subject), count.
    """
    items = text.lstrip().split(", ")
    k = 0
    while k < len(items) - 1 and items[k] in places:
        k += 1
    if k == 0:
        return 0
    words = items[k].split(" ")
    # The last place runs into the sentence: the longest run of its first words that is a place.
    for n in range(min(3, len(words) - 1), 0, -1):
        if " ".join(words[:n]) in places and words[n][:1].isupper():
            skipped = len(", ".join(items[:k])) + 2 + len(" ".join(words[:n])) + 1
            return len(text) - len(text.lstrip()) + skipped
    return 0
