"""The story index: each story's centroid as rows of ``story_terms``, looked up by term.

``story_terms(story_id, term, weight, last_seen)`` holds the top terms of each
story's centroid (weights normalised to unit length) and the story's latest
article time; an index on ``(term, last_seen)`` turns "which recent stories
share this term" into one range scan (the index also holds ``story_id`` and
``weight``, so the scan reads no table row). ``story_centroids`` keeps the length of
the summed article vectors, so the centroid grows incrementally.

Reads are bounded: a term yields at most ``per_term`` postings, most recent
first, so the cost of matching an article does not grow with the number of
stories stored. The database is the truth: every worker reads and writes the
same rows, and a centroid is read under ``FOR UPDATE`` on PostgreSQL so two
workers growing one story take turns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session

from mawjaz.storage import driver
from mawjaz.storage.models import Article, utcnow

TERM_LENGTH = 64


@dataclass(frozen=True, slots=True)
class Centroid:
    """A story's centroid: unit-length ``weights`` of its top terms, the summed vector's ``norm``, its article count."""

    weights: dict[str, float]
    norm: float
    articles: int


def clip(term: str) -> str:
    return term[:TERM_LENGTH]


def postings(
    session: Session, terms: Sequence[str], since: datetime, per_term: int
) -> list[tuple[int, str, float, Any]]:
    """For each of ``terms``, up to ``per_term`` stories seen since ``since`` that have it, most recent first.

    Rows are ``(story_id, term, weight, last_seen)`` tuples as the driver
    gives them (a thousand per article: no object is built for each);
    ``last_seen`` is the story's latest article time (text on SQLite, read
    with :func:`driver.instant`), from the same index entry.
    """
    if not terms:
        return []
    after = driver.moment(session, since)
    params = [value for term in terms for value in (term, after)]
    return driver.execute(session, _postings_sql(len(terms), per_term), params).all()


Write = tuple[str, Sequence[Sequence[object]]]
"""A statement and its rows, as :func:`mawjaz.storage.driver.executemany_all` takes them."""


def centroid(session: Session, story_id: int) -> Centroid | None:
    """The story's centroid, locked for update on PostgreSQL; None for a story never indexed."""
    row = driver.execute(session, _centroid_sql(session), (story_id,)).first()
    if row is None:
        return None
    terms = driver.execute(session, _TERMS_OF, (story_id,)).all()
    return Centroid({term: weight for term, weight in terms}, row[0], row[1])


def centroid_and_span(session: Session, story_id: int) -> tuple[Centroid | None, tuple[Any, Any] | None]:
    """:func:`centroid` and :func:`story_span` read together: one round trip on PostgreSQL, where they were three.

    The centroid row is locked first (the reads run in order), so its terms are read under that lock.
    """
    head, terms, span = driver.execute_all(
        session, [(_centroid_sql(session), (story_id,)), (_TERMS_OF, (story_id,)), (_SPAN_OF, (story_id,))]
    )
    row, span_row = head.first(), span.first()
    found = None if row is None else Centroid({term: weight for term, weight in terms}, row[0], row[1])
    return found, None if span_row is None else (span_row[0], span_row[1])


def _centroid_sql(session: Session) -> str:
    lock = " FOR UPDATE" if driver.is_postgres(session) else ""
    return f"SELECT norm, articles FROM story_centroids WHERE story_id = ?{lock}"


_TERMS_OF = "SELECT term, weight FROM story_terms WHERE story_id = ?"
_SPAN_OF = "SELECT first_seen, last_seen FROM stories WHERE id = ?"


def centroids(session: Session, story_ids: Sequence[int]) -> dict[int, dict[str, float]]:
    """The term weights of each story's centroid, read without locking (for ranking, not for updating)."""
    found: dict[int, dict[str, float]] = {i: {} for i in story_ids}
    if not story_ids:
        return found
    marks = ", ".join("?" for _ in story_ids)
    rows = driver.execute(
        session, f"SELECT story_id, term, weight FROM story_terms WHERE story_id IN ({marks})", list(story_ids)
    ).all()
    for story_id, term, weight in rows:
        found[story_id][term] = weight
    return found


