"""Quality never drops unnoticed: each figure of floors.toml, computed on repository-held samples, meets its floor.

The figures and why they are computed on these samples are in qualitykit.py;
the floors, their margin and its reason in floors.toml. The whole gate runs in
a few seconds (the samples go through the real pipeline on SQLite).
"""

from __future__ import annotations

import pytest
import qualitykit


def test_every_gated_figure_has_a_floor_and_every_floor_a_figure():
    assert set(qualitykit.floors()) == set(qualitykit.FIGURES)


@pytest.mark.parametrize("name", sorted(qualitykit.FIGURES))
def test_the_figure_meets_its_floor(name, tmp_path):
    value = qualitykit.FIGURES[name](tmp_path)
    floor = qualitykit.floors()[name]
    assert value >= floor, f"{name} fell to {value:.4f}, below its floor {floor} (tests/quality/floors.toml)"


def test_entity_spans_are_read_strictly_as_bench_ner_scores_them():
    """An I- tag that continues nothing is no entity; a type change ends a span."""
    tags = ["B-PER", "I-PER", "O", "I-ORG", "B-LOC", "I-ORG", "B-ORG"]
    assert qualitykit.entities(tags) == {("PER", 0, 2), ("LOC", 4, 5), ("ORG", 6, 7)}


def test_the_ner_figure_is_seqevals_strict_f1():
    """The same tags score 4/9 with seqeval's ``f1_score(mode="strict", scheme=IOB2)`` (bench/ner.py's metric, checked
    once with seqeval 1.2.2: it is a bench extra, not installed for the tests)."""
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["O", "I-ORG", "B-ORG", "I-ORG"], ["B-LOC", "I-LOC", "I-LOC"]]
    guess = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "B-ORG", "I-ORG"], ["B-LOC", "I-LOC", "O"]]
    right = sum(len(qualitykit.entities(g) & qualitykit.entities(p)) for g, p in zip(gold, guess, strict=True))
    found = sum(len(qualitykit.entities(t)) for t in gold + guess)
    assert 2 * right / found == pytest.approx(4 / 9)
