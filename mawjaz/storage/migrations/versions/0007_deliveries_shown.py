"""deliveries.shown: which stories each digest showed, and how many articles each had then

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 13:45:00

A reader's next digest leaves out a story they were shown unless it has
articles since (then it is marked as an update): the ledger row of each
digest remembers what it showed, so this holds across restarts and workers.
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shown', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_column('shown')
