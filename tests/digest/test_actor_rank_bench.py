"""The learned-ranking check of ``bench/actor_rank.py`` (issue 17, session 17) scores a model as the actors bench
scores the hand cut: each editor's actor matched once, the top candidate always shown, at most eight."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # the benches are imported as bench.<name>
if str(ROOT / "bench") not in sys.path:
    sys.path.append(str(ROOT / "bench"))  # bench/actor_rank.py imports bench/actors.py as «actors»

from bench.actor_rank import Candidate, Case, _matched, chosen, fit, scored  # noqa: E402


def _candidate(relative: float, rank: int, type_: str = "PER") -> Candidate:
    return Candidate(relative, rank, 4, 2, 1, 1, 3, type_, rank == 0, False, 2)


def test_a_candidate_is_an_editors_actor_once_whatever_its_spelling():
    labels = [["مولود تشاوش أوغلو", "مولود شاويش أوغلو"], ["تركيا"]]
    assert _matched(["مولود شاويش أوغلو", "تركيا", "مولود تشاوش أوغلو", "العراق"], labels) == [True, True, False, False]


def test_the_top_candidate_is_always_shown_and_never_more_than_eight():
    assert chosen([0.1, 0.05], threshold=0.5) == [0]
    assert chosen([0.2, 0.9, 0.6, 0.4], threshold=0.5) == [1, 2]
    assert len(chosen([0.9] * 12, threshold=0.5)) == 8


def test_the_fit_learns_that_a_higher_score_means_an_editors_actor():
    cases = [
        Case(
            "dev",
            n,
            [["أ"], ["ب"]],
            ["أ", "ب", "ج", "د"],
            [_candidate(r, i) for i, r in enumerate((1, 0.6, 0.1, 0.05))],
            [True, True, True, False],
            [True, True, False, False],
            [],
        )
        for n in range(5)
    ]
    weights, _bias = fit(cases, (0,))
    assert weights[0] > 0
    assert scored(cases, lambda case: case.names[:2]) == (1.0, 1.0, 1.0)
