"""Document-level evidence for the NER tagger's second pass.

A news article names someone in full once («وزير الدفاع دونالد رامسفيلد») and
then by surname alone, often in sentences that say nothing about what the
word is («تحت رئاسة رامسفيلد»). A sentence-level tagger misses those. So the
tagger runs twice: a first CRF tags each sentence on its own; then every
token learns how the first pass tagged the *same word elsewhere in the
document*, and a second CRF, trained on first-pass output it did not see
in training (cross-validated), decides with that evidence (stacking, after
Krishnan & Manning 2006).

Tried on a development split carved from the ANERcorp train split and not
kept: a document-topic feature for the second pass — in a document with
sports cue words (مباراة، الدوري، لاعب، المنتخب، نادي …) each token's
first-pass type, raw-text history type, gazetteer type and word cluster,
conjoined with the topic, so that a city in a sports report can become its
club. Dev micro-F1 (run with the shipped cluster file) 0.764 → 0.766 (ORG +0.008, LOC +0.005, PER −0.006), and
0.767 → 0.768 with the fold models fitted longer: within noise (3 cue
words make a sports document). Without the clusters: 0.763 (2 cue words),
0.760 (5); with them and 5 cue words: 0.764; adding the neighbours'
clusters: 0.764.

Also tried in session 4 (shipped model's recipe: dev 0.778), none kept: a
dictionary of the gold names of the other folds (single forms with their
type and share, multi-word names as spans; 0.772); the first pass's own
confidence in each tag, and for an ``O`` its likeliest name type when that
reaches 10 % (0.775); running the second pass again on its own output
(0.774–0.776); leaving the word bigrams out of the second pass (0.773), or
features seen once (0.766); averaging the marginals of two to six of these variants and
decoding them with BIO constraints (0.775–0.778). Lowering the weight of
the ``bias`` feature at tagging time trades precision for recall without
gain (first pass: P 0.817 → 0.747, R only 0.666 → 0.686): missed names are
not near misses.

Mention replacement (Dai & Adel 2020: a copy of each training sentence with
every name swapped for another training name of its type, names drawn
within the fold) raised the first pass alone from 0.734 to 0.743 (ORG
0.560 → 0.600), but the two passes built on it fell to 0.764 (ORG 0.600):
not kept.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

# Consecutive sentences treated as one document when a corpus has no
# document boundaries (ANERcorp): training and the benchmark use the same.
DOC_SENTENCES = 40


def second_pass_features(features: list[list[str]], extra: list[list[str]]) -> list[list[str]]:
    """The second pass's features for one sentence: all of the first pass's, plus document evidence.

    (A second pass that kept only the words' own features and the first
    pass's tags scored 2 points lower on ANERcorp.)
    """
    return [own + more for own, more in zip(features, extra, strict=True)]


def chunk_documents(count: int, size: int = DOC_SENTENCES) -> list[range]:
    """Ranges of sentence indices, ``size`` consecutive sentences each."""
    return [range(i, min(i + size, count)) for i in range(0, count, size)]


def _ratio(entity: int, total: int) -> str:
    if total <= 0:
        return "none"
    share = entity / total
    return "all" if share >= 0.99 else "most" if share >= 0.5 else "some"


def document_features(forms: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """Extra features per token of each sentence of one document.

    ``forms`` are the tokens' clitic-stripped normalised forms, ``tags`` the
    first-pass tags. A token sees its own first-pass tag (and its
    neighbours'), and how often its form was tagged, and as what, elsewhere
    in the document, itself excluded.

    (Summing the first pass's probabilities instead of counting its tags
    scored no better on ANERcorp and tagged slower.)
    """
    out: list[list[list[str]]] = []
    for sentence_tags, evidence in zip(tags, document_evidence(forms, tags), strict=True):
        rows: list[list[str]] = []
        size = len(sentence_tags)
        for i, tag in enumerate(sentence_tags):
            row = ["s1=" + tag]
            if evidence[i]:
                kind, _, share = evidence[i].partition(":")
                row.extend(("dt=" + kind, "dr=" + share, "dtr=" + evidence[i]))
            if i > 0:
                row.append("-1s1=" + sentence_tags[i - 1])
                if evidence[i - 1]:
                    row.append("-1dt=" + evidence[i - 1])
            if i + 1 < size:
                row.append("+1s1=" + sentence_tags[i + 1])
                if evidence[i + 1]:
                    row.append("+1dt=" + evidence[i + 1])
            rows.append(row)
        out.append(rows)
    return out


def document_evidence(forms: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> list[list[str]]:
    """For each token, how its form was tagged elsewhere in the document: ``PER:most`` style, or ''."""
    typed: dict[str, Counter[str]] = defaultdict(Counter)
    seen: Counter[str] = Counter()
    for sentence_forms, sentence_tags in zip(forms, tags, strict=True):
        for form, tag in zip(sentence_forms, sentence_tags, strict=True):
            seen[form] += 1
            if tag != "O":
                typed[form][tag[2:]] += 1
    found: dict[tuple[str, str], str] = {}  # a form tagged alike has the same evidence everywhere
    out: list[list[str]] = []
    for sentence_forms, sentence_tags in zip(forms, tags, strict=True):
        row: list[str] = []
        for form, tag in zip(sentence_forms, sentence_tags, strict=True):
            counts = typed.get(form)
            if counts is None:
                row.append("")
                continue
            evidence = found.get((form, tag))
            if evidence is None:
                evidence = found[form, tag] = _evidence(counts, tag, seen[form])
            row.append(evidence)
        out.append(row)
    return out


def _evidence(counts: Counter[str] | None, tag: str, seen: int) -> str:
    """``PER:most`` style: the type this form was most often tagged with elsewhere, and how often."""
    if not counts:
        return ""
    others = counts.copy()
    if tag != "O":
        others[tag[2:]] -= 1
    entity = sum(n for n in others.values() if n > 0)
    if not entity:
        return ""
    best = max(others, key=lambda kind: others[kind])
    return f"{best}:{_ratio(entity, seen - 1)}"


def propagate_names(forms: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> list[list[str]]:
    """Final tags of one document, with names of two or more words carried to their untagged repeats.

    A name tagged once in full («البنك التجاري» ORG) is the same name where
    the same words recur untagged in the document, most often a club or a
    company the tagger knew in one sentence and missed in the next. Only spans
    of at least two words are carried (a single word is too often a common
    noun as well), each with the type it was given most often, and only over
    words that are all untagged. On a development split carved from the
    ANERcorp train split this raised micro-F1 from 0.766 to 0.768 (ORG 0.618
    to 0.629, PER and LOC unchanged).
    """
    found: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for sentence_forms, sentence_tags in zip(forms, tags, strict=True):
        for start, end, kind in _spans(sentence_tags):
            if end - start >= 2:
                found[tuple(sentence_forms[start:end])][kind] += 1
    out = [list(t) for t in tags]
    if not found:
        return out
    names = {name: counts.most_common(1)[0][0] for name, counts in found.items()}
    longest = max(len(name) for name in names)
    firsts = {name[0] for name in names}  # most words begin no name: nothing to look up there
    for sentence_forms, sentence_tags in zip(forms, out, strict=True):
        if firsts.isdisjoint(sentence_forms):
            continue
        i = 0
        size = len(sentence_forms)
        while i < size:
            step = 1
            if sentence_forms[i] not in firsts:
                i += 1
                continue
            for n in range(min(longest, size - i), 1, -1):
                named = names.get(tuple(sentence_forms[i : i + n]))
                if (
                    named
                    and all(t == "O" for t in sentence_tags[i : i + n])
                    and (i + n == size or not sentence_tags[i + n].startswith("I-"))
                ):
                    sentence_tags[i : i + n] = ["B-" + named] + ["I-" + named] * (n - 1)
                    step = n
                    break
            i += step
    return out


def _spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` of each name in one sentence's BIO tags."""
    found: list[tuple[int, int, str]] = []
    start, kind = 0, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and tag[2:] == kind:
            continue
        if kind:
            found.append((start, i, kind))
        kind, start = (tag[2:], i) if tag.startswith("B-") else ("", i)
    return found


def repair_bio(tags: list[str]) -> list[str]:
    """Make a tag sequence valid IOB2: an ``I-X`` that does not continue an ``X`` becomes ``B-X``."""
    out: list[str] = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        previous = tag
    return out
