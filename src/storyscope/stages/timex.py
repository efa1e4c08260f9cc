"""Time expressions in one article, normalised to TIMEX3-like values against its writing date.

Detection is a regex grammar over English news text (dateparser only reads a phrase once found, and
only for other languages): absolute dates ("19 July 2022", "Feb. 24", "in 2015", "the 1990s"), dates
relative to the writing date ("yesterday", "next week", "two weeks ago", "last month", a bare
weekday), durations ("three years", "a decade", "the past two months"), sets ("daily") and vague
references ("now", "recently", "the future").

Each expression is a JSON dict::

    {"text", "start", "end",        # offsets into the text
     "kind": "date" | "duration" | "set" | "time",
     "value": "2022-07-19" | "2022-07" | "2022" | "2022-W29" | "2022-Q3" | "P3Y" | "PRESENT_REF" | ...
              | None (a relative expression without a writing date),
     "precision": "day" | "week" | "month" | "quarter" | "season" | "half" | "year" | "decade" | "century"
                  | None,
     "anchor": "absolute" | "dct",   # "dct": the value depends on the writing date
     "tense": "past" | "future" | None,   # of the clause around the expression
     "weekday": 0-6 (weekday expressions), "month"/"day"/"year" (what the text itself states),
     "possessive": True (a weekday in the possessive, "Thursday's talks"), or absent,
     "attached": index of a date this weekday names ("Tuesday (July 19)"), or absent}

A bare weekday is resolved by tense: behind the writing date in a past clause ("said on Monday"),
ahead of it in a future one ("will attend ... on Tuesday"); the writing day itself counts in both
directions, so "said Tuesday" written on a Tuesday means that day. Tense comes from the nearest marker
in the sentence: modals and "is to / plans to / scheduled / expected" for the future; past-tense
verbs (an irregular-verb lexicon plus the "-ed" suffix) for the past.

This module detects expressions and runs the passes over a whole text; tense lives in
:mod:`storyscope.stages.tense`, the date vocabulary and the value of one expression in
:mod:`storyscope.stages.timevalue`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from storyscope.models import Article, Json
from storyscope.stages.tense import _FUTURE_PHRASES, _FUTURE_STRONG, _WORD, clause_tense
from storyscope.stages.timevalue import (
    _DAY_RE,
    _MOD_RE,
    _MONTH_RE,
    _NUM_RE,
    _ORDINALS,
    _SPOKEN_YEAR_RE,
    _UNIT_RE,
    _WEEKDAY_RE,
    _YEAR_OR_SPOKEN_RE,
    _YEAR_RE,
    _add_months,
    _Mention,
    _month_num,
    _value,
    _week,
    resolve_weekday,
)

# --- detection ----------------------------------------------------------------------------------


_Rule = tuple[str, re.Pattern[str]]


def _r(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_I = re.IGNORECASE
# Ordered from the most specific; overlaps are settled by length, then by this order.
_RULES: list[_Rule] = [
    ("iso", _r(rf"\b(?P<y>{_YEAR_RE})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3][0-9])\b")),
    ("mdy", _r(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAY_RE})\s*,?\s+(?P<y>{_YEAR_RE})\b")),
    ("dmy", _r(rf"\b(?P<d>{_DAY_RE})\s+(?:of\s+)?(?P<mon>{_MONTH_RE}),?\s+(?P<y>{_YEAR_RE})\b")),
    # "the week of March 6": the ISO week of that day.
    ("weekof", _r(
        rf"\b[Tt]he\s+week\s+of\s+(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAY_RE})\b(?:,?\s+(?P<y>{_YEAR_RE})\b)?")),
    ("md", _r(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAY_RE})(?:\s*[-–]\s*(?P<d2>{_DAY_RE}))?(?![\d,]*\d)\b")),
    ("dm", _r(rf"\b(?:the\s+)?(?P<d>{_DAY_RE})\s+(?:of\s+)?(?P<mon>{_MONTH_RE})(?!\w)")),
    ("my", _r(rf"(?i:\b{_MOD_RE}?)(?P<mon>{_MONTH_RE}),?\s+(?:of\s+)?(?P<y>{_YEAR_OR_SPOKEN_RE})\b")),
    ("month", _r(
        rf"(?i:(?P<mod>\b{_MOD_RE}|\b(?P<rel>last|next|this|early|late)\s+))?\b(?P<mon>{_MONTH_RE})(?!\w)(?!\s*\d)"
        r"(?i:\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year\b)?")),
    ("season", _r(
        rf"\b(?:(?P<rel>this\s+past|last|next|this|the\s+coming|the\s+past|early|late)\s+|(?P<the>the\s+))?"
        rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR_OR_SPOKEN_RE}))?\b", _I)),
    ("decade", _r(
        r"\b(?:[Tt]he\s+)?(?:(?i:early|late|mid)(?:-|\s+))?"
        r"(?:(?P<cent>1[89]|20)(?P<dec>[0-9])0s|'(?P<short>[0-9])0s)\b"
        r"|\b[Tt]he\s+(?:(?i:nineteen)[- ])?"
        r"(?P<word>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b")),
    ("century", _r(r"\b(?:the\s+)?(?P<ord>\d{2})(?:st|nd|rd|th)\s+century\b", _I)),
    ("year", _r(
        rf"(?i:\b(?P<mod>{_MOD_RE})|\b(?P<fiscal>fiscal)\s+|\bthe\s+year\s+)?\b(?P<y>{_YEAR_RE}|{_SPOKEN_YEAR_RE})\b(?![-./]?\d|%|,\d)")),
    ("quarter", _r(
        rf"\b(?:the\s+)?(?:(?P<qy>{_YEAR_RE})\s+)?(?:fiscal[- ])?"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|latest|current|last|past|year-earlier|year-ago"
        r"|this|next|coming|previous|prior)"
        r"[- ](?:fiscal[- ])?quarter\b"
        rf"(?:\s+of\s+(?P<qy2>{_YEAR_RE}))?", _I)),
    # Half years, only with the year they belong to or as a results adjective: "the first half" alone is
    # as often a match's.
    ("half", _r(
        r"\b(?:the\s+)?(?P<ord>first|second|last|latter|back)[- ]half\s+of\s+"
        rf"(?:(?P<y>{_YEAR_RE})\b|(?P<rel>this|last|next)\s+year\b|the\s+(?:current\s+)?year\b)"
        r"|\b(?P<ord2>first|second)-half(?=\s+(?:profits?|results|earnings|sales|loss(?:es)?|revenues?|net|growth)\b)",
        _I)),
    # Lower-case "quarter" only: "the Quarter" is a district.
    ("thequarter", _r(r"\b[Tt]he\s+quarter\b(?!\s+(?:of|century|mile|point|final)\b)")),
    # A reporting period named by its year ("the 1988 period", "the year-ago period"): the quarter the
    # report is about, in that year (see _financial_periods).
    ("period", _r(
        rf"\b(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?P<py>{_YEAR_RE}|year-earlier|year-ago|latest)"
        r"\s+(?:(?P<pord>first|second|third|fourth)\s+)?(?:period|quarter)\b", _I)),
    ("weekday", _r(
        rf"(?i:\b(?P<rel>this\s+past|last|next|this|coming|past|the\s+(?:previous|prior|following|next))\s+)?"
        rf"\b(?P<wd>{_WEEKDAY_RE})(?!\w)"
        r"(?i:\s+(?P<tod>morning|afternoon|evening|night)\b)?")),
    ("relday", _r(
        r"\b(?P<two>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))\b"
        r"|\b(?P<word>today|yesterday|tomorrow|tonight)(?:\s+(?P<tod>morning|afternoon|evening|night))?\b"
        r"|\b(?P<lastnight>last\s+night)\b"
        r"|\bthis\s+(?P<tod2>morning|afternoon|evening)\b"
        r"|\bmid[- ]?(?P<tod3>morning|afternoon)(?:\s+(?P<word2>yesterday|today|tomorrow))?\b", _I)),
    # "by year-end", "since year end": the last day of the year the tense points to.
    ("yearend", _r(r"\b(?:around\s+)?year(?:[- ]|['’]s\s+)end\b(?![- ]?\w)", _I)),
    ("ago", _r(
        rf"\b(?P<num>{_NUM_RE})(?P<half>\s+and\s+a\s+half)?\s+(?P<unit>{_UNIT_RE})\s+(?:or\s+so\s+)?"
        r"(?P<dir>ago|earlier|later|before|from\s+now|hence)\b", _I)),
    # "several years ago": a vague count back from now names the past, no date ("months ago": how long).
    ("vagueago", _r(
        r"\b(?:(?P<q>a\s+few|several|some|many)\s+)?(?P<unit>decades|years|months|weeks|days)\s+ago\b", _I)),
    ("relunit", _r(
        r"\b(?P<rel>last|next|this|the\s+coming|the\s+following|the\s+previous|the\s+last|the\s+next|"
        r"the\s+current|earlier\s+this|later\s+this|early\s+next|early\s+this|early\s+last|late\s+last|"
        r"late\s+this|late\s+next|the\s+end\s+of\s+(?:this|last|next|the)|the\s+same|the\s+latest)\s+"
        # A company's fiscal year is named by the calendar year it mostly falls in, as TimeML does.
        r"(?:(?P<fiscal>fiscal)\s+(?=year))?(?P<unit>week|weekend|month|year|decade|century)\b", _I)),
    # "the next day", "the same day": a day of the story, counted from the last date it stated.
    ("anaday", _r(r"\b[Tt]he\s+(?P<rel>following|previous|same|next|prior)\s+day\b(?!-)")),
    # The hyphenated adjective leaves its article out ("a year-earlier loss": "year-earlier").
    ("yearspan", _r(
        r"\b(?:(?P<y>a|one|two|three|four|five|\d+|the)\s+year\s+|(?:(?P<yh>one|two|three|four|five|\d+)-)?"
        r"year-)(?P<dir>earlier|ago)\b", _I)),
    ("duration", _r(
        rf"\b(?:(?P<pre>the\s+(?:past|last|next|first|coming|previous|following)|(?:the\s+)?(?:past|last|next|"
        rf"first|coming)|the)\s+)?(?P<num>{_NUM_RE}|a\s+few|several|a\s+couple\s+of|some|many|(?<=past\s|last\s|next\s)(?:few|couple\s+of))"
        rf"(?P<half>\s+and\s+a\s+half)?"
        r"(?:\s+(?:more|additional|further|straight|consecutive|trading|business|working))?[- ]"
        rf"(?P<unit>{_UNIT_RE})(?P<half2>\s+and\s+a\s+half)?(?P<old>\s+old)?\b(?!-old)", _I)),
    ("pastunit", _r(
        r"\b(?P<pre>the\s+(?:past|last|previous|coming|next))\s+(?P<unit>day|week|month|year|decade)\b", _I)),
    ("plural", _r(
        r"\b(?P<unit>decades|years|months|weeks|days|hours|centuries)\b(?=\s+(?:ago|of|later|earlier|before))"
        # "for years", "within weeks", "over the years", "the first time in years.": how long, unsaid.
        r"|(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bover\sthe\s))(?P<unit2>decades|years|months|weeks|days|hours|centuries)\b"
        r"|(?<=\bin\s)(?P<unit3>decades|years|months|weeks)\b(?=\s*[.,;)]|\s+(?:and|but)\b)", _I)),
    # "a decades-long feud", "the week-long strike": how long, as an adjective.
    ("long", _r(r"\b(?P<unit>(?:decade|year|month|week|day|hour)s?)(?=-long\b)", _I)),
    ("ref", _r(
        r"\b(?P<present>now|currently|presently|nowadays|at\s+present|these\s+days|at\s+the\s+moment)\b"
        r"|\b(?P<present2>current)\b(?!\s+(?:account|affairs|events|flowing|law|rules?|system|level))"
        # Left out, because in news they modify an event far more often than they place one in time:
        # "previously", "formerly", "soon", "shortly", the adjectives "recent" and "future" on their own.
        r"|\b(?P<past>recently|lately|the\s+past)\b"
        r"|\b(?P<recent>recent)\s+(?P<runit>days|weeks|months|years)\b"
        r"|\b(?P<future>the\s+(?:near\s+|distant\s+)?future"
        r"|(?:the\s+)?coming\s+(?:days|weeks|months|years|quarters)|the\s+(?:days|weeks|months|years)\s+ahead"
        r"|the\s+(?:near|short)\s+term(?![- ]))\b", _I)),
    # Holidays with a fixed or computable date; a bare "Christmas" or "Easter" only after a preposition or
    # "last/next/this" ("Christmas shopping" names no day).
    ("holiday", _r(
        r"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?"
        r"\b(?:(?P<named>Thanksgiving\s+Day|Christmas\s+(?:Day|Eve)|New\s+Year['’]s\s+(?:Day|Eve)|Easter\s+Sunday"
        r"|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Election\s+Day|Veterans\s+Day|Halloween"
        r"|Valentine['’]s\s+Day)|(?P<bare>Thanksgiving|Christmas|Easter)(?(rel)|(?!\s+[a-z])))\b")),
    # "the weekend" alone ("over the weekend"): the weekend the clause's tense points to.
    ("weekend", _r(r"\b[Tt]he\s+weekend\b")),
    # "the year" of a results report: "for the year" is the writing year, "the year ended June 30" a
    # twelve-month span; "the year before", "the year two thousand" are left to other rules.
    ("theyear", _r(
        r"\b[Tt]he\s+(?:(?P<qual>full|fiscal|calendar)\s+)?"
        r"year\b(?!['’]s|[- ](?:ago|earlier|before|after|later|end\b|round|two|nineteen|one|[0-9]))"
        r"(?P<ended>(?=\s+end(?:ed|ing)\b))?")),
    # Anaphoric: "that year", "later that day", "that same month" take the last date the text stated.
    ("thatunit", _r(
        r"\b(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?:[Tt]hat)\s+(?:same\s+)?(?P<unit>day|week|month|year)\b")),
    # Sets of weekdays and months: "each Thursday", "every July", "Mondays", "Tuesday nights".
    ("wdset", _r(
        rf"\b(?:(?i:every|each)\s+(?P<wd>{_WEEKDAY_RE})(?!\w)(?i:\s+(?P<tod>morning|afternoon|evening|night))?"
        r"|(?P<wdp>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)"
        rf"|(?P<wd2>{_WEEKDAY_RE})\s+(?P<tod2>mornings|afternoons|evenings|nights)"
        rf"|(?i:every|each)\s+(?P<mon>{_MONTH_RE}))\b")),
    ("set", _r(
        r"\b(?P<adv>daily|weekly|monthly|yearly|hourly|nightly)\b"
        r"|\b(?:every|each|per)\s+(?P<unit>day|week|month|year|night|morning|season|quarter)\b", _I)),
    # A clock time, with the day it names when one follows ("9 a.m. EDT Tuesday", "noon Nov. 9").
    ("time", _r(r"(?:\b(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5][0-9]))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)"
                r"|\b(?P<word>noon|midday|midnight)\b)"
                rf"(?:(?:\s+[A-Z][DS]?T\b|\s+GMT\b)?,?\s+(?:on\s+)?(?:(?P<twd>{_WEEKDAY_RE})(?!\w)"
                rf"|(?P<tmon>{_MONTH_RE})\s+(?P<tday>{_DAY_RE})\b))?", _I)),
]  # fmt: skip

# A bare "May"/"March" is a month only next to a date word: "in May", "May 2020", "early March".
_AMBIGUOUS_MONTHS = {"May", "March"}
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|from|to|through|during|before|after|last|next|this|early|late|"
    r"mid|end|between|and|or)\s*-?\s*|[,(]\s*)$",
    re.IGNORECASE,
)
# "for the year", "of the year": the year of the report.
_YEAR_PREP = re.compile(r"\b(?:for|of|in|through|during|throughout)\s+$", re.IGNORECASE)
_YEAREND_PREP = re.compile(r"\b(?:by|at|since|before|until|till|near|after)\s+$", re.IGNORECASE)
# A size, not a year: "a 1920 x 1080 screen", "2048-by-1536 pixels", "1440×2560".
_DIMENSION_AFTER = re.compile(r"(?:\s*[x×]\s*|-by-)\d{3,}\b", re.IGNORECASE)
_DIMENSION = re.compile(r"\d{3,}(?:\s*[x×]\s*|-by-)$", re.IGNORECASE)
# Words after a bare year that show it is a count, not a date ("2015 people").
_YEAR_COUNT_AFTER = re.compile(
    r"^\s+(?:(?!(?:was|has|is|as|its|his|this|thus|us|does|plus|whereas|unless|perhaps)\b)[a-z]+s\b"
    r"|of\s+(?:the|them)|percent|per\b)"
)


def _candidates(text: str) -> Iterator[_Mention]:
    for order, (name, rx) in enumerate(_RULES):
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            groups = m.groupdict()
            if name in ("month", "my") and not _month_ok(text, m, name):
                continue
            if name == "year" and _year_is_count(text, m):
                continue
            if name == "yearend" and not (
                m.group(0)[:1] in "aA" or _YEAREND_PREP.search(text[max(0, m.start() - 10) : m.start()])
            ):
                continue  # "year-end net": an adjective
            if (
                name == "duration"
                and groups.get("num", "").lower() in ("some", "many")
                and not groups.get("pre")
            ):
                continue
            if name == "ago" and _is_narrative_offset(groups):
                continue  # "three days later": the duration rule finds "three days"
            if name == "theyear" and _YEAR_PREP.search(text[max(0, m.start() - 12) : m.start()]):
                groups["prep"] = "yes"
            if name == "duration" and groups.get("old"):
                continue  # an age ("52 years old") is not a time expression
            if name == "duration" and _ORDINAL_SECOND.match(text, m.start()):
                continue  # "a second betrayal": the ordinal, not one second
            yield _Mention(m.start(), m.end(), name, groups, {"order": order})
            second = _SECOND_DAY.match(text, m.end()) if name == "md" and not groups.get("d2") else None
            if second:
                # "on April 24 and 25": the second day is a date of its own, in the same month.
                day_groups: dict[str, str | None] = {"mon": groups["mon"], "d": second.group("d")}
                yield _Mention(second.start("d"), second.end("d"), "md", day_groups, {"order": order})


# The day after "Month D and|or": a number closing the phrase, not a count ("April 24 and 25 people").
_SECOND_DAY = re.compile(
    rf"\s+(?:and|or)\s+(?P<d>{_DAY_RE})\b(?![.,]?\d)(?=\s*(?:[.,;:)]|$|(?:in|at|on|to|for|when|with|and|but)\b))"
)
_ORDINAL_SECOND = re.compile(
    r"(?i:an?\s+)second\s+(?!(?:ago|later|earlier|or|and|of|to|before|after)\b)[a-z]"
)


def _is_narrative_offset(groups: dict[str, str | None]) -> bool:
    """ "three days later", "a week before", "two months earlier" count from an event of the story, not
    from the writing date: TimeML marks the duration and leaves "later" as a signal. "A year earlier"
    stays a date (results reports compare with the year before the writing date)."""
    direction = (groups.get("dir") or "").lower()
    unit = (groups.get("unit") or "").lower()
    return direction in ("later", "before") or (direction == "earlier" and not unit.startswith("year"))


def _year_is_count(text: str, m: re.Match[str]) -> bool:
    if m.group("mod") or m.group("fiscal"):
        return False
    return (
        bool(_YEAR_COUNT_AFTER.match(text[m.end() : m.end() + 20]))
        or text[max(0, m.start() - 1)] in "$£€#"
        or bool(_DIMENSION.search(text[max(0, m.start() - 8) : m.start()]))
        or bool(_DIMENSION_AFTER.match(text, m.end()))
    )


def _month_ok(text: str, m: re.Match[str], rule: str) -> bool:
    mon = m.group("mon")
    if rule == "month" and len(mon) <= 4 and not mon.endswith(".") and mon not in ("May", "June", "July"):
        return False  # a bare "Jan" is a name far more often than January
    if mon not in _AMBIGUOUS_MONTHS or m.group(0) != mon:
        return True
    return bool(_MONTH_CONTEXT.search(text[max(0, m.start() - 20) : m.start()]))


def _select(cands: list[_Mention]) -> list[_Mention]:
    """Longest first, earlier rule first; no two kept mentions overlap."""
    chosen: list[_Mention] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.fields["order"], c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


# --- public API ---------------------------------------------------------------------------------

# A title or "vs." before a name never ends a sentence ("Roe vs. Wade", "Sen. Lunde").
_SENTENCE_END = re.compile(
    r"(?<!\bvs)(?<!\b(?:Mr|Ms|Dr|St|Lt))(?<!\b(?:Mrs|Sen|Rep|Gov|Gen|Col|Sgt|Rev))"
    r"[.!?]\s+(?=[A-Z\"“])|\n\s*\n"
)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 600), start):
        a = m.end()
    m2 = _SENTENCE_END.search(text, end)
    return a, (m2.start() + 1 if m2 else len(text))


# Quantity modifiers belong to a duration's span in TimeML ("nearly two years", "at least 72 hours").
_SPAN_MODIFIER = re.compile(
    r"\b(?:nearly|more\s+than|less\s+than|fewer\s+than|at\s+least|no\s+more\s+than|up\s+to)\s+$",
    re.IGNORECASE,
)


def _expression_fields(text: str, m: _Mention) -> Json:
    core_start, core_end = m.start, m.end
    if m.rule in ("duration", "ago", "yearspan") and text[m.start : m.start + 3].lower() != "the":
        mod = _SPAN_MODIFIER.search(text, max(0, m.start - 16), m.start)
        if mod:
            core_start = mod.start()
    # An adjective ("the 30-day period", "the third-quarter loss") leaves its article to the noun.
    lead = re.match(r"[Tt]he\s+(?=(?:fiscal\s+)?\S*\w-\w\S*$)", text[core_start:core_end])
    if lead and m.rule in ("duration", "quarter", "period", "yearspan"):
        core_start += lead.end()
    return {"text": text[core_start:core_end], "start": core_start, "end": core_end}


# "the quarter ended Sept. 30": the quarter a results report is about, named by its last month.
_QUARTER_ENDED = re.compile(rf"\bquarter\s+end(?:ed|ing)\s+(?P<mon>{_MONTH_RE})")
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
# A sentence about a longer span than a quarter keeps the plain year for "a year earlier".
_LONGER_PERIOD = re.compile(
    r"\b(?:nine|six)\s+months\b|\b(?:fiscal\s+)?year\s+end(?:ed|ing)\b|\bfor\s+the\s+(?:full\s+)?year\b"
    r"|\bfirst\s+half\b|\bannual\b",
    re.IGNORECASE,
)
_YEAR_BACK = re.compile(
    r"^(?:the\s+)?(?:a|one)[- ]year[- ](?:ago|earlier)$|year-(?:ago|earlier)", re.IGNORECASE
)


def _financial_periods(text: str, items: list[Json], rules: list[str], dct: date) -> None:
    """Quarterly-results convention: "up from $3 million a year earlier" compares with the same quarter
    of the year before, not with the whole year, so in a report that names a quarter, "a year ago",
    "the year-earlier period" and "the 1988 period" take the quarter under discussion."""
    if not re.search(r"\bquarter\b", text, re.IGNORECASE):
        return
    marks: list[tuple[int, int, int]] = []  # (position, year, quarter) of each named quarter
    for item, rule in zip(items, rules, strict=True):
        m = _QUARTER_VALUE.match(item.get("value") or "")
        # Quarters ahead ("expects a loss in the fourth quarter") are not the one being reported.
        # Nor are quarters named from the writing date ("this quarter", "next quarter").
        relative = re.search(r"\b(?:year-|this\b|next\b|coming\b)", item["text"], re.IGNORECASE)
        if rule == "quarter" and m and not relative and item["tense"] != "future":
            marks.append((item["start"], int(m.group(1)), int(m.group(2))))
    # A company that numbers its quarters by its fiscal year ("the fiscal first quarter ended Sept. 30")
    # means that number, not the calendar quarter its closing month falls in.
    fiscal = any(
        r == "quarter" and "fiscal" in it["text"].lower() for it, r in zip(items, rules, strict=True)
    )
    for qm in [] if fiscal else _QUARTER_ENDED.finditer(text):
        mon = _month_num(qm.group("mon"))
        y = dct.year if mon <= dct.month else dct.year - 1
        # Three months ended in a month that closes no calendar quarter ("ended July 31": May to July)
        # fall mostly in the calendar quarter of their middle month.
        mid = mon - 1 or 12
        marks.append((qm.start(), y - (mid == 12 and mon == 1), (mid - 1) // 3 + 1))
    marks.sort()
    current = (dct.month - 1) // 3 + 1
    default = (dct.year, current - 1) if current > 1 else (dct.year - 1, 4)
    for item, rule in zip(items, rules, strict=True):
        if rule not in ("period", "yearspan", "ago", "thequarter"):
            continue
        if rule in ("yearspan", "ago") and not _YEAR_BACK.search(item["text"]):
            continue
        before = [mk for mk in marks if mk[0] < item["end"]]  # "the quarter ended July 31" names itself
        if not before and not re.search(r"\bquarter\b", text[: item["start"]], re.IGNORECASE):
            continue
        s_start, s_end = _sentence_bounds(text, item["start"], item["end"])
        if rule in ("yearspan", "ago") and _LONGER_PERIOD.search(text[s_start:s_end]):
            continue
        y, q = (before[-1][1], before[-1][2]) if before else default
        pord = re.search(r"\b(first|second|third|fourth)\b", item["text"], re.IGNORECASE)
        if rule == "period" and pord:
            q = _ORDINALS[pord.group(1).lower()]
        stated = item.get("year") if rule == "period" else None
        back = rule in ("yearspan", "ago") or (rule == "period" and "-" in item["text"])
        y = stated if stated else y - 1 if back else y
        item.update(value=f"{y}-Q{q}", precision="quarter")


_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|to|and|through|until|till)\s*$", re.IGNORECASE)
_YEARLESS = re.compile(r"^(\d{4})(-\d{2}(?:-\d{2})?)$")


def _order_ranges(text: str, items: list[Json]) -> None:
    """A range of year-less dates runs forwards: "from November to February" ends in the year after it
    starts (announced: the end moves on a year; reported: the start moves back one)."""
    for a, b in pairwise(items):
        if a.get("year") or b.get("year") or not (a.get("month") and b.get("month")):
            continue
        if a["kind"] != "date" or b["kind"] != "date" or not _RANGE_GAP.match(text[a["end"] : b["start"]]):
            continue
        ma, mb = _YEARLESS.match(a.get("value") or ""), _YEARLESS.match(b.get("value") or "")
        if not (ma and mb) or b["value"] >= a["value"]:
            continue
        if a.get("tense") == "future" or b.get("tense") == "future":
            b["value"] = f"{int(mb.group(1)) + 1}{mb.group(2)}"
        else:
            a["value"] = f"{int(ma.group(1)) - 1}{ma.group(2)}"


_ANAPHORIC = re.compile(
    r"^the\s+(?P<rel>following|previous|same|next|prior)\s+(?P<unit>day|week|month|year)$", re.IGNORECASE
)
_PRECISION_CHARS = {"year": 4, "month": 7, "day": 10, "week": 10}


# What separates a date from the one set beside it in apposition: "the same year, 1995,", "that day (May 4)".
_APPOSED = re.compile(r"\s*(?:,|\(|[—–]|\s-)\s*")


def _apposed_value(items: list[Json], i: int, text: str, unit: str) -> str | None:
    """The value of the date set in apposition right after ``items[i]`` ("the same year, 1995"), when it
    is stated in at least as much detail as ``unit``: it names the year, not the last date stated."""
    if i + 1 >= len(items):
        return None
    nxt = items[i + 1]
    value = nxt.get("value") or ""
    keep = _PRECISION_CHARS.get(unit, 10)
    if (
        nxt.get("anchor") == "absolute"
        and nxt["kind"] == "date"
        and len(value) >= keep
        and re.match(r"\d{4}", value)
        and _APPOSED.fullmatch(text[items[i]["end"] : nxt["start"]])
    ):
        return value[:keep]
    return None


def _anaphoric_units(items: list[Json], rules: list[str], text: str) -> None:
    """ "the following year", "the previous month", "the same day", "that week": counted from the last
    date the text stated in at least as much detail, not from the writing date ("On May 22, 1995, ... and
    the following year" is 1996; "In March ... The following month" is April of the year that March was
    resolved to; "on Monday ... the following day" is the Tuesday after that Monday)."""
    last: date | None = None  # the last absolute date, whatever its detail (the fallback)
    stated: list[str] = []  # values of the dates so far, any anchor ("YYYY", "YYYY-MM", "YYYY-MM-DD")
    for i, (item, rule) in enumerate(zip(items, rules, strict=True)):
        m = _ANAPHORIC.match(item["text"]) if rule in ("relunit", "anaday") else None
        apposed = _apposed_value(items, i, text, item["precision"]) if m or rule == "thatunit" else None
        if apposed is not None:
            item["value"] = apposed
            m = None
        # "the next week" counts from the writing date as often as from a date of the story.
        if m and (rule == "anaday" or m.group("rel").lower() not in ("next", "prior")):
            unit = m.group("unit").lower()
            fit = next((v for v in reversed(stated) if len(v) >= _PRECISION_CHARS[unit]), None)
            base = parse_iso((fit + "-01-01")[:10]) if fit else last
            if base is not None:
                step = {"following": 1, "next": 1, "previous": -1, "prior": -1}.get(m.group("rel").lower(), 0)
                item["value"] = _unit_step(base, unit, step)
        if rule == "weekday" and stated and _STORY_WEEKDAY.match(item["text"]):
            _story_weekday(item, stated)
        if rule == "thatunit" and stated and apposed is None:
            # "that year", "later that day": the last date stated in as much detail.
            unit = item["precision"]
            keep = _PRECISION_CHARS.get(unit, 10)
            fit = next((v for v in reversed(stated) if len(v) >= keep), None)
            base = parse_iso(fit)
            item["value"] = _week(base) if unit == "week" and base else fit[:keep] if fit else None
        if item.get("anchor") == "absolute" and item.get("year") and item["kind"] == "date":
            last = date(item["year"], item.get("month") or 1, item.get("day") or 1)
        value = item.get("value") or ""
        if item["kind"] in ("date", "time") and re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?:$|T)", value):
            stated.append(value[:10])


_STORY_WEEKDAY = re.compile(r"^the\s+(?P<rel>previous|prior|following|next)\s", re.IGNORECASE)


def _story_weekday(item: Json, stated: list[str]) -> None:
    """ "the previous Friday", "the following Monday": the weekday before or after the last day the story
    stated. Such a day says nothing about the writing date, so it loses its weekday fields."""
    m = _STORY_WEEKDAY.match(item["text"])
    base = next((parse_iso(v) for v in reversed(stated) if len(v) == 10), None)
    if not m or base is None:
        return
    wd = item["weekday"]
    if m.group("rel").lower() in ("previous", "prior"):
        when = base - timedelta(days=(base.weekday() - wd) % 7 or 7)
    else:
        when = base + timedelta(days=(wd - base.weekday()) % 7 or 7)
    value = item.get("value") or ""
    item["value"] = when.isoformat() + (value[10:] if len(value) > 10 else "")
    item.pop("weekday", None)
    item.pop("direction", None)


def _clock_times_on_their_day(text: str, items: list[Json], rules: list[str]) -> None:
    """A clock time without a day of its own ("shot at 10 p.m.") falls on the day its sentence names
    ("on Friday ... at 10 p.m."), not on the writing date."""
    for i, (item, rule) in enumerate(zip(items, rules, strict=True)):
        value = item.get("value") or ""
        # Skipped: a time with its weekday or date already ("9 a.m. Tuesday", "noon Nov. 9").
        if rule != "time" or not value[:1].isdigit() or re.search(r"[A-Z][a-z]", item["text"]):
            continue
        s_start, s_end = _sentence_bounds(text, item["start"], item["end"])
        days = [
            (abs(j - i), other["value"][:10])
            for j, other in enumerate(items)
            if j != i
            and s_start <= other["start"] < s_end
            and other.get("precision") == "day"
            and parse_iso(other.get("value"))
        ]
        if days:
            item["value"] = min(days)[1] + value[10:]


def _unit_step(base: date, unit: str, step: int) -> str:
    """The day, week, month or year ``step`` units from ``base``, as a TIMEX3 value."""
    if unit == "year":
        return str(base.year + step)
    if unit == "month":
        d = _add_months(base, step)
        return f"{d.year}-{d.month:02d}"
    if unit == "week":
        return _week(base + timedelta(days=7 * step))
    return (base + timedelta(days=step)).isoformat()


# "since shortly after the Oct. 23 crash": "since" with a few words of its own still looks back.
_SINCE_BEFORE = re.compile(
    r"\bsince\s+(?:(?:shortly|just|soon|right|long)\s+)?(?:after|before)\s+(?:the\s+)?$", re.IGNORECASE
)
# "will one day be a city": "one day" after a modal is some day ahead, not a duration.
_SOMEDAY = re.compile(r".*\b(?:will|would|could|may|might|can|shall)\s+one\s+day$", re.IGNORECASE | re.DOTALL)
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|through)\s+(?:the\s+)?$")


# A determiner or possessive and at most two modifiers before a month and day that names an event
# ("the deadly Jan. 6 riot", "Tehran's Oct. 3 decree"), not a preposition ("the evening of May 9").
_ATTRIBUTIVE_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|our|this|that)|['’]s)"
    r"(?:\s+(?!(?:of|in|on|at|by|from|to|since|until|for|after|before)\b)[a-z][a-z-]*){0,2}\s+$",
    re.IGNORECASE,
)
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:and|or|to|through|until|till|at|in|on|of|by|for|as|when)\b)[A-Za-z][a-z-]+\b"
)


def find_timexes(text: str, dct: date | None, lang: str = "en") -> list[Json]:
    """Every time expression in ``text``, normalised against the writing date ``dct`` (may be None).

    Without ``dct`` absolute expressions still get values; relative ones keep what the text states
    (``weekday``, ``month``/``day``, ``offset_days``) and a value with ``X`` placeholders or None.
    Languages other than English go through dateparser's search and yield absolute dates only.
    """
    if lang != "en":
        return _find_other_language(text, dct, lang)
    mentions = _select(list(_candidates(text)))
    out: list[Json] = []
    rules: list[str] = []
    for m in mentions:
        s_start, s_end = _sentence_bounds(text, m.start, m.end)
        tense = clause_tense(text[s_start:s_end], m.start - s_start, m.end - s_start)
        # A day or a bare year used as a modifier names a thing ("the Jan. 6 riot", "the 2015 deal").
        attributive = (m.rule == "md" or (m.rule == "year" and text[m.start : m.end].isdigit())) and bool(
            _ATTRIBUTIVE_BEFORE.search(text[max(0, m.start - 40) : m.start])
            and _NOUN_AFTER.match(text, m.end)
        )
        names_event = attributive and m.rule == "md"
        before = text[max(0, m.start - 12) : m.start].lower()
        if re.search(r"\b(?:since|ago)\s+(?:early\s+|late\s+|mid-?)?$", before) or _SINCE_BEFORE.search(
            text[max(0, m.start - 40) : m.start]
        ):
            tense = "past"  # "since February" looks back whatever the main verb says
        elif tense == "past" and _DEADLINE_BEFORE.search(before):
            tense = None  # a deadline set in the past lies ahead of the report as often as behind it
        elif names_event:
            # "investigating the deadly Jan. 6 riot": a day that names an event names one that has
            # happened, whatever the tense of the clause around it.
            tense = "past"
        item = _expression_fields(text, m)
        item.update(_value(m, dct, tense))
        if m.rule == "relday" and tense is None and _generic_today(text, m.start, m.end):
            item.update(kind="date", value="PRESENT_REF", anchor="dct", precision=None)
        if m.rule == "duration" and _SOMEDAY.match(text, max(0, m.start - 12), m.end):
            item.update(kind="date", value="FUTURE_REF", anchor="dct")  # "will one day be": some day ahead
        if item["kind"] == "date" and item["value"] is None and item["precision"] is None:
            continue
        item["tense"] = tense
        if "weekday" in item and tense is None and not m.groups.get("rel"):
            item["_loose"] = True  # no tense, no "next/last": the article's other mentions may fix it
        if attributive:
            item["attributive"] = True  # the timeline does not date a sentence by it
        if "weekday" in item and re.match(r"['’]s\b", text[m.end : m.end + 3]):
            item["possessive"] = True  # "Thursday's talks": names an event rather than placing a verb
            if dct and m.rule == "weekday" and not m.groups.get("rel"):
                value = _possessive_weekday(text[s_start:s_end], item, dct)
                # Only the announcement's own future marker fixes a possessive day; the past is a guess.
                item["_loose"] = value != item["value"] or item.get("_loose", False)
                item["value"] = value
        out.append(item)
        rules.append(m.rule)
    _attach_weekdays(text, out)
    out, rules = _merge_weekday_dates(text, out, rules)
    _one_day_per_weekday(out)
    _order_ranges(text, out)
    _anaphoric_units(out, rules, text)
    _clock_times_on_their_day(text, out, rules)
    if dct:
        _financial_periods(text, out, rules, dct)
    return out


# "automobiles today are controlled by chips", "ferries today carry twice as many cars": "today" after a
# plural noun, in a simple present, is the present age, not the day of writing (an irregular plural,
# "children today", is not recognised). A past ("shares today
# rose") or a progressive ("officials today are weighing") is about the day.
_PLURAL_BEFORE = re.compile(
    r"\b(?!(?:is|was|has|does|says|as|its|this|his|hers|ours|yours|theirs|thus|us|plus|less|unless)\b)"
    r"[a-z]{3,}s\s+$",
    re.IGNORECASE,
)
_PROGRESSIVE_AFTER = re.compile(r"^\s+(?:are|is|were|was)\s+(?:still\s+|now\s+)?\w+ing\b")
# Between the subject and its verb: a word follows, not a preposition or the end of the clause ("I know
# about the stories today.", "apply for visas today at the mission" are about the day).
_VERB_AFTER = re.compile(r"^\s+(?!(?:at|in|on|for|to|and|or|but|with|from|by|of|as|that|than)\b)[a-z]+\b")


def _generic_today(text: str, start: int, end: int) -> bool:
    if text[start:end].lower() != "today":
        return False
    after = text[end : end + 40]
    return (
        bool(_PLURAL_BEFORE.search(text[max(0, start - 30) : start]))
        and bool(_VERB_AFTER.match(after))
        and not _PROGRESSIVE_AFTER.match(after)
    )


def _possessive_weekday(sentence: str, item: Json, dct: date) -> str:
    """ "Thursday's closing price", "get around Wednesday's ruling": an event named by its day has
    mostly taken place already (or takes place today), whatever the clause's verb says; only a plain
    announcement ("Sunday's vote will decide", "is expected to") points ahead."""
    value = item.get("value") or ""
    words = {w.lower().replace("’", "'") for w in _WORD.findall(sentence)}
    if words & _FUTURE_STRONG or any(w.endswith("'ll") for w in words) or _FUTURE_PHRASES.search(sentence):
        return value
    suffix = value[10:] if len(value) > 10 else ""
    return resolve_weekday(item["weekday"], dct, "past").isoformat() + suffix


def _one_day_per_weekday(items: list[Json]) -> None:
    """A weekday the sentence leaves undetermined ("has not been invited to Thursday's talks", "talks
    Thursday") takes the date the same weekday got from a tensed clause elsewhere in the article ("will
    travel ... on Thursday"): a news report rarely names two different Thursdays, and when its other
    mentions disagree the guess stays."""
    fixed: dict[int, set[str]] = {}
    for item in items:
        if "weekday" in item and not item.get("_loose") and item.get("value"):
            fixed.setdefault(item["weekday"], set()).add(str(item["value"])[:10])
    for item in items:
        if not item.pop("_loose", False) or "attached" in item or not item.get("value"):
            continue
        days = fixed.get(item["weekday"], set())
        if len(days) == 1:
            (day,) = days
            value = str(item["value"])
            item["value"] = day + value[10:]


_ATTACH_GAP = re.compile(r"^\s*(?:,|\()?\s*(?:the\s+)?$")


def _attach_weekdays(text: str, items: list[Json]) -> None:
    """Link a weekday to the date right next to it ("Tuesday, July 19", "next Tuesday (July 19)")."""
    for i, item in enumerate(items):
        if "weekday" not in item:
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < len(items) and items[j].get("day") and items[j].get("month"):
                a, b = (item["end"], items[j]["start"]) if j > i else (items[j]["end"], item["start"])
                gap = text[a:b]
                if len(gap) <= 4 and (_ATTACH_GAP.match(gap) or gap.strip() in (",", "(", ")", ", ")):
                    item["attached"] = j
                    items[j]["attached"] = i
                    # The stated date wins when it falls on the stated weekday.
                    stated = parse_iso(items[j].get("value"))
                    if stated and stated.weekday() == item["weekday"]:
                        item["value"] = items[j]["value"]
                    break


def _merge_weekday_dates(text: str, items: list[Json], rules: list[str]) -> tuple[list[Json], list[str]]:
    """ "Friday, Oct. 23" is one expression in TimeML: a weekday followed by the date it falls on (a comma
    or a space between them, no parenthesis) joins the date. The joined item keeps the weekday fields and
    is attached to itself, so readers of ``attached`` see the same weekday and date as before."""
    drop: set[int] = set()
    for i, item in enumerate(items):
        j = item.get("attached")
        if "weekday" not in item or j != i + 1 or item.get("possessive") or item.get("kind") != "date":
            continue
        date_item = items[j]
        if date_item.get("kind") != "date" or "weekday" in date_item:
            continue
        if not re.fullmatch(r"\s*,?\s*", text[item["end"] : date_item["start"]]):
            continue
        date_item.update(
            text=text[item["start"] : date_item["end"]],
            start=item["start"],
            weekday=item["weekday"],
            direction=item.get("direction"),
        )
        if date_item.get("value") is None:
            date_item["value"] = item.get("value")
        drop.add(i)
    if not drop:
        return items, rules
    new_index: dict[int, int] = {}
    for i in range(len(items)):
        if i not in drop:
            new_index[i] = len(new_index)
    kept = [it for i, it in enumerate(items) if i not in drop]
    kept_rules = [r for i, r in enumerate(rules) if i not in drop]
    for old_i, it in enumerate(items):
        if old_i in drop or "attached" not in it:
            continue
        target = it["attached"]
        it["attached"] = new_index[old_i] if target in drop else new_index.get(target, new_index[old_i])
    return kept, kept_rules


# Languages whose numeric dates put the year first (ISO-like "2022. 03. 12."); the others write the
# day first.
_YEAR_FIRST_LANGUAGES = frozenset("zh ja ko hu lt mn".split())


def _find_other_language(text: str, dct: date | None, lang: str) -> list[Json]:
    """Absolute dates in a non-English text via dateparser's search (it finds and parses phrases)."""
    from datetime import datetime

    from dateparser.search import search_dates

    settings: dict[str, Any] = {"REQUIRE_PARTS": ["month"], "PREFER_DATES_FROM": "past"}
    if lang not in _YEAR_FIRST_LANGUAGES:
        # dateparser's search reads "12.03.2022" month first whatever the language; Europe and most of
        # the world write the day first.
        settings["DATE_ORDER"] = "DMY"
    if dct:
        settings["RELATIVE_BASE"] = datetime(dct.year, dct.month, dct.day)
    try:
        found = search_dates(text, languages=[lang], settings=settings) or []
    except Exception:  # dateparser fails on some inputs (regex overflow, odd locales); no dates then
        return []
    out: list[Json] = []
    pos = 0
    for phrase, when in found:
        idx = text.find(phrase, pos)
        if idx < 0:
            continue
        pos = idx + len(phrase)
        if not _names_a_date(phrase, when.year, lang):
            continue
        has_year = bool(re.search(r"\b(?:1[89]|20)\d{2}\b", phrase))
        has_day = bool(re.search(r"\b\d{1,2}\b", re.sub(r"\b(?:1[89]|20)\d{2}\b", "", phrase)))
        if not has_year and not dct:
            continue
        precision = "day" if has_day else "month"
        value = when.date().isoformat() if has_day else f"{when.year}-{when.month:02d}"
        item: Json = {"text": phrase, "start": idx, "end": idx + len(phrase), "kind": "date", "value": value,
                      "precision": precision, "anchor": "absolute" if has_year else "dct", "tense": None,
                      "month": when.month}  # fmt: skip
        if has_year:
            item["year"] = when.year
        if has_day:
            item["day"] = when.day
        out.append(item)
    return out


_EN_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\b\d{4}[./-]\d{1,2}[./-]\d{1,2}\b"
)


