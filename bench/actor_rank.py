"""A learned ranking of key actors, checked across the tuning sets against the hand cut (issue 17, session 17).

    python bench/actor_rank.py ../shared/data/ant_multisource_v2.1/*.jsonl \\
        ../shared/data/ant_corpus_v1.1_jawharafm/*.jsonl ../shared/seeds --database FILE \\
        [--dump features.tsv] [--cache cases.json] [--fit MODEL]

Why: the hand cut (:func:`mawjaz.digest.actors._hand_cut`) grew from thresholds tuned on a few stories each, and
the held-out sets sit far under the tuning sets. Do a few weights fitted across the sets rank better?

For every labelled story of the tuning sets (``--sets``, default ``dev,dev2,blind``; never the held-out ones) the
story's actors are computed as ``bench/actors.py`` computes them (same database, same story per label) and each
candidate the display rules allow (:func:`mawjaz.digest.actors._eligible`) is read with its features
(:class:`Candidate`), whether the hand cut shows it and whether it is an editor's actor (the bench's matching: equal
names after normalising, each label matched once, candidates in score order); ``--dump`` writes them as a table.

It prints the ceiling of any ranking: the share of the editors' actors among the candidates at all, by type (the
type of the weighed actor it matches; ``untagged`` where none does), before and after the display rules. Then each
of :data:`MODELS`, a logistic regression (numpy, L2 on standardised inputs), is checked across sets: trained on two
tuning sets, with the threshold of the best F1 there, and scored on the third, beside the hand cut on the same set;
and, to tell ranking from counting, with the hand cut's count per story in the model's order (``reordered``);
then fitted and scored on all the sets at once (the best it could do).
``--fit MODEL`` fits one on all three sets and prints its weights. Nothing fitted here ships: none beat the hand cut
(see docs/journal.md, Key actors, session 17).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from actors import bench_stories, labelled_story, load_labels, score  # noqa: E402

from mawjaz.digest import actors as actor_module  # noqa: E402
from mawjaz.text.normalise import normalise  # noqa: E402

TUNING = ("dev", "dev2", "blind")
HELD_OUT = frozenset({"blind2", "blind3"})
L2 = 0.1
_FLOOR = 1e-3  # a relative score under a thousandth of the top is as good as none


@dataclass(frozen=True, slots=True)
class Candidate:
    """What a ranking may know of one candidate actor of a story of ``articles`` articles."""

    relative: float  # its salience score over the story's top one (the hand cut's measure), in (0, 1]
    rank: int  # its place by that score, 0 for the top
    articles: int  # the story's articles
    naming: int  # the articles naming it (headline, lead or the body's tagged part)
    headlines: int  # the articles whose headline names it
    leads: int  # …whose subtitle, a caption or the lead names it
    mentions: int  # its mentions in the bodies' tagged part, all articles together
    type_: str  # PER, ORG or LOC
    first: bool  # the story's first article names it
    known: bool  # an entity of the aliases file
    words: int  # the words of its shown name

    def vector(self) -> tuple[float, ...]:
        """The model's inputs, in :data:`FEATURES`' order: shares of the story's articles rather than counts, so a
        big story and a small one read alike, and logarithms where a count's tenth unit weighs less than its first.
        ``margin`` is the hand cut's own test (the log of the relative score over :func:`min_score`'s cut)."""
        n = max(self.articles, 1)
        relative = math.log(max(self.relative, _FLOOR))
        return (
            relative,
            relative - math.log(actor_module.min_score(n)),
            math.log1p(self.rank),
            self.naming / n,
            self.headlines / n,
            self.leads / n,
            math.log1p(self.mentions / n),
            float(self.type_ == "PER"),
            float(self.type_ == "LOC"),
            float(self.first),
            float(self.known),
            float(min(self.words, 4)),
            math.log(n),
        )


FEATURES = (
    "log relative score",
    "margin over the hand cut",
    "log(1 + rank)",
    "share naming",
    "share of headlines",
    "share of leads",
    "log(1 + mentions per article)",
    "person",
    "place",
    "first article",
    "aliases entity",
    "words (to 4)",
    "log articles",
)
# The models checked across sets: the inputs (of FEATURES) each reads.
MODELS = {
    "relative score": (0,),
    "margin": (1,),
    "margin, type": (1, 7, 8),
    "margin, headlines, leads, type": (1, 4, 5, 7, 8),
    "relative, rank, shares, mentions, type, first": (0, 2, 3, 4, 5, 6, 7, 8, 9),
    "all": tuple(range(len(FEATURES))),
}


def candidates(scored: list, articles: int) -> list[Candidate]:
    """The features of :func:`mawjaz.digest.actors._eligible`'s candidates."""
    top = (scored[0][0] if scored else 0.0) or 1.0
    return [
        Candidate(
            relative=score / top,
            rank=rank,
            articles=articles,
            naming=len(actor.articles),
            headlines=len(actor.headlines),
            leads=len(actor.leads),
            mentions=actor.mentions,
            type_=actor.type,
            first=actor.first == 0,
            known=actor.key.startswith("alias:"),
            words=len(actor.name.split()),
        )
        for rank, (score, _first, actor) in enumerate(scored)
    ]


