"""The delivery ledger: enqueue once, claim exclusively, record every message, never lose a row.

Life of a row::

    queued ──claim──► sending ──record last message──► sent
      ▲                  │  └──blocked / rejected────► failed
      └──release/reclaim─┘

* **Enqueue** inserts ``(subscriber, local date, slot)`` ignoring the unique
  conflict: a restart or a second worker enqueues nothing twice. The slot is
  the scheduled time's place in the subscriber's day (0 for the first or only
  digest), so a reader with three times a day has three rows a date.
* **Claim** is one ``UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING``:
  on PostgreSQL the inner select is ``FOR UPDATE SKIP LOCKED`` so workers
  never wait on each other; on SQLite the statement takes the write lock
  first (it is the transaction's first statement), so two claims are
  serialised and cannot pick the same row.
* **Record** appends the platform's message id after *each* message, in the
  same statement that keeps the claim fresh, and only while the row is still
  claimed by us. A restarted worker resumes after the last recorded message,
  so at most the one message in flight at a crash is sent again.
* **Reclaim** returns ``sending`` rows whose worker is no longer alive (its
  liveness lease lapsed) to ``queued``; their recorded message ids stay.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from mawjaz.storage.engine import rowcount
from mawjaz.storage.leases import WORKER_PREFIX
from mawjaz.storage.models import Delivery, Lease, Subscriber, id_of
from mawjaz.storage.stories import resolve

QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"


@dataclass(frozen=True, slots=True)
class Due:
    """A digest that should exist: one subscriber, one local date and slot of it, due at an instant (UTC).

    An alert is one too: its ``story_id`` set and ``local_date`` its key (:func:`mawjaz.storage.alerts.alert_key`).
    """

    subscriber_id: int
    local_date: str
    due_at: datetime
    story_id: int | None = None
    slot: int = 0  # the scheduled time's place in the subscriber's day (digests; 0 for an alert)


@dataclass(frozen=True, slots=True)
class Claimed:
    """A delivery this worker now holds, with what sending it needs."""

    id: int
    subscriber_id: int
    local_date: str
    due_at: datetime
    attempts: int
    message_ids: tuple[str, ...]
    platform: str
    chat_id: str
    chat_type: str
    lang: str
    active: bool = True  # False: the chat unsubscribed (or blocked us) after the digest was enqueued
    timezone: str | None = None  # the reader's zone: the digest's date and times are shown in it
    weekday: int | None = None  # None: daily digests; else weekly on that weekday (how far a first digest reaches)
    story_id: int | None = None  # set: an alert about this story, not a digest
    username: str | None = None  # a Telegram channel's @name, to name it in log lines


def _insert(session: Session):
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Delivery)


def ledger(session: Session, local_dates: Iterable[str]) -> set[tuple[int, str, int]]:
    """``(subscriber_id, local_date, slot)`` of every delivery already enqueued on these dates."""
    dates = sorted(set(local_dates))
    if not dates:
        return set()
    query = select(Delivery.subscriber_id, Delivery.local_date, Delivery.slot).where(
        col(Delivery.local_date).in_(dates)
    )
    return {(s, d, n) for s, d, n in session.exec(query)}


def enqueue(session: Session, dues: Sequence[Due]) -> int:
    """Insert the deliveries that are not there yet; returns how many were new."""
    if not dues:
        return 0
    rows: list[dict[str, object]] = [
        {
            "subscriber_id": d.subscriber_id,
            "local_date": d.local_date,
            "slot": d.slot,
            "due_at": d.due_at,
            "status": QUEUED,
            "attempts": 0,
            "message_ids": [],
            "story_id": d.story_id,
        }
        for d in dues
    ]
    new = 0
    for start in range(0, len(rows), 500):
        statement = _insert(session).values(rows[start : start + 500])
        statement = statement.on_conflict_do_nothing(index_elements=["subscriber_id", "local_date", "slot"])
        new += len(session.execute(statement.returning(col(Delivery.id))).all())
    return new


def claim(
    session: Session, owner: str, due_by: datetime, now: datetime, limit: int, platforms: Sequence[str] | None = None
) -> list[Claimed]:
    """Mark up to ``limit`` queued rows due by ``due_by`` as ours (claimed at ``now``), oldest due first.

    ``platforms`` limits the claim to subscribers this worker can send to.
    """
    inner = select(Delivery.id).where(Delivery.status == QUEUED, Delivery.due_at <= due_by)
    if platforms is not None:
        inner = inner.join(Subscriber, col(Subscriber.id) == col(Delivery.subscriber_id)).where(
            col(Subscriber.platform).in_(list(platforms))
        )
    inner = inner.order_by(col(Delivery.due_at), col(Delivery.id)).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        inner = inner.with_for_update(skip_locked=True, of=Delivery)
    statement = (
        update(Delivery)
        .where(col(Delivery.id).in_(inner.scalar_subquery()))
        .values(status=SENDING, claimed_by=owner, claimed_at=now, attempts=Delivery.attempts + 1)
        .returning(col(Delivery.id))
    )
    ids = [row[0] for row in session.execute(statement)]
    if not ids:
        return []
    query = (
        select(Delivery, Subscriber)
        .join(Subscriber, col(Subscriber.id) == col(Delivery.subscriber_id))
        .where(col(Delivery.id).in_(ids))
        .order_by(col(Delivery.due_at), col(Delivery.id))
    )
    return [
        Claimed(
            id=id_of(d),
            subscriber_id=d.subscriber_id,
            local_date=d.local_date,
            due_at=d.due_at,
            attempts=d.attempts,
            message_ids=tuple(d.message_ids or ()),
            platform=s.platform,
            chat_id=s.chat_id,
            chat_type=s.chat_type,
            lang=s.lang,
            active=bool(s.active),
            timezone=s.timezone,
            weekday=s.weekday,
            story_id=d.story_id,
            username=s.username,
        )
        for d, s in session.exec(query)
    ]


def record(
    session: Session, delivery_id: int, owner: str, message_ids: Sequence[str], now: datetime, done: bool = False
) -> bool:
    """Store the messages sent so far (and, when ``done``, mark the row sent); False if the claim was lost."""
    values: dict = {"message_ids": list(message_ids), "claimed_at": now}
    if done:
        values.update(status=SENT, sent_at=now, error=None)
    statement = update(Delivery).where(
        col(Delivery.id) == delivery_id, col(Delivery.claimed_by) == owner, col(Delivery.status) == SENDING
    )
    return rowcount(session.execute(statement.values(**values))) == 1


def set_shown(session: Session, delivery_id: int, owner: str, shown: Sequence[tuple[int, int]]) -> bool:
    """Remember what the digest shows (story id, its article count then); False if the claim was lost."""
    statement = update(Delivery).where(
        col(Delivery.id) == delivery_id, col(Delivery.claimed_by) == owner, col(Delivery.status) == SENDING
    )
    return rowcount(session.execute(statement.values(shown=[list(pair) for pair in shown]))) == 1


def seen_by(session: Session, subscriber_ids: Sequence[int], since: datetime) -> dict[int, dict[int, int]]:
    """For each subscriber, the stories their digests sent since ``since`` showed: story id → article count then.

    Only digests that were sent count (a failed one was not read); the latest showing of a story wins.
    """
    found: dict[int, dict[int, int]] = {i: {} for i in subscriber_ids}
    if not subscriber_ids:
        return found
    query = (
        select(Delivery.subscriber_id, Delivery.shown)
        .where(
            col(Delivery.subscriber_id).in_(list(subscriber_ids)),
            Delivery.status == SENT,
            col(Delivery.due_at) >= since,
        )
        .order_by(col(Delivery.due_at))
    )
    for subscriber_id, shown in session.exec(query):
        for story_id, article_count in shown or ():
            found[subscriber_id][int(story_id)] = int(article_count)
    merged = {k: v for k, v in resolve(session, sorted({i for s in found.values() for i in s})).items() if k != v}
    for seen in found.values():  # a story shown under an id since merged was shown as the story it answers as
        for gone in set(seen) & set(merged):
            seen[merged[gone]] = max(seen.get(merged[gone], 0), seen.pop(gone))
    return found


def fail(session: Session, delivery_id: int, owner: str, error: str) -> bool:
    """Give up on a delivery for good (the chat blocked us, the platform rejects it)."""
    statement = update(Delivery).where(
        col(Delivery.id) == delivery_id, col(Delivery.claimed_by) == owner, col(Delivery.status) == SENDING
    )
    return rowcount(session.execute(statement.values(status=FAILED, error=error[:2000]))) == 1


def release(session: Session, delivery_id: int, owner: str, retry_at: datetime, error: str | None) -> bool:
    """Hand a delivery back to the queue, to be claimed again from ``retry_at`` (messages kept)."""
    statement = update(Delivery).where(
        col(Delivery.id) == delivery_id, col(Delivery.claimed_by) == owner, col(Delivery.status) == SENDING
    )
    values = {"status": QUEUED, "claimed_by": None, "claimed_at": None, "due_at": retry_at, "error": error}
    return rowcount(session.execute(statement.values(**values))) == 1


def reclaim(session: Session, now: datetime) -> int:
    """Requeue ``sending`` rows whose worker holds no live lease (it died or hung); returns how many."""
    alive = select(Lease.owner).where(col(Lease.name).startswith(WORKER_PREFIX), Lease.expires_at >= now)
    statement = (
        update(Delivery)
        .where(col(Delivery.status) == SENDING)
        .where(col(Delivery.claimed_by).is_(None) | col(Delivery.claimed_by).not_in(alive.scalar_subquery()))
        .values(status=QUEUED, claimed_by=None, claimed_at=None)
    )
    return rowcount(session.execute(statement))


def previous(session: Session, subscriber_id: int, before: datetime) -> Delivery | None:
    """The subscriber's latest delivery due before ``before`` that was sent."""
    query = (
        select(Delivery)
        .where(Delivery.subscriber_id == subscriber_id, Delivery.due_at < before, Delivery.status == SENT)
        .where(col(Delivery.story_id).is_(None))  # digests only: an alert is no digest
        .order_by(col(Delivery.due_at).desc())
        .limit(1)
    )
    return session.exec(query).first()


