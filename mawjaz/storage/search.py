"""Full-text search over articles, one query meaning on SQLite and PostgreSQL.

Both databases index the *same* tokens: :func:`mawjaz.text.tokens.index_terms`
(normalised, stop words out, clitics stripped) computed in Python, so
«لداعش» in a text and «داعش» in a query meet as one term, and the database's
own tokeniser only splits on spaces.

* SQLite: an FTS5 table ``article_search(headline, body)`` keyed by article
  id, ranked with ``bm25`` weighting the headline 3× the body.
* PostgreSQL: ``article_search.doc``, a ``tsvector`` of the same terms with
  the headline at weight A and the body at B, under a GIN index, ranked with
  ``ts_rank``.

A query is a list of phrases (tuples of terms); a phrase matches only when
its terms are adjacent, so «تنظيم الدولة» never matches a text where تنظيم
and الدولة stand apart. Phrases are OR-ed. Terms are letters and digits
only (that is what ``index_terms`` yields), and are quoted anyway: nothing a
user types is ever interpreted as FTS syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session

from mawjaz.storage.models import Article
from mawjaz.text.tokens import index_terms

Phrase = tuple[str, ...]
HEADLINE_WEIGHT = 3.0
CANDIDATES = 500  # articles ranked before grouping by story


@dataclass(frozen=True, slots=True)
class Hit:
    story_id: int
    article_ids: tuple[int, ...]
    score: float


def index_article(session: Session, article: Article) -> None:
    """(Re)index one article from its current headline and body; idempotent."""
    headline = " ".join(index_terms(article.headline))
    body = " ".join(index_terms(article.body))
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(
                "INSERT INTO article_search (article_id, doc) VALUES (:id, "
                "setweight(to_tsvector('simple', :headline), 'A') || setweight(to_tsvector('simple', :body), 'B')) "
                "ON CONFLICT (article_id) DO UPDATE SET doc = EXCLUDED.doc"
            ),
            {"id": article.id, "headline": headline, "body": body},
        )
    else:
        session.execute(text("DELETE FROM article_search WHERE rowid = :id"), {"id": article.id})
        session.execute(
            text("INSERT INTO article_search (rowid, headline, body) VALUES (:id, :headline, :body)"),
            {"id": article.id, "headline": headline, "body": body},
        )


def _fts5_query(phrases: Sequence[Phrase]) -> str:
    quoted = []
    for phrase in phrases:
        words = " ".join(term.replace('"', '""') for term in phrase)
        quoted.append(f'"{words}"')
    return " OR ".join(quoted)


def _ts_query(phrases: Sequence[Phrase]) -> tuple[str, dict[str, str]]:
    parts, params = [], {}
    for n, phrase in enumerate(phrases):
        params[f"p{n}"] = " ".join(phrase)
        parts.append(f"phraseto_tsquery('simple', :p{n})")
    return " || ".join(parts), params


def find(session: Session, phrases: Sequence[Phrase], since: datetime | None, limit: int) -> list[Hit]:
    """Stories whose articles match any phrase: best-matching article first, then story size, then recency."""
    phrases = [tuple(p) for p in phrases if p]
    if not phrases:
        return []
    window = "AND s.last_seen >= :since" if since is not None else ""
    params: dict[str, object] = {"limit": CANDIDATES}
    if since is not None:
        params["since"] = since
    if session.get_bind().dialect.name == "postgresql":
        tsquery, tsparams = _ts_query(phrases)
        params.update(tsparams)
        sql = (
            f"SELECT a.id, a.story_id, ts_rank(x.doc, q.query) AS score, s.article_count, s.last_seen "
            f"FROM (SELECT {tsquery} AS query) q "
            f"JOIN article_search x ON x.doc @@ q.query "
            f"JOIN articles a ON a.id = x.article_id JOIN stories s ON s.id = a.story_id "
            f"WHERE true {window} ORDER BY score DESC, a.id DESC LIMIT :limit"
        )
    else:
        params["query"] = _fts5_query(phrases)
        sql = (
            f"SELECT a.id, a.story_id, -bm25(article_search, {HEADLINE_WEIGHT}, 1.0) AS score, "
            f"s.article_count, s.last_seen "
            f"FROM article_search JOIN articles a ON a.id = article_search.rowid "
            f"JOIN stories s ON s.id = a.story_id "
            f"WHERE article_search MATCH :query {window} ORDER BY score DESC, a.id DESC LIMIT :limit"
        )
    rows = session.execute(text(sql), params).all()
    return _by_story(rows, limit)


def _by_story(rows, limit: int) -> list[Hit]:
    best: dict[int, float] = {}
    members: dict[int, list[int]] = {}
    size: dict[int, int] = {}
    seen: dict[int, object] = {}
    for article_id, story_id, score, article_count, last_seen in rows:
        if story_id is None:
            continue
        best[story_id] = max(best.get(story_id, float("-inf")), float(score))
        members.setdefault(story_id, []).append(article_id)
        size[story_id], seen[story_id] = article_count, last_seen
    order = sorted(best, key=lambda s: (-round(best[s], 6), -size[s], -_ts(seen[s]), -s))
    return [Hit(s, tuple(sorted(members[s])), best[s]) for s in order[:limit]]


def _ts(moment) -> float:
    if isinstance(moment, str):  # SQLite hands raw text back from a textual query
        moment = datetime.fromisoformat(moment)
    return moment.timestamp()
