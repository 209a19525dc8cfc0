"""A learned join decision for the stories, measured across the tuning sets (issue 18, session 17).

    .venv/bin/python bench/story_learned.py [ANT_V2_1.jsonl] [--jawhara JAWHARAFM.jsonl]
        [--workdir /tmp/mawjaz-replay] [--sets dev,dev2,check] [--pairs] [--rounds 2] [--log FILE.tsv]

Each article's placement is one decision: join one of its candidate stories
(at most :data:`mawjaz.digest.stories._CHECKED`, best event score first, as
:func:`mawjaz.digest.stories.candidates` finds them) or start a story. This
script replays the ingest of the tuning sets in memory
(:func:`story_replay.replay`, the model of :func:`mawjaz.digest.stories.assign`)
and, at every decision, logs the features of each candidate
(:func:`candidate_features`: the event score and its parts, time since the
story's latest and first article, size, closest latest article, headline
twins, core and specifics, the figures/places/days that set two events
apart) and its gold label: whether the majority of the candidate story's
labelled articles are in the article's labelled event.

It prints the ceiling (how often the article's labelled story is among the
candidates at all), then fits a logistic regression (numpy, L2, Newton's
method) with cross-validation ACROSS sets: for each set, the model is fitted
on the other sets' decisions (logged while the rules place them, then
``--rounds`` − 1 more times while the model itself places them, so that it
learns from the states it leads to), its cut chosen on those sets, and the set
is then placed by the model: decision accuracy and B-cubed against the rules
on the same set. ``--pairs`` also scores the different-event pairs with the
model fitted on every set. Held-out sets are never read here: only the
tuning sets are accepted.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import stories as bench  # noqa: E402  (bench/stories.py)
import story_replay as rp  # noqa: E402

from mawjaz.digest import stories  # noqa: E402
from mawjaz.digest.rank import cosine  # noqa: E402

TUNING = ("dev", "dev2", "check")  # check2, blind3 and blind4 are held out: never read here

NAMES = (
    "score",  # the event score, after the place share and the figures/places apart (0 when refused)
    "close",  # the decayed cosine alone
    "non_place",  # the undecayed cosine's part from non-place terms
    "place_share",
    "figures",  # shared figures (0-2)
    "log_quiet",  # hours since the story's latest article
    "log_age",  # hours since its first
    "log_size",
    "member",  # cosine with the closest of its MEMBERS_READ latest articles
    "twins",  # a headline twin among its latest headlines (stories.headline_twins)
    "core",  # the article's headline holds its headline core (stories.headline_core)
    "specific",  # a latest headline shares a non-place term of idf 4+ (stories.shares_specifics)
    "headline",  # share of the article's headline terms its latest headlines hold
    "figures_apart",
    "places_apart",
    "days_apart",  # its latest leads name weekdays, none the article's
    "first",  # the best-scoring candidate
    "margin",  # its score minus the best other candidate's
)
WITH_RULES = (*NAMES, "rules")  # ``--with-rules``: also whether the rules join this candidate (learn when to overrule)
EXTRA = ("size_score",)  # for ``--names``: the score times log size (a big story's weak join)


def candidate_features(d: rp.Decision, i: int, rules: int | None = None) -> dict[str, float]:
    """What the decision may read of candidate ``i``: all of it bounded reads of the story's latest articles
    (as the members, twins and core rules read), nothing all-pairs."""
    item, story, f = d.item, d.found[i], d.feats[i]
    latest = sorted(story.members, key=lambda m: m.id)
    headlines = [m.headline_terms for m in latest[-stories.HEADLINES_READ :]]
    members = latest[-stories.MEMBERS_READ :]
    theirs_days = frozenset().union(*(m.days for m in members))
    age = max(0.0, (item.moment - story.first).total_seconds() / 3600)
    core = stories.headline_core(headlines)
    union = frozenset().union(*headlines)
    others = [d.scored[j] for j in d.kept if j != i]
    return {
        "score": d.scored[i],
        "close": d.close[i],
        "non_place": f["non_place"],
        "place_share": f["place_share"],
        "figures": f["figures"],
        "log_quiet": f["log_quiet"],
        "log_age": math.log1p(age),
        "log_size": f["log_size"],
        "member": max((cosine(item.vector, m.vector) for m in members), default=0.0),
        "twins": float(any(stories.headline_twins(h, item.headline_terms) for h in headlines)),
        "core": float(bool(core) and core <= item.headline_terms),
        "specific": float(stories.shares_specifics(headlines, item.headline_terms)),
        "headline": len(item.headline_terms & union) / max(1, len(item.headline_terms)),
        "figures_apart": f["figures_apart"],
        "places_apart": f["places_apart"],
        "days_apart": float(bool(item.days) and bool(theirs_days) and not theirs_days & item.days),
        "first": float(i == d.kept[0]),
        "margin": d.scored[i] - max(others, default=0.0),
        "rules": float(i == rules),
        "size_score": d.scored[i] * f["log_size"],
    }


def story_label(story: rp.Story) -> str | None:
    return Counter(m.label for m in story.members).most_common(1)[0][0]


@dataclass
class Row:
    """One (decision, candidate): its features and whether it is the article's labelled story."""

    x: list[float]
    gold: bool
    rules: bool = False  # the rules join this candidate
    started: bool = False  # the rules start a story instead of any candidate


