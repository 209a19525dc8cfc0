"""Story grouping quality: B-cubed P/R/F1 and ARI on every labelled set, next to a baseline, and a pairwise check.

    .venv/bin/python bench/stories.py [ANT_V2_1.jsonl] [--sets dev,dev2,check,check2,blind3,pairs]
        [--jawhara ANT_V1_1_JAWHARAFM.jsonl] [--pairs bench/data/event_pairs.tsv] [--labels FILE.tsv]
        [--order time|file] [--postgres postgresql://postgres@127.0.0.1:5432/test] [--errors] [--jobs 2]
    .venv/bin/python bench/stories.py [ANT_V2_1.jsonl] --whole [--sets dev,dev2,check]

The labelled sets (``bench/data/README.md``): ``dev`` (1–3 May 2018, the set
the method was tuned on), ``dev2`` (6–7 May, a second tuning set with
developing stories, written blind, then used to tune), ``check`` (8–9 May),
``check2`` (11–12 May), ``blind3`` (13–14 May), ``blind4`` (4–5 May,
written blind in session 16) and ``dev3`` (10 May in all six categories,
written blind in session 17, a tuning set), all from ANT v2.1 multi-source;
``check2``, ``blind3`` and ``blind4`` are held out: score them, never choose
a parameter on them (``blind4`` and ``dev3`` are not in the default
``--sets``: name them, ``--sets blind4``). Only the articles a
label file names are read from the corpus, so each set is scored over exactly
its days and categories. ``--labels FILE`` scores that one file instead of
``--sets`` (as before ``--sets`` existed).

Mawjaz: each set's articles go through the real ingest pipeline (store with
near-duplicate merging, search index, online story assignment), in
publication order (``--order file`` keeps the corpus file's order instead),
into a fresh SQLite database (and, with ``--postgres``, a throw-away
PostgreSQL one); each article's story is read back through its copy's
external id.

Baseline, in the same run: TF-IDF (scikit-learn, sublinear tf, over the
normalised headline and body) with agglomerative clustering (cosine, average
linkage) over each batch at once, at the distance threshold of a grid that
scores best on the dev set (chosen on dev only, then used everywhere); next
to it, for each set, the threshold that scores best on that set's own labels
(an upper bound for that baseline, not a fair rival).

Pairwise check (``pairs``): ``event_pairs.tsv`` holds hand-judged pairs that
share a place, an official or a topic — ``different_event`` pairs and
``same_event`` controls. Both articles of every pair, with every article of
the same corpus published the same day in the pairs' categories as context,
go through the real pipeline (one database per corpus: ANT v2.1 and ANT v1.1
JawharaFM); the check counts the different-event pairs that end in one story
(the over-merging a reader notices) and the controls kept together, beside
the baseline's answer on the same batch. JawharaFM dates its older articles
``DD/MM/YYYY``, which the reader does not parse; the bench dates those at
noon UTC of that day so they are ordered and windowed like the others.

``--whole`` ingests the union of the tuning sets' articles (``dev``, ``dev2``
and ``check``: 1–3, 6–7 and 8–9 May; never the held-out sets) in
publication order into ONE database, as a running bot sees them, and scores
B-cubed over the union with each set's labels kept apart (labels of two sets
are two stories, except the few that ``stories_continuing.tsv`` maps to one
cross-set story), then each set's part of that one database, then lists the
predicted stories that span two sets (size, span, headlines): the chaining
across days that scoring each 2-day slice alone cannot see.

``--errors`` adds where Mawjaz's grouping departs from the labels: the recall
each labelled story loses by being split, the predicted stories that mix
labels, and the pairs the check gets wrong (headlines on the terminal only).
The jobs (one per set, one per pairs corpus) run ``--jobs`` at a time.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mawjaz.ingest.jsonl import read_jsonl  # noqa: E402
from mawjaz.ingest.record import Article as Record  # noqa: E402
from mawjaz.pipeline import IngestReport, store_items  # noqa: E402
from mawjaz.storage import migrate  # noqa: E402
from mawjaz.storage.engine import make_engine, normalise_url  # noqa: E402
from mawjaz.text import normalise  # noqa: E402

DATA = ROOT / "bench/data"
SHARED = ROOT.parent / "shared/data"
CORPUS = SHARED / "ant_multisource_v2.1/ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl"
JAWHARA = SHARED / "ant_corpus_v1.1_jawharafm/ant_v1.1_jawharafm_capped400.jsonl"
SETS = {
    "dev": DATA / "stories_dev.tsv",
    "dev2": DATA / "stories_dev2.tsv",
    "check": DATA / "stories_check.tsv",
    "check2": DATA / "stories_check2.tsv",
    "blind3": DATA / "stories_blind3.tsv",
    "blind4": DATA / "stories_blind4.tsv",
    "dev3": DATA / "stories_dev3.tsv",
}
PAIRS = DATA / "event_pairs.tsv"
CONTINUING = DATA / "stories_continuing.tsv"
WHOLE = ("dev", "dev2", "check")  # the tuning sets --whole may join; check2, blind3 and blind4 are held out
LABELS = SETS["dev"]  # the default of --labels before --sets; kept for callers
GRID = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


# ------------------------------------------------------------------------------------------------ data


@dataclass(frozen=True)
class Pair:
    """Two articles judged by hand: one event or two, and what they share (``place:Gaza;official:Abbas``)."""

    a: str
    b: str
    same_event: bool
    shared: str

    @property
    def kinds(self) -> tuple[str, ...]:
        """What kinds of thing the two share (place, official, topic), each once."""
        return tuple(dict.fromkeys(part.split(":")[0].strip() for part in self.shared.split(";") if part.strip()))


def read_labels(path: Path) -> dict[str, str]:
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "id\t")):
            ident, label = line.split("\t")
            labels[ident] = label
    return labels


def read_pairs(path: Path) -> list[Pair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "id_a\t")):
            a, b, judgement, shared = line.split("\t")
            if judgement not in ("same_event", "different_event"):
                raise ValueError(f"{path}: unknown judgement {judgement!r} for {a} / {b}")
            pairs.append(Pair(a, b, judgement == "same_event", shared))
    return pairs


@dataclass(frozen=True)
class Corpus:
    """A corpus read once: its records in file order, and each record's category."""

    records: tuple[Record, ...]
    category: Mapping[str, str]