def save(
    session: Session,
    story_id: int,
    new: Centroid,
    last_seen: object,
    *,
    created: bool,
    previous: Centroid | None = None,
    then: Sequence[Write] = (),
) -> None:
    """Write the story's centroid (all its term rows) and its latest article time, as :func:`driver.moment` gives it.

    With ``previous`` (the centroid as :func:`centroid` read it) only the
    terms that left are deleted and the others are updated in place: most of
    a growing story's terms stay, and an update touches fewer index entries
    than a delete and an insert. ``then``: the caller's writes (:func:`attaching`, :func:`recounting`),
    sent with these.
    """
    if created:
        sql = "INSERT INTO story_centroids (norm, articles, story_id) VALUES (?, ?, ?)"
    else:
        sql = "UPDATE story_centroids SET norm = ?, articles = ? WHERE story_id = ?"
    rows = [(story_id, term, weight, last_seen) for term, weight in new.weights.items()]
    writes: list[Write] = [(sql, [(new.norm, new.articles, story_id)])]
    if created:
        writes.append((_INSERT_TERM, rows))
    elif previous is None:
        writes += [("DELETE FROM story_terms WHERE story_id = ?", [(story_id,)]), (_INSERT_TERM, rows)]
    else:
        gone = [(story_id, term) for term in previous.weights if term not in new.weights]
        writes += [("DELETE FROM story_terms WHERE story_id = ? AND term = ?", gone), (_UPSERT_TERM, rows)]
    driver.executemany_all(session, [*writes, *then])  # PostgreSQL: one round trip


_INSERT_TERM = "INSERT INTO story_terms (story_id, term, weight, last_seen) VALUES (?, ?, ?, ?)"
_UPSERT_TERM = (
    _INSERT_TERM
    + " ON CONFLICT (story_id, term) DO UPDATE SET weight = excluded.weight, last_seen = excluded.last_seen"
)


@lru_cache(maxsize=256)
def _postings_sql(count: int, per_term: int) -> str:
    branch = (
        "SELECT * FROM (SELECT story_id, term, weight, last_seen FROM story_terms"
        f" WHERE term = ? AND last_seen >= ? ORDER BY last_seen DESC LIMIT {int(per_term)}) AS p{{n}}"
    )
    return " UNION ALL ".join(branch.format(n=n) for n in range(count))


# ---------------------------------------------------------------- story rows on the ingest path
#
# The same rows and meanings as :mod:`mawjaz.storage.stories` (``first_seen`` and
# ``last_seen`` span the articles' times, a time being the publication or else the
# first sighting), written as plain SQL because they run for every article.

_ARTICLE_TIME = "COALESCE(published, first_seen)"


@dataclass(frozen=True, slots=True)
class Placed:
    """What placing an article reads of it: its story (None before it has one), its text and its time."""

    article_id: int
    story_id: int | None
    headline: str
    body: str
    moment: datetime  # its publication, else when it was first seen


def placed(session: Session, article_id: int) -> Placed | None:
    """The article as :class:`Placed`, or None: one plain read instead of loading the ORM object."""
    row = driver.execute(
        session, "SELECT story_id, headline, body, published, first_seen FROM articles WHERE id = ?", (article_id,)
    ).first()
    if row is None:
        return None
    return Placed(article_id, row[0], row[1], row[2], driver.instant(row[3] if row[3] is not None else row[4]))


def story_of(session: Session, article_id: int) -> int | None:
    row = driver.execute(session, "SELECT story_id FROM articles WHERE id = ?", (article_id,)).first()
    return None if row is None else row[0]


def story_span(session: Session, story_id: int) -> tuple[Any, Any] | None:
    """The story's (first_seen, last_seen) as the driver returns them (text on SQLite), or None."""
    row = driver.execute(session, _SPAN_OF, (story_id,)).first()
    return None if row is None else (row[0], row[1])


def spans(session: Session, story_ids: Sequence[int]) -> dict[int, tuple[Any, Any]]:
    """:func:`story_span` of each of ``story_ids`` that exists, in one read."""
    if not story_ids:
        return {}
    rows = driver.execute_among(session, "SELECT id, first_seen, last_seen FROM stories WHERE id ANY_OF", story_ids)
    return {row[0]: (row[1], row[2]) for row in rows}


