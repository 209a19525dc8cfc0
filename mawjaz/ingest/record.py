"""The shared vocabulary of ingest: what every reader yields.

A reader turns raw bytes into a stream of :class:`Article` (clean, ready to
store) and :class:`Problem` (what could not be read, where, and why). One bad
record never stops a reader: it becomes a Problem and the stream goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Article:
    """One article as one outlet published it, junk removed.

    ``body`` is paragraphs joined by blank lines, for display; matching uses
    :func:`mawjaz.text.normalise` on top of it. ``published`` is an aware UTC datetime or
    ``None`` when the input did not say. ``captions`` hold photo captions
    found in the page: metadata, never body text. ``source`` identifies the
    outlet (and the copy) and never changes; ``source_name`` is what a reader
    is shown for it (:func:`mawjaz.text.outlets.display_name`).
    """

    title: str
    body: str
    source: str
    url: str | None = None
    external_id: str | None = None
    published: datetime | None = None
    language: str = "ar"
    author: str | None = None
    site_name: str | None = None
    subtitle: str | None = None
    abstract: str | None = None
    captions: tuple[str, ...] = field(default=())
    source_name: str | None = None  # the outlet as a reader knows it (mawjaz.text.outlets), None when unknown


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that could not be read: ``where`` names it (file, URL, line), ``why`` says it."""

    where: str
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


Item = Article | Problem
ItemStream = Iterator[Item]
