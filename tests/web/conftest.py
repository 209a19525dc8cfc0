"""The web tests' world: the demo's samples and one hostile article in a database (SQLite, then PostgreSQL).

Built once per module for each database: the pages only read, so a module's tests share it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text
from sqlmodel import SQLModel
from webkit import HOSTILE_BODY, HOSTILE_TITLE, SAMPLES, World

from mawjaz.cli.app import DEMO_SHAPES
from mawjaz.config import Settings
from mawjaz.ingest.record import Article
from mawjaz.pipeline import IngestReport, ingest, store_items
from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine
from mawjaz.text.outlets import use_user_outlets


def _empty(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def world(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[World]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_url")
        _empty(request.getfixturevalue("_postgres_engine"))
    engine = make_engine(url)
    migrate.upgrade(engine)
    use_user_outlets([SAMPLES / "outlets.toml"])  # as `mawjaz demo` does: the samples' outlets by name
    report = ingest(engine, [str(SAMPLES / shape) for shape in DEMO_SHAPES], Settings())
    assert report.failed == 0
    hostile = Article(
        title=HOSTILE_TITLE,
        body=HOSTILE_BODY,
        source="hostile-outlet",
        external_id="hostile-1",
        url='https://evil.test/a?x="><script>alert(1)</script>',
        published=datetime(2026, 11, 22, 9, 0, tzinfo=UTC),
    )
    store_items(engine, [hostile], IngestReport())
    yield World(engine, request.param)
    engine.dispose()


@pytest.fixture(scope="module")
def site(world: World) -> Iterator[str]:
    """The pages over the world's database, served on loopback: the base URL."""
    from webkit import serving

    with serving(world.engine) as base:
        yield base
