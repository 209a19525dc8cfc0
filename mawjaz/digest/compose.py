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
    """Index of the newest significant article (``articles`` earliest first); the newest with a real title else."""
    titled = [i for i, a in enumerate(articles) if not is_label(a.headline)]
    significant = [i for i in titled if len(articles[i].body.split()) >= SIGNIFICANT_WORDS]
    return (significant or titled or [len(articles) - 1])[-1]


def headline_of(articles: Sequence[_Text]) -> str:
    """The cleaned title of the story's newest significant article; when every title is a label, the summary's start."""
    newest = articles[latest(articles)]
    if not is_label(newest.headline):
        return clean_headline(newest.headline)
    agreed = pick_headline([a.headline for a in articles])  # labels are never picked
    if agreed:
        return agreed
    sentences = summarise(
        [(a.headline, a.body) for a in _latest_first(articles)],
        max_sentences=1,
        max_words=_FALLBACK_HEADLINE_WORDS,
        latest_first=True,
    )
    return sentences[0] if sentences else clean_headline(newest.headline)


def summary_of(articles: Sequence[_Text]) -> str:
    """1–2 sentences, at most 45 words, opening on the latest development; never empty while a headline exists."""
    sentences = summarise([(a.headline, a.body) for a in _latest_first(articles)], latest_first=True)
    return " ".join(sentences) if sentences else headline_of(articles)


def _latest_first(articles: Sequence[_Text]) -> list[_Text]:
    """The newest significant article, then the others newest first (the ones a summary reads are the first eight)."""
    newest = latest(articles)
    return [articles[newest], *(a for i, a in reversed(list(enumerate(articles))) if i != newest)]
