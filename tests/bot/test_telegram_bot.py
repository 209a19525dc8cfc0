"""The Telegram bot, through python-telegram-bot polling a fake Bot API over real HTTP."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from botkit import FAST, NOW, TOKEN, run_settings, running, subscriber_row, wait_until
from fakes.telegram_api import html_problem, visible_text

from mawjaz.service import Service

ADMIN = 9001  # a Mawjaz administrator (MAWJAZ_ADMINS), chatting from no other test


@pytest.fixture(scope="module")
def bot(module_db, module_telegram):
    """``mawjaz run`` with a Telegram token, polling the fake; the clock reads :data:`NOW`.

    Started once per module and database: each test talks from a chat of its own.
    """
    settings = run_settings(
        module_db, telegram_token=TOKEN, telegram_base_url=f"{module_telegram.url}/bot", admins=f"telegram:{ADMIN}"
    )
    with running(Service(settings, module_db, timing=FAST, clock=lambda: NOW)) as service:
        module_telegram.wait_for_polling()
        yield service


@pytest.fixture
def telegram(bot, module_telegram):
    return module_telegram


@pytest.fixture
def db_with_stories(bot, module_db):
    return module_db


def _menus(telegram) -> dict[tuple[str | None, str | None], list[dict]]:
    """The registered menus by (scope, language), e.g. (None, "en") or ('{"type":"chat",...}', None)."""
    calls = telegram.wait_for("setMyCommands", count=4)
    return {(c.params.get("scope"), c.params.get("language_code")): json.loads(c.params["commands"]) for c in calls}


def test_bot_registers_its_commands_in_arabic_and_english(bot, telegram):
    menus = _menus(telegram)
    assert {"start", "topic", "help", "time", "tz"} <= {c["command"] for c in menus[None, None]}
    assert any("اشتراك" in c["description"] for c in menus[None, None])
    assert any("subscribe" in c["description"] for c in menus[None, "en"])


def test_only_mawjaz_administrators_see_feeds_in_their_menu(bot, telegram):
    menus = _menus(telegram)
    assert "feeds" not in {c["command"] for c in menus[None, None]}
    [(scope, _)] = {key for key in menus if key[0] is not None and key[1] is None}
    assert json.loads(scope) == {"type": "chat", "chat_id": ADMIN}
    assert "feeds" in {c["command"] for c in menus[scope, None]}
    assert "feeds" in {c["command"] for c in menus[scope, "en"]}


def test_start_subscribes_and_answers_in_arabic(bot, telegram, db_with_stories):
    telegram.user_says("/start", chat_id=501)
    [answer] = telegram.wait_for("sendMessage", chat_id=501)
    assert "أهلاً" in visible_text(answer.params["text"])
    assert html_problem(answer.params["text"]) is None
    row = subscriber_row(db_with_stories, "telegram", "501")
    assert row.active and row.timezone == "Asia/Riyadh" and row.digest_time == "08:00"


def test_topic_answers_with_valid_html_about_the_story(bot, telegram):
    telegram.user_says("/topic داعش", chat_id=502)
    [answer] = telegram.wait_for("sendMessage", chat_id=502)
    text = answer.params["text"]
    assert html_problem(text) is None
    assert "خلية لداعش" in visible_text(text)
    assert answer.params["parse_mode"] == "HTML"


def test_help_lists_the_commands(bot, telegram):
    telegram.user_says("/help", chat_id=503)
    [answer] = telegram.wait_for("sendMessage", chat_id=503)
    shown = visible_text(answer.params["text"])
    for name in ("/start", "/time", "/tz", "/topic", "/follow", "/digest", "/lang"):
        assert name in shown


def test_arabic_digits_and_time_zone_are_understood(bot, telegram, db_with_stories):
    telegram.user_says("/start", chat_id=504)
    telegram.wait_for("sendMessage", chat_id=504)
    telegram.user_says("/time ٠٧:٣٠", chat_id=504)
    telegram.user_says("/tz Africa/Cairo", chat_id=504)
    telegram.wait_for("sendMessage", chat_id=504, count=3)
    row = subscriber_row(db_with_stories, "telegram", "504")
    assert (row.digest_time, row.timezone) == ("07:30", "Africa/Cairo")


def test_unknown_command_gets_a_short_helpful_answer(bot, telegram):
    telegram.user_says("/frobnicate now", chat_id=505)
    [answer] = telegram.wait_for("sendMessage", chat_id=505)
    assert "/help" in visible_text(answer.params["text"])


def test_a_wrong_time_is_explained_not_a_stack_trace(bot, telegram):
    telegram.user_says("/time 25:99", chat_id=506)
    [answer] = telegram.wait_for("sendMessage", chat_id=506)
    shown = visible_text(answer.params["text"])
    assert "25:99" in shown and "Traceback" not in shown


def test_tz_without_argument_offers_arab_time_zones_as_buttons(bot, telegram):
    telegram.user_says("/tz", chat_id=507)
    [answer] = telegram.wait_for("sendMessage", chat_id=507)
    buttons = [b for row in telegram.markup(answer)["inline_keyboard"] for b in row]
    assert any(b["text"] == "الرياض" and b["callback_data"] == "c|1|tz|Asia/Riyadh" for b in buttons)


def test_pressing_a_time_zone_button_sets_it(bot, telegram, db_with_stories):
    telegram.user_says("/start", chat_id=508)
    telegram.wait_for("sendMessage", chat_id=508)
    telegram.press("c|1|tz|Asia/Dubai", chat_id=508)
    telegram.wait_for("answerCallbackQuery")
    telegram.wait_for("sendMessage", chat_id=508, count=2)
    assert subscriber_row(db_with_stories, "telegram", "508").timezone == "Asia/Dubai"


def test_plain_text_from_the_menu_works_like_the_command(bot, telegram):
    telegram.user_says("موضوع داعش", chat_id=509)
    [answer] = telegram.wait_for("sendMessage", chat_id=509)
    assert "خلية لداعش" in visible_text(answer.params["text"])


def test_in_a_group_only_administrators_change_settings(bot, telegram, db_with_stories):
    group = -1001
    telegram.members[(str(group), "77")] = "creator"
    telegram.user_says("/time 09:00", chat_id=group, user_id=88, chat_type="supergroup")
    [refused] = telegram.wait_for("sendMessage", chat_id=group)
    assert "المشرفون" in visible_text(refused.params["text"])
    assert subscriber_row(db_with_stories, "telegram", str(group)) is None
    telegram.user_says("/time 09:00", chat_id=group, user_id=77, chat_type="supergroup")
    telegram.wait_for("sendMessage", chat_id=group, count=2)
    assert subscriber_row(db_with_stories, "telegram", str(group)).digest_time == "09:00"


def test_anyone_in_a_group_may_search(bot, telegram):
    telegram.user_says("/topic داعش", chat_id=-1002, user_id=88, chat_type="supergroup")
    [answer] = telegram.wait_for("sendMessage", chat_id=-1002)
    assert "خلية لداعش" in visible_text(answer.params["text"])


def test_a_user_who_blocks_the_bot_is_unsubscribed(bot, telegram, db_with_stories):
    telegram.user_says("/start", chat_id=510)
    telegram.wait_for("sendMessage", chat_id=510)
    telegram.membership(510, "kicked")
    wait_until(lambda: not subscriber_row(db_with_stories, "telegram", "510").active)


def test_a_group_that_becomes_a_supergroup_keeps_its_subscription(bot, telegram, db_with_stories):
    admin = 70
    telegram.members[("-300", str(admin))] = "creator"
    telegram.user_says("/start", chat_id=-300, user_id=admin, chat_type="group")
    telegram.wait_for("sendMessage", chat_id=-300)
    telegram.group_migrates(-300, -100300)
    wait_until(lambda: subscriber_row(db_with_stories, "telegram", "-100300") is not None)
    assert subscriber_row(db_with_stories, "telegram", "-100300").active
    assert subscriber_row(db_with_stories, "telegram", "-300") is None


def test_webhook_mode_requires_the_secret_token_and_answers_with_it(module_db, module_telegram):
    import httpx

    from mawjaz.bot.telegram.adapter import SECRET_HEADER

    settings = run_settings(
        module_db,
        telegram_token=TOKEN,
        telegram_base_url=f"{module_telegram.url}/bot",
        telegram_webhook_url="https://bot.example.com/telegram",
        telegram_webhook_port=0,
        telegram_webhook_listen="127.0.0.1",
        telegram_webhook_secret="s3cret-token",
    )
    with running(Service(settings, module_db, timing=FAST, clock=lambda: NOW)) as service:
        [hook] = module_telegram.wait_for("setWebhook")
        assert hook.params["url"] == "https://bot.example.com/telegram"
        assert hook.params["secret_token"] == "s3cret-token"
        wait_until(lambda: service.servers)
        url = f"http://127.0.0.1:{service.servers[0].port}/telegram"
        update = {
            "update_id": 9001,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 611, "type": "private"},
                "from": {"id": 611, "is_bot": False, "first_name": "R"},
                "text": "/help",
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
        }
        assert httpx.post(url, json=update).status_code == 403
        assert httpx.post(url, json=update, headers={SECRET_HEADER: "wrong"}).status_code == 403
        assert not module_telegram.sent(611)
        assert httpx.post(url, json=update, headers={SECRET_HEADER: "s3cret-token"}).status_code == 200
        [answer] = module_telegram.wait_for("sendMessage", chat_id=611)
        assert "/topic" in visible_text(answer.params["text"])


def test_topic_with_many_results_offers_the_next_page(module_db, bot, telegram):
    from botkit import store_articles

    store_articles(
        module_db,
        NOW - timedelta(hours=2),
        [
            (
                "داعش يتبنى تفجيراً في سوق ببغداد",
                "تبنى تنظيم داعش تفجيراً استهدف سوقاً شعبية في بغداد وأوقع عشرات الضحايا بين قتيل وجريح.",
            ),
            (
                "القبض على ممول لداعش في إسطنبول",
                "أعلنت الشرطة التركية القبض على رجل متهم بتحويل أموال لتنظيم داعش عبر شركات صرافة.",
            ),
            (
                "محاكمة عائدين من داعش في فرنسا",
                "بدأت في باريس محاكمة ثلاث نساء عدن من مخيمات سوريا بتهمة الانتماء إلى داعش.",
            ),
            (
                "غارات أمريكية على مواقع داعش في البادية",
                "شنت طائرات التحالف غارات على مخابئ لتنظيم داعش في البادية السورية فجر اليوم.",
            ),
            (
                "داعش يهاجم حقلاً نفطياً في ليبيا",
                "هاجم مسلحون من تنظيم داعش حقلاً نفطياً جنوب ليبيا وأحرقوا معدات الشركة المشغلة.",
            ),
            (
                "تقرير أممي عن تمويل داعش بالعملات الرقمية",
                "قال تقرير للأمم المتحدة إن داعش يعتمد متزايداً على العملات الرقمية لنقل الأموال.",
            ),
            (
                "نيجيريا: هجوم لولاية غرب أفريقيا التابعة لداعش",
                "قتل جنود في هجوم شنه فرع داعش في غرب أفريقيا على قاعدة عسكرية شمال شرق نيجيريا.",
            ),
        ],
        source=f"paging-{module_db.dialect.name}",
    )
    telegram.user_says("/topic داعش", chat_id=512)
    [first] = telegram.wait_for("sendMessage", chat_id=512)
    [[more]] = telegram.markup(first)["inline_keyboard"]
    assert more["callback_data"] == "c|2|topic|داعش"
    telegram.press(more["callback_data"], chat_id=512)
    second = telegram.wait_for("sendMessage", chat_id=512, count=2)[1]
    shown = visible_text(second.params["text"])
    assert "(صفحة \u20662\u2069)" in shown
    assert html_problem(second.params["text"]) is None
    assert "\n\u200f6. " in shown and "\n\u200f1. " not in shown, "page 2 goes on from story 6"
