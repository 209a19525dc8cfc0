"""Publication dates as inputs write them, read into one shape: an aware UTC datetime.

Corpora and feeds disagree on format (RFC 2822 ``Tue, 01 May 2018 23:01:05
+0400``, ISO 8601 ``2017-01-20T21:43:00+01:00``, bare ``20180501``); storage
wants one. A date without a zone is taken as UTC: there is nothing better to
assume, and being off by a few hours never moves an article out of a story.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_COMPACT_DATE = re.compile(r"^\d{8}$")
_COMPACT_DATETIME = re.compile(r"^\d{14}$")


def parse_date(value: object) -> datetime | None:
    """``value`` read as a date, in UTC; ``None`` when it is empty or unreadable (never raises)."""
    if isinstance(value, datetime):
        return to_utc(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    for parse in (_iso, _compact, _rfc2822):
        try:
            parsed = parse(text)
        except (ValueError, TypeError, IndexError, OverflowError):
            continue
        if parsed is not None:
            return to_utc(parsed)
    return None


def from_struct_time(value: time.struct_time | None) -> datetime | None:
    """feedparser's ``*_parsed`` fields (already UTC) as an aware datetime."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (ValueError, TypeError):
        return None


def to_utc(moment: datetime) -> datetime:
    """Aware UTC; a naive value is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _iso(text: str) -> datetime | None:
    if not text[:4].isdigit() or "-" not in text[:8]:
        return None
    return datetime.fromisoformat(text.replace(" ", "T", 1) if len(text) > 10 else text)


def _compact(text: str) -> datetime | None:
    if _COMPACT_DATE.match(text):
        return datetime.strptime(text, "%Y%m%d")
    if _COMPACT_DATETIME.match(text):
        return datetime.strptime(text, "%Y%m%d%H%M%S")
    return None


def _rfc2822(text: str) -> datetime | None:
    return parsedate_to_datetime(text)
