"""Ingest: any input (file, folder, URL, stdin) in, a stream of clean Articles and Problems out.

:func:`read_source` is the one door. It picks the reader (dump, feed, page,
JSONL) by ``fmt`` or by sniffing, enforces the size limit before reading, and
turns every failure of one input into a :class:`Problem`, so a batch of
sources always runs to its end.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO

import httpx

from mawjaz.errors import IngestError

# Functions named like their module are imported under private names, so that
# ``mawjaz.ingest.decode`` and ``mawjaz.ingest.fetch`` keep meaning the modules.
from mawjaz.ingest.decode import decode as _decode
from mawjaz.ingest.dumps import read_dump
from mawjaz.ingest.feeds import complete_teasers, fetch_feed, read_feed_entries
from mawjaz.ingest.fetch import Guard
from mawjaz.ingest.fetch import fetch as _fetch
from mawjaz.ingest.jsonl import read_jsonl
from mawjaz.ingest.limits import too_large
from mawjaz.ingest.pages import read_page
from mawjaz.ingest.record import Article, Problem
from mawjaz.ingest.unpack import is_packed, refuse_binary, unpack

log = logging.getLogger(__name__)

FORMATS = ("auto", "dump", "feed", "page", "jsonl")
"""The values of ``fmt``: ``auto`` sniffs, the others force a reader."""

_EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed",
    ".html": "page", ".htm": "page", ".xhtml": "page",
    ".txt": "dump",
}  # fmt: skip
# What a folder is read for: files named like a format Mawjaz knows, packed (.gz) or not.
# Anything else in a folder (a SOURCE.md, a README, a .csv, a picture) is skipped and said.
KNOWN_SUFFIXES = frozenset({*_EXTENSIONS, ".xml"})
_SNIFF_BYTES = 4096
_FIRST_TAG = re.compile(r"<(?![?!])([A-Za-z][\w:.-]*)")
_JSON_ARRAY = re.compile(r"\[\s*\{")
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
_DEFAULT_TIMEOUT_S = 20.0


def read_source(
    source: str,
    fmt: str = "auto",
    *,
    max_bytes: int,
    client: httpx.Client | None = None,
    guard: Guard | None = None,
    stdin: BinaryIO | None = None,
    on_skip: Callable[[str], None] | None = None,
) -> Iterator[Article | Problem]:
    """Read ``source``: a file, a folder (its files, recursively, sorted), an http(s) URL, or ``-`` for stdin.

    In a folder only the files of a known format are read (:func:`known_format`):
    each other file is passed to ``on_skip`` (when given) and not read. A file
    named on its own is always read, its format sniffed when its name does not say.

    ``max_bytes`` caps each input (a JSONL file is streamed, so the cap is per
    line there). ``client`` is used for URLs (one is made if needed);
    ``guard`` sees every URL fetched, redirects and teaser pages included.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if source == "-":
        yield from _guarded(source, lambda: _read_stdin(stdin or sys.stdin.buffer, fmt, max_bytes))
    elif source.lower().startswith(("http://", "https://")):
        yield from _guarded(source, lambda: _read_url(source, fmt, max_bytes, client, guard))
    else:
        path = Path(source)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            files = [p for p in found if known_format(p.name)]
            for skipped in (p for p in found if not known_format(p.name)):
                log.info("%s: skipped, not a format Mawjaz reads", skipped)
                if on_skip is not None:
                    on_skip(str(skipped))
            if not found:
                yield Problem(source, "the folder holds no files")
            elif not files:
                yield Problem(source, f"the folder holds no file Mawjaz reads ({len(found)} skipped)")
            for file in files:
                yield from _guarded(str(file), partial(_read_file, file, fmt, max_bytes))
        else:
            yield from _guarded(source, lambda: _read_file(path, fmt, max_bytes))


def known_format(name: str) -> bool:
    """Whether a file name says a format Mawjaz reads: .txt, .xml/.rss/.atom, .html/.htm/.xhtml, .jsonl/.ndjson (or .gz)."""
    return Path(name.lower().removesuffix(".gz")).suffix in KNOWN_SUFFIXES


def sniff_format(head: bytes, name: str = "", content_type: str = "") -> str:
    """The reader for an input, from its file extension, its media type, then its first bytes."""
    by_extension = _EXTENSIONS.get(Path(name.split("?")[0]).suffix.lower()) if name else None
    if by_extension:
        return by_extension
    kind = content_type.lower()
    if "rss" in kind or "atom" in kind or "rdf" in kind:
        return "feed"
    if "json" in kind:
        return "jsonl"
    text = _decode(head[:_SNIFF_BYTES]).text.lstrip("\ufeff \t\r\n")
    if text.startswith("{") or _JSON_ARRAY.match(text):
        return "jsonl"  # a JSON array is not JSONL, but the JSONL reader says so clearly
    if text.startswith("<"):
        first = _FIRST_TAG.search(text)
        return "feed" if first and first.group(1).lower() in _FEED_ROOTS else "page"
    return "page" if "html" in kind else "dump"