def create_story(session: Session, headline: str, moment: datetime) -> int:
    """A new story row, empty until :func:`attach` and :func:`write_story`."""
    at = driver.moment(session, moment)
    now = driver.moment(session, utcnow())
    return driver.execute(
        session,
        "INSERT INTO stories (headline, summary, first_seen, last_seen, article_count, source_count, updated_at)"
        " VALUES (?, '', ?, ?, 0, 0, ?) RETURNING id",
        (headline, at, at, now),
    ).scalar_one()


def attach(session: Session, article_id: int, story_id: int) -> None:
    sql, rows = attaching(article_id, story_id)
    driver.execute(session, sql, rows[0])
    attached(session, article_id, story_id)


def attaching(article_id: int, story_id: int) -> Write:
    """:func:`attach`'s statement, for :func:`save`'s ``then`` (call :func:`attached` after it)."""
    return "UPDATE articles SET story_id = ? WHERE id = ?", [(story_id, article_id)]


def attached(session: Session, article_id: int, story_id: int) -> None:
    """A caller holding the article's ORM object sees its story."""
    loaded = session.identity_map.get(identity_key(Article, article_id))
    if loaded is not None:
        set_committed_value(loaded, "story_id", story_id)


class Member(NamedTuple):
    """A story's article as headline and summary choosing read it."""

    id: int
    headline: str
    body: str
    language: str
    published: object
    first_seen: object


def members(session: Session, story_id: int) -> list[Member]:
    """The story's articles as light rows (``id, headline, body, language, published, first_seen``), earliest first."""
    return [Member(*row) for row in driver.execute(session, _MEMBERS, (story_id,))]


def members_of(session: Session, story_ids: Sequence[int]) -> list[list[Member]]:
    """:func:`members` of each of ``story_ids``, in their order: one round trip on PostgreSQL."""
    found = driver.execute_all(session, [(_MEMBERS, (story_id,)) for story_id in story_ids])
    return [[Member(*row) for row in rows] for rows in found]


def write_stories(session: Session, texts: Sequence[tuple[int, str, str]]) -> None:
    """:func:`write_story` for each ``(story_id, headline, summary)`` of ``texts``: one round trip on PostgreSQL."""
    driver.executemany_all(session, [_story_write(session, *story) for story in texts])


_MEMBERS = (
    "SELECT id, headline, body, language, published, first_seen FROM articles WHERE story_id = ?"
    f" ORDER BY {_ARTICLE_TIME}, id"
)


def latest_headlines(session: Session, story_id: int, limit: int) -> list[str]:
    """The headlines of the story's ``limit`` latest articles (by when they were stored).

    A walk back from the story's end of the index on ``(story_id, id)`` (migration 0015), stopped after
    ``limit`` entries, on both databases: PostgreSQL, with ``story_id`` alone indexed, fetched and sorted
    every article of the story, once per candidate story of every article placed.
    """
    sql = f"SELECT headline FROM articles WHERE story_id = ? ORDER BY id DESC LIMIT {int(limit)}"
    return [row[0] for row in driver.execute(session, sql, (story_id,))]


def latest_texts(session: Session, story_id: int, limit: int) -> list[tuple[str, str]]:
    """The headline and body of the story's ``limit`` latest articles (by when they were stored), latest first."""
    sql = f"SELECT headline, body FROM articles WHERE story_id = ? ORDER BY id DESC LIMIT {int(limit)}"
    return [(row[0], row[1]) for row in driver.execute(session, sql, (story_id,))]


def write_story(session: Session, story_id: int, headline: str | None, summary: str | None) -> None:
    """Recount the story (times, articles, outlets) and, unless None, set its headline and summary.

    The story's key actors are now due (written after the batch commits, see ``stories.actors_due``).
    """
    sql, rows = _story_write(session, story_id, headline, summary)
    driver.execute(session, sql, rows[0])


def recounting(session: Session, story_id: int) -> Write:
    """:func:`write_story` without texts as a statement, for :func:`save`'s ``then``."""
    return _story_write(session, story_id, None, None)


