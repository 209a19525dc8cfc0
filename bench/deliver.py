"""Delivery under the platforms' rate limits: sustained messages/s, lost and duplicated digests.

    python bench/deliver.py [--subscribers 2000] [--channels 20] [--postgres postgresql://postgres@127.0.0.1:5432/test]

Telegram: SUBSCRIBERS subscribers are due at the same minute; the fake Bot
API enforces 30 messages/s (429 with retry_after=1 above it, sliding one-
second window). Mawjaz's paced sender (29/s) is measured next to a baseline
in the same run: the same deliverer with pacing switched off, which relies
on 429s alone. Sustained rate = accepted messages / time from the first to
the last one. Lost = subscribers without their digest; duplicated = extra
copies in the fake server's log.

Slack: CHANNELS channels each get a 3-message digest from a fake that
enforces 1 message/s per channel; reported: the overall rate, the closest
two messages to one channel came, and the 429s.

Uses the real python-telegram-bot and slack_sdk over HTTP, the real ledger
(SQLite in a temporary folder, or a fresh PostgreSQL database).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakes.slack_api import FakeSlack  # noqa: E402
from fakes.telegram_api import FakeTelegram  # noqa: E402

from mawjaz.bot.slack.send import SlackSender, make_client  # noqa: E402
from mawjaz.bot.telegram.send import TelegramSender, make_bot  # noqa: E402
from mawjaz.delivery.deliverer import DeliveryOptions  # noqa: E402
from mawjaz.delivery.sender import SLACK_LIMITS, TELEGRAM_LIMITS, Outgoing  # noqa: E402
from mawjaz.ingest.record import Article  # noqa: E402
from mawjaz.pipeline import IngestReport, store_items  # noqa: E402
from mawjaz.service import deliver_once  # noqa: E402
from mawjaz.storage import migrate  # noqa: E402
from mawjaz.storage.engine import make_engine, normalise_url, transaction  # noqa: E402
from mawjaz.storage.models import Subscriber  # noqa: E402

AT = datetime.fromisoformat("2026-11-23T07:30:00+03:00")
TELEGRAM_LIMIT = 30


class ThreeParts(SlackSender):
    """A long digest: three messages to each channel."""

    def render(self, digest, line):
        one = super().render(digest, line)[0]
        return [Outgoing(f"{one.text} ({n}/3)", one.blocks) for n in (1, 2, 3)]


def fresh_database(postgres: str | None, folder: Path):
    """An empty migrated database with one story: SQLite in ``folder`` or a new PostgreSQL database."""
    drop = None
    if postgres:
        name = f"mawjaz_bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(postgres).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = normalise_url(postgres).set(database=name).render_as_string(hide_password=False)

        def drop():
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    else:
        url = f"sqlite:///{folder / f'{uuid.uuid4().hex[:8]}.sqlite'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    body = (
        "أعلنت قيادة العمليات المشتركة في العراق تفكيك خلية تابعة لتنظيم داعش في صحراء الأنبار واعتقال خمسة من عناصرها."
    )
    store_items(
        engine,
        [Article(title="تفكيك خلية لداعش في الأنبار", body=body, source="bench", published=AT - timedelta(hours=1))],
        IngestReport(),
    )
    return engine, drop


def subscribe(engine, platform: str, chats: list[str]) -> None:
    with transaction(engine) as session:
        session.add_all(
            Subscriber(
                platform=platform,
                chat_id=c,
                digest_time="07:30",
                timezone="Asia/Riyadh",
                active=True,
                chat_type="private" if platform == "telegram" else "channel",
            )
            for c in chats
        )


async def _deliver(engine, senders):
    for sender in senders.values():
        if hasattr(sender, "bot"):
            await sender.bot.initialize()
    try:
        return await deliver_once(engine, senders, AT, DeliveryOptions(batch=100))
    finally:
        for sender in senders.values():
            if hasattr(sender, "bot"):
                await sender.bot.shutdown()


def telegram_run(count: int, postgres: str | None, folder: Path, paced: bool) -> dict:
    engine, drop = fresh_database(postgres, folder)
    chats = [str(100_000 + n) for n in range(count)]
    subscribe(engine, "telegram", chats)
    fake = FakeTelegram(max_per_second=TELEGRAM_LIMIT, retry_after=1).start()
    limits = TELEGRAM_LIMITS if paced else replace(TELEGRAM_LIMITS, per_second=None)
    try:
        started = time.perf_counter()
        result = asyncio.run(
            _deliver(engine, {"telegram": TelegramSender(make_bot("1:bench", f"{fake.url}/bot"), limits)})
        )
        wall = time.perf_counter() - started
        accepted = fake.sent()
        rejected = [c for c in fake.calls_to("sendMessage", ok_only=False) if c.status == 429]
    finally:
        fake.stop()
        engine.dispose()
        if drop:
            drop()
    per_chat = Counter(str(c.params["chat_id"]) for c in accepted)
    span = accepted[-1].at - accepted[0].at if len(accepted) > 1 else float("nan")
    return {
        "sent": len(accepted),
        "rate": (len(accepted) - 1) / span,
        "wall": wall,
        "429": len(rejected),
        "lost": sum(1 for c in chats if per_chat[c] == 0),
        "duplicated": sum(n - 1 for n in per_chat.values() if n > 1),
        "delivered": result.report.delivered,
    }


def slack_run(channels: int, postgres: str | None, folder: Path) -> dict:
    engine, drop = fresh_database(postgres, folder)
    names = [f"C{n:05d}" for n in range(channels)]
    subscribe(engine, "slack", names)
    fake = FakeSlack(per_channel_interval=1.0, retry_after=1).start()
    try:
        started = time.perf_counter()
        sender = ThreeParts(make_client("xoxb-bench", f"{fake.url}/api/"), SLACK_LIMITS)
        result = asyncio.run(_deliver(engine, {"slack": sender}))
        wall = time.perf_counter() - started
        posted = fake.posted()
        rejected = [c for c in fake.calls_to("chat.postMessage", ok_only=False) if c.status == 429]
    finally:
        fake.stop()
        engine.dispose()
        if drop:
            drop()
    times: dict[str, list[float]] = {}
    for call in posted:
        times.setdefault(str(call.params["channel"]), []).append(call.at)
    closest = min((b - a for ts in times.values() for a, b in zip(ts, ts[1:])), default=float("nan"))
    landed = Counter((str(c.params["channel"]), c.params["text"]) for c in posted)
    return {
        "sent": len(posted),
        "rate": len(posted) / wall,
        "wall": wall,
        "closest": closest,
        "429": len(rejected),
        "lost": channels * 3 - len(landed),
        "duplicated": sum(n - 1 for n in landed.values()),
        "delivered": result.report.delivered,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=2000)
    parser.add_argument("--channels", type=int, default=20)
    parser.add_argument("--postgres", metavar="URL", help="benchmark on a fresh PostgreSQL database there")
    parser.add_argument("--no-baseline", action="store_true", help="skip the unpaced baseline run")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mawjaz-bench-") as folder:
        where = "PostgreSQL" if args.postgres else "SQLite"
        print(
            f"Telegram: {args.subscribers} subscribers due at once, fake Bot API enforcing {TELEGRAM_LIMIT} msg/s, "
            f"ledger on {where}"
        )
        print(f"{'':34}{'msg/s':>8}{'wall s':>9}{'429s':>7}{'lost':>6}{'dup':>6}")
        runs = [("Mawjaz paced (29/s)", True)] + (
            [] if args.no_baseline else [("baseline: unpaced, 429-driven", False)]
        )
        for label, paced in runs:
            r = telegram_run(args.subscribers, args.postgres, Path(folder), paced)
            print(f"{label:34}{r['rate']:8.2f}{r['wall']:9.1f}{r['429']:7d}{r['lost']:6d}{r['duplicated']:6d}")
        print(f"\nSlack: {args.channels} channels × 3 messages, fake enforcing 1 msg/s per channel")
        r = slack_run(args.channels, args.postgres, Path(folder))
        print(
            f"  overall {r['rate']:.2f} msg/s in {r['wall']:.1f} s; closest two messages to one channel "
            f"{r['closest']:.2f} s apart; 429s {r['429']}, lost {r['lost']}, duplicated {r['duplicated']}"
        )


if __name__ == "__main__":
    main()
