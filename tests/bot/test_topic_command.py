"""/topic in a chat: an empty window offers the older matches, and the offer runs the search over all time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mawjaz.bot.commands import dispatch_text
from mawjaz.bot.values import CommandRequest, Services
from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.storage.subscribers import Chat

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def test_an_empty_window_offers_the_older_stories_and_the_offer_finds_them(fresh_db):
    old = Record(
        title="داعش قبل شهرين",
        body="خبر قديم عن التنظيم.\n\nوافتتح المتحف الوطني جناحاً جديداً.",
        source="outlet-old",
        external_id="old",
        published=NOW - timedelta(days=60),
    )
    assert store_items(fresh_db, [old], IngestReport()).new == 1
    services = Services(engine=fresh_db, clock=lambda: NOW)
    chat = Chat("telegram", "1", None, "private")
    reply = dispatch_text(CommandRequest(chat, "", "/topic داعش"), services)
    assert "1" in reply.text and [c.args for c in reply.choices] == ["--all داعش"]
    again = dispatch_text(CommandRequest(chat, "", "/topic --all داعش"), services)
    assert again.stories is not None
    assert [a.title for s in again.stories.stories for a in s.articles] == ["داعش قبل شهرين"]
