"""Ingest speed: a JSONL corpus into a fresh database, and synthetic streams of growing size.

    python bench/ingest.py [../shared/data/ant_multisource_v2.1/*.jsonl] \
        [--postgres postgresql://postgres@127.0.0.1:5432/test] [--sizes 1000,10000,100000] [--no-actors] \
        [--tag-workers 0,1]

1. The corpus (default: ANT v2.1, 2,550 articles) end to end through
   ``mawjaz.pipeline.ingest.ingest``: read, normalise, store with exact and
   near-duplicate merging, search index, story assignment, and the key-actor
   pass the pipeline runs after each batch; on SQLite, and on PostgreSQL when
   ``--postgres`` is given. Baseline in the same run: the readers alone
   (decode + parse + clean, no database), so the storage share is visible.
2. Synthetic streams (``bench/synthetic.py``: sampled real articles reworded so
   they are distinct, 15 % republications, the corpus's rate per day) of each
   size in ``--sizes``, each in a fresh database and a fresh process (so its
   peak RSS is its own), on SQLite and, with ``--postgres``, on PostgreSQL:
   articles/s, CPU ms per article, peak RSS, the database's size on disk, and
   the per-article cost next to the smallest size's. ``--synthetic-only``
   runs only these, on one database (a long run, in the background).

``--tag-workers 0,1`` runs the corpus once per number of tagging worker
processes (``MAWJAZ_TAG_WORKERS``; 0: names found in the storing process), in
the same run; their CPU is printed beside the storing process's. The synthetic
streams run once per value too (without ``--tag-workers``: 0, tagging in the
storing process, as their figures were always made).

``--pg-workers 1,2`` (with ``--postgres``) runs the corpus once per number of
``mawjaz ingest`` processes storing into one fresh PostgreSQL database at the
same time, each given its own outlets (the corpus split by ``source``, largest
first, to the least loaded process), as several workers run at scale; the wall
time is the last one's end, the CPU their sum, and the articles, copies and
stories are printed so that N workers can be compared with one.

``--no-actors`` leaves out the key-actor pass (NER tagging, issue 6) in every
run, to show the cost of reading, storing, deduplicating and grouping alone.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import synthetic  # noqa: E402

from mawjaz.config import Settings  # noqa: E402
from mawjaz.ingest import read_source  # noqa: E402
from mawjaz.ingest.record import Article as Record  # noqa: E402
from mawjaz.pipeline import IngestReport, WriteOptions, ingest, store_items  # noqa: E402
from mawjaz.storage import articles, migrate  # noqa: E402
from mawjaz.storage.engine import make_engine, normalise_url, transaction  # noqa: E402

BIG = 1 << 40
CORPUS = BENCH.parent.parent / "shared/data/ant_multisource_v2.1/ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl"


def peak_mb() -> float:
    """Peak resident memory of this process, in MB.

    ``VmHWM`` where Linux has it: ``ru_maxrss`` survives ``exec``, so a child
    would report its parent's peak when that is higher.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def readers_only(paths: list[str]) -> tuple[int, float]:
    start = time.perf_counter()
    count = sum(1 for _ in (item for p in paths for item in read_source(p, "jsonl", max_bytes=BIG)))
    return count, time.perf_counter() - start


def children_cpu() -> float:
    """CPU seconds of this process's ended children (the tagging workers, once their pool is shut down)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(label: str, url: str, paths: list[str], actors: bool, workers: int | None = None) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    settings = Settings(database_url=url, max_input_bytes=BIG)
    if workers is not None:
        settings = settings.model_copy(update={"tag_workers": workers})
        label = f"{label} w={workers}"
    start, cpu, children = time.perf_counter(), time.process_time(), children_cpu()
    report = ingest(engine, paths, settings, "jsonl", actors=actors)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    children = children_cpu() - children
    with transaction(engine) as session:
        counts = articles.counts(session)
    engine.dispose()
    print(
        f"{label:<12} {report.read:>6} read  {report.new:>6} new  {report.duplicate:>5} dup  {report.failed:>3} failed  "
        f"{report.read / seconds:8.1f} articles/s  ({seconds:.1f} s, CPU {cpu / report.read * 1000:.1f} ms/article"
        + (f" + tagging workers {children / report.read * 1000:.1f}" if children else "")
        + ")  "
        f"db: {counts['articles']} articles, {counts['copies']} copies  peak RSS {peak_mb():.0f} MB"
    )


def split_by_source(paths: list[str], parts: int, folder: Path) -> list[Path]:
    """The corpus's lines in ``parts`` JSONL files, each outlet whole in one of them (largest outlet first, to the lightest file)."""
    by_source: dict[str, list[str]] = {}
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    by_source.setdefault(str(json.loads(line).get("source")), []).append(line)
    files: list[list[str]] = [[] for _ in range(parts)]
    for lines in sorted(by_source.values(), key=len, reverse=True):
        min(files, key=len).extend(lines)
    out = []
    for i, lines in enumerate(files):
        out.append(folder / f"part{i}.jsonl")
        out[-1].write_text("".join(lines), encoding="utf-8")
    return out


