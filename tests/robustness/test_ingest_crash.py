"""kill -9 in the middle of ``mawjaz ingest``, run it again: the same database as one clean run, nothing half-written.

Each article is stored whole or not at all (in its own transaction, or a
savepoint of a committed batch), so a killed ingest leaves whole articles behind and the rerun skips them (their copy key is known) and
stores the rest. The proof compares the crashed-and-rerun database with a
clean run of the same corpus into another empty database: the same articles,
copies, stories and search rows, grouped the same way. The corpus is
synthetic (:mod:`synthetic`), a few hundred articles with copies and repeats.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from synthetic import write_corpus

from mawjaz.config import Settings
from mawjaz.pipeline import ingest
from mawjaz.pipeline.store import BATCH
from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine, reading

#: Articles in the corpus: enough for two batches and part of a third (both databases commit in batches), so the
#: kill lands between commits.
ARTICLES = 2 * BATCH + 100
KILL_AFTER = 60  # stored copies at which the first run is killed


def _ingest_process(db_url: str, corpus: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    return subprocess.Popen(
        [sys.executable, "-m", "mawjaz", "--database", db_url, "ingest", "--json", str(corpus)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _scalar(engine: Engine, sql: str) -> int:
    with reading(engine) as session:  # a reader: it must not wait for (or hold) the ingest's write lock
        return int(session.execute(text(sql)).scalar_one())


def _copies_so_far(engine: Engine) -> int:
    try:
        return _scalar(engine, "SELECT count(*) FROM article_copies")
    except OperationalError:  # SQLite busy while the ingest writes: ask again
        return 0


def _kill_when_stored(process: subprocess.Popen, engine: Engine, copies: int) -> int:
    """SIGKILL ``process`` once ``copies`` copies are stored; returns how many there were at the kill."""
    deadline = time.monotonic() + 120
    while (seen := _copies_so_far(engine)) < copies:
        assert process.poll() is None, f"the ingest ended before the kill: {process.communicate()[1][-2000:]}"
        assert time.monotonic() < deadline, "the ingest stored too little in time"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    return seen


def _picture(engine: Engine) -> dict[str, object]:
    """What must match after a crash and a rerun: row counts (key actors included), and which copies make which
    article and story."""
    counts = {
        table: _scalar(engine, f"SELECT count(*) FROM {table}")
        for table in ("articles", "article_copies", "stories", "article_search", "story_actors")
    }
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT c.external_id, a.id, a.story_id FROM article_copies c JOIN articles a ON a.id = c.article_id"
        )).all()  # fmt: skip
    by_article: dict[int, set[str]] = {}
    by_story: dict[int | None, set[str]] = {}
    for external_id, article_id, story_id in rows:
        by_article.setdefault(article_id, set()).add(external_id)
        by_story.setdefault(story_id, set()).add(external_id)
    return {
        "counts": counts,
        "articles": sorted(sorted(ids) for ids in by_article.values()),
        "stories": sorted(sorted(ids) for ids in by_story.values()),
    }


def _half_written(engine: Engine) -> dict[str, int]:
    """Rows a torn write would leave behind; every figure must be 0."""
    checks = {
        "article without a copy": "SELECT count(*) FROM articles a"
        " WHERE NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = a.id)",
        "copy without an article": "SELECT count(*) FROM article_copies c"
        " WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id)",
        "article without a story": "SELECT count(*) FROM articles WHERE story_id IS NULL"
        " OR story_id NOT IN (SELECT id FROM stories)",
        "story without an article": "SELECT count(*) FROM stories s"
        " WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)",
        "story whose count is wrong": "SELECT count(*) FROM stories s"
        " WHERE s.article_count <> (SELECT count(*) FROM articles a WHERE a.story_id = s.id)",
    }
    return {what: _scalar(engine, sql) for what, sql in checks.items()}


@pytest.mark.slow
def test_ingest_killed_mid_corpus_then_rerun_gives_the_database_of_one_clean_run(
    fresh_db, db_url, other_db_url, tmp_path
):
    corpus = tmp_path / "corpus.jsonl"
    size = ARTICLES
    made = write_corpus(corpus, size)
    assert made["copies"] and made["repeats"], "the corpus must hold copies and repeated records"

    clean = make_engine(other_db_url)
    migrate.upgrade(clean)
    report = ingest(clean, [str(corpus)], Settings(database_url=other_db_url))
    assert (report.read, report.failed) == (size, 0)

    killed_at = _kill_when_stored(_ingest_process(db_url, corpus), fresh_db, KILL_AFTER)
    assert set(_half_written(fresh_db).values()) == {0}, _half_written(fresh_db)
    copies = "SELECT count(*) FROM article_copies"
    assert _scalar(fresh_db, copies) < _scalar(clean, copies), f"the kill (at {killed_at}) came too late"

    last = _ingest_process(db_url, corpus)
    out, err = last.communicate(timeout=300)
    assert last.returncode == 0, err[-3000:]
    assert '"failed": 0' in out

    assert set(_half_written(fresh_db).values()) == {0}, _half_written(fresh_db)
    assert _picture(fresh_db) == _picture(clean)
    clean.dispose()
