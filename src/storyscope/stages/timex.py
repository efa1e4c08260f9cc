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
     "precision": "day" | "week" | "month" | "quarter" | "season" | "year" | "decade" | "century" | None,
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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Any

from storyscope.models import Article, Json

# --- vocabulary ---------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "half a": 0.5, "a couple of": 2, "a couple": 2,
}  # fmt: skip
_VAGUE_NUMBERS = ("a few", "several", "some", "many", "few", "a number of")
_UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "2W",
    "month": "M", "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE", "quarter": "Q",
}  # fmt: skip
# Sets by the first three letters of their unit word ("daily", "every week", "annually").
_SET_UNITS = {
    "dai": "D", "day": "D", "nig": "D", "mor": "D", "wee": "W", "mon": "M", "ann": "Y", "yea": "Y",
    "hou": "TH", "sea": "Y",
}  # fmt: skip
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_TIME_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}

# Month names are matched case-sensitively (capitalised), so "may" the modal never reads as May.
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY_RE = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs)?\.|Fri\.)"
)
_DAY_RE = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[89][0-9]{2}|20[0-9]{2})"
# A year said in words, as transcripts write it: "nineteen ninety-six", "two thousand", "twenty twelve".
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_SPOKEN_YEAR_RE = (
    rf"(?:(?:[Nn]ineteen|[Tt]wenty)[- ](?:{_TEENS}|(?:{_TENS})(?:[- ](?:{_ONES}))?|oh[- ](?:{_ONES}))"
    rf"|[Tt]wo\s+thousand(?:\s+(?:and\s+)?(?:{_TEENS}|{_ONES}))?)"
)
_YEAR_OR_SPOKEN_RE = rf"(?:{_YEAR_RE}|{_SPOKEN_YEAR_RE})"
_NUM_WORDS = "|".join(sorted((re.escape(k) for k in _NUMBERS), key=len, reverse=True))
_NUM_RE = (
    r"(?:\d+(?:\.\d+|\s+1/2)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
    rf"(?:one|two|three|four|five|six|seven|eight|nine)|{_NUM_WORDS})"
)
_UNIT_RE = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries"
    # Only the plural: "a quarter" is as often a fraction as three months.
    r"|quarters(?!\s+of\b))"
)
_MOD_RE = r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[- ]\s*)"

# --- tense --------------------------------------------------------------------------------------

_FUTURE_STRONG = frozenset("will shall 'll won't wo upcoming scheduled".split())
_FUTURE_PHRASES = re.compile(
    r"\b(?:is|are|am|was|were)\s+(?:due|set|expected|scheduled|slated|poised|going|planning|hoping)?\s*to\s+"
    r"|\b(?:plans?|planned|planning|intends?|intending|aims?|hopes?|expects?|wants?)\s+to\b"
    r"|\b(?:is|are|am)\s+(?:expected|scheduled|due|slated)\b"
    r"|\b(?:set|due|slated|poised)\s+to\s+[a-z]"
    # An agreement or promise is to something after it ("agreed to buy the line in February").
    r"|\b(?:agree[sd]?|agreements?|promis(?:ed|es)|pledged?|vow(?:ed|s)?|decided?|voted?)\s+to\s+[a-z]"
    # Payment and start dates of announcements lie ahead ("payable Jan. 2", "effective Feb. 1").
    r"|\b(?:payable|effective|expiring|maturing)\b",
    re.IGNORECASE,
)
_FUTURE_WEAK = frozenset("would could might may".split())
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|told|announced|added|stated|warned|predicted|promised)\b", re.IGNORECASE
)
_PAST_IRREGULAR = frozenset(
    """
    was were had did said told met went came took made gave held began saw thought found left felt
    brought bought kept knew led lost meant paid put ran rose fell sent set sat spoke stood won wrote
    became broke built caught chose drew drove ate fought flew forgot got grew heard hid hit hurt laid
    lay lent let lit read rode rang sang sank shot shut slept sold spent spun stole struck swore taught
    tore threw understood woke wore withdrew overtook undertook ago
    """.split()
)
# Irregular past forms that are also participles: after "be" they are passive ("would be paid").
_IRREGULAR_PARTICIPLES = frozenset(
    """
    held made paid put set sent sold spent told built bought brought caught found kept laid led left lost
    read shot shut struck taught hit hurt let
    """.split()
)
# "-ed" words that are not past-tense verbs.
_NOT_PAST = frozenset(
    """
    need needed indeed red bed hundred speed seed feed proceed exceed succeed shed bred wed fled breed
    united based so-called armed aged advanced limited detailed concerned related interested supposed
    """.split()
) - {"needed", "fled"}
# "unspecified", "untouched", "unexpected": adjectives, not verbs ("unveiled", "undermined" are verbs).
_UN_ADJECTIVE = re.compile(r"un(?!der|veil|leash|lock|fold|earth|load|seal|rave|ifi|it)[a-z]+ed$")
_HAD_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?$", re.IGNORECASE)
_HAVE_AFTER = re.compile(r"\s+(?:not\s+)?have\b", re.IGNORECASE)
_PARTICIPLE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|am|as)\s+$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def clause_tense(sentence: str, start: int, end: int) -> str | None:
    """ "past", "future" or None for the clause around ``sentence[start:end]``: the nearest marker wins.

    Distance counts words; weak modals ("would", "could") count two words further than they are, and
    a tie goes to the marker before the expression (the verb usually governs a following "on Monday").
    """
    best: tuple[float, int, str] | None = None
    for m in _FUTURE_PHRASES.finditer(sentence):
        # "had been due to expire Friday": a plan in the past perfect lies behind the report.
        had = _HAD_BEFORE.search(sentence[max(0, m.start() - 12) : m.start()])
        best = _closer(
            best,
            _word_distance(sentence, m.start(), m.end(), start, end),
            m.start() < start,
            "past" if had else "future",
        )
    for m in _WORD.finditer(sentence):
        if start <= m.start() < end:
            continue
        w = m.group().lower().replace("’", "'")
        tense: str | None = None
        penalty = 0.0
        if (w in _FUTURE_WEAK or w in ("should", "must")) and _HAVE_AFTER.match(sentence, m.end()):
            tense = "past"  # "may have been", "would have closed": a modal perfect looks back
        elif w in _FUTURE_STRONG or w.endswith("'ll"):
            tense = "future"
        elif w in _FUTURE_WEAK:
            # A weak modal is often conditional, but in reported speech it is the future of the
            # report ("said Lunesia would ask for more water between June and September").
            reported = m.start() < start and _SPEECH_BEFORE.search(sentence[: m.start()])
            tense, penalty = "future", (0.0 if reported else 2.0)
        elif (
            (
                w in _PAST_IRREGULAR
                or (w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST and not _UN_ADJECTIVE.match(w))
            )
            and not (
                (w not in _PAST_IRREGULAR or w in _IRREGULAR_PARTICIPLES)
                and m.group()[0].islower()
                # A participle after "be" (passive: its auxiliary carries the tense) or "as" ("as planned").
                and _PARTICIPLE_BEFORE.search(sentence[max(0, m.start() - 8) : m.start()])
            )
            and (w in _PAST_IRREGULAR or m.group()[0].islower())
        ):
            tense = "past"
        if tense is None:
            continue
        dist = _word_distance(sentence, m.start(), m.end(), start, end) + penalty
        best = _closer(best, dist, m.start() < start, tense)
    return best[2] if best else None


