"""Story grouping quality: B-cubed precision/recall/F1 and ARI against story labels, next to a baseline.

    .venv/bin/python bench/stories.py [CORPUS.jsonl] [--labels bench/data/stories_dev.tsv]
        [--order time|file] [--postgres postgresql://postgres@127.0.0.1:5432/test] [--errors]

Two label files (``bench/data/README.md``): ``stories_dev.tsv`` (1–3 May
2018, the set the method was tuned on) and ``stories_check.tsv`` (8–9 May,
held out: score it, never choose a parameter on it). Only the articles the
label file names are read from the corpus, so each run is over exactly its
days and categories.

``--errors`` adds where Mawjaz's grouping departs from the labels: the
recall each labelled story loses by being split, and the predicted stories
that mix labels (with the headlines, on the terminal only).

Mawjaz: the labelled articles go through the real ingest pipeline (store with
near-duplicate merging, search index, online story assignment), one
transaction each, in publication order (``--order file`` keeps the corpus
file's order instead), into a fresh database; each article's story is then
read back through its copy's external id.

Baseline, in the same run: TF-IDF (scikit-learn, sublinear tf, over the
normalised headline and body) with agglomerative clustering (cosine, average
linkage) over the whole batch at once — at a fixed distance threshold (0.8),
and at the best threshold of a grid chosen on these very labels (an upper
bound for that baseline, not a fair rival).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mawjaz.ingest.jsonl import read_jsonl  # noqa: E402
from mawjaz.ingest.record import Article as Record  # noqa: E402
from mawjaz.pipeline import IngestReport, store_items  # noqa: E402
from mawjaz.storage import migrate  # noqa: E402
from mawjaz.storage.engine import make_engine, normalise_url  # noqa: E402
from mawjaz.text import normalise  # noqa: E402

CORPUS = ROOT.parent / "shared/data/ant_multisource_v2.1/ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl"
LABELS = ROOT / "bench/data/stories_dev.tsv"
BASELINE_DISTANCE = 0.8
GRID = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def read_labels(path: Path) -> dict[str, str]:
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "id\t")):
            ident, label = line.split("\t")
            labels[ident] = label
    return labels


def bcubed(predicted: Mapping[str, object], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin) over the items of ``gold``."""
    by_pred: dict[object, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        same = len(by_pred[predicted[item]] & by_gold[gold[item]])
        precision += same / len(by_pred[predicted[item]])
        recall += same / len(by_gold[gold[item]])
    precision /= len(gold)
    recall /= len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def ari(predicted: Mapping[str, object], gold: Mapping[str, str]) -> float:
    from sklearn.metrics import adjusted_rand_score

    items = sorted(gold)
    return adjusted_rand_score([gold[i] for i in items], [str(predicted[i]) for i in items])


def labelled_records(corpus: Path, labels: Mapping[str, str], order: str) -> list[Record]:
    with corpus.open(encoding="utf-8") as handle:
        records = [r for r in read_jsonl(handle, str(corpus)) if isinstance(r, Record) and r.external_id in labels]
    if order == "time":
        records.sort(key=lambda r: (r.published, r.external_id))
    return records


def mawjaz_stories(url: str, records: list[Record]) -> tuple[dict[str, int], float]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    start = time.perf_counter()
    report = store_items(engine, records, IngestReport())
    seconds = time.perf_counter() - start
    if report.failed:
        print(f"  ({report.failed} articles failed: {report.problems[:3]})")
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT c.external_id, a.story_id FROM article_copies c JOIN articles a ON a.id = c.article_id")
        ).all()
    engine.dispose()
    return {ident: story for ident, story in rows}, seconds


def baseline(records: list[Record], distance: float) -> dict[str, int]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [normalise(f"{r.title}\n{r.body}") for r in records]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts).toarray()
    clusters = AgglomerativeClustering(
        n_clusters=None, distance_threshold=distance, metric="cosine", linkage="average"
    ).fit(matrix)
    return {r.external_id: int(c) for r, c in zip(records, clusters.labels_, strict=True)}


