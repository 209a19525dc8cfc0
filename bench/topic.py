"""/topic: recall and precision on the judged dev set, and latency at 1k, 10k and 100k articles.

    .venv/bin/python bench/topic.py quality [--postgres URL] [--explain] [--judgements TSV | --sets dev,blind] [--days ...]
    .venv/bin/python bench/topic.py speed [--sizes 1000,10000,100000] [--postgres URL] [--workdir DIR] [--fresh] [--clock cpu]
    .venv/bin/python bench/topic.py speed --sizes 100000,1000000 --tile-from 10000 [--like-queries 4] [--bm25-max 0] ...
    .venv/bin/python bench/topic.py answers [--sizes 10000] [--postgres URL] > answers.jsonl

Both modes run, in the same run and on the same stored articles, two baselines
so that the gain shows as a ratio:

* ``LIKE``: the raw query as ``'%query%'`` over the raw headline and body
  (headline hits first, then newest) — what one writes without a search index;
* ``rank-bm25``: ``BM25Okapi`` over un-normalised whitespace tokens of
  headline and body, the raw query split on spaces.

Quality (``bench/data/topic_dev.tsv``, guideline in
``bench/data/topic_dev.README.md``; ``--sets dev,blind`` adds
``bench/data/topic_blind.tsv``, 13–14 May, judged before Mawjaz ran on those
days and never tuned on, scored and summed up on its own): each query's
corpus slice (the days of its judged ids, or ``--days``) goes through the real pipeline
(:func:`mawjaz.pipeline.ingest.store_items`: storage, index, story assignment),
each query is answered by :func:`mawjaz.digest.topic.search_topic` (cleaning,
aliases, search, story views), and the articles of its whole answer are
scored in the order /topic shows them: story by story, each story's articles
about the topic in its place, its passing mentions after all stories.

* on-topic: returned articles judged about or passing / returned articles
  (an unjudged one counts as off-topic, and the unjudged are counted);
* R-precision: articles judged about among the first R / R, R = their number;
* recall: articles judged about found at any depth / articles judged about.

Articles the ANT corpus files twice (one text under two categories) are one
stored article; judgements are mapped through ``article_copies.external_id``.

Speed: synthetic corpora (real ANT sentences re-mixed and published in storage
order, see :func:`synthetic`) stored through the real repositories and the real
index in bulk transactions (a story each); p50/p95 of the whole ``/topic``
answer (:func:`mawjaz.digest.topic.find_topic`: search plus story views) over
the dev queries and a few heavy ones, over all time (``--all``) and over the
last day (the default window), ``--repeat`` times each. Databases are kept
under ``--workdir`` (PostgreSQL: ``mawjaz_bench_topic_<n>``) and reused;
``--fresh`` rebuilds them. rank-bm25 holds the corpus in memory (about 4 GB at
100k); ``--bm25-max`` skips it above a size. ``--clock cpu`` times this
process's CPU instead of the wall clock: on a loaded machine it moves far less
from run to run (SQLite runs in the process; PostgreSQL's own work is then left
out, so compare PostgreSQL on the wall clock). The ``/topic --all`` line
also prints issue 19's target for 1M articles (:data:`TARGET_P95_MS`); a 1M
corpus built through the pipeline takes about 12 hours on two cores.
``--tile-from BASE`` makes every size above BASE from the BASE corpus instead
(:func:`tile`): its rows copied in SQL as many times as it takes, ids shifted,
each copy an exact re-run of the base one span earlier, so the newest copy is
the base itself and "the last day" reads it alone (checked: the last day's
answers equal the base's, ids shifted, :func:`check_tiles`). A tiled corpus
repeats its base's words, stories and days: it measures the read path at
that row count, not the pipeline's writing, and not the longer stories a
grown archive would hold. Each timed corpus's size on disk and this
process's RSS after timing /topic (before the baselines) are printed after
its figures; ``--like-queries N`` times LIKE
(a full scan, seconds at 1M) on N of the queries only.

Answers: every answer the speed mode times (dev, blind and heavy queries, all
time, last day and last week, on the speed corpora), one JSON line each, search
hits and the whole /topic answer, so that a change meant to make /topic faster
can be checked to answer byte for byte the same: run it on both versions, ``diff``
the files.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mawjaz.digest.topic import find_topic, search_topic  # noqa: E402
from mawjaz.ingest.jsonl import read_jsonl  # noqa: E402
from mawjaz.ingest.record import Article as Record  # noqa: E402
from mawjaz.pipeline import IngestReport, WriteOptions, store_items  # noqa: E402
from mawjaz.storage import migrate, search  # noqa: E402
from mawjaz.storage.engine import make_engine, normalise_url, transaction  # noqa: E402

CORPUS = ROOT.parent / "shared/data/ant_multisource_v2.1/ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl"
JUDGEMENTS = ROOT / "bench/data/topic_dev.tsv"
#: Named judgement sets for ``--sets``: ``blind`` was judged before Mawjaz ran on its days (13–14 May).
SETS = {"dev": JUDGEMENTS, "blind": ROOT / "bench/data/topic_blind.tsv"}
DEEP = 100_000  # "any depth" for recall
K = 10
#: Heavy queries for latency only: a country with eleven names, a frequent word, a long phrase.
START, SPAN = datetime(2018, 1, 1, tzinfo=UTC), timedelta(days=180)  # synthetic corpora
#: Issue 19: p95 of a whole /topic answer over all time at 1M articles, per database.
TARGET_P95_MS = {"sqlite": 20, "postgresql": 40}
HEAVY = ("الولايات المتحدة", "أمريكا", "الرئيس", "رئيس الوزراء الإسرائيلي بنيامين نتنياهو", "تنظيم الدولة الإسلامية")


# ---------------------------------------------------------------------------------------------- data


LABELS = ("about", "passing", "not")


def load_judgements(path: Path) -> dict[str, dict[str, int]]:
    """``{query: {ant_id: 0|1}}`` in file order (1: about the topic)."""
    return {q: {i: int(label == "about") for i, label in judged.items()} for q, judged in load_labels(path).items()}


def load_labels(path: Path) -> dict[str, dict[str, str]]:
    """``{query: {ant_id: "about"|"passing"|"not"}}`` in file order.

    The ``about`` column holds the label; a row without one (judged before
    the column existed) reads ``relevant`` 1 as about and 0 as not.
    """
    judged: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            label = (row.get("about") or "").strip() or ("about" if row["relevant"] == "1" else "not")
            if label not in LABELS:
                raise SystemExit(f"{path}: {row['query']} {row['article_id']}: label {label!r} not one of {LABELS}")
            judged.setdefault(row["query"], {})[row["article_id"]] = label
    return judged


def corpus_lines(path: Path, days: Iterable[str] | None) -> list[str]:
    """The JSONL lines of ``path`` dated on ``days`` (the ANT ``date`` field), or all of them."""
    wanted = set(days) if days is not None else None
    lines = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and (wanted is None or json.loads(line).get("date") in wanted):
                lines.append(line)
    return lines


@dataclass
class Database:
    label: str
    engine: Engine
    drop: Callable[[], None]
    #: A tiled corpus (:func:`tiled_copy`): its base's engine, and the newest copy's article and story id shifts.
    tiled: tuple[Engine, int, int] | None = None


def sqlite_db(path: Path) -> Database:
    engine = make_engine(f"sqlite:///{path}")
    return Database("sqlite", engine, engine.dispose)


def postgres_db(admin_url: str, name: str, fresh: bool) -> Database:
    """A database ``name`` on the server of ``admin_url`` (created if missing, emptied first when ``fresh``)."""
    admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if exists and fresh:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        if not exists or fresh:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = normalise_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)

    def drop() -> None:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return Database("postgresql", engine, drop)


def ant_ids(engine: Engine) -> dict[str, int]:
    """ANT id → stored article id (two ANT ids of one text share an article)."""
    with transaction(engine) as session:
        rows = session.execute(text("SELECT external_id, article_id FROM article_copies")).all()
    return {external: article for external, article in rows}


# ---------------------------------------------------------------------------------------------- rankers


def ours(engine: Engine) -> Callable[[str], list[int]]:
    """The articles of /topic's whole answer (:func:`mawjaz.digest.topic.find_topic`), as a reader meets them.

    Story by story, the articles each story lists, those about the topic in
    their story's place and the passing mentions after all stories (each
    story lists them after its articles about the topic). An answer that
    marks no article (before issue 17: every article of a matching story)
    is read story by story.
    """

    def rank(query: str) -> list[int]:
        with transaction(engine) as session:
            answer = find_topic(session, query, None, DEEP)
        head = [a.id for story in answer.stories for a in story.articles if getattr(a, "about", None) is not False]
        tail = [a.id for story in answer.stories for a in story.articles if getattr(a, "about", None) is False]
        return list(dict.fromkeys(head + tail))

    return rank


def like(engine: Engine) -> Callable[[str], list[int]]:
    sql = text(
        "SELECT id FROM articles WHERE headline LIKE :p OR body LIKE :p "
        "ORDER BY CASE WHEN headline LIKE :p THEN 0 ELSE 1 END, published DESC, id DESC"
    )

    def rank(query: str) -> list[int]:
        pattern = "%" + query.replace("\\", "").replace("%", "").replace("_", "") + "%"
        with engine.connect() as connection:
            return [row[0] for row in connection.execute(sql, {"p": pattern})]

    return rank


def bm25(engine: Engine) -> Callable[[str], list[int]]:
    from rank_bm25 import BM25Okapi

    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, headline, body FROM articles ORDER BY id")).all()
    ids = [row[0] for row in rows]
    index = BM25Okapi([f"{row[1]} {row[2]}".split() for row in rows])

    def rank(query: str) -> list[int]:
        words = query.split()
        scores = index.get_scores(words)
        present = set(words)
        order = sorted(range(len(ids)), key=lambda n: -scores[n])
        # BM25Okapi gives a document without any query word a score too: keep only documents that have one.
        return [ids[n] for n in order if scores[n] != 0 and present & set(index.doc_freqs[n])]

    return rank


# ---------------------------------------------------------------------------------------------- quality


@dataclass(frozen=True)
class Score:
    on_topic: float  # returned articles judged about or passing / returned articles (unjudged count as off-topic)
    r_precision: float  # about among the first R / R, R = articles judged about
    recall: float  # about articles returned at any depth / about articles
    unjudged: int  # returned articles with no judgement


def score(ranked: Sequence[int], labels: dict[int, str]) -> Score:
    about = {a for a, label in labels.items() if label == "about"}
    mention = {a for a, label in labels.items() if label in ("about", "passing")}
    r = len(about)
    return Score(
        on_topic=sum(1 for a in ranked if a in mention) / len(ranked) if ranked else 1.0,
        r_precision=sum(1 for a in ranked[:r] if a in about) / r,
        recall=len(set(ranked) & about) / r,
        unjudged=sum(1 for a in ranked if a not in labels),
    )


def judged_days(judgements: dict[str, dict[str, str]] | dict[str, dict[str, int]]) -> list[str]:
    """The days of the judged articles (ANT ids end in ``-YYYYMMDD``): the corpus slice a judgement file covers."""
    days = {ant.rsplit("-", 1)[-1] for judged in judgements.values() for ant in judged}
    return sorted(d for d in days if d.isdigit() and len(d) == 8)


def slices(labels: dict[str, dict[str, str]]) -> dict[tuple[str, ...], dict[str, dict[str, str]]]:
    """Queries grouped by the corpus slice they were judged on: every day from their first judged id's to their last's.

    Each slice is stored and searched on its own, so that a query judged on
    1–3 May is never scored against articles of 8–9 May nobody judged for it.
    A query whose days lie inside another query's slice joins it (the blind
    set pooled every query on both its days; «سقطرى» is named on one only).
    """
    spans: dict[str, tuple[str, ...]] = {}
    for query, judged in labels.items():
        days = judged_days({query: judged})
        first = datetime.strptime(days[0], "%Y%m%d")
        span = (datetime.strptime(days[-1], "%Y%m%d") - first).days
        spans[query] = tuple((first + timedelta(days=n)).strftime("%Y%m%d") for n in range(span + 1))
    out: dict[tuple[str, ...], dict[str, dict[str, str]]] = {}
    for query in sorted(labels, key=lambda q: -len(spans[q])):  # widest first, then file order
        key = next((k for k in out if set(spans[query]) <= set(k)), spans[query])
        out.setdefault(key, {})[query] = labels[query]
    return {key: {q: group[q] for q in labels if q in group} for key, group in out.items()}


def quality(
    db: Database, corpus: Path, labels: dict[str, dict[str, str]], days: list[str], explain: bool
) -> dict[str, list[Score]]:
    """Store ``days`` of the corpus through the real pipeline and score every ranker on every query; scores by ranker."""
    migrate.upgrade(db.engine)
    lines = corpus_lines(corpus, days)
    start = time.perf_counter()
    report = store_items(db.engine, read_jsonl(lines, str(corpus)), IngestReport())
    seconds = time.perf_counter() - start
    print(
        f"\n== {db.label}, {days[0]}–{days[-1]}: {report.new} articles stored from {len(lines)} lines ({seconds:.0f} s)"
    )
    mapping = ant_ids(db.engine)
    titles = _titles(db.engine)
    rankers = {"mawjaz": ours(db.engine), "LIKE": like(db.engine), "rank-bm25": bm25(db.engine)}
    totals: dict[str, list[Score]] = defaultdict(list)
    print(f"{'query':<24}{'about':>6}" + "".join(f"{name:>26}" for name in rankers))
    print(f"{'':<30}" + "".join(f"{'on-topic  R-prec  recall':>26}" for _ in rankers))
    unknown = sorted({i for judged in labels.values() for i in judged if i not in mapping})
    if unknown:
        print(f"{len(unknown)} judged ids are not in the stored corpus (left out): {', '.join(unknown[:5])}")
    for query, judged in labels.items():
        stored: dict[int, str] = {}
        for ant, label in judged.items():  # two ANT ids of one text: the better label wins
            if ant in mapping:
                stored[mapping[ant]] = min(label, stored.get(mapping[ant], "not"), key=LABELS.index)
        if not any(label == "about" for label in stored.values()):
            print(f"{query[:22]:<24}     0  (no article about it stored: not scored)")
            continue
        cells, notes = [], []
        for name, rank in rankers.items():
            ranked = rank(query)
            result = score(ranked, stored)
            totals[name].append(result)
            cells.append(f"{result.on_topic:>10.2f}{result.r_precision:>8.2f}{result.recall:>8.2f}")
            if explain and name == "mawjaz":
                notes = _explain(ranked, stored, titles)
        about = sum(1 for label in stored.values() if label == "about")
        print(f"{query[:22]:<24}{about:>6}" + "".join(f"{c:>26}" for c in cells))
        for note in notes:
            print(note)
    return totals


def _mean(scores: list[Score]) -> Score:
    fields = ("on_topic", "r_precision", "recall")
    return Score(*(statistics.fmean(getattr(s, f) for s in scores) for f in fields), sum(s.unjudged for s in scores))


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "inf"


def _titles(engine: Engine) -> dict[int, str]:
    with engine.connect() as connection:
        return dict(connection.execute(text("SELECT id, headline FROM articles")).all())


def _explain(ranked: list[int], labels: dict[int, str], titles: dict[int, str]) -> list[str]:
    notes = [
        f"      missed   {a:>5} {titles[a][:90]}" for a, label in labels.items() if label == "about" and a not in ranked
    ]
    r = sum(1 for label in labels.values() if label == "about")
    for place, article in enumerate(ranked, 1):
        label = labels.get(article, "UNJUDGED")
        if (place <= r and label != "about") or label in ("not", "UNJUDGED"):
            notes.append(f"      #{place:<3} {label:<8} {article:>5} {titles[article][:90]}")
    return notes


_SENTENCE = re.compile(r"(?<=[.!?؟])\s+|\n+")


def synthetic(corpus: Path, size: int, seed: int = 7) -> Iterable[Record]:
    """``size`` distinct articles re-mixed from real ones: term frequencies stay those of real news.

    Each is a real headline and most of a real body (its sentences shuffled)
    with two or three sentences of other articles mixed in, so that every
    body is distinct (no duplicate is folded away) while every word, name and
    phrase is as common as in the ANT corpus. They are published over six
    months in the order they are stored, give or take half a day, as a feed
    reader stores them.
    """
    rng = random.Random(seed)
    base = [json.loads(line) for line in corpus_lines(corpus, None)]
    sentences = [[s for s in _SENTENCE.split(doc["text"]) if s.strip()] or [doc["title"]] for doc in base]
    pool = [s for group in sentences for s in group]
    step = SPAN / size
    for n in range(size):
        pick = rng.randrange(len(base))
        doc, own = base[pick], list(sentences[pick])
        rng.shuffle(own)
        kept = own[: max(1, round(len(own) * rng.uniform(0.6, 1.0)))]
        for _ in range(rng.randint(2, 3)):
            kept.insert(rng.randrange(len(kept) + 1), rng.choice(pool))
        yield Record(
            title=doc["title"],
            body="\n".join(kept),
            source=doc.get("source") or "synthetic",
            url=None,
            external_id=f"syn-{n}",
            published=START + step * n + timedelta(minutes=rng.randint(-720, 720)),
        )


def build(engine: Engine, records: Iterable[Record]) -> int:
    """Store ``records`` as ``mawjaz ingest`` does (the pipeline: dedup, index, stories), actors left out; how many new."""
    migrate.upgrade(engine)
    return store_items(engine, records, IngestReport(), WriteOptions(actors=False)).new


def tidy(db: Database) -> None:
    """After a bulk load: the index merged (:func:`mawjaz.storage.search.optimise`) and, on PostgreSQL, ANALYZE.

    What a running service gets from ``optimise`` after its batches and from
    autovacuum; the planner needs the statistics to choose the GIN index.
    """
    start = time.perf_counter()
    with transaction(db.engine) as session:
        search.optimise(session, full=True)
    if db.label == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))
    print(
        f"tidied {db.label}: index merged{' and analysed' if db.label == 'postgresql' else ''} "
        f"in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )


def article_count(engine: Engine) -> int:
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
    except Exception:  # not migrated yet
        return 0


def timings(call: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter) -> list[float]:
    call()  # warm: first-use caches, query plans
    out = []
    for _ in range(repeat):
        start = clock()
        call()
        out.append((clock() - start) * 1000)
    return out


def percentiles(samples: list[float]) -> str:
    return f"p50 {statistics.median(samples):7.1f} ms  p95 {_p95(samples):7.1f} ms"


def speed(args: argparse.Namespace, queries: list[str]) -> None:
    for size, db in corpora(args):
        check_tiles(db, queries)
        _time_one(db, size, queries, args)


def corpora(args: argparse.Namespace) -> Iterable[tuple[int, Database]]:
    """The speed corpora of ``--sizes``, each database built on first use (see :func:`speed`) and disposed after.

    With ``--tile-from BASE`` a size above BASE is the BASE corpus repeated
    (:func:`tiled_copy`), not a corpus built through the pipeline.
    """
    args.workdir.mkdir(parents=True, exist_ok=True)
    for size in [int(s) for s in args.sizes.split(",")]:
        tiled = bool(args.tile_from) and size > args.tile_from
        for db in _built(args, args.tile_from if tiled else size):
            if tiled:
                db = tiled_copy(db, size, args)
            yield size, db
            db.engine.dispose()
            if db.tiled:
                db.tiled[0].dispose()


def _built(args: argparse.Namespace, size: int) -> Iterable[Database]:
    """The corpus of ``size`` articles on SQLite (and PostgreSQL), built through the pipeline if missing."""
    path = args.workdir / f"topic_{size}.sqlite"
    if args.fresh and path.exists() and size not in args.kept:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    fresh = args.fresh and size not in args.kept
    makers: list[Callable[[], Database]] = [lambda: sqlite_db(path)] if not args.postgres_only else []
    if args.postgres:
        makers.append(lambda: postgres_db(args.postgres, f"{args.pg_prefix}_{size}", fresh))
    args.kept.add(size)  # a base used twice in one run (--sizes 100000,1000000 --tile-from 10000) is built once
    for make in makers:
        db = make()
        have = article_count(db.engine)
        # Near-duplicates folded away at build leave a little fewer than asked (993 of 1,000, 9,786 of 10,000): a corpus built is kept.
        if not have or abs(have - size) > size // 20:
            if have:
                raise SystemExit(f"{db.label} {size}: holds {have} articles, not {size}: rerun with --fresh")
            start = time.perf_counter()
            built = build(db.engine, synthetic(args.corpus, size))
            print(f"built {db.label} {size}: {built} articles in {time.perf_counter() - start:.0f} s", file=sys.stderr)
            tidy(db)
        elif args.tidy:
            tidy(db)
        yield db


def tiled_copy(base: Database, size: int, args: argparse.Namespace) -> Database:
    """A database holding ``base`` repeated to about ``size`` articles (:func:`tile`), made on first use and kept.

    SQLite: ``topic_<size>_from<BASE>.sqlite`` beside the base, a copy of it
    tiled in place; PostgreSQL: ``<prefix>_<size>_from<BASE>``, created from
    the base as a template. The base stays open (``Database.tiled``) so that
    :func:`check_tiles` can compare answers.
    """
    have = article_count(base.engine)
    factor = max(1, round(size / have))
    days = span_days(base.engine)
    with base.engine.connect() as connection:
        last = {t: connection.execute(text(f"SELECT coalesce(max(id), 0) FROM {t}")).scalar_one() for t in TILE_OWN_IDS}
    shifts = (base.engine, (factor - 1) * last["articles"], (factor - 1) * last["stories"])
    if base.label == "sqlite":
        source = Path(str(base.engine.url.database))
        path = args.workdir / f"topic_{size}_from{args.tile_from}.sqlite"
        db = sqlite_db(path)
        if args.fresh or abs(article_count(db.engine) - factor * have) > 0:
            db.engine.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            import sqlite3

            with sqlite3.connect(source) as src, sqlite3.connect(path) as dst:
                src.backup(dst)
            db = sqlite_db(path)
            _tile_into(db, factor, days)
        return Database(db.label, db.engine, db.drop, shifts)
    name = f"{args.pg_prefix}_{size}_from{args.tile_from}"
    admin = make_engine(args.postgres).execution_options(isolation_level="AUTOCOMMIT")
    url = normalise_url(args.postgres).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
    engine = make_engine(url)
    if args.fresh or not exists or article_count(engine) != factor * have:
        engine.dispose()
        base.engine.dispose()  # a template must have no one connected
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{base.engine.url.database}"'))
        engine = make_engine(url)
        _tile_into(Database("postgresql", engine, engine.dispose), factor, days)
    admin.dispose()
    return Database("postgresql", engine, engine.dispose, shifts)


def _tile_into(db: Database, factor: int, days: int) -> None:
    start = time.perf_counter()
    tile(db.engine, factor, days, lambda line: print(f"{db.label}: {line}", file=sys.stderr))
    print(
        f"tiled {db.label}: {article_count(db.engine)} articles, {factor} copies {days} days apart, "
        f"in {time.perf_counter() - start:.0f} s",
        file=sys.stderr,
    )
    tidy(db)


def span_days(engine: Engine) -> int:
    """Whole days from a corpus's first publication to its last, plus one: a copy that far back overlaps none."""
    from sqlalchemy import func, select

    from mawjaz.storage.models import Article

    with transaction(engine) as session:
        first, last = session.execute(select(func.min(Article.published), func.max(Article.published))).one()
    return (last - first).days + 1


