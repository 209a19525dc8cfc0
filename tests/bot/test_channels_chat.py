"""``/channel``, ``/time`` and ``/every`` in chat: Telegram through python-telegram-bot polling the fake Bot API,
Slack through signed ``/mawjaz`` commands into Bolt, both served by one ``mawjaz run``."""

from __future__ import annotations

import json

import pytest
from botkit import FAST, NOW, SLACK_SECRET, SLACK_TOKEN, TOKEN, run_settings, running, subscriber_row, wait_until
from fakes.slack_api import slash_command
from fakes.telegram_api import visible_text

from mawjaz.bot.channels import listed
from mawjaz.service import Service

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

ADMIN = 9101  # in MAWJAZ_ADMINS; chats privately from this id


@pytest.fixture(scope="module")
def service(module_db, module_telegram, module_slack):
    settings = run_settings(
        module_db,
        telegram_token=TOKEN,
        telegram_base_url=f"{module_telegram.url}/bot",
        slack_bot_token=SLACK_TOKEN,
        slack_signing_secret=SLACK_SECRET,
        slack_api_url=f"{module_slack.url}/api/",
        slack_port=0,
        admins=f"telegram:{ADMIN},slack:UADMIN",
    )
    with running(Service(settings, module_db, timing=FAST, clock=lambda: NOW)) as running_service:
        module_telegram.wait_for_polling()
        wait_until(lambda: running_service.servers)
        yield running_service


@pytest.fixture
def telegram(service, module_telegram):
    return module_telegram


def _answer(telegram, chat_id: int, text: str) -> str:
    before = len(telegram.sent(chat_id))
    telegram.user_says(text, chat_id=chat_id)
    calls = telegram.wait_for("sendMessage", chat_id=chat_id, count=before + 1)
    return visible_text(calls[-1].params["text"])


def test_an_administrator_adds_a_channel_from_a_private_chat(telegram, module_db):
    telegram.add_channel("@gulf_brief", -1005550000001)
    said = _answer(telegram, ADMIN, "/channel add @Gulf_Brief 06:45 18:00 Asia/Dubai en")
    assert "@gulf_brief" in said and "06:45" in said and "18:00" in said
    assert telegram.calls_to("getChatMember", chat_id="@gulf_brief")
    [found] = [c for c in listed(module_db) if c.channel == "@gulf_brief"]
    assert (found.times, found.timezone, found.lang, found.active) == (("06:45", "18:00"), "Asia/Dubai", "en", True)
    assert "@gulf_brief" in _answer(telegram, ADMIN, "/channel list")
    assert "@gulf_brief" in _answer(telegram, ADMIN, "/channel remove @gulf_brief")
    assert all(c.channel != "@gulf_brief" for c in listed(module_db))


def test_a_channel_where_the_bot_is_no_admin_is_refused_in_the_admins_language(telegram, module_db):
    telegram.add_channel("@not_ours", -1005550000002, status="member")
    said = _answer(telegram, ADMIN, "/channel add @not_ours")
    assert "ليس مشرفاً" in said and "@not_ours" in said
    assert subscriber_row(module_db, "telegram", "@not_ours") is None


def test_only_mawjaz_administrators_manage_channels(telegram, module_db):
    telegram.add_channel("@someone_elses", -1005550000003)
    said = _answer(telegram, 9102, "/channel add @someone_elses")
    assert "لمديري موجز" in said
    assert subscriber_row(module_db, "telegram", "@someone_elses") is None
    assert not telegram.calls_to("getChatMember", chat_id="@someone_elses")


def test_a_reader_picks_two_times_and_a_weekday_in_telegram(telegram, module_db):
    _answer(telegram, 9103, "/start")
    said = _answer(telegram, 9103, "/time 07:30 19:30")
    assert "07:30" in said and "19:30" in said
    said = _answer(telegram, 9103, "/every week الجمعة")
    assert "كل جمعة" in said
    row = subscriber_row(module_db, "telegram", "9103")
    assert (row.digest_time, row.later_times, row.weekday) == ("07:30", "19:30", 4)


def test_a_channel_that_removes_the_bot_is_paused_at_once(telegram, module_db):
    telegram.add_channel("@levant_brief", -1005550000004)
    _answer(telegram, ADMIN, "/channel add @levant_brief")
    telegram.membership(-1005550000004, "left", chat_type="channel", username="Levant_Brief")
    row = subscriber_row(module_db, "telegram", "-1005550000004")  # kept by its id, its @name beside it
    assert row.username == "@levant_brief"
    wait_until(lambda: not subscriber_row(module_db, "telegram", "-1005550000004").active)


def _slack(service, module_slack, text: str, key: str, channel: str = "CSCHED", user: str = "U1") -> str:
    url = f"http://127.0.0.1:{service.servers[0].port}/slack/events"
    slash_command(
        url,
        SLACK_SECRET,
        "/mawjaz",
        text,
        response_url=module_slack.response_url(key),
        channel_id=channel,
        user_id=user,
    )
    [answer] = module_slack.wait_for("response", key=key)
    return json.dumps(answer.params.get("blocks", []), ensure_ascii=False) + answer.params.get("text", "")


def test_a_slack_channel_picks_its_times_and_weekday_through_mawjaz(service, module_slack, module_db):
    _slack(service, module_slack, "subscribe", "s1")
    assert "19:30" in _slack(service, module_slack, "time 07:30 19:30", "s2")
    _slack(service, module_slack, "lang en", "s3")
    assert "every Friday at 07:30 and 19:30" in _slack(service, module_slack, "every week friday", "s4")
    row = subscriber_row(module_db, "slack", "CSCHED")
    assert (row.digest_time, row.later_times, row.weekday) == ("07:30", "19:30", 4)


def test_slack_administrators_are_pointed_to_telegram_for_channels(service, module_slack):
    said = _slack(service, module_slack, "channel add @news", "s5", channel="CADMIN", user="UADMIN")
    assert "mawjaz channels add" in said
