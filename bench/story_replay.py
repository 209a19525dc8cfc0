"""Story assignment replayed in memory, for trying a decision rule in seconds instead of minutes (issue 18).

    .venv/bin/python bench/story_replay.py [ANT_V2_1.jsonl] [--jawhara JAWHARAFM.jsonl]
        [--workdir /tmp/mawjaz-replay] [--sets dev,dev2,check,check2,blind3,pairs] [--fit]
        [--loose ARTICLE:CENTROIDS[:ORGS]]... [--family FLOOR:CENTROIDS[:MERGE]]...

Each labelled set (and each pairs batch, as ``bench/stories.py`` builds it)
goes once through the real pipeline into ``WORKDIR/SET.sqlite`` (kept: the
next run reads it), which stores its articles after near-duplicate merging
and the names the tagger found in each. Then :func:`replay` places the stored
articles again, in order, with the rules of :mod:`mawjaz.digest.stories`
(the same vectors, query terms, place share, figures, headline places,
decay, threshold, days named, latest articles, headline twins, headline cores, big stories in their place and merging; every story in the window is a candidate, without the index's
per-term bound). It prints B-cubed P/R/F1 per set and the different-event
pairs merged, and how far the replay agrees with the stories the pipeline
stored (the replay is a model of :func:`~mawjaz.digest.stories.assign`; a
change to one is not a change to the other).

``--fit``: the learned event score tried for issue 18. A logistic regression
over each candidate the assignment looks at (:data:`FEATURES`), fitted on the
dev set with the dev stories as the stories; an article joins the most
probable candidate when its probability reaches a cut chosen on dev. Prints
dev for each cut, then every set once at dev's best cut. Held-out sets are
for validating, never for choosing.

``--loose`` and ``--family`` (each repeatable): two merging rules tried for
issue 18 against the split developing stories and not landed (:class:`Loose`,
:class:`Family`; figures in :mod:`mawjaz.digest.stories`' tried list, measured
at df370f1, before a story's latest articles were read: they now run on top of that rule).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import stories as bench  # noqa: E402  (bench/stories.py)

from mawjaz.digest import stories, vectors  # noqa: E402
from mawjaz.digest.rank import cosine  # noqa: E402
from mawjaz.pipeline import IngestReport, store_items  # noqa: E402
from mawjaz.storage import driver, migrate, story_index  # noqa: E402
from mawjaz.storage.engine import make_engine  # noqa: E402
from mawjaz.text import specifics  # noqa: E402
from mawjaz.text.fingerprint import terms_of  # noqa: E402
from mawjaz.text.weights import shipped  # noqa: E402

WINDOW = stories.DEFAULT_WINDOW
FEATURES = ("score", "non_place", "place_share", "figures", "log_quiet", "log_size")
WITH_NAMES = (*FEATURES, "persons_shared", "persons_conflict", "orgs_shared", "places_shared", "headline")


# ------------------------------------------------------------------------------------------------ data


@dataclass
class Item:
    """A stored article as the replay reads it: its vector, time, names (index words) and label."""

    id: int
    headline: str
    vector: vectors.Vector
    moment: datetime
    headline_terms: frozenset[str]
    persons: frozenset[str]
    orgs: frozenset[str]
    places: frozenset[str]
    stored_story: int
    label: str | None = None
    days: frozenset[int] = frozenset()  # the weekdays its headline and lead name (specifics.days_named)


@dataclass
class Stored:
    items: list[Item]
    copies: dict[int, list[str]]  # article id → external ids
    gold: dict[str, str] | None
    pairs: list[bench.Pair] | None


def ingest(workdir: Path, name: str, records: list[bench.Record]) -> Path:
    """The set stored by the real pipeline (once: a database already there is reused)."""
    path = workdir / f"{name}.sqlite"
    if not path.exists():
        partial = workdir / f"{name}.partial.sqlite"
        partial.unlink(missing_ok=True)
        engine = make_engine(f"sqlite:///{partial}")
        migrate.upgrade(engine)
        store_items(engine, records, IngestReport())
        engine.dispose()
        partial.rename(path)
    return path


def load(path: Path, gold: dict[str, str] | None, pairs: list[bench.Pair] | None) -> Stored:
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, headline, body, published, first_seen, story_id FROM articles ORDER BY id")
        ).all()
        copies = connection.execute(text("SELECT external_id, article_id FROM article_copies")).all()
        mentions = connection.execute(
            text("SELECT article_id, norm_key, type FROM article_mentions ORDER BY article_id, position")
        ).all()
    engine.dispose()
    names: dict[tuple[int, str], set[str]] = defaultdict(set)
    for article_id, key, kind in mentions:
        names[(article_id, kind.rstrip("!"))].update(w for w in (key or "").split() if len(w) >= 3)
    by_article: dict[int, list[str]] = defaultdict(list)
    for external_id, article_id in copies:
        by_article[article_id].append(external_id)
    items = []
    for article_id, headline, body, published, first_seen, story_id in rows:
        labels = Counter(gold[e] for e in by_article[article_id] if e in gold) if gold else Counter()
        items.append(
            Item(
                article_id,
                headline,
                vectors.article_vector(headline, body, shipped()),
                driver.instant(published if published is not None else first_seen),
                frozenset(terms_of(headline)),
                frozenset(names[(article_id, "PER")]),
                frozenset(names[(article_id, "ORG")]),
                frozenset(names[(article_id, "LOC")]),
                story_id,
                labels.most_common(1)[0][0] if labels else None,
                specifics.days_named(headline, body or ""),
            )
        )
    return Stored(items, dict(by_article), gold, pairs)


# ---------------------------------------------------------------------------------------------- replay


@dataclass
class Story:
    id: int
    weights: vectors.Vector
    norm: float
    first: datetime
    last: datetime
    members: list[Item] = field(default_factory=list)
    into: int | None = None  # merged into this story


def features(item: Item, unit_query: Mapping[str, float], figures: frozenset[str], story: Story) -> dict[str, float]:
    """What a decision may read of one (article, candidate story): the event score's parts and the names shared."""
    places = specifics.place_terms()
    score = sum(w * story.weights.get(t, 0.0) for t, w in unit_query.items())
    where = sum(w * story.weights.get(t, 0.0) for t, w in unit_query.items() if t in places)
    quiet = max(0.0, (item.moment - story.last).total_seconds() / 3600)
    persons = frozenset().union(*(m.persons for m in story.members))
    mine = specifics.figures(item.headline_terms)
    latest = [m.headline_terms for m in reversed(story.members[-stories.HEADLINES_READ :])]
    local = specifics.local_places() & item.headline_terms
    return {
        "score": score,
        "non_place": score - where,
        "place_share": where / score if score > 0 else 0.0,
        "figures": float(min(sum(1 for f in figures if f in story.weights), 2)),
        "figures_apart": float(bool(mine) and stories.figures_apart(latest, mine)),
        "places_apart": float(bool(local) and stories.places_apart(latest, local)),
        "quiet": quiet,
        "log_quiet": math.log1p(quiet),
        "log_size": math.log(len(story.members)),
        "persons_shared": float(bool(item.persons & persons)),
        "persons_conflict": float(bool(item.persons and persons and not item.persons & persons)),
        "orgs_shared": float(bool(item.orgs & frozenset().union(*(m.orgs for m in story.members)))),
        "places_shared": float(bool(item.places & frozenset().union(*(m.places for m in story.members)))),
        "headline": len(item.headline_terms & frozenset().union(*(m.headline_terms for m in story.members)))
        / max(1, len(item.headline_terms)),
    }


