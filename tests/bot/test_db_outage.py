"""The database goes away while ``mawjaz run`` is sending: it logs, retries with backoff, and loses nothing.

A private PostgreSQL server (started here from the PostgreSQL binaries, as a
non-root user, on a free port: never the shared server) serves a real
``mawjaz run`` process. Once a third of the readers have their digest the
server is stopped for ``MAWJAZ_TEST_OUTAGE_S`` seconds (5 by default, to keep
CI short; the database retry backs off 0.5, 1, 2, 4, 8, then every 15 s, and
gives up only after 5 minutes, so a 30 s outage is survived the same way:
``MAWJAZ_TEST_OUTAGE_S=30`` runs that by hand) and started again. Every reader
must then get exactly one digest, and the worker must have said why it waited.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from botkit import TOKEN, add_subscribers, ledger, store_articles
from fakes.telegram_api import FakeTelegram

from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine
from mawjaz.storage.models import utcnow

READERS = 300
OUTAGE_S = float(os.environ.get("MAWJAZ_TEST_OUTAGE_S", "5"))


def _bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivatePostgres:
    """A throw-away PostgreSQL cluster in a temporary folder, run as a non-root user."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="mawjaz-outage-"))
        self.port = _free_port()
        self.user = None
        if os.getuid() == 0:
            self.user = "postgres"
            shutil.chown(self.folder, self.user)

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def init(self) -> PrivatePostgres:
        self._run(
            "initdb",
            "-D",
            str(self.folder / "data"),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        return self

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.folder / "data"),
            "-l",
            str(self.folder / "log"),
            "-w",
            "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    bindir = _bin()
    if bindir is None or (os.getuid() == 0 and shutil.which("runuser") is None):
        pytest.skip("needs the PostgreSQL server binaries (/usr/lib/postgresql/*/bin)")
    server = PrivatePostgres(bindir).init()
    server.start()
    yield server
    server.remove()


def _run_worker(url: str, fake: FakeTelegram) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    env.update(
        MAWJAZ_TELEGRAM_TOKEN=TOKEN,
        MAWJAZ_TELEGRAM_BASE_URL=f"{fake.url}/bot",
        MAWJAZ_TELEGRAM_RATE_PER_S="60",
        MAWJAZ_DEFAULT_TIMEZONE="UTC",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "mawjaz", "--database", url, "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait(condition, timeout: float, what: str, worker: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if worker.poll() is not None:
            raise AssertionError(f"the worker ended while waiting for {what}: {worker.stdout.read()[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.mark.slow
def test_mawjaz_run_survives_a_database_outage_and_sends_every_digest_once(private_postgres):
    engine = make_engine(private_postgres.url)
    migrate.upgrade(engine)
    store_articles(engine, utcnow() - timedelta(minutes=30))
    due = (utcnow() - timedelta(minutes=2)).strftime("%H:%M")  # due two minutes ago, so the first tick sends
    chats = add_subscribers(engine, READERS, timezone="UTC", digest_time=due)
    engine.dispose()
    fake = FakeTelegram().start()
    worker = _run_worker(private_postgres.url, fake)
    try:
        _wait(lambda: len(fake.sent()) >= READERS // 3, 60, "the first third of the digests", worker)
        private_postgres.stop()
        down_at = len(fake.sent())
        time.sleep(OUTAGE_S)
        during = len(fake.sent()) - down_at
        private_postgres.start()
        _wait(lambda: len(fake.sent()) >= READERS, 60 + OUTAGE_S, "every digest after the outage", worker)
        time.sleep(0.5)  # room for a double to show up
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        fake.stop()
    assert worker.returncode == 0, output[-3000:]
    assert during <= 1, "sending went on without recording: a crash now would double digests"
    per_chat = Counter(str(c.params["chat_id"]) for c in fake.sent())
    assert set(per_chat) == set(chats) and max(per_chat.values()) == 1, f"lost or doubled: {output[-2000:]}"
    assert "database unavailable" in output, output[-3000:]
    engine = make_engine(private_postgres.url)
    rows = ledger(engine)
    engine.dispose()
    assert len(rows) == READERS and {r.status for r in rows} == {"sent"}
