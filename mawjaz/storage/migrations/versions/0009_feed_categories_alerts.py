"""feeds.category (OPML lists); breaking alerts: subscribers' choice and quiet hours, deliveries.story_id

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 16:00:00

``feeds.category`` is the folder a feed sits in when a reader's OPML list is
imported (miniflux and FreshRSS group feeds by category); ``mawjaz feeds
export`` writes it back, so a list round-trips. NULL: no category.

Breaking alerts go through the delivery ledger like digests: an alert is a
``deliveries`` row whose ``story_id`` names its story and whose key
(``local_date``) is ``storage.alerts.alert_key(story, development)``, so the
unique (subscriber, key) makes each alert once per reader, whatever crashes
or how many workers tick. ``subscribers.alerts`` is the reader's choice
(``on``, ``follows``: only stories of followed topics, the default; ``off``),
``quiet_start``/``quiet_end`` their quiet hours (local 'HH:MM').
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('feeds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.String(length=512), nullable=True))
    with op.batch_alter_table('subscribers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alerts', sa.String(length=8), server_default='follows', nullable=False))
        batch_op.add_column(sa.Column('quiet_start', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('quiet_end', sa.String(length=5), nullable=True))
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('story_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_deliveries_story_id'), ['story_id'], unique=False)
        batch_op.create_foreign_key(
            'fk_deliveries_story_id_stories', 'stories', ['story_id'], ['id'], ondelete='CASCADE'
        )


def downgrade() -> None:
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_constraint('fk_deliveries_story_id_stories', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_deliveries_story_id'))
        batch_op.drop_column('story_id')
    with op.batch_alter_table('subscribers', schema=None) as batch_op:
        batch_op.drop_column('quiet_end')
        batch_op.drop_column('quiet_start')
        batch_op.drop_column('alerts')
    with op.batch_alter_table('feeds', schema=None) as batch_op:
        batch_op.drop_column('category')
