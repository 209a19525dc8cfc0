"""Platform-neutral answers to what people ask: written once, rendered per platform.

The CLI and the Telegram/Slack adapters all call these functions; none of
them knows about a platform, SQL or the network beyond a session.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from mawjaz.digest.build import build_digest
from mawjaz.digest.topic import check_query, clean_query, find_topic
from mawjaz.digest.views import Digest, TopicAnswer

__all__ = ["check_query", "clean_query", "digest", "topic"]


def topic(session: Session, query: str, since: datetime | None, limit: int = 10) -> TopicAnswer:
    """Stories about ``query`` in all its names and spellings (see :mod:`mawjaz.digest.topic`)."""
    return find_topic(session, query, since, limit)


def digest(session: Session, since: datetime | None, size: int | None, lang: str = "ar") -> Digest:
    return build_digest(session, since, size, lang)


def pick_stories(session: Session, since: datetime | None, size: int, followed: Sequence[str] = ()) -> list[Story]:
    """A reader's digest stories: those matching a followed topic first, then the top stories, ``size`` in all.

    ``followed`` are normalised topics. Within each group the order is the
    digest's (most outlets, then most recent).
    """
    top = stories_repo.top(session, since, size)
    if not followed:
        return top
    hit_ids = {hit.story_id for hit in search.find(session, list(followed), since, size)}
    if not hit_ids:
        return top
    first = sorted(session.exec(select(Story).where(col(Story.id).in_(list(hit_ids)))), key=_digest_order)
    rest = [story for story in top if story.id not in hit_ids]
    return (first + rest)[:size]


def _digest_order(story: Story) -> tuple:
    return (-story.source_count, -story.last_seen.timestamp(), -(story.id or 0))


def digest_of(session: Session, stories: Sequence[Story], since: datetime | None, lang: str = "ar",
              note: str | None = None) -> Digest:
    """The digest showing ``stories`` in the given order."""
    return Digest(stories=tuple(story_views(session, stories)), since=since, lang=lang, note=note)
