"""Fixtures for the robustness tests: a second empty database, and the tally of hostile cases tried."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import fuzzkit
import pytest
from sqlalchemy import text

from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine, normalise_url


@pytest.fixture
def other_db_url(db_url: str, tmp_path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Another empty, migrated database of the same kind as ``db_url``: where the clean run goes."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'clean.sqlite'}"
        return
    server = request.getfixturevalue("postgres_url")
    name = f"mawjaz_clean_{uuid.uuid4().hex[:10]}"
    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = normalise_url(server).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def pytest_terminal_summary(terminalreporter) -> None:
    """Say how many hostile cases the fuzz tests tried (the figure issue 8 asks for)."""
    if not fuzzkit.TRIED:
        return
    parts = ", ".join(f"{kind} {count}" for kind, count in sorted(fuzzkit.TRIED.items()))
    terminalreporter.write_line(f"robustness: {sum(fuzzkit.TRIED.values())} hostile cases tried ({parts})")
    for name, hits in sorted(fuzzkit.KNOWN_HITS.items()):
        terminalreporter.write_line(f"robustness: known bug hit {hits} times: {name}")
