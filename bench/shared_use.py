"""The embedded default under shared use: ``mawjaz ingest`` beside a ``mawjaz run`` answering chats, one database.

    python bench/shared_use.py [CORPUS.jsonl] [--days 2018-05-08..2018-05-11] [--limit N]
        [--chats 6] [--rate 1.0] [--postgres postgresql://postgres@127.0.0.1:5432/test]

Default corpus: ../shared/data/ant_multisource_v2.1/ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl, the
four days 2018-05-08..11 (824 records). Its dates are shifted so that its last article was published an
hour ago: a ``/topic`` finds stories, as it would in a newsroom (the same shifted input goes to both runs).

For each database (a fresh SQLite file, and PostgreSQL when ``--postgres`` names an admin URL):

(a) ``mawjaz ingest`` (a real process, actors on, as users run it) into a fresh database, alone;
(b) the same input into another fresh database while a real ``mawjaz run`` answers CHATS chats that
    each send RATE messages a second, mixing ``/start`` and ``/topic داعش`` (Telegram: the fake Bot
    API of tests/fakes, on loopback, in this process);
(c) the chats' latency during the ingest: from queuing the update in the fake to the fake receiving the
    answer (p50 / p95 / max), and the same while the service is idle, before the ingest.

Prints the wall time of (a) and (b), their ratio, each ingest's CPU time (the machine may be shared:
a ratio of CPU times near 1 with a higher wall ratio means the ingest waited or was starved, not
that it worked more), and whether both databases hold the same articles, copies, stories, stories
whose actors are written, and the same grouping of copies into stories with the same actors.
Targets (issue 22): (b)/(a) ≤ 2; chat p95 ≤ 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakes.telegram_api import FakeTelegram  # noqa: E402

from mawjaz.storage import migrate  # noqa: E402
from mawjaz.storage.engine import make_engine, normalise_url  # noqa: E402

DEFAULT_CORPUS = (
    ROOT.parent / "shared" / "data" / "ant_multisource_v2.1" / "ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl"
)
TOKEN = "123456:BENCH-token"
COMMANDS = ("/start", "/topic داعش")


# --- the input ---------------------------------------------------------------------


def prepare(corpus: Path, days: str | None, limit: int | None, folder: Path) -> tuple[Path, int]:
    """The records of ``corpus`` dated within ``days`` (YYYY-MM-DD..YYYY-MM-DD), at most ``limit``, dates shifted to now."""
    first, last = days.replace("-", "").split("..") if days else ("", "99999999")
    records = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if first <= str(record.get("date", "")) <= last:
                records.append(record)
            if limit is not None and len(records) >= limit:
                break
    newest = max(parsedate_to_datetime(r["time"]) for r in records if r.get("time"))
    shift = datetime.now(UTC) - timedelta(hours=1) - newest
    out = folder / "corpus.jsonl"
    with out.open("w", encoding="utf-8") as lines:
        for record in records:
            if record.get("time"):
                record["time"] = format_datetime(parsedate_to_datetime(record["time"]) + shift)
            lines.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out, len(records)


# --- the processes ---------------------------------------------------------------------


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}


def ingest(url: str, corpus: Path) -> dict:
    """One ``mawjaz ingest --json`` to its end: its report, wall and CPU seconds, and whether it logged an error."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-m", "mawjaz", "--database", url, "ingest", "--json", str(corpus)],
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    try:
        report = json.loads(process.stdout)
    except ValueError:
        report = {}
    return {
        "rc": process.returncode,
        "report": report,
        "wall": wall,
        "cpu": cpu,
        "errors": [
            line for line in process.stderr.splitlines() if "Traceback" in line or '"ERROR"' in line or "locked" in line
        ],
    }


