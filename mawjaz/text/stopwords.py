"""Arabic stop words: the shipped list, for dropping words that say nothing about a topic.

The list (``data/stopwords.txt``) holds normalised *surface* forms, clitic
forms included («وهو», «لهذا», «عليها»), so a word is checked as it stands,
before any stemming: stripping first would turn «وهو» into «هو» only when
the stemmer's length guards allow it. See :mod:`mawjaz.text.derive` for where
the words come from and which were removed because news uses them as content.
"""

from __future__ import annotations

from importlib.resources import files


def _load() -> frozenset[str]:
    text = files("mawjaz.text").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


STOPWORDS: frozenset[str] = _load()


def is_stopword(term: str) -> bool:
    """Whether ``term`` (a normalised word, e.g. from :func:`mawjaz.text.normalise.words`) is a stop word.

    >>> is_stopword("وهو"), is_stopword("داعش")
    (True, False)
    """
    return term in STOPWORDS
