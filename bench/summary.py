"""ROUGE of Mawjaz's summariser against Lead-k and sumy's LexRank/TextRank on BBC Arabic abstracts.

Usage (from the repository root):

    .venv/bin/python bench/summary.py [PATH_TO_JSONL]

PATH defaults to ../shared/data/summarization_bbc_arabic_ant/bbc_arabic_article_abstract_500.jsonl.
Scoring follows that folder's SOURCE.md: ROUGE-1/2/L F1 ×100 on whitespace tokens
after removing Arabic diacritics, no stemming, averaged over the pairs. ROUGE-L is
the LCS over the whole token sequence (rouge-score's "rougeL"). A second table strips
punctuation from tokens as well, because a whitespace token keeps a final «.» or «،»
attached and that choice moves every method by about two points.

A second, smaller check (``--multisource``, on by default when the file is there)
looks at stories told by several outlets: in ANT v2.1's two weeks of five outlets,
each BBC article with an editor abstract is grouped with the other outlets' articles
on the same story (within a day, cosine >= 0.3 on title and lead words, the closest
per outlet). With BBC's own article held out, the other outlets' articles are
summarised and scored against the BBC abstract: does agreement across outlets pick
a better sentence than taking one outlet's lead? The baseline is the mean Lead-1
over the other outlets (an outlet picked at random). Groups are automatic, so this
is a rough check, not a gold benchmark.

Every method sees the same sentences (``mawjaz.text.sentences.split_sentences``);
sumy gets Mawjaz's word tokens, light clitic stemming and sumy's own Arabic stop
words, so nothing is downloaded (no nltk data).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mawjaz.digest.summarise import summarise  # noqa: E402
from mawjaz.text import words  # noqa: E402
from mawjaz.text.clitics import strip_prefix  # noqa: E402
from mawjaz.text.sentences import split_sentences  # noqa: E402

DEFAULT = ROOT.parent / "shared/data/summarization_bbc_arabic_ant/bbc_arabic_article_abstract_500.jsonl"
MULTISOURCE = ROOT.parent / "shared/data/ant_multisource_v2.1/ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl"
_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]")
_PUNCT = re.compile(r"[^\w\s]")

Summariser = Callable[[str, str], list[str]]


# ---------------------------------------------------------------- ROUGE


def tokens(text: str, strip_punct: bool = False) -> list[str]:
    text = _DIACRITICS.sub("", text)
    if strip_punct:
        text = _PUNCT.sub(" ", text)
    return text.split()


def _ngrams(toks: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def _f1(overlap: int, n_candidate: int, n_reference: int) -> float:
    return 2 * overlap / (n_candidate + n_reference) if overlap else 0.0


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge(candidate: Sequence[str], reference: Sequence[str]) -> tuple[float, float, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 of one candidate against one reference."""
    scores = []
    for n in (1, 2):
        c, r = _ngrams(candidate, n), _ngrams(reference, n)
        scores.append(_f1(sum((c & r).values()), sum(c.values()), sum(r.values())))
    scores.append(_f1(_lcs(candidate, reference), len(candidate), len(reference)))
    return scores[0], scores[1], scores[2]


# ---------------------------------------------------------------- methods


def lead(k: int) -> Summariser:
    return lambda title, text: split_sentences(text)[:k]


def ours(title: str, text: str) -> list[str]:
    return summarise([(title, text)])


class _Tokenizer:
    """sumy's tokenizer protocol, backed by Mawjaz's splitter: no nltk data needed."""

    language = "arabic"

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return words(sentence)


def sumy_method(name: str, k: int) -> Summariser:
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    summariser = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[name](strip_prefix)
    summariser.stop_words = words(" ".join(get_stop_words("arabic")))
    tokenizer = _Tokenizer()

    def run(title: str, text: str) -> list[str]:
        # One paragraph per line, as the parser wants paragraphs apart by a blank line.
        document = PlaintextParser.from_string(re.sub(r"\n+", "\n\n", text), tokenizer).document
        return [str(sentence) for sentence in summariser(document, k)]

    return run


# ---------------------------------------------------------------- stories told by several outlets


def _vector(row: dict) -> Counter[str]:
    lead = " ".join(split_sentences(row["text"])[:3])
    return Counter(strip_prefix(w) for w in words(f"{row['title']} {lead}") if len(w) > 2)


def _cos(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values())) if dot else 0.0


def multisource_stories(rows: list[dict]) -> list[tuple[dict, list[dict]]]:
    """(BBC article, the other outlets' articles on its story), closest per outlet."""
    vectors = [_vector(row) for row in rows]
    days = [date.fromisoformat(f"{r['date'][:4]}-{r['date'][4:6]}-{r['date'][6:8]}") for r in rows]
    stories = []
    for i, row in enumerate(rows):
        if row["source"] != "BBC" or not row.get("abstract"):
            continue
        closest: dict[str, tuple[float, int]] = {}
        for j, other in enumerate(rows):
            if other["source"] == "BBC" or abs((days[j] - days[i]).days) > 1:
                continue
            similarity = _cos(vectors[i], vectors[j])
            if similarity >= 0.3 and similarity > closest.get(other["source"], (0.0, -1))[0]:
                closest[other["source"]] = (similarity, j)
        if closest:
            ordered = sorted(closest.values(), reverse=True)
            stories.append((row, [rows[j] for _, j in ordered]))
    return stories


