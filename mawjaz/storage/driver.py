"""Plain SQL on the session's own connection, for the statements ingest runs for every article.

Building and compiling a SQLAlchemy statement costs 40–80 µs; handing a SQL
string to the driver costs about 10. Ingest runs a dozen statements per
article, so the hot ones (near-duplicate keys, the story index, the article
row itself) are written here as SQL, once, with ``?`` placeholders that become
``%s`` for psycopg. They run inside the session's transaction, so they commit
or roll back with everything else.

Times go in as the column stores them: an aware datetime for PostgreSQL, and
for SQLite the UTC text SQLAlchemy writes (``2018-05-01 10:00:00.000000``), so
rows written here and through the ORM compare and read back alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy.engine import CursorResult
from sqlmodel import Session


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def execute(session: Session, sql: str, params: Sequence[object] = ()) -> CursorResult:
    connection = session.connection()
    return connection.exec_driver_sql(_dialect(sql, connection.dialect.name == "postgresql"), tuple(params))


def executemany(session: Session, sql: str, rows: Sequence[Sequence[object]]) -> None:
    if not rows:
        return
    connection = session.connection()
    connection.exec_driver_sql(_dialect(sql, connection.dialect.name == "postgresql"), [tuple(r) for r in rows])


def moment(session: Session, value: datetime | None) -> object:
    """A datetime as the driver should receive it for a ``DateTime(timezone=True)`` column."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if is_postgres(session):
        return value
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def instant(value: datetime | str | None) -> datetime | None:
    """A time column read back through :func:`execute` (text on SQLite, as :func:`moment` wrote it) as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@lru_cache(maxsize=512)
def _dialect(sql: str, postgres: bool) -> str:
    return sql.replace("%", "%%").replace("?", "%s") if postgres else sql
