"""How many breaking alerts a reader with ``/alerts on`` would get from a real corpus, and what a tick costs.

Replays the clock over a database that already holds a corpus (``mawjaz
ingest`` it first): every ``--step`` minutes it runs what the minute tick
runs to find breaking stories (:func:`mawjaz.storage.alerts.arrivals` and
:func:`mawjaz.delivery.alerts.breaking`), and applies the once-per-story rule
and the daily cap for one reader with alerts on in ``--zone``
(:func:`mawjaz.delivery.alerts.due_alerts`). Prints the stories that broke,
the alerts per day with and without the cap, and the time of one tick's
reads (median and p95).

    python bench/alerts.py sqlite:///ant.sqlite --from 2018-05-01 --to 2018-05-15
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from mawjaz.delivery.alerts import AlertRule, Reader, breaking, due_alerts
from mawjaz.storage import alerts as alerts_repo
from mawjaz.storage.alerts import Sent
from mawjaz.storage.engine import make_engine, reading
from mawjaz.storage.models import Story


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("database")
    parser.add_argument("--from", dest="start", required=True, help="ISO date (UTC)")
    parser.add_argument("--to", dest="end", required=True, help="ISO date (UTC)")
    parser.add_argument("--step", type=int, default=5, help="minutes between ticks (the service ticks every 1)")
    parser.add_argument("--outlets", type=int, default=3)
    parser.add_argument("--window", type=int, default=60, help="minutes")
    parser.add_argument("--zone", default="Asia/Riyadh")
    args = parser.parse_args()

    rule = AlertRule(outlets=args.outlets, window=timedelta(minutes=args.window))
    uncapped = AlertRule(outlets=args.outlets, window=timedelta(minutes=args.window), daily_cap=10**6)
    engine = make_engine(args.database)
    now = datetime.fromisoformat(args.start).replace(tzinfo=UTC)
    end = datetime.fromisoformat(args.end).replace(tzinfo=UTC)
    reader = Reader(1, "on", args.zone)
    sent: dict[str, dict[tuple[int, int], Sent]] = {"capped": {}, "uncapped": {}}
    times: dict[str, list[datetime]] = {"capped": [], "uncapped": []}
    costs: list[float] = []
    broke: set[int] = set()
    while now < end:
        started = time.perf_counter()
        with reading(engine) as session:
            bursts = breaking(now, alerts_repo.arrivals(session, now - rule.window, now), rule)
        costs.append(time.perf_counter() - started)
        broke.update(b.story_id for b in bursts)
        for name, applied in (("capped", rule), ("uncapped", uncapped)):
            for due in due_alerts(now, bursts, [reader], sent[name], {1: times[name]}, applied):
                assert due.story_id is not None
                before = sent[name].get((1, due.story_id))
                sent[name][(1, due.story_id)] = Sent((before.count if before else 0) + 1, now)
                times[name].append(now)
        now += timedelta(minutes=args.step)

    days = (end - datetime.fromisoformat(args.start).replace(tzinfo=UTC)).days or 1
    print(f"rule: {rule.outlets} new outlets within {args.window} min; tick every {args.step} min; {days} days")
    print(f"stories that broke: {len(broke)}")
    for name in ("uncapped", "capped"):
        per_day = Counter(t.date() for t in times[name])
        busiest = max(per_day.values(), default=0)
        print(f"alerts ({name}): {len(times[name])} = {len(times[name]) / days:.1f}/day, busiest day {busiest}")
    costs.sort()
    p95 = costs[int(0.95 * (len(costs) - 1))]
    print(
        f"tick reads: median {statistics.median(costs) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms over {len(costs)} ticks"
    )
    with reading(engine) as session:
        for story_id in sorted(broke)[:10]:
            story = session.get(Story, story_id)
            print(f"  {story_id}: {story.headline if story else '?'}")


if __name__ == "__main__":
    main()
