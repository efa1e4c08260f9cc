"""When an article was written, inferred from its text when metadata gives no date.

The time expressions of the text (:func:`storyscope.stages.timex.find_timexes` without a writing date)
become constraints on the writing date ``D``, and every candidate date gets a cost:

* a stated date (with or without a year) in a past clause lies on or before ``D``, in a future clause
  on or after it; a violation costs much, and ``D`` is pulled towards the latest past date and the
  earliest future one (news is written soon after what it reports, soon before what it announces);
* a weekday next to a date ("next Tuesday (July 19)", "Tuesday, July 19") fixes the year (the date
  must fall on that weekday) and puts ``D`` within a week or two of it, on the side the words say;
* bare weekdays are recent: "said on Monday" a few days back at most, "will attend on Tuesday" a few
  days ahead, so together they say which weekday ``D`` is ("on Monday ... on Tuesday" points to a
  writing day on or after that Tuesday); the reported ones count as one span (the oldest), the
  announced ones by the nearest (:func:`weekdays_cost`);
* an announced date without its weekday is rarely less than a week ahead (news names those days by
  weekday), so it is pulled to about a week after ``D``;
* years in past clauses ("since 2018", "in February 2022") bound ``D`` from below and pull the
  writing year to the latest of them.

Dates without a year take the candidate years the text allows (the latest stated year, the year after
it, and years where an attached weekday falls right). The answer is the cheapest date when every date
within a small margin of it lies within a week; otherwise, or with no stated date at all, the answer
is unknown (``None``): saying so beats guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyscope.models import Json
from storyscope.stages.timex import find_timexes

_VIOLATION = 3.0
# Pull of the nearest past / future stated date, per day of distance (capped). Announced dates pull
# harder: a scheduled event is announced days ahead, while a past date is often background.
_PULL_PAST = 0.02
_PULL_FUTURE = 0.05
_PULL_CAP_DAYS = 30
_WEEKDAY_STEP = 0.1
# Cheapest-cost margin within which candidate dates count as equally good.
_MARGIN = 0.12
_MAX_SPAN_DAYS = 7
_MIN_CONFIDENCE = 0.4
_LEAD_CHARS = 400


@dataclass(frozen=True)
class Anchor:
    """A dated point the writing date must relate to: ``when`` and the clause's direction."""

    when: date
    tense: str | None
    text: str
    lead: bool = False
    # For a weekday next to this date: its direction ("next", "last", "past", "future", None).
    weekday_direction: str | None = None
    weekday_attached: bool = False
    weight: float = 1.0
    stated_year: bool = False
    # A year-less date whose borrowed year the text states with a month in the year before it
    # ("since February 2022" ... "on July 19").
    corroborated: bool = False


@dataclass(frozen=True)
class Ranked:
    """A candidate writing date, its cost, the evidence that supports it and how strong it is."""

    when: date
    cost: float
    evidence: tuple[str, ...]
    strength: float = 0.0
    # Months or years the text reports in the past tense that this date falls before.
    broken: tuple[str, ...] = ()


# How much one satisfied anchor near the writing date says on its own. A year-less date borrows its
# year from elsewhere in the text (often a background year), and a full date deep in the text is often
# background too; a weekday named with its date, or a full date in the lead, pins the day.
_STRENGTH_ATTACHED = 0.7
_STRENGTH_LEAD_FULL = 0.65
_STRENGTH_FULL = 0.3
_STRENGTH_CORROBORATED = 0.5
_STRENGTH_YEARLESS = 0.2


def _strength(a: Anchor, gap_days: int) -> float:
    if a.weekday_attached:
        return _STRENGTH_ATTACHED
    if a.tense == "future" and not a.corroborated:
        # Announced dates bound the writing date, but full dates ahead are often far off (maturities,
        # deadlines): they never pin the day on their own.
        return _STRENGTH_YEARLESS if gap_days <= 31 else 0.0
    if a.stated_year and gap_days <= 7:
        return _STRENGTH_LEAD_FULL if a.lead else _STRENGTH_FULL
    if gap_days > 31:
        return 0.0
    return _STRENGTH_CORROBORATED if a.corroborated else _STRENGTH_YEARLESS


