"""kill -9 a worker in the middle of sending 1,000 digests; after a restart everybody has theirs.

The worker is a real ``mawjaz deliver`` process talking to the fake Telegram
server; the proof is the fake's log of every message it accepted.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from botkit import NOW, TOKEN, add_subscribers, ledger, store_articles
from fakes.telegram_api import FakeTelegram

SUBSCRIBERS = 1000
AT = "2026-11-23T07:30:00+03:00"


def _worker(db_url: str, fake: FakeTelegram) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    env.update(
        MAWJAZ_TELEGRAM_TOKEN=TOKEN, MAWJAZ_TELEGRAM_BASE_URL=f"{fake.url}/bot", MAWJAZ_TELEGRAM_RATE_PER_S="100000"
    )  # the fake has no limit: go as fast as it answers
    return subprocess.Popen(
        [sys.executable, "-m", "mawjaz", "--database", db_url, "deliver", "--at", AT, "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_restart_after_kill_9_mid_delivery_sends_each_digest_once_but_the_one_in_flight(fresh_db, db_url):
    store_articles(fresh_db, NOW)
    chats = add_subscribers(fresh_db, SUBSCRIBERS)
    fake = FakeTelegram().start()
    try:
        first = _worker(db_url, fake)
        deadline = time.monotonic() + 60
        while len(fake.sent()) < SUBSCRIBERS // 3:
            assert first.poll() is None, f"the worker ended before the kill: {first.communicate()}"
            assert time.monotonic() < deadline, "the worker sent too little in time"
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        sent_before = len(fake.sent())
        assert sent_before < SUBSCRIBERS, "the kill came too late to prove anything"

        second = _worker(db_url, fake)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err[-3000:]
        summary = json.loads(out)
    finally:
        fake.stop()

    per_chat = Counter(str(c.params["chat_id"]) for c in fake.sent())
    context = f"killed after {sent_before} messages; second run: {summary}; stderr: {err[-2000:]}"
    assert set(per_chat) == set(chats), f"{len(set(chats) - set(per_chat))} skipped; {context}"
    doubled = [chat for chat, n in per_chat.items() if n > 1]
    assert len(doubled) <= 1 and max(per_chat.values()) <= 2, (
        f"more than the in-flight message doubled: {doubled}; {context}"
    )
    assert summary["requeued"] >= 1 and summary["enqueued"] == 0, context

    rows = ledger(fresh_db)
    assert len(rows) == SUBSCRIBERS and {r.status for r in rows} == {"sent"}
    last_id = {str(c.params["chat_id"]): str(c.result["message_id"]) for c in fake.sent()}
    by_subscriber = dict(zip(range(1, SUBSCRIBERS + 1), chats))
    assert all(r.message_ids == [last_id[by_subscriber[r.subscriber_id]]] for r in rows), (
        "ledger disagrees with the log"
    )
