"""Text dumps: pages copied as plain text, several articles to a file, page junk and all.

The shape, as scraped news sites print it::

    headline
    deck (optional)
    caption (أ.ب)          <- photo caption, often printed twice
    caption (أ.ب)
    TT                     <- a lone marker
    headline               <- printed again
    caption (أ.ب)          <- and the captions again
    body paragraph ...
    مشاركة المقال !         <- share/comment widgets, notices, lone counters

Articles are separated by three or more empty lines. Junk is recognised line
by line (:mod:`mawjaz.ingest.clean`), so the same article dumped from two
sites with different furniture around it gives the same body, and an exact
content hash finds the copies.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from mawjaz.ingest.clean import (
    TT_MARKER,
    build_article,
    collapse,
    is_junk_line,
    source_name,
)
from mawjaz.ingest.dates import date_in_name
from mawjaz.ingest.record import Article, Problem
from mawjaz.text import normalise
from mawjaz.text.captions import caption_credit, is_caption

_SEPARATOR_BLANKS = 3
# Only ASCII blanks separate articles: a line holding a no-break space is a
# printed empty paragraph *inside* an article, not the dump's separator.
_ASCII_BLANK = " \t\r\f\v"
_MAX_DECK_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?؟…]$")


@dataclass(frozen=True, slots=True)
class _Parsed:
    title: str
    subtitle: str | None
    captions: tuple[str, ...]
    body: tuple[str, ...]


def read_dump(text: str, origin: str) -> Iterator[Article | Problem]:
    """Every article in a dump, in order; ``external_id`` is ``"{file stem}#{n}"`` counting from 1.

    A dump says no date, so its articles take the date its file name holds
    (``alrafidain_2026-11-22.txt``, see :func:`~mawjaz.ingest.dates.date_in_name`);
    without one they stay undated and are placed at the time they were first seen.
    """
    stem = source_name(origin)
    published = date_in_name(origin) if "://" not in origin and origin != "-" else None
    pieces = split_articles(text)
    if not pieces:
        yield Problem(origin, "no article found: the text is blank")
        return
    for number, lines in enumerate(pieces, start=1):
        where = f"{origin}#{number}" if len(pieces) > 1 else origin
        parsed = parse_article(lines)
        if parsed is None:
            yield Problem(where, "no headline found: every line is page junk")
            continue
        yield build_article(
            where,
            title=parsed.title,
            body="\n".join(parsed.body),
            source=stem,
            external_id=f"{stem}#{number}",
            subtitle=parsed.subtitle,
            captions=parsed.captions,
            published=published,
        )


def split_articles(text: str) -> list[list[str]]:
    """The dump cut at every run of three or more empty lines; pieces with no visible text are dropped."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pieces: list[list[str]] = []
    current: list[str] = []
    blanks = 0
    for line in lines:
        if line.strip(_ASCII_BLANK) == "":
            blanks += 1
            continue
        if blanks >= _SEPARATOR_BLANKS and current:
            pieces.append(current)
            current = []
        blanks = 0
        current.append(line)
    if current:
        pieces.append(current)
    return [piece for piece in pieces if any(collapse(line) for line in piece)]


def parse_article(lines: list[str]) -> _Parsed | None:
    """Headline, deck, captions and body of one article's lines, junk dropped; ``None`` if no headline."""
    content = [line for line in map(collapse, lines) if line]
    start = next((i for i, line in enumerate(content) if not is_junk_line(line)), None)
    if start is None:
        return None
    title, rest = content[start], content[start + 1 :]
    seen = Counter(normalise(line) for line in rest)
    captions = [line for line in rest if _is_caption(line, seen)]
    caption_set = set(captions)
    subtitle = _deck(rest, caption_set)
    repeated = {normalise(title)} | ({normalise(subtitle)} if subtitle else set())
    body: list[str] = []
    for line in rest[_body_start(title, rest) :]:
        if line in caption_set or is_junk_line(line) or normalise(line) in repeated:
            continue
        if body and normalise(body[-1]) == normalise(line):
            continue  # a paragraph printed twice in a row
        body.append(line)
    return _Parsed(title, subtitle, tuple(dict.fromkeys(captions)), tuple(body))


def _is_caption(line: str, seen: Counter[str]) -> bool:
    """A caption by its known agency credit, or by an unknown credit on a line the page printed twice."""
    return is_caption(line) or (caption_credit(line) is not None and seen[normalise(line)] > 1)


def _deck(rest: list[str], captions: set[str]) -> str | None:
    """The subtitle: the first real line before the ``TT`` marker, or a short line followed by a caption.

    Without a marker, a deck is told from a first body paragraph by its shape:
    short, no closing full stop, and the photo captions come right after it.
    """
    if TT_MARKER in rest:
        header = rest[: rest.index(TT_MARKER)]
        return next((line for line in header if line not in captions and not is_junk_line(line)), None)
    if len(rest) >= 2 and rest[0] not in captions and not is_junk_line(rest[0]):
        short = len(rest[0].split()) <= _MAX_DECK_WORDS and not _SENTENCE_END.search(rest[0])
        if short and rest[1] in captions:
            return rest[0]
    return None


def _body_start(title: str, rest: list[str]) -> int:
    """Where the body may begin: after the ``TT`` marker when the headline is printed again after it.

    Then everything before the marker is a header that the page prints twice
    (deck and captions aside, which are kept as metadata). A marker with no
    repeat after it proves nothing, and nothing before it is thrown away.
    """
    if TT_MARKER not in rest:
        return 0
    after = rest.index(TT_MARKER) + 1
    key = normalise(title)
    return after if any(normalise(line) == key for line in rest[after:]) else 0
