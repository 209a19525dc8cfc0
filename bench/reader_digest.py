"""The daily digest a reader receives, measured on a real corpus: size, dates, sources, hashtags, labels.

    mawjaz --database sqlite:////tmp/ant.sqlite ingest ../shared/data/ant_multisource_v2.1/*.jsonl
    python bench/reader_digest.py sqlite:////tmp/ant.sqlite --at 2018-05-14T08:00:00+03:00

The digest is the one the deliverer sends (``mawjaz.digest.pick``: the last 24 hours before ``--at``,
ranked by today's importance, one slot per event), rendered for Telegram in Arabic for a reader in
Asia/Riyadh. Printed per digest: its Telegram messages and their visible length (Telegram's count:
text after entity parsing, UTF-16), whether the header carries the date, whether every story carries a
time and a source count, hashtags, programme-label headlines, and the headlines themselves.
"""

from __future__ import annotations

import argparse
import re
from datetime import datetime, timedelta

from mawjaz.digest.build import digest_of
from mawjaz.digest.headline import is_label
from mawjaz.digest.pick import pick
from mawjaz.digest.render import render_telegram, visible_length
from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine, reading

TIME = re.compile(r"منذ|أمس|الساعة|\d{1,2}:\d{2}")
SOURCES = re.compile(r"مصدر|مصادر|مصدران")
HASHTAG = re.compile(r"#\w")
MONTHS = re.compile(r"يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--at", action="append", help="ISO time of the digest (repeatable)")
    parser.add_argument("--size", type=int, default=10)
    args = parser.parse_args()
    engine = make_engine(args.database)
    migrate.upgrade(engine)
    for at in args.at or ["2018-05-14T08:00:00+03:00"]:
        now = datetime.fromisoformat(at)
        since = now - timedelta(hours=24)
        with reading(engine) as session:
            picked = pick(session, since, now, args.size)
            digest = digest_of(session, picked.stories, since, "ar", now=now, zone="Asia/Riyadh")
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
        for number, story in enumerate(digest.stories, 1):
            print(f"  {number:>2}. [{len(story.sources)} outlets] {story.headline[:90]}")


if __name__ == "__main__":
    main()
