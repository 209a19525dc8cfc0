"""What makes an article one event and not just one topic: its figures, and which of its terms only name a place.

Two road accidents in one governorate share the governorate's name, «حادث»,
«سير», «قتلى»; what tells them apart is the specifics: the casualties figure,
the road, the names. Story placement (:mod:`mawjaz.digest.stories`) reads two
things from an article's index terms here, cheaply (no tagger pass):

* :func:`figures` — the numbers it reports (casualties, sums, counts), years
  and single digits left out: «2018» or «3» recur in unrelated reports.
* :func:`place_terms` — the terms that name a place (the shipped aliases'
  countries and cities, and the NER gazetteer's places): a shared place says
  where, not what happened, so it weighs less in an event match.

The seam for better signals: a caller that has per-article actor mentions
(stored at ingest) can pass their terms where these come from the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from typing import Protocol

from mawjaz.text.tokens import index_terms

_TYPES = ("LOC",)


def figures(terms: Iterable[str]) -> frozenset[str]:
    """The numbers among ``terms`` that can tell one event from another: two digits or more, no year.

    >>> sorted(figures(["قتل", "12", "شخصا", "2018", "3", "1500"]))
    ['12', '1500']
    """
    return frozenset(t for t in terms if t.isdigit() and len(t) >= 2 and not _year(t))


def _year(term: str) -> bool:
    return len(term) == 4 and term[:2] in ("19", "20")


@lru_cache(maxsize=1)
def place_terms() -> frozenset[str]:
    """Index terms that name a place: each single-word place of the aliases (GPE, LOC) and the NER gazetteer (LOC).

    >>> {"مصر", "اسيوط"} <= place_terms()
    True
    """
    from mawjaz.text.aliases import default_aliases

    found: set[str] = set()
    for entity in default_aliases().entities.values():
        if entity.type in ("GPE", "LOC"):
            found.update(p[0] for p in entity.phrases if len(p) == 1)
    data = files("mawjaz.text").joinpath("data/ner_gazetteer.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        kind, _, entry = line.partition("\t")
        if kind == "LOC":
            terms = index_terms(entry)
            if len(terms) == 1:
                found.add(terms[0])
    return frozenset(found)


class Named(Protocol):
    """A name the tagger found in an article, as stored (:class:`mawjaz.storage.mentions.Mention`)."""

    @property
    def type(self) -> str: ...
    @property
    def part(self) -> str: ...
    @property
    def norm_key(self) -> str: ...


#: Where a name says whom the article is about: its headline and its first lines.
WHO_PARTS = ("headline", "lead")

Person = tuple[str, ...]


def persons(names: Iterable[Named]) -> frozenset[Person]:
    """Whom an article is about: the persons its headline or lead names, each as its words (no place, no outlet).

    Only persons: the tagger's organisations are often a phrase of the story
    («جبهة الساحل الغربي»), which says what, not who. Words of two letters
    and place names are left out of a name; an outlet's name is no person.
    """
    places = place_terms()
    outlets = _outlets()
    found: set[Person] = set()
    for name in names:
        if name.part not in WHO_PARTS or name.type != "PER":
            continue
        words = tuple(name.norm_key.split())
        if words in outlets:
            continue
        kept = tuple(w for w in words if len(w) >= 3 and w not in places)
        if kept:
            found.add(kept)
    return frozenset(found)


def shared_persons(ours: Iterable[Person], theirs: Iterable[Person]) -> int:
    """How many of ``ours`` are among ``theirs``: one word in common makes one person («ترامب», «دونالد ترامب»).

    >>> shared_persons([("كيم",), ("شي", "جينبينغ")], [("كيم", "جونغ", "اون")])
    1
    """
    words = {w for person in theirs for w in person}
    return sum(1 for person in ours if any(w in words for w in person))


@lru_cache(maxsize=1)
def _outlets() -> frozenset[tuple[str, ...]]:
    """News agencies and outlets (``data/outlets.txt``) as index terms: who reports, not whom a story is about."""
    text = files("mawjaz.text").joinpath("data/outlets.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(
        tuple(index_terms(line)) for line in lines if line and not line.startswith("#") and index_terms(line)
    )
