"""What every fuzz test shares: one settings profile, the invariants every reader output must hold, a tally.

The profile is derandomised (the same examples on every run, so CI is never
flaky) and bounded (``max_examples`` per test, set so the whole folder runs
in well under a minute on two cores).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from hypothesis import HealthCheck, settings

from mawjaz.ingest.record import Article, Problem

TRIED: Counter[str] = Counter()
"""Hostile cases tried, by kind; printed at the end of the session (see conftest)."""

KNOWN_BUGS: dict[str, Callable[[BaseException], bool]] = {}
"""Crashes in code outside these tests, each reproduced by a strict xfail in ``test_known_bugs.py``.

Until they are fixed the fuzz tests count them instead of stopping at the
first, so the rest of the input space is still explored. When one is fixed,
its xfail passes and fails the run: delete it here and there.
"""
KNOWN_HITS: Counter[str] = Counter()

_CONTROLS = re.compile(r"[\x00-\x08\x0B-\x1F\x7F-\x9F]")


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


def read_all(items: Iterable[object]) -> list[Article | Problem]:
    """:func:`check_items` over a reader's stream; a known bug ends the stream (counted), anything else raises."""
    try:
        return check_items(items)
    except Exception as exc:
        for name, matches in KNOWN_BUGS.items():
            if matches(exc):
                KNOWN_HITS[name] += 1
                return []
        raise


def check_items(items: Iterable[object]) -> list[Article | Problem]:
    """Every item is an Article or a Problem, and each is clean: the promises readers make to storage.

    Markup is not checked here: ``&lt;script&gt;`` in a source is the text
    "<script>", shown escaped; tags themselves are checked where they are sent.
    """
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
        assert item.published is None or item.published.utcoffset() is not None
    return found
