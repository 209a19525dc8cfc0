"""Finding stories by the normalised phrases a query expanded to.

Foundation version: a substring match on each article's normalised text,
which already folds spelling variants and catches clitic-prefixed forms
(لداعش contains داعش). The search issue replaces it with FTS5 / tsvector;
the signature stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from mawjaz.storage.models import Article, Story


@dataclass(frozen=True, slots=True)
class Hit:
    story_id: int
    article_ids: tuple[int, ...]
    score: float


def _like(phrase: str) -> str:
    escaped = phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def find(session: Session, phrases: Sequence[str], since: datetime | None, limit: int) -> list[Hit]:
    """Stories with an article containing any phrase, most matching articles first, then most recent."""
    phrases = [p for p in phrases if p]
    if not phrases:
        return []
    match = or_(*(col(Article.search_text).like(_like(p), escape="\\") for p in phrases))
    query = (
        select(Article.story_id, func.count(Article.id), Story.last_seen)
        .join(Story, Story.id == Article.story_id)
        .where(match)
        .group_by(Article.story_id, Story.last_seen)
        .order_by(func.count(Article.id).desc(), col(Story.last_seen).desc())
        .limit(limit)
    )
    if since is not None:
        query = query.where(Story.last_seen >= since)
    hits = []
    for story_id, count, _last_seen in session.exec(query):
        ids = session.exec(
            select(Article.id).where(Article.story_id == story_id, match).order_by(Article.id)
        ).all()
        hits.append(Hit(story_id=story_id, article_ids=tuple(ids), score=float(count)))
    return hits
