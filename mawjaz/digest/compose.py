"""A story's headline and summary from its stored articles: glue between storage rows and the pure text functions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from mawjaz.digest.headline import clean_headline, pick_headline
from mawjaz.digest.summarise import summarise


class _Text(Protocol):
    """What is read of an article here: a stored ``Article`` or a ``story_index.Member`` row."""

    @property
    def headline(self) -> str: ...
    @property
    def body(self) -> str: ...


def headline_of(articles: Sequence[_Text]) -> str:
    return pick_headline([a.headline for a in articles]) or clean_headline(articles[0].headline)


def summary_of(articles: Sequence[_Text]) -> str:
    """1–3 sentences across the story's articles; never empty while a headline exists to fall back on."""
    sentences = summarise([(a.headline, a.body) for a in articles])
    return " ".join(sentences) if sentences else headline_of(articles)
