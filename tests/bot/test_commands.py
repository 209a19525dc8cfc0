"""The command core, without any platform: arguments, handlers, replies and their rendering."""

from __future__ import annotations

import re
from collections import OrderedDict
from pathlib import Path

import pytest
from botkit import chat, subscriber_row
from fakes.telegram_api import html_problem

from mawjaz.bot import commands
from mawjaz.bot.args import parse_time, parse_zone, split_command
from mawjaz.bot.commands import COMMANDS, dispatch_text
from mawjaz.bot.replies import slack_messages, telegram_messages
from mawjaz.bot.telegram.adapter import decode_choice, encode_choice
from mawjaz.bot.texts import TEXTS
from mawjaz.bot.values import Choice, CommandRequest, Reply
from mawjaz.errors import CommandError


@pytest.fixture
def services(module_db):
    """The core's services on a database shared by this module (each test uses chats of its own)."""
    from botkit import NOW

    from mawjaz.bot.values import Services

    return Services(engine=module_db, clock=lambda: NOW)


README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("07:30", "07:30"),
        ("7:30", "07:30"),
        ("٠٧:٣٠", "07:30"),
        ("۰۷:۳۰", "07:30"),
        ("7", "07:00"),
        ("07.30", "07:30"),
        ("23:59", "23:59"),
        ("\u200f٠٨:٠٠", "08:00"),
        ("\u200b07:30", "07:30"),
        ("0:05", "00:05"),
    ],
)
def test_times_are_read_in_any_digits(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["24:00", "7:60", "سبعة", "", "07:30:00", "-1:00"])
def test_wrong_times_are_refused_with_a_message(typed):
    with pytest.raises(CommandError):
        parse_time(typed)


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("Asia/Riyadh", "Asia/Riyadh"),
        ("asia/riyadh", "Asia/Riyadh"),
        ("الرياض", "Asia/Riyadh"),
        ("Cairo", "Africa/Cairo"),
        ("America/New York", "America/New_York"),
        ("UTC", "UTC"),
    ],
)
def test_time_zones_are_read_by_name_or_city(typed, expected):
    assert parse_zone(typed) == expected


@pytest.mark.parametrize("typed", ["Mars/Olympus", "../../etc/passwd", "", "Asia/"])
def test_unknown_time_zones_are_refused(typed):
    with pytest.raises(CommandError):
        parse_zone(typed)


def test_commands_are_split_from_their_arguments():
    assert split_command("/topic@MawjazBot داعش في العراق") == ("topic", "داعش في العراق")
    assert split_command("موضوع داعش") == ("موضوع", "داعش")
    assert split_command("/HELP") == ("help", "")


def _ask(services, text: str, chat_id: str = "300", **extra) -> Reply:
    return dispatch_text(CommandRequest(chat(chat_id), "", text, **extra), services)


def test_settings_before_start_are_kept_and_start_subscribes(services):
    reply = _ask(services, "/time ٠٦:١٥", "301")
    assert "/start" in reply.text
    assert not subscriber_row(services.engine, "telegram", "301").active
    _ask(services, "/start", "301")
    row = subscriber_row(services.engine, "telegram", "301")
    assert row.active and row.digest_time == "06:15"


def test_stop_keeps_the_settings(services):
    _ask(services, "/start", "302")
    _ask(services, "/tz القاهرة", "302")
    asked = _ask(services, "/stop", "302")
    assert subscriber_row(services.engine, "telegram", "302").active, "«إيقاف» asks before it stops"
    assert [(c.command, c.args) for c in asked.choices] == [("stop", "yes"), ("stop", "keep")]
    assert "/start" in _ask(services, "/stop yes", "302").text
    row = subscriber_row(services.engine, "telegram", "302")
    assert not row.active and row.timezone == "Africa/Cairo"


def test_stop_then_keep_leaves_the_subscription_alone(services):
    _ask(services, "/start", "306")
    assert _ask(services, "إيقاف", "306").choices
    kept = _ask(services, "/stop keep", "306")
    assert "يبقى" in kept.text and subscriber_row(services.engine, "telegram", "306").active


def test_follow_without_a_topic_suggests_follow_not_topic(services):
    reply = _ask(services, "/follow", "307")
    assert "/follow" in reply.text and "/topic" not in reply.text


def test_an_error_is_said_in_the_reader_language_only(services):
    arabic = _ask(services, "/time 99:99", "308").text
    assert "غير صحيح" in arabic and "not a time" not in arabic
    _ask(services, "/lang en", "309")
    english = _ask(services, "/time 99:99", "309").text
    assert "not a time" in english and "غير" not in english


