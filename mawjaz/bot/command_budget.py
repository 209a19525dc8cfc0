"""A per-user command budget, so one person cannot make the bot search thousands of times a minute.

A token bucket per user: ``burst`` commands at once, then one more every
``1 / per_second`` seconds. The buckets live in memory, **per worker
process**: with N workers behind a load balancer (webhook mode) a user could
get up to N times the rate, which still keeps a flood to a trickle; in
Telegram polling mode one worker receives every update, so the limit is
exact. Nothing here is worth keeping across a restart.

Who counts as a user: ``platform:user_id``, or the chat when the platform
gave no user (a channel post). The clock is injected so tests never wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

_FORGET_AFTER = 10_000  # buckets kept before full ones are dropped (a full bucket is the same as none)


@dataclass(frozen=True, slots=True)
class Budget:
    burst: int = 20  # commands a user may send at once
    per_second: float = 0.5  # then one every 2 s (30 a minute)


class CommandThrottle:
    """``allow(user)`` takes one token from the user's bucket; False when it is empty."""

    def __init__(self, budget: Budget = Budget(), clock: Callable[[], float] = time.monotonic) -> None:
        self.budget = budget
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # user -> (tokens, when counted)
        self._lock = threading.Lock()  # Slack handlers run in threads

    def allow(self, user: str) -> bool:
        now = self._clock()
        with self._lock:
            tokens = self._tokens(user, now)
            if tokens < 1.0:
                self._buckets[user] = (tokens, now)
                return False
            self._buckets[user] = (tokens - 1.0, now)
            if len(self._buckets) > _FORGET_AFTER:
                self._forget_full(now)
            return True

    def wait_for(self, user: str) -> float:
        """Seconds until ``user`` may send the next command (0 when now)."""
        with self._lock:
            tokens = self._tokens(user, self._clock())
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.budget.per_second

    def _tokens(self, user: str, now: float) -> float:
        tokens, then = self._buckets.get(user, (float(self.budget.burst), now))
        return min(float(self.budget.burst), tokens + (now - then) * self.budget.per_second)

    def _forget_full(self, now: float) -> None:
        self._buckets = {u: v for u, v in self._buckets.items() if self._tokens(u, now) < self.budget.burst}
