"""Turning stored stories into the views readers are shown."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from mawjaz.digest.views import ActorView, ArticleView, CopyView, Digest, StoryView
from mawjaz.storage import articles as article_repo
from mawjaz.storage import stories as repo
from mawjaz.storage.models import Story, id_of

if TYPE_CHECKING:
    from sqlmodel import Session

MAX_ACTORS = 6


def story_views(session: Session, stories: Sequence[Story]) -> list[StoryView]:
    """Views of ``stories`` in the given order, with articles, copies and actors loaded in bulk."""
    ids = [id_of(s) for s in stories]
    articles = repo.articles_of(session, ids)
    copies = article_repo.copies_of(session, [id_of(a) for group in articles.values() for a in group])
    actors = repo.actors_of(session, ids)
    views = []
    for story in stories:
        article_views = []
        for article in articles[id_of(story)]:
            article_copies = copies[id_of(article)]
            first = article_copies[0] if article_copies else None
            article_views.append(
                ArticleView(
                    id=id_of(article),
                    title=article.headline,
                    source=first.source if first else "",
                    url=next((c.url for c in article_copies if c.url), None),
                    published=article.published,
                    copies=tuple(CopyView(c.source, c.url, c.external_id) for c in article_copies),
                )
            )
        views.append(
            StoryView(
                id=id_of(story),
                headline=story.headline,
                summary=story.summary,
                actors=tuple(ActorView(a.name, a.type, a.score) for a in actors[id_of(story)][:MAX_ACTORS]),
                first_seen=story.first_seen,
                last_seen=story.last_seen,
                articles=tuple(article_views),
            )
        )
    return views


def rank(views: Sequence[StoryView]) -> list[StoryView]:
    """Most outlets first, then most recent."""
    return sorted(views, key=lambda v: (-len(v.sources), -v.last_seen.timestamp(), -v.id))


def build_digest(session: Session, since: datetime | None, size: int | None, lang: str = "ar") -> Digest:
    views = rank(story_views(session, repo.top(session, since, size)))
    return Digest(stories=tuple(views), since=since, lang=lang)


def digest_of(session: Session, stories: Sequence[Story], since: datetime | None, lang: str = "ar",
              note: str | None = None) -> Digest:
    """The digest showing ``stories`` in the given order."""
    return Digest(stories=tuple(story_views(session, stories)), since=since, lang=lang, note=note)
