"""Plain SQL on the session's own connection, for the statements ingest runs for every article.

Building and compiling a SQLAlchemy statement costs 40–80 µs; handing a SQL
string to SQLAlchemy's ``exec_driver_sql`` about 40, and to the DB-API cursor
itself under 10. Ingest runs twenty statements per article, so the hot ones
(near-duplicate keys, the story index, the article row itself) are written
here as SQL, once, with ``?`` placeholders that become ``%s`` for psycopg,
and go straight to the session connection's cursor. They run inside the
session's transaction, so they commit or roll back with everything else.

Times go in as the column stores them: an aware datetime for PostgreSQL, and
for SQLite the UTC text SQLAlchemy writes (``2018-05-01 10:00:00.000000``), so
rows written here and through the ORM compare and read back alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, overload

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, MultipleResultsFound, NoResultFound
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


class Rows:
    """What a statement returned, as plain tuples: the part of SQLAlchemy's result API the callers here use."""

    __slots__ = ("rows",)

    def __init__(self, rows: list[tuple]) -> None:
        self.rows = rows

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.rows)

    def all(self) -> list[tuple]:
        return self.rows

    def first(self) -> tuple | None:
        return self.rows[0] if self.rows else None

    def one(self) -> tuple:
        if len(self.rows) != 1:
            raise NoResultFound("no row") if not self.rows else MultipleResultsFound("more than one row")
        return self.rows[0]

    def scalar_one(self) -> Any:
        return self.one()[0]


def execute(session: Session, sql: str, params: Sequence[object] = ()) -> Rows:
    """Run ``sql`` on the DB-API cursor of the session's connection; its rows, fetched, as tuples.

    SQLAlchemy's own ``exec_driver_sql`` costs 30–40 µs a statement on top of
    the driver (events, a result object, row processing); ingest runs twenty
    statements per article. Errors are raised as SQLAlchemy's exceptions
    (``IntegrityError``, ``OperationalError``, ...), as its own path would.
    """
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    statement = _dialect(sql, postgres)
    if postgres and session.info.get(_AHEAD):
        return _pipelined(connection, [*_taken(session), (statement, params)])[-1]
    raw = connection.connection.driver_connection
    assert raw is not None  # a checked-out connection has its DB-API connection
    cursor = raw.cursor()
    try:
        cursor.execute(statement, tuple(params))
        return Rows(cursor.fetchall() if cursor.description is not None else [])
    except connection.dialect.loaded_dbapi.Error as exc:
        raise _translated(connection, statement, params, exc) from exc
    finally:
        cursor.close()


def execute_all(session: Session, statements: Sequence[tuple[str, Sequence[object]]]) -> list[Rows]:
    """:func:`execute` each of ``statements`` in turn; their rows, in order. On PostgreSQL, one round trip.

    A /topic search ran nine statements one after the other, each waiting for
    the server's answer before the next was sent; on a loaded machine every
    wait is a chance to lose the CPU, and the waits, not the statements, were
    most of its p95. psycopg's pipeline mode sends them all, then waits once:
    the server still runs them in order, each planned when its turn comes, so
    a setting changed by one holds for those after it. A statement that fails
    fails the rest (raised as SQLAlchemy's exception, as :func:`execute`
    does). SQLite runs in the process: there it is :func:`execute` in a loop.
    """
    connection = session.connection()
    if connection.dialect.name != "postgresql" or not _pipelines():
        return [execute(session, sql, params) for sql, params in statements]
    ahead = _taken(session)
    found = _pipelined(connection, [*ahead, *((_dialect(sql, True), params) for sql, params in statements)])
    return found[len(ahead) :]


def _pipelined(connection: Connection, statements: Sequence[tuple[str, Sequence[object]]]) -> list[Rows]:
    """PostgreSQL: ``statements`` (in psycopg's placeholders) sent in one pipeline; their rows, in order."""
    raw = connection.connection.driver_connection
    assert raw is not None  # a checked-out connection has its DB-API connection
    cursors = []
    try:
        with raw.pipeline():
            for sql, params in statements:
                cursor = raw.cursor()
                cursors.append(cursor)
                cursor.execute(sql, tuple(params))
        return [Rows(c.fetchall() if c.description is not None else []) for c in cursors]
    except connection.dialect.loaded_dbapi.Error as exc:
        sql = "; ".join(sql for sql, _ in statements)
        raise _translated(connection, sql, [p for _, params in statements for p in params], exc) from exc
    finally:
        for cursor in cursors:
            cursor.close()


