"""Finding the names in a batch of articles in worker processes, while the ingesting process stores the batch before.

Tagging (the CRF tagger, :func:`mawjaz.digest.actors.mentions_of`) is about
half of an ingest's CPU and needs nothing from the database, so
:func:`mawjaz.pipeline.store.store_items` hands batch N+1's records to
:class:`Tagging` and stores batch N meanwhile. Each worker loads the tagger
once (its initializer) and returns exactly what tagging in the ingesting
process gives: both call :func:`names_in`.

Why processes: the tagger is pure Python bound by the GIL, so threads would
not overlap with storing. Why not always: a worker costs a start (about a
second: an interpreter, the model) and memory, so a pool starts only for a
batch of :data:`mawjaz.pipeline.store.POOL_BATCH` records or more, which a
feed poll of a few items never brings. (Not only for a full batch of
``BATCH``: on a loaded machine a file's first batch closes on time with
fewer, and was tagged here, about 12 ms of the storing process's CPU an
article.) A worker that dies (killed, out of memory)
costs nothing but time: the batch, and every later one, is tagged in the
ingesting process, with one log line. Workers ignore Ctrl-C (the ingesting
process stops them) and die with the ingesting process, so an interrupted or
killed ingest leaves no process behind. They watch the process, not the
thread that started them: Linux's ``PR_SET_PDEATHSIG``, used before, fires
when the parent *thread* ends, and the executor starts a worker in whichever
thread submits first, so a worker started from a short-lived thread (a
service's thread pool, a reading thread) was killed the moment that thread
ended, and every later batch fell back to this process.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, TypeVar

from mawjaz.digest import actors

if TYPE_CHECKING:
    from types import TracebackType

    from mawjaz.ingest.record import Article
    from mawjaz.storage.mentions import Mention
    from mawjaz.text.aliases import AliasIndex

log = logging.getLogger(__name__)

Names = tuple["Mention", ...] | None  # an article's names, or None when the tagger failed on it
T = TypeVar("T")


def default_workers() -> int:
    """The CPUs this process may use, less one for the process that stores (at least one worker)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return max(cpus - 1, 1)


def names_in(record: Article, aliases: AliasIndex | None = None) -> Names:
    """The names in ``record`` as its story's key actors will read them; None if the tagger fails on it.

    The one place a record is tagged at store time, in a worker or not: the
    same function gives the same names.
    """
    try:
        text = actors.StoryText(record.title, record.body, (), tuple(record.captions), record.subtitle or "")
        return tuple(actors.mentions_of(text, aliases=aliases))
    except Exception:  # an enrichment: the article is stored all the same, and tagged when its actors are computed
        log.warning("could not tag %s; its names are found later", record.url or record.source, exc_info=True)
        return None


class Tagging:
    """Tags batches of records, in ``workers`` processes (0: in this process, when the names are asked for).

    ``start(records)`` begins and returns a function that waits for the
    names, one per record in order. A pool starts at the first batch of at
    least ``min_batch`` records read (though fewer may need tagging) and serves every later batch; :meth:`close`
    (or leaving the ``with`` block) stops it.
    """

    def __init__(self, workers: int, aliases: AliasIndex | None = None, *, min_batch: int = 1) -> None:
        self.workers = max(workers, 0)
        self.aliases = aliases
        self.min_batch = min_batch
        self._pool: ProcessPoolExecutor | None = None
        # the workers' :func:`mawjaz.digest.actors.tagger_version`, once they sent names: this process then
        # needs no model of its own (loading it was a second of the storing process's CPU)
        self.tagger_version: str | None = None

    def start(self, records: Sequence[Article], batch: int | None = None) -> Callable[[], list[Names]]:
        """Begin tagging ``records``, of a batch of ``batch`` (default: as many) that decides whether a pool starts."""
        records = list(records)
        small = (len(records) if batch is None else batch) < self.min_batch
        if not records or self.workers == 0 or (self._pool is None and small):
            return lambda: tag_here(records, self.aliases)
        try:
            pool = self._open()
            size = -(-len(records) // self.workers)  # one chunk per worker: a batch is its pickling, once
            futures = [pool.submit(_tag_chunk, records[i : i + size]) for i in range(0, len(records), size)]
        except Exception as exc:  # the pool could not start or is broken already
            return self._fallback(records, exc)
        return lambda: self._collect(records, futures)

    def _collect(self, records: list[Article], futures: list[Future[tuple[str, list[Names]]]]) -> list[Names]:
        try:
            chunks = [future.result() for future in futures]
            self.tagger_version = chunks[0][0] if chunks else self.tagger_version
            return [names for _version, found in chunks for names in found]
        except Exception as exc:  # a worker died (BrokenProcessPool) or could not send its answer
            return self._fallback(records, exc)()

    def _fallback(self, records: list[Article], exc: BaseException) -> Callable[[], list[Names]]:
        log.warning("tagging workers failed (%s); tagging in this process from now on", exc or type(exc).__name__)
        self.workers = 0
        self._stop()
        return lambda: tag_here(records, self.aliases)

    def _open(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),  # no fork of a process holding connections
                initializer=_start_worker,
                initargs=(self.aliases,),
            )
        return self._pool

    def _stop(self, *, now: bool = True) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not now:  # idle workers: they leave when told
            pool.shutdown(wait=True)
            return
        # Stop the workers now (a chunk takes seconds; Ctrl-C should not wait for it). The executor has no
        # public way to before Python 3.14 (``terminate_workers``), so its process table is read here.
        for process in _processes(pool):
            if process.is_alive():
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, fn: Callable[..., T], *args: object) -> Future[T] | None:
        """Run ``fn(*args)`` in a worker of the pool already started (None when none runs: the caller runs it).

        The key-actor pass after an ingest is the work given to the workers
        this way: they are idle by then, hold the tagger and the aliases
        (:func:`worker_aliases`), and a story's actors need nothing of the
        storing process but the story's id.
        """
        if self._pool is None or self.workers == 0:
            return None
        try:
            return self._pool.submit(fn, *args)
        except Exception as exc:  # a broken pool: the caller does the work itself
            self._fallback([], exc)
            return None

    def pids(self) -> list[int]:
        """The worker processes' ids (none before a pool starts): what an operator, or a test, may look for."""
        return [p.pid for p in _processes(self._pool) if p.pid is not None] if self._pool is not None else []

    def close(self, *, now: bool = False) -> None:
        """Stop the workers; ``now``: without waiting for tagging still running (its batch is not stored)."""
        self._stop(now=now)

    def __enter__(self) -> Tagging:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close(now=exc is not None)  # Ctrl-C, SIGTERM made an exception, a failure: no waiting


