"""The seed files, checked end to end (they are not in the repo, so this is a bench, not a test).

    python bench/seeds.py ../shared/seeds
    python bench/seeds.py --corpus ../shared/data/ant_multisource_v2.1/*.jsonl [--baseline REV]

With ``--corpus``, the files are ingested instead and the key actors of every
story are counted for the display errors a reader sees (see
:func:`display_errors`); the seed checks are skipped. ``--baseline REV``
recomputes every story's actors with ``mawjaz/digest/actors.py`` as it was at
git revision REV too (same tagger, same stories), for a before/after.

Prints each story of the digest with its actors and checks what the issues ask:
6 distinct articles, the Assad statement one article with 3 copies and one story,
the Iraq–Turkey story of 000 naming العراق, تركيا, إبراهيم الجعفري, مولود تشاوش أوغلو
and داعش among its actors, the Assad statement with بشار الأسد first, and no junk
line (TT, captions, widgets) in any headline or summary. Baseline: the actors the
aliases file alone finds (no NER), so the tagger's share is visible.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine  # noqa: E402

from mawjaz.config import Settings  # noqa: E402
from mawjaz.digest import actors as actor_module  # noqa: E402
from mawjaz.digest.pick import build_digest  # noqa: E402
from mawjaz.pipeline import IngestReport, ingest  # noqa: E402
from mawjaz.storage import migrate  # noqa: E402
from mawjaz.storage import stories as repo  # noqa: E402
from mawjaz.storage.engine import make_engine, transaction  # noqa: E402

IRAQ_TURKEY = {"العراق", "تركيا", "إبراهيم الجعفري", "مولود تشاوش أوغلو", "داعش"}
JUNK = ("TT", "(أ.ب)", "(رويترز", "(إ.ب.أ)", "مشاركة المقال", "اترك تعليق", "Akismet")


def check(label: str, ok: bool) -> bool:
    print(f"  [{'ok' if ok else 'FAIL'}] {label}")
    return ok


def display_errors(stories: list[list[tuple[str, str]]]) -> dict[str, list[str]]:
    """Actor names a reader would call wrong, found by rule (each story: its (name, type) actors).

    * glued clitic: «وكركوك» where another story's actor is «كركوك»;
    * article word before a person: «التايكواندو رنا العبادي»;
    * number in a person's name: «عمر الـ 92 مهاتير»;
    * same name twice in one story;
    * unmerged part: a one-word person that is the last or first word of another person of the story
      («ترامب» beside «دونالد ترامب»);
    * person glued into a place or organisation: «الجامعة العربية نبيل العربي» beside «نبيل العربي»,
      or a name of several words that holds another actor's whole name and a known first word after it.
    """
    everywhere = {name for story in stories for name, _type in story}
    found: dict[str, list[str]] = {
        k: []
        for k in (
            "glued clitic",
            "article word before a person",
            "number in a person",
            "same name twice",
            "unmerged part of a person",
            "person inside another name",
        )
    }
    for story in stories:
        names = [n for n, _t in story]
        people = [n for n, t in story if t == "PER"]
        for name, type_ in story:
            first, *rest = name.split()
            if first[:1] in "وفبلك" and not first.startswith("ال") and " ".join([first[1:], *rest]) in everywhere:
                found["glued clitic"].append(name)
            if type_ == "PER" and rest and first.startswith("ال") and len(rest) >= 2:
                found["article word before a person"].append(name)
            if type_ == "PER" and re.search(r"\d", name):
                found["number in a person"].append(name)
            if (
                type_ == "PER"
                and not rest
                and any(p != name and (p.endswith(" " + name) or p.startswith(name + " ")) for p in people)
            ):
                found["unmerged part of a person"].append(name)
            if rest and any(p != name and len(p.split()) >= 2 and name.endswith(" " + p) for p in people):
                found["person inside another name"].append(name)
        found["same name twice"] += [n for n, c in Counter(names).items() if c > 1]
    return found


def _actors_at(revision: str):
    """``mawjaz/digest/actors.py`` as it was at a git revision, loaded as a module of its own."""
    root = Path(__file__).resolve().parents[1]
    source = subprocess.run(
        ["git", "show", f"{revision}:mawjaz/digest/actors.py"], cwd=root, check=True, capture_output=True, text=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "baseline_actors.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("baseline_actors", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["baseline_actors"] = module
    spec.loader.exec_module(module)
    return module


def _report(label: str, stories: list[list[tuple[str, str]]], seconds: float | None = None) -> None:
    actors = sum(len(s) for s in stories)
    timing = f", {seconds:.1f} s" if seconds is not None else ""
    print(f"{label}: {len(stories)} stories, {actors} actors ({actors / max(len(stories), 1):.2f} a story{timing})")
    for kind, names in display_errors(stories).items():
        examples = " ; ".join(list(dict.fromkeys(names))[:6])
        print(f"  {kind}: {len(names)}   e.g. {examples}")


@contextlib.contextmanager
def _ingested(paths: list[str]) -> Iterator[tuple[Engine, IngestReport]]:
    """``paths`` ingested into a throw-away SQLite database, as ``mawjaz ingest`` would."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        engine = make_engine(url)
        migrate.upgrade(engine)
        yield engine, ingest(engine, paths, Settings(database_url=url))
        engine.dispose()


