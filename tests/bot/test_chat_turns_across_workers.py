"""A chat's turn is held across workers: the parts of a digest sent by one worker reach the chat together.

Several ``mawjaz`` workers share one database and nothing else. Worker A here is
``mawjaz run`` (python-telegram-bot polling the fake Bot API) on an engine of its
own; worker B is a deliverer on another engine, in another thread, or a real
process killed while it holds a chat. The proof is the order in which the fake
Telegram server accepted the messages of the chat.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

import pytest
from botkit import FAST, NOW, TOKEN, add_subscribers, run_settings, running, telegram_sender, wait_until
from fakes.telegram_api import visible_text
from sqlmodel import select

from mawjaz.bot.telegram.send import TelegramSender
from mawjaz.bot.turns import PATIENCE, PREFIX
from mawjaz.delivery import schedule
from mawjaz.delivery.deliverer import Deliverer
from mawjaz.delivery.sender import Outgoing
from mawjaz.service import Service
from mawjaz.storage.engine import make_engine, reading
from mawjaz.storage.models import Lease, utcnow

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

RIYADH_0730 = datetime.fromisoformat("2026-11-23T07:30:00+03:00")


@pytest.fixture(scope="module")
def worker_a(module_db, module_telegram):
    """``mawjaz run`` answering commands; its clock (07:00 Riyadh) leaves the 07:30 digests to worker B."""
    engine = make_engine(_url(module_db))
    settings = run_settings(engine, telegram_token=TOKEN, telegram_base_url=f"{module_telegram.url}/bot")
    with running(Service(settings, engine, timing=FAST, clock=lambda: NOW)) as service:
        module_telegram.wait_for_polling()
        yield service
    engine.dispose()


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


class ThreeParts(TelegramSender):
    """A digest long enough to need three messages (Telegram's pace puts a second between them)."""

    def render(self, digest, line):
        first = super().render(digest, line)[0].text
        return [Outgoing(f"{first}\n<i>(part {n}/3)</i>") for n in (1, 2, 3)]


def _worker_b(url, fake) -> threading.Thread:
    """A deliverer on an engine of its own, in a thread with its own event loop: another worker."""

    async def deliver() -> None:
        engine = make_engine(url)
        sender = ThreeParts(telegram_sender(fake).bot)
        await sender.bot.initialize()
        try:
            await Deliverer(engine, {"telegram": sender}, "worker-b", clock=lambda: RIYADH_0730).run()
        finally:
            await sender.bot.shutdown()
            engine.dispose()

    thread = threading.Thread(target=asyncio.run, args=(deliver(),), name="worker-b", daemon=True)
    thread.start()
    return thread


def test_a_digest_sent_by_one_worker_reaches_its_chat_whole_while_another_worker_answers_a_command(
    module_db, module_telegram, worker_a
):
    telegram = module_telegram
    [chat] = add_subscribers(module_db, 1, first_chat=950)
    assert schedule.tick(module_db, RIYADH_0730) == 1
    sending = _worker_b(_url(module_db), telegram)
    wait_until(lambda: telegram.sent(chat), timeout=15)  # part 1 is out; parts 2 and 3 are a second apart
    telegram.user_says("/help", chat_id=int(chat))  # worker A polls it and answers at once
    sending.join(30)
    wait_until(lambda: len(telegram.sent(chat)) == 4, timeout=PATIENCE + 5)

    shown = [visible_text(text) for text in telegram.texts(chat)]
    order = ["reply" if "part" not in text else text.rsplit("part ", 1)[1].strip(")") for text in shown]
    assert order == ["1/3", "2/3", "3/3", "reply"], "the reply waits for the digest's last part, in order"


def test_a_chat_held_by_a_killed_worker_delays_a_reply_only_until_its_lease_lapses(
    module_db, module_telegram, worker_a
):
    telegram, chat = module_telegram, "961"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import asyncio, sys, time\n"
            "from datetime import timedelta\n"
            "from mawjaz.bot.turns import ChatTurns\n"
            "from mawjaz.storage.engine import make_engine\n"
            "turns = ChatTurns(make_engine(sys.argv[1]), ttl=timedelta(seconds=3))\n"
            "assert asyncio.run(turns.hold(sys.argv[2]))\n"
            "print('held', flush=True)\n"
            "time.sleep(600)\n",
            _url(module_db),
            f"telegram:{chat}",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    finally:
        os.kill(holder.pid, signal.SIGKILL)  # it can give nothing back
        holder.wait(10)
    with reading(module_db) as session:
        [lease] = session.exec(select(Lease).where(Lease.name == PREFIX + f"telegram:{chat}"))
    expires = lease.expires_at if lease.expires_at.tzinfo else lease.expires_at.replace(tzinfo=UTC)
    lapses_in = (expires - utcnow()).total_seconds()
    assert lapses_in > 0.5, "the lease is still live when the reader writes"

    asked = time.monotonic()
    telegram.user_says("/help", chat_id=int(chat))
    wait_until(lambda: telegram.sent(chat), timeout=PATIENCE + 5)
    waited = time.monotonic() - asked
    assert waited >= lapses_in - 0.3, "the reply respects the live lease"
    assert waited <= lapses_in + 4.0, "and is sent soon after it lapses, not after a reply's whole patience"
