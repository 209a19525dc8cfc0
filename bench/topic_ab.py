"""/topic latency of several checkouts side by side: rounds interleaved, medians of each round's p50/p95.

    .venv/bin/python bench/topic_ab.py --workdir DIR [--postgres URL --pg-prefix P] [--rounds 5] [--repeat 3] \\
        b571f21=/path/to/worktree main=/path/to/other this=.

On a shared, loaded machine two runs minutes apart differ more than two
versions do: each round here runs every checkout once, in a rotated order,
each in a fresh process (its own caches, a warm-up answer first), on the same
speed corpora that ``bench/topic.py speed`` built (``--workdir``,
``--pg-prefix``: build them with it first), and prints the median over rounds
of each version's p50 and p95. SQLite is timed in CPU time (it runs in the
process); PostgreSQL in wall time (its work is the server's), so it moves with
the machine's load more. The timed answers are ``bench/topic.py``'s (dev and
heavy queries, ``--repeat`` each, ``find_topic`` over all time and the last
day, ``search_topic`` over all time), through each checkout's own code: the
checkout's ``mawjaz`` is imported before this file's ``bench/topic.py``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
METRICS = ("/topic --all", "/topic 24h", "search --all")


def one(root: str, url: str, clock: str, repeat: int) -> dict[str, list[float]]:
    """In a child process: the samples of one checkout (``root``) on one database."""
    sys.path.insert(0, root)
    import mawjaz  # noqa: F401  (the checkout's package first: bench/topic.py's imports then resolve to it)

    sys.path.insert(1, str(HERE.parent))
    import topic as bench  # bench/topic.py of this checkout: queries and corpora's time span

    from mawjaz.digest.topic import find_topic, search_topic
    from mawjaz.storage.engine import make_engine, transaction

    engine = make_engine(url)
    day = bench.START + bench.SPAN - bench.timedelta(days=1)
    queries = list(dict.fromkeys([*bench.load_judgements(bench.JUDGEMENTS), *bench.HEAVY]))
    timer = time.process_time if clock == "cpu" else time.perf_counter

    def answer(query: str, since: object, whole: bool) -> None:
        with transaction(engine) as session:
            (find_topic if whole else search_topic)(session, query, since, 10)

    samples: dict[str, list[float]] = {m: [] for m in METRICS}
    for query in queries:
        for metric, since, whole in ((METRICS[0], None, True), (METRICS[1], day, True), (METRICS[2], None, False)):
            samples[metric] += bench.timings(lambda q=query, s=since, w=whole: answer(q, s, w), repeat, timer)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("versions", nargs="+", help="NAME=CHECKOUT_ROOT")
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--postgres", help="admin URL of the server holding PREFIX_<size>")
    parser.add_argument("--pg-prefix", default="mawjaz_bench_topic")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=4, metavar=("ROOT", "URL", "CLOCK", "REPEAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        root, url, clock, repeat = args.child
        print(json.dumps(one(root, url, clock, int(repeat))))
        return
    versions = dict(v.split("=", 1) for v in args.versions)
    databases = {"sqlite": (f"sqlite:///{args.workdir / f'topic_{args.size}.sqlite'}", "cpu")}
    if args.postgres:
        from sqlalchemy.engine import make_url

        url = make_url(args.postgres).set(database=f"{args.pg_prefix}_{args.size}")
        databases["postgresql"] = (url.render_as_string(hide_password=False), "wall")
    per_round: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    names = list(versions)
    for n in range(args.rounds):
        order = names[n % len(names) :] + names[: n % len(names)]
        for label, (url, clock) in databases.items():
            for name in order:
                command = [sys.executable, str(HERE), "--workdir", str(args.workdir), "x=x"]
                command += ["--child", str(Path(versions[name]).resolve()), url, clock, str(args.repeat)]
                out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                for metric, samples in json.loads(out.splitlines()[-1]).items():
                    per_round.setdefault((label, metric, name), []).append((statistics.median(samples), p95(samples)))
        print(f"round {n + 1}/{args.rounds} done", file=sys.stderr)
    for label, (_, clock) in databases.items():
        for metric in METRICS:
            cells = []
            for name in names:
                rounds = per_round[(label, metric, name)]
                p50 = statistics.median(r[0] for r in rounds)
                p95_ = statistics.median(r[1] for r in rounds)
                cells.append(f"{name} {p50:5.1f} / {p95_:5.1f}")
            print(
                f"{label:<11}{args.size:>7}  {metric:<13} p50 / p95 ms ({clock}, median of {args.rounds} rounds): "
                + "   ".join(cells)
            )


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
