"""What delivery needs from a platform: render a digest, send one message, and say how it failed.

Each platform's sender (:mod:`mawjaz.bot.telegram.send`, :mod:`mawjaz.bot.slack.send`)
translates its library's errors into the few outcomes delivery acts on:

    SendError
    ├── RetryLater   429: wait ``seconds`` and send the same message again (never dropped, never doubled)
    ├── Moved        the chat has a new id (Telegram group → supergroup): follow it and resend
    ├── Blocked      the chat is gone or blocked us: unsubscribe it
    ├── Rejected     the platform refuses this message for good: mark the delivery failed
    └── Transient    network trouble or a 5xx: back off and try again
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from mawjaz.digest.views import Digest


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to send: Telegram HTML in ``text``; for Slack, fallback ``text`` and ``blocks``."""

    text: str
    blocks: tuple[dict[str, Any], ...] | None = None


@dataclass(frozen=True, slots=True)
class Limits:
    """A platform's sending limits, as this worker paces itself.

    ``per_second`` is the whole bot's rate (None: no overall limit);
    ``chat_interval``/``group_interval`` the least time between two messages
    to one chat. On a 429, ``pause_all_on_429`` stops all sending for the
    wait (Telegram's flood limit is per bot) rather than only that chat's.
    """

    per_second: float | None
    chat_interval: float
    group_interval: float
    pause_all_on_429: bool

    def interval_for(self, chat_type: str) -> float:
        return self.group_interval if chat_type in ("group", "supergroup", "channel") else self.chat_interval


# Telegram: about 30 messages/s overall, 1/s per chat, 20/min per group or channel. 29/s leaves room for jitter.
TELEGRAM_LIMITS = Limits(per_second=29.0, chat_interval=1.0, group_interval=3.0, pause_all_on_429=True)
# Slack: about 1 message/s per channel (a little more, for jitter); the workspace-wide limit is far above
# what a digest needs.
SLACK_LIMITS = Limits(per_second=None, chat_interval=1.1, group_interval=1.1, pause_all_on_429=False)


class SendError(Exception):
    """A message was not sent; the subclass says what to do about it."""


class RetryLater(SendError):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"rate limited: retry after {seconds} s")
        self.seconds = seconds


class Moved(SendError):
    def __init__(self, new_chat_id: str) -> None:
        super().__init__(f"chat moved to {new_chat_id}")
        self.new_chat_id = new_chat_id


class Blocked(SendError):
    pass


class Rejected(SendError):
    pass


class Transient(SendError):
    pass


class Sender(Protocol):
    """One platform, as delivery sees it."""

    platform: str
    limits: Limits

    def render(self, digest: Digest | None, line: str | None) -> list[Outgoing]:
        """The messages of a digest, or of a one-line notice when ``digest`` is None."""
        ...

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Send one message; returns the platform's message id or raises a :class:`SendError`."""
        ...