def pg_workers_run(postgres: str, paths: list[str], workers: int, actors: bool) -> None:
    """``workers`` ``mawjaz ingest`` processes at once into one fresh PostgreSQL database, one share of the outlets each."""
    with tempfile.TemporaryDirectory() as folder, fresh_database(postgres, Path(folder)) as (url, _disk):
        engine = make_engine(url)
        migrate.upgrade(engine)
        parts = split_by_source(paths, workers, Path(folder))
        env = {
            **os.environ,
            "MAWJAZ_DATABASE_URL": url,
            "MAWJAZ_MAX_INPUT_BYTES": str(BIG),
            "MAWJAZ_TAG_WORKERS": "0",
        }
        command = [sys.executable, "-m", "mawjaz", "ingest", "--format", "jsonl", "--json"]
        if not actors:
            raise SystemExit("--pg-workers measures ingest as users run it: with key actors")
        start, children = time.perf_counter(), children_cpu()
        running = [
            subprocess.Popen(
                [*command, str(part)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
            )
            for part in parts
        ]
        reports = [json.loads(p.communicate()[0]) for p in running]
        seconds, cpu = time.perf_counter() - start, children_cpu() - children
        read = sum(r["read"] for r in reports)
        with transaction(engine) as session:
            counts = articles.counts(session)
            stories = (
                session.connection()
                .exec_driver_sql("SELECT count(*) FROM stories WHERE merged_into IS NULL AND article_count > 0")
                .scalar_one()
            )
        engine.dispose()
        print(
            f"{'postgresql':<10} x{workers} {read:>6} read  {sum(r['new'] for r in reports):>6} new  "
            f"{sum(r['duplicate'] for r in reports):>5} dup  {sum(r['failed'] for r in reports):>3} failed  "
            f"{read / seconds:8.1f} articles/s  ({seconds:.1f} s, CPU {cpu / read * 1000:.1f} ms/article, all processes)"
            f"  db: {counts['articles']} articles, {counts['copies']} copies, {stories} stories",
            flush=True,
        )


def one_size(corpus: Path, size: int, actors: bool, postgres: str | None = None, workers: int = 0) -> dict:
    """Ingest a synthetic stream of ``size`` into a fresh database (SQLite, or one made on ``postgres``) with
    ``workers`` tagging processes; its figures (the workers' CPU apart: they end with the stream's pool)."""
    real = [r for r in read_source(str(corpus), "jsonl", max_bytes=BIG) if isinstance(r, Record)]
    with tempfile.TemporaryDirectory() as folder, fresh_database(postgres, Path(folder)) as (url, disk):
        engine = make_engine(url)
        migrate.upgrade(engine)
        start, cpu, children = time.perf_counter(), time.process_time(), children_cpu()
        options = WriteOptions(actors=actors, tag_workers=workers)
        report = store_items(engine, synthetic.stream(real, size), IngestReport(), options)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        children = children_cpu() - children
        with transaction(engine) as session:
            counts = articles.counts(session)
            stories = session.connection().exec_driver_sql("SELECT count(*) FROM stories").scalar_one()
        megabytes = disk(engine)
        engine.dispose()
    return {
        "size": size,
        "seconds": seconds,
        "cpu": cpu,
        "workers": workers,
        "workers_cpu": children,
        "new": report.new,
        "duplicate": report.duplicate,
        "failed": report.failed,
        "articles": counts["articles"],
        "stories": stories,
        "peak_mb": peak_mb(),
        "disk_mb": megabytes,
    }


@contextmanager
def fresh_database(postgres: str | None, folder: Path) -> Iterator[tuple[str, Callable[[Engine], float]]]:
    """A fresh database's URL and how to measure its size on disk (MB): an SQLite file, or a database on ``postgres``."""
    if not postgres:
        path = folder / "synthetic.sqlite"

        def sqlite_mb(engine: Engine) -> float:
            engine.dispose()  # the last connection to close checkpoints the WAL into the file
            return sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists()) / 1e6

        yield f"sqlite:///{path}", sqlite_mb
        return
    name = f"mawjaz_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(postgres).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def postgres_mb(engine: Engine) -> float:
        with engine.connect() as connection:
            return connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one() / 1e6

    try:
        yield normalise_url(postgres).set(database=name).render_as_string(False), postgres_mb
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def synthetic_sizes(
    corpus: Path, sizes: list[int], actors: bool, postgres: str | None = None, workers: int = 0
) -> None:
    rows = []
    for size in sizes:
        command = [sys.executable, __file__, "--one-size", str(size), "--corpus", str(corpus)]
        command += ["--tag-workers", str(workers)]
        if not actors:
            command.append("--no-actors")
        if postgres:
            command += ["--postgres", postgres]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        report_sizes(rows, actors, postgres)


