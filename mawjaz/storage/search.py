"""Full-text search over articles, one query meaning on SQLite and PostgreSQL.

Both databases index the *same* terms: :func:`mawjaz.text.tokens.index_terms`
(normalised, stop words out, clitics stripped) computed in Python, so
«لداعش» in a text and «داعش» in a query meet as one term, and neither
database's own tokeniser or stemmer has a say.

* SQLite: an FTS5 table ``article_search(headline, body)`` keyed by article
  id, ranked with ``bm25`` weighting the headline 3× the body.
* PostgreSQL: ``article_search.doc``, a ``tsvector`` written from those terms
  and their positions (headline lexemes weighted A, body B, the body's
  positions starting after a gap so no phrase can straddle the two), under a
  GIN index, ranked with ``ts_rank``. Each headline term is also stored a
  second time as a *marker* lexeme, ``_`` + term (no index term contains
  ``_``), so that "in a headline" is a plain GIN look-up, not a re-read of
  every matching document.

A query is a list of phrases (tuples of terms) and, for a description of
several words that is no known name, :class:`Near` groups; a phrase matches
only where its terms are adjacent, so «تنظيم الدولة» never matches a text
where تنظيم and الدولة stand apart; a near group matches where its words
(each in any of its forms) fall within a short window, in either order, or
all in one headline. Both databases answer the same rough, index-only query
(every term present); the positions of the query's terms in the capped
matches are then checked once, in Python (:func:`judge`), so both give the
same answer. Every term is quoted as a literal (an FTS5 string, a tsquery
lexeme), so nothing a user types is ever read as search syntax.

Each matching article is *about* the topic (headline, lead, or named
throughout) or a passing mention; articles that do not match are never
listed. Stories rank by how much they are about the topic, then recency,
never by size (:func:`order_stories`).

Cost is bounded whatever the size of the archive: matches are read newest
first (article ids grow with ingestion), at most :data:`CANDIDATES` per stage
(headlines, then anywhere), and positions are read only for the stories that can still rank among
the first ``limit`` (:func:`_settle`). A ``since`` window becomes a
lower bound on article ids before the index is read. On PostgreSQL the
statements run with bitmap scans only (see :func:`_pg_capped`), and
:func:`optimise` keeps both indexes compact as they grow (the ingest job
should call it after each batch). Measured by ``bench/topic.py speed`` (README,
"How /topic finds and ranks"): at 10k synthetic articles, p95 of a whole /topic
answer over all time 12–15 ms of CPU on SQLite, 55–60 ms wall on PostgreSQL,
on a loaded machine where a ``LIKE`` scan takes 111–137 ms of CPU; 13.1 ms
CPU (main beside it: 14.6) once views read plain columns on the DB-API cursor.
On PostgreSQL a search's statements known in advance are sent together
(:func:`_pg_rows_of`): p50/p95 of the search 40.3/87.1 → 33.8/64.4 ms wall
beside main (``bench/topic_ab.py``, five interleaved rounds, loaded machine).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from itertools import islice
from typing import NamedTuple
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col

from mawjaz.storage import driver
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Article, id_of
from mawjaz.text.fingerprint import terms_of
from mawjaz.text.tokens import index_terms

Phrase = tuple[str, ...]
#: Matching articles read per stage, newest first: the bound on a search's cost.
CANDIDATES = 200
#: Grades of a match, best first: a whole phrase in the headline; part of the query in the headline; the body only.
HEADLINE, PARTIAL, BODY = 2, 1, 0
#: What an index term is (:func:`mawjaz.text.normalise.words`, then stemmed): letters and digits.
_TERM = re.compile(r"[^\W_]+")
#: PostgreSQL: prefix of the headline marker lexemes (never part of an index term).
MARKER = "_"
#: PostgreSQL: first body position is past the headline and this gap, so no phrase joins the two.
_BODY_OFFSET_GAP = 2
_MAX_POSITION = 16383  # PostgreSQL's limit: later positions are stored as this one


@dataclass(frozen=True, slots=True)
class Hit:
    """One story found: its matching articles only, those about the topic first, with how each matched.

    ``grades``: per article, :data:`HEADLINE`, :data:`PARTIAL` or :data:`BODY`;
    ``about``: per article, named in headline or lead or throughout (True) or a
    passing mention (False); ``article_count``: every article the story holds,
    matching or not; ``score``: the story's tier (see :func:`story_tier`).
    """

    story_id: int
    article_ids: tuple[int, ...]
    score: float
    grades: tuple[int, ...] = ()
    about: tuple[bool, ...] = ()
    article_count: int = 0
    last_seen: datetime | None = None

    @property
    def grade(self) -> int:
        """The story's grade: its best article's."""
        return max(self.grades, default=BODY)

    @property
    def in_headline(self) -> bool:
        return self.grade == HEADLINE

    @property
    def evidence(self) -> tuple[int, ...]:
        """The articles about the topic (in headline, lead or throughout), rather than passing mentions."""
        return tuple(a for a, about in zip(self.article_ids, self.about, strict=True) if about)

    @property
    def passing(self) -> tuple[int, ...]:
        """The articles that only mention the topic in passing."""
        return tuple(a for a, about in zip(self.article_ids, self.about, strict=True) if not about)


@dataclass(frozen=True, slots=True)
class _Window:
    """A ``since`` bound as the database compares it, and the smallest article id that can fall inside it."""

    since: datetime | str | None = None
    floor: int = 0


# ---------------------------------------------------------------------------------------------- indexing


def index_article(session: Session, article: Article) -> None:
    """(Re)index one article from its current headline and body; idempotent."""
    index_text(session, id_of(article), article.headline, article.body)


_PG_INDEX = (
    "INSERT INTO article_search (article_id, doc) VALUES (?, CAST(? AS tsvector)) "
    "ON CONFLICT (article_id) DO UPDATE SET doc = EXCLUDED.doc"
)


def index_text(session: Session, article_id: int, headline: str, body: str, *, new: bool = False) -> None:
    """(Re)index article ``article_id`` as having ``headline`` and ``body``; ``new``: it was never indexed.

    The body's terms come from :func:`mawjaz.text.fingerprint.terms_of`, the
    same terms as ``index_terms(body)``, remembered from the fingerprint and
    story vector of the article being stored. Plain SQL: it runs for every
    article ingested.
    """
    index_terms_of(session, article_id, tuple(index_terms(headline)), terms_of(body), new=new)


def index_terms_of(
    session: Session,
    article_id: int,
    headline_terms: tuple[str, ...],
    body_terms: tuple[str, ...],
    *,
    new: bool = False,
    later: bool = False,
) -> None:
    """:func:`index_text` from terms already read (the write path reads them once, :mod:`mawjaz.text.reading`).

    ``later``: on PostgreSQL, sent with the session's next statement (:func:`mawjaz.storage.driver.execute_later`).
    """
    if driver.is_postgres(session):
        params = (article_id, tsvector_literal(headline_terms, body_terms))
        (driver.execute_later if later else driver.execute)(session, _PG_INDEX, params)
        return
    if not new:
        driver.execute(session, "DELETE FROM article_search WHERE rowid = ?", (article_id,))
    driver.execute(
        session,
        "INSERT INTO article_search (rowid, headline, body) VALUES (?, ?, ?)",
        (article_id, " ".join(headline_terms), " ".join(body_terms)),
    )


def reindex(engine: Engine, batch: int = 500) -> int:
    """Index every stored article again from its headline and body; returns how many.

    The index holds terms, not text: when the normaliser, the stemmer or
    its protected words change, articles indexed before the change keep
    their old terms, and a query stemmed the new way misses them
    (``mawjaz db reindex`` after such an upgrade). One transaction per
    ``batch`` articles, in id order, so a crash loses nothing and running
    it again is harmless; other workers can go on ingesting and searching.
    """
    done, last = 0, 0
    while True:
        with transaction(engine) as session:
            rows = session.execute(
                select(col(Article.id), col(Article.headline), col(Article.body))
                .where(col(Article.id) > last)
                .order_by(col(Article.id))
                .limit(batch)
            ).all()
            for article_id, headline, body in rows:
                index_text(session, article_id, headline, body)
        if not rows:
            break
        done += len(rows)
        last = rows[-1][0]
    with transaction(engine) as session:
        optimise(session, full=True)
    return done


def optimise(session: Session, *, full: bool = False) -> None:
    """Tidy the index so that searches stay fast as it grows; call after ingesting (``full`` when idle).

    SQLite's FTS5 adds a segment per transaction and merges them only now and
    then: at 100k articles stored a thousand at a time a term is spread over
    22 segments, and a search reads all of them (15 ms for «داعش» against
    1.6 ms once merged). ``full`` merges everything into one segment (5 s at
    100k articles); otherwise a bounded amount of merging is done (the FTS5
    ``merge`` command, 500 pages), cheap enough after every batch. On
    PostgreSQL new documents wait in the GIN index's pending list, which every
    search scans until it is cleaned into the index: this cleans it (as
    autovacuum would, but now).
    """
    if session.get_bind().dialect.name == "postgresql":
        make_room(session)
        session.execute(  # each partition's own index (a partitioned index has no pending list)
            text(
                "SELECT gin_clean_pending_list(relid) FROM pg_partition_tree('ix_article_search_doc'::regclass) "
                "WHERE isleaf"
            )
        )
    elif full:
        session.execute(text("INSERT INTO article_search(article_search) VALUES ('optimize')"))
    else:
        session.execute(text("INSERT INTO article_search(article_search, rank) VALUES ('merge', 500)"))


#: PostgreSQL: the advisory lock under which one worker at a time adds partitions (:func:`make_room`).
_ROOM_LOCK = 0x6D61776A617A01
_BOUNDS_SQL = (
    "SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
    "WHERE i.inhparent = 'article_search'::regclass"
)


def partitions_top(session: Session) -> int:
    """PostgreSQL: the upper bound of the last partition of ``article_search`` (0 if none): ids from it go to the default."""
    highs = [int(m) for (bound,) in session.execute(text(_BOUNDS_SQL)) for m in re.findall(r"TO \((\d+)\)", bound)]
    return max(highs, default=0)


def make_room(session: Session, upto: int = 0) -> int:
    """PostgreSQL: partitions of ``article_search`` up to a whole partition past its newest id (or ``upto``); how many made.

    ``article_search`` is partitioned by article id (:data:`PARTITION_IDS` ids
    a partition, migrations 0016 and 0017), so that a search bounded to the
    newest ids reads the GIN index of one or two partitions, not of the whole
    archive. A partition is made empty and its index filled row by row as
    articles come: their entries wait in the GIN index's pending list, which
    every search of the partition scans, until :func:`optimise` cleans it
    (right after each ingest run).
    A row past the last partition goes to ``article_search_default``: no
    write ever fails for want of a partition. Called from :func:`optimise`
    (after each ingest, in its own transaction, and by ``reindex``), this
    keeps at least one empty partition ahead of the newest id, moving out of
    the default any rows it holds in the new range (an ingest larger than a
    partition). Workers coordinate through PostgreSQL alone: one at a time
    under an advisory lock; a partition is made apart and then attached
    (``ATTACH`` takes a SHARE UPDATE EXCLUSIVE lock on ``article_search``,
    so writes and searches go on; ``CREATE TABLE … PARTITION OF`` would take
    an ACCESS EXCLUSIVE one), within a ``lock_timeout`` of 2 s: a worker
    that cannot get its locks in time leaves the rows in the default for the
    next call, and nothing fails. A no-op where ``article_search`` is not
    partitioned (SQLite, or PostgreSQL before 0016).
    """
    if session.get_bind().dialect.name != "postgresql":
        return 0
    partitioned = "SELECT relkind = 'p' FROM pg_class WHERE oid = 'article_search'::regclass"
    if not session.execute(text(partitioned)).scalar_one():
        return 0
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ROOM_LOCK})
    top = partitions_top(session)
    newest = session.execute(text("SELECT coalesce(max(article_id), 0) FROM article_search")).scalar_one()
    made = 0
    waited = session.execute(text("SELECT current_setting('lock_timeout')")).scalar_one()
    while max(newest, upto) + PARTITION_IDS >= top:
        low, high, name = top, top + PARTITION_IDS, f"article_search_p{top}"
        try:
            with session.begin_nested():
                session.execute(text("SELECT set_config('lock_timeout', '2s', true)"))
                session.execute(
                    text(
                        f"CREATE TABLE {name} (article_id integer NOT NULL, doc tsvector NOT NULL, "
                        f"CONSTRAINT {name}_ids CHECK (article_id >= {low} AND article_id < {high}))"
                    )
                )
                session.execute(
                    text(
                        f"WITH moved AS (DELETE FROM article_search_default WHERE article_id >= {low} "
                        f"AND article_id < {high} RETURNING article_id, doc) INSERT INTO {name} SELECT * FROM moved"
                    )
                )
                session.execute(
                    text(f"ALTER TABLE article_search ATTACH PARTITION {name} FOR VALUES FROM ({low}) TO ({high})")
                )
                session.execute(text(f"ALTER TABLE {name} DROP CONSTRAINT {name}_ids"))
        except OperationalError:  # a lock not had within lock_timeout: the default holds the rows meanwhile
            break
        top, made = high, made + 1
    session.execute(text("SELECT set_config('lock_timeout', :waited, true)"), {"waited": waited})
    return made


def _lexeme(term: str) -> str:
    """``term`` as a quoted tsvector/tsquery lexeme: nothing in it is syntax."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(headline: Sequence[str], body: Sequence[str]) -> str:
    """A ``tsvector`` literal: terms with their 1-based positions, headline A (and marked), body B after a gap.

    >>> tsvector_literal(["داعش"], ["تنظيم", "داعش"])
    "'داعش':1A,5B '_داعش':1A 'تنظيم':4B"
    """
    positions: dict[str, list[str]] = {}
    for n, term in enumerate(headline, 1):
        place = f"{min(n, _MAX_POSITION)}A"
        positions.setdefault(term, []).append(place)
        positions.setdefault(MARKER + term, []).append(place)
    start = len(headline) + _BODY_OFFSET_GAP
    for n, term in enumerate(body, start + 1):
        positions.setdefault(term, []).append(f"{min(n, _MAX_POSITION)}B")
    return " ".join(f"{_lexeme(term)}:{','.join(places[:256])}" for term, places in positions.items())


