"""Whose turn it is to write to a chat: a digest in several parts is not interrupted by a command's reply.

The deliverer sends a digest's parts a second apart (Telegram's pace for one
chat). A reader who types ``/help`` meanwhile would find the answer between
part 1 and part 2. So the deliverer *holds* the chat from its first part to
its last, and a reply *waits* for the chat to be free — within one process,
where both run on one event loop (``mawjaz run``). A hold that is never
released (a bug) delays a reply by :data:`PATIENCE` at most, never loses it.
"""

from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)

PATIENCE = 15.0  # seconds a reply waits for a chat held by a digest before it is sent anyway


class ChatTurns:
    """Chats held by a digest being sent, by key (``platform:chat_id``)."""

    def __init__(self) -> None:
        self._free: dict[str, asyncio.Event] = {}

    def hold(self, chat: str) -> None:
        """The chat is taken until :meth:`release` (holding twice is holding once)."""
        self._free.setdefault(chat, asyncio.Event())

    def release(self, chat: str) -> None:
        event = self._free.pop(chat, None)
        if event is not None:
            event.set()

    def held(self, chat: str) -> bool:
        return chat in self._free

    async def wait(self, chat: str, patience: float = PATIENCE) -> None:
        """Return once ``chat`` is free (at once when nobody holds it), or after ``patience`` seconds."""
        event = self._free.get(chat)
        if event is None:
            return
        try:
            await asyncio.wait_for(event.wait(), patience)
        except TimeoutError:
            log.warning("chat %s was still held by a digest after %.0f s; replying anyway", chat, patience)
