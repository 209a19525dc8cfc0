"""Helpers for the bot tests: constants, sample articles, and running the service in a thread."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from mawjaz.config import Settings
from mawjaz.ingest.record import Article
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.service import Service, Timing
from mawjaz.storage.engine import transaction
from mawjaz.storage.subscribers import Chat

TOKEN = "123456:TEST-token"
SLACK_TOKEN = "xoxb-test-token"
SLACK_SECRET = "slack-signing-secret-for-tests"

# A fixed "now" for tests that drive the clock; articles are published shortly before it.
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # 07:00 in Riyadh

ARTICLES = [
    (
        "الجيش العراقي يعلن تفكيك خلية لداعش في الأنبار",
        "أعلنت قيادة العمليات المشتركة في العراق تفكيك خلية تابعة لتنظيم داعش في صحراء الأنبار واعتقال خمسة من عناصرها. "
        "وقال المتحدث باسم القيادة إن العملية جاءت بناء على معلومات استخبارية دقيقة.",
    ),
    (
        "البنك المركزي يبقي أسعار الفائدة دون تغيير",
        "قرر البنك المركزي الإبقاء على أسعار الفائدة الرئيسية دون تغيير للمرة الثالثة على التوالي. "
        "وأشار البيان إلى أن معدلات التضخم ما زالت أعلى من المستهدف <رغم التراجع> & الحذر.",
    ),
    (
        "منتخب مصر يتأهل إلى نهائيات كأس أفريقيا",
        "تأهل منتخب مصر لكرة القدم إلى نهائيات كأس الأمم الأفريقية بعد فوزه في المباراة الحاسمة. "
        "وسجل المهاجم هدفين في الشوط الثاني أمام جماهير غفيرة في القاهرة.",
    ),
]


def store_articles(engine: Engine, published: datetime, articles=ARTICLES, source: str = "outlet-a") -> None:
    items = [
        Article(
            title=title,
            body=body,
            source=source,
            external_id=f"{source}-{n}",
            url=f"https://example.com/{n}",
            published=published - timedelta(minutes=n),
        )
        for n, (title, body) in enumerate(articles)
    ]
    report = store_items(engine, items, IngestReport())
    assert report.failed == 0, report.problems


def chat(chat_id: str = "111", platform: str = "telegram", chat_type: str = "private") -> Chat:
    return Chat(platform, chat_id, None, chat_type)


def subscriber_row(engine: Engine, platform: str, chat_id: str):
    from mawjaz.storage import subscribers

    with transaction(engine) as session:
        return subscribers.find(session, platform, chat_id)


def run_settings(engine: Engine, **values) -> Settings:
    return Settings(database_url=engine.url.render_as_string(hide_password=False), **values)


@contextlib.contextmanager
def running(service: Service) -> Iterator[Service]:
    """Run ``service`` in a thread with its own event loop; stop it on exit and re-raise what it raised."""
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    failure: list[BaseException] = []
    started = threading.Event()

    def main() -> None:
        asyncio.set_event_loop(loop)

        async def serve() -> None:
            started.set()
            await service.serve(stop)

        try:
            loop.run_until_complete(serve())
        except BaseException as exc:  # surfaced to the test below
            failure.append(exc)
        finally:
            loop.close()

    thread = threading.Thread(target=main, name="mawjaz-service", daemon=True)
    thread.start()
    started.wait(5)
    try:
        yield service
    finally:
        if not loop.is_closed():
            loop.call_soon_threadsafe(stop.set)
        thread.join(30)
        if failure:
            raise failure[0]


FAST = Timing(tick_s=3600.0, feeds_s=3600.0, poll_timeout_s=0.5)


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.05)


def add_subscribers(
    engine: Engine,
    count: int,
    *,
    platform: str = "telegram",
    first_chat: int = 10_000,
    timezone: str = "Asia/Riyadh",
    digest_time: str = "07:30",
    chat_type: str = "private",
) -> list[str]:
    """``count`` active subscribers in one go; returns their chat ids."""
    from mawjaz.storage.models import Subscriber

    chats = [str(first_chat + n) if platform == "telegram" else f"C{first_chat + n}" for n in range(count)]
    with transaction(engine) as session:
        session.add_all(
            Subscriber(
                platform=platform,
                chat_id=c,
                timezone=timezone,
                digest_time=digest_time,
                chat_type=chat_type,
                active=True,
            )
            for c in chats
        )
    return chats


def telegram_sender(fake, limits=None):
    """A TelegramSender on the fake (initialise it inside a running loop with ``await sender.bot.initialize()``)."""
    from mawjaz.bot.telegram.send import TelegramSender, make_bot

    bot = make_bot(TOKEN, f"{fake.url}/bot")
    return TelegramSender(bot, limits) if limits is not None else TelegramSender(bot)


def deliver(engine: Engine, senders: dict, at: datetime | None, **options):
    """``mawjaz deliver --at`` in-process: one tick and one delivery pass with these senders."""
    from mawjaz.delivery.deliverer import DeliveryOptions
    from mawjaz.service import deliver_once

    async def go():
        for sender in senders.values():
            if hasattr(sender, "bot"):
                await sender.bot.initialize()
        try:
            return await deliver_once(engine, senders, at, DeliveryOptions(**options))
        finally:
            for sender in senders.values():
                if hasattr(sender, "bot"):
                    await sender.bot.shutdown()

    return asyncio.run(go())


def ledger(engine: Engine):
    from sqlmodel import select

    from mawjaz.storage.models import Delivery

    with transaction(engine) as session:
        return list(session.exec(select(Delivery).order_by(Delivery.id)))