def _closer(
    best: tuple[float, int, str] | None, dist: float, before: bool, tense: str
) -> tuple[float, int, str]:
    key = (dist, 0 if before else 1, tense)
    return key if best is None or key[:2] < best[:2] else best


_CLAUSE_BREAK = re.compile(r"[,;:(]|\b(?:that|which|while|whereas|but|because)\b", re.IGNORECASE)


_QUOTED = re.compile(r"“[^”]*”|(?:``|'')[^'`\"]*''|\"[^\"]*\"")


@lru_cache(maxsize=64)
def _quotations(sentence: str) -> tuple[tuple[int, int], ...]:
    return tuple(q.span() for q in _QUOTED.finditer(sentence))


def _quote_of(sentence: str, pos: int) -> int:
    """The start of the quotation around ``pos`` in ``sentence`` (-1 outside quotations)."""
    return next((a for a, b in _quotations(sentence) if a <= pos < b), -1)


def _word_distance(sentence: str, a: int, b: int, start: int, end: int) -> float:
    """Words between a marker and the expression; a marker in another clause counts only when the
    expression's own clause has none. A quotation is a clause of its own: the reporting verb outside
    it does not give the tense of a day named inside it ("'He will leave at 4 a.m. Thursday,' she said")."""
    gap = sentence[b:start] if b <= start else sentence[end:a]
    other = _quote_of(sentence, a) != _quote_of(sentence, start)
    return len(_WORD.findall(gap)) + (20.0 if _CLAUSE_BREAK.search(gap) else 0.0) + (20.0 if other else 0.0)


# --- detection ----------------------------------------------------------------------------------


