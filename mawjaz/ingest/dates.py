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
from pathlib import PurePath

_COMPACT_DATE = re.compile(r"^\d{8}$")
# A date written in a file name: 2026-11-22, 2026_11_22 or 20261122, not part of a longer run of letters or digits.
_DATE_IN_NAME = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)([-_]?)(\d\d)\2(\d\d)(?![0-9A-Za-z])")
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


def date_in_name(origin: str) -> datetime | None:
    """The first valid date written in the file name of ``origin`` (midnight UTC), or ``None``.

    ``alrafidain_2026-11-22.txt``, ``alrafidain_20261122.txt`` and
    ``alrafidain_2026_11_22.txt`` all give 22 November 2026; a hash such as
    ``000_ca76a3fd311ad556`` gives nothing. Only the name is read, never the folders.
    """
    name = PurePath(origin.split("#")[0]).name
    for match in _DATE_IN_NAME.finditer(name):
        year, _, month, day = match.groups()
        try:
            return datetime(int(year), int(month), int(day), tzinfo=UTC)
        except ValueError:
            continue
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
