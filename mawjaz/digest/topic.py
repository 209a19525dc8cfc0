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
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from mawjaz.digest.build import topic_views
from mawjaz.digest.views import TopicAnswer
from mawjaz.errors import CommandError
from mawjaz.storage import search
from mawjaz.text.aliases import AliasIndex, Entity, load_aliases
from mawjaz.text.nisba import adjectives_of

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
    up: «حماس» would give «حماسي», "enthusiastic". A country also gets the
    adjectives the actors table gives it (:func:`mawjaz.text.nisba.adjectives_of`),
    the irregular ones included: «روسيا» finds «الروس», «الولايات المتحدة»
    finds «الأميركية». Like any other phrase, an adjective makes an article
    *about* the country only in its headline or lead (or named throughout).

    The reverse is not done: a query that is itself one adjective
    («الروسية», «المصري») is searched as written, since a bare adjective is as
    often a surname («محمد المصري»), a language or a channel («العربية») as
    its country. Inside a description of several words it stands for its
    place (:func:`word_forms`: «الانتخابات العراقية» matches «الانتخابات في العراق»).

    >>> from mawjaz.text.aliases import default_aliases
    >>> aliases = default_aliases()
    >>> ("اندونيسيه",) in _adjective_phrases(aliases.entities["indonesia"], aliases)
    True
    >>> {("روس",), ("امريكيه",)} <= set(_adjective_phrases(aliases.entities["russia"], aliases)
    ...     + _adjective_phrases(aliases.entities["usa"], aliases))
    True
    """
    found: list[tuple[str, ...]] = []
    for phrase in entity.phrases:
        if len(phrase) != 1:
            continue
        forms = nisba_forms(phrase[0])
        if entity.type == "GPE":
            forms += adjectives(phrase[0])
        found += [(f,) for f in forms if f not in _NOT_ADJECTIVES and _free(f, entity, aliases)]
    if entity.type == "GPE":
        found += [(f,) for f in adjectives_of(entity.id) if _free(f, entity, aliases)]
    return found


def _free(form: str, entity: Entity, aliases: AliasIndex) -> bool:
    """Whether an adjective form is no other entity's name («السعودية» is a country of its own, not Saudi)."""
    return aliases.by_phrase.get((form,)) in (None, entity.id)


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


#: Endings of a relative adjective (nisba), longest first: «العراقيين» → «عراق».
_NISBA_ENDINGS = ("يين", "يون", "يه", "ي")


def word_forms(term: str) -> frozenset[str]:
    """One normalised query word and the forms it takes as a place and its adjective.

    «العراقية» and «العراق» stand for one another in «الانتخابات العراقية» and
    «الانتخابات في العراق»; so do «البرلمانية» and «البرلمان». Forms that are
    another word («رياضي», "sporting") are left out.

    >>> sorted(word_forms("عراقيه"))
    ['عراق', 'عراقا', 'عراقي', 'عراقيا', 'عراقيه', 'عراقيون', 'عراقيين']
    >>> word_forms("عراق") <= word_forms("عراقيه")
    True
    """
    forms = {term}
    if not _ARABIC.fullmatch(term) or len(term) < 3:
        return frozenset(forms)
    for ending in _NISBA_ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= 3:
            base = term[: -len(ending)]
            forms |= {base, base + "ا", base + "يا", *(base + e for e in _NISBA_ENDINGS)}
            break
    else:
        forms |= set(adjectives(term))
        if term.endswith(("يا", "ا")):  # سوريا, امريكا: their adjectives' base is the name itself
            forms.add(term[:-1] + "ي" if not term.endswith("يا") else term[:-1])
    return frozenset(f for f in forms if f == term or f not in _NOT_ADJECTIVES)


def near_groups(phrases: list[Phrase], aliases: AliasIndex | None = None) -> list[search.Near]:
    """The query's own words to find near each other, when it has several and is not a known name.

    A name from the aliases file («تنظيم الدولة», «ريال مدريد») is a fixed
    expression and matches only as a phrase; a description
    («الانتخابات العراقية») also matches with its words apart, in either
    order, each in any of its forms (:func:`word_forms`).
    """
    own = phrases[0] if phrases else ()
    index = aliases or load_aliases()
    if len(own) < 2 or index.entity_of(own) is not None:
        return []
    return [search.Near(tuple(word_forms(t) for t in own))]


def display_names(cleaned: str, phrases: list[Phrase], aliases: AliasIndex | None = None) -> tuple[str, ...]:
    """The other names searched, as the aliases file writes them: «بحثت أيضاً عن: تنظيم الدولة، الدولة الإسلامية»."""
    index = aliases or load_aliases()
    entity = index.entity_of(phrases[0]) if phrases else None
    if entity is None:
        return ()
    own = phrases[0]
    return tuple(name for name, phrase in zip(entity.names, entity.phrases, strict=True) if phrase != own)


@dataclass(frozen=True, slots=True)
class Search:
    """What /topic searched for one query, and what it found."""

    query: str  # the cleaned query
    phrases: list[Phrase]
    near: list[search.Near]
    hits: list[search.Hit]


def search_topic(
    session: Session, query: str, since: datetime | None, limit: int, aliases: AliasIndex | None = None
) -> tuple[str, list[Phrase], list[search.Hit]]:
    """The cleaned query, the phrases searched and the stories found, best first: the search half of /topic."""
    found = _search(session, query, since, limit, aliases)
    return found.query, found.phrases, found.hits


def _search(
    session: Session, query: str, since: datetime | None, limit: int, aliases: AliasIndex | None = None
) -> Search:
    cleaned = check_query(query)
    phrases = expand(cleaned, aliases)
    if not phrases:  # only stop words or symbols: nothing can match
        raise CommandError(f"«{cleaned}» لا يحوي كلمة يمكن البحث عنها\nNothing searchable in «{cleaned}»")
    near = near_groups(phrases, aliases)
    hits = search.find(session, phrases, since, limit, partial=partial_terms(phrases), near=near)
    return Search(cleaned, phrases, near, hits)


def find_topic(
    session: Session, query: str, since: datetime | None, limit: int = 10, aliases: AliasIndex | None = None
) -> TopicAnswer:
    """Stories about ``query`` since ``since`` (all when None), best first, at most ``limit``.

    Each story lists only its matching articles, about the topic first
    (:attr:`mawjaz.digest.views.StoryView.articles`, ``about`` on each), and
    keeps the count of all it holds (``article_count``). When nothing is
    found inside the window, ``older`` says how many stories before it match,
    so that the answer can offer to search all time.
    """
    found = _search(session, query, since, limit, aliases)
    hits = found.hits
    views = topic_views(session, {h.story_id: dict(zip(h.article_ids, h.about, strict=True)) for h in hits})
    older = 0
    if since is not None and not hits:
        older = len(
            search.find(
                session, found.phrases, None, OLDER_PROBE, partial=partial_terms(found.phrases), near=found.near
            )
        )
    terms = tuple(" ".join(p) for p in found.phrases)
    return TopicAnswer(
        query=found.query,
        terms=terms,
        stories=tuple(views),
        names=display_names(found.query, found.phrases, aliases),
        near=bool(found.near),
        since=since,
        older=older,
    )


#: How many older stories an empty answer looks for before offering "search all time" (it says "N" or "N+").
OLDER_PROBE = 10
