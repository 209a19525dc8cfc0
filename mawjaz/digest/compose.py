"""A story's headline and summary from its stored articles: glue between storage rows and the pure text functions.

Both tell the story's **latest development**: they are taken from its newest
significant article (:func:`latest`), so a story that moved on (a toll that
rose, a vote that passed) reads as it stands now, with the latest report's
figures. Significant: its title says what happened (not a programme, live blog
or media label such as «نشرة خاصة», «تغطية خاصة», «بالفيديو», see
:func:`mawjaz.digest.headline.is_label`) and its body is a report, not a
caption or a teaser (:data:`SIGNIFICANT_WORDS`). Articles come from storage in
time order (publication, else first sighting), earliest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from mawjaz.digest.headline import clean_headline, is_label, pick_headline
from mawjaz.digest.summarise import summarise

SIGNIFICANT_WORDS = 40  # a body shorter than this is a teaser, a caption or a programme's blurb
_FALLBACK_HEADLINE_WORDS = 14


class _Text(Protocol):
    """What is read of an article here: a stored ``Article`` or a ``story_index.Member`` row."""

    @property
    def headline(self) -> str: ...
    @property
    def body(self) -> str: ...


def latest(articles: Sequence[_Text]) -> int:
    """Index of the newest significant article (``articles`` earliest first); the newest with a real title else.

    Read from the newest back, so a growing story whose newest article is a
    report (most of them) costs one title and one body, not all of them: a
    story is recomputed each time it grows.
    """
    titled = -1
    for i in range(len(articles) - 1, -1, -1):
        article = articles[i]
        if is_label(article.headline):
            continue
        if significant(article.body):
            return i
        if titled < 0:
            titled = i
    return titled if titled >= 0 else len(articles) - 1


def significant(body: str) -> bool:
    """Whether ``body`` is a report: :data:`SIGNIFICANT_WORDS` words or more (counted no further than that)."""
    return len(body.split(None, SIGNIFICANT_WORDS)) >= SIGNIFICANT_WORDS


def texts_of(articles: Sequence[_Text]) -> tuple[str, str]:
    """:func:`headline_of` and :func:`summary_of` together, the newest significant article found once."""
    newest = latest(articles)
    headline = _headline(articles, newest)
    sentences = summarise([(a.headline, a.body) for a in _latest_first(articles, newest)], latest_first=True)
    return headline, " ".join(sentences) if sentences else headline


def headline_of(articles: Sequence[_Text]) -> str:
    """The cleaned title of the story's newest significant article; when every title is a label, the summary's start."""
    return _headline(articles, latest(articles))


def _headline(articles: Sequence[_Text], index: int) -> str:
    newest = articles[index]
    if not is_label(newest.headline):
        return clean_headline(newest.headline)
    agreed = pick_headline([a.headline for a in articles])  # labels are never picked
    if agreed:
        return agreed
    sentences = summarise(
        [(a.headline, a.body) for a in _latest_first(articles, index)],
        max_sentences=1,
        max_words=_FALLBACK_HEADLINE_WORDS,
        latest_first=True,
    )
    return sentences[0] if sentences else clean_headline(newest.headline)


def summary_of(articles: Sequence[_Text]) -> str:
    """1–2 sentences, at most 45 words, opening on the latest development; never empty while a headline exists."""
    return texts_of(articles)[1]


def _latest_first(articles: Sequence[_Text], newest: int) -> list[_Text]:
    """The newest significant article (at ``newest``), then the others newest first (a summary reads the first eight)."""
    return [articles[newest], *(articles[i] for i in range(len(articles) - 1, -1, -1) if i != newest)]
