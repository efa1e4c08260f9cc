"""Blocks of a scraped page told apart by their arrangement rather than by their words.

Helpers of :mod:`storyscope.stages.clean`: a numbered ranking that is the story's own list, excerpts of
other posts each closed by a "Read more" link, a box of titles cut off with an ellipsis, and where the
body's densest run may start when the headline anchors it. They read only a unit's shape (``kind``,
``words``, ``text``), filled in by the cleaner.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from storyscope.stages.junk import _CONTINUE_LINK, _CUT_OFF

if TYPE_CHECKING:  # the cleaner's unit; imported for annotations only (clean imports this module)
    from storyscope.stages.clean import _Unit

# A list item opening with its number ("17. Ann Wilson", "3) Tarsk harbour").
_NUMBERED = re.compile(r"^\s*(?:[*•+-]\s+)?(\d{1,3})[.)]\s+\S")
RANKED_MIN_ITEMS = 4
RANKED_MAX_WORDS = 6


def _ranked_list(run: list[_Unit]) -> bool:
    """Whether a run of short lines is a numbered list in the story ("100. Ray Roe", "99. Jo Lind").

    A ranking counts up or down one at a time and its items are a name or two; a numbered "most read"
    box counts too, but its items are headlines (its median item is longer than ``RANKED_MAX_WORDS``).
    """
    if not run or sorted(r.words for r in run)[len(run) // 2] > RANKED_MAX_WORDS:
        return False
    nums = [int(m.group(1)) for r in run if (m := _NUMBERED.match(r.text))]
    steps = sum(1 for a, b in itertools.pairwise(nums) if abs(a - b) == 1)
    return len(nums) >= RANKED_MIN_ITEMS and 2 * len(nums) >= len(run) and steps >= len(nums) - 2


TEASER_LINK_MIN = 2  # "Read more" links in a page before the excerpts above them count as teasers


def _teasers_before_links(units: list[_Unit], reasons: list[str]) -> list[int]:
    """Excerpts of other posts: the paragraph right above each of a page's "Read more" links.

    A story is printed whole, so a "continue reading" link on a line of its own closes an excerpt;
    two or more of them make a list of teasers. A date or a byline between the excerpt and its link
    is skipped over.
    """
    links = [i for i, u in enumerate(units) if u.words <= 4 and _CONTINUE_LINK.match(u.text)]
    if len(links) < TEASER_LINK_MIN:
        return []
    out = []
    for i in links:
        k = i - 1
        while k >= 0 and k >= i - 3 and units[k].kind == "bad" and k not in links:
            k -= 1
        if k >= 0 and k not in links and not reasons[k] and units[k].kind in ("good", "near", "short"):
            out.append(k)
    return out


CUT_OFF_MIN = 4  # units ending in an ellipsis, close together, that make a block of teasers
CUT_OFF_GAP = 4  # most units between two of them
# A longer paragraph trailing off ("... n'a pas été entendu…") is the writer's style: a column may end
# several paragraphs that way, while a box's excerpt is cut at a sentence or two.
CUT_OFF_MAX_WORDS = 50


def _cut_off_teasers(units: list[_Unit], reasons: list[str]) -> list[int]:
    """Titles and excerpts cut off with an ellipsis ("... is now available via Windows Update Ass..."),
    four or more close together with no full paragraph between them: a box of other stories, shortened
    to fit. A story's sentence trails off now and then, not line after line (a writer fond of trailing
    off still ends other paragraphs properly in between); a quotation trailing off ("... détruire
    l'Etat…»") ends with its closing mark, which a cut-off title does not, and lines of dialogue or
    verse trailing off ("—Una rosa y un clavel...", "—El sable del coronel...") open with a dash.
    """
    cut = [
        i
        for i, u in enumerate(units)
        if u.kind != "bad"
        and u.words <= CUT_OFF_MAX_WORDS
        and not reasons[i]
        and _CUT_OFF.search(u.text)
        and not u.text.startswith(("—", "―"))
    ]
    out: list[int] = []
    group: list[int] = []
    for i in [*cut, len(units) + CUT_OFF_GAP + 1]:
        # A paragraph between two of them that ends as a paragraph should is the story going on.
        if group and (
            i - group[-1] > CUT_OFF_GAP or any(units[k].kind == "good" for k in range(group[-1] + 1, i))
        ):
            if len(group) >= CUT_OFF_MIN:
                out.extend(group)
            group = []
        group.append(i)
    return out


def _trim_head(units: list[_Unit], lo: int, hi: int, heads: frozenset[int]) -> int:
    """Start the body run at the headline when nothing before it in the run is prose.

    The headline's bonus outweighs the junk lines between it and a list above it, so one item there
    that weighs a little (a headline ending in "...", read as a short sentence) drags the whole list
    of other stories' headlines into the densest run: they are not the story.
    """
    t = next((i for i in range(lo, hi) if i in heads), None)
    if t is None or any(units[i].kind == "good" for i in range(lo, t)):
        return lo
    return t
