"""stories.merged_into: a story found to be one event with another answers as it

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 16:00:00

When a new article is as close to two stories as the articles of one event
are, the two are merged (mawjaz/digest/stories.py): the story readers have
seen keeps its id and takes the other's articles; the other's row stays,
empty, with ``merged_into`` naming the kept story, so its id still answers
(as the kept story) wherever a story is looked up by id. NULL for every story
that stands on its own, which is every story stored before this revision.
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_into', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_stories_merged_into'), ['merged_into'], unique=False)
        batch_op.create_foreign_key('fk_stories_merged_into', 'stories', ['merged_into'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_constraint('fk_stories_merged_into', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_stories_merged_into'))
        batch_op.drop_column('merged_into')