# ---------------------------------------------------------------------------------------------- searching

#: Index terms at the head of a body that make its *lead*: a mention there makes the article about the topic.
LEAD = 40
#: Body mentions that make an article about the topic though neither headline nor lead names it ("named throughout").
THROUGHOUT = 3
#: A near match: all the words of a query within ``len(words) + NEAR_GAP`` consecutive index terms, in any order.
NEAR_GAP = 2


@dataclass(frozen=True, slots=True)
class Near:
    """The words of a query to find near each other, in either order; each word is the set of its forms.

    «الانتخابات العراقية» is ``({"انتخابات", …}, {"عراقيه", "عراق", "عراقي", …})``: it matches
    «الانتخابات البرلمانية العراقية» and «الانتخابات في العراق» (a stop word leaves no term).
    """

    words: tuple[frozenset[str], ...]

    @property
    def span(self) -> int:
        """How many consecutive index terms may hold all the words."""
        return len(self.words) + NEAR_GAP


class Row(NamedTuple):
    """One article the index returned for the rough query (every term present), before positions are checked.

    A named tuple: a search makes one for each of up to 400 candidates, and a tuple is made in less than
    half a frozen dataclass's time (0.5 against 1.25 µs).
    """

    article_id: int
    story_id: int
    story_size: int
    last_seen: datetime


