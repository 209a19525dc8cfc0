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
  GIN index, ranked with ``ts_rank``.

A query is a list of phrases (tuples of terms); a phrase matches only where
its terms are adjacent, so «تنظيم الدولة» never matches a text where تنظيم
and الدولة stand apart. Phrases are OR-ed. Every term is quoted as a literal
(an FTS5 string, a tsquery lexeme), so nothing a user types is ever read as
search syntax.

Ranking, story by story (see :func:`order_stories`): a story with a match in
an article's *headline* comes before one that only mentions the topic in a
body. Among headline matches — all about the topic — the bigger story and
then the more recent one wins. Among body-only matches, which range from the
article's subject to a passing mention, relevance (bm25, ts_rank) decides,
then size and recency.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session

from mawjaz.storage.models import Article
from mawjaz.text.tokens import index_terms

Phrase = tuple[str, ...]
HEADLINE_WEIGHT = 3.0
CANDIDATES = 500  # articles ranked (headline matches first) before grouping by story
#: What an index term is (:func:`mawjaz.text.normalise.words`, then stemmed): letters and digits.
_TERM = re.compile(r"[^\W_]+")
#: Grades of a match, best first: a whole phrase in the headline; part of the query in the headline; the body only.
HEADLINE, PARTIAL, BODY = 2, 1, 0
#: First body position on PostgreSQL: past any headline, so a phrase never joins a headline's last word to the body's first.
_BODY_OFFSET_GAP = 2


@dataclass(frozen=True, slots=True)
class Hit:
    """One story found: its matching articles (best first), whether one matched in a headline, its best score."""

    story_id: int
    article_ids: tuple[int, ...]
    score: float
    in_headline: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    """One matching article, as the database ranked it, with what story ordering needs."""

    article_id: int
    story_id: int
    grade: int  # HEADLINE, PARTIAL or BODY
    score: float
    story_size: int
    last_seen: datetime


# ---------------------------------------------------------------------------------------------- indexing


def index_article(session: Session, article: Article) -> None:
    """(Re)index one article from its current headline and body; idempotent."""
    headline = index_terms(article.headline)
    body = index_terms(article.body)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(
                "INSERT INTO article_search (article_id, doc) VALUES (:id, CAST(:doc AS tsvector)) "
                "ON CONFLICT (article_id) DO UPDATE SET doc = EXCLUDED.doc"
            ),
            {"id": article.id, "doc": tsvector_literal(headline, body)},
        )
    else:
        session.execute(text("DELETE FROM article_search WHERE rowid = :id"), {"id": article.id})
        session.execute(
            text("INSERT INTO article_search (rowid, headline, body) VALUES (:id, :headline, :body)"),
            {"id": article.id, "headline": " ".join(headline), "body": " ".join(body)},
        )