def event_score(f: Mapping[str, float]) -> float:
    """:func:`mawjaz.digest.stories.candidates`' score: refused when mostly places, figures added, decayed,
    refused under :data:`~mawjaz.digest.stories.FIGURES_APART` when the headlines' figures differ, and under
    :data:`~mawjaz.digest.stories.PLACES_APART` when they name other local places."""
    if f["non_place"] < stories.PLACE_FREE * stories.THRESHOLD:
        return 0.0
    score = (f["score"] + stories.FIGURE_BONUS * f["figures"]) / (1 + f["quiet"] / stories.DECAY_HOURS)
    if f["figures_apart"] and score < stories.FIGURES_APART:
        return 0.0
    return 0.0 if f["places_apart"] and score < stories.PLACES_APART else score


Decide = Callable[[Mapping[str, float]], float]


@dataclass(frozen=True)
class Decision:
    """What the assignment knows when it places ``item``: the stories so far, its candidates ``kept`` (best
    event score first), their event scores, decayed cosines and :func:`features`."""

    item: Item
    found: dict[int, Story]
    kept: list[int]
    scored: Mapping[int, float]
    close: Mapping[int, float]
    feats: Mapping[int, Mapping[str, float]]


Hook = Callable[[Decision, "int | None"], "int | None"]
Log = list[tuple[dict[str, float], bool]]


