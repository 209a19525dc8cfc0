"""The tokeniser the NER tagger sees, at training and at tagging time alike.

A tagger learns what its tokens look like; if training split «(أ.ف.ب)» one way
and tagging another, every feature around it would shift. So both sides go
through :func:`tokenise`: runs of letters (with their diacritics and tatweel)
and digits are words, a number keeps its inner point or comma («2.4», «1,600»),
and every other visible character is a token of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

# Letters and digits, plus the combining marks and joiners that Python's \w
# leaves out but that sit *inside* Arabic words (tanwin in «أيضاً», shadda in «أنّ»).
_WORD_CHAR = r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200C\u200D])"
_NUMBER = r"\d+(?:[.,\u066B\u066C]\d+)+"
_TOKEN = re.compile(rf"{_NUMBER}|{_WORD_CHAR}+|\S", re.UNICODE)
_HAS_WORD = re.compile(r"[^\W_]", re.UNICODE)


class Token(NamedTuple):
    """One token and where it sits in the text it came from (``text[start:end] == token.text``).

    (A named tuple: the tagger makes one per word it reads, and a frozen dataclass is three times slower to make.)
    """

    text: str
    start: int
    end: int


def tokenise(text: str) -> list[Token]:
    """Split ``text`` into word, number and punctuation tokens with character offsets.

    >>> [t.text for t in tokenise("قال (د.ب.أ) إن 2.4% فقط")]
    ['قال', '(', 'د', '.', 'ب', '.', 'أ', ')', 'إن', '2.4', '%', 'فقط']
    """
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def split_token(token: str) -> list[str]:
    """Split an already-tokenised word (as a corpus gives it) the way :func:`tokenise` would."""
    return _TOKEN.findall(token) or [token]


def is_wordlike(token: str) -> bool:
    """True for tokens that carry a letter or digit: only those can start or end a name."""
    return _HAS_WORD.search(token) is not None


# Tokens after which a new sentence starts: the model was trained on sentences.
_SENTENCE_END = frozenset({".", "!", "?", "؟", "…", "؛"})
_MAX_SENTENCE = 200


def split_sentences(tokens: list[Token]) -> list[list[Token]]:
    """Cut a token stream after sentence-final punctuation (and every 200 tokens at the latest)."""
    sentences: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        current.append(token)
        if token.text in _SENTENCE_END or len(current) >= _MAX_SENTENCE:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def align(tokens: Iterable[str]) -> tuple[list[str], list[int]]:
    """Re-split corpus tokens with the tagger's tokeniser.

    Returns the pieces and, for each piece, the index of the token it came
    from; an empty token (corpora have them) becomes no piece at all.
    """
    pieces: list[str] = []
    owners: list[int] = []
    for index, token in enumerate(tokens):
        for piece in split_token(token) if token.strip() else ():
            pieces.append(piece)
            owners.append(index)
    return pieces, owners
