"""What makes an article one event and not just one topic: its figures, and which of its terms only name a place.

Two road accidents in one governorate share the governorate's name, «حادث»,
«سير», «قتلى»; what tells them apart is the specifics: the casualties figure,
the road, the names. Story placement (:mod:`mawjaz.digest.stories`) reads two
things from an article's index terms here, cheaply (no tagger pass):

* :func:`figures` — the numbers it reports (casualties, sums, counts), years
  and single digits left out: «2018» or «3» recur in unrelated reports.
* :func:`place_terms` — the terms that name a place (the shipped aliases'
  countries and cities, and the NER gazetteer's places less its common words,
  :func:`gazetteer_place`): a shared place says
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

from mawjaz.text.normalise import normalise, words
from mawjaz.text.tokens import index_terms
from mawjaz.text.weights import Idf, shipped

_TYPES = ("LOC",)

_WEEKDAYS = {
    normalise(name): day
    for day, name in enumerate(("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"))
}
_WEEKDAY = re.compile(r"(?<!\w)(" + "|".join(_WEEKDAYS) + r")(?!\w)")
COMMON_DF = 10  # documents of the shipped idf table (5,483): a gazetteer term this frequent must be a name there
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
    """Index terms that name a place: each single-word place of the aliases (GPE, LOC) and the NER gazetteer
    (LOC), less the gazetteer's common words (:func:`gazetteer_place`).

    >>> {"مصر", "اسيوط"} <= place_terms()
    True
    >>> {"يوم", "جديده", "مدينه", "جنوب"} & place_terms()
    set()
    """
    from mawjaz.text.aliases import default_aliases

    found: set[str] = set()
    for entity in default_aliases().entities.values():
        if entity.type in ("GPE", "LOC"):
            found.update(p[0] for p in entity.phrases if len(p) == 1)
    data = files("mawjaz.text").joinpath("data/ner_gazetteer.tsv").read_text(encoding="utf-8")
    named, local, idf = _named_forms(), local_places(), shipped()
    for line in data.splitlines():
        kind, _, entry = line.partition("\t")
        if kind == "LOC":
            place = gazetteer_place(entry, idf, named, local)
            if place is not None:
                found.add(place)
    return frozenset(found)


def gazetteer_place(entry: str, idf: Idf, named: frozenset[str], vouched: frozenset[str]) -> str | None:
    """The place term of one LOC entry of the NER gazetteer, or None when it is not one word of news's places.

    The gazetteer (ANERGazet, see ``data/ner_SOURCE.md``) is not written for
    index terms, and two kinds of its entries gave common words (session 15,
    issue #18: 76 of 1,322 place terms, «يوم» in 2,358 of the 5,483 documents of the
    idf table, «مدينه» 701, «جديده» 624):

    * *a common word of news*: «الجديدة» (El Jadida) is «جديدة», «الجنوب», «مدينة»,
      «سوق», «الراس», «بيت», «عين», «مالي», «صور», «الأقصى» …, and names the stemmer
      cuts into another word: «فيوم» (the article-less Fayoum) loses its «ف» as
      if it were «ف» + «يوم», «كروس» gives «روس», «باري» «اري», «مودينا»
      «مودي». Such a term, in :data:`COMMON_DF` documents or more of the idf
      table, is kept only when the tagger's history (``ner_history.tsv.gz``,
      how it tagged each word form across raw news) tags it as a name in most
      of its uses (``named``): «تونس», «القدس», «لندن» are; «يوم» never is,
      «مدينه» and «جنوب» in under 15 % of their uses. A rarer term is kept: too
      rare to tell, and too rare to weigh in many matches. The hand-written
      lists vouch for their own (``vouched``: ``data/local_places.txt``, whose
      header already leaves the common words out): the history misreads
      Tunisia's governorates («قفصة» is tagged in under 15 % of its uses);
    * *a name of several words whose other words are stop words*: «لا فيلا»
      is not «فيلا» (a villa), «سانتا فيه» not «سانتا»: only one-word entries
      count.

    >>> named = frozenset({"تونس"})
    >>> idf = shipped()
    >>> [gazetteer_place(e, idf, named, frozenset()) for e in ("تونس", "فيوم", "الجديده", "لا فيلا", "اسيوط")]
    ['تونس', None, None, None, 'اسيوط']
    """
    if len(words(entry)) != 1:
        return None
    terms = index_terms(entry)
    if len(terms) != 1:
        return None
    term = terms[0]
    common = idf.frequencies.get(term, 0) >= COMMON_DF
    return None if common and term not in named and term not in vouched else term


@lru_cache(maxsize=1)
def _named_forms() -> frozenset[str]:
    """Word forms the shipped tagger's history tags as a name (any type) in most of their uses (50 %+)."""
    from mawjaz.text.ner import DEFAULT_MODEL_DIR
    from mawjaz.text.ner.resources import read_history

    history = read_history(DEFAULT_MODEL_DIR)
    return frozenset(form for form, entry in history.items() if entry.endswith((":most", ":all")))


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
