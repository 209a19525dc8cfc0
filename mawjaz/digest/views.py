"""What a reader is shown, as frozen values: every renderer and the JSON contract read these.

``StoryView.to_json`` *is* the ``stories --json`` contract in the README:
extend it, never rename or drop a key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


@dataclass(frozen=True, slots=True)
class CopyView:
    """One place an article was seen. ``source`` is the input's id for the outlet; ``source_name`` is
    the outlet as a reader knows it («سكاي نيوز عربية»), None when unknown: show that, never ``source``."""

    source: str
    url: str | None
    external_id: str | None
    source_name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "url": self.url,
            "external_id": self.external_id,
            "source_name": self.source_name,
        }


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: int
    title: str
    source: str
    url: str | None
    published: datetime | None
    copies: tuple[CopyView, ...]
    source_name: str | None = None  # the outlet of its first copy as a reader knows it (see CopyView)
    about: bool | None = None  # a /topic answer: about the topic (True) or a passing mention (False); else None

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": iso(self.published),
            "copies": [c.to_json() for c in self.copies],
            "source_name": self.source_name,
        }
        if self.about is not None:
            out["about"] = self.about
        return out


@dataclass(frozen=True, slots=True)
class ActorView:
    name: str
    type: str  # PER | ORG | LOC
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class StoryView:
    id: int
    headline: str
    summary: str
    actors: tuple[ActorView, ...]
    first_seen: datetime
    last_seen: datetime
    articles: tuple[ArticleView, ...]
    update: bool = False  # shown to this reader before, back with new articles (a reader's digest only)
    others: int = 0  # a digest's: other stories of this event it left out, one slot per event («و3 تقارير أخرى»)
    #: A /topic answer: how many articles the story holds; ``articles`` are then only those that match.
    article_count: int | None = None
    #: Looked up by an id that was merged into this story (``stories --id``): this story's id, which answers for it.
    merged_into: int | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """Distinct outlets that carried the story, in order of first appearance."""
        seen: dict[str, None] = {}
        for article in self.articles:
            for copy in article.copies:
                seen.setdefault(copy.source, None)
        return tuple(seen)

    @property
    def source_names(self) -> tuple[str, ...]:
        """The outlets that carried the story as a reader knows them, in order of first appearance.

        One name per outlet of :attr:`sources` that has one; an outlet with no
        known name (a dump named by a hash) is left out rather than shown by its file name.
        """
        names: dict[str, None] = {}
        seen: set[str] = set()
        for article in self.articles:
            for copy in article.copies:
                if copy.source in seen:
                    continue
                seen.add(copy.source)
                if copy.source_name:
                    names.setdefault(copy.source_name, None)
        return tuple(names)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "summary": self.summary,
            "actors": [a.to_json() for a in self.actors],
            "first_seen": iso(self.first_seen),
            "last_seen": iso(self.last_seen),
            "articles": [a.to_json() for a in self.articles],
            **({"article_count": self.article_count} if self.article_count is not None else {}),
            **({"merged_into": self.merged_into} if self.merged_into is not None else {}),
        }


@dataclass(frozen=True, slots=True)
class Digest:
    """The stories one reader gets at one moment, ranked."""

    stories: tuple[StoryView, ...]
    since: datetime | None = None
    lang: str = "ar"
    note: str | None = None  # e.g. "nothing new since your last digest"
    followed: int = 0  # the first ``followed`` stories are the reader's topics («مواضيعك»), then the top stories
    now: datetime | None = None  # when it is shown: the header's date and each story's "3 hours ago"
    zone: str | None = None  # the reader's IANA time zone (None: the default, Asia/Riyadh)
    first_number: int = 1  # page 2 of five stories starts at 6
    pages: str | None = None  # MAWJAZ_PUBLIC_URL: each story then links to its page there («التغطية الكاملة»)

    def to_json(self) -> list[dict[str, Any]]:
        return [s.to_json() for s in self.stories]


@dataclass(frozen=True, slots=True)
class TopicAnswer:
    """The answer to ``/topic QUERY``: the expanded terms searched and the stories found.

    ``names``: the other names searched, as written in the aliases file;
    ``near``: the query's words were also matched apart (not only as a
    phrase); ``since``: the window's start (None: all time); ``older``: when
    no story falls inside the window, how many older ones match (up to
    :data:`mawjaz.digest.topic.OLDER_PROBE`), to offer them.
    """

    query: str
    terms: tuple[str, ...]
    stories: tuple[StoryView, ...] = field(default=())
    names: tuple[str, ...] = ()
    near: bool = False
    since: datetime | None = None
    older: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "terms": list(self.terms),
            "stories": [s.to_json() for s in self.stories],
            "names": list(self.names),
            "since": iso(self.since),
            "older": self.older,
        }
