"""Secrets never reach a log line or an error message: the CLI is run failing in every way, and its output grepped.

The tokens are configured the only way Mawjaz takes them (environment
variables); the Telegram and Slack APIs are a local server that refuses
every token with 401 (PTB puts the token in that exception's message); the database URL
carries a password and points nowhere. Whatever each command prints, on
stdout or stderr, at the most verbose level, holds none of the secrets.
"""

from __future__ import annotations

import http.server
import json
import logging
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator

import httpx
import pytest

from mawjaz.cli import app as cli

TOKEN = "7012345678:AAHsecretTELEGRAMsecretTELEGRAMsecret1"
SECRETS = {
    "MAWJAZ_TELEGRAM_TOKEN": TOKEN,
    "MAWJAZ_SLACK_BOT_TOKEN": "xoxb-1111-2222-SLACKsecretSLACKsecret",
    "MAWJAZ_SLACK_SIGNING_SECRET": "signing-secret-5f2b9c0e7d",
    "MAWJAZ_TELEGRAM_WEBHOOK_SECRET": "webhook-secret-81d4",
}
DB_PASSWORD = "db-password-c41f"
NEEDLES = [*SECRETS.values(), TOKEN.split(":")[1], TOKEN.replace(":", "%3A"), DB_PASSWORD]


def _leaks(text: str) -> list[str]:
    return [needle for needle in NEEDLES if needle in text]


@pytest.fixture(scope="module")
def refusing_api() -> Iterator[str]:
    """A Bot API and Slack Web API that refuse every token: 401, as for a revoked token."""

    class Refuse(http.server.BaseHTTPRequestHandler):
        def _refuse(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body = json.dumps(
                {"ok": False, "error_code": 401, "description": "Unauthorized", "error": "invalid_auth"}
            ).encode()
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _refuse

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _mawjaz(args: list[str], api: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    env.update(
        SECRETS,
        MAWJAZ_TELEGRAM_BASE_URL=f"{api}/bot",
        MAWJAZ_SLACK_API_URL=f"{api}/api/",
        MAWJAZ_SLACK_PORT=str(_free_port()),
        MAWJAZ_TELEGRAM_WEBHOOK_PORT=str(_free_port()),
    )
    try:
        return subprocess.run(
            [sys.executable, "-m", "mawjaz", "-v", *args], env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as late:  # a service still running: what it printed so far is the evidence
        return subprocess.CompletedProcess(late.cmd, -1, _text(late.stdout), _text(late.stderr))


def _text(output: bytes | str | None) -> str:
    return output.decode("utf-8", "replace") if isinstance(output, bytes) else output or ""


@pytest.mark.parametrize("command", [["deliver"], ["run"]])
def test_commands_whose_tokens_are_refused_never_print_a_secret(refusing_api, tmp_path, command):
    done = _mawjaz(["--database", f"sqlite:///{tmp_path / 'm.sqlite'}", *command], refusing_api, timeout=30)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output[-2000:]
    assert _leaks(output) == []


def test_an_unreachable_database_never_prints_its_password(refusing_api):
    url = f"postgresql://mawjaz:{DB_PASSWORD}@127.0.0.1:{_free_port()}/mawjaz"
    done = _mawjaz(["--database", url, "stories"], refusing_api)
    assert done.returncode != 0
    assert _leaks(done.stdout + done.stderr) == []


def test_log_lines_and_tracebacks_from_the_cli_setup_carry_no_secret(monkeypatch, capsys):
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("MAWJAZ_DATABASE_URL", f"postgresql://mawjaz:{DB_PASSWORD}@db/mawjaz")
    root = logging.getLogger()
    saved = list(root.handlers), root.level, sys.excepthook, threading.excepthook
    try:
        _ = cli.Context(None, verbose=True).settings  # reading the settings sets up logging with their secrets
        log = logging.getLogger("mawjaz.bot.telegram.adapter")
        client = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(401, json={"ok": False})))
        response = client.get(f"https://api.telegram.org/bot{TOKEN}/getMe")
        try:
            response.raise_for_status()  # its message holds the whole URL, token and all
        except httpx.HTTPStatusError:
            log.exception("getMe failed")
        log.error("settings: %s", {name: value for name, value in SECRETS.items()})
        log.warning("retrying %s", f"https://api.telegram.org/bot{TOKEN.replace(':', '%3A')}/sendMessage")
        log.info("database %s", f"postgresql://mawjaz:{DB_PASSWORD}@db/mawjaz")
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        sys.excepthook, threading.excepthook = saved[2], saved[3]
        logging.captureWarnings(False)
    captured = capsys.readouterr()
    assert captured.err.count("\n") >= 4, captured.err
    assert _leaks(captured.out + captured.err) == []
