"""Remembering what was read from a text, without keeping hostile texts as cache keys."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")


def remembered_up_to(length: int, maxsize: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """An ``lru_cache`` of ``maxsize`` for a function of one text, bypassed for texts over ``length`` characters.

    The cache holds its keys: a few hostile megabyte bodies or titles would
    otherwise stay in memory long after their story is digested. Texts that
    long are read each time instead (the answer is the same). The wrapper
    keeps the cache's ``cache_info`` and ``cache_clear``.
    """

    def decorate(function: Callable[[str], T]) -> Callable[[str], T]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def read(text: str) -> T:
            return cached(text) if len(text) <= length else function(text)

        read.cache_info = cached.cache_info  # type: ignore[attr-defined]
        read.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return read

    return decorate
