"""What each page shows, read from the database through the functions the CLI and the bots use.

Pure reading: every function takes a session and returns frozen values; the
templates only lay them out. The today page ranks as the digest does
(:func:`mawjaz.digest.pick.build_digest`), the topic page answers as
``mawjaz topic`` does (:func:`mawjaz.digest.topic.find_topic`), and the
story page adds what a chat bubble cannot hold: every outlet's report, the
developments (:func:`mawjaz.digest.developments.developments`) and related
stories (:func:`mawjaz.storage.related.related`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from mawjaz.digest import render
from mawjaz.digest.build import story_views
from mawjaz.digest.developments import Development, developments
from mawjaz.digest.topic import find_topic
from mawjaz.digest.views import StoryView
from mawjaz.errors import CommandError
from mawjaz.storage import related as related_repo
from mawjaz.storage import stories as stories_repo
from mawjaz.storage import subscribers
from mawjaz.storage.models import Story

if TYPE_CHECKING:
    from sqlmodel import Session

    from mawjaz.text.aliases import AliasIndex


@dataclass(frozen=True, slots=True)
class Report:
    """One outlet's report of the story: a copy of one of its articles."""

    outlet: str
    at: datetime | None
    title: str
    url: str | None  # None when missing or not http(s)


@dataclass(frozen=True, slots=True)
class StoryPage:
    story: StoryView
    latest: datetime
    sources: int
    reports: tuple[Report, ...]  # newest first
    developments: tuple[Development, ...]  # newest first
    related: tuple[StoryView, ...]


@dataclass(frozen=True, slots=True)
class Moved:
    """The story asked for now lives under another id (a merge): the page redirects there."""

    story_id: int


@dataclass(frozen=True, slots=True)
class TopicSection:
    """Today's page: the stories of one topic readers follow."""

    topic: str
    stories: tuple[StoryView, ...]


def followed_sections(
    session: Session, since: datetime | None, aliases: AliasIndex | None, topics: int = 5, per_topic: int = 3
) -> tuple[TopicSection, ...]:
    """A short story list per topic that readers follow most (:func:`mawjaz.storage.subscribers.most_followed`),
    found as ``/topic`` finds them; topics with nothing in the window are left out."""
    sections = []
    for topic in subscribers.most_followed(session, topics):
        try:
            answer = find_topic(session, topic, since, per_topic, aliases)
        except CommandError:  # a topic saved before the query rules changed: nothing to show for it
            continue
        if answer.stories:
            sections.append(TopicSection(topic, answer.stories))
    return tuple(sections)


def story_page(session: Session, story_id: int, related: int = 5) -> StoryPage | Moved | None:
    """The story's page, a :class:`Moved` when it was merged into another, or None when there is no such story."""
    now = stories_repo.resolve(session, [story_id])[story_id]
    if now != story_id:  # merged into the story readers know (issue 18): its address is the one to keep
        return Moved(now)
    story = session.get(Story, story_id)  # resolved above: not stories_repo.get, which would resolve it again
    if story is None or story.article_count <= 0:
        return None
    [view] = story_views(session, [story])
    return StoryPage(
        story=view,
        latest=render.latest(view),
        sources=len(view.sources),
        reports=reports(view),
        developments=tuple(reversed(developments(view.articles))),
        related=tuple(story_views(session, related_repo.related(session, story_id, related))),
    )


def reports(story: StoryView) -> tuple[Report, ...]:
    """Every outlet's report of ``story``, newest first (undated ones last), each copy of each article once."""
    out = []
    for article in story.articles:
        for copy in article.copies:
            outlet = render.shown_name(copy) or copy.source
            out.append(Report(outlet, article.published, article.title, render.safe_url(copy.url)))
    dated = sorted((r for r in out if r.at is not None), key=lambda r: r.at or story.last_seen, reverse=True)
    return tuple(dated + [r for r in out if r.at is None])
