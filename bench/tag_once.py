"""Each article tagged once (issue 19): a story's actors from its articles' stored names are those tagging gives.

    python bench/tag_once.py [../shared/data/ant_multisource_v2.1/*.jsonl] [--limit 700] [--slices 1]

Ingests the first ``--limit`` records of the corpus into a throw-away SQLite database as ``mawjaz ingest``
does (names found once, when each article is stored), then for every story compares the actors computed
from the stored names with the actors computed by tagging every text of the story again, the way they
were computed before names were stored. Prints the counts that differ (both should be 0) and what the
ingest cost. ``--slices N`` stores the records in N consecutive ingests (as feed polling or daily files
bring them: a story grows across ingests and its actors are computed again each time).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mawjaz.digest import actors  # noqa: E402
from mawjaz.ingest import read_source  # noqa: E402
from mawjaz.pipeline import IngestReport, WriteOptions, store_items  # noqa: E402
from mawjaz.storage import mentions, migrate  # noqa: E402
from mawjaz.storage.engine import make_engine, reading  # noqa: E402

CORPUS = ROOT.parent / "shared/data/ant_multisource_v2.1/ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="JSONL corpus files (default: ANT v2.1)")
    parser.add_argument("--limit", type=int, default=700, help="records read from the start of the corpus")
    parser.add_argument("--slices", type=int, default=1, help="consecutive ingests the records are stored in")
    args = parser.parse_args()
    items = [i for p in (args.paths or [str(CORPUS)]) for i in read_source(p, "jsonl", max_bytes=1 << 40)]
    items = items[: args.limit]
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'tag_once.sqlite'}")
        migrate.upgrade(engine)
        cpu, wall = time.process_time(), time.perf_counter()
        report, size = IngestReport(), -(-len(items) // args.slices)
        for start in range(0, len(items), size):
            store_items(engine, items[start : start + size], report, WriteOptions())
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        with reading(engine) as session:
            ids = [i for (i,) in session.connection().exec_driver_sql("SELECT id FROM stories ORDER BY id")]
            found = actors.story_articles(session, ids)
            stored = mentions.of_articles(session, [a for i in ids for a, _ in found[i]], actors.tagger_version())
            rows = session.connection().exec_driver_sql("SELECT count(*), sum(count) FROM article_mentions").one()
        engine.dispose()
    names_differ = stories_differ = 0
    for story_id in ids:
        texts = [text for _, text in found[story_id]]
        fresh = [actors.mentions_of(text) for text in texts]
        names_differ += sum(stored[a] != f for (a, _), f in zip(found[story_id], fresh, strict=True))
        from_stored = actors.key_actors(texts, stored=[stored[a] for a, _ in found[story_id]])
        stories_differ += from_stored != actors.key_actors(texts)
    print(
        f"{report.read} read in {args.slices} ingest(s), {report.new} new, {len(ids)} stories;"
        f" CPU {cpu / report.read * 1000:.1f} ms/record, {report.read / wall:.1f} records/s;"
        f" {rows[0]} mention rows ({rows[1]} mentions)"
    )
    print(f"articles whose stored names differ from tagging again: {names_differ}")
    print(f"stories whose actors from stored names differ from tagging every text again: {stories_differ}")


if __name__ == "__main__":
    main()