def probabilities(case_candidates: list[Candidate], model: tuple, weights, bias: float) -> list[float]:
    """The model's probability that an editor lists each candidate."""
    z = [bias + sum(w * c.vector()[i] for w, i in zip(weights, model, strict=True)) for c in case_candidates]
    return [1.0 / (1.0 + math.exp(-max(min(v, 30.0), -30.0))) for v in z]


def chosen(probability: list[float], threshold: float, cap: int = actor_module.MAX_ACTORS) -> list[int]:
    """The candidates to show, most probable first: the top one always (a story has a subject), then each at
    ``threshold`` or over, at most ``cap``."""
    order = sorted(range(len(probability)), key=lambda i: -probability[i])
    return [i for n, i in enumerate(order) if n == 0 or probability[i] >= threshold][:cap]


@dataclass
class Case:
    """One labelled story: the editor's actors and the candidates the display rules allow, in score order."""

    set_name: str
    story: int
    labels: list[list[str]]
    names: list[str]  # each candidate's shown name
    candidates: list[Candidate]
    shown: list[bool]  # the hand cut shows it
    wanted: list[bool]  # it is an editor's actor
    all_names: list[tuple[str, str]]  # every actor key_actors weighed (before the display rules), with its type


def _weighed(story) -> tuple[list, dict, int]:
    """The hand cut's shown actors, and every actor key_actors weighed with the story's article count."""
    seen: dict = {}
    ranked = actor_module._ranked

    def spy(actors, articles=1):
        seen.update(actors=dict(actors), articles=articles)
        return ranked(actors, articles)

    actor_module._ranked = spy
    try:
        shown = actor_module.key_actors(story)
    finally:
        actor_module._ranked = ranked
    return shown, seen["actors"], seen["articles"]


def _matched(names: list[str], labels: list[list[str]]) -> list[bool]:
    """Which of ``names`` (in order) is an editor's actor, each label matched once (as :func:`actors.score`)."""
    left = [{normalise(a) for a in alternatives} for alternatives in labels]
    out = []
    for name in names:
        hit = next((i for i, alternatives in enumerate(left) if normalise(name) in alternatives), None)
        if hit is not None:
            left.pop(hit)
        out.append(hit is not None)
    return out


def collect(paths: list[Path], database: Path, sets: list[str]) -> list[Case]:
    texts, by_external, sizes, outlets = bench_stories(paths, database)
    cases = []
    for set_name in sets:
        for ids, labels in load_labels(ROOT / "bench" / "data" / f"actors_{set_name}.tsv"):
            votes = [by_external[i] for i in ids if i in by_external]
            if not votes:
                continue
            sid = labelled_story(votes, outlets, sizes)
            story = [actor_module.StoryText(t.headline, t.body, t.sources, t.captions, t.subtitle) for t in texts[sid]]
            shown, actors, articles = _weighed(story)
            eligible = actor_module._eligible(actors, articles)
            names = [actor.name for _s, _f, actor in eligible]
            kept = {a.norm_name for a in shown}
            cases.append(
                Case(
                    set_name,
                    sid,
                    labels,
                    names,
                    candidates(eligible, articles),
                    [actor.key in kept for _s, _f, actor in eligible],
                    _matched(names, labels),
                    [(a.name, a.type) for a in actors.values()],
                )
            )
    return cases


