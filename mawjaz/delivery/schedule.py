"""When each subscriber's digests are due, and the tick that puts due digests in the ledger.

:func:`due_deliveries` is pure: given the time, the subscribers' schedules
and the ledger of what is already enqueued, it says what to enqueue. The
tick (run every minute by each worker's APScheduler, or once by
``mawjaz deliver``) only loads those inputs and inserts the result with
"ignore if already there", so it is idempotent across restarts and workers:
the database's unique (subscriber, local date, slot) key is the final word.

A reader picks up to three times a day (``/time 07:30 19:30``), every day or
one weekday a week (``/every week friday``). Each time is a *slot* of the
local date (its place in the day, 0 first). Only a subscriber's **latest**
due moment is ever enqueued: after a restart at 13:00 a reader of 07:30 and
12:00 gets the 12:00 digest (covering both), not two back to back.

Local time is zoneinfo's, so DST is handled: a digest at 08:00 in
Europe/London is due at 07:00 UTC in summer and 08:00 UTC in winter. A time
that does not exist on a spring-forward day (02:30 in a skipped hour) is due
at the same offset as the moment before the gap, i.e. shortly after the clocks
jump; a time that occurs twice on a fall-back day is due at its first occurrence.
"""

from __future__ import annotations

import logging
from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mawjaz.storage import deliveries, subscribers
from mawjaz.storage.deliveries import Due
from mawjaz.storage.engine import reading, transaction
from mawjaz.storage.models import id_of

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

# A digest more than this late (the service was down) is not sent: the next day's is.
CATCH_UP = timedelta(hours=12)


#: The most digests a reader may have a day.
MAX_TIMES = 3
DAY, WEEK = timedelta(days=1), timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Schedule:
    """When one subscriber wants digests: at ``digest_time`` and ``later_times`` ('HH:MM') in ``timezone`` (IANA),
    every day, or only on ``weekday`` (Monday 0) when it is set."""

    subscriber_id: int
    timezone: str
    digest_time: str
    later_times: tuple[str, ...] = ()
    weekday: int | None = None

    @property
    def times(self) -> tuple[str, ...]:
        """The day's times in order: slot ``n`` is ``times[n]``."""
        return (self.digest_time, *self.later_times)


def period_of(weekday: int | None) -> timedelta:
    """How often a reader's schedule comes round: a day, or a week for a weekly digest."""
    return DAY if weekday is None else WEEK


def schedule_of(row) -> Schedule:
    """A subscriber row's schedule (``later_times`` is stored space-separated)."""
    return Schedule(id_of(row), row.timezone, row.digest_time, tuple(row.later_times.split()), row.weekday)


@lru_cache(maxsize=1024)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def due_at(local_date: date, digest_time: str, timezone: str) -> datetime:
    """The UTC instant of ``digest_time`` on ``local_date`` in ``timezone`` (first occurrence, DST-aware)."""
    hour, minute = (int(part) for part in digest_time.split(":"))
    local = datetime.combine(local_date, time(hour, minute), tzinfo=zone(timezone))
    return local.astimezone(UTC)


def due_deliveries(
    now: datetime,
    schedules: Iterable[Schedule],
    ledger: Container[tuple[int, str, int]],
    catch_up: timedelta = CATCH_UP,
) -> list[Due]:
    """The deliveries to enqueue at ``now``: each subscriber's latest due moment (today's or yesterday's, local,
    on its weekday if it has one), when it is not later than ``catch_up`` and not in the ledger."""
    found = []
    for schedule in schedules:
        try:
            today = now.astimezone(zone(schedule.timezone)).date()
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("subscriber %s has an unknown time zone %r: skipped", schedule.subscriber_id, schedule.timezone)
            continue
        latest: Due | None = None
        for local_date in (today - timedelta(days=1), today):
            if schedule.weekday is not None and local_date.weekday() != schedule.weekday:
                continue
            for slot, digest_time in enumerate(schedule.times):
                moment = due_at(local_date, digest_time, schedule.timezone)
                if moment <= now and (latest is None or moment > latest.due_at):
                    latest = Due(schedule.subscriber_id, local_date.isoformat(), moment, slot=slot)
        if latest is None or now >= latest.due_at + catch_up:
            continue
        if (latest.subscriber_id, latest.local_date, latest.slot) not in ledger:
            found.append(latest)
    return found


def local_dates_around(now: datetime) -> set[str]:
    """Every local date some zone on Earth may be on at ``now``, and the day before: the ledger to load."""
    first = (now - timedelta(hours=12) - timedelta(days=1)).date()
    last = (now + timedelta(hours=14)).date()
    return {(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)}


def tick(engine: Engine, now: datetime, catch_up: timedelta = CATCH_UP) -> int:
    """Enqueue every digest due at ``now``; returns how many rows were new."""
    with reading(engine) as session:
        schedules = [schedule_of(s) for s in subscribers.active(session)]
        ledger = deliveries.ledger(session, local_dates_around(now))
    due = due_deliveries(now, schedules, ledger, catch_up)
    if not due:
        return 0
    with transaction(engine) as session:
        new = deliveries.enqueue(session, due)
    log.info("tick at %s: %d due, %d new", now.isoformat(), len(due), new)
    return new