@dataclass(frozen=True)
class Loose:
    """A looser merge tried for issue 18 (``--loose``): an article ``article`` close to a second story whose
    centroid is ``centroids`` close to the joined one merges them when both stories' articles share ``orgs``
    words of the tagger's organisation names (0: no such condition)."""

    article: float
    centroids: float
    orgs: int = 0


@dataclass(frozen=True)
class Family:
    """A family join tried for issue 18 (``--family``): an article scoring under the threshold but at least
    ``floor`` to its two best stories, whose centroids are ``centroids`` close, scores against their summed
    centroid; reaching the threshold, it joins them (``merge``) or the best (not ``merge``)."""

    floor: float
    centroids: float
    merge: bool = True


LEARNED_CANDIDATES = 5  # a learned score sees the stories closest to the article, however it would score them
LEARNED_FLOOR = 0.02


def replay(
    items: list[Item],
    decide: Decide | None = None,
    cut: float = stories.THRESHOLD,
    *,
    log: Log | None = None,
    teacher: bool = False,
    loose: Loose | None = None,
    family: Family | None = None,
    hook: Hook | None = None,
) -> dict[int, int]:
    """Place ``items`` in order; returns article id → story.

    With no ``decide``, the rules of :func:`mawjaz.digest.stories.candidates`
    and :func:`~mawjaz.digest.stories.assign`. With ``decide`` (a learned
    score), the :data:`LEARNED_CANDIDATES` stories closest to the article
    (decayed cosine) are its candidates, and it joins the one ``decide``
    scores highest when that reaches ``cut``; merging is unchanged. ``log``
    collects each such candidate's features and whether it is the article's
    labelled story (its members' commonest label); ``teacher`` places each
    article in its labelled story instead (what the fit learns from).
    ``loose`` and ``family``: two rules tried for issue 18 and not landed
    (:class:`Loose`, :class:`Family`; ``mawjaz.digest.stories``' tried list).
    ``hook`` (rules only): called at each decision with the article, the stories,
    the candidates and the rules' choice, before merging; what it returns is
    joined (``bench/story_learned.py`` logs the decisions and tries a learned one).
    """
    learned = decide is not None or teacher
    found: dict[int, Story] = {}
    placed: dict[int, int] = {}
    by_label: dict[str | None, int] = {}
    for item in items:
        query = {story_index.clip(t): w for t, w in vectors.heaviest(item.vector, vectors.QUERY_TERMS).items()}
        unit_query = vectors.unit(query)
        figures = specifics.figures(item.vector)
        close: dict[int, float] = {}
        scored: dict[int, float] = {}
        feats: dict[int, dict[str, float]] = {}
        for story in found.values():
            if story.into is not None or story.last < item.moment - WINDOW:
                continue
            if not any(t in story.weights for t in unit_query) and not any(f in story.weights for f in figures):
                continue
            f = feats[story.id] = features(item, unit_query, figures, story)
            close[story.id] = f["score"] / (1 + f["quiet"] / stories.DECAY_HOURS)
            scored[story.id] = decide(f) if decide is not None else event_score(f)
        if learned:
            by_close = sorted(close, key=lambda i: (-close[i], -i))[:LEARNED_CANDIDATES]
            kept = [i for i in by_close if close[i] >= LEARNED_FLOOR and found[i].first <= item.moment + WINDOW]
        else:
            ranked = sorted(close, key=lambda i: (-max(scored[i], close[i]), -i))[: stories._CHECKED]
            floor = min(
                cut,
                stories.MERGE_THRESHOLD,
                stories.MEMBER_FLOOR,
                *([loose.article] if loose else []),
                *([family.floor] if family else []),
            )
            kept = [i for i in ranked if max(scored[i], close[i]) >= floor and found[i].first <= item.moment + WINDOW]
        kept.sort(key=lambda i: (-scored[i], -i))
        if log is not None:
            for i in kept:
                label = Counter(m.label for m in found[i].members).most_common(1)[0][0]
                log.append((feats[i], label == item.label))
        target: int | None
        if teacher:
            target = by_label.get(item.label)
            if target is not None and (found[target].into is not None or found[target].last < item.moment - WINDOW):
                target = None
        else:
            target = kept[0] if kept and scored[kept[0]] >= cut else None
            if (
                target is not None
                and decide is None
                and _unspecific(found[target], feats[target], scored[target], item)
            ):
                target = None
            if target is not None and decide is None and _days_apart(found[target], scored[target], item):
                target = None
            if target is None and decide is None:
                target = _reported_by_member(found, kept, scored, item)
            if target is None and decide is None:
                target = _headlined_by_member(found, kept, scored, item)
            if target is None and decide is None:
                target = _headlined_by_core(found, kept, scored, item)
            if target is None and decide is None:
                target = _developing_in_its_place(found, kept, scored, close, feats, item)
            if target is None and family is not None:
                target = _family(found, kept, scored, item, unit_query, family)
            if hook is not None and not learned:
                target = hook(Decision(item, found, kept, scored, close, feats), target)
            if target is not None:
                for other in kept:
                    if other == target or found[other].into is not None:
                        continue
                    merged = _merge(found, target, other) if close[other] >= stories.MERGE_THRESHOLD else None
                    if merged is None and loose is not None and close[other] >= loose.article:
                        merged = _loose_merge(found, target, other, loose)
                    target = merged or target
        if target is None:
            weights, norm = vectors.seed(item.vector)
            story = Story(len(found) + 1, _clipped(weights), norm, item.moment, item.moment)
            found[story.id] = story
            by_label[item.label] = target = story.id
        else:
            story = found[target]
            weights, norm = vectors.grow(story.weights, story.norm, item.vector)
            story.weights, story.norm = _clipped(weights), norm
            story.first, story.last = min(story.first, item.moment), max(story.last, item.moment)
        found[target].members.append(item)
        placed[item.id] = target
    for article_id, story_id in placed.items():
        while (into := found[story_id].into) is not None:
            story_id = into
        placed[article_id] = story_id
    return placed


