"""search index: FTS5 on SQLite, tsvector + GIN on PostgreSQL, backfilled

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 04:50:00
"""

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE article_search ("
            " article_id integer PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
            " doc tsvector NOT NULL)"
        )
        op.execute("CREATE INDEX ix_article_search_doc ON article_search USING gin (doc)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5(headline, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
        op.execute(
            "CREATE TRIGGER article_search_forget AFTER DELETE ON articles "
            "BEGIN DELETE FROM article_search WHERE rowid = old.id; END"
        )
    _backfill(bind)


def _backfill(bind) -> None:
    """Index the articles stored before this revision, in batches.

    Frozen: the articles are read with plain SQL, by the columns they had at
    this revision, never through the live models (a column added by a later
    revision would not exist yet when this one runs).
    """
    from sqlalchemy import text
    from sqlmodel import Session

    from mawjaz.storage.search import index_text

    session = Session(bind=bind)
    last = 0
    query = text("SELECT id, headline, body FROM articles WHERE id > :last ORDER BY id LIMIT :batch")
    while True:
        batch = session.execute(query, {"last": last, "batch": BATCH}).all()
        if not batch:
            break
        for article_id, headline, body in batch:
            index_text(session, article_id, headline, body)
        last = batch[-1][0]
    session.flush()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        op.execute("DROP TRIGGER IF EXISTS article_search_forget")
    op.execute("DROP TABLE article_search")
