"""A story's developments: what happened next, told by the articles that brought something new.

A story that began last week is still one story today; a reader wants its
timeline, not 40 reports of it. This is a pure function of the story's
articles (no table, nothing stored): the first article opens the first
development, and a later article opens a new one when it brings *new
specifics* in its headline —

* a number no earlier headline of the story gave (a toll, a vote count, a
  date), at any time: «مقتل 12» after «مقتل 5» is news;
* or, at least :data:`GAP` after the development it would join, a headline
  mostly new: :data:`NEW_TERMS` or more terms, and at least :data:`NEW_SHARE`
  of its terms, that no earlier headline used (a new place, a new actor, a
  new act: «البرلمان يصوّت بالإجماع» after «الحكومة تقترح»).

On ANT v2.1 (``python bench/web.py CORPUS``) the 82 stories of five articles or
more (11.8 articles on average) get 4.6 developments on average, median 4
(3 hours and 2 new terms gave 6.8, median 6: most were the same event in new
words). There are no labels for developments yet: these figures say how short
the timeline is, not how right.

Anything else — another outlet's report of the same facts, a rewording — joins
the current development and counts as one more report of it. The story page
shows the result as a short timeline (newest first) and the digest could mark
the latest one (issue 18, point 4).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from mawjaz.digest.views import ArticleView
from mawjaz.text.normalise import normalise
from mawjaz.text.tokens import index_terms

GAP = timedelta(hours=6)
NEW_TERMS = 3
NEW_SHARE = 0.6
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True, slots=True)
class Development:
    """One step of a story: the article that brought it, when, and how many reports told it."""

    article_id: int
    headline: str
    at: datetime | None
    reports: int = 1
    outlets: tuple[str, ...] = ()  # as readers know them, in order of first report
    new: tuple[str, ...] = ()  # the specifics it brought (numbers first, then terms); empty for the first


def specifics(headline: str) -> tuple[frozenset[str], frozenset[str]]:
    """The numbers and the index terms of a headline, normalised (Arabic-Indic digits read as digits).

    >>> sorted(specifics("مقتل ١٢ شخصاً في انفجار ببغداد")[0])
    ['12']
    """
    numbers = frozenset(_NUMBER.findall(normalise(headline)))
    terms = frozenset(t for t in index_terms(headline) if not _NUMBER.fullmatch(t))
    return numbers, terms


def developments(articles: Sequence[ArticleView], gap: timedelta = GAP) -> list[Development]:
    """The story's developments, oldest first, from its articles (any order; undated ones keep their place).

    >>> from datetime import datetime as t
    >>> a = lambda i, title, hour: ArticleView(i, title, "s", None, t(2026, 5, 1, hour), ())
    >>> [d.article_id for d in developments([a(1, "انفجار في بغداد يقتل 5", 8),
    ...     a(2, "انفجار بغداد يقتل 5 أشخاص", 9), a(3, "ارتفاع حصيلة انفجار بغداد إلى 12", 10)])]
    [1, 3]
    """
    ordered = _in_time_order(articles)
    out: list[Development] = []
    seen_numbers: set[str] = set()
    seen_terms: set[str] = set()
    for article in ordered:
        numbers, terms = specifics(article.title)
        new_numbers = sorted(numbers - seen_numbers)
        new_terms = sorted(terms - seen_terms)
        current = out[-1] if out else None
        later = current is not None and _apart(current.at, article.published, gap)
        fresh = len(new_terms) >= NEW_TERMS and len(new_terms) >= NEW_SHARE * len(terms)
        if current is None or new_numbers or (later and fresh):
            out.append(
                Development(
                    article_id=article.id,
                    headline=article.title,
                    at=article.published,
                    outlets=_outlet(article),
                    new=tuple(new_numbers + new_terms) if current is not None else (),
                )
            )
        else:
            outlets = current.outlets + tuple(o for o in _outlet(article) if o not in current.outlets)
            out[-1] = Development(
                current.article_id, current.headline, current.at, current.reports + 1, outlets, current.new
            )
        seen_numbers |= numbers
        seen_terms |= terms
    return out


def _in_time_order(articles: Sequence[ArticleView]) -> list[ArticleView]:
    """Dated articles by time; an undated one keeps the time of the article before it (storage order is arrival)."""
    keyed = []
    last: datetime | None = None
    for n, article in enumerate(articles):
        last = article.published or last
        keyed.append((last is not None, last or datetime.min, n, article))
    return [item[-1] for item in sorted(keyed, key=lambda k: (k[0], k[1], k[2]))]


def _apart(then: datetime | None, now: datetime | None, gap: timedelta) -> bool:
    return then is not None and now is not None and now - then >= gap


def _outlet(article: ArticleView) -> tuple[str, ...]:
    name = article.source_name
    return (name,) if name else ()