@dataclass
class Tally:
    """Per set: the ceiling and the decisions' accuracy."""

    articles: int = 0
    earlier: int = 0  # an earlier article of its labelled event exists
    alive: int = 0  # ... and a story in the window is labelled with its event
    among: int = 0  # ... and that story is among the candidates
    right: int = 0  # decisions right: a labelled story joined, or a story started when none was a candidate
    wrong_join: int = 0  # joined another event's story, its own not a candidate
    wrong_story: int = 0  # joined another event's story, its own a candidate
    missed: int = 0  # started a story, its own a candidate

    def ceiling(self) -> str:
        return (
            f"{self.articles} articles; {self.earlier} have an earlier article of their event, "
            f"{self.alive} a story of it in the window, {self.among} among the candidates "
            f"({self.among / max(1, self.earlier):.1%} of those that should join)"
        )


def logger(
    rows: list[Row], tally: Tally, choose: Callable[[rp.Decision, int | None], int | None], names: Sequence[str]
) -> rp.Hook:
    """A replay hook that logs every candidate's features and label, counts the ceiling, and places the
    article as ``choose`` says."""
    seen: set[str | None] = set()

    def hook(d: rp.Decision, rules: int | None) -> int | None:
        item = d.item
        tally.articles += 1
        if item.label in seen:
            tally.earlier += 1
            live = [
                s
                for s in d.found.values()
                if s.into is None and s.last >= item.moment - rp.WINDOW and story_label(s) == item.label
            ]
            tally.alive += bool(live)
            tally.among += any(story_label(d.found[i]) == item.label for i in d.kept)
        seen.add(item.label)
        golds = {i: story_label(d.found[i]) == item.label for i in d.kept}
        for i in d.kept:
            f = candidate_features(d, i, rules)
            rows.append(Row([f[n] for n in names], golds[i], i == rules, rules is None))
        target = choose(d, rules)
        tally.right += golds[target] if target is not None else not any(golds.values())
        if target is not None and not golds[target]:
            tally.wrong_story += any(golds.values())
            tally.wrong_join += not any(golds.values())
        tally.missed += target is None and any(golds.values())
        return target

    return hook


