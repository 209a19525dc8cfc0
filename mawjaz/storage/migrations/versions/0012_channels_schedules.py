"""Schedules a reader picks (up to three times a day, daily or weekly) and a ledger slot per time

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 15:45:00

``subscribers.later_times`` holds a reader's second and third digest times
('HH:MM HH:MM', empty for one digest a day: every existing row), so
``digest_time`` stays the day's first time and keeps its meaning.
``subscribers.weekday`` is NULL for a daily digest, else the one weekday
(Monday 0) it comes on. A Telegram channel is a subscriber row of chat type
``channel`` and needs no table of its own.

The ledger becomes unique on (subscriber, local date, slot), the slot being
the time's place in the day (0 first): a reader's first digest of a date
keeps slot 0, so rows enqueued before this revision still count as that
day's first digest and nothing is sent twice across the upgrade.
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('subscribers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('later_times', sa.String(length=11), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('weekday', sa.Integer(), nullable=True))
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('slot', sa.Integer(), nullable=False, server_default='0'))
        batch_op.drop_constraint('uq_deliveries_subscriber_date', type_='unique')
        batch_op.create_unique_constraint('uq_deliveries_subscriber_date_slot', ['subscriber_id', 'local_date', 'slot'])


def downgrade() -> None:
    op.execute("DELETE FROM deliveries WHERE slot > 0")
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_constraint('uq_deliveries_subscriber_date_slot', type_='unique')
        batch_op.create_unique_constraint('uq_deliveries_subscriber_date', ['subscriber_id', 'local_date'])
        batch_op.drop_column('slot')
    # Not in batch mode: on SQLite a batch would copy and drop ``subscribers``, and dropping it
    # cascades to every delivery and followed topic; SQLite (3.35+) drops a column in place.
    op.drop_column('subscribers', 'weekday')
    op.drop_column('subscribers', 'later_times')
