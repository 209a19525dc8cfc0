"""Arabic stop words: the shipped list, for dropping words that say nothing about a topic.

The list (``data/stopwords.txt``) holds normalised *surface* forms, clitic
forms included («وهو», «لهذا», «عليها»), so a word is checked as it stands,
before any stemming: stripping first would turn «وهو» into «هو» only when
the stemmer's length guards allow it. See :mod:`mawjaz.text.derive` for where
the words come from and which were removed because news uses them as content.
"""

from __future__ import annotations

from importlib.resources import files

from mawjaz.text.normalise import words


def _load() -> frozenset[str]:
    text = files("mawjaz.text").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


STOPWORDS: frozenset[str] = _load()

# The commonest function words: a small core of STOPWORDS (tests keep it inside),
# for scorers that weigh every other word. The summariser reads this core, not the
# whole list: with all of STOPWORDS its multi-outlet ROUGE drops (bench/summary.py).
CORE_STOPWORDS: frozenset[str] = frozenset(
    words(
        "في من على إلى الى عن أن إن ان التي الذي الذين اللذين ما لا لم لن قد كان هذا هذه ذلك تلك هؤلاء"
        " هو هي هم هما نحن مع بعد قبل بين حتى أو ثم كما عند منذ خلال إنه أنه إنها أنها كل غير أي أيضا"
        " وقد ولا وهو وهي وفي ومن وأن وإن وكان عليه عليها إليه فيه فيها منه منها له لها لهم به بها أمس"
        " حيث إلا بل لكن ولكن لدى وذلك كذلك ضمن نحو دون"
    )
)

# Words news uses as content, so not in STOPWORDS («يوم الأرض», «عبر الحدود»,
# «وسط المدينة»), but noise when choosing a summary sentence: reporting verbs,
# «كان» forms, the day, and prepositions that are also nouns. Normalised.
REPORTING_WORDS: frozenset[str] = frozenset(
    words("قال قالت أضاف أضافت وقال وقالت وأضاف وأضافت كانت وكانت يكون تكون يوم اليوم عبر وفق وسط")
)


def is_stopword(term: str) -> bool:
    """Whether ``term`` (a normalised word, e.g. from :func:`mawjaz.text.normalise.words`) is a stop word.

    >>> is_stopword("وهو"), is_stopword("داعش")
    (True, False)
    """
    return term in STOPWORDS