def _unspecific(story: Story, f: Mapping[str, float], score: float, item: Item) -> bool:
    """:func:`mawjaz.digest.stories._unspecific`: a small story sharing no specific with the article."""
    if (
        score >= stories.SPECIFICS_SCORE
        or f["non_place"] >= stories.SPECIFICS_NON_PLACE
        or f["figures"]
        or len(story.members) > stories.SPECIFICS_ARTICLES
    ):
        return False
    places, idf = specifics.place_terms(), shipped()
    query = {story_index.clip(t) for t in vectors.heaviest(item.vector, vectors.QUERY_TERMS)}
    if any(t in places and idf(t) >= stories.SPECIFIC_PLACE_IDF and story.weights.get(t, 0.0) > 0 for t in query):
        return False
    return not stories.shares_specifics((m.headline_terms for m in story.members), item.headline_terms)


def _days_apart(story: Story, score: float, item: Item) -> bool:
    """:func:`mawjaz.digest.stories._days_apart`: a weak join whose lead names other days than the story's latest."""
    quiet = max(0.0, (item.moment - story.last).total_seconds() / 3600)
    if score >= stories.DAYS_APART or quiet > stories.DAYS_QUIET or not item.days:
        return False
    latest = sorted(story.members, key=lambda m: m.id)[-stories.MEMBERS_READ :]
    theirs = frozenset().union(*(m.days for m in latest))
    return bool(theirs) and not theirs & item.days


