"""Arabic proclitics: the one list of what may be glued before a word, and the ways to take it off.

Arabic writes the conjunctions و ف, the prepositions ب ك ل and the article
ال as part of the next word: «والأسد», «للرئيس», «بداعش». Every module that
compares words needs them off, and each used to carry its own list. They
now share this vocabulary (all of it on *normalised* words,
:func:`mawjaz.text.normalise.normalise`):

* :data:`PROCLITIC_LETTERS`, the five letters a proclitic is made of;
* :data:`ARTICLE`, the article with what may be glued before it:
  ``(و|ف)? (ب|ك|ل)? ال`` or the contraction ``(و|ف)? لل``;
* :data:`ARTICLE_PREFIXES` / :data:`PLAIN_PREFIXES`, the same as a list of
  prefixes, longest first, for the light stemmer (:mod:`mawjaz.text.stem`).

And three strippers, one per kind of evidence a caller has. They differ on
purpose, and each is measured where it is used:

* :func:`mawjaz.text.stem.light_stem` (protected stems from word counts): the
  search stemmer, for index and query terms;
* :func:`split_by_rank` (a word-frequency table): the NER features, and so the
  trained model: changing it changes what the model was trained on;
* :func:`strip_prefix` (no evidence at all): the first listed prefix that
  leaves three letters. Good enough where stems are only compared with each
  other (headline word bags, summary sentence bags): a wrong cut costs little
  when every text is cut alike.
"""

from __future__ import annotations

import re

#: The letters a proclitic is made of: و ف (conjunctions), ب ك ل (prepositions).
PROCLITIC_LETTERS = frozenset("وفبكل")

#: The article and what may be glued before it, anchored at the start of a word.
ARTICLE = re.compile(r"^[وف]?(?:[بكل]?ال|لل)")

# Longest first, so that the first grammatical split tried is the fullest.
ARTICLE_PREFIXES = ("وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
PLAIN_PREFIXES = ("وب", "فب", "وك", "فك", "ول", "فل", "و", "ف", "ب", "ك", "ل")
PREFIXES = tuple(sorted(ARTICLE_PREFIXES + PLAIN_PREFIXES, key=len, reverse=True))

# What strip_prefix tries, in order. Bare ك is left out: far more words begin
# with it (كان, كل, كبير) than are ك + word. This is the list the summariser
# was measured with (bench/summary.py); headlines used it less ب ل ف.
_SIMPLE_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف")
_SIMPLE_MIN_REST = 3

# split_by_rank: the article needs two letters after it, a bare prefix three.
_RANKED_ARTICLE = re.compile(ARTICLE.pattern + r"(?=..)")
_RANKED_LETTERS = re.compile(r"^([وف]?[بكل]?|[وف])(?=...)")
_UNRANKED = 1 << 30


def strip_prefix(word: str) -> str:
    """The first of «وال بال فال كال لل ال و ب ل ف» that ``word`` starts with, off, if three letters are left.

    >>> strip_prefix("والحرب"), strip_prefix("لتركيا"), strip_prefix("بلد")
    ('حرب', 'تركيا', 'بلد')
    """
    for prefix in _SIMPLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _SIMPLE_MIN_REST:
            return word[len(prefix) :]
    return word


def commoner(rest: str, word: str, ranks: dict[str, int]) -> bool:
    """Whether ``rest`` is a known word more frequent than ``word`` (``ranks``: 0 = most frequent)."""
    rank = ranks.get(rest)
    return rank is not None and rank < ranks.get(word, _UNRANKED)


def split_by_rank(word: str, ranks: dict[str, int]) -> tuple[str, str]:
    """Split a normalised word into its proclitics and the rest, by word frequency.

    The article (with و ف ب ك ل before it, or the «لل» contraction) always
    goes when two letters are left. A bare prefix of one or two letters goes
    only when the rest is a commoner known word: «بشار» stays, «ولدمشق» is
    «ول» + «دمشق».

    >>> split_by_rank("والاسد", {}), split_by_rank("بشار", {"بشار": 10, "شار": 900})
    (('وال', 'اسد'), ('', 'بشار'))
    """
    match = _RANKED_ARTICLE.match(word)
    if match:
        return match.group(0), word[match.end() :]
    match = _RANKED_LETTERS.match(word)
    if match and match.end():
        for cut in range(match.end(), 0, -1):
            if commoner(word[cut:], word, ranks):
                return word[:cut], word[cut:]
    return "", word