def find(
    session: Session,
    phrases: Sequence[Phrase],
    since: datetime | None,
    limit: int,
    *,
    partial: Sequence[str] = (),
    near: Sequence[Near] = (),
) -> list[Hit]:
    """Stories with articles that match a phrase or a near group, in the order of :func:`order_stories`, at most ``limit``.

    A phrase with a term the index cannot hold (punctuation, a space: index
    terms are letters and digits) can match nothing, and is dropped before
    either database sees it, so that both agree. ``partial``: terms that,
    found in a headline whose article matches in its body, still mark the
    article as about the topic (the surname of a full name asked for:
    «صلاح» for «محمد صلاح»). ``near``: groups of words matched near each
    other in any order (:class:`Near`).

    Both databases answer the same *rough* query, every term of a phrase or
    group present anywhere (index-only on both), newest first and capped;
    the positions of the query's terms in those articles are then read
    (:func:`_sqlite_positions`, :func:`_pg_positions`) and checked here,
    once, for both (:func:`judge`): adjacency, nearness, headline, lead.
    """
    phrases = [tuple(p) for p in phrases if p and all(_TERM.fullmatch(t) for t in p)]
    partial = [t for t in partial if _TERM.fullmatch(t)]
    near = [Near(tuple(frozenset(f for f in forms if _TERM.fullmatch(f)) for forms in n.words)) for n in near]
    near = [n for n in near if len(n.words) > 1 and all(n.words)]
    if (not phrases and not near) or limit <= 0:
        return []
    window = _Window()
    if since is not None:
        stored = _as_stored(session, since)
        floor = _window_floor(session, stored)
        if floor is None:
            return []
        window = _Window(stored, floor)
    forms = sorted({t for p in phrases for t in p} | {f for n in near for w in n.words for f in w} | set(partial))
    if session.get_bind().dialect.name != "postgresql":
        rows, heads = _sqlite_rows(session, phrases, near, window)
        matches = _settle(
            rows, heads, lambda ids: _sqlite_positions(session, ids, frozenset(forms)), phrases, near, partial, limit
        )
    else:
        rows, heads = _pg_rows_of(session, phrases, near, window)
        matches = _settle(rows, heads, lambda ids: _pg_positions(session, ids, forms), phrases, near, partial, limit)
    return order_stories(matches)[:limit]


@dataclass(frozen=True, slots=True)
class _Heads:
    """What the headline stage says about a candidate without reading it: may it match in its headline?

    ``ids``: the rough headline matches read; ``floor``: ids below it were past the stage's cap, so unknown.
    """

    ids: frozenset[int]
    floor: int

    def maybe(self, article_id: int) -> bool:
        return article_id in self.ids or article_id < self.floor


def _heads(ids: Sequence[int], complete: bool) -> _Heads:
    """``complete``: the stage read every rough headline match (it was not capped); otherwise older ones are unknown."""
    if complete:
        return _Heads(frozenset(ids), 0)
    return _Heads(frozenset(ids), min(ids, default=2**63))


Positions = dict[int, tuple[dict[str, list[int]], dict[str, list[int]]]]