def _lexeme(term: str) -> str:
    """``term`` as a quoted tsvector/tsquery lexeme: nothing in it is syntax."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


_MAX_POSITION = 16383  # PostgreSQL's limit: later positions are stored as this one


def tsvector_literal(headline: Sequence[str], body: Sequence[str]) -> str:
    """A ``tsvector`` literal: each term with its 1-based positions, headline ones weighted A, body ones B.

    >>> tsvector_literal(["داعش"], ["تنظيم", "داعش"])
    "'داعش':1A,5B 'تنظيم':4B"
    """
    positions: dict[str, list[str]] = {}
    for n, term in enumerate(headline, 1):
        positions.setdefault(term, []).append(f"{min(n, _MAX_POSITION)}A")
    start = len(headline) + _BODY_OFFSET_GAP
    for n, term in enumerate(body, start + 1):
        positions.setdefault(term, []).append(f"{min(n, _MAX_POSITION)}B")
    return " ".join(f"{_lexeme(term)}:{','.join(places[:256])}" for term, places in positions.items())


# ---------------------------------------------------------------------------------------------- queries


def fts5_query(phrases: Sequence[Phrase]) -> str:
    """An FTS5 MATCH expression: each phrase a quoted string, OR-ed."""
    return " OR ".join('"' + " ".join(term.replace('"', '""') for term in phrase) + '"' for phrase in phrases)


def tsquery_literal(phrases: Sequence[Phrase], weight: str = "") -> str:
    """A ``tsquery`` literal: each phrase its quoted lexemes joined by ``<->``, OR-ed; ``weight`` restricts them (``A``: headline)."""
    suffix = f":{weight}" if weight else ""
    return " | ".join("(" + " <-> ".join(_lexeme(t) + suffix for t in phrase) + ")" for phrase in phrases)


def _candidates(
    session: Session, phrases: Sequence[Phrase], since: datetime | None, partial: Sequence[str]
) -> list[Candidate]:
    window = "AND s.last_seen >= :since" if since is not None else ""
    params: dict[str, object] = {"limit": CANDIDATES}
    if since is not None:
        params["since"] = since
    partial_phrases = [(term,) for term in partial if _TERM.fullmatch(term)]
    if session.get_bind().dialect.name == "postgresql":
        params["query"] = tsquery_literal(phrases)
        params["headline"] = tsquery_literal(phrases, "A")
        in_partial = "false"
        if partial_phrases:
            params["partial"] = tsquery_literal(partial_phrases, "A")
            in_partial = "x.doc @@ CAST(:partial AS tsquery)"
        sql = (
            "SELECT a.id, a.story_id, x.doc @@ CAST(:headline AS tsquery) AS in_headline, "
            f"{in_partial} AS in_partial, "
            "ts_rank(x.doc, CAST(:query AS tsquery)) AS score, s.article_count, s.last_seen "
            "FROM article_search x JOIN articles a ON a.id = x.article_id JOIN stories s ON s.id = a.story_id "
            f"WHERE x.doc @@ CAST(:query AS tsquery) {window} "
            "ORDER BY in_headline DESC, in_partial DESC, score DESC, a.id DESC LIMIT :limit"
        )
    else:
        params["query"] = fts5_query(phrases)
        params["headline"] = "{headline} : (" + fts5_query(phrases) + ")"
        in_partial = "0"
        if partial_phrases:
            params["partial"] = "{headline} : (" + fts5_query(partial_phrases) + ")"
            in_partial = "a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH :partial)"
        sql = (
            "SELECT a.id, a.story_id, "
            "a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH :headline) AS in_headline, "
            f"{in_partial} AS in_partial, "
            f"-bm25(article_search, {HEADLINE_WEIGHT}, 1.0) AS score, s.article_count, s.last_seen "
            "FROM article_search JOIN articles a ON a.id = article_search.rowid JOIN stories s ON s.id = a.story_id "
            f"WHERE article_search MATCH :query {window} "
            "ORDER BY in_headline DESC, in_partial DESC, score DESC, a.id DESC LIMIT :limit"
        )
    return [
        Candidate(article_id, story_id, _grade(in_headline, in_partial), float(score), size or 0, _moment(seen))
        for article_id, story_id, in_headline, in_partial, score, size, seen in session.execute(text(sql), params)
    ]


def _grade(in_headline: object, in_partial: object) -> int:
    return HEADLINE if in_headline else PARTIAL if in_partial else BODY


def find(
    session: Session, phrases: Sequence[Phrase], since: datetime | None, limit: int, *, partial: Sequence[str] = ()
) -> list[Hit]:
    """Stories whose articles match any phrase, in the order of :func:`order_stories`, at most ``limit``.

    A phrase with a term the index cannot hold (punctuation, a space: index
    terms are letters and digits) can match nothing, and is dropped before
    either database sees it, so that both agree. ``partial``: terms that, found in a headline whose article matches a
    phrase only in its body, still mark the article as about the topic (the
    surname of a full name asked for: «صلاح» for «محمد صلاح»).
    """
    phrases = [tuple(p) for p in phrases if p and all(_TERM.fullmatch(t) for t in p)]
    if not phrases or limit <= 0:
        return []
    return order_stories(_candidates(session, phrases, since, partial))[:limit]


# ---------------------------------------------------------------------------------------------- ranking


def order_stories(candidates: Sequence[Candidate]) -> list[Hit]:
    """Group matching articles by story and rank the stories.

    A story's grade is its best article's: a phrase in a headline, part of the
    query's own phrase in a headline (:data:`PARTIAL`), or the body only.
    Headline matches, all about the topic, rank by story size, then recency,
    then score; the other grades, which run from the article's subject to a
    passing mention, by score first, then size and recency. Within a story,
    its matching articles keep the database's order (grade, then score).
    """
    members: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        members.setdefault(candidate.story_id, []).append(candidate)

    def key(story_id: int) -> tuple:
        found = members[story_id]
        grade = max(c.grade for c in found)
        score = round(max(c.score for c in found), 6)
        size, seen = found[0].story_size, found[0].last_seen.timestamp()
        if grade == HEADLINE:
            return (grade, size, seen, score, story_id)
        return (grade, score, size, seen, story_id)

    order = sorted(members, key=key, reverse=True)
    return [
        Hit(
            story_id=s,
            article_ids=tuple(c.article_id for c in members[s]),
            score=max(c.score for c in members[s]),
            in_headline=any(c.grade == HEADLINE for c in members[s]),
        )
        for s in order
    ]


def _moment(value: datetime | str) -> datetime:
    if isinstance(value, str):  # SQLite hands raw text back from a textual query
        return datetime.fromisoformat(value)
    return value
