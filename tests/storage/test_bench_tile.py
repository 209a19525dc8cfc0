"""A tiled corpus (``bench/topic.py speed --tile-from``): the base repeated in SQL, each copy earlier, ids shifted.

Issue 19 asks /topic's latency at 1M articles, which the pipeline takes ~12 h
to store on this machine; :func:`bench.topic.tile` repeats a stored corpus
instead. These specs tile three articles three times, on SQLite and
PostgreSQL, and check what the timing relies on: every table keyed on an
article or a story repeated, ids growing with time, unique keys distinct,
the newest copy the base itself, and a search over a window seeing only it.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.storage import search
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import SQLModel

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # the benches are imported as bench.<name>, their one name

from bench.topic import TILE_REFUSED, span_days, tile, tiled_tables  # noqa: E402

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TEXTS = (
    ("افتتاح معرض الكتاب في الرياض", "افتتح معرض الكتاب الدولي أبوابه في الرياض بمشاركة مئات دور النشر العربية."),
    ("المنتخب يفوز في التصفيات", "فاز المنتخب الوطني على ضيفه بهدفين نظيفين في التصفيات المؤهلة لكأس العالم."),
    ("زلزال يضرب جنوب إيران", "ضرب زلزال بقوة ست درجات جنوب إيران صباح اليوم وأفاد الهلال الأحمر بوقوع إصابات."),
)
COUNTED = ("articles", "stories", "article_copies", "article_search", "dedup_keys", "dedup_shingles", "story_terms")


def _store(engine: Engine) -> None:
    records = [
        Record(title=t, body=b, source="wire", external_id=f"e{n}", published=NOW - timedelta(days=2 - n, hours=1))
        for n, (t, b) in enumerate(TEXTS)
    ]
    assert store_items(engine, records, IngestReport()).new == 3


def _rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _counts(engine: Engine) -> dict[str, int]:
    return {t: _rows(engine, f"SELECT count(*) FROM {t}")[0][0] for t in COUNTED}


def test_every_table_keyed_on_an_article_or_a_story_is_tiled_or_refused(fresh_db: Engine) -> None:
    tiled = {t.name for t in tiled_tables(fresh_db.dialect.name)}
    keyed = {
        table.name
        for table in SQLModel.metadata.sorted_tables
        for column in table.columns
        for key in column.foreign_keys
        if key.target_fullname in ("articles.id", "stories.id")
    }
    assert keyed - set(TILE_REFUSED) <= tiled
    assert {"articles", "stories", "article_copies", "article_search"} <= tiled


def test_a_corpus_tiled_three_times_repeats_every_row_with_shifted_ids_and_earlier_dates(fresh_db: Engine) -> None:
    _store(fresh_db)
    base = _counts(fresh_db)
    articles = _rows(fresh_db, "SELECT id, story_id, content_hash, headline FROM articles ORDER BY id")
    published = {a: p for a, p in _published(fresh_db)}
    days = span_days(fresh_db)
    assert days == 3  # first to last publication, two days, plus one
    indexes = _indexes(fresh_db)

    offsets = tile(fresh_db, 3, days)

    assert _indexes(fresh_db) == indexes  # dropped while copying, written again after

    assert _counts(fresh_db) == {t: 3 * n for t, n in base.items()}
    top_article, top_story = offsets["article"], offsets["story"]
    tiled = _rows(fresh_db, "SELECT id, story_id, content_hash, headline FROM articles ORDER BY id")
    moved = {a: p for a, p in _published(fresh_db)}
    for j in range(3):  # copy 0 the oldest, copy 2 the newest: the base at its own dates
        for a, s, digest, headline in articles:
            assert (a + j * top_article, s + j * top_story, headline) in {(r[0], r[1], r[3]) for r in tiled}
            assert moved[a + j * top_article] == published[a] - timedelta(days=(2 - j) * days)
            row = next(r for r in tiled if r[0] == a + j * top_article)
            assert (row[2] == digest) == (j == 2)
    # ids grow with time across copies, as the search's window floor assumes
    order = [a for a, _ in sorted(moved.items(), key=lambda item: item[1])]
    assert order == sorted(order)
    for table, column in (("articles", "content_hash"), ("article_copies", "copy_key")):
        assert _rows(fresh_db, f"SELECT count(DISTINCT {column}) FROM {table}")[0][0] == 3 * base[table]


def test_the_last_day_of_a_tiled_corpus_finds_the_newest_copy_only(fresh_db: Engine) -> None:
    _store(fresh_db)
    before = _found(fresh_db, None)
    offsets = tile(fresh_db, 3, span_days(fresh_db))
    shift = 2 * offsets["article"]
    assert _found(fresh_db, NOW - timedelta(days=1)) == [a + shift for a in before]
    assert sorted(_found(fresh_db, None)) == sorted(a + j * offsets["article"] for a in before for j in range(3))


def _found(engine: Engine, since: datetime | None) -> list[int]:
    with transaction(engine) as session:
        hits = search.find(session, [("زلزال",)], since, 50)
    return [a for hit in hits for a in hit.article_ids]


def _published(engine: Engine) -> list[tuple[int, datetime]]:
    from sqlalchemy import select

    from mawjaz.storage.models import Article

    with transaction(engine) as session:
        return [(a, p) for a, p in session.execute(select(Article.id, Article.published)).all()]


def _indexes(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) | {
        index["name"] or ""
        for table in inspect(engine).get_table_names()
        for index in inspect(engine).get_indexes(table)
    }


def test_on_postgresql_every_copy_lands_in_a_partition_of_its_own_ids_each_with_its_search_index(
    fresh_db: Engine,
) -> None:
    """The search index is partitioned by article id (migrations 0016, 0017): the tile makes room for the copies' ids."""
    if fresh_db.dialect.name != "postgresql":
        return
    with fresh_db.begin() as connection:  # ids from 150,001: the copies reach 450,009, past the two first partitions
        connection.execute(text("SELECT setval(pg_get_serial_sequence('articles', 'id'), 150000)"))
    _store(fresh_db)
    tile(fresh_db, 3, span_days(fresh_db))
    homes = _rows(fresh_db, "SELECT DISTINCT tableoid::regclass::text FROM article_search")
    unindexed = _rows(
        fresh_db,
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = 'article_search'::regclass AND NOT EXISTS (SELECT 1 FROM pg_index x "
        "WHERE x.indrelid = c.oid AND x.indisvalid AND pg_get_indexdef(x.indexrelid) LIKE '%gin (doc)%')",
    )
    # three partitions, none the default (their sizes depend on what the shared database held: 0016's or 0017's)
    assert len(set(homes)) == 3 and ("article_search_default",) not in homes
    assert unindexed == []
    assert sorted(_found(fresh_db, None)) == [150003, 300006, 450009]  # the earthquake, in each copy
