"""Word clusters learned without labels from raw Arabic text, for the NER tagger.

ANERcorp is small: most names in new text were never seen in training. But a
name unseen in training has usually been seen in raw news, next to the same
words other names stand next to («قال …», «الرئيس …», «… الأمريكي»). We
capture that the way Brown clusters do, with plain linear algebra:

1. count each word's neighbours at offsets −2, −1, +1, +2 (separately, so
   word order counts) against the most frequent context words;
2. weight the counts by positive PMI and compress them with a randomised SVD
   into short dense vectors;
3. cluster the vectors with k-means at several sizes (50 … 2,000 clusters),
   coarse classes and fine ones, as prefixes of a Brown path would be;
4. keep the first 8 dimensions of each vector, discretised to ``+`` / ``-``
   / nothing (:func:`signs`), as features of the tagger's second pass.

The signs raised micro-F1 on a development split carved from the end of the
ANERcorp train split (second pass refitted on a cached first pass) from
0.764 to 0.778 (PER 0.759 → 0.777, ORG 0.622 → 0.643, LOC 0.870 → 0.876).
Dimensions kept there: 4: 0.773, 6: 0.774, 8: 0.778, 12: 0.773, 16: 0.775,
24: 0.770, 32: 0.771, 48: 0.768, 64: 0.769. Not kept: the signs of the
words at ±1 as well (8 dims: 0.773; 32: 0.759), and 32 dimensions as
real-valued features scaled to standard deviation 1 (0.769, and a third
slower to tag).

Retrained with the 8 signs, the shipped model scores 0.747 on the CamelLab
test split (PER 0.714, ORG 0.599, LOC 0.868; Wojood 0.329) against 0.745
without (31,000 tokens/s on one core): most of the dev gain does not
carry over to test, but none of it is lost.

The clusters are learned from the raw text alone, not from the labelled
sentences too, and keep words seen twice (``ner.train.TrainSettings.cluster_min_count``).
Until 2026-11-23 the labelled sentences' own text was added and words needed
three sightings. Then almost every name in training had a cluster (the
labelled text counted), while in new text only those the raw news happens
to repeat do: 90 % of the name tokens of the dev split above had one, 76 %
of the test split's. The CRF learned to lean on clusters that new text
lacks, and the dev split, whose text was in the clusters, overstated every
cluster feature. With the dev split's text kept out of the clusters (a dev
that behaves like new text), the two recipes score: labelled text added,
≥ 3 sightings 0.767 (the shipped recipe's 0.778 on the leaky dev); raw text
only, ≥ 3: 0.769; raw text only, ≥ 2: **0.772** (PER 0.780, ORG 0.624, LOC
0.871; name-token coverage train 79 %, dev 82 %, test 77 %: alike). On the
CamelLab test split the retrained model went from 0.747 to **0.760** (PER
0.714 → 0.729, ORG 0.599 → 0.616, LOC 0.868 → 0.874); Wojood 0.329 → 0.312.

Words seen once as well (``cluster_min_count`` 1: 87,000 words instead of
50,500) scored 0.778 on that dev (PER 0.784, ORG 0.637, LOC 0.874) but 0.753
on the test split (PER 0.719, ORG 0.598, LOC 0.877; Wojood 0.318), with a
bigger file and 5 % slower tagging: both differences within noise, so the
smaller model, whose actor checks were run, stays.

Tried on that faithful dev and not kept: guessing a cluster for a word
without one from its character n-grams (ridge regression from hashed
2–5-grams to the word's vector, then the nearest k-means centroid; 14.8 %
of held-out words land in their true coarse cluster against 2.9 % for the
commonest): 0.753, the guesses are noise the CRF cannot discount. On the
earlier (leaky) dev, a BiLSTM tagger over the word vectors and characters
(0.700 alone), stacked into the second pass: 0.780 against 0.778; its
probabilities averaged with the CRF's marginals: 0.771–0.777.

Deterministic for a given input (fixed random seed).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from mawjaz.text.ner.tokens import tokenise
from mawjaz.text.normalise import normalise

# Fields of a news JSONL record that hold running text.
_TEXT_FIELDS = ("title", "text", "summary", "body")
_OFFSETS = (-2, -1, 1, 2)


@dataclass(frozen=True)
class ClusterSettings:
    min_count: int = 3
    contexts: int = 10_000
    dimensions: int = 100
    sizes: tuple[int, ...] = (50, 200, 800, 2000)
    seed: int = 13
    # Leading dimensions of the vectors kept, discretised, as features of their own (0: none).
    signs: int = 8


def raw_texts(paths: Iterable[Path]) -> Iterator[str]:
    """Running text from ``.jsonl`` news records (title, text, summary) or plain text files."""
    for path in paths:
        if path.is_dir():
            yield from raw_texts(sorted(p for p in path.rglob("*") if p.suffix in (".jsonl", ".txt")))
            continue
        with path.open(encoding="utf-8") as handle:
            if path.suffix == ".jsonl":
                for line in handle:
                    if not line.strip():
                        continue
                    record = json.loads(line)
                    for key in _TEXT_FIELDS:
                        value = record.get(key)
                        if isinstance(value, str) and value:
                            yield value
            else:
                yield from (line for line in handle if line.strip())


def _token_lines(texts: Iterable[str]) -> Iterator[list[str]]:
    for text in texts:
        for line in text.splitlines():
            tokens = [t.text for t in tokenise(normalise(line))]
            if tokens:
                yield tokens


def _cooccurrence(lines: list[list[str]], vocab: dict[str, int], contexts: int) -> sparse.csr_matrix:
    ids = np.fromiter((vocab.get(t, -1) for line in lines for t in (*line, "\0")), dtype=np.int64)
    ids[ids < 0] = -1
    boundary = np.fromiter((t == "\0" for line in lines for t in (*line, "\0")), dtype=bool)
    ids[boundary] = -2
    rows, cols = [], []
    for slot, offset in enumerate(_OFFSETS):
        if offset < 0:
            centre, context = ids[-offset:], ids[:offset]
        else:
            centre, context = ids[:-offset], ids[offset:]
        # A context across a line boundary does not count.
        if abs(offset) == 2:
            middle = ids[1:-1]
            ok_mid = middle != -2
        else:
            ok_mid = np.ones(len(centre), dtype=bool)
        keep = (centre >= 0) & (context >= 0) & (context < contexts) & ok_mid
        rows.append(centre[keep])
        cols.append(context[keep] + slot * contexts)
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    data = np.ones(len(row), dtype=np.float64)
    shape = (len(vocab), contexts * len(_OFFSETS))
    return sparse.csr_matrix((data, (row, col)), shape=shape)


def _ppmi(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    counts = counts.tocoo()
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    col_sum = np.asarray(counts.sum(axis=0)).ravel() ** 0.75  # context smoothing
    total = counts.sum()
    col_total = col_sum.sum()
    with np.errstate(divide="ignore"):
        pmi = np.log(counts.data * col_total / (row_sum[counts.row] * col_sum[counts.col]))
    pmi = np.maximum(pmi, 0.0) if total else pmi
    return sparse.csr_matrix((pmi, (counts.row, counts.col)), shape=counts.shape)


def _embed(matrix: sparse.csr_matrix, dimensions: int, rng: np.random.Generator) -> np.ndarray:
    """Randomised SVD: rows of ``U·√S``, unit length."""
    k = min(dimensions, min(matrix.shape) - 1)
    probe = rng.standard_normal((matrix.shape[1], k + 10))
    basis, _ = np.linalg.qr(matrix @ probe)
    for _ in range(2):
        basis, _ = np.linalg.qr(matrix @ (matrix.T @ basis))
    small = (matrix.T @ basis).T
    u_small, sigma, _ = np.linalg.svd(small, full_matrices=False)
    vectors = (basis @ u_small[:, :k]) * np.sqrt(sigma[:k])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def kmeans(vectors: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 12) -> np.ndarray:
    """Spherical k-means on unit vectors; returns each row's cluster number."""
    k = min(k, len(vectors))
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)]
    labels = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(iterations):
        for lo in range(0, len(vectors), 8192):
            labels[lo : lo + 8192] = np.argmax(vectors[lo : lo + 8192] @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, vectors)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[empty] = vectors[rng.choice(len(vectors), size=int(empty.sum()), replace=False)]
        norms[empty] = 1.0
        centres = sums / norms
    return labels


