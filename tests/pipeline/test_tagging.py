"""A batch's names are found in worker processes while the batch before is stored (issue 19).

Workers give the names tagging in the ingesting process gives, article for
article; an ingest with a worker stores the same names and actors as one
without; a worker that dies costs time, never an article (the batch is
tagged in the ingesting process, with a log line); Ctrl-C or SIGTERM to the
ingesting process leaves no worker behind, and a worker outlives the thread
that happened to start it (a pool may be shared by the threads of a
service). The workers then compute the
stories' key actors, the ones the ingesting process would (a dead worker
leaves them to it). One worker, so runs are the same
every time.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fixtures import news
from sqlalchemy import Engine, text

from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import IngestReport, WriteOptions, store_items, write_due_actors
from mawjaz.pipeline import store as store_module
from mawjaz.pipeline import tagging as tagging_module
from mawjaz.pipeline.tagging import WORKER_GC_THRESHOLD, Tagging, names_in
from mawjaz.storage import migrate
from mawjaz.storage import stories as story_repo
from mawjaz.storage.engine import make_engine

MORNING = datetime(2026, 11, 18, 5, 0, tzinfo=UTC)
TEXTS = [
    (news.QUAKE_TITLE, news.QUAKE_WIRE, "wire", (news.CAPTION,)),
    (news.BUDGET_TITLE, news.BUDGET, "petra", ()),
    (news.QUAKE_OTHER_TITLE, news.QUAKE_OTHER_OUTLET, "local", ()),
    (news.FLOOD_TITLE, news.FLOOD, "irna", ()),
    (news.QUAKE_FOLLOW_UP_TITLE, news.QUAKE_FOLLOW_UP, "wire", ()),
    (news.BUDGET_OTHER_TITLE, news.BUDGET_OTHER_OUTLET, "ammon", ()),
    (news.QUAKE_AID_TITLE, news.QUAKE_AID, "aid", ()),
]


def _records() -> list[Record]:
    out = [
        Record(
            title=title,
            body=body,
            source=source,
            external_id=f"{source}-{n}",
            published=MORNING + timedelta(hours=n),
            captions=captions,
        )
        for n, (title, body, source, captions) in enumerate(TEXTS)
    ]
    republished = Record(title=out[0].title, body=out[0].body, source="again", external_id="again-0", published=MORNING)
    return [*out[:3], republished, *out[3:]]  # an exact copy in a later batch than its original


def _rows(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text(
                    "SELECT a.headline, m.name, m.type, m.part, m.count FROM article_mentions m "
                    "JOIN articles a ON a.id = m.article_id ORDER BY a.headline, m.position"
                )
            )
        ]


def _engine(path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    return engine


def test_a_worker_finds_the_names_this_process_finds():
    records = _records()
    with Tagging(1) as tagging:
        found = tagging.start(records)()
        assert tagging.pids()  # it ran in a worker

    assert found == [names_in(r) for r in records]
    assert all(names is not None for names in found) and sum(len(names or ()) for names in found) > 10


def _collector() -> tuple[tuple[int, int, int], int]:
    return gc.get_threshold(), gc.get_freeze_count()


def test_a_worker_sweeps_less_often_and_never_what_it_loaded():
    """The collector was ≈ 3 % of a worker's CPU: it sweeps every 10,000 new objects and leaves the model be."""
    with Tagging(1) as tagging:
        tagging.start(_records()[:1])()
        future = tagging.submit(_collector)
        assert future is not None
        threshold, frozen = future.result()

    assert threshold == WORKER_GC_THRESHOLD
    assert frozen > 10_000  # the model's tables and the aliases
    assert gc.get_threshold() != WORKER_GC_THRESHOLD  # the ingesting process keeps Python's own


def test_tagging_in_this_process_sweeps_as_a_worker_does_then_gives_the_threshold_back(monkeypatch):
    """No worker (``--tag-workers 0``, a dead one): the same collector while tagging, the process's own after.

    The tagger's objects cost this process's collector what they cost a
    worker's; the storing code, and a service's other work, keep Python's threshold.
    """
    swept_at: list[tuple[int, int, int]] = []
    freezes: list[bool] = []
    real = tagging_module.names_in

    def names_in(record, aliases=None):
        swept_at.append(gc.get_threshold())
        return real(record, aliases)

    monkeypatch.setattr(tagging_module, "names_in", names_in)
    monkeypatch.setattr(tagging_module, "_FROZEN_HERE", [False])
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(True))  # this test process keeps its objects sweepable
    before = gc.get_threshold()
    records = _records()
    with Tagging(0) as tagging:
        found = tagging.start(records)()
        tagging.start(records[:1])()
        assert not tagging.pids()

    assert found == [real(r) for r in records]  # the same names
    assert swept_at == [WORKER_GC_THRESHOLD] * (len(records) + 1)
    assert freezes == [True]  # once, what the process held with the tagger loaded
    assert gc.get_threshold() == before


