"""feeds.category (OPML lists)

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-06 16:00:00

``feeds.category`` is the folder a feed sits in when a reader's OPML list is
imported (miniflux and FreshRSS group feeds by category); ``mawjaz feeds
export`` writes it back, so a list round-trips. NULL: no category.
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('feeds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.String(length=512), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('feeds', schema=None) as batch_op:
        batch_op.drop_column('category')
