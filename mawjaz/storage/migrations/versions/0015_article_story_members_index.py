"""articles: the index on story_id becomes (story_id, id), so that PostgreSQL seeks a story's latest or first article

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 16:30:00

Story placement reads each candidate story's latest headlines and texts
(``WHERE story_id = ? ORDER BY id DESC LIMIT n``, :mod:`mawjaz.storage.story_index`)
and /topic's window starts at the smallest article id of the stories seen
since its start (``search._window_floor``). On SQLite an index on
``story_id`` alone already orders each story's entries by id (the rowid ends
every index entry), so both are one seek. On PostgreSQL its entries hold
heap positions, not ids: each read fetched every article of the story and
sorted them. With ``id`` in the key, PostgreSQL walks the index backwards
(or takes its first entry) and stops. The old index is replaced, not kept
beside it: ``(story_id, id)`` answers everything ``story_id`` did (the
foreign key's ``ON DELETE SET NULL`` included), and one index less is
written per article.

On PostgreSQL both indexes are built and dropped ``CONCURRENTLY``, outside
the migration's transaction: a plain ``CREATE INDEX`` holds a SHARE lock on
``articles`` until the transaction commits, so on a large live database every
other worker's article insert would wait for the whole build. A concurrent
build that is interrupted (a worker killed, a deadlock, a unique violation)
leaves an INVALID index of the same name behind; ``IF NOT EXISTS`` alone
would keep it, so an invalid one is dropped first and the run that retries
ends with one valid index. SQLite has no concurrent builds and one writer at
a time: its batch path is unchanged.
"""

from alembic import op
from sqlalchemy import text

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        _replace_concurrently(build='ix_articles_story_id_id', columns=['story_id', 'id'], drop='ix_articles_story_id')
        return
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_story_id_id', ['story_id', 'id'], unique=False)
        batch_op.drop_index('ix_articles_story_id')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        _replace_concurrently(build='ix_articles_story_id', columns=['story_id'], drop='ix_articles_story_id_id')
        return
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_story_id', ['story_id'], unique=False)
        batch_op.drop_index('ix_articles_story_id_id')


def _replace_concurrently(build: str, columns: list[str], drop: str) -> None:
    """Build index ``build`` and drop ``drop`` without blocking writes to articles; safe to run again after a failure.

    Each statement commits on its own (Alembic's autocommit block ends the
    migrations' transaction first, and begins a new one after).
    """
    with op.get_context().autocommit_block():
        invalid = (
            op.get_bind()
            .execute(text('SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass(:name)'), {'name': build})
            .scalar()
        )
        if invalid:  # left by an interrupted concurrent build: it would satisfy IF NOT EXISTS without serving a read
            op.drop_index(build, table_name='articles', postgresql_concurrently=True, if_exists=True)
        op.create_index(build, 'articles', columns, unique=False, postgresql_concurrently=True, if_not_exists=True)
        op.drop_index(drop, table_name='articles', postgresql_concurrently=True, if_exists=True)
