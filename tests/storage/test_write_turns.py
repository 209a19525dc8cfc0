"""SQLite writers take the write lock in turn: one that waits gets it after the transaction in progress.

SQLite's busy handler is no queue: a waiting writer sleeps and looks again,
and a process that commits and begins again at once (an ingest, batch after
batch) would find the lock free first every time, for as long as it runs.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest
from sqlalchemy import text

from mawjaz.storage.engine import make_engine, transaction

BUSY_WRITER = textwrap.dedent("""
    import sys, time
    from sqlalchemy import text
    from mawjaz.storage.engine import make_engine, transaction
    engine = make_engine(sys.argv[1])
    print("ready", flush=True)
    end = time.monotonic() + float(sys.argv[2])
    while time.monotonic() < end:  # back-to-back transactions of half a second each
        with transaction(engine) as session:
            session.execute(text("INSERT INTO t VALUES ('busy')"))
            time.sleep(0.5)
""")


@pytest.mark.slow
def test_a_waiting_writer_gets_the_lock_after_the_transaction_in_progress_not_after_a_busy_writer_stops(tmp_path):
    url = f"sqlite:///{tmp_path / 'turns.sqlite'}"
    engine = make_engine(url)
    with transaction(engine) as session:
        session.execute(text("CREATE TABLE t (who TEXT)"))
    busy = subprocess.Popen([sys.executable, "-c", BUSY_WRITER, url, "6"], stdout=subprocess.PIPE, text=True)
    try:
        assert busy.stdout.readline().strip() == "ready"
        time.sleep(0.8)
        waits = []
        for _ in range(4):
            began = time.monotonic()
            with transaction(engine) as session:
                session.execute(text("INSERT INTO t VALUES ('chat')"))
            waits.append(time.monotonic() - began)
            time.sleep(0.3)
        assert busy.poll() is None  # the busy writer was still at it all along
    finally:
        busy.wait(20)
    assert max(waits) < 2.0, waits  # half a second in progress, and slack for a loaded machine; not 6 s
    engine.dispose()