def line(name: str, predicted: Mapping[str, object], gold: Mapping[str, str], extra: str = "") -> float:
    p, r, f = bcubed(predicted, gold)
    stories = len({predicted[i] for i in gold})
    print(f"{name:<44} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ARI {ari(predicted, gold):.3f}  stories {stories:>4}  {extra}")
    return f


def errors(predicted: Mapping[str, object], gold: Mapping[str, str], records: list[Record], top: int = 12) -> None:
    """Print the labelled stories split the most (B-cubed recall they cost) and the predicted stories mixing labels."""
    title = {r.external_id: r.title for r in records}
    by_gold: dict[str, list[str]] = defaultdict(list)
    by_pred: dict[object, list[str]] = defaultdict(list)
    for item, label in gold.items():
        by_gold[label].append(item)
        by_pred[predicted[item]].append(item)
    lost = []
    for label, items in by_gold.items():
        parts = Counter(predicted[i] for i in items)
        if len(parts) > 1:
            cost = sum(1 - parts[predicted[i]] / len(items) for i in items) / len(gold)
            lost.append((cost, label, sorted(parts.values(), reverse=True)))
    print(f"\nsplit labelled stories (recall lost, sizes of the parts), worst {top}:")
    for cost, label, sizes in sorted(lost, reverse=True)[:top]:
        print(f"  -{cost:.3f}  {label} ({sum(sizes)}): {sizes[:12]}{' …' if len(sizes) > 12 else ''}")
    print("predicted stories mixing labels:")
    for items in by_pred.values():
        labels = Counter(gold[i] for i in items)
        if len(labels) > 1:
            print("  " + ", ".join(f"{label} ×{n}" for label, n in labels.most_common()))
            for item in sorted(items, key=lambda i: (gold[i], i)):
                print(f"      {gold[item]:<32} {item:<36} {title.get(item, '')[:70]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--order", choices=("time", "file"), default="time")
    parser.add_argument("--postgres", help="also run on a throw-away database on this PostgreSQL server")
    parser.add_argument("--errors", action="store_true", help="also print the split and mixed stories")
    args = parser.parse_args()

    gold = read_labels(args.labels)
    records = labelled_records(args.corpus, gold, args.order)
    missing = set(gold) - {r.external_id for r in records}
    print(f"{len(gold)} labelled articles, {len(set(gold.values()))} stories; {len(missing)} not found in the corpus")
    gold = {i: s for i, s in gold.items() if i not in missing}

    with tempfile.TemporaryDirectory() as folder:
        predicted, seconds = mawjaz_stories(f"sqlite:///{Path(folder) / 'stories.sqlite'}", records)
    mawjaz_f1 = line("mawjaz online (SQLite)", predicted, gold, f"({len(records) / seconds:.0f} articles/s)")
    if args.postgres:
        name = f"mawjaz_bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(args.postgres).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = normalise_url(args.postgres).set(database=name).render_as_string(False)
            predicted_pg, seconds = mawjaz_stories(url, records)
            line("mawjaz online (PostgreSQL)", predicted_pg, gold, f"({len(records) / seconds:.0f} articles/s)")
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    base_f1 = line(
        f"baseline tf-idf + agglomerative (d={BASELINE_DISTANCE})", baseline(records, BASELINE_DISTANCE), gold
    )
    best = max(GRID, key=lambda d: bcubed(baseline(records, d), gold)[2])
    best_f1 = line(f"baseline, d tuned on these labels (d={best})", baseline(records, best), gold)
    print(f"F1 ratio mawjaz / baseline: {mawjaz_f1 / base_f1:.2f} (fixed d), {mawjaz_f1 / best_f1:.2f} (tuned d)")
    if args.errors:
        errors(predicted, gold, records)


if __name__ == "__main__":
    main()
