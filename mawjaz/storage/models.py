"""The tables of Mawjaz, as SQLModel classes: the persistent vocabulary.

Conventions that every repository relies on:

* Every datetime is **aware, in UTC** (SQLModel's ``UTCDateTime`` refuses
  naive values; PostgreSQL stores ``timestamptz``, SQLite UTC text).
  :func:`utcnow` gives such a value.
* An ``articles`` row is one *distinct* article; each place it was seen is an
  ``article_copies`` row. ``copy_key`` makes re-ingesting the same input a
  no-op instead of a second copy.
* ``deliveries`` is the ledger that makes sending safe: unique on
  (subscriber, local date, slot), so a restart or a second worker cannot enqueue a
  digest twice.

The schema itself is owned by the Alembic migrations in ``migrations/``;
a test checks that they and these classes agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Index,
    LargeBinary,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Now, as the aware UTC datetime every column stores."""
    return datetime.now(UTC)


class _Saved(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: _Saved) -> int:
    """The primary key of ``row``, read back or flushed (``id`` is None only before its first flush)."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id before it is flushed")
    return row.id


class Feed(SQLModel, table=True):
    """An RSS/Atom feed that ``mawjaz run`` polls; also the place a source's fetch state lives."""

    __tablename__ = "feeds"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column_kwargs={"unique": True}, max_length=2048)
    name: str | None = Field(default=None, max_length=512)
    category: str | None = Field(default=None, max_length=512)  # its folder in an OPML list (migration 0009)
    interval_s: int = 900
    etag: str | None = Field(default=None, max_length=512)
    last_modified: str | None = Field(default=None, max_length=128)
    last_fetched_at: datetime | None = None
    last_ok_at: datetime | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    error_count: int = 0
    next_fetch_at: datetime | None = Field(default=None, index=True)
    lease_owner: str | None = Field(default=None, max_length=128)
    lease_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Story(SQLModel, table=True):
    """Articles about one event. ``shown_at`` is set the first time anyone is shown it: from then on its id is a promise."""

    __tablename__ = "stories"

    id: int | None = Field(default=None, primary_key=True)
    headline: str = Field(sa_column=Column(Text, nullable=False))
    summary: str = Field(default="", sa_column=Column(Text, nullable=False))
    first_seen: datetime = Field(default_factory=utcnow, index=True)
    last_seen: datetime = Field(default_factory=utcnow, index=True)
    article_count: int = 0
    source_count: int = 0
    shown_at: datetime | None = None
    updated_at: datetime = Field(default_factory=utcnow)
    # its articles changed and its key actors are not yet written for them (see migration 0006)
    actors_due: bool = Field(default=False, index=True)
    # one event the grouping first split: this story was merged into that one, whose id now answers for it (migration 0010)
    merged_into: int | None = Field(default=None, foreign_key="stories.id", index=True, ondelete="SET NULL")


class Article(SQLModel, table=True):
    """One distinct article. ``content_hash`` is over the normalised body: byte-different republications still collide."""

    __tablename__ = "articles"
    # /topic joins index matches to their stories from ix_articles_id_story alone (migration 0014); a story's
    # latest or first article is one seek in ix_articles_story_id_id on PostgreSQL too (migration 0015)
    __table_args__ = (
        Index("ix_articles_id_story", "id", "story_id"),
        Index("ix_articles_story_id_id", "story_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    headline: str = Field(sa_column=Column(Text, nullable=False))
    body: str = Field(sa_column=Column(Text, nullable=False))
    language: str = Field(default="ar", max_length=8)
    published: datetime | None = Field(default=None, index=True)
    content_hash: str = Field(sa_column_kwargs={"unique": True}, max_length=64)
    subtitle: str | None = Field(default=None, sa_column=Column(Text))
    author: str | None = Field(default=None, max_length=512)
    captions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False))
    story_id: int | None = Field(default=None, foreign_key="stories.id", ondelete="SET NULL")
    first_seen: datetime = Field(default_factory=utcnow, index=True)
    # which tagger found the names in ``article_mentions``; None: not tagged yet (see migration 0011)
    mentions_from: str | None = Field(default=None, max_length=64)


