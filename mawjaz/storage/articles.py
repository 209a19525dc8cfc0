"""Storing articles: one row per distinct article, one copy per place it was seen.

Each call stores one record whole or not at all (a savepoint wraps it), and
is safe against a concurrent worker storing the same article: unique keys
decide, and the loser of a race re-reads what the winner wrote.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from mawjaz.ingest.record import Article as Record
from mawjaz.storage.models import Article, ArticleCopy, utcnow
from mawjaz.text import normalise


class Outcome(StrEnum):
    NEW = "new"  # a distinct article, stored for the first time
    COPY = "copy"  # a new place for an article we already had
    SEEN = "seen"  # this very copy was stored before: nothing to do


@dataclass(frozen=True, slots=True)
class Stored:
    outcome: Outcome
    article_id: int


def content_hash(body: str) -> str:
    """SHA-256 of the normalised body: spelling, spacing and diacritic variants hash alike."""
    return hashlib.sha256(normalise(body).encode("utf-8")).hexdigest()


def copy_key(record: Record, body_hash: str) -> str:
    """Identity of one copy: the outlet and its id for the article (or URL, or else the text)."""
    ident = record.external_id or record.url or body_hash
    return hashlib.sha256(f"{record.source}\x1f{ident}".encode()).hexdigest()


def search_text(record: Record) -> str:
    return f"{normalise(record.title)}\n{normalise(record.body)}"


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def store(session: Session, record: Record) -> Stored:
    """Store ``record`` as a new article or as a copy of the one it duplicates."""
    body_hash = content_hash(record.body)
    key = copy_key(record, body_hash)
    for _attempt in range(3):
        seen = session.exec(select(ArticleCopy.article_id).where(ArticleCopy.copy_key == key)).first()
        if seen is not None:
            return Stored(Outcome.SEEN, seen)
        try:
            with session.begin_nested():
                article_id = session.exec(select(Article.id).where(Article.content_hash == body_hash)).first()
                outcome = Outcome.COPY
                if article_id is None:
                    article_id = _insert_article(session, record, body_hash)
                    outcome = Outcome.NEW
                session.add(_copy(record, article_id, key))
                session.flush()
            return Stored(outcome, article_id)
        except IntegrityError:
            continue  # another worker stored it between our read and our write: read again
    raise RuntimeError(f"could not store {record.source}: {record.title!r} after 3 attempts")


def _insert_article(session: Session, record: Record, body_hash: str) -> int:
    article = Article(
        headline=record.title,
        body=record.body,
        language=record.language,
        published=_aware(record.published),
        content_hash=body_hash,
        subtitle=record.subtitle,
        author=record.author,
        captions=list(record.captions),
        search_text=search_text(record),
    )
    session.add(article)
    session.flush()
    assert article.id is not None
    return article.id


def _copy(record: Record, article_id: int, key: str) -> ArticleCopy:
    return ArticleCopy(
        article_id=article_id,
        copy_key=key,
        source=record.source,
        url=record.url,
        external_id=record.external_id,
        title=record.title,
        published=_aware(record.published),
        fetched_at=utcnow(),
    )


def copies_of(session: Session, article_ids: list[int]) -> dict[int, list[ArticleCopy]]:
    """Copies of each article, oldest first."""
    found: dict[int, list[ArticleCopy]] = {i: [] for i in article_ids}
    if not article_ids:
        return found
    rows = session.exec(
        select(ArticleCopy).where(ArticleCopy.article_id.in_(article_ids)).order_by(ArticleCopy.id)
    )
    for row in rows:
        found[row.article_id].append(row)
    return found


def counts(session: Session) -> dict[str, int]:
    from sqlalchemy import func

    return {
        "articles": session.exec(select(func.count()).select_from(Article)).one(),
        "copies": session.exec(select(func.count()).select_from(ArticleCopy)).one(),
    }
