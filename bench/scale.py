"""Delivery throughput with 1, 2 and 4 worker processes on one PostgreSQL.

    python bench/scale.py [--postgres postgresql://postgres@127.0.0.1:5432/test]
                          [--workers 1,2,4] [--subscribers 3000] [--limited-subscribers 600]

Every run: a fresh PostgreSQL database, SUBSCRIBERS readers due at the same
minute, and N real ``mawjaz deliver`` processes started together against the
fake Telegram Bot API (tests/fakes/telegram_api.py, in this process). Each
process runs the scheduler tick and then claims from the shared queue, so the
figures include everything a real worker does per message: claim, render,
send over HTTP, record the message id in the ledger.

Two fakes:

* **no limit** — the fake answers as fast as it can. Messages/s should grow
  with the workers until the fake (one Python thread here) or the CPUs run
  out, showing that the shared database is not what limits delivery. The
  1-worker run is the baseline.
* **30/s** — Telegram's limit: the fake answers 429 above 30 messages in any
  one-second window. Every worker is configured with the whole bot's rate
  (``MAWJAZ_TELEGRAM_RATE_PER_S=29``) and divides it by the live workers it
  sees in the database (:mod:`mawjaz.delivery.deliverer`), so together they stay
  near 29/s. Baselines for the sharing: ``--rate-mode by-hand`` sets 29/N on
  each worker with the sharing off; ``--rate-mode none`` gives every worker
  the full 29/s with the sharing off (what N unaware workers would do).

Reported: sustained rate (accepted messages / time from the first to the last),
wall time of the slowest process, 429s, readers without a digest (lost) and
extra copies (duplicated). The lost and duplicated columns must read 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakes.telegram_api import FakeTelegram  # noqa: E402

from mawjaz.ingest.record import Article  # noqa: E402
from mawjaz.pipeline import IngestReport, store_items  # noqa: E402
from mawjaz.storage import migrate  # noqa: E402
from mawjaz.storage.engine import make_engine, normalise_url, transaction  # noqa: E402
from mawjaz.storage.models import Subscriber  # noqa: E402

AT = "2026-11-23T07:30:00+03:00"
TELEGRAM_LIMIT = 30
TOKEN = "1:bench"


def fresh_database(postgres: str, readers: int):
    """A new PostgreSQL database with one story and ``readers`` subscribers due at 07:30 Riyadh."""
    name = f"mawjaz_scale_{uuid.uuid4().hex[:8]}"
    admin = make_engine(postgres).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = normalise_url(postgres).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    migrate.upgrade(engine)
    body = (
        "أعلنت قيادة العمليات المشتركة في العراق تفكيك خلية تابعة لتنظيم داعش في صحراء الأنبار واعتقال خمسة من عناصرها."
    )
    published = datetime.fromisoformat(AT) - timedelta(hours=1)
    store_items(
        engine,
        [Article(title="تفكيك خلية لداعش في الأنبار", body=body, source="bench", published=published)],
        IngestReport(),
    )
    chats = [str(100_000 + n) for n in range(readers)]
    with transaction(engine) as session:
        session.add_all(
            Subscriber(
                platform="telegram",
                chat_id=c,
                digest_time="07:30",
                timezone="Asia/Riyadh",
                active=True,
                chat_type="private",
            )
            for c in chats
        )
    engine.dispose()

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, chats, drop


def worker(url: str, fake: FakeTelegram, rate: float, share: bool = True) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    env.update(
        MAWJAZ_TELEGRAM_TOKEN=TOKEN,
        MAWJAZ_TELEGRAM_BASE_URL=f"{fake.url}/bot",
        MAWJAZ_TELEGRAM_RATE_PER_S=str(rate),
        MAWJAZ_SHARE_RATE="1" if share else "0",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "mawjaz", "--database", url, "deliver", "--at", AT, "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def one_run(postgres: str, workers: int, readers: int, limited: bool, mode: str = "shared") -> dict:
    url, chats, drop = fresh_database(postgres, readers)
    fake = FakeTelegram(max_per_second=TELEGRAM_LIMIT if limited else None, retry_after=1).start()
    rate = (TELEGRAM_LIMIT - 1) / (workers if mode == "by-hand" else 1) if limited else 1_000_000
    try:
        started = time.perf_counter()
        processes = [worker(url, fake, rate, share=mode == "shared") for _ in range(workers)]
        outputs = [p.communicate(timeout=900) for p in processes]
        wall = time.perf_counter() - started
        accepted = fake.sent()
        rejected = [c for c in fake.calls_to("sendMessage", ok_only=False) if c.status == 429]
    finally:
        fake.stop()
        drop()
    for process, (_out, err) in zip(processes, outputs):
        if process.returncode != 0:
            raise SystemExit(f"a worker failed:\n{err[-3000:]}")
    summaries = [json.loads(out) for out, _err in outputs]
    per_chat = Counter(str(c.params["chat_id"]) for c in accepted)
    span = accepted[-1].at - accepted[0].at if len(accepted) > 1 else float("nan")
    return {
        "workers": workers,
        "sent": len(accepted),
        "rate": (len(accepted) - 1) / span,
        "wall": wall,
        "429": len(rejected),
        "lost": sum(1 for c in chats if per_chat[c] == 0),
        "duplicated": sum(n - 1 for n in per_chat.values() if n > 1),
        "shares": [s["delivered"] for s in summaries],
    }


def show(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(
        f"{'workers':>7} {'sent':>6} {'msg/s':>8} {'x base':>7} {'wall s':>7} {'429s':>5} {'lost':>5} {'dup':>4}"
        "  per worker"
    )
    base = rows[0]["rate"]
    for r in rows:
        print(
            f"{r['workers']:>7} {r['sent']:>6} {r['rate']:>8.1f} {r['rate'] / base:>7.2f} {r['wall']:>7.1f} "
            f"{r['429']:>5} {r['lost']:>5} {r['duplicated']:>4}  {r['shares']}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--workers", default="1,2,4", help="comma-separated worker counts")
    parser.add_argument("--subscribers", type=int, default=3000, help="readers in the runs without a limit (0: skip)")
    parser.add_argument("--limited-subscribers", type=int, default=600, help="readers in the 30/s runs (0: skip)")
    parser.add_argument(
        "--rate-mode",
        choices=["shared", "by-hand", "none"],
        default="shared",
        help="30/s runs: 29/s shared by the live workers; 29/N set on each; 29/s each, unshared",
    )
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    database = normalise_url(args.postgres).render_as_string()  # password hidden
    print(f"cpus {os.cpu_count()}, load {os.getloadavg()[0]:.1f}; database {database}")
    if args.subscribers:
        show(
            f"fake Telegram without a rate limit, {args.subscribers} readers (baseline: 1 worker)",
            [one_run(args.postgres, n, args.subscribers, limited=False) for n in counts],
        )
    if args.limited_subscribers:
        how = {
            "shared": f"{TELEGRAM_LIMIT - 1}/s shared by the live workers",
            "by-hand": f"each worker set to {TELEGRAM_LIMIT - 1}/N by hand",
            "none": f"each worker at {TELEGRAM_LIMIT - 1}/s, unshared (baseline)",
        }[args.rate_mode]
        show(
            f"fake Telegram at {TELEGRAM_LIMIT} msg/s for the bot, {args.limited_subscribers} readers, {how}",
            [one_run(args.postgres, n, args.limited_subscribers, limited=True, mode=args.rate_mode) for n in counts],
        )


if __name__ == "__main__":
    main()