def test_two_threads_tagging_at_once_both_sweep_as_a_worker_and_the_last_gives_the_threshold_back(monkeypatch):
    """The threshold is the process's: the first tagger sets it, the last one to finish gives it back.

    Thread A starts tagging, then B; A finishes while B is still tagging. B
    must still tag under the worker's threshold, and once both are done the
    process has its own again (saved and restored per call, A gave Python's
    back under B, and B then left the worker's to the process for good).
    """
    a_in, b_in, a_done = threading.Event(), threading.Event(), threading.Event()
    swept_at: dict[str, tuple[int, int, int]] = {}
    freezes: list[bool] = []
    real = tagging_module.names_in

    def names_in(record, aliases=None):
        me = threading.current_thread().name
        if me == "A":
            a_in.set()
            assert b_in.wait(30)
        else:
            b_in.set()
            assert a_done.wait(30)  # A has left tag_here: B is the only tagger now
        swept_at[me] = gc.get_threshold()
        return real(record, aliases)

    def tag(then: threading.Event | None) -> None:
        tagging_module.tag_here(records[:1])
        if then is not None:
            then.set()

    monkeypatch.setattr(tagging_module, "names_in", names_in)
    monkeypatch.setattr(tagging_module, "_FROZEN_HERE", [False])
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(True))  # this test process keeps its objects sweepable
    before = gc.get_threshold()
    records = _records()
    a = threading.Thread(target=tag, args=(a_done,), name="A")
    b = threading.Thread(target=tag, args=(None,), name="B")
    a.start()
    assert a_in.wait(30)
    b.start()
    a.join(30)
    b.join(30)

    assert swept_at == {"A": WORKER_GC_THRESHOLD, "B": WORKER_GC_THRESHOLD}
    assert gc.get_threshold() == before
    assert freezes == [True]  # the model loaded and frozen once, whichever thread came first


def test_an_ingest_with_a_worker_stores_the_names_and_actors_of_one_without(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BATCH", 2)  # several batches, so one is tagged while the one before is stored
    alone, with_worker = _engine(tmp_path / "alone.sqlite"), _engine(tmp_path / "worker.sqlite")

    store_items(alone, _records(), IngestReport(), WriteOptions(tag_workers=0))
    with Tagging(1) as tagging:
        report = store_items(with_worker, _records(), IngestReport(), WriteOptions(), tagging=tagging)
        assert tagging.pids()

    assert (report.new, report.duplicate) == (7, 1)
    assert _rows(with_worker) and _rows(with_worker) == _rows(alone)
    actors_sql = (
        "SELECT s.story_id, a.norm_name, a.type, s.score FROM story_actors s JOIN actors a ON a.id = s.actor_id "
        "ORDER BY 1, 2, 3"
    )
    with alone.connect() as a, with_worker.connect() as b:
        assert list(b.execute(text(actors_sql))) == list(a.execute(text(actors_sql)))


ACTORS_SQL = (
    "SELECT s.story_id, a.name, a.norm_name, a.type, s.score, s.mentions FROM story_actors s "
    "JOIN actors a ON a.id = s.actor_id ORDER BY 1, 3, 4"
)


def _actors(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(ACTORS_SQL))]


