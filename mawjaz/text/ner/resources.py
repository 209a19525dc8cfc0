"""The files a trained NER model is made of, and reading the gazetteers it is built from.

A model folder holds these files that travel together:

* ``ner.crfsuite`` — the CRF weights (python-crfsuite) of the tagger's
  last pass, and ``ner_local.crfsuite`` — the first, sentence-level pass
  (absent for a one-pass model; see :mod:`mawjaz.text.ner.document`);
* ``ner_clusters.tsv.gz`` — ``word<TAB>cluster ids<TAB>signs`` lines (ids coarse to fine; signs:
  the word's vector discretised, second pass only), most frequent word first, learned without
  labels by :mod:`mawjaz.text.ner.train.clusters`;
* ``ner_gazetteer.tsv`` — ``TYPE<TAB>normalised entry`` lines derived from
  ANERGazet (research-use data: see ``mawjaz/text/data/ner_SOURCE.md``);
* ``ner_history.tsv.gz`` — ``form<TAB>TYPE:share`` lines: how the first pass
  tagged each word form across the raw text (:mod:`mawjaz.text.ner.history`);
* ``ner_attributes.txt.gz`` — the features the CRFs kept a weight for, one a
  line: the tagger computes no other (they would change no score).

The word lists are optional: a model trained without them simply never
saw those features. :func:`write_cluster_file`, :func:`write_gazetteer` and
:func:`write_history` are the only writers, :func:`load_lexicon` the only reader.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

from mawjaz.text.ner.features import Lexicon
from mawjaz.text.ner.tokens import tokenise
from mawjaz.text.normalise import normalise

MODEL_FILE = "ner.crfsuite"
LOCAL_MODEL_FILE = "ner_local.crfsuite"
CLUSTER_FILE = "ner_clusters.tsv.gz"
GAZETTEER_FILE = "ner_gazetteer.tsv"
HISTORY_FILE = "ner_history.tsv.gz"
ATTRIBUTES_FILE = "ner_attributes.txt.gz"

# ANERGazet file name → type.
_GAZET_FILES = {
    "AlignedPersGazetteer.txt": "PER",
    "AlignedLocGazetteer.txt": "LOC",
    "AlignedOrgGazetteer.txt": "ORG",
}


def entry_key(text: str) -> tuple[str, ...]:
    """A gazetteer entry as the tagger will meet it: tokenised, each token normalised."""
    return tuple(normalise(t.text) for t in tokenise(text))


def read_anergazet(folder: Path) -> dict[tuple[str, ...], str]:
    """Entries of the ANERGazet lists in ``folder``; an entry in several lists gets ``LOC|ORG`` style types."""
    kinds: dict[tuple[str, ...], set[str]] = {}
    for name, kind in _GAZET_FILES.items():
        path = folder / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("="):
                continue
            key = entry_key(line)
            if key:
                kinds.setdefault(key, set()).add(kind)
    return {key: "|".join(sorted(k)) for key, k in kinds.items()}


def write_gazetteer(entries: dict[tuple[str, ...], str], path: Path) -> None:
    lines = sorted(f"{kind}\t{' '.join(key)}" for key, kind in entries.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_cluster_file(clusters: Iterable[tuple[str, ...]], path: Path) -> None:
    """Write ``(word, cluster ids[, signs])`` rows, most frequent word first."""
    text = "".join("\t".join(row).rstrip("\t") + "\n" for row in clusters)
    # mtime=0: the same clusters give the same bytes, so a retrained model diffs clean.
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def write_history(history: dict[str, str], path: Path) -> None:
    """Write ``form → TYPE:share`` pairs, sorted (same history, same bytes)."""
    text = "".join(f"{form}\t{entry}\n" for form, entry in sorted(history.items()))
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def write_attributes(attributes: Iterable[str], path: Path) -> None:
    text = "".join(a + "\n" for a in sorted(set(attributes)))
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def load_attributes(folder: Path) -> frozenset[str] | None:
    """The features the model's CRFs weigh, or None (unknown: compute them all) for a folder without the list."""
    path = folder / ATTRIBUTES_FILE
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return frozenset(line.rstrip("\n") for line in handle)


def load_lexicon(folder: Path) -> Lexicon:
    """The clusters and gazetteer stored beside a model (empty where absent)."""
    clusters: dict[str, str] = {}
    ranks: dict[str, int] = {}
    signs: dict[str, str] = {}
    cluster_path = folder / CLUSTER_FILE
    if cluster_path.exists():
        with gzip.open(cluster_path, "rt", encoding="utf-8") as handle:
            for rank, line in enumerate(handle):
                word, _, ids = line.rstrip("\n").partition("\t")
                ids, _, marks = ids.partition("\t")
                clusters[word] = ids
                ranks[word] = rank
                if marks:
                    signs[word] = marks
    gazetteer: dict[tuple[str, ...], str] = {}
    gazetteer_path = folder / GAZETTEER_FILE
    if gazetteer_path.exists():
        for line in gazetteer_path.read_text(encoding="utf-8").splitlines():
            kind, _, entry = line.partition("\t")
            if entry:
                gazetteer[tuple(entry.split(" "))] = kind
    longest = max((len(k) for k in gazetteer), default=0)
    history = read_history(folder)
    return Lexicon(clusters=clusters, ranks=ranks, gazetteer=gazetteer, longest=longest, history=history, signs=signs)


def read_history(folder: Path) -> dict[str, str]:
    """The raw-news history stored beside a model (``form → TYPE:share``, :func:`write_history`; empty where absent):
    the tagger's features and the actor rules that ask how a word is usually tagged read it alike."""
    history: dict[str, str] = {}
    path = folder / HISTORY_FILE
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                form, _, entry = line.rstrip("\n").partition("\t")
                if entry:
                    history[form] = entry
    return history
