"""Migration 0015: a story's latest (or first) article is one index seek on SQLite and PostgreSQL alike.

Story placement reads each candidate story's latest headlines (``story_index.latest_headlines``) and /topic's
window starts at the first article of the stories seen since (``search._window_floor``). Revisions are named
relative to 0015 (``0015-1``: the one before it), so the test holds when the migrations are re-chained.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, inspect, text

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
