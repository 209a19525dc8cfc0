"""Migration 0016: PostgreSQL's search index partitioned by article id; every row kept, partitions added as ids grow.

/topic reads the newest ids first; on one GIN index over the whole archive each bounded read still scanned every
match in the archive (docs/journal.md, "Session 18, /topic at 1M on PostgreSQL"). SQLite keeps its FTS5 table. Revisions
are named relative to 0016 (``0016-1``: the one before it), so the test holds when the migrations are re-chained.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, text
from test_search import found, ingest, record

from mawjaz.storage import migrate, search
from mawjaz.storage.engine import make_engine, transaction

BEFORE = "0016-1"
PARTITIONS = (
    "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
    "WHERE i.inhparent = 'article_search'::regclass ORDER BY c.relname"
)


def _state(engine: Engine) -> tuple[int, str, list[str]]:
    """Rows of the index, what it is (``p``: partitioned, ``r``: a table, ``v``: SQLite's virtual table), its partitions."""
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM article_search")).scalar_one()
        if engine.dialect.name != "postgresql":
            return rows, "v", []
        kind = connection.execute(text("SELECT relkind FROM pg_class WHERE oid = 'article_search'::regclass"))
        return rows, kind.scalar_one(), list(connection.execute(text(PARTITIONS)).scalars())


def _named(lows: Iterable[int]) -> list[str]:
    """The partitions of these lower bounds and the default, by name."""
    return sorted(["article_search_default", *[f"article_search_p{low}" for low in lows]])


def test_the_index_is_partitioned_without_losing_a_row_and_grows_a_partition_past_the_last_bound(db_url):
    engine = make_engine(db_url)
    if engine.dialect.name == "postgresql":  # the shared test database is already at head: start over
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine, BEFORE)
    old = ingest(engine, *[record(f"a{n}", f"داعش خبر رقم {n}", f"نص الخبر رقم {n}.", n=n) for n in range(4)])
    before = found(engine, [("داعش",)]), found(engine, [("خبر", "رقم")])
    migrate.upgrade(engine)
    upgraded = _state(engine)
    after = found(engine, [("داعش",)]), found(engine, [("خبر", "رقم")])
    if engine.dialect.name == "postgresql":  # ids jump past the last partition (0016 made two: 0-100k, 100k-200k)
        with engine.begin() as connection:
            connection.execute(text("SELECT setval(pg_get_serial_sequence('articles', 'id'), 250000)"))
    every = ingest(engine, *[record(f"b{n}", f"داعش خبر جديد {n}", f"نص جديد {n}.", n=n + 4) for n in range(2)])
    new = {ref: id_ for ref, id_ in every.items() if ref not in old}
    grown = _state(engine)
    homes: list[str] = []
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            homes = sorted(
                connection.execute(text("SELECT DISTINCT tableoid::regclass::text FROM article_search")).scalars()
            )
    newest = found(engine, [("داعش",)])
    with transaction(engine) as session:
        again = search.make_room(session)  # a second worker: room already made
    migrate.downgrade(engine, BEFORE)
    downgraded = _state(engine)
    migrate.upgrade(engine)
    if engine.dialect.name == "postgresql":  # leave the shared database at head and empty for the next test
        with engine.begin() as connection:
            connection.execute(text("TRUNCATE articles, stories CASCADE"))
    engine.dispose()
    assert after == before and sorted(before[0]) == sorted(old.values())
    assert sorted(newest) == sorted([*old.values(), *new.values()])
    assert again == 0
    if engine.dialect.name != "postgresql":
        assert upgraded == (4, "v", []) and grown == (6, "v", []) and downgraded == (6, "v", [])
        return
    # 0016 made two partitions of 100,000 ids (0-100k, 100k-200k); 0017 split the first up to one whole one ahead
    assert upgraded == (4, "p", _named([0, 20_000]))
    assert min(new.values()) > 250000
    assert grown == (6, "p", _named(range(0, 280_000, 20_000)))  # one whole partition past the newest id
    assert homes == ["article_search_p0", "article_search_p240000"]
    assert downgraded == (6, "r", [])


