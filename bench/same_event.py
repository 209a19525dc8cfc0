"""How close two stories' centroids are when they are one event the grouping split, and when they are two events.

    mawjaz --database sqlite:////tmp/ant.sqlite ingest ../shared/data/ant_multisource_v2.1/*.jsonl
    python bench/same_event.py sqlite:////tmp/ant.sqlite

Pairs of stories from the same labelled days (``bench/data/stories_*.tsv``, single-article labels left out)
whose articles' labels say one event ("split pairs") or two ("different-event pairs"), and how many of each
a threshold would merge: on the centroid cosine, on the cosine of the ten heaviest terms, and on the
headlines' term overlap (the baseline). The digest shows one of two stories whose centroids reach
:data:`mawjaz.digest.rank.SAME_EVENT`, chosen here as the lowest threshold that merges no different-event pair.

Then the digest's full test (:func:`mawjaz.digest.rank.same_event`): near centroids (≥ ``NEAR``) whose
headlines and leads, places out, share rare terms (idf over the stories of that labelled set, as a day's
candidates; ≥ ``SHARED``), at the chosen values and around them.
"""

from __future__ import annotations

import collections
import csv
import itertools
import sys
from datetime import UTC, datetime
from pathlib import Path

from mawjaz.digest import rank
from mawjaz.digest.pick import event_terms
from mawjaz.digest.rank import Candidate, cosine, rarities, same_event
from mawjaz.storage import driver, story_index
from mawjaz.storage import stories as stories_repo
from mawjaz.storage.engine import make_engine, reading
from mawjaz.text.tokens import index_terms

LABELS = [
    Path(__file__).resolve().parent / "data" / name
    for name in ("stories_dev.tsv", "stories_check.tsv", "stories_check2.tsv", "stories_blind3.tsv")
]
COPIES = (
    "SELECT c.external_id, a.story_id, s.headline FROM article_copies c"
    " JOIN articles a ON a.id = c.article_id JOIN stories s ON s.id = a.story_id"
)


def gold_labels() -> dict[str, str]:
    gold = {}
    for path in LABELS:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if not row["story_label"].startswith("single_"):
                    gold[row["id"]] = f"{path.name}:{row['story_label']}"
    return gold


def heaviest(weights: dict[str, float], k: int = 10) -> dict[str, float]:
    return dict(sorted(weights.items(), key=lambda item: -item[1])[:k])


def overlap(a: str, b: str) -> float:
    terms_a, terms_b = set(index_terms(a)), set(index_terms(b))
    return len(terms_a & terms_b) / max(1, len(terms_a | terms_b))


def main(url: str) -> None:
    gold = gold_labels()
    engine = make_engine(url)
    with reading(engine) as session:
        votes: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
        headlines = {}
        for external_id, story_id, headline in driver.execute(session, COPIES).all():
            headlines[story_id] = headline
            if external_id in gold:
                votes[story_id][gold[external_id]] += 1
        label = {story_id: counter.most_common(1)[0][0] for story_id, counter in votes.items()}
        centroids = story_index.centroids(session, list(label))
        texts = {s.id: f"{s.headline} {s.summary}" for s in stories_repo.by_ids(session, list(label))}
        actors = stories_repo.actors_of(session, list(label))
    day = datetime(2018, 5, 14, tzinfo=UTC)  # ranking's fields, unused by same_event
    candidate = {
        i: Candidate(
            i, 1, 0, day, 1, centroids[i], event_terms(texts[i], [a.name for a in actors[i] if a.type == "LOC"])
        )
        for i in label
    }
    rarity = {
        name: rarities([c for i, c in candidate.items() if label[i].split(":")[0] == name])
        for name in {value.split(":")[0] for value in label.values()}
    }
    split, different = [], []
    wrongly: list[str] = []
    full: dict[tuple[float, float], list[int]] = collections.defaultdict(lambda: [0, 0])
    for a, b in itertools.combinations(label, 2):
        if label[a].split(":")[0] != label[b].split(":")[0]:
            continue  # only stories of the same labelled days are compared
        scores = (
            cosine(centroids[a], centroids[b]),
            cosine(heaviest(centroids[a]), heaviest(centroids[b])),
            overlap(headlines[a], headlines[b]),
        )
        (split if label[a] == label[b] else different).append(scores)
        for near, shared in itertools.product((0.15, rank.NEAR, 0.25), (8.0, rank.SHARED, 12.0)):
            pool = rarity[label[a].split(":")[0]]
            merges = same_event(candidate[a], candidate[b], pool, near, shared)
            full[near, shared][label[a] != label[b]] += merges
            if merges and label[a] != label[b] and (near, shared) == (rank.NEAR, rank.SHARED):
                wrongly.append(f"{label[a]} / {label[b]}: {headlines[a][:60]} / {headlines[b][:60]}")
    print(f"{len(split)} split pairs (one labelled event, two stories); {len(different)} different-event pairs")
    for name, k in (("centroid cosine", 0), ("top-10 cosine", 1), ("headline overlap", 2)):
        for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
            merged = sum(s[k] >= threshold for s in split)
            wrong = sum(s[k] >= threshold for s in different)
            print(
                f"{name:17} >= {threshold:<4}: merges {merged:>2}/{len(split)} split pairs, "
                f"{wrong:>2}/{len(different)} different-event pairs"
            )
    for (near, shared), (merged, wrong) in sorted(full.items()):
        print(
            f"same_event NEAR {near:<4} SHARED {shared:<4}: merges {merged:>2}/{len(split)} split pairs, "
            f"{wrong:>2}/{len(different)} different-event pairs"
        )
    for pair in wrongly:
        print(f"  merged, yet two labelled events: {pair}")


if __name__ == "__main__":
    main(sys.argv[1])
