"""Storing articles: one row per distinct article, one copy per place it was seen.

A record is the same article as a stored one when its normalised body hashes
alike (exact), or when the near-duplicate index finds and verifies it as a
republication (:mod:`mawjaz.storage.dedup`: another headline, junk or
captions around it, a paragraph cut or added, a feed teaser). Either way it
becomes a *copy*: its source, URL, external id and title are kept in
``article_copies``. When the new text is the fuller one (a teaser's full page
arrives), the article takes the fuller text and headline.

Each call stores one record whole or not at all (a savepoint wraps it), and
is safe against a concurrent worker storing the same article: unique keys
and the index's advisory locks decide, and the loser of a race re-reads what
the winner wrote.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select

from mawjaz.ingest.record import Article as Record
from mawjaz.storage import dedup, driver, story_index
from mawjaz.storage.models import Article, ArticleCopy, utcnow
from mawjaz.text import normalise
from mawjaz.text.reading import Reading, read_article


class Outcome(StrEnum):
    NEW = "new"  # a distinct article, stored for the first time
    COPY = "copy"  # a new place for an article we already had
    SEEN = "seen"  # this very copy was stored before: nothing to do


@dataclass(frozen=True, slots=True)
class Stored:
    outcome: Outcome
    article_id: int
    replaced: bool = False  # a COPY whose fuller text replaced the article's
    # a NEW article as story placement reads it, known from what was written (no read back)
    placed: story_index.Placed | None = field(default=None, compare=False, repr=False)


def content_hash(body: str) -> str:
    """SHA-256 of the normalised body: spelling, spacing and diacritic variants hash alike."""
    return _hash_of(normalise(body))


def _hash_of(normal_body: str) -> str:
    return hashlib.sha256(normal_body.encode("utf-8")).hexdigest()


def reading_hash(reading: Reading) -> str:
    """:func:`content_hash` of a text already read."""
    return _hash_of(reading.normal_body)


def stored_hashes(session: Session, hashes: Sequence[str]) -> set[str]:
    """Which of ``hashes`` (:func:`content_hash`) an article already has: their records will be copies of it."""
    found: set[str] = set()
    unique = list(dict.fromkeys(hashes))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = driver.execute(session, f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", chunk)
        found.update(h for (h,) in rows)
    return found


def copy_key(record: Record, body_hash: str) -> str:
    """Identity of one copy: the outlet and its id for the article (or URL, or else the text)."""
    ident = record.external_id or record.url or body_hash
    return hashlib.sha256(f"{record.source}\x1f{ident}".encode()).hexdigest()


def search_text(reading: Reading) -> str:
    """Normalised headline and body."""
    return f"{reading.normal_title}\n{reading.normal_body}"


def store(session: Session, record: Record, reading: Reading | None = None) -> Stored:
    """Store ``record`` as a new article or as a copy of the one it duplicates (exactly or nearly).

    ``reading``: its text as :func:`~mawjaz.text.reading.read_article` reads it (read here when not given).
    """
    reading = reading or read_article(record.title, record.body)
    body_hash = _hash_of(reading.normal_body)
    key = copy_key(record, body_hash)
    locking = dedup.lock_statements(session)  # PostgreSQL: before this transaction's first write
    for _attempt in range(3):
        seen, exact = _look_up(session, key, body_hash, locking)
        locking = []  # held to the transaction's end
        if seen is not None:
            return Stored(Outcome.SEEN, seen)
        try:
            with driver.savepoint(session, "store_copy", ahead=True):  # nothing of the ORM's is pending here
                return _merge_or_insert(session, record, body_hash, reading, exact, key)
        except IntegrityError:
            continue  # another worker stored it between our read and our write: read again
    raise RuntimeError(f"could not store {record.source}: {record.title!r} after 3 attempts")


#: The copy already stored under a copy key, and the article already stored with a content hash, in one read.
_LOOK_UP = (
    "SELECT (SELECT article_id FROM article_copies WHERE copy_key = ?),"
    " (SELECT id FROM articles WHERE content_hash = ?)"
)


def _look_up(
    session: Session, key: str, body_hash: str, locking: list[tuple[str, tuple]]
) -> tuple[int | None, int | None]:
    """The article a copy with ``key`` was stored for, and the article with ``body_hash`` (each None if none).

    One statement where there were two, sent with the store lock (``locking``,
    :func:`mawjaz.storage.dedup.lock_statements`) in one round trip on
    PostgreSQL: the lock, the copy and the content-hash look-ups were three.
    """
    row = driver.execute_all(session, [*locking, (_LOOK_UP, (key, body_hash))])[-1].one()
    return row[0], row[1]


def _merge_or_insert(
    session: Session, record: Record, body_hash: str, reading: Reading, exact: int | None, key: str
) -> Stored:
    """The article ``record`` is (or a copy of), stored with its copy. A new article's index rows and its copy go
    in one round trip on PostgreSQL (:func:`mawjaz.storage.driver.executemany_all`)."""
    if exact is not None:
        stored = Stored(Outcome.COPY, exact)
    else:
        print_ = reading.fingerprint
        match = dedup.find_duplicate(session, print_, record.source)
        if match is None:
            article_id, moment = _insert_article(session, record, body_hash, reading)
            copy = (_INSERT_COPY, [_copy(session, record, article_id, key)])
            driver.executemany_all(session, [*dedup.new_index_writes(article_id, print_), copy])
            placed = story_index.Placed(article_id, None, record.title, record.body, moment)
            return Stored(Outcome.NEW, article_id, placed=placed)
        if match.fuller:
            _take_fuller_text(session, match.article_id, record, body_hash, reading)
            dedup.index_fuller(session, match.article_id, print_)
        stored = Stored(Outcome.COPY, match.article_id, replaced=match.fuller)
    driver.execute(session, _INSERT_COPY, _copy(session, record, stored.article_id, key))
    return stored


_INSERT_ARTICLE = (
    "INSERT INTO articles (headline, body, language, published, content_hash, subtitle, author, captions,"
    " search_text, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
)
_INSERT_COPY = (
    "INSERT INTO article_copies (article_id, copy_key, source, url, external_id, title, published, fetched_at,"
    " source_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _insert_article(session: Session, record: Record, body_hash: str, reading: Reading) -> tuple[int, datetime]:
    """The new article's id, and its time (publication, else first sighting) as it reads back."""
    published, first_seen = driver.moment(session, record.published), driver.moment(session, utcnow())
    values = (
        record.title,
        record.body,
        record.language,
        published,
        body_hash,
        record.subtitle,
        record.author,
        json.dumps(list(record.captions), ensure_ascii=False),
        search_text(reading),
        first_seen,
    )
    article_id = driver.execute(session, _INSERT_ARTICLE, values).scalar_one()
    return article_id, driver.instant(published if published is not None else first_seen)


