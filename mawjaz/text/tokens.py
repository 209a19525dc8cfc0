"""Words and search terms: one pipeline, so that an index and a query can never disagree.

:func:`index_terms` is what search indexes, story vectors and alias keys are
built from: normalised words (:mod:`mawjaz.text.normalise`), stop words
dropped (:mod:`mawjaz.text.stopwords`), proclitics and pronoun suffixes
stripped by the light stemmer (:mod:`mawjaz.text.stem`): «لداعش», «بداعش» and
«وداعش» all give داعش, «للأسد» and «والأسد» give اسد, while «لبنان» and
«بشار» keep their first letter. :func:`query_terms` is the same function
under the name a search caller looks for.

Each distinct word is analysed once and remembered, so a long text costs a
regular-expression pass plus one dictionary look-up per word.
"""

from __future__ import annotations

from functools import lru_cache

from mawjaz.text.normalise import words
from mawjaz.text.stem import light_stem
from mawjaz.text.stopwords import STOPWORDS

# No word is longer: such a "word" is a URL tail or inline data, and PostgreSQL's
# tsvector refuses lexemes over 2,047 bytes. Index and queries skip it alike.
MAX_TERM_CHARS = 64


def tokens(text: str) -> list[str]:
    """Normalised word tokens of ``text``, in order, clitics still attached and stop words kept."""
    return words(text)


# Every text stored, searched and grouped is read word by word through here. A long ingest meets new
# words without end, so the cache is full in the end: ≈ 300 B a word, ≈ 40 MB at this bound (500,000
# was ≈ 150 MB). A miss costs ≈ 6 µs (the stem), a hit ≈ 0.2 µs.
@lru_cache(maxsize=1 << 17)
def term(word: str) -> str | None:
    """The search term of one normalised word, or ``None`` for a stop word.

    >>> term("لداعش"), term("وهو")
    ('داعش', None)
    """
    if word in STOPWORDS or len(word) > MAX_TERM_CHARS:
        return None
    stem = light_stem(word)
    return None if stem in STOPWORDS else stem


def index_terms(text: str) -> list[str]:
    """The terms of ``text`` for indexing, in order: normalised, stop words out, clitics stripped.

    Order is kept (stop words simply vanish), so a multi-word name is a phrase
    of adjacent terms in the index exactly as in the query.

    >>> index_terms("«لداعش» والأسد في لبنان")
    ['داعش', 'اسد', 'لبنان']
    """
    out = []
    for word in words(text):
        found = term(word)
        if found is not None:
            out.append(found)
    return out


def query_terms(query: str) -> list[str]:
    """The terms to search for ``query``: by construction the same as :func:`index_terms` gives for the same words."""
    return index_terms(query)
