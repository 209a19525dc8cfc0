"""Migration 0012 (schedules and ledger slots) keeps what was there, up and down, on SQLite and PostgreSQL.

Revisions are named relative to 0012 (``0012-1``: the one before it), so the test holds when the
migrations are re-chained.
"""

from __future__ import annotations

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
        connection.execute(
            text(
                "INSERT INTO subscribers (platform, chat_id, chat_type, lang, timezone, digest_time, active,"
                " created_at, updated_at) VALUES ('telegram', '42', 'private', 'ar', 'Asia/Riyadh', '08:00', true,"
                " '2026-11-01', '2026-11-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO deliveries (subscriber_id, local_date, due_at, status, attempts, message_ids, shown)"
                " SELECT id, '2026-11-23', '2026-11-23 05:00:00+00:00', 'sent', 1, '[\"7\"]', '[]' FROM subscribers"
            )
        )
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
