"""The write path: one article in, stored whole or not at all, filed in a story; then the stories' key actors.

The order is known here and nowhere else::

    read the text once (mawjaz.text.reading) → store the row, or a copy of the article it
    duplicates (storage.articles) → index it for /topic (storage.search) → place it in a story
    (digest.stories) → recompute the stories' headline and summary, once per batch → commit
    → tag the key actors of the stories the batch changed (digest.actors), one story a transaction

``mawjaz ingest``, ``mawjaz demo``, feed polling in ``mawjaz run``, the
benchmarks and the tests all store articles through :func:`store_items` (or
:func:`store_article` inside a transaction of their own).

Key actors are written after the articles commit, because tagging is the
slowest step and a story touched ten times in a batch is tagged once. A
story whose articles changed is flagged ``actors_due`` in the same
transaction as the articles; writing its actors clears the flag. A step that
fails is tried again; what still fails stays flagged and is counted in
``IngestReport.incomplete``, and the next ingest (or ``mawjaz db repair``)
finishes it: nothing half-done passes for done.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from mawjaz.digest import actors
from mawjaz.digest import stories as story_assignment
from mawjaz.ingest.record import Article, Item, Problem
from mawjaz.storage import articles, driver, search, story_index
from mawjaz.storage import stories as story_repo
from mawjaz.storage.articles import Outcome, Stored
from mawjaz.storage.engine import reading, transaction
from mawjaz.text.reading import Reading, read_article

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from mawjaz.config import Settings
    from mawjaz.text.aliases import AliasIndex

log = logging.getLogger(__name__)

#: Articles stored per transaction, and the most seconds one batch may take to fill (see :func:`store_items`).
BATCH = 256
BATCH_SECONDS = 1.0
#: How many times a story's key actors are tried before the story is left flagged for the next run.
ACTOR_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """What the write path needs from the settings, carried down to story placement and actors.

    ``story_window`` is ``MAWJAZ_STORY_WINDOW_HOURS`` (how far back a new
    article may join a story); ``aliases`` the index built once from
    ``MAWJAZ_ALIASES_FILE`` (None: the shipped names); ``actors=False``
    leaves stories flagged ``actors_due`` (the benchmarks' ``--no-actors``).
    The defaults are the settings' defaults, for callers with no settings.
    """

    story_window: timedelta = story_assignment.DEFAULT_WINDOW
    aliases: AliasIndex | None = None
    actors: bool = True

    @classmethod
    def from_settings(
        cls, settings: Settings, aliases: AliasIndex | None = None, *, actors: bool = True
    ) -> WriteOptions:
        return cls(story_window=settings.story_window, aliases=aliases, actors=actors)


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    incomplete: int = 0  # stories whose key actors could not be written (left flagged for the next run)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files of a folder not read: not a format Mawjaz reads

    def to_json(self) -> dict:
        return {
            "read": self.read,
            "new": self.new,
            "duplicate": self.duplicate,
            "failed": self.failed,
            "incomplete": self.incomplete,
            "problems": [{"where": p.where, "why": p.why} for p in self.problems],
            "skipped": list(self.skipped),
        }


@dataclass(frozen=True, slots=True)
class Placed:
    """One record stored: what became of it, and its story (None when this very copy was stored before)."""

    stored: Stored
    story_id: int | None

    @property
    def texts_changed(self) -> bool:
        """Whether its story's headline and summary must be recomputed (a new text came in)."""
        return self.story_id is not None and (self.stored.outcome is Outcome.NEW or self.stored.replaced)


def store_article(
    session: Session,
    record: Article,
    options: WriteOptions = WriteOptions(),
    *,
    texts: bool = True,
    reading: Reading | None = None,
) -> Placed:
    """Store ``record`` in the open transaction: the row (or a copy), the search index, its story.

    ``texts=False`` leaves the story's headline and summary to the caller,
    who recomputes them once for a whole batch (:func:`store_items` does).
    ``reading``: the record's text already read (:func:`store_items` reads a
    batch before it takes the write lock); read here when not given.
    """
    reading = reading or read_article(record.title, record.body)
    stored = articles.store(session, record, reading)
    if stored.outcome is Outcome.SEEN:
        return Placed(stored, story_index.story_of(session, stored.article_id))
    if stored.outcome is Outcome.NEW or stored.replaced:  # a copy that kept the stored text leaves the index as it is
        search.index_terms_of(
            session, stored.article_id, reading.headline_terms, reading.body_terms, new=stored.outcome is Outcome.NEW
        )
    story_id = story_assignment.assign(session, stored, options.story_window, texts=texts, reading=reading)
    return Placed(stored, story_id)


def store_items(
    engine: Engine,
    items: Iterable[Item],
    report: IngestReport,
    options: WriteOptions = WriteOptions(),
    on_item: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Store every Article of ``items``, each whole or not at all; Problems are counted, not raised.

    On SQLite up to :data:`BATCH` articles share a transaction (a write
    transaction: ``BEGIN IMMEDIATE``, see :mod:`mawjaz.storage.engine`), as
    many as :data:`BATCH_SECONDS` of reading brings and of storing allows;
    each article is a savepoint in it, so one bad record fails alone. A
    transaction is paid at commit (the search index writes a segment, the
    WAL grows), so batching divides that cost, and the one-second bound
    keeps a chat's write from waiting long behind it (the engine's write
    gate gives the chat the next turn). The stories a batch touched get
    their headline and summary recomputed once, before its commit. A crash
    loses only the batch not yet committed, which a rerun stores (every
    committed copy is SEEN). PostgreSQL batches alike: a storing
    transaction holds one advisory lock however many articles it stores
    (:func:`mawjaz.storage.dedup.lock`), so workers sharing the database
    take turns to store, batch by batch, as SQLite's writers do, and read
    and tag in parallel.

    Then the key actors of every story they are due for (this run's and any
    a failed or killed run left behind) are written.
    """
    pending: list[tuple[Article, Reading | Exception]] = []  # each record with its text read (outside any lock)
    started = 0.0

    def flush() -> None:
        while pending:  # what the read brought, in transactions of at most BATCH_SECONDS of storing each
            del pending[: _store_batch(engine, pending, report, options)]
            if on_item is not None:
                on_item(report)

    for item in items:
        if isinstance(item, Problem):
            report.failed += 1
            report.problems.append(item)
            if on_item is not None:
                on_item(report)
            continue
        if not pending:
            started = time.monotonic()
        pending.append((item, _read(item)))
        if len(pending) >= BATCH or time.monotonic() - started >= BATCH_SECONDS:
            flush()
    if pending:
        flush()
    if options.actors:
        report.incomplete += write_due_actors(engine, options.aliases)
    if report.read:
        with transaction(engine) as session:
            search.optimise(session)  # a bounded merge, so searches stay fast as the index grows
    return report


def _store_batch(
    engine: Engine, records: list[tuple[Article, Reading | Exception]], report: IngestReport, options: WriteOptions
) -> int:
    """Store the first of ``records`` in one transaction, as many as :data:`BATCH_SECONDS` allows; returns how many.

    The bound is on the time spent storing, in the transaction: reading 256
    records takes milliseconds, storing them seconds, all of it holding
    SQLite's write lock (their texts were read before, outside it). A record that fails is rolled back to its savepoint
    and reported; the others are kept. If the transaction itself fails (the
    database refused it, a lost connection), each record it tried is tried
    again in its own.
    """
    tried = 1
    if len(records) > 1:
        outcomes: list[Placed | Exception] = []
        try:
            with transaction(engine) as session:
                began = time.monotonic()
                tried = 0
                for record, read in records:
                    tried += 1
                    outcomes.append(_store_one(session, record, read, options, savepoint=True))
                    if time.monotonic() - began >= BATCH_SECONDS:
                        break
                story_assignment.refresh_texts(session, _changed(outcomes))
        except Exception:  # the database refused the batch, or something failed outside any one record
            log.warning("a batch of %d articles failed; storing them one by one", tried, exc_info=True)
            tried = max(tried, 1)
        else:
            for (record, _text), outcome in zip(records, outcomes, strict=False):
                _count(record, outcome, report)
            return tried
    for record, read in records[:tried]:
        try:
            with transaction(engine) as session:
                outcome = _store_one(session, record, read, options, savepoint=False)
                story_assignment.refresh_texts(session, _changed([outcome]))
        except Exception as exc:  # one bad record must not stop the batch
            outcome = exc
        _count(record, outcome, report)
    return tried


def _read(record: Article) -> Reading | Exception:
    try:
        return read_article(record.title, record.body)
    except Exception as exc:  # a text the readers let through but no step can read: that record fails alone
        return exc


def _store_one(
    session: Session, record: Article, reading: Reading | Exception, options: WriteOptions, *, savepoint: bool
) -> Placed | Exception:
    """Store one record: as a savepoint of a batch (its failure is returned), or as the whole transaction (raised)."""
    if isinstance(reading, Exception):
        if not savepoint:
            raise reading
        return reading
    try:
        if savepoint:
            with driver.savepoint(session, "store_article"):
                return store_article(session, record, options, texts=False, reading=reading)
        return store_article(session, record, options, texts=False, reading=reading)
    except OperationalError:
        raise  # the database, not the record: the batch is tried again record by record
    except Exception as exc:
        if not savepoint:
            raise
        return exc


def _changed(outcomes: list[Placed | Exception]) -> set[int]:
    return {o.story_id for o in outcomes if isinstance(o, Placed) and o.texts_changed and o.story_id is not None}


def _count(record: Article, outcome: Placed | Exception, report: IngestReport) -> None:
    """Add a committed outcome to ``report``."""
    report.read += 1
    if isinstance(outcome, Exception):
        log.error("could not store %s", record.url or record.external_id or record.source, exc_info=outcome)
        report.failed += 1
        where = record.url or (f"{record.source}#{record.external_id}" if record.external_id else record.source)
        report.problems.append(Problem(where, f"not stored: {outcome.__class__.__name__}: {outcome}"))
    elif outcome.stored.outcome is Outcome.NEW:
        report.new += 1
    else:
        report.duplicate += 1


def write_due_actors(engine: Engine, aliases: AliasIndex | None = None, batch: int = 500) -> int:
    """Tag and store the key actors of every story they are due for; returns how many stories are still due.

    A story's texts are read, tagged outside any transaction (tagging a
    story of fifty articles takes seconds: SQLite's write lock would be held
    that long), and its actors written in a short transaction if its texts
    are still the same. Each story is tried :data:`ACTOR_ATTEMPTS` times; a
    story that still fails stays flagged (logged) and is tried again by the
    next call. Safe beside other workers doing the same: the result is the
    same whoever writes it.
    """
    failed: set[int] = set()
    while True:
        with reading(engine) as session:
            due = [i for i in story_repo.actors_due(session, batch + len(failed)) if i not in failed]
        if not due:
            return len(failed)
        actors.load()  # outside any transaction: the model loads while nobody waits for the write lock
        for story_id in due:
            if not _write_actors(engine, story_id, aliases):
                failed.add(story_id)


def _write_actors(engine: Engine, story_id: int, aliases: AliasIndex | None) -> bool:
    """Read the story, tag it outside any write transaction (the slow part), then write its actors briefly."""
    for attempt in range(1, ACTOR_ATTEMPTS + 1):
        try:
            with reading(engine) as session:
                read_at = story_repo.version(session, story_id)
                texts = actors.story_texts(session, [story_id])[story_id]
            if read_at is None:  # removed meanwhile
                return True
            found = actors.key_actors(texts, aliases=aliases) if texts else []
            with transaction(engine) as session:
                story_repo.set_actors(session, story_id, found, read_at)
            return True
        except Exception:  # actors are an enrichment: the story stays flagged, the ingest goes on
            log.warning(
                "could not write the key actors of story %s (attempt %d of %d)",
                story_id,
                attempt,
                ACTOR_ATTEMPTS,
                exc_info=attempt == ACTOR_ATTEMPTS,
            )
            time.sleep(0.05 * attempt)
    return False
