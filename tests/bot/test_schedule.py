"""When digests are due: a pure function on a fixed clock, then the tick that enqueues them once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from mawjaz.delivery.schedule import (
    Schedule,
    due_at,
    due_deliveries,
    local_dates_around,
    tick,
)
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Delivery, Subscriber


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


RIYADH_0730 = Schedule(1, "Asia/Riyadh", "07:30")


def test_digest_is_due_when_local_time_reaches_the_digest_time():
    [due] = due_deliveries(at("2026-11-24T07:30:00+03:00"), [RIYADH_0730], set())
    assert (due.local_date, due.due_at) == ("2026-11-24", at("2026-11-24T04:30:00+00:00"))


def test_digest_is_not_due_a_minute_early():
    assert due_deliveries(at("2026-11-24T07:29:00+03:00"), [RIYADH_0730], set()) == []


def test_a_digest_in_the_ledger_is_not_due_again():
    assert due_deliveries(at("2026-11-24T09:00:00+03:00"), [RIYADH_0730], {(1, "2026-11-24", 0)}) == []


def test_london_digest_follows_summer_time():
    schedule = Schedule(2, "Europe/London", "08:00")
    assert due_at(datetime(2026, 7, 1).date(), "08:00", "Europe/London") == at("2026-07-01T07:00:00+00:00")
    assert due_at(datetime(2026, 12, 1).date(), "08:00", "Europe/London") == at("2026-12-01T08:00:00+00:00")
    assert due_deliveries(at("2026-07-01T06:59:00+00:00"), [schedule], set()) == []
    assert len(due_deliveries(at("2026-07-01T07:00:00+00:00"), [schedule], set())) == 1


def test_a_time_skipped_by_spring_forward_is_due_just_after_the_jump():
    # 2026-03-08 in New York: clocks jump from 02:00 to 03:00; 02:30 does not exist.
    moment = due_at(datetime(2026, 3, 8).date(), "02:30", "America/New_York")
    assert moment == at("2026-03-08T07:30:00+00:00")  # 03:30 EDT, once
    schedule = Schedule(3, "America/New_York", "02:30")
    assert len(due_deliveries(at("2026-03-08T07:30:00+00:00"), [schedule], set())) == 1


def test_a_time_repeated_by_fall_back_is_due_at_its_first_occurrence():
    # 2026-11-01 in New York: 01:30 happens twice (EDT, then EST).
    assert due_at(datetime(2026, 11, 1).date(), "01:30", "America/New_York") == at("2026-11-01T05:30:00+00:00")


def test_a_digest_late_after_midnight_is_still_for_yesterday():
    schedule = Schedule(4, "Asia/Riyadh", "23:50")
    [due] = due_deliveries(at("2026-11-25T00:10:00+03:00"), [schedule], set())
    assert due.local_date == "2026-11-24"


def test_a_digest_more_than_twelve_hours_late_is_skipped_for_the_next_day():
    assert due_deliveries(at("2026-11-24T19:31:00+03:00"), [RIYADH_0730], set()) == []
    assert len(due_deliveries(at("2026-11-24T19:29:00+03:00"), [RIYADH_0730], set())) == 1


def test_each_subscriber_gets_their_own_local_date():
    tokyo, honolulu = Schedule(5, "Asia/Tokyo", "08:00"), Schedule(6, "Pacific/Honolulu", "08:00")
    moment = at("2026-11-24T23:30:00+00:00")  # 08:30 on the 25th in Tokyo, 13:30 on the 24th in Honolulu
    found = {d.subscriber_id: d.local_date for d in due_deliveries(moment, [tokyo, honolulu], set())}
    assert found == {5: "2026-11-25", 6: "2026-11-24"}


def test_an_unknown_time_zone_is_skipped_not_fatal():
    broken = Schedule(7, "Mars/Olympus_Mons", "08:00")
    assert due_deliveries(at("2026-11-24T12:00:00+00:00"), [broken, RIYADH_0730], set())[0].subscriber_id == 1


def test_ledger_dates_cover_every_zone_on_earth():
    dates = local_dates_around(at("2026-11-24T12:00:00+00:00"))
    assert {"2026-11-23", "2026-11-24", "2026-11-25"} <= dates


def _subscribe(engine, count: int) -> None:
    with transaction(engine) as session:
        session.add_all(
            Subscriber(platform="telegram", chat_id=str(1000 + n), timezone="Asia/Riyadh", digest_time="07:30")
            for n in range(count)
        )


def test_the_tick_enqueues_each_digest_once_however_often_it_runs(fresh_db):
    _subscribe(fresh_db, 5)
    moment = at("2026-11-24T07:31:00+03:00")
    assert tick(fresh_db, moment) == 5
    assert tick(fresh_db, moment) == 0
    assert tick(fresh_db, moment + timedelta(hours=1)) == 0
    with transaction(fresh_db) as session:
        assert len(session.exec(select(Delivery)).all()) == 5


def test_two_workers_ticking_at_once_enqueue_each_digest_once(fresh_db):
    _subscribe(fresh_db, 200)
    moment = at("2026-11-24T07:31:00+03:00")
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(tick(fresh_db, moment))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 200
    with transaction(fresh_db) as session:
        assert len(session.exec(select(Delivery)).all()) == 200
