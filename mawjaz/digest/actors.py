"""Key actors of a story: who and what it is about, most important first.

Names come from two places: the NER tagger (people, organisations, places
it recognises, including names it never saw in training) and the aliases
file (entities everyone writes about, under any of their names). Every
mention is reduced to a *key* so that variants count as one actor:

* a name of an aliases entity → that entity («أنقرة» and «تركيا» are one
  actor, shown under the entity's first name);
* otherwise its index terms (clitics, hamza and ta marbuta folded), and a
  lone surname merges into the full name that ends with it («الجعفري» into
  «إبراهيم الجعفري»), near-identical spellings of a person into one
  («تشاوش أوغلو» / «شاويش أوغلو»).

Salience, per the digest issue: an actor named in a headline or lead counts
most, every further mention a little (capped per article, so one long
article cannot dominate), and the count of outlets naming it multiplies the
whole; a place weighs three quarters of a person or organisation, being
more often the setting than the actor. Scores are scaled so the top actor
has 1.0.

Tagging is the expensive step, so this runs after a batch is stored (on
the stories it touched), not in the per-article ingest path.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from rapidfuzz import fuzz
from sqlmodel import Session

from mawjaz.storage import articles as article_repo
from mawjaz.storage import stories as repo
from mawjaz.storage.stories import ActorScore
from mawjaz.text.aliases import AliasIndex, load_aliases
from mawjaz.text.tokens import index_terms

log = logging.getLogger(__name__)

MAX_ACTORS = 6
MIN_ACTORS = 3
MIN_SCORE = 0.12
BODY_CHARS = 2500  # the part of a body that is tagged: leads carry the actors
LEAD_CHARS = 400
_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
# Places are mostly the setting of a story, people and organisations its actors: a
# country named as often as the president it is about should still rank below him.
_TYPE_PRIOR = {"PER": 1.0, "ORG": 1.0, "LOC": 0.75}
_SEQUENCE = itertools.count(1)
_CREDIT = re.compile(r"\s*\([^()]*\)\s*$")  # a caption's photo credit, «(رويترز - أرشيفية)», names no actor  # first-seen order of written forms, for stable display names


class Tagger(Protocol):
    """What actors need of a tagger (:class:`mawjaz.text.ner.Tagger` is the real one)."""

    def entities(self, text: str) -> list: ...


@dataclass(frozen=True, slots=True)
class StoryText:
    headline: str
    body: str
    sources: tuple[str, ...]
    captions: tuple[str, ...] = ()  # photo captions name who is pictured: they count like the lead


@dataclass
class _Seen:
    """How one article names one actor."""

    headline: bool = False
    lead: bool = False
    mentions: int = 0

    @property
    def weight(self) -> float:
        return 3.0 * self.headline + 1.5 * self.lead + 0.5 * min(self.mentions, 6)


@dataclass
class _Actor:
    key: str
    type_votes: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)
    display: str | None = None  # fixed display name (aliases entity)
    terms: str = ""  # index terms of its fullest name, for matching surnames
    order: dict = field(default_factory=dict)  # written form -> when first seen
    weight: float = 0.0
    outlets: set = field(default_factory=set)
    first: int = 1 << 30

    @property
    def type(self) -> str:
        return self.type_votes.most_common(1)[0][0]

    @property
    def name(self) -> str:
        if self.display:
            return self.display
        # the fullest written form (most words), not «وتشاد» when «تشاد» was written too,
        # then the most frequent, then the first seen
        return max(self.names, key=lambda n: (len(n.split()), n[1:] not in self.names,
                                              self.names[n], -self.order.get(n, 0)))


def key_actors(
    texts: Sequence[StoryText], tagger: Tagger | None = None, aliases: AliasIndex | None = None
) -> list[ActorScore]:
    """The 3–6 most salient actors of the story told by ``texts``."""
    tagger = tagger or _default_tagger()
    aliases = aliases or load_aliases()
    actors: dict[str, _Actor] = {}
    for number, text in enumerate(texts):
        seen: dict[str, _Seen] = defaultdict(_Seen)
        body = text.body[:BODY_CHARS]
        for entity in tagger.entities(text.headline):
            actor = _actor_for(actors, aliases, entity.text, _TYPES.get(entity.type))
            if actor is not None:
                seen[actor.key].headline = True
        for entity in tagger.entities(body):
            actor = _actor_for(actors, aliases, entity.text, _TYPES.get(entity.type))
            if actor is not None:
                seen[actor.key].mentions += 1
                seen[actor.key].lead |= entity.start < LEAD_CHARS
        for caption in text.captions:
            for entity in tagger.entities(_CREDIT.sub("", caption)):
                actor = _actor_for(actors, aliases, entity.text, _TYPES.get(entity.type))
                if actor is not None:
                    seen[actor.key].lead = True
        for entity_id, in_headline, in_lead, mentions in _alias_hits(aliases, text.headline, body):
            entity = aliases.entities[entity_id]
            actor = _actor_for(actors, aliases, entity.names[0], _TYPES.get(entity.type), entity_id=entity_id)
            if actor is not None:
                found = seen[actor.key]
                found.headline |= in_headline
                found.lead |= in_lead
                found.mentions = max(found.mentions, mentions)
        for key, found in seen.items():
            actors[key].weight += found.weight
            actors[key].outlets.update(text.sources or (f"#{number}",))
            actors[key].first = min(actors[key].first, number)
    _merge_variants(actors, aliases)
    return _ranked(actors)


class _NoTagger:
    """Stands in when no NER model is installed: actors then come from the aliases file alone."""

    def entities(self, text: str) -> list:
        return []


@lru_cache(maxsize=1)
def _default_tagger() -> Tagger:
    try:
        from mawjaz.text.ner import load_tagger

        return load_tagger()
    except (ImportError, FileNotFoundError) as exc:
        log.warning("no NER model (%s): key actors come from the aliases file only", exc)
        return _NoTagger()


def _actor_for(actors, aliases: AliasIndex, written: str, type_: str | None, entity_id: str | None = None):
    if type_ is None:
        return None
    terms = index_terms(written)
    if not terms:
        return None
    lone_name = type_ == "PER" and len(terms) == 1  # a surname: resolved after the story is read
    if entity_id is None and not lone_name:
        found = aliases.find_in(terms)
        if len(found) == 1 and found[0][2] - found[0][1] == len(terms):
            entity_id = found[0][0]
    if entity_id is not None:
        return _alias_actor(actors, aliases, entity_id, type_)
    key = " ".join(terms)
    actor = actors.setdefault(key, _Actor(key, terms=key))
    actor.type_votes[type_] += 1
    written = _without_proclitic(written.strip())
    actor.names[written] += 1
    actor.order.setdefault(written, next(_SEQUENCE))
    return actor


def _alias_actor(actors, aliases: AliasIndex, entity_id: str, type_: str) -> _Actor:
    entity = aliases.entities[entity_id]
    key = f"alias:{entity_id}"
    actor = actors.setdefault(key, _Actor(key, display=entity.names[0], terms=" ".join(entity.phrases[0])))
    actor.type_votes[_TYPES.get(entity.type, type_)] += 10
    return actor


def _without_proclitic(written: str) -> str:
    """«والاتحاد الأوروبي» → «الاتحاد الأوروبي», «للتايكواندو» → «التايكواندو»: the tagger keeps a glued clitic.

    Only before the article ال is the clitic certain; «برهم» or «بورتسودان»
    begin with a letter of their own.
    """
    for prefix, replacement in (("لل", "ال"), ("وال", "ال"), ("فال", "ال"), ("بال", "ال"), ("كال", "ال"),
                                ("ولل", "ال"), ("فلل", "ال")):
        if written.startswith(prefix) and len(written.split(" ", 1)[0]) > len(prefix) + 2:
            return replacement + written[len(prefix):]
    return written


def _alias_hits(aliases: AliasIndex, headline: str, body: str) -> list[tuple[str, bool, bool, int]]:
    """Aliases entities named in the text (the tagger may miss them): (id, in headline, in lead, body mentions).

    A person's one-word alias (a surname such as «العبادي») is not trusted on
    its own here — «رنا العبادي» is somebody else; the tagger's full names
    reach such aliases through :func:`_actor_for` instead.
    """

    def found(text: str) -> list[str]:
        hits = []
        for entity_id, start, end in aliases.find_in(index_terms(text)):
            if end - start > 1 or aliases.entities[entity_id].type != "PER":
                hits.append(entity_id)
        return hits

    in_headline = set(found(headline))
    in_lead = set(found(body[:LEAD_CHARS]))
    mentions = Counter(found(body))
    return [(e, e in in_headline, e in in_lead, mentions[e]) for e in sorted(in_headline | set(mentions))]


def _merge_variants(actors: dict[str, _Actor], aliases: AliasIndex) -> None:
    """Fold lone surnames and near-identical spellings of a person into the fullest name in the story.

    A lone surname with no full name in the story («الأسد» alone) is then
    looked up in the aliases; «العبادي» in a story about «رنا العبادي» never is.
    """
    people = [a for a in actors.values() if a.type == "PER"]
    for short in sorted((a for a in people if not a.display), key=lambda a: len(a.terms)):
        words = short.terms.split()
        for full in sorted(people, key=lambda a: -len(a.terms)):
            if full is short or full.key not in actors or short.key not in actors:
                continue
            if len(full.terms.split()) < len(words):
                continue
            same_surname = len(words) == 1 and full.terms.endswith(" " + short.terms)
            # «شاويش أوغلو» is «مولود تشاوش أوغلو»: the short name spelled a little
            # differently, matching the full name's last words
            tail = " ".join(full.terms.split()[-len(words):])
            same_person = len(words) > 1 and fuzz.ratio(short.terms, tail) >= 85
            if same_surname or same_person:
                _absorb(full, short)
                del actors[short.key]
                break
    for short in [a for a in actors.values() if a.type == "PER" and not a.display and " " not in a.terms]:
        entity = aliases.entity_of((short.terms,))
        if entity is not None and entity.type == "PER":
            _absorb(_alias_actor(actors, aliases, entity.id, "PER"), short)
            del actors[short.key]


def _absorb(full: _Actor, short: _Actor) -> None:
    full.weight += short.weight
    full.outlets |= short.outlets
    full.first = min(full.first, short.first)
    full.names.update(short.names)
    for written, seen in short.order.items():
        full.order[written] = min(seen, full.order.get(written, seen))
    full.type_votes.update(short.type_votes)


def _ranked(actors: dict[str, _Actor]) -> list[ActorScore]:
    scored = []
    for actor in actors.values():
        score = actor.weight * (1.0 + math.log2(len(actor.outlets) or 1)) * _TYPE_PRIOR[actor.type]
        scored.append((score, -actor.first, actor))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    if not scored:
        return []
    top = scored[0][0] or 1.0
    chosen = []
    for score, _first, actor in scored[:MAX_ACTORS]:
        if score / top < MIN_SCORE and len(chosen) >= MIN_ACTORS:
            break
        chosen.append(ActorScore(actor.name, actor.key, actor.type, round(score / top, 4), int(round(actor.weight))))
    return chosen


def refresh_actors(session: Session, story_ids: Sequence[int], tagger: Tagger | None = None) -> None:
    """Recompute and store the actors of each story in ``story_ids``."""
    articles = repo.articles_of(session, list(story_ids))
    copies = article_repo.copies_of(session, [a.id for group in articles.values() for a in group])
    for story_id in story_ids:
        texts = [
            StoryText(a.headline, a.body, tuple(sorted({c.source for c in copies[a.id]})), tuple(a.captions or ()))
            for a in articles[story_id]
        ]
        repo.set_actors(session, story_id, key_actors(texts, tagger) if texts else [])
