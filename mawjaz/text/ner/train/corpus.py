"""Training only: reading NER corpora (CoNLL-style ``token TAG`` files) into PER/ORG/LOC sentences.

Mawjaz keeps three entity types. Corpora name them differently (ANERcorp
``PERS``, Wojood ``GPE``/``FAC``), and both carry types we drop (``MISC``,
``DATE``…): :data:`TYPE_MAP` folds them once, here, so training and the
benchmark can never score different label sets.

Corpus tokens are re-split with the tagger's own tokeniser
(:func:`mawjaz.text.ner.tokens.align`), so
a model trained on ``(د`` learns from the same ``(`` + ``د`` that tagging
raw text will produce.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mawjaz.text.ner.document import repair_bio
from mawjaz.text.ner.tokens import is_wordlike, split_token

TYPES = ("PER", "ORG", "LOC")
TYPE_MAP = {"PER": "PER", "PERS": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}
# Wojood joins segments of a text with this token; it is not a word of the text.
_JOINT = "$#$"


@dataclass(frozen=True)
class Sentence:
    """Tokens and their BIO tags (types PER/ORG/LOC only), as one corpus sentence."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def map_tag(tag: str) -> str:
    """``B-PERS`` → ``B-PER``, ``I-GPE`` → ``I-LOC``, ``B-MISC`` → ``O``."""
    if tag == "O" or "-" not in tag:
        return "O"
    bio, _, kind = tag.partition("-")
    mapped = TYPE_MAP.get(kind)
    return f"{bio}-{mapped}" if mapped and bio in ("B", "I") else "O"


def _outermost(tags: list[str]) -> str:
    """The first (outermost) of a token's nested tags that is of a kept type."""
    for tag in tags:
        mapped = map_tag(tag)
        if mapped != "O":
            return mapped
    return "O"


def read_conll(path: Path) -> Iterator[Sentence]:
    """Sentences of a ``token TAG [TAG…]`` file; nested tags keep their outermost kept type."""
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                if tokens:
                    yield Sentence(tuple(tokens), tuple(repair_bio(tags)))
                tokens, tags = [], []
                continue
            if parts[0] == _JOINT or len(parts) < 2:
                continue
            tokens.append(parts[0])
            tags.append(_outermost(parts[1:]))
    if tokens:
        yield Sentence(tuple(tokens), tuple(repair_bio(tags)))


def read_corpus(paths: Iterable[Path]) -> list[Sentence]:
    """All sentences of several CoNLL files, in order."""
    return [sentence for path in paths for sentence in read_conll(path)]


def piece_tags(sentence: Sentence) -> tuple[list[str], list[str]]:
    """The pieces of a sentence and their tags, for training.

    The first word-like piece of an entity token carries its tag, the later
    word-like pieces continue it, and punctuation at the edges is outside it.
    """
    pieces: list[str] = []
    tags: list[str] = []
    for token, tag in zip(sentence.tokens, sentence.tags, strict=True):
        parts = split_token(token) if token.strip() else []
        words = [i for i, part in enumerate(parts) if is_wordlike(part)]
        for i, part in enumerate(parts):
            if tag == "O" or not words or i < words[0] or i > words[-1]:
                tags.append("O")
            elif i == words[0]:
                tags.append(tag)
            else:
                tags.append("I-" + tag[2:])
            pieces.append(part)
    return pieces, repair_bio(tags)


def entity_counts(sentences: Iterable[Sentence]) -> dict[str, int]:
    """How many entities of each type the sentences hold."""
    counts = dict.fromkeys(TYPES, 0)
    for sentence in sentences:
        for tag in sentence.tags:
            if tag.startswith("B-"):
                counts[tag[2:]] += 1
    return counts
