"""near-duplicate keys (LSH index) and shingles, story centroids (inverted index of story terms)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 04:57:06.244424
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    op.create_table(
        'story_centroids',
        sa.Column('story_id', sa.Integer(), nullable=False),
        sa.Column('norm', sa.Float(), nullable=False),
        sa.Column('articles', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['story_id'], ['stories.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('story_id'),
    )
    op.create_table(
        'story_terms',
        sa.Column('story_id', sa.Integer(), nullable=False),
        sa.Column('term', sa.String(length=64), nullable=False),
        sa.Column('weight', sa.Float(), nullable=False),
        sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['story_id'], ['stories.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('story_id', 'term'),
    )
    with op.batch_alter_table('story_terms', schema=None) as batch_op:
        batch_op.create_index('ix_story_terms_term_last_seen', ['term', 'last_seen'], unique=False)

    op.create_table(
        'dedup_shingles',
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('body', sa.LargeBinary(), nullable=False),
        sa.Column('whole', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('article_id'),
    )
    op.create_table(
        'dedup_keys',
        sa.Column('key', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('key', 'article_id'),
    )
    _backfill(op.get_bind())


def _backfill(bind) -> None:
    """Key the articles stored before this revision, in batches, so their republications are found too.

    Stories need no backfill: a story older than the window attracts nothing,
    and one still in it simply gets no new articles from before the upgrade.
    """
    from mawjaz.text.fingerprint import fingerprint, packed

    articles = sa.table('articles', sa.column('id', sa.Integer()), sa.column('body', sa.Text()))
    keys = sa.table('dedup_keys', sa.column('key', sa.BigInteger()), sa.column('article_id', sa.Integer()))
    shingles = sa.table(
        'dedup_shingles',
        sa.column('article_id', sa.Integer()),
        sa.column('body', sa.LargeBinary()),
        sa.column('whole', sa.LargeBinary()),
    )
    last = 0
    while True:
        batch = bind.execute(
            sa.select(articles.c.id, articles.c.body).where(articles.c.id > last).order_by(articles.c.id).limit(BATCH)
        ).all()
        if not batch:
            break
        prints = [(article_id, fingerprint(body)) for article_id, body in batch]
        rows = [{'key': key, 'article_id': article_id} for article_id, print_ in prints for key in set(print_.keys)]
        if rows:
            bind.execute(keys.insert(), rows)
        bind.execute(
            shingles.insert(),
            [
                {'article_id': article_id, 'body': packed(p.shingles.body), 'whole': packed(p.shingles.whole)}
                for article_id, p in prints
            ],
        )
        last = batch[-1][0]


def downgrade() -> None:
    op.drop_table('dedup_keys')
    op.drop_table('dedup_shingles')
    with op.batch_alter_table('story_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_story_terms_term_last_seen')
    op.drop_table('story_terms')
    op.drop_table('story_centroids')
