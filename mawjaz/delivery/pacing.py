"""Pacing sends under a platform's limits, measured on a monotonic clock.

Two rules, measured from when sends *started*, never allowing a catch-up
burst after a late send (that would trip the platform's limiter):

* :class:`Pacer` — the whole bot: sends on a grid ``1 / per_second`` apart
  (at most one per grid slot, never ahead of it), and a pause for everybody
  after a 429 when the platform's limit is global.
* :class:`ChatSpacing` — one chat: ``interval`` between two sends to it.

They only say *when*; the caller sleeps. Pure and clock-injected, so tests
check them without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class Pacer:
    def __init__(self, per_second: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 1.0 / per_second if per_second else 0.0
        self._clock = clock
        self._next = 0.0

    def set_rate(self, per_second: float | None) -> None:
        """Change the rate from the next send on (workers sharing one bot's limit re-divide it)."""
        self.interval = 1.0 / per_second if per_second else 0.0

    def ready_at(self) -> float:
        """The earliest monotonic time the next send may start."""
        return self._next

    def started(self, at: float | None = None) -> None:
        """A send started at ``at`` (now by default).

        The next slot is one interval after *this send's slot*, so the few
        milliseconds a sleep oversleeps are not lost on every message; but a
        send later than half an interval resets the grid, so there is never a
        burst to catch up (in any second, at most one send more than the rate).
        """
        at = self._clock() if at is None else at
        self._next = max(self._next, at - self.interval / 2) + self.interval

    def pause(self, seconds: float) -> None:
        """Nobody sends for ``seconds`` (a global 429)."""
        self._next = max(self._next, self._clock() + seconds)


class ChatSpacing:
    """Least time between two sends to the same chat; remembers only chats still inside their interval."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._next: dict[str, float] = {}

    def ready_at(self, chat: str) -> float:
        return self._next.get(chat, 0.0)

    def started(self, chat: str, interval: float, at: float | None = None) -> None:
        at = self._clock() if at is None else at
        self._next[chat] = max(self._next.get(chat, 0.0), at + interval)
        if len(self._next) > 10_000:
            self._forget_past(at)

    def hold(self, chat: str, seconds: float) -> None:
        """This chat waits ``seconds`` (a per-chat 429)."""
        self._next[chat] = max(self._next.get(chat, 0.0), self._clock() + seconds)

    def _forget_past(self, now: float) -> None:
        self._next = {chat: t for chat, t in self._next.items() if t > now}
