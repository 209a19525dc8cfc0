"""Migration 0012 (schedules and ledger slots) keeps what was there, up and down, on SQLite and PostgreSQL.

Revisions are named relative to 0012 (``0012-1``: the one before it), so the test holds when the
migrations are re-chained.
"""

from __future__ import annotations

from migration_rows import add_reader_with_a_sent_digest
from sqlalchemy import text

from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine

BEFORE = "0012-1"


def test_a_digest_sent_before_the_upgrade_is_that_days_first_slot_and_survives_a_downgrade(db_url):
    engine = make_engine(db_url)
    if engine.dialect.name == "postgresql":  # the shared test database is already at head: start over
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine, BEFORE)
    with engine.begin() as connection:
        add_reader_with_a_sent_digest(connection)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        slots = connection.execute(text("SELECT local_date, slot, status FROM deliveries")).all()
        subscriber = connection.execute(text("SELECT digest_time, later_times, weekday FROM subscribers")).one()
    assert [tuple(r) for r in slots] == [("2026-11-23", 0, "sent")]
    assert tuple(subscriber) == ("08:00", "", None)
    migrate.downgrade(engine, BEFORE)
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT local_date, status FROM deliveries")).all()
    migrate.upgrade(engine)
    if engine.dialect.name == "postgresql":  # leave the shared database at head and empty for the next test
        with engine.begin() as connection:
            connection.execute(text("TRUNCATE subscribers CASCADE"))
    engine.dispose()
    assert [tuple(r) for r in kept] == [("2026-11-23", "sent")], "a downgrade must not cascade the ledger away"
