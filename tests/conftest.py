"""Shared fixtures: clean environment, and databases — every storage test runs on SQLite and PostgreSQL.

PostgreSQL tests need ``MAWJAZ_TEST_POSTGRES_URL``. Without it they are
skipped locally, but fail when ``MAWJAZ_TEST_REQUIRE_POSTGRES=1`` (as ``.ci/run``
sets): CI must never go green with the PostgreSQL half silently skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlmodel import SQLModel

from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine, normalise_url

POSTGRES_URL = os.environ.get("MAWJAZ_TEST_POSTGRES_URL")
REQUIRE_POSTGRES = os.environ.get("MAWJAZ_TEST_REQUIRE_POSTGRES") == "1"


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No ambient MAWJAZ_* setting leaks into a test (the aliases file is a value, so none leaks out of one)."""
    for name in list(os.environ):
        if name.startswith("MAWJAZ_") and not name.startswith("MAWJAZ_TEST_"):
            monkeypatch.delenv(name)
    yield


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away database on the test server, dropped at the end of the session."""
    if not POSTGRES_URL:
        if REQUIRE_POSTGRES:
            pytest.fail("MAWJAZ_TEST_REQUIRE_POSTGRES=1 but MAWJAZ_TEST_POSTGRES_URL is not set")
        pytest.skip("PostgreSQL tests need MAWJAZ_TEST_POSTGRES_URL")
    name = f"mawjaz_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = normalise_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def _postgres_engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def _empty_tables(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """The URL of an empty, migrated database: an SQLite file, then the PostgreSQL test database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    engine = request.getfixturevalue("_postgres_engine")
    _empty_tables(engine)
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def fresh_db(db_url: str) -> Iterator[Engine]:
    """An engine on an empty, migrated database (parametrised: SQLite and PostgreSQL)."""
    engine = make_engine(db_url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()
