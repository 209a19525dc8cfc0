"""Ingest stores articles in batches (on SQLite): a batch is faster, never less safe than one article at a time.

Each record is still whole or not at all: a record that fails inside a batch
leaves nothing behind and costs the others nothing, and a story grown by
several records of one batch ends with the headline, summary and counts that
storing them one by one gives.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from fixtures import news
from sqlalchemy import Engine, text

from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import IngestReport, store_items

MORNING = datetime(2026, 11, 18, 5, 0, tzinfo=UTC)
TEXTS = [
    (news.QUAKE_TITLE, news.QUAKE_WIRE, "wire"),
    (news.BUDGET_TITLE, news.BUDGET, "petra"),
    (news.QUAKE_OTHER_TITLE, news.QUAKE_OTHER_OUTLET, "local"),
    (news.FLOOD_TITLE, news.FLOOD, "irna"),
    (news.QUAKE_FOLLOW_UP_TITLE, news.QUAKE_FOLLOW_UP, "wire"),
    (news.BUDGET_OTHER_TITLE, news.BUDGET_OTHER_OUTLET, "ammon"),
]


def _records() -> list[Record]:
    return [
        Record(
            title=title, body=body, source=source, external_id=f"{source}-{n}", published=MORNING + timedelta(hours=n)
        )
        for n, (title, body, source) in enumerate(TEXTS)
    ]


def _poison(engine: Engine, external_id: str) -> None:
    """A database that refuses one copy: a trigger, so the failure comes from the database as a real one would."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text(
                "CREATE TRIGGER poison BEFORE INSERT ON article_copies"
                f" WHEN NEW.external_id = '{external_id}' BEGIN SELECT RAISE(ABORT, 'poisoned'); END"
            ))  # fmt: skip
        else:
            connection.execute(text(
                "CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                f" IF NEW.external_id = '{external_id}' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$"
            ))  # fmt: skip
            connection.execute(text(
                "CREATE TRIGGER poison BEFORE INSERT ON article_copies FOR EACH ROW EXECUTE FUNCTION poison()"
            ))  # fmt: skip


def _unpoison(engine: Engine) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER IF EXISTS poison"))
        else:
            connection.execute(text("DROP TRIGGER IF EXISTS poison ON article_copies"))
            connection.execute(text("DROP FUNCTION IF EXISTS poison()"))


def _rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _stories(engine: Engine) -> list[tuple]:
    return _rows(engine, "SELECT headline, summary, article_count, source_count FROM stories ORDER BY id")


def test_a_record_that_fails_in_a_batch_fails_alone_and_leaves_nothing(fresh_db):
    _poison(fresh_db, "local-2")
    try:
        report = store_items(fresh_db, _records(), IngestReport())
    finally:
        _unpoison(fresh_db)
    assert (report.read, report.new, report.failed) == (6, 5, 1)
    assert report.problems[0].where == "local#local-2"
    stored = {row[0] for row in _rows(fresh_db, "SELECT external_id FROM article_copies")}
    assert stored == {"wire-0", "petra-1", "irna-3", "wire-4", "ammon-5"}
    assert _rows(fresh_db, "SELECT count(*) FROM articles") == [(5,)]
    assert _rows(fresh_db, "SELECT count(*) FROM article_search") == [(5,)]
    assert _rows(
        fresh_db,
        "SELECT count(*) FROM stories s WHERE s.article_count <>"
        " (SELECT count(*) FROM articles a WHERE a.story_id = s.id)",
    ) == [(0,)]

    again = store_items(fresh_db, _records(), IngestReport())  # the failed one is stored now, the rest are SEEN
    assert (again.new, again.duplicate, again.failed) == (1, 5, 0)


def test_a_batch_gives_the_stories_that_one_record_at_a_time_gives(fresh_db, tmp_path):
    from mawjaz.pipeline import store as ingesting
    from mawjaz.storage import migrate
    from mawjaz.storage.engine import make_engine

    store_items(fresh_db, _records(), IngestReport())
    one_by_one = make_engine(f"sqlite:///{tmp_path / 'one.sqlite'}")
    migrate.upgrade(one_by_one)
    batch, ingesting.BATCH = ingesting.BATCH, 1
    try:
        store_items(one_by_one, _records(), IngestReport())
    finally:
        ingesting.BATCH = batch
    texts = _stories(one_by_one)
    one_by_one.dispose()
    assert _stories(fresh_db) == texts
    assert len(texts) == 3 and sorted(row[2] for row in texts) == [1, 2, 3]


def test_a_batch_commits_once_its_storing_took_batch_seconds_however_many_records_were_read(tmp_path, monkeypatch):
    """The one-second bound is on the time the write lock is held (storing), not on the milliseconds of reading."""
    from sqlalchemy import event

    from mawjaz.pipeline import store as ingesting
    from mawjaz.storage import migrate
    from mawjaz.storage.engine import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'bound.sqlite'}")
    migrate.upgrade(engine)
    commits: list[int] = []
    event.listen(engine, "commit", lambda _connection: commits.append(len(commits)))
    slowly = ingesting.store_article

    def store_article(*args, **kwargs):  # reading takes no time; storing 30 ms a record
        time.sleep(0.03)
        return slowly(*args, **kwargs)

    monkeypatch.setattr(ingesting, "store_article", store_article)
    monkeypatch.setattr(ingesting, "BATCH_SECONDS", 0.05)  # two records' storing
    report = store_items(engine, _records(), IngestReport(), ingesting.WriteOptions(actors=False))
    assert (report.new, report.failed) == (6, 0)
    assert len(commits) - 1 >= 3  # transactions of two records at most (then the search index's merge), not one of six
    monkeypatch.undo()
    one_batch = make_engine(f"sqlite:///{tmp_path / 'batch.sqlite'}")
    migrate.upgrade(one_batch)
    store_items(one_batch, _records(), IngestReport(), ingesting.WriteOptions(actors=False))
    assert _stories(engine) == _stories(one_batch)
    engine.dispose()
    one_batch.dispose()
