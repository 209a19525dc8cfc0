"""``mawjaz status``: feeds, queue depth, today's sent and failed digests, and the database (password hidden)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from botkit import TOKEN, add_subscribers
from click.testing import CliRunner
from sqlmodel import select

from mawjaz.cli.app import cli
from mawjaz.cli.status import gather
from mawjaz.storage import deliveries
from mawjaz.storage import feeds as feeds_repo
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Subscriber, utcnow

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def test_status_counts_the_queue_todays_outcome_and_feed_errors(db_with_stories, db_url, telegram):
    chats = add_subscribers(db_with_stories, 3)
    telegram.block(chats[0])
    runner = CliRunner()
    env = {"MAWJAZ_TELEGRAM_TOKEN": TOKEN, "MAWJAZ_TELEGRAM_BASE_URL": f"{telegram.url}/bot"}
    sent = runner.invoke(cli, ["--database", db_url, "deliver", "--at", "2026-11-23T07:30+03:00"], env=env)
    assert sent.exit_code == 0, sent.output
    later = add_subscribers(db_with_stories, 2, first_chat=20_000)
    with transaction(db_with_stories) as session:
        ids = [s.id for s in session.exec(select(Subscriber)) if s.chat_id in later]
        deliveries.enqueue(session, [deliveries.Due(i, "2026-11-24", utcnow() + timedelta(hours=3)) for i in ids])
        feed, _ = feeds_repo.add(session, "https://news.example/rss", 900)
        feed.error_count, feed.last_error = 2, "HTTP 503 from news.example"
        session.add(feed)

    result = runner.invoke(cli, ["--database", db_url, "status", "--json"])
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)
    assert status["queue"] == {"due": 0, "later": 2, "sending": 0, "sent_today": 2, "failed_today": 1}
    assert status["feeds"][0]["url"] == "https://news.example/rss" and status["feeds"][0]["error_count"] == 2
    assert status["database"].split("://")[0] in db_url

    text = runner.invoke(cli, ["--database", db_url, "status"]).output
    assert "2 sent, 1 failed" in text and "HTTP 503" in text and "2 waiting to retry" in text


def test_status_hides_the_database_password(fresh_db):
    from sqlalchemy import create_engine

    engine = create_engine("postgresql+psycopg://mawjaz:s3cret-pass@db.example:5432/mawjaz")
    from mawjaz.storage.engine import describe

    assert "s3cret-pass" not in describe(engine) and "***" in describe(engine)
    assert gather(fresh_db)["queue"]["due"] == 0
