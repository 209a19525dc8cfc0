"""article_mentions: the names the tagger found in each article, so each article is tagged once

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 16:00:00

A story's key actors used to be found by tagging the texts of all its
articles again each time the story changed: an article in a story that grew
to fifty articles was tagged fifty times. Now the names are found when the
article is stored (pipeline/store.py) and kept here, one row per distinct
(name as written, type, part of the article) with how often it occurs there
and its place in the order the tagger met them; a story's actors are
computed from these rows. ``articles.mentions_from`` says which tagger
wrote an article's rows (NULL: none yet). Articles stored before this
revision have none: they are tagged once, when their story's actors are next
computed (a lazy back-fill), and so are those a new tagger has not read.
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'article_mentions',
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('norm_key', sa.String(length=512), nullable=False),
        sa.Column('type', sa.String(length=8), nullable=False),
        sa.Column('part', sa.String(length=16), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('article_id', 'position'),
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mentions_from', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_column('mentions_from')
    op.drop_table('article_mentions')
