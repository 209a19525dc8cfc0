"""Migration 0016: PostgreSQL's search index partitioned by article id; every row kept, partitions added as ids grow.

/topic reads the newest ids first; on one GIN index over the whole archive each bounded read still scanned every
match in the archive (docs/journal.md, "Session 18, /topic at 1M on PostgreSQL"). SQLite keeps its FTS5 table. Revisions
are named relative to 0016 (``0016-1``: the one before it), so the test holds when the migrations are re-chained.
"""

from __future__ import annotations

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
    assert upgraded == (4, "p", ["article_search_default", "article_search_p0", "article_search_p100000"])
    assert min(new.values()) > 250000
    assert grown == (
        6,
        "p",
        [
            "article_search_default",
            "article_search_p0",
            "article_search_p100000",
            "article_search_p200000",
            "article_search_p300000",
        ],
    )
    assert homes == ["article_search_p0", "article_search_p200000"]
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
    assert made > 0 and home == "article_search_p900000" and left == 0
    assert "article_search_p1000000" in partitions and "article_search_p1100000" not in partitions  # one whole ahead
    assert seen_after == [987654]
