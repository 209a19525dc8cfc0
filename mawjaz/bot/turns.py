"""Whose turn it is to write to a chat: a digest in several parts is not interrupted by a command's reply.

The deliverer sends a digest's parts a second apart (Telegram's pace for one
chat). A reader who types ``/help`` meanwhile would find the answer between
part 1 and part 2. So the deliverer *holds* the chat from its first part to
its last, and a reply *waits* for the chat to be free, then holds it while it
is sent.

Two levels. Within one process (``mawjaz run``: deliverer and bots on one
event loop) the hold is an :class:`asyncio.Event`, and a reply waiting for it
costs nothing. Across processes (several workers on one PostgreSQL, or on one
SQLite file) the database is the only thing they share, so the turn is also a
lease row ``turn:<platform>:<chat>`` (:mod:`mawjaz.storage.leases`): the
deliverer takes or renews it before each part and gives it back after the
last; a reply takes it before it is sent and gives it back after.

Nothing waits for ever: a reply waits :data:`PATIENCE` at most, then is sent
anyway; a lease left by a killed process lapses after :data:`TTL`; and when
the database cannot be reached the turn is taken as free (ordering is a
courtesy, never a reason not to send).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from itertools import count
from typing import TYPE_CHECKING

from mawjaz.storage import leases
from mawjaz.storage.engine import DatabaseError, transaction
from mawjaz.storage.models import utcnow

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

PATIENCE = 15.0  # seconds a reply waits for a chat held by a digest before it is sent anyway
TTL = timedelta(seconds=10)  # a turn not renewed for this long (its holder died) is free again
PREFIX = "turn:"


class ChatTurns:
    """Chats held by a digest being sent, by key (``platform:chat_id``): in this process, and through ``engine``."""

    def __init__(self, engine: Engine | None = None, ttl: timedelta = TTL) -> None:
        self._free: dict[str, asyncio.Event] = {}
        self.engine = engine
        self.ttl = ttl
        # one name per process (and per ChatTurns): a reply of this process never renews its own digest's lease
        self.owner = f"{socket.gethostname()[:64]}:{os.getpid()}:{secrets.token_hex(4)}"
        self._replies = count()

    # --- the deliverer's side ---------------------------------------------------------

    async def hold(self, chat: str) -> bool:
        """Take (or renew) ``chat`` for a digest until :meth:`release`; False while another process holds it."""
        if not await self._take(chat, self._digest):
            return False
        self._free.setdefault(chat, asyncio.Event())
        return True

    async def release(self, chat: str) -> None:
        event = self._free.pop(chat, None)
        if event is not None:
            event.set()
            await self._give(chat, self._digest)

    def held(self, chat: str) -> bool:
        """Whether this process holds ``chat`` for a digest."""
        return chat in self._free

    # --- a reply's side ------------------------------------------------------------------

    async def wait(self, chat: str, patience: float = PATIENCE) -> None:
        """Return once this process's digest has left ``chat`` (at once when none holds it), or after ``patience``."""
        event = self._free.get(chat)
        if event is None:
            return
        try:
            await asyncio.wait_for(event.wait(), patience)
        except TimeoutError:
            log.warning("chat %s was still held by a digest after %.0f s; replying anyway", chat, patience)

    @contextlib.asynccontextmanager
    async def reply(self, chat: str, patience: float = PATIENCE) -> AsyncIterator[None]:
        """Hold ``chat`` while a reply is sent, once no digest of any process holds it (``patience`` at most)."""
        deadline = time.monotonic() + patience
        await self.wait(chat, patience)
        holder = f"{self.owner}:reply:{next(self._replies)}"
        delay = 0.05
        while not (taken := await self._take(chat, holder)):
            left = deadline - time.monotonic()
            if left <= 0:
                log.warning("chat %s was still held by another worker after %.0f s; replying anyway", chat, patience)
                break
            await asyncio.sleep(min(delay, left))
            delay = min(delay * 2, 0.5)
        try:
            yield
        finally:
            if taken:
                await self._give(chat, holder)

    # --- the lease ------------------------------------------------------------------------

    @property
    def _digest(self) -> str:
        return f"{self.owner}:digest"

    async def _take(self, chat: str, holder: str) -> bool:
        return self.engine is None or await asyncio.to_thread(self._acquire, chat, holder)

    async def _give(self, chat: str, holder: str) -> None:
        if self.engine is not None:
            await asyncio.to_thread(self._release, chat, holder)

    def _acquire(self, chat: str, holder: str) -> bool:
        assert self.engine is not None
        try:
            with transaction(self.engine) as session:
                return leases.acquire(session, PREFIX + chat, holder, utcnow(), self.ttl)
        except DatabaseError as exc:  # the database is away: the turn is a courtesy, the message still goes
            log.warning("could not take the turn of chat %s (%s); sending anyway", chat, exc.__class__.__name__)
            return True

    def _release(self, chat: str, holder: str) -> None:
        assert self.engine is not None
        try:
            with transaction(self.engine) as session:
                leases.release(session, PREFIX + chat, holder)
        except DatabaseError as exc:  # left in place, the lease lapses after its ttl
            log.warning("could not give back the turn of chat %s (%s)", chat, exc.__class__.__name__)
