"""stories.actors_due: a story whose articles changed and whose key actors are not yet written for them

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 13:30:00

Key actors are tagged after a batch of articles commits (tagging is the
slowest step and a story touched ten times in a batch is tagged once). The
flag is set in the same transaction as the articles that change the story,
and cleared in the one that writes its actors, so a failure or a crash in
between leaves it set: the next ingest (or ``mawjaz db repair``) finishes the
work, and nothing half-done passes for done. Stories stored before this
revision that have no actor row are flagged once.
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actors_due', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index('ix_stories_actors_due', ['actors_due'], unique=False)
    op.execute(
        "UPDATE stories SET actors_due = TRUE"
        " WHERE NOT EXISTS (SELECT 1 FROM story_actors WHERE story_actors.story_id = stories.id)"
    )


def downgrade() -> None:
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_index('ix_stories_actors_due')
        batch_op.drop_column('actors_due')
