"""Reading and writing stories, their articles and their actors, SQL kept here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func
from sqlmodel import Session, col, select

from mawjaz.storage import driver
from mawjaz.storage.models import Article, ArticleCopy, Story, utcnow


@dataclass(frozen=True, slots=True)
class ActorScore:
    name: str
    norm_name: str
    type: str
    score: float
    mentions: int


def article_time(article: Article) -> datetime:
    """When an article happened for ranking and windows: its publication, else when we first saw it."""
    return article.published or article.first_seen


def get(session: Session, story_id: int) -> Story | None:
    """The story ``story_id`` answers as: itself, or the story it was merged into (see :func:`resolve`)."""
    return session.get(Story, resolve(session, [story_id]).get(story_id, story_id))


def resolve(session: Session, story_ids: Sequence[int]) -> dict[int, int]:
    """Each id the story it answers as now: itself, or for a story merged into another, that story's id.

    Two stories the grouping first split and later found to be one event
    (:func:`mawjaz.storage.story_index.merge_stories`) are one story under the
    id readers saw; the other id keeps answering, as it. Unknown ids map to themselves.
    """
    found = {i: i for i in story_ids}
    pending = list(found)
    for _ in range(8):  # merges point at the story that remains: one step, a few after concurrent merges
        if not pending:
            break
        marks = ", ".join("?" for _ in pending)
        rows = driver.execute(
            session, f"SELECT id, merged_into FROM stories WHERE id IN ({marks}) AND merged_into IS NOT NULL", pending
        ).all()
        step = {row[0]: row[1] for row in rows}
        pending = []
        for asked, now in found.items():
            if now in step:
                found[asked] = step[now]
                pending.append(step[now])
        pending = sorted(set(pending))
    return found


# Statements read for every answer (/topic, a digest) are built once: building and coercing a statement
# costs more than SQLAlchemy's cached compilation of it. ``ids`` expands to the list given. (Views read theirs on
# the DB-API cursor: see shown_articles.)
_BY_IDS = select(Story).where(col(Story.id).in_(bindparam("ids", expanding=True)))
_ARTICLES_OF = (
    select(Article).where(col(Article.story_id).in_(bindparam("ids", expanding=True))).order_by(col(Article.id))
)


def by_ids(session: Session, story_ids: Sequence[int]) -> list[Story]:
    """The stories with these ids, in no particular order."""
    return list(session.exec(_BY_IDS, params={"ids": list(story_ids)}))


def articles_of(session: Session, story_ids: Sequence[int]) -> dict[int, list[Article]]:
    """Articles of each story, earliest first."""
    found: dict[int, list[Article]] = {i: [] for i in story_ids}
    if not story_ids:
        return found
    for row in session.exec(_ARTICLES_OF, params={"ids": list(story_ids)}):
        assert row.story_id is not None  # selected by story
        found[row.story_id].append(row)
    for articles in found.values():
        articles.sort(key=lambda a: (article_time(a), a.id))
    return found


@dataclass(frozen=True, slots=True)
class Shown:
    """An article as a story view shows it: headline and time (see :func:`article_time`)."""

    id: int
    story_id: int
    headline: str
    published: datetime | None
    first_seen: datetime


def shown_articles(
    session: Session, story_ids: Sequence[int], among: Sequence[int] | None = None
) -> dict[int, list[Shown]]:
    """What views show of each story's articles, earliest first; only those in ``among`` when given.

    A /topic answer lists the matching articles of a story only (``among``),
    and a big story's others would be read for nothing. Plain columns, not
    model objects: a /topic answer can list a hundred articles, and loading
    each as an ``Article`` (body, search text and captions included) cost
    more than the search that found them. On the DB-API cursor, as one fixed
    statement text (see :func:`mawjaz.storage.driver.any_of`): SQLAlchemy's
    own execution cost as much as the statement.
    """
    if not story_ids or (among is not None and not among):
        return {i: [] for i in story_ids}
    sql, lists = shown_articles_read(story_ids, among)
    return shown_articles_of(driver.execute_among(session, sql, *lists), story_ids)


def shown_articles_read(
    story_ids: Sequence[int], among: Sequence[int] | None = None
) -> tuple[str, list[Sequence[int]]]:
    """The statement of :func:`shown_articles` and its id lists (for :func:`mawjaz.storage.driver.execute_among`)."""
    if among is None:
        return _SHOWN_SQL, [story_ids]
    return _SHOWN_SQL + " AND id ANY_OF", [story_ids, among]


def shown_articles_of(rows: Iterable[tuple], story_ids: Sequence[int]) -> dict[int, list[Shown]]:
    """:func:`shown_articles` from the rows of :func:`shown_articles_read`."""
    found: dict[int, list[Shown]] = {i: [] for i in story_ids}
    utc = driver.utc
    for article_id, story_id, headline, published, first_seen in rows:
        found[story_id].append(Shown(article_id, story_id, headline, utc(published), utc(first_seen)))
    for articles in found.values():
        articles.sort(key=lambda a: (a.published or a.first_seen, a.id))
    return found


_SHOWN_SQL = "SELECT id, story_id, headline, published, first_seen FROM articles WHERE story_id ANY_OF"


@dataclass(frozen=True, slots=True)
class ShownStory:
    """What a view shows of a story (:func:`mawjaz.digest.build.story_views`), read as plain columns."""

    id: int
    headline: str
    summary: str
    first_seen: datetime
    last_seen: datetime
    article_count: int


def shown_stories(session: Session, story_ids: Sequence[int]) -> list[ShownStory]:
    """:func:`by_ids` as plain columns, for views (a /topic answer): in no particular order."""
    if not story_ids:
        return []
    return shown_stories_of(driver.execute_among(session, SHOWN_STORIES_SQL, story_ids))


#: :func:`shown_stories`'s statement, for :func:`mawjaz.storage.driver.execute_among` with the story ids.
SHOWN_STORIES_SQL = "SELECT id, headline, summary, first_seen, last_seen, article_count FROM stories WHERE id ANY_OF"


def shown_stories_of(rows: Iterable[tuple]) -> list[ShownStory]:
    """:func:`shown_stories` from the rows of :data:`SHOWN_STORIES_SQL`."""
    utc = driver.utc
    return [
        ShownStory(story_id, headline, summary, utc(first), utc(last), count)
        for story_id, headline, summary, first, last, count in rows
    ]


def source_count(session: Session, story_id: int) -> int:
    """Distinct outlets that carried any article of the story."""
    query = (
        select(func.count(func.distinct(ArticleCopy.source)))
        .join(Article, col(Article.id) == col(ArticleCopy.article_id))
        .where(Article.story_id == story_id)
    )
    return session.exec(query).one()


def version(session: Session, story_id: int) -> object | None:
    """When the story last changed, as the database holds it (None: it is gone); :func:`set_actors` compares it."""
    row = driver.execute(session, "SELECT updated_at FROM stories WHERE id = ?", (story_id,)).first()
    return None if row is None else row[0]


def set_actors(session: Session, story_id: int, actors: Sequence[ActorScore], read_at: object | None = None) -> None:
    """Replace the story's actors with ``actors``; they are no longer due unless the story changed since ``read_at``.

    ``read_at``: the story's :func:`version` when its texts were read for ``actors`` (outside this
    transaction): an article stored since then leaves the actors due, for the next pass.
    """
    ids = _actor_ids(session, actors)
    if read_at is None:
        due: tuple[str, Sequence[object]] = ("UPDATE stories SET actors_due = FALSE WHERE id = ?", (story_id,))
    else:
        due = ("UPDATE stories SET actors_due = FALSE WHERE id = ? AND updated_at = ?", (story_id, read_at))
    driver.executemany_all(
        session,
        [
            ("DELETE FROM story_actors WHERE story_id = ?", [(story_id,)]),
            (
                "INSERT INTO story_actors (story_id, actor_id, score, mentions) VALUES (?, ?, ?, ?)",
                [(story_id, ids[actor.norm_name, actor.type], actor.score, actor.mentions) for actor in actors],
            ),
            (due[0], [due[1]]),
        ],
    )


def _actor_ids(session: Session, actors: Sequence[ActorScore]) -> dict[tuple[str, str], int]:
    """The row of each of ``actors`` by (normalised name, type), created, in their order, where it is new.

    One read for the story's actors, then one statement a new actor, all sent together: the
    storing process writes thousands of stories' actors, and a read per actor
    and a savepoint around each insert were a quarter of its statements on
    PostgreSQL. ``ON CONFLICT DO NOTHING`` stands in for the savepoint: an
    actor a concurrent worker created meanwhile returns no row, and is read.
    """
    ids: dict[tuple[str, str], int] = {}
    names = sorted({actor.norm_name for actor in actors})
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        query = f"SELECT id, norm_name, type FROM actors WHERE norm_name IN ({marks})"
        for actor_id, norm_name, type_ in driver.execute(session, query, chunk):
            ids[norm_name, type_] = actor_id
    new: dict[tuple[str, str], ActorScore] = {}
    for actor in actors:
        new.setdefault((actor.norm_name, actor.type), actor)
    new = {key: actor for key, actor in new.items() if key not in ids}
    inserts = [(_INSERT_ACTOR, (actor.name, actor.norm_name, actor.type)) for actor in new.values()]
    for key, created in zip(new, driver.execute_all(session, inserts), strict=True):  # one round trip on PostgreSQL
        row = created.first()
        if row is None:  # a concurrent worker created it: use theirs
            row = driver.execute(session, "SELECT id FROM actors WHERE norm_name = ? AND type = ?", key).one()
        ids[key] = row[0]
    return ids


_INSERT_ACTOR = "INSERT INTO actors (name, norm_name, type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id"


def actors_due(session: Session, limit: int | None = None) -> list[int]:
    """Stories whose key actors are due (their articles changed since the actors were written), oldest first."""
    query = select(Story.id).where(col(Story.actors_due)).order_by(col(Story.id)).limit(limit)
    return [i for i in session.exec(query).all() if i is not None]


def actors_of(session: Session, story_ids: Sequence[int]) -> dict[int, list[ActorScore]]:
    """Actors of each story, most salient first (on the DB-API cursor: read for every view)."""
    if not story_ids:
        return {}
    return actors_of_rows(driver.execute_among(session, ACTORS_SQL, story_ids), story_ids)


#: :func:`actors_of`'s statement, for :func:`mawjaz.storage.driver.execute_among` with the story ids.
ACTORS_SQL = (
    "SELECT l.story_id, a.name, a.norm_name, a.type, l.score, l.mentions FROM story_actors l "
    "JOIN actors a ON a.id = l.actor_id WHERE l.story_id ANY_OF ORDER BY l.score DESC, a.name"
)


def actors_of_rows(rows: Iterable[tuple], story_ids: Sequence[int]) -> dict[int, list[ActorScore]]:
    """:func:`actors_of` from the rows of :data:`ACTORS_SQL`."""
    found: dict[int, list[ActorScore]] = {i: [] for i in story_ids}
    for story_id, name, norm_name, kind, score, mentions in rows:
        found[story_id].append(ActorScore(name, norm_name, kind, score, mentions))
    return found


def recent(session: Session, since: datetime | None, limit: int | None) -> list[Story]:
    """Stories seen since ``since`` (all when None), the most recent first."""
    query = select(Story).where(Story.article_count > 0)
    if since is not None:
        query = query.where(Story.last_seen >= since)
    query = query.order_by(col(Story.last_seen).desc(), col(Story.id).desc())
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


def top(session: Session, since: datetime | None, limit: int | None) -> list[Story]:
    """Stories seen since ``since``, those carried by the most outlets first, then the most recent."""
    query = select(Story).where(Story.article_count > 0)
    if since is not None:
        query = query.where(Story.last_seen >= since)
    query = query.order_by(col(Story.source_count).desc(), col(Story.last_seen).desc(), col(Story.id).desc())
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


def mark_shown(session: Session, story_ids: Sequence[int]) -> None:
    """Remember that these stories were shown: their ids must stay stable from now on."""
    if not story_ids:
        return
    for story in session.exec(select(Story).where(col(Story.id).in_(story_ids), col(Story.shown_at).is_(None))):
        story.shown_at = utcnow()
        session.add(story)
    session.flush()


@dataclass(frozen=True, slots=True)
class Moved:
    """A story with articles inside a window, as the digest's ranking reads it."""

    story_id: int
    last_seen: datetime
    article_count: int
    outlets: int  # distinct outlets with a copy inside the window
    new_outlets: int  # of those, outlets with no copy of the story before the window