@lru_cache(maxsize=1)
def _pipelines() -> bool:
    """Whether psycopg can use pipeline mode here (it needs libpq 14 or later; the binary wheel bundles one)."""
    import psycopg

    return psycopg.Pipeline.is_supported()


def executemany(session: Session, sql: str, rows: Sequence[Sequence[object]]) -> None:
    """Run ``sql`` once per row of ``rows``, in the open transaction.

    On PostgreSQL an ``INSERT … VALUES (?, …)`` is sent as one multi-row
    statement per :data:`ROWS_PER_INSERT` rows: the server then parses, plans
    and executes once per chunk, not once per row (ingest writes about 130 index
    rows an article: near-duplicate keys, story terms, names; one at a time the
    server's per-statement work was most of PostgreSQL's ingest time). The rows
    of one multi-row ``ON CONFLICT DO UPDATE`` must not share a key, which holds
    for every caller here (their rows come from a dict or a set). SQLite's
    ``executemany`` already runs one prepared statement in a loop in C.
    """
    if not rows:
        return
    if session.info.get(_AHEAD):
        executemany_all(session, [(sql, rows)])
        return
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    statement = _dialect(sql, postgres)
    raw = connection.connection.driver_connection
    assert raw is not None  # a checked-out connection has its DB-API connection
    cursor = raw.cursor()
    try:
        values = _values_clause(statement) if postgres else None
        if values is None:
            cursor.executemany(statement, [tuple(r) for r in rows])
        else:
            for chunk_sql, params in _multi_rows(statement, rows):
                cursor.execute(chunk_sql, params)
    except connection.dialect.loaded_dbapi.Error as exc:
        raise _translated(connection, statement, rows, exc) from exc
    finally:
        cursor.close()


def executemany_all(
    session: Session, writes: Sequence[tuple[str, Sequence[Sequence[object]]]], *, later: bool = False
) -> None:
    """:func:`executemany` each ``(sql, rows)`` of ``writes`` in turn; on PostgreSQL all in one round trip.

    For the few statements that write one article's rows (delete the old,
    insert the new, mark it): each waited for the server's answer before the
    next was sent, and on PostgreSQL the waits cost the storing process more
    CPU than the statements. Sent with :func:`execute_all`, as
    :func:`executemany` would send them (a multi-row ``INSERT`` per
    :data:`ROWS_PER_INSERT` rows). SQLite: :func:`executemany` in a loop.

    ``later``: on PostgreSQL, sent with the session's next statement, not
    now (see :func:`execute_later`).
    """
    connection = session.connection()
    if connection.dialect.name != "postgresql" or not _pipelines():
        for sql, rows in writes:
            executemany(session, sql, rows)
        return
    statements: list[tuple[str, Sequence[object]]] = []
    for sql, rows in writes:
        statement = _dialect(sql, True)
        if not rows:
            continue
        if _values_clause(statement) is None:
            statements += [(statement, row) for row in rows]
        else:
            statements += _multi_rows(statement, rows)
    if later:
        session.info.setdefault(_AHEAD, []).extend(_Ahead(sql, params, write=True) for sql, params in statements)
        return
    _pipelined(connection, [*_taken(session), *statements])


def execute_later(session: Session, sql: str, params: Sequence[object] = ()) -> None:
    """A write whose answer nobody reads: on PostgreSQL sent with the session's next statement, not now.

    Each statement sent alone costs the storing process a round trip (and
    psycopg's work to wait for it); a write known in advance can ride with
    the read that follows it. It is sent before the next statement of this
    module, with the end of a :func:`savepoint` around it, or at commit,
    whichever comes first; its error is raised there. An ORM statement in
    between would not see it: only for writes followed by this module's
    statements. SQLite runs in the process: there it is :func:`execute`.
    """
    if not (is_postgres(session) and _pipelines()):
        execute(session, sql, params)
        return
    session.info.setdefault(_AHEAD, []).append(_Ahead(_dialect(sql, True), params, write=True))


