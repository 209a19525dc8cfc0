"""Answering ``/topic QUERY``: clean and check the query, expand it through the aliases, search, build views.

The CLI and both bots call :func:`find_topic` (through the command core), so
a query means the same thing everywhere. Each expanded name is a *phrase*
of index terms; the JSON answer lists them as ``terms``.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import Session, col, select

from mawjaz.digest.build import story_views
from mawjaz.digest.views import TopicAnswer
from mawjaz.errors import CommandError
from mawjaz.storage import search
from mawjaz.storage.models import Story
from mawjaz.text.aliases import AliasIndex, load_aliases

MAX_QUERY_CHARS = 200
_WRAPPING = r"[\s\"'«»“”„‟‘’`()\[\]{}<>.,:;!?؟،؛*+\-~^]+"
_TRIM = re.compile(rf"^{_WRAPPING}|{_WRAPPING}$")


def clean_query(query: str) -> str:
    """The query without the quotes and punctuation people wrap around it."""
    return _TRIM.sub("", query or "")


def check_query(query: str) -> str:
    """The cleaned query, or a CommandError that says how to ask (checked before any real work)."""
    if len(query or "") > 4 * MAX_QUERY_CHARS:  # refuse a huge paste before scanning it
        raise CommandError(_too_long(len(query)))
    cleaned = clean_query(query)
    if not cleaned:
        raise CommandError("اكتب موضوعاً بعد الأمر، مثل: /topic داعش — give a topic, e.g. /topic داعش")
    if len(cleaned) > MAX_QUERY_CHARS:
        raise CommandError(_too_long(len(cleaned)))
    return cleaned


def _too_long(length: int) -> str:
    return (
        f"الموضوع طويل جداً ({length} حرفاً، والحد {MAX_QUERY_CHARS}) — "
        f"topic too long ({length} characters, the limit is {MAX_QUERY_CHARS})"
    )


def expand(query: str, aliases: AliasIndex | None = None) -> list[tuple[str, ...]]:
    """The phrases searched for ``query``: its own terms first, then every other name of the same entity."""
    phrases = (aliases or load_aliases()).expand(query)
    unique: dict[tuple[str, ...], None] = {}
    for phrase in phrases:
        if phrase:
            unique.setdefault(tuple(phrase), None)
    return list(unique)


def find_topic(
    session: Session, query: str, since: datetime | None, limit: int = 10, aliases: AliasIndex | None = None
) -> TopicAnswer:
    cleaned = check_query(query)
    phrases = expand(cleaned, aliases)
    if not phrases:  # only stop words or symbols: nothing can match
        raise CommandError(f"«{cleaned}» لا يحوي كلمة يمكن البحث عنها — nothing searchable in «{cleaned}»")
    hits = search.find(session, phrases, since, limit)
    order = {h.story_id: n for n, h in enumerate(hits)}
    stories = sorted(session.exec(select(Story).where(col(Story.id).in_(list(order)))), key=lambda s: order[s.id])
    terms = tuple(" ".join(p) for p in phrases)
    return TopicAnswer(query=cleaned, terms=terms, stories=tuple(story_views(session, stories)))
