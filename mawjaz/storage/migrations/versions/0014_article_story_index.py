"""articles: an index on (id, story_id), so that /topic joins its matches to their stories without reading articles

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 18:30:00

A /topic search joins up to 400 index matches to their stories
(:mod:`mawjaz.storage.search`). On SQLite an article's row holds its body and
search text before ``story_id``, so reading ``story_id`` walked each row's
overflow pages: at 10k synthetic articles a stage took 1.2 ms, 0.3 of them
the index matches, and takes 0.6 ms with ``(id, story_id)`` in an index of
their own (the statement names it: ``INDEXED BY``). PostgreSQL reads
``story_id`` from the row itself (the texts are TOASTed out of it) and has
no need of it, but the schema is one for both.
"""

from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_id_story', ['id', 'story_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_id_story')