def _member_closeness(story: Story, item: Item) -> float:
    """:func:`mawjaz.digest.stories._member_closeness`: the closest of the story's latest stored articles."""
    latest = sorted(story.members, key=lambda m: m.id)[-stories.MEMBERS_READ :]
    return max((cosine(item.vector, m.vector) for m in latest), default=0.0)


def _reported_by_member(
    found: dict[int, Story], kept: list[int], scored: Mapping[int, float], item: Item
) -> int | None:
    """:func:`mawjaz.digest.stories._reported_by_member`."""
    best: tuple[float, int] | None = None
    for i in kept:
        if scored[i] < stories.MEMBER_FLOOR:
            continue
        close = _member_closeness(found[i], item)
        if close >= stories.MEMBER_CLOSE and (best is None or close > best[0]):
            best = (close, i)
    return None if best is None else best[1]


def _headlined_by_member(
    found: dict[int, Story], kept: list[int], scored: Mapping[int, float], item: Item
) -> int | None:
    """:func:`mawjaz.digest.stories._headlined_by_member`: headline twins in a story active lately."""
    for i in kept:
        story = found[i]
        quiet = max(0.0, (item.moment - story.last).total_seconds() / 3600)
        if scored[i] < stories.MEMBER_FLOOR or quiet > stories.TWIN_HOURS:
            continue
        latest = sorted(story.members, key=lambda m: m.id)[-stories.HEADLINES_READ :]
        if any(stories.headline_twins(m.headline_terms, item.headline_terms) for m in latest):
            return i
    return None


def _headlined_by_core(found: dict[int, Story], kept: list[int], scored: Mapping[int, float], item: Item) -> int | None:
    """:func:`mawjaz.digest.stories._headlined_by_core`: a story active lately whose headline core the article's
    headline holds."""
    for i in kept:
        story = found[i]
        quiet = max(0.0, (item.moment - story.last).total_seconds() / 3600)
        if scored[i] < stories.MEMBER_FLOOR or quiet > stories.CORE_HOURS:
            continue
        latest = sorted(story.members, key=lambda m: m.id)[-stories.HEADLINES_READ :]
        core = stories.headline_core(m.headline_terms for m in latest)
        if core and core <= item.headline_terms:
            return i
    return None


def _developing_in_its_place(
    found: dict[int, Story],
    kept: list[int],
    scored: Mapping[int, float],
    close: Mapping[int, float],
    feats: Mapping[int, Mapping[str, float]],
    item: Item,
) -> int | None:
    """:func:`mawjaz.digest.stories._developing_in_its_place`: a big story in full development that the place
    share alone refused."""
    for i in kept:
        story = found[i]
        if scored[i] > 0 or feats[i]["non_place"] >= stories.PLACE_FREE * stories.THRESHOLD:
            continue
        if close[i] < stories.BIG_CLOSE or feats[i]["quiet"] > stories.BIG_HOURS:
            continue
        if len(story.members) >= stories.BIG_STORY:
            return i
    return None