def _take_fuller_text(session: Session, article_id: int, record: Record, body_hash: str, reading: Reading) -> None:
    """The article keeps the fuller text: body, headline and what is derived from them follow ``record``.

    Publication time, first sighting and story stay: the article is the same,
    only better known. Every copy, the older one included, keeps its own title.
    """
    row = driver.execute(session, "SELECT captions, subtitle, author FROM articles WHERE id = ?", (article_id,)).one()
    old_captions = json.loads(row[0]) if isinstance(row[0], str) else list(row[0] or [])
    captions = list(dict.fromkeys([*old_captions, *record.captions]))
    driver.execute(
        session,
        "UPDATE articles SET headline = ?, body = ?, content_hash = ?, search_text = ?, subtitle = ?, author = ?,"
        " captions = ?, published = COALESCE(published, ?) WHERE id = ?",
        (
            record.title,
            record.body,
            body_hash,
            search_text(reading),
            record.subtitle or row[1],
            record.author or row[2],
            json.dumps(captions, ensure_ascii=False),
            driver.moment(session, record.published),
            article_id,
        ),
    )
    stale = session.identity_map.get(identity_key(Article, article_id))
    if stale is not None:
        session.expire(stale)


def _copy(session: Session, record: Record, article_id: int, key: str) -> tuple:
    published, now = driver.moment(session, record.published), driver.moment(session, utcnow())
    return (
        article_id,
        key,
        record.source,
        record.url,
        record.external_id,
        record.title,
        published,
        now,
        record.source_name,
    )


#: Built once (read for every answer): see mawjaz.storage.stories.
_COPIES_OF = (
    select(ArticleCopy)
    .where(col(ArticleCopy.article_id).in_(bindparam("ids", expanding=True)))
    .order_by(col(ArticleCopy.id))
)


@dataclass(frozen=True, slots=True)
class ShownCopy:
    """What a view shows of a copy (see :class:`mawjaz.digest.views.CopyView`), read as plain columns."""

    article_id: int
    source: str
    url: str | None
    external_id: str | None
    source_name: str | None


def shown_copies(session: Session, article_ids: list[int]) -> dict[int, list[ShownCopy]]:
    """What views show of each article's copies, oldest first: :func:`copies_of` without the model objects.

    On the DB-API cursor, one fixed statement text (see :func:`mawjaz.storage.driver.any_of`).
    """
    if not article_ids:
        return {}
    return shown_copies_of(driver.execute_among(session, SHOWN_COPIES_SQL, article_ids), article_ids)


#: :func:`shown_copies`'s statement, for :func:`mawjaz.storage.driver.execute_among` with the article ids.
SHOWN_COPIES_SQL = (
    "SELECT article_id, source, url, external_id, source_name FROM article_copies WHERE article_id ANY_OF ORDER BY id"
)


def shown_copies_of(rows: Iterable[tuple], article_ids: Sequence[int]) -> dict[int, list[ShownCopy]]:
    """:func:`shown_copies` from the rows of :data:`SHOWN_COPIES_SQL`."""
    found: dict[int, list[ShownCopy]] = {i: [] for i in article_ids}
    for row in rows:
        found[row[0]].append(ShownCopy(*row))
    return found


def copies_of(session: Session, article_ids: list[int]) -> dict[int, list[ArticleCopy]]:
    """Copies of each article, oldest first."""
    found: dict[int, list[ArticleCopy]] = {i: [] for i in article_ids}
    if not article_ids:
        return found
    rows = session.exec(_COPIES_OF, params={"ids": list(article_ids)})
    for row in rows:
        found[row.article_id].append(row)
    return found


def counts(session: Session) -> dict[str, int]:
    from sqlalchemy import func

    return {
        "articles": session.exec(select(func.count()).select_from(Article)).one(),
        "copies": session.exec(select(func.count()).select_from(ArticleCopy)).one(),
    }
