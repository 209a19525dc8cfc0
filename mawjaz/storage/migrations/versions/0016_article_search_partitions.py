"""article_search on PostgreSQL: partitioned by article id, 100,000 ids a partition, each with its own GIN index

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 22:00:00

/topic without a window reads the newest ids first (``search.PROBES``), but
a GIN index has no order: on one index over the whole archive, every slice
scanned every match of the query in the archive before the id bound was
applied (33 ms a slice for a name that 56k of 1M articles hold, against
0.3–0.6 ms at 10k), and the fallback read every match's row to sort by id.
Partitioned by id, a bounded slice reads the GIN index of the newest
partition or two only, and the fallback walks partitions newest first
(``search._pg_capped``). docs/journal.md, "Session 18, /topic at 1M on PostgreSQL".

The rows are copied once into the new partitions (one empty whole partition
past the newest id, and a default partition for any id past the last one:
``search.make_room`` adds partitions as ids grow), then the key, the GIN
index and the foreign key are built on the filled partitions, faster than
indexing row by row. The copy holds ``article_search`` locked for its
whole run: searches and the index writes of an ingest wait for it (the
migrations run before a worker starts serving). Frozen: plain SQL, the
partition size written here, not read from the live code. SQLite: nothing
changes (FTS5 keeps one index, read newest first through its rowid).
"""

from alembic import op
from sqlalchemy import text

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

IDS = 100_000


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    op.execute("SET LOCAL maintenance_work_mem = '512MB'")
    op.execute('LOCK TABLE article_search IN ACCESS EXCLUSIVE MODE')
    held = bind.execute(text('SELECT count(*), coalesce(max(article_id), 0) FROM article_search')).one()
    op.execute('ALTER TABLE article_search RENAME TO article_search_0015')
    op.execute(
        'CREATE TABLE article_search (article_id integer NOT NULL, doc tsvector NOT NULL) PARTITION BY RANGE (article_id)'
    )
    for low in range(0, (held[1] // IDS + 2) * IDS, IDS):  # one whole partition past the newest id
        op.execute(
            f'CREATE TABLE article_search_p{low} PARTITION OF article_search FOR VALUES FROM ({low}) TO ({low + IDS})'
        )
    op.execute('CREATE TABLE article_search_default PARTITION OF article_search DEFAULT')
    copied = bind.execute(
        text('INSERT INTO article_search SELECT article_id, doc FROM article_search_0015 ORDER BY article_id')
    ).rowcount
    if copied != held[0]:
        raise RuntimeError(f'article_search: {copied} rows copied of {held[0]}')
    op.execute('DROP TABLE article_search_0015')
    op.execute('ALTER TABLE article_search ADD CONSTRAINT article_search_pkey PRIMARY KEY (article_id)')
    op.execute('CREATE INDEX ix_article_search_doc ON article_search USING gin (doc)')
    op.execute(
        'ALTER TABLE article_search ADD CONSTRAINT article_search_article_id_fkey '
        'FOREIGN KEY (article_id) REFERENCES articles(id) ON DELETE CASCADE'
    )
    op.execute('ANALYZE article_search')


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    op.execute("SET LOCAL maintenance_work_mem = '512MB'")
    op.execute('LOCK TABLE article_search IN ACCESS EXCLUSIVE MODE')
    op.execute('CREATE TABLE article_search_0016 (article_id integer NOT NULL, doc tsvector NOT NULL)')
    op.execute('INSERT INTO article_search_0016 SELECT article_id, doc FROM article_search ORDER BY article_id')
    op.execute('DROP TABLE article_search')  # and its partitions
    op.execute('ALTER TABLE article_search_0016 RENAME TO article_search')
    op.execute('ALTER TABLE article_search ADD CONSTRAINT article_search_pkey PRIMARY KEY (article_id)')
    op.execute('CREATE INDEX ix_article_search_doc ON article_search USING gin (doc)')
    op.execute(
        'ALTER TABLE article_search ADD CONSTRAINT article_search_article_id_fkey '
        'FOREIGN KEY (article_id) REFERENCES articles(id) ON DELETE CASCADE'
    )
