"""Logging for the entry points: one event per line, JSON when nobody is watching, and never a secret.

Modules only call ``logging.getLogger(__name__)``; the command line calls
:func:`configure` once. On a terminal a person reads the lines, so they are
plain text; anywhere else (systemd, Docker, a file, a pipe) each event is one
JSON object on one line, which log shippers read without guessing where a
traceback ends::

    {"time": "2026-11-23T05:30:00.123+00:00", "level": "WARNING", "logger": "mawjaz.pipeline.polling",
     "message": "feed https://… failed (IngestError: …); backing off", "pid": 4242}

Secrets are taken out of every line, tracebacks included, by the formatter
itself: the configured token values (and their URL-encoded forms), the
password of the database URL, and anything shaped like a token even when it
is not configured (a Telegram ``bot<id>:<secret>`` in a URL, Slack
``xox?-`` and ``xapp-`` tokens). That is the last line of defence; the first
is the ``httpx`` logger held at WARNING, since its request lines carry the
bot token in the URL. Uncaught exceptions, in the main thread or any other,
go through the same formatter instead of Python's bare traceback printer.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TextIO
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, SecretStr, ValidationError

REDACTED = "[redacted]"
QUIET_LOGGERS = ("httpx", "httpcore")
"""Held at WARNING whatever the level: their request lines carry the bot token in the URL."""

_MIN_SECRET_CHARS = 4  # shorter "secrets" would blank out ordinary words
_TOKEN_SHAPES = re.compile(
    r"(?<=bot)\d{3,}(?::|%3[Aa])[A-Za-z0-9_-]+"  # Telegram Bot API URL: .../bot<id>:<secret>/method
    r"|\b\d{5,}:AA[A-Za-z0-9_-]{30,}"  # a Telegram token anywhere
    r"|\bxox[abeoprs]-[A-Za-z0-9-]{8,}"  # Slack bot, user and config tokens
    r"|\bxapp-[A-Za-z0-9-]{8,}"  # Slack app-level token (Socket Mode)
)
# Characters some readers take for a line break (Python's splitlines among them); JSON leaves them raw.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_STANDARD_FIELDS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}
_HANDLER_MARK = "_mawjaz_handler"


class Redactor:
    """Replaces every secret it knows, and every token-shaped string, with ``[redacted]``."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        forms = {form for secret in secrets if len(secret) >= _MIN_SECRET_CHARS for form in _forms(secret)}
        alternatives = [re.escape(form) for form in sorted(forms, key=len, reverse=True)]
        self._known = re.compile("|".join(alternatives)) if alternatives else None

    def __call__(self, text: str) -> str:
        if self._known is not None:
            text = self._known.sub(REDACTED, text)
        return _TOKEN_SHAPES.sub(REDACTED, text)


class JsonFormatter(logging.Formatter):
    """One JSON object per event: time, level, logger, message, pid, exception, and any ``extra=`` fields."""

    def __init__(self, redact: Callable[[str], str]) -> None:
        super().__init__()
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self.redact(_message(record)),
            "pid": record.process,
        }
        if record.exc_info:
            event["exception"] = self.redact(self.formatException(record.exc_info))
        if record.stack_info:
            event["stack"] = self.redact(self.formatStack(record.stack_info))
        for name, value in record.__dict__.items():
            if name not in _STANDARD_FIELDS and not name.startswith("_") and name not in event:
                event[name] = self._field(value)
        return json.dumps(event, ensure_ascii=False, default=str).translate(_LINE_BREAKS)

    def _field(self, value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float):
            return value
        return self.redact(str(value))


class TextFormatter(logging.Formatter):
    """``time LEVEL logger: message`` for a person at a terminal; the message kept on its line."""

    def __init__(self, redact: Callable[[str], str]) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.redact = redact

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - the logging API
        one_line = record.message.replace("\r", "\\r").replace("\n", "\\n").translate(_LINE_BREAKS)  # no forged line
        return super().formatMessage(logging.makeLogRecord({**record.__dict__, "message": one_line}))

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the moment (test runners swap it), like logging's last resort."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def configure(
    *,
    verbose: bool = False,
    secrets: Iterable[str] = (),
    json_lines: bool | None = None,
    stream: TextIO | None = None,
) -> logging.Handler:
    """Send every log event to stderr (or ``stream``), one per line, secrets redacted; returns the handler.

    ``json_lines`` defaults to "stderr is not a terminal". Called again, it
    replaces its own handler, never anyone else's. ``verbose`` logs DEBUG and
    up, otherwise WARNING and up.
    """
    target = stream if stream is not None else sys.stderr
    if json_lines is None:
        json_lines = not _is_terminal(target)
    redact = Redactor(secrets)
    handler: logging.Handler = logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    handler.setFormatter(JsonFormatter(redact) if json_lines else TextFormatter(redact))
    setattr(handler, _HANDLER_MARK, True)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.captureWarnings(True)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread
    return handler


def secret_values(settings: BaseModel) -> tuple[str, ...]:
    """Every secret a settings object holds: its ``SecretStr`` fields and the password in any URL field."""
    found = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            found.append(value.get_secret_value())
        elif isinstance(value, str) and "://" in value:
            try:
                password = urlsplit(value).password
            except ValueError:
                password = None
            if password:
                found.append(password)
    return tuple(secret for secret in found if secret)


def secrets_from(load: Callable[[], BaseModel]) -> tuple[str, ...]:
    """:func:`secret_values` of ``load()``; nothing when a setting is malformed (the command reports that).

    Token-shaped strings are redacted even then, configured or not.
    """
    try:
        return secret_values(load())
    except ValidationError:
        return ()


def _forms(secret: str) -> set[str]:
    """The secret as written and as it appears in a URL (``123:abc`` → ``123%3Aabc``)."""
    return {secret, quote(secret, safe=""), quote(secret, safe=":/@")} - {""}


def _message(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # a bad format string must not lose the event
        return f"{record.msg!r} {record.args!r}"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or already closed
        return False


def _log_uncaught(kind: type[BaseException], error: BaseException, traceback: Any) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, traceback)
        return
    logging.getLogger("mawjaz").critical("uncaught exception", exc_info=(kind, error, traceback))


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    # a None exc_value logs as "NoneType: None"
    exc_info = (args.exc_type, args.exc_value, args.exc_traceback)
    logging.getLogger("mawjaz").critical("uncaught exception in thread %s", name, exc_info=exc_info)  # type: ignore[arg-type]