def read_corpus(path: Path) -> Corpus:
    """Every record of a JSONL corpus, with the dates the reader leaves out (``DD/MM/YYYY``) filled in at noon UTC."""
    with path.open(encoding="utf-8") as handle:
        raw = [json.loads(line) for line in handle if line.strip()]
    category = {str(r.get("id")): str(r.get("category", "")) for r in raw}
    day = {str(r.get("id")): _day_first(r.get("time") or r.get("date")) for r in raw}
    lines = (json.dumps(r, ensure_ascii=False) for r in raw)
    records = []
    for record in read_jsonl(lines, str(path)):
        if isinstance(record, Record):
            if record.published is None and day.get(record.external_id or ""):
                record = replace(record, published=day[record.external_id or ""])
            records.append(record)
    return Corpus(tuple(records), category)


def _day_first(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value.strip()[:10], "%d/%m/%Y").replace(hour=12, tzinfo=UTC)
    except ValueError:
        return None


def in_order(records: Iterable[Record], order: str) -> list[Record]:
    records = list(records)
    if order == "time":
        records.sort(key=lambda r: (r.published.timestamp() if r.published else 0.0, r.external_id or ""))
    return records


def labelled_records(corpus: Path | Corpus, labels: Mapping[str, str], order: str) -> list[Record]:
    if isinstance(corpus, Path):
        corpus = read_corpus(corpus)
    return in_order((r for r in corpus.records if r.external_id in labels), order)


def pair_batch(corpus: Corpus, pairs: Iterable[Pair], order: str) -> list[Record]:
    """The pairs' articles found in ``corpus``, and as context every article published the same day in their categories."""
    members = {i for p in pairs for i in (p.a, p.b)}
    by_id = {r.external_id: r for r in corpus.records}
    found = [by_id[i] for i in members if i in by_id]
    days: set[date] = {r.published.date() for r in found if r.published}
    categories = {corpus.category.get(r.external_id or "") for r in found}
    context = [
        r
        for r in corpus.records
        if r.published and r.published.date() in days and corpus.category.get(r.external_id or "") in categories
    ]
    return in_order({r.external_id: r for r in [*found, *context]}.values(), order)


# --------------------------------------------------------------------------------------------- scoring


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


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    ari: float
    stories: int


def score(predicted: Mapping[str, object], gold: Mapping[str, str]) -> Scores:
    p, r, f = bcubed(predicted, gold)
    return Scores(p, r, f, ari(predicted, gold), len({predicted[i] for i in gold}))