def _processes(pool: ProcessPoolExecutor) -> list[multiprocessing.process.BaseProcess]:
    return list((getattr(pool, "_processes", None) or {}).values())


_ALIASES: list[AliasIndex | None] = [None]  # a worker's alias index, set once by its initializer


# A tagging worker's collector: a young generation of 10,000 objects rather than Python's 700 (see _start_worker).
WORKER_GC_THRESHOLD = (10_000, 10, 10)


_FROZEN_HERE = [False]  # whether this process froze what it held once its tagger was loaded (tag_here)


class _Sweeping:
    """The threads tagging in this process now (:func:`tag_here`), and the threshold the first of them found.

    The collector's threshold is the process's, not a thread's: the first
    tagger to enter sets :data:`WORKER_GC_THRESHOLD`, the last to leave gives
    back what the first found. Saved and restored per call instead, two
    threads raced: the first to finish restored Python's threshold while the
    other was still tagging, and the other then "restored" the worker's, so
    the process kept it for good.
    """

    lock = threading.Lock()
    active = 0
    saved: tuple[int, int, int] | None = None

    @classmethod
    def enter(cls, aliases: AliasIndex | None) -> None:
        with cls.lock:
            if not _FROZEN_HERE[0]:
                actors.tagger_version(aliases)  # loads the model files (once: a second thread waits for them)
                gc.freeze()
                _FROZEN_HERE[0] = True
            if cls.active == 0:
                cls.saved = gc.get_threshold()
                gc.set_threshold(*WORKER_GC_THRESHOLD)
            cls.active += 1

    @classmethod
    def leave(cls) -> None:
        with cls.lock:
            cls.active -= 1
            if cls.active == 0 and cls.saved is not None:
                gc.set_threshold(*cls.saved)
                cls.saved = None


def tag_here(records: Sequence[Article], aliases: AliasIndex | None = None) -> list[Names]:
    """The names of ``records`` found in this process (no worker, a dead one), swept as a worker sweeps.

    Tagging here cost its collector what it cost a worker (session 15: README,
    "Ingest"): Python's young generation of 700 swept the tagger's short-lived
    objects a few hundred at a time and promoted survivors into the
    generations that full collections read together with the model. So the
    first call freezes what the process holds once the tagger is loaded (the
    model's tables, the aliases, and whatever the process held then, kept
    for good, as a worker keeps its model), and each call tags under
    :data:`WORKER_GC_THRESHOLD`, then gives the process its own threshold
    back: the storing code, and a service's other work, keep Python's. Over
    the ANT corpus with ``--tag-workers 0`` the collector went from 1.26 to
    0.60 ms an article, peak RSS the same (≈ 500 MB).

    Several threads may tag at once (a service's feed polls): the threshold
    is the process's, so it is set by the first of them and given back by
    the last (:class:`_Sweeping`), and the model is loaded and frozen once.
    """
    if not records:
        return []
    _Sweeping.enter(aliases)
    try:
        return [names_in(r, aliases) for r in records]
    finally:
        _Sweeping.leave()


def _start_worker(aliases: AliasIndex | None) -> None:
    """A worker's start: die with the ingesting process, leave Ctrl-C to it, load the tagger once, then spare
    the collector what it cannot free.

    The collector was ≈ 3 % of a worker's CPU (0.25–0.30 ms an ANT article, cold): tagging makes objects by
    the hundred thousand, nearly all freed at once by their counts, and Python's young generation of 700
    swept them a few hundred at a time and promoted the survivors into the generations that the full
    collections read, together with the model and the aliases. So the worker freezes what it loaded (the
    model's tables, the aliases: ≈ 105,000 objects that live as long as it does and are never swept) and
    sweeps every 10,000 new objects: 0.05 ms an article, the same names, the same peak RSS (310 MB over
    the whole ANT corpus, session 15: README, "Ingest").
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), name="parent-watch", daemon=True).start()
    _ALIASES[0] = aliases
    actors.tagger_version(aliases)  # loads the model files
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLD)


def _exit_with(sentinel: int) -> None:
    """Wait, without the GIL, for the ingesting process to end, then end this worker at once.

    ``sentinel`` is the pipe the process wrote the worker's start to: it
    reads as closed when that process ends, however it ends (SIGKILL too),
    whichever of its threads started the worker. A chunk being tagged is not
    waited for.
    """
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def worker_aliases() -> AliasIndex | None:
    """In a worker, the alias index its pool was started with (what the ingesting process reads names by)."""
    return _ALIASES[0]


def _tag_chunk(records: list[Article]) -> tuple[str, list[Names]]:
    return actors.tagger_version(_ALIASES[0]), [names_in(r, _ALIASES[0]) for r in records]