def corpus(paths: list[str], baseline: str | None) -> None:
    """Ingest ``paths`` into a throw-away database and count the display errors of all stories' actors."""
    with _ingested(paths) as (engine, report):
        print(f"read {report.read}, new {report.new}")
        with transaction(engine) as session:
            digest = build_digest(session, None, None)
            if baseline:
                old, texts = _actors_at(baseline), {}
                for story in digest.stories:
                    texts[story.id] = [
                        (a.headline, a.body, a.captions or ()) for a in repo.articles_of(session, [story.id])[story.id]
                    ]
    if not baseline:
        _report("key actors", [[(a.name, a.type) for a in story.actors] for story in digest.stories])
        return
    current, before = [], []
    spent = {"current": 0.0, "baseline": 0.0}
    for story in digest.stories:  # both recomputed here, from the same texts, one source each
        for label, module, out in (("current", actor_module, current), ("baseline", old, before)):
            story_texts = [module.StoryText(h, b, (f"s{i}",), tuple(c)) for i, (h, b, c) in enumerate(texts[story.id])]
            start = time.perf_counter()
            found = module.key_actors(story_texts)
            spent[label] += time.perf_counter() - start
            out.append([(a.name, a.type) for a in found])
    _report(f"baseline ({baseline})", before, spent["baseline"])
    _report("current", current, spent["current"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seeds", nargs="*", default=[str(Path(__file__).resolve().parents[2] / "shared" / "seeds")])
    parser.add_argument("--corpus", action="store_true", help="ingest these files and count actor display errors")
    parser.add_argument("--baseline", metavar="REV", help="with --corpus: also the actors code of git revision REV")
    args = parser.parse_args()
    if args.corpus:
        corpus(args.seeds, args.baseline)
        return
    files = sorted(str(p) for p in Path(args.seeds[0]).glob("*.txt"))
    with _ingested(files) as (engine, report):
        print(f"read {report.read}, new {report.new}, duplicate {report.duplicate}, failed {report.failed}")
        with transaction(engine) as session:
            digest = build_digest(session, None, None)
            baseline = {}
            for story in digest.stories:
                texts = [
                    actor_module.StoryText(a.headline, a.body, ())
                    for a in repo.articles_of(session, [story.id])[story.id]
                ]
                baseline[story.id] = [a.name for a in actor_module.key_actors(texts, actor_module._NoTagger())]
    results = []
    articles = [a for s in digest.stories for a in s.articles]
    results.append(check(f"6 distinct articles (got {len(articles)})", len(articles) == 6))
    assad = [s for s in digest.stories if "بيان منسوب لبشار الأسد" in s.headline]
    results.append(check("the Assad statement is one story", len(assad) == 1))
    if assad:
        copies = sum(len(a.copies) for a in assad[0].articles)
        results.append(
            check(
                f"… one article with 3 copies (got {len(assad[0].articles)} article(s), {copies} copies)",
                len(assad[0].articles) == 1 and copies == 3,
            )
        )
        first = assad[0].actors[0].name if assad[0].actors else None
        results.append(check(f"… بشار الأسد is its first actor (got {first})", first == "بشار الأسد"))
    iraq = [
        s
        for s in digest.stories
        if any(c.source.startswith("000") for a in s.articles for c in a.copies)
        and "العراق يطلب من تركيا" in " ".join(a.title for a in s.articles)
    ]
    if iraq:
        names = {a.name for a in iraq[0].actors}
        results.append(
            check(
                f"the Iraq–Turkey story of 000 names {sorted(IRAQ_TURKEY)} (missing: {sorted(IRAQ_TURKEY - names)})",
                names >= IRAQ_TURKEY,
            )
        )
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
