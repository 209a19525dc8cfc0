"""article_copies.source_name: the outlet as a reader knows it

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 10:00:00

A copy's ``source`` identifies it (part of its ``copy_key``) and stays what
the input said: a feed's title, a JSONL ``source`` such as ``skynews``, a
dump's file stem such as ``000_ca76a3fd311ad556``. ``source_name`` is the
name a reader is shown («سكاي نيوز عربية»), from the input itself or the
outlets table (mawjaz/text/outlets.py); NULL when unknown. Copies stored
before this revision stay NULL: the views name them from the outlets table
when they are read, so a table extended later names them too.
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('article_copies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_name', sa.String(length=512), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('article_copies', schema=None) as batch_op:
        batch_op.drop_column('source_name')
