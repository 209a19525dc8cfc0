"""How fast the story pages answer, beside the functions they call (same run, same database).

    python bench/web.py [--database URL | CORPUS.jsonl ...] [--requests 200]

Ingests the corpus into a fresh SQLite database (or reads ``--database``),
serves the pages on loopback as ``mawjaz web`` does (the clock on the hour after
the corpus's latest article) and times, over one keep-alive connection:

* ``/s/{id}`` for stories drawn at random (seed 7), beside
  :func:`mawjaz.web.pages.story_page` called directly (the reading alone);
* ``/`` (the last 24 hours), beside :func:`mawjaz.digest.pick.build_digest`;
* ``/api/topic?q=`` for a few topics, beside :func:`mawjaz.digest.topic.find_topic`;

so the difference is what HTTP, the templates and the server add. It also
prints how many developments the stories of five articles or more have
(:func:`mawjaz.digest.developments.developments`).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "web")]

TOPICS = ["ترامب", "داعش", "الانتخابات العراقية", "القدس", "إيران"]


def _times(work: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        work()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _row(name: str, http: list[float], direct: list[float]) -> str:
    def p(values: list[float], q: float) -> float:
        return sorted(values)[min(len(values) - 1, int(q * len(values)))]

    return (
        f"{name:<16} HTTP p50 {statistics.median(http):7.1f} ms  p95 {p(http, 0.95):7.1f} ms   "
        f"direct p50 {statistics.median(direct):7.1f} ms  p95 {p(direct, 0.95):7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--database")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    import httpx
    from webkit import serving

    from mawjaz.bot.command_budget import Budget
    from mawjaz.config import Settings
    from mawjaz.digest.build import story_views
    from mawjaz.digest.developments import developments
    from mawjaz.digest.pick import build_digest
    from mawjaz.digest.topic import find_topic
    from mawjaz.pipeline import ingest
    from mawjaz.storage import migrate
    from mawjaz.storage import stories as repo
    from mawjaz.storage.engine import make_engine, reading
    from mawjaz.web import pages
    from mawjaz.web.app import WebOptions

    folder = tempfile.TemporaryDirectory()
    url = args.database or f"sqlite:///{Path(folder.name) / 'web.sqlite'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    if args.corpus:
        start = time.perf_counter()
        report = ingest(engine, [str(p) for p in args.corpus], Settings())
        print(f"ingested {report.new} articles in {time.perf_counter() - start:.0f} s")
    with reading(engine) as session:
        stories = repo.recent(session, None, None)
        views = story_views(session, [s for s in stories if s.article_count >= 5])
    now = max(s.last_seen for s in stories) + timedelta(hours=1)
    steps = [len(developments(v.articles)) for v in views]
    print(
        f"{len(stories)} stories; the {len(views)} of 5+ articles have {statistics.mean(steps):.1f} developments "
        f"on average (median {statistics.median(steps):.0f}, max {max(steps)}; articles per story: "
        f"{statistics.mean(len(v.articles) for v in views):.1f})"
    )
    chosen = random.Random(7).sample([s.id for s in stories], min(args.requests, len(stories)))
    options = WebOptions(clock=lambda: now, budget=Budget(burst=10**9, per_second=10**9))
    with serving(engine, options) as base, httpx.Client(base_url=base, timeout=60) as client:
        client.get("/")  # warm: templates compiled, connections open
        ids = iter(chosen * 2)
        http = _times(lambda: client.get(f"/s/{next(ids)}").raise_for_status(), len(chosen))
        ids = iter(chosen * 2)

        def direct_story() -> object:
            with reading(engine) as session:
                return pages.story_page(session, next(ids))

        print(_row("/s/{id}", http, _times(direct_story, len(chosen))))
        n = max(10, args.requests // 10)
        http = _times(lambda: client.get("/").raise_for_status(), n)

        def direct_today() -> object:
            with reading(engine) as session:
                return build_digest(session, now - timedelta(hours=24), 10, "ar", now)

        print(_row("/ (24 h)", http, _times(direct_today, n)))
        queries = iter(TOPICS * n)
        http = _times(
            lambda: client.get("/api/topic", params={"q": next(queries), "since": "all"}).raise_for_status(), n
        )
        queries = iter(TOPICS * n)

        def direct_topic() -> object:
            with reading(engine) as session:
                return find_topic(session, next(queries), None, 10)

        print(_row("/api/topic", http, _times(direct_topic, n)))
    engine.dispose()
    folder.cleanup()


if __name__ == "__main__":
    main()
