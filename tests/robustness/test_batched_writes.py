"""Writes in batches on both databases: many articles per transaction, one lock, workers that take turns.

PostgreSQL used to take an advisory lock per near-duplicate key, held to the
end of the transaction: a few hundred articles in one transaction ran out of
its lock table (``max_locks_per_transaction``). A storing transaction now
holds one lock, however many articles it stores, and two workers ingesting
at once store what one worker storing everything stores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from synthetic import write_corpus, write_distinct_events
from test_ingest_crash import _half_written, _picture

from mawjaz.config import Settings
from mawjaz.ingest import read_source
from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import ingest
from mawjaz.pipeline.store import store_article
from mawjaz.storage import articles, migrate
from mawjaz.storage.articles import Outcome
from mawjaz.storage.engine import make_engine, transaction

BIG = 1 << 30


def _records(path: Path) -> list[Record]:
    return [r for r in read_source(str(path), "jsonl", max_bytes=BIG) if isinstance(r, Record)]


def test_five_hundred_articles_are_stored_in_one_transaction_holding_one_lock(fresh_db: Engine, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 560)
    records = _records(corpus)[:500]
    with transaction(fresh_db) as session:
        placed = [store_article(session, record) for record in records]
        if fresh_db.dialect.name == "postgresql":
            held = session.execute(
                text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
            ).scalar_one()
            assert held == 1
    assert len(placed) == 500
    with transaction(fresh_db) as session:
        counts = articles.counts(session)
    outcomes = [p.stored.outcome for p in placed]
    assert counts == {
        "articles": outcomes.count(Outcome.NEW),
        "copies": len(outcomes) - outcomes.count(Outcome.SEEN),
    }
    assert outcomes.count(Outcome.NEW) > 300
    assert set(_half_written(fresh_db).values()) == {0}, _half_written(fresh_db)


def _worker(db_url: str, corpus: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    return subprocess.Popen(
        [sys.executable, "-m", "mawjaz", "--database", db_url, "ingest", "--json", str(corpus)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_two_workers_ingesting_different_sources_at_once_store_what_one_worker_stores(
    fresh_db: Engine, db_url: str, other_db_url: str, tmp_path
):
    corpus = tmp_path / "corpus.jsonl"
    made = write_distinct_events(corpus, events=40, articles=600)
    assert made["copies"], "the corpus must hold copies across outlets, so that the workers race on them"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    outlets = sorted({json.loads(line)["source"] for line in lines})
    halves = [tmp_path / "first.jsonl", tmp_path / "second.jsonl"]
    for half, mine in zip(halves, (set(outlets[::2]), set(outlets[1::2])), strict=True):
        half.write_text("\n".join(x for x in lines if json.loads(x)["source"] in mine) + "\n", encoding="utf-8")

    alone = make_engine(other_db_url)
    migrate.upgrade(alone)
    report = ingest(alone, [str(h) for h in halves], Settings(database_url=other_db_url))
    assert (report.read, report.failed) == (len(lines), 0)

    workers = [_worker(db_url, half) for half in halves]
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err[-3000:]
        assert json.loads(out)["failed"] == 0

    assert set(_half_written(fresh_db).values()) == {0}, _half_written(fresh_db)
    assert _picture(fresh_db) == _picture(alone)
    alone.dispose()
