"""Digest build time: 1,000 stories loaded, ranked and rendered (target: under 2 s).

    python bench/digest.py ../shared/data/ant_multisource_v2.1/*.jsonl [--stories 1000]

The corpus is ingested into a throw-away SQLite database first (not timed
here: see bench/ingest.py). Baseline in the same run: the same stories
loaded the naive way, one query per story for its articles, copies and
actors (the N+1 pattern the bulk loader avoids).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mawjaz.digest import render  # noqa: E402
from mawjaz.digest.build import story_views  # noqa: E402
from mawjaz.digest.pick import build_digest  # noqa: E402
from mawjaz.ingest import read_source  # noqa: E402
from mawjaz.pipeline import IngestReport, store_items  # noqa: E402
from mawjaz.storage import migrate  # noqa: E402
from mawjaz.storage import stories as repo  # noqa: E402
from mawjaz.storage.engine import make_engine, transaction  # noqa: E402


def best_of(runs: int, func) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--stories", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'digest.sqlite'}")
        migrate.upgrade(engine)
        items = (item for path in args.paths for item in read_source(path, "jsonl", max_bytes=1 << 40))
        report = store_items(engine, items, IngestReport())
        with transaction(engine) as session:
            total = len(repo.recent(session, None, None))
        print(f"corpus: {report.read} articles read, {total} stories stored")

        def bulk():
            with transaction(engine) as session:
                digest = build_digest(session, None, args.stories)
                render.render_telegram(digest)
                render.render_slack(digest)
            return digest

        def naive():
            with transaction(engine) as session:
                for story in repo.top(session, None, args.stories):
                    story_views(session, [story])

        size = len(bulk().stories)
        fast, slow = best_of(3, bulk), best_of(3, naive)
        print(f"digest of {size} stories (load + rank + render Telegram and Slack): {fast:.3f} s   target < 2 s")
        print(f"baseline, one query set per story (load only):              {slow:.3f} s   ratio {slow / fast:.1f}x")


if __name__ == "__main__":
    main()
