"""The ingest job: read sources, store each article whole or not at all, file it in a story.

Shared by ``mawjaz ingest``, ``mawjaz demo`` and feed polling in ``mawjaz run``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import httpx
from sqlalchemy import Engine

from mawjaz.config import Settings
from mawjaz.digest import actors
from mawjaz.digest import stories as story_assignment
from mawjaz.ingest import read_source
from mawjaz.ingest.guard import public_only
from mawjaz.ingest.record import Article, Item, Problem
from mawjaz.storage import articles, search
from mawjaz.storage import stories as story_repo
from mawjaz.storage.articles import Outcome
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Article as StoredArticle

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "read": self.read,
            "new": self.new,
            "duplicate": self.duplicate,
            "failed": self.failed,
            "problems": [{"where": p.where, "why": p.why} for p in self.problems],
        }


def store_items(engine: Engine, items: Iterable[Item], report: IngestReport,
                on_item: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Store every Article of ``items`` in its own transaction; Problems are counted, not raised.

    The key actors of the stories the batch touched are refreshed at the end.
    """
    touched: set[int] = set()  # stories that changed: their actors are recomputed
    revisited: set[int] = set()  # stories of copies seen before: their actors are filled in if missing
    for item in items:
        if isinstance(item, Problem):
            report.failed += 1
            report.problems.append(item)
        else:
            report.read += 1
            story_id, changed = _store_one(engine, item, report)
            if story_id is not None:
                (touched if changed else revisited).add(story_id)
        if on_item is not None:
            on_item(report)
    if revisited - touched:  # a run killed before this step left them without actors
        with transaction(engine) as session:
            touched |= set(story_repo.without_actors(session, sorted(revisited - touched)))
    refresh_actors(engine, touched)
    if report.read:
        with transaction(engine) as session:
            search.optimise(session)  # a bounded merge, so searches stay fast as the index grows
    return report


def _store_one(engine: Engine, record: Article, report: IngestReport) -> tuple[int | None, bool]:
    """Store one record whole or not at all; returns its story and whether the story changed."""
    try:
        with transaction(engine) as session:
            stored = articles.store(session, record)
            if stored.outcome is not Outcome.SEEN:
                search.index_article(session, session.get(StoredArticle, stored.article_id))
            story_id = story_assignment.assign(session, stored)
            if stored.outcome is Outcome.SEEN:
                story_id = session.get(StoredArticle, stored.article_id).story_id
    except Exception as exc:  # one bad record must not stop the batch
        log.exception("could not store %s", record.url or record.external_id or record.source)
        report.failed += 1
        where = record.url or (f"{record.source}#{record.external_id}" if record.external_id else record.source)
        report.problems.append(Problem(where, f"not stored: {exc.__class__.__name__}: {exc}"))
        return None, False
    if stored.outcome is Outcome.NEW:
        report.new += 1
    else:
        report.duplicate += 1
    return story_id, stored.outcome is not Outcome.SEEN


def ingest(engine: Engine, sources: Iterable[str], settings: Settings, fmt: str = "auto",
           on_item: Callable[[IngestReport], None] | None = None) -> IngestReport:
    report = IngestReport()
    headers = {"User-Agent": settings.user_agent}
    guard = public_only(allow_private=settings.allow_private_urls)  # every URL and redirect: public hosts only
    with httpx.Client(timeout=settings.http_timeout_s, follow_redirects=True, headers=headers) as client:
        for source in sources:
            items = read_source(source, fmt, max_bytes=settings.max_input_bytes, client=client, guard=guard)
            store_items(engine, items, report, on_item)
    return report


def refresh_actors(engine: Engine, story_ids: Iterable[int]) -> None:
    """Tag the stories a batch touched and store their key actors, one transaction per story.

    Runs once per batch, after the articles are safely stored: tagging is the
    slowest step, and a story touched ten times in a batch is tagged once.
    """
    for story_id in sorted(story_ids):
        try:
            with transaction(engine) as session:
                actors.refresh_actors(session, [story_id])
        except Exception:  # actors are an enrichment: a failure must not fail the ingest
            log.exception("could not refresh the actors of story %s", story_id)
