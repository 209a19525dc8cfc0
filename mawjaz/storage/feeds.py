"""Feeds that ``mawjaz run`` polls: the list, and the lease that makes one worker fetch a feed at a time.

A feed is due when ``next_fetch_at`` has passed (or was never set). Taking
due feeds is one ``UPDATE … RETURNING`` that sets ``lease_owner`` and
``lease_until``, so two workers never fetch the same feed at once; a worker
that dies mid-fetch loses the lease when it expires. After a fetch, success
schedules the next one ``interval_s`` later; failure doubles the wait per
consecutive error (capped), so a broken feed is not hammered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from mawjaz.storage.engine import rowcount
from mawjaz.storage.models import Feed, utcnow

MAX_BACKOFF = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class FeedJob:
    """A feed this worker holds the lease on, with its conditional-GET validators."""

    id: int
    url: str
    interval_s: int
    etag: str | None
    last_modified: str | None
    error_count: int


def _insert(session: Session):
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Feed)


def add(session: Session, url: str, interval_s: int, name: str | None = None) -> tuple[Feed, bool]:
    """Add ``url`` (due at once), or update its interval and name; returns the row and whether it is new."""
    inserted = (
        session.execute(
            _insert(session)
            .values(url=url, name=name, interval_s=interval_s, error_count=0, created_at=utcnow())
            .on_conflict_do_nothing(index_elements=["url"])
            .returning(col(Feed.id))
        ).first()
        is not None
    )
    feed = session.exec(select(Feed).where(Feed.url == url)).one()
    if not inserted:
        feed.interval_s = interval_s
        feed.name = name or feed.name
        session.add(feed)
        session.flush()
    return feed, inserted


def add_many(session: Session, rows: Sequence[tuple[str, str | None, str | None]], interval_s: int) -> list[str]:
    """Add each ``(url, name, category)`` not there yet (due at once); returns the URLs added.

    A feed already polled keeps its interval, name and category: importing a
    list again changes nothing.
    """
    added: list[str] = []
    for url, name, category in rows:
        statement = (
            _insert(session)
            .values(url=url, name=name, category=category, interval_s=interval_s, error_count=0, created_at=utcnow())
            .on_conflict_do_nothing(index_elements=["url"])
            .returning(col(Feed.url))
        )
        if session.execute(statement).first() is not None:
            added.append(url)
    return added


def remove(session: Session, url: str) -> bool:
    return rowcount(session.execute(delete(Feed).where(col(Feed.url) == url))) == 1


def all_feeds(session: Session) -> list[Feed]:
    return list(session.exec(select(Feed).order_by(col(Feed.id))))


def claim_due(session: Session, owner: str, now: datetime, lease: timedelta, limit: int) -> list[FeedJob]:
    """Lease up to ``limit`` due feeds that nobody else is fetching right now."""
    inner = (
        select(Feed.id)
        .where(or_(col(Feed.next_fetch_at).is_(None), col(Feed.next_fetch_at) <= now))
        .where(or_(col(Feed.lease_until).is_(None), col(Feed.lease_until) < now))
        .order_by(col(Feed.next_fetch_at).asc().nulls_first(), col(Feed.id))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        inner = inner.with_for_update(skip_locked=True)
    statement = (
        update(Feed)
        .where(col(Feed.id).in_(inner.scalar_subquery()))
        .values(lease_owner=owner, lease_until=now + lease)
        .returning(
            col(Feed.id),
            col(Feed.url),
            col(Feed.interval_s),
            col(Feed.etag),
            col(Feed.last_modified),
            col(Feed.error_count),
        )
    )
    return [FeedJob(*row) for row in session.execute(statement)]


def _held(feed_id: int, owner: str):
    return update(Feed).where(col(Feed.id) == feed_id, col(Feed.lease_owner) == owner)


def succeeded(
    session: Session, job: FeedJob, owner: str, now: datetime, etag: str | None, last_modified: str | None
) -> bool:
    """Record a good fetch: validators kept for the next conditional GET, next fetch one interval later."""
    values = {
        "etag": etag,
        "last_modified": last_modified,
        "last_fetched_at": now,
        "last_ok_at": now,
        "last_error": None,
        "error_count": 0,
        "next_fetch_at": now + timedelta(seconds=job.interval_s),
        "lease_owner": None,
        "lease_until": None,
    }
    return rowcount(session.execute(_held(job.id, owner).values(**values))) == 1


def backoff(interval_s: int, errors: int) -> timedelta:
    """The wait after ``errors`` consecutive failures: interval × 2^errors, at most a day."""
    return min(timedelta(seconds=interval_s * (2 ** min(errors, 16))), MAX_BACKOFF)


def failed(session: Session, job: FeedJob, owner: str, now: datetime, error: str) -> bool:
    """Record a failed fetch and back off."""
    errors = job.error_count + 1
    values = {
        "last_fetched_at": now,
        "last_error": error[:2000],
        "error_count": errors,
        "next_fetch_at": now + backoff(job.interval_s, errors),
        "lease_owner": None,
        "lease_until": None,
    }
    return rowcount(session.execute(_held(job.id, owner).values(**values))) == 1
