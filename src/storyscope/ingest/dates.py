"""Publication dates from whatever the input holds, normalised to ``YYYY-MM-DD``.

Deliberately strict: a date we cannot read is None rather than a guess, because a wrong date puts an
article in the wrong place on a story's timeline.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_LEADING_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T|\s|$)")
# Earliest and latest years we accept: anything else is a parsing accident (an id, a price).
_MIN_YEAR, _MAX_YEAR = 1800, 2200


def _valid(y: int, m: int, d: int) -> str | None:
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def normalize_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO string, an RFC 822 string, epoch seconds or milliseconds, a
    ``datetime``/``date`` or a ``time.struct_time``; None when the value is not a readable date."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime | date):
        return _valid(value.year, value.month, value.day)
    if isinstance(value, time.struct_time):
        return _valid(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int | float):
        # Epoch seconds, or milliseconds as JavaScript writes them.
        seconds = value / 1000 if value > 1e11 else value
        try:
            dt = datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return _valid(dt.year, dt.month, dt.day)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit() and len(text) >= 9:
        return normalize_date(int(text))
    m = _LEADING_ISO.match(text) or _COMPACT.match(text)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    try:
        dt = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _valid(dt.year, dt.month, dt.day)