class _Ahead(tuple):
    """A statement waiting for the session's next one (PostgreSQL): its SQL, its parameters, and whether it writes
    rows (a write must reach the server before the savepoint around it ends; a savepoint's own statements need not)."""

    __slots__ = ()

    def __new__(cls, sql: str, params: Sequence[object], *, write: bool) -> _Ahead:
        return super().__new__(cls, (sql, params, write))

    def __eq__(self, other: object) -> bool:
        return self is other  # each waiting statement is itself: two savepoints of one name are two statements

    def __hash__(self) -> int:
        return id(self)


_AHEAD = "mawjaz.driver.ahead"
"""``session.info`` key: the statements waiting for the session's next one (:func:`execute_later`)."""


def _taken(session: Session) -> list[tuple[str, Sequence[object]]]:
    """The statements waiting to go with the next one (as ``(sql, params)``), no longer waiting."""
    waiting = session.info.pop(_AHEAD, None)
    return [(item[0], item[1]) for item in waiting] if waiting else []


@event.listens_for(OrmSession, "before_commit")
def _send_before_commit(session: OrmSession) -> None:
    """What still waits (:func:`execute_later`) is sent before the transaction commits."""
    if session.info.get(_AHEAD):
        _pipelined(session.connection(), _taken(session))  # type: ignore[arg-type]


@event.listens_for(OrmSession, "after_transaction_end")
def _forget_after_end(session: OrmSession, transaction: SessionTransaction) -> None:
    """A transaction that ended (rolled back) drops what waited: it belonged to that transaction."""
    if transaction.parent is None:
        session.info.pop(_AHEAD, None)


def _multi_rows(statement: str, rows: Sequence[Sequence[object]]) -> list[tuple[str, list[object]]]:
    """PostgreSQL: an ``INSERT … VALUES`` ``statement`` over ``rows`` as one multi-row statement (and its
    parameters) per :data:`ROWS_PER_INSERT` rows."""
    chunks = [rows[start : start + ROWS_PER_INSERT] for start in range(0, len(rows), ROWS_PER_INSERT)]
    return [(_multi_row(statement, len(chunk)), [v for row in chunk for v in row]) for chunk in chunks]


ROWS_PER_INSERT = 256
"""Rows in one multi-row INSERT on PostgreSQL (its statements take at most 65,535 parameters)."""

_VALUES = re.compile(r"^(INSERT INTO .+? VALUES )(\((?:%s, )*%s\))(.*)$", re.DOTALL)


@lru_cache(maxsize=64)
def _values_clause(statement: str) -> re.Match[str] | None:
    """The parts of an ``INSERT … VALUES (%s, …) [tail]`` statement, or None for any other statement."""
    return _VALUES.match(statement)


@lru_cache(maxsize=1024)
def _multi_row(statement: str, count: int) -> str:
    """``statement`` with its one row of placeholders repeated ``count`` times."""
    match = _values_clause(statement)
    assert match is not None
    head, row, tail = match.groups()
    return head + ", ".join([row] * count) + tail


def _translated(connection: Connection, statement: str, params: Sequence[object], exc: Exception) -> Exception:
    """The SQLAlchemy exception SQLAlchemy would raise for ``exc`` (an IntegrityError stays an IntegrityError)."""
    dialect = connection.dialect
    return DBAPIError.instance(statement, params, exc, dialect.loaded_dbapi.Error, dialect=dialect)