@dataclass(frozen=True)
class PairScores:
    """How a grouping answers the pairs: different events merged, controls kept together, by what they share."""

    merged: int
    different: int
    together: int
    same: int
    merged_by_kind: Mapping[str, tuple[int, int]]


def score_pairs(predicted: Mapping[str, object], pairs: Iterable[Pair]) -> PairScores:
    pairs = [p for p in pairs if p.a in predicted and p.b in predicted]
    different = [p for p in pairs if not p.same_event]
    merged = [p for p in different if predicted[p.a] == predicted[p.b]]
    same = [p for p in pairs if p.same_event]
    by_kind: dict[str, tuple[int, int]] = {}
    for kind in sorted({k for p in different for k in p.kinds}):
        of_kind = [p for p in different if kind in p.kinds]
        by_kind[kind] = (sum(1 for p in of_kind if p in merged), len(of_kind))
    return PairScores(
        len(merged), len(different), sum(1 for p in same if predicted[p.a] == predicted[p.b]), len(same), by_kind
    )


# ------------------------------------------------------------------------------------------- groupings


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


def mawjaz_sqlite(records: list[Record]) -> tuple[dict[str, int], float]:
    with tempfile.TemporaryDirectory() as folder:
        return mawjaz_stories(f"sqlite:///{Path(folder) / 'stories.sqlite'}", records)


def mawjaz_postgres(server: str, records: list[Record]) -> tuple[dict[str, int], float]:
    name = f"mawjaz_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        return mawjaz_stories(normalise_url(server).set(database=name).render_as_string(False), records)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def baseline(records: list[Record], distance: float) -> dict[str, int]:
    return baseline_grid(records, (distance,))[distance]


