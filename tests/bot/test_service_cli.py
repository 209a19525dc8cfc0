"""``mawjaz deliver`` and ``mawjaz feeds``: the operator's commands, through the real CLI."""

from __future__ import annotations

import json

import pytest
from botkit import TOKEN, add_subscribers
from click.testing import CliRunner

from mawjaz.cli.app import cli

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
def mawjaz(db_with_stories, db_url):
    """Run ``mawjaz ARGS`` on the test database, with ``env`` added to the environment."""
    runner = CliRunner()

    def run(*args: str, env: dict | None = None):
        return runner.invoke(cli, ["--database", db_url, *args], env=env, catch_exceptions=False)

    return run


def test_deliver_at_a_time_sends_what_is_due_then_nothing_more(mawjaz, db_with_stories, telegram):
    chats = add_subscribers(db_with_stories, 4)
    env = {"MAWJAZ_TELEGRAM_TOKEN": TOKEN, "MAWJAZ_TELEGRAM_BASE_URL": f"{telegram.url}/bot"}
    first = mawjaz("deliver", "--at", "2026-11-23T07:30+03:00", "--json", env=env)
    assert first.exit_code == 0, first.output
    counts = json.loads(first.stdout)
    assert (counts["enqueued"], counts["delivered"], counts["failed"]) == (4, 4, 0)
    assert {str(c.params["chat_id"]) for c in telegram.sent()} == set(chats)
    again = mawjaz("deliver", "--at", "2026-11-23T07:45+03:00", env=env)
    assert again.exit_code == 0 and again.output.startswith("enqueued 0, delivered 0, messages 0")
    assert len(telegram.sent()) == 4


def test_deliver_before_the_digest_time_sends_nothing(mawjaz, db_with_stories, telegram):
    add_subscribers(db_with_stories, 2)
    env = {"MAWJAZ_TELEGRAM_TOKEN": TOKEN, "MAWJAZ_TELEGRAM_BASE_URL": f"{telegram.url}/bot"}
    result = mawjaz("deliver", "--at", "2026-11-23T04:29:00", "--json", env=env)  # zone-less: UTC, 07:29 Riyadh
    assert json.loads(result.stdout)["enqueued"] == 0 and not telegram.sent()


def test_deliver_without_a_token_says_what_to_set(plain_mawjaz):
    result = plain_mawjaz("deliver")
    assert result.exit_code == 2 and "MAWJAZ_TELEGRAM_TOKEN" in result.output


def test_deliver_with_a_bad_time_is_a_one_line_error(mawjaz, telegram):
    result = mawjaz(
        "deliver",
        "--at",
        "tomorrow morning",
        env={"MAWJAZ_TELEGRAM_TOKEN": TOKEN, "MAWJAZ_TELEGRAM_BASE_URL": f"{telegram.url}/bot"},
    )
    assert result.exit_code == 2 and result.output.startswith("error:")


@pytest.fixture
def plain_mawjaz(tmp_path):
    """``mawjaz ARGS`` on an SQLite file of this test's own (the feed list needs no stories)."""
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'feeds.sqlite'}"
    return lambda *args: runner.invoke(cli, ["--database", url, *args], catch_exceptions=False)


@pytest.mark.parametrize(
    "args",
    [
        ["add", "ftp://example.com/x"],
        ["add", "http://127.0.0.1/x.xml"],
        ["add", "https://e.com/x", "--every", "5s"],
        ["remove", "https://nowhere.example/rss"],
    ],
)
def test_feeds_mistakes_are_one_line_errors(plain_mawjaz, args):
    result = plain_mawjaz("feeds", *args)
    assert result.exit_code == 2 and result.output.startswith("error:")
