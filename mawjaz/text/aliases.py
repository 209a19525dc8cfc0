"""Every name of one thing: the aliases file, and matching names by their search terms.

«داعش», «لداعش», «تنظيم الدولة», «الدوله الاسلاميه» and "ISIS" are one
organisation. The shipped ``data/aliases.toml`` groups such names (users add
their own files in the same format); each name is turned into a *phrase*, the
tuple of its :func:`mawjaz.text.tokens.index_terms`, so matching a query or a
text to a name goes through the same normalisation, clitic stripping and stop
words as the search index: «لداعش» is found as داعش, «الدوله الاسلاميه» as
«الدولة الإسلامية». A multi-word name stays a phrase, so search can require
its words to be adjacent.

File format (TOML)::

    [[entity]]
    id = "isis"            # stable, unique; a user file reusing it adds names
    type = "ORG"           # ORG, GPE or PER
    names = ["داعش", "تنظيم الدولة", "ISIS"]

No ANERGazet import: its "aligned" blocks are not alias sets (one block holds
«سنغافورة» and «سوريا», another «اوزبكستان» and «اسرائيل»), and where a block
does hold variants («اردن», «الاردن») the matcher already folds them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from mawjaz.text.tokens import index_terms

Phrase = tuple[str, ...]

_TYPES = frozenset({"ORG", "GPE", "PER", "LOC", "MISC"})


@dataclass(frozen=True)
class Entity:
    """One thing and its names: ``names`` as written in the file, ``phrases`` as index terms, in the same order."""

    id: str
    type: str
    names: tuple[str, ...]
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True)
class AliasIndex:
    """Entities by id, and every alias phrase mapped to the id of its entity."""

    entities: dict[str, Entity]
    by_phrase: dict[Phrase, str]
    _lengths: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)

    def expand(self, query: str) -> list[Phrase]:
        """The phrases to search for ``query``: its own first, then every other name of its entity.

        A query that is no known name expands to itself alone; one with no
        terms at all (only stop words or punctuation) to nothing.

        >>> default_aliases().expand("لداعش")[:3]
        [('داعش',), ('تنظيم', 'داعش'), ('تنظيم', 'دوله')]
        """
        own = tuple(index_terms(query))
        if not own:
            return []
        entity = self.entity_of(own)
        if entity is None:
            return [own]
        return [own, *(p for p in entity.phrases if p != own)]

    def entity_of(self, phrase_terms: Sequence[str]) -> Entity | None:
        """The entity one of whose names has exactly these terms, or ``None``."""
        entity_id = self.by_phrase.get(tuple(phrase_terms))
        return None if entity_id is None else self.entities[entity_id]

    def find_in(self, terms: Sequence[str]) -> list[tuple[str, int, int]]:
        """Names found in a term sequence, as ``(entity_id, start, end)``: longest match first, left to right, no overlaps.

        ``terms`` are index terms (:func:`mawjaz.text.tokens.index_terms`);
        ``terms[start:end]`` is the matched phrase.
        """
        found = []
        i = 0
        while i < len(terms):
            for length in self._lengths.get(terms[i], ()):
                if i + length > len(terms):  # a shorter slice could match a shorter name and misreport its end
                    continue
                entity_id = self.by_phrase.get(tuple(terms[i : i + length]))
                if entity_id is not None:
                    found.append((entity_id, i, i + length))
                    i += length
                    break
            else:
                i += 1
        return found


def _entities_from(document: dict, source: str) -> Iterable[tuple[str, str | None, list[str]]]:
    blocks = document.get("entity", [])
    if not isinstance(blocks, list):
        raise ValueError(f"{source}: [[entity]] blocks expected")
    for n, block in enumerate(blocks, 1):
        entity_id, kind, names = block.get("id"), block.get("type"), block.get("names", [])
        if not isinstance(entity_id, str) or not entity_id:
            raise ValueError(f"{source}: entity #{n} has no id")
        if kind is not None and kind not in _TYPES:
            raise ValueError(f"{source}: entity {entity_id!r} has type {kind!r}, not one of {sorted(_TYPES)}")
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise ValueError(f"{source}: entity {entity_id!r} needs a list of names")
        yield entity_id, kind, names


def build_index(groups: Iterable[tuple[str, str | None, list[str]]]) -> AliasIndex:
    """Index ``(id, type, names)`` groups in order; a repeated id adds names, and a later group wins a shared phrase."""
    kinds: dict[str, str] = {}
    names: dict[str, list[str]] = {}
    for entity_id, kind, new_names in groups:
        kinds[entity_id] = kind or kinds.get(entity_id, "MISC")
        names.setdefault(entity_id, []).extend(new_names)
    entities: dict[str, Entity] = {}
    by_phrase: dict[Phrase, str] = {}
    for entity_id, all_names in names.items():
        kept_names, phrases = [], []
        for name in all_names:
            phrase = tuple(index_terms(name))
            if phrase and phrase not in phrases:
                kept_names.append(name)
                phrases.append(phrase)
        entities[entity_id] = Entity(entity_id, kinds[entity_id], tuple(kept_names), tuple(phrases))
        for phrase in phrases:
            previous = by_phrase.get(phrase)
            if previous is not None and previous != entity_id:
                entities[previous] = _without(entities[previous], phrase)
            by_phrase[phrase] = entity_id
    lengths: dict[str, set[int]] = {}
    for phrase in by_phrase:
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    return AliasIndex(entities, by_phrase, {t: tuple(sorted(ls, reverse=True)) for t, ls in lengths.items()})


def _without(entity: Entity, phrase: Phrase) -> Entity:
    pairs = [(n, p) for n, p in zip(entity.names, entity.phrases, strict=True) if p != phrase]
    return Entity(entity.id, entity.type, tuple(n for n, _ in pairs), tuple(p for _, p in pairs))


def _shipped() -> list[tuple[str, str | None, list[str]]]:
    text = files("mawjaz.text").joinpath("data/aliases.toml").read_text(encoding="utf-8")
    return list(_entities_from(tomllib.loads(text), "mawjaz/text/data/aliases.toml"))


def load_aliases(extra: Sequence[Path] = ()) -> AliasIndex:
    """The shipped aliases, extended by the user's files in order (same format; a known id gains names).

    Raises ``ValueError`` (with the file named) for a malformed file and
    ``OSError`` for an unreadable one: a broken aliases file is a
    configuration error to report at start-up, not to skip silently. Without
    ``extra`` this is :func:`default_aliases`, built once per process. The
    entry point builds the index once (``MAWJAZ_ALIASES_FILE``) and hands it
    down as a value; a caller given none uses the shipped aliases.
    """
    if not extra:
        return default_aliases()
    groups = _shipped()
    for path in extra:
        try:
            document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"{path}: {error}") from error
        groups.extend(_entities_from(document, str(path)))
    return build_index(groups)


@lru_cache(maxsize=1)
def default_aliases() -> AliasIndex:
    """The shipped aliases alone, built once per process."""
    return build_index(_shipped())
