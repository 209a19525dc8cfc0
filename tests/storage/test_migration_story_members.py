"""Migration 0015: a story's latest (or first) article is one index seek on SQLite and PostgreSQL alike.

Story placement reads each candidate story's latest headlines (``story_index.latest_headlines``) and /topic's
window starts at the first article of the stories seen since (``search._window_floor``). Revisions are named
relative to 0015 (``0015-1``: the one before it), so the test holds when the migrations are re-chained.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import OperationalError

from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine

BEFORE = "0015-1"
LATEST = "SELECT headline FROM articles WHERE story_id = 1 ORDER BY id DESC LIMIT 3"


def _add_two_stories(connection: Connection) -> None:
    """Stories 1 and 2, their articles interleaved by id (1, 3, 5, ... in story 1; 2, 4, ... in story 2)."""
    for story in (1, 2):
        connection.execute(
            text(
                "INSERT INTO stories (id, headline, summary, first_seen, last_seen, article_count, source_count,"
                " updated_at, actors_due) VALUES (:id, 'h', '', '2026-12-01', '2026-12-01', 20, 1, '2026-12-01',"
                " false)"
            ),
            {"id": story},
        )
    for n in range(1, 41):
        connection.execute(
            text(
                "INSERT INTO articles (id, headline, body, language, content_hash, captions, search_text, story_id,"
                " first_seen) VALUES (:id, :headline, 'b', 'ar', :hash, '[]', '', :story, '2026-12-01')"
            ),
            {"id": n, "headline": f"headline {n}", "hash": f"{n:064d}", "story": 2 - n % 2},
        )


def _plan(connection: Connection) -> str:
    """How the database reads LATEST: PostgreSQL's plan with sequential scans ruled out (a small table would take one)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        return "\n".join(r[0] for r in connection.execute(text(f"EXPLAIN {LATEST}")))
    return "\n".join(str(r[-1]) for r in connection.execute(text(f"EXPLAIN QUERY PLAN {LATEST}")))


def _indexes(engine: Engine) -> dict[str, list[str | None]]:
    return {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("articles") if ix["name"]}


def test_a_storys_latest_articles_are_read_by_seeking_its_index_and_the_rows_survive_both_ways(db_url):
    engine = make_engine(db_url)
    if engine.dialect.name == "postgresql":  # the shared test database is already at head: start over
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine, BEFORE)
    with engine.begin() as connection:
        _add_two_stories(connection)
    migrate.upgrade(engine)
    upgraded = _indexes(engine)
    with engine.begin() as connection:
        plan = _plan(connection)
        latest = connection.execute(text(LATEST)).scalars().all()
        floor = connection.execute(
            text("SELECT min((SELECT min(a.id) FROM articles a WHERE a.story_id = s.id)) FROM stories s WHERE s.id = 2")
        ).scalar_one()
    migrate.downgrade(engine, BEFORE)
    downgraded = _indexes(engine)
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT count(*) FROM articles WHERE story_id IS NOT NULL")).scalar_one()
    migrate.upgrade(engine)
    if engine.dialect.name == "postgresql":  # leave the shared database at head and empty for the next test
        with engine.begin() as connection:
            connection.execute(text("TRUNCATE articles, stories CASCADE"))
    engine.dispose()
    assert latest == ["headline 39", "headline 37", "headline 35"]
    assert floor == 2
    assert upgraded["ix_articles_story_id_id"] == ["story_id", "id"] and "ix_articles_story_id" not in upgraded
    assert "ix_articles_story_id_id" in plan, plan
    assert "Sort" not in plan and "TEMP B-TREE" not in plan, f"the latest articles must come in index order:\n{plan}"
    assert downgraded["ix_articles_story_id"] == ["story_id"] and "ix_articles_story_id_id" not in downgraded
    assert kept == 40


# On PostgreSQL the index is built CONCURRENTLY, outside the migrations' transaction (issue 19: several workers share
# one database). A worker with an article written and not yet committed holds the build at its first wait, which
# is where a plain CREATE INDEX would hold its SHARE lock and queue every other insert behind it.

