"""What breaking alerts read: when each outlet reached a story, who wants alerts, what they were sent.

Alerts are rows of the delivery ledger (:mod:`mawjaz.storage.deliveries`):
``story_id`` names the story and the row's key (its ``local_date`` column)
is :func:`alert_key`, so the ledger's unique (subscriber, key) lets one alert
per reader, story and development exist, whatever crashes or how many
workers enqueue it. An alert key never looks like a date (it starts with a
letter), so no digest query mistakes one for a digest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from mawjaz.storage.models import Article, ArticleCopy, Delivery, Story, Subscriber

OFF, FOLLOWS, ON = "off", "follows", "on"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def alert_key(story_id: int, development: int) -> str:
    """The ledger key of a story's ``development``-th alert to a reader: at most 10 characters.

    >>> alert_key(123456, 0), alert_key(2**31 - 1, 9)
    ('a0:2n9c', 'a9:zik0zj')
    """
    digits = ""
    number = story_id
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS[rest] + digits
        if not number:
            break
    return f"a{development}:{digits}"


def development_of(key: str) -> int:
    """The development an alert key stands for (0: the first alert about the story).

    >>> development_of(alert_key(123456, 1))
    1
    """
    return int(key[1 : key.index(":")])


@dataclass(frozen=True, slots=True)
class Sent:
    """The alerts one reader was sent about one story so far: how many, and the latest one's time."""

    count: int
    latest: datetime


def arrivals(session: Session, since: datetime, until: datetime) -> dict[int, dict[str, datetime]]:
    """For every story that moved after ``since``: each outlet that carried it, and when it first did (≤ ``until``).

    An outlet is a copy's ``source_name`` (the outlet as readers know it, so
    two feeds of one outlet count once), else its ``source``; its time is the
    copy's publication time, else its article's, else when it was fetched.
    """
    moved = select(Story.id).where(col(Story.last_seen) > since)
    when = func.coalesce(ArticleCopy.published, Article.published, ArticleCopy.fetched_at)
    outlet = func.coalesce(ArticleCopy.source_name, ArticleCopy.source)
    query = (
        select(Article.story_id, outlet, func.min(when))
        .join(ArticleCopy, col(ArticleCopy.article_id) == col(Article.id))
        .where(col(Article.story_id).in_(moved.scalar_subquery()), when <= until)
        .group_by(col(Article.story_id), outlet)
    )
    found: dict[int, dict[str, datetime]] = {}
    for story_id, name, first in session.execute(query):
        found.setdefault(story_id, {})[name] = _aware(first)
    return found


def readers(session: Session) -> list[Subscriber]:
    """Subscribers who may get alerts: active, alerts not off."""
    query = select(Subscriber).where(col(Subscriber.active).is_(True), col(Subscriber.alerts) != OFF)
    return list(session.exec(query.order_by(col(Subscriber.id))))


def sent_about(session: Session, story_ids: Sequence[int]) -> dict[tuple[int, int], Sent]:
    """For each (subscriber, story) among ``story_ids``: the alerts enqueued so far."""
    if not story_ids:
        return {}
    query = (
        select(Delivery.subscriber_id, Delivery.story_id, func.count(), func.max(Delivery.due_at))
        .where(col(Delivery.story_id).in_(list(story_ids)))
        .group_by(col(Delivery.subscriber_id), col(Delivery.story_id))
    )
    return {(sub, story): Sent(count, _aware(latest)) for sub, story, count, latest in session.execute(query)}


def sent_since(session: Session, since: datetime) -> dict[int, list[datetime]]:
    """Each subscriber's alerts due since ``since`` (for the daily cap, counted per local day by the caller)."""
    query = select(Delivery.subscriber_id, Delivery.due_at).where(
        col(Delivery.story_id).is_not(None), col(Delivery.due_at) >= since
    )
    found: dict[int, list[datetime]] = {}
    for subscriber_id, due_at in session.execute(query):
        found.setdefault(subscriber_id, []).append(_aware(due_at))
    return found


def _aware(moment: datetime | str) -> datetime:
    """An aggregate's datetime: SQLite hands ``min``/``max`` back as text, PostgreSQL as an aware value."""
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
