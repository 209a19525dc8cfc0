"""``mawjaz run`` as operators start it: one process, Telegram and Slack settings from the environment."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from botkit import SLACK_SECRET, SLACK_TOKEN, TOKEN, wait_until
from fakes.slack_api import slash_command
from fakes.telegram_api import visible_text
from sqlmodel import select

from mawjaz.storage import subscribers
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Delivery, Subscriber
from mawjaz.storage.subscribers import Chat, Defaults

RIYADH = ZoneInfo("Asia/Riyadh")


def _answers(telegram, engine, chat: int) -> list | None:
    """The bot's answers to commands in ``chat``: what it sent there, less the digests the ledger recorded.

    None while a digest is being sent (claimed, not yet recorded): the ledger cannot yet say which messages
    are digests. The messages are read before the ledger, so every digest among them is recorded by then.
    """
    sent = telegram.sent(chat)
    with transaction(engine) as session:
        rows = session.exec(
            select(Delivery.status, Delivery.message_ids)
            .join(Subscriber)
            .where(Subscriber.platform == "telegram", Subscriber.chat_id == str(chat))
        ).all()
    if any(status == "sending" for status, _ids in rows):
        return None
    digests = {str(message_id) for _status, ids in rows for message_id in ids}
    return [c for c in sent if str(c.result["message_id"]) not in digests]


def _digest_time_for_local_clock(reads: str) -> str:
    """The digest time that puts a reader where an 08:00 reader stands when Riyadh's clock reads ``reads``.

    Whether today's digest is due depends only on the distance between the local time
    and the digest time: 04:00 (due in 4 h), 08:30 (due 30 min ago: the tick may send it during the test),
    23:59 (due 16 h ago: past the catch-up, never sent). Shifting the digest time by that distance from the
    real clock gives the process the same situation at whatever hour the suite runs.
    """
    hour, minute = (int(part) for part in reads.split(":"))
    behind = timedelta(hours=hour - 8, minutes=minute)  # how far past 08:00 the clock reads
    return (datetime.now(RIYADH) - behind).strftime("%H:%M")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1][-3000:]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


@pytest.mark.slow
@pytest.mark.parametrize("riyadh_clock", ["04:00", "08:30", "23:59"])
def test_mawjaz_run_answers_telegram_and_a_signed_slack_command(db_with_stories, db_url, telegram, slack, riyadh_clock):
    port = _free_port()
    digest_time = _digest_time_for_local_clock(riyadh_clock)
    with transaction(db_with_stories) as session:  # a reader since yesterday: the first tick may owe them a digest
        reader = subscribers.ensure(
            session, Chat("telegram", "901", None, "private"), Defaults(timezone="Asia/Riyadh", digest_time=digest_time)
        )
        subscribers.change(session, reader, active=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    env.update(
        MAWJAZ_DEFAULT_TIMEZONE="Asia/Riyadh",
        MAWJAZ_DEFAULT_DIGEST_TIME=digest_time,
        MAWJAZ_TELEGRAM_TOKEN=TOKEN,
        MAWJAZ_TELEGRAM_BASE_URL=f"{telegram.url}/bot",
        MAWJAZ_SLACK_BOT_TOKEN=SLACK_TOKEN,
        MAWJAZ_SLACK_SIGNING_SECRET=SLACK_SECRET,
        MAWJAZ_SLACK_API_URL=f"{slack.url}/api/",
        MAWJAZ_SLACK_PORT=str(port),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "mawjaz", "--database", db_url, "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for_port(port, process)
        telegram.wait_for_polling(timeout=20)
        for text in ("/start", "/topic داعش", "/help"):
            telegram.user_says(text, chat_id=901)
        # At 08:30 the first tick also sends the reader today's digest, between the answers: not an answer.
        digests = 1 if riyadh_clock == "08:30" else 0
        wait_until(
            lambda: len(_answers(telegram, db_with_stories, 901) or ()) >= 3 and len(telegram.sent(901)) >= 3 + digests,
            timeout=10,
        )
        start, topic, help_ = _answers(telegram, db_with_stories, 901)
        assert len(telegram.sent(901)) == 3 + digests
        assert "أنت مشترك" in visible_text(start.params["text"])
        assert "خلية لداعش" in visible_text(topic.params["text"])
        assert "/follow" in visible_text(help_.params["text"])

        began = time.monotonic()
        response = slash_command(
            f"http://127.0.0.1:{port}/slack/events",
            SLACK_SECRET,
            "/mawjaz",
            "topic داعش",
            response_url=slack.response_url("run1"),
        )
        assert response.status_code == 200 and time.monotonic() - began < 3.0
        [answer] = slack.wait_for("response", key="run1", timeout=10)
        assert "خلية لداعش" in str(answer.params["blocks"])
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err[-3000:]
    assert "Traceback" not in err
    assert TOKEN not in err and SLACK_TOKEN not in err and SLACK_SECRET not in err