def _all_due(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE stories SET actors_due = TRUE"))


def test_the_workers_compute_the_actors_this_process_computes(fresh_db, monkeypatch):
    monkeypatch.setattr(store_module, "BATCH", 2)
    here = []
    compute = store_module._compute_actors
    monkeypatch.setattr(store_module, "_compute_actors", lambda *a: here.append(a[1]) or compute(*a))
    with Tagging(1) as tagging:
        store_items(fresh_db, _records(), IngestReport(), WriteOptions(), tagging=tagging)
        assert tagging.pids()
    by_workers = _actors(fresh_db)
    assert here == []  # none computed by the storing process

    _all_due(fresh_db)
    assert write_due_actors(fresh_db) == 0  # no workers: computed here
    assert here and by_workers and _actors(fresh_db) == by_workers


def test_a_dead_worker_costs_the_actor_pass_time_not_actors(tmp_path, caplog):
    engine = _engine(tmp_path / "db.sqlite")
    store_items(engine, _records(), IngestReport(), WriteOptions(tag_workers=0))
    expected = _actors(engine)
    _all_due(engine)
    with Tagging(1) as tagging:
        tagging.start(_records()[:1])()  # the pool is up
        os.kill(tagging.pids()[0], signal.SIGKILL)
        time.sleep(0.5)

        assert write_due_actors(engine, tagging=tagging) == 0

    assert expected and _actors(engine) == expected
    assert "failed" in caplog.text or "could not compute" in caplog.text


def test_a_dead_worker_costs_time_not_names(caplog):
    records = _records()
    tagging = Tagging(1)
    try:
        tagging.start(records[:1])()  # the pool is up
        os.kill(tagging.pids()[0], signal.SIGKILL)
        time.sleep(0.5)

        found = tagging.start(records)()

        assert found == [names_in(r) for r in records]
        assert "tagging workers failed" in caplog.text
        assert tagging.workers == 0 and tagging.pids() == []  # later batches are tagged here
    finally:
        tagging.close()


def test_a_worker_outlives_the_thread_that_started_it(caplog):
    records = _records()
    with Tagging(1) as tagging:
        starter = threading.Thread(target=lambda: tagging.start(records[:1])())  # the first batch spawns the worker
        starter.start()
        starter.join()
        worker = tagging.pids()[0]
        time.sleep(1)  # the thread is gone

        assert _alive(worker)
        found = tagging.start(records)()
        assert tagging.pids() == [worker]  # the same worker tagged the next batch

    assert found == [names_in(r) for r in records]
    assert "tagging workers failed" not in caplog.text


SCRIPT = """
import sys, time
sys.path.insert(0, {tests!r})
from fixtures import news
from mawjaz.ingest.record import Article
from mawjaz.pipeline.tagging import Tagging
records = [Article(title=news.QUAKE_TITLE, body=news.QUAKE_WIRE * 4, source="s")] * 2000
with Tagging(1) as tagging:
    tagging.start(records[:1])()
    print(tagging.pids()[0], flush=True)
    tagging.start(records)()  # minutes of tagging: interrupted
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone but for its exit status
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return True


@pytest.mark.skipif(sys.platform != "linux", reason="a zombie is told from a live process by /proc")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_stopping_the_ingest_leaves_no_worker(stop):
    tests = str(Path(__file__).resolve().parents[1])
    parent = subprocess.Popen(
        [sys.executable, "-c", SCRIPT.format(tests=tests)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    assert _alive(worker)

    parent.send_signal(stop)
    parent.wait(timeout=60)  # generous: CI's 2 cores may be busy with other test processes
    deadline = time.monotonic() + 30
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)

    assert not _alive(worker)


def test_a_full_batch_starts_the_workers_though_part_of_it_needs_no_tagging(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BATCH", 4)
    records = _records()
    first_batch = [records[0], records[3], records[1], records[2]]  # records[3] repeats records[0]: 3 to tag

    with Tagging(1, min_batch=4) as tagging:
        store_items(_engine(tmp_path / "db.sqlite"), first_batch, IngestReport(), WriteOptions(), tagging=tagging)
        assert tagging.pids()


def test_a_few_articles_start_no_workers(tmp_path):
    with Tagging(1, min_batch=store_module.BATCH) as tagging:
        report = store_items(
            _engine(tmp_path / "db.sqlite"), _records(), IngestReport(), WriteOptions(), tagging=tagging
        )
        assert tagging.pids() == []  # a feed poll's handful is tagged here: a worker's start would cost more
    assert report.new == 7


def test_a_chunk_of_actors_is_written_at_once_and_a_story_that_fails_alone_is_computed_again(fresh_db, caplog):
    store_items(fresh_db, _records(), IngestReport(), WriteOptions(tag_workers=0))
    expected = _actors(fresh_db)
    _all_due(fresh_db)
    with fresh_db.connect() as connection:
        story_ids = [row[0] for row in connection.execute(text("SELECT id FROM stories ORDER BY id"))]
    computed = [store_module._compute_actors(fresh_db, story_id, None) for story_id in story_ids]
    broken = computed[1]
    bad = [story_repo.ActorScore(None, "x", "PER", 1.0, 1)]  # type: ignore[arg-type]  # a row the database refuses
    computed[1] = store_module._Computed(broken.story_id, broken.read_at, bad, {}, broken.tagger)

    written = store_module._write_chunk(fresh_db, computed)

    assert written == [i != 1 for i in range(len(story_ids))]
    with fresh_db.connect() as connection:
        due = [row[0] for row in connection.execute(text("SELECT id FROM stories WHERE actors_due ORDER BY id"))]
    assert due == [broken.story_id]  # the others were written, in one transaction
    assert "could not write the key actors of story" in caplog.text
    assert write_due_actors(fresh_db) == 0  # computed again, alone
    assert _actors(fresh_db) == expected
