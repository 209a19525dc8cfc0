"""Breaking alerts, once per story: the rule on a fixed clock, then the whole path through ``mawjaz deliver --at``.

The end-to-end tests store one event as five outlets report it within 30
minutes, run the real CLI with the real python-telegram-bot against the fake
Bot API (SQLite and PostgreSQL), and count what each reader got.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from botkit import TOKEN, add_subscribers, ledger
from click.testing import CliRunner
from fakes.telegram_api import FakeTelegram
from fixtures.news import (
    QUAKE_FOLLOW_UP,
    QUAKE_FOLLOW_UP_TITLE,
    QUAKE_OTHER_OUTLET,
    QUAKE_OTHER_TITLE,
    QUAKE_TITLE,
    QUAKE_WIRE,
)
from sqlalchemy import update
from sqlmodel import select

from mawjaz.cli.app import cli
from mawjaz.delivery.alerts import AlertRule, Burst, Reader, breaking, due_alerts, quiet_now
from mawjaz.ingest.record import Article
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.storage.alerts import Sent, alert_key, development_of
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Subscriber
from mawjaz.text import bidi

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

START = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # 13:00 in Riyadh: no digest is due (readers' time is 23:00)
RULE = AlertRule()


# --- the rule, on a fixed clock ---------------------------------------------------------------


def _arrivals(*minutes: int, start: datetime = START) -> dict[str, datetime]:
    return {f"outlet-{n}": start + timedelta(minutes=m) for n, m in enumerate(minutes)}


def test_three_new_outlets_within_the_hour_make_a_story_breaking():
    [burst] = breaking(START + timedelta(minutes=40), {7: _arrivals(0, 20, 40)}, RULE)
    assert burst == Burst(7, ("outlet-0", "outlet-1", "outlet-2"), 3)


def test_a_story_that_gathers_outlets_slowly_never_breaks():
    assert breaking(START + timedelta(hours=3), {7: _arrivals(0, 70, 140, 180)}, RULE) == []


def test_an_outlet_counts_at_its_first_copy_and_not_before_it_is_published():
    arrivals = {7: _arrivals(-300, 10, 20, 90)}  # the first outlet is old news; the last is still to come
    assert breaking(START + timedelta(minutes=30), arrivals, RULE) == []


def _reader(n: int, mode: str = "on", quiet=None, follows=(), zone="Asia/Riyadh") -> Reader:
    return Reader(n, mode, zone, quiet, frozenset(follows))


def test_each_reader_gets_one_alert_per_breaking_story_according_to_their_choice():
    now = START + timedelta(minutes=30)
    bursts = [Burst(7, ("a", "b", "c"), 3)]
    readers = [_reader(1, "on"), _reader(2, "follows", follows=[7]), _reader(3, "follows"), _reader(4, "off")]
    due = due_alerts(now, bursts, readers, {}, {}, RULE)
    assert [(d.subscriber_id, d.story_id, d.local_date) for d in due] == [(1, 7, "a0:7"), (2, 7, "a0:7")]


def test_no_second_alert_for_a_story_unless_a_new_burst_comes_hours_later():
    now = START + timedelta(minutes=30)
    bursts = [Burst(7, ("d", "e", "f"), 6)]
    soon = {(1, 7): Sent(1, now - timedelta(hours=1))}
    assert due_alerts(now, bursts, [_reader(1)], soon, {}, RULE) == []
    later = {(1, 7): Sent(1, now - timedelta(hours=7))}
    [again] = due_alerts(now, bursts, [_reader(1)], later, {}, RULE)
    assert development_of(again.local_date) == 1
    spent = {(1, 7): Sent(RULE.developments + 1, now - timedelta(days=1))}
    assert due_alerts(now, bursts, [_reader(1)], spent, {}, RULE) == []


@pytest.mark.parametrize(
    ("local", "quiet", "silent"),
    [
        ("23:30", ("23:00", "07:00"), True),
        ("06:59", ("23:00", "07:00"), True),
        ("07:00", ("23:00", "07:00"), False),
        ("13:00", ("12:00", "14:00"), True),
        ("14:00", ("12:00", "14:00"), False),
        ("13:00", None, False),
    ],
)
def test_quiet_hours_are_local_and_may_wrap_past_midnight(local, quiet, silent):
    hour, minute = map(int, local.split(":"))
    now = datetime(2026, 11, 23, hour, minute, tzinfo=UTC) - timedelta(hours=3)  # Riyadh is UTC+3
    assert quiet_now(now, "Asia/Riyadh", quiet) is silent


def test_the_daily_cap_counts_the_readers_local_day():
    now = START + timedelta(minutes=30)
    bursts = [Burst(n, ("a", "b", "c"), 3) for n in range(1, 4)]
    today = [now - timedelta(hours=h) for h in range(1, RULE.daily_cap)]  # cap - 1 alerts earlier today
    due = due_alerts(now, bursts, [_reader(1)], {}, {1: today}, RULE)
    assert len(due) == 1
    yesterday = [now - timedelta(days=1, hours=h) for h in range(RULE.daily_cap)]
    assert len(due_alerts(now, bursts, [_reader(1)], {}, {1: yesterday}, RULE)) == 3


def test_an_alert_key_fits_the_ledger_and_never_looks_like_a_date():
    key = alert_key(2**31 - 1, RULE.developments)
    assert len(key) <= 10 and not key[0].isdigit() and development_of(key) == RULE.developments


# --- the whole path: mawjaz deliver --at, real python-telegram-bot, fake Bot API -----------------


def _report(engine, outlet: str, minutes: int, title: str = QUAKE_TITLE, body: str = QUAKE_WIRE) -> None:
    """``outlet`` carries the earthquake ``minutes`` after START (the wire copy, or its own report)."""
    item = Article(
        title=title,
        body=body,
        source=outlet,
        source_name=outlet,
        external_id=f"{outlet}-{minutes}",
        url=f"https://{outlet}.example/{minutes}",
        published=START + timedelta(minutes=minutes),
    )
    assert store_items(engine, [item], IngestReport()).failed == 0


def _burst_of_five(engine) -> None:
    for n, minutes in enumerate((0, 6, 12)):
        _report(engine, f"outlet-{n}", minutes)
    for n, minutes in ((3, 20), (4, 30)):
        _report(engine, f"outlet-{n}", minutes, QUAKE_OTHER_TITLE, QUAKE_OTHER_OUTLET)


def _set(engine, chat_id: str, **values) -> None:
    with transaction(engine) as session:
        row = session.exec(select(Subscriber).where(Subscriber.chat_id == chat_id)).one()
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)


@pytest.fixture
def deliver_at(fresh_db, db_url, telegram):
    """``mawjaz deliver --at MINUTES-after-START --json`` through the CLI; returns its counts."""
    runner = CliRunner()
    env = {"MAWJAZ_TELEGRAM_TOKEN": TOKEN, "MAWJAZ_TELEGRAM_BASE_URL": f"{telegram.url}/bot"}

    def run(minutes: int) -> dict:
        at = (START + timedelta(minutes=minutes)).isoformat()
        result = runner.invoke(cli, ["--database", db_url, "deliver", "--at", at, "--json"], env=env)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return run


def test_a_burst_of_five_outlets_alerts_each_opted_in_reader_once_and_a_sixth_outlet_later_none(
    fresh_db, telegram, deliver_at
):
    on = add_subscribers(fresh_db, 3, digest_time="23:00")
    follower, default, off, quiet = add_subscribers(fresh_db, 4, first_chat=20_000, digest_time="23:00")
    for chat in on:
        _set(fresh_db, chat, alerts="on")
    _set(fresh_db, off, alerts="off")
    _set(fresh_db, quiet, alerts="on", quiet_start="12:00", quiet_end="14:00")  # 13:30 in Riyadh: quiet
    from mawjaz.bot.commands import dispatch_text  # the follower follows through the command core
    from mawjaz.bot.values import CommandRequest, Services
    from mawjaz.storage.subscribers import Chat, Defaults

    services = Services(engine=fresh_db, defaults=Defaults(), clock=lambda: START)
    dispatch_text(CommandRequest(Chat("telegram", follower), "", "/follow ملاطية", user_id="1"), services)

    _burst_of_five(fresh_db)
    counts = deliver_at(31)
    assert counts["alerts"] == 4 and counts["delivered"] == 4 and counts["failed"] == 0
    alerted = {str(call.params["chat_id"]) for call in telegram.sent()}
    assert alerted == {*on, follower}
    text = telegram.sent()[0].params["text"]
    assert text.startswith(bidi.RLM + "عاجل: ") and f"{bidi.LRI}/alerts off{bidi.PDI}" in text  # LTR runs isolated
    assert "5 مصادر" in bidi.strip_marks(text) and "outlet-0" in text

    assert deliver_at(40)["alerts"] == 0  # still inside the burst's hour: nothing twice
    _report(fresh_db, "outlet-5", 180, QUAKE_FOLLOW_UP_TITLE, QUAKE_FOLLOW_UP)  # a sixth outlet, hours later
    assert deliver_at(181)["alerts"] == 0
    assert len(telegram.sent()) == 4
    rows = [d for d in ledger(fresh_db) if d.story_id is not None]
    assert len(rows) == 4 and {d.status for d in rows} == {"sent"}


def test_a_slack_channel_with_alerts_on_gets_one_alert_too(fresh_db, slack):
    from botkit import deliver

    from mawjaz.bot.slack.send import SlackSender, make_client

    [channel] = add_subscribers(fresh_db, 1, platform="slack", digest_time="23:00")
    _set(fresh_db, channel, alerts="on")
    _burst_of_five(fresh_db)
    sender = SlackSender(make_client("xoxb-test", f"{slack.url}/api/"))
    for minutes in (31, 45):
        deliver(fresh_db, {"slack": sender}, START + timedelta(minutes=minutes))
    [post] = slack.posted(channel)
    assert "عاجل" in bidi.strip_marks(post.params["text"])


def test_an_alert_left_unsent_for_hours_is_dropped_not_sent_late(fresh_db, telegram, deliver_at):
    [chat] = add_subscribers(fresh_db, 1, digest_time="23:00")
    _set(fresh_db, chat, alerts="on")
    _burst_of_five(fresh_db)
    from mawjaz.delivery.alerts import tick

    assert tick(fresh_db, START + timedelta(minutes=31), RULE) == 1  # enqueued, then the service went down
    counts = deliver_at(31 + 3 * 60)
    assert counts["delivered"] == 0 and not telegram.sent()
    [row] = ledger(fresh_db)
    assert row.status == "failed" and row.error == "too late to be breaking news"


def test_alerts_and_quiet_commands_answer_in_both_languages(fresh_db):
    from mawjaz.bot.commands import dispatch_text, help_text
    from mawjaz.bot.values import CommandRequest, Services
    from mawjaz.storage.subscribers import Chat, Defaults

    services = Services(engine=fresh_db, defaults=Defaults(), clock=lambda: START)

    def ask(line: str) -> str:
        return dispatch_text(CommandRequest(Chat("telegram", "55"), "", line, user_id="55"), services).text or ""

    assert "عاجلة" in ask("/alerts on")
    assert "23:00" in ask("/quiet ٢٣:٠٠ 07:00") and "22:30" in ask("هدوء 22:30-06:00")
    assert "/quiet" in ask("/quiet 25:00")
    assert "ألغيت" in ask("/quiet off")
    assert "أوقفت" in ask("تنبيهات off")
    ask("/lang en")
    assert "Use: /alerts on" in ask("/alerts")
    for lang in ("ar", "en"):
        assert "/alerts on|off" in help_text(lang) and "/quiet HH:MM HH:MM" in help_text(lang)
    with transaction(fresh_db) as session:
        row = session.exec(select(Subscriber).where(Subscriber.chat_id == "55")).one()
        assert (row.alerts, row.quiet_start, row.quiet_end) == ("off", None, None)


# --- a crash in the middle of an alert burst ------------------------------------------------------

READERS = 600


def _worker(db_url: str, fake, minutes: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    env.update(
        MAWJAZ_TELEGRAM_TOKEN=TOKEN, MAWJAZ_TELEGRAM_BASE_URL=f"{fake.url}/bot", MAWJAZ_TELEGRAM_RATE_PER_S="100000"
    )  # the fake has no limit: go as fast as it answers
    at = (START + timedelta(minutes=minutes)).isoformat()
    command = [sys.executable, "-m", "mawjaz", "--database", db_url, "deliver", "--at", at, "--json"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_kill_9_mid_alert_burst_loses_no_alert_and_doubles_at_most_the_one_in_flight(fresh_db, db_url):
    chats = add_subscribers(fresh_db, READERS, digest_time="23:00")
    with transaction(fresh_db) as session:
        session.execute(update(Subscriber).values(alerts="on"))
    _burst_of_five(fresh_db)
    fake = FakeTelegram().start()
    try:
        first = _worker(db_url, fake, 31)
        deadline = time.monotonic() + 60
        while len(fake.sent()) < READERS // 3:
            assert first.poll() is None, f"the worker ended before the kill: {first.communicate()}"
            assert time.monotonic() < deadline, "the worker sent too little in time"
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        sent_before = len(fake.sent())
        assert sent_before < READERS, "the kill came too late to prove anything"
        second = _worker(db_url, fake, 32)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err[-3000:]
        summary = json.loads(out)
    finally:
        fake.stop()
    per_chat = Counter(str(c.params["chat_id"]) for c in fake.sent())
    context = f"killed after {sent_before} alerts; second run: {summary}"
    assert set(per_chat) == set(chats), f"{len(set(chats) - set(per_chat))} lost; {context}"
    assert sum(n - 1 for n in per_chat.values()) <= 1, f"more than the one in flight doubled; {context}"
    assert summary["alerts"] == 0 and summary["requeued"] >= 1, context  # the ledger already held every alert
    rows = ledger(fresh_db)
    assert len(rows) == READERS and {r.status for r in rows} == {"sent"} and all(r.story_id for r in rows)
