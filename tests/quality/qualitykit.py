"""The quality figures the floors test gates, each on a small fixed sample held in the repository.

    .venv/bin/python tests/quality/qualitykit.py      # print every figure next to its floor

The benches (bench/*.py) score the full dev sets, whose texts live in
../shared/data and are never copied here; a clean clone (CI) has only what the
repository holds. So each figure here runs the real code path on the bundled
samples (mawjaz/samples/, written for Mawjaz, with their expected grouping) or
on fixtures written for this test (tests/fixtures/quality/, see its README),
and scores with the benches' own functions where the bench defines one
(B-cubed, ROUGE, /topic recall, the republication generator and its recall).
The figures are not comparable with the benches' dev-set figures; they move
when the method does.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cache
from importlib.resources import files
from pathlib import Path

from sqlalchemy import Engine

from mawjaz.digest.summarise import summarise
from mawjaz.ingest import read_source
from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine
from mawjaz.text.ner import load_tagger
from mawjaz.text.ner.document import chunk_documents
from mawjaz.text.ner.train.corpus import read_corpus

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # the benches are imported as bench.<name>, their one name

from bench.actors import score as actors_score  # noqa: E402
from bench.dedup import build_stream, distinct_pool  # noqa: E402
from bench.dedup import ingest as dedup_ingest  # noqa: E402
from bench.dedup import score as dedup_score  # noqa: E402
from bench.stories import bcubed, mawjaz_stories  # noqa: E402
from bench.summary import rouge, tokens  # noqa: E402
from bench.topic import ant_ids, ours  # noqa: E402
from bench.topic import score as topic_score  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "quality"
FLOORS = Path(__file__).with_name("floors.toml")
SAMPLES = Path(str(files("mawjaz") / "samples"))
SAMPLE_FOLDERS = (
    "dumps",
    "feeds",
    "pages",
    "jsonl",
)  # not the folder itself: its README.md would be read as an article
DEDUP_SEEDS = (1, 2, 3)  # three republication streams of the samples: 42 republications, 6 of each kind


# ------------------------------------------------------------------------------------------------ data


@cache
def samples() -> tuple[Record, ...]:
    """The bundled samples through the real readers, each with an external id (pages have none: one is given)."""
    records = [r for folder in SAMPLE_FOLDERS for r in read_source(str(SAMPLES / folder), max_bytes=10_000_000)]
    if not all(isinstance(r, Record) for r in records):
        raise AssertionError(f"a sample no longer reads: {[r for r in records if not isinstance(r, Record)]}")
    return tuple(r if r.external_id else replace(r, external_id=f"{r.source}#{n}") for n, r in enumerate(records))


def _rows(name: str) -> list[dict[str, str]]:
    """The rows of a TSV fixture; lines starting with ``#`` are comments."""
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def sample_stories() -> dict[str, str]:
    """Each sample's story label (by external id), from the headlines labelled in samples_stories.tsv."""
    by_title = {row["title"]: row["story"] for row in _rows("samples_stories.tsv")}
    unlabelled = [r.title for r in samples() if r.title not in by_title]
    if unlabelled:
        raise AssertionError(f"samples without a story label (a headline changed?): {unlabelled}")
    return {r.external_id: by_title[r.title] for r in samples()}


def store(engine: Engine, records: Iterable[Record]) -> Engine:
    """``records`` through the real ingest (storage, near-duplicates, index, stories) into a migrated database."""
    migrate.upgrade(engine)
    report = store_items(engine, records, IngestReport())
    if report.failed:
        raise AssertionError(f"{report.failed} records failed to store: {report.problems[:3]}")
    return engine


# ------------------------------------------------------------------------------------------------ figures


def dedup_recall(folder: Path) -> float:
    """Share of generated republications of sample articles stored as a copy of their own article.

    bench/dedup.py's perturbation benchmark on the samples: the pool is the
    samples without near neighbours, each stream republishes 14 of them (two
    of each kind: new headline, junk lines, captions, a paragraph dropped or
    added, teaser only, all at once), and goes through the real pipeline.
    """
    pool = distinct_pool(list(samples()))
    recalled = total = 0
    for seed in DEDUP_SEEDS:
        items = build_stream(pool, variants=14, negatives=0, seed=seed)
        article_of, _bodies, _seconds = dedup_ingest(
            f"sqlite:///{folder / f'dedup-{seed}.sqlite'}", [i.record for i in items]
        )
        for found, out_of in dedup_score(items, article_of)["by_kind"].values():
            recalled, total = recalled + found, total + out_of
    return recalled / total


def story_f1(folder: Path) -> float:
    """B-cubed F1 of the samples' stories (online assignment, publication order) against their expected grouping."""
    gold = sample_stories()
    records = sorted(samples(), key=lambda r: (r.published is None, r.published or 0, r.external_id))
    predicted, _seconds = mawjaz_stories(f"sqlite:///{folder / 'stories.sqlite'}", records)
    return bcubed(predicted, gold)[2]


