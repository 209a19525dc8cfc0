"""Relative adjectives (nisba) of countries: «الأميركي», «الأمريكية», «الروس» name a country.

Shared by the actors of a digest (an adjective counts as its country, and is
shown under the country's name) and by ``/topic`` (a country is also found by
its adjective: «إندونيسيا» finds «الشرطة الإندونيسية»). The table,
``data/nisba.tsv``, lists each adjective bare and masculine with the id of
its country in the aliases file; the irregular ones («روس», «أتراك») are
why it is a table and not only a rule on the name.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from mawjaz.text.normalise import normalise

#: The endings a bare masculine adjective takes in news: feminine (ة, normalised ه) and the plurals.
ENDINGS = ("", "ه", "ين", "ون")


@lru_cache(maxsize=1)
def adjective_table() -> dict[str, tuple[str, str]]:
    """Each normalised form of a relative adjective → (entity id, bare masculine), forms without the article.

    The keys are normalised, so both spellings of «الأميركيين» and «الأمريكيين» are one key:

    >>> adjective_table()[normalise("أميركيين")], adjective_table()[normalise("أمريكية")]
    (('usa', 'امريكي'), ('usa', 'امريكي'))
    """
    text = files("mawjaz.text").joinpath("data/nisba.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        adjective, entity_id = line.split("\t")[:2]
        bare = normalise(adjective.strip())
        for ending in ENDINGS:
            out.setdefault(bare + ending, (entity_id.strip(), bare))
    return out


@lru_cache(maxsize=256)
def adjectives_of(entity_id: str) -> tuple[str, ...]:
    """The normalised adjective forms that name one country, in table order.

    >>> adjectives_of("russia")
    ('روسي', 'روسيه', 'روسيين', 'روسيون', 'روس', 'روسه', 'روسين', 'روسون')
    """
    return tuple(form for form, (owner, _) in adjective_table().items() if owner == entity_id)
