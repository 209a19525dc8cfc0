"""follows leases chat type

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 04:37:43.408667
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'leases',
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('owner', sa.String(length=128), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    op.create_table(
        'followed_topics',
        sa.Column('subscriber_id', sa.Integer(), nullable=False),
        sa.Column('norm_topic', sa.String(length=256), nullable=False),
        sa.Column('topic', sa.String(length=256), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['subscriber_id'], ['subscribers.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('subscriber_id', 'norm_topic'),
    )
    with op.batch_alter_table('subscribers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chat_type', sa.String(length=16), nullable=False, server_default='private'))


def downgrade() -> None:
    with op.batch_alter_table('subscribers', schema=None) as batch_op:
        batch_op.drop_column('chat_type')

    op.drop_table('followed_topics')
    op.drop_table('leases')
