"""The ingest job: read sources, store each article whole or not at all, file it in a story.

Shared by ``mawjaz ingest``, ``mawjaz demo`` and feed polling in ``mawjaz run``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from mawjaz.config import Settings
from mawjaz.digest import actors
from mawjaz.digest import stories as story_assignment
from mawjaz.ingest import read_source
from mawjaz.ingest.guard import public_only
from mawjaz.ingest.record import Article, Item, Problem
from mawjaz.storage import articles, driver, search, story_index
from mawjaz.storage import stories as story_repo
from mawjaz.storage.articles import Outcome, Stored
from mawjaz.storage.engine import is_postgres, transaction
from mawjaz.text.aliases import AliasIndex

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


@dataclass(frozen=True, slots=True)
class StoreOptions:
    """What storing articles needs from the settings, carried down to story placement and actors.

    ``story_window`` is ``MAWJAZ_STORY_WINDOW_HOURS`` (how far back a new
    article may join a story); ``aliases`` the index built once from
    ``MAWJAZ_ALIASES_FILE`` (None: the shipped names). The defaults are the
    settings' defaults, for callers with no settings (tests, benches).
    """

    story_window: timedelta = story_assignment.DEFAULT_WINDOW
    aliases: AliasIndex | None = None

    @classmethod
    def from_settings(cls, settings: Settings, aliases: AliasIndex | None = None) -> StoreOptions:
        return cls(story_window=settings.story_window, aliases=aliases)


#: SQLite: articles stored per transaction, and the most seconds one batch may take to fill (see :func:`store_items`).
BATCH = 256
BATCH_SECONDS = 1.0


def store_items(engine: Engine, items: Iterable[Item], report: IngestReport,
                on_item: Callable[[IngestReport], None] | None = None,
                options: StoreOptions = StoreOptions()) -> IngestReport:
    """Store every Article of ``items``, each whole or not at all; Problems are counted, not raised.

    On SQLite up to :data:`BATCH` articles (or what :data:`BATCH_SECONDS`
    brings) share a transaction, opened with ``BEGIN IMMEDIATE`` so that it
    waits for the write lock instead of failing half-way; each article is a
    savepoint in it, so one bad record fails alone. A transaction is paid at
    commit (the search index writes a segment, the WAL grows), so batching
    divides that cost; the stories a batch touched get their headline and
    summary recomputed once, before its commit. A crash loses only the batch
    not yet committed, which a rerun stores (every committed copy is SEEN).
    On PostgreSQL each article keeps its own transaction: several workers
    share the database, and holding one article's advisory locks and story
    row locks for a whole batch would make them wait on (or deadlock with)
    each other.

    The key actors of the stories the batch touched are refreshed at the end.
    ``options`` carries the story window and the aliases down (:class:`StoreOptions`).
    """
    touched: set[int] = set()  # stories that changed: their actors are recomputed
    revisited: set[int] = set()  # stories of copies seen before: their actors are filled in if missing
    size = 1 if is_postgres(engine) else BATCH
    pending: list[Article] = []
    started = 0.0

    def flush() -> None:
        for story_id, changed in _store_batch(engine, pending, report, options.story_window):
            if story_id is not None:
                (touched if changed else revisited).add(story_id)
            if on_item is not None:
                on_item(report)
        pending.clear()

    for item in items:
        if isinstance(item, Problem):
            report.failed += 1
            report.problems.append(item)
            if on_item is not None:
                on_item(report)
            continue
        if not pending:
            started = time.monotonic()
        pending.append(item)
        if len(pending) >= size or time.monotonic() - started >= BATCH_SECONDS:
            flush()
    if pending:
        flush()
    if revisited - touched:  # a run killed before this step left them without actors
        with transaction(engine) as session:
            touched |= set(story_repo.without_actors(session, sorted(revisited - touched)))
    refresh_actors(engine, touched, options.aliases)
    if report.read:
        with transaction(engine) as session:
            search.optimise(session)  # a bounded merge, so searches stay fast as the index grows
    return report


def _store_batch(engine: Engine, records: list[Article], report: IngestReport,
                 window: timedelta) -> list[tuple[int | None, bool]]:
    """Store ``records`` in one transaction; per record, its story and whether the story changed.

    A record that fails is rolled back to its savepoint and reported; the
    others are kept. If the transaction itself fails (the database refused
    it, a lost connection), each record is tried again in its own.
    """
    if len(records) > 1:
        try:
            with transaction(engine.execution_options(sqlite_immediate=True)) as session:
                outcomes = [_store_one(session, record, window, savepoint=True) for record in records]
                story_assignment.refresh_texts(session, {s for s, texts in _stories(outcomes) if texts})
        except Exception:  # the database refused the batch, or something failed outside any one record
            log.warning("a batch of %d articles failed; storing them one by one", len(records), exc_info=True)
        else:
            return [_count(record, outcome, report) for record, outcome in zip(records, outcomes, strict=True)]
    results = []
    for record in records:
        try:
            with transaction(engine.execution_options(sqlite_immediate=True)) as session:
                outcome = _store_one(session, record, window, savepoint=False)
                story_assignment.refresh_texts(session, {s for s, texts in _stories([outcome]) if texts})
        except Exception as exc:  # one bad record must not stop the batch
            outcome = exc
        results.append(_count(record, outcome, report))
    return results


_Outcome = tuple[Stored, int | None] | Exception


def _store_one(session: Session, record: Article, window: timedelta, *, savepoint: bool) -> _Outcome:
    """Store one record: as a savepoint of a batch (its failure is returned), or as the whole transaction (raised)."""
    try:
        if savepoint:
            with driver.savepoint(session, "store_article"):
                return _place(session, record, window)
        return _place(session, record, window)
    except OperationalError:
        raise  # the database, not the record: the batch is tried again record by record
    except Exception as exc:
        if not savepoint:
            raise
        return exc


def _place(session: Session, record: Article, window: timedelta) -> tuple[Stored, int | None]:
    stored = articles.store(session, record)
    if stored.outcome is Outcome.SEEN:
        return stored, story_index.story_of(session, stored.article_id)
    if stored.outcome is Outcome.NEW or stored.replaced:  # a copy that kept the stored text leaves the index as it is
        search.index_text(session, stored.article_id, record.title, record.body, new=stored.outcome is Outcome.NEW)
    return stored, story_assignment.assign(session, stored, window, texts=False)


def _stories(outcomes: list[_Outcome]) -> list[tuple[int, bool]]:
    """(story, whether its headline and summary must be recomputed) for each record stored."""
    return [
        (story_id, stored.outcome is Outcome.NEW or stored.replaced)
        for stored, story_id in (o for o in outcomes if not isinstance(o, Exception))
        if story_id is not None and stored.outcome is not Outcome.SEEN
    ]


def _count(record: Article, outcome: _Outcome, report: IngestReport) -> tuple[int | None, bool]:
    """Add a committed outcome to ``report``; returns its story and whether the story changed."""
    report.read += 1
    if isinstance(outcome, Exception):
        log.error("could not store %s", record.url or record.external_id or record.source, exc_info=outcome)
        report.failed += 1
        where = record.url or (f"{record.source}#{record.external_id}" if record.external_id else record.source)
        report.problems.append(Problem(where, f"not stored: {outcome.__class__.__name__}: {outcome}"))
        return None, False
    stored, story_id = outcome
    if stored.outcome is Outcome.NEW:
        report.new += 1
    else:
        report.duplicate += 1
    return story_id, stored.outcome is not Outcome.SEEN


def ingest(engine: Engine, sources: Iterable[str], settings: Settings, fmt: str = "auto",
           on_item: Callable[[IngestReport], None] | None = None, aliases: AliasIndex | None = None) -> IngestReport:
    """Read ``sources`` and store what they hold, with the settings' story window and the given aliases."""
    report = IngestReport()
    options = StoreOptions.from_settings(settings, aliases)
    headers = {"User-Agent": settings.user_agent}
    guard = public_only(allow_private=settings.allow_private_urls)  # every URL and redirect: public hosts only
    with httpx.Client(timeout=settings.http_timeout_s, follow_redirects=True, headers=headers) as client:
        for source in sources:
            items = read_source(source, fmt, max_bytes=settings.max_input_bytes, client=client, guard=guard)
            store_items(engine, items, report, on_item, options)
    return report


def refresh_actors(engine: Engine, story_ids: Iterable[int], aliases: AliasIndex | None = None) -> None:
    """Tag the stories a batch touched and store their key actors, one transaction per story.

    Runs once per batch, after the articles are safely stored: tagging is the
    slowest step, and a story touched ten times in a batch is tagged once.
    """
    for story_id in sorted(story_ids):
        try:
            with transaction(engine) as session:
                actors.refresh_actors(session, [story_id], aliases=aliases)
        except Exception:  # actors are an enrichment: a failure must not fail the ingest
            log.exception("could not refresh the actors of story %s", story_id)
