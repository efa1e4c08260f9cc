from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest

from storyscope.ingest.dates import normalize_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-08", "2023-05-08"),
        ("2023-05-08T23:30:00-05:00", "2023-05-08"),  # the publisher's own day, not UTC's
        ("2023/5/8", "2023-05-08"),
        ("20230508", "2023-05-08"),
        ("Mon, 08 May 2023 07:00:00 GMT", "2023-05-08"),
        (1683531000, "2023-05-08"),
        (1683531000000, "2023-05-08"),  # milliseconds
        ("1683531000", "2023-05-08"),
        (datetime(2023, 5, 8, 12, tzinfo=UTC), "2023-05-08"),
        (date(2023, 5, 8), "2023-05-08"),
        (time.strptime("2023-05-08", "%Y-%m-%d"), "2023-05-08"),
        ("2023-02-30", None),
        ("0001-01-01", None),
        ("last Tuesday", None),
        ("", None),
        (None, None),
        (True, None),
        (["2023-05-08"], None),
    ],
)
def test_normalize_date(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected
