"""Outlet names a reader recognises: «سكاي نيوز عربية», not ``skynews``, ``000_ca76a3fd311ad556`` or a hash.

Every copy of an article keeps its ``source`` (the id the input gave: a feed's
title, a JSONL record's ``source``, a dump's file stem), which identifies it
and must never change. What a reader is shown is its *display name*
(:func:`display_name`), taken in this order:

1. the name the input itself gives: a feed's title, a page's site name, a
   JSONL record's ``source_name`` (the readers put it in ``Article.site_name``),
   unless it is only a web address;
2. the outlets table (``mawjaz/text/data/outlets.toml``, extended by the
   user's files, ``MAWJAZ_OUTLETS_FILE``): by the copy's URL, then by its source id;
3. a web address the input gave as its name (a feed without a title);
4. otherwise nothing (``None``): renderers then show no outlet rather than a file name.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["OutletTable", "display_name", "load_outlets", "outlet_name", "use_user_outlets"]

_ID_NOISE = re.compile(r"[\s_\-.]+")
_DATE = re.compile(r"(?:19|20)\d\d[-_]?\d\d[-_]?\d\d")
_HOST_LIKE = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)
_ARABIC = re.compile(r"[\u0600-\u06FF]")
# A feed's title often names the section after the outlet: «قناة الخليج - آخر الأخبار», "X | RSS".
_SEPARATOR = re.compile(r"\s+(?:-|–|—|\||::|:)\s+")
_GENERIC = re.compile(
    r"^(?:آخر الأخبار|اخر الاخبار|الأخبار|أخبار|الرئيسية|الصفحة الرئيسية|أخبار عاجلة|عاجل|خلاصة|"
    r"rss|rss feed|feed|news|latest news|home|all|الكل)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class OutletTable:
    """Display names by source id and by web address (host, optionally with a path prefix)."""

    by_id: dict[str, str]
    by_address: dict[tuple[str, str], str]  # (host, path prefix without trailing "/") → name

    def by_url(self, url: str | None) -> str | None:
        if not url or "://" not in url:
            return None
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        path = parts.path.rstrip("/")
        best: tuple[int, str] | None = None
        for (known_host, prefix), name in self.by_address.items():
            if host != known_host and not host.endswith("." + known_host):
                continue
            if prefix and path != prefix and not path.startswith(prefix + "/"):
                continue
            length = len(known_host) + len(prefix)
            if best is None or length > best[0]:
                best = (length, name)
        return best[1] if best else None

    def by_source(self, source: str | None) -> str | None:
        if not source:
            return None
        key = _id_key(source)
        if key in self.by_id:
            return self.by_id[key]
        undated = _id_key(_DATE.sub(" ", source))
        if undated and undated in self.by_id:
            return self.by_id[undated]
        if _HOST_LIKE.match(source.strip()):
            return self.by_url(source if "://" in source else f"https://{source.strip()}")
        return None


def _id_key(source: str) -> str:
    return _ID_NOISE.sub("", source.casefold())


def _address(entry: str) -> tuple[str, str]:
    host, _, path = entry.strip().lower().removeprefix("https://").removeprefix("http://").partition("/")
    return host.removeprefix("www."), ("/" + path).rstrip("/") if path else ""


def _entries(text: str, where: str) -> list[tuple[str, list[str], list[str]]]:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{where}: {error}") from error
    found = []
    for number, outlet in enumerate(document.get("outlet", []), start=1):
        name = outlet.get("name") if isinstance(outlet, dict) else None
        ids, domains = (outlet.get("ids", []), outlet.get("domains", [])) if isinstance(outlet, dict) else ([], [])
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{where}: outlet {number} has no name")
        if (
            not all(isinstance(x, str) for x in [*ids, *domains])
            or not isinstance(ids, list)
            or not isinstance(domains, list)
        ):
            raise ValueError(f"{where}: outlet {number} («{name}»): ids and domains must be lists of strings")
        found.append((name.strip(), ids, domains))
    return found


def _build(groups: Sequence[tuple[str, list[str], list[str]]]) -> OutletTable:
    by_id: dict[str, str] = {}
    by_address: dict[tuple[str, str], str] = {}
    for name, ids, domains in groups:  # later files win: a user may rename a shipped outlet
        for ident in ids:
            by_id[_id_key(ident)] = name
        for domain in domains:
            by_address[_address(domain)] = name
    return OutletTable(by_id, by_address)


def _shipped() -> list[tuple[str, list[str], list[str]]]:
    text = files("mawjaz.text").joinpath("data/outlets.toml").read_text(encoding="utf-8")
    return _entries(text, "mawjaz/text/data/outlets.toml")


@lru_cache(maxsize=1)
def _default() -> OutletTable:
    return _build(_shipped())


def load_outlets(extra: Sequence[Path] = ()) -> OutletTable:
    """The shipped table extended by the user's files, in order; ``ValueError``/``OSError`` name a broken file."""
    if not extra:
        return _default()
    groups = _shipped()
    for path in extra:
        groups.extend(_entries(Path(path).read_text(encoding="utf-8"), str(path)))
    return _build(groups)


_configured: OutletTable | None = None


def use_user_outlets(paths: Sequence[Path]) -> OutletTable:
    """Make the shipped table plus ``paths`` the one this process names outlets by (``MAWJAZ_OUTLETS_FILE``)."""
    global _configured
    _configured = load_outlets(paths) if paths else None
    return _configured or _default()


def table() -> OutletTable:
    return _configured or _default()


def outlet_name(source: str | None, url: str | None = None) -> str | None:
    """The table's name for a copy from ``source`` at ``url``: by the URL first, then by the source id."""
    known = table()
    return known.by_url(url) or known.by_source(source)


def display_name(site_name: str | None, source: str | None, url: str | None = None) -> str | None:
    """The outlet name a reader is shown for a copy (see the module's docstring for the order); None if unknown."""
    given = clean_site_name(site_name)
    if given and not _HOST_LIKE.match(given):
        return given
    return outlet_name(source, url) or outlet_name(given, None) or given or None


def clean_site_name(name: str | None) -> str | None:
    """A feed title or site name without the section it names after the outlet («… - آخر الأخبار», «… | RSS»)."""
    if not name:
        return None
    parts = [part.strip() for part in _SEPARATOR.split(name.strip())]
    kept = [part for part in parts if part and not _GENERIC.match(part)]
    if not kept or len(kept) == len(parts):
        return name.strip() or None  # nothing generic to drop: a name may well hold a dash
    return " - ".join(kept)


def names_an_outlet(value: str | None) -> bool:
    """Whether a JSONL ``source`` reads as a name already (it has Arabic letters): «وكالة الأنباء العربية»."""
    return bool(value and _ARABIC.search(value))
