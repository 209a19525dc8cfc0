"""Parsing ``WHEN`` (``24h``, ``3d``, ``90m``, ``2w`` or an ISO date/time) into a moment in UTC: ``--since`` and ``?since=``."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from mawjaz.errors import CommandError

_DURATION = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_when(text: str, now: datetime | None = None) -> datetime:
    """``24h`` → 24 hours before ``now``; ``2026-11-20`` → that midnight UTC; zone-less times are UTC."""
    now = now or datetime.now(UTC)
    match = _DURATION.match(text)
    if match:
        amount, unit = int(match.group(1)), match.group(2).lower()
        try:
            return now - timedelta(**{_UNITS[unit]: amount})
        except OverflowError:  # before the year 1, or past what timedelta holds
            raise CommandError(
                f"{text.strip()!r} reaches back before the calendar begins: use --all for every story"
            ) from None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"cannot read {text!r} as a time: use a duration like 24h, 3d, 2w or a date like 2026-11-20"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
