"""A story's latest articles and /topic's window floor on PostgreSQL, with migration 0015's index and with 0014's.

    python bench/story_seek.py postgresql://postgres@127.0.0.1:5432/mawjaz_bench_topic_30000

On one database already at 0015 (a ``bench/topic.py speed`` corpus), the
server's execution time (``EXPLAIN ANALYZE``, medians) of the statements the
index serves: the latest 6 headlines of the 20 largest stories and of 200
random ones (``story_index.latest_headlines``), and the window floor over the
last day and week (``search._window_floor``). Then, in a transaction rolled
back at the end, the index on ``(story_id, id)`` is swapped for 0014's on
``story_id`` alone and both floor statements (0014's join, 0015's seek per
story) are timed again: the same rows, before and after.
"""

from __future__ import annotations

import argparse
import statistics
from datetime import timedelta

import psycopg

OLD_FLOOR = "SELECT min(a.id) FROM stories s CROSS JOIN articles a WHERE a.story_id = s.id AND s.last_seen >= %s"
NEW_FLOOR = (
    "SELECT min((SELECT min(a.id) FROM articles a WHERE a.story_id = s.id)) FROM stories s WHERE s.last_seen >= %s"
)
LATEST = "SELECT headline FROM articles WHERE story_id = %s ORDER BY id DESC LIMIT 6"


def ms(cur: psycopg.Cursor, sql: str, args: tuple, n: int = 9) -> float:
    """The median server execution time of ``sql`` over ``n`` runs, in ms."""
    out = []
    for _ in range(n):
        cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, args)  # type: ignore[arg-type]
        row = cur.fetchone()
        assert row is not None
        out.append(row[0][0]["Execution Time"])
    return statistics.median(out)


def measure(cur: psycopg.Cursor, label: str, floor: str, big: list[int], some: list[int], end) -> None:
    day, week = ms(cur, floor, (end - timedelta(days=1),)), ms(cur, floor, (end - timedelta(days=7),))
    largest = statistics.median(ms(cur, LATEST, (s,), 5) for s in big)
    random_ = statistics.median(ms(cur, LATEST, (s,), 3) for s in some)
    print(
        f"  {label}: window floor last day {day:.3f} ms, last week {week:.3f} ms; latest 6 headlines: "
        f"20 largest stories {largest:.3f} ms, 200 random stories {random_:.3f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="a PostgreSQL database at migration 0015 or later, with stories")
    args = parser.parse_args()
    with psycopg.connect(args.url) as connection, connection.cursor() as cur:
        cur.execute("SELECT max(last_seen), count(*) FROM stories")
        end, stories = cur.fetchone() or (None, 0)
        cur.execute("SELECT count(*) FROM articles")
        articles = (cur.fetchone() or (0,))[0]
        cur.execute("SELECT id, article_count FROM stories ORDER BY article_count DESC LIMIT 20")
        big = cur.fetchall()
        cur.execute("SELECT setseed(0.7)")
        cur.execute("SELECT id FROM stories ORDER BY random() LIMIT 200")
        some = [r[0] for r in cur.fetchall()]
        print(f"{articles} articles, {stories} stories, the largest {big[0][1]} articles (20th: {big[-1][1]})")
        ids = [s for s, _ in big]
        measure(cur, "0015, (story_id, id), its floor", NEW_FLOOR, ids, some, end)
        cur.execute("CREATE INDEX ix_articles_story_id ON articles (story_id)")
        cur.execute("DROP INDEX ix_articles_story_id_id")
        cur.execute("ANALYZE articles")
        measure(cur, "0014, (story_id), its floor", OLD_FLOOR, ids, some, end)
        measure(cur, "0014, (story_id), 0015's floor", NEW_FLOOR, ids, some, end)
        connection.rollback()


if __name__ == "__main__":
    main()