def signs(vectors: np.ndarray, count: int) -> list[str]:
    """Each row's first ``count`` dimensions as a string of ``+`` / ``-`` / ``.``.

    A dimension is ``+`` where it is above the mean of that dimension's
    positive values, ``-`` below the mean of its negative ones, ``.`` between
    (the discretisation of Guo et al. 2014, "Revisiting embedding features for
    simple semi-supervised learning"): a CRF then weighs each half-axis of the
    word space, a finer signal than the cluster a word falls in.
    """
    count = min(count, vectors.shape[1])
    marks = np.full((len(vectors), count), ".", dtype="<U1")
    for j in range(count):
        column = vectors[:, j]
        positive, negative = column[column > 0], column[column < 0]
        if len(positive):
            marks[column > positive.mean(), j] = "+"
        if len(negative):
            marks[column < negative.mean(), j] = "-"
    return ["".join(row) for row in marks]


def learn_clusters(texts: Iterable[str], settings: ClusterSettings = ClusterSettings()) -> list[tuple[str, str, str]]:
    """``(word, cluster ids, signs)`` for every normalised word seen ``min_count`` times, most frequent first.

    The ids are space-separated, coarse to fine: the k-means cluster at each
    of ``settings.sizes``; the signs are the word's vector discretised (:func:`signs`).
    """
    lines = list(_token_lines(texts))
    counts = Counter(t for line in lines for t in line)
    words = [w for w, n in counts.most_common() if n >= settings.min_count]
    if len(words) < 8:
        return [(w, "", "") for w in words]
    vocab = {w: i for i, w in enumerate(words)}
    contexts = min(settings.contexts, len(words))
    rng = np.random.default_rng(settings.seed)
    vectors = _embed(_ppmi(_cooccurrence(lines, vocab, contexts)), settings.dimensions, rng)
    levels = [kmeans(vectors, size, rng) for size in settings.sizes]
    ids = [" ".join(str(level[i]) for level in levels) for i in range(len(words))]
    marks = signs(vectors, settings.signs) if settings.signs else [""] * len(words)
    return list(zip(words, ids, marks, strict=True))
