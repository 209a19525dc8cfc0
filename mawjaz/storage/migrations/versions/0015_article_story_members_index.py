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
"""

from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_story_id_id', ['story_id', 'id'], unique=False)
        batch_op.drop_index('ix_articles_story_id')


def downgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_story_id', ['story_id'], unique=False)
        batch_op.drop_index('ix_articles_story_id_id')
