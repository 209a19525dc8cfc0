"""Subscribers (a Telegram chat or a Slack channel) and the topics they follow, SQL kept here.

A row exists for every chat that told us a preference; ``active`` says
whether it gets the daily digest. So ``/time 07:30`` before ``/start`` is
remembered, and ``/stop`` keeps the settings for a later ``/start``.
Creating a row is race-free: an insert that ignores the unique
(platform, chat) conflict, then a read of whatever row won.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from mawjaz.storage.engine import rowcount
from mawjaz.storage.models import Delivery, FollowedTopic, Subscriber, utcnow

MAX_FOLLOWED = 20


@dataclass(frozen=True, slots=True)
class Chat:
    """Where a subscriber lives: enough to find or create its row."""

    platform: str
    chat_id: str
    team_id: str | None = None
    chat_type: str = "private"


@dataclass(frozen=True, slots=True)
class ChannelRef:
    """A Telegram channel as Telegram names it (``getChat``): its numeric id, its identity, and its @username.

    The id never changes; the @username is kept (lower case) to show the channel and to match it when
    someone names it that way, so ``@name`` and ``-100…`` are one channel, one row, one digest.
    """

    chat_id: str
    username: str | None = None  # "@name", lower case; None for a private channel


@dataclass(frozen=True, slots=True)
class Defaults:
    """What a new row gets."""

    timezone: str = "Asia/Riyadh"
    digest_time: str = "08:00"
    lang: str = "ar"


def _insert(session: Session, table):
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def find(session: Session, platform: str, chat_id: str) -> Subscriber | None:
    query = select(Subscriber).where(Subscriber.platform == platform, Subscriber.chat_id == chat_id)
    return session.exec(query).first()


def ensure(session: Session, chat: Chat, defaults: Defaults) -> Subscriber:
    """The chat's row, created inactive with ``defaults`` when there is none (safe under races)."""
    found = find(session, chat.platform, chat.chat_id)
    if found is not None:
        return found
    now = utcnow()
    session.execute(
        _insert(session, Subscriber)
        .values(
            platform=chat.platform,
            chat_id=chat.chat_id,
            team_id=chat.team_id,
            chat_type=chat.chat_type,
            lang=defaults.lang,
            timezone=defaults.timezone,
            digest_time=defaults.digest_time,
            active=False,
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["platform", "chat_id"])
    )
    row = find(session, chat.platform, chat.chat_id)
    assert row is not None
    return row


def change(session: Session, subscriber: Subscriber, **values) -> Subscriber:
    """Set ``values`` (active, lang, timezone, digest_time, later_times, weekday, chat_type, team_id) on the row."""
    for name, value in values.items():
        setattr(subscriber, name, value)
    subscriber.updated_at = utcnow()
    session.add(subscriber)
    session.flush()
    return subscriber


def get(session: Session, subscriber_id: int) -> Subscriber | None:
    return session.get(Subscriber, subscriber_id)


def active(session: Session) -> list[Subscriber]:
    """Every subscriber that gets a daily digest."""
    return list(session.exec(select(Subscriber).where(col(Subscriber.active).is_(True)).order_by(col(Subscriber.id))))


def deactivate(session: Session, subscriber_id: int) -> None:
    """Stop sending to a chat that blocked us or disappeared; its settings stay."""
    session.execute(
        update(Subscriber).where(col(Subscriber.id) == subscriber_id).values(active=False, updated_at=utcnow())
    )


def deactivate_chat(session: Session, platform: str, chat_id: str) -> None:
    session.execute(
        update(Subscriber)
        .where(col(Subscriber.platform) == platform, col(Subscriber.chat_id) == chat_id)
        .values(active=False, updated_at=utcnow())
    )


def migrate_chat(session: Session, platform: str, old_chat_id: str, new_chat_id: str) -> None:
    """Follow a chat that moved (a Telegram group upgraded to a supergroup).

    When the new chat already has a row (it was used meanwhile), that row
    wins and the old one is deactivated: never two rows for one chat.
    """
    old = find(session, platform, old_chat_id)
    if old is None:
        return
    if find(session, platform, new_chat_id) is not None:
        change(session, old, active=False)
        return
    change(session, old, chat_id=new_chat_id, chat_type="supergroup")


def counts(session: Session) -> dict[str, int]:
    rows = session.exec(select(Subscriber.active, func.count()).group_by(col(Subscriber.active))).all()
    found = {bool(is_active): n for is_active, n in rows}
    return {"active": found.get(True, 0), "inactive": found.get(False, 0)}


# --- followed topics -------------------------------------------------------


def followed(session: Session, subscriber_id: int) -> list[FollowedTopic]:
    query = (
        select(FollowedTopic)
        .where(FollowedTopic.subscriber_id == subscriber_id)
        .order_by(col(FollowedTopic.created_at))
    )
    return list(session.exec(query))


def followed_by(session: Session, subscriber_ids: Sequence[int]) -> dict[int, list[str]]:
    """Topics each subscriber follows, as they typed them, in bulk (delivery prepares many digests at once)."""
    found: dict[int, list[str]] = {i: [] for i in subscriber_ids}
    if not subscriber_ids:
        return found
    query = (
        select(FollowedTopic.subscriber_id, FollowedTopic.topic)
        .where(col(FollowedTopic.subscriber_id).in_(list(subscriber_ids)))
        .order_by(col(FollowedTopic.created_at))
    )
    for subscriber_id, topic in session.exec(query):
        found[subscriber_id].append(topic)
    return found


