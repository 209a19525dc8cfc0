"""Shared fixtures: clean environment, and databases — every storage test runs on SQLite and PostgreSQL.

PostgreSQL tests need ``MAWJAZ_TEST_POSTGRES_URL``. Without it they are
skipped locally, but fail when ``MAWJAZ_TEST_REQUIRE_POSTGRES=1`` (as ``.ci/run``
sets): CI must never go green with the PostgreSQL half silently skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import fakes
import pytest
from snapshotkit import UPDATE_OPTION, check_snapshot
from sqlalchemy import Engine, text
from sqlmodel import SQLModel

from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine, normalise_url
from mawjaz.text.outlets import use_user_outlets

POSTGRES_URL = os.environ.get("MAWJAZ_TEST_POSTGRES_URL")
REQUIRE_POSTGRES = os.environ.get("MAWJAZ_TEST_REQUIRE_POSTGRES") == "1"

pytest_plugins = ["pytester"]  # tests of the test tooling itself (tests/test_snapshots.py) run pytest inside pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        UPDATE_OPTION,
        action="store_true",
        help="(re)write the snapshot files the tests compare with, instead of failing on a missing or different one",
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if a fake was loaded under a second name (``tests.fakes.x`` beside ``fakes.x``), lazily or not.

    tests/test_architecture.py checks the imports it can see; this catches any
    import made while the tests ran.
    """
    wrong = fakes.misnamed()
    if wrong:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = f"fakes loaded under a second name: {', '.join(wrong)} (import them as fakes.<module> only)"
        if reporter is not None:
            reporter.write_line(message, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def snapshot(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``snapshot(name, produced)``: compare with ``snapshots/<name>`` beside the test file (see snapshotkit)."""
    folder = request.path.parent / "snapshots"
    update = request.config.getoption(UPDATE_OPTION)
    return lambda name, produced: check_snapshot(folder / name, produced, update=update)


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No ambient MAWJAZ_* setting leaks into a test (the aliases file is a value, so none leaks out of one).

    Key-actor names are found in the storing process (``MAWJAZ_TAG_WORKERS=0``): a test's ingest starts no
    worker processes unless it asks for them (tests/pipeline/test_tagging.py does).
    """
    for name in list(os.environ):
        if name.startswith("MAWJAZ_") and not name.startswith("MAWJAZ_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("MAWJAZ_TAG_WORKERS", "0")
    yield
    use_user_outlets(())


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
