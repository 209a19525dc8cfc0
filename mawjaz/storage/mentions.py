"""The names the tagger found in each article, kept so that an article is tagged once (migration 0011).

An article's names are found when it is stored (:mod:`mawjaz.pipeline.store`)
and a story's key actors are computed from its articles' stored names
(:mod:`mawjaz.digest.actors`): tagging is the slowest step of an ingest, and
a story that grows by one article must not tag the others again.

Each article's rows carry the tagger that wrote them (``articles.mentions_from``):
an article with none, or with another tagger's, is tagged again when its
story's actors are next computed (old databases, a new model).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mawjaz.storage import driver

if TYPE_CHECKING:
    from sqlmodel import Session

#: The parts of an article a name can stand in, in page order.
PARTS = ("headline", "subtitle", "caption", "lead", "body")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name as an article writes it, its type (PER, ORG, LOC; ``LOC!`` a place for certain), the part it
    stands in (:data:`PARTS`; ``lead`` is the body's first lines) and how often it stands there."""

    name: str
    type: str
    part: str
    count: int = 1
    norm_key: str = ""  # the name's index terms, space-separated: what matching reads


def store(session: Session, article_id: int, mentions: Sequence[Mention], tagger: str, *, later: bool = False) -> None:
    """Replace the article's names with ``mentions``, found by ``tagger``, in the open transaction.

    ``later``: on PostgreSQL, sent with the session's next statement (:func:`mawjaz.storage.driver.execute_later`).
    """
    driver.executemany_all(
        session,
        [
            ("DELETE FROM article_mentions WHERE article_id = ?", [(article_id,)]),
            (
                "INSERT INTO article_mentions (article_id, position, name, norm_key, type, part, count)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(article_id, i, m.name, m.norm_key, m.type, m.part, m.count) for i, m in enumerate(mentions)],
            ),
            ("UPDATE articles SET mentions_from = ? WHERE id = ?", [(tagger, article_id)]),
        ],
        later=later,
    )


def forget(session: Session, article_id: int) -> None:
    """The article's text changed: its names are gone, to be found again when its story's actors are computed."""
    driver.execute(session, "DELETE FROM article_mentions WHERE article_id = ?", (article_id,))
    driver.execute(session, "UPDATE articles SET mentions_from = NULL WHERE id = ?", (article_id,))


def of_articles(session: Session, article_ids: Iterable[int], tagger: str) -> dict[int, list[Mention]]:
    """The stored names of each article that ``tagger`` read, in the order it met them.

    An article missing from the answer has none from ``tagger`` (never
    tagged, or tagged by another model): the caller tags it.
    """
    ids = list(dict.fromkeys(article_ids))
    found: dict[int, list[Mention]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for (article_id,) in driver.execute(
            session, f"SELECT id FROM articles WHERE id IN ({marks}) AND mentions_from = ?", (*chunk, tagger)
        ):
            found[article_id] = []
        rows = driver.execute(
            session,
            "SELECT m.article_id, m.name, m.norm_key, m.type, m.part, m.count FROM article_mentions m"
            f" JOIN articles a ON a.id = m.article_id WHERE m.article_id IN ({marks}) AND a.mentions_from = ?"
            " ORDER BY m.article_id, m.position",
            (*chunk, tagger),
        )
        for article_id, name, norm_key, type_, part, count in rows:
            found[article_id].append(Mention(name, type_, part, count, norm_key))
    return found
