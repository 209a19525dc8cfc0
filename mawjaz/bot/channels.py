"""Telegram channels the digest is posted to: add, list, remove — one implementation for the CLI and the chat.

A channel is a subscriber of chat type ``channel``: it has a schedule, a
zone and a language like any reader, goes through the same ledger (exactly
once per channel per scheduled time, whatever crashes) and the same pacing
(a channel's messages are spaced like a group's). What differs is how it is
added: only by Mawjaz's administrators (``mawjaz channels add`` or
``/channel add`` in a private chat, ``MAWJAZ_ADMINS``), and only once
Telegram says the bot is an administrator that may post there. A channel
that removes the bot is *paused* by delivery (its row made inactive, a log
line says so); adding it again resumes it.

The admin check needs the Bot API, so it is a callable the Telegram side
supplies (:mod:`mawjaz.bot.telegram.channels`); this module touches no
platform library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mawjaz.bot.args import MAX_TIMES, parse_times, parse_zone, weekday_name
from mawjaz.errors import CommandError
from mawjaz.storage import subscribers
from mawjaz.storage.engine import reading, transaction
from mawjaz.storage.models import Subscriber
from mawjaz.storage.subscribers import ChannelRef, Defaults

if TYPE_CHECKING:
    from sqlalchemy import Engine

PLATFORM = "telegram"
CHAT_TYPE = "channel"
LANGS = ("ar", "en")


@dataclass(frozen=True, slots=True)
class ChannelSettings:
    """What ``channels add`` was told; None keeps the channel's current value (or the default for a new one)."""

    times: tuple[str, ...] | None = None
    timezone: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class ChannelView:
    """One channel as ``channels list`` shows it: by its @name when it has one, else its id."""

    channel: str
    times: tuple[str, ...]
    timezone: str
    lang: str
    weekday: int | None
    active: bool
    chat_id: str | None = None  # the channel's -100… id (None for a row added by @name before it was asked)

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` contract (README): channel, times, timezone, lang, every, weekday, status."""
        return {
            "channel": self.channel,
            "times": list(self.times),
            "timezone": self.timezone,
            "lang": self.lang,
            "every": "day" if self.weekday is None else "week",
            "weekday": None if self.weekday is None else weekday_name(self.weekday, "en").lower(),
            "status": "active" if self.active else "paused",
            "id": self.chat_id,
        }


def view(row: Subscriber) -> ChannelView:
    times = (row.digest_time, *row.later_times.split())
    chat_id = None if row.chat_id.startswith("@") else row.chat_id
    return ChannelView(
        row.username or row.chat_id, times, row.timezone, row.lang, row.weekday, bool(row.active), chat_id
    )


def parse_settings(words: Sequence[str]) -> ChannelSettings:
    """``07:30 19:30 Africa/Cairo en`` in any order: times, a zone (or city), a language."""
    times: list[str] = []
    zone = lang = None
    for word in words:
        if word.casefold() in LANGS:
            lang = word.casefold()
        elif word[:1].isdigit() or word[:1] in "٠١٢٣٤٥٦٧٨٩":
            times.append(word)
        else:
            zone = parse_zone(word)
    return ChannelSettings(parse_times(" ".join(times)) if times else None, zone, lang)


def check_lang(lang: str | None) -> str | None:
    if lang is not None and lang not in LANGS:
        raise CommandError(f"لغة غير معروفة «{lang}»: ar أو en\nunknown language {lang!r}: use ar or en")
    return lang


def add(
    engine: Engine,
    channel: str,
    settings: ChannelSettings,
    defaults: Defaults,
    verify: Callable[[str], ChannelRef],
) -> tuple[ChannelView, bool]:
    """Post the digest to ``channel`` (already parsed) once ``verify`` says the bot may; True when it is new.

    ``verify`` raises :class:`CommandError` when the bot is not an
    administrator there; nothing is stored then. Otherwise it says who the
    channel is (its id and @name, from Telegram), so ``@name``, ``@Name``
    and ``-100…`` all change the one channel. Adding a paused channel
    again resumes it with the settings given.
    """
    check_lang(settings.lang)
    if settings.times is not None and len(settings.times) > MAX_TIMES:
        raise CommandError(f"at most {MAX_TIMES} times a day")
    ref = verify(channel)
    with transaction(engine) as session:
        row, new = subscribers.ensure_channel(session, PLATFORM, ref, defaults)
        values: dict[str, Any] = {"active": True}
        if settings.times is not None:
            values.update(digest_time=settings.times[0], later_times=" ".join(settings.times[1:]))
        if settings.timezone is not None:
            values["timezone"] = settings.timezone
        if settings.lang is not None:
            values["lang"] = settings.lang
        subscribers.change(session, row, **values)
        return view(row), new


def listed(engine: Engine, channel: str | None = None) -> list[ChannelView]:
    """Every channel, or only ``channel`` (by its @name or its id)."""
    with reading(engine) as session:
        if channel is not None:
            row = subscribers.find_channel(session, PLATFORM, channel)
            return [] if row is None else [view(row)]
        return [view(row) for row in subscribers.channels(session, PLATFORM)]


def remove(engine: Engine, channel: str) -> bool:
    """Stop posting to ``channel`` (its @name or its id) and forget it, ledger too; False when it was not listed."""
    with transaction(engine) as session:
        return subscribers.remove(session, PLATFORM, channel, CHAT_TYPE)
