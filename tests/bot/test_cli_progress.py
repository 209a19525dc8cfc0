"""``mawjaz ingest`` shows every phase (reading and storing, key actors, the search index) with counts and a rate.

Before issue 19 the line froze for over a minute while key actors were
tagged; a run without a terminal showed nothing at all.
"""

from __future__ import annotations

import logging
from pathlib import Path

from click.testing import CliRunner

from mawjaz.cli.app import cli
from mawjaz.cli.progress import Progress, describe
from mawjaz.pipeline import IngestReport

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cli"


def test_each_phase_has_its_counts_and_rate():
    storing = IngestReport(read=300, new=280, duplicate=15, failed=5)
    assert describe(storing, 2.0) == ("reading and storing: 300 read, 280 new, 15 duplicate, 5 failed, 150 articles/s")
    actors = IngestReport(read=300, phase="actors", actors_due=120, actors_done=40)
    assert describe(actors, 0.5) == "key actors: 40/120 stories, 80 stories/s"
    assert describe(IngestReport(phase="index"), 1.0) == "search index: tidying"


def test_a_terminal_line_is_redrawn_in_place_and_follows_the_phase():
    shown: list[str] = []
    now = [0.0]
    progress = Progress(True, shown.append, clock=lambda: now[0])
    report = IngestReport()
    progress(report)
    now[0], report.read, report.new = 1.0, 50, 50
    progress(report)
    now[0], report.phase, report.actors_due = 1.05, "actors", 10
    progress(report)  # a new phase shows at once
    now[0], report.actors_done = 1.1, 5
    progress(report)  # too soon after the last redraw
    now[0] = 2.05
    progress(report)
    progress.close()
    assert [line.strip() for line in shown] == [
        "reading and storing: 0 read, 0 new, 0 duplicate, 0 failed, 0 articles/s",
        "reading and storing: 50 read, 50 new, 0 duplicate, 0 failed, 50 articles/s",
        "key actors: 0/10 stories, 0 stories/s",
        "key actors: 5/10 stories, 5 stories/s",
        "",
    ]
    assert all(line.startswith("\r") for line in shown[:-1])


def test_without_a_terminal_progress_is_logged_at_each_phase_and_every_few_seconds(caplog):
    now = [0.0]
    progress = Progress(False, lambda line: None, clock=lambda: now[0])
    report = IngestReport()
    with caplog.at_level(logging.INFO, logger="mawjaz.cli.progress"):
        progress(report)
        now[0], report.read = 3.0, 10
        progress(report)  # within the interval: not logged
        now[0], report.read = 11.0, 40
        progress(report)
        now[0], report.phase, report.actors_due = 12.0, "actors", 7
        progress(report)
    assert [r.getMessage() for r in caplog.records] == [
        "ingest progress: reading and storing: 0 read, 0 new, 0 duplicate, 0 failed, 0 articles/s",
        "ingest progress: reading and storing: 40 read, 0 new, 0 duplicate, 0 failed, 4 articles/s",
        "ingest progress: key actors: 0/7 stories, 0 stories/s",
    ]


def test_an_ingest_without_a_terminal_logs_the_actor_pass(tmp_path):
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    result = runner.invoke(cli, ["--database", url, "ingest", str(FIXTURES / "two_outlets.txt")])
    assert result.exit_code == 0, result.output
    assert "ingest progress: reading and storing: 0 read" in result.stderr
    assert "ingest progress: key actors: 0/2 stories" in result.stderr
    assert "ingest progress: search index: tidying" in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "read 2, new 2, duplicate 0, failed 0"