def _settle(
    rows: dict[int, Row],
    heads: _Heads,
    read: Callable[[list[int]], Positions],
    phrases: Sequence[Phrase],
    near: Sequence[Near],
    partial: Sequence[str],
    limit: int,
) -> list[Match]:
    """The matches of every story that can be among the first ``limit`` of :func:`order_stories`, and a few more.

    The same first ``limit`` stories as judging every candidate, for less: a
    story's key (:func:`story_key`) is bounded from above before any position
    is read, from its candidates alone: tier 3 (2 without phrases) if one may
    match in its headline (:class:`_Heads`), else 2 with partial terms, else
    1; every candidate about the topic; its last_seen and id exactly. Stories
    are judged whole, best bound first, until ``limit`` judged stories rank
    above the best bound left: nothing unjudged can then enter the first
    ``limit``. Each batch reads the positions of as many stories as are
    still missing from those ``limit`` (the first batch: ``limit`` stories),
    or, when more, as many as turned out not to match at all so far: at 10k
    synthetic articles it reads 1,403 candidates for 28 queries in 42
    statements (one story at a time reads 1,401; batches of 32, 64, …
    candidates read 2,306 in 46; without the growth, 1,401 in 52: a long
    phrase whose candidates hold its words apart, «رئيس الوزراء الإسرائيلي
    بنيامين نتنياهو», took 19 statements, each a round trip on PostgreSQL,
    where it now takes 9).
    """
    members: dict[int, list[Row]] = {}
    maybe_head: set[int] = set()  # stories with a candidate that may match in its headline (heads.maybe, inlined)
    head_ids, head_floor = heads.ids, heads.floor
    for row in rows.values():
        members.setdefault(row.story_id, []).append(row)
        if row.article_id in head_ids or row.article_id < head_floor:
            maybe_head.add(row.story_id)
    head_tier = 3 if phrases else 2
    other_tier = 2 if partial else 1
    exact = bool(phrases)
    bounds = {
        story_id: (
            head_tier if story_id in maybe_head else other_tier,
            exact,
            min(len(found), ABOUT_CAP),
            found[0].last_seen.timestamp(),
            story_id,
        )
        for story_id, found in members.items()
    }
    query = _Query.of(phrases, near, partial)
    queue = sorted(members, key=bounds.__getitem__, reverse=True)
    matches: list[Match] = []
    keys: list[tuple] = []
    start = missed = 0
    while start < len(queue):
        above = sum(1 for key in keys if key > bounds[queue[start]])
        if above >= limit:
            break
        end = start + max(limit - above, missed)
        positions = read([r.article_id for story_id in queue[start:end] for r in members[story_id]])
        for story_id in queue[start:end]:
            judged = [query.judge(r, *positions.get(r.article_id, _NOWHERE)) for r in members[story_id]]
            found = [m for m in judged if m is not None]
            if found:
                matches += found
                keys.append(story_key(found))
            else:
                missed += 1
        start = end
    return matches


_NOWHERE: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})


def _as_stored(session: Session, moment: datetime) -> datetime | str:
    """``moment`` as the database compares it: SQLite holds UTC text (``2026-11-20 08:30:00.000000``).

    A raw aware datetime would reach SQLite as ``...+04:00`` text and compare
    wrongly; PostgreSQL's ``timestamptz`` takes it as it is.
    """
    if session.get_bind().dialect.name == "postgresql":
        return moment
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _window_floor(session: Session, since: datetime | str) -> int | None:
    """The smallest article id in a story seen since ``since`` (None: no such story): ids below it cannot match.

    Each story's smallest id is one seek in the index on ``(story_id, id)``
    (migration 0015; on SQLite the index on ``story_id`` had its entries
    ordered by id already), not a walk of every article of every story in
    the window: at 100k synthetic articles the last day's 319 stories hold
    23,958 articles, and the walk cost 2.2–3.3 ms of CPU per /topic answer
    over the last day on SQLite (raw statement 1.45 → 0.11 ms). Both
    databases run the same statement (PostgreSQL walked the articles until
    0015).
    """
    row = driver.execute(session, _FLOOR, (since,)).first()
    return None if row is None or row[0] is None else int(row[0])


_FLOOR = "SELECT min((SELECT min(a.id) FROM articles a WHERE a.story_id = s.id)) FROM stories s WHERE s.last_seen >= ?"


# Two stages read the index newest first (``ORDER BY`` article id ``DESC``, which both indexes give without
# sorting), join each match to its story, drop those outside the window, and stop at CANDIDATES: the rough
# query in headlines (so that an older headline match is not crowded out by newer passing mentions), then
# anywhere. Their cost is bounded by the cap, not by how common the term is. Positions are read for the
# capped rows only.

_JOIN = "JOIN articles a ON a.id = {id} JOIN stories s ON s.id = a.story_id"