# ----------------------------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Model:
    """A logistic regression over ``names`` (standardised inside: ``mean``, ``scale``) and a cut."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    cut: float = 0.5
    mode: str = "replace"  # "add": only places an article the rules start a story with; "veto": only refuses

    def probability(self, x: Sequence[float]) -> float:
        z = self.bias + float(((np.asarray(x) - self.mean) / self.scale) @ self.weights)
        return 1 / (1 + math.exp(-z))

    def raw(self) -> tuple[dict[str, float], float]:
        """The weights on the unstandardised features, and the bias: what would ship."""
        w = self.weights / self.scale
        return dict(zip(self.names, (float(v) for v in w), strict=True)), self.bias - float(self.mean @ w)


def fit(rows: Sequence[Row], names: tuple[str, ...], l2: float = 1.0, mode: str = "replace") -> Model:
    """Newton's method on the L2-penalised log-loss (the bias unpenalised); deterministic. Mode "veto" learns
    from the rules' joins only, "add" from the candidates of the articles the rules start a story with."""
    if mode == "veto":
        rows = [r for r in rows if r.rules]
    elif mode == "add":
        rows = [r for r in rows if r.started]
    x = np.array([r.x for r in rows], dtype=float)
    y = np.array([r.gold for r in rows], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Model(names, mean, scale, w[:-1], float(w[-1]))


def chooser(model: Model) -> Callable[[rp.Decision, int | None], int | None]:
    """Join the most probable candidate when it reaches the model's cut; else start a story. In mode "add" only
    when the rules start a story; in mode "veto" the rules' join stands unless its probability is under the cut."""

    def choose(d: rp.Decision, rules: int | None) -> int | None:
        if model.mode == "add" and rules is not None:
            return rules
        if model.mode == "veto":
            if rules is None:
                return None
            f = candidate_features(d, rules, rules)
            return rules if model.probability([f[n] for n in model.names]) >= model.cut else None
        best: tuple[float, int] | None = None
        for i in d.kept:
            f = candidate_features(d, i, rules)
            p = model.probability([f[n] for n in model.names])
            if best is None or p > best[0]:
                best = (p, i)
        return best[1] if best is not None and best[0] >= model.cut else None

    return choose


def rules(d: rp.Decision, target: int | None) -> int | None:
    return target


def oracle(d: rp.Decision, target: int | None) -> int | None:
    """The best decision among the same candidates, by the labels: the ceiling of any join decision."""
    return next((i for i in d.kept if story_label(d.found[i]) == d.item.label), None)


# ---------------------------------------------------------------------------------------------- scoring


def bcubed(stored: rp.Stored, placed: Mapping[int, int]) -> tuple[float, float, float]:
    predicted = {e: placed[a] for a, ids in stored.copies.items() for e in ids}
    assert stored.gold is not None
    return bench.bcubed(predicted, {e: g for e, g in stored.gold.items() if e in predicted})


def run(
    stored: rp.Stored, choose: Callable[[rp.Decision, int | None], int | None], names: Sequence[str] = NAMES
) -> tuple[dict[int, int], Tally, list[Row]]:
    rows: list[Row] = []
    tally = Tally()
    placed = rp.replay(stored.items, hook=logger(rows, tally, choose, names))
    return placed, tally, rows


CUTS = {
    "replace": (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7),
    "add": (0.5, 0.6, 0.7, 0.8, 0.9, 0.95),
    "veto": (0.05, 0.1, 0.15, 0.2, 0.3, 0.4),
}


def trained(
    sets: Mapping[str, rp.Stored], rounds: int, l2: float, names: tuple[str, ...], mode: str = "replace"
) -> Model:
    """A model fitted on ``sets``: first on the decisions logged while the rules place them, then (each further
    round) adding those logged while the model places them; the cut is the training sets' best mean F1."""
    rows: list[Row] = []
    for stored in sets.values():
        rows += run(stored, rules, names)[2]
    model = fit(rows, names, l2, mode)
    for _ in range(rounds - 1):
        for stored in sets.values():
            rows += run(stored, chooser(model), names)[2]
        model = fit(rows, names, l2, mode)
    best: tuple[float, float] | None = None
    model = Model(names, model.mean, model.scale, model.weights, model.bias, 0.5, mode)
    for cut in CUTS[mode]:
        candidate = Model(names, model.mean, model.scale, model.weights, model.bias, cut, mode)
        f = sum(bcubed(s, run(s, chooser(candidate))[0])[2] for s in sets.values()) / len(sets)
        if best is None or f > best[0] + 1e-9:
            best = (f, cut)
    assert best is not None
    return Model(names, model.mean, model.scale, model.weights, model.bias, best[1], mode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=bench.CORPUS)
    parser.add_argument("--jawhara", type=Path, default=bench.JAWHARA)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/mawjaz-replay"))
    parser.add_argument("--sets", default=",".join(TUNING))
    parser.add_argument("--pairs", action="store_true", help="also the different-event pairs, model fitted on all")
    parser.add_argument("--rounds", type=int, default=2, help="fits: 1 on the rules' decisions, more on the model's")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--mode", choices=tuple(CUTS), default="replace")
    parser.add_argument("--names", help="a subset of the features, comma-separated")
    parser.add_argument("--with-rules", action="store_true", help="the rules' choice as one more feature")
    parser.add_argument("--log", type=Path, help="write the rules' logged decisions here (TSV)")
    args = parser.parse_args()
    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    if any(s not in TUNING for s in wanted):
        parser.error(f"tuning sets only: {', '.join(TUNING)}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    ant = bench.read_corpus(args.corpus)
    sets: dict[str, rp.Stored] = {}
    for name in wanted:
        gold = bench.read_labels(bench.SETS[name])
        sets[name] = rp.load(rp.ingest(args.workdir, name, bench.labelled_records(ant, gold, "time")), gold, None)
    print(f"(stored in {args.workdir}; {time.perf_counter() - start:.0f} s)")
    names = WITH_RULES if args.with_rules else NAMES
    if args.names:
        names = tuple(n.strip() for n in args.names.split(","))
        assert set(names) <= {*WITH_RULES, *EXTRA}, names
    print("ceiling, the rules placing each set (replay):")
    baseline: dict[str, tuple[float, float, float]] = {}
    for name, stored in sets.items():
        placed, tally, rows = run(stored, rules, names)
        baseline[name] = bcubed(stored, placed)
        print(f"  {name:<6} {tally.ceiling()}")
        print(
            f"         rules right {tally.right}/{tally.articles}: wrong joins {tally.wrong_join} (own story no"
            f" candidate), {tally.wrong_story} (own story a candidate), {tally.missed} started though it was one"
        )
        op, or_, of = bcubed(stored, run(stored, oracle, names)[0])
        print(
            f"         rules F1 {baseline[name][2]:.3f}; the labels choosing among the same candidates {of:.3f}"
            f" (P {op:.3f}, R {or_:.3f})"
        )
        if args.log:
            with args.log.open("a", encoding="utf-8") as out:
                for row in rows:
                    out.write("\t".join([name, str(int(row.gold)), *(f"{v:.4f}" for v in row.x)]) + "\n")
    print(f"cross-set: fitted on the other sets ({args.rounds} round(s), l2 {args.l2}), scored on one")
    for name, stored in sets.items():
        model = trained({k: v for k, v in sets.items() if k != name}, args.rounds, args.l2, names, args.mode)
        placed, tally, _ = run(stored, chooser(model))
        p, r, f = bcubed(stored, placed)
        _, rules_tally, _ = run(stored, rules)
        bp, br, bf = baseline[name]
        print(
            f"  {name:<6} rules F1 {bf:.3f} (P {bp:.3f}, R {br:.3f}), right {rules_tally.right}/{rules_tally.articles}"
            f" | learned ({model.mode}, cut {model.cut}) F1 {f:.3f} (P {p:.3f}, R {r:.3f}), right {tally.right}/{tally.articles}"
        )
    model = trained(sets, args.rounds, args.l2, names, args.mode)
    weights, bias = model.raw()
    print(f"fitted on {', '.join(sets)} (cut {model.cut}): " + " ".join(f"{n}={w:+.3f}" for n, w in weights.items()))
    print(f"  bias={bias:+.3f}")
    if args.pairs:
        pairs = bench.read_pairs(bench.PAIRS)
        for name, corpus in (("pairs_ant", ant), ("pairs_jaw", bench.read_corpus(args.jawhara))):
            ids = {r.external_id for r in corpus.records}
            mine = [p for p in pairs if p.a in ids and p.b in ids]
            stored = rp.load(rp.ingest(args.workdir, name, bench.pair_batch(corpus, mine, "time")), None, mine)
            print(
                f"  {name:<10} rules {rp.scored(stored, rp.replay(stored.items))}; "
                f"learned {rp.scored(stored, rp.replay(stored.items, hook=lambda d, t: chooser(model)(d, t)))}"
            )


if __name__ == "__main__":
    main()
