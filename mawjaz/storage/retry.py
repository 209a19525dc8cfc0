"""Retrying a unit of database work that SQLite refused because another connection was writing.

SQLite allows one writer. A transaction that reads and then writes cannot
wait for the lock (that could deadlock), so SQLite refuses it at once with
"database is locked"; the cure is to run the whole unit again a moment
later. PostgreSQL never needs this (row locks and ``ON CONFLICT`` do the
work), and any other error is raised as is.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import OperationalError

log = logging.getLogger(__name__)

T = TypeVar("T")


def is_locked(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig or exc)


def retry_locked(func: Callable[..., T], *args, attempts: int = 8, **kwargs) -> T:
    """``func(*args, **kwargs)``, run again (with a short random backoff) while SQLite says it is locked."""
    for attempt in range(attempts):
        try:
            return func(*args, **kwargs)
        except OperationalError as exc:
            if not is_locked(exc) or attempt == attempts - 1:
                raise
            pause = min(0.02 * 2**attempt, 1.0) * (0.5 + random.random())
            log.debug("database locked; retrying in %.3f s", pause)
            time.sleep(pause)
    raise AssertionError("unreachable")
