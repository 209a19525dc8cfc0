"""Schedules a reader picks: up to three digests a day or one a week, each covering what came since the last.

The pure schedule on a fixed clock first, then the command core, then the real deliverer driven by
``deliver --at`` moments against the fake Bot API on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from botkit import NOW, chat, deliver, ledger, store_articles, subscriber_row, telegram_sender
from fakes.telegram_api import visible_text

from mawjaz.bot.commands import dispatch_text
from mawjaz.bot.values import CommandRequest, Reply
from mawjaz.delivery.deliverer import DeliveryOptions, since_for
from mawjaz.delivery.schedule import WEEK, Schedule, due_deliveries
from mawjaz.storage import subscribers
from mawjaz.storage.engine import transaction
from mawjaz.storage.subscribers import Defaults

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


THRICE = Schedule(1, "Asia/Riyadh", "07:00", ("13:00", "19:30"))
FRIDAYS = Schedule(2, "Asia/Riyadh", "08:00", (), weekday=4)  # 2026-11-27 is a Friday


# --- the pure schedule -------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment,expected",
    [
        ("2026-11-24T06:59+03:00", ("2026-11-23", 2)),  # still yesterday's 19:30, under 12 h late
        ("2026-11-24T07:00+03:00", ("2026-11-24", 0)),
        ("2026-11-24T12:59+03:00", ("2026-11-24", 0)),
        ("2026-11-24T13:00+03:00", ("2026-11-24", 1)),
        ("2026-11-24T23:00+03:00", ("2026-11-24", 2)),
    ],
)
def test_each_of_three_times_a_day_is_its_own_slot(moment, expected):
    [due] = due_deliveries(at(moment), [THRICE], set())
    assert (due.local_date, due.slot) == expected


def test_after_a_downtime_only_the_latest_missed_time_is_sent():
    found = due_deliveries(at("2026-11-24T20:00+03:00"), [THRICE], set())  # 07:00, 13:00 and 19:30 all passed
    assert [(d.local_date, d.slot, d.due_at) for d in found] == [("2026-11-24", 2, at("2026-11-24T19:30+03:00"))]


def test_a_time_in_the_ledger_is_not_due_again_but_the_next_one_is():
    ledger_ = {(1, "2026-11-24", 0)}
    assert due_deliveries(at("2026-11-24T09:00+03:00"), [THRICE], ledger_) == []
    assert [d.slot for d in due_deliveries(at("2026-11-24T13:00+03:00"), [THRICE], ledger_)] == [1]


def test_a_weekly_digest_comes_on_its_weekday_only():
    assert due_deliveries(at("2026-11-26T08:00+03:00"), [FRIDAYS], set()) == []  # Thursday
    [due] = due_deliveries(at("2026-11-27T08:00+03:00"), [FRIDAYS], set())
    assert due.local_date == "2026-11-27"
    assert due_deliveries(at("2026-11-28T08:00+03:00"), [FRIDAYS], set()) == []  # Saturday: too late to catch up


def test_a_weekly_digest_covers_the_week_since_the_last_one():
    options = DeliveryOptions()
    friday = at("2026-11-27T08:00+03:00")
    assert since_for(friday, friday - WEEK, options, WEEK) == friday - WEEK
    assert since_for(friday, None, options, WEEK) == friday - WEEK  # a first weekly digest: the last seven days
    assert since_for(friday, friday - timedelta(days=10), options, WEEK) == friday - WEEK
    evening = at("2026-11-27T19:30+03:00")
    assert since_for(evening, friday, options) == friday  # a second digest of the day: since the morning's


# --- the command core ----------------------------------------------------------------------


def _ask(services, text: str, chat_id: str) -> Reply:
    return dispatch_text(CommandRequest(chat(chat_id), "", text), services)


def test_time_takes_up_to_three_times_in_any_order_and_digits(services):
    reply = _ask(services, "/time ١٩:٣٠ و 07:30", "501")
    row = subscriber_row(services.engine, "telegram", "501")
    assert (row.digest_time, row.later_times) == ("07:30", "19:30")
    assert "07:30" in reply.text and "19:30" in reply.text and "منذ سابقه" in reply.text
    _ask(services, "/time 08:00", "501")
    row = subscriber_row(services.engine, "telegram", "501")
    assert (row.digest_time, row.later_times) == ("08:00", "")


def test_four_times_a_day_are_refused_with_the_usage(services):
    reply = _ask(services, "/time 06:00 10:00 14:00 18:00", "502")
    assert "ثلاثة مواجيز" in reply.text and "/time" in reply.text
    assert subscriber_row(services.engine, "telegram", "502") is None


@pytest.mark.parametrize(
    "typed,weekday",
    [
        ("/every week friday", 4),
        ("/every week الجمعة", 4),
        ("كل أسبوع جمعة", 4),
        ("/every sat", 5),
        ("/every week", 0),  # NOW is a Monday: today's weekday
        ("/every day", None),
    ],
)
def test_every_sets_a_daily_or_weekly_digest(services, typed, weekday):
    _ask(services, "/every week tuesday", "503")
    _ask(services, typed, "503")
    assert subscriber_row(services.engine, "telegram", "503").weekday == weekday


def test_a_weekly_reader_is_told_the_weekday_in_their_language(services):
    assert "كل جمعة الساعة" in _ask(services, "/every week friday", "504").text
    _ask(services, "/lang en", "504")
    assert "every Friday at 08:00" in _ask(services, "/every week friday", "504").text


def test_every_with_a_wrong_word_says_how(services):
    reply = _ask(services, "/every month", "505")
    assert "/every day" in reply.text and "/every week" in reply.text
    assert subscriber_row(services.engine, "telegram", "505") is None


def test_help_lists_every_and_the_times_in_both_languages(services):
    for lang, words in (("ar", "حتى ثلاثة في اليوم"), ("en", "up to three a day")):
        _ask(services, f"/lang {lang}", "506")
        text = _ask(services, "/help", "506").text
        assert "/every day|week [weekday]" in text and words in text


# --- delivered ------------------------------------------------------------------------------


def _reader(engine, chat_id: str, times: tuple[str, ...], weekday: int | None = None) -> None:
    with transaction(engine) as session:
        row = subscribers.ensure(session, chat(chat_id), Defaults(timezone="Asia/Riyadh"))
        subscribers.change(
            session, row, active=True, digest_time=times[0], later_times=" ".join(times[1:]), weekday=weekday
        )


def _texts(telegram, chat_id: str) -> list[str]:
    return [visible_text(t) for t in telegram.texts(chat_id)]


def test_two_digests_a_day_each_cover_what_came_since_the_one_before(db_with_stories, telegram):
    _reader(db_with_stories, "601", ("07:30", "19:30"))
    send = {"telegram": telegram_sender(telegram)}
    assert deliver(db_with_stories, send, at("2026-11-23T07:30+03:00")).report.delivered == 1
    store_articles(db_with_stories, NOW + timedelta(hours=8), EVENING, source="outlet-b")
    assert deliver(db_with_stories, send, at("2026-11-23T12:00+03:00")).enqueued == 0
    assert deliver(db_with_stories, send, at("2026-11-23T19:30+03:00")).report.delivered == 1
    assert deliver(db_with_stories, send, at("2026-11-23T19:45+03:00")).enqueued == 0
    morning, evening = _texts(telegram, "601")
    assert "خلية لداعش" in morning and "الأمطار" not in morning
    assert "الأمطار" in evening and "خلية لداعش" not in evening
    assert sorted((r.local_date, r.slot, r.status) for r in ledger(db_with_stories)) == [
        ("2026-11-23", 0, "sent"),
        ("2026-11-23", 1, "sent"),
    ]


def test_a_weekly_reader_gets_one_digest_a_week_covering_the_week(db_with_stories, telegram):
    _reader(db_with_stories, "602", ("07:30",), weekday=0)  # Mondays; NOW is Monday 23 November
    send = {"telegram": telegram_sender(telegram)}
    assert deliver(db_with_stories, send, at("2026-11-23T07:30+03:00")).report.delivered == 1
    store_articles(db_with_stories, NOW + timedelta(days=3), EVENING, source="outlet-b")  # Thursday
    for day in range(24, 30):  # Tuesday to Sunday: nothing
        assert deliver(db_with_stories, send, at(f"2026-11-{day}T07:30+03:00")).enqueued == 0
    assert deliver(db_with_stories, send, at("2026-11-30T07:30+03:00")).report.delivered == 1
    first, second = _texts(telegram, "602")
    assert "خلية لداعش" in first
    assert "الأمطار" in second, "Thursday's news is in the next Monday's digest"


EVENING = [
    (
        "الأمطار الغزيرة تغلق الطرق في عمّان",
        "أغلقت الأمطار الغزيرة عدداً من الطرق الرئيسية في العاصمة الأردنية عمّان مساء اليوم. "
        "وقالت مديرية الأمن العام إن فرق الدفاع المدني تعاملت مع عشرات البلاغات دون إصابات.",
    ),
]


def test_a_weekly_reader_is_welcomed_back_with_their_weekday(services):
    _ask(services, "/every week friday", "507")
    assert "كل جمعة الساعة 08:00" in _ask(services, "/start", "507").text
    assert "كل جمعة الساعة 08:00" in _ask(services, "/start", "507").text  # already subscribed
    assert "كل جمعة" in _ask(services, "/stop keep", "507").text
