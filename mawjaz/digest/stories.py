"""Story assignment: which story a freshly stored article belongs to, and keeping stories current.

Foundation behaviour: a new article starts its own story and a new copy
refreshes the story it already belongs to. The stories issue replaces
:func:`assign` with online clustering; :func:`refresh` stays the one place a
story's headline, summary, counts and actors are recomputed.
"""

from __future__ import annotations

from sqlmodel import Session

from mawjaz.digest.compose import headline_of, summary_of
from mawjaz.storage import stories as repo
from mawjaz.storage.articles import Outcome, Stored
from mawjaz.storage.models import Article


def assign(session: Session, stored: Stored) -> int | None:
    """Put a just-stored article in a story; returns the story id touched, or None if nothing changed."""
    if stored.outcome is Outcome.SEEN:
        return None
    article = session.get(Article, stored.article_id)
    assert article is not None
    if article.story_id is None:
        story = repo.new_story(session, article)
    else:
        story = repo.get(session, article.story_id)
        assert story is not None
    refresh(session, story.id)
    return story.id


def refresh(session: Session, story_id: int) -> None:
    """Recompute what a reader sees of the story from its articles."""
    story = repo.get(session, story_id)
    assert story is not None
    articles = repo.articles_of(session, [story_id])[story_id]
    repo.update(
        session,
        story,
        headline=headline_of(articles),
        summary=summary_of(articles),
        articles=articles,
        sources=repo.source_count(session, story_id),
    )