def ceiling(cases: list[Case]) -> None:
    """The share of the editors' actors among the candidates at all, by type, before and after the display rules."""
    found: Counter[tuple[str, str]] = Counter()
    for case in cases:
        before = dict(case.all_names)
        after = {n: c.type_ for n, c in zip(case.names, case.candidates, strict=True)}
        for alternatives in case.labels:
            forms = {normalise(a) for a in alternatives}
            typed = next((t for n, t in before.items() if normalise(n) in forms), "untagged")
            found[(typed, "labelled")] += 1
            found[(typed, "weighed")] += typed != "untagged"
            found[(typed, "eligible")] += any(normalise(n) in forms for n in after)
    print("candidate recall (the ceiling of any ranking): labelled actors found among")
    for type_ in ("PER", "ORG", "LOC", "untagged", "all"):
        counts = {
            k: sum(v for (t, kk), v in found.items() if kk == k and (type_ == "all" or t == type_))
            for k in ("labelled", "weighed", "eligible")
        }
        n = max(counts["labelled"], 1)
        print(
            f"  {type_:>8}: {counts['labelled']:4d} labelled, weighed {counts['weighed'] / n:.3f}, "
            f"eligible (after the display rules) {counts['eligible'] / n:.3f}"
        )


def _matrix(cases: list[Case], model: tuple) -> tuple[np.ndarray, np.ndarray]:
    rows = [[c.vector()[i] for i in model] for case in cases for c in case.candidates]
    wanted = [w for case in cases for w in case.wanted]
    return np.array(rows, dtype=float).reshape(-1, len(model)), np.array(wanted, dtype=float)


def fit(cases: list[Case], model: tuple, l2: float = L2) -> tuple[tuple[float, ...], float]:
    """Logistic regression by Newton's method, L2 on standardised inputs (not on the bias), folded back to raw
    inputs so :func:`probabilities` reads the raw features."""
    x, y = _matrix(cases, model)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / std])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2 * len(x) / 100)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        step = np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty), z.T @ (p - y) + penalty * w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = w[1:] / std
    bias = w[0] - float((w[1:] * mean / std).sum())
    return tuple(float(v) for v in weights), float(bias)


