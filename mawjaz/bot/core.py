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