def check_tiles(db: Database, queries: list[str]) -> None:
    """The newest copy of a tiled corpus answers the last day as its base does: same stories, articles, counts.

    Ids are compared less the newest copy's shift; ``older`` (how many older
    stories match when none is in the window) is left out: the older copies
    are there to be found.
    """
    if db.tiled is None:
        return
    base, articles, stories = db.tiled
    day = START + SPAN - timedelta(days=1)
    differ = []
    for query in queries:
        answers = []
        for engine, a_shift, s_shift in ((base, 0, 0), (db.engine, articles, stories)):
            with transaction(engine) as session:
                answer = find_topic(session, query, day, 10)
            answers.append(
                [
                    (s.id - s_shift, s.headline, s.article_count, tuple((a.id - a_shift, a.about) for a in s.articles))
                    for s in answer.stories
                ]
            )
        if answers[0] != answers[1]:
            differ.append(query)
    print(
        f"{db.label:<11}  tile check: the last day's answer of {len(queries) - len(differ)} of {len(queries)} queries "
        f"is the base's (ids less the newest copy's shift){': differ ' + ', '.join(differ) if differ else ''}"
    )


def answers(args: argparse.Namespace, queries: list[str]) -> None:
    """Print every answer of the speed queries as a JSON line (see the module docstring)."""
    end = START + SPAN
    windows = {"all": None, "24h": end - timedelta(days=1), "7d": end - timedelta(days=7)}
    for size, db in corpora(args):
        for query in queries:
            for name, since in windows.items():
                with transaction(db.engine) as session:
                    hits = search_topic(session, query, since, 10)[2]
                    deeper = search_topic(session, query, since, 30)[2]  # more of the settling (search.find)
                    answer = find_topic(session, query, since, 10)
                line = {"db": db.label, "size": size, "window": name, "query": query, "answer": asdict(answer)}
                line |= {"hits": [asdict(h) for h in hits], "hits30": [asdict(h) for h in deeper]}
                print(json.dumps(line, ensure_ascii=False, default=str, sort_keys=True))


