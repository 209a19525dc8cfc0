"""article_search on PostgreSQL: the newest partitions split to 20,000 ids each, as ``search.make_room`` now makes them

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08 00:30:00

A /topic search without a window first reads the newest 1,000, 3,000 and
10,000 ids (``search.PROBES``): each slice's bound prunes to the newest
partition or two, and scans their GIN indexes whole, so its time grows with
the partition's size, not the slice's (the Netanyahu phrase: 12 ms a slice
on 0016's 100,000-id partitions at 1M). ``search.make_room`` now makes
partitions of 20,000 ids (``search.PARTITION_IDS``); the walk still reads
100,000 ids at a time (``search.WALK_IDS``), whatever the partitions.
docs/journal.md, "Session 19, /topic at 1M on PostgreSQL: partitions of 20,000 ids".

Only what a probe can reach is split: every partition wider than 20,000 ids
whose upper bound passes the newest id less 20,000 (at 0016 the newest
partition, the empty whole one past it, and the one before when the newest
id is within 20,000 of its start). Older partitions keep 100,000 ids: no
probe reads them, and a walk's range reads one of them as it would read five
small ones, so re-partitioning the archive would cost minutes for nothing.
For a user upgrading a 1M database: at most 120,000 rows are copied (the
newest partition's, and the whole one before it when the newest id is within
20,000 of its partition's start; the rest are empty), in a bounded time
whatever the archive's size (18.0 s on the tiled 1M database, 98,172 rows
into five partitions and an empty one cut to one of 20,000, load 3–4; the
downgrade 19.3 s); each split partition is detached, its
rows copied into five new tables in id order, which are then attached (the
key, GIN index and foreign key built on the filled tables: no GIN pending
list), and the old table dropped. The whole upgrade holds ``article_search``
in ACCESS EXCLUSIVE mode: searches and an ingest's index writes wait for it
(the migrations run before a worker starts serving). Row counts are checked.
Of the empty partitions past the newest id only one whole one of 20,000
ids is made, as ``make_room`` keeps (0016 kept a whole 100,000 ahead: five
empty partitions here, each planned in every probe and in the walk's first
range for nothing); the range past it is the default's, as before. The
default partition is left as it is (``make_room`` moves its rows).

Downgrade: every partition narrower than 100,000 ids is merged back into the
100,000-id partition 0016 would have held it (with any row of that range
waiting in the default), so the layout is 0016's again. Frozen: plain SQL,
the sizes written here. SQLite: nothing changes.
"""

import re

from alembic import op
from sqlalchemy import text

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

IDS = 20_000
OLD_IDS = 100_000
BOUNDS = (
    "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
    "WHERE i.inhparent = 'article_search'::regclass"
)


def _partitions(bind) -> list[tuple[str, int, int]]:
    """Every partition of ``article_search`` but the default: name, low, high, by low."""
    found = []
    for name, bound in bind.execute(text(BOUNDS)):
        m = re.search(r'FROM \((\d+)\) TO \((\d+)\)', bound)
        if m:
            found.append((name, int(m.group(1)), int(m.group(2))))
    return sorted(found, key=lambda p: p[1])


def _refill(bind, old: list[str], low: int, high: int, size: int, *, default: bool = False, upto: int = 0) -> None:
    """The rows of partitions ``old`` (and, with ``default``, the default's rows in range) into [low, high), ``size`` ids a partition.

    With ``upto``, no partition is made from past ``upto`` on: that range is the default's, as if never made.
    """
    held = sum(bind.execute(text(f'SELECT count(*) FROM {name}')).scalar_one() for name in old)
    for name in old:
        op.execute(f'ALTER TABLE article_search DETACH PARTITION {name}')
        op.execute(f'ALTER TABLE {name} RENAME TO {name}_0017')
        # its key and GIN index keep their names (article_search_p{low}_pkey, …), which the new partitions take
        indexes = bind.execute(
            text(f"SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = '{name}_0017'::regclass")
        )
        for (index,) in indexes.all():
            op.execute(f'ALTER INDEX {index} RENAME TO {index}_0017')
    sources = [f'SELECT article_id, doc FROM {name}_0017' for name in old]
    if default:
        op.execute(
            f'CREATE TEMP TABLE article_search_waiting ON COMMIT DROP AS WITH moved AS (DELETE FROM article_search_default '
            f'WHERE article_id >= {low} AND article_id < {high} RETURNING article_id, doc) SELECT * FROM moved'
        )
        held += bind.execute(text('SELECT count(*) FROM article_search_waiting')).scalar_one()
        sources.append('SELECT article_id, doc FROM article_search_waiting')
    copied = 0
    for part in range(low, min(high, upto) if upto else high, size):
        name = f'article_search_p{part}'
        op.execute(f'CREATE TABLE {name} (article_id integer NOT NULL, doc tsvector NOT NULL)')
        copied += bind.execute(
            text(
                f'INSERT INTO {name} SELECT article_id, doc FROM ({" UNION ALL ".join(sources)}) s '
                f'WHERE article_id >= {part} AND article_id < {part + size} ORDER BY article_id'
            )
        ).rowcount
        # the key, the GIN index and the foreign key built by ATTACH on the filled table, as the parent's are
        op.execute(f'ALTER TABLE article_search ATTACH PARTITION {name} FOR VALUES FROM ({part}) TO ({part + size})')
        op.execute(f'ANALYZE {name}')
    if copied != held:
        raise RuntimeError(f'article_search [{low}, {high}): {copied} rows copied of {held}')
    for name in old:
        op.execute(f'DROP TABLE {name}_0017')
    if default:
        op.execute('DROP TABLE article_search_waiting')


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    op.execute("SET LOCAL maintenance_work_mem = '512MB'")
    op.execute('LOCK TABLE article_search IN ACCESS EXCLUSIVE MODE')
    newest = bind.execute(text('SELECT coalesce(max(article_id), 0) FROM article_search')).scalar_one()
    for name, low, high in _partitions(bind):
        if high - low > IDS and high > newest - IDS:  # empty ones past one whole partition ahead: not made
            _refill(bind, [name], low, high, IDS, upto=newest + IDS + 1)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    op.execute("SET LOCAL maintenance_work_mem = '512MB'")
    op.execute('LOCK TABLE article_search IN ACCESS EXCLUSIVE MODE')
    groups: dict[int, list[str]] = {}
    for name, low, high in _partitions(bind):
        if high - low < OLD_IDS:
            groups.setdefault(low // OLD_IDS * OLD_IDS, []).append(name)
    for low, names in sorted(groups.items()):
        _refill(bind, names, low, low + OLD_IDS, OLD_IDS, default=True)
