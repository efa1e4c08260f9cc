"""Values of time expressions: the vocabulary of dates, and the TIMEX3-like value, precision and
anchor of one detected expression against the writing date (see :mod:`storyscope.stages.timex`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from storyscope.models import Json

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
    "hou": "TH", "sea": "Y", "qua": "Q",
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


@dataclass
class _Mention:
    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    fields: dict[str, Any] = field(default_factory=dict)


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
                # "last February" written in March is a year back: the month just gone is "last month".
                y = dct.year - 1 if mon >= dct.month - 1 else dct.year
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
    if rule == "half":
        return _half(g, dct, tense, out)
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
    if rule == "relday" and g.get("two"):
        shift = -2 if "before" in (g.get("two") or "").lower() else 2
        out.update(precision="day", offset_days=shift)
        out["value"] = (dct + timedelta(days=shift)).isoformat() if dct else None
        return out
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
    if rule == "anaday":
        # Counted from the writing date until _anaphoric_units finds the day of the story it follows.
        step = {"following": 1, "next": 1, "previous": -1, "prior": -1}.get((g.get("rel") or "").lower(), 0)
        out.update(precision="day", value=(dct + timedelta(days=step)).isoformat() if dct else None)
        return out
    if rule == "yearspan":
        word = (g.get("y") or g.get("yh") or "a").lower()
        n = _num(word) if word != "the" else 1
        out.update(precision="year")
        if dct and n is not None:
            out["value"] = str(dct.year - int(n))
        return out
    if rule in ("duration", "pastunit", "plural", "long"):
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
    elif word in ("last", "past", "latest", "previous", "prior"):
        out["value"] = f"{last_y}-Q{last_q}"
    elif word in ("next", "coming"):
        out["value"] = f"{dct.year + 1}-Q1" if current == 4 else f"{dct.year}-Q{current + 1}"
    else:
        out["value"] = f"{dct.year}-Q{current}"
    return out


def _half(g: dict[str, str | None], dct: date | None, tense: str | None, out: Json) -> Json:
    """ "the first half of 2013" (2013-H1); without a stated year, the half the tense points to."""
    half = 1 if (g.get("ord") or g.get("ord2") or "").lower() == "first" else 2
    out["precision"] = "half"
    if g.get("y"):
        out.update(anchor="absolute", year=int(g["y"] or 0), value=f"{g['y']}-H{half}")
        return out
    if not dct:
        return out
    rel = (g.get("rel") or "").lower()
    y = dct.year + {"last": -1, "next": 1}.get(rel, 0)
    current = 1 if dct.month <= 6 else 2
    if not rel and tense == "past" and half > current:
        y -= 1  # "first-half profit fell", written in the first half: last year's second half
    out["value"] = f"{y}-H{half}"
    return out


def _weekday(g: dict[str, str | None], dct: date | None, tense: str | None, out: Json) -> Json:
    wd = _WEEKDAYS[(g["wd"] or "").rstrip(".").lower()]
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    rel = "last" if rel.startswith("this") and rel.endswith("past") else rel  # "this past Sunday"
    direction = {
        "last": "last", "past": "last", "next": "next", "coming": "next", "this": "this",
        # Counted from the writing date until _anaphoric_units finds a day of the story to count from.
        "the previous": "last", "the prior": "last", "the following": "next", "the next": "next",
    }.get(rel, tense)  # fmt: skip
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
        if re.search(r"\b(?:last|previous|latest)\b", rel)
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
        unit = g.get("unit") or g.get("unit2") or g.get("unit3") or ""
        out["value"] = _duration_value(None, unit)
        return out
    if rule == "pastunit" or (rule == "long" and not (g.get("unit") or "").lower().endswith("s")):
        out["value"] = _duration_value(1, g["unit"] or "")
        return out
    if rule == "long":
        out["value"] = _duration_value(None, g.get("unit") or "")
        return out
    n = _num(g["num"] or "")
    if n is not None and (g.get("half") or g.get("half2")):
        n += 0.5
    out["value"] = _duration_value(n, g["unit"] or "")
    return out