def _time_one(db: Database, size: int, queries: list[str], args: argparse.Namespace) -> None:
    """p50/p95 of /topic over all time and over the last day, of its search alone (no views), then the baselines."""
    day = START + SPAN - timedelta(days=1)

    def answer(query: str, since: datetime | None) -> Callable[[], object]:
        def call() -> object:
            with transaction(db.engine) as session:
                return find_topic(session, query, since, 10)

        return call

    def found(query: str) -> Callable[[], object]:
        def call() -> object:
            with transaction(db.engine) as session:
                return search_topic(session, query, None, 10)

        return call

    names = ("/topic --all", "/topic 24h", "search --all", "LIKE", "rank-bm25")
    rows: dict[str, list[float]] = {name: [] for name in names}
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    for query in queries:
        rows["/topic --all"] += timings(answer(query, None), args.repeat, clock)
        rows["/topic 24h"] += timings(answer(query, day), args.repeat, clock)
        rows["search --all"] += timings(found(query), args.repeat, clock)
    footprint = _footprint(db)  # before the baselines: rank-bm25 holds the corpus in memory
    like_rank = like(db.engine)
    step = max(1, -(-len(queries) // args.like_queries)) if args.like_queries else 1
    for query in queries[::step]:  # --like-queries: a full scan per query, at 1M seconds each
        rows["LIKE"] += timings(lambda q=query: like_rank(q)[:10], 1, clock)
    if size <= args.bm25_max:
        bm25_rank = bm25(db.engine)
        for query in queries:
            rows["rank-bm25"] += timings(lambda q=query: bm25_rank(q)[:10], 1, clock)
    ours = _p95(rows["/topic --all"])
    for name, samples in rows.items():
        if not samples:
            print(f"{db.label:<11}{size:>7}  {name:<13} (skipped: --bm25-max {args.bm25_max})")
            continue
        ratio = f"  p95 x{_p95(samples) / ours:.1f} of /topic --all" if name in ("LIKE", "rank-bm25") else ""
        if name == "/topic --all":
            ratio = f"  (target at 1M: p95 <= {TARGET_P95_MS[db.label]} ms)"
        print(
            f"{db.label:<11}{size:>7}  {name:<13} {percentiles(samples)}  ({len(samples)} answers, {args.clock}){ratio}"
        )
    print(f"{db.label:<11}{size:>7}  {footprint}")


def _footprint(db: Database) -> str:
    """The database's size on disk (SQLite: the file and its WAL) and this process's memory (now, and its peak)."""
    if db.label == "sqlite":
        path = str(db.engine.url.database)
        size = sum(
            Path(f"{path}{suffix}").stat().st_size for suffix in ("", "-wal") if Path(f"{path}{suffix}").exists()
        )
    else:
        with db.engine.connect() as connection:
            size = connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    memory = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    rss, peak = (int(memory.get(key, "0 kB").split()[0]) // 1024 for key in ("VmRSS", "VmHWM"))
    return f"database {size / 2**30:.2f} GiB on disk; this process: RSS {rss} MiB now, {peak} MiB at its peak"


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# ---------------------------------------------------------------------------------------------- tiling

#: Tiling's own-id columns: the ids other tables point at, by kind.
TILE_OWN_IDS = {"stories": "story", "articles": "article", "article_copies": "copy"}
#: Columns a tile makes distinct from its base's (unique keys, and the feed's id ``ant_ids`` maps from).
TILE_DISTINCT = {"articles": ("content_hash",), "article_copies": ("copy_key", "external_id")}
#: Tables keyed on a story that are not the corpus but a reader's ledger: a tiled corpus must hold none.
TILE_REFUSED = ("deliveries",)
_FK_KINDS = {"stories.id": "story", "articles.id": "article"}


@dataclass(frozen=True)
class TiledTable:
    """One table a tiled corpus repeats: its id columns by kind, its time columns, its columns made distinct."""

    name: str
    ids: dict[str, str]  # column -> "story" | "article" | "copy"
    times: tuple[str, ...]
    distinct: tuple[str, ...]
    columns: tuple[str, ...]
    key: tuple[str, ...] = ()  # the primary key's columns


def tiled_tables(dialect: str) -> list[TiledTable]:
    """Every table keyed on article or story ids, parents first, read from the models (and the search index).

    Read from the foreign keys, not listed by hand, so that a table added
    later is tiled too (or, like ``deliveries``, refused): a tiled corpus
    that left one out would time a database that no ingest could produce.
    """
    from mawjaz.storage.models import SQLModel

    out = []
    for table in SQLModel.metadata.sorted_tables:
        ids = {
            c.name: _FK_KINDS[f.target_fullname]
            for c in table.columns
            for f in c.foreign_keys
            if f.target_fullname in _FK_KINDS
        }
        if table.name in TILE_OWN_IDS:
            ids["id"] = TILE_OWN_IDS[table.name]
        if not ids or table.name in TILE_REFUSED:
            continue
        times = tuple(c.name for c in table.columns if type(c.type).__name__ == "UTCDateTime")
        out.append(
            TiledTable(
                table.name,
                ids,
                times,
                TILE_DISTINCT.get(table.name, ()),
                tuple(c.name for c in table.columns),
                tuple(c.name for c in table.primary_key.columns),
            )
        )
    # The search index is no model: an FTS5 table keyed by rowid on SQLite, article_search(article_id, doc) on PostgreSQL.
    if dialect == "postgresql":
        out.append(TiledTable("article_search", {"article_id": "article"}, (), (), ("article_id", "doc")))
    else:
        out.append(TiledTable("article_search", {"rowid": "article"}, (), (), ("rowid", "headline", "body")))
    return out


def tile(engine: Engine, factor: int, days: int, progress: Callable[[str], None] = lambda line: None) -> dict[str, int]:
    """Repeat the corpus stored in ``engine`` ``factor`` times in place, each copy ``days`` earlier; the id offsets.

    Copy ``j`` (0 the oldest, ``factor - 1`` the newest) holds every row of
    every table keyed on article or story ids (:func:`tiled_tables`) with
    those ids plus ``j`` times the base's largest id of their kind, and every
    time column moved ``(factor - 1 - j) * days`` days back: ids still grow
    with time, as the window floor of :mod:`mawjaz.storage.search` assumes,
    and the newest copy is the base itself, at the base's dates, under ids
    shifted by ``(factor - 1) * offset``. Unique keys (content hash, copy key)
    and feed ids of the older copies end in ``~`` and the copy's number, so
    they collide with nothing. Done in SQL, a transaction per copy: 1M
    articles from a 10k base in minutes, against ~12 h through the pipeline.

    What it measures: the read path (the index, the joins, the views) at
    that row count. What it does not: every copy repeats the base's words,
    stories and sizes exactly, so term frequencies per article, story sizes
    and the density of a day are the base's, not those of a corpus that grew
    (``bench/topic.py speed --tile-from``, README "Issue 19 at 1M").
    """
    dialect = engine.dialect.name
    tables = tiled_tables(dialect)
    with engine.connect() as connection:
        for name in TILE_REFUSED:
            if connection.execute(text(f"SELECT count(*) FROM {name}")).scalar_one():
                raise SystemExit(f"tile: {name} holds rows: a tiled corpus repeats a corpus, not a reader's ledger")
        offsets = {
            kind: int(connection.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar_one())
            for table, kind in TILE_OWN_IDS.items()
        }
    with transaction(engine) as session:
        for table in tables:
            source = "rowid AS rowid_, headline, body" if table.columns[0] == "rowid" else ", ".join(table.columns)
            session.execute(text(f"CREATE TABLE tile_src_{table.name} AS SELECT {source} FROM {table.name}"))
        if dialect == "postgresql":  # a DELETE would look for each article's rows in unindexed keys (dedup_keys)
            session.execute(text(f"TRUNCATE {', '.join([t.name for t in tables] + list(TILE_REFUSED))}"))  # empty
        else:
            for table in reversed(tables):
                session.execute(text(f"DELETE FROM {table.name}"))
        # PostgreSQL's search index is partitioned by article id (migration 0016): a partition for every copy's ids
        search.make_room(session, upto=offsets["article"] * factor)
        indexes = _secondary_indexes(session, [t.name for t in tables])
        for name, _ in indexes:  # written after the copies, sorted: a tenth of the time of 100 rounds of inserts
            session.execute(text(f'DROP INDEX "{name}"'))
    superuser = dialect == "postgresql" and _scalar(
        engine, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
    )
    # A table whose key does not start with a shifted id (dedup_keys: MinHash band, article) would take each copy's
    # rows all over its key's B-tree, rewriting most of it per copy: its copies go in at the end, in key order.
    scattered = [t for t in tables if t.key and t.key[0] not in t.ids]
    tables = [t for t in tables if t not in scattered]
    start = time.perf_counter()
    for j in range(factor):
        back = factor - 1 - j
        with transaction(engine) as session:
            if dialect == "sqlite":
                session.execute(text("PRAGMA cache_size = -1048576"))  # 1 GiB: the primary keys' pages stay cached
            elif superuser:  # foreign keys not checked row by row: each copy points into itself by construction
                session.execute(text("SET LOCAL session_replication_role = replica"))
            for table in tables:
                values = [_tiled(table, column, j, back, days, offsets, dialect) for column in table.columns]
                session.execute(
                    text(
                        f"INSERT INTO {table.name} ({', '.join(table.columns)}) SELECT {', '.join(values)} "
                        f"FROM tile_src_{table.name} ORDER BY 1"
                    )
                )
        if (j + 1) % 10 == 0 or j + 1 == factor:
            progress(f"tiled {j + 1}/{factor} copies in {time.perf_counter() - start:.0f} s")
    for table in scattered:
        if table.times or table.distinct:
            raise NotImplementedError(f"tile: {table.name}: copies in key order shift ids only")
        with transaction(engine) as session:
            if superuser:
                session.execute(text("SET LOCAL session_replication_role = replica"))
            series = f"generate_series(0, {factor - 1}) AS copy(j)" if dialect == "postgresql" else _series(factor)
            values = [f"{c} + copy.j * {offsets[table.ids[c]]}" if c in table.ids else c for c in table.columns]
            order = ", ".join(str(table.columns.index(c) + 1) for c in table.key)
            session.execute(
                text(
                    f"INSERT INTO {table.name} ({', '.join(table.columns)}) SELECT {', '.join(values)} "
                    f"FROM tile_src_{table.name} CROSS JOIN {series} ORDER BY {order}"
                )
            )
        progress(f"{table.name}: all copies in key order at {time.perf_counter() - start:.0f} s")
    tables += scattered
    with transaction(engine) as session:
        if dialect == "postgresql":
            session.execute(text("SET LOCAL maintenance_work_mem = '1GB'"))
        else:
            session.execute(text("PRAGMA cache_size = -1048576"))
        for _name, sql in indexes:
            session.execute(text(sql))
        progress(f"indexes written again at {time.perf_counter() - start:.0f} s")
        for table in tables:
            session.execute(text(f"DROP TABLE tile_src_{table.name}"))
        if dialect == "postgresql":
            for table in TILE_OWN_IDS:
                session.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
                )
    return offsets


def _series(count: int) -> str:
    """SQLite: the numbers 0 to ``count - 1`` as a table (``generate_series`` is an extension)."""
    return f"(WITH RECURSIVE n(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM n WHERE j < {count - 1}) SELECT j FROM n) AS copy"


def _scalar(engine: Engine, sql: str) -> object:
    with engine.connect() as connection:
        return connection.execute(text(sql)).scalar_one()


def _secondary_indexes(session: Session, tables: list[str]) -> list[tuple[str, str]]:
    """The indexes on ``tables`` that no key needs (name, statement that creates it): dropped while tiling."""
    names = ", ".join(f"'{t}'" for t in tables)
    if session.get_bind().dialect.name == "postgresql":
        sql = (
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            f"AND tablename IN ({names}) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = quote_ident(indexname)::regclass)"
        )
    else:
        sql = f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({names})"
    # PostgreSQL writes a partitioned index's statement ``ON ONLY`` the parent: written so, no partition would have it
    return [(name, create.replace(" ON ONLY ", " ON ", 1)) for name, create in session.execute(text(sql)).all()]


def _tiled(table: TiledTable, column: str, j: int, back: int, days: int, offsets: dict[str, int], dialect: str) -> str:
    """The SQL expression of ``column`` in copy ``j``, ``back`` copies before the newest."""
    source = "rowid_" if column == "rowid" else column
    if column in table.ids:
        return f"{source} + {j * offsets[table.ids[column]]}"
    if column in table.times and back:
        if dialect == "postgresql":
            return f"{column} - interval '{back * days * 24} hours'"
        # SQLite keeps 'YYYY-MM-DD HH:MM:SS.ffffff' (search._as_stored): move the date, keep the fraction as written
        return f"strftime('%Y-%m-%d %H:%M:%S', {column}, '-{back * days} days') || substr({column}, 20)"
    if column in table.distinct and back:
        if column == "external_id":
            return f"{column} || '~{j}'"
        return f"substr({column}, 1, 55) || '~{j:08d}'"
    return source


# ---------------------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=("quality", "speed", "answers"))
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument(
        "--sets", help=f"comma-separated named sets scored one by one ({', '.join(SETS)}), for --judgements"
    )
    parser.add_argument("--postgres", help="a PostgreSQL server's admin URL: postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--days", help="YYYYMMDD,... of the corpus to store (default: the days of the judged ids)")
    parser.add_argument("--explain", action="store_true", help="list misses and non-relevant results per query")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mawjaz-bench-topic")
    parser.add_argument("--fresh", action="store_true", help="rebuild the speed corpora")
    parser.add_argument("--tidy", action="store_true", help="merge the index of corpora already built (speed)")
    parser.add_argument("--repeat", type=int, default=5, help="timed answers per query (speed)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall", help="what speed times")
    parser.add_argument("--pg-prefix", default="mawjaz_bench_topic", help="PostgreSQL speed corpora: PREFIX_<size>")
    parser.add_argument("--bm25-max", type=int, default=100_000, help="largest corpus rank-bm25 is timed on")
    parser.add_argument(
        "--tile-from",
        type=int,
        default=0,
        metavar="BASE",
        help="speed, answers: a size above BASE is the BASE corpus (built through the pipeline) repeated in SQL, each "
        "copy an exact re-run of the base in an earlier span: it times the read path at that row count, not the "
        "pipeline's writing, on a corpus whose words, stories and days repeat the base's (see tile())",
    )
    parser.add_argument("--postgres-only", action="store_true", help="speed, answers: PostgreSQL's corpora only")
    parser.add_argument(
        "--like-queries", type=int, default=0, metavar="N", help="speed: time LIKE on N of the queries, evenly spread"
    )
    args = parser.parse_args(argv)
    args.kept = set()
    judgements = load_judgements(args.judgements)
    if args.mode == "quality":
        sets = {args.judgements.stem: args.judgements}
        if args.sets:
            unknown = [name for name in args.sets.split(",") if name not in SETS]
            if unknown:
                parser.error(f"--sets: unknown {', '.join(unknown)} (known: {', '.join(SETS)})")
            sets = {name: SETS[name] for name in args.sets.split(",")}
        totals: dict[tuple[str, str], dict[str, list[Score]]] = defaultdict(lambda: defaultdict(list))
        with tempfile.TemporaryDirectory(prefix="mawjaz-topic-") as folder:
            for set_name, path in sets.items():
                labels = load_labels(path)
                groups = slices(labels) if not args.days else {tuple(args.days.split(",")): labels}
                print(f"\n#### {set_name}: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
                for n, (days, group) in enumerate(groups.items()):
                    databases = [sqlite_db(Path(folder) / f"quality_{set_name}_{n}.sqlite")]
                    if args.postgres:
                        name = f"mawjaz_bench_topic_q_{uuid.uuid4().hex[:8]}"
                        databases.append(postgres_db(args.postgres, name, True))
                    for db in databases:
                        try:
                            for ranker, scores in quality(db, args.corpus, group, list(days), args.explain).items():
                                totals[(set_name, db.label)][ranker] += scores
                        finally:
                            db.drop()
        for (set_name, label), by_ranker in totals.items():
            print(
                f"\n== {set_name}, {label}: mean over {len(by_ranker['mawjaz'])} queries "
                f"(targets: on-topic >= 0.95, R-precision >= 0.85, recall >= 0.95)"
            )
            for name, scores in by_ranker.items():
                m = _mean(scores)
                print(
                    f"{name:<12} on-topic {m.on_topic:.3f}  R-precision {m.r_precision:.3f}  recall {m.recall:.3f}"
                    f"  ({m.unjudged} returned articles unjudged)"
                )
    elif args.mode == "answers":
        blind = load_judgements(SETS["blind"])
        answers(args, list(dict.fromkeys([*judgements, *blind, *HEAVY])))
    else:
        speed(args, list(dict.fromkeys([*judgements, *HEAVY])))


if __name__ == "__main__":
    main()
