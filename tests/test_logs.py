"""Logs: one event per line, JSON off a terminal, plain text on one, and no secret in any of it."""

from __future__ import annotations

import io
import json
import logging
import sys
import threading
import warnings
from collections.abc import Iterator

import httpx
import pytest

from mawjaz import logs
from mawjaz.config import Settings

TOKEN = "7012345678:AAHsecretsecretsecretsecretsecret12"
SIGNING = "8f14e45fceea167a5a36dedd4bea2543"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Whatever :func:`logs.configure` changes in the process is put back."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    quiet = {name: logging.getLogger(name).level for name in logs.QUIET_LOGGERS}
    hooks = sys.excepthook, threading.excepthook
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old in quiet.items():
        logging.getLogger(name).setLevel(old)
    sys.excepthook, threading.excepthook = hooks
    logging.captureWarnings(False)


def configured(stream: io.StringIO, **options) -> logging.Logger:
    logs.configure(stream=stream, secrets=[TOKEN, SIGNING, "pg-pass-word"], **options)
    return logging.getLogger("mawjaz.test")


def events(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_off_a_terminal_each_event_is_one_json_line_tracebacks_included(restore_logging):
    stream = io.StringIO()
    log = configured(stream)
    log.warning("feed %s failed", "https://news.example/rss", extra={"feed_id": 7, "worker": "w1"})
    log.warning("title:\u2028line\u2029break\x85next")
    try:
        raise ValueError("line one\nline two")
    except ValueError:
        log.exception("could not store\nan article")
    first, breaks, second = events(stream)
    assert breaks["message"] == "title:\u2028line\u2029break\x85next"
    assert first["level"] == "WARNING" and first["logger"] == "mawjaz.test"
    assert first["message"] == "feed https://news.example/rss failed"
    assert (first["feed_id"], first["worker"]) == (7, "w1")
    assert second["message"] == "could not store\nan article"
    assert "ValueError: line one\nline two" in second["exception"]
    assert {"time", "pid"} <= set(second)


def test_on_a_terminal_lines_are_text_and_a_message_cannot_forge_a_second_line(restore_logging):
    stream = Terminal()
    log = configured(stream)
    log.error("title: %s", "خبر\n2026-01-01 00:00:00 CRITICAL mawjaz: forged")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert " ERROR mawjaz.test: title: خبر\\n2026-01-01" in lines[0]


def test_configured_secrets_are_redacted_from_messages_arguments_extras_and_tracebacks(restore_logging):
    stream = io.StringIO()
    log = configured(stream)
    encoded = TOKEN.replace(":", "%3A")
    log.warning("POST https://api.telegram.org/bot%s/sendMessage", TOKEN, extra={"signing": SIGNING})
    log.warning("query ?token=%s", encoded)
    try:
        raise RuntimeError(f"connection to postgresql://mawjaz:pg-pass-word@db/mawjaz failed; secret {SIGNING}")
    except RuntimeError:
        log.exception("database unreachable")
    text = stream.getvalue()
    for secret in (TOKEN, encoded, SIGNING, "pg-pass-word", "AAHsecret"):
        assert secret not in text
    assert text.count(logs.REDACTED) >= 5


def test_token_shaped_strings_are_redacted_even_when_not_configured(restore_logging):
    stream = io.StringIO()
    logs.configure(stream=stream)
    log = logging.getLogger("mawjaz.test")
    log.warning("GET https://api.telegram.org/bot99887766:ShortButStillAToken/getUpdates")
    log.warning("slack %s %s", "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp", "xapp-1-A0123-456-abcdef")
    text = stream.getvalue()
    assert "ShortButStillAToken" not in text and "xoxb-1234" not in text and "xapp-1-A0" not in text


def test_the_httpx_logger_stays_quiet_even_when_verbose_because_its_urls_carry_the_token(restore_logging):
    stream = io.StringIO()
    configured(stream, verbose=True)
    client = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, json={"ok": True})))
    client.get(f"https://api.telegram.org/bot{TOKEN}/getMe")
    logging.getLogger("mawjaz.test").debug("debug is on")
    assert [event["message"] for event in events(stream)] == ["debug is on"]


def test_configuring_twice_leaves_one_mawjaz_handler_and_keeps_other_handlers(restore_logging):
    other = logging.NullHandler()
    logging.getLogger().addHandler(other)
    first, second = io.StringIO(), io.StringIO()
    configured(first)
    log = configured(second)
    log.warning("once")
    assert first.getvalue() == "" and len(events(second)) == 1
    assert other in logging.getLogger().handlers


def test_uncaught_exceptions_in_threads_and_warnings_go_through_the_redacting_formatter(restore_logging):
    stream = io.StringIO()
    configured(stream)

    def fail() -> None:
        raise ConnectionError(f"https://api.telegram.org/bot{TOKEN}/getMe unreachable")

    thread = threading.Thread(target=fail, name="poller")
    thread.start()
    thread.join()
    sys.excepthook(*_raised(KeyError(SIGNING)))
    warnings.warn(f"deprecated call with {TOKEN}", UserWarning, stacklevel=1)
    found = events(stream)
    assert [e["level"] for e in found] == ["CRITICAL", "CRITICAL", "WARNING"]
    assert "uncaught exception in thread poller" in found[0]["message"]
    assert TOKEN not in stream.getvalue() and SIGNING not in stream.getvalue()


def _raised(error: BaseException) -> tuple:
    try:
        raise error
    except BaseException as exc:  # noqa: BLE001 - building an exc_info triple
        return type(exc), exc, exc.__traceback__


def test_secret_values_are_every_secret_field_and_the_database_password():
    settings = Settings(
        database_url="postgresql+psycopg://mawjaz:db-secret-1@db:5432/mawjaz",
        telegram_token=TOKEN,
        slack_bot_token="xoxb-1-2-3",
        slack_signing_secret=SIGNING,
        telegram_webhook_secret="hook-secret",
    )
    assert set(logs.secret_values(settings)) == {"db-secret-1", TOKEN, "xoxb-1-2-3", SIGNING, "hook-secret"}


def test_malformed_settings_give_no_secrets_rather_than_no_logging(monkeypatch):
    monkeypatch.setenv("MAWJAZ_SLACK_PORT", "not-a-port")
    assert logs.secrets_from(Settings) == ()
