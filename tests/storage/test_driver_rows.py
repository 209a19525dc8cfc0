"""driver.executemany: many rows in one call land exactly as one statement per row would put them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from mawjaz.storage import driver
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Story


def test_many_rows_in_chunks_land_once_each_and_conflicts_update(fresh_db: Engine) -> None:
    """600 rows (more than one multi-row INSERT on PostgreSQL), then an upsert of some of them: same table on both."""
    with transaction(fresh_db) as session:
        session.add(Story(id=1, headline="h"))
        session.flush()
        now = driver.moment(session, datetime(2026, 12, 6, tzinfo=UTC))
        rows = [(1, f"term{i}", i / 10, now) for i in range(600)]
        driver.executemany(
            session, "INSERT INTO story_terms (story_id, term, weight, last_seen) VALUES (?, ?, ?, ?)", rows
        )
        driver.executemany(
            session,
            "INSERT INTO story_terms (story_id, term, weight, last_seen) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (story_id, term) DO UPDATE SET weight = excluded.weight",
            [(1, f"term{i}", 1000.0, now) for i in range(590, 610)],
        )
        driver.executemany(
            session, "DELETE FROM story_terms WHERE story_id = ? AND term = ?", [(1, "term0"), (1, "term1")]
        )
    with transaction(fresh_db) as session:
        stored = driver.execute(session, "SELECT term, weight FROM story_terms ORDER BY term").all()
    assert len(stored) == 608
    weights = dict(stored)
    assert weights["term2"] == 0.2 and weights["term589"] == 58.9
    assert weights["term590"] == 1000.0 and weights["term609"] == 1000.0
    assert "term0" not in weights
