"""Storing articles: distinct articles, copies, idempotent re-ingest — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from mawjaz.ingest.record import Article as Record
from mawjaz.storage import articles
from mawjaz.storage.articles import Outcome
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Article, ArticleCopy

BODY = "نفى الرئيس السوري المخلوع بشار الأسد أن يكون قد غادر سوريا بشكل مخطط له.\n\nوأضاف في بيان منسوب إليه أنه بقي في دمشق."


def record(source: str = "outlet-a", body: str = BODY, **extra) -> Record:
    return Record(
        title="بيان منسوب للأسد", body=body, source=source, external_id=extra.pop("external_id", "1"), **extra
    )


def store(engine, rec: Record):
    with transaction(engine) as session:
        return articles.store(session, rec)


def test_first_article_is_new(fresh_db):
    assert store(fresh_db, record()).outcome is Outcome.NEW


def test_same_text_from_another_outlet_is_a_copy_of_the_same_article(fresh_db):
    first = store(fresh_db, record("outlet-a"))
    second = store(fresh_db, record("outlet-b"))
    assert second.outcome is Outcome.COPY
    assert second.article_id == first.article_id
    with transaction(fresh_db) as session:
        copies = session.exec(select(ArticleCopy).where(ArticleCopy.article_id == first.article_id)).all()
    assert sorted(c.source for c in copies) == ["outlet-a", "outlet-b"]


def test_spelling_and_diacritic_variants_hash_alike():
    assert articles.content_hash("أعلنت الحكومةُ") == articles.content_hash("اعلنت  الحكومه")


def test_reingesting_the_same_copy_changes_nothing(fresh_db):
    store(fresh_db, record())
    again = store(fresh_db, record())
    assert again.outcome is Outcome.SEEN
    with transaction(fresh_db) as session:
        assert articles.counts(session) == {"articles": 1, "copies": 1}


def test_naive_publication_time_is_taken_as_utc(fresh_db):
    stored = store(fresh_db, record(published=datetime(2026, 11, 20, 8, 30)))
    with transaction(fresh_db) as session:
        article = session.get(Article, stored.article_id)
    assert article.published == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


def test_a_failed_transaction_leaves_nothing_behind(fresh_db):
    try:
        with transaction(fresh_db) as session:
            articles.store(session, record())
            raise RuntimeError("crash after storing, before commit")
    except RuntimeError:
        pass
    with transaction(fresh_db) as session:
        assert articles.counts(session) == {"articles": 0, "copies": 0}
