"""Size limits, said the same way everywhere: "page.html is 20.0 MB, over the 5 MB limit"."""

from __future__ import annotations

_KB = 1024
_MB = 1024 * 1024

DEFAULT_MAX_BYTES = 5 * _MB
"""The default cap on one input (file, download, JSONL line); the CLI passes the configured one."""


def human_size(size: int, *, exact: bool = False) -> str:
    """``20.0 MB``, ``512.0 KB``, ``12 bytes``; ``exact`` drops a trailing ``.0`` (for limits: ``5 MB``)."""
    for unit, scale in (("MB", _MB), ("KB", _KB)):
        if size >= scale:
            figure = f"{size / scale:.1f}"
            if exact and figure.endswith(".0"):
                figure = figure[:-2]
            return f"{figure} {unit}"
    return f"{size} bytes"


def too_large(what: str, size: int | None, limit: int) -> str:
    """The one message for an input over the limit; ``size`` is ``None`` when only "more than" is known."""
    if size is None:
        return f"{what} is over the {human_size(limit, exact=True)} limit"
    return f"{what} is {human_size(size)}, over the {human_size(limit, exact=True)} limit"