def _merge(found: dict[int, Story], one: int, other: int, converged: float | None = None) -> int | None:
    keep, gone = sorted((found[one], found[other]), key=lambda s: (s.first, s.id))
    if cosine(keep.weights, gone.weights) < (stories.CONVERGED if converged is None else converged):
        return None
    weights, norm = vectors.merged(keep.weights, keep.norm, gone.weights, gone.norm)
    keep.weights, keep.norm = _clipped(weights), norm
    keep.members += gone.members
    keep.first, keep.last = min(keep.first, gone.first), max(keep.last, gone.last)
    gone.into = keep.id
    return keep.id


def _loose_merge(found: dict[int, Story], one: int, other: int, loose: Loose) -> int | None:
    a, b = found[one], found[other]
    if one == other or cosine(a.weights, b.weights) < loose.centroids:
        return None
    if loose.orgs:
        shared = frozenset().union(*(m.orgs for m in a.members[-20:])) & frozenset().union(
            *(m.orgs for m in b.members[-20:])
        )
        if len(shared) < loose.orgs:
            return None
    return _merge(found, one, other, converged=0.0)


def _family(
    found: dict[int, Story],
    kept: list[int],
    scored: Mapping[int, float],
    item: Item,
    unit_query: Mapping[str, float],
    family: Family,
) -> int | None:
    if len(kept) < 2 or scored[kept[1]] < family.floor:
        return None
    a, b = found[kept[0]], found[kept[1]]
    if cosine(a.weights, b.weights) < family.centroids:
        return None
    weights, _ = vectors.merged(a.weights, a.norm, b.weights, b.norm)
    quiet = max(0.0, (item.moment - max(a.last, b.last)).total_seconds() / 3600)
    if (
        sum(w * weights.get(t, 0.0) for t, w in unit_query.items()) / (1 + quiet / stories.DECAY_HOURS)
        < stories.THRESHOLD
    ):
        return None
    return _merge(found, a.id, b.id, converged=0.0) if family.merge else a.id


def _clipped(weights: vectors.Vector) -> vectors.Vector:
    out: vectors.Vector = {}
    for term, w in weights.items():
        out[story_index.clip(term)] = out.get(story_index.clip(term), 0.0) + w
    return out


# --------------------------------------------------------------------------------------------- scoring


def scored(stored: Stored, placed: Mapping[int, int]) -> str:
    predicted = {e: placed[a] for a, ids in stored.copies.items() for e in ids}
    if stored.gold is not None:
        p, r, f = bench.bcubed(predicted, {e: g for e, g in stored.gold.items() if e in predicted})
        return f"{f:.3f} ({p:.3f} / {r:.3f})"
    assert stored.pairs is not None
    s = bench.score_pairs(predicted, stored.pairs)
    return f"merged {s.merged}/{s.different}, controls {s.together}/{s.same}"


def agreement(stored: Stored, placed: Mapping[int, int]) -> float:
    """Share of articles whose story holds the same articles in the replay as in the database."""
    mine: dict[int, set[int]] = defaultdict(set)
    theirs: dict[int, set[int]] = defaultdict(set)
    for item in stored.items:
        mine[placed[item.id]].add(item.id)
        theirs[item.stored_story].add(item.id)
    same = sum(1 for i in stored.items if mine[placed[i.id]] == theirs[i.stored_story])
    return same / len(stored.items)


def fit(dev: Stored, names: tuple[str, ...], c: float = 100.0) -> Decide:
    """A logistic regression over ``names`` fitted on the dev candidates met placing dev by its labels."""
    from sklearn.linear_model import LogisticRegression

    log: Log = []
    replay(dev.items, log=log, teacher=True)
    model = LogisticRegression(C=c, max_iter=5000).fit([[f[n] for n in names] for f, _ in log], [y for _, y in log])
    weights, bias = [float(w) for w in model.coef_[0]], float(model.intercept_[0])
    print(
        f"  fitted on {len(log)} dev candidates ({sum(y for _, y in log)} right): "
        + " ".join(f"{n}={w:.2f}" for n, w in zip(names, weights, strict=True))
        + f" bias={bias:.2f}"
    )

    def probability(f: Mapping[str, float]) -> float:
        z = bias + sum(w * f[n] for n, w in zip(names, weights, strict=True))
        return 1 / (1 + math.exp(-z))

    return probability


