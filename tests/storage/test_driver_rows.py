"""driver.executemany and executemany_all: many rows in one call land exactly as one statement per row would put them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

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


def test_statements_sent_together_answer_in_order_and_each_sees_what_the_last_did(fresh_db: Engine) -> None:
    """driver.execute_all: one round trip on PostgreSQL, yet the same answers as one statement after the other."""
    with transaction(fresh_db) as session:
        found = driver.execute_all(
            session,
            [
                (
                    "INSERT INTO stories (id, headline, summary, first_seen, last_seen, article_count, source_count,"
                    " updated_at) VALUES (?, 'h', '', ?, ?, 3, 1, ?)",
                    (7, *[driver.moment(session, datetime(2026, 12, 6, tzinfo=UTC))] * 3),
                ),
                ("SELECT id, article_count FROM stories WHERE id = ?", (7,)),
                ("UPDATE stories SET article_count = article_count + 1 WHERE id = ?", (7,)),
                ("SELECT article_count FROM stories WHERE id = ?", (7,)),
            ],
        )
        assert [rows.all() for rows in found] == [[], [(7, 3)], [], [(4,)]]


def test_a_failing_statement_among_those_sent_together_raises_as_one_alone_would(fresh_db: Engine) -> None:
    with pytest.raises(DBAPIError), transaction(fresh_db) as session:
        driver.execute_all(session, [("SELECT 1", ()), ("SELECT * FROM no_such_table", ()), ("SELECT 2", ())])


def test_writes_sent_together_land_as_executemany_one_after_the_other_puts_them(fresh_db: Engine) -> None:
    """driver.executemany_all (one round trip on PostgreSQL): insert 600 rows, delete some, upsert others, in order."""
    insert = "INSERT INTO story_terms (story_id, term, weight, last_seen) VALUES (?, ?, ?, ?)"
    with transaction(fresh_db) as session:
        session.add(Story(id=1, headline="h"))
        session.flush()
        now = driver.moment(session, datetime(2026, 12, 6, tzinfo=UTC))
        driver.executemany_all(
            session,
            [
                (insert, [(1, f"term{i}", i / 10, now) for i in range(600)]),
                ("DELETE FROM story_terms WHERE story_id = ? AND term = ?", [(1, "term0"), (1, "term1")]),
                (
                    insert + " ON CONFLICT (story_id, term) DO UPDATE SET weight = excluded.weight",
                    [(1, f"term{i}", 1000.0, now) for i in range(590, 610)],
                ),
                (insert, []),
                ("UPDATE stories SET article_count = ? WHERE id = ?", [(608, 1)]),
            ],
        )
    with transaction(fresh_db) as session:
        stored = dict(driver.execute(session, "SELECT term, weight FROM story_terms").all())
        count = driver.execute(session, "SELECT article_count FROM stories WHERE id = 1").scalar_one()
    assert len(stored) == 608 == count
    assert stored["term2"] == 0.2 and stored["term589"] == 58.9
    assert stored["term590"] == 1000.0 and stored["term609"] == 1000.0
    assert "term0" not in stored


_STORY = (
    "INSERT INTO stories (id, headline, summary, first_seen, last_seen, article_count, source_count, updated_at)"
    " VALUES (?, 'h', '', ?, ?, 0, 0, ?)"
)


def _story(session: object, story_id: int) -> tuple[str, tuple]:
    at = driver.moment(session, datetime(2026, 12, 6, tzinfo=UTC))  # type: ignore[arg-type]
    return _STORY, (story_id, at, at, at)


def _stories(engine: Engine) -> list[int]:
    with transaction(engine) as session:
        return [i for (i,) in driver.execute(session, "SELECT id FROM stories ORDER BY id")]


def test_a_write_sent_later_is_seen_by_the_next_statement_and_committed(fresh_db: Engine) -> None:
    """driver.execute_later: on PostgreSQL it rides with the next statement, yet every reader sees it as if sent now."""
    with transaction(fresh_db) as session:
        driver.execute_later(session, *_story(session, 1))
        assert driver.execute(session, "SELECT count(*) FROM stories").scalar_one() == 1
        driver.executemany_all(session, [(_STORY, [_story(session, 2)[1]])], later=True)
    assert _stories(fresh_db) == [1, 2]  # sent at commit, nothing after it


def test_a_savepoint_sent_ahead_keeps_a_good_block_and_undoes_a_failed_one_whole(fresh_db: Engine) -> None:
    """driver.savepoint(ahead=True): SAVEPOINT and RELEASE ride with other statements; a failure still undoes
    exactly the block, its writes sent later included, and a block that sent nothing costs nothing."""
    with transaction(fresh_db) as session:
        with driver.savepoint(session, "s", ahead=True):
            driver.execute(session, *_story(session, 1))
            driver.execute_later(session, *_story(session, 2))
        with pytest.raises(DBAPIError), driver.savepoint(session, "s", ahead=True):
            driver.execute(session, *_story(session, 3))
            with driver.savepoint(session, "inner", ahead=True):
                driver.execute_later(session, *_story(session, 4))
            driver.execute(session, *_story(session, 1))  # a duplicate key: the block fails
        with pytest.raises(ValueError), driver.savepoint(session, "s", ahead=True):
            driver.execute_later(session, *_story(session, 5))
            raise ValueError("nothing was sent yet")
        with driver.savepoint(session, "s", ahead=True):
            pass
        with driver.savepoint(session, "s", ahead=True):
            driver.execute_later(session, *_story(session, 6))
    assert _stories(fresh_db) == [1, 2, 6]


def test_a_write_sent_later_fails_inside_its_savepoint_not_after_it(fresh_db: Engine) -> None:
    """A deferred write that fails raises where its savepoint ends, and only that block is undone."""
    with transaction(fresh_db) as session:
        driver.execute(session, *_story(session, 1))
        with pytest.raises(DBAPIError), driver.savepoint(session, "s", ahead=True):
            driver.execute(session, *_story(session, 2))
            driver.execute_later(session, *_story(session, 1))
        driver.execute(session, *_story(session, 3))
    assert _stories(fresh_db) == [1, 3]


def test_what_waits_in_a_rolled_back_transaction_is_dropped_with_it(fresh_db: Engine) -> None:
    """A session used again after a rollback sends nothing left over from the transaction that failed."""
    from sqlmodel import Session

    with Session(fresh_db) as session:
        with driver.savepoint(session, "s", ahead=True):
            driver.execute(session, *_story(session, 1))
        driver.execute_later(session, *_story(session, 2))
        session.rollback()
        driver.execute(session, *_story(session, 3))
        session.commit()
    assert _stories(fresh_db) == [3]
