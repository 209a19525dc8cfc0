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

A query is a list of phrases (tuples of terms); a phrase matches only where
its terms are adjacent, so «تنظيم الدولة» never matches a text where تنظيم
and الدولة stand apart. Phrases are OR-ed. Every term is quoted as a literal
(an FTS5 string, a tsquery lexeme), so nothing a user types is ever read as
search syntax.

Ranking is by story (:func:`order_stories`): a whole phrase in an article's
headline first, then part of the query in a headline, then the body only.
Headline matches rank by story size, then recency; the others by relevance
(bm25, ts_rank), then size and recency.

Cost is bounded whatever the size of the archive: matches are read newest
first (article ids grow with ingestion), at most :data:`CANDIDATES` per stage;
headline matches are read first, and bodies are scored only when the
headlines gave fewer stories than asked for. A ``since`` window becomes a
lower bound on article ids before the index is read. On PostgreSQL the
statements run with bitmap scans only (see :func:`_pg_capped`), and
:func:`optimise` keeps both indexes compact as they grow (the ingest job
should call it after each batch). Measured by ``bench/topic.py speed``: at
100k articles p95 6 ms on SQLite and 15 ms on PostgreSQL for a whole /topic
answer over all time, against 1.3 s and 2.0 s for a ``LIKE`` scan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, text
from sqlmodel import Session, col

from mawjaz.storage import driver
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Article, id_of
from mawjaz.text.fingerprint import terms_of
from mawjaz.text.tokens import index_terms

Phrase = tuple[str, ...]
HEADLINE_WEIGHT = 3.0
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
    """One story found: its matching articles, best first, with the grade each matched at; the story's best score."""

    story_id: int
    article_ids: tuple[int, ...]
    score: float
    grades: tuple[int, ...] = ()

    @property
    def grade(self) -> int:
        """The story's grade: its best article's."""
        return max(self.grades, default=BODY)

    @property
    def in_headline(self) -> bool:
        return self.grade == HEADLINE

    @property
    def evidence(self) -> tuple[int, ...]:
        """The articles that give the story its grade (a headline match, say, rather than passing mentions)."""
        return tuple(a for a, g in zip(self.article_ids, self.grades, strict=True) if g == self.grade)


@dataclass(frozen=True, slots=True)
class _Window:
    """A ``since`` bound as the database compares it, and the smallest article id that can fall inside it."""

    since: datetime | str | None = None
    floor: int = 0
    top: int = 0  # PostgreSQL without a window: the newest article id (see _pg_rows)

    def story_sql(self) -> str:
        return "AND s.last_seen >= :since" if self.since is not None else ""

    def floor_sql(self, column: str) -> str:
        # Only with a window: a bound of 0 would tempt PostgreSQL to read every document through the primary key.
        return f"AND {column} >= :floor" if self.floor else ""

    def params(self, **more: object) -> dict[str, object]:
        params: dict[str, object] = {"floor": self.floor, "cap": CANDIDATES, **more}
        if self.since is not None:
            params["since"] = self.since
        return params


@dataclass(frozen=True, slots=True)
class Candidate:
    """One matching article, with what story ordering needs."""

    article_id: int
    story_id: int
    grade: int  # HEADLINE, PARTIAL or BODY
    score: float
    story_size: int
    last_seen: datetime


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
) -> None:
    """:func:`index_text` from terms already read (the write path reads them once, :mod:`mawjaz.text.reading`)."""
    if driver.is_postgres(session):
        driver.execute(session, _PG_INDEX, (article_id, tsvector_literal(headline_terms, body_terms)))
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
        session.execute(text("SELECT gin_clean_pending_list('ix_article_search_doc'::regclass)"))
    elif full:
        session.execute(text("INSERT INTO article_search(article_search) VALUES ('optimize')"))
    else:
        session.execute(text("INSERT INTO article_search(article_search, rank) VALUES ('merge', 500)"))


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


# ---------------------------------------------------------------------------------------------- query literals


def fts5_query(phrases: Sequence[Phrase], column: str | None = None) -> str:
    """An FTS5 MATCH expression: each phrase a quoted string, OR-ed; ``column`` restricts it to that column."""
    query = " OR ".join('"' + " ".join(term.replace('"', '""') for term in phrase) + '"' for phrase in phrases)
    return f"{{{column}}} : ({query})" if column else query


