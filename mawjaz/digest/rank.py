"""Which stories a reader's digest shows, in which order: today's importance, one slot per event, nothing repeated.

Pure functions over :class:`Candidate` values (what storage tells of each
story that moved inside the reader's window); :mod:`mawjaz.digest.pick` reads
them and applies the reader's history.

* **Importance** is what happened *inside the window*, not how big a story
  has grown since it began: the distinct outlets that reported it in the
  window, plus a bonus for outlets new to it there (a story spreading), decayed
  by the age of its latest development (half-life :data:`HALF_LIFE`). A
  103-article cluster from last week that one outlet touched this morning no
  longer outranks the event every outlet headlines today.
* **One event, one slot.** Story grouping is online and sometimes splits a big
  event in two; two candidates that are one event (:func:`same_event`) are
  shown once, as the more important one. Close centroids (cosine ≥
  :data:`SAME_EVENT`) are one event. Centroids of an event's reactions drift
  apart (each names its own capital and speaker), so stories whose centroids are
  merely near (≥ :data:`NEAR`) are one event when their headlines and leads also
  share what happened: terms rare among the day's candidates (idf-weighted, at
  least :data:`SHARED`), their places left out — a place is where two events
  meet, not what makes them one.
* **Nothing repeated**: a story the reader was shown comes back only when it
  has articles they have not seen (and is marked as an update).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

HALF_LIFE = timedelta(hours=12)
NEW_OUTLET_BONUS = 0.5  # an outlet new to the story inside the window counts one and a half
SAME_EVENT = 0.4  # centroid cosine from which two stories are one event: bench/same_event.py (merges 5 of 52
# split pairs and 0 of 2,259 different-event pairs on the three labelled sets; 0.35 merges one wrong pair)
NEAR = 0.2  # centroid cosine from which shared headline-and-lead terms decide
SHARED = 10.0  # idf weight (natural log, over the day's candidates) of the terms two near stories share


@dataclass(frozen=True, slots=True)
class Candidate:
    """One story that moved inside the window, as ranking sees it."""

    story_id: int
    outlets: int  # distinct outlets with an article inside the window
    new_outlets: int  # of those, outlets that had not carried the story before the window
    last_seen: datetime  # its latest development
    article_count: int  # all its articles: what a reader's history compares
    centroid: Mapping[str, float]  # its term weights (story_index), for telling one event from two
    terms: frozenset[str] = field(default_factory=frozenset)  # its headline's and lead's index terms, places out


def importance(candidate: Candidate, now: datetime) -> float:
    """Outlets inside the window (new ones weigh more), halved for every :data:`HALF_LIFE` since the latest article.

    >>> from datetime import UTC
    >>> now = datetime(2018, 5, 14, 5, tzinfo=UTC)
    >>> fresh = Candidate(1, 5, 5, now, 5, {})
    >>> stale = Candidate(2, 5, 0, now - HALF_LIFE, 90, {})
    >>> importance(fresh, now) > importance(stale, now)
    True
    """
    age = max((now - candidate.last_seen).total_seconds(), 0.0)
    weight = candidate.outlets + NEW_OUTLET_BONUS * candidate.new_outlets
    return weight * 0.5 ** (age / HALF_LIFE.total_seconds())


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    dot = sum(w * b.get(term, 0.0) for term, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def ranked(candidates: Sequence[Candidate], now: datetime) -> list[Candidate]:
    """Most important first; of stories that are one event, only the first (ties: the newer story id first)."""
    return [candidate for candidate, _ in events(candidates, now)]


def events(candidates: Sequence[Candidate], now: datetime) -> list[tuple[Candidate, int]]:
    """:func:`ranked`'s stories, each with how many other stories of its event it stands for (in ranking order).

    Ages count from ``now`` or from the newest development, whichever is earlier: the order is the same, and an
    old corpus (a digest of 2018 read today) does not decay to zero.
    """
    if candidates:
        now = min(now, max(c.last_seen for c in candidates))
    order = sorted(candidates, key=lambda c: (-importance(c, now), -c.story_id))
    rarity = rarities(candidates)
    kept: list[Candidate] = []
    others: list[int] = []
    for candidate in order:
        matches = [n for n, other in enumerate(kept) if same_event(candidate, other, rarity)]
        if not matches:
            kept.append(candidate)
            others.append(0)
        else:  # it counts under the story it is closest to
            others[max(matches, key=lambda n: cosine(candidate.centroid, kept[n].centroid))] += 1
    return list(zip(kept, others, strict=True))


def rarities(candidates: Sequence[Candidate]) -> dict[str, float]:
    """Each headline-and-lead term's idf among ``candidates``: a term every story uses (a weekday) weighs nothing."""
    counts = Counter(term for candidate in candidates for term in candidate.terms)
    return {term: math.log(len(candidates) / count) for term, count in counts.items()}


def same_event(
    a: Candidate, b: Candidate, rarity: Mapping[str, float], near: float = NEAR, shared: float = SHARED
) -> bool:
    """Whether two stories are one event: close centroids, or near ones whose headlines and leads share rare terms.

    >>> said = frozenset({"مقتل", "عشرات"})
    >>> one = Candidate(1, 3, 0, datetime(2018, 5, 14), 3, {"غزه": 1.0, "كويت": 1.0, "مجلس": 1.0}, said)
    >>> two = Candidate(2, 3, 0, datetime(2018, 5, 14), 3, {"غزه": 1.0, "فرنسا": 1.0, "دعوه": 1.0}, said)
    >>> same_event(one, two, {"مقتل": 6.0, "عشرات": 6.0}), same_event(one, two, {"مقتل": 1.0, "عشرات": 1.0})
    (True, False)
    """
    closeness = cosine(a.centroid, b.centroid)
    if closeness >= SAME_EVENT:
        return True
    return closeness >= near and sum(rarity.get(term, 0.0) for term in a.terms & b.terms) >= shared


def unseen(candidates: Sequence[Candidate], seen: Mapping[int, int]) -> tuple[list[Candidate], set[int]]:
    """The candidates with something the reader has not seen, and which of them are updates of shown stories.

    ``seen``: story id → its article count when the reader was last shown it.
    A story shown with as many articles as it has now is left out.
    """
    kept, updates = [], set()
    for candidate in candidates:
        before = seen.get(candidate.story_id)
        if before is None:
            kept.append(candidate)
        elif candidate.article_count > before:
            kept.append(candidate)
            updates.add(candidate.story_id)
    return kept, updates
