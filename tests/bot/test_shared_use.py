"""One database shared by ``mawjaz run`` and a cron ``mawjaz ingest`` (issue 22), as a newsroom runs them.

While a real ``mawjaz run`` answers a steady stream of chat commands, a real
``mawjaz ingest`` of a few hundred articles goes through: every message gets
its answer, neither process logs an error, the ingest reports nothing failed
nor incomplete, and the database ends as a lone ingest of the same input
leaves a fresh one. And when the key-actor step fails, the ingest says so
(exit 1, ``incomplete``), and ``mawjaz db repair`` finishes the work.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from botkit import TOKEN, wait_until
from click.testing import CliRunner
from fakes.telegram_api import FakeTelegram
from sqlalchemy import text

from mawjaz.cli.app import cli
from mawjaz.digest import actors
from mawjaz.ingest import read_source
from mawjaz.ingest.record import Article
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.pipeline import store as write_path
from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine, normalise_url

SAMPLES = Path(__file__).resolve().parents[2] / "mawjaz" / "samples"
OUTLETS = ("wire", "daily", "portal", "channel", "weekly", "radio")
CHATS = (5101, 5102, 5103, 5104)
COMMANDS = ("/start", "/topic داعش", "/follow السودان", "/topic النفط")
#: How long 95% of the commands may wait for their answer beside the ingest: the issue asks 2 s on a newsroom's
#: machine; a shared CI runner gets a second more, but commands that wait for the ingest to end (6 s here) fail.
P95_WAIT_S = 3.0
NO_PAUSES = SimpleNamespace(monotonic=time.monotonic, sleep=lambda _seconds: None)  # for the actor step's retries


# --- the input: the bundled samples, varied into a few hundred distinct articles -------------------


def sample_articles() -> list[Article]:
    return [item for item in read_source(str(SAMPLES), max_bytes=10_000_000) if isinstance(item, Article)]


def write_corpus(folder: Path, count: int, seed: int = 22) -> Path:
    """``count`` JSONL records (the ANT shape) made from the samples: each a sample with a tenth of its
    words replaced by words of other samples (distinct texts that keep their topic, so stories form),
    one in eight a word-for-word republication by another outlet (a copy), published over the last day."""
    rng = random.Random(seed)
    samples = sample_articles()
    vocabulary = [word for article in samples for word in article.body.split()]
    now = datetime.now(UTC)
    records: list[dict] = []
    for n in range(count):
        published = now - timedelta(hours=24) + timedelta(hours=23) * n / count
        if records and rng.random() < 1 / 8:
            record = dict(
                rng.choice(records[-40:]),
                id=f"copy-{n}",
                source=rng.choice(OUTLETS),
                url=f"https://example.test/copy/{n}",
            )
        else:
            base = rng.choice(samples)
            body = "\n".join(
                " ".join(rng.choice(vocabulary) if rng.random() < 0.1 else word for word in line.split())
                for line in base.body.splitlines()
                if line.strip()
            )
            record = {
                "id": f"syn-{n}",
                "source": rng.choice(OUTLETS),
                "title": f"{base.title} ({n})",
                "text": body,
                "url": f"https://example.test/syn/{n}",
            }
        record["time"] = format_datetime(published)
        records.append(record)
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# --- the databases ------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgres"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes the URLs of empty, migrated databases: SQLite files, or databases of their own on PostgreSQL."""
    created: list[str] = []
    admin_url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None

    def fresh() -> str:
        if admin_url is None:
            url = f"sqlite:///{tmp_path / f'db{len(created)}.sqlite'}"
            created.append(url)
        else:
            name = f"mawjaz_shared_{uuid.uuid4().hex[:10]}"
            admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            admin.dispose()
            created.append(name)
            url = normalise_url(admin_url).set(database=name).render_as_string(hide_password=False)
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        return url

    yield fresh
    if admin_url is not None:
        admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for name in created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def contents(url: str) -> dict:
    """What an ingest leaves: the counts, and which copies each story groups with which key actors."""
    engine = make_engine(url)
    with engine.connect() as connection:

        def count(sql: str) -> int:
            return int(connection.execute(text(sql)).scalar_one())

        counts = {
            "articles": count("SELECT count(*) FROM articles"),
            "copies": count("SELECT count(*) FROM article_copies"),
            "stories": count("SELECT count(*) FROM stories"),
            "stories with actors": count("SELECT count(*) FROM stories WHERE NOT actors_due"),
            "stories with an actor": count("SELECT count(DISTINCT story_id) FROM story_actors"),
        }
        copies: dict[int, set] = defaultdict(set)
        for story_id, source, external_id in connection.execute(
            text(
                "SELECT a.story_id, c.source, c.external_id FROM article_copies c JOIN articles a ON a.id = c.article_id"
            )
        ):
            copies[story_id].add((source, external_id))
        named: dict[int, set] = defaultdict(set)
        for story_id, norm_name, kind in connection.execute(
            text("SELECT sa.story_id, a.norm_name, a.type FROM story_actors sa JOIN actors a ON a.id = sa.actor_id")
        ):
            named[story_id].add((norm_name, kind))
    engine.dispose()
    return {
        "counts": counts,
        "stories": {(frozenset(members), frozenset(named[story_id])) for story_id, members in copies.items()},
    }