def multisource_table(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    stories = multisource_stories(rows)
    lexrank = sumy_method("lexrank", 1)
    methods: dict[str, Callable[[list[dict]], list[list[str]]]] = {
        "mawjaz": lambda arts: [summarise([(a["title"], a["text"]) for a in arts])],
        "mawjaz, 1 sent": lambda arts: [summarise([(a["title"], a["text"]) for a in arts], max_sentences=1)],
        "lead-1, any": lambda arts: [split_sentences(a["text"])[:1] for a in arts],
        "lead-1, closest": lambda arts: [split_sentences(arts[0]["text"])[:1]],
        "lexrank-1, all": lambda arts: [lexrank("", "\n".join(a["text"] for a in arts))],
    }
    sizes = Counter(len(others) for _, others in stories)
    print(f"\n{len(stories)} BBC stories also told by other outlets ({dict(sorted(sizes.items()))} other outlets)")
    print("ROUGE F1 x100 against the BBC abstract, BBC's own article held out:")
    print(f"{'method':<16} {'R-1':>6} {'R-2':>6} {'R-L':>6}  {'sents':>5}")
    for name, method in methods.items():
        totals, n_sents = [0.0, 0.0, 0.0], 0.0
        for bbc, others in stories:
            outputs = method(others)  # several outputs = the mean over them
            for summary in outputs:
                scores = rouge(tokens(" ".join(summary)), tokens(bbc["abstract"]))
                totals = [t + s / len(outputs) for t, s in zip(totals, scores, strict=True)]
                n_sents += len(summary) / len(outputs)
        r1, r2, rl = (100 * t / len(stories) for t in totals)
        print(f"{name:<16} {r1:6.1f} {r2:6.1f} {rl:6.1f}  {n_sents / len(stories):5.2f}")


# ---------------------------------------------------------------- bench


def evaluate(rows: list[dict], method: Summariser) -> tuple[list[list[str]], float]:
    started = time.perf_counter()
    outputs = [method(row["title"], row["text"]) for row in rows]
    return outputs, time.perf_counter() - started


def table(rows: list[dict], results: dict[str, list[list[str]]], strip_punct: bool) -> None:
    print(f"{'method':<16} {'R-1':>6} {'R-2':>6} {'R-L':>6}  {'sents':>5} {'words':>6}")
    for name, outputs in results.items():
        totals = [0.0, 0.0, 0.0]
        for row, summary in zip(rows, outputs, strict=True):
            scores = rouge(tokens(" ".join(summary), strip_punct), tokens(row["summary"], strip_punct))
            totals = [t + s for t, s in zip(totals, scores, strict=True)]
        n_sents = statistics.mean(len(s) for s in outputs)
        n_words = statistics.mean(len(" ".join(s).split()) for s in outputs)
        r1, r2, rl = (100 * t / len(rows) for t in totals)
        print(f"{name:<16} {r1:6.1f} {r2:6.1f} {rl:6.1f}  {n_sents:5.2f} {n_words:6.1f}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--no-sumy", action="store_true", help="skip LexRank/TextRank (sumy not installed)")
    parser.add_argument("--multisource", type=Path, default=MULTISOURCE, help="ANT v2.1 multi-outlet JSONL")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line.strip()]

    methods: dict[str, Summariser] = {"mawjaz": ours, "lead-1": lead(1), "lead-2": lead(2), "lead-3": lead(3)}
    if not args.no_sumy:
        for name in ("lexrank", "textrank"):
            for k in (1, 3):
                methods[f"{name}-{k}"] = sumy_method(name, k)
    results: dict[str, list[list[str]]] = {}
    seconds: dict[str, float] = {}
    for name, method in methods.items():
        results[name], seconds[name] = evaluate(rows, method)

    print(f"{len(rows)} article/abstract pairs from {args.path}")
    print("\nROUGE F1 x100, whitespace tokens, diacritics removed (as SOURCE.md):")
    table(rows, results, strip_punct=False)
    print("\nSame, punctuation also removed from tokens:")
    table(rows, results, strip_punct=True)
    sizes = [len(s) for s in results["mawjaz"]]
    n_words = [len(" ".join(s).split()) for s in results["mawjaz"]]
    print(
        f"\nmawjaz summaries: {statistics.mean(sizes):.2f} sentences on average (max {max(sizes)}, "
        f"min {min(sizes)}), {statistics.mean(n_words):.1f} words on average (max {max(n_words)})"
    )
    per_article = 1e3 * seconds["mawjaz"] / len(rows)
    print(f"mawjaz time: {per_article:.2f} ms per article (whole {len(rows)}: {seconds['mawjaz']:.2f} s)")
    assert max(sizes) <= 3, "a summary has more than 3 sentences"
    if not args.no_sumy and args.multisource.exists():
        multisource_table(args.multisource)


if __name__ == "__main__":
    main()
