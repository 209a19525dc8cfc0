"""Mawjaz's light stemmer: clitics off, stems intact, chosen by measurement.

The prefixes are :mod:`mawjaz.text.clitics`' (the project's one list); this
module decides when taking one off is safe.

Decision. Four candidates were measured by ``bench/stemmers.py`` on the ANT
multi-source corpus, held-out days 2018-05-04..14 (498 k tokens, 46.6 k
distinct Arabic words; Mawjaz's protected list is derived without them):

==========  =========  =======  ======  =========  ======  ======
stemmer     words/s    article  bare    protected  apart   merges
==========  =========  =======  ======  =========  ======  ======
mawjaz        277,000    99.8 %  99.9 %   100 %     100 %       2
snowball       21,000    55.4 %  50.1 %    50 %      70 %     890
tashaphyne     31,000    97.6 %  76.8 %     0 %      40 %   1,157
isri          133,000    99.3 %  72.6 %    72 %      50 %   2,002
==========  =========  =======  ======  =========  ======  ======

words/s: distinct words, no cache (through :func:`mawjaz.text.tokens.index_terms`,
cached, 0.9 M tokens/s). article: share of 3,742 pairs «والحرب»/«الحرب» that
get one stem. bare: share of 2,678 pairs «لداعش»/«داعش» that do. protected:
share of 40 hand-checked words whose first letter is their own («لبنان»,
«بشار», «فكرة», «وزير») that keep it (13 of the 40 are also in the hand list
below, so 100 % is partly by construction; the other 27 come from counts).
apart: share of 20 hand-checked pairs of different words kept apart
(«دولة»/«دول», «فكرة»/«كرة», «الرئيسي»/«الرئيس»). merges: words among the
3,000 most frequent that share a stem with another one without being its
clitic variant (snowball's and ISRI's include plural and nisba conflations
such as «إيران»=«الإيراني», but also ISRI's «إيران»=«أيار»). Snowball misses
clitics and is slow in pure Python; tashaphyne and ISRI strip any leading ب
or ل («لبنان» → بنا/لبن, «بشار» → شار/بشر). So Mawjaz uses its own:

* proclitics: ``(و|ف)? (ب|ك|ل)? ال`` when at least two letters are left,
  ``(و|ف)? لل`` when three are («للقب» is ل + لقب); bare ``و ف ب ك ل`` and their pairs when a stem of at least
  three letters is left, applied again to what remains so that an unknown
  name gets the same stem with or without a preposition;
* a word whose first letter belongs to its stem is *protected*: the list in
  ``data/protected.txt`` is derived from word counts by
  :mod:`mawjaz.text.derive` (a word much more frequent than what would be
  left once its first letter is removed is a word of its own: «لبنان» 448
  times, «بنان» 3) plus a short hand-checked list of names;
* pronoun suffixes ``هما كما كن كم هن هم ها نا`` when three letters are
  left. Not ``ه`` (after normalisation it is also ة: «دولة» must not become
  «دول») and not ``ي`` (mostly the nisba adjective in news: «الرئيسي» must
  not become «الرئيس»).

Figures: ``.venv/bin/python bench/stemmers.py`` (after ``.venv/bin/pip install
snowballstemmer tashaphyne``; NLTK is already there).

The input is one *normalised* word (see :func:`mawjaz.text.normalise.words`);
words that are not all Arabic letters pass unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from importlib.resources import files

from mawjaz.text.clitics import ARTICLE_PREFIXES, PREFIXES, PROCLITIC_LETTERS

SUFFIXES = ("هما", "كما", "كن", "كم", "هن", "هم", "ها", "نا")

#: Letters a stem can begin with that are also proclitics: only words starting
#: with these can need protection.
CLITIC_LETTERS = PROCLITIC_LETTERS

_ARABIC_WORD = re.compile(r"[\u0621-\u064A]+")
_MIN_ARTICLE_STEM = 2
_MIN_STEM = 3


def _load_protected() -> frozenset[str]:
    text = files("mawjaz.text").joinpath("data/protected.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


PROTECTED: frozenset[str] = _load_protected()


def strip_suffix(word: str) -> str:
    """Drop one pronoun suffix if a stem of three letters or more remains."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def proclitic_splits(word: str) -> list[tuple[str, str]]:
    """Every grammatical (prefix, rest) split of ``word`` that leaves a long enough stem, longest prefix first."""
    splits = []
    for prefix in PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        if prefix in ARTICLE_PREFIXES:
            # «للقب» is ل + لقب, not ل + ال + قب: after لل a two-letter rest is too short to trust.
            if len(rest) >= (_MIN_STEM if prefix.endswith("لل") else _MIN_ARTICLE_STEM):
                splits.append((prefix, rest))
        elif len(strip_suffix(rest)) >= _MIN_STEM:
            splits.append((prefix, rest))
    return splits


def strip_proclitics(word: str, protected: Collection[str] = PROTECTED) -> str:
    """``word`` without its proclitics, unless its first letters belong to a protected stem.

    A split whose rest is protected wins, the least stripped first («للبنان» →
    لبنان, though «بنان» is a word too); otherwise
    the longest split is taken and, when it had no article, the rest is tried
    again: stripping is then the same for a word with or without a clitic in
    front, so an unknown name («بايدن», «لبايدن») gets one stem either way.
    """
    if word in protected or strip_suffix(word) in protected:
        return word
    splits = proclitic_splits(word)
    for _prefix, rest in reversed(splits):
        if rest in protected or strip_suffix(rest) in protected:
            return rest
    if not splits:
        return word
    prefix, rest = splits[0]
    if prefix in ARTICLE_PREFIXES:
        return rest
    return strip_proclitics(rest, protected)


# Small: :func:`mawjaz.text.tokens.term`, its one caller in Mawjaz, has its own larger cache in front, so
# an ingest only ever asked this one for words that cache had not kept (200,000 here once: ≈ 42 MB
# when full, with no hit in a 20k-article ingest).
@lru_cache(maxsize=1 << 12)
def light_stem(word: str) -> str:
    """Stem one normalised word: proclitics, then one pronoun suffix. Non-Arabic words pass unchanged.

    >>> light_stem("لداعش"), light_stem("لبنان"), light_stem("والاسد")
    ('داعش', 'لبنان', 'اسد')
    """
    if not _ARABIC_WORD.fullmatch(word):
        return word
    return strip_suffix(strip_proclitics(word))
