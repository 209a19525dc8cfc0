"""Training the NER tagger: ``mawjaz train-ner --data PATH`` calls :func:`train`.

Inputs, all pointed at by the user (nothing is downloaded):

* ``data`` — labelled ``token TAG`` sentences: the ANERcorp folder (its
  ``camellab_recipe_split/*train*.txt`` is used), any folder of ``*train*.txt``
  files, or one such file. ``MISC`` is dropped to ``O``; ``PERS`` becomes ``PER``.
* ``unlabeled`` — raw Arabic text (news ``.jsonl`` with title/text fields, or
  ``.txt``) from which word clusters are learned without labels; the labelled
  sentences' own text is added to it.
* ``gazetteers`` — the ANERGazet folder; a normalised copy of its entries is
  written beside the model.

``out`` is a folder; it receives ``ner.crfsuite`` and, when their inputs were
given, ``ner_clusters.tsv.gz`` and ``ner_gazetteer.tsv``. Stale word lists
from an earlier run are removed so the folder always describes one model.
Load the result with :func:`mawjaz.text.ner.load_tagger` ``(out)``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite

from mawjaz.text.ner_corpus import Sentence, entity_counts, piece_tags, read_corpus
from mawjaz.text.ner_document import chunk_documents, document_features, second_pass_features
from mawjaz.text.ner_features import FeatureExtractor
from mawjaz.text.ner_resources import (
    CLUSTER_FILE,
    GAZETTEER_FILE,
    LOCAL_MODEL_FILE,
    MODEL_FILE,
    load_lexicon,
    read_anergazet,
    write_cluster_file,
    write_gazetteer,
)


@dataclass(frozen=True)
class TrainSettings:
    """CRF training knobs (L-BFGS with elastic-net regularisation)."""

    c1: float = 0.05
    c2: float = 0.05
    max_iterations: int = 250
    min_feature_count: int = 1
    # Cross-validation folds for the document-level second pass (0: one pass only).
    folds: int = 4
    fold_iterations: int = 150
    cluster_min_count: int = 3


@dataclass(frozen=True)
class TrainReport:
    """What a training run used and produced."""

    model_dir: Path
    sentences: int
    tokens: int
    entities: dict[str, int] = field(default_factory=dict)
    cluster_words: int = 0
    gazetteer_entries: int = 0
    model_bytes: int = 0
    seconds: float = 0.0


def training_files(data: Path) -> list[Path]:
    """The labelled files under ``data`` (see the module docstring)."""
    if data.is_file():
        return [data]
    for folder in (data / "camellab_recipe_split", data):
        found = sorted(folder.glob("*train*.txt"))
        if found:
            return found
    found = sorted(data.rglob("*train*.txt"))
    if not found:
        raise FileNotFoundError(f"no *train*.txt file under {data}")
    return found


def train(
    data: Path,
    out: Path,
    *,
    unlabeled: Sequence[Path] = (),
    gazetteers: Path | None = None,
    settings: TrainSettings = TrainSettings(),
) -> TrainReport:
    """Train a PER/ORG/LOC tagger on ``data`` and write its files into the folder ``out``."""
    started = time.monotonic()
    sentences = read_corpus(training_files(Path(data)))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cluster_words = _write_clusters(sentences, unlabeled, out, settings)
    gazetteer_entries = _write_gazetteer(gazetteers, out)
    extractor = FeatureExtractor(load_lexicon(out))

    pieces, tags = zip(*(piece_tags(s) for s in sentences), strict=True) if sentences else ((), ())
    features = [extractor.sequence(p) for p in pieces]
    model, local = out / MODEL_FILE, out / LOCAL_MODEL_FILE
    local.unlink(missing_ok=True)
    if settings.folds >= 2 and len(sentences) >= settings.folds:
        first = _cross_tag(features, tags, settings, out)
        stacked = list(features)
        for doc in chunk_documents(len(sentences)):
            forms = [[extractor.form(p) for p in pieces[i]] for i in doc]
            extra = document_features(forms, [first[i] for i in doc])
            for i, more in zip(doc, extra, strict=True):
                stacked[i] = second_pass_features(features[i], more)
        _fit(stacked, tags, model, settings)
        _fit(features, tags, local, settings)
    else:
        _fit(features, tags, model, settings)
    return TrainReport(
        model_dir=out,
        sentences=len(sentences),
        tokens=sum(len(s.tokens) for s in sentences),
        entities=entity_counts(sentences),
        cluster_words=cluster_words,
        gazetteer_entries=gazetteer_entries,
        model_bytes=model.stat().st_size + (local.stat().st_size if local.exists() else 0),
        seconds=round(time.monotonic() - started, 1),
    )


def _fit(
    features: Sequence[list[list[str]]],
    tags: Sequence[list[str]],
    path: Path,
    settings: TrainSettings,
    iterations: int | None = None,
) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in zip(features, tags, strict=True):
        if xseq:
            trainer.append(xseq, yseq)
    trainer.set_params(
        {
            "c1": settings.c1,
            "c2": settings.c2,
            "max_iterations": iterations or settings.max_iterations,
            "feature.minfreq": settings.min_feature_count,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))


def _cross_tag(
    features: Sequence[list[list[str]]],
    tags: Sequence[list[str]],
    settings: TrainSettings,
    out: Path,
) -> list[list[str]]:
    """First-pass tags for every training sentence from a model that never saw it.

    Folds are contiguous runs of sentences, so a document's names do not leak
    from its own fold's training into its evidence.
    """
    count = len(features)
    bounds = [round(count * k / settings.folds) for k in range(settings.folds + 1)]
    first: list[list[str]] = [[] for _ in range(count)]
    scratch = out / ".ner_fold.crfsuite"
    try:
        for lo, hi in zip(bounds, bounds[1:]):
            keep = [i for i in range(count) if not lo <= i < hi]
            _fit([features[i] for i in keep], [tags[i] for i in keep], scratch, settings, settings.fold_iterations)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(scratch))
            for i in range(lo, hi):
                first[i] = tagger.tag(features[i]) if features[i] else []
            tagger.close()
    finally:
        scratch.unlink(missing_ok=True)
    return first


def _write_clusters(
    sentences: list[Sentence], unlabeled: Sequence[Path], out: Path, settings: TrainSettings
) -> int:
    path = out / CLUSTER_FILE
    path.unlink(missing_ok=True)
    if not unlabeled:
        return 0
    # Imported here: numpy and scipy are only needed when clusters are learned.
    from mawjaz.text.ner_clusters import ClusterSettings, corpus_lines, learn_clusters, raw_texts

    def texts():
        yield from raw_texts(Path(p) for p in unlabeled)
        yield from corpus_lines([s.tokens for s in sentences])

    paths = learn_clusters(texts(), ClusterSettings(min_count=settings.cluster_min_count))
    write_cluster_file(paths, path)
    return len(paths)


def _write_gazetteer(gazetteers: Path | None, out: Path) -> int:
    path = out / GAZETTEER_FILE
    path.unlink(missing_ok=True)
    if gazetteers is None:
        return 0
    entries = read_anergazet(Path(gazetteers))
    write_gazetteer(entries, path)
    return len(entries)
