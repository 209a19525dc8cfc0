"""Delivering digests to Telegram through python-telegram-bot's ``Bot``, errors mapped to delivery outcomes."""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import replace
from datetime import timedelta

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.request import HTTPXRequest

from mawjaz.bot.replies import telegram_text
from mawjaz.delivery.sender import (
    TELEGRAM_LIMITS,
    Blocked,
    Limits,
    Moved,
    Outgoing,
    Rejected,
    RetryLater,
    Transient,
)
from mawjaz.digest import render
from mawjaz.digest.views import Digest

_TAG = re.compile(r"<[^>]+>")
_GONE = (
    "chat not found",
    "user is deactivated",
    "bot was kicked",
    "not enough rights",
    "have no rights",
    "need administrator rights",
    "chat_write_forbidden",
    "group chat was deactivated",
)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def make_bot(token: str, base_url: str) -> Bot:
    """A ``Bot`` on ``base_url`` (``https://api.telegram.org/bot`` or a test server's ``…/bot``)."""
    request = HTTPXRequest(connection_pool_size=8, read_timeout=15.0, write_timeout=15.0, connect_timeout=10.0)
    return Bot(token, base_url=base_url, request=request, get_updates_request=HTTPXRequest(read_timeout=30.0))


def retry_seconds(exc: RetryAfter) -> float:
    """``retry_after`` as seconds, whichever type this PTB version gives (it is moving to timedelta)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def plain(html_text: str) -> str:
    """The message without markup: the fallback when Telegram cannot parse our HTML."""
    return html.unescape(_TAG.sub("", html_text))


class TelegramSender:
    platform = "telegram"

    def __init__(self, bot: Bot, limits: Limits = TELEGRAM_LIMITS, pages: str | None = None) -> None:
        self.bot = bot
        self.limits = limits
        self.pages = pages  # MAWJAZ_PUBLIC_URL: each story of a digest links to its page there

    def render(self, digest: Digest | None, line: str | None) -> list[Outgoing]:
        if digest is None:
            return [Outgoing(telegram_text(line or ""))]
        if self.pages:
            digest = replace(digest, pages=self.pages)
        return [Outgoing(text) for text in render.render_telegram(digest)]

    async def send(self, chat_id: str, message: Outgoing) -> str:
        try:
            try:
                sent = await self.bot.send_message(
                    chat_id, message.text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
                )
            except BadRequest as exc:
                if "can't parse entities" not in exc.message.lower():
                    raise
                # A renderer bug must not cost the reader the digest: send it without markup.
                sent = await self.bot.send_message(chat_id, plain(message.text), link_preview_options=NO_PREVIEW)
        except RetryAfter as exc:
            raise RetryLater(retry_seconds(exc)) from exc
        except ChatMigrated as exc:
            raise Moved(str(exc.new_chat_id)) from exc
        except Forbidden as exc:
            raise Blocked(exc.message) from exc
        except BadRequest as exc:
            if any(marker in exc.message.lower() for marker in _GONE):
                raise Blocked(exc.message) from exc
            raise Rejected(exc.message) from exc
        except (TimedOut, NetworkError) as exc:
            raise Transient(str(exc)) from exc
        return str(sent.message_id)