@dataclass
class _Mention:
    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    fields: dict[str, Any] = field(default_factory=dict)


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
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|latest|current|last|past|year-earlier|year-ago)"
        r"[- ](?:fiscal[- ])?quarter\b"
        rf"(?:\s+of\s+(?P<qy2>{_YEAR_RE}))?", _I)),
    # Lower-case "quarter" only: "the Quarter" is a district.
    ("thequarter", _r(r"\b[Tt]he\s+quarter\b(?!\s+(?:of|century|mile|point|final)\b)")),
    # A reporting period named by its year ("the 1988 period", "the year-ago period"): the quarter the
    # report is about, in that year (see _financial_periods).
    ("period", _r(
        rf"\b(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?P<py>{_YEAR_RE}|year-earlier|year-ago|latest)"
        r"\s+(?:(?P<pord>first|second|third|fourth)\s+)?(?:period|quarter)\b", _I)),
    ("weekday", _r(
        rf"(?i:\b(?P<rel>this\s+past|last|next|this|coming|past)\s+)?\b(?P<wd>{_WEEKDAY_RE})(?!\w)"
        r"(?i:\s+(?P<tod>morning|afternoon|evening|night)\b)?")),
    ("relday", _r(
        r"\b(?P<word>today|yesterday|tomorrow|tonight)(?:\s+(?P<tod>morning|afternoon|evening|night))?\b"
        r"|\b(?P<lastnight>last\s+night)\b"
        r"|\bthis\s+(?P<tod2>morning|afternoon|evening)\b"
        r"|\bmid[- ]?(?P<tod3>morning|afternoon)(?:\s+(?P<word2>yesterday|today|tomorrow))?\b", _I)),
    # "by year-end", "since year end": the last day of the year the tense points to.
    ("yearend", _r(r"\b(?:around\s+)?year[- ]end\b(?![- ]?\w)", _I)),
    ("ago", _r(
        rf"\b(?P<num>{_NUM_RE})(?P<half>\s+and\s+a\s+half)?\s+(?P<unit>{_UNIT_RE})\s+"
        r"(?P<dir>ago|earlier|later|before|from\s+now|hence)\b", _I)),
    # "several years ago": a vague count back from now names the past, no date ("months ago": how long).
    ("vagueago", _r(
        r"\b(?:(?P<q>a\s+few|several|some|many)\s+)?(?P<unit>decades|years|months|weeks|days)\s+ago\b", _I)),
    ("relunit", _r(
        r"\b(?P<rel>last|next|this|the\s+coming|the\s+following|the\s+previous|the\s+last|the\s+next|"
        r"the\s+current|earlier\s+this|later\s+this|early\s+next|early\s+this|early\s+last|late\s+last|"
        r"late\s+this|late\s+next|the\s+end\s+of\s+(?:this|last|next|the)|the\s+same)\s+"
        r"(?P<unit>week|weekend|month|year|decade|century)\b", _I)),
    # The hyphenated adjective leaves its article out ("a year-earlier loss": "year-earlier").
    ("yearspan", _r(
        r"\b(?:(?P<y>a|one|two|three|four|five|\d+|the)\s+year\s+|(?:(?P<yh>one|two|three|four|five|\d+)-)?"
        r"year-)(?P<dir>earlier|ago)\b", _I)),
    ("duration", _r(
        rf"\b(?:(?P<pre>the\s+(?:past|last|next|first|coming|previous|following)|(?:the\s+)?(?:past|last|next|"
        rf"first|coming)|the)\s+)?(?P<num>{_NUM_RE}|a\s+few|several|a\s+couple\s+of|some|many|(?<=past\s|last\s|next\s)(?:few|couple\s+of))"
        rf"(?P<half>\s+and\s+a\s+half)?"
        r"(?:\s+(?:more|additional|further|straight|consecutive|trading|business|working))?[- ]"
        rf"(?P<unit>{_UNIT_RE})(?P<old>\s+old)?\b(?!-old)", _I)),
    ("pastunit", _r(
        r"\b(?P<pre>the\s+(?:past|last|previous|coming|next))\s+(?P<unit>day|week|month|year|decade)\b", _I)),
    ("plural", _r(
        r"\b(?P<unit>decades|years|months|weeks|days|hours|centuries)\b(?=\s+(?:ago|of|later|earlier|before))"
        r"|(?<=\bfor\s)(?P<unit2>decades|years|months|weeks|days|hours|centuries)\b", _I)),
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
        r"\b(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?:[Tt]hat)\s+(?:same\s+)?(?P<unit>day|month|year)\b")),
    # Sets of weekdays and months: "each Thursday", "every July", "Mondays", "Tuesday nights".
    ("wdset", _r(
        rf"\b(?:(?i:every|each)\s+(?P<wd>{_WEEKDAY_RE})(?!\w)(?i:\s+(?P<tod>morning|afternoon|evening|night))?"
        r"|(?P<wdp>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)"
        rf"|(?P<wd2>{_WEEKDAY_RE})\s+(?P<tod2>mornings|afternoons|evenings|nights)"
        rf"|(?i:every|each)\s+(?P<mon>{_MONTH_RE}))\b")),
    ("set", _r(
        r"\b(?P<adv>daily|weekly|monthly|yearly|hourly|nightly)\b"
        r"|\b(?:every|each|per)\s+(?P<unit>day|week|month|year|night|morning|season)\b", _I)),
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
        bool(_YEAR_COUNT_AFTER.match(text[m.end() : m.end() + 20])) or text[max(0, m.start() - 1)] in "$£€#"
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


# --- values -------------------------------------------------------------------------------------