def baseline_grid(records: list[Record], distances: Iterable[float]) -> dict[float, dict[str, int]]:
    """TF-IDF + agglomerative clustering at each distance threshold (the matrix is built once)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [normalise(f"{r.title}\n{r.body}") for r in records]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts).toarray()
    grouped = {}
    for distance in distances:
        clusters = AgglomerativeClustering(
            n_clusters=None, distance_threshold=distance, metric="cosine", linkage="average"
        ).fit(matrix)
        grouped[distance] = {r.external_id or "": int(c) for r, c in zip(records, clusters.labels_, strict=True)}
    return grouped


def dev_distance(records: list[Record], gold: Mapping[str, str]) -> float:
    """The baseline's distance threshold: the grid's best B-cubed F1 on the dev set (ties to the smaller)."""
    grouped = baseline_grid(records, GRID)
    return max(GRID, key=lambda d: (bcubed(grouped[d], gold)[2], -d))


# ------------------------------------------------------------------------------------------------ jobs


@dataclass(frozen=True)
class SetResult:
    name: str
    path: Path
    articles: int
    stories: int
    missing: int
    mawjaz: Scores
    rate: float
    postgres: Scores | None
    postgres_rate: float
    baseline: Scores
    tuned_distance: float
    tuned: Scores
    report: str  # --errors text, empty without it


@dataclass(frozen=True)
class PairResult:
    name: str
    pairs: tuple[Pair, ...]
    articles: int
    mawjaz: PairScores
    rate: float
    baseline: PairScores
    report: str


def run_set(
    name: str,
    path: Path,
    records: list[Record],
    gold: Mapping[str, str],
    missing: int,
    distance: float,
    postgres: str | None,
    show: bool,
) -> SetResult:
    """Score one labelled set (its records in ingest order, its labels less those not in the corpus)."""
    predicted, seconds = mawjaz_sqlite(records)
    pg, pg_rate = None, 0.0
    if postgres:
        predicted_pg, pg_seconds = mawjaz_postgres(postgres, records)
        pg, pg_rate = score(predicted_pg, gold), len(records) / pg_seconds
    grouped = baseline_grid(records, sorted({distance, *GRID}))
    tuned = max(GRID, key=lambda d: (bcubed(grouped[d], gold)[2], -d))
    return SetResult(
        name,
        path,
        len(gold),
        len(set(gold.values())),
        missing,
        score(predicted, gold),
        len(records) / seconds,
        pg,
        pg_rate,
        score(grouped[distance], gold),
        tuned,
        score(grouped[tuned], gold),
        errors(predicted, gold, records) if show else "",
    )


def run_pairs(name: str, records: list[Record], pairs: list[Pair], distance: float, show: bool) -> PairResult:
    """Answer the pairs of one corpus from one ingest of their batch (``pair_batch``)."""
    present = {r.external_id for r in records}
    mine = tuple(p for p in pairs if p.a in present and p.b in present)
    predicted, seconds = mawjaz_sqlite(records)
    base = baseline(records, distance)
    return PairResult(
        name,
        mine,
        len(records),
        score_pairs(predicted, mine),
        len(records) / seconds,
        score_pairs(base, mine),
        pair_errors(predicted, mine, records) if show else "",
    )


# ----------------------------------------------------------------------------------------------- whole


def read_continuing(path: Path) -> dict[tuple[str, str], str]:
    """``(set, label) -> cross-set story`` for the few labelled stories that continue from one set into another."""
    mapping = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "set\t")):
            name, label, story = line.split("\t")
            mapping[(name, label)] = story
    return mapping


def whole_gold(sets: Mapping[str, Mapping[str, str]], continuing: Mapping[tuple[str, str], str]) -> dict[str, str]:
    """One gold labelling of the union: ``set:label``, or the mapped cross-set story."""
    gold = {}
    for name, labels in sets.items():
        for ident, label in labels.items():
            gold[ident] = continuing.get((name, label), f"{name}:{label}")
    return gold


def run_whole(corpus: Corpus, names: list[str], order: str, continuing_path: Path, top: int = 25) -> None:
    """Ingest the union of ``names``' articles into one database and score it (the ``--whole`` mode)."""
    labels = {name: read_labels(SETS[name]) for name in names}
    continuing = read_continuing(continuing_path)
    unknown = [f"{n}:{label}" for n, label in continuing if n in labels and label not in labels[n].values()]
    if unknown:
        raise SystemExit(f"{continuing_path.name}: labels not in their set: {', '.join(unknown)}")
    every = {i: label for labelled in labels.values() for i, label in labelled.items()}
    records = labelled_records(corpus, every, order)
    present = {r.external_id for r in records}
    labels = {n: {i: s for i, s in labelled.items() if i in present} for n, labelled in labels.items()}
    gold = whole_gold(labels, continuing)
    set_of = {i: n for n, labelled in labels.items() for i in labelled}
    start = time.process_time()
    predicted, seconds = mawjaz_sqlite(records)
    cpu = time.process_time() - start
    print(
        f"whole ({'+'.join(names)} in one database, {order} order): {len(records)} articles, "
        f"{len(set(gold.values()))} stories ({len([k for k in continuing if k[0] in names])} set labels "
        f"mapped to {len({v for k, v in continuing.items() if k[0] in names})} cross-set stories by "
        f"{continuing_path.name}); ingest {seconds:.0f} s wall, {cpu:.0f} s CPU"
    )
    print(row("mawjaz online, one database (SQLite)", score(predicted, gold)))
    for name in names:
        part = {i: s for i, s in labels[name].items()}
        print(row(f"  {name} part of that database, its own labels", score(predicted, part)))
    published = {r.external_id: r.published for r in records}
    title = {r.external_id: r.title for r in records}
    by_pred: dict[object, list[str]] = defaultdict(list)
    for item in gold:
        by_pred[predicted[item]].append(item)
    spanning = [items for items in by_pred.values() if len({set_of[i] for i in items}) > 1]
    spanning.sort(key=len, reverse=True)
    print(
        f"\n  predicted stories spanning two sets or more: {len(spanning)}, holding {sum(map(len, spanning))} articles"
    )
    for items in spanning[:top]:
        items.sort(key=lambda i: (published[i] or datetime.min.replace(tzinfo=UTC), i))
        first, last = published[items[0]], published[items[-1]]
        span = (last - first).total_seconds() / 86400 if first and last else 0.0
        per_set = Counter(set_of[i] for i in items)
        golds = Counter(gold[i] for i in items)
        print(
            f"    {len(items):>3} articles over {span:4.1f} days ("
            + ", ".join(f"{n} {per_set[n]}" for n in names if per_set[n])
            + f"); {len(golds)} labelled stories, most: "
            + ", ".join(f"{g} ×{c}" for g, c in golds.most_common(4))
        )
        for name in names:
            mine = [i for i in items if set_of[i] == name]
            for item in mine[:2] + (mine[-1:] if len(mine) > 2 else []):
                when = published[item].strftime("%m-%d %H:%M") if published[item] else "?"
                print(f"        {when}  {gold[item]:<40} {title.get(item, '')[:70]}")


# ---------------------------------------------------------------------------------------------- output


def row(name: str, s: Scores, extra: str = "") -> str:
    return (
        f"  {name:<50} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  ARI {s.ari:.3f}"
        f"  stories {s.stories:>4}  {extra}".rstrip()
    )