def previous_due(session: Session, pairs: Sequence[tuple[int, datetime]]) -> dict[int, datetime]:
    """For each ``(subscriber, due time)``, the due time of its latest earlier sent delivery (in bulk).

    By due time, not by date: with several digests a day, the previous one
    is often the same day's, and each digest covers what came since it.
    """
    found: dict[int, datetime] = {}
    by_due: dict[datetime, list[int]] = {}
    for subscriber_id, due_at in pairs:
        by_due.setdefault(due_at, []).append(subscriber_id)
    for due_at, ids in by_due.items():
        query = (
            select(Delivery.subscriber_id, func.max(Delivery.due_at))
            .where(col(Delivery.subscriber_id).in_(ids), Delivery.status == SENT, Delivery.due_at < due_at)
            .where(col(Delivery.story_id).is_(None))  # digests only: an alert is no digest
            .group_by(col(Delivery.subscriber_id))
        )
        for subscriber_id, previous_at in session.exec(query):
            found[subscriber_id] = previous_at
    return found


def get(session: Session, delivery_id: int) -> Delivery | None:
    return session.get(Delivery, delivery_id)


def status_counts(session: Session, local_dates: Iterable[str] | None = None) -> dict[str, int]:
    """How many deliveries are in each status (on these local dates, or all)."""
    query = select(Delivery.status, func.count()).group_by(Delivery.status)
    dates = sorted(set(local_dates or ()))
    if dates:
        query = query.where(col(Delivery.local_date).in_(dates))
    counts = {QUEUED: 0, SENDING: 0, SENT: 0, FAILED: 0}
    counts.update({status: n for status, n in session.exec(query)})
    return counts


@dataclass(frozen=True, slots=True)
class QueueState:
    """What ``mawjaz status`` shows of the ledger at ``now``."""

    due: int  # queued and due: waiting for a worker
    later: int  # queued for later (a retry after a failure)
    sending: int  # claimed by a worker right now
    sent_today: int  # sent since ``day_start``
    failed_today: int  # given up since ``day_start`` (blocked, rejected, too many attempts)


def queue_state(session: Session, now: datetime, day_start: datetime) -> QueueState:
    """The queue depth and today's outcome; a failed row counts by its last claim, when it was given up."""

    def count(*where) -> int:
        return session.exec(select(func.count()).select_from(Delivery).where(*where)).one()

    return QueueState(
        due=count(Delivery.status == QUEUED, Delivery.due_at <= now),
        later=count(Delivery.status == QUEUED, Delivery.due_at > now),
        sending=count(Delivery.status == SENDING),
        sent_today=count(Delivery.status == SENT, col(Delivery.sent_at) >= day_start),
        failed_today=count(Delivery.status == FAILED, col(Delivery.claimed_at) >= day_start),
    )