def follow(session: Session, subscriber_id: int, topic: str, norm_topic: str, now: datetime | None = None) -> bool:
    """Follow a topic; False when it was already followed."""
    result = session.execute(
        _insert(session, FollowedTopic)
        .values(subscriber_id=subscriber_id, norm_topic=norm_topic, topic=topic, created_at=now or utcnow())
        .on_conflict_do_nothing(index_elements=["subscriber_id", "norm_topic"])
        .returning(col(FollowedTopic.norm_topic))
    )
    return result.first() is not None


def unfollow(session: Session, subscriber_id: int, norm_topic: str) -> bool:
    """Stop following; False when it was not followed."""
    result = session.execute(
        delete(FollowedTopic).where(
            col(FollowedTopic.subscriber_id) == subscriber_id, col(FollowedTopic.norm_topic) == norm_topic
        )
    )
    return rowcount(result) == 1


def most_followed(session: Session, limit: int, at_least: int = 2) -> list[str]:
    """The topics the most readers follow (each as one of them wrote it), for the editors' page.

    Only topics followed by ``at_least`` readers: the page is public, and a topic one reader follows says
    something about that reader.
    """
    readers = func.count(col(FollowedTopic.subscriber_id))
    query = (
        select(FollowedTopic.norm_topic, func.min(FollowedTopic.topic))
        .group_by(col(FollowedTopic.norm_topic))
        .having(readers >= at_least)
        .order_by(readers.desc(), col(FollowedTopic.norm_topic))
        .limit(limit)
    )
    return [topic for _, topic in session.exec(query)]


# --- Telegram channels ---------------------------------------------------------


def channels(session: Session, platform: str = "telegram") -> list[Subscriber]:
    """Every channel the digest is posted to (active or paused), in the order they were added."""
    query = (
        select(Subscriber)
        .where(Subscriber.platform == platform, Subscriber.chat_type == "channel")
        .order_by(col(Subscriber.id))
    )
    return list(session.exec(query))


def _named(platform: str, names: Sequence[str]):
    """Rows whose id or @username is one of ``names`` (a row from before migration 0013 has its @name as id)."""
    return select(Subscriber).where(
        Subscriber.platform == platform,
        or_(col(Subscriber.chat_id).in_(list(names)), col(Subscriber.username).in_(list(names))),
    )


def find_channel(session: Session, platform: str, name: str) -> Subscriber | None:
    """The channel ``name`` stands for, whether it is given as its ``-100…`` id or its ``@name``."""
    query = _named(platform, [name]).where(Subscriber.chat_type == "channel").order_by(col(Subscriber.id))
    return session.exec(query).first()


def ensure_channel(session: Session, platform: str, ref: ChannelRef, defaults: Defaults) -> tuple[Subscriber, bool]:
    """The channel's one row, keyed by its id; True when it is new.

    A row kept under the channel's ``@name`` (added that way before
    migration 0013) becomes the channel's row, its ledger with it, so what
    was sent is not sent again. Should the channel have two rows (added
    once by name and once by id before then), the row under the id stays
    and the other is forgotten: one channel gets one digest.
    """
    names = [ref.chat_id, *([ref.username] if ref.username else [])]
    rows = list(session.exec(_named(platform, names).order_by(col(Subscriber.id))))
    keep = next((row for row in rows if row.chat_id == ref.chat_id), rows[0] if rows else None)
    for row in rows:
        if row is not keep:
            _forget(session, row.id)
    new = keep is None
    if keep is None:
        keep = ensure(session, Chat(platform, ref.chat_id, None, "channel"), defaults)
    change(session, keep, chat_id=ref.chat_id, username=ref.username, chat_type="channel")
    return keep, new


def pause_channel(session: Session, platform: str, ref: ChannelRef) -> None:
    """Stop posting to a channel that removed the bot, whichever way it was added."""
    names = [ref.chat_id, *([ref.username] if ref.username else [])]
    session.execute(
        update(Subscriber)
        .where(
            col(Subscriber.platform) == platform,
            or_(col(Subscriber.chat_id).in_(names), col(Subscriber.username).in_(names)),
        )
        .values(active=False, updated_at=utcnow())
    )


def remove(session: Session, platform: str, chat_id: str, chat_type: str | None = None) -> bool:
    """Forget a chat (only of ``chat_type`` when given): its row, ledger and topics; False when there was none.

    A channel is found by its id or its ``@name``.
    """
    row = find_channel(session, platform, chat_id) if chat_type == "channel" else find(session, platform, chat_id)
    if row is None or (chat_type is not None and row.chat_type != chat_type):
        return False
    assert row.id is not None
    _forget(session, row.id)
    return True


def _forget(session: Session, subscriber_id: int | None) -> None:
    session.execute(delete(Delivery).where(col(Delivery.subscriber_id) == subscriber_id))
    session.execute(delete(FollowedTopic).where(col(FollowedTopic.subscriber_id) == subscriber_id))
    session.execute(delete(Subscriber).where(col(Subscriber.id) == subscriber_id))
