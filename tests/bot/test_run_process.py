"""``mawjaz run`` as operators start it: one process, Telegram and Slack settings from the environment."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from botkit import SLACK_SECRET, SLACK_TOKEN, TOKEN, wait_until

from fakes.slack_api import slash_command
from fakes.telegram_api import visible_text


def _answers(telegram, chat: int) -> list:
    return [c for c in telegram.sent(chat) if "<b>موجز اليوم</b>" not in c.params["text"]]


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
def test_mawjaz_run_answers_telegram_and_a_signed_slack_command(db_with_stories, db_url, telegram, slack):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    env.update(MAWJAZ_TELEGRAM_TOKEN=TOKEN, MAWJAZ_TELEGRAM_BASE_URL=f"{telegram.url}/bot",
               MAWJAZ_SLACK_BOT_TOKEN=SLACK_TOKEN, MAWJAZ_SLACK_SIGNING_SECRET=SLACK_SECRET,
               MAWJAZ_SLACK_API_URL=f"{slack.url}/api/", MAWJAZ_SLACK_PORT=str(port))
    process = subprocess.Popen([sys.executable, "-m", "mawjaz", "--database", db_url, "run"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_port(port, process)
        telegram.wait_for_polling(timeout=20)
        for text in ("/start", "/topic داعش", "/help"):
            telegram.user_says(text, chat_id=901)
        # (Past today's 08:00 in Riyadh, the minute tick also sends the new reader today's digest: not counted.)
        wait_until(lambda: len(_answers(telegram, 901)) >= 3, timeout=10)
        start, topic, help_ = _answers(telegram, 901)
        assert "أهلاً" in visible_text(start.params["text"])
        assert "خلية لداعش" in visible_text(topic.params["text"])
        assert "/follow" in visible_text(help_.params["text"])

        began = time.monotonic()
        response = slash_command(f"http://127.0.0.1:{port}/slack/events", SLACK_SECRET, "/mawjaz", "topic داعش",
                                 response_url=slack.response_url("run1"))
        assert response.status_code == 200 and time.monotonic() - began < 3.0
        [answer] = slack.wait_for("response", key="run1", timeout=10)
        assert "خلية لداعش" in str(answer.params["blocks"])
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err[-3000:]
    assert "Traceback" not in err
    assert TOKEN not in err and SLACK_TOKEN not in err and SLACK_SECRET not in err