def test_start_with_a_zone_sets_it_and_a_deep_link_payload_does_not_stop_subscribing(services):
    _ask(services, "/start Asia/Dubai", "303")
    assert subscriber_row(services.engine, "telegram", "303").timezone == "Asia/Dubai"
    reply = _ask(services, "/start ref-campaign-7", "304")
    assert subscriber_row(services.engine, "telegram", "304").active and "ref-campaign-7" in reply.text


def test_english_on_request(services):
    _ask(services, "/lang en", "305")
    assert "Mawjaz commands" in _ask(services, "/help", "305").text
    assert "Welcome" in _ask(services, "/start", "305").text


def test_follow_unfollow_and_following(services):
    assert "تابعتَ" in _ask(services, "/follow داعش", "306").text
    assert "من قبل" in _ask(services, "/follow «داعش»", "306").text
    assert "داعش" in _ask(services, "/following", "306").text
    assert "ألغيتُ" in _ask(services, "/unfollow داعش", "306").text
    assert "لا تتابع" in _ask(services, "/following", "306").text


def test_a_huge_topic_is_refused_politely(services):
    reply = _ask(services, "/topic " + "ا" * 10_000)
    assert "200" in reply.text and reply.stories is None


def test_empty_topic_explains_how_to_ask(services):
    assert "/topic" in _ask(services, "/topic").text


def test_digest_now_shows_the_stories(services):
    reply = _ask(services, "/digest")
    assert reply.stories is not None and len(reply.stories.stories) == 3


def test_settings_need_an_administrator_in_groups(services):
    request = CommandRequest(chat("-55", chat_type="group"), "", "/time 09:00", may_configure=False)
    assert "المشرفون" in dispatch_text(request, services).text
    assert subscriber_row(services.engine, "telegram", "-55") is None


def test_unknown_command_points_to_help(services):
    assert "/help" in _ask(services, "/weather").text


# --- the registry and the docs ---------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_bot_command_has_help_and_is_in_the_readme(command):
    assert re.fullmatch(r"[a-z][a-z0-9_]{0,31}", command.name), "Telegram command names are [a-z0-9_], 32 at most"
    assert command.help_ar and command.help_en
    assert f"/{command.name}" in README


def test_aliases_never_clash():
    words = [w.casefold() for c in COMMANDS for w in (c.name, *c.aliases)]
    assert len(words) == len(set(words))
    assert commands.find("/موضوع").name == "topic"


def test_every_sentence_exists_in_both_languages():
    assert all({"ar", "en"} <= set(forms) for forms in TEXTS.values())


# --- rendering replies ----------------------------------------------------------------


def test_reply_text_is_escaped_for_telegram_and_reads_right_to_left():
    [message] = telegram_messages(Reply(text="<script>alert(1)</script> & 7:30\nسطر ثانٍ"))
    assert html_problem(message.html) is None and "<script>" not in message.html
    latin, arabic = message.html.split("\n")
    assert not latin.startswith("\u200f"), "a line with no Arabic reads left to right"
    assert arabic.startswith("\u200f")


def test_long_reply_text_is_split_under_telegrams_limit():
    messages = telegram_messages(Reply(text="\n".join(["سطر طويل من النص العربي"] * 500)))
    assert len(messages) > 1 and all(len(m.html) <= 4096 for m in messages)


def test_slack_reply_text_is_escaped():
    [message] = slack_messages(Reply(text="<!channel> & <@U1>"))
    assert "<!channel>" not in message["blocks"][0]["text"]["text"]


def test_buttons_ride_on_the_last_message_two_per_row():
    reply = Reply(text="اختر", choices=tuple(Choice(str(n), "tz", f"Zone/{n}") for n in range(5)))
    [message] = telegram_messages(reply)
    assert [len(row) for row in message.buttons] == [2, 2, 1]


def test_button_data_fits_telegrams_64_bytes_or_goes_to_the_stash():
    stash: OrderedDict = OrderedDict()
    short = Choice("", "topic", "داعش", 2)
    assert decode_choice(encode_choice(short, stash), stash) == Choice("", "topic", "داعش", 2)
    long = Choice("", "topic", "الدولة الإسلامية في العراق والشام", 3)
    data = encode_choice(long, stash)
    assert len(data.encode()) <= 64 and decode_choice(data, stash) == Choice("", "topic", long.args, 3)
    assert decode_choice("k|gone", stash) is None and decode_choice("garbage", stash) is None


# --- feeds from chat: Mawjaz administrators only, through the URL guard ------------------------


def _public_dns(host: str, port: int) -> list[str]:
    return {"news.example": ["93.184.216.34"], "inside.example": ["10.0.0.5"]}.get(host, [])