def print_set(r: SetResult, distance: float) -> None:
    print(f"\n{r.name} ({r.path.name}): {r.articles} labelled articles, {r.stories} stories", end="")
    print(f"; {r.missing} not found in the corpus" if r.missing else "")
    print(row("mawjaz online (SQLite)", r.mawjaz, f"({r.rate:.0f} articles/s)"))
    if r.postgres:
        print(row("mawjaz online (PostgreSQL)", r.postgres, f"({r.postgres_rate:.0f} articles/s)"))
    print(row(f"baseline tf-idf + agglomerative (d={distance}, from dev)", r.baseline))
    print(row(f"baseline, d tuned on these labels (d={r.tuned_distance}, bound)", r.tuned))
    if r.report:
        print(r.report)


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f} %)" if whole else "0/0"


def print_pairs(results: list[PairResult]) -> None:
    pairs = [p for r in results for p in r.pairs]
    print(
        f"\npairs ({PAIRS.name}): {sum(not p.same_event for p in pairs)} different-event pairs sharing a place, "
        f"official or topic, {sum(p.same_event for p in pairs)} same-event controls; "
        + ", ".join(f"{r.name} {len(r.pairs)} pairs in {r.articles} articles" for r in results)
    )
    for label, pick in (("mawjaz online (SQLite)", "mawjaz"), ("baseline (d from dev)", "baseline")):
        total = _sum_pairs([getattr(r, pick) for r in results])
        kinds = ", ".join(f"{k} {m}/{n}" for k, (m, n) in total.merged_by_kind.items())
        per = "; ".join(
            f"{r.name} {getattr(r, pick).merged}/{getattr(r, pick).different}"
            + (f" at {r.rate:.0f} articles/s" if pick == "mawjaz" else "")
            for r in results
        )
        print(
            f"  {label:<24} different events in one story {percent(total.merged, total.different)}"
            f" [{kinds}]; controls together {percent(total.together, total.same)}  ({per})"
        )
    for r in results:
        if r.report:
            print(r.report)


def _sum_pairs(scores: list[PairScores]) -> PairScores:
    kinds: dict[str, tuple[int, int]] = {}
    for s in scores:
        for kind, (m, n) in s.merged_by_kind.items():
            km, kn = kinds.get(kind, (0, 0))
            kinds[kind] = (km + m, kn + n)
    return PairScores(
        sum(s.merged for s in scores),
        sum(s.different for s in scores),
        sum(s.together for s in scores),
        sum(s.same for s in scores),
        dict(sorted(kinds.items())),
    )


def errors(predicted: Mapping[str, object], gold: Mapping[str, str], records: list[Record], top: int = 12) -> str:
    """The labelled stories split the most (B-cubed recall they cost) and the predicted stories mixing labels."""
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
    out = [f"\n  split labelled stories (recall lost, sizes of the parts), worst {top}:"]
    for cost, label, sizes in sorted(lost, reverse=True)[:top]:
        out.append(f"    -{cost:.3f}  {label} ({sum(sizes)}): {sizes[:12]}{' …' if len(sizes) > 12 else ''}")
    out.append("  predicted stories mixing labels:")
    for items in by_pred.values():
        labels = Counter(gold[i] for i in items)
        if len(labels) > 1:
            out.append("    " + ", ".join(f"{label} ×{n}" for label, n in labels.most_common()))
            for item in sorted(items, key=lambda i: (gold[i], i)):
                out.append(f"        {gold[item]:<32} {item:<36} {title.get(item, '')[:70]}")
    return "\n".join(out)


