"""A Telegram channel's @username beside its numeric id, so one channel is one row

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 17:15:00

A channel added both as ``@name`` and as its ``-100…`` id used to be two
rows and got two digests. From here a channel's ``chat_id`` is its numeric
id (what ``getChat`` answers) and ``subscribers.username`` keeps its
``@name`` (lower case) for display and for matching either form. Rows
stored under ``@name`` before this revision are left as they are: the next
``mawjaz channels add`` of the channel (by either form) converts them in
place, ledger and all, so nothing is sent twice across the upgrade.
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('subscribers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('username', sa.String(length=64), nullable=True))


def downgrade() -> None:
    # Not in batch mode: on SQLite a batch would copy and drop ``subscribers``, and dropping it
    # cascades to every delivery and followed topic; SQLite (3.35+) drops a column in place.
    op.drop_column('subscribers', 'username')
