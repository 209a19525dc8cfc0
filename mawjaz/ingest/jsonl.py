"""JSON Lines: one article per line, the shape of the research corpora in ``../shared/data``.

Each line is an object with ``id``, ``title`` and ``text``, and optionally
``source``, ``source_name`` (the outlet's name for readers), ``url``, ``time``
or ``date``, ``abstract`` (or ``summary``), ``author`` and ``language``. The reader streams: it holds one line at a
time, so a corpus of any length costs the memory of its longest line, and a
bad line is a Problem naming its number while the others go on.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator

from mawjaz.ingest.clean import build_article, source_name
from mawjaz.ingest.dates import parse_date
from mawjaz.ingest.limits import too_large
from mawjaz.ingest.record import Article, Problem
from mawjaz.text.outlets import names_an_outlet

_BODY_KEYS = ("text", "body", "content")
_DATE_KEYS = ("time", "published", "date")
_ABSTRACT_KEYS = ("abstract", "summary", "description")


def read_jsonl(
    lines: str | Iterable[str], origin: str, *, max_line_bytes: int | None = None
) -> Iterator[Article | Problem]:
    """One Article per line of ``lines`` (a whole text or any iterable of lines, e.g. an open file).

    ``external_id`` is the record's ``id`` (``"{stem}:{line}"`` when it has
    none); ``source`` is the record's ``source`` or the file's stem. A line
    over ``max_line_bytes`` is refused without being parsed.
    """
    if isinstance(lines, str):
        lines = io.StringIO(lines)
    stem = source_name(origin)
    records = 0
    for number, line in enumerate(lines, start=1):
        if number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        records += 1
        where = f"{origin}:{number}"
        if max_line_bytes is not None and _over(line, max_line_bytes):
            # No size in the message: a streamed line over the cap was cut there, its true size unknown.
            yield Problem(where, too_large(f"line {number}", None, max_line_bytes))
            continue
        yield _record(line, where, stem, number)
    if records == 0:
        yield Problem(origin, "no records: the input is empty")


def _over(line: str, limit: int) -> bool:
    return len(line) > limit // 4 and len(line.encode("utf-8")) > limit  # 4 bytes per character at most


def _record(line: str, where: str, stem: str, number: int) -> Article | Problem:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(where, f"line {number} is not valid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return Problem(where, f"line {number} is nested too deeply to read")
    if not isinstance(record, dict):
        return Problem(where, f"line {number} is not a JSON object")
    title = _text(record, "title")
    if not title:
        return Problem(where, f"line {number} has no title")
    identifier = record.get("id")
    published = None
    for key in _DATE_KEYS:
        published = published or parse_date(record.get(key))
    language = (_text(record, "language", "lang") or "ar").split("-")[0].lower()
    source = _text(record, "source")
    return build_article(
        where,
        title=title,
        body=_text(record, *_BODY_KEYS) or "",
        source=source or stem,
        url=_text(record, "url") or None,
        external_id=str(identifier) if identifier not in (None, "") else f"{stem}:{number}",
        published=published,
        language=language,
        author=_text(record, "author"),
        abstract=_text(record, *_ABSTRACT_KEYS),
        source_name=_text(record, "source_name", "site_name") or (source if names_an_outlet(source) else None),
    )


def _text(record: dict, *keys: str) -> str | None:
    """The first of ``keys`` holding text (numbers are taken as text; lists and objects are not)."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
    return None