def _names_a_date(phrase: str, year: int, lang: str) -> bool:
    """Whether a phrase dateparser's search found names a calendar date: a month (read through
    dateparser's own translation of the phrase) or a numeric date, and, when it states a year, that
    year. Its search also returns "a un" (read as "year 1") and "en 2010, a" (a year 4021)."""
    from dateparser.conf import Settings
    from dateparser.languages import default_loader

    stated = re.search(r"\b(?:1[89]|20)\d{2}\b", phrase)
    if stated and int(stated.group()) != year:
        return False
    try:
        english = default_loader.get_locale(lang).translate(phrase, settings=Settings())
    except Exception:  # an unknown locale or a phrase its rules choke on: not a date we can trust
        return False
    return bool(_EN_MONTH.search(english.lower()))


def parse_iso(value: str | None) -> date | None:
    """A ``date`` from "YYYY-MM-DD" (None for anything else)."""
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class TimexStage:
    """Per-article stage: the writing date (given or inferred) and every time expression against it."""

    name = "timex"
    version = "20"

    def setup(self) -> None:
        """Nothing to load: the grammar is compiled at import."""

    def run(self, articles: list[Article]) -> list[Json]:
        """One annotation per article: published, published_inferred, confidence, evidence, timexes."""
        from storyscope.stages.pubdate import date_stamps, infer_published

        out: list[Json] = []
        for art in articles:
            text = art.text or art.raw
            lang = (art.language or "en").split("-")[0]
            given = parse_iso(art.published)
            if given is not None:
                ann: Json = {"published": given.isoformat(), "published_inferred": False, "confidence": 1.0,
                             "evidence": ["metadata"]}  # fmt: skip
            else:
                stamps = date_stamps(art.raw, text, lang) if art.text and art.raw else []
                inf = infer_published(text, art.title, lang, stamps)
                ann = {"published": inf["date"], "published_inferred": True, "confidence": inf["confidence"],
                       "evidence": inf["evidence"]}  # fmt: skip
            ann["timexes"] = find_timexes(text, parse_iso(ann["published"]), lang)
            out.append(ann)
        return out
