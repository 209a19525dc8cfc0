"""Taking articles out again (``mawjaz articles remove``): a mistake ingested can be undone.

An article goes with everything that was made of it: its copies, its
near-duplicate keys and shingles, its search index entry (all by the
database's cascades, the SQLite search trigger included), and its place in
its story. The story is then recomputed from the articles still in it (its
centroid, headline, summary, times and counts; its key actors are due again
and written after the commit) and deleted when none is left. Every id is
checked before anything is removed: an unknown id removes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mawjaz.digest import stories as story_assignment
from mawjaz.errors import MawjazError
from mawjaz.storage import driver
from mawjaz.storage.engine import transaction

if TYPE_CHECKING:
    from sqlalchemy import Engine


class UnknownArticle(MawjazError):
    """An id that names no stored article."""


@dataclass(frozen=True, slots=True)
class Removed:
    """One article removed: how many copies went with it, its story, and whether the story went too."""

    article_id: int
    copies: int
    story_id: int | None
    story_removed: bool

    def to_json(self) -> dict:
        return {
            "id": self.article_id,
            "copies": self.copies,
            "story_id": self.story_id,
            "story_removed": self.story_removed,
        }


def remove_articles(engine: Engine, article_ids: Sequence[int]) -> list[Removed]:
    """Remove the articles ``article_ids`` (and their copies) in one transaction; then write the due key actors.

    Raises :class:`UnknownArticle` naming every id that is not stored, having removed nothing.
    """
    from mawjaz.pipeline.store import write_due_actors

    ids = list(dict.fromkeys(article_ids))
    with transaction(engine) as session:
        found: dict[int, tuple[int | None, int]] = {}
        for article_id in ids:
            row = driver.execute(session, "SELECT story_id FROM articles WHERE id = ?", (article_id,)).first()
            if row is not None:
                copies = driver.execute(
                    session, "SELECT COUNT(*) FROM article_copies WHERE article_id = ?", (article_id,)
                ).scalar_one()
                found[article_id] = (row[0], copies)
        unknown = [str(i) for i in ids if i not in found]
        if unknown:
            raise UnknownArticle(f"no article with id {', '.join(unknown)}: nothing removed")
        for article_id in ids:
            _forget(session, article_id)
        kept: dict[int, bool] = {}
        for story_id in sorted({story for story, _ in found.values() if story is not None}):
            kept[story_id] = story_assignment.rebuild(session, story_id)
    write_due_actors(engine)
    return [
        Removed(article_id, copies, story_id, story_id is not None and not kept[story_id])
        for article_id, (story_id, copies) in found.items()
    ]


def _forget(session, article_id: int) -> None:
    """Delete the article row and all that hangs on it (stated, not left to cascades alone)."""
    for table in ("article_copies", "dedup_keys", "dedup_shingles"):
        driver.execute(session, f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    if driver.is_postgres(session):
        driver.execute(session, "DELETE FROM article_search WHERE article_id = ?", (article_id,))
    else:
        driver.execute(session, "DELETE FROM article_search WHERE rowid = ?", (article_id,))
    driver.execute(session, "DELETE FROM articles WHERE id = ?", (article_id,))
