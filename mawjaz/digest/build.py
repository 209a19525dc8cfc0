"""Turning stored stories into the views readers are shown."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from mawjaz.digest.views import ActorView, ArticleView, CopyView, Digest, StoryView
from mawjaz.storage import articles as article_repo
from mawjaz.storage import driver
from mawjaz.storage import stories as repo
from mawjaz.storage.articles import ShownCopy
from mawjaz.storage.models import Story, id_of
from mawjaz.storage.stories import ActorScore, Shown, ShownStory
from mawjaz.text.outlets import outlet_name

if TYPE_CHECKING:
    from sqlmodel import Session

MAX_ACTORS = 8  # an actor is someone the story is about: up to 8 (digest/actors.py); renderers show fewer


def story_views(
    session: Session,
    stories: Sequence[Story | ShownStory],
    only: Mapping[int, Mapping[int, bool]] | None = None,
) -> list[StoryView]:
    """Views of ``stories`` in the given order, with articles, copies and actors loaded in bulk.

    ``only`` (a /topic answer): per story id, the articles to show, in that
    order, each with whether it is about the topic; the view then also says
    how many articles the story holds (``article_count``).
    """
    ids = [id_of(s) for s in stories]
    among = None if only is None else [a for chosen in only.values() for a in chosen]
    articles = repo.shown_articles(session, ids, among)
    copies = article_repo.shown_copies(session, [a.id for group in articles.values() for a in group])
    return _views(stories, articles, copies, repo.actors_of(session, ids), only)


def topic_views(session: Session, only: Mapping[int, Mapping[int, bool]]) -> list[StoryView]:
    """:func:`story_views` of a /topic answer: per story id, in the answer's order, its matching articles.

    Every read is known from the answer itself (the stories, the articles,
    their copies, the actors), so the four go to the database together: one
    round trip on PostgreSQL (:func:`mawjaz.storage.driver.execute_among_all`)
    where they were four, each waiting for the last.
    """
    ids = list(only)
    if not ids:
        return []
    among = [a for chosen in only.values() for a in chosen]
    stories, articles, copies, actors = driver.execute_among_all(
        session,
        [
            (repo.SHOWN_STORIES_SQL, [ids]),
            repo.shown_articles_read(ids, among),
            (article_repo.SHOWN_COPIES_SQL, [among]),
            (repo.ACTORS_SQL, [ids]),
        ],
    )
    order = {story_id: n for n, story_id in enumerate(ids)}
    shown = sorted(repo.shown_stories_of(stories), key=lambda s: order[s.id])
    return _views(
        shown,
        repo.shown_articles_of(articles, ids),
        article_repo.shown_copies_of(copies, among),
        repo.actors_of_rows(actors, ids),
        only,
    )


def _views(
    stories: Sequence[Story | ShownStory],
    articles: dict[int, list[Shown]],
    copies: Mapping[int, Sequence[ShownCopy]],
    actors: Mapping[int, Sequence[ActorScore]],
    only: Mapping[int, Mapping[int, bool]] | None,
) -> list[StoryView]:
    """The views of ``stories``, in their order, from what was read of them (see :func:`story_views`)."""
    if only is not None:
        for story_id, chosen in only.items():
            by_id = {a.id: a for a in articles.get(story_id, [])}
            articles[story_id] = [by_id[a] for a in chosen if a in by_id]
    views = []
    for story in stories:
        story_id = id_of(story)
        about = only.get(story_id) if only is not None else None
        article_views = []
        for article in articles[story_id]:
            article_copies = tuple(_copy_view(c) for c in copies[article.id])
            first = article_copies[0] if article_copies else None
            article_views.append(
                ArticleView(
                    id=article.id,
                    title=article.headline,
                    source=first.source if first else "",
                    url=next((c.url for c in article_copies if c.url), None),
                    published=article.published,
                    copies=article_copies,
                    source_name=first.source_name if first else None,
                    about=about.get(article.id) if about is not None else None,
                )
            )
        views.append(
            StoryView(
                id=story_id,
                headline=story.headline,
                summary=story.summary,
                actors=tuple(ActorView(a.name, a.type, a.score) for a in actors[story_id][:MAX_ACTORS]),
                first_seen=story.first_seen,
                last_seen=story.last_seen,
                articles=tuple(article_views),
                article_count=story.article_count if only is not None else None,
            )
        )
    return views


def _copy_view(copy: ShownCopy) -> CopyView:
    """A copy as shown: its stored outlet name, else (a copy stored before names were kept) the outlets table's."""
    return CopyView(copy.source, copy.url, copy.external_id, copy.source_name or outlet_name(copy.source, copy.url))


def digest_of(
    session: Session,
    stories: Sequence[Story],
    since: datetime | None,
    lang: str = "ar",
    note: str | None = None,
    *,
    followed: int = 0,
    updates: Collection[int] = (),
    now: datetime | None = None,
    zone: str | None = None,
    others: Mapping[int, int] | None = None,
) -> Digest:
    """The digest showing ``stories`` in the given order, as a reader in ``zone`` sees it at ``now``.

    ``followed``: how many of the first stories are the reader's topics (their own section); ``updates``: the
    stories the reader was shown before, back with new articles (marked as updates); ``others``: per story id, the
    other stories of its event the digest left out (said under it).
    """
    views = [replace(v, update=True) if v.id in updates else v for v in story_views(session, stories)]
    views = [replace(v, others=others[v.id]) if others and others.get(v.id) else v for v in views]
    return Digest(stories=tuple(views), since=since, lang=lang, note=note, followed=followed, now=now, zone=zone)