def prf(tp: int, shown: int, wanted: int) -> tuple[float, float, float]:
    p, r = tp / max(shown, 1), tp / max(wanted, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def scored(cases: list[Case], pick) -> tuple[float, float, float]:
    """Precision, recall and F1 over ``cases`` of the names ``pick(case)`` shows (the bench's scoring)."""
    tp = shown = wanted = 0
    for case in cases:
        hits, s, w = score(pick(case), case.labels)
        tp, shown, wanted = tp + hits, shown + s, wanted + w
    return prf(tp, shown, wanted)


def hand(case: Case) -> list[str]:
    return [n for n, s in zip(case.names, case.shown, strict=True) if s]


def learned(model: tuple, weights, bias: float, threshold: float):
    def pick(case: Case) -> list[str]:
        return [case.names[i] for i in chosen(probabilities(case.candidates, model, weights, bias), threshold)]

    return pick


def reordered(model: tuple, weights, bias: float):
    """As many as the hand cut shows, in the model's order: the ranking alone, the count held."""

    def pick(case: Case) -> list[str]:
        p = probabilities(case.candidates, model, weights, bias)
        return [case.names[i] for i in sorted(range(len(p)), key=lambda i: -p[i])[: sum(case.shown)]]

    return pick


THRESHOLDS = tuple(round(0.05 * t, 2) for t in range(1, 17))


def best_threshold(cases: list[Case], model: tuple, weights, bias: float) -> float:
    """The threshold of the best F1 on ``cases`` (the training sets), the higher of equals (fewer shown)."""
    return max(THRESHOLDS, key=lambda t: (round(scored(cases, learned(model, weights, bias, t))[2], 4), t))


def cross_sets(cases: list[Case], sets: list[str]) -> None:
    """Each model trained on all sets but one (threshold by their F1) and scored on that one, beside the hand cut;
    ``reordered``: the hand cut's count per story, the model's order."""
    print(f"\ncross-set check: trained on the other sets, scored on the named one (P/R/F1; L2 {L2})")
    hand_scores = [scored([c for c in cases if c.set_name == held], hand) for held in sets]
    rows = [("hand cut", hand_scores, None)]
    for name, model in MODELS.items():
        got, kept = [], []
        for held in sets:
            train = [c for c in cases if c.set_name != held]
            test = [c for c in cases if c.set_name == held]
            weights, bias = fit(train, model)
            threshold = best_threshold(train, model, weights, bias)
            got.append((*scored(test, learned(model, weights, bias, threshold)), threshold))
            kept.append(scored(test, reordered(model, weights, bias)))
        rows.append((name, got, kept))
    for name, got, kept in rows:
        cells = "  ".join(f"{g[0]:.3f}/{g[1]:.3f}/{g[2]:.3f}" + (f" t{g[3]:.2f}" if len(g) > 3 else "") for g in got)
        mean = np.mean([g[:3] for g in got], axis=0)
        print(f"  {name:>46}: {cells}  | mean {mean[0]:.3f}/{mean[1]:.3f}/{mean[2]:.3f}")
        if kept:
            mean = np.mean(kept, axis=0)
            print(f"  {'reordered':>46}: mean {mean[0]:.3f}/{mean[1]:.3f}/{mean[2]:.3f}")


def in_sample(cases: list[Case], sets: list[str]) -> None:
    """Each model fitted and scored on all the sets at once: what it could do at best, overfitting allowed."""
    print("\nin sample: fitted and scored on all the sets (mean P/R/F1 of the sets)")
    for name, model in MODELS.items():
        weights, bias = fit(cases, model)
        pick = learned(model, weights, bias, best_threshold(cases, model, weights, bias))
        mean = np.mean([scored([c for c in cases if c.set_name == s], pick) for s in sets], axis=0)
        print(f"  {name:>46}: {mean[0]:.3f}/{mean[1]:.3f}/{mean[2]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", help="corpus files (JSONL) and seed folders")
    parser.add_argument("--sets", default=",".join(TUNING), help="tuning label sets (never blind2, blind3)")
    parser.add_argument("--database", metavar="FILE", help="the bench's SQLite file (built when missing)")
    parser.add_argument("--dump", metavar="TSV", help="write each candidate's features and labels here")
    parser.add_argument("--cache", metavar="JSON", help="keep the computed cases here (read back when present)")
    parser.add_argument("--fit", metavar="MODEL", choices=MODELS, help="fit MODEL on all the sets, print its weights")
    args = parser.parse_args()
    sets = args.sets.split(",")
    if HELD_OUT & set(sets):
        parser.error("the held-out sets are scored by the lead only")
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        cases = [
            Case(**{**d, "candidates": [Candidate(**c) for c in d["candidates"]]})
            for d in json.loads(cache.read_text())
        ]
    else:
        database = Path(args.database) if args.database else Path(tempfile.mkdtemp()) / "bench.sqlite"
        cases = collect([Path(p) for p in args.paths], database, sets)
        if cache:
            cache.write_text(json.dumps([asdict(c) for c in cases], ensure_ascii=False))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            out.write("\t".join(("set", "story", "name", "shown", "wanted", *FEATURES)) + "\n")
            for case in cases:
                for name, c, s, w in zip(case.names, case.candidates, case.shown, case.wanted, strict=True):
                    values = (f"{v:.4f}" for v in c.vector())
                    out.write(
                        "\t".join((case.set_name, str(case.story), name, str(int(s)), str(int(w)), *values)) + "\n"
                    )
    for set_name in sets:
        h = scored([c for c in cases if c.set_name == set_name], hand)
        print(f"hand cut on {set_name}: P {h[0]:.3f} R {h[1]:.3f} (as bench/actors.py)")
    ceiling(cases)
    cross_sets(cases, sets)
    in_sample(cases, sets)
    if args.fit:
        model = MODELS[args.fit]
        weights, bias = fit(cases, model)
        threshold = best_threshold(cases, model, weights, bias)
        print(f"\n{args.fit} on all the sets: bias {bias:+.4f}, threshold {threshold:.2f}")
        for i, w in zip(model, weights, strict=True):
            print(f"  {FEATURES[i]:>30}: {w:+.4f}")


if __name__ == "__main__":
    main()
