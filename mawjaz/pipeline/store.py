"""The write path: one article in, stored whole or not at all, filed in a story; then the stories' key actors.

The order is known here and nowhere else::

    read the text once (mawjaz.text.reading) and find the names in it (digest.actors.mentions_of,
    in worker processes while the batch before is stored: pipeline.tagging), both before the write lock → store the row, or a copy of the article it duplicates
    (storage.articles), with its names (storage.mentions) → index it for /topic (storage.search)
    → place it in a story (digest.stories) → recompute the stories' headline and summary, once
    per batch → commit → the key actors of the stories the batch changed, from their articles'
    stored names (digest.actors; computed in the tagging workers when the ingest started them), one
    story a transaction (a worker's chunk of stories one transaction, a story a savepoint in it)

``mawjaz ingest``, ``mawjaz demo``, feed polling in ``mawjaz run``, the
benchmarks and the tests all store articles through :func:`store_items` (or
:func:`store_article` inside a transaction of their own).

Each article is tagged once, before it is stored: a story's key actors are
computed from its articles' stored names, never by tagging them again (an
article stored before names were kept, or read by another model, is tagged
when its story's actors are next computed). Key actors are written after the
articles commit, once per story however often a batch touched it. A
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
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from mawjaz.digest import actors
from mawjaz.digest import stories as story_assignment
from mawjaz.ingest.record import Article, Item, Problem
from mawjaz.pipeline.tagging import Names, Tagging, default_workers, names_in, worker_aliases
from mawjaz.storage import articles, driver, search, story_index
from mawjaz.storage import mentions as mention_repo
from mawjaz.storage import stories as story_repo
from mawjaz.storage.articles import Outcome, Stored
from mawjaz.storage.engine import make_engine, reading, transaction
from mawjaz.storage.mentions import Mention
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
#: Records read in one batch that start the tagging workers (:mod:`mawjaz.pipeline.tagging`): a file's batch.
POOL_BATCH = BATCH // 4
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
    tag_workers: int = 0  # processes that tag a batch while the one before is stored (0: tag in this process)

    @classmethod
    def from_settings(
        cls, settings: Settings, aliases: AliasIndex | None = None, *, actors: bool = True
    ) -> WriteOptions:
        workers = default_workers() if settings.tag_workers is None else settings.tag_workers
        return cls(story_window=settings.story_window, aliases=aliases, actors=actors, tag_workers=workers)


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    incomplete: int = 0  # stories whose key actors could not be written (left flagged for the next run)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files of a folder not read: not a format Mawjaz reads
    # Progress, for a progress line (not in the JSON): the phase, and in the key-actor pass its stories.
    phase: str = "storing"  # storing (reading, tagging, storing) | actors | index (tidying the search index)
    actors_due: int = 0  # stories whose key actors the pass found due
    actors_done: int = 0  # of those, written (or given up for this run)

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
class Tagged:
    """An article's names (:func:`mawjaz.digest.actors.mentions_of`) and the tagger that found them."""

    tagger: str
    mentions: tuple[Mention, ...]


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
    tagged: Tagged | None = None,
) -> Placed:
    """Store ``record`` in the open transaction: the row (or a copy) with its names, the search index, its story.

    ``texts=False`` leaves the story's headline and summary to the caller,
    who recomputes them once for a whole batch (:func:`store_items` does).
    ``reading``: the record's text already read (:func:`store_items` reads a
    batch before it takes the write lock); read here when not given.
    ``tagged``: the names in the record (:func:`tag`, also before the lock);
    without them a new article is tagged when its story's actors are computed.
    A copy whose fuller text replaces the article's forgets the article's
    names: its subtitle and captions are merged, so they are found again then.
    """
    reading = reading or read_article(record.title, record.body)
    stored = articles.store(session, record, reading)
    if stored.outcome is Outcome.SEEN:
        return Placed(stored, story_index.story_of(session, stored.article_id))
    if stored.outcome is Outcome.NEW and tagged is not None:
        mention_repo.store(session, stored.article_id, tagged.mentions, tagged.tagger, later=True)
    elif stored.replaced:
        mention_repo.forget(session, stored.article_id)
    if stored.outcome is Outcome.NEW or stored.replaced:  # a copy that kept the stored text leaves the index as it is
        search.index_terms_of(
            session,
            stored.article_id,
            reading.headline_terms,
            reading.body_terms,
            new=stored.outcome is Outcome.NEW,
            later=True,
        )
    story_id = story_assignment.assign(session, stored, options.story_window, texts=texts, reading=reading)
    return Placed(stored, story_id)