def topic_recall(folder: Path) -> float:
    """Mean /topic recall (bench/topic.py's, any depth) of the judged queries over the stored samples."""
    engine = store(make_engine(f"sqlite:///{folder / 'topic.sqlite'}"), samples())
    try:
        article_of, rank, story_of = ant_ids(engine), ours(engine), sample_stories()
        judged: dict[str, set[str]] = {}
        for row in _rows("samples_topic.tsv"):
            judged.setdefault(row["query"], set()).add(row["story"])
        recalls = []
        for query, stories in judged.items():
            relevant = {article_of[ident] for ident, story in story_of.items() if story in stories}
            recalls.append(topic_score(rank(query), dict.fromkeys(relevant, "about")).recall)
        return sum(recalls) / len(recalls)
    finally:
        engine.dispose()


def entities(tags: list[str]) -> set[tuple[str, int, int]]:
    """The (type, start, end) spans of an IOB2 sequence, strictly: a span opens on ``B-X`` and runs over ``I-X``.

    An ``I-X`` that continues nothing is no entity (seqeval's strict IOB2 mode,
    which bench/ner.py scores with; seqeval is a bench extra, not a test one).
    """
    found, start, kind = set(), None, None
    for n, tag in enumerate([*tags, "O"]):
        if kind is not None and tag != f"I-{kind}":
            found.add((kind, start, n))
            kind = None
        if tag.startswith("B-"):
            start, kind = n, tag[2:]
    return found


def ner_f1() -> float:
    """Entity-level micro F1 (PER, ORG, LOC) of the shipped tagger on the hand-tagged sentences of ner.txt."""
    sentences = read_corpus([FIXTURES / "ner.txt"])
    tagger = load_tagger()
    predicted = [
        tags
        for doc in chunk_documents(len(sentences))
        for tags in tagger.tag_document([list(sentences[i].tokens) for i in doc])
    ]
    hits = Counter[str]()
    for sentence, tags in zip(sentences, predicted, strict=True):
        gold, guess = entities(list(sentence.tags)), entities(tags)
        hits.update(gold=len(gold), guess=len(guess), right=len(gold & guess))
    return 2 * hits["right"] / (hits["gold"] + hits["guess"]) if hits["right"] else 0.0


def summary_rouge_l() -> float:
    """Mean ROUGE-L F1 (bench/summary.py's: whitespace tokens, diacritics removed) against written references."""
    by_id = {r.external_id: r for r in samples()}
    scores = []
    for row in _rows("summaries.tsv"):
        article = by_id[row["external_id"]]
        produced = " ".join(summarise([(article.title, article.body)]))
        scores.append(rouge(tokens(produced), tokens(row["reference"]))[2])
    return sum(scores) / len(scores)


@cache
def _actor_counts(folder: Path) -> tuple[int, int, int]:
    """(right, shown, labelled) key actors of the samples' stories against samples_actors.tsv (bench/actors.py's
    score: names equal after normalising, «/» between accepted names)."""
    from sqlmodel import select

    from mawjaz.digest.actors import key_actors, story_texts
    from mawjaz.storage.engine import reading
    from mawjaz.storage.models import Article, ArticleCopy

    engine = store(make_engine(f"sqlite:///{folder / 'actors.sqlite'}"), samples())
    try:
        with reading(engine) as session:
            story_of = {a.id: a.story_id for a in session.exec(select(Article)).all()}
            label_of = sample_stories()
            votes: dict[str, Counter[int]] = {}
            for copy in session.exec(select(ArticleCopy)).all():
                if copy.external_id in label_of:
                    votes.setdefault(label_of[copy.external_id], Counter())[story_of[copy.article_id]] += 1
            chosen = {label: counts.most_common(1)[0][0] for label, counts in votes.items()}
            texts = story_texts(session, sorted(set(chosen.values())))
    finally:
        engine.dispose()
    totals = [0, 0, 0]
    for row in _rows("samples_actors.tsv"):
        labelled = [[name.strip() for name in actor.split("/")] for actor in row["actors"].split("|")]
        shown = [a.name for a in key_actors(texts[chosen[row["story"]]])]
        totals = [t + n for t, n in zip(totals, actors_score(shown, labelled), strict=True)]
    return totals[0], totals[1], totals[2]


def actors_precision(folder: Path) -> float:
    """Share of the key actors shown for the samples' stories that the editor's list holds."""
    right, shown, _labelled = _actor_counts(folder)
    return right / shown


def actors_recall(folder: Path) -> float:
    """Share of the editor's key actors of the samples' stories that are shown."""
    right, _shown, labelled = _actor_counts(folder)
    return right / labelled


#: Each gated figure: its name in floors.toml and how it is computed (given a scratch folder for databases).
FIGURES: dict[str, Callable[[Path], float]] = {
    "dedup_recall": dedup_recall,
    "story_bcubed_f1": story_f1,
    "topic_recall": topic_recall,
    "ner_f1": lambda _folder: ner_f1(),
    "summary_rouge_l": lambda _folder: summary_rouge_l(),
    "actors_precision": actors_precision,
    "actors_recall": actors_recall,
}


def floors() -> dict[str, float]:
    """The floor of each figure, from floors.toml."""
    with FLOORS.open("rb") as handle:
        return {name: table["floor"] for name, table in tomllib.load(handle).items()}


def main() -> None:
    limits = floors()
    with tempfile.TemporaryDirectory(prefix="mawjaz-quality-") as folder:
        for name, figure in FIGURES.items():
            value = figure(Path(folder))
            verdict = "ok" if value >= limits[name] else "BELOW FLOOR"
            print(f"{name:<18} {value:.4f}   floor {limits[name]:.2f}   {verdict}")


if __name__ == "__main__":
    main()