def _fts5_rough(phrases: Sequence[Phrase], near: Sequence[Near], column: str | None = None) -> str:
    """The rough FTS5 query: each phrase's terms AND-ed, each near group's words (OR of forms) AND-ed; all OR-ed."""

    def quoted(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    parts = ["(" + " AND ".join(quoted(t) for t in phrase) + ")" for phrase in phrases]
    parts += [
        "(" + " AND ".join("(" + " OR ".join(quoted(f) for f in sorted(w)) + ")" for w in n.words) + ")" for n in near
    ]
    query = " OR ".join(parts)
    return f"{{{column}}} : ({query})" if column else query


def _sqlite_rows(
    session: Session, phrases: Sequence[Phrase], near: Sequence[Near], window: _Window
) -> tuple[dict[int, Row], _Heads]:
    """The two stages on SQLite, on the DB-API cursor (one statement text per window shape, prepared once).

    ``INDEXED BY``: an article's row holds its body and search text before
    ``story_id``, and reading ``story_id`` from the row walks their overflow
    pages; the index on ``(id, story_id)`` (migration 0014) has it. Without
    ``ANALYZE`` statistics SQLite would pick the row.
    """
    sql = (
        "SELECT a.id, a.story_id, s.article_count, s.last_seen FROM article_search "
        "JOIN articles a INDEXED BY ix_articles_id_story ON a.id = article_search.rowid "
        "JOIN stories s ON s.id = a.story_id WHERE article_search MATCH ?"
        + (" AND article_search.rowid >= ?" if window.floor else "")
        + (" AND s.last_seen >= ?" if window.since is not None else "")
        + " ORDER BY article_search.rowid DESC LIMIT ?"
    )
    bounds = ([window.floor] if window.floor else []) + ([window.since] if window.since is not None else [])
    rows: dict[int, Row] = {}
    moments: dict[str, datetime] = {}
    heads = _Heads(frozenset(), 0)
    for column in ("headline", None):
        found = driver.execute(session, sql, (_fts5_rough(phrases, near, column), *bounds, CANDIDATES)).all()
        for a, s, size, seen in found:
            if a not in rows:
                moment = moments.get(seen)
                if moment is None:  # one story's rows share its last_seen: read each text once
                    moment = moments[seen] = _moment(seen)
                rows[a] = Row(a, s, size or 0, moment)
        if column:  # joined before the cap: fewer rows than the cap are all the matches
            heads = _heads([r[0] for r in found], len(found) < CANDIDATES)
    return rows, heads


_SQLITE_POSITIONS = "SELECT rowid, headline, body FROM article_search WHERE rowid IN (SELECT value FROM json_each(?))"


def _sqlite_positions(session: Session, ids: list[int], forms: frozenset[str]) -> Positions:
    """Where each of ``forms`` stands in each article's headline and body (0-based term positions).

    The FTS5 table holds each article's index terms as space-joined text, so
    a position is an index into ``split()``: the same terms, in the same
    order, as PostgreSQL's tsvector holds. The ids travel as one JSON array,
    so that the statement's text, and the statement SQLite prepared for it,
    is the same whatever their number.
    """
    if not ids:
        return {}
    out = {}
    for article_id, headline, body in driver.execute(session, _SQLITE_POSITIONS, (json.dumps(ids),)):
        out[article_id] = (_where(headline, forms), _where(body, forms))
    return out


def _where(terms: str, forms: frozenset[str]) -> dict[str, list[int]]:
    """Term positions of ``forms`` in space-joined ``terms``, found by one regular expression (no split of a long body).

    >>> _where("داعش هجوم داعش داعش", frozenset({"داعش", "غائب"}))
    {'داعش': [0, 2, 3]}
    >>> _where("اتفاقيه اتفاق اتفاقي اتفاق", frozenset({"اتفاق", "اتفاقيه"}))  # whole terms only
    {'اتفاقيه': [0], 'اتفاق': [1, 3]}
    """
    padded = f" {terms or ''} "
    found: dict[str, list[int]] = {}
    # Spaces counted once, from one hit to the next, rather than from the start of the body for each hit.
    position, last = 0, 0
    for hit in _finder(forms).finditer(padded):
        at = hit.start()
        position += padded.count(" ", last, at)
        last = at
        found.setdefault(hit.group(1), []).append(position)
    return found


@lru_cache(maxsize=256)
def _finder(forms: frozenset[str]) -> re.Pattern[str]:
    """Any of ``forms`` as a whole space-delimited term; the trailing space is left unread, to open the next one.

    One pass of the regular expression engine over a body finds every form: a
    third less time than a ``str.find`` loop per form (10k synthetic
    articles, 28 queries of 1 to 27 forms). The forms are one alternation
    with their common prefixes factored out (:func:`_alternation`).
    """
    return re.compile(f" ({_alternation(forms) or '(?!)'})(?= )")


def _alternation(forms: Iterable[str]) -> str:
    """A regular expression matching each of ``forms``, their shared prefixes written once ("" for none).

    The engine tries the alternation after every space of a body; a query's
    forms share their beginnings (« امريكا », « امريكي », « امريكيه »), and
    written as a prefix tree the engine reads a shared beginning once and
    rejects a term at its first letter in one branch per distinct letter,
    not once per form. Followed by ``(?= )`` the expression still matches
    a whole term exactly when the term is one of ``forms``, so every
    position found is the same: :func:`_where` over the positions read for
    the 84 answers of ``bench/topic.py speed`` at 100k synthetic articles
    (22,936 headlines and bodies, 14.3 M characters) takes 0.17 s of CPU
    against 0.19 s for the forms listed one by one, with equal results.

    >>> _alternation(["ab", "abc", "b"])
    '(?:ab(?:c)?|b)'
    """
    tree: dict[str, dict] = {}
    for form in forms:
        node = tree
        for letter in form:
            node = node.setdefault(letter, {})
        node[""] = {}  # a form ends here

    def written(node: dict[str, dict]) -> str:
        branches = [re.escape(letter) + written(rest) for letter, rest in sorted(node.items()) if letter]
        if not branches:
            return ""
        either = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return either
        return either + "?" if len(branches) > 1 else "(?:" + either + ")?"

    return written(tree)


#: PostgreSQL without a window: the newest ids tried first, slice after slice (see :func:`_pg_capped`).
PROBES = (1_000, 3_000, 10_000)
#: PostgreSQL: ``article_search`` is partitioned by article id, this many ids a partition from migration 0017 on
#: (:func:`make_room`; 0016 made 100,000, and 0017 split only the newest of them). The probe slices' bound prunes
#: to the newest partition or two, whose GIN indexes each slice scans whole: a fifth the size, a fifth the scan.
PARTITION_IDS = 20_000
#: PostgreSQL: the walk of :func:`_pg_capped` reads a range of this many ids at a time, whatever the partitions
#: (a range of several partitions reads each one's index): smaller ranges would only plan more of them (one a
#: CTE pair, for a walk that mostly stops at its first), and its answer is exact with any size.
WALK_IDS = 100_000


def _tsquery_rough(phrases: Sequence[Phrase], near: Sequence[Near], *, marked: bool = False) -> str:
    """The rough ``tsquery``: the same query as :func:`_fts5_rough`, answered by the GIN index alone."""
    prefix = MARKER if marked else ""
    parts = ["(" + " & ".join(_lexeme(prefix + t) for t in phrase) + ")" for phrase in phrases]
    parts += [
        "(" + " & ".join("(" + " | ".join(_lexeme(prefix + f) for f in sorted(w)) + ")" for w in n.words) + ")"
        for n in near
    ]
    return " | ".join(parts)


def _pg_capped(window: _Window, probes: int, counted: bool, ranges: int = 1) -> str:
    """The newest CANDIDATES documents in the window that the GIN index alone says match the rough query.

    PostgreSQL's cost model prices ``@@`` on a stored ``tsvector`` as cheap,
    though each test reads (and may decompress) a document of kilobytes. Left
    to itself it scans the whole table for a common term (65 ms at 10k
    articles against 2 ms through GIN), or walks the primary key testing one
    document after another. :func:`find` therefore turns sequential and plain
    index scans off for its own stages (:data:`_PLANNER_OFF`, undone right
    after them), leaving bitmap scans: the GIN index answers a plain
    ``&``/``|`` query without reading any document, and an id range is AND-ed
    with it before any row is fetched.

    With a window, matches are joined to the window's articles before the cap
    (the window is on the story): the matches' ids (``m``, the GIN index and
    their rows' pages, no document read) and the window's articles (``w``,
    its stories and their articles, one seek each) are each read once and
    hash- or merge-joined. Joining each match to its article and story
    instead read a row of ``articles`` and of ``stories`` per match, and for
    the body stage PostgreSQL often walked the window's articles testing
    each one's document (26 µs each: 46 ms for the last day's 1,512 articles
    at 30k synthetic articles, where the window floor prunes nothing because
    stories chain across the whole span). Server time of the two stages,
    28 queries over the last day at 30k: 1,591 → 606–683 ms (EXPLAIN ANALYZE).
    Without one, the cap is taken on
    ``article_search`` alone and only those rows are joined to their stories,
    with ``n``, the matches before the cap, when ``counted`` (the headline
    stage: it says whether the stage read every match; for the other stage it
    would be a pass over every match, a tenth of the statement, for nothing).
    With ``probes`` slices, the newest ids are tried first. The GIN index gives
    matches in no useful order: to keep the newest CANDIDATES, PostgreSQL
    fetches every match's row (12,000 rows on 5,000 pages for «إيران» in
    headlines at 100k articles, 11 ms). So the stage first takes the ids from
    a bound up (``p0``: the newest ids of a slice, 4 ms for 10,000): if that slice already
    holds CANDIDATES matches, the newest CANDIDATES overall are among them and
    the answer is the same, whatever the bound; otherwise the whole index is
    read (the term is then rare, and that cheap). Both are one statement: the
    second part's condition holds no column, so PostgreSQL tests it once,
    before reading anything for it, and runs that part only when ``p`` fell
    short (it was a second statement). There are three slices
    (:data:`PROBES`), the newest 1,000, 3,000 and 10,000 ids, each tried only
    when those before it fell short: for a query that many articles match (a
    country and its ten other names), PostgreSQL reads a slice through the
    primary key and tests each document (the GIN index then looks barely more
    selective than the id range), and 10,000 documents took 55–65 ms of the
    server's time where 1,000 or 3,000 already held CANDIDATES matches.
    Server time of the body stage, 28 queries over all time at 30k synthetic
    articles: 627 → 145 ms, the slowest 77 → 13 ms (EXPLAIN ANALYZE).

    At 1M articles a GIN index over the whole archive has no order either:
    each slice scanned every match of the query in the archive before its
    id bound applied (33 ms a slice for a name 56k articles hold), and the
    whole-index part read every match's row to sort them by id (249 ms for
    «إيران»). ``article_search`` is therefore partitioned by id
    (:data:`PARTITION_IDS`, migrations 0016 and 0017, :func:`make_room`): a
    slice's bound, known when the statement is planned, prunes it to the
    newest partition or two. The whole-index part became a walk over
    ``ranges`` ranges of :data:`WALK_IDS` ids, newest first (``w0``, ``w1``, …): each
    reads its newest CANDIDATES, and only while the ranges before it held
    fewer than CANDIDATES in all (``t{k}``, a running count; the same
    column-less condition as the slices', tested before anything is read);
    the newest CANDIDATES of what was read are the newest of the whole
    index. The ranges cover every id whatever the partitions, so the answer
    is exact on any database; each range reads the GIN indexes of the
    partitions it covers (one of 0016's, or five of 0017's).
    PostgreSQL's own ordered scan of partitions, a plain ``ORDER BY … LIMIT``
    on the partitioned table, was not taken by its planner with bitmap scans
    (it sorted the matches of every partition). ``n`` is counted after the
    cap: ``n < CANDIDATES``, all :func:`_pg_rows_of` reads of it, means the
    same before and after.
    Parameters: :func:`_pg_stage`.
    """
    if window.since is None:
        capped = (
            "SELECT x.article_id FROM article_search x "
            "WHERE x.doc @@ CAST(? AS tsquery) {bound} ORDER BY x.article_id DESC LIMIT ?"
        )
        n = "count(*) OVER ()" if counted else "0"
        columns = "SELECT c.n, c.article_id, a.story_id, s.article_count, s.last_seen FROM "
        if not probes:
            return f"{columns}(SELECT article_id, {n} AS n FROM ({capped.format(bound='')}) f) c " + _JOIN.format(
                id="c.article_id"
            )
        short = [f"(SELECT count(*) FROM p{i}) < ?" for i in range(probes)]
        slices = [
            f"p{i} AS MATERIALIZED ({capped.format(bound=' AND '.join(['AND x.article_id >= ?', *short[:i]]))})"
            for i in range(probes)
        ]
        parts = [f"SELECT article_id, {n} AS n FROM p{i} WHERE (SELECT count(*) FROM p{i}) >= ?" for i in range(probes)]
        # The walk, when every slice fell short: one range of ids per partition, newest first, each read only
        # while the ranges before it held fewer than CANDIDATES matches (``t{k}``: their running count).
        walk = [f"go AS MATERIALIZED (SELECT {' AND '.join(short)} AS go)"]
        for k in range(ranges):
            above = "" if k == 0 else " AND x.article_id < ?"
            below = " AND x.article_id >= ?" if k < ranges - 1 else ""
            enough = "" if k == 0 else f" AND (SELECT n FROM t{k - 1}) < ?"
            walk.append(
                f"w{k} AS MATERIALIZED ({capped.format(bound=below + above + ' AND (SELECT go FROM go)' + enough)})"
            )
            if k < ranges - 1:
                before = "0" if k == 0 else f"(SELECT n FROM t{k - 1})"
                walk.append(f"t{k} AS MATERIALIZED (SELECT {before} + count(*) AS n FROM w{k})")
        walked = " UNION ALL ".join(f"SELECT article_id FROM w{k}" for k in range(ranges))
        parts.append(f"SELECT article_id, {n} AS n FROM ({walked} ORDER BY article_id DESC LIMIT ?) f")
        return f"WITH {', '.join(slices + walk)}, c AS ({' UNION ALL '.join(parts)}) {columns}c " + _JOIN.format(
            id="c.article_id"
        )
    # A bound of 0 would tempt PostgreSQL to read every document through the primary key.
    bound = " AND x.article_id >= ?" if window.floor else ""
    return (
        f"WITH m AS MATERIALIZED (SELECT x.article_id FROM article_search x WHERE x.doc @@ CAST(? AS tsquery){bound}), "
        "w AS MATERIALIZED (SELECT a.id, a.story_id, s.article_count, s.last_seen FROM stories s "
        "JOIN articles a ON a.story_id = s.id WHERE s.last_seen >= ?) "
        "SELECT 0 AS n, m.article_id, w.story_id, w.article_count, w.last_seen FROM m JOIN w ON w.id = m.article_id "
        "ORDER BY m.article_id DESC LIMIT ?"
    )


def _pg_stage(window: _Window, rough: str, newest: int, *, counted: bool) -> tuple[str, tuple[object, ...]]:
    """One stage's statement (:func:`_pg_capped`) and its parameters, for the rough ``tsquery`` ``rough``.

    ``newest``: an indexed article id, the newest a search saw (:data:`_NEWEST`); the ids of each slice of
    :data:`PROBES` below it are tried first when there is no window and more ids than the slice.
    """
    if window.since is not None:
        bounds = [window.floor] if window.floor else []
        return _pg_capped(window, 0, counted), (rough, *bounds, window.since, CANDIDATES)
    probes = [newest - size for size in PROBES if newest > size]
    if not probes:
        return _pg_capped(window, 0, counted), (rough, CANDIDATES)
    params: list[object] = []
    for i, bound in enumerate(probes):  # each slice, run only while the slices before it fell short
        params += [rough, bound, *[CANDIDATES] * i, CANDIDATES]
    params += [*[CANDIDATES] * len(probes)]  # go: every slice fell short
    # The walk's ranges: [top, ∞) (the newest id's range and any newer), then WALK_IDS ids at a time down to
    # [.., WALK_IDS) with no lower bound: together every id, so the walk is exact whatever the partitions.
    top = newest // WALK_IDS * WALK_IDS
    lows = [*range(top, 0, -WALK_IDS)]
    for k in range(len(lows) + 1):
        params.append(rough)
        if k < len(lows):
            params.append(lows[k])
        if k > 0:
            params += [lows[k - 1], CANDIDATES]
        params.append(CANDIDATES)
    params += [CANDIDATES] * len(probes)  # each slice's part: its matches, when it holds enough
    params.append(CANDIDATES)  # the walk's newest CANDIDATES
    return _pg_capped(window, len(probes), counted, len(lows) + 1), tuple(params)


#: PostgreSQL: read documents through bitmaps only (see :func:`_pg_capped`), for the stages alone: they run
#: after a savepoint, and rolling back to it undoes the settings (and nothing else: the stages only read).
#: No parallel workers: each range of the walk (see :func:`_pg_capped`) was planned as a Gather Merge whose
#: workers started (about 50 ms each at 1M, ten ranges) before its column-less condition, false whenever a slice
#: held enough, was tested; nor JIT, which a statement of ten ranges is costed high enough to compile.
_PLANNER_OFF = (
    "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true), "
    "set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)"
)
_SAVEPOINT = "mawjaz_search"
#: PostgreSQL: the newest indexed id, read from the end of the primary key (before the planner settings change).
_NEWEST_SQL = "SELECT max(article_id) FROM article_search"
#: Per engine, the newest indexed id its last search read: where the next search without a window starts
#: trying (:func:`_pg_capped`). Any bound gives the same answer, so one search's staleness costs nothing but
#: time, and reading it beside the stages, for the next search, saves a round trip before them.
_NEWEST: WeakKeyDictionary[Engine, int] = WeakKeyDictionary()


def _pg_rows_of(
    session: Session, phrases: Sequence[Phrase], near: Sequence[Near], window: _Window
) -> tuple[dict[int, Row], _Heads]:
    """The two stages on PostgreSQL, with the planner settings around them: one round trip.

    Before, the newest id, the settings (read, changed, restored) and each
    stage (and its second try without a probe) were statements of their
    own, each waiting for the last (see :func:`driver.execute_all`).
    """
    engine = session.get_bind().engine
    newest = _NEWEST.get(engine)
    if newest is None and window.since is None:  # this engine's first search: read it first
        newest = driver.execute(session, _NEWEST_SQL).scalar_one() or 0
    found = driver.execute_all(
        session,
        [
            (_NEWEST_SQL, ()),
            (f"SAVEPOINT {_SAVEPOINT}", ()),
            (_PLANNER_OFF, ()),
            _pg_stage(window, _tsquery_rough(phrases, near, marked=True), newest or 0, counted=True),
            _pg_stage(window, _tsquery_rough(phrases, near), newest or 0, counted=False),
            (f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}", ()),
            (f"RELEASE SAVEPOINT {_SAVEPOINT}", ()),
        ],
    )
    _NEWEST[engine] = found[0].scalar_one() or 0
    heads_found = found[3].all()
    rows: dict[int, Row] = {}
    for _, a, s, size, seen in (*heads_found, *found[4].all()):
        if a not in rows:
            rows[a] = Row(a, s, size or 0, _moment(seen))
    # With a window, joined before the cap as on SQLite; without, capped before the join: ``n`` counts the
    # matches (of a slice of PROBES when probed, then never under the cap; none returned: unknown).
    if window.since is not None:
        complete = len(heads_found) < CANDIDATES
    else:
        complete = bool(heads_found) and heads_found[0][0] < CANDIDATES
    return rows, _heads([r[1] for r in heads_found], complete)


_PG_POSITIONS = (
    "SELECT x.article_id, "
    "(SELECT max(p) FROM unnest(ts_filter(x.doc, '{a}')) h, unnest(h.positions) p) AS headline_length, "
    "(SELECT coalesce(json_agg(json_build_array(u.lexeme, u.positions)), '[]') "
    " FROM unnest(ts_filter(setweight(x.doc, 'D', CAST(? AS text[])), '{d}')) u) AS found "
    "FROM article_search x WHERE x.article_id = ANY(?)"
)


def _pg_positions(session: Session, ids: list[int], forms: list[str]) -> Positions:
    """:func:`_sqlite_positions` from the tsvectors: headline (its positions first) and body (after it and a gap).

    Only the query's lexemes are unnested: ``setweight`` marks them (weight D,
    which no indexed term has) and ``ts_filter`` keeps them, both in C, where
    unnesting a whole document built a positions array for each of its
    hundreds of lexemes. A position up to the headline's length (the largest
    position of weight A) is in the headline; body positions start after it.
    """
    if not ids:
        return {}
    out = {}
    for article_id, length, found in driver.execute(session, _PG_POSITIONS, (forms, ids)):
        length = length or 0
        start = length + _BODY_OFFSET_GAP + 1
        headline: dict[str, list[int]] = {}
        body: dict[str, list[int]] = {}
        for lexeme, places in found:
            for place in places:
                if place <= length:
                    headline.setdefault(lexeme, []).append(place - 1)
                else:
                    body.setdefault(lexeme, []).append(place - start)
        out[article_id] = (headline, body)
    return out


# ---------------------------------------------------------------------------------------------- judging


@dataclass(frozen=True, slots=True)
class Match:
    """One article that matches, and how: what ranks it and says whether it is *about* the topic."""

    article_id: int
    story_id: int
    story_size: int
    last_seen: datetime
    headline: bool  # a phrase or near group in the headline
    exact: bool  # a whole phrase somewhere (always, for a one-word topic), not only its words near each other
    partial: bool  # a partial term in the headline (see find)
    lead: bool  # a mention in the first LEAD terms of the body
    mentions: int  # mentions in the body

    @property
    def about(self) -> bool:
        """About the topic: named in headline or lead, or throughout the body; otherwise a passing mention."""
        return self.headline or self.partial or self.lead or self.mentions >= THROUGHOUT

    @property
    def grade(self) -> int:
        return HEADLINE if self.headline else PARTIAL if self.partial else BODY


def _starts(where: dict[str, list[int]], phrase: Phrase) -> set[int]:
    """Where ``phrase`` starts: its terms at consecutive positions."""
    first = where.get(phrase[0])
    if not first:
        return set()
    if len(phrase) == 1:  # most names of a topic are one term
        return set(first)
    rest = []
    for term in phrase[1:]:
        places = where.get(term)
        if not places:  # a term the text lacks: no start anywhere (most candidates of a long phrase)
            return set()
        rest.append(set(places))
    return {p for p in first if all(p + k in places for k, places in enumerate(rest, 1))}


def near_starts(where: dict[str, list[int]], near: Near) -> set[int]:
    """Where a window of ``near.span`` terms holding every word of ``near`` starts (windows do not overlap).

    >>> near_starts({"انتخابات": [3], "عراق": [5], "برلمانيه": [9]}, Near((frozenset({"انتخابات"}), frozenset({"عراق"}))))
    {3}
    """
    occurrences = sorted((p, g) for g, forms in enumerate(near.words) for f in forms for p in where.get(f, ()))
    span, words = near.span, len(near.words)
    found: list[int] = []
    for i, (start, _) in enumerate(occurrences):
        if found and start < found[-1] + span:
            continue
        groups = set()
        for p, g in islice(occurrences, i, None):  # sorted: the window ends at the first occurrence past it
            if p >= start + span:
                break
            groups.add(g)
        if len(groups) == words:
            found.append(start)
    return set(found)


def judge(
    row: Row,
    headline: dict[str, list[int]],
    body: dict[str, list[int]],
    phrases: Sequence[Phrase],
    near: Sequence[Near],
    partial: Sequence[str],
) -> Match | None:
    """How ``row``'s article matches, from the positions of the query's terms; None when it does not."""
    return _Query.of(phrases, near, partial).judge(row, headline, body)


@dataclass(frozen=True, slots=True)
class _Query:
    """A query as :func:`judge` reads it, prepared once per search for the hundreds of candidates it judges.

    ``by_first``: the phrases by their first term, so that an article is
    tried only against the phrases that start with a term it holds (a
    country has two dozen names; an article names one or two): the same
    answer as trying every phrase, in a third of the phrase checks
    (14,595 against 40,668 for three passes of the 28 speed queries at 10k).
    """

    phrases: tuple[Phrase, ...]
    near: tuple[Near, ...]
    partial: tuple[str, ...]
    by_first: dict[str, tuple[Phrase, ...]]

    @classmethod
    def of(cls, phrases: Sequence[Phrase], near: Sequence[Near], partial: Sequence[str]) -> _Query:
        by_first: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            by_first.setdefault(phrase[0], []).append(phrase)
        return cls(tuple(phrases), tuple(near), tuple(partial), {t: tuple(p) for t, p in by_first.items()})

    def exact(self, where: dict[str, list[int]]) -> set[int]:
        """Where any phrase starts (:func:`_starts` of every phrase, united)."""
        found: set[int] = set()
        for term in where:
            for phrase in self.by_first.get(term, ()):
                found |= _starts(where, phrase)
        return found

    def judge(self, row: Row, headline: dict[str, list[int]], body: dict[str, list[int]]) -> Match | None:
        head_exact = bool(self.exact(headline))
        # A headline is a window of its own: «السلطات العراقية تحشد قواتها قبل أيام من الانتخابات» is about them.
        head_near = any(all(any(f in headline for f in word) for word in n.words) for n in self.near)
        body_exact = self.exact(body)
        body_near: set[int] = set().union(*(near_starts(body, n) for n in self.near)) if self.near else set()
        if not (head_exact or head_near or body_exact or body_near):
            return None
        mentions = sorted(body_exact | body_near)
        distinct = [p for n, p in enumerate(mentions) if n == 0 or p - mentions[n - 1] > 1]
        return Match(
            article_id=row.article_id,
            story_id=row.story_id,
            story_size=row.story_size,
            last_seen=row.last_seen,
            headline=head_exact or head_near,
            exact=head_exact or bool(body_exact),
            partial=any(t in headline for t in self.partial),
            lead=bool(distinct) and distinct[0] < LEAD,
            mentions=len(distinct),
        )


# ---------------------------------------------------------------------------------------------- ranking


def article_key(match: Match) -> tuple:
    """An article's place in its story: the topic in its headline (a whole phrase first), about it, mentions."""
    return (
        match.headline and match.exact,
        match.headline,
        match.partial,
        match.about,
        match.exact,
        match.mentions,
        match.article_id,
    )


def story_tier(found: Sequence[Match]) -> int:
    """3: a whole phrase in a headline; 2: the words near each other or a partial name in a headline;
    1: about it in a lead or throughout a body; 0: passing mentions only."""
    if any(m.headline and m.exact for m in found):
        return 3
    if any(m.headline or m.partial for m in found):
        return 2
    return 1 if any(m.about for m in found) else 0


#: Articles about the topic beyond this many do not lift a story further: then the newer story comes first.
ABOUT_CAP = 3


def story_key(found: Sequence[Match]) -> tuple:
    """A story's place in an answer, from its matching articles (see :func:`order_stories`)."""
    about = sum(1 for m in found if m.about)
    return (
        story_tier(found),
        any(m.exact for m in found),
        min(about, ABOUT_CAP),
        found[0].last_seen.timestamp(),
        found[0].story_id,
    )


def order_stories(matches: Sequence[Match]) -> list[Hit]:
    """Group matching articles by story and rank the stories by how much they are about the topic, then recency.

    A story's key: its tier (:func:`story_tier`), whether a whole phrase
    matched anywhere in it (exact phrases before words found near each
    other), how many of its articles are about the topic (up to
    :data:`ABOUT_CAP`), then its last article's time. Never its raw size: a
    100-article story with one passing mention ranks with the passing
    mentions. A story lists its matching articles only: those about the topic
    first (:func:`article_key`), then the passing mentions.
    """
    members: dict[int, list[Match]] = {}
    for match in matches:
        members.setdefault(match.story_id, []).append(match)

    hits = []
    for story_id in sorted(members, key=lambda story_id: story_key(members[story_id]), reverse=True):
        found = sorted(members[story_id], key=article_key, reverse=True)
        hits.append(
            Hit(
                story_id=story_id,
                article_ids=tuple(m.article_id for m in found),
                score=float(story_tier(found)),
                grades=tuple(m.grade for m in found),
                about=tuple(m.about for m in found),
                article_count=found[0].story_size,
                last_seen=found[0].last_seen,
            )
        )
    return hits


def _moment(value: datetime | str) -> datetime:
    if isinstance(value, str):  # SQLite hands raw text back from a textual query
        return datetime.fromisoformat(value)
    return value