def _years(timexes: Sequence[Json]) -> tuple[int | None, int | None]:
    """(latest year stated in a past or neutral clause, latest year stated at all)."""
    past = [t["year"] for t in timexes if t.get("year") and t.get("tense") != "future"]
    every = [t["year"] for t in timexes if t.get("year")]
    return (max(past) if past else None), (max(every) if every else None)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def candidate_years(timexes: Sequence[Json]) -> list[int]:
    """Years the writing date may fall in, from the years the text states and attached weekdays."""
    past_max, any_max = _years(timexes)
    base = past_max or any_max
    if base is None:
        return []
    years = {base, base + 1}
    for t in timexes:
        if "weekday" in t and "attached" in t:
            other = timexes[t["attached"]]
            if other.get("year"):
                continue
            # The first year from the latest stated one in which the date falls on the weekday.
            for y in range(base, base + 12):
                d = _safe(y, other["month"], other["day"])
                if d and d.weekday() == t["weekday"]:
                    years.add(y)
                    break
    return sorted(years)


def anchors_for_year(timexes: Sequence[Json], year: int | None) -> list[Anchor]:
    """Stated dates as anchors; a date without a year takes ``year``."""
    out: list[Anchor] = []
    dated_months = [date(t["year"], t["month"], 1) for t in timexes if t.get("year") and t.get("month")]
    for t in timexes:
        if not (t.get("month") and t.get("day")) or t.get("kind") != "date":
            continue
        y = t.get("year") or year
        if y is None:
            continue
        d = _safe(y, t["month"], t["day"])
        if d is None:
            continue
        wd_dir: str | None = None
        attached = False
        if "attached" in t:
            wd = timexes[t["attached"]]
            if wd.get("weekday") == d.weekday():
                wd_dir, attached = wd.get("direction") or "none", True
            else:
                wd_dir, attached = "mismatch", True
        lead = t["start"] < _LEAD_CHARS
        stated = bool(t.get("year"))
        # Only a month before the date's own confirms its year: "since May 2010 ... on May 6" is as
        # likely a background May as the one the article was written in.
        month = date(d.year, d.month, 1)
        corroborated = not stated and any(m < month and (d - m).days <= 366 for m in dated_months)
        out.append(Anchor(d, t.get("tense"), t["text"], lead, wd_dir, attached, 1.0, stated, corroborated))
    return out


def _weekday_cost(wd: int, direction: str | None, d: date) -> float:
    back = (d.weekday() - wd) % 7
    ahead = (wd - d.weekday()) % 7
    if direction == "past":
        return _WEEKDAY_STEP * back
    if direction == "future":
        return _WEEKDAY_STEP * ahead
    if direction == "last":
        return _WEEKDAY_STEP * (back or 7) / 2
    if direction == "next":
        return _WEEKDAY_STEP * (ahead or 7) / 2
    if direction == "this":
        return _WEEKDAY_STEP * min(back, ahead) / 2
    return _WEEKDAY_STEP * min(back, ahead)


def weekdays_cost(weekdays: Sequence[Json], d: date) -> float:
    """Cost of writing date ``d`` against the bare weekdays of a text.

    Like stated dates, weekdays bound the writing date from both sides. Days reported in the past tense
    all lie within the last few days: the cost grows with the oldest of them (so three past weekdays
    count as one span, not three votes against one announced day). Days announced lie soon after it:
    the cost grows with the nearest. A clause without tense counts as announced: English reports the
    past in the past tense, while the present with a weekday schedules ("the minister travels on
    Thursday"). "last"/"next"/"this" weekdays count one by one.
    """
    cost = 0.0
    backs: list[int] = []
    aheads: list[int] = []
    for t in weekdays:
        direction = t.get("direction")
        if direction is None and t.get("possessive"):
            continue  # "has not been invited to Thursday's talks": no verb places the day
        if direction == "past":
            backs.append((d.weekday() - t["weekday"]) % 7)
        elif direction in ("future", None):
            ahead = (t["weekday"] - d.weekday()) % 7
            # Wire copy announces the same day in the future tense ("will meet Tuesday", written that
            # Tuesday); a present-tense schedule for the writing day itself more often says "today".
            aheads.append(ahead if ahead or direction == "future" else 1)
        else:
            cost += _weekday_cost(t["weekday"], direction, d)
    if backs:
        cost += _WEEKDAY_STEP * max(backs)
    if aheads:
        cost += _WEEKDAY_STEP * min(aheads)
    return cost


