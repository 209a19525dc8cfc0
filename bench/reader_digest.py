"""The daily digest a reader receives, measured on a real corpus: size, dates, sources, hashtags, labels.

    mawjaz --database sqlite:////tmp/ant.sqlite ingest ../shared/data/ant_multisource_v2.1/*.jsonl
    python bench/reader_digest.py sqlite:////tmp/ant.sqlite --at 2018-05-14T08:00:00+03:00

The digest is the one the deliverer sends (``mawjaz.digest.pick``: the last 24 hours before ``--at``,
ranked by today's importance, one slot per event), rendered for Telegram in Arabic for a reader in
Asia/Riyadh. Printed per digest: its Telegram messages and their visible length (Telegram's count:
text after entity parsing, UTF-16), whether the header carries the date, whether every story carries a
time and a source count, hashtags, programme-label headlines, and the headlines themselves.

With ``--labels`` (default: ``bench/data/stories_blind3.tsv``, 13–14 May) each shown story takes the label most
of its labelled articles carry, and the digest is checked against them: pairs of shown stories that are one
labelled event (a slot spent twice: fewer is better) and distinct labelled events shown (more is better).
"""

from __future__ import annotations

import argparse
import collections
import csv
import itertools
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from mawjaz.digest.build import digest_of
from mawjaz.digest.headline import is_label
from mawjaz.digest.pick import pick
from mawjaz.digest.render import render_telegram, visible_length
from mawjaz.storage import driver, migrate
from mawjaz.storage.engine import make_engine, reading

if TYPE_CHECKING:
    from sqlmodel import Session

TIME = re.compile(r"منذ|أمس|الساعة|\d{1,2}:\d{2}")
SOURCES = re.compile(r"مصدر|مصادر|مصدران")
HASHTAG = re.compile(r"#\w")
LABELS = Path(__file__).resolve().parent / "data" / "stories_blind3.tsv"
MONTHS = re.compile(r"يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--at", action="append", help="ISO time of the digest (repeatable)")
    parser.add_argument("--size", type=int, default=10)
    parser.add_argument("--labels", type=Path, default=LABELS, help="story labels (id, story_label) to check against")
    args = parser.parse_args()
    gold = gold_labels(args.labels)
    engine = make_engine(args.database)
    migrate.upgrade(engine)
    for at in args.at or ["2018-05-14T08:00:00+03:00"]:
        now = datetime.fromisoformat(at)
        since = now - timedelta(hours=24)
        with reading(engine) as session:
            picked = pick(session, since, now, args.size)
            digest = digest_of(session, picked.stories, since, "ar", now=now, zone="Asia/Riyadh", others=picked.others)
            label = labels_of(session, [s.id for s in picked.stories if s.id is not None], gold)
        messages = render_telegram(digest)
        plain = [re.sub(r"<[^>]+>", "", m) for m in messages]
        blocks = "\n".join(plain).split("\n\n")[1:]
        print(
            f"digest at {at}: {len(digest.stories)} stories, {len(messages)} Telegram messages, "
            f"{sum(visible_length(m) for m in messages)} visible characters "
            f"(largest message {max(visible_length(m) for m in messages)})"
        )
        print(
            f"  date in the header: {bool(MONTHS.search(plain[0].splitlines()[0]))}; "
            f"every story with a time: {all(TIME.search(b) for b in blocks)}; "
            f"every story with a source count: {all(SOURCES.search(b) for b in blocks)}"
        )
        print(
            f"  hashtags: {sum(len(HASHTAG.findall(m)) for m in plain)}; "
            f"programme-label headlines: {sum(is_label(s.headline) for s in digest.stories)}"
        )
        shown = [label[s.id] for s in picked.stories if s.id in label]
        twice = sum(a == b for a, b in itertools.combinations(shown, 2))
        print(
            f"  labels ({args.labels.name}): {len(shown)} of {len(picked.stories)} stories labelled, "
            f"{len(set(shown))} distinct labelled events, {twice} pairs of one labelled event"
        )
        for number, (story, kept) in enumerate(zip(digest.stories, picked.stories, strict=True), 1):
            tag = label.get(kept.id, "-") if kept.id is not None else "-"
            print(f"  {number:>2}. [{len(story.sources)} outlets] {story.headline[:90]}  <{kept.id} {tag}>")


def gold_labels(path: Path) -> dict[str, str]:
    """Article external id → its labelled story (single-article labels are events too: they count once)."""
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: row["story_label"] for row in csv.DictReader(handle, delimiter="\t")}


def labels_of(session: Session, story_ids: list[int], gold: dict[str, str]) -> dict[int, str]:
    """Each story's majority label over its labelled copies (stories with none are left out)."""
    if not story_ids:
        return {}
    marks = ", ".join("?" for _ in story_ids)
    rows = driver.execute(
        session,
        "SELECT a.story_id, c.external_id FROM article_copies c JOIN articles a ON a.id = c.article_id"
        f" WHERE a.story_id IN ({marks})",
        story_ids,
    ).all()
    votes: dict[int, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for story_id, external_id in rows:
        if external_id in gold:
            votes[story_id][gold[external_id]] += 1
    return {story_id: counter.most_common(1)[0][0] for story_id, counter in votes.items()}


if __name__ == "__main__":
    main()
