"""Each documented setting changes what the CLI does: read once by the CLI, it reaches its users.

Every test sets a ``MAWJAZ_`` variable and watches the behaviour change
through the real command line, against the same input with the default.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from botkit import ARTICLES, NOW, TOKEN, add_subscribers, store_articles
from click.testing import CliRunner
from fixtures import news

from mawjaz.cli.app import cli

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

MORE_ARTICLES = [
    (
        "وزارة الصحة تطلق حملة وطنية للتطعيم ضد الحصبة",
        "أطلقت وزارة الصحة حملة وطنية لتطعيم الأطفال ضد الحصبة تستمر أسبوعين في جميع المحافظات. "
        "وقالت الوزارة إن فرق التطعيم ستزور المدارس ورياض الأطفال والمراكز الصحية.",
    ),
    (
        "هطول أمطار غزيرة وتحذيرات من السيول في المناطق الجبلية",
        "حذرت هيئة الأرصاد من أمطار غزيرة قد تسبب سيولا في الأودية والمناطق الجبلية خلال اليومين المقبلين. "
        "ودعت الهيئة السكان إلى الابتعاد عن مجاري السيول وتأجيل الرحلات البرية.",
    ),
]


def _deliver(db_url: str, telegram, **env) -> list[str]:
    """``mawjaz deliver`` at 07:30 Riyadh on ``db_url``; the texts Telegram received."""
    env = {"MAWJAZ_TELEGRAM_TOKEN": TOKEN, "MAWJAZ_TELEGRAM_BASE_URL": f"{telegram.url}/bot", **env}
    result = CliRunner().invoke(
        cli,
        ["--database", db_url, "deliver", "--at", "2026-11-23T07:30+03:00", "--json"],
        env=env,
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["delivered"] == 1
    return [call.params["text"] for call in telegram.sent()]


def _stories_in(texts: list[str]) -> int:
    headlines = [title for title, _body in (*ARTICLES, *MORE_ARTICLES)]
    return sum(any(title in text for text in texts) for title in headlines)


@pytest.mark.parametrize("size,expected", [(None, 5), ("3", 3)])
def test_mawjaz_digest_size_is_the_number_of_stories_in_the_scheduled_daily_digest(
    fresh_db, db_url, telegram, size, expected
):
    store_articles(fresh_db, NOW - timedelta(hours=1))
    store_articles(fresh_db, NOW - timedelta(hours=2), MORE_ARTICLES, source="outlet-b")
    add_subscribers(fresh_db, 1)
    texts = _deliver(db_url, telegram, **({"MAWJAZ_DIGEST_SIZE": size} if size else {}))
    assert _stories_in(texts) == expected


def test_mawjaz_digest_size_is_the_number_of_stories_mawjaz_digest_prints(fresh_db, db_url):
    store_articles(fresh_db, NOW - timedelta(hours=1))
    store_articles(fresh_db, NOW - timedelta(hours=2), MORE_ARTICLES, source="outlet-b")
    runner = CliRunner()
    default = runner.invoke(cli, ["--database", db_url, "digest", "--all", "--format", "json"])
    three = runner.invoke(
        cli, ["--database", db_url, "digest", "--all", "--format", "json"], env={"MAWJAZ_DIGEST_SIZE": "3"}
    )
    assert (len(json.loads(default.stdout)), len(json.loads(three.stdout))) == (5, 3)


def _two_quake_reports(path, hours_apart: int) -> None:
    """Two reports of one earthquake by two outlets, ``hours_apart`` hours apart, as JSON Lines."""
    first = datetime(2026, 11, 18, 5, 0, tzinfo=UTC)
    rows = [
        {
            "id": "wire-1",
            "title": news.QUAKE_TITLE,
            "text": news.QUAKE_WIRE,
            "source": "wire",
            "published": first.isoformat(),
        },
        {
            "id": "local-1",
            "title": news.QUAKE_OTHER_TITLE,
            "text": news.QUAKE_OTHER_OUTLET,
            "source": "local",
            "published": (first + timedelta(hours=hours_apart)).isoformat(),
        },
    ]
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


@pytest.mark.parametrize("window,stories", [("24", 2), ("72", 1)])
def test_mawjaz_story_window_hours_decides_whether_a_report_30_hours_later_joins_the_story(tmp_path, window, stories):
    source = tmp_path / "quake.jsonl"
    _two_quake_reports(source, hours_apart=30)
    url = f"sqlite:///{tmp_path / 'window.sqlite'}"
    runner = CliRunner()
    env = {"MAWJAZ_STORY_WINDOW_HOURS": window}
    ingested = runner.invoke(cli, ["--database", url, "ingest", str(source)], env=env, catch_exceptions=False)
    assert ingested.stdout.strip() == "read 2, new 2, duplicate 0, failed 0"
    found = json.loads(runner.invoke(cli, ["--database", url, "stories", "--all", "--json"], env=env).stdout)
    assert len(found) == stories


def test_mawjaz_max_input_bytes_refuses_a_larger_file(tmp_path):
    source = tmp_path / "quake.jsonl"
    _two_quake_reports(source, hours_apart=1)
    url = f"sqlite:///{tmp_path / 'limit.sqlite'}"
    runner = CliRunner()
    refused = runner.invoke(cli, ["--database", url, "ingest", str(source)], env={"MAWJAZ_MAX_INPUT_BYTES": "100"})
    assert refused.exit_code == 1 and "read 0, new 0" in refused.stdout
    taken = runner.invoke(cli, ["--database", url, "ingest", str(source)])
    assert taken.exit_code == 0 and "new 2" in taken.stdout


def test_mawjaz_database_url_is_the_database_every_command_uses(tmp_path):
    url = f"sqlite:///{tmp_path / 'from-env.sqlite'}"
    result = CliRunner().invoke(cli, ["status", "--json"], env={"MAWJAZ_DATABASE_URL": url})
    assert result.exit_code == 0 and json.loads(result.stdout)["database"] == url
    assert (tmp_path / "from-env.sqlite").exists()