def test_rows_past_the_last_partition_wait_in_the_default_and_move_when_room_is_made(postgres_url, monkeypatch):
    """An ingest larger than a partition: its rows past the last bound land in the default, nothing fails."""
    engine = make_engine(postgres_url)
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE articles, stories CASCADE"))
        connection.execute(text("SELECT setval(pg_get_serial_sequence('articles', 'id'), 987653)"))
    make_room = search.make_room
    monkeypatch.setattr(search, "make_room", lambda session, upto=0: 0)  # room not yet made when the rows come
    ids = ingest(engine, record("c0", "داعش خبر", "نص الخبر.", n=0))
    monkeypatch.setattr(search, "make_room", make_room)
    with engine.connect() as connection:
        waiting = connection.execute(text("SELECT count(*) FROM article_search_default")).scalar_one()
    seen_before = found(engine, [("داعش",)])
    with transaction(engine) as session:
        made = search.make_room(session)
    with engine.connect() as connection:
        home = connection.execute(text("SELECT tableoid::regclass::text FROM article_search")).scalar_one()
        left = connection.execute(text("SELECT count(*) FROM article_search_default")).scalar_one()
        partitions = list(connection.execute(text(PARTITIONS)).scalars())
    seen_after = found(engine, [("داعش",)])
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE articles, stories CASCADE"))
    engine.dispose()
    assert ids["c0"] == 987654 and waiting == 1 and seen_before == [987654]
    assert made > 0 and home == "article_search_p980000" and left == 0
    assert "article_search_p1000000" in partitions and "article_search_p1020000" not in partitions  # one whole ahead
    assert seen_after == [987654]


def _answers(engine: Engine) -> tuple[list[int], ...]:
    return found(engine, [("داعش",)]), found(engine, [("خبر", "رقم")]), found(engine, [("نص",)])


def _skip_to(engine: Engine, last_id: int) -> None:
    """PostgreSQL: the next article's id is ``last_id + 1``."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("SELECT setval(pg_get_serial_sequence('articles', 'id'), :id)"), {"id": last_id})


def test_0017_splits_only_the_partitions_a_probe_can_reach_and_keeps_every_row_both_ways(db_url, monkeypatch):
    """Migration 0017: 0016's 100,000-id partitions from the newest id less 20,000 up split into 20,000 ids each.

    Older partitions keep their size (no probe reads them; the walk reads 100,000 ids at a time whatever the
    partitions); the downgrade merges the small ones back into 0016's. Same rows, same answers, at each step.
    """
    engine = make_engine(db_url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine, "0017-1")
    monkeypatch.setattr(search, "PARTITION_IDS", 100_000)  # 0016's workers made partitions of 100,000 ids
    ingest(engine, *[record(f"a{n}", f"داعش خبر رقم {n}", f"نص الخبر رقم {n}.", n=n) for n in range(2)])
    _skip_to(engine, 150_000)
    ingest(engine, *[record(f"b{n}", f"داعش خبر رقم {n}", f"نص الخبر الثاني {n}.", n=n + 2) for n in range(2)])
    _skip_to(engine, 285_000)
    ingest(engine, *[record(f"c{n}", f"خبر رقم {n} عن داعش", f"نص الخبر الثالث {n}.", n=n + 4) for n in range(2)])
    monkeypatch.undo()
    at_0016 = _state(engine), _answers(engine)
    migrate.upgrade(engine, "0017")
    at_0017 = _state(engine), _answers(engine)
    renamed = []
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            renamed = list(connection.execute(text("SELECT relname FROM pg_class WHERE relname LIKE '%0017%'")))
            homes = sorted(
                connection.execute(text("SELECT DISTINCT tableoid::regclass::text FROM article_search")).scalars()
            )
            indexes = connection.execute(
                text(
                    "SELECT count(*) FROM pg_index WHERE indrelid IN (SELECT relid FROM "
                    "pg_partition_tree('article_search') WHERE isleaf)"
                )
            ).scalar_one()
    migrate.downgrade(engine, "0017-1")
    back = _state(engine), _answers(engine)
    migrate.upgrade(engine)
    again = _state(engine), _answers(engine)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("TRUNCATE articles, stories CASCADE"))
    engine.dispose()
    assert at_0017[1] == at_0016[1] == back[1] == again[1] and len(at_0016[1][0]) == 6
    assert again == at_0017 and back == at_0016
    if engine.dialect.name != "postgresql":
        assert at_0016[0] == at_0017[0] == (6, "v", [])
        return
    assert at_0016[0] == (6, "p", _named(range(0, 400_000, 100_000)))
    # newest id 285,002: 200k-300k (its own) split in five, 300k-400k (empty) cut to one whole one ahead, 0-200k kept
    assert at_0017[0] == (6, "p", _named([0, 100_000, *range(200_000, 320_000, 20_000)]))
    assert homes == ["article_search_p0", "article_search_p100000", "article_search_p280000"]
    assert indexes == 2 * (1 + 2 + 6)  # each partition (and the default) its key and GIN index: ATTACH built them
    assert renamed == []  # the old tables and indexes gone