ARTICLE = (
    "INSERT INTO articles (id, headline, body, language, content_hash, captions, search_text, story_id, first_seen)"
    " VALUES (:id, 'h', 'b', 'ar', :hash, '[]', '', NULL, '2026-12-01')"
)
STORY_INDEXES = (
    "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
    " WHERE i.indrelid = 'articles'::regclass AND c.relname LIKE 'ix_articles_story_id%' ORDER BY c.relname"
)


def _postgres_before(postgres_url: str) -> Engine:
    engine = make_engine(postgres_url)
    with engine.begin() as connection:  # the shared test database is already at head: start over
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine, BEFORE)
    return engine


def _write(connection: Connection, article: int) -> None:
    connection.execute(text(ARTICLE), {"id": article, "hash": f"{article:064d}"})


def _wait_for_the_build_to_wait(engine: Engine, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    with engine.connect() as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock' AND query ILIKE 'CREATE INDEX%'"
                )
            ).scalar_one()
            watcher.commit()
            if waiting:
                return
            time.sleep(0.05)
    raise AssertionError("the index build never waited for the open transaction")


def _story_indexes(engine: Engine) -> list[tuple[str, bool]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(STORY_INDEXES))]


def _leave_at_head_and_empty(engine: Engine) -> None:
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE articles, stories CASCADE"))
    engine.dispose()


def test_on_postgresql_other_workers_write_articles_while_0015_builds_its_index(postgres_url):
    engine = _postgres_before(postgres_url)
    holder = engine.connect()
    _write(holder, 1)  # a worker mid-transaction: the build waits for it
    with ThreadPoolExecutor(1) as pool:
        upgrading = pool.submit(migrate.upgrade, engine)
        try:
            _wait_for_the_build_to_wait(engine)
            with engine.connect() as writer:
                writer.execute(text("SET lock_timeout = '3s'"))  # a plain CREATE INDEX fails this insert
                _write(writer, 2)
                writer.commit()
        finally:
            holder.commit()
            holder.close()
            upgrading.result(timeout=60)
    indexes = _story_indexes(engine)
    with engine.connect() as connection:
        articles = connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
    _leave_at_head_and_empty(engine)
    assert indexes == [("ix_articles_story_id_id", True)]
    assert articles == 2


def test_on_postgresql_a_second_worker_upgrading_meanwhile_waits_its_turn_without_a_deadlock(postgres_url):
    """The build waits for every older transaction: a worker must not wait for the migrators' lock inside one."""
    engine = _postgres_before(postgres_url)
    holder = engine.connect()
    _write(holder, 1)
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(migrate.upgrade, engine)
        try:
            _wait_for_the_build_to_wait(engine)
            second = pool.submit(migrate.upgrade, engine)
            time.sleep(0.5)  # the second worker is waiting for the lock
        finally:
            holder.commit()
            holder.close()
        first.result(timeout=60)
        second.result(timeout=60)
    indexes = _story_indexes(engine)
    revision = migrate.current_revision(engine)
    _leave_at_head_and_empty(engine)
    assert indexes == [("ix_articles_story_id_id", True)]
    assert revision == migrate.head_revision()


def test_on_postgresql_an_upgrade_retried_after_an_interrupted_build_ends_with_one_valid_index(postgres_url):
    engine = _postgres_before(postgres_url)
    holder = engine.connect()
    _write(holder, 1)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as interrupted:
        interrupted.execute(text("SET statement_timeout = '300ms'"))  # the build is cancelled while it waits
        with pytest.raises(OperationalError, match="statement timeout"):
            interrupted.execute(text("CREATE INDEX CONCURRENTLY ix_articles_story_id_id ON articles (story_id, id)"))
    holder.commit()
    holder.close()
    left = _story_indexes(engine)
    migrate.upgrade(engine)
    indexes = _story_indexes(engine)
    with engine.begin() as connection:
        plan = _plan(connection)
    _leave_at_head_and_empty(engine)
    assert left == [("ix_articles_story_id", True), ("ix_articles_story_id_id", False)]
    assert indexes == [("ix_articles_story_id_id", True)]
    assert "ix_articles_story_id_id" in plan, plan
