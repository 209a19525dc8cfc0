"""The database's expected faults, told apart from bugs: the one place that maps them to :class:`StorageError`.

A server that is down or absent, a database that does not exist, a file
that is not an SQLite database, a schema newer than this Mawjaz: each is
something for the operator to fix, not a bug. The CLI asks
:func:`storage_error` about whatever escaped a command and prints the
answer as one ``error:`` line (exit 2); anything it does not recognise
stays a bug (traceback logged, exit 70). Storage is the home of SQLAlchemy,
so this mapping lives here and callers above never import it.
"""

from __future__ import annotations

from alembic.util import CommandError as MigrationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from mawjaz.errors import StorageError


def storage_error(exc: BaseException, database: str = "the database") -> StorageError | None:
    """The user-facing :class:`StorageError` for ``exc``, or None when ``exc`` is no database fault.

    ``database`` names it in the message (give the URL with its password hidden).
    """
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, DBAPIError):
        return StorageError(f"{database}: {_first_line(exc.orig or exc)} ({_advice(exc)})")
    if isinstance(exc, MigrationError):
        return StorageError(
            f"{database}: its schema cannot be upgraded: {_first_line(exc)} (is it from a newer Mawjaz?)"
        )
    return None


def shown(url: str) -> str:
    """``url`` as the user wrote it, password hidden: how a message names the database."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:  # not a URL at all: the error about that says so itself
        return "the database"


def _advice(exc: DBAPIError) -> str:
    text = str(exc.orig or exc).lower()
    if "not a database" in text:
        return "the file is not an SQLite database: give --database another path"
    if "unable to open" in text:
        return "the SQLite file cannot be created or opened there: check the path and its permissions"
    if "does not exist" in text:
        return "create that database first, or fix MAWJAZ_DATABASE_URL"
    if "password" in text or "authentication" in text:
        return "check the user and password in MAWJAZ_DATABASE_URL"
    if "connect" in text or "server" in text or "closed" in text:
        return "is the server running and reachable? check MAWJAZ_DATABASE_URL"
    return "the database refused the command"


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else exc.__class__.__name__
