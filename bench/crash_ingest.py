"""kill -9 during ingest of a real corpus, several times, then finish: is the database the one a clean run gives?

    python bench/crash_ingest.py [CORPUS.jsonl ...] [--kills 3] [--seed 1]
        [--postgres postgresql://postgres@127.0.0.1:5432/test]

Default corpus: ../shared/data/ant_multisource_v2.1/*.jsonl (2,550 articles,
217 exact-duplicate groups). For each database (SQLite, and PostgreSQL when
``--postgres`` names an admin URL): one clean ``mawjaz ingest`` into an empty
database (the baseline), then into another empty database ``mawjaz ingest``
killed with SIGKILL at ``--kills`` random points and run once more to the end.
Prints the counts of both side by side, the rows a torn write would leave
(all must be 0), and whether the grouping of copies into articles and stories
is identical. The CI version is tests/robustness/test_ingest_crash.py, on a
synthetic corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine, normalise_url

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = sorted((ROOT.parent / "shared" / "data" / "ant_multisource_v2.1").glob("*.jsonl"))
TABLES = ("articles", "article_copies", "stories", "article_search", "story_actors")
TORN = {
    "article without a copy": "SELECT count(*) FROM articles a"
    " WHERE NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = a.id)",
    "copy without an article": "SELECT count(*) FROM article_copies c"
    " WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id)",
    "article without a story": "SELECT count(*) FROM articles WHERE story_id IS NULL"
    " OR story_id NOT IN (SELECT id FROM stories)",
    "story without an article": "SELECT count(*) FROM stories s"
    " WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)",
    "story count wrong": "SELECT count(*) FROM stories s"
    " WHERE s.article_count <> (SELECT count(*) FROM articles a WHERE a.story_id = s.id)",
}


def ingest_process(url: str, corpus: list[Path]) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    command = [sys.executable, "-m", "mawjaz", "--database", url, "ingest", "--json", *map(str, corpus)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def scalar(engine: Engine, sql: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def copies(engine: Engine) -> int:
    try:
        return scalar(engine, "SELECT count(*) FROM article_copies")
    except OperationalError:
        return -1


def run_to_end(url: str, corpus: list[Path]) -> tuple[dict, float]:
    started = time.perf_counter()
    out, _ = ingest_process(url, corpus).communicate()
    return json.loads(out), time.perf_counter() - started


def kill_at(url: str, corpus: list[Path], engine: Engine, at: int) -> int:
    process = ingest_process(url, corpus)
    while (seen := copies(engine)) < at and process.poll() is None:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return seen


def picture(engine: Engine) -> tuple[dict[str, int], list, list]:
    counts = {table: scalar(engine, f"SELECT count(*) FROM {table}") for table in TABLES}
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT c.copy_key, a.id, a.story_id FROM article_copies c JOIN articles a ON a.id = c.article_id"
        )).all()  # fmt: skip
    by_article: dict[int, set[str]] = {}
    by_story: dict[int, set[str]] = {}
    for key, article_id, story_id in rows:
        by_article.setdefault(article_id, set()).add(key)
        by_story.setdefault(story_id, set()).add(key)
    return counts, sorted(map(sorted, by_article.values())), sorted(map(sorted, by_story.values()))


def databases(kind: str, admin: str | None, folder: Path) -> tuple[str, str, list]:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'clean.sqlite'}", f"sqlite:///{folder / 'crashed.sqlite'}", []
    names = [f"mawjaz_crash_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    engine = make_engine(admin).execution_options(isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for name in names:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    urls = [normalise_url(admin).set(database=name).render_as_string(hide_password=False) for name in names]
    return urls[0], urls[1], names


def drop(admin: str, names: list[str]) -> None:
    engine = make_engine(admin).execution_options(isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for name in names:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def bench(kind: str, corpus: list[Path], kills: int, rng: random.Random, admin: str | None, folder: Path) -> bool:
    clean_url, crashed_url, names = databases(kind, admin, folder)
    try:
        clean, crashed = make_engine(clean_url), make_engine(crashed_url)
        migrate.upgrade(clean)
        migrate.upgrade(crashed)
        report, seconds = run_to_end(clean_url, corpus)
        total = scalar(clean, "SELECT count(*) FROM article_copies")
        print(
            f"\n{kind}: clean run {seconds:.0f} s: read {report['read']}, new {report['new']}, "
            f"duplicate {report['duplicate']}, failed {report['failed']}"
        )
        points = sorted(rng.sample(range(total // 20, total - total // 20), kills))
        killed = [kill_at(crashed_url, corpus, crashed, point) for point in points]
        torn_after_kills = {what: scalar(crashed, sql) for what, sql in TORN.items()}
        final, seconds = run_to_end(crashed_url, corpus)
        print(
            f"{kind}: killed with SIGKILL at {killed} stored copies; torn rows after the kills: "
            f"{sum(torn_after_kills.values())}; final run {seconds:.0f} s: new {final['new']}, "
            f"duplicate {final['duplicate']}, failed {final['failed']}"
        )
        want, got = picture(clean), picture(crashed)
        torn = {what: scalar(crashed, sql) for what, sql in TORN.items()}
        print(f"{'':24}{'clean run':>12}{'killed+rerun':>14}")
        for table in TABLES:
            print(f"{table:24}{want[0][table]:>12}{got[0][table]:>14}")
        print(f"torn rows: {torn}")
        same = want == got and not any(torn.values()) and not any(torn_after_kills.values())
        print(
            f"{kind}: same copies→articles grouping: {want[1] == got[1]}; same stories: {want[2] == got[2]}; "
            f"{'PASS' if same else 'FAIL'}"
        )
        clean.dispose()
        crashed.dispose()
        return same
    finally:
        if names:
            drop(admin, names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="*", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="admin URL of a PostgreSQL server, e.g. postgresql://postgres@127.0.0.1:5432/test",
    )
    parser.add_argument("--folder", type=Path, default=Path("/tmp") / f"mawjaz-crash-{os.getpid()}")
    args = parser.parse_args()
    if not args.corpus:
        parser.error("no corpus: pass JSONL files (the default ../shared/data/ant_multisource_v2.1 is missing)")
    args.folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    lines = sum(1 for path in args.corpus for line in path.open(encoding="utf-8") if line.strip())
    print(f"corpus: {lines} records in {len(args.corpus)} file(s); {args.kills} kills per database, seed {args.seed}")
    results = [bench("sqlite", args.corpus, args.kills, rng, None, args.folder)]
    if args.postgres:
        results.append(bench("postgresql", args.corpus, args.kills, rng, args.postgres, args.folder))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