def _num(word: str) -> float | None:
    w = re.sub(r"\s+", " ", word.strip().lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if re.fullmatch(r"\d+ 1/2", w):
        return float(w.split()[0]) + 0.5
    if w in _NUMBERS:
        return _NUMBERS[w]
    if w.startswith("couple"):  # "the next couple of years"
        return 2
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _NUMBERS and parts[1] in _NUMBERS:
        return _NUMBERS[parts[0]] + _NUMBERS[parts[1]]
    return None


def _unit_code(unit: str) -> str:
    u = unit.lower()
    u = u[:-1] if u.endswith("s") and u not in ("centuries",) else u
    if u == "centuries":
        u = "century"
    return _UNITS.get(u, "X")


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration_value(n: float | None, unit: str) -> str:
    code = _unit_code(unit)
    amount = "X" if n is None else _fmt_num(n)
    # A half unit is written in the next smaller one: "2 1/2 years" is P2Y6M, "an hour and a half" PT1H30M.
    if n is not None and n != int(n) and (2 * n) == int(2 * n):
        is_minute = code == "M" and unit.lower().startswith("min")
        half = {"Y": "6M", "H": "30M", "D": "T12H"}.get(code, "30S" if is_minute else "")
        if half:
            whole = f"{int(n)}{code}" if int(n) else ""
            return f"PT{whole}{half}" if code == "H" or is_minute else f"P{whole}{half}"
    if code == "2W":
        return "P2W" if n in (None, 1) else f"P{_fmt_num(2 * (n or 1))}W"
    if code == "DE" and n is not None:
        return f"P{_fmt_num(10 * n)}Y"
    if code == "CE" and n is not None:
        return f"P{_fmt_num(100 * n)}Y"
    if code in ("H", "S") or (code == "M" and unit.lower().startswith("min")):
        return f"PT{amount}{code}"
    return f"P{amount}{code}"


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _year_for(month: int, day: int | None, dct: date, tense: str | None) -> int:
    """The year of a month (or month-day) without a year: the writing year, moved by tense.

    A past clause moves a later date to the year before, a future clause an earlier date to the year
    after, but only when the gap exceeds two months: a date a few weeks away in the "wrong" direction
    is far more often a misread tense (or a plan reported in the past tense) than a year away.
    """
    months_ahead = (month - dct.month) + ((day or 15) - dct.day) / 31
    if tense == "past" and months_ahead > 2:
        return dct.year - 1
    if tense == "future" and months_ahead < -2:
        return dct.year + 1
    # Without tense, a date more than half a year away is the nearer one across the year boundary.
    if tense is None and months_ahead > 6:
        return dct.year - 1
    if tense is None and months_ahead < -6:
        return dct.year + 1
    return dct.year


def resolve_weekday(weekday: int, dct: date, direction: str | None) -> date:
    """The date a weekday names, seen from ``dct``.

    "last" is strictly before, "next" strictly after; "this" is in the same week; a past clause looks
    back and a future one ahead, both counting the writing day itself; with no tense, the nearer one
    (back on a tie).
    """
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if direction == "last":
        return dct - timedelta(days=back or 7)
    if direction == "next":
        return dct + timedelta(days=ahead or 7)
    if direction == "this":
        return dct + timedelta(days=weekday - dct.weekday())
    if direction == "future":
        return dct + timedelta(days=ahead)
    if direction is None and ahead < back:
        # Without tense ("the minister travels on Thursday", "talks Thursday") the nearer one: a clause
        # with no past-tense verb is more often present with future meaning than a report.
        return dct + timedelta(days=ahead)
    return dct - timedelta(days=back)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _value(m: _Mention, dct: date | None, tense: str | None) -> Json:
    """kind, value, precision, anchor and the stated fields of one mention."""
    g = m.groups
    rule = m.rule
    out: Json = {"kind": "date", "value": None, "precision": None, "anchor": "dct"}
    if rule in ("iso", "mdy", "dmy"):
        mon = int(g["m"] or 0) if rule == "iso" else _month_num(g["mon"] or "")
        y, d = int(g["y"] or 0), int(re.sub(r"\D", "", g["d"] or "0"))
        dd = _safe_date(y, mon, d)
        out.update(anchor="absolute", year=y, month=mon, day=d)
        if dd:
            out.update(value=dd.isoformat(), precision="day")
        return out
    if rule == "weekof":
        mon, d = _month_num(g["mon"] or ""), int(re.sub(r"\D", "", g["d"] or "0"))
        out["precision"] = "week"
        stated_y = g.get("y")
        week_y = int(stated_y) if stated_y else _year_for(mon, d, dct, tense) if dct else None
        dd = _safe_date(week_y, mon, d) if week_y else None
        out["value"] = _week(dd) if dd else None
        return out
    if rule in ("md", "dm"):
        mon, d = _month_num(g["mon"] or ""), int(re.sub(r"\D", "", g["d"] or "0"))
        out.update(month=mon, day=d, precision="day")
        if dct:
            dd = _safe_date(_year_for(mon, d, dct, tense), mon, d)
            out["value"] = dd.isoformat() if dd else None
        else:
            out["value"] = f"XXXX-{mon:02d}-{d:02d}"
        return out
    if rule == "my":
        mon, y = _month_num(g["mon"] or ""), _year_num(g["y"] or "0")
        out.update(anchor="absolute", year=y, month=mon, value=f"{y}-{mon:02d}", precision="month")
        return out
    if rule == "month":
        mon = _month_num(g["mon"] or "")
        rel = (g.get("rel") or "").lower()
        out.update(month=mon, precision="month")
        yrel = (g.get("yrel") or "").lower()
        if dct and yrel:
            out["value"] = f"{dct.year + {'last': -1, 'next': 1}.get(yrel, 0)}-{mon:02d}"
        elif dct:
            if rel == "last":
                y = dct.year - 1 if mon >= dct.month else dct.year
            elif rel == "next":
                y = dct.year + 1 if mon <= dct.month else dct.year
            elif rel == "this":
                y = dct.year
            else:
                y = _year_for(mon, None, dct, tense)
            out["value"] = f"{y}-{mon:02d}"
        else:
            out["value"] = f"XXXX-{mon:02d}"
        return out
    if rule == "year":
        y = _year_num(g["y"] or "0")
        out.update(anchor="absolute", year=y, value=str(y), precision="year")
        return out
    if rule == "decade":
        if g.get("word"):
            tens = "twen thir for fif six seven eigh nine".split()
            digit = next(i for i, t in enumerate(tens) if (g["word"] or "").lower().startswith(t)) + 2
            out.update(anchor="absolute", value=f"19{digit}", precision="decade")
        elif g.get("short") is not None:
            out.update(anchor="absolute", value=f"19{g['short']}", precision="decade")
        else:
            out.update(anchor="absolute", value=f"{g['cent']}{g['dec']}", precision="decade")
        return out
    if rule == "century":
        out.update(anchor="absolute", value=f"{int(g['ord'] or 1) - 1:02d}", precision="century")
        return out
    if rule == "season":
        return _season(g, dct, tense, out)
    if rule == "quarter":
        return _quarter(g, dct, tense, out)
    if rule == "thequarter":
        # The last quarter completed, until _financial_periods finds the one the report is about.
        out["precision"] = "quarter"
        if dct:
            q = (dct.month - 1) // 3
            out["value"] = f"{dct.year}-Q{q}" if q else f"{dct.year - 1}-Q4"
        return out
    if rule == "period":
        # Until _financial_periods knows the quarter the report is about, the period is its year.
        py = (g.get("py") or "").lower()
        if py[:1].isdigit():
            out.update(anchor="absolute", year=int(py), value=py, precision="year")
        elif py == "latest":
            # "the latest period": the last quarter completed, as for "the latest quarter".
            out["precision"] = "quarter"
            if dct:
                q = (dct.month - 1) // 3
                out["value"] = f"{dct.year}-Q{q}" if q else f"{dct.year - 1}-Q4"
        else:
            out.update(precision="year", value=str(dct.year - 1) if dct else None)
        return out
    if rule == "weekday":
        return _weekday(g, dct, tense, out)
    if rule == "relday":
        word = "yesterday" if g.get("lastnight") else (g.get("word") or g.get("word2") or "today").lower()
        tod = g.get("tod") or g.get("tod2") or g.get("tod3") or ("night" if g.get("lastnight") else None)
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        out.update(precision="day", offset_days=shift)
        if word == "tonight":
            tod = "night"
        if dct:
            day = (dct + timedelta(days=shift)).isoformat()
            out["value"] = f"{day}T{_TIME_OF_DAY[tod.lower()]}" if tod else day
        if tod:
            out["kind"] = "time"
        return out
    if rule == "ago":
        return _ago(g, dct, out)
    if rule == "vagueago":
        if g.get("q"):
            out.update(value="PAST_REF", precision=None)
            return out
        return _duration({"unit": g.get("unit")}, "plural", out)
    if rule == "yearend":
        out.update(precision="day", month=12, day=31)
        if dct:
            out["value"] = f"{dct.year - 1 if tense == 'past' else dct.year}-12-31"
        return out
    if rule == "relunit":
        return _relunit(g, dct, out)
    if rule == "yearspan":
        word = (g.get("y") or g.get("yh") or "a").lower()
        n = _num(word) if word != "the" else 1
        out.update(precision="year")
        if dct and n is not None:
            out["value"] = str(dct.year - int(n))
        return out
    if rule in ("duration", "pastunit", "plural"):
        return _duration(g, rule, out)
    if rule == "holiday":
        return _holiday(g, dct, tense, out)
    if rule == "weekend":
        out["precision"] = "week"
        if dct:
            sat = dct + timedelta(days=5 - dct.weekday())  # this week's Saturday
            if tense != "future" and dct.weekday() < 5:
                sat -= timedelta(days=7)
            out["value"] = f"{_week(sat)}-WE"
        return out
    if rule == "theyear":
        if g.get("ended") is not None:
            out.update(kind="duration", value="P1Y", anchor="absolute")
        elif g.get("prep") or g.get("qual"):
            out.update(precision="year", value=str(dct.year) if dct else None)
        return out
    if rule == "thatunit":
        # The value comes from the text before (_anaphoric_units); none until then.
        out["precision"] = (g.get("unit") or "").lower()
        return out
    if rule == "wdset":
        out.update(kind="set", anchor="absolute")
        if g.get("mon"):
            out["value"] = f"XXXX-{_month_num(g['mon'] or ''):02d}"
            return out
        wd_word = (g.get("wd") or g.get("wd2") or g.get("wdp") or "").rstrip(".").lower()
        wd = _WEEKDAYS[wd_word[:-1] if g.get("wdp") else wd_word]
        tod = (g.get("tod") or g.get("tod2") or "").lower().rstrip("s")
        out["value"] = f"XXXX-WXX-{wd + 1}" + (f"T{_TIME_OF_DAY[tod]}" if tod else "")
        return out
    if rule == "ref" and g.get("recent"):
        # "in recent years": a span of unstated length ending now, written as a duration.
        out.update(kind="duration", value=_duration_value(None, g.get("runit") or ""), anchor="dct")
        return out
    if rule == "ref":
        kind = (
            "PRESENT_REF"
            if g.get("present") or g.get("present2")
            else "PAST_REF"
            if g.get("past")
            else "FUTURE_REF"
        )
        out.update(value=kind, anchor="dct", precision=None)
        return out
    if rule == "set":
        unit = (g.get("adv") or g.get("unit") or "").lower()
        code = _SET_UNITS.get(unit[:3], "X")
        out.update(
            kind="set", value=f"PT1{code[1:]}" if code.startswith("T") else f"P1{code}", anchor="absolute"
        )
        return out
    if rule == "time":
        out.update(kind="time", precision="minute")
        clock_word = g.get("word")
        if clock_word:
            hh, mm = (24, 0) if clock_word.lower() == "midnight" else (12, 0)
        else:
            hh, mm = int(g["h"] or 0) % 12, int(g.get("min") or 0)
            if (g.get("ampm") or "").lower().startswith("p"):
                hh += 12
        when: date | None = dct
        if dct and g.get("twd"):
            when = resolve_weekday(_WEEKDAYS[(g["twd"] or "").rstrip(".").lower()], dct, tense)
        elif dct and g.get("tmon"):
            t_mon, t_day = _month_num(g["tmon"] or ""), int(re.sub(r"\D", "", g["tday"] or "0"))
            when = _safe_date(_year_for(t_mon, t_day, dct, tense), t_mon, t_day) or dct
        out["value"] = f"{when.isoformat()}T{hh:02d}:{mm:02d}" if when else f"XXXX-XX-XXT{hh:02d}:{mm:02d}"
        return out
    return out


def _easter(y: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(y, month, day + 1)


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n < 0:
        last = _add_months(date(y, month, 1), 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(y, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


_HOLIDAYS: dict[str, Any] = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "easter": _easter,
    "independence day": lambda y: date(y, 7, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "veterans day": lambda y: date(y, 11, 11),
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
}


def _holiday(g: dict[str, str | None], dct: date | None, tense: str | None, out: Json) -> Json:
    name = re.sub(r"\s+", " ", (g.get("named") or g.get("bare") or "").lower().replace("’", "'"))
    if name in ("thanksgiving day", "christmas day", "easter sunday"):
        name = name.split()[0]
    on = _HOLIDAYS[name]
    out["precision"] = "day"
    if not dct:
        return out
    rel = (g.get("rel") or "").lower()
    this_year = on(dct.year)
    if rel == "last":
        when = this_year if this_year < dct else on(dct.year - 1)
    elif rel == "next":
        when = this_year if this_year > dct else on(dct.year + 1)
    elif rel == "this":
        when = this_year
    else:
        when = on(_year_for(this_year.month, this_year.day, dct, tense))
    out["value"] = when.isoformat()
    return out


def _year_num(word: str) -> int:
    """A year from digits or words ("1996", "nineteen ninety-six", "two thousand and one")."""
    if word.isdigit():
        return int(word)
    words = re.split(r"[\s-]+", word.lower().replace(" and ", " "))
    if words[:2] == ["two", "thousand"]:
        return 2000 + int(_num(" ".join(words[2:3])) or 0) if len(words) > 2 else 2000
    rest = [w for w in words[1:] if w != "oh"]
    tail = sum(_NUMBERS.get(w, 0) for w in rest)
    return int(_NUMBERS[words[0]] * 100 + tail)


def _month_num(word: str) -> int:
    return _MONTHS[word.rstrip(".").lower()]


def _season(g: dict[str, str | None], dct: date | None, tense: str | None, out: Json) -> Json:
    code = _SEASONS[(g["season"] or "").lower()]
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    if g.get("y"):
        out.update(anchor="absolute", value=f"{_year_num(g['y'] or '0')}-{code}", precision="season")
        return out
    if not rel and not g.get("the"):
        out.update(kind="date", value=None)
        return out
    out["precision"] = "season"
    if dct:
        y = dct.year
        if rel == "this past":
            # The latest one behind the writing date: "this past summer" said in November is this year's.
            y -= 1 if code != "WI" and dct.month <= {"SP": 5, "SU": 8, "FA": 11}.get(code, 0) else 0
        elif rel in ("last", "the past"):
            y -= 1 if code != "WI" else 0
        elif rel in ("next", "the coming"):
            y += 1 if code != "WI" else 0
        out["value"] = f"{y}-{code}"
    return out


def _quarter(g: dict[str, str | None], dct: date | None, tense: str | None, out: Json) -> Json:
    word = (g["ord"] or "").lower()
    out["precision"] = "quarter"
    stated = g.get("qy") or g.get("qy2")
    if stated and word in _ORDINALS:
        out.update(anchor="absolute", year=int(stated), value=f"{stated}-Q{_ORDINALS[word]}")
        return out
    if not dct:
        return out
    current = (dct.month - 1) // 3 + 1
    # The latest quarter in a report is the last one completed.
    last_q, last_y = (current - 1, dct.year) if current > 1 else (4, dct.year - 1)
    if word in _ORDINALS:
        q = _ORDINALS[word]
        y = dct.year - 1 if (tense != "future" and q > current) else dct.year
        out["value"] = f"{y}-Q{q}"
    elif word in ("year-earlier", "year-ago"):
        out["value"] = f"{last_y - 1}-Q{last_q}"
    elif word in ("last", "past", "latest"):
        out["value"] = f"{last_y}-Q{last_q}"
    else:
        out["value"] = f"{dct.year}-Q{current}"
    return out


def _weekday(g: dict[str, str | None], dct: date | None, tense: str | None, out: Json) -> Json:
    wd = _WEEKDAYS[(g["wd"] or "").rstrip(".").lower()]
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    rel = "last" if rel.startswith("this") and rel.endswith("past") else rel  # "this past Sunday"
    direction = {"last": "last", "past": "last", "next": "next", "coming": "next", "this": "this"}.get(
        rel, tense
    )
    out.update(weekday=wd, precision="day", direction=direction)
    tod = (g.get("tod") or "").lower()
    suffix = f"T{_TIME_OF_DAY[tod]}" if tod else ""
    if tod:
        out["kind"] = "time"
    if dct:
        out["value"] = resolve_weekday(wd, dct, direction).isoformat() + suffix
    else:
        out["value"] = f"XXXX-WXX-{wd + 1}{suffix}"
    return out


def _ago(g: dict[str, str | None], dct: date | None, out: Json) -> Json:
    n = _num(g["num"] or "")
    if n is not None and g.get("half"):
        n += 0.5
    unit = _unit_code(g["unit"] or "")
    sign = 1 if re.match(r"later|from|hence", (g["dir"] or "").lower()) else -1
    precision = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "2W": "week"}.get(unit)
    out.update(precision=precision)
    if not dct or n is None or precision is None:
        return out
    if unit == "D":
        out["value"] = (dct + timedelta(days=sign * n)).isoformat()
    elif unit in ("W", "2W"):
        out["value"] = _week(dct + timedelta(days=sign * 7 * n * (2 if unit == "2W" else 1)))
    elif unit == "M":
        # A fractional count ("four and a half months ago") moves by days; a whole one by months.
        d = _add_months(dct, sign * int(n)) if n == int(n) else dct + timedelta(days=sign * round(n * 30.44))
        out["value"] = f"{d.year}-{d.month:02d}"
    elif unit == "Y":
        out["value"] = str(dct.year + sign * round(n))
    elif unit == "DE":
        out["value"] = str(dct.year + sign * round(10 * n))[:3]
        out["precision"] = "decade"
    return out


def _relunit(g: dict[str, str | None], dct: date | None, out: Json) -> Json:
    rel = re.sub(r"\s+", " ", (g["rel"] or "").lower())
    unit = (g["unit"] or "").lower()
    out["precision"] = {"weekend": "week"}.get(unit, unit)
    if rel in ("the same",):
        return out
    step = (
        -1
        if re.search(r"\b(?:last|previous)\b", rel)
        else 1
        if re.search(r"\b(?:next|coming|following)\b", rel)
        else 0
    )
    if rel == "the last":
        step = -1
    if not dct:
        return out
    if unit in ("week", "weekend"):
        wk = _week(dct + timedelta(days=7 * step))
        out["value"] = f"{wk}-WE" if unit == "weekend" else wk
    elif unit == "month":
        d = _add_months(dct, step)
        out["value"] = f"{d.year}-{d.month:02d}"
    elif unit == "year":
        out["value"] = str(dct.year + step)
    elif unit == "decade":
        out["value"] = str(dct.year + 10 * step)[:3]
    elif unit == "century":
        out["value"] = str(dct.year + 100 * step)[:2]
    return out


def _duration(g: dict[str, str | None], rule: str, out: Json) -> Json:
    out.update(kind="duration", anchor="absolute", precision=None)
    if rule == "plural":
        unit = g.get("unit") or g.get("unit2") or ""
        out["value"] = _duration_value(None, unit)
        return out
    if rule == "pastunit":
        out["value"] = _duration_value(1, g["unit"] or "")
        return out
    n = _num(g["num"] or "")
    if n is not None and g.get("half"):
        n += 0.5
    out["value"] = _duration_value(n, g["unit"] or "")
    return out


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
        if rule == "quarter" and m and "year-" not in item["text"].lower() and item["tense"] != "future":
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


_ANAPHORIC = re.compile(r"^the\s+(?P<rel>following|previous|same)\s+(?P<unit>day|month|year)$", re.IGNORECASE)


def _anaphoric_units(items: list[Json], rules: list[str]) -> None:
    """ "the following year", "the previous month": counted from the last date the text stated, not from
    the writing date ("On May 22, 1995, ... and the following year" is 1996)."""
    last: date | None = None
    stated: list[str] = []  # values of the dates so far, any anchor ("YYYY", "YYYY-MM", "YYYY-MM-DD")
    for item, rule in zip(items, rules, strict=True):
        m = _ANAPHORIC.match(item["text"]) if rule == "relunit" else None
        if m and last is not None:
            step = {"following": 1, "previous": -1}.get(m.group("rel").lower(), 0)
            unit = m.group("unit").lower()
            if unit == "year":
                item["value"] = str(last.year + step)
            elif unit == "month":
                d = _add_months(last, step)
                item["value"] = f"{d.year}-{d.month:02d}"
            else:
                item["value"] = (last + timedelta(days=step)).isoformat()
        if rule == "thatunit" and stated:
            # "that year", "later that day": the last date stated in as much detail.
            unit = item["precision"]
            keep = {"year": 4, "month": 7, "day": 10}.get(unit, 10)
            fit = next((v for v in reversed(stated) if len(v) >= keep), None)
            item["value"] = fit[:keep] if fit else None
        if item.get("anchor") == "absolute" and item.get("year") and item["kind"] == "date":
            last = date(item["year"], item.get("month") or 1, item.get("day") or 1)
        value = item.get("value") or ""
        if item["kind"] in ("date", "time") and re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?:$|T)", value):
            stated.append(value[:10])


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
    r"(?:\b(?:the|its|their|his|her|our|this|that)|['’]s)"
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
        before = text[max(0, m.start - 12) : m.start].lower()
        if re.search(r"\b(?:since|ago)\s+(?:early\s+|late\s+|mid-?)?$", before) or _SINCE_BEFORE.search(
            text[max(0, m.start - 40) : m.start]
        ):
            tense = "past"  # "since February" looks back whatever the main verb says
        elif tense == "past" and _DEADLINE_BEFORE.search(before):
            tense = None  # a deadline set in the past lies ahead of the report as often as behind it
        elif (
            m.rule == "md"
            and _ATTRIBUTIVE_BEFORE.search(text[max(0, m.start - 40) : m.start])
            and (_NOUN_AFTER.match(text, m.end))
        ):
            # "investigating the deadly Jan. 6 riot": a day that names an event names one that has
            # happened, whatever the tense of the clause around it.
            tense = "past"
        item = _expression_fields(text, m)
        item.update(_value(m, dct, tense))
        if m.rule == "duration" and _SOMEDAY.match(text, max(0, m.start - 12), m.end):
            item.update(kind="date", value="FUTURE_REF", anchor="dct")  # "will one day be": some day ahead
        if item["kind"] == "date" and item["value"] is None and item["precision"] is None:
            continue
        item["tense"] = tense
        if "weekday" in item and re.match(r"['’]s\b", text[m.end : m.end + 3]):
            item["possessive"] = True  # "Thursday's talks": names an event rather than placing a verb
            if dct and m.rule == "weekday" and not m.groups.get("rel"):
                item["value"] = _possessive_weekday(text[s_start:s_end], item, dct)
        out.append(item)
        rules.append(m.rule)
    _attach_weekdays(text, out)
    out, rules = _merge_weekday_dates(text, out, rules)
    _order_ranges(text, out)
    _anaphoric_units(out, rules)
    if dct:
        _financial_periods(text, out, rules, dct)
    return out


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


def _find_other_language(text: str, dct: date | None, lang: str) -> list[Json]:
    """Absolute dates in a non-English text via dateparser's search (it finds and parses phrases)."""
    from datetime import datetime

    from dateparser.search import search_dates

    settings: dict[str, Any] = {"REQUIRE_PARTS": ["month"], "PREFER_DATES_FROM": "past"}
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
    version = "6"

    def setup(self) -> None:
        """Nothing to load: the grammar is compiled at import."""

    def run(self, articles: list[Article]) -> list[Json]:
        """One annotation per article: published, published_inferred, confidence, evidence, timexes."""
        from storyscope.stages.pubdate import infer_published

        out: list[Json] = []
        for art in articles:
            text = art.text or art.raw
            lang = (art.language or "en").split("-")[0]
            given = parse_iso(art.published)
            if given is not None:
                ann: Json = {"published": given.isoformat(), "published_inferred": False, "confidence": 1.0,
                             "evidence": ["metadata"]}  # fmt: skip
            else:
                inf = infer_published(text, art.title, lang)
                ann = {"published": inf["date"], "published_inferred": True, "confidence": inf["confidence"],
                       "evidence": inf["evidence"]}  # fmt: skip
            ann["timexes"] = find_timexes(text, parse_iso(ann["published"]), lang)
            out.append(ann)
        return out
