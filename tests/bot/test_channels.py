"""Telegram channels through the real CLI: ``mawjaz channels`` asks the fake Bot API, ``mawjaz deliver --at`` posts.

python-telegram-bot talks to the fake over real HTTP: ``getChat`` and ``getChatMember`` for the admin
check, ``sendMessage`` to ``@name`` and to ``-100…`` ids. Each test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
from botkit import NOW, TOKEN, ledger, store_articles, subscriber_row
from click.testing import CliRunner

from mawjaz.cli.app import cli
from mawjaz.storage import leases
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Delivery, Subscriber, utcnow

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

NEWS, NEWS_ID = "@news_ar", -1001111111111
WIRE_ID = -1002222222222


@pytest.fixture
def mawjaz(db_with_stories, db_url, telegram):
    """``mawjaz ARGS`` on the test database with a Telegram token pointing at the fake."""
    runner = CliRunner()
    env = {"MAWJAZ_TELEGRAM_TOKEN": TOKEN, "MAWJAZ_TELEGRAM_BASE_URL": f"{telegram.url}/bot"}

    def run(*args: str, token: bool = True):
        return runner.invoke(cli, ["--database", db_url, *args], env=env if token else {}, catch_exceptions=False)

    return run


def channels(mawjaz) -> list[dict]:
    result = mawjaz("channels", "list", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_channel_where_the_bot_is_admin_is_added_with_its_schedule(mawjaz, telegram):
    telegram.add_channel(NEWS, NEWS_ID)
    result = mawjaz("channels", "add", "@News_AR", "--at", "19:30", "--at", "07:30", "--tz", "Africa/Cairo", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "channel": NEWS,
        "times": ["07:30", "19:30"],
        "timezone": "Africa/Cairo",
        "lang": "ar",
        "every": "day",
        "weekday": None,
        "status": "active",
        "id": str(NEWS_ID),
        "new": True,
    }
    assert telegram.calls_to("getChatMember", chat_id=NEWS)
    assert [c["channel"] for c in channels(mawjaz)] == [NEWS]
    again = mawjaz("channels", "add", NEWS, "--lang", "en")
    assert again.output.startswith(f"updated {NEWS}: every day at 07:30, 19:30 Africa/Cairo, in en, active")


@pytest.mark.parametrize(
    "setup,channel,says",
    [
        (lambda t: t.add_channel(NEWS, NEWS_ID, status="member"), NEWS, "not an administrator of @news_ar"),
        (lambda t: t.add_channel(NEWS, NEWS_ID, status="left"), NEWS, "not an administrator"),
        (lambda t: t.add_channel(NEWS, NEWS_ID, may_post=False), NEWS, "may not post messages"),
        (lambda t: None, "@nobody_here", "cannot see channel @nobody_here"),
        (lambda t: None, "-1003333333333", "not a channel"),  # a supergroup's id
    ],
    ids=["member", "left", "admin-without-posting", "unknown", "not-a-channel"],
)
def test_a_channel_the_bot_may_not_post_to_is_refused_in_one_line_and_nothing_is_stored(
    mawjaz, telegram, setup, channel, says
):
    setup(telegram)
    result = mawjaz("channels", "add", channel)
    assert result.exit_code == 2
    [line] = result.output.strip().split("\n")
    assert line.startswith("error: ") and says in line, line
    assert channels(mawjaz) == []


@pytest.mark.parametrize(
    "args,says",
    [
        (["add", "news"], "is not a Telegram channel"),
        (["add", "@news_ar", "--at", "25:00"], "is not a time of day"),
        (["add", "@news_ar", "--at", "07:00", "--at", "12:00", "--at", "15:00", "--at", "19:00"], "At most 3"),
        (["add", "@news_ar", "--tz", "Mars/Olympus"], "Unknown time zone"),
        (["remove", "@news_ar"], "no channel @news_ar"),
    ],
)
def test_channel_mistakes_are_one_line_errors(mawjaz, telegram, args, says):
    telegram.add_channel(NEWS, NEWS_ID)
    result = mawjaz("channels", *args)
    assert result.exit_code == 2 and result.output.startswith("error:") and says in result.output, result.output
    assert len(result.output.strip().split("\n")) == 1


def test_adding_a_channel_without_a_token_says_what_to_set(mawjaz):
    result = mawjaz("channels", "add", NEWS, token=False)
    assert result.exit_code == 2 and "MAWJAZ_TELEGRAM_TOKEN" in result.output


def _deliver(mawjaz, at: str) -> dict:
    result = mawjaz("deliver", "--at", at, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_channel_gets_one_digest_per_scheduled_time_and_none_once_the_bot_is_removed(
    mawjaz, telegram, db_with_stories, caplog
):
    telegram.add_channel(NEWS, NEWS_ID)
    telegram.add_channel("@wire", WIRE_ID)
    assert mawjaz("channels", "add", NEWS, "--at", "07:30", "--at", "19:30").exit_code == 0
    assert mawjaz("channels", "add", str(WIRE_ID), "--at", "07:30", "--lang", "en").exit_code == 0

    # 23 Nov, 07:30 Riyadh: both channels get the morning digest, addressed by their ids
    assert _deliver(mawjaz, "2026-11-23T07:30+03:00")["delivered"] == 2
    assert len(telegram.sent(NEWS_ID)) == 1 and len(telegram.sent(WIRE_ID)) == 1
    assert "الجيش العراقي" in telegram.texts(NEWS_ID)[0] and "Brief for" in telegram.texts(WIRE_ID)[0]
    # the same time again, and later that morning: nothing more
    for at in ("2026-11-23T07:30+03:00", "2026-11-23T11:00+03:00"):
        assert _deliver(mawjaz, at)["enqueued"] == 0
    assert len(telegram.sent()) == 2

    # 19:30: only @news_ar has an evening time; it covers what came since the morning
    store_articles(db_with_stories, NOW + timedelta(hours=8), source="outlet-b", articles=EVENING)
    counts = _deliver(mawjaz, "2026-11-23T19:30+03:00")
    assert (counts["enqueued"], counts["delivered"]) == (1, 1)
    evening = telegram.texts(NEWS_ID)[1]
    assert "الأمطار" in evening and "الجيش العراقي" not in evening
    assert len(telegram.sent(WIRE_ID)) == 1

    # the owner removes the bot from @news_ar: the next digest is refused (403) and the channel paused
    telegram.remove_from_channel(NEWS)
    with caplog.at_level(logging.WARNING, logger="mawjaz.delivery.deliverer"):
        counts = _deliver(mawjaz, "2026-11-24T07:30+03:00")
    assert (counts["enqueued"], counts["delivered"], counts["failed"]) == (2, 1, 1)
    assert any(
        "channel @news_ar removed the bot" in r.getMessage() and "paused" in r.getMessage() for r in caplog.records
    )
    assert {c["channel"]: c["status"] for c in channels(mawjaz)} == {NEWS: "paused", "@wire": "active"}
    for at in ("2026-11-24T19:30+03:00", "2026-11-25T07:30+03:00", "2026-11-25T19:30+03:00"):
        _deliver(mawjaz, at)
    assert len(telegram.sent(NEWS_ID)) == 2  # none since the bot was removed
    assert len(telegram.sent(WIRE_ID)) == 3  # 23, 24 and 25 November
    news, wire = (subscriber_row(db_with_stories, "telegram", str(c)).id for c in (NEWS_ID, WIRE_ID))
    rows = {(row.subscriber_id, row.local_date, row.slot): row.status for row in ledger(db_with_stories)}
    assert rows == {  # one ledger row per channel per scheduled time, and none after the pause
        (news, "2026-11-23", 0): "sent",
        (news, "2026-11-23", 1): "sent",
        (news, "2026-11-24", 0): "failed",
        (wire, "2026-11-23", 0): "sent",
        (wire, "2026-11-24", 0): "sent",
        (wire, "2026-11-25", 0): "sent",
    }


def test_a_paused_channel_added_again_is_resumed(mawjaz, telegram):
    telegram.add_channel(NEWS, NEWS_ID)
    assert mawjaz("channels", "add", NEWS).exit_code == 0
    telegram.remove_from_channel(NEWS)
    _deliver(mawjaz, "2026-11-23T08:00+03:00")
    assert channels(mawjaz)[0]["status"] == "paused"
    refused = mawjaz("channels", "add", NEWS)  # still removed: Telegram says the bot is not an admin
    assert refused.exit_code == 2 and channels(mawjaz)[0]["status"] == "paused"
    telegram.add_channel(NEWS, NEWS_ID)
    telegram.blocked.discard(str(NEWS_ID))
    assert mawjaz("channels", "add", NEWS).exit_code == 0
    assert channels(mawjaz)[0]["status"] == "active"
    assert _deliver(mawjaz, "2026-11-24T08:00+03:00")["delivered"] == 1
    assert len(telegram.sent(NEWS_ID)) == 1


def test_a_removed_channel_is_forgotten(mawjaz, telegram):
    telegram.add_channel(NEWS, NEWS_ID)
    assert mawjaz("channels", "add", NEWS).exit_code == 0
    assert mawjaz("channels", "remove", "@News_ar").output == f"removed {NEWS}\n"
    assert channels(mawjaz) == []
    assert _deliver(mawjaz, "2026-11-23T08:00+03:00")["enqueued"] == 0


def test_a_channel_digest_a_dead_worker_held_is_sent_once_after_the_restart(mawjaz, telegram, db_with_stories):
    telegram.add_channel(NEWS, NEWS_ID)
    assert mawjaz("channels", "add", NEWS, "--at", "07:30", "--at", "19:30").exit_code == 0
    news = subscriber_row(db_with_stories, "telegram", str(NEWS_ID)).id
    with transaction(db_with_stories) as session:  # a worker claimed the evening digest and was killed
        session.add(
            Delivery(
                subscriber_id=news,
                local_date="2026-11-23",
                slot=1,
                due_at=datetime(2026, 11, 23, 16, 30, tzinfo=UTC),
                status="sending",
                claimed_by="other-host:1:dead",
                claimed_at=utcnow(),
                attempts=1,
            )
        )
        leases.acquire(
            session,
            "worker:other-host:1:dead",
            "other-host:1:dead",
            utcnow() - timedelta(minutes=5),
            timedelta(seconds=1),
        )
    first = _deliver(mawjaz, "2026-11-23T19:31+03:00")
    assert (first["requeued"], first["enqueued"], first["delivered"]) == (1, 0, 1)
    assert _deliver(mawjaz, "2026-11-23T19:40+03:00")["delivered"] == 0
    assert len(telegram.sent(NEWS_ID)) == 1


@pytest.mark.parametrize(
    "first,second",
    [(NEWS, str(NEWS_ID)), (str(NEWS_ID), NEWS), (NEWS, "@NEWS_Ar"), ("https://t.me/News_ar", str(NEWS_ID))],
    ids=["name-then-id", "id-then-name", "other-case", "link-then-id"],
)
def test_a_channel_added_by_name_and_by_id_is_one_channel_with_one_digest_per_time(
    mawjaz, telegram, db_with_stories, first, second
):
    telegram.add_channel(NEWS, NEWS_ID)
    added = mawjaz("channels", "add", first, "--at", "07:30", "--json")
    assert added.exit_code == 0 and json.loads(added.stdout)["new"] is True, added.output
    again = mawjaz("channels", "add", second, "--at", "07:30", "--at", "19:30", "--lang", "en")
    assert again.output == f"updated {NEWS}: every day at 07:30, 19:30 Asia/Riyadh, in en, active\n"
    assert [(c["channel"], c["id"], c["times"], c["lang"]) for c in channels(mawjaz)] == [
        (NEWS, str(NEWS_ID), ["07:30", "19:30"], "en")
    ]
    for name in (NEWS, str(NEWS_ID), "@News_AR"):  # `list` takes either form
        listed = mawjaz("channels", "list", name, "--json")
        assert [c["channel"] for c in json.loads(listed.stdout)] == [NEWS], listed.output

    for at in ("2026-11-23T07:30+03:00", "2026-11-23T07:30+03:00", "2026-11-23T19:30+03:00"):
        _deliver(mawjaz, at)
    assert len(telegram.sent()) == len(telegram.sent(NEWS_ID)) == 2  # one digest per scheduled time, by id
    assert mawjaz("channels", "remove", str(NEWS_ID)).output == f"removed {str(NEWS_ID)}\n"
    assert channels(mawjaz) == []


@pytest.mark.parametrize("again", [NEWS, str(NEWS_ID)], ids=["by-name", "by-id"])
def test_a_channel_stored_under_its_name_before_is_converted_to_its_id_ledger_and_all(
    mawjaz, telegram, db_with_stories, again
):
    """Rows from before migration 0013 have ``@name`` as their id; the next ``channels add`` converts them."""
    telegram.add_channel(NEWS, NEWS_ID)
    with transaction(db_with_stories) as session:  # as the channel was stored before: by @name, no username
        session.add(Subscriber(platform="telegram", chat_id=NEWS, chat_type="channel", digest_time="07:30"))
    assert [(c["channel"], c["id"]) for c in channels(mawjaz)] == [(NEWS, None)]
    assert mawjaz("channels", "list", NEWS).exit_code == 0
    assert _deliver(mawjaz, "2026-11-23T07:30+03:00")["delivered"] == 1
    assert len(telegram.sent(NEWS)) == 1  # posted to the @name it was stored under

    added = mawjaz("channels", "add", again, "--json")
    assert added.exit_code == 0 and json.loads(added.stdout)["new"] is False, added.output
    assert [(c["channel"], c["id"], c["times"]) for c in channels(mawjaz)] == [(NEWS, str(NEWS_ID), ["07:30"])]
    assert _deliver(mawjaz, "2026-11-23T07:30+03:00")["enqueued"] == 0  # the ledger came along: not sent again
    assert _deliver(mawjaz, "2026-11-24T07:30+03:00")["delivered"] == 1
    assert len(telegram.sent(NEWS_ID)) == 1 and len(telegram.sent()) == 2


def test_a_channel_stored_twice_before_is_made_one_when_added_again(mawjaz, telegram, db_with_stories):
    telegram.add_channel(NEWS, NEWS_ID)
    with transaction(db_with_stories) as session:  # the old limit: the same channel by @name and by id
        for chat_id in (NEWS, str(NEWS_ID)):
            session.add(Subscriber(platform="telegram", chat_id=chat_id, chat_type="channel", digest_time="07:30"))
    assert len(channels(mawjaz)) == 2
    assert mawjaz("channels", "add", NEWS).exit_code == 0
    assert [(c["channel"], c["id"]) for c in channels(mawjaz)] == [(NEWS, str(NEWS_ID))]
    assert _deliver(mawjaz, "2026-11-23T07:30+03:00")["delivered"] == 1


EVENING = [
    (
        "الأمطار الغزيرة تغلق الطرق في عمّان",
        "أغلقت الأمطار الغزيرة عدداً من الطرق الرئيسية في العاصمة الأردنية عمّان مساء اليوم. "
        "وقالت مديرية الأمن العام إن فرق الدفاع المدني تعاملت مع عشرات البلاغات دون إصابات.",
    ),
]


def test_a_channel_is_paced_like_a_group():
    from mawjaz.delivery.sender import TELEGRAM_LIMITS

    assert TELEGRAM_LIMITS.interval_for("channel") == TELEGRAM_LIMITS.interval_for("supergroup") == 3.0
