"""The key-actor pass alone, on a copy of a built database (issue 19): how much it grows the process.

    python bench/actor_pass.py BUILT.sqlite COPY.sqlite [--stop N] [--actors OUT.txt]

Copies ``BUILT.sqlite`` (never written) to ``COPY.sqlite``, runs :func:`write_due_actors` over the stories
due in a fresh process and prints the RSS before and after, the pass's CPU time, the fill and hit rate of
the per-process caches the pass reads through, and a digest of the story actors it wrote (``--actors``
writes them out, one row a line, to compare two trees row for row). ``--stop N`` ends after N stories.
A built database: any SQLite database an ingest left with stories due (``stories.actors_due``).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import shutil
import sqlite3
import time
from pathlib import Path

from mawjaz.digest import actors
from mawjaz.pipeline import IngestReport
from mawjaz.pipeline.store import write_due_actors
from mawjaz.storage.engine import make_engine


class _Stop(Exception):
    pass


def _rss_mb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("built")
    parser.add_argument("copy")
    parser.add_argument("--stop", type=int, default=0)
    parser.add_argument("--actors", default="")
    args = parser.parse_args()
    copy = Path(args.copy)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(args.built, copy)
    engine = make_engine(f"sqlite:///{copy}")
    actors.load()
    start = _rss_mb()
    report = IngestReport()

    def on_item(r) -> None:
        if args.stop and r.phase == "actors" and r.actors_done >= args.stop:
            raise _Stop

    cpu = time.process_time()
    try:
        write_due_actors(engine, None, report=report, on_item=on_item)
    except _Stop:
        pass
    cpu = time.process_time() - cpu
    end = _rss_mb()
    engine.dispose()
    rows = sqlite3.connect(copy).execute(
        "SELECT sa.story_id, a.norm_name, a.type, sa.score, sa.mentions FROM story_actors sa"
        " JOIN actors a ON a.id = sa.actor_id ORDER BY sa.story_id, a.norm_name, a.type"
    )
    text = "\n".join(map(repr, rows))
    if args.actors:
        Path(args.actors).write_text(text)
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    print(
        f"stories {report.actors_done}  RSS {start} -> {end} MB (rise {end - start})  CPU {cpu:.1f} s"
        f"  story actors {text.count(chr(10)) + bool(text)} sha {digest}"
    )
    names = importlib.import_module("mawjaz.digest.actor_names")
    folding = importlib.import_module("mawjaz.text.normalise")
    for name, cached in [
        ("actors._word_terms", actors._word_terms),
        ("actor_names._forms", names._forms),
        ("normalise_short", folding.normalise_short),
    ]:
        info = cached.cache_info()
        print(f"  {name:20} {info.currsize:>7}/{info.maxsize:<7} hits {info.hits / (info.hits + info.misses or 1):.1%}")
    print(f"  {'capitals copies':20} {len(actors._CAPITALS_CACHE):>7}")


if __name__ == "__main__":
    main()