# How many days ahead of the writing date a day named this way may lie.
_WINDOWS = {
    "next": (1, 13), "future": (0, 6), "past": (-6, 0), "last": (-13, -1), "this": (-6, 6),
    "today": (0, 0), "yesterday": (-1, -1), "tomorrow": (1, 1),
}  # fmt: skip


def _week_fits(direction: str | None, d: date, named: date) -> bool:
    """Whether "next"/"last" + weekday, written on ``d``, can name ``named``.

    "next Tuesday" is either the first Tuesday after the writing day or the Tuesday of next week (so a
    week and a day ahead when written on a Monday), never a later one; "last Tuesday" mirrors it.
    """
    if direction not in ("next", "last"):
        return True
    weeks = (named - timedelta(days=named.weekday()) - (d - timedelta(days=d.weekday()))).days // 7
    days = (named - d).days
    if direction == "next":
        return 1 <= days <= 7 or weeks == 1
    return -7 <= days <= -1 or weeks == -1


def anchor_cost(a: Anchor, d: date) -> tuple[float, bool]:
    """(cost, violated) of writing date ``d`` against one anchor."""
    gap = (d - a.when).days
    if a.weekday_attached:
        if a.weekday_direction == "mismatch":
            return _VIOLATION * a.weight, True
        lo, hi = _WINDOWS.get(a.weekday_direction or "", (-6, 6))
        # lo..hi is how far ahead of the writing date the named day may lie.
        ahead = -gap
        if not lo <= ahead <= hi or not _week_fits(a.weekday_direction, d, a.when):
            return _VIOLATION * a.weight, True
        return 0.0, False
    if a.tense == "future" and gap > 0:
        return _VIOLATION * a.weight, True
    if a.tense != "future" and gap < 0:
        # A date after the writing day in a clause without tense is a weaker violation.
        return (_VIOLATION if a.tense == "past" else _VIOLATION / 2) * a.weight, True
    return 0.0, False