def start_service(url: str, telegram: FakeTelegram) -> subprocess.Popen:
    """``mawjaz run`` against the fake Bot API; nobody's digest is due while the bench runs."""
    env = clean_env()
    env.update(
        MAWJAZ_DEFAULT_TIMEZONE="UTC",
        MAWJAZ_DEFAULT_DIGEST_TIME=(datetime.now(UTC) + timedelta(hours=6)).strftime("%H:%M"),
        MAWJAZ_TELEGRAM_TOKEN=TOKEN,
        MAWJAZ_TELEGRAM_BASE_URL=f"{telegram.url}/bot",
    )
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed with the process, in stop_service
    process = subprocess.Popen(
        [sys.executable, "-m", "mawjaz", "--database", url, "run"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
    )
    process.log = log  # type: ignore[attr-defined]
    telegram.wait_for_polling(timeout=60)
    return process


def cpu_seconds(process: subprocess.Popen) -> float:
    """CPU seconds ``process`` has used so far (Linux: /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop_service(process: subprocess.Popen) -> list[str]:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    process.log.seek(0)  # type: ignore[attr-defined]
    err = process.log.read()  # type: ignore[attr-defined]
    return [line for line in err.splitlines() if "Traceback" in line or '"ERROR"' in line or "locked" in line]


class Chats(threading.Thread):
    """CHATS chats, each sending RATE messages a second (staggered), until stopped; records when each was queued."""

    def __init__(self, telegram: FakeTelegram, chats: list[int], rate: float) -> None:
        super().__init__(daemon=True)
        self.telegram, self.chats, self.rate = telegram, chats, rate
        self.queued: dict[int, list[float]] = defaultdict(list)
        self.halt = threading.Event()

    def run(self) -> None:
        period = 1.0 / self.rate
        step = period / len(self.chats)
        began = time.monotonic()
        n = 0
        while not self.halt.is_set():
            chat = self.chats[n % len(self.chats)]
            due = began + n * step
            delay = due - time.monotonic()
            if delay > 0 and self.halt.wait(delay):
                break
            command = COMMANDS[(n // len(self.chats)) % len(COMMANDS)]
            self.queued[chat].append(time.monotonic())
            self.telegram.user_says(command, chat_id=chat)
            n += 1


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


# --- the databases ---------------------------------------------------------------------


def contents(url: str) -> dict:
    """What an ingest leaves: counts, and the grouping of copies into stories with each story's actors."""
    engine = make_engine(url)
    with engine.connect() as connection:

        def count(sql: str) -> int:
            return int(connection.execute(text(sql)).scalar_one())

        counts = {
            "articles": count("SELECT count(*) FROM articles"),
            "copies": count("SELECT count(*) FROM article_copies"),
            "stories": count("SELECT count(*) FROM stories"),
            "stories with actors written": count("SELECT count(*) FROM stories WHERE NOT actors_due"),
            "stories with ≥1 actor": count("SELECT count(DISTINCT story_id) FROM story_actors"),
        }
        members: dict[int, set] = defaultdict(set)
        for story_id, source, external_id, url_ in connection.execute(
            text(
                "SELECT a.story_id, c.source, c.external_id, c.url FROM article_copies c"
                " JOIN articles a ON a.id = c.article_id"
            )
        ):
            members[story_id].add((source, external_id, url_))
        actors: dict[int, set] = defaultdict(set)
        for story_id, norm_name, kind in connection.execute(
            text("SELECT sa.story_id, a.norm_name, a.type FROM story_actors sa JOIN actors a ON a.id = sa.actor_id")
        ):
            actors[story_id].add((norm_name, kind))
    engine.dispose()
    grouping = {(frozenset(m), frozenset(actors.get(story_id, ()))) for story_id, m in members.items()}
    return {"counts": counts, "grouping": grouping}


class Databases:
    """Fresh databases: SQLite files in a folder, or databases created on a PostgreSQL server (dropped on close)."""

    def __init__(self, folder: Path, admin_url: str | None) -> None:
        self.folder, self.admin_url, self.created = folder, admin_url, []

    def fresh(self, name: str) -> str:
        if self.admin_url is None:
            url = f"sqlite:///{self.folder / f'{name}.sqlite'}"
        else:
            database = f"mawjaz_shared_{name}_{uuid.uuid4().hex[:8]}"
            admin = make_engine(self.admin_url).execution_options(isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{database}"'))
            admin.dispose()
            self.created.append(database)
            url = normalise_url(self.admin_url).set(database=database).render_as_string(hide_password=False)
        engine = make_engine(url)
        migrate.upgrade(engine)  # both runs start from a migrated, empty database
        engine.dispose()
        return url

    def close(self) -> None:
        if not self.created:
            return
        admin = make_engine(self.admin_url).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for database in self.created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()


# --- the bench ---------------------------------------------------------------------------


def bench(label: str, databases: Databases, corpus: Path, chats: int, rate: float, idle_s: float) -> bool:
    alone_url = databases.fresh("alone")
    alone = ingest(alone_url, corpus)
    print(
        f"[{label}] (a) ingest alone:          {alone['wall']:6.1f} s wall, {alone['cpu']:6.1f} s CPU, "
        f"exit {alone['rc']}, report {compact(alone['report'])}",
        flush=True,
    )

    beside_url = databases.fresh("beside")
    telegram = FakeTelegram().start()
    service = start_service(beside_url, telegram)
    ids = [7000 + n for n in range(chats)]
    try:
        idle = Chats(telegram, ids, rate)
        idle.start()
        time.sleep(idle_s)
        idle.halt.set()
        idle.join()
        idle_latency, idle_missing = latencies(telegram, idle, dict.fromkeys(ids, 0))
        base = {chat: len(telegram.sent(chat)) for chat in ids}

        busy = Chats(telegram, ids, rate)
        service_cpu = cpu_seconds(service)
        load = os.getloadavg()[0]
        busy.start()
        beside = ingest(beside_url, corpus)
        busy.halt.set()
        busy.join()
        service_cpu = cpu_seconds(service) - service_cpu
        busy_latency, busy_missing = latencies(telegram, busy, base)  # the idle phase's answers come first
    finally:
        service_errors = stop_service(service)
        telegram.stop()
    ratio = beside["wall"] / alone["wall"]
    sent = sum(len(q) for q in busy.queued.values())
    print(
        f"[{label}] (b) ingest beside the bots: {beside['wall']:6.1f} s wall, {beside['cpu']:6.1f} s CPU, "
        f"exit {beside['rc']}, report {compact(beside['report'])}"
    )
    print(
        f"[{label}]     ratio (b)/(a): {ratio:.2f} wall, {beside['cpu'] / alone['cpu']:.2f} CPU   (target ≤ 2); "
        f"mawjaz run used {service_cpu:.1f} s CPU meanwhile; load average {load:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"[{label}] (c) chat latency during the ingest ({sent} messages, {chats} chats × {rate:g}/s): "
        f"p50 {percentile(busy_latency, 50):.3f} s, p95 {percentile(busy_latency, 95):.3f} s, "
        f"max {max(busy_latency, default=float('nan')):.3f} s, unanswered {busy_missing}   (target p95 ≤ 2 s)"
    )
    print(
        f"[{label}]     chat latency, service idle ({sum(len(q) for q in idle.queued.values())} messages): "
        f"p50 {percentile(idle_latency, 50):.3f} s, p95 {percentile(idle_latency, 95):.3f} s, "
        f"max {max(idle_latency, default=float('nan')):.3f} s, unanswered {idle_missing}"
    )
    a, b = contents(alone_url), contents(beside_url)
    for name, value in a["counts"].items():
        other = b["counts"][name]
        print(f"[{label}]     {name:28} alone {value:6}  beside {other:6}  {'same' if value == other else 'DIFFERENT'}")
    same = a["counts"] == b["counts"] and a["grouping"] == b["grouping"]
    print(
        f"[{label}]     grouping of copies into stories, with their actors: "
        f"{'same' if a['grouping'] == b['grouping'] else 'DIFFERENT'}"
    )
    for what, errors in (
        ("ingest alone", alone["errors"]),
        ("ingest beside", beside["errors"]),
        ("mawjaz run", service_errors),
    ):
        if errors:
            print(f"[{label}]     {what} logged {len(errors)} error lines, first: {errors[0][:300]}")
    return same and not (alone["errors"] or beside["errors"] or service_errors) and alone["rc"] == beside["rc"] == 0


def latencies(telegram: FakeTelegram, chats: Chats, base: dict[int, int]) -> tuple[list[float], int]:
    """Seconds from queuing each message to its answer, and how many got none in a minute.

    A chat's updates are handled in order, one answer each: the n-th answer after the ``base[chat]``
    answers the chat had before is the n-th message's.
    """
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(
        len(telegram.sent(c)) - base[c] < len(q) for c, q in chats.queued.items()
    ):
        time.sleep(0.1)
    out: list[float] = []
    missing = 0
    for chat, queued in chats.queued.items():
        answers = telegram.sent(chat)[base[chat] :]
        out += [answer.at - at for at, answer in zip(queued, answers, strict=False)]
        missing += max(0, len(queued) - len(answers))
    return sorted(out), missing


def compact(report: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in report.items() if k != "problems") or "(none)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--days", default="2018-05-08..2018-05-11", help="records dated FIRST..LAST ('' for all)")
    parser.add_argument("--limit", type=int, help="at most this many records")
    parser.add_argument("--chats", type=int, default=6)
    parser.add_argument("--rate", type=float, default=1.0, help="messages per second per chat")
    parser.add_argument("--idle", type=float, default=3.0, help="seconds of chat before the ingest (idle latency)")
    parser.add_argument("--postgres", metavar="ADMIN_URL", help="also on PostgreSQL (databases created and dropped)")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mawjaz-shared-") as folder:
        corpus, count = prepare(args.corpus, args.days or None, args.limit, Path(folder))
        print(f"corpus: {args.corpus.name}, {args.days or 'all days'}, {count} records")
        ok = True
        targets = [] if args.no_sqlite else [("sqlite", None)]
        if args.postgres:
            targets.append(("postgres", args.postgres))
        for label, admin in targets:
            databases = Databases(Path(folder), admin)
            try:
                ok = bench(label, databases, corpus, args.chats, args.rate, args.idle) and ok
            finally:
                databases.close()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
