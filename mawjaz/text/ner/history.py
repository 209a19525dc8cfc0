"""How the tagger tags each word across raw news text: evidence for its second pass.

ANERcorp is small, so most names in new text were never seen in training,
and a single sentence often says too little («تعادل الوداد مع الجيش»). But
the same word turns up many times in raw news, mostly in sentences that do
say what it is. So the first-pass CRF tags a raw corpus (the text the word
clusters are learned from: no labels), and each word form keeps the type it
was tagged with most often there and how often (``ORG:most``), like the
"extended prediction history" of Ratinov & Roth (2009), over a corpus
instead of one document.

For training, the history must come from a model that did not see the
sentence it describes, or the second pass would learn to trust it more than
it deserves on unseen text: :mod:`mawjaz.text.ner.train` builds one history
per cross-validation fold and ships the one of the first pass trained on
everything (``ner_history.tsv.gz``).

On a development split carved from the ANERcorp train split, it raised the
two-pass tagger's micro-F1 from 0.758 to 0.766.

Tried there and not kept: the history of the two-pass tagger instead of the
first pass (per fold, its second pass fitted on the other folds): 0.778 →
0.761. The second pass already leans on the history, so its own history
reinforces its mistakes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from mawjaz.text.ner.tokens import split_sentences, tokenise

# A form seen fewer times than this in the raw text has no history.
MIN_COUNT = 2


def raw_sentences(texts: Iterable[str]) -> Iterator[list[str]]:
    """Token sentences of raw text, split as the tagger splits what it is given."""
    for text in texts:
        for line in text.splitlines():
            for sentence in split_sentences(tokenise(line)):
                yield [t.text for t in sentence]


def _share(share: float) -> str:
    return "all" if share >= 0.95 else "most" if share >= 0.5 else "some" if share >= 0.15 else "few"


def tag_history(
    sentences: Iterable[Sequence[str]],
    tag: Callable[[Sequence[str]], list[str]],
    form: Callable[[str], str],
    min_count: int = MIN_COUNT,
) -> dict[str, str]:
    """``form → 'TYPE:share'`` for each form ``tag`` tagged as a name at least once in ``sentences``.

    ``share`` is how often the form was tagged as any name, of all its
    occurrences: ``all`` (≥ 95 %), ``most`` (≥ 50 %), ``some`` (≥ 15 %), ``few``.
    """
    seen: Counter[str] = Counter()
    typed: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        if not sentence:
            continue
        for token, label in zip(sentence, tag(sentence), strict=True):
            key = form(token)
            seen[key] += 1
            if label != "O":
                typed[key][label[2:]] += 1
    history: dict[str, str] = {}
    for key, counts in typed.items():
        total = seen[key]
        if total >= min_count:
            kind = max(sorted(counts), key=counts.__getitem__)
            history[key] = f"{kind}:{_share(sum(counts.values()) / total)}"
    return history


def history_features(forms: Sequence[str], history: dict[str, str]) -> list[list[str]]:
    """Extra second-pass features per token of one sentence: its form's history and its neighbours'."""
    found = [history.get(f, "") for f in forms]
    rows: list[list[str]] = []
    for i, entry in enumerate(found):
        row: list[str] = []
        if entry:
            row.extend(("rx=" + entry, "rt=" + entry.partition(":")[0]))
        if i > 0 and found[i - 1]:
            row.append("-1rx=" + found[i - 1])
        if i + 1 < len(found) and found[i + 1]:
            row.append("+1rx=" + found[i + 1])
        rows.append(row)
    return rows