@pytest.fixture
def admin_services(services):
    from dataclasses import replace

    from mawjaz.ingest.guard import check_url

    return replace(
        services,
        admins=frozenset({"telegram:42", "slack:U456"}),
        check_url=lambda url: check_url(url, resolve=_public_dns),
    )


def _feed_urls(engine) -> list[str]:
    from mawjaz.storage import feeds as feeds_repo
    from mawjaz.storage.engine import transaction

    with transaction(engine) as session:
        return [f.url for f in feeds_repo.all_feeds(session)]


def test_only_configured_administrators_may_add_feeds_from_chat(admin_services):
    refused = _ask(admin_services, "/feeds add https://news.example/a.xml", "320", user_id="7")
    assert "لمديري موجز" in refused.text
    assert "https://news.example/a.xml" not in _feed_urls(admin_services.engine)
    added = _ask(admin_services, "/feeds add https://news.example/a.xml 10m", "320", user_id="42")
    assert "https://news.example/a.xml" in added.text and "600" in added.text
    assert "https://news.example/a.xml" in _feed_urls(admin_services.engine)


def test_an_administrator_of_another_platform_is_not_one_here(admin_services):
    reply = dispatch_text(
        CommandRequest(chat("C321", platform="slack"), "", "/feeds list", user_id="42"), admin_services
    )
    assert "administrators" in reply.text or "لمديري" in reply.text


def test_help_lists_feeds_only_to_mawjaz_administrators(admin_services):
    assert "/feeds" not in _ask(admin_services, "/help", "325", user_id="7").text
    assert "/feeds" in _ask(admin_services, "/help", "325", user_id="42").text


def test_without_mawjaz_admins_nobody_manages_feeds_from_chat(services):
    assert "لمديري موجز" in _ask(services, "/feeds add https://news.example/b.xml", "322", user_id="42").text


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/feed",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/x",
        "https://inside.example/rss",
        "file:///etc/passwd",
        "http://localhost:8080/rss",
    ],
)
def test_a_feed_on_a_private_address_is_refused_even_for_an_administrator(admin_services, url):
    reply = _ask(admin_services, f"/feeds add {url}", "323", user_id="42")
    assert "refused" in reply.text
    assert url not in _feed_urls(admin_services.engine)


def test_an_administrator_lists_and_removes_feeds(admin_services):
    _ask(admin_services, "/feeds add https://news.example/c.xml", "324", user_id="42")
    listed = _ask(admin_services, "/feeds list", "324", user_id="42")
    assert "https://news.example/c.xml" in listed.text
    assert "حُذف" in _ask(admin_services, "/feeds remove https://news.example/c.xml", "324", user_id="42").text
    assert "https://news.example/c.xml" not in _feed_urls(admin_services.engine)
    assert "/feeds add" in _ask(admin_services, "/feeds frobnicate", "324", user_id="42").text


def test_mawjaz_admins_is_read_as_platform_user_pairs():
    from mawjaz.config import Settings

    settings = Settings(admins=" telegram:123, slack:U456 ,,")
    assert settings.admin_ids() == frozenset({"telegram:123", "slack:U456"})


# --- the per-user command budget ------------------------------------------------------------


def test_one_user_flooding_the_bot_gets_a_polite_wait_and_others_are_unaffected(services):
    from dataclasses import replace

    from mawjaz.bot.command_budget import Budget, CommandThrottle

    clock = [0.0]
    limited = replace(services, throttle=CommandThrottle(Budget(burst=5, per_second=0.5), clock=lambda: clock[0]))
    answers = [_ask(limited, "/topic داعش", "330", user_id="9").text for _ in range(50)]
    slowed = [a for a in answers if "مهلاً" in a]
    assert len(slowed) == 45 and "ثانية" in slowed[0]
    assert "مهلاً" not in _ask(limited, "/topic داعش", "331", user_id="10").text
    clock[0] += 2.0  # one more token after two seconds
    assert "مهلاً" not in _ask(limited, "/help", "330", user_id="9").text
    assert "مهلاً" in _ask(limited, "/help", "330", user_id="9").text


def test_the_budget_refills_at_its_rate_and_never_above_the_burst():
    from mawjaz.bot.command_budget import Budget, CommandThrottle

    clock = [0.0]
    throttle = CommandThrottle(Budget(burst=3, per_second=1.0), clock=lambda: clock[0])
    assert [throttle.allow("u") for _ in range(4)] == [True, True, True, False]
    assert throttle.wait_for("u") == pytest.approx(1.0)
    clock[0] += 100.0
    assert [throttle.allow("u") for _ in range(4)] == [True, True, True, False]
