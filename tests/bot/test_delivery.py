"""Daily digests: due at the reader's local time, sent once, paced under the platform limits, nothing lost.

The real python-telegram-bot and slack_sdk send to the fake servers over HTTP.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from botkit import (
    FAST,
    NOW,
    TOKEN,
    add_subscribers,
    deliver,
    ledger,
    run_settings,
    running,
    store_articles,
    subscriber_row,
    telegram_sender,
)
from fakes.slack_api import FakeSlack
from fakes.telegram_api import FakeTelegram, html_problem, visible_text

from mawjaz.bot.slack.send import SlackSender, make_client
from mawjaz.bot.telegram.send import TelegramSender
from mawjaz.delivery.sender import SLACK_LIMITS, TELEGRAM_LIMITS, Outgoing
from mawjaz.digest.render import RLM
from mawjaz.service import Service
from mawjaz.storage import leases
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Delivery, Subscriber, utcnow

# PTB warns about its own retry_after type change when it builds the exception a 429 becomes.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

RIYADH_0730 = datetime.fromisoformat("2026-11-23T07:30:00+03:00")
TITLE = "موجز الاثنين \u206623\u2069 نوفمبر \u20662026\u2069"  # the reader's day, in Riyadh
DIGEST_HEAD = "<b>موجز "


def _digests(fake: FakeTelegram, chat: str) -> list[str]:
    return [t for t in fake.texts(chat) if DIGEST_HEAD in t or "لا جديد" in t or "لا أخبار" in t]


class ThreeParts(TelegramSender):
    """A digest long enough to need three messages."""

    def render(self, digest, line):
        first = super().render(digest, line)[0].text
        return [Outgoing(f"{first}\n<i>({n}/3)</i>") for n in (1, 2, 3)]


# --- the scenario ------------------------------------------------------------------


def test_start_time_tz_then_the_0730_tick_sends_exactly_one_valid_rtl_digest(db_with_stories, telegram):
    settings = run_settings(db_with_stories, telegram_token=TOKEN, telegram_base_url=f"{telegram.url}/bot")
    with running(Service(settings, db_with_stories, timing=FAST, clock=lambda: NOW)):
        for text in ("/start", "/time ٠٧:٣٠", "/tz Asia/Riyadh"):
            telegram.user_says(text, chat_id=700)
        telegram.wait_for("sendMessage", chat_id=700, count=3)
        assert _digests(telegram, "700") == []

        result = deliver(db_with_stories, {"telegram": telegram_sender(telegram)}, RIYADH_0730)
        assert (result.enqueued, result.report.delivered) == (1, 1)
        [digest] = _digests(telegram, "700")
        assert html_problem(digest) is None
        lines = [line for line in digest.split("\n") if line.strip()]
        assert all(line.startswith(RLM) for line in lines), "every line must read right-to-left"
        assert "خلية لداعش" in visible_text(digest)
        assert f"<b>{TITLE}</b>" in digest, "the header carries the date in the reader's zone and language"

        again = deliver(db_with_stories, {"telegram": telegram_sender(telegram)}, RIYADH_0730 + timedelta(minutes=1))
        assert (again.enqueued, again.report.messages) == (0, 0)
        assert len(_digests(telegram, "700")) == 1
    [row] = ledger(db_with_stories)
    assert row.status == "sent" and row.message_ids == [str(telegram.sent("700")[-1].result["message_id"])]


def test_nobody_is_due_before_their_time(db_with_stories, telegram):
    add_subscribers(db_with_stories, 3, digest_time="08:00")
    result = deliver(db_with_stories, {"telegram": telegram_sender(telegram)}, RIYADH_0730)
    assert (result.enqueued, len(telegram.sent())) == (0, 0)


def test_the_next_day_without_news_says_so_in_one_line(db_with_stories, telegram):
    [chat] = add_subscribers(db_with_stories, 1)
    deliver(db_with_stories, {"telegram": telegram_sender(telegram)}, RIYADH_0730)
    deliver(db_with_stories, {"telegram": telegram_sender(telegram)}, RIYADH_0730 + timedelta(days=1))
    first, second = _digests(telegram, chat)
    assert TITLE in first
    assert visible_text(second).strip() == RLM + "لا جديد منذ موجزك الأخير."


def test_the_next_day_with_news_shows_only_what_is_new(db_with_stories, telegram):
    [chat] = add_subscribers(db_with_stories, 1)
    deliver(db_with_stories, {"telegram": telegram_sender(telegram)}, RIYADH_0730)
    store_articles(
        db_with_stories,
        RIYADH_0730 + timedelta(hours=12),
        [
            (
                "انطلاق معرض الرياض الدولي للكتاب",
                "افتتح معرض الرياض الدولي للكتاب أبوابه أمام الزوار بمشاركة مئات دور النشر "
                "من أنحاء العالم العربي وسط إقبال كبير.",
            ),
        ],
        source="outlet-b",
    )
    deliver(db_with_stories, {"telegram": telegram_sender(telegram)}, RIYADH_0730 + timedelta(days=1))
    second = visible_text(_digests(telegram, chat)[1])
    assert "معرض الرياض" in second and "خلية لداعش" not in second


def test_followed_topics_come_first(db_with_stories, telegram, services):
    from mawjaz.bot.commands import dispatch
    from mawjaz.bot.values import CommandRequest
    from mawjaz.storage.subscribers import Chat

    for text in ("start", "follow"):
        dispatch(CommandRequest(Chat("telegram", "900"), text, "أسعار الفائدة" if text == "follow" else ""), services)
    with transaction(db_with_stories) as session:
        session.get(Subscriber, subscriber_row(db_with_stories, "telegram", "900").id).digest_time = "07:30"
    deliver(db_with_stories, {"telegram": telegram_sender(telegram)}, RIYADH_0730)
    shown = visible_text(_digests(telegram, "900")[0])
    assert shown.index("أسعار الفائدة") < shown.index("خلية لداعش")


# --- platform answers ---------------------------------------------------------------


def test_a_user_who_blocked_the_bot_is_unsubscribed_and_the_others_get_theirs(db_with_stories, telegram):
    chats = add_subscribers(db_with_stories, 3)
    telegram.block(chats[1])
    result = deliver(db_with_stories, {"telegram": telegram_sender(telegram)}, RIYADH_0730)
    assert (result.report.delivered, result.report.failed) == (2, 1)
    assert [len(_digests(telegram, c)) for c in chats] == [1, 0, 1]
    assert not subscriber_row(db_with_stories, "telegram", chats[1]).active
    assert sorted(d.status for d in ledger(db_with_stories)) == ["failed", "sent", "sent"]


def test_a_reader_who_stops_after_the_tick_gets_nothing(db_with_stories, telegram):
    from mawjaz.delivery.schedule import tick
    from mawjaz.storage import subscribers

    [chat] = add_subscribers(db_with_stories, 1)
    assert tick(db_with_stories, RIYADH_0730.astimezone(UTC)) == 1
    with transaction(db_with_stories) as session:
        subscribers.deactivate_chat(session, "telegram", chat)
    result = deliver(db_with_stories, {"telegram": telegram_sender(telegram)}, RIYADH_0730)
    assert result.report.messages == 0 and not telegram.sent()
    assert [d.status for d in ledger(db_with_stories)] == ["failed"]


def test_a_migrated_group_gets_its_digest_at_the_new_id(db_with_stories, telegram):
    [chat] = add_subscribers(db_with_stories, 1, first_chat=-4000, chat_type="group")
    telegram.migrated[chat] = "-1004000"
    result = deliver(db_with_stories, {"telegram": telegram_sender(telegram)}, RIYADH_0730)
    assert result.report.delivered == 1
    assert len(_digests(telegram, "-1004000")) == 1
    assert subscriber_row(db_with_stories, "telegram", "-1004000").active


def test_a_429_waits_and_resends_the_same_message_never_dropping_or_doubling_it(db_with_stories):
    fake = FakeTelegram(max_per_second=10, retry_after=1).start()
    try:
        chats = add_subscribers(db_with_stories, 25)
        unpaced = replace(TELEGRAM_LIMITS, per_second=None)  # send as fast as possible: the fake will push back
        result = deliver(db_with_stories, {"telegram": telegram_sender(fake, unpaced)}, RIYADH_0730)
        rejected = [c for c in fake.calls_to("sendMessage", ok_only=False) if c.status == 429]
        assert rejected and result.report.rate_limited == len(rejected)
        assert [len(_digests(fake, c)) for c in chats] == [1] * 25
        assert result.report.delivered == 25
    finally:
        fake.stop()


def test_paced_sending_stays_under_the_limit_without_a_429(db_with_stories):
    fake = FakeTelegram(max_per_second=10, retry_after=1).start()
    try:
        add_subscribers(db_with_stories, 15)
        paced = replace(TELEGRAM_LIMITS, per_second=8.5)  # at most 10 in any second, even with jitter
        result = deliver(db_with_stories, {"telegram": telegram_sender(fake, paced)}, RIYADH_0730)
        assert result.report.delivered == 15 and result.report.rate_limited == 0
    finally:
        fake.stop()


def test_a_long_digest_goes_out_in_parts_a_second_apart_to_one_chat(db_with_stories, telegram):
    chats = add_subscribers(db_with_stories, 2)
    result = deliver(db_with_stories, {"telegram": ThreeParts(telegram_sender(telegram).bot)}, RIYADH_0730)
    assert result.report.messages == 6
    for chat in chats:
        times = [c.at for c in telegram.sent(chat)]
        assert len(times) == 3 and min(b - a for a, b in zip(times, times[1:])) >= 0.95
    [row, _] = ledger(db_with_stories)
    assert len(row.message_ids) == 3


def test_a_restart_resumes_after_the_last_recorded_message(db_with_stories, telegram):
    [chat] = add_subscribers(db_with_stories, 1)
    with transaction(db_with_stories) as session:
        subscriber = session.exec(__import__("sqlmodel").select(Subscriber)).one()
        session.add(
            Delivery(
                subscriber_id=subscriber.id,
                local_date="2026-11-23",
                due_at=RIYADH_0730.astimezone(UTC),
                status="sending",
                claimed_by="other-host:1:dead",
                claimed_at=utcnow(),
                attempts=1,
                message_ids=["1"],
            )
        )
        leases.acquire(
            session,
            "worker:other-host:1:dead",
            "other-host:1:dead",
            utcnow() - timedelta(minutes=5),
            timedelta(seconds=1),
        )  # lapsed long ago
    result = deliver(db_with_stories, {"telegram": ThreeParts(telegram_sender(telegram).bot)}, RIYADH_0730)
    assert result.requeued == 1
    sent = [visible_text(t) for t in telegram.texts(chat)]
    assert len(sent) == 2 and "(2/3)" in sent[0] and "(3/3)" in sent[1]
    [row] = ledger(db_with_stories)
    assert row.status == "sent" and len(row.message_ids) == 3 and row.message_ids[0] == "1"


# --- Slack ---------------------------------------------------------------------------


@pytest.fixture
def slack_channels(db_with_stories):
    return add_subscribers(db_with_stories, 3, platform="slack")


def test_slack_channels_get_a_block_kit_digest(db_with_stories, slack, slack_channels):
    sender = SlackSender(make_client("xoxb-test", f"{slack.url}/api/"))
    result = deliver(db_with_stories, {"slack": sender}, RIYADH_0730)
    assert result.report.delivered == 3
    for channel in slack_channels:
        [post] = slack.posted(channel)
        blocks = post.params["blocks"]
        assert blocks[0]["type"] == "header" and TITLE in blocks[0]["text"]["text"]
        assert any("خلية لداعش" in b.get("text", {}).get("text", "") for b in blocks)


def test_slack_429_is_retried_after_retry_after_and_each_message_lands_once(db_with_stories):
    fake = FakeSlack(per_channel_interval=1.0, retry_after=1).start()
    try:
        add_subscribers(db_with_stories, 2, platform="slack")
        unpaced = replace(SLACK_LIMITS, chat_interval=0.0)

        class Parts(SlackSender):
            def render(self, digest, line):
                one = super().render(digest, line)[0]
                return [Outgoing(f"{one.text} ({n})", one.blocks) for n in (1, 2)]

        result = deliver(
            db_with_stories, {"slack": Parts(make_client("xoxb", f"{fake.url}/api/"), unpaced)}, RIYADH_0730
        )
        assert result.report.rate_limited >= 1 and result.report.delivered == 2
        landed = sorted((c.params["channel"], c.params["text"]) for c in fake.posted())
        assert len(landed) == len(set(landed)) == 4
    finally:
        fake.stop()