def pair_errors(predicted: Mapping[str, object], pairs: Iterable[Pair], records: list[Record]) -> str:
    """The different-event pairs Mawjaz put in one story and the controls it split, with their headlines."""
    title = {r.external_id: r.title for r in records}
    out = []
    for pair in pairs:
        together = predicted[pair.a] == predicted[pair.b]
        if together != pair.same_event:
            what = "split control" if pair.same_event else "merged"
            out.append(f"    {what:<13} [{pair.shared}]")
            out.append(f"        {pair.a:<36} {title.get(pair.a, '')[:70]}")
            out.append(f"        {pair.b:<36} {title.get(pair.b, '')[:70]}")
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS, help="ANT v2.1 multi-source JSONL")
    parser.add_argument(
        "--sets", default="dev,dev2,check,check2,blind3,pairs", help="comma-separated, of: %(default)s, blind4, dev3"
    )
    parser.add_argument("--labels", type=Path, help="score this one label file instead of --sets")
    parser.add_argument("--jawhara", type=Path, default=JAWHARA, help="ANT v1.1 JawharaFM JSONL (pairs)")
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="hand-judged event pairs (TSV)")
    parser.add_argument("--order", choices=("time", "file"), default="time")
    parser.add_argument("--postgres", help="also run each labelled set on a throw-away database on this server")
    parser.add_argument("--errors", action="store_true", help="also print the split and mixed stories, wrong pairs")
    parser.add_argument("--jobs", type=int, default=2, help="sets scored at once (default %(default)s)")
    parser.add_argument(
        "--whole",
        action="store_true",
        help="ingest the tuning sets' union into one database (--sets of dev,dev2,check)",
    )
    parser.add_argument("--continuing", type=Path, default=CONTINUING, help="cross-set stories for --whole (TSV)")
    args = parser.parse_args()

    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    if args.whole:
        joined = [s for s in wanted if s in WHOLE] if "--sets" in " ".join(sys.argv) else list(WHOLE)
        held = [s for s in wanted if s in SETS and s not in WHOLE and "--sets" in " ".join(sys.argv)]
        if held or len(joined) < 2:
            parser.error(f"--whole joins two or more of {', '.join(WHOLE)} (the held-out sets stay out)")
        run_whole(read_corpus(args.corpus), joined, args.order, args.continuing)
        return
    unknown = [s for s in wanted if s not in (*SETS, "pairs")]
    if unknown:
        parser.error(f"unknown set {', '.join(unknown)}: choose from {', '.join([*SETS, 'pairs'])}")
    sets = {args.labels.stem: args.labels} if args.labels else {s: SETS[s] for s in wanted if s in SETS}
    with_pairs = "pairs" in wanted and not args.labels
    needed = [args.corpus, *sets.values(), *([args.jawhara, args.pairs] if with_pairs else [])]
    absent = [str(path) for path in needed if not path.is_file()]
    if absent:
        parser.error(f"not found: {', '.join(absent)}")

    start = time.perf_counter()
    ant = read_corpus(args.corpus)
    distance = dev_distance(labelled_records(ant, read_labels(SETS["dev"]), args.order), read_labels(SETS["dev"]))
    print(f"baseline distance threshold chosen on dev: d={distance} (grid {', '.join(map(str, GRID))})")

    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        set_jobs = []
        for name, path in sets.items():
            gold = read_labels(path)
            records = labelled_records(ant, gold, args.order)
            missing = set(gold) - {r.external_id for r in records}
            gold = {i: s for i, s in gold.items() if i not in missing}
            set_jobs.append(
                pool.submit(run_set, name, path, records, gold, len(missing), distance, args.postgres, args.errors)
            )
        pair_jobs = []
        if with_pairs:
            pairs = read_pairs(args.pairs)
            corpora = [("ANT v2.1", ant), ("JawharaFM", read_corpus(args.jawhara))]
            for name, corpus in corpora:
                ids = {r.external_id for r in corpus.records}
                mine = [p for p in pairs if p.a in ids and p.b in ids]
                if mine:
                    batch = pair_batch(corpus, mine, args.order)
                    pair_jobs.append(pool.submit(run_pairs, name, batch, mine, distance, args.errors))
            known = {i for _, corpus in corpora for i in (r.external_id for r in corpus.records)}
            lost = [p for p in pairs if p.a not in known or p.b not in known]
            if lost:
                print(f"({len(lost)} pairs not found in the corpora, e.g. {lost[0].a} / {lost[0].b})")
        results = [job.result() for job in set_jobs]
        pair_results = [job.result() for job in pair_jobs]

    for result in results:
        print_set(result, distance)
    if pair_results:
        print_pairs(pair_results)
    if len(results) > 1:
        print("\nB-cubed F1 (P / R) and ARI, mawjaz | baseline d from dev:")
        for r in results:
            m, b = r.mawjaz, r.baseline
            print(
                f"  {r.name:<8} {m.f1:.3f} ({m.precision:.3f} / {m.recall:.3f}) ARI {m.ari:.3f}"
                f"  |  {b.f1:.3f} ({b.precision:.3f} / {b.recall:.3f}) ARI {b.ari:.3f}"
            )
    print(f"\n({time.perf_counter() - start:.0f} s in all, {args.jobs} jobs at a time)")


if __name__ == "__main__":
    main()
