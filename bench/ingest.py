"""Ingest speed: a JSONL corpus into a fresh database, articles/second and peak memory.

    python bench/ingest.py ../shared/data/ant_multisource_v2.1/*.jsonl \
        [--postgres postgresql://postgres@127.0.0.1:5432/test]

Baseline in the same run: the readers alone (decode + parse + clean, no
database), so the storage share of the cost is visible.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mawjaz.bot.ingesting import ingest  # noqa: E402
from mawjaz.config import Settings  # noqa: E402
from mawjaz.ingest import read_source  # noqa: E402
from mawjaz.storage import articles, migrate  # noqa: E402
from mawjaz.storage.engine import make_engine, normalise_url, transaction  # noqa: E402

BIG = 1 << 40


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def readers_only(paths: list[str]) -> tuple[int, float]:
    start = time.perf_counter()
    count = sum(1 for _ in (item for p in paths for item in read_source(p, "jsonl", max_bytes=BIG)))
    return count, time.perf_counter() - start


def run(label: str, url: str, paths: list[str]) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    settings = Settings(database_url=url, max_input_bytes=BIG)
    start = time.perf_counter()
    report = ingest(engine, paths, settings, "jsonl")
    seconds = time.perf_counter() - start
    with transaction(engine) as session:
        counts = articles.counts(session)
    engine.dispose()
    print(
        f"{label:<12} {report.read:>6} read  {report.new:>6} new  {report.duplicate:>5} dup  {report.failed:>3} failed  "
        f"{report.read / seconds:8.1f} articles/s  ({seconds:.1f} s)  db: {counts['articles']} articles, "
        f"{counts['copies']} copies  peak RSS {peak_mb():.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", help="JSONL corpus files")
    parser.add_argument("--postgres", help="PostgreSQL server URL; a throw-away database is created on it")
    args = parser.parse_args()

    count, seconds = readers_only(args.paths)
    print(f"{'readers only':<12} {count:>6} items  {count / seconds:8.1f} items/s  ({seconds:.1f} s)  (baseline: no database)")
    with tempfile.TemporaryDirectory() as folder:
        run("sqlite", f"sqlite:///{Path(folder) / 'bench.sqlite'}", args.paths)
    if args.postgres:
        name = f"mawjaz_bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(args.postgres).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            run("postgresql", normalise_url(args.postgres).set(database=name).render_as_string(False), args.paths)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
