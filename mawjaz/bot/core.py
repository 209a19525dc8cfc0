"""Platform-neutral answers to what people ask: written once, rendered per platform.

The CLI and the Telegram/Slack adapters all call these functions; none of
them knows about a platform, SQL or the network beyond a session.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import Session, col, select

from mawjaz.digest.build import build_digest, story_views
from mawjaz.digest.views import Digest, TopicAnswer
from mawjaz.errors import CommandError
from mawjaz.storage import search
from mawjaz.storage.models import Story
from mawjaz.text import normalise

MAX_QUERY_CHARS = 200
_QUOTES_AND_PUNCT = re.compile(r"^[\s\"'«»“”„‟‘’`()\[\]{}.,:;!?؟،؛*+\-]+|[\s\"'«»“”„‟‘’`()\[\]{}.,:;!?؟،؛*+\-]+$")


def clean_query(query: str) -> str:
    """The query without the quotes and punctuation people wrap around it."""
    return _QUOTES_AND_PUNCT.sub("", query or "")


def check_query(query: str) -> str:
    cleaned = clean_query(query)
    if not cleaned:
        raise CommandError("اكتب موضوعاً بعد الأمر، مثل: /topic داعش — give a topic, e.g. /topic داعش")
    if len(cleaned) > MAX_QUERY_CHARS:
        raise CommandError(
            f"الموضوع طويل جداً ({len(cleaned)} حرفاً، والحد {MAX_QUERY_CHARS}) — "
            f"topic too long ({len(cleaned)} characters, the limit is {MAX_QUERY_CHARS})"
        )
    return cleaned


def expand(query: str) -> list[str]:
    """The normalised phrases searched for ``query``."""
    return [normalise(query)]


def topic(session: Session, query: str, since: datetime | None, limit: int = 10) -> TopicAnswer:
    cleaned = check_query(query)
    terms = expand(cleaned)
    hits = search.find(session, terms, since, limit)
    order = {h.story_id: n for n, h in enumerate(hits)}
    stories = sorted(
        session.exec(select(Story).where(col(Story.id).in_(list(order)))), key=lambda s: order[s.id]
    )
    return TopicAnswer(query=cleaned, terms=tuple(terms), stories=tuple(story_views(session, stories)))


def digest(session: Session, since: datetime | None, size: int | None, lang: str = "ar") -> Digest:
    return build_digest(session, since, size, lang)
