"""NER tagging cost per article, and a check that a changed tagger tags exactly as a baseline tree does.

    python bench/tagger_speed.py [../shared/data/ant_multisource_v2.1/*.jsonl] [--limit 1000] \
        [--baseline ../main] [--rounds 2]

Reads the first ``--limit`` records of the corpus as ``mawjaz ingest`` does and finds their names
as a tagging worker does (:func:`mawjaz.pipeline.tagging.names_in`: headline, subtitle, captions and
the first 1,200 characters of the body, through :func:`mawjaz.digest.actors.mentions_of`). Prints
the CPU milliseconds per article of ``mentions_of`` and of the tagger alone (``Tagger.entities``),
tokens per second, the tagger alone again over the same texts (every word now in its cache: a
long-lived tagging worker's usual case), the per-word cache size and the process's RSS after the run.

``--baseline TREE`` runs the same in a fresh process on another source tree (``../main``) before
this one, ``--rounds`` times in turn (the machine is shared: compare CPU time, side by side), and
compares every tag of every text the tagger was given, every entity and every stored name: all
three differences must be 0.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/data/ant_multisource_v2.1/ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(tree: str, paths: list[str], limit: int, out: str) -> None:
    """In a fresh process: tag the records with the code of ``tree``, write figures and every tag to ``out``."""
    sys.path.insert(0, tree)
    from mawjaz.digest import actors
    from mawjaz.digest.actor_names import shipped_name_lists
    from mawjaz.ingest import read_source
    from mawjaz.ingest.record import Article
    from mawjaz.text.aliases import load_aliases
    from mawjaz.text.ner import load_tagger
    from mawjaz.text.ner.tokens import split_sentences, tokenise

    assert actors.__file__.startswith(tree), actors.__file__
    records = [r for p in paths for r in read_source(p, "jsonl", max_bytes=1 << 40) if isinstance(r, Article)]
    records = records[:limit]
    texts = [actors.StoryText(r.title, r.body, (), tuple(r.captions), r.subtitle or "") for r in records]
    tagger, aliases, lists = load_tagger(), load_aliases(), shipped_name_lists()

    seen: list[str] = []
    inside = [0.0]

    class Timed:
        folder = tagger.folder

        def entities(self, text: str) -> list:
            seen.append(text)
            start = time.process_time()
            found = tagger.entities(text)
            inside[0] += time.process_time() - start
            return found

    timed = Timed()
    start = time.process_time()
    mentions = [actors.mentions_of(t, timed, lists, aliases) for t in texts]
    total = time.process_time() - start
    tokens = sum(len(tokenise(t)) for t in seen)
    start = time.process_time()  # again, every word now known: a long-lived worker's usual case
    for text in seen:
        tagger.entities(text)
    warm = time.process_time() - start
    cache = getattr(getattr(tagger, "_features", None), "_cache", {})
    tags, entities = [], []
    for text in seen:  # untimed: every tag of every text, for the comparison
        sentences = split_sentences(tokenise(text))
        tags.append(tagger.tag_document([[t.text for t in s] for s in sentences]))
        entities.append([(e.text, e.type, e.start, e.end) for e in tagger.entities(text)])
    figures = {
        "articles": len(texts),
        "texts": len(seen),
        "tokens": tokens,
        "mentions_ms": total / len(texts) * 1000,
        "tagger_ms": inside[0] / len(texts) * 1000,
        "tokens_per_s": tokens / inside[0],
        "warm_ms": warm / len(texts) * 1000,
        "rss_mb": rss_mb(),
        "cache": len(cache),
    }
    names = [[(m.name, m.type, m.part, m.count, m.norm_key) for m in found] for found in mentions]
    Path(out).write_text(json.dumps({"figures": figures, "tags": tags, "entities": entities, "names": names}))


def run(tree: Path, paths: list[str], limit: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as handle:
        subprocess.run(
            [sys.executable, __file__, *paths, "--limit", str(limit), "--measure", str(tree), handle.name],
            check=True,
            cwd=tempfile.gettempdir(),  # not a tree: only --measure's path decides which mawjaz is imported
        )
        return json.loads(Path(handle.name).read_text())


def differences(a: list, b: list) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="JSONL corpus files (default: ANT v2.1)")
    parser.add_argument("--limit", type=int, default=1000, help="records read from the start of the corpus")
    parser.add_argument("--baseline", type=Path, help="another source tree to run and compare with (../main)")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each tree, in turn")
    parser.add_argument("--measure", nargs=2, metavar=("TREE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    paths = args.paths or [str(CORPUS)]
    if args.measure:
        measure(str(Path(args.measure[0]).resolve()), paths, args.limit, args.measure[1])
        return
    trees = ([("baseline", args.baseline.resolve())] if args.baseline else []) + [("this tree", ROOT)]
    results: dict[str, list[dict]] = {name: [] for name, _ in trees}
    for _ in range(args.rounds):
        for name, tree in trees:
            result = run(tree, paths, args.limit)
            results[name].append(result)
            f = result["figures"]
            print(
                f"{name:9} {tree}: {f['articles']} articles, {f['texts']} texts, {f['tokens']} tokens: "
                f"mentions_of {f['mentions_ms']:.2f} ms CPU/article, tagger {f['tagger_ms']:.2f} ms "
                f"({f['tokens_per_s']:,.0f} tokens/s); again, words known: {f['warm_ms']:.2f} ms; "
                f"word cache {f['cache']:,}, RSS {f['rss_mb']:.0f} MB",
                flush=True,
            )
    if args.baseline:
        base, mine = results["baseline"][0], results["this tree"][0]
        print(
            f"differences: tagged texts {differences(base['tags'], mine['tags'])} of {len(base['tags'])}, "
            f"entity lists {differences(base['entities'], mine['entities'])}, "
            f"articles' names {differences(base['names'], mine['names'])} of {len(base['names'])}"
        )
        for key in ("mentions_ms", "tagger_ms", "warm_ms"):
            before = min(r["figures"][key] for r in results["baseline"])
            after = min(r["figures"][key] for r in results["this tree"])
            print(f"{key}: {before:.2f} → {after:.2f} ms CPU/article (best of {args.rounds}), ×{before / after:.2f}")


if __name__ == "__main__":
    main()
