"""Synthetic news streams of any length, made from a real corpus, for the ingest benchmark.

The stream keeps the real corpus's *rate* (its articles spread over its days),
so a story window holds as many articles at 100k as at 1k: what grows with
the stream is the database, which is what a per-article cost must not feel.

* Most items are **new articles**: a real article (sampled) rewritten, each
  word replaced with probability :data:`NOISE` by a word drawn from the
  corpus, so texts are distinct (no near-duplicate merges among them) yet
  keep their topic, and stories still form.
* :data:`REPUBLISHED` of the items are **republications** of a recent
  synthetic article (new headline, widget lines, a caption, a dropped
  paragraph, or the feed teaser), which the near-duplicate index must merge.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from mawjaz.ingest.record import Article as Record

NOISE = 0.3
REPUBLISHED = 0.15
OUTLETS = ("wire", "daily", "portal", "channel", "weekly", "radio")
_JUNK = ("شارك هذا المقال", "تابعونا على تويتر", "جميع الحقوق محفوظة", "اقرأ أيضا")


def stream(corpus: Sequence[Record], count: int, seed: int = 11) -> Iterator[Record]:
    """``count`` records, deterministic for a given corpus and seed, in publication order."""
    rng = random.Random(seed)
    vocabulary = [word for record in rng.sample(list(corpus), min(300, len(corpus))) for word in record.body.split()]
    start = datetime(2018, 5, 1, tzinfo=UTC)
    step = timedelta(days=14) / max(len(corpus), 1)
    recent: deque[Record] = deque(maxlen=400)
    for n in range(count):
        at = start + step * n
        ident = f"syn-{seed}-{n}"
        source = rng.choice(OUTLETS)
        if recent and rng.random() < REPUBLISHED:
            yield _republish(rng.choice(recent), rng, ident, source, at)
            continue
        base = rng.choice(corpus)
        record = Record(
            title=_rewrite(base.title, vocabulary, rng, NOISE / 2),
            body="\n\n".join(_rewrite(p, vocabulary, rng, NOISE) for p in base.body.split("\n\n") if p.strip()),
            source=source,
            external_id=ident,
            published=at,
        )
        recent.append(record)
        yield record


def _rewrite(text: str, vocabulary: list[str], rng: random.Random, noise: float) -> str:
    return " ".join(rng.choice(vocabulary) if rng.random() < noise else word for word in text.split())


def _republish(base: Record, rng: random.Random, ident: str, source: str, at: datetime) -> Record:
    parts = [p for p in base.body.split("\n\n") if p.strip()]
    kind = rng.randrange(5)
    title = base.title
    if kind == 0:
        title = "عاجل: " + " ".join(base.title.split()[1:])
    elif kind == 1:
        parts = [rng.choice(_JUNK), *parts, rng.choice(_JUNK)]
    elif kind == 2:
        parts.insert(0, " ".join(base.title.split()[:6]) + " (رويترز)")
    elif kind == 3 and len(parts) > 2:
        del parts[rng.randrange(1, len(parts))]
    elif kind == 4:
        parts = [" ".join(base.body.split()[:35]) + " …"]
    return replace(base, title=title, body="\n\n".join(parts), source=source, external_id=ident, published=at)
