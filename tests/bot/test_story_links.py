"""With MAWJAZ_PUBLIC_URL set, each digest and /topic item links to its story page, in Telegram and in Slack."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from botkit import NOW, chat

from mawjaz.bot.commands import dispatch_text
from mawjaz.bot.replies import slack_messages, telegram_messages
from mawjaz.bot.slack.send import SlackSender, make_client
from mawjaz.bot.telegram.send import TelegramSender, make_bot
from mawjaz.bot.values import CommandRequest
from mawjaz.digest.pick import build_digest
from mawjaz.storage.engine import reading

PAGES = "https://news.example.org/mawjaz"


def _ask(services, text: str):
    return dispatch_text(CommandRequest(chat("901"), "", text), services)


def test_topic_and_digest_items_link_to_their_story_pages_when_an_address_is_set(services):
    linked = replace(services, pages=PAGES)
    for text in ("/topic داعش", "/digest"):
        reply = _ask(linked, text)
        assert reply.stories is not None and reply.stories.stories, text
        html = "\n".join(m.html for m in telegram_messages(reply))
        mrkdwn = str(slack_messages(reply))
        for story in reply.stories.stories:
            assert f'<a href="{PAGES}/s/{story.id}">التغطية الكاملة</a>' in html
            assert f"<{PAGES}/s/{story.id}|التغطية الكاملة>" in mrkdwn


def test_without_an_address_nothing_links_to_a_page(services):
    reply = _ask(services, "/topic داعش")
    assert "/s/" not in "\n".join(m.html for m in telegram_messages(reply))
    assert "التغطية الكاملة" not in str(slack_messages(reply))


def test_the_scheduled_digest_links_each_story_through_the_sender(services):
    with reading(services.engine) as session:
        digest = build_digest(session, NOW - timedelta(hours=24), 10, now=NOW)
    assert digest.stories
    slack = SlackSender(make_client("xoxb-test", "http://127.0.0.1:9/api/"), pages=PAGES + "/")  # never called
    telegram = TelegramSender(make_bot("123:abc", "http://127.0.0.1:9/bot"), pages=PAGES)
    blocks = str([m.blocks for m in slack.render(digest, None)])
    html = "\n".join(m.text for m in telegram.render(digest, None))
    for story in digest.stories:
        assert f"{PAGES}/s/{story.id}|" in blocks and f'href="{PAGES}/s/{story.id}"' in html