_COPY_TIME = "COALESCE(c.published, a.published, c.fetched_at)"


def moved_since(session: Session, since: datetime, limit: int = 300) -> list[Moved]:
    """Stories with an article since ``since``, the most outlets first (at most ``limit``), with their window counts."""
    rows = driver.execute(
        session,
        "SELECT id, last_seen, article_count FROM stories WHERE last_seen >= ? AND article_count > 0"
        " ORDER BY source_count DESC, last_seen DESC, id DESC LIMIT ?",
        (driver.moment(session, since), limit),
    ).all()
    if not rows:
        return []
    ids = [row[0] for row in rows]
    marks = ", ".join("?" for _ in ids)
    outlets = driver.execute(
        session,
        f"SELECT a.story_id, c.source, MIN({_COPY_TIME}), MAX({_COPY_TIME}) FROM article_copies c"
        f" JOIN articles a ON a.id = c.article_id WHERE a.story_id IN ({marks}) GROUP BY a.story_id, c.source",
        ids,
    ).all()
    inside: dict[int, int] = {}
    new: dict[int, int] = {}
    for story_id, _source, first, last in outlets:
        if driver.instant(last) >= since:
            inside[story_id] = inside.get(story_id, 0) + 1
            if driver.instant(first) >= since:
                new[story_id] = new.get(story_id, 0) + 1
    return [
        Moved(story_id, driver.instant(last_seen), count, inside.get(story_id, 0), new.get(story_id, 0))
        for story_id, last_seen, count in rows
    ]
