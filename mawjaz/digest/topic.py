"""Answering ``/topic QUERY``: clean and check the query, expand it through the aliases, search, build views.

The CLI and both bots call :func:`find_topic` (through the command core), so
a query means the same thing everywhere. Each expanded name is a *phrase*
of index terms; the JSON answer lists them as ``terms``.

What a user types is text to look for, never search syntax: quotes,
``*``, ``-``, parentheses, ``OR``/``NEAR`` and ``headline:`` are punctuation
or words here (the index holds letters and digits only, and
:mod:`mawjaz.storage.search` quotes every term). Every query that cannot be
answered — empty, only punctuation, symbols or stop words, too long — is a
:class:`~mawjaz.errors.CommandError` with a sentence saying how to ask.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING

from mawjaz.digest.build import story_views
from mawjaz.digest.views import TopicAnswer
from mawjaz.errors import CommandError
from mawjaz.storage import search
from mawjaz.storage import stories as stories_repo
from mawjaz.storage.models import id_of
from mawjaz.text.aliases import AliasIndex, Entity, load_aliases

if TYPE_CHECKING:
    from sqlmodel import Session

Phrase = tuple[str, ...]

MAX_QUERY_CHARS = 200
USAGE = "اكتب موضوعاً بعد الأمر، مثل: /topic داعش\nGive a topic, e.g. /topic داعش"
_WRAPPING = r"[\s\"'«»“”„‟‘’`()\[\]{}<>.,:;!?؟،؛*+\-~^]+"
_TRIM = re.compile(rf"^{_WRAPPING}|{_WRAPPING}$")
_ARABIC = re.compile(r"[\u0621-\u064A]+")
#: Adjectives a place name would form that mean something else: «الرياض» → «رياضي» is "sporting".
_NOT_ADJECTIVES = frozenset({"رياضي", "رياضيه", "رياضيين", "رياضيون", "بكيني"})


def clean_query(query: str) -> str:
    """The query as shown back: invisible and control characters gone, quotes and punctuation around it trimmed."""
    visible = "".join(ch for ch in (query or "") if unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\t\n")
    return _TRIM.sub("", visible)


def check_query(query: str) -> str:
    """The cleaned query, or a CommandError that says how to ask (checked before any real work)."""
    if len(query or "") > 4 * MAX_QUERY_CHARS:  # refuse a huge paste before scanning it
        raise CommandError(_too_long(len(query)))
    cleaned = clean_query(query)
    if not cleaned:
        raise CommandError(USAGE)
    if len(cleaned) > MAX_QUERY_CHARS:
        raise CommandError(_too_long(len(cleaned)))
    return cleaned


def _too_long(length: int) -> str:
    return (
        f"الموضوع طويل جداً ({length} حرفاً، والحد {MAX_QUERY_CHARS})\n"
        f"Topic too long ({length} characters, the limit is {MAX_QUERY_CHARS})"
    )


def adjectives(term: str) -> list[str]:
    """The relative adjective (nisba) forms of one normalised place-name term.

    «إيران» is also written «الإيراني», «الإيرانية», «الإيرانيين» («the Iranian
    foreign minister»): news about a country often names it only so.

    >>> adjectives("ايران"), adjectives("سوريا")[0], adjectives("سعوديه")[0]
    (['ايراني', 'ايرانيه', 'ايرانيين', 'ايرانيون'], 'سوري', 'سعودي')
    """
    if not _ARABIC.fullmatch(term) or len(term) < 3 or term.endswith("ي"):
        return []
    if term.endswith(("يه", "يا")):  # سعوديه, سوريه; سوريا, روسيا
        base = term[:-1]
    elif term.endswith(("ا", "ه")):  # امريكا, فرنسا; غزه
        base = term[:-1] + "ي"
    else:  # ايران, مغرب, مصر
        base = term + "ي"
    return [base, base + "ه", base + "ين", base + "ون"]


def nisba_forms(term: str) -> list[str]:
    """The feminine and plural of a name that is itself a relative adjective: «الحوثي» → «الحوثية», «الحوثيين».

    >>> nisba_forms("حوثي")
    ['حوثيه', 'حوثيين', 'حوثيون']
    """
    if not _ARABIC.fullmatch(term) or len(term) < 4 or not term.endswith("ي"):
        return []
    return [term + "ه", term + "ين", term + "ون"]


def _adjective_phrases(entity: Entity, aliases: AliasIndex) -> list[Phrase]:
    """Adjective forms of an entity's one-word names, except those that are another entity's name or another word.

    A place (GPE) is found by its nisba («إيران» → «الإيرانية»); an
    organisation or place whose name is already a nisba by its feminine and
    plural («الحوثي» → «قيادات حوثية»). Organisations do not get a nisba made
    up: «حماس» would give «حماسي», "enthusiastic".
    """
    found: list[tuple[str, ...]] = []
    for phrase in entity.phrases:
        if len(phrase) != 1:
            continue
        forms = nisba_forms(phrase[0])
        if entity.type == "GPE":
            forms += adjectives(phrase[0])
        for form in forms:
            owner = aliases.by_phrase.get((form,))
            if form not in _NOT_ADJECTIVES and owner in (None, entity.id):
                found.append((form,))
    return found


def expand(query: str, aliases: AliasIndex | None = None) -> list[Phrase]:
    """The phrases searched for ``query``: its own terms first, then every other name of the same entity.

    Adjectives of its one-word names follow (:func:`_adjective_phrases`):
    «إيران» also finds «الخارجية الإيرانية», «الحوثيون» finds «قيادات حوثية».
    """
    index = aliases or load_aliases()
    phrases = index.expand(query)
    entity = index.entity_of(phrases[0]) if phrases else None
    if entity is not None and entity.type in ("GPE", "ORG"):
        phrases = [*phrases, *_adjective_phrases(entity, index)]
    unique: dict[Phrase, None] = {}
    for phrase in phrases:
        if phrase:
            unique.setdefault(tuple(phrase), None)
    return list(unique)


def partial_terms(phrases: list[Phrase]) -> tuple[str, ...]:
    """The last term of the query's own phrase when it has several: «صلاح» in a headline, «محمد صلاح» in the body."""
    own = phrases[0] if phrases else ()
    return (own[-1],) if len(own) >= 2 else ()


def search_topic(
    session: Session, query: str, since: datetime | None, limit: int, aliases: AliasIndex | None = None
) -> tuple[str, list[Phrase], list[search.Hit]]:
    """The cleaned query, the phrases searched and the stories found, best first: the search half of /topic."""
    cleaned = check_query(query)
    phrases = expand(cleaned, aliases)
    if not phrases:  # only stop words or symbols: nothing can match
        raise CommandError(f"«{cleaned}» لا يحوي كلمة يمكن البحث عنها\nNothing searchable in «{cleaned}»")
    return cleaned, phrases, search.find(session, phrases, since, limit, partial=partial_terms(phrases))


def find_topic(
    session: Session, query: str, since: datetime | None, limit: int = 10, aliases: AliasIndex | None = None
) -> TopicAnswer:
    """Stories about ``query`` since ``since`` (all when None), best first, at most ``limit``."""
    cleaned, phrases, hits = search_topic(session, query, since, limit, aliases)
    order = {h.story_id: n for n, h in enumerate(hits)}
    stories = sorted(stories_repo.by_ids(session, list(order)), key=lambda s: order[id_of(s)])
    terms = tuple(" ".join(p) for p in phrases)
    return TopicAnswer(query=cleaned, terms=terms, stories=tuple(story_views(session, stories)))