# ------------------------------------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=bench.CORPUS)
    parser.add_argument("--jawhara", type=Path, default=bench.JAWHARA)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/mawjaz-replay"))
    parser.add_argument(
        "--sets", default="dev,dev2,check,dev3,pairs", help="labelled sets replayed (held-out sets only when named)"
    )
    parser.add_argument("--fit", action="store_true", help="also fit the learned event score on dev")
    parser.add_argument(
        "--loose", action="append", default=[], metavar="ARTICLE:CENTROIDS[:ORGS]", help="also a looser merge (Loose)"
    )
    parser.add_argument(
        "--family", action="append", default=[], metavar="FLOOR:CENTROIDS[:MERGE]", help="also a family join (Family)"
    )
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    start = time.perf_counter()
    ant = bench.read_corpus(args.corpus)
    sets: dict[str, Stored] = {}
    for name in (s for s in wanted if s in bench.SETS):
        gold = bench.read_labels(bench.SETS[name])
        path = ingest(args.workdir, name, bench.labelled_records(ant, gold, "time"))
        sets[name] = load(path, gold, None)
    if "pairs" in wanted:
        pairs = bench.read_pairs(bench.PAIRS)
        for name, corpus in (("pairs_ant", ant), ("pairs_jaw", bench.read_corpus(args.jawhara))):
            ids = {r.external_id for r in corpus.records}
            mine = [p for p in pairs if p.a in ids and p.b in ids]
            sets[name] = load(ingest(args.workdir, name, bench.pair_batch(corpus, mine, "time")), None, mine)
    print(f"(stored in {args.workdir}; {time.perf_counter() - start:.0f} s)")
    for name, stored in sets.items():
        placed = replay(stored.items)
        print(
            f"  {name:<10} current rules {scored(stored, placed)}; agrees with the database {agreement(stored, placed):.3f}"
        )
    for spec in args.loose:
        loose = Loose(*(float(x) if i < 2 else int(x) for i, x in enumerate(spec.split(":"))))  # type: ignore[arg-type]
        for name, stored in sets.items():
            print(f"  {name:<10} {loose}: {scored(stored, replay(stored.items, loose=loose))}")
    for spec in args.family:
        parts = spec.split(":")
        family = Family(float(parts[0]), float(parts[1]), len(parts) < 3 or parts[2] == "1")
        for name, stored in sets.items():
            print(f"  {name:<10} {family}: {scored(stored, replay(stored.items, family=family))}")
    if args.fit and "dev" in sets:
        for names in (FEATURES, WITH_NAMES):
            probability = fit(sets["dev"], names)
            by_cut = {cut: replay(sets["dev"].items, probability, cut) for cut in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5)}
            for cut, placed in by_cut.items():
                print(f"    cut {cut}: dev {scored(sets['dev'], placed)}")
            best = max(by_cut, key=lambda cut: bench.bcubed(*_dev_args(sets["dev"], by_cut[cut]))[2])
            print(f"    at dev's best cut {best}, every set (held out: scored once):")
            for name, stored in sets.items():
                print(f"      {name:<10} {scored(stored, replay(stored.items, probability, best))}")


def _dev_args(dev: Stored, placed: Mapping[int, int]) -> tuple[dict[str, int], dict[str, str]]:
    predicted = {e: placed[a] for a, ids in dev.copies.items() for e in ids}
    assert dev.gold is not None
    return predicted, {e: g for e, g in dev.gold.items() if e in predicted}


if __name__ == "__main__":
    main()
