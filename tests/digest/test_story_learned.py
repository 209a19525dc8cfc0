"""The learned join decision's bench (``bench/story_learned.py``, issue 18, session 17): what it logs at each
placement and how it fits must be right for its negative result to mean anything. Each decision is one
article's: its candidates' features and, for each, whether the candidate holds the article's labelled event."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fixtures import news

from mawjaz.digest import vectors
from mawjaz.text import specifics
from mawjaz.text.fingerprint import terms_of
from mawjaz.text.weights import shipped

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "bench") not in sys.path:
    sys.path.append(str(ROOT / "bench"))  # story_learned imports story_replay and stories as the benches do

import story_learned as learned  # noqa: E402
import story_replay as rp  # noqa: E402

MORNING = datetime(2026, 11, 18, 5, 0, tzinfo=UTC)


def item(number: int, title: str, body: str, label: str, hours: float) -> rp.Item:
    return rp.Item(
        number,
        title,
        vectors.article_vector(title, body, shipped()),
        MORNING + timedelta(hours=hours),
        frozenset(terms_of(title)),
        frozenset(),
        frozenset(),
        frozenset(),
        0,
        label,
        specifics.days_named(title, body),
    )


ITEMS = [
    item(1, news.QUAKE_TITLE, news.QUAKE_WIRE, "quake", 0),
    item(2, news.BUDGET_TITLE, news.BUDGET, "budget", 1),
    item(3, news.QUAKE_OTHER_TITLE, news.QUAKE_OTHER_OUTLET, "quake", 2),
    item(4, news.FLOOD_TITLE, news.FLOOD, "flood", 3),
    item(5, news.QUAKE_FOLLOW_UP_TITLE, news.QUAKE_FOLLOW_UP, "quake", 20),
    item(6, news.BUDGET_OTHER_TITLE, news.BUDGET_OTHER_OUTLET, "budget", 21),
]


def test_a_candidate_is_right_when_most_of_its_labelled_articles_are_the_articles_event():
    story = rp.Story(1, {}, 1.0, MORNING, MORNING, members=[ITEMS[0], ITEMS[2], ITEMS[1]])
    assert learned.story_label(story) == "quake"


def test_each_decision_logs_every_candidate_and_counts_the_ceiling():
    rows: list[learned.Row] = []
    tally = learned.Tally()
    placed = rp.replay(ITEMS, hook=learned.logger(rows, tally, learned.rules, learned.NAMES))
    assert tally.articles == len(ITEMS)
    assert tally.earlier == 3  # the quake's second and third reports, the budget's second
    assert tally.among <= tally.alive <= tally.earlier
    assert all(len(row.x) == len(learned.NAMES) for row in rows)
    assert any(row.gold for row in rows) and placed[1] == placed[3]  # the two outlets' quake reports are one story


def test_the_labels_choosing_among_the_candidates_make_no_wrong_join():
    tally = learned.Tally()
    rp.replay(ITEMS, hook=learned.logger([], tally, learned.oracle, learned.NAMES))
    assert tally.wrong_join == tally.wrong_story == tally.missed == 0
    assert tally.right == tally.articles


def test_the_fit_is_deterministic_and_learns_a_separable_decision():
    rows = [learned.Row([s / 10, 0.0], s >= 5) for s in range(10)] * 3
    one, two = learned.fit(rows, ("score", "member")), learned.fit(rows, ("score", "member"))
    assert one.raw() == two.raw()
    assert one.probability([0.9, 0.0]) > 0.5 > one.probability([0.1, 0.0])
    assert one.raw()[0]["member"] == 0.0  # a feature that never varies gets no weight


def test_a_veto_only_refuses_the_rules_join_and_an_add_only_places_what_the_rules_did_not():
    rows = [learned.Row([s / 10], s >= 5) for s in range(10)]
    base = learned.fit(rows, ("score",))
    veto = learned.Model(base.names, base.mean, base.scale, base.weights, base.bias, 0.99, "veto")
    add = learned.Model(base.names, base.mean, base.scale, base.weights, base.bias, 0.01, "add")
    decisions: list[tuple[rp.Decision, int | None]] = []
    rp.replay(ITEMS, hook=lambda d, target: decisions.append((d, target)) or target)
    for decision, target in decisions:
        assert learned.chooser(veto)(decision, target) in (target, None)
        if target is not None:
            assert learned.chooser(add)(decision, target) == target
        assert learned.chooser(veto)(decision, None) is None