def score_dates(
    timexes: Sequence[Json], candidates: Iterable[date], anchors: Sequence[Anchor], year_hint: int | None
) -> list[Ranked]:
    """Every candidate writing date with its cost, cheapest first (ties: earliest)."""
    weekdays = [t for t in timexes if "weekday" in t and "attached" not in t]
    past_years = [t["year"] for t in timexes if t.get("year") and t.get("tense") != "future"]
    bounds = past_bounds(timexes)
    ranked: list[Ranked] = []
    for d in candidates:
        cost = 0.0
        evidence: list[str] = []
        past_gaps: list[int] = []
        future_gaps: list[int] = []
        strength = 0.0
        for a in anchors:
            c, violated = anchor_cost(a, d)
            cost += c
            if violated:
                continue
            gap = (d - a.when).days
            strength = max(strength, _strength(a, abs(gap)))
            if a.weekday_attached:
                evidence.append(f"'{a.text}' with its weekday: written within days of {a.when.isoformat()}")
                # A named weekday is days away, not a week: the nearer the better.
                cost += _PULL_FUTURE * abs(gap)
            elif gap >= 0 and a.tense != "future":
                past_gaps.append(gap)
                if a.lead and a.stated_year:
                    # A full date in the lead is most often the dateline itself.
                    cost += _PULL_FUTURE * min(gap, _PULL_CAP_DAYS)
            elif gap <= 0:
                future_gaps.append(-gap)
                if not a.lead:
                    # News names a day less than a week ahead by its weekday (AP style: the date only
                    # beyond seven days), so an announced date without one is rarely days away.
                    cost += _PULL_FUTURE * max(0, 7 + gap)
        if past_gaps:
            nearest = min(past_gaps)
            cost += _PULL_PAST * min(nearest, _PULL_CAP_DAYS)
        if future_gaps:
            # An event announced in the future tense for the very writing day is rarer than one a few
            # days ahead (the day itself is "today"), so a zero gap costs like three days.
            nearest_future = min(future_gaps) or 3
            cost += _PULL_FUTURE * min(nearest_future, _PULL_CAP_DAYS)
        cost += weekdays_cost(weekdays, d)
        for y in past_years:
            if d.year < y:
                cost += _VIOLATION / 2
        broken = tuple(text for start, text in bounds if d < start)
        cost += _VIOLATION / 2 * len(broken)
        if year_hint is not None and d.year > year_hint:
            # The writing year is most often the latest year the text states.
            cost += 0.5 * (d.year - year_hint)
        for a in anchors:
            if not a.weekday_attached and anchor_cost(a, d)[0] == 0 and abs((d - a.when).days) <= 31:
                side = "after" if a.tense != "future" else "before"
                evidence.append(f"'{a.text}' ({a.tense or 'no tense'}): written {side} {a.when.isoformat()}")
        ranked.append(Ranked(d, round(cost, 6), tuple(dict.fromkeys(evidence)), strength, broken))
    ranked.sort(key=lambda r: (r.cost, r.when))
    return ranked


def past_bounds(timexes: Sequence[Json]) -> list[tuple[date, str]]:
    """The first day of every month or year the text reports in the past tense ("was stopped in June
    2015", "lived there until 2012"): the text was written after it began. Unlike a day, which
    candidates are drawn around, a month or a year only bounds the writing date, and an answer that
    falls before one contradicts the text."""
    out: list[tuple[date, str]] = []
    for t in timexes:
        if t.get("tense") != "past" or t.get("kind") != "date" or not t.get("year") or t.get("day"):
            continue
        start = _safe(t["year"], t.get("month") or 1, 1)
        if start is not None:
            out.append((start, str(t["text"])))
    return out


def _candidate_window(anchors: Sequence[Anchor]) -> list[date]:
    days: set[date] = set()
    for a in anchors:
        for k in range(-14, _PULL_CAP_DAYS + 1):
            days.add(a.when + timedelta(days=k))
    return sorted(days)


