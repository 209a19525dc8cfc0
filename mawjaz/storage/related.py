"""Stories related to a story: those sharing its key actors (the story page's «قصص ذات صلة»)."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from mawjaz.storage.models import Story, StoryActor

#: The actors of the story looked at (its most salient): a story with 8 actors asks about these alone.
ACTORS = 5


def related(session: Session, story_id: int, limit: int = 5) -> list[Story]:
    """Other stories sharing the most of ``story_id``'s leading actors, then the most recent; at most ``limit``.

    One grouped query over ``story_actors`` (indexed by its key); a story that
    shares no actor is never listed, however close in time.
    """
    mine = (
        select(StoryActor.actor_id)
        .where(StoryActor.story_id == story_id)
        .order_by(col(StoryActor.score).desc(), col(StoryActor.actor_id))
        .limit(ACTORS)
    )
    shared = func.count(col(StoryActor.actor_id)).label("shared")
    query = (
        select(Story, shared)
        .join(StoryActor, col(StoryActor.story_id) == col(Story.id))
        .where(col(StoryActor.actor_id).in_(mine.scalar_subquery()), Story.id != story_id, Story.article_count > 0)
        .group_by(col(Story.id))
        .order_by(shared.desc(), col(Story.last_seen).desc(), col(Story.id).desc())
        .limit(limit)
    )
    return [story for story, _ in session.exec(query)]
