"""The seed files, checked end to end (they are not in the repo, so this is a bench, not a test).

    python bench/seeds.py ../shared/seeds

Prints each story of the digest with its actors and checks what the issues ask:
6 distinct articles, the Assad statement one article with 3 copies and one story,
the Iraq–Turkey story of 000 naming العراق, تركيا, إبراهيم الجعفري, مولود تشاوش أوغلو
and داعش among its actors, the Assad statement with بشار الأسد first, and no junk
line (TT, captions, widgets) in any headline or summary. Baseline: the actors the
aliases file alone finds (no NER), so the tagger's share is visible.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mawjaz.bot.ingesting import ingest  # noqa: E402
from mawjaz.config import Settings  # noqa: E402
from mawjaz.digest import actors as actor_module  # noqa: E402
from mawjaz.digest.build import build_digest  # noqa: E402
from mawjaz.storage import migrate  # noqa: E402
from mawjaz.storage import stories as repo  # noqa: E402
from mawjaz.storage.engine import make_engine, transaction  # noqa: E402

IRAQ_TURKEY = {"العراق", "تركيا", "إبراهيم الجعفري", "مولود تشاوش أوغلو", "داعش"}
JUNK = ("TT", "(أ.ب)", "(رويترز", "(إ.ب.أ)", "مشاركة المقال", "اترك تعليق", "Akismet")


def check(label: str, ok: bool) -> bool:
    print(f"  [{'ok' if ok else 'FAIL'}] {label}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seeds", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared" / "seeds"))
    args = parser.parse_args()
    files = sorted(str(p) for p in Path(args.seeds).glob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'seeds.sqlite'}"
        engine = make_engine(url)
        migrate.upgrade(engine)
        report = ingest(engine, files, Settings(database_url=url))
        print(f"read {report.read}, new {report.new}, duplicate {report.duplicate}, failed {report.failed}")
        with transaction(engine) as session:
            digest = build_digest(session, None, None)
            baseline = {}
            for story in digest.stories:
                texts = [actor_module.StoryText(a.headline, a.body, ())
                         for a in repo.articles_of(session, [story.id])[story.id]]
                baseline[story.id] = [a.name for a in actor_module.key_actors(texts, actor_module._NoTagger())]
    results = []
    articles = [a for s in digest.stories for a in s.articles]
    results.append(check(f"6 distinct articles (got {len(articles)})", len(articles) == 6))
    assad = [s for s in digest.stories if "بيان منسوب لبشار الأسد" in s.headline]
    results.append(check("the Assad statement is one story", len(assad) == 1))
    if assad:
        copies = sum(len(a.copies) for a in assad[0].articles)
        results.append(check(f"… one article with 3 copies (got {len(assad[0].articles)} article(s), {copies} copies)",
                             len(assad[0].articles) == 1 and copies == 3))
        first = assad[0].actors[0].name if assad[0].actors else None
        results.append(check(f"… بشار الأسد is its first actor (got {first})", first == "بشار الأسد"))
    iraq = [s for s in digest.stories if any(c.source.startswith("000") for a in s.articles for c in a.copies)
            and "العراق يطلب من تركيا" in " ".join(a.title for a in s.articles)]
    if iraq:
        names = {a.name for a in iraq[0].actors}
        results.append(check(f"the Iraq–Turkey story of 000 names {sorted(IRAQ_TURKEY)} (missing: "
                             f"{sorted(IRAQ_TURKEY - names)})", IRAQ_TURKEY <= names))
    junk = [s.headline for s in digest.stories if any(j in s.headline or j in s.summary for j in JUNK)]
    results.append(check(f"no junk in headlines or summaries ({len(junk)} found)", not junk))
    print()
    for story in digest.stories:
        print(f"- {story.headline}")
        print(f"    summary: {story.summary}")
        print(f"    actors:  {', '.join(f'{a.name} ({a.type} {a.score:.2f})' for a in story.actors)}")
        print(f"    aliases-only baseline: {', '.join(baseline[story.id])}")
    print(f"\n{sum(results)} of {len(results)} checks pass")


if __name__ == "__main__":
    main()
