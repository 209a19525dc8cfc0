"""Benchmark of Mawjaz's Arabic NER tagger (PER, ORG, LOC) against a plain CRF baseline.

Prints entity-level micro-F1 (seqeval, IOB2) per type and overall on the
ANERcorp CamelLab test split and, as an out-of-domain check, on the Wojood
public sample (GPE/LOC/FAC → LOC, PERS → PER, ORG → ORG, the outermost kept
tag of nested tokens; MISC and the other Wojood types → O). In the same run it
trains and scores a plain baseline CRF (sklearn-crfsuite: normalised word,
prefixes and suffixes up to 3 letters, words at ±1 and ±2 — nothing else), and
times the shipped tagger on one core.

ANERcorp has no document boundaries, so both Mawjaz figures are given: tagging
runs of consecutive sentences as one document (as the model was trained, and
as articles are tagged in production), and each sentence on its own.

    .venv/bin/python bench/ner.py              # score the shipped model
    .venv/bin/python bench/ner.py --train      # retrain it first (into a temp folder)
    .venv/bin/python bench/ner.py --train --out mawjaz/text/data   # retrain and ship
    .venv/bin/python bench/ner.py --train --workers 6 ...          # the CRF fits in 6 processes

Data paths default to ../shared/data/... relative to the repository root.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sklearn_crfsuite  # noqa: E402
from seqeval.metrics import classification_report, f1_score  # noqa: E402
from seqeval.scheme import IOB2  # noqa: E402

from mawjaz.text.ner import DEFAULT_MODEL_DIR, Tagger, load_tagger  # noqa: E402
from mawjaz.text.ner.document import DOC_SENTENCES, chunk_documents  # noqa: E402
from mawjaz.text.ner.tokens import tokenise  # noqa: E402
from mawjaz.text.ner.train import TrainSettings, train, training_files  # noqa: E402
from mawjaz.text.ner.train.corpus import TYPES, Sentence, read_corpus  # noqa: E402
from mawjaz.text.normalise import normalise  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def baseline_features(tokens: tuple[str, ...]) -> list[dict[str, object]]:
    """The plain baseline: normalised word, its affixes, and the words at ±1, ±2."""
    words = [normalise(t) or t for t in tokens]
    rows: list[dict[str, object]] = []
    for i, word in enumerate(words):
        row: dict[str, object] = {"bias": 1.0, "w": word}
        for n in (1, 2, 3):
            row[f"p{n}"] = word[:n]
            row[f"s{n}"] = word[-n:]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            row[f"w{offset:+d}"] = words[j] if 0 <= j < len(words) else ("BOS" if j < 0 else "EOS")
        rows.append(row)
    return rows


def train_baseline(sentences: list[Sentence]) -> sklearn_crfsuite.CRF:
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.1, max_iterations=100, all_possible_transitions=True)
    crf.fit([baseline_features(s.tokens) for s in sentences], [list(s.tags) for s in sentences])
    return crf


def tag_documents(tagger: Tagger, sentences: list[Sentence]) -> list[list[str]]:
    tags: list[list[str]] = []
    for doc in chunk_documents(len(sentences)):
        tags.extend(tagger.tag_document([list(sentences[i].tokens) for i in doc]))
    return tags


def scores(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, float]:
    report = classification_report(gold, predicted, output_dict=True, mode="strict", scheme=IOB2)
    out = {kind: report.get(kind, {}).get("f1-score", 0.0) for kind in TYPES}
    out["micro"] = f1_score(gold, predicted, average="micro", mode="strict", scheme=IOB2)
    out["P"] = report["micro avg"]["precision"]
    out["R"] = report["micro avg"]["recall"]
    return out


def print_table(title: str, rows: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(f"  {'system':<34}{'PER':>7}{'ORG':>7}{'LOC':>7}{'micro':>8}{'P':>7}{'R':>7}")
    for name, s in rows.items():
        print(
            f"  {name:<34}{s['PER']:>7.3f}{s['ORG']:>7.3f}{s['LOC']:>7.3f}"
            f"{s['micro']:>8.3f}{s['P']:>7.3f}{s['R']:>7.3f}"
        )


def speed(tagger: Tagger, sentences: list[Sentence], texts: list[str]) -> tuple[float, float]:
    """Tokens per CPU-second of this one process (one core; other jobs on the machine do not count).

    First over the corpus sentences (tag_document), then over raw text through
    entities() (tokenising included). Word features are cached per distinct
    token, so the first round starts cold and the best of three is kept.
    """
    tokens = sum(len(s.tokens) for s in sentences)
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        tag_documents(tagger, sentences)
        best = min(best, time.process_time() - started)
    raw_tokens = sum(len(tokenise(t)) for t in texts)
    started = time.process_time()
    for text in texts:
        tagger.entities(text)
    raw = time.process_time() - started
    return tokens / best, raw_tokens / raw


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--anercorp", type=Path, default=DATA / "anercorp")
    parser.add_argument("--wojood", type=Path, default=DATA / "wojood_sample")
    parser.add_argument("--gazetteers", type=Path, default=DATA / "gazetteers" / "ANERGazet")
    parser.add_argument(
        "--unlabeled",
        type=Path,
        nargs="*",
        default=[
            DATA / "ant_corpus_v1.1_jawharafm",
            DATA / "ant_multisource_v2.1",
            DATA / "summarization_bbc_arabic_ant",
        ],
        help="raw Arabic text (.jsonl/.txt files or folders) for the word clusters",
    )
    parser.add_argument("--model", type=Path, default=None, help="model folder to score (default: shipped)")
    parser.add_argument("--train", action="store_true", help="train the Mawjaz model first")
    parser.add_argument("--out", type=Path, default=None, help="with --train: where to write it")
    parser.add_argument("--workers", type=int, default=1, help="with --train: processes for the independent fits")
    args = parser.parse_args(argv)

    train_files = training_files(args.anercorp)
    test_files = [p for p in sorted((args.anercorp / "camellab_recipe_split").glob("*test*.txt"))]
    train_set = read_corpus(train_files)
    test_set = read_corpus(test_files)
    wojood = read_corpus(sorted(args.wojood.glob("*.txt")))
    print(f"train: {len(train_set)} sentences ({', '.join(p.name for p in train_files)})")
    print(f"test:  {len(test_set)} sentences, {sum(len(s.tokens) for s in test_set)} tokens")
    print(f"wojood sample: {len(wojood)} sentences, {sum(len(s.tokens) for s in wojood)} tokens")

    if args.train:
        out = args.out or Path(tempfile.mkdtemp(prefix="mawjaz-ner-"))
        settings = TrainSettings(workers=args.workers)
        report = train(args.anercorp, out, unlabeled=args.unlabeled, gazetteers=args.gazetteers, settings=settings)
        print(f"trained: {report}")
        tagger = Tagger(out)
    else:
        tagger = load_tagger(args.model)
    print(f"model: {tagger.folder}")

    started = time.monotonic()
    baseline = train_baseline(train_set)
    print(f"baseline CRF trained in {time.monotonic() - started:.0f} s")

    gold_test = [list(s.tags) for s in test_set]
    gold_wojood = [list(s.tags) for s in wojood]
    print_table(
        "ANERcorp CamelLab test (entity-level F1, seqeval strict IOB2)",
        {
            f"mawjaz (documents of {DOC_SENTENCES} sentences)": scores(gold_test, tag_documents(tagger, test_set)),
            "mawjaz (each sentence alone)": scores(gold_test, [tagger.tag(list(s.tokens)) for s in test_set]),
            "baseline CRF (word, affixes, ±2)": scores(
                gold_test, baseline.predict([baseline_features(s.tokens) for s in test_set])
            ),
        },
    )
    print_table(
        "Wojood sample, out of domain (mapped to PER/ORG/LOC)",
        {
            "mawjaz (documents)": scores(gold_wojood, tag_documents(tagger, wojood)),
            "baseline CRF (word, affixes, ±2)": scores(
                gold_wojood, baseline.predict([baseline_features(s.tokens) for s in wojood])
            ),
        },
    )

    texts = [" ".join(s.tokens) for s in test_set[:400]]  # raw text, re-tokenised by entities()
    corpus_rate, raw_rate = speed(tagger, test_set, texts)
    size = sum(p.stat().st_size for p in tagger.folder.glob("ner*"))
    print(
        f"\nspeed, one core: {corpus_rate:,.0f} tokens/s (tag_document), {raw_rate:,.0f} tokens/s (entities() on text)"
    )
    print(f"model files: {size / 1e6:.1f} MB in {tagger.folder}")
    for path in sorted(tagger.folder.glob("ner*")):
        print(f"  {path.name:<24}{path.stat().st_size / 1e6:>7.2f} MB")
    if tagger.folder == DEFAULT_MODEL_DIR.resolve():
        print("(the shipped model)")


if __name__ == "__main__":
    main()