def store_items(
    engine: Engine,
    items: Iterable[Item],
    report: IngestReport,
    options: WriteOptions = WriteOptions(),
    on_item: Callable[[IngestReport], None] | None = None,
    *,
    tagging: Tagging | None = None,
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

    A batch's names are found while the batch before it is stored:
    ``tagging`` (the caller's, to share its worker processes across calls;
    else one of ``options.tag_workers`` workers for this call, started only
    for a batch of :data:`POOL_BATCH` records or more) tags batch N+1 as batch N is written.

    Then the key actors of every story they are due for (this run's and any
    a failed or killed run left behind) are written.
    """
    if tagging is None:
        with Tagging(options.tag_workers, options.aliases, min_batch=POOL_BATCH) as own:
            return store_items(engine, items, report, options, on_item, tagging=own)
    if on_item is not None:
        on_item(report)  # the phase has begun: a progress line shows it before the first batch is stored
    pending: list[_Pending] = []  # each record with its text read (outside any lock)
    waiting: list[tuple[list[_Pending], Callable[[], list[Names]], set[str]]] = []  # the batch being tagged
    started = 0.0

    def store(batch: list[_Pending], names: Callable[[], list[Names]]) -> None:
        if options.actors:
            found_all = names()
            version = tagging.tagger_version or actors.tagger_version(options.aliases)
            batch = [
                (record, read, None if found is None else Tagged(version, found))
                for (record, read, _t), found in zip(batch, found_all, strict=True)
            ]
        while batch:  # what the read brought, in transactions of at most BATCH_SECONDS of storing each
            del batch[: _store_batch(engine, batch, report, options)]
            if on_item is not None:
                on_item(report)

    def flush() -> None:
        batch = pending[:]
        pending.clear()
        tagged: set[str] = set()
        if options.actors:
            names = _tagging(engine, batch, tagging, waiting[0][2] if waiting else set(), tagged)
        else:
            names = list
        if waiting:
            store(*waiting.pop()[:2])
        waiting.append((batch, names, tagged))

    for item in items:
        if isinstance(item, Problem):
            report.failed += 1
            report.problems.append(item)
            if on_item is not None:
                on_item(report)
            continue
        if not pending:
            started = time.monotonic()
        pending.append((item, _read(item), None))
        if len(pending) >= BATCH or time.monotonic() - started >= BATCH_SECONDS:
            flush()
    if pending:
        flush()
    if waiting:
        store(*waiting.pop()[:2])
    if options.actors:
        report.incomplete += write_due_actors(engine, options.aliases, report=report, on_item=on_item, tagging=tagging)
    if report.read:
        report.phase = "index"
        if on_item is not None:
            on_item(report)
        with transaction(engine) as session:
            search.optimise(session)  # a bounded merge, so searches stay fast as the index grows
        report.phase = "storing"
    return report


_Pending = tuple[Article, "Reading | Exception", "Tagged | None"]


def _store_batch(engine: Engine, records: list[_Pending], report: IngestReport, options: WriteOptions) -> int:
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
                for record, read, tagged in records:
                    tried += 1
                    outcomes.append(_store_one(session, record, read, tagged, options, savepoint=True))
                    if time.monotonic() - began >= BATCH_SECONDS:
                        break
                story_assignment.refresh_texts(session, _changed(outcomes))
        except Exception:  # the database refused the batch, or something failed outside any one record
            log.warning("a batch of %d articles failed; storing them one by one", tried, exc_info=True)
            tried = max(tried, 1)
        else:
            for (record, _text, _tagged), outcome in zip(records, outcomes, strict=False):
                _count(record, outcome, report)
            return tried
    for record, read, tagged in records[:tried]:
        try:
            with transaction(engine) as session:
                outcome = _store_one(session, record, read, tagged, options, savepoint=False)
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


def _tagging(
    engine: Engine, pending: list[_Pending], tagging: Tagging, being_stored: set[str], tagged: set[str]
) -> Callable[[], list[Names]]:
    """Begin finding the names in each record of ``pending`` whose text no stored article has yet (before the lock).

    A record whose text is stored already (a second run of a file, an exact
    republication), or is in the batch being stored (``being_stored``: the
    texts tagged for it), becomes a copy: tagging it would be wasted. So
    would a second record of one text in the batch. (A near-duplicate is
    tagged and its names dropped when it turns out to be a copy: finding it
    is the store's work.) ``tagged`` gains the texts this batch tags. The
    function returned waits for the names, one per record (None: not tagged).
    """
    hashes = {i: articles.reading_hash(read) for i, (_r, read, _t) in enumerate(pending) if isinstance(read, Reading)}
    with reading(engine) as session:
        known = articles.stored_hashes(session, list(hashes.values())) | being_stored
    chosen: list[int] = []
    for i in range(len(pending)):
        if i in hashes and hashes[i] not in known:
            known.add(hashes[i])
            tagged.add(hashes[i])
            chosen.append(i)
    found = tagging.start([pending[i][0] for i in chosen], batch=len(pending))

    def names() -> list[Names]:
        out: list[Names] = [None] * len(pending)
        for i, names in zip(chosen, found(), strict=True):
            out[i] = names
        return out

    return names


def tag(record: Article, aliases: AliasIndex | None = None) -> Tagged | None:
    """The names in ``record`` as its story's key actors will read them, found once, before it is stored.

    None if the tagger fails on it: the article is then tagged when its
    story's actors are computed (and fails there alone, if it must).
    """
    found = names_in(record, aliases)
    return None if found is None else Tagged(actors.tagger_version(aliases), found)


def _store_one(
    session: Session,
    record: Article,
    reading: Reading | Exception,
    tagged: Tagged | None,
    options: WriteOptions,
    *,
    savepoint: bool,
) -> Placed | Exception:
    """Store one record: as a savepoint of a batch (its failure is returned), or as the whole transaction (raised)."""
    if isinstance(reading, Exception):
        if not savepoint:
            raise reading
        return reading
    try:
        if savepoint:
            with driver.savepoint(session, "store_article", ahead=True):
                return store_article(session, record, options, texts=False, reading=reading, tagged=tagged)
        return store_article(session, record, options, texts=False, reading=reading, tagged=tagged)
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


def write_due_actors(
    engine: Engine,
    aliases: AliasIndex | None = None,
    batch: int = 500,
    *,
    report: IngestReport | None = None,
    on_item: Callable[[IngestReport], None] | None = None,
    tagging: Tagging | None = None,
) -> int:
    """Write the key actors of every story they are due for; returns how many stories are still due.

    A story's actors are computed from its articles' stored names, outside
    any transaction, and written in a short one if the story is still the
    same. An article with no stored names from the current tagger (stored
    before names were kept, or by another model) is tagged then, once: its
    names are stored with the actors. Each story is tried
    :data:`ACTOR_ATTEMPTS` times; a story that still fails stays flagged
    (logged) and is tried again by the next call. Safe beside other workers
    doing the same: the result is the same whoever writes it. ``report``
    and ``on_item``: the pass's progress (``phase``, ``actors_due``,
    ``actors_done``), reported after each story.

    ``tagging``: when its worker processes run (an ingest that read a batch
    of :data:`POOL_BATCH` records or more), they compute the actors, :data:`ACTOR_CHUNK` stories a
    task, reading the database themselves, and this process writes them, in
    story order, a chunk a transaction (:func:`_write_chunk`): the same actors,
    and most of the pass's CPU off the storing process (a story's actors cost
    about as much as storing its articles).
    """
    report = report if report is not None else IngestReport()
    failed: set[int] = set()
    with reading(engine) as session:
        report.actors_due, report.actors_done = len(story_repo.actors_due(session)), 0
    report.phase = "actors"
    if on_item is not None:
        on_item(report)
    url = _shared_url(engine)
    try:
        while True:
            with reading(engine) as session:
                due = [i for i in story_repo.actors_due(session, batch + len(failed)) if i not in failed]
            if not due:
                return len(failed)
            chunks = [due[i : i + ACTOR_CHUNK] for i in range(0, len(due), ACTOR_CHUNK)]
            futures = [tagging.submit(_computed_in_worker, url, c) for c in chunks] if tagging and url else []
            if not any(futures):
                actors.load()  # outside any transaction: the model loads while nobody waits for the write lock
            for number, chunk in enumerate(chunks):
                computed = _collect(futures[number]) if futures else None
                if computed is None:  # no worker (or none answers any more): this process computes the rest
                    futures, computed = [], [None] * len(chunk)
                written = _write_chunk(engine, computed)
                for story_id, done in zip(chunk, written, strict=True):
                    if not (done or _write_actors(engine, story_id, aliases)):
                        failed.add(story_id)
                    report.actors_done += 1
                    report.actors_due = max(report.actors_due, report.actors_done)  # another worker's, or a new one
                    if on_item is not None:
                        on_item(report)
    finally:
        report.phase = "storing"


#: Stories a worker computes the actors of per task (small: the storing process writes while it computes).
ACTOR_CHUNK = 8


@dataclass(frozen=True, slots=True)
class _Computed:
    """A story's key actors as computed from what was read at ``read_at`` (None: the story is gone), with the
    names found for its articles that had none stored (``missing``), to store with the actors."""

    story_id: int
    read_at: object | None
    found: list[story_repo.ActorScore]
    missing: dict[int, list[Mention]]
    tagger: str  # the tagger version that found ``missing`` (a worker's: this process need not load the model)


def _compute_actors(engine: Engine, story_id: int, aliases: AliasIndex | None) -> _Computed:
    """Read the story and its stored names, tag only what has none, compute its actors (nothing is written)."""
    tagger = actors.tagger_version(aliases)
    read_at, texts, stored = _read_stories(engine, [story_id], tagger)
    return _computed(story_id, read_at[story_id], texts[story_id], stored, tagger, aliases)


_Read = tuple[dict[int, object | None], dict[int, list[tuple[int, actors.StoryText]]], dict[int, list[Mention]]]


def _read_stories(engine: Engine, story_ids: list[int], tagger: str) -> _Read:
    """What the actors of ``story_ids`` are computed from, read in one transaction: each story's version, its
    articles' texts and their names stored by ``tagger`` (a worker's chunk in three reads, not three a story)."""
    with reading(engine) as session:
        read_at = {i: story_repo.version(session, i) for i in story_ids}
        texts = actors.story_articles(session, story_ids)
        stored = mention_repo.of_articles(session, (a for i in story_ids for a, _ in texts[i]), tagger)
    return read_at, texts, stored


def _computed(
    story_id: int,
    read_at: object | None,
    texts: list[tuple[int, actors.StoryText]],
    stored: dict[int, list[Mention]],
    tagger: str,
    aliases: AliasIndex | None,
) -> _Computed:
    if read_at is None:  # removed meanwhile
        return _Computed(story_id, None, [], {}, tagger)
    missing = {
        i: actors.mentions_of(text, aliases=aliases) for i, text in texts if i not in stored
    }  # the lazy back-fill
    names = [stored[i] if i in stored else missing[i] for i, _ in texts]
    found = actors.key_actors([t for _, t in texts], aliases=aliases, stored=names) if texts else []
    return _Computed(story_id, read_at, found, missing, tagger)


def _write_chunk(engine: Engine, chunk: list[_Computed | None]) -> list[bool]:
    """Write the actors a worker computed for a chunk of stories, in one short transaction; which were written.

    Each story is a savepoint in it, so one that fails (logged) is computed
    again alone by the caller and the others are kept; if the transaction
    itself fails, none is written and each is. One transaction for the
    chunk, not one a story: beginning and committing cost the storing
    process more than writing a story's few actor rows.
    """
    done = [c is not None and c.read_at is None for c in chunk]  # a story gone meanwhile has nothing to write
    todo = [(i, c) for i, c in enumerate(chunk) if c is not None and c.read_at is not None]
    if not todo:
        return done
    try:
        with transaction(engine) as session:
            for i, computed in todo:
                try:
                    with driver.savepoint(session, "story_actors", ahead=True):
                        _write_in(session, computed)
                    done[i] = True
                except OperationalError:
                    raise  # the database, not the story: the chunk is written story by story
                except Exception:  # computed again from the start in this process
                    log.warning("could not write the key actors of story %s; computing them again", computed.story_id)
    except Exception:  # computed and written again, story by story, in this process
        log.warning("could not write the key actors of %d stories; computing them again", len(todo))
        for i, _computed in todo:
            done[i] = False
    return done


def _write_actors(engine: Engine, story_id: int, aliases: AliasIndex | None) -> bool:
    """Read the story and its stored names, tag only what has none, compute its actors, then write them briefly."""
    for attempt in range(1, ACTOR_ATTEMPTS + 1):
        try:
            computed = _compute_actors(engine, story_id, aliases)
            if computed.read_at is not None:
                _write(engine, computed)
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


def _write(engine: Engine, computed: _Computed) -> None:
    """Store a story's actors (and the names found for them) in a transaction of its own: see :func:`_write_in`."""
    with transaction(engine) as session:
        _write_in(session, computed)


