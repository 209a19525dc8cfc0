"""The draw of the held-out key-actors set ``bench/data/actors_blind2.tsv`` (issue 17, session 9).

    python bench/actors.py $ANT $JAW $SEEDS --database /tmp/blind2-bench.sqlite --sets dev   # ingests once
    python bench/actors_draw.py /tmp/blind2-bench.sqlite [--story N] [--lead CHARS]   # ids, headlines, texts
    python bench/actors_draw.py /tmp/blind2-bench.sqlite --ids      # their id lines only (the TSV's first column)

The stories are the project's own grouping, read from the database ``bench/actors.py`` ingests (ANT v2.1
multi-source, ANT v1.1 JawharaFM capped 400 and the seed dumps, in that order). A story's ids are the
``external_id`` of every copy of its articles (the ANT ``id``). A story counts as ANT v2.1 when every id is
one of that corpus (not ``JA-``, not a seed's ``stem#n``) and as JawharaFM when every id begins with ``JA-``;
a story holding any id of ``actors_dev.tsv`` or ``actors_blind.tsv`` is left out, so the sets cannot overlap.

With ``random.Random(29)``, over the candidates sorted by their ids, the draw takes

* ANT v2.1: 8 stories of 9 articles or more (digests lead with big stories: the earlier sets had none of
  them), 13 of 2–8 articles and 3 single articles;
* JawharaFM: 8 stories of 2–8 articles, none holding a sport or culture article (as in the earlier sets).

``--dev2`` gives the draw of the tuning set ``bench/data/actors_dev2.tsv`` (issue 17): with
``random.Random(43)`` over the ANT v2.1 stories holding no id of ``actors_dev``, ``actors_blind`` or
``actors_blind2``, every story of 9 articles or more (16 of them) and 4 of 5–8 articles (no JawharaFM).

Nothing here computes actors: the labels were written from these texts before any method's output on the
stories was seen.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 29
ANT_BUCKETS = [("9+", 9, 10**9, 8), ("2-8", 2, 8, 13), ("1", 1, 1, 3)]  # name, fewest, most articles, how many
JAW_BUCKET = ("2-8", 2, 8, 8)
DEV2_SEED = 43
DEV2_BUCKETS = [("9+", 9, 10**9, 20), ("5-8", 5, 8, 4)]
LEFT_OUT_JAW = ("JA-sport-", "JA-culture-")


def labelled_ids(names: tuple[str, ...] = ("dev", "blind")) -> set[str]:
    """Every article id of the earlier label sets."""
    out: set[str] = set()
    for name in names:
        for line in (ROOT / "bench" / "data" / f"actors_{name}.tsv").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.update(line.split("\t")[0].split(","))
    return out


def stories(db: sqlite3.Connection) -> dict[int, list[tuple[int, list[str]]]]:
    """story id -> [(article id, its copies' external ids)], articles in id order."""
    copies: dict[int, list[str]] = {}
    for article_id, external in db.execute(
        "SELECT article_id, COALESCE(external_id, copy_key) FROM article_copies ORDER BY id"
    ):
        copies.setdefault(article_id, []).append(external)
    out: dict[int, list[tuple[int, list[str]]]] = {}
    for article_id, story_id in db.execute("SELECT id, story_id FROM articles WHERE story_id IS NOT NULL ORDER BY id"):
        out.setdefault(story_id, []).append((article_id, copies.get(article_id, [])))
    return out


def draw(db: sqlite3.Connection, dev2: bool = False) -> list[tuple[str, str, list[tuple[int, list[str]]]]]:
    """(source, size bucket, articles) of each drawn story, in draw order (``dev2``: the draw of actors_dev2)."""
    skip = labelled_ids(("dev", "blind", "blind2") if dev2 else ("dev", "blind"))
    ant: list[list[tuple[int, list[str]]]] = []
    jaw: list[list[tuple[int, list[str]]]] = []
    for articles in stories(db).values():
        ids = [i for _a, ids in articles for i in ids]
        if not ids or skip.intersection(ids):
            continue
        if all(i.startswith("JA-") for i in ids):
            if not any(i.startswith(LEFT_OUT_JAW) for i in ids):
                jaw.append(articles)
        elif not any(i.startswith("JA-") or "#" in i for i in ids):
            ant.append(articles)
    rng = random.Random(DEV2_SEED if dev2 else SEED)
    picked = []
    plan = (
        [("ANT v2.1", ant, DEV2_BUCKETS)]
        if dev2
        else [("ANT v2.1", ant, ANT_BUCKETS), ("JawharaFM", jaw, [JAW_BUCKET])]
    )
    for source, pool, buckets in plan:
        pool.sort(key=lambda arts: sorted(i for _a, ids in arts for i in ids))
        order = list(pool)
        rng.shuffle(order)
        for name, low, high, count in buckets:
            chosen = [arts for arts in order if low <= len(arts) <= high][:count]
            picked += [(source, name, arts) for arts in chosen]
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database", help="the SQLite file bench/actors.py --database kept")
    parser.add_argument("--dev2", action="store_true", help="the draw of actors_dev2.tsv (seed 43, big stories)")
    parser.add_argument("--ids", action="store_true", help="print only each story's ids, comma-separated")
    parser.add_argument("--story", type=int, help="print only the Nth drawn story (1-based)")
    parser.add_argument("--lead", type=int, metavar="N", help="print only the first N characters of each text")
    args = parser.parse_args()
    db = sqlite3.connect(args.database)
    for n, (source, bucket, articles) in enumerate(draw(db, args.dev2), 1):
        ids = ",".join(i for _a, ids in articles for i in ids)
        if args.ids:
            print(ids)
            continue
        if args.story and n != args.story:
            continue
        print(f"\n######## story {n}: {source}, {len(articles)} articles (bucket {bucket})\n{ids}")
        for article_id, external in articles:
            headline, body = db.execute("SELECT headline, body FROM articles WHERE id = ?", (article_id,)).fetchone()
            print(f"\n--- {','.join(external)}\n{headline}\n{body[: args.lead] if args.lead else body}")


if __name__ == "__main__":
    main()
