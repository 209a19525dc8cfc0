"""Database engines: SQLite (embedded default) or PostgreSQL, from one URL.

SQLite gets WAL (readers never block the writer) with ``synchronous=NORMAL``
(a commit survives a killed process at once, and a power cut once the WAL is
synced at its next checkpoint; either way the database stays consistent), foreign keys (off by default in SQLite!), a
busy timeout so a second process waits instead of failing, a write gate
(``<database>-gate``, see :func:`_queued`) so that waiting writers take the
lock in turn, and a larger page cache. PostgreSQL URLs are pinned to psycopg 3 whatever driver they name.
"""

from __future__ import annotations

import functools
import logging
import os
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, Result, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from mawjaz.errors import ConfigError, StorageError

try:
    import fcntl
except ImportError:  # Windows: no write gate (see _queued)
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

#: SQLite: how long a write waits for the write lock before its BEGIN is tried again, and how many times.
BUSY_TIMEOUT_S = 30
BEGIN_ATTEMPTS = 3
#: SQLite: how often a writer at the write gate looks whether the lock is free (see :func:`_queued`).
GATE_POLL_S = 0.004

#: What the database raises when it refuses or is out of reach (OperationalError included): callers
#: above storage catch this name and never import SQLAlchemy.
DatabaseError = DBAPIError


def normalise_url(url: str) -> URL:
    """Parse ``url``; ``postgres://`` and ``postgresql://`` become ``postgresql+psycopg://``."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with a terse message
        raise ConfigError(f"MAWJAZ_DATABASE_URL is not a database URL: {exc}") from None
    if parsed.get_backend_name() == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        raise ConfigError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite:/// or postgresql://")
    return parsed


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # pysqlite opens transactions lazily and behind SQLAlchemy's back, which
    # breaks savepoints (a RELEASE would commit). Take over: no implicit
    # transactions, and SQLAlchemy's "begin" emits BEGIN (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    # Savepoint journals (one per stored article) and sorts in memory, not in temporary files.
    cursor.execute("PRAGMA temp_store=MEMORY")
    # 64 MB of page cache (the default is 2 MB): ingest writes keys into indexes in random order, and
    # at 100k articles their pages no longer fit in 2 MB, so each insert would re-read pages from the OS.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _sqlite_begin(connection, gate: Path | None = None) -> None:
    # The one write discipline on SQLite. A write transaction takes the write lock at BEGIN (IMMEDIATE),
    # waiting for it up to the busy timeout, and then cannot be refused half-way: a deferred transaction
    # that has read cannot wait when it comes to write (another writer committed since its snapshot), and
    # SQLite refuses it at once with "database is locked" (what a chat command and the actor pass used to
    # hit beside an ingest). A read (``reading()``) begins deferred and never takes the lock: in WAL mode
    # it reads a snapshot beside the writer. A BEGIN IMMEDIATE that still finds the lock taken after the
    # busy timeout is tried again a bounded number of times, here and nowhere else.
    if connection.get_execution_options().get("mawjaz_read_only", False):
        connection.exec_driver_sql("BEGIN")
        return
    for attempt in range(1, BEGIN_ATTEMPTS + 1):
        try:
            with _queued(gate):
                _begin_immediate(connection, gate is not None)
            return
        except OperationalError as exc:
            if "locked" not in str(exc.orig or exc) or attempt == BEGIN_ATTEMPTS:
                raise
            log.warning(
                "the SQLite write lock is still taken after %d s; waiting again (%d of %d)",
                BUSY_TIMEOUT_S,
                attempt,
                BEGIN_ATTEMPTS,
            )
            time.sleep(random.uniform(0.05, 0.25))


@contextmanager
def _queued(gate: Path | None) -> Iterator[None]:
    """Hold the database's write gate while waiting for the write lock: writers take the lock in turn.

    SQLite's own wait (the busy handler) is no queue: a waiting writer sleeps and looks again, up to
    100 ms apart, and a writer that commits and begins again at once (an ingest, batch after batch)
    finds the lock free first every time, for as long as it runs: a chat's ``/start`` waited for the
    whole ingest. So a writer first takes an exclusive ``flock`` on ``<database>-gate`` (the kernel
    queues the waiters), then the write lock, and lets the gate go once it has the lock. The writer
    that holds the lock cannot begin its next transaction before the one at the gate has had its
    turn: a writer waits for the transaction in progress and for those queued before it, no more.
    Without ``fcntl`` (Windows) or a writable folder, writers wait as SQLite makes them.
    """
    if gate is None or fcntl is None:
        yield
        return
    try:
        fd = os.open(gate, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # bounded: its holder waits for the lock at most BUSY_TIMEOUT_S
        yield
    finally:
        os.close(fd)  # releases the gate


def _begin_immediate(connection, queued: bool) -> None:
    """BEGIN IMMEDIATE; at the gate, by looking every few milliseconds rather than SQLite's up to 100.

    At the gate, the lock is free as soon as the transaction in progress ends, and the writers queued
    behind (an ingest among them) wait for this one to begin: each millisecond slept is theirs too.
    """
    if not queued:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    connection.exec_driver_sql("PRAGMA busy_timeout=0")
    try:
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        pause = 0.0005
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                if "locked" not in str(exc.orig or exc) or time.monotonic() >= deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, GATE_POLL_S)
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; creates the SQLite file's folder when it does not exist."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"cannot create the SQLite file's folder {folder}: {exc.strerror or exc}") from None
        # cached_statements: ingest's statements (their variants by number of keys or terms included) stay
        # prepared; the default 128 is close to what one batch uses.
        connect_args = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_S, "cached_statements": 512}
        engine = create_engine(parsed, connect_args=connect_args)
        event.listen(engine, "connect", _sqlite_pragmas)
        gate = None
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            gate = Path(parsed.database).expanduser().with_name(Path(parsed.database).name + "-gate")
        event.listen(engine, "begin", functools.partial(_sqlite_begin, gate=gate))
        return engine
    return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)


def rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE or DELETE matched. ``Session.execute`` is typed as returning a ``Result``; for DML it is a
    ``CursorResult``, which counts them."""
    return cast(CursorResult[Any], result).rowcount


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def describe(engine: Engine) -> str:
    """The database in use, password hidden: safe for logs and ``mawjaz status``."""
    return engine.url.render_as_string(hide_password=True)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A write transaction: its work commits on success and rolls back on any error, all or nothing.

    On SQLite it holds the write lock from its first statement (see :func:`_sqlite_begin`): keep it short.
    """
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A transaction for work that only reads: one consistent snapshot that never takes the write lock.

    On SQLite it neither waits for nor holds up a writer (WAL), so a ``/topic`` answers beside an ingest.
    Write nothing in it: on SQLite a write would have to take the lock half-way, which is what
    :func:`transaction` exists to avoid.
    """
    with Session(engine.execution_options(mawjaz_read_only=True), expire_on_commit=False) as session, session.begin():
        yield session