def _story_write(session: Session, story_id: int, headline: str | None, summary: str | None) -> Write:
    texts = "headline = ?, summary = ?, " if headline is not None else ""
    params: list[object] = [headline, summary] if headline is not None else []
    params += [story_id, story_id, story_id, story_id, driver.moment(session, utcnow()), story_id]
    sql = (
        f"UPDATE stories SET {texts}"
        f"first_seen = (SELECT MIN({_ARTICLE_TIME}) FROM articles WHERE story_id = ?),"
        f" last_seen = (SELECT MAX({_ARTICLE_TIME}) FROM articles WHERE story_id = ?),"
        " article_count = (SELECT COUNT(*) FROM articles WHERE story_id = ?),"
        " source_count = (SELECT COUNT(DISTINCT c.source) FROM article_copies c"
        " JOIN articles a ON a.id = c.article_id WHERE a.story_id = ?),"
        " updated_at = ?, actors_due = TRUE WHERE id = ?"
    )
    return sql, [params]


def delete_story(session: Session, story_id: int) -> None:
    """Drop an emptied story: its index terms, centroid and actors go with it (foreign keys cascade)."""
    for table in ("story_terms", "story_centroids", "story_actors"):  # explicit: SQLite may run without FK checks
        driver.execute(session, f"DELETE FROM {table} WHERE story_id = ?", (story_id,))
    driver.execute(session, "DELETE FROM stories WHERE id = ?", (story_id,))


# ---------------------------------------------------------------- merging two stories that are one event


def seniority(session: Session, story_id: int) -> tuple[bool, Any, int]:
    """Which of two stories keeps its id when they merge: the one shown to a reader, else the earlier, else the smaller id."""
    row = driver.execute(session, "SELECT shown_at, first_seen FROM stories WHERE id = ?", (story_id,)).one()
    return (row[0] is None, driver.instant(row[1]), story_id)


def merge_stories(session: Session, keep_id: int, gone_id: int, centroid: Centroid, *, previous: Centroid) -> None:
    """Make ``gone_id`` part of ``keep_id``: its articles, its place in the index, its shown state.

    ``centroid`` is the two stories' centroids made one (the caller computes
    it, :func:`mawjaz.digest.vectors.merged`) and ``previous`` the kept
    story's centroid as :func:`centroid` read it. The gone story's row stays,
    empty, with ``merged_into`` naming the kept story, so an id a reader was
    shown still answers (:func:`mawjaz.storage.stories.resolve`); stories
    merged into it before now point at the kept story too (one step to
    resolve). The kept story is recounted and its key actors are due; its
    headline and summary are the caller's to recompute (with its other
    texts, once per batch).
    """
    spans = [story_span(session, i) for i in (keep_id, gone_id)]
    latest = max(driver.instant(span[1]) for span in spans if span is not None)
    driver.execute(session, "UPDATE articles SET story_id = ? WHERE story_id = ?", (keep_id, gone_id))
    save(session, keep_id, centroid, driver.moment(session, latest), created=False, previous=previous)
    for table in ("story_terms", "story_centroids", "story_actors"):
        driver.execute(session, f"DELETE FROM {table} WHERE story_id = ?", (gone_id,))
    now = driver.moment(session, utcnow())
    driver.execute(
        session,
        "UPDATE stories SET shown_at = COALESCE(shown_at, (SELECT shown_at FROM stories WHERE id = ?)) WHERE id = ?",
        (gone_id, keep_id),
    )
    driver.execute(session, "UPDATE stories SET merged_into = ? WHERE merged_into = ?", (keep_id, gone_id))
    driver.execute(
        session,
        "UPDATE stories SET merged_into = ?, article_count = 0, source_count = 0, actors_due = FALSE,"
        " updated_at = ? WHERE id = ?",
        (keep_id, now, gone_id),
    )
    write_story(session, keep_id, None, None)
    for loaded in list(session.identity_map.values()):  # a caller holding ORM articles sees where they went
        if isinstance(loaded, Article) and loaded.story_id == gone_id:
            set_committed_value(loaded, "story_id", keep_id)