def lone_ingest(url: str, corpus: Path) -> dict:
    """What the same input leaves in a fresh database with nothing else running (in this process)."""
    engine = make_engine(url)
    report = store_items(engine, read_source(str(corpus), max_bytes=10_000_000), IngestReport())
    engine.dispose()
    assert (report.failed, report.incomplete) == (0, 0), report.problems
    return contents(url)


# --- the processes -----------------------------------------------------------------------------


def environment(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    env.update(values)
    return env


class Chats(threading.Thread):
    """Each chat sends a command every ``interval`` seconds (cycling :data:`COMMANDS`), until stopped."""

    def __init__(self, telegram: FakeTelegram, interval: float) -> None:
        super().__init__(daemon=True)
        self.telegram, self.interval = telegram, interval
        self.said: dict[int, list[str]] = defaultdict(list)
        self.at: dict[int, list[float]] = defaultdict(list)  # when each was queued (time.monotonic)
        self.halt = threading.Event()

    def waits(self) -> list[float]:
        """Seconds from each message to its answer (a chat's messages are answered in order, one answer each)."""
        return sorted(
            answer.at - at
            for chat, queued in self.at.items()
            for at, answer in zip(queued, self.telegram.sent(chat), strict=False)
        )

    def run(self) -> None:
        n = 0
        while not self.halt.wait(self.interval / len(CHATS)):
            chat = CHATS[n % len(CHATS)]
            command = COMMANDS[(n // len(CHATS)) % len(COMMANDS)]
            self.said[chat].append(command)
            self.at[chat].append(time.monotonic())
            self.telegram.user_says(command, chat_id=chat)
            n += 1


def error_lines(log: str) -> list[str]:
    return [
        line
        for line in log.splitlines()
        if "Traceback" in line or '"level": "ERROR"' in line or '"level": "CRITICAL"' in line or "locked" in line
    ]


# --- the tests -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_an_ingest_beside_a_running_bot_answers_every_chat_and_stores_what_a_lone_ingest_stores(fresh_url, tmp_path):
    corpus = write_corpus(tmp_path, 160)
    shared, alone = fresh_url(), fresh_url()
    expected = lone_ingest(alone, corpus)
    assert expected["counts"]["copies"] == 160 and expected["counts"]["articles"] < 160  # copies were merged

    telegram = FakeTelegram().start()
    digest_time = (datetime.now(UTC) + timedelta(hours=6)).strftime("%H:%M")  # nobody's digest is due meanwhile
    service = subprocess.Popen(
        [sys.executable, "-m", "mawjaz", "--database", shared, "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(
            MAWJAZ_TELEGRAM_TOKEN=TOKEN,
            MAWJAZ_TELEGRAM_BASE_URL=f"{telegram.url}/bot",
            MAWJAZ_DEFAULT_TIMEZONE="UTC",
            MAWJAZ_DEFAULT_DIGEST_TIME=digest_time,
        ),
    )
    chats = Chats(telegram, interval=0.5)
    try:
        telegram.wait_for_polling(timeout=30)
        chats.start()
        ingest = subprocess.run(
            [sys.executable, "-m", "mawjaz", "--database", shared, "ingest", "--json", str(corpus)],
            capture_output=True,
            text=True,
            env=environment(),
            timeout=120,
        )
        chats.halt.set()
        chats.join()
        wait_until(lambda: all(len(telegram.sent(chat)) >= len(said) for chat, said in chats.said.items()), timeout=30)
    finally:
        chats.halt.set()
        service.send_signal(signal.SIGTERM)
        _out, service_log = service.communicate(timeout=30)
        telegram.stop()

    said = sum(len(commands) for commands in chats.said.values())
    assert said >= len(CHATS) * len(COMMANDS)  # the ingest lasted long enough for every chat to send every command
    assert {chat: len(telegram.sent(chat)) for chat in CHATS} == {chat: len(chats.said[chat]) for chat in CHATS}
    assert all(call.ok for call in telegram.calls_to("sendMessage"))
    waits = chats.waits()
    p95 = waits[round(0.95 * (len(waits) - 1))]
    print(f"answered {len(waits)} messages, waits: median {waits[len(waits) // 2]:.2f} s, p95 {p95:.2f} s")
    assert p95 < P95_WAIT_S  # a chat's turn comes after the ingest's transaction in progress, not after the ingest
    assert service.returncode == 0 and error_lines(service_log) == []
    assert ingest.returncode == 0 and error_lines(ingest.stderr) == [], ingest.stderr[-3000:]
    report = json.loads(ingest.stdout)
    assert (report["read"], report["failed"], report["incomplete"]) == (160, 0, 0)
    stored = contents(shared)
    assert stored["counts"] == expected["counts"]
    assert stored["stories"] == expected["stories"]


def test_an_ingest_whose_actor_step_fails_says_incomplete_and_db_repair_finishes_it(fresh_url, tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path, 30)
    broken, clean = fresh_url(), fresh_url()
    expected = lone_ingest(clean, corpus)
    runner = CliRunner()

    def refuse(*_args, **_kwargs):
        raise RuntimeError("the tagger is out")

    with monkeypatch.context() as patch:
        patch.setattr(actors, "key_actors", refuse)
        patch.setattr(write_path, "time", NO_PAUSES)
        as_text = runner.invoke(cli, ["--database", broken, "ingest", str(corpus)])
        as_json = runner.invoke(cli, ["--database", broken, "ingest", "--json", str(corpus)])

    stories = expected["counts"]["stories"]
    assert as_text.exit_code == 1, as_text.output
    assert (
        f"read 30, new {expected['counts']['articles']}, duplicate {30 - expected['counts']['articles']}, "
        f"failed 0, incomplete {stories}" in as_text.stdout
    )
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout) | {"problems": []} == {
        "read": 30,
        "new": 0,
        "duplicate": 30,
        "failed": 0,
        "incomplete": stories,
        "problems": [],
        "skipped": [],
    }
    left = contents(broken)
    assert left["counts"] == expected["counts"] | {"stories with actors": 0, "stories with an actor": 0}
    assert {members for members, _named in left["stories"]} == {members for members, _named in expected["stories"]}

    repair = runner.invoke(cli, ["--database", broken, "db", "repair", "--json"])
    assert repair.exit_code == 0, repair.output
    assert json.loads(repair.stdout) == {"incomplete": 0}
    assert contents(broken) == expected
    again = runner.invoke(cli, ["--database", broken, "ingest", "--json", str(corpus)])
    assert again.exit_code == 0 and json.loads(again.stdout)["incomplete"] == 0


def test_a_second_ingest_finishes_the_actors_a_failed_one_left(fresh_url, tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path, 20)
    broken, clean = fresh_url(), fresh_url()
    expected = lone_ingest(clean, corpus)
    runner = CliRunner()
    with monkeypatch.context() as patch:
        patch.setattr(actors, "key_actors", lambda *_a, **_k: (_ for _ in ()).throw(RuntimeError("out")))
        patch.setattr(write_path, "time", NO_PAUSES)
        failed = runner.invoke(cli, ["--database", broken, "ingest", "--json", str(corpus)])
    assert failed.exit_code == 1 and json.loads(failed.stdout)["incomplete"] == expected["counts"]["stories"] >= 1

    again = runner.invoke(cli, ["--database", broken, "ingest", "--json", str(corpus)])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout) | {"problems": []} == {
        "read": 20,
        "new": 0,
        "duplicate": 20,
        "failed": 0,
        "incomplete": 0,
        "problems": [],
        "skipped": [],
    }
    assert contents(broken) == expected
