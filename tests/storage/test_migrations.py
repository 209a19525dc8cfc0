"""The schema is owned by migrations: they must build exactly what the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from mawjaz.storage import migrate


def test_migrations_and_models_agree(fresh_db):
    with fresh_db.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        diff = compare_metadata(context, SQLModel.metadata)
    assert [d for d in diff if not _is_search_index(d)] == []


def _is_search_index(change) -> bool:
    """The full-text index is dialect-specific SQL, deliberately outside the models."""
    return change[0] in ("remove_table", "remove_index") and "article_search" in str(change[1])


def test_upgrade_twice_is_a_no_op(fresh_db):
    migrate.upgrade(fresh_db)
    assert migrate.current_revision(fresh_db) == migrate.head_revision()


def test_upgrading_an_old_database_keeps_its_data(db_url):
    from sqlalchemy import text

    from mawjaz.storage.engine import make_engine

    engine = make_engine(db_url)
    if engine.dialect.name == "postgresql":  # the shared test database is already at head: start over
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO subscribers (platform, chat_id, lang, timezone, digest_time, active, created_at, updated_at)"
                " VALUES ('telegram', '42', 'ar', 'Asia/Riyadh', '08:00', true, '2026-11-01', '2026-11-01')"
            )
        )
    migrate.upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT chat_id, chat_type FROM subscribers")).all()
    if engine.dialect.name == "postgresql":  # leave the shared database at head for the next test
        with engine.begin() as connection:
            connection.execute(text("TRUNCATE subscribers CASCADE"))
    engine.dispose()
    assert [tuple(r) for r in rows] == [("42", "private")]


def test_downgrading_to_the_first_schema_loses_no_row_it_can_hold(db_url):
    """Every migration back to 0001 and up again: articles, copies, subscribers and their deliveries all stay.

    On SQLite a batch migration copies a table and drops the old one; with foreign keys on, dropping
    ``subscribers`` or ``articles`` would delete every delivery or copy pointing at them.
    """
    from pathlib import Path

    from migration_rows import add_reader_with_a_sent_digest
    from sqlalchemy import text

    from mawjaz.config import Settings
    from mawjaz.pipeline import ingest
    from mawjaz.storage.engine import make_engine

    engine = make_engine(db_url)
    if engine.dialect.name == "postgresql":  # the shared test database is at head with rows of other tests
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine)
    samples = Path(migrate.__file__).resolve().parents[1] / "samples" / "dumps"
    ingest(engine, [str(samples)], Settings(database_url=db_url), "auto", actors=False)
    with engine.begin() as connection:
        add_reader_with_a_sent_digest(connection)

    def counts() -> tuple[int, ...]:
        with engine.connect() as connection:
            return tuple(
                connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in ("articles", "article_copies", "stories", "subscribers", "deliveries")
            )

    before = counts()
    migrate.downgrade(engine, "0001")
    after_downgrade = counts()
    migrate.upgrade(engine)
    after_upgrade = counts()
    if engine.dialect.name == "postgresql":  # leave the shared database at head and empty for the next test
        with engine.begin() as connection:
            connection.execute(text("TRUNCATE subscribers, articles, stories CASCADE"))
    engine.dispose()
    assert before[0] > 0 and before[1] >= before[0]
    assert after_downgrade == before and after_upgrade == before