def _write_in(session: Session, computed: _Computed) -> None:
    """Store a story's actors (and the names found for them), unless its articles changed since they were read."""
    if computed.missing and story_repo.version(session, computed.story_id) == computed.read_at:
        for article_id, mentions in computed.missing.items():  # texts unchanged since read
            mention_repo.store(session, article_id, mentions, computed.tagger)
    story_repo.set_actors(session, computed.story_id, computed.found, computed.read_at)


def _shared_url(engine: Engine) -> str | None:
    """The database's URL, for worker processes to read it by; None for a database only this process sees."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and (
        not url.database or url.database == ":memory:" or "file:" in url.database
    ):
        return None
    return url.render_as_string(hide_password=False)


def _collect(future: Future[list[_Computed | None]] | None) -> list[_Computed | None] | None:
    """A worker's chunk of computed actors; None (logged) if the workers failed: this process computes them."""
    try:
        return future.result() if future is not None else None
    except Exception as exc:  # a worker died, or could not send its answer
        log.warning("tagging workers could not compute key actors (%s); computing them here", exc or type(exc).__name__)
        return None


_ENGINES: dict[str, Engine] = {}  # a worker's engine per database, made on its first chunk


def _computed_in_worker(url: str, story_ids: list[int]) -> list[_Computed | None]:
    """In a tagging worker: the key actors of ``story_ids``, computed as :func:`_write_actors` would (None: failed)."""
    engine = _ENGINES.get(url)
    if engine is None:
        engine = _ENGINES[url] = make_engine(url)
    aliases = worker_aliases()
    tagger = actors.tagger_version(aliases)
    try:
        read: _Read | None = _read_stories(engine, story_ids, tagger)
    except Exception:  # each story is read again on its own below
        read = None
    out: list[_Computed | None] = []
    for story_id in story_ids:
        try:
            if read is None:
                out.append(_compute_actors(engine, story_id, aliases))
            else:
                read_at, texts, stored = read
                out.append(_computed(story_id, read_at[story_id], texts[story_id], stored, tagger, aliases))
        except Exception:  # computed again, and logged, in the storing process
            out.append(None)
    return out