def _guarded(where: str, read: Callable[[], Iterator[Article | Problem]]) -> Iterator[Article | Problem]:
    """Run one input's reader; an IngestError (or OSError) ends that input with a Problem, not the batch."""
    try:
        yield from read()
    except IngestError as exc:
        yield Problem(where, str(exc))
    except OSError as exc:
        yield Problem(where, f"cannot be read: {exc.strerror or exc}")


def _read_file(path: Path, fmt: str, max_bytes: int) -> Iterator[Article | Problem]:
    where = str(path)
    if not path.exists():
        yield Problem(where, "no such file or folder")
        return
    size = path.stat().st_size
    if size == 0:
        yield Problem(where, "the file is empty")
        return
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
        if is_packed(head):
            if size > max_bytes:
                yield Problem(where, too_large(path.name, size, max_bytes))
                return
            handle.seek(0)
            data = unpack(handle.read(), where, max_bytes)
            kind = fmt if fmt != "auto" else sniff_format(data[:_SNIFF_BYTES], path.name.removesuffix(".gz"))
            yield from _read_bytes(data, kind, where)
            return
        kind = fmt if fmt != "auto" else sniff_format(head, path.name)
        handle.seek(0)
        if kind == "jsonl":
            yield from read_jsonl(_capped_lines(handle, max_bytes), where, max_line_bytes=max_bytes)
            return
        if size > max_bytes:
            yield Problem(where, too_large(path.name, size, max_bytes))
            return
        data = handle.read(max_bytes + 1)
    yield from _read_bytes(data, kind, where)


def _read_stdin(stream: BinaryIO, fmt: str, max_bytes: int) -> Iterator[Article | Problem]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Problem("-", too_large("standard input", None, max_bytes))
        return
    data = unpack(data, "standard input", max_bytes)
    kind = fmt if fmt != "auto" else sniff_format(data)
    yield from _read_bytes(data, kind, "-")


def _read_url(
    url: str, fmt: str, max_bytes: int, client: httpx.Client | None, guard: Guard | None
) -> Iterator[Article | Problem]:
    if client is None:
        with httpx.Client(timeout=_DEFAULT_TIMEOUT_S) as own:
            yield from _read_url(url, fmt, max_bytes, own, guard)
        return
    if fmt == "feed":
        yield from fetch_feed(url, client, max_bytes=max_bytes, guard=guard).items
        return
    fetched = _fetch(url, client, max_bytes, guard=guard)
    content = unpack(fetched.content, url, max_bytes)  # a .gz served as is (Content-Encoding is undone by httpx)
    kind = fmt if fmt != "auto" else sniff_format(content, "", fetched.content_type)
    if kind == "feed":
        entries = read_feed_entries(content, fetched.url, charset=fetched.charset)
        yield from complete_teasers(entries, client, max_bytes, guard)
    else:
        yield from _read_bytes(content, kind, url, url=fetched.url, charset=fetched.charset)


def _read_bytes(
    data: bytes, kind: str, where: str, *, url: str | None = None, charset: str | None = None
) -> Iterator[Article | Problem]:
    if not data.strip():
        yield Problem(where, "the input is empty")
        return
    refuse_binary(data, where)
    if kind == "feed":
        for item in read_feed_entries(data, where, charset=charset):
            yield item if isinstance(item, Problem) else item.to_article()
    elif kind == "page":
        yield from read_page(data, where, url=url, charset=charset)
    else:
        decoded = _decode(data, charset)
        if decoded.replaced:
            log.warning("%s: %d undecodable bytes replaced", where, decoded.replaced)
        reader = read_jsonl if kind == "jsonl" else read_dump
        yield from reader(decoded.text, where)


def _capped_lines(handle: BinaryIO, max_bytes: int) -> Iterator[str]:
    """Lines of a binary file, decoded as UTF-8; a line over ``max_bytes`` is cut there and its rest skipped.

    The cut line is longer than the cap, so :func:`read_jsonl` refuses it by
    its length without holding more than ``max_bytes`` of it.
    """
    while line := handle.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(max_bytes + 1)) and not rest.endswith(b"\n"):
                pass
        yield line.decode("utf-8", errors="replace")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


__all__ = ["Article", "FORMATS", "Problem", "read_source", "sniff_format"]