def tsquery_literal(phrases: Sequence[Phrase], *, marked: bool = False, adjacent: bool = True) -> str:
    """A ``tsquery`` literal: each phrase its quoted lexemes joined by ``<->`` (``&`` if not ``adjacent``), OR-ed.

    ``marked`` looks for the headline markers. Without ``<->`` and weights a
    tsquery is answered by the GIN index alone; the adjacent form then checks
    the few documents it returned.
    """
    join = " <-> " if adjacent else " & "
    prefix = MARKER if marked else ""
    return " | ".join("(" + join.join(_lexeme(prefix + t) for t in phrase) + ")" for phrase in phrases)


# ---------------------------------------------------------------------------------------------- searching


def find(
    session: Session, phrases: Sequence[Phrase], since: datetime | None, limit: int, *, partial: Sequence[str] = ()
) -> list[Hit]:
    """Stories whose articles match any phrase, in the order of :func:`order_stories`, at most ``limit``.

    A phrase with a term the index cannot hold (punctuation, a space: index
    terms are letters and digits) can match nothing, and is dropped before
    either database sees it, so that both agree. ``partial``: terms that,
    found in a headline whose article matches a phrase only in its body,
    still mark the article as about the topic (the surname of a full name
    asked for: «صلاح» for «محمد صلاح»).
    """
    phrases = [tuple(p) for p in phrases if p and all(_TERM.fullmatch(t) for t in p)]
    partial = [t for t in partial if _TERM.fullmatch(t)]
    if not phrases or limit <= 0:
        return []
    window = _Window()
    if since is not None:
        stored = _as_stored(session, since)
        floor = _window_floor(session, stored)
        if floor is None:
            return []
        window = _Window(stored, floor)
    if session.get_bind().dialect.name != "postgresql":
        return _staged(session, phrases, partial, window, limit, _sqlite_headline, _sqlite_rest)
    if since is None:  # before the planner settings below, which would turn this into a full scan
        window = _Window(top=session.execute(text("SELECT max(article_id) FROM article_search")).scalar() or 0)
    previous = session.execute(text(_PLANNER_OFF)).one()
    hits = _staged(session, phrases, partial, window, limit, _pg_headline, _pg_rest)
    # Transaction-local: a failed statement rolls it back with everything else; restored here for the caller.
    session.execute(text(_PLANNER_BACK), {"scan": previous[0], "index": previous[1]})
    return hits


#: PostgreSQL: read documents through bitmaps only, for this transaction (see :func:`_pg_capped`).
_PLANNER_OFF = (
    "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'), "
    "set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)"
)
_PLANNER_BACK = "SELECT set_config('enable_seqscan', :scan, true), set_config('enable_indexscan', :index, true)"


Stage = Callable[..., list[Candidate]]


def _staged(
    session: Session,
    phrases: Sequence[Phrase],
    partial: Sequence[str],
    window: _Window,
    limit: int,
    headline_stage: Stage,
    rest_stage: Stage,
) -> list[Hit]:
    """Headline matches; then, only if they gave fewer than ``limit`` stories, the other matches, scored."""
    headline = headline_stage(session, phrases, window)
    hits = order_stories(headline)
    if len(hits) >= limit:
        return hits[:limit]
    seen = {c.article_id for c in headline}
    rest = rest_stage(session, phrases, partial, window)
    rest = sorted((c for c in rest if c.article_id not in seen), key=lambda c: (c.grade, c.score), reverse=True)
    return order_stories([*headline, *rest])[:limit]


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
    """The smallest article id in a story seen since ``since`` (None: no such story): ids below it cannot match."""
    # CROSS JOIN keeps SQLite on stories first (by the last_seen index), then their articles by story_id:
    # left to itself it walks every article in id order looking for the first one in the window.
    sql = "SELECT min(a.id) FROM stories s CROSS JOIN articles a WHERE a.story_id = s.id AND s.last_seen >= :since"
    row = session.execute(text(sql), {"since": since}).first()
    return None if row is None or row[0] is None else int(row[0])