@contextmanager
def savepoint(session: Session, name: str, *, ahead: bool = False) -> Iterator[None]:
    """A savepoint named ``name`` around the block: rolled back (and the error raised) if the block fails.

    The name is fixed, where SQLAlchemy's ``begin_nested`` numbers its
    savepoints (``sa_savepoint_1``, ``_2``, ...): every new name is a new
    statement to the driver, and on SQLite a batch of articles would push the
    hot statements out of the connection's prepared-statement cache (128),
    re-preparing each (0.7 ms for the near-duplicate look-up). Nesting one
    name is fine: ``RELEASE`` and ``ROLLBACK TO`` act on the innermost.
    Only for blocks with no ORM work pending: the session does not see it.

    ``ahead``: on PostgreSQL, ``SAVEPOINT`` goes with the block's first
    statement and ``RELEASE`` with the next one after it (or with what the
    block left waiting, :func:`execute_later`, or at commit), not each in a
    round trip of its own; a block that sent nothing sends neither. Only for
    blocks whose first statement goes through this module.
    """
    if not (ahead and is_postgres(session) and _pipelines()):
        execute(session, f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            execute(session, f"ROLLBACK TO SAVEPOINT {name}")
            execute(session, f"RELEASE SAVEPOINT {name}")
            raise
        execute(session, f"RELEASE SAVEPOINT {name}")
        return
    mark = _Ahead(f"SAVEPOINT {name}", (), write=False)
    session.info.setdefault(_AHEAD, []).append(mark)
    try:
        yield
        waiting = session.info.setdefault(_AHEAD, [])
        if waiting and waiting[-1] == mark:  # the block sent nothing
            waiting.pop()
            return
        if any(item[2] for item in waiting):  # the block's writes must succeed or fail inside it
            execute(session, f"RELEASE SAVEPOINT {name}")
            return
    except BaseException:
        waiting = session.info.get(_AHEAD, [])
        if mark in waiting:  # never sent: nor was anything after it
            del waiting[waiting.index(mark) :]
            raise
        session.info.pop(_AHEAD, None)  # sent after the savepoint: undone by the rollback anyway
        execute(session, f"ROLLBACK TO SAVEPOINT {name}")
        execute(session, f"RELEASE SAVEPOINT {name}")
        raise
    waiting.append(_Ahead(f"RELEASE SAVEPOINT {name}", (), write=False))  # with the next statement


@overload
def moment(session: Session, value: datetime) -> datetime | str: ...
@overload
def moment(session: Session, value: None) -> None: ...
def moment(session: Session, value: datetime | None) -> datetime | str | None:
    """A datetime as the driver should receive it for a ``DateTime(timezone=True)`` column."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if is_postgres(session):
        return value
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@overload
def instant(value: datetime | str) -> datetime: ...
@overload
def instant(value: None) -> None: ...
def instant(value: datetime | str | None) -> datetime | None:
    """A time column read back through :func:`execute` (text on SQLite, as :func:`moment` wrote it) as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@overload
def utc(value: datetime | str) -> datetime: ...
@overload
def utc(value: None) -> None: ...
def utc(value: datetime | str | None) -> datetime | None:
    """A time column read through :func:`execute` as the ORM reads it (SQLModel's ``UTCDateTime``): aware, in UTC.

    :func:`instant` without the conversion to UTC of an aware value, which
    PostgreSQL returns in the session's time zone; this one is byte for byte
    what a model attribute would hold.
    """
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)


def any_of(postgres: bool) -> str:
    """SQL after a column that keeps the rows whose value is in the one parameter :func:`id_list` makes.

    One statement text whatever the number of ids (SQLite prepares it once):
    a JSON array on SQLite, an array on PostgreSQL.
    """
    return "= ANY(?)" if postgres else "IN (SELECT value FROM json_each(?))"


def id_list(ids: Sequence[int], postgres: bool) -> object:
    """The parameter of :func:`any_of`."""
    return list(ids) if postgres else json.dumps(list(ids))


def execute_among(session: Session, sql: str, *ids: Sequence[int]) -> Rows:
    """:func:`execute` ``sql`` whose each ``ANY_OF`` keeps the rows whose column is in the next of ``ids``.

    :func:`any_of` and :func:`id_list` for each list, on the session's database.
    """
    postgres = is_postgres(session)
    return execute(session, sql.replace("ANY_OF", any_of(postgres)), [id_list(i, postgres) for i in ids])


def execute_among_all(session: Session, reads: Sequence[tuple[str, Sequence[Sequence[int]]]]) -> list[Rows]:
    """:func:`execute_among` for each ``(sql, ids)`` of ``reads``, sent together (:func:`execute_all`)."""
    postgres = is_postgres(session)
    return execute_all(
        session,
        [(sql.replace("ANY_OF", any_of(postgres)), [id_list(i, postgres) for i in ids]) for sql, ids in reads],
    )


@lru_cache(maxsize=512)
def _dialect(sql: str, postgres: bool) -> str:
    return sql.replace("%", "%%").replace("?", "%s") if postgres else sql
