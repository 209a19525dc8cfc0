"""A reader's digest: their topics first (a capped section), then the day's top stories, nothing they have already read.

Storage says which stories moved inside the window and how
(:func:`mawjaz.storage.stories.moved_since`); :mod:`mawjaz.digest.rank` orders
them and keeps one per event; this module applies the reader:

* **Their topics** («مواضيعك»): stories whose headline names a followed
  topic (in any of its names, :func:`mawjaz.digest.topic.expand`), at most
  :data:`MAX_FOLLOWED` and never more than half the digest. A passing mention
  in a body does not put a story there.
* **Then the day's top stories**, in ranking order.
* **Nothing repeated**: ``seen`` (what the reader's earlier digests showed)
  leaves out stories with nothing new, and marks the others as updates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from mawjaz.digest.build import digest_of
from mawjaz.digest.rank import Candidate, events, unseen
from mawjaz.digest.topic import expand
from mawjaz.storage import search, story_index
from mawjaz.storage import stories as stories_repo
from mawjaz.storage.models import utcnow
from mawjaz.text.tokens import index_terms

if TYPE_CHECKING:
    from sqlmodel import Session

    from mawjaz.digest.views import Digest
    from mawjaz.storage.models import Story
    from mawjaz.text.aliases import AliasIndex

MAX_FOLLOWED = 3
CANDIDATES = 300  # stories that moved in the window, read for ranking (the most outlets first)


@dataclass(frozen=True, slots=True)
class Picked:
    """The stories of one digest, in order: ``followed`` (the reader's topics) then ``top``."""

    followed: tuple[Story, ...] = ()
    top: tuple[Story, ...] = ()
    updates: frozenset[int] = field(default_factory=frozenset)  # shown before, with articles since
    others: Mapping[int, int] = field(default_factory=dict)  # story id → other stories of its event left out

    @property
    def stories(self) -> tuple[Story, ...]:
        return self.followed + self.top


def candidates(session: Session, since: datetime) -> list[Candidate]:
    """Every story that moved since ``since``, with what ranking needs (two queries, then centroids, texts, actors)."""
    moved = [m for m in stories_repo.moved_since(session, since, CANDIDATES) if m.outlets]
    ids = [m.story_id for m in moved]
    weights = story_index.centroids(session, ids)
    texts = {s.id: f"{s.headline} {s.summary}" for s in stories_repo.by_ids(session, ids)}
    actors = stories_repo.actors_of(session, ids)
    return [
        Candidate(
            m.story_id,
            m.outlets,
            m.new_outlets,
            m.last_seen,
            m.article_count,
            weights[m.story_id],
            event_terms(texts.get(m.story_id, ""), [a.name for a in actors[m.story_id] if a.type == "LOC"]),
        )
        for m in moved
    ]


def event_terms(text: str, places: Sequence[str]) -> frozenset[str]:
    """The index terms of a story's headline and lead that are not its places' (what happened, who acted).

    >>> sorted(event_terms("مقتل عشرات الفلسطينيين في قطاع غزة", ["قطاع غزة"]))
    ['عشرات', 'فلسطينيين', 'مقتل']
    """
    placed = {term for place in places for term in index_terms(place)}
    return frozenset(index_terms(text)) - placed


def pick(
    session: Session,
    since: datetime,
    now: datetime,
    size: int,
    followed: Sequence[str] = (),
    seen: Mapping[int, int] | None = None,
    aliases: AliasIndex | None = None,
    moved: Sequence[Candidate] | None = None,
) -> Picked:
    """The reader's digest: ``size`` stories at most. ``moved``: :func:`candidates`, when already read for others."""
    pool = list(moved) if moved is not None else candidates(session, since)
    fresh, updates = unseen(pool, seen or {})
    folded = events(fresh, now)
    order = [c for c, _ in folded]
    about = _about(session, followed, since, aliases, {c.story_id for c in order})
    cap = min(MAX_FOLLOWED, size // 2)
    mine = [c.story_id for c in order if c.story_id in about][:cap]
    rest = [c.story_id for c in order if c.story_id not in mine][: size - len(mine)]
    stories = {s.id: s for s in stories_repo.by_ids(session, mine + rest)}
    return Picked(
        followed=tuple(stories[i] for i in mine),
        top=tuple(stories[i] for i in rest),
        updates=frozenset(i for i in mine + rest if i in updates),
        others={c.story_id: n for c, n in folded if n and c.story_id in stories},
    )


def _about(
    session: Session, followed: Sequence[str], since: datetime, aliases: AliasIndex | None, among: set[int]
) -> set[int]:
    """Which of ``among`` have a followed topic in a headline (not a passing mention in a body)."""
    phrases = [phrase for name in followed for phrase in expand(name, aliases)]
    if not phrases or not among:
        return set()
    hits = search.find(session, phrases, since, len(among))
    return {hit.story_id for hit in hits if hit.in_headline and hit.story_id in among}


def build_digest(
    session: Session, since: datetime | None, size: int | None, lang: str = "ar", now: datetime | None = None
) -> Digest:
    """The digest anyone would get for ``since`` (no topics, no history): ``mawjaz digest``, the demo, the benches.

    With no window (``--all``) there is no "today" to rank by: the stories carried by the most outlets come first.
    """
    if since is None:
        stories = stories_repo.top(session, None, size)
    else:
        picked = pick(session, since, now or utcnow(), size or CANDIDATES)
        return digest_of(session, picked.stories, since, lang, others=picked.others)
    return digest_of(session, stories, since, lang)
