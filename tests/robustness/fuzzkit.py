"""What every fuzz test shares: one settings profile, the invariants every reader output must hold, a tally.

The profile is derandomised (the same examples on every run, so CI is never
flaky) and bounded (``max_examples`` per test, set so the whole folder runs
in well under a minute on two cores).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from hypothesis import HealthCheck, settings

from mawjaz.ingest.record import Article, Problem

TRIED: Counter[str] = Counter()
"""Hostile cases tried, by kind; printed at the end of the session (see conftest)."""

_CONTROLS = re.compile(r"[\x00-\x08\x0B-\x1F\x7F-\x9F]")
_TAG = re.compile(r"<\s*/?\s*(script|style|iframe|b|i|a|p|div)\b", re.IGNORECASE)


def fuzz(max_examples: int) -> settings:
    """The shared profile with ``max_examples`` cases."""
    return settings(
        max_examples=max_examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )


def tried(kind: str, count: int = 1) -> None:
    TRIED[kind] += count


def check_items(items: Iterable[object]) -> list[Article | Problem]:
    """Every item is an Article or a Problem, and each is clean: the promises readers make to storage."""
    found = list(items)
    for item in found:
        assert isinstance(item, Article | Problem), f"a reader yielded {type(item).__name__}"
        if isinstance(item, Problem):
            assert item.where and item.why.strip(), f"a Problem without a reason: {item!r}"
            continue
        assert item.title.strip() and item.body.strip(), f"an empty article got through: {item!r}"[:300]
        assert "\n" not in item.title, f"a title on two lines: {item.title!r}"
        for field in (item.title, item.body, item.source):
            assert not _CONTROLS.search(field), f"control characters kept: {field[:120]!r}"
        assert not _TAG.search(item.title), f"markup left in a title: {item.title!r}"
        assert item.published is None or item.published.utcoffset() is not None
    return found
