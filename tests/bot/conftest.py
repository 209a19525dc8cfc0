"""Fixtures for the bot tests: fake Telegram and Slack servers, a database with stories."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from botkit import NOW, store_articles
from sqlalchemy import Engine

from fakes.slack_api import FakeSlack
from fakes.telegram_api import FakeTelegram
from mawjaz.bot.requests import Services
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
