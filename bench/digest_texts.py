"""What a reader sees of each story's text: hashtags, programme labels, length and sentences, over a real corpus.

Usage (from the repository root):

    .venv/bin/python bench/digest_texts.py [JSONL_OR_FOLDER ...]

The default is ANT v2.1's two weeks of five outlets
(../shared/data/ant_multisource_v2.1/*.jsonl). Every input is stored through the
write path (mawjaz.pipeline, key actors off) in a throw-away SQLite database; then
each story's headline and summary are checked for what issue 16 asks them never to
carry:

* summaries with a raw hashtag (``#كلمة``);
* headlines that are a programme, live-blog or media label, not news
  («نشرة خاصة», «تغطية خاصة», «بالفيديو», «بالصور», «عاجل», alone, or heading the title before a
  separator: «نشرة خاصة.. أبرز …», or a programme's name heading it: «تغطية خاصة لنقل …»);
* summaries over 45 words, and the most sentences in one summary
  (mawjaz.text.sentences.split_sentences);
* summaries with two sentences stating one fact (content words of one mostly in the other).

It prints one table; ``--examples N`` prints N offending texts of each kind.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mawjaz.config import Settings  # noqa: E402
from mawjaz.pipeline import ingest  # noqa: E402
from mawjaz.storage import migrate  # noqa: E402
from mawjaz.storage import stories as repo  # noqa: E402
from mawjaz.storage.engine import make_engine, reading  # noqa: E402
from mawjaz.text import words  # noqa: E402
from mawjaz.text.sentences import split_sentences  # noqa: E402

DEFAULT = sorted((ROOT.parent / "shared/data/ant_multisource_v2.1").glob("*.jsonl"))
HASHTAG = re.compile(r"#[^\W\d_]")
_LABELS = r"(?:نشرة خاصة|تغطية خاصة|تغطية مباشرة|بث مباشر|مباشر|بالفيديو|فيديو|بالصور|صور|عاجل|شاهد|إنفوغراف|انفوغراف)"
# The label is the whole title, or heads it before a separator («نشرة خاصة.. …», «بالفيديو: …», «عاجل | …»).
# A programme's name heads it whatever follows («تغطية خاصة لنقل السفارة …»).
LABEL_HEADLINE = re.compile(
    rf"^\W*{_LABELS}\W*$|^\W*{_LABELS}\s*(?::|\.{{2,}}|…|\||-|–|—|،)|^\W*(?:نشرة|تغطية) (?:خاصة|مباشرة)"
)
MAX_WORDS = 45


def _same_fact(sentences: list[str]) -> bool:
    bags = [frozenset(w for w in words(s) if len(w) > 2) for s in sentences]
    for i, a in enumerate(bags):
        for b in bags[i + 1 :]:
            small = min(a, b, key=len)
            if small and len(a & b) / len(small) >= 0.6:
                return True
    return False


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(p) for p in DEFAULT])
    parser.add_argument("--examples", type=int, default=0, help="print this many offending texts of each kind")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mawjaz-texts-") as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'texts.sqlite'}")
        migrate.upgrade(engine)
        started = time.perf_counter()
        report = ingest(engine, args.inputs, Settings(), actors=False)
        seconds = time.perf_counter() - started
        with reading(engine) as session:
            stories = repo.recent(session, None, None)
        engine.dispose()
    found: dict[str, list[str]] = {"hashtag": [], "label": [], "long": [], "same_fact": []}
    sentences = Counter()
    for story in stories:
        parts = split_sentences(story.summary)
        sentences[len(parts)] += 1
        if HASHTAG.search(story.summary):
            found["hashtag"].append(story.summary)
        if LABEL_HEADLINE.search(story.headline):
            found["label"].append(story.headline)
        if len(story.summary.split()) > MAX_WORDS:
            found["long"].append(story.summary)
        if _same_fact(parts):
            found["same_fact"].append(story.summary)
    n = len(stories)
    print(f"{report.read} articles read ({report.new} new) into {n} stories in {seconds:.0f} s")
    print(f"summaries with a hashtag:              {len(found['hashtag']):5d} of {n}")
    print(f"headlines that are a programme label:  {len(found['label']):5d} of {n}")
    print(f"summaries over {MAX_WORDS} words:              {len(found['long']):5d} of {n}")
    print(f"summaries stating one fact twice:      {len(found['same_fact']):5d} of {n}")
    print(
        f"sentences per summary: max {max(sentences)}, " + ", ".join(f"{k}: {v}" for k, v in sorted(sentences.items()))
    )
    for kind, texts in found.items():
        for text in texts[: args.examples]:
            print(f"  [{kind}] {text}")


if __name__ == "__main__":
    main()
