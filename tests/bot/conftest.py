"""Fixtures for the bot tests: fake Telegram and Slack servers, a database with stories."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
from botkit import NOW, store_articles
from fakes.slack_api import FakeSlack
from fakes.telegram_api import FakeTelegram
from sqlalchemy import Engine, text

from mawjaz.bot.values import Services
from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine, normalise_url
from mawjaz.storage.subscribers import Defaults


@pytest.fixture
def db_with_stories(fresh_db: Engine) -> Engine:
    """Three stories (one about داعش), published an hour before :data:`NOW`."""
    store_articles(fresh_db, NOW - timedelta(hours=1))
    return fresh_db


@pytest.fixture
def services(db_with_stories: Engine) -> Services:
    """The command core's services on that database, the clock reading :data:`NOW`."""
    return Services(engine=db_with_stories, defaults=Defaults(), clock=lambda: NOW)


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    fake = FakeTelegram().start()
    yield fake
    fake.stop()


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def module_db(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[Engine]:
    """A database with the sample stories shared by one test module (a bot started once serves all its tests).

    Tests sharing it use chat ids of their own. On PostgreSQL it is a database of its own, dropped after.
    """
    admin = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('bot') / 'bot.sqlite'}"
    else:
        base = request.getfixturevalue("postgres_url")  # skips (or fails in CI) without PostgreSQL
        name = f"mawjaz_bot_{uuid.uuid4().hex[:10]}"
        admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = normalise_url(base).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    migrate.upgrade(engine)
    store_articles(engine, NOW - timedelta(hours=1))
    yield engine
    engine.dispose()
    if admin is not None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def module_telegram(module_db) -> Iterator[FakeTelegram]:
    """A fake Telegram for one module and database (so one database's calls never answer another's waits)."""
    fake = FakeTelegram().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def module_slack(module_db) -> Iterator[FakeSlack]:
    """A fake Slack for one module and database."""
    fake = FakeSlack().start()
    yield fake
    fake.stop()
