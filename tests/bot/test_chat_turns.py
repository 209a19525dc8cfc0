"""A digest in several parts reaches its chat whole: a command's reply waits for the last part.

The real deliverer and python-telegram-bot against the fake Bot API; the chat's turn is held from the
digest's first part to its last (:mod:`mawjaz.bot.turns`).
"""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest
from botkit import add_subscribers, telegram_sender

from mawjaz.bot.telegram.send import TelegramSender
from mawjaz.bot.turns import ChatTurns
from mawjaz.delivery import schedule
from mawjaz.delivery.deliverer import Deliverer
from mawjaz.delivery.sender import Outgoing

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

RIYADH_0730 = datetime.fromisoformat("2026-11-23T07:30:00+03:00")


class ThreeParts(TelegramSender):
    """A digest long enough to need three messages."""

    def render(self, digest, line):
        first = super().render(digest, line)[0].text
        return [Outgoing(f"{first}\n<i>({n}/3)</i>") for n in (1, 2, 3)]


def test_a_reply_waits_for_the_last_part_of_a_digest_being_sent_to_its_chat(db_with_stories, telegram):
    [chat] = add_subscribers(db_with_stories, 1, first_chat=950)
    assert schedule.tick(db_with_stories, RIYADH_0730) == 1

    async def scenario() -> tuple[int, bool]:
        sender = ThreeParts(telegram_sender(telegram).bot)
        await sender.bot.initialize()
        turns = ChatTurns()
        sending = asyncio.create_task(
            Deliverer(db_with_stories, {"telegram": sender}, "worker-1", clock=lambda: RIYADH_0730, turns=turns).run()
        )
        while not telegram.sent(chat):  # the first part is out
            await asyncio.sleep(0.01)
        held = turns.held(f"telegram:{chat}")
        await turns.wait(f"telegram:{chat}")  # what a reply does before it is sent
        parts_before_reply = len(telegram.sent(chat))
        await sending
        await sender.bot.shutdown()
        return parts_before_reply, held

    parts_before_reply, held = asyncio.run(scenario())
    assert held, "the chat is held while parts remain"
    assert parts_before_reply == 3, "the reply comes after the whole digest"


def test_a_chat_nobody_holds_answers_at_once_and_a_stuck_hold_delays_a_reply_only_so_long():
    async def scenario() -> None:
        turns = ChatTurns()
        await asyncio.wait_for(turns.wait("telegram:1"), 0.1)
        assert await turns.hold("telegram:1")
        assert await turns.hold("telegram:1")
        await asyncio.wait_for(turns.wait("telegram:1", patience=0.05), 1.0)  # never released: waits 0.05 s
        await turns.release("telegram:1")
        assert not turns.held("telegram:1")

    asyncio.run(scenario())


def test_a_chat_held_by_one_workers_digest_is_not_taken_by_anothers_until_given_back_or_lapsed(db_url):
    from datetime import timedelta

    from mawjaz.storage import migrate
    from mawjaz.storage.engine import make_engine

    engines = [make_engine(db_url) for _ in range(2)]  # two workers share the database and nothing else
    migrate.upgrade(engines[0])

    async def scenario() -> None:
        one, other = ChatTurns(engines[0]), ChatTurns(engines[1], ttl=timedelta(seconds=0.5))
        assert await one.hold("telegram:7")
        assert await one.hold("telegram:7"), "renewed by its holder before each part"
        assert not await other.hold("telegram:7"), "another worker's digest waits its turn"
        await one.release("telegram:7")
        assert await other.hold("telegram:7")
        # the other worker dies holding it: its lease lapses and the chat is free again
        await asyncio.sleep(0.6)
        assert await one.hold("telegram:7")

    try:
        asyncio.run(scenario())
    finally:
        for engine in engines:
            engine.dispose()
