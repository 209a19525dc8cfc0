"""Named, expiring rights held by one worker at a time: the database is the only coordinator.

A lease is a row ``(name, owner, expires_at)``. Taking one is a single
conditional statement (insert it, or take it over when it expired or is
already ours), so two workers racing for it cannot both win, on SQLite or
PostgreSQL. Workers renew what they hold well before it expires; a worker
that dies simply stops renewing, and its leases lapse.

Used for: each worker's liveness (``worker:<id>``, which tells others
whether its claimed deliveries are still being worked on) and the single
Telegram ``getUpdates`` poller (``telegram:poller``), and a chat's turn
(``turn:<platform>:<chat>``: a digest's parts, or one reply, at a time;
:mod:`mawjaz.bot.turns`).

Times here are wall-clock UTC (never a test's simulated clock): they measure
whether a process is alive, not when a digest is due.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from mawjaz.storage.engine import rowcount
from mawjaz.storage.models import Lease

WORKER_PREFIX = "worker:"


def _insert(session: Session):
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Lease)


def acquire(session: Session, name: str, owner: str, now: datetime, ttl: timedelta) -> bool:
    """Take or renew ``name`` for ``owner`` until ``now + ttl``; False when someone else holds it."""
    expires = now + ttl
    taken = session.execute(
        update(Lease)
        .where(col(Lease.name) == name, (col(Lease.owner) == owner) | (col(Lease.expires_at) < now))
        .values(owner=owner, expires_at=expires)
    )
    if rowcount(taken) == 1:
        return True
    inserted = session.execute(
        _insert(session)
        .values(name=name, owner=owner, expires_at=expires)
        .on_conflict_do_nothing(index_elements=["name"])
        .returning(col(Lease.name))
    )
    return inserted.first() is not None  # (rowcount is not reliable for inserts on every driver)


def release(session: Session, name: str, owner: str) -> None:
    """Give ``name`` back, if ``owner`` still holds it."""
    session.execute(delete(Lease).where(col(Lease.name) == name, col(Lease.owner) == owner))


def holder(session: Session, name: str, now: datetime) -> str | None:
    """Who holds ``name`` now, or None when nobody does."""
    return session.exec(select(Lease.owner).where(Lease.name == name, Lease.expires_at >= now)).first()


def live_workers(session: Session, now: datetime) -> list[Lease]:
    """Worker leases that have not expired."""
    query = select(Lease).where(col(Lease.name).startswith(WORKER_PREFIX), Lease.expires_at >= now)
    return list(session.exec(query))


def forget_worker(session: Session, worker_id: str) -> None:
    """Drop a worker's liveness lease: used when it is known dead (its process is gone)."""
    session.execute(delete(Lease).where(col(Lease.name) == WORKER_PREFIX + worker_id))
