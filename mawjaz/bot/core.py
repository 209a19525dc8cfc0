"""Platform-neutral answers to what people ask: written once, rendered per platform.

The CLI and the Telegram/Slack adapters all call these functions; none of
them knows about a platform, SQL or the network beyond a session.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from mawjaz.digest.build import build_digest, story_views
from mawjaz.digest.topic import check_query, clean_query, expand, find_topic
from mawjaz.digest.views import Digest, TopicAnswer
from mawjaz.storage import search
from mawjaz.storage import stories as stories_repo
from mawjaz.storage.models import Story

__all__ = ["check_query", "clean_query", "digest", "digest_of", "pick_stories", "topic"]


def topic(session: Session, query: str, since: datetime | None, limit: int = 10) -> TopicAnswer:
    """Stories about ``query`` in all its names and spellings (see :mod:`mawjaz.digest.topic`)."""
    return find_topic(session, query, since, limit)


def digest(session: Session, since: datetime | None, size: int | None, lang: str = "ar") -> Digest:
    return build_digest(session, since, size, lang)


def pick_stories(session: Session, since: datetime | None, size: int, followed: Sequence[str] = ()) -> list[Story]:
    """A reader's digest stories: those about a followed topic first, then the top stories, ``size`` in all.

    ``followed`` are topics as the reader typed them; each is expanded through
    the aliases like a ``/topic`` query. Within each group the order is the
    digest's (most outlets, then most recent).
    """
    top = stories_repo.top(session, since, size)
    phrases = [phrase for name in followed for phrase in expand(name)]
    if not phrases:
        return top
    hit_ids = {hit.story_id for hit in search.find(session, phrases, since, size)}
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