class ArticleCopy(SQLModel, table=True):
    """One place an article was seen. Never dropped by a merge: provenance is what editors check first."""

    __tablename__ = "article_copies"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="articles.id", index=True, ondelete="CASCADE")
    copy_key: str = Field(sa_column_kwargs={"unique": True}, max_length=64)
    source: str = Field(max_length=512)
    url: str | None = Field(default=None, sa_column=Column(Text))
    external_id: str | None = Field(default=None, max_length=512)
    title: str = Field(sa_column=Column(Text, nullable=False))
    published: datetime | None = None
    fetched_at: datetime = Field(default_factory=utcnow)
    # the outlet as a reader knows it («سكاي نيوز عربية»); None when unknown (see migration 0007)
    source_name: str | None = Field(default=None, max_length=512)


class ArticleMention(SQLModel, table=True):
    """A name the tagger found in an article: written so, of this type, in this part, ``count`` times.

    ``position`` orders an article's rows as the tagger met them (headline,
    subtitle, captions, body); a story's key actors are computed from these
    rows, never by tagging its articles again (see migration 0011).
    """

    __tablename__ = "article_mentions"

    article_id: int = Field(foreign_key="articles.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    name: str = Field(sa_column=Column(Text, nullable=False))
    norm_key: str = Field(max_length=512)  # the name's index terms, space-separated
    type: str = Field(max_length=8)  # PER | ORG | LOC, LOC! a place for certain (after «محافظة», «مدينة» …)
    part: str = Field(max_length=16)  # headline | subtitle | caption | lead (the body's first lines) | body
    count: int = 1


class Actor(SQLModel, table=True):
    """A person, organisation or place, keyed by its normalised name and type."""

    __tablename__ = "actors"
    __table_args__ = (UniqueConstraint("norm_name", "type", name="uq_actors_norm_name_type"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=512)
    norm_name: str = Field(max_length=512)
    type: str = Field(max_length=8)  # PER | ORG | LOC


class StoryActor(SQLModel, table=True):
    """An actor's part in a story, with the salience that ranks it."""

    __tablename__ = "story_actors"

    story_id: int = Field(foreign_key="stories.id", primary_key=True, ondelete="CASCADE")
    actor_id: int = Field(foreign_key="actors.id", primary_key=True, ondelete="CASCADE")
    score: float = 0.0
    mentions: int = 0


class Subscriber(SQLModel, table=True):
    """A Telegram chat or channel, or a Slack channel, that gets a digest at ``digest_time`` in ``timezone``.

    ``later_times`` are the day's second and third digest times ('HH:MM HH:MM', empty for one a day);
    ``weekday`` is None for every day, else the one weekday (Monday 0) the digests come on (migration 0012).
    A channel's ``chat_id`` is its numeric ``-100…`` id and ``username`` its ``@name`` (migration 0013).
    """

    __tablename__ = "subscribers"
    __table_args__ = (UniqueConstraint("platform", "chat_id", name="uq_subscribers_platform_chat"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)  # telegram | slack
    chat_id: str = Field(max_length=128)
    team_id: str | None = Field(default=None, max_length=128)
    chat_type: str = Field(default="private", max_length=16)  # private | group | supergroup | channel
    lang: str = Field(default="ar", max_length=8)
    timezone: str = Field(default="Asia/Riyadh", max_length=64)
    digest_time: str = Field(default="08:00", max_length=5)
    active: bool = Field(default=True, index=True)
    # breaking alerts (migration 0009): "on" every breaking story, "follows" only those of followed topics, "off"
    alerts: str = Field(default="follows", max_length=8, sa_column_kwargs={"server_default": "follows"})
    quiet_start: str | None = Field(default=None, max_length=5)  # 'HH:MM' local: no alert from here…
    quiet_end: str | None = Field(default=None, max_length=5)  # …to here (may wrap past midnight)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    later_times: str = Field(default="", max_length=11, sa_column_kwargs={"server_default": ""})
    weekday: int | None = None
    # a Telegram channel's '@name' (lower case) beside its numeric chat_id, for display and matching (migration 0013)
    username: str | None = Field(default=None, max_length=64)


class Delivery(SQLModel, table=True):
    """One digest for one subscriber at one scheduled time: the ledger that prevents losing or double-sending.

    ``slot`` is the time's place in the subscriber's day (0: the first or only digest; migration 0012).
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("subscriber_id", "local_date", "slot", name="uq_deliveries_subscriber_date_slot"),
        Index("ix_deliveries_status_due", "status", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    subscriber_id: int = Field(foreign_key="subscribers.id", index=True, ondelete="CASCADE")
    # the row's key for its subscriber: YYYY-MM-DD in the subscriber's zone for a digest; for an alert,
    # storage.alerts.alert_key(story, development), which never looks like a date
    local_date: str = Field(max_length=10)
    due_at: datetime
    status: str = Field(default="queued", max_length=16)  # queued | sending | sent | failed
    claimed_by: str | None = Field(default=None, max_length=128)
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    attempts: int = 0
    message_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    error: str | None = Field(default=None, sa_column=Column(Text))
    # what the digest showed: [[story_id, article_count], …], written when it is rendered (migration 0007)
    shown: list[list[int]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))
    slot: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # migration 0012
    # an alert's story (migration 0009); None for a digest
    story_id: int | None = Field(default=None, foreign_key="stories.id", index=True, ondelete="CASCADE")


class FollowedTopic(SQLModel, table=True):
    """A topic a subscriber follows: stories matching it rank first in their digest."""

    __tablename__ = "followed_topics"

    subscriber_id: int = Field(foreign_key="subscribers.id", primary_key=True, ondelete="CASCADE")
    norm_topic: str = Field(primary_key=True, max_length=256)
    topic: str = Field(max_length=256)
    created_at: datetime = Field(default_factory=utcnow)


class Lease(SQLModel, table=True):
    """A named, expiring right held by one worker (e.g. the Telegram poller): PostgreSQL is the only coordinator."""

    __tablename__ = "leases"

    name: str = Field(primary_key=True, max_length=128)
    owner: str = Field(max_length=128)
    expires_at: datetime


class DedupKey(SQLModel, table=True):
    """One near-duplicate key (MinHash band or lead anchor) of an article: the shared LSH index of all workers."""

    __tablename__ = "dedup_keys"

    key: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    article_id: int = Field(foreign_key="articles.id", primary_key=True, ondelete="CASCADE")


class DedupShingles(SQLModel, table=True):
    """An article's shingle sets (sorted little-endian uint32), so verifying a candidate needs no re-reading of its text."""

    __tablename__ = "dedup_shingles"

    article_id: int = Field(foreign_key="articles.id", primary_key=True, ondelete="CASCADE")
    body: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    whole: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class StoryTerm(SQLModel, table=True):
    """One term of a story's centroid (normalised weight): the inverted index new articles are matched through."""

    __tablename__ = "story_terms"
    # The postings index covers what matching reads (story_id, weight): no table row is visited.
    __table_args__ = (Index("ix_story_terms_postings", "term", "last_seen", "story_id", "weight"),)

    story_id: int = Field(foreign_key="stories.id", primary_key=True, ondelete="CASCADE")
    term: str = Field(primary_key=True, max_length=64)
    weight: float
    last_seen: datetime


class StoryCentroid(SQLModel, table=True):
    """The length of a story's summed article vector, so the centroid in ``story_terms`` can grow incrementally."""

    __tablename__ = "story_centroids"

    story_id: int = Field(foreign_key="stories.id", primary_key=True, ondelete="CASCADE")
    norm: float
    articles: int = 0