# Each stage reads the index newest first (``ORDER BY`` article id ``DESC``, which both indexes give without
# sorting), joins each match to its story, drops those outside the window, and stops at CANDIDATES: its cost
# is bounded by the cap, not by how common the term is. Checks that need the document itself (adjacency on
# PostgreSQL, scores) run on the capped rows only.

_JOIN = "JOIN articles a ON a.id = {id} JOIN stories s ON s.id = a.story_id"


def _sqlite_headline(session: Session, phrases: Sequence[Phrase], window: _Window) -> list[Candidate]:
    sql = (
        "SELECT a.id, a.story_id, s.article_count, s.last_seen FROM article_search "
        + _JOIN.format(id="article_search.rowid")
        + f" WHERE article_search MATCH :headline {window.floor_sql('article_search.rowid')} "
        + f"{window.story_sql()} ORDER BY article_search.rowid DESC LIMIT :cap"
    )
    rows = session.execute(text(sql), window.params(headline=fts5_query(phrases, "headline")))
    return [Candidate(a, s, HEADLINE, 0.0, size or 0, _moment(seen)) for a, s, size, seen in rows]


def _sqlite_rest(
    session: Session, phrases: Sequence[Phrase], partial: Sequence[str], window: _Window
) -> list[Candidate]:
    params = window.params(query=fts5_query(phrases))
    in_partial = "0"
    if partial:
        params["partial"] = fts5_query([(t,) for t in partial], "headline")
        in_partial = (
            "a.id IN (SELECT rowid FROM article_search "
            f"WHERE article_search MATCH :partial {window.floor_sql('rowid')})"
        )
    sql = (
        f"SELECT a.id, a.story_id, {in_partial}, -bm25(article_search, {HEADLINE_WEIGHT}, 1.0), "
        "s.article_count, s.last_seen FROM article_search "
        + _JOIN.format(id="article_search.rowid")
        + f" WHERE article_search MATCH :query {window.floor_sql('article_search.rowid')} "
        + f"{window.story_sql()} ORDER BY article_search.rowid DESC LIMIT :cap"
    )
    return [
        Candidate(a, s, PARTIAL if part else BODY, float(score), size or 0, _moment(seen))
        for a, s, part, score, size, seen in session.execute(text(sql), params)
    ]


#: PostgreSQL without a window: the newest ids tried first (see :func:`_pg_rows`).
PROBE = 10_000


def _pg_capped(window: _Window, probe: bool) -> str:
    """The newest CANDIDATES documents in the window that the GIN index alone says match ``:rough``.

    PostgreSQL's cost model prices ``@@`` on a stored ``tsvector`` as cheap,
    though each test reads (and may decompress) a document of kilobytes. Left
    to itself it scans the whole table for a common term (65 ms at 10k
    articles against 2 ms through GIN), or walks the primary key testing one
    document after another. :func:`find` therefore turns sequential and plain
    index scans off for its own statements (``set_config(..., true)``: this
    transaction only, restored right after), leaving bitmap scans: the GIN
    index answers a plain ``&``/``|`` query without reading any document, and
    an id range is AND-ed with it before any row is fetched.

    Without a window the cap is taken on ``article_search`` alone, with
    ``n``, the matches before the cap, and only those rows are joined to
    their stories; ``probe`` first limits it to ids from ``:probe`` on.
    """
    if window.since is None:
        bound = "AND x.article_id >= :probe" if probe else ""
        capped = (
            "SELECT x.article_id, x.doc, count(*) OVER () AS n FROM article_search x "
            f"WHERE x.doc @@ CAST(:rough AS tsquery) {bound} ORDER BY x.article_id DESC LIMIT :cap"
        )
        return (
            f"SELECT c.article_id, c.doc, c.n, a.story_id, s.article_count, s.last_seen FROM ({capped}) c "
            + _JOIN.format(id="c.article_id")
        )
    return (
        "SELECT x.article_id, x.doc, 0 AS n, a.story_id, s.article_count, s.last_seen FROM article_search x "
        + _JOIN.format(id="x.article_id")
        + f" WHERE x.doc @@ CAST(:rough AS tsquery) {window.floor_sql('x.article_id')} {window.story_sql()} "
        + "ORDER BY x.article_id DESC LIMIT :cap"
    )