def decide(ranked: Sequence[Ranked], timexes: Sequence[Json], extra_evidence: Sequence[str] = ()) -> Json:
    """The answer from ranked candidates: the best date, or None when the near-best spread too far."""
    if not ranked:
        return {"date": None, "confidence": 0.0, "evidence": [*extra_evidence, "no dated anchor in the text"]}
    best = ranked[0]
    if best.broken:
        return {
            "date": None,
            "confidence": 0.0,
            "evidence": [
                *extra_evidence,
                *best.evidence[:4],
                f"the best date falls before '{best.broken[0]}', which the text reports as past",
            ],
            "guess": best.when.isoformat(),
        }
    near = [r.when for r in ranked if r.cost <= best.cost + _MARGIN]
    span = (max(near) - min(near)).days
    weekday_words = [t for t in timexes if "weekday" in t and "attached" not in t]
    evidence = list(extra_evidence) + list(best.evidence[:4])
    evidence += list(
        dict.fromkeys(f"'{t['text']}' ({t.get('direction') or 'no tense'})" for t in weekday_words)
    )[:3]
    agreeing = sum(
        1 for t in weekday_words if _weekday_cost(t["weekday"], t.get("direction"), best.when) == 0
    )
    others = max(0, len(best.evidence) - 1)
    confidence = (
        best.strength
        + 0.05 * min(agreeing, 3)
        + 0.05 * min(others, 3)
        - 0.06 * span
        - 0.15 * (best.cost // _VIOLATION)
    )
    confidence = round(max(0.0, min(0.95, confidence)), 2)
    if span > _MAX_SPAN_DAYS or confidence < _MIN_CONFIDENCE:
        reason = f"candidates spread over {span} days" if span > _MAX_SPAN_DAYS else "weak evidence"
        return {
            "date": None,
            "confidence": confidence,
            "evidence": [*evidence, reason],
            "guess": best.when.isoformat(),
        }
    return {"date": best.when.isoformat(), "confidence": confidence, "evidence": evidence}


def rank_writing_dates(timexes: Sequence[Json]) -> tuple[list[Ranked], list[str]]:
    """Candidate writing dates for an article's year-less time expressions, cheapest first."""
    years = candidate_years(timexes)
    past_max, any_max = _years(timexes)
    notes: list[str] = []
    if past_max:
        notes.append(f"years stated in the text reach {past_max}")
    ranked: list[Ranked] = []
    seen_full = anchors_for_year(timexes, None)
    year_options: list[int | None] = [*years] if years else [None]
    for y in year_options:
        anchors = anchors_for_year(timexes, y)
        if not anchors:
            continue
        ranked.extend(score_dates(timexes, _candidate_window(anchors), anchors, past_max or any_max))
    if not years and seen_full:
        ranked.extend(score_dates(timexes, _candidate_window(seen_full), seen_full, None))
    ranked.sort(key=lambda r: (r.cost, r.when))
    # Several years produce the same day; keep each date once.
    unique: dict[date, Ranked] = {}
    for r in ranked:
        unique.setdefault(r.when, r)
    return list(unique.values()), notes


# Words a date stamp may carry besides its date: "Published 12 March 2031", "0930 GMT, 12 March 2031",
# "Updated: Friday 11 March 2031 09.30".
_STAMP_WORDS = frozenset(
    "published updated posted last modified first on at by am pm a.m. p.m. gmt utc bst cet cest est "
    "edt pst pdt ist jst local time".split()
)
_STAMP_MAX_WORDS = 10
_TOKEN = re.compile(r"[^\s,:;|()\[\]–—-]+")


def date_stamps(raw: str, text: str, lang: str = "en") -> list[str]:
    """Lines of ``raw`` that the cleaner left out of ``text`` and that are only a date stamp.

    A page's dateline and a live blog's update times are boilerplate to the reader but the best
    evidence there is of when the page was written. A stamp must give a day, a month and a year and
    nothing but stamp words and clock times, so that a related link with its date ("Quake in Chile,
    27 February 2030") is not taken for one.
    """
    out: list[str] = []
    for line in raw.splitlines():
        line = line.strip()
        if not line or len(line.split()) > _STAMP_MAX_WORDS or line in text:
            continue
        full = [
            t for t in find_timexes(line, None, lang) if t.get("year") and t.get("month") and t.get("day")
        ]
        if not full:
            continue
        rest = line
        for t in full:
            rest = rest.replace(str(t["text"]), " ")
        words = [w.lower() for w in _TOKEN.findall(rest)]
        if all(w in _STAMP_WORDS or w.replace(".", "").isdigit() or _is_weekday(w) for w in words):
            out.append(line)
    return out


_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun".split()
)


def _is_weekday(word: str) -> bool:
    return word.rstrip(".") in _WEEKDAYS


def infer_published(text: str, title: str = "", lang: str = "en", stamps: Sequence[str] = ()) -> Json:
    """The writing date of an article from its text alone.

    ``stamps`` are date stamps the cleaner removed (:func:`date_stamps`); they lead the text the
    inference reads, as a dateline would.

    Returns ``{"date": "YYYY-MM-DD" | None, "confidence": float, "evidence": [str, ...]}`` (plus
    ``"guess"`` when the answer is None but a weak best candidate exists).
    """
    body = "\n\n".join([*stamps, text]) if stamps else text
    body = f"{title}\n\n{body}" if title else body
    timexes = find_timexes(body, None, lang)
    ranked, notes = rank_writing_dates(timexes)
    return decide(ranked, timexes, notes)
