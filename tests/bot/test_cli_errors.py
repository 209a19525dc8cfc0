"""Expected problems, as a new user meets them: one ``error:`` line on stderr, exit 2, never a traceback.

Each case is what someone types on a first day: a PostgreSQL that is down or
has no such database, an SQLite path that cannot exist, a text file given as
the database, an unreachable Slack, a window or interval past the calendar,
a malformed setting. None may end in exit 70 (a bug), and none may claim
success: an ingest that cannot reach its database stores nothing and says so.
"""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from mawjaz.cli.app import cli

DOWN = "postgresql://postgres:hunter2@127.0.0.1:1/mawjaz"  # nothing listens on port 1


def mawjaz(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def assert_one_line_error(result, *words: str) -> str:
    """Exit 2, stderr is exactly one ``error:`` line (containing ``words``), and no traceback anywhere."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0]
    return lines[0]


@pytest.mark.parametrize(
    "command", [["status"], ["digest"], ["stories", "--json"], ["feeds", "list"], ["db", "upgrade"]]
)
def test_a_postgresql_server_that_is_down_is_a_one_line_error(command):
    line = assert_one_line_error(mawjaz("--database", DOWN, *command), "127.0.0.1:1", "MAWJAZ_DATABASE_URL")
    assert "hunter2" not in line  # the password is hidden


def test_an_ingest_into_a_database_that_is_down_stores_nothing_and_does_not_report_success(tmp_path):
    source = tmp_path / "one.jsonl"
    source.write_text('{"title": "عنوان", "text": "نص الخبر هنا في سطر واحد."}\n', encoding="utf-8")
    result = mawjaz("--database", DOWN, "ingest", str(source))
    assert_one_line_error(result, "Connection refused")
    assert "read " not in result.stdout and result.stdout == ""


def test_a_postgresql_database_that_does_not_exist_is_a_one_line_error(postgres_url):
    from mawjaz.storage.engine import normalise_url

    absent = normalise_url(postgres_url).set(database="mawjaz_no_such_database").render_as_string(hide_password=False)
    assert_one_line_error(mawjaz("--database", absent, "status"), "does not exist")


def test_an_sqlite_path_that_cannot_be_created_is_a_one_line_error():
    assert_one_line_error(mawjaz("--database", "sqlite:////proc/nope/x.sqlite", "status"), "/proc/nope")


def test_a_file_that_is_not_a_database_is_a_one_line_error(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list: bread, dates, coffee\n" * 50, encoding="utf-8")
    assert_one_line_error(mawjaz("--database", f"sqlite:///{notes}", "stories"), "not a database")
    assert notes.read_text(encoding="utf-8").startswith("shopping list")  # and it is left as it was


def test_an_unreachable_slack_at_run_start_is_a_one_line_error(tmp_path):
    env = {
        "MAWJAZ_SLACK_BOT_TOKEN": "xoxb-1-2-3",
        "MAWJAZ_SLACK_SIGNING_SECRET": "secret",
        "MAWJAZ_SLACK_API_URL": "http://127.0.0.1:1/api/",
    }
    result = mawjaz("--database", f"sqlite:///{tmp_path / 'run.sqlite'}", "run", env=env)
    assert_one_line_error(result, "Slack", "MAWJAZ_SLACK_API_URL")


@pytest.mark.parametrize(
    "command",
    [["digest", "--since", "999999d"], ["topic", "داعش", "--since", "999999d"], ["stories", "--since", "99999999999w"]],
)
def test_a_window_before_the_calendar_begins_is_a_one_line_error(tmp_path, command):
    result = mawjaz("--database", f"sqlite:///{tmp_path / 'w.sqlite'}", *command)
    assert_one_line_error(result, "--all")


def test_a_polling_interval_of_centuries_is_a_one_line_error_and_adds_no_feed(tmp_path):
    url = f"sqlite:///{tmp_path / 'feeds.sqlite'}"
    result = mawjaz("--database", url, "feeds", "add", "https://example.com/rss.xml", "--every", "99999999d")
    assert_one_line_error(result, "30 days")
    assert mawjaz("--database", url, "feeds", "list", "--json").stdout.strip() == "[]"


def test_a_malformed_setting_is_a_one_line_error_naming_the_variable(tmp_path):
    result = mawjaz("--database", f"sqlite:///{tmp_path / 's.sqlite'}", "digest", env={"MAWJAZ_DIGEST_SIZE": "ten"})
    assert_one_line_error(result, "MAWJAZ_DIGEST_SIZE")


def test_the_error_line_names_the_database_as_the_user_wrote_it(tmp_path, monkeypatch):
    monkeypatch.setenv("MAWJAZ_DATABASE_URL", DOWN)
    assert_one_line_error(mawjaz("status"), "postgresql://postgres:***@127.0.0.1:1/mawjaz")
    assert os.environ["MAWJAZ_DATABASE_URL"] == DOWN
