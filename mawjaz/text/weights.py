"""Term weights: how much a term says about *which* story an article tells, learned from news text.

The weight of a term is its inverse document frequency in a news corpus,
``log((n + 1) / (df + 1)) + 1``: «قال» or «رييس» (president) are in most
articles and weigh little, «بوليساريو» or «سقطري» are rare and weigh most. A
term the corpus never saw (a new name, most often) gets the highest weight.

The shipped table (``data/idf.tsv.gz``) is trained by :func:`train` over the
index terms (:func:`mawjaz.text.tokens.index_terms`) of the ANT corpora: ANT
v1.1 (JawharaFM, 2,933 articles, 2017) and ANT v2.1 multi-source (2,550
articles, May 2018). Terms seen in one document only are left out: they weigh
the same as unseen ones. Retrain on your own news with::

    python -m mawjaz.text.weights ../shared/data/ant_corpus_v1.1_jawharafm/*.jsonl \\
        ../shared/data/ant_multisource_v2.1/*.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from mawjaz.text.tokens import index_terms

DATA = "data/idf.tsv.gz"
MIN_DF = 2


@dataclass(frozen=True)
class Idf:
    """Document frequencies of ``documents`` texts; calling it gives a term's weight."""

    documents: int
    frequencies: dict[str, int]
    _weights: dict[str, float] = field(init=False, repr=False, compare=False)
    _unseen: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rare = math.log(self.documents + 1) + 1.0
        weights = {term: math.log((self.documents + 1) / (df + 1)) + 1.0 for term, df in self.frequencies.items()}
        object.__setattr__(self, "_weights", weights)
        object.__setattr__(self, "_unseen", rare)

    def __call__(self, term: str) -> float:
        return self._weights.get(term, self._unseen)


def train(texts: Iterable[str], min_df: int = MIN_DF) -> Idf:
    """Count in how many of ``texts`` each index term occurs; keep terms seen ``min_df`` times or more."""
    counts: Counter[str] = Counter()
    documents = 0
    for text in texts:
        documents += 1
        counts.update(set(index_terms(text)))
    return Idf(documents, {term: df for term, df in counts.items() if df >= min_df})


def write(idf: Idf, path: Path) -> None:
    """Save as gzipped TSV: a ``#documents`` header line, then ``term<TAB>df`` sorted by term."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(f"#documents\t{idf.documents}\n")
        for term in sorted(idf.frequencies):
            out.write(f"{term}\t{idf.frequencies[term]}\n")


def read(lines: Iterable[str]) -> Idf:
    documents = 0
    frequencies: dict[str, int] = {}
    for line in lines:
        name, _, value = line.rstrip("\n").partition("\t")
        if name == "#documents":
            documents = int(value)
        elif name and value:
            frequencies[name] = int(value)
    return Idf(documents, frequencies)


@lru_cache(maxsize=1)
def shipped() -> Idf:
    """The table that ships in the package (see the module docstring for its corpora)."""
    raw = files("mawjaz.text").joinpath(DATA).read_bytes()
    return read(gzip.decompress(raw).decode("utf-8").splitlines())


def _corpus_texts(paths: Iterable[str]) -> Iterable[str]:
    """Title and text of every record of JSON Lines corpora (the shape of ``../shared/data``)."""
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    yield f"{record.get('title') or ''}\n{record.get('text') or record.get('body') or ''}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Train the term weights from JSON Lines news corpora.")
    parser.add_argument("corpora", nargs="+", help="JSON Lines files with title and text fields")
    parser.add_argument("--out", type=Path, default=Path(str(files("mawjaz.text").joinpath(DATA))))
    args = parser.parse_args(argv)
    idf = train(_corpus_texts(args.corpora))
    write(idf, args.out)
    print(f"{args.out}: {idf.documents} documents, {len(idf.frequencies)} terms")


if __name__ == "__main__":
    main()