def _pg_rows(session: Session, outer: str, params: dict[str, object], window: _Window) -> Sequence[Any]:
    """Run a stage (``outer`` wraps the capped rows as ``m``), newest ids first when there is no window.

    The GIN index gives matches in no useful order: to keep the newest
    CANDIDATES, PostgreSQL fetches every match's row (12,000 rows on 5,000
    pages for «إيران» in headlines at 100k articles, 11 ms). Without a window
    the stage is first run on the newest PROBE ids (4 ms): if that slice
    already holds CANDIDATES matches, the newest CANDIDATES overall are among
    them and the answer is the same; otherwise it runs again on everything
    (the term is then rare, and that cheap).
    """
    if window.since is None and window.top > PROBE:
        probed = {**params, "probe": window.top - PROBE}
        rows = session.execute(text(outer.format(capped=_pg_capped(window, True))), probed).all()
        if rows and rows[0].n >= params["cap"]:
            return rows
    return session.execute(text(outer.format(capped=_pg_capped(window, False))), params).all()


def _pg_headline(session: Session, phrases: Sequence[Phrase], window: _Window) -> list[Candidate]:
    params = window.params(rough=tsquery_literal(phrases, marked=True, adjacent=False))
    exact = ""
    if any(len(p) > 1 for p in phrases):  # the index ignored adjacency: check it on what it returned
        params["exact"] = tsquery_literal(phrases, marked=True)
        exact = "WHERE m.doc @@ CAST(:exact AS tsquery)"
    outer = "SELECT m.n, m.article_id, m.story_id, m.article_count, m.last_seen FROM ({capped}) m " + exact
    rows = _pg_rows(session, outer, params, window)
    return [Candidate(a, s, HEADLINE, 0.0, size or 0, _moment(seen)) for _, a, s, size, seen in rows]


def _pg_rest(session: Session, phrases: Sequence[Phrase], partial: Sequence[str], window: _Window) -> list[Candidate]:
    params = window.params(rough=tsquery_literal(phrases, adjacent=False), query=tsquery_literal(phrases))
    in_partial = "false"
    if partial:
        params["partial"] = tsquery_literal([(t,) for t in partial], marked=True)
        in_partial = "m.doc @@ CAST(:partial AS tsquery)"
    outer = (
        f"SELECT m.n, m.article_id, m.story_id, {in_partial}, ts_rank(m.doc, CAST(:query AS tsquery)), "
        "m.article_count, m.last_seen FROM ({capped}) m WHERE m.doc @@ CAST(:query AS tsquery)"
    )
    return [
        Candidate(a, s, PARTIAL if part else BODY, float(score), size or 0, _moment(seen))
        for _, a, s, part, score, size, seen in _pg_rows(session, outer, params, window)
    ]


# ---------------------------------------------------------------------------------------------- ranking


def order_stories(candidates: Sequence[Candidate]) -> list[Hit]:
    """Group matching articles by story and rank the stories.

    A story's grade is its best article's: a phrase in a headline, part of the
    query's own phrase in a headline (:data:`PARTIAL`), or the body only.
    Headline matches, all about the topic, rank by story size, then recency;
    the other grades, which run from the article's subject to a passing
    mention, by score first, then size and recency. A story's articles keep
    the order they are given in.
    """
    members: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        members.setdefault(candidate.story_id, []).append(candidate)

    def key(story_id: int) -> tuple:
        found = members[story_id]
        grade = max(c.grade for c in found)
        size, seen = found[0].story_size, found[0].last_seen.timestamp()
        if grade == HEADLINE:
            return (grade, size, seen, 0.0, story_id)
        return (grade, round(max(c.score for c in found), 6), size, seen, story_id)

    order = sorted(members, key=key, reverse=True)
    return [
        Hit(
            story_id=s,
            article_ids=tuple(c.article_id for c in members[s]),
            score=max(c.score for c in members[s]),
            grades=tuple(c.grade for c in members[s]),
        )
        for s in order
    ]


def _moment(value: datetime | str) -> datetime:
    if isinstance(value, str):  # SQLite hands raw text back from a textual query
        return datetime.fromisoformat(value)
    return value
