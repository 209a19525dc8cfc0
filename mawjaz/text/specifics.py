"""What makes an article one event and not just one topic: its figures, and which of its terms only name a place.

Two road accidents in one governorate share the governorate's name, «حادث»,
«سير», «قتلى»; what tells them apart is the specifics: the casualties figure,
the road, the names. Story placement (:mod:`mawjaz.digest.stories`) reads two
things from an article's index terms here, cheaply (no tagger pass):

* :func:`figures` — the numbers it reports (casualties, sums, counts), years
  and single digits left out: «2018» or «3» recur in unrelated reports.
* :func:`place_terms` — the terms that name a place (the shipped aliases'
  countries and cities, and the NER gazetteer's places): a shared place says
  where, not what happened, so it weighs less in an event match. Without
  :func:`local_places`: with them, no change on the story sets, but the demo's
  two reports of one raid in the Hamrin mountains, which share mostly
  «ديالى» and «كركوك», scored as mostly places and split.
* :func:`local_places` — governorates, provinces and regional cities (not
  countries, not capitals): two headlines naming two of them, none in
  common, report from two places (two governorates' raids).

The seam for better signals: a caller that has per-article actor mentions
(stored at ingest) can pass their terms where these come from the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files

from mawjaz.text.normalise import normalise
from mawjaz.text.tokens import index_terms

_TYPES = ("LOC",)

_WEEKDAYS = {
    normalise(name): day
    for day, name in enumerate(("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"))
}
_WEEKDAY = re.compile(r"(?<!\w)(" + "|".join(_WEEKDAYS) + r")(?!\w)")
LEAD_CHARS = 400  # the lead :func:`days_named` reads: the headline and the body's first characters


def figures(terms: Iterable[str]) -> frozenset[str]:
    """The numbers among ``terms`` that can tell one event from another: two digits or more, no year.

    >>> sorted(figures(["قتل", "12", "شخصا", "2018", "3", "1500"]))
    ['12', '1500']
    """
    return frozenset(t for t in terms if t.isdigit() and len(t) >= 2 and not _year(t))


def days_named(headline: str, body: str) -> frozenset[int]:
    """The weekdays (Monday 0 … Sunday 6) the headline and the lead (the body's first :data:`LEAD_CHARS`
    characters) name: when what the article reports happened («أعلنت … الثلاثاء»).

    >>> sorted(days_named("ضربات جوية في سيناء", "شنت القوات الجوية، فجر الأربعاء، ضربات ..."))
    [2]
    >>> days_named("الأحدب", "")
    frozenset()
    """
    text = normalise(f"{headline}\n{body[:LEAD_CHARS]}")  # one spelling of each day: «الإثنين» / «الاثنين»
    return frozenset(_WEEKDAYS[m.group(1)] for m in _WEEKDAY.finditer(text))


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


@lru_cache(maxsize=1)
def local_places() -> frozenset[str]:
    """Index terms of governorates, provinces and regional cities (``data/local_places.txt``): where local news happens.

    Countries and capitals are left out: a headline's «واشنطن: …» or «إيران: …»
    is as often who speaks as where it happened; a governorate is where.

    >>> {"نابل", "كاف", "قفصه", "صعده"} <= local_places()
    True
    >>> "واشنطن" in local_places() or "مصر" in local_places()
    False
    """
    data = files("mawjaz.text").joinpath("data/local_places.txt").read_text(encoding="utf-8")
    found: set[str] = set()
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            terms = index_terms(line)
            if len(terms) == 1:
                found.add(terms[0])
    return frozenset(found)
