"""Three worker processes, one PostgreSQL, 5,000 readers due at the same minute: each gets exactly one digest.

The workers are real ``mawjaz deliver`` processes started together: each runs
the scheduler tick (enqueueing must be idempotent across workers) and then
claims and sends from the shared queue (claims must be exclusive). The proof
is the fake Telegram server's log of every message it accepted, and the
ledger. PostgreSQL only: it is what several workers share in production.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest
from botkit import NOW, TOKEN, add_subscribers, ledger, store_articles
from fakes.telegram_api import FakeTelegram
from sqlalchemy import text
from sqlmodel import SQLModel

SUBSCRIBERS = 5000
WORKERS = 3
AT = "2026-11-23T07:30:00+03:00"


def _worker(db_url: str, fake: FakeTelegram, n: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    env.update(
        MAWJAZ_TELEGRAM_TOKEN=TOKEN, MAWJAZ_TELEGRAM_BASE_URL=f"{fake.url}/bot", MAWJAZ_TELEGRAM_RATE_PER_S="100000"
    )
    return subprocess.Popen(
        [sys.executable, "-m", "mawjaz", "--database", db_url, "deliver", "--at", AT, "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _empty(engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.mark.slow
@pytest.mark.postgres
def test_three_workers_on_one_postgres_send_each_of_5000_readers_exactly_one_digest(postgres_url, _postgres_engine):
    _empty(_postgres_engine)
    store_articles(_postgres_engine, NOW)
    chats = add_subscribers(_postgres_engine, SUBSCRIBERS)
    fake = FakeTelegram().start()
    try:
        workers = [_worker(postgres_url, fake, n) for n in range(WORKERS)]
        results = [w.communicate(timeout=240) for w in workers]
    finally:
        fake.stop()
    for worker, (_out, err) in zip(workers, results):
        assert worker.returncode == 0, err[-3000:]
    summaries = [json.loads(out) for out, _err in results]

    per_chat = Counter(str(c.params["chat_id"]) for c in fake.sent())
    assert set(per_chat) == set(chats), f"{len(set(chats) - set(per_chat))} readers got nothing; {summaries}"
    assert max(per_chat.values()) == 1, f"doubled: {[c for c, n in per_chat.items() if n > 1][:10]}"
    assert sum(s["enqueued"] for s in summaries) == SUBSCRIBERS, f"the tick enqueued twice or missed: {summaries}"
    assert sum(s["delivered"] for s in summaries) == SUBSCRIBERS
    assert sum(1 for s in summaries if s["delivered"]) >= 2, f"one worker did all the work: {summaries}"
    rows = ledger(_postgres_engine)
    assert len(rows) == SUBSCRIBERS and {r.status for r in rows} == {"sent"}
    assert len({r.claimed_by for r in rows}) >= 2


def test_live_workers_divide_the_bots_overall_rate_between_them(fresh_db, telegram):
    from datetime import timedelta

    from botkit import telegram_sender

    from mawjaz.delivery.deliverer import Deliverer, DeliveryOptions
    from mawjaz.storage import leases
    from mawjaz.storage.engine import transaction
    from mawjaz.storage.models import utcnow

    with transaction(fresh_db) as session:
        for name in ("a", "b", "c"):
            leases.acquire(session, leases.WORKER_PREFIX + name, name, utcnow(), timedelta(minutes=1))
    sender = telegram_sender(telegram)  # 29 messages/s for the whole bot
    shared = Deliverer(fresh_db, {"telegram": sender}, "a")
    alone = Deliverer(fresh_db, {"telegram": sender}, "a", DeliveryOptions(share_rate=False))
    for deliverer in (shared, alone):
        deliverer._claim_rows()
        deliverer._share_rate()
    assert shared.pacers["telegram"].interval == pytest.approx(3 / 29)
    assert alone.pacers["telegram"].interval == pytest.approx(1 / 29)
