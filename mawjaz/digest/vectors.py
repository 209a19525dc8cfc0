"""Article and story vectors for online story grouping: pure functions, no database.

An article's vector holds its index terms (:func:`mawjaz.text.tokens.index_terms`:
normalised, stop words out, clitics stripped), each weighted
``(1 + log tf) × idf`` with the headline's terms counted :data:`HEADLINE_WEIGHT`
times, scaled to unit length. The idf is the shipped news table
(:mod:`mawjaz.text.weights`).

A story's centroid is the sum of its articles' vectors, cut to its
:data:`CENTROID_TERMS` heaviest terms and scaled to unit length.

Matching (:func:`match_scores`) is the plain dot product with each centroid.
Tried and removed: discounting a term by the number of current stories
sharing it. It fed on itself: when an article of a big story scored under the
threshold it started a story of its own, that fragment shared the big story's
core terms, so the next article found them discounted further and split off
too (Trump leaving the Iran deal, 103 articles, fell into 53 stories). Without
it the idf alone weighs terms, and the scores of a story do not depend on how
many other stories there are.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from mawjaz.text.fingerprint import terms_of
from mawjaz.text.weights import Idf

HEADLINE_WEIGHT = 2.0
QUERY_TERMS = 40
CENTROID_TERMS = 60

Vector = dict[str, float]


def article_vector(headline: str, body: str, idf: Idf) -> Vector:
    """Unit-length weighted term vector of an article."""
    return vector_of_terms(terms_of(headline), terms_of(body), idf)


def vector_of_terms(headline_terms: Sequence[str], body_terms: Sequence[str], idf: Idf) -> Vector:
    """:func:`article_vector` from the index terms of the headline and the body, already read."""
    counts: Counter[str] = Counter()
    for term in headline_terms:
        counts[term] += HEADLINE_WEIGHT  # type: ignore[assignment]  # a Counter sums floats too; typeshed says int
    counts.update(body_terms)
    return unit({term: (1.0 + math.log(count)) * idf(term) for term, count in counts.items()})


def unit(vector: Mapping[str, float]) -> Vector:
    length = math.sqrt(sum(w * w for w in vector.values()))
    if length == 0:
        return {}
    return {term: w / length for term, w in vector.items()}


def heaviest(vector: Mapping[str, float], k: int) -> Vector:
    """The ``k`` heaviest terms (ties broken by the term, so every worker picks the same)."""
    top = sorted([(-w, term) for term, w in vector.items()])[:k]  # tuples compare in C: no key function per item
    return {term: -negated for negated, term in top}


def grow(weights: Mapping[str, float], norm: float, article: Mapping[str, float]) -> tuple[Vector, float]:
    """Add an article to a centroid given as unit ``weights`` times ``norm``; returns the new (weights, norm)."""
    summed: dict[str, float] = {term: w * norm for term, w in weights.items()}
    for term, w in article.items():
        summed[term] = summed.get(term, 0.0) + w
    kept = heaviest(summed, CENTROID_TERMS)
    length = math.sqrt(sum(w * w for w in kept.values()))
    return unit(kept), length


def seed(article: Mapping[str, float]) -> tuple[Vector, float]:
    """The centroid of a story holding one article."""
    kept = heaviest(article, CENTROID_TERMS)
    return unit(kept), math.sqrt(sum(w * w for w in kept.values()))


def match_scores(query: Mapping[str, float], postings: Iterable[tuple[int, str, float, object]]) -> dict[int, float]:
    """Score stories against an article's query terms from the index ``postings`` (story, term, weight, …).

    The query is rescaled to unit length, and a story's score is the dot
    product over the terms it shares with it: its cosine with the centroid,
    restricted to the terms looked up.
    """
    unit_query = unit(query)
    scores: dict[int, float] = defaultdict(float)
    for story_id, term, weight, *_ in postings:
        scores[story_id] += unit_query.get(term, 0.0) * weight
    return dict(scores)


def merged(a: Mapping[str, float], a_norm: float, b: Mapping[str, float], b_norm: float) -> tuple[Vector, float]:
    """The centroid of two stories made one: their summed vectors, cut and scaled as :func:`grow` does."""
    summed: dict[str, float] = {term: w * a_norm for term, w in a.items()}
    for term, w in b.items():
        summed[term] = summed.get(term, 0.0) + w * b_norm
    kept = heaviest(summed, CENTROID_TERMS)
    length = math.sqrt(sum(w * w for w in kept.values()))
    return unit(kept), length
