"""Dates as inputs write them, read as aware UTC; sizes said one way."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from mawjaz.ingest.dates import from_struct_time, parse_date
from mawjaz.ingest.limits import human_size, too_large

DATES = [
    ("Tue, 01 May 2018 23:01:05 +0400", datetime(2018, 5, 1, 19, 1, 5, tzinfo=UTC)),
    ("2017-01-20T21:43:00+01:00", datetime(2017, 1, 20, 20, 43, tzinfo=UTC)),
    ("2024-05-02T08:15:00Z", datetime(2024, 5, 2, 8, 15, tzinfo=UTC)),
    ("2024-05-02 08:15:00", datetime(2024, 5, 2, 8, 15, tzinfo=UTC)),
    ("2024-05-02", datetime(2024, 5, 2, tzinfo=UTC)),
    ("20180501", datetime(2018, 5, 1, tzinfo=UTC)),
    ("20180501123000", datetime(2018, 5, 1, 12, 30, tzinfo=UTC)),
    (datetime(2024, 1, 1, 3, tzinfo=timezone(timedelta(hours=3))), datetime(2024, 1, 1, tzinfo=UTC)),
    ("", None),
    ("يوم الأحد", None),
    ("2024-13-45", None),
    (20180501, None),
    (None, None),
]


@pytest.mark.parametrize(("value", "expected"), DATES)
def test_dates_are_read_into_aware_utc(value, expected):
    assert parse_date(value) == expected


def test_feedparser_struct_times_become_aware_utc():
    parsed = time.struct_time((2024, 5, 1, 6, 30, 0, 2, 122, 0))
    assert from_struct_time(parsed) == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    assert from_struct_time(None) is None


@pytest.mark.parametrize(
    ("size", "text"),
    [(12, "12 bytes"), (2048, "2.0 KB"), (20 * 1024 * 1024, "20.0 MB"), (5 * 1024 * 1024 + 1, "5.0 MB")],
)
def test_sizes_read_naturally(size, text):
    assert human_size(size) == text


def test_the_over_the_limit_message_names_the_input_its_size_and_the_limit():
    assert too_large("page.html", 20 * 1024 * 1024, 5 * 1024 * 1024) == "page.html is 20.0 MB, over the 5 MB limit"
    assert too_large("standard input", None, 1024) == "standard input is over the 1 KB limit"