def report_sizes(rows: list[dict], actors: bool, postgres: str | None) -> None:
    """The table so far (printed again after each size, so a long run shows its figures as they come)."""
    first = rows[0]
    label = f"synthetic streams, {'PostgreSQL' if postgres else 'SQLite'}" + (
        f", {first.get('workers', 0)} tagging workers" if actors else ", without the key-actor pass"
    )
    print(f"\n{label}:", flush=True)
    for row in rows:
        per_article = row["seconds"] / row["size"] * 1000
        ratio = per_article / (first["seconds"] / first["size"] * 1000)
        print(
            f"  {row['size']:>7} items  {row['size'] / row['seconds']:7.1f} articles/s  {per_article:6.2f} ms/article"
            f" (x{ratio:.2f} of {first['size']})  CPU {row['cpu'] / row['size'] * 1000:6.2f} ms/article"
            + (f" + workers {row['workers_cpu'] / row['size'] * 1000:.2f}" if row.get("workers_cpu") else "")
            + f"  peak RSS {row['peak_mb']:5.0f} MB  disk {row.get('disk_mb', 0):7.1f} MB"
            f"  -> {row['articles']} articles ({row['duplicate']} merged), {row['stories']} stories, {row['failed']} failed",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="JSONL corpus files (default: ANT v2.1)")
    parser.add_argument("--postgres", help="PostgreSQL server URL; a throw-away database is created on it")
    parser.add_argument("--sizes", default="1000,10000", help="synthetic stream sizes, comma-separated ('' for none)")
    parser.add_argument("--no-actors", action="store_true", help="leave out the key-actor pass (NER) everywhere")
    parser.add_argument(
        "--synthetic-only",
        action="store_true",
        help="only the synthetic streams, on PostgreSQL if --postgres is given, else on SQLite (for runs in the background)",
    )
    parser.add_argument(
        "--tag-workers",
        default="",
        help="the corpus runs once per value of MAWJAZ_TAG_WORKERS, comma-separated (0: tagging in the storing "
        "process); default: the setting as the environment gives it",
    )
    parser.add_argument(
        "--pg-workers",
        default="",
        help="with --postgres: the corpus once per number of concurrent `mawjaz ingest` processes, comma-separated",
    )
    parser.add_argument(
        "--body-chars",
        type=int,
        metavar="N",
        help="tag the first N characters of each body (0: the whole body) instead of actors.BODY_CHARS; the corpus "
        "only, and only with --tag-workers 0 (a spawned worker reads the module's own value)",
    )
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="real corpus the synthetic streams are made from")
    args = parser.parse_args()

    workers: list[int | None] = [int(w) for w in args.tag_workers.split(",") if w.strip()] or [None]
    if args.body_chars is not None:
        if workers != [0]:
            raise SystemExit("--body-chars needs --tag-workers 0")
        from mawjaz.digest import actors as actor_module

        actor_module.BODY_CHARS = args.body_chars or 1 << 30
    if args.one_size:
        row = one_size(args.corpus, args.one_size, not args.no_actors, args.postgres, workers[0] or 0)
        print(json.dumps(row))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.synthetic_only:
        for count_workers in workers:
            synthetic_sizes(args.corpus, sizes, not args.no_actors, args.postgres, count_workers or 0)
        return
    paths = args.paths or [str(CORPUS)]
    count, seconds = readers_only(paths)
    print(
        f"{'readers only':<12} {count:>6} items  {count / seconds:8.1f} items/s  ({seconds:.1f} s)  (baseline: no database)"
    )
    for count_workers in workers:
        with tempfile.TemporaryDirectory() as folder:
            run("sqlite", f"sqlite:///{Path(folder) / 'bench.sqlite'}", paths, not args.no_actors, count_workers)
    for count_workers in [int(w) for w in args.pg_workers.split(",") if w.strip()]:
        if not args.postgres:
            raise SystemExit("--pg-workers needs --postgres")
        pg_workers_run(args.postgres, paths, count_workers, not args.no_actors)
    if args.postgres and not args.pg_workers:
        name = f"mawjaz_bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(args.postgres).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            run(
                "postgresql",
                normalise_url(args.postgres).set(database=name).render_as_string(False),
                paths,
                not args.no_actors,
            )
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    if sizes:
        for count_workers in workers:
            synthetic_sizes(args.corpus, sizes, not args.no_actors, None, count_workers or 0)
            if args.postgres:
                synthetic_sizes(args.corpus, sizes, not args.no_actors, args.postgres, count_workers or 0)


if __name__ == "__main__":
    main()
