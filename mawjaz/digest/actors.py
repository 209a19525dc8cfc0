"""Key actors of a story: who and what it is about, most important first.

An actor is a person, organisation or place the story is *about*: named in a
headline or lead, or named again and again (a place must be in a headline or
lead: otherwise it is the setting of a detail). News agencies and outlets
(``data/outlets.txt``) report a story and are actors only when a headline
names them. A name is shown as the story writes it most: the aliases file
matches and merges («أنقرة» and «تركيا», «جبهة النصرة» and «هيئة تحرير
الشام»), it never renames; a relative adjective («الأميركي», «بطلب روسي»,
``data/nisba.tsv``) counts for its country, shown under the country's name,
and a capital a headline names and a body names again («لسقوط دمشق») is a
place of its own when the headlines write it as a place at least as often as
otherwise («قرب دمشق»; «انسحاب واشنطن» is the government, its country), and in
a big story when the headlines of a tenth of its articles name it (one
outlet's «إرهاب طهران» of 30 is still Iran); an adjective describing a competition or a language
(«الدوري الأميركي», «فيلم ناطق بالإسبانية») names no country, and a country
only adjectives name is an actor when a headline names it so and the bodies
twice («القضاء البريطاني ينظر …» over a body that never says Britain is a
court case). A place in a competition's name («دوري أبطال أوروبا», «مونديال
روسيا») is no place. A country the lead names only by its adjective and the
bodies by a name once («المصور البريطاني», «بريطانيا» deep in the body) is a
nationality, no actor; a place written only as a venue (a street, «شارع
وايتهول»; a part of a city or province named beside it, «بنينة شرقي بنغازي») is
the setting of a detail, no actor; nor is a name the story closes with a number
(«جنيف 2», «قرار مجلس الأمن 478»): a conference, a resolution, an edition; nor a
country's army the story calls ancient («الجيش المصري القديم» of a pharaoh's tomb).

Names come from two places: the NER tagger (people, organisations, places
it recognises, including names it never saw in training) and the aliases
file (entities everyone writes about, under any of their names). Every
mention is reduced to a *key* so that variants count as one actor:

* a name of an aliases entity → that entity («أنقرة» and «تركيا» are one
  actor, shown under the entity's name the story writes most);
* otherwise its index terms (clitics, hamza and ta marbuta folded), and a
  lone surname merges into the full name that ends with it («الجعفري» into
  «إبراهيم الجعفري»), near-identical spellings of a person into one
  («تشاوش أوغلو» / «شاويش أوغلو»), a lone name into the one full name it
  begins («مهاتير»), a party named with and without its head noun into one
  («حزب القوات اللبنانية», «القوات اللبنانية»: shown as written more often), two
  spellings of a body or place one long vowel apart into one («بايرن ميونيخ»,
  «بايرن ميونخ»), a person's name with the father's names written in into the
  shorter one the story writes as often («طه محمد أحمد المتوكل», «طه المتوكل»),
  a club's first word with the article into the club the story is about
  («الريال» of «ريال مدريد»); a place's side stays a place of its own («القدس الشرقية» does
  not take «القدس»).

Each tagged span is cleaned first and a person is shown under the full name
the story writes most, wherever it writes it (captions and subtitles too,
tagged or not): «مولود تشاوش أوغلو», not the tagger's «شاويش أوغلو» — see
:mod:`mawjaz.digest.actor_names`. Two people of the aliases file in one span
are two actors («بوتين نتنياهو»); a place after a body's head noun is part of
the body's name («فيلق القدس»), a name after a place's head noun is a place
(«محافظة صلاح الدين»); a span of a place or body loses a stop word or a
prepositional phrase at its edge («ليفربول بالأرقام») and is dropped when it
ends in a stop word («الجامعة الخطة على»): fewer actors beat a wrong one. A
page's call to watch before a name is no part of it («شاهد ميشال عون»), nor a
word of time («نتنياهو بالأمس»); a person's span closing on a country's
adjective after no first name is a place («جوهور الماليزي»: no person). A
name that is the end of another shown name joins it («جرمان» of «باريس سان
جرمان»), and one word of a person a headline names is shown with the other
word of the name the story writes beside it («ديمتري بايات»).
Two places the tagger found side by side are one («هونغ كونغ»); a body named
by common words keeps the country's adjective after it («البنك المركزي
التونسي»); hashtags are read as words («#عز الدين_ميهوبي»). A club named by an
ordinary word («الهلال», «النصر») is a club in an article that names it after a
word of the game («مدرب الهلال»); an aliases name written with the article
(«الرياض») is not the same word written bare («رياض المالكي»); a currency
(«مليار ريال») and a lone month («رمضان») are no actors; a proper name is shown
without the country's adjective after it («يوتا الأمريكية» is «يوتا»).

Salience, per the digest issue: an actor named in a headline or lead counts
most, every further mention a little (capped per article, so one long
article cannot dominate), and the count of outlets naming it multiplies the
whole; a place weighs three quarters of a person or organisation, being
more often the setting than the actor. An actor no headline, subtitle,
caption or lead names needs four mentions deep in the bodies: named three
times there («إسحاق نيوتن» of a memorial for Hawking), it is a detail; a
person named by one word, no person of the aliases file, is shown only when
a headline names it («نيكولا», «مالكو» of a body are too unsure). Scores are scaled so the top actor
has 1.0; a story's first three are shown however few its actors, but none under
half the least score (a detail of one lead: «الهاشينغ» of Twitter's password story).

Tagging is the expensive step, so each article is tagged once, when it is
stored (:func:`mentions_of`, kept by :mod:`mawjaz.storage.mentions`), and a
story's actors are computed from its articles' stored names
(``key_actors(..., stored=...)``) after a batch commits.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import math
import operator
import os
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rapidfuzz import fuzz

from mawjaz.digest.actor_names import (
    BODY_HEADS,
    COMMON_RANK,
    PLACE_HEADS,
    SPELLING_RATIO,
    VERY_COMMON_RANK,
    WORD_RATIO,
    NameLists,
    StoryWords,
    clean_span,
    common_word,
    commonest_spelling,
    definite,
    edges_cut,
    head_noun,
    name_keys,
    people_in,
    plain_name,
    shipped_name_lists,
    tagged_plain_lead,
)
from mawjaz.storage import articles as article_repo
from mawjaz.storage import stories as repo
from mawjaz.storage.mentions import Mention
from mawjaz.storage.models import id_of
from mawjaz.storage.stories import ActorScore
from mawjaz.text.aliases import AliasIndex, load_aliases
from mawjaz.text.captions import without_credit
from mawjaz.text.clitics import ARTICLE, PROCLITIC_LETTERS, commoner
from mawjaz.text.known_names import FILIATION, KnownName, filiated_places, find_known, skip_letters
from mawjaz.text.known_names import version as known_names_version
from mawjaz.text.ner.features import _TRIGGER_WORDS
from mawjaz.text.nisba import adjective_table
from mawjaz.text.normalise import normalise_short as normalise
from mawjaz.text.normalise import word_words
from mawjaz.text.stopwords import STOPWORDS
from mawjaz.text.tokens import index_terms, term, tokens

if TYPE_CHECKING:
    from sqlmodel import Session

    from mawjaz.text.ner import Entity

log = logging.getLogger(__name__)
# Every string this module normalises is a word or a name, and a story repeats them: the cached
# normaliser folds each once per process (the adjective scan's normalising was a fifth of the actor pass).

MAX_ACTORS = 8
MIN_ACTORS = 3
MIN_SCORE = 0.12
# A story of many articles: an actor's weight sums its articles, so the subject named in nearly all of them
# outweighs by their number the actors named in a fifth of them, key as they are («روحاني» and «نتنياهو»
# under «إيران» in the 151 articles of the nuclear deal). Past this many articles the cut relative to the top
# shrinks as the square root of their number (dev2, 20 stories of 5–151 articles: R 0.635 → 0.690).
_CUT_ARTICLES = 10
# :data:`MIN_ACTORS` fills a story's first three however faint they are, but one under this share of the top is a
# detail of one lead (or the story's cut, where a big story's is lower). Over the 1,177 ANT stories of the bench nine
# actors in eight stories were shown so, none the story is about: «الهاشينغ» of Twitter's password story (0.02),
# «فيسبوك» of a lava flow's video, «مان يونايتد» beside «مانشستر يونايتد», «الجيش اللبناني» of a singer's comeback,
# «بن علي» of Tunisia's municipal vote, «سوريا» of Lebanon's, «سانتا» and «كاليفورنيا» of an actress's lawsuit, a
# name in an Indian crime's lead; the faintest such actor an editor listed on the tuning sets weighs 0.07.
_FILLER_SCORE = MIN_SCORE / 2
# A person the coverage keeps coming back to: in a story of :data:`_FOLLOWED_ARTICLES` articles or more, a person
# named in :data:`_FOLLOWED_SHARE` of them is shown down to :data:`_FOLLOWED_CUT` of the story's cut (never past
# :data:`MAX_ACTORS`). The score weighs a headline twice a lead and six times a body mention, so a person the
# articles name in leads and bodies but no headline sinks under the subjects the headlines repeat: «هاري كين» in 5
# of the 19 articles of Salah's awards, «جوكو ويدودو» in 5 of the 18 of the Surabaya church bombings, «جعفر بناهي»
# in 2 of Cannes' 7, each between three quarters of the cut and the cut. On the tuning sets (session 16) the people
# so placed were editors' 3 times of 3 (dev2; dev and old blind have none), where all unshown candidates there
# were 8 of 36.
# Three quarters, not less: at 0.6 or half the cut it takes «كمال كيليتشدار أوغلو» (5 of Turkey's 14 election
# articles, 0.65 of the cut, not on dev's list) for «جان لوك غودار» (0.60, dev2's); and a story of five articles or
# fewer keeps its cut, where a person two articles name is a detail as often as not («ليونيل ميسي», «جيرارد بيكيه»
# of a Barcelona match, 0.78 of the cut, that dev's editor lists without them).
_FOLLOWED_ARTICLES = 6
_FOLLOWED_SHARE = 0.25
_FOLLOWED_CUT = 0.75
_CAPITAL_HEADLINES = 10  # a capital is a place of its own when the headlines of a tenth of the articles name it
_BODY_ONLY_WEIGHT = 2.0  # four body mentions (0.5 each): named three times deep in the body is still a detail
_ADJECTIVE_MENTIONS = 2  # a country only adjectives name, in a headline: the bodies come back to it twice
_NATIONALITY_NAMES = 2  # a country the lead names by adjective alone: the bodies name it so often, or it is a detail
_NATIONALITY_MENTIONS = 5  # …or describe so much by it, an article («الاقتصاد السعودي», «السعوديين», «السعوديات» …)
BODY_CHARS = 1200  # the part of a body that is tagged: leads carry the actors
LEAD_CHARS = 300  # the lead: about the first sentence or two (dev: 400 showed more minor names, P 0.735 → 0.769)
# Bump when what :func:`_tagged` returns changes for the same model: stored names are then found again.
_TAGGING = 17  # 2: known places and bodies (text/known_names.py) join the tagger's names; 3: compound names whole, bodies named by common words; 4: no body named by «لـ» + a verbal noun of action; 5: a quoted name after a body's head noun is the body («جامعة "تورنتو"»), people named by «آل» («تركي آل الشيخ»); 6: clubs named by an ordinary word where the article names them as clubs («مدرب الهلال»); 7: no place inside an outlet's name («وكالة تونس إفريقيا للأنباء»); 8: the other clubs of a headline naming a club the article names by the game; 9: no place right after a word opening a competition's name («دوري أبطال أوروبا», «مونديال روسيا»); 10: a country's army, police, opposition or resistance named by its adjective («الجيش اليمني»), typed ORG~; 11: ministries («وزارة الخارجية الأمريكية»), typed ORG~ unless the tagger named part of them; 12: electoral lists and coalitions named by a quoted ordinary word («تحالف "الفتح"»), bodies quoted whole from their head noun («"جماعة أنصار الدولة"»); 13: people named by a first name read off the tagger's output and an untagged surname («فادي قنبر»); 14: that first-name list derived anew, without bodies' and places' words, products' names and words read as و/ل + a rarer word («هيوستن», «جالكسي», «ويس» of «لويس»); 15: a person after «دار» is a town («بدار شعبان الفهري»), a place opening a quoted body's name after its head noun is the body («حزب "تونس للجميع"»); 16: a person's span split at a glued «و» on a word news never writes whole («كيم دونغ تشول وكيمسانغ»: :func:`_two_people`); 17: a name written across a glued hyphen whole («كيم هاك-سونغ», not «كيم هاك» + «سونغ»: :func:`mawjaz.text.ner._hyphen_joined`)
# ORG~: :func:`_described_bodies`; ORG=: a festival's name, whole (:func:`_with_festivals`)
_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "ORG~": "ORG", "ORG=": "ORG"}
# Places are mostly the setting of a story, people and organisations its actors: a
# country named as often as the president it is about should still rank below him.
_TYPE_PRIOR = {"PER": 1.0, "ORG": 1.0, "LOC": 0.75}
_SEQUENCE = itertools.count(1)  # first-seen order of written forms, for stable display names
_votes = operator.itemgetter(1)


class Tagger(Protocol):
    """What actors need of a tagger (:class:`mawjaz.text.ner.Tagger` is the real one)."""

    def entities(self, text: str) -> list: ...


@dataclass(frozen=True, slots=True)
class StoryText:
    headline: str
    body: str
    sources: tuple[str, ...]
    captions: tuple[str, ...] = ()  # photo captions name who is pictured: they count like the lead
    subtitle: str = ""  # a second headline («الجعفري من أنقرة: …»): counts like the lead


@dataclass
class _Seen:
    """How one article names one actor."""

    headline: bool = False
    lead: bool = False
    mentions: int = 0
    by_name_up_front: bool = False  # the headline or lead writes a name of it, not only its adjective
    name_mentions: int = 0  # written names of it (not adjectives) in the lead and body

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
    articles: set = field(default_factory=set)  # the numbers of the story's articles naming it
    headlines: set = field(default_factory=set)  # …in their headline (read by bench/actor_rank.py's features)
    leads: set = field(default_factory=set)  # …in their subtitle, a caption or the lead (the same)
    first: int = 1 << 30
    display_fixed: bool = False  # a person's display, set from the full form the story writes
    forms: Counter = field(default_factory=Counter)  # an aliases entity's names as the story writes them
    prominent: bool = False  # named in a headline or lead
    named: bool = False  # by a name somewhere, not only by adjective («الدوري الإسباني» names no actor)
    in_headline: bool = False
    mentions: int = 0  # in the bodies' tagged part, lead included, all articles together
    named_up_front: bool = False  # a headline, subtitle, caption or lead writes a name of it, not an adjective
    name_mentions: int = 0  # written names (not adjectives) in the bodies' tagged part, all articles together
    described: bool = False  # some mention is a body described by its country (:func:`_described_bodies`)
    otherwise: bool = False  # some mention is not
    people_headline: bool = False  # a headline writes its people's plural («المتظاهرين الفلسطينيين»)

    @property
    def type(self) -> str:
        return max(self.type_votes.items(), key=_votes)[0]  # most_common(1)'s answer (the first of equals), cheaper

    @property
    def name(self) -> str:
        if self.display and self.forms and not self.display_fixed and self.type != "PER":
            # the story's own name for it, most written first: «جبهة النصرة» is not renamed
            return max(self.forms, key=lambda form: (self.forms[form], -self.order.get(form, 0)))
        if self.display and self.forms and not self.display_fixed:
            # a person: the fullest name the story writes, without a title («أنجيلا #ميركل», not «الرئيس بوتين»)
            untitled = [f for f in self.forms if not definite(f.split()[0])]
            if untitled:
                return max(untitled, key=lambda f: (len(f.split()), self.forms[f], -self.order.get(f, 0)))
        if self.display:
            return self.display
        # the fullest written form (most words), not «وتشاد» when «تشاد» was written too (nor «لريال» for
        # «الريال»: only a proclitic letter is glued, «ا» is the article's),
        # then the most frequent, then the spelling news uses most, then the first seen
        longest = max(len(n.split()) for n in self.names)
        fullest = Counter(
            {
                n: c
                for n, c in sorted(self.names.items(), key=lambda item: self.order.get(item[0], 0))
                if len(n.split()) == longest and not _glued_form(n, self.names)
            }
        )
        return commonest_spelling(
            fullest or Counter({n: c for n, c in self.names.items() if len(n.split()) == longest})
        )


def _glued_form(written: str, names: Counter[str]) -> bool:
    """Whether a written name is another written name with a proclitic letter glued on («وتشاد» of «تشاد»). The
    article's «ا» is no such letter: «الريال» is not «لريال» glued to «ا», and «لريال» is the glued one."""
    return written[:1] in PROCLITIC_LETTERS and written[1:] in names


def key_actors(
    texts: Sequence[StoryText],
    tagger: Tagger | None = None,
    aliases: AliasIndex | None = None,
    name_lists: NameLists | None = None,
    *,
    stored: Sequence[Sequence[Mention]] | None = None,
) -> list[ActorScore]:
    """The 3–8 most salient actors of the story told by ``texts``.

    ``stored``: each text's names as :func:`mentions_of` found them (stored
    when its article was stored, see :mod:`mawjaz.storage.mentions`); the
    texts are tagged here only when none are given. The story is tagged first, then read: a span is cleaned
    (:func:`mawjaz.digest.actor_names.clean_span`) with what the whole story
    says about first names, and a person is shown under the full name the
    story writes most often, found wherever it is written, tagged or not
    (:class:`mawjaz.digest.actor_names.StoryWords`).
    """
    texts = [_unhashed(text) for text in texts]
    full_aliases = aliases or load_aliases()
    name_lists = name_lists if name_lists is not None else shipped_name_lists()
    if stored is None:
        tagger = tagger or _default_tagger()
        tagged = [_tagged(tagger, text, name_lists, full_aliases) for text in texts]
    else:
        tagged = [_expanded(found) for found in stored]
    tagged = _with_headline_surnames(texts, tagged, full_aliases)
    tagged = _with_headed_places(texts, tagged, name_lists)
    tagged = _with_festivals(texts, tagged)
    capitals = _headline_capitals(full_aliases, texts)
    if capitals:
        # «رياض محرز»: a capital's word in a person's name is no place of its own
        people = {t for mentions in tagged for w, t_, _ in mentions if t_ == "PER" for t in index_terms(w)}
        own = frozenset(c for c in capitals if not set(c) <= people and _written_whole(full_aliases, c, texts))
        aliases = _without_capitals(full_aliases, capitals, own)
    else:
        aliases = full_aliases
    places = {k for mentions in tagged for written, type_, _ in mentions if type_ != "PER" for k in name_keys(written)}
    # places the story tags as a span of their own («ومكسيكو» of a headline): «أوتاوا ومكسيكو» lists two
    alone = frozenset(tuple(index_terms(w)) for mentions in tagged for w, t, _ in mentions if t in ("LOC", "LOC!"))
    # bodies and places the story tags as one word of their own («أبل»): «أبل الأمريكية» is that one described
    lone = frozenset(normalise(w) for mentions in tagged for w, t, _ in mentions if t != "PER" and len(w.split()) == 1)
    story = StoryWords([part for text in texts for part in _parts(text)], name_lists, (), places)
    first_names = _tagged_first_names(tagged, name_lists, story, aliases)
    story.add_first_names(first_names)
    # bodies whose name holds a country's adjective («البنك المركزي التونسي»): no mention of the country
    bodies = (
        frozenset(tuple(index_terms(w)) for mentions in tagged for w, t, _where in mentions if t == "ORG" and " " in w)
        | _outlet_names()
    )  # «وكالة تونس إفريقيا للأنباء» names neither Tunisia nor Africa
    # bodies named by a place and stop words («تونس للجميع»): their words name no place (:func:`_place_named_body`)
    place_bodies = tuple(
        w.strip()
        for w in {w for mentions in tagged for w, t, _ in mentions if t == "ORG"}
        if (e := _whole_alias(aliases, index_terms(w))) is not None
        and _place_named_body(aliases, e, w, index_terms(w), "ORG")
    )
    actors: dict[str, _Actor] = {}
    after_place_heads: set[str] = set()  # keys of names written after a place's head noun («محافظة صلاح الدين»)
    cleaned: dict[tuple[str, str], list[tuple[str, str]]] = {}  # a span is cleaned once: stories repeat their names
    for number, (text, mentions) in enumerate(zip(texts, tagged, strict=True)):
        seen: dict[str, _Seen] = defaultdict(_Seen)
        for span, type_, where in mentions:
            place, described = type_ == "LOC!", type_ == "ORG~"
            spans = cleaned.get((span, type_))
            if spans is None:
                if type_ == "ORG=":  # a festival read whole off the story (:func:`_with_festivals`): no cleaning
                    spans = [(span, "ORG")]
                else:
                    spans = _spans(span, _TYPES.get(type_, type_), name_lists, first_names, story, aliases, alone, lone)
                cleaned[(span, type_)] = spans
            for written, kind in spans:
                actor = _actor_for(actors, aliases, written, kind, described)
                if actor is None:
                    continue
                if place:
                    after_place_heads.add(actor.key)
                actor.described |= described
                actor.otherwise |= not described
                found = seen[actor.key]
                found.headline |= where == "headline"
                found.lead |= where in ("subtitle", "caption", "lead")
                found.mentions += where in ("lead", "body")
                found.by_name_up_front |= where in ("headline", "subtitle", "caption", "lead")
                found.name_mentions += where in ("lead", "body")
        headline, body = _without_names(text.headline, place_bodies), _without_names(_undated(text.body), place_bodies)
        hits = _alias_hits(aliases, headline, body[:BODY_CHARS], story.first_names, bodies)
        for entity_id, in_headline, in_lead, mentions_, forms, by_name, up_front, names_ in hits:
            alias_type = _TYPES.get(aliases.entities[entity_id].type)
            actor = _alias_actor(actors, aliases, entity_id, alias_type) if alias_type else None
            if actor is not None:
                actor.otherwise = True
                actor.named |= by_name
                actor.forms.update(forms)
                for form in forms:
                    actor.order.setdefault(form, next(_SEQUENCE))
                found = seen[actor.key]
                found.headline |= in_headline
                found.lead |= in_lead
                found.mentions = max(found.mentions, mentions_)
                found.by_name_up_front |= up_front
                found.name_mentions = max(found.name_mentions, names_)
        for entity_id in _peoples_plurals(text.headline):
            if f"alias:{entity_id}" in actors:
                actors[f"alias:{entity_id}"].people_headline = True
        for key, found in seen.items():
            actors[key].weight += found.weight
            actors[key].outlets.update(text.sources or (f"#{number}",))
            actors[key].articles.add(number)
            if found.headline:
                actors[key].headlines.add(number)
            if found.lead:
                actors[key].leads.add(number)
            actors[key].first = min(actors[key].first, number)
            actors[key].prominent |= found.headline or found.lead
            actors[key].in_headline |= found.headline
            actors[key].mentions += found.mentions
            actors[key].named_up_front |= found.by_name_up_front
            actors[key].name_mentions += found.name_mentions
    for key in after_place_heads:
        if key in actors and not actors[key].key.startswith("alias:"):
            actors[key].type_votes["LOC"] += 100  # a province named after a person is a place
    _retype_by_name_words(actors)
    full_forms = _FullForms(story)
    _lengthen_people(actors, full_forms, aliases)
    _merge_variants(actors, aliases)
    _name_people(actors, full_forms, aliases)
    _merge_described(actors, texts, aliases, name_lists)
    _merge_shown(actors, texts)
    _merge_vowel_spellings(actors)
    _merge_ending_spellings(actors)
    _merge_spacings(actors)
    _merge_servant_spellings(actors)
    _drop_cut_starts(actors, texts)
    _join_cut_ends(actors, texts)
    _complete_halves(actors, texts, name_lists, story.first_names)
    _drop_venues(actors, texts, aliases)
    _drop_body_places(actors, texts)
    _drop_outlet_named(actors, texts)
    _drop_numbered(actors, texts)
    _drop_ancient(actors, texts)
    _drop_name_cuts(actors, texts)
    _drop_lone_adjectives(actors, texts, name_lists)
    _drop_place_anaphors(actors)
    _drop_cut_heads(actors, texts)
    _drop_open_ends(actors)
    _drop_bare_compound_first_names(actors, texts)
    _without_verbal_noun_openings(actors, name_lists)
    _undoubled(actors, texts)
    _drop_accusatives(actors, story, name_lists)
    _drop_possessed_nouns(actors, texts, name_lists)
    _unglued_conjunctions(actors, story, name_lists)
    _drop_titled_cuts(actors, texts, name_lists)
    _drop_game_anaphors(actors)
    _merge_body_towns(actors, texts)
    _shown_without_head(actors)
    _drop_latin_places(actors)
    _drop_garbled_outlets(actors)
    _drop_quoted_titles(actors, texts, name_lists)
    _drop_plain_construct_people(actors, name_lists)
    _drop_club_city_spellings(actors)
    return _ranked(actors, len(texts))


_HEADLINE_WORD = re.compile(r"[^\W\d_]+")
_SURNAME_NAMED = 2  # the tagged names (full, or the surname alone) a headline's surname needs
# a name in construct after these names a thing after a person («جائزة نوبل», «جامعة …», «شارع …»), not the person
_NAMED_AFTER = BODY_HEADS | PLACE_HEADS | frozenset(normalise(w) for w in ("جائزة", "ملعب", "كأس", "مستشفى"))


def _with_headline_surnames(
    texts: Sequence[StoryText], tagged: list[list[tuple[str, str, str]]], aliases: AliasIndex
) -> list[list[tuple[str, str, str]]]:
    """Each text's names plus the people its headline names by surname alone, untagged.

    A headline is short and names a person the story introduced by the surname alone: «كلوب يتحدث عن صلاح»,
    «قرقاش: الإخوان تشن حملة …», «الكلاسيكو الأخير لإنييستا», «تصفع إيران والمالكي», «سيميوني يكيل المديح
    لكوستا». The tagger, with no first name nor title beside it, mostly misses such a word (none of the four
    headlines of «سيميوني» tagged him), so the person lost the headline's weight and sank under a big story's score
    cut: of dev2's 21 misses under the cut, «أندريس إنييستا» (three headlines), «نوري المالكي», «يورغن كلوب», «هاري
    كين», «أنور قرقاش» and «ميشال عون» are headline surnames the tagger left. A headline word (a proclitic و ف ب ل ك
    allowed) that ends the tagged full names of exactly one person of the story (each name goes on from the
    shortest: «سعد الحريري» and «رفيق الحريري» make «الحريري» no one's, and so do «الباجي قائد السبسي» and «حافظ
    قائد السبسي»), tagged twice in all (full, or the surname alone), counts as that name in the headline. Not a word
    any tagged name of the headline holds already, a word the story tags in a place's or body's name, an aliases name
    («الحوثي» is the Houthis, not «عبدالكريم الحوثي»; an aliases person is found by its own names), a month
    («رمضان», not «محمد رمضان»), a stop word, nor a word after a head noun that names a thing after somebody
    («جائزة نوبل»). `bench/actors.py --sets dev,dev2,blind`: dev2 R 0.738 → 0.754 (P 0.838 → 0.848), dev and
    old blind unchanged.
    """
    written: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)  # surname -> the names it ends, by times
    spans: dict[tuple[str, ...], str] = {}
    alone: Counter[str] = Counter()
    others: set[str] = set()
    for mentions in tagged:
        for span, type_, _where in mentions:
            words = tuple(normalise(w) for w in span.split())
            if type_ != "PER":
                others.update(words)
                continue
            if len(words) == 1:
                alone[words[0]] += 1  # the surname the tagger found alone («كوستا» after «دييغو كوستا»)
            if len(words) < 2 or len(words[-1]) < 3:
                continue
            written[words[-1]][words] += 1
            spans.setdefault(words, span)
    persons = {}
    for surname, names in written.items():
        shortest = min(names, key=len)
        # one person: each name goes on from the shortest («شاهد ميشال عون», «ميشال عون»), tagged twice in all
        one = all(name[-len(shortest) :] == shortest for name in names)
        if one and sum(names.values()) + alone[surname] >= _SURNAME_NAMED:
            persons[surname] = spans[max(names, key=lambda name: (names[name], -len(name)))]
    unique = {s for s in persons if s not in STOPWORDS and s not in others and s not in _MONTHS}
    if not unique:
        return tagged
    out = []
    for text, mentions in zip(texts, tagged, strict=True):
        named = {normalise(w) for span, _t, where in mentions if where == "headline" for w in span.split()}
        added = []
        for match in _HEADLINE_WORD.finditer(text.headline):
            word = normalise(match.group())
            for surname in (word, word[1:] if word[:1] in PROCLITIC_LETTERS else ""):
                if (
                    surname in unique
                    and head_noun(text.headline[: match.start()]) not in _NAMED_AFTER
                    and word not in named
                    and surname not in named
                    and aliases.entity_of(tuple(index_terms(match.group()))) is None
                ):
                    added.append((persons[surname], "PER", "headline"))
                    named.add(surname)
                    break
        out.append([*mentions, *added] if added else mentions)
    return out


# The place head nouns (PLACE_HEADS, and «مديرية») whose name stands without them («مدينة البرح» is «البرح»,
# «مديرية موزع» is «موزع»); not a
# street's, a square's, a camp's or a mountain's, whose head is part of the name («ميدان التحرير», «مخيم
# اليرموك»), nor «عاصمة» («عاصمة أبدية لإسرائيل»).
_OWN_NAME_HEADS = (PLACE_HEADS | {normalise("مديرية")}) - frozenset(
    normalise(w) for w in ("حي", "شارع", "ساحة", "مخيم", "ريف", "بحيرة", "نهر", "جبل", "ميناء", "عاصمة")
)
_HEADED_PLACE_HEADS = 2  # the different head nouns a story writes an untagged word after, to read it as a place
_HEADED_WORD = re.compile(r"[^\W\d_]+")


def _headed_place_word(norm: str, name_lists: NameLists) -> bool:
    """A word that may be a place's own name after a head noun: no stop word, head noun, word opening a compound
    name («أبو», «بن»), very common word («الانتخابات», «الشرق», «كان») nor adjective («استراتيجية», «إيرانية»,
    «السورية»: one of the nisba table or an indefinite «…ية», agreeing with a feminine head)."""
    bare = norm[2:] if norm.startswith("ال") else norm
    return (
        len(bare) >= 3
        and norm not in STOPWORDS
        and norm not in PLACE_HEADS
        and norm not in BODY_HEADS
        and norm not in _JOINING_ENDS
        and bare not in adjective_table()
        and not (norm == bare and norm.endswith(("يه", "ية")))
        and name_lists.ranks.get(norm, 1 << 30) >= VERY_COMMON_RANK
    )


def _with_headed_places(
    texts: Sequence[StoryText], tagged: list[list[tuple[str, str, str]]], name_lists: NameLists
) -> list[list[tuple[str, str, str]]]:
    """Each text's names plus the places the story names only after a place's head noun, untagged.

    A small place a war story lives on is new to the tagger and written bare in its headlines: dev3's and dev2's
    Yemen west-coast story (41 articles) writes «البرح» 103 times («مفرق البرح يسقط بيد الشرعية», «الجيش يدخل
    مدينة البرح») and «موزع» 31 times, the tagger never once; both editors list «البرح». What marks such a word
    as a place is the story's own grammar: it follows a place's head noun in construct (:data:`_OWN_NAME_HEADS`,
    a proclitic on the head allowed: «بمديرية موزع»), and under two different heads («مدينة البرح», «منطقة
    البرح»; «منطقة موزع», «مديرية موزع»), which a common noun rarely does: «منطقة الجزاء» of a football report
    is always the same area. The word is then a place wherever the read parts write it (:func:`_parts`, a
    proclitic allowed: «والبرح»). Not a word the story tags at all (alone it is a candidate already; in a longer
    name, «رام» of «رام الله», it is part of that name), nor one the same word follows more times than not (it
    opens a longer name: «ولاية سيدي بوزيد»), nor what :func:`_headed_place_word` rules out. Over the bench
    database's 3,503 stories it reads at most 35 words in 43 stories (before the tagged words are left out), all
    places but «بير» (of a compound name) («تعز», «الكاف», «بنزرت», «قندوز» …);
    `bench/actors.py --sets dev,dev2,blind,dev3`: «البرح» shown in the Yemen story of dev2 and dev3 (dev3 with
    the festivals of :func:`_with_festivals`: P 0.696 → 0.708, R 0.589 → 0.599; display errors unchanged).
    """
    heads_of: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        for part in _parts(text):
            for before, word in itertools.pairwise(_HEADED_WORD.finditer(part or "")):
                head = normalise(before.group())
                head = head if head in _OWN_NAME_HEADS else head[1:] if head[:1] in PROCLITIC_LETTERS else ""
                if head in _OWN_NAME_HEADS and not part[before.end() : word.start()].strip():
                    heads_of[normalise(word.group())].add(head)
    candidates = {w for w, heads in heads_of.items() if len(heads) >= _HEADED_PLACE_HEADS}
    if not candidates:
        return tagged
    in_names = {normalise(w) for mentions in tagged for span, _t, _w in mentions for w in span.split()}
    in_names |= {w[1:] for w in in_names if w[:1] in PROCLITIC_LETTERS}
    places = {w for w in candidates if w not in in_names and _headed_place_word(w, name_lists)}
    if not places:
        return tagged
    found: list[list[tuple[str, str, str]]] = []
    next_of: dict[str, Counter[str]] = defaultdict(Counter)  # the word after each time it is written, "" for none
    for text in texts:
        parts = _read_parts(text)
        added = []
        for part, where in parts:
            words = list(_HEADED_WORD.finditer(part or ""))
            for i, match in enumerate(words):
                norm = normalise(match.group())
                glued = 0 if norm in places else 1 if norm[:1] in PROCLITIC_LETTERS and norm[1:] in places else -1
                if glued < 0:
                    continue
                place = norm[glued:]
                after = words[i + 1] if i + 1 < len(words) else None
                following = normalise(after.group()) if after and not part[match.end() : after.start()].strip() else ""
                next_of[place][following if following not in STOPWORDS else ""] += 1
                written = match.group()[skip_letters(match.group(), glued) :] if glued else match.group()
                added.append((written, "LOC", "body" if where == "lead" and match.start() >= LEAD_CHARS else where))
        found.append(added)
    # a word one same word follows most times opens a longer name («ولاية سيدي بوزيد», «دير الزور»)
    openers = {w for w, after in next_of.items() if any(n and 2 * c > after.total() for n, c in after.items())}
    out = []
    for mentions, added in zip(tagged, found, strict=True):
        kept = [m for m in added if normalise(m[0]) not in openers]
        out.append([*mentions, *kept] if kept else mentions)
    return out


_FESTIVAL = normalise("مهرجان")
_FESTIVAL_NAMED = 2  # the times a story writes «مهرجان» before one same word, to read them as a festival's name


def _festival_word(norm: str) -> bool:
    """A word that may name a festival after «مهرجان»: not an indefinite adjective («مهرجان خطابي», «مهرجان
    انتخابي»), nor a word with the article («المهرجان العريق» is described; «مهرجان» in construct has none
    before its name)."""
    return (
        len(norm) >= 2
        and not norm.startswith("ال")
        and not norm.endswith(("ي", "يه", "ية"))
        and norm[2:] not in adjective_table()
    )


def _festival_adjective(word: str) -> bool:
    """«السينمائي», «الدولي»: a masculine adjective with the article, agreeing with «مهرجان» across its name."""
    norm = normalise(word)
    return norm.startswith("ال") and norm.endswith("ي") and len(norm) >= 5 and norm not in STOPWORDS


def _festival_noun(word: str) -> bool:
    """«الإبداع» of «مهرجان ربيع الإبداع»: a noun with the article, no adjective, going on the festival's name."""
    norm = normalise(word)
    return norm.startswith("ال") and len(norm) >= 4 and not norm.endswith(("ي", "يه", "ية")) and norm not in STOPWORDS


def _festival_name(written: str, second: str, closing: str | None) -> str:
    """«مهرجان» and its word as written, then the noun that goes on the name or, after a stop word, the adjective."""
    return " ".join(w for w in (written, second or closing) if w)


def _with_festivals(
    texts: Sequence[StoryText], tagged: list[list[tuple[str, str, str]]]
) -> list[list[tuple[str, str, str]]]:
    """Each text's names plus the festivals the story names by «مهرجان» and a word, untagged, typed a body
    whole («ORG=»: the name cleaning would cut «كان» off as a stop word).

    A festival is named by its head noun and a place or a word («مهرجان كان», «مهرجان موازين», «مهرجان
    قرطاج الدولي»), and the tagger, which never saw the head noun in its training sentences, misses the name or
    keeps its place alone; «كان» is besides the commonest verb of all. Yet editors list the festival of a story
    about it: dev2's and dev3's Cannes stories (7 and 3 articles, «مهرجان كان» in 5 and 3 headlines) list «مهرجان
    كان», which no rule found. «مهرجان» without the article (in construct) before one same word the story writes
    so twice or more (:data:`_FESTIVAL_NAMED`) is a festival's name wherever the read parts write it, shown as
    «مهرجان» and that word; not before an adjective or a word with the article (:func:`_festival_word`), nor
    before a stop word unless the festival's adjective follows it once («مهرجان كان السينمائي»), and not where
    the story tags that phrase already. A noun with the article that follows the word most times is part of the
    name («مهرجان ربيع الإبداع»); an adjective is not («مهرجان قرطاج الدولي» is shown «مهرجان قرطاج»), but after a
    stop word, which ends no shown name, the adjective the story writes most after it is («مهرجان كان السينمائي»).
    `bench/actors.py --sets dev,dev2,blind,dev3`: over the bench database's 3,503 stories it finds Cannes (13
    stories), Carthage (5), Mawazine, Sousse and «ربيع الإبداع»."""
    found: list[list[tuple[str, str, str, str]]] = []
    times: Counter[str] = Counter()
    adjective: dict[str, Counter[str]] = defaultdict(Counter)  # the festival's adjectives after each word, as written
    seconds: dict[str, Counter[str]] = defaultdict(Counter)  # the noun with the article after each, "" for none
    for text in texts:
        parts = _read_parts(text)
        hits = []
        for part, where in parts:
            if not part or _FESTIVAL not in normalise(part):
                continue
            words = list(_HEADED_WORD.finditer(part))
            for i, (head, word) in enumerate(itertools.pairwise(words)):
                norm = normalise(head.group())
                glued = 0 if norm == _FESTIVAL else 1 if norm[1:] == _FESTIVAL and norm[:1] in PROCLITIC_LETTERS else -1
                name = normalise(word.group())
                if glued < 0 or part[head.end() : word.start()].strip() or not _festival_word(name):
                    continue
                after = words[i + 2] if i + 2 < len(words) else None
                after = after if after is not None and not part[word.end() : after.start()].strip() else None
                if after is not None and _festival_adjective(after.group()):
                    adjective[name][after.group()] += 1
                second = after.group() if after is not None and _festival_noun(after.group()) else ""
                written = f"{head.group()[skip_letters(head.group(), glued) :]} {word.group()}"
                hits.append(
                    (written, name, "body" if where == "lead" and head.start() >= LEAD_CHARS else where, second)
                )
                times[name] += 1
                seconds[name][normalise(second)] += 1
        found.append(hits)
    # a stop word after «مهرجان» is the name only where the festival's adjective follows it: «مهرجان كان
    # السينمائي» (the town, not the verb «كان»); «مهرجان في …» names nothing
    named = {w for w, n in times.items() if n >= _FESTIVAL_NAMED and (w not in STOPWORDS or adjective[w])}
    # and it is shown with that adjective: a stop word ends no shown name («مهرجان كان السينمائي»)
    closing = {w: adjective[w].most_common(1)[0][0] for w in named if w in STOPWORDS}
    if not named:
        return tagged
    tagged_names = {" ".join(normalise(w) for w in span.split()) for mentions in tagged for span, _t, _w in mentions}
    out = []
    for mentions, hits in zip(tagged, found, strict=True):
        added = [
            (
                _festival_name(
                    written, second if 2 * seconds[name][normalise(second)] > times[name] else "", closing.get(name)
                ),
                "ORG=",
                where,
            )
            for written, name, where, second in hits
            if name in named and f"{_FESTIVAL} {name}" not in tagged_names
        ]
        out.append([*mentions, *added] if added else mentions)
    return out


# «#وزارة_الثقافة_الجزائرية», «#عز الدين_ميهوبي»: a hashtag's sign and the underscores joining its words
_HASHTAG = re.compile(r"#(?=[\u0600-\u06ff])|(?<=[\u0600-\u06ff])_(?=[\u0600-\u06ff])")


def _unhashed(text: StoryText) -> StoryText:
    """The article with its hashtags read as the words they join (each sign a space, so offsets keep)."""
    parts = (text.headline, text.body, text.subtitle, *text.captions)
    if not any("#" in part or "_" in part for part in parts):
        return text
    clean = [_HASHTAG.sub(" ", part) for part in parts]
    return StoryText(clean[0], clean[1], text.sources, tuple(clean[3:]), clean[2])


def _spans(
    span: str,
    type_: str,
    name_lists: NameLists,
    first_names=frozenset(),
    story: StoryWords | None = None,
    aliases: AliasIndex | None = None,
    places_alone: frozenset[tuple[str, ...]] = frozenset(),
    named_alone: frozenset[str] = frozenset(),
) -> list[tuple[str, str]]:
    """The names in one tagged span, cleaned and typed: two places for «أوتاوا ومكسيكو» (see
    :func:`_listed_places`), two people for «ميسي ورونالدو», an
    organisation and its official for «الجامعة العربية نبيل العربي» (when the organisation is an aliases
    entity on its own and a first name starts the rest) or for «الائتلاف أحمد الجربا» (when only
    definite words come before the first name: a body named after a person, «مؤسسة محمد بن راشد»,
    has none)."""
    bare = story.bare if story is not None else frozenset()
    glossed = _without_gloss(span)
    if len(glossed) > 1:
        return [
            found
            for part in glossed
            for found in _spans(part, type_, name_lists, first_names, story, aliases, places_alone, named_alone)
        ]
    span = glossed[0]
    if (placed := _filiated_place(span, type_, name_lists)) is not None:
        return placed
    if type_ != "ORG":
        span = _untimed(span, type_, aliases)
    span = _without_trailing_phrase(span)
    if not span:
        return []
    if type_ == "ORG" and aliases is not None:
        words = span.split()
        for i in range(1, len(words) - 1):
            norm = normalise(words[i])
            if norm in name_lists.first_names and (
                i >= 2
                and _whole_alias(aliases, index_terms(" ".join(words[:i])))
                or all(definite(w) for w in words[:i])
            ):
                return [
                    (clean_span(" ".join(words[:i]), "ORG", name_lists, first_names, bare, story), "ORG"),
                    *_spans(" ".join(words[i:]), "PER", name_lists, first_names, story),
                ]
    # the lists' first names, not the tagger's: a body's word it once took for a first name («رايتس») is none
    if type_ == "ORG" and (cut := _body_then_person(span, name_lists.first_names, story)):
        parts = span.split()
        return [
            (clean_span(" ".join(parts[:cut]), "ORG", name_lists, first_names, bare, story), "ORG"),
            *_spans(" ".join(parts[cut:]), "PER", name_lists, first_names, story),
        ]
    if type_ == "LOC" and aliases is not None:
        listed = _listed_places(span, aliases, places_alone)
        if len(listed) > 1:
            return [found for place in listed for found in _spans(place, type_, name_lists, first_names, story)]
    if type_ != "PER":
        if type_ == "ORG":
            span = "" if _reported_speech(span) else _after_nisba(_unverbed_body(span, name_lists), name_lists)
            span = _without_story_verb(span, type_, story, name_lists) if span else ""
            span = _without_plain_imperfect(span, name_lists) if span else ""
            span = _without_plural_object(span) if span else ""
        span = edges_cut(span, name_lists) if span else ""
        cleaned = clean_span(span, type_, name_lists, first_names, bare, story) if span else ""
        if (
            not cleaned
            or _lone_adjective(cleaned, aliases)
            or _initial(cleaned)
            or _bare_head(cleaned)
            or _cut_head(cleaned, story, name_lists, aliases)
            or normalise(cleaned) in _CURRENCIES
        ):
            return []
        cleaned = _without_country(cleaned, name_lists, named_alone)
        return [(_undescribed(cleaned, name_lists) if type_ == "ORG" else cleaned, type_)]
    pieces = [
        p for p in (_after_perfect(piece, name_lists) for piece in people_in(span, name_lists, first_names, bare)) if p
    ]
    pieces = [part for piece in pieces for part in _verb_split(piece, name_lists)]
    if aliases is not None:
        pieces = [_unprefixed(part, aliases, name_lists) for piece in pieces for part in _unfused(piece, aliases)]
    people = [_unqualified(clean_span(piece, type_, name_lists, first_names, bare, story)) for piece in pieces]
    people = [name for name in (_unverbed(person, name_lists, aliases) for person in people) if name]
    people = [name for name in (_without_story_verb(person, "PER", story, name_lists) for person in people) if name]
    people = [_after_phrase(name, name_lists) for name in people]
    people = [_after_glued_phrase(name, name_lists) for name in people]
    people = [name for name in people if not _adjective_phrase(name, name_lists)]
    people = [name for name in people if not _possessed_after(name, name_lists)]
    people = [name for name in (_without_nisba(person, name_lists, aliases) for person in people) if name]
    # «بوينغ 777»: a person's name holds no number once cleaned («عمر الـ 92 مهاتير» is «مهاتير»)
    return [(name, type_) for name in people if not any(ch.isdigit() for ch in name)]


_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9.&'-]*$")


def _without_gloss(span: str) -> list[str]:
    """A span's Arabic words, less the Latin-script words it runs on into: news glosses a foreign name in its own
    script («شركة "دوجي" Doogee», «أبل Apple Music»), and the reader reads the digest in Arabic; the span is cut
    at the gloss, each Arabic run a span of its own, as a name after it is another («هواوى Huawei سكارليت
    جوهانسون»: «هواوى», «سكارليت جوهانسون»). A span opening in Latin script («Ringing Bells») is the name as the
    story writes it (session 17: «أبل Apple Music» was shown)."""
    words = span.split()
    latin = [bool(_LATIN_WORD.match(w)) for w in words]
    if not words or latin[0] or not any(latin):
        return [span]  # «Ringing Bells», «Eichbaum للمشروبات»: a name in Latin script first is the name
    runs = [
        list(g) for is_latin, g in itertools.groupby(words, key=lambda w: bool(_LATIN_WORD.match(w))) if not is_latin
    ]
    return [" ".join(run) for run in runs]


def _filiated_place(span: str, type_: str, name_lists: NameLists) -> list[tuple[str, str]] | None:
    """A known place whose name opens with «بن» (:func:`mawjaz.text.known_names.filiated_places`: «بن قردان», «بن
    عروس») where the tagger read a person's nasab or kept a glued clitic; ``None`` for any other span.

    * one word, the place's written together, with a glued clitic or none («ببنقردان», «بنقردان»): the place,
      as the list writes it, so the story's «بن قردان» and «بنقردان» are one actor;
    * a person's span ending on the place («بمعتمديّة بن قردان», «واتحاد بن قردان», «إتحاد بن قردان»): no
      person, as «بن» here is no «son of». The place alone after a place's head noun, a stop word («أمام بن
      عروس»), a glued clitic on its «بن» or nothing; else a body named after the place (a club, «اتحاد بن قردان»), without a glued «و»/«ف»
      whose removal leaves a commoner word. «محمد بن قردان», after a first name, stays a person.
    """
    places = filiated_places()
    words = span.split()
    norms = [normalise(w) for w in words]
    if len(words) == 1:
        joined = {"".join(place): name for place, name in places.items()}
        word = norms[0]
        for cut in range(3):
            if word[:cut] and not all(ch in PROCLITIC_LETTERS for ch in word[:cut]):
                break
            if word[cut:] in joined:
                return [(joined[word[cut:]], "LOC")]
        return None
    if type_ != "PER":
        return None
    for i, norm in enumerate(norms):
        glued = norm[:1] in PROCLITIC_LETTERS and norm[1:] in FILIATION
        if norm not in FILIATION and not glued:
            continue
        place = (norm[1:] if glued else norm, *norms[i + 1 :])
        if place not in places:
            continue
        written = " ".join([words[i][skip_letters(words[i], 1) :] if glued else words[i], *words[i + 1 :]])
        before = norms[:i]
        if before and before[-1] in name_lists.first_names:
            return None  # «محمد بن قردان»: a person named after the town
        head = before[-1][1:] if before and before[-1][:1] in PROCLITIC_LETTERS else (before[-1] if before else "")
        if not before or glued or head in PLACE_HEADS or before[-1] in PLACE_HEADS or before[-1] in STOPWORDS:
            return [(written, "LOC")]
        first = words[0]
        if norms[0][:1] in "وف" and commoner(norms[0][1:], norms[0], name_lists.ranks):
            first = first[skip_letters(first, 1) :]
        return [(" ".join([first, *words[1:]]), "ORG")]
    return None


# Words of time news writes beside a name («نتنياهو بالأمس», «ترامب اليوم»), as :func:`normalise` folds them.
_TIME_WORDS = frozenset(
    normalise(w)
    for base in ("اليوم", "أمس", "الأمس", "البارحة", "الليلة", "غدا", "غداً", "الغد", "الآن", "حاليا", "مساء")
    for w in (base, "و" + base, "ف" + base, *(("ب" + base, "ل" + base) if base.startswith("ال") else ()))
)


# Words that open a phrase a sentence writes after a name, never inside one (as :func:`normalise` folds them): a
# time's «للمرة» ("for the … time": «فاز للمرة الأولى»), and to whom a statement was made, «لمراسل» and its forms
# («في تصريح لمراسل الجوهرة أف أم»). A body's own «لـ» phrase names its field («للشغل», «لحقوق الإنسان»), never these.
_TRAILING_PHRASES = frozenset(normalise(w) for w in ("للمرة", "لمراسل", "لمراسلة", "لمراسلي", "لمراسلنا", "لمراسله"))


def _without_trailing_phrase(span: str) -> str:
    """A span less the phrase the tagger ran into after the name (:data:`_TRAILING_PHRASES`): «الرابطة الثانية للمرة
    الأولى» is «الرابطة الثانية», «وسام بن عمر لمراسل» «وسام بن عمر»; a span opening on one is none. Session 19
    (issue 17): three such names were shown over the ANT and JawharaFM stories."""
    words = span.split()
    for i, word in enumerate(words):
        if normalise(word) in _TRAILING_PHRASES:
            return " ".join(words[:i])
    return span


def _untimed(span: str, type_: str, aliases: AliasIndex | None) -> str:
    """A person's or place's span less the words of time the tagger took at its edges: «نتنياهو بالأمس» is
    «نتنياهو», «اليوم ترامب» «ترامب». A place keeps a name the aliases file writes whole, and so does any
    name of the known bodies and outlets («روسيا اليوم»); a body's span is left alone («أخبار اليوم»)."""
    words = span.split()
    if not words or not any(normalise(w) in _TIME_WORDS for w in (words[0], words[-1])):
        return span
    terms = index_terms(span)  # a stop word of time has no term: «نتنياهو بالأمس» has one
    if aliases is not None and len(terms) == len(words) and _whole_alias(aliases, terms):
        return span
    if tuple(terms) in _outlet_names() or any(k.start == 0 and k.end == len(span) for k in find_known(span)):
        return span  # «روسيا اليوم», «المصري اليوم»
    while words and normalise(words[-1]) in _TIME_WORDS:
        words = words[:-1]
    while type_ == "PER" and words and normalise(words[0]) in _TIME_WORDS:
        words = words[1:]
    return " ".join(words)


def _without_nisba(person: str, name_lists: NameLists, aliases: AliasIndex | None) -> str:
    """A person's span ending in a country's adjective with the article, no first name before it: «جوهور
    الماليزي» is a place (Johor) and its country, no person's name, and goes ("": fewer actors beat a wrong
    one); a person of the aliases file before it is that person («نتنياهو الإسرائيلي» is «نتنياهو»). A first
    name before it makes it a surname («محمد المصري», «أحمد التونسي»)."""
    words = person.split()
    if len(words) < 2:
        return person
    last = normalise(words[-1])
    if not (last.startswith("ال") and last[2:] in adjective_table()):
        return person
    if normalise(words[0]) in name_lists.first_names or normalise(words[-2]) in FILIATION:
        return person
    rest = " ".join(words[:-1])
    if aliases is not None and _whole_alias(aliases, index_terms(rest)):
        return rest
    return ""


def _without_country(written: str, name_lists: NameLists, named_alone: Collection[str] = ()) -> str:
    """A proper name less the country's adjective after it: «يوتا الأمريكية» is «يوتا», «جوهور الماليزي»
    «جوهور», «حمص السورية» «حمص»; a known place less any word describing it. A name of common words keeps it,
    the adjective is part of it («البنك المركزي التونسي», «جامعة تكساس الأمريكية», «المملكة العربية السعودية»),
    and so does one with the article («السد القطري» might be a dam). A common word the story tags as a name of
    its own, alone (``named_alone``, normalised), is that name: «أبل الأمريكية» is «أبل» where the story's
    «أبل» is a company (session 17: «أبل الأمريكية» was shown, the adjective describing, not naming)."""
    words = written.split()
    if len(words) < 2:
        return written
    name = " ".join(words[:-1])
    place = _known_place(name) and not _known_place(written)
    if place and _institution_adjective(words[-1]) and normalise(words[-1]) not in _SIDES:
        return name  # «سقطرى الإستراتيجية»: a known place and a word describing it («الغوطة الشرقية» is a name)
    adjective = _adjective_in(normalise(words[-1]))
    if adjective is None or not adjective[1]:
        return written
    if any(definite(w) or head_noun(w) in BODY_HEADS for w in words[:-1]):
        return written
    lone = len(words) == 2 and normalise(name) in named_alone
    if not place and not lone and any(common_word(w, name_lists) for w in words[:-1]):
        return written  # a known place is a name though news writes it often («حمص»)
    return name


def _known_place(name: str) -> bool:
    return any(k.type == "LOC" and k.start == 0 and k.end == len(name) for k in find_known(name))


def _known_place_glued(word: str) -> bool:
    """«بمنوبة»: one word that is a known place (:func:`mawjaz.text.known_names.find_known`) with a preposition or
    «و» glued on or none: a place of its own before a «و» listing the next one («بمنوبة ووادي الباي» lists two;
    session 17: it was shown as one place)."""
    norm = normalise(word)
    return _known_place(word) or (norm[:1] in PROCLITIC_LETTERS and _known_place(word[skip_letters(word, 1) :]))


# «130 مليار ريال»: a currency is what an amount is counted in, never an actor (the tagger takes «ريال» for a body).
# Bare words only: «الريال» is Real Madrid in sports news.
_CURRENCIES = frozenset(
    normalise(w) for w in ("ريال", "دينار", "درهم", "دولار", "يورو", "جنيه", "ليرة", "روبل", "يوان", "روبية", "تومان")
)


def _listed_places(span: str, aliases: AliasIndex, alone: frozenset[tuple[str, ...]]) -> list[str]:
    """«وأوتاوا ومكسيكو» → «وأوتاوا», «مكسيكو»: a place span cut before each word that begins with «و» and, «و»
    off, is a place of its own: one the story tags alone (its index terms in ``alone``) or one of the aliases
    file, alone or with the rest of the span («مصر العربية والمملكة العربية السعودية»). «البوسنة والهرسك»,
    «ترينيداد وتوباغو» stay whole: their second half is no place of its own, and a span the aliases file names
    whole is never cut."""
    words = span.split()
    if len(words) < 2 or _whole_alias(aliases, index_terms(span)) or _known_place(span):
        return [span]
    cuts = [
        i
        for i in range(1, len(words))
        if words[i].startswith("و")
        and len(normalise(words[i])) >= 4
        and (
            tuple(index_terms(words[i][1:])) in alone
            or _whole_alias(aliases, index_terms(words[i][1:]))
            or _whole_alias(aliases, index_terms(" ".join([words[i][1:], *words[i + 1 :]])))
            or (i == 1 and _known_place_glued(words[0]))
        )
    ]
    if not cuts:
        return [span]
    bounds = [0, *cuts, len(words)]
    out = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
    if cuts[0] == 1 and not _known_place(words[0]) and _known_place_glued(words[0]):
        out[0] = words[0][skip_letters(words[0], 1) :]  # «بمنوبة» is «منوبة»
    return [out[0], *(part[1:] for part in out[1:])]


_IMPERFECT = "يتنا"  # the imperfect's prefixes ي ت ن أ (أ folded)
_OBJECT_PRONOUNS = ("هما", "هم", "ها", "ه")


def _verb(word: str, name_lists: NameLists) -> bool:
    """A word news uses as a verb, by its forms in the word lists (:attr:`NameLists.ranks`), never a first
    name of the lists: an imperfect whose stem news writes with another prefix and with the future «سـ» or a
    plural ending («تختار»: «يختار», «سيختار», «يختارون»), or with two other prefixes, one a plain word; or a
    perfect with an object pronoun whose «ت» or «وا» forms news writes («استغله»: «استغلت»). «يوسف», «يحيى»,
    «يزيد» are first names; «يلدريم» has no other prefixed form, «يونغ» («تونغ») none that is a plain word."""
    ranks, names = name_lists.ranks, name_lists.first_names | name_lists.name_words
    norm = normalise(word)
    forms = [norm, norm[1:]] if norm[:1] in ("و", "ف") and len(norm) >= 5 and norm[1:] in ranks else [norm]
    if norm in name_lists.places:  # «وجده» (Oujda) is a place of the gazetteer, not «وجد» + «ه»
        return False
    for form in forms:
        if form in names:
            return False
        # «إيني» (Eni), «أولد بيلي» (Old Bailey): a long vowel after the prefix is a foreign name's sound
        if len(form) >= 4 and form[0] in _IMPERFECT and not form.startswith("ال") and form[1] not in "اوي":
            stem = form[1:]
            prefixed = [q + stem for q in _IMPERFECT if q + stem in ranks]
            plain = any(f in name_lists.plain_words for f in prefixed)  # «يونغ», «تونغ»: names' clusters
            later = any(f in ranks for f in ("سي" + stem, "ست" + stem, f"ي{stem}ون", f"ت{stem}ون"))
            if len(prefixed) >= 2 and (later or (len(prefixed) >= 3 and plain)):
                return True
    raw = re.sub(r"[\u064B-\u065F\u0640]", "", word)
    for pronoun in _OBJECT_PRONOUNS:
        base = normalise(raw[: -len(pronoun)])
        if raw.endswith(pronoun) and len(base) >= 3 and base not in names and base in ranks:
            # «يقوده»: an imperfect with its object pronoun is a verb when the imperfect is one
            return base + "ت" in ranks or base + "وا" in ranks or (base[0] in _IMPERFECT and _verb(base, name_lists))
    return False


def _perfects(stem: str) -> set[str]:
    """The perfects an imperfect's stem may have, normalised: «درج»/«أدرج» (يدرج), a hollow verb's «طاح»/«أطاح»
    (يطيح), a defective verb's «أهدى» (يهدي: ى folds to ي)."""
    out = {stem, "ا" + stem}
    if len(stem) == 3 and stem[1] in "يو":
        out |= {stem[0] + "ا" + stem[2], "ا" + stem[0] + "ا" + stem[2]}
    return out


def _verb_form(word: str, name_lists: NameLists) -> bool:
    """An imperfect verb by its paradigm in the word lists (:attr:`NameLists.ranks`), never a first name of the
    lists: ي or ت and a stem of three letters or more that news writes with another prefix or as a perfect
    («يدرج»: «تدرج», «أدرج»; «تطيح»: «أطاح»; «يهدي»: «أهدى»), or the future «سـ» with an object pronoun whose
    imperfect news writes («سيرعاه»: «يرعاه»), or such an imperfect with an object pronoun («يتزعمه»: «يتزعم»,
    «تتزعم»; written «ه», not a name's «ة»); a long vowel after the prefix is a name's sound («يانغ», «تامر») but for
    a «و» whose forms are all plain words of news («توضح»: «يوضح», «أوضحت»). :func:`_verb` asks for more forms (future, plural) and misses
    these; this one is read only at a span's start, where a verb ends the name before it («تورينو يهدي
    الدوري») or begins a phrase («تدرج محمد أبو تريكة»), never at a name's end («أبو تريكة»)."""
    ranks, names = name_lists.ranks, name_lists.first_names | name_lists.name_words
    norm = normalise(re.sub(r"[\u064B-\u065F\u0640]", "", word))
    if norm in names or norm in ranks and norm in name_lists.first_names:
        return False
    if norm[:2] in ("سي", "ست") and norm.endswith("اه") and len(norm) >= 6:
        core = norm[1:-2] + "ي"  # «سيرعاه» → «يرعى»
        return norm[1:] in ranks or core in ranks
    for pronoun in ("ها", "ه"):  # «رعاها»: a defective perfect («رعى») with its object pronoun
        base = norm[: -len(pronoun)]
        if norm.endswith(pronoun) and len(base) == 3 and base.endswith("ا") and base[:-1] + "ي" in ranks:
            return base[:-1] + "ت" in ranks or base[:-1] + "وا" in ranks
    raw = re.sub(r"[\u064B-\u065F\u0640]", "", word)
    for pronoun in _OBJECT_PRONOUNS:  # «يتزعمه»: an imperfect this function knows, with its object pronoun
        if raw.endswith(pronoun) and len(raw) - len(pronoun) >= 4 and raw[0] in "يت":
            return _verb_form(raw[: -len(pronoun)], name_lists)
    if len(norm) < 4 or norm[0] not in "يت":
        return False
    stem = norm[1:]
    if norm[1] in "اوي":  # «يانغ», «يونغ», «تييم»: names' sounds …
        # … but «توضح»: a و after the prefix where both prefixes' forms are plain words of news and so is a perfect
        # with «ت» («أوضحت»): 22 words of the lists, all verbs («يواجه», «توقف», «يوافق»)
        twin = ("ت" if norm[0] == "ي" else "ي") + stem
        plain = name_lists.plain_words
        return norm[1] == "و" and norm in plain and twin in plain and ("ا" + stem + "ت" in ranks or stem + "ت" in ranks)
    # the other of ي / ت (not «أ» + stem: «أيار» is no form of «تيار»), the future, the plural
    other = ("ت" if norm[0] == "ي" else "ي") + stem in ranks
    later = any(f in ranks for f in ("سي" + stem, "ست" + stem, f"ي{stem}ون", f"ت{stem}ون"))
    # «تطيح»: «أطاح» and «أطاحت» (not «تميم»: «إمام», no «إمامت»)
    hollow = len(stem) == 3 and stem[1] in "يو" and "ا" + stem[0] + "ا" + stem[2] + "ت" in ranks
    # «يهدي»: a defective verb whose perfect «أهدى» news writes as a plain word (a verb's cluster, no name's)
    defective = stem.endswith("ي") and "ا" + stem in name_lists.plain_words
    # «تدرج»: «أدرجت», a perfect with the «ت» of «she did», which no noun's or name's stem takes
    said = any(p + "ت" in ranks for p in _perfects(stem) if p != stem)
    perfect = any(p in ranks for p in _perfects(stem))
    return hollow or defective or said or (other and later) or ((other or later) and perfect)


_STORY_CLITICS = ("", "و", "ف", "ل", "ب", "ول", "وب", "فل", "فب")  # what may be glued before a form the story writes


def _story_verb(word: str, story: StoryWords | None, name_lists: NameLists) -> bool:
    """An imperfect by its paradigm in the story itself, for verbs the word lists never met («يلقن», «يسائل»):
    ي or ت, no long vowel after it (a name's sound: «تامر», «يونس», «يوسف»), a stem of three letters or more that
    no list calls a first name («تحسين»: «حسين»), and a form of the stem the story writes, a clitic glued on or
    none: the perfect («لقن هيوستن روكتس يوتا» beside the headline's «هيوستن يلقن يوتا»), the perfect of form IV
    («ا» + stem), another imperfect («تلقن», «نلقن»), the future («سيلقن»), or the verbal noun «م» + stem + «ة»
    («لمساءلتها» beside «البرلمان الأوروبي يسائل»). The story, not the lists: a story about a verb's doing
    writes the verb's other forms, one about a person writes the name again as it is."""
    if story is None:
        return False
    norm = normalise(re.sub(r"[\u064B-\u065F\u0640]", "", word))
    names = name_lists.first_names | name_lists.name_words | story.tagged
    if len(norm) < 4 or norm[0] not in "يت" or norm[1] in "اوي" or norm.startswith("ال"):
        return False
    stem = norm[1:]
    if norm in names or stem in names or norm in name_lists.places:
        return False
    forms = {stem, "ا" + stem, "سي" + stem, "ست" + stem, *(q + stem for q in "يتن" if q + stem != norm)}
    written = story.bare
    if any(c + f in written for c in _STORY_CLITICS for f in forms):
        return True
    # «مساءلة», «لمسائلتها»: the verbal noun, «ة» written «ه» or «ت» before a pronoun, its «ئ» (folded to «ي») a «ء»
    masdars = {"م" + stem, "م" + stem.replace("ي", "ء")}
    return any(
        w.startswith(c + masdar) and w[len(c) + len(masdar) : len(c) + len(masdar) + 1] in ("ه", "ت")
        for w in written
        for c in _STORY_CLITICS
        for masdar in masdars
    )


def _plain_imperfect(word: str, name_lists: NameLists) -> bool:
    """«يجيد» («يجيد العربية», "speaks Arabic well", tagged as a body): «ي», no long vowel after it, and a stem of
    three letters or more that news writes as a plain word (a word of the lists' clusters with almost no names:
    «جيد»), the word itself no name of the lists or the gazetteer («يزيد», «ينبع»). Read only at a body's edge,
    where no body's name has a verb: «تجمع المهنيين» («ت» + «جمع») is a body, so «ت» is left out."""
    norm = normalise(re.sub(r"[\u064B-\u065F\u0640]", "", word))
    if len(norm) < 4 or norm[0] != "ي" or norm[1] in "اوي":
        return False
    names = name_lists.first_names | name_lists.name_words
    if norm in names or norm[1:] in names or norm in name_lists.listed:
        return False
    return norm[1:] in name_lists.plain_words


def _without_story_verb(name: str, type_: str, story: StoryWords | None, name_lists: NameLists) -> str:
    """A name less an imperfect closing it that the story writes as a verb (:func:`_story_verb`): a person's
    «هيوستن يلقن» is «هيوستن», a body's «البرلمان الأوروبي يسائل» is «البرلمان الأوروبي». A person's one word
    left that is no first name of the lists is none: fewer actors beat a wrong one (as :func:`_unverbed`)."""
    words = name.split()
    if len(words) < 2 or not _story_verb(words[-1], story, name_lists):
        return name
    kept = words[:-1]
    if type_ == "PER" and len(kept) == 1 and normalise(kept[0]) not in name_lists.first_names:
        return ""
    return " ".join(kept)


def _without_plain_imperfect(body: str, name_lists: NameLists) -> str:
    """A body's span less an imperfect of the word lists (:func:`_plain_imperfect`) at either edge: none when it
    opens on one («يجيد العربية»: a verb and its object), the words before it when it closes on one."""
    words = body.split()
    if len(words) < 2:
        return body
    if _plain_imperfect(words[0], name_lists):
        return ""
    return " ".join(words[:-1]) if _plain_imperfect(words[-1], name_lists) else body


def _without_plural_object(body: str) -> str:
    """A body's span less a plural noun with the article closing it right after another word with the article:
    «منظمة ناجين من الهولوكوست السلطات» ("… urged the authorities") is «منظمة ناجين من الهولوكوست». Two nouns with
    the article side by side are no construct, so the second is an adjective or the next clause's, and a plural
    in «ات» describes no body («القوات المسلحة», not «المسلحة القوات»: an adjective of a thing's plural is a
    feminine singular): the tagger ran on into the verb's object. Fewer words beat a wrong name."""
    words = body.split()
    if len(words) < 3:
        return body
    last, before = normalise(words[-1]), normalise(words[-2])
    if len(last) >= 6 and last.startswith("ال") and last.endswith("ات") and before.startswith("ال"):
        return " ".join(words[:-1])
    return body


def _possessed_after(person: str, name_lists: NameLists) -> bool:
    """«سعيد بدعوتي», «سعيد لعودتي» ("happy with my invitation"): a two-word span closing on ب or ل and a noun
    with the possessive «ي» («دعوتي»: «دعوة» + «ي», news writing «دعوة») is a phrase, no person's name."""
    words = person.split()
    if len(words) != 2:
        return False
    norm = normalise(words[1])
    return (
        len(norm) >= 5
        and norm[0] in "بل"
        and norm.endswith("تي")
        and norm[1:-2] + "ه" in name_lists.ranks
        and norm[1:] not in name_lists.first_names
    )


def _glued_perfect(word: str, name_lists: NameLists) -> bool:
    """«وكررت» ("and she repeated"): «و» or «ف» glued on a perfect with the «ت» of «she did» whose stem news writes
    as a word and with an imperfect's prefix («كرر», «يكرر»). The glued conjunction is the proof: a first name
    ending in «ت» («رفعت», «حكمت», «طلعت») spells a perfect too, and is written bare before its surname."""
    norm = normalise(re.sub(r"[\u064B-\u065F\u0640]", "", word))
    bare, ranks = norm[1:], name_lists.ranks
    names = name_lists.first_names | name_lists.name_words
    if norm[:1] not in ("و", "ف") or not bare.endswith("ت") or norm in names or bare in names:
        return False
    stem = bare[:-1]
    return len(stem) >= 3 and stem in ranks and ("ي" + stem in ranks or "ت" + stem in ranks)


def _verb_split(piece: str, name_lists: NameLists) -> list[str]:
    """«ميركل تدعو روحاني» ("Merkel invites Rouhani"): a person's span with a verb of news inside it
    (:func:`_verb`, no first name of the lists) is a clause, its subject before the verb and its object after:
    two people, each cleaned as any span (session 17: «ميركل تدعو روحاني» was shown as one person). The verb
    at an edge is :func:`_unverbed`'s."""
    words = piece.split()
    for i in range(1, len(words) - 1):
        norm = normalise(words[i])
        if norm not in name_lists.first_names and norm not in FILIATION and _verb(words[i], name_lists):
            return [" ".join(words[:i]), " ".join(words[i + 1 :])]
    return [piece]


def _after_perfect(piece: str, name_lists: NameLists) -> str:
    """«وكررت هافربك» ("and Haverbeck repeated"): a person's span opening on a glued perfect
    (:func:`_glued_perfect`) is a clause, the verb and its subject. The subject is the name when a first name of
    the lists opens it and a word follows («وقالت مريم رجوي»); else the span goes («هافربك», a surname the story
    names in full elsewhere: «أورسولا هافربك»), as fewer actors beat a wrong one (session 17: «كررت هافربك»
    was shown beside «أورسولا هافربك»)."""
    words = piece.split()
    if len(words) < 2 or normalise(words[1]) in FILIATION or not _glued_perfect(words[0], name_lists):
        return piece
    rest = words[1:]
    return " ".join(rest) if len(rest) >= 2 and normalise(rest[0]) in name_lists.first_names else ""


def _imperfect_before_name(word: str, following: str, name_lists: NameLists) -> bool:
    """«تعشق محمد صلاح»: before a first name of the lists, a word that is no name and that news writes with
    three of the imperfect's prefixes («تعشق», «يعشق», «أعشق») is a verb, though rarer forms are unattested."""
    norm, names = normalise(word), name_lists.first_names | name_lists.name_words
    if normalise(following) not in name_lists.first_names or norm in names or len(norm) < 4:
        return False
    if norm[0] not in _IMPERFECT or norm.startswith("ال"):
        return False
    return sum(q + norm[1:] in name_lists.ranks for q in _IMPERFECT) >= 3


def _purpose_imperfect(word: str, following: str, name_lists: NameLists) -> bool:
    """«ليواجه نجيب رزاق» ("to face Najib Razak"): «لـ» glued on an imperfect (ي or ت after it) is "in order to"
    and a verb, never a name's first word: the word after the «لـ» is a verb by :func:`_verb`, :func:`_verb_form`
    or :func:`_imperfect_before_name`. The word whole is no name of the lists («ليلى»), and the word after the
    «لـ» neither: «ليونيل», «ليندا» have no verb's paradigm."""
    norm, names = normalise(word), name_lists.first_names | name_lists.name_words
    if len(norm) < 5 or norm[0] != "ل" or norm[1] not in "يت" or norm in names or norm[1:] in names:
        return False
    rest = word[1:]
    return (
        _verb(rest, name_lists) or _verb_form(rest, name_lists) or _imperfect_before_name(rest, following, name_lists)
    )


def _future_imperfect(word: str, name_lists: NameLists) -> bool:
    """«ستخبر كيم» ("will tell Kim"): «سـ» glued on an imperfect (ي, ت, ن or ا after it) is the future and a verb,
    never a name's first word, where the word after the «سـ» is a verb by :func:`_verb` alone: the looser
    paradigms of :func:`_purpose_imperfect` read «سيمون», «سيزار», «سيمور» as «سـ» + a verb. The word whole is
    no name of the lists, and the word after the «سـ» neither («ستيفان», «سيرغي» have no verb's paradigm)."""
    norm, names = normalise(word), name_lists.first_names | name_lists.name_words
    if len(norm) < 5 or norm[0] != "س" or norm[1] not in "يتنا" or norm in names or norm[1:] in names:
        return False
    return _verb(word[1:], name_lists)


def _title_qualifier(words: list[str], name_lists: NameLists) -> bool:
    """«العقيد ركن تركي المالكي», «اللواء الركن …»: a common noun that qualifies the title before it (news writes it
    with the article too: «الركن»), a plain word no list calls a name's, before a first name of the lists and a
    surname (:func:`mawjaz.digest.actor_names.tagged_plain_lead`), is the title's, not the name's first word:
    «ركن تركي المالكي» is «تركي المالكي». Three words at least, so a first name and a surname are left."""
    return (
        len(words) >= 3
        and tagged_plain_lead(words[0], words[1], name_lists)
        and "ال" + normalise(words[0]) in name_lists.ranks
    )


# A page's call to watch or read that opens a headline before a name: «شاهد.. ميشال عون يدلي بصوته».
_MEDIA_LABELS = frozenset(
    normalise(w) for w in ("شاهد", "شاهدوا", "شاهدي", "تابع", "تابعوا", "فيديو", "بالفيديو", "بالصور", "اقرأ")
)


def _media_label(words: list[str], name_lists: NameLists) -> bool:
    """«شاهد ميشال عون»: a call to watch before a first name of the lists and at least one more word. «شاهد» is a
    first name too («شاهد خاقان عباسي»): its next word is then no first name of the lists."""
    return len(words) >= 3 and normalise(words[0]) in _MEDIA_LABELS and normalise(words[1]) in name_lists.first_names


def _unverbed(person: str, name_lists: NameLists, aliases: AliasIndex | None) -> str:
    """A person's name less a verb the tagger took at its edge: «تختار محرم اينجه» is «محرم اينجه», «استغله كريم
    بنزيمة» is «كريم بنزيمة»; "" when one word is left that is no first name («هيوستن يلقن»): fewer actors beat
    a wrong one. A name of the aliases file stays whole."""
    words = person.split()
    if len(words) < 2 or (aliases is not None and _whole_alias(aliases, index_terms(person))):
        return person
    kept = list(words)
    # «يعرب بن عبد الله الثنيان»: a word before «بن» is a first name, whatever else it spells
    while (
        len(kept) >= 2
        and normalise(kept[1]) not in FILIATION
        and (
            _verb(kept[0], name_lists)
            or _imperfect_before_name(kept[0], kept[1], name_lists)
            or _media_label(kept, name_lists)
            or _purpose_imperfect(kept[0], kept[1], name_lists)
            or _future_imperfect(kept[0], name_lists)
            or _title_qualifier(kept, name_lists)
        )
    ):
        kept = kept[1:]
    while len(kept) >= 2 and _verb(kept[-1], name_lists):
        kept = kept[:-1]
    if len(kept) == len(words):
        return _after_verb_form(person, name_lists)
    if len(kept) == 1 and normalise(kept[0]) not in name_lists.first_names:
        return ""
    return " ".join(kept)


def _body_then_person(span: str, first_names: Collection[str], story: StoryWords | None = None) -> int:
    """Where a body's span runs on into a person's name: after a head noun and a proper name («جامعة بيرزيت»),
    two words or more that begin with a first name of the lists (``first_names``) or that the
    story writes apart from the body («محاور مع نظمي الجعبة»): «جامعة بيرزيت نظمي الجعبة» is «جامعة بيرزيت» and
    «نظمي الجعبة»; 0 when it does not. A body named after a person keeps the name, which follows the head noun
    or a title («مؤسسة محمد بن راشد», «جامعة الملك سعود»)."""
    words = span.split()
    if len(words) < 4 or normalise(words[0]) not in BODY_HEADS or normalise(words[1]) in first_names:
        return 0  # «مؤسسة محمد بن راشد آل مكتوم»: the person the body is named after
    for i in range(2, len(words) - 1):
        if any(definite(w) or normalise(w) in STOPWORDS for w in words[1 : i + 1]):
            return 0
        if normalise(words[i]) in first_names or (
            story is not None and _tail_written_apart(words[i - 1], words[i:], story)
        ):
            return i
    return 0


def _tail_written_apart(before: str, name: list[str], story: StoryWords) -> bool:
    """Whether the story writes the words ``name`` somewhere not right after ``before`` in any spelling («هيومان
    رايتس ووتش» is «هيومن رايتس ووتش» still)."""
    keys = [term(w) or normalise(w) for w in name]
    head = term(before) or normalise(before)
    return any(
        start == 0 or fuzz.ratio(story.texts[number][start - 1].key, head) < WORD_RATIO
        for number, start, _end in story._matches(keys)
    )


def _after_verb_form(person: str, name_lists: NameLists) -> str:
    """A person's span opening on a verb :func:`_verb_form` knows: the name after it when a first name of the
    lists begins it («تدرج محمد أبو تريكة» is «محمد أبو تريكة»), else nothing («سيرعاه خادم الحرمين الشريفين»,
    «تطيح بأشرس معارضي ترمب»: a phrase, no name): fewer actors beat a wrong one."""
    words = person.split()
    if len(words) < 2 or normalise(words[1]) in FILIATION or not _verb_form(words[0], name_lists):
        return person
    return " ".join(words[1:]) if normalise(words[1]) in name_lists.first_names else ""


def _unverbed_body(body: str, name_lists: NameLists) -> str:
    """A body's span less an imperfect verb the tagger ran on into (:func:`_verb_form`) and what follows it:
    «تورينو يهدي الدوري» is «تورينو»; a span opening on one («يدرج رأس السنة») is none, but for a verbal noun that
    heads bodies' names («تجمع المهنيين السودانيين»: :func:`_heads_body`). Not :func:`_verb`'s
    perfect with an object pronoun, which foreign names spell too («دويتشه فيله» is no «فيل» + «ه»)."""
    words = body.split()
    for i, word in enumerate(words):
        if _verb_form(word, name_lists) and not (i == 0 and len(words) > 1 and _heads_body(word)):
            return " ".join(words[:i])
    return body


# Verbal nouns that head bodies' names and spell a verb too: «تجمع المهنيين السودانيين» (also "gathered"), «تحالف
# الفتح» ("allied"), «تكتل», «تنسيقية», «اتحاد», «تنظيم», «ائتلاف», «تيار».
_VERBAL_HEADS = frozenset(
    normalise(w) for w in ("تجمع", "تحالف", "تكتل", "تنسيقية", "اتحاد", "تنظيم", "ائتلاف", "تيار", "تآلف")
)


def _heads_body(word: str) -> bool:
    """Whether ``word`` opening a body's span is the head noun of the body's name, not a verb
    (:data:`_VERBAL_HEADS`): the tagger typed the span a body, and a verb opens no body's name."""
    return normalise(re.sub(r"[\u064B-\u065F\u0640]", "", word)) in _VERBAL_HEADS


def _after_nisba(body: str, name_lists: NameLists) -> str:
    """A body's span less a common noun of the next clause the tagger ran on into after the country's
    adjective that closes the name: «لجنة الأمن النووي الكويتية المواطنين» (… «دعت» the committee «المواطنين»)
    is «لجنة الأمن النووي الكويتية», «الاتحاد الإسباني للعبة العقوبة» is «الاتحاد الإسباني للعبة». After a
    country's nisba, or after it and a complement with the article («للعبة»: definite, so no noun depends on
    it, unlike «لكرة» of «لكرة القدم»), a name goes on with adjectives only, not with a definite noun that news
    writes as a plain word (a word of the lists' clusters with almost no names). An adjective stays: a nisba's
    or an elative's shape («الرياضي», «الجوية», «المحكمة البريطانية العليا»), or a word no plain word of the
    lists («الجيش السوري الحر»). Fewer words beat a wrong name."""
    words = body.split()
    if len(words) < 3:
        return body
    norms = [normalise(w) for w in words]
    last, table = norms[-1], adjective_table()

    def nisba(norm: str) -> bool:
        return norm.startswith("ال") and norm[2:] in table

    closed = nisba(norms[-2]) or (len(words) >= 4 and norms[-2].startswith("لل") and nisba(norms[-3]))
    # an adjective's shape: a nisba («الرياضي», «الجوية»), an elative («العليا», «الكبرى», «الأعلى»)
    if not closed or not last.startswith("ال") or last.endswith(("ي", "يه", "يين", "يون", "ا")):
        return body
    return " ".join(words[:-1]) if last in name_lists.plain_words else body


def _reported_speech(body: str) -> bool:
    """«وقال المدير التنفيذي للشركة ساندر بيتشاي إن تقنية …»: a body's span holding «إن» or «أن» ("that"),
    which opens what somebody said, ran past the name over a verb's subject into its words; where the name ends
    in it the rules cannot tell, so it is none: fewer actors beat a wrong one. Written with its hamza only
    («آن» is Anne), and not as a letter spelled out after another («سي إن بي سي», «بي إن سبورتس»: the word
    before it of three letters or fewer)."""
    words = body.split()
    return any(word in ("إن", "أن") and len(words[i - 1]) > 3 for i, word in enumerate(words) if i)


def _after_phrase(person: str, name_lists: NameLists) -> str:
    """«خلفا لجيان بيرو فينتورا» ("succeeding Gian Piero Ventura"): a person's span opening on a common plain
    word of news and a word with the preposition «لـ» glued on that news never writes as is (a name's sound,
    not «لبنان») is the name after the «لـ»; two words or more are left, so the phrase's head is never taken
    for a person. An indefinite accusative before the «لـ» («حظا», «دعما», «تمهيدا») and «لـ» glued on a plain word
    of news («لخلافة», «لترشيح»: a noun of action) make a phrase too: «حظا لخلافة فينغر» ("likeliest to succeed
    Wenger") is «فينغر». Fewer words beat a wrong name."""
    words = person.split()
    if len(words) < 2:
        return person
    lead = normalise(words[0])
    if lead in name_lists.first_names or lead in name_lists.name_words or lead not in name_lists.plain_words:
        return person
    if len(words) < 3:
        return person
    second = normalise(words[1])
    if len(second) < 4 or not second.startswith("ل") or second.startswith("ال"):
        return person
    if lead.endswith("ا") and second in name_lists.plain_words and normalise(words[2]) not in FILIATION:
        # «الأوفر حظا لخلافة فينغر»: an adverb's accusative and «لـ» + a noun of news («دعما لترشيح»,
        # «تمهيدا لزيارة»), the name after both
        return " ".join(words[2:])
    if not common_word(lead, name_lists):
        return person
    if second in name_lists.plain_words or second in name_lists.ranks and common_word(second, name_lists):
        return person
    return " ".join([words[1][1:], *words[2:]])


def _adjective_phrase(person: str, name_lists: NameLists) -> bool:
    """A person's span of two indefinite adjectives of relation, the first a plain word of news and neither a first
    name: «حكومي كيني» of «مسؤول حكومي كيني», «سياسي أوغندي» ("a Ugandan politician"); the tagger took the words
    describing an unnamed official, no person (session 19, issue 17: both seen reading a sample of the digest)."""
    words = [normalise(w) for w in person.split()]
    return (
        len(words) == 2
        and all(w.endswith(("ي", "يه")) and not w.startswith("ال") and w not in name_lists.first_names for w in words)
        and words[0] in name_lists.plain_words
        and _definite_in_news(words[0], name_lists)  # «حكومي», «سياسي»; not «ديربي» of «ديربي كاونتي»
        and (words[1] in name_lists.ranks or "ال" + words[1] in name_lists.ranks)  # not «كدوسي» of «منجي كدوسي»
    )


def _accusative_noun(word: str, name_lists: NameLists) -> bool:
    """A common noun with the indefinite accusative's «ا» («ملكا», «مدربا», «لاعبا»): the word less it (three letters
    at least) is a plain word of news, which news writes more often than the word («ملك» against «ملكا»); no first
    name, gazetteer name or place («روسيا», «كوريا»: news writes them more often than «روسي», «كوري»); or, when news
    writes the word more often than the bare one, a plain word of news itself: an adverb («سريعا» of «روميلو لوكاكو
    سريعا», session 19)."""
    norm = normalise(word)
    bare = norm[:-1]
    if not norm.endswith("ا") or len(bare) < 3 or bare not in name_lists.plain_words:
        return False
    if norm in name_lists.first_names or norm in name_lists.listed or norm in name_lists.places:
        return False
    # «سريعا» ("quickly"), an adverb news writes more often than «سريع»: the word itself a plain word of news
    return name_lists.ranks.get(bare, 1 << 30) < name_lists.ranks.get(norm, 1 << 30) or norm in name_lists.plain_words


def _without_accusative(person: str, name_lists: NameLists, story: StoryWords | None) -> str:
    """A person's span less the accusative phrase it ran into after the name: «سلمان بن عبد العزيز ملكا» ("… as
    king", «إعلان سلمان بن عبد العزيز ملكا للسعودية») is «سلمان بن عبد العزيز», «عماد بن يونس مدربا» «عماد بن
    يونس». A name holds no predicate (session 19, issue 17). Only where every word from the accusative noun on ends
    in «ا» (a name's word after it, «كاثرين زيتا جونز», keeps it whole) and the story writes the word before it
    elsewhere too («إدواردو إندا», written only so, is a name). A name opening so is left whole («أندا», a lender
    the tagger called a person; «جوليا بلجافيفا»: «جولي» is a word of news too)."""
    words = person.split()
    for i, word in enumerate(words):
        if not _accusative_noun(word, name_lists) or not all(normalise(w).endswith("ا") for w in words[i:]):
            continue
        if i == 0:
            return person  # «أندا» (Enda, a lender), «جوليا بلجافيفا»: a name of its own that ends so
        before = normalise(words[i - 1])
        if before not in _OPEN_ENDS and story is not None and story.elsewhere(before, normalise(word)):
            return " ".join(words[:i])  # not «حافظ بن يحيا» (Yahya written with «ا»): a name ends on no «بن»
        return person
    return person


def _rename_shown(actors: dict[str, _Actor], actor: _Actor, rest: str) -> None:
    """Show ``actor`` as ``rest``, the part of its name a display rule kept, or drop it when nothing is kept or
    another shown actor is ``rest`` already (one person shown twice is worse than once). An actor shown under a
    fixed display (an aliases entity's) has that replaced; otherwise its written forms become ``rest`` alone, with
    their mentions summed, so the ranking a rule runs after stays as it was."""
    taken = {normalise(a.name) for a in actors.values() if a is not actor}
    if not rest or normalise(rest) in taken:
        del actors[actor.key]
    elif actor.display:
        actor.display = rest
    else:
        actor.names = Counter({rest: sum(actor.names.values())})
        actor.order.setdefault(rest, next(_SEQUENCE))


def _without_closing_verb(person: str, name_lists: NameLists) -> str:
    """A person's name less an imperfect verb closing it that :func:`_verb_form` knows by its paradigm in the word
    lists: «غروس يكبد» ("Gross inflicts", of a headline) is no name. "" when one word is left that is no first name
    of the lists (fewer actors beat a wrong one, as :func:`_unverbed`). :func:`_unverbed` reads only the stricter
    :func:`_verb` at a name's end; this runs on the shown names, after the merges, where a verb the tagger ran
    into is the name's last word (session 19: over the 3,499 stories' shown people, «يكبد» the only one)."""
    words = person.split()
    if len(words) < 2 or normalise(words[-2]) in FILIATION or not _verb_form(words[-1], name_lists):
        return person
    kept = words[:-1]
    if len(kept) == 1 and normalise(kept[0]) not in name_lists.first_names:
        return ""
    return " ".join(kept)


def _drop_accusatives(actors: dict[str, _Actor], story: StoryWords, name_lists: NameLists) -> None:
    """A person shown with the accusative phrase (:func:`_without_accusative`) or the verb
    (:func:`_without_closing_verb`) the tagger ran into is shown without it, or goes when another shown actor is it
    already («شاهيناز نصري توقيتا» beside «شاهيناز نصري»). Read on the shown names, after the merges: a span's mentions stay where they were counted, so the ranking is unchanged
    (cleaning the spans instead gave «محمد صلاح هدافا»'s mentions to Salah and cut «هاري كين», an editor's actor,
    under the score cut)."""
    for actor in [a for a in actors.values() if a.type == "PER" and not a.key.startswith("alias:")]:
        name = actor.name
        rest = _without_accusative(name, name_lists, story)
        rest = _without_closing_verb(rest, name_lists) if rest else rest
        if rest == name:
            continue
        _rename_shown(actors, actor, rest)


def _after_glued_phrase(person: str, name_lists: NameLists) -> str:
    """«تطيح بأشرس معارضي ترمب» ("topples Trump's fiercest opponent"): a person's span opening on a word with the
    preposition «بـ» glued on, no name of the lists, and then a plain word of news that is no name («معارضي»)
    is a phrase whose complement closes it: the name is what follows the plain words («ترمب»). A name opening on
    «ب» («بشار», «بسام», «بن») is a first name of the lists or filiation (session 17: «بأشرس معارضي ترمب» was
    shown as a person)."""
    words = person.split()
    if len(words) < 3:
        return person
    norms = [normalise(w) for w in words]
    names = name_lists.first_names | name_lists.name_words
    first = norms[0]
    if not first.startswith("ب") or first.startswith("بال") or first in names or first[1:] in names:
        return person
    if first in FILIATION or first[1:] in name_lists.ranks and not common_word(first[1:], name_lists):
        return person
    # the word after «بـ»: a plain word of news, or an elative «أفعل» («أشرس», "fiercest"), not a name's sound
    # («بيرت فان مارفيك»: «يرت» is no word)
    bare = first[1:]
    if bare not in name_lists.plain_words and not (len(bare) == 4 and bare[0] == "ا" and "ا" not in bare[1:]):
        return person
    i = 1
    while i < len(words) - 1 and norms[i] in name_lists.plain_words and norms[i] not in names:
        i += 1
    return " ".join(words[i:]) if i > 1 else person


def _undescribed(body: str, name_lists: NameLists) -> str:
    """A body's name less a describing head noun before a proper name: «منظمة هيومن رايتس ووتش» is «هيومن رايتس
    ووتش», as «حركة حماس» is «حماس» (:func:`_written_form`); «منظمة الصحة العالمية», «حركة النهضة» keep theirs, the
    word after it having the article, and so does «حركة أمل», whose one word left is a common word."""
    words = body.split()
    if len(words) < 2 or not set(index_terms(words[0])) & _DESCRIPTORS:
        return body
    following = normalise(words[1])
    if definite(words[1]) or following in STOPWORDS or len(following) < 3:
        return body
    if len(words) == 2 and common_word(words[1], name_lists):
        return body
    return " ".join(words[1:])


_DIRECTIONS = frozenset(normalise(w) for w in ("الجنوبي", "الشمالي", "الشرقي", "الغربي", "الجنوبية", "الشمالية"))
# Words that make a part of a place a place of its own («القدس الشرقية», «الموصل القديمة») or a place's name
# another name («القدس العربي», a daily; «المغرب العربي»): not a description.
_SIDES = _DIRECTIONS | frozenset(
    normalise(w)
    for w in ("الشرقية", "الغربية", "الوسطى", "الكبرى", "الصغرى", "القديمة", "الجديدة", "العربي", "العربية")
)


def _unqualified(person: str) -> str:
    """A person's name less a country's or a direction's adjective the tagger took before it: «الرئيس الكوري
    الجنوبي مون جاي إن» can come out as «الجنوبي مون جاي»; the adjective describes the title, not the name.
    Only with the article and two words left: «الباجي قائد السبسي» keeps its «الباجي»."""
    words = person.split()
    if len(words) < 3:
        return person
    norm = normalise(words[0])
    if norm in _DIRECTIONS or (norm.startswith("ال") and norm[2:] in adjective_table()):
        return " ".join(words[1:])
    return person


MIN_CUT_HEAD_NAMES = 2  # a one-word name written before this many different nouns, and only so, heads names


def _cut_head(written: str, story: StoryWords | None, name_lists: NameLists, aliases: AliasIndex | None) -> bool:
    """A place's or body's one word that the story writes only ever right before a noun with the article, and before
    two different ones: a common noun heading names, which the tagger cut from them («كنيس» of «كنيس الغريبة» and
    «كنيس النصر», two synagogues), no name of its own: fewer actors beat a wrong one. One same noun after it every
    time is one name the tagger cut («حمام الأنف», «الحجر الأسود»): the word may stand for it, and is left. Not a
    word the gazetteer or the aliases file names, nor one before a country's adjective, a side or any adjective's
    shape («القدس المحتلة», «أوروبا الشرقية», «جربة التونسية»: the place is named, the adjective describes it)."""
    words = written.split()
    if story is None or len(words) != 1:
        return False
    norm = normalise(words[0])
    if norm in name_lists.listed or norm in name_lists.places:
        return False
    if aliases is not None and _whole_alias(aliases, index_terms(written)):
        return False
    following = []  # the word after each place the story writes it (None at a text's end)
    for number, index in story._places(term(norm) or norm):
        text = story.texts[number]
        following.append(text[index + 1] if index + 1 < len(text) else None)
    return len({token.norm for token in following if token is not None}) >= MIN_CUT_HEAD_NAMES and all(
        token is not None and token.joined and _construct_noun(token.norm) for token in following
    )


def _construct_noun(after: str) -> bool:
    """A word with the article that is no adjective's shape: a nisba («التونسية»), a side («الشرقية»), a participle
    («المحتلة», «المتحدة»), an elative or a colour («الكبرى», «العليا»): the noun a head noun names a thing by."""
    if not after.startswith("ال") or len(after) < 5 or after in _SIDES or after[2:] in adjective_table():
        return False
    return not (after.endswith(("ي", "يه", "يين", "يون", "ا", "ى")) or after[2:3] == "م")


def _bare_head(written: str) -> bool:
    """A body's head noun alone, without the article («جامعة» of «جامعة "كاليفورنيا …"» once cleaning cut the
    rest): no name. «الجامعة» may be the Arab League's short name (:func:`_merge_shown`)."""
    return " " not in written.strip() and normalise(written.strip()) in BODY_HEADS


def _initial(written: str) -> bool:
    """One word of one or two letters («اس» of «"اس. اف. ار سبورت"», «جي»): a spelled-out letter, no name."""
    return " " not in written.strip() and len(normalise(written).strip()) <= 2


def _lone_adjective(written: str, aliases: AliasIndex | None) -> bool:
    """A body or place that is one relative adjective with the article («العربي» of «التحالف "العربي"», a
    quotation mark having cut it from its noun): no name. A country's adjective is counted for the country by
    :func:`_nisba_hits`; «السعودية», a name of the aliases file, is a name, and so is «اللاذقية», a known
    place's (``data/known_names.tsv``)."""
    written = written.strip()
    words = written.split()
    if len(words) != 1:
        return False
    norm = normalise(words[0])
    if not norm.startswith("ال") or not norm.endswith(("ي", "يه")) or len(norm) < 5:
        return False
    if any(k.start == 0 and k.end == len(written) for k in find_known(written)):
        return False  # «اللاذقية», «الإسكندرية»: a known place's name, though it ends as an adjective does
    return aliases is None or _whole_alias(aliases, index_terms(written)) is None


def _unfused(span: str, aliases: AliasIndex) -> list[str]:
    """«بوتين نتنياهو» → «بوتين», «نتنياهو»: a person span that is two people of the aliases file, each whole."""
    words = span.split()
    for i in range(1, len(words)):
        left, right = index_terms(" ".join(words[:i])), index_terms(" ".join(words[i:]))
        if not left or not right:
            continue
        ends = [aliases.entity_of(tuple(part)) for part in (left, right)]
        if all(e is not None and e.type == "PER" for e in ends) and ends[0] is not ends[1]:
            return [" ".join(words[:i]), " ".join(words[i:])]
    return [span]


def _unprefixed(span: str, aliases: AliasIndex, name_lists: NameLists) -> str:
    """«شاهد ميشال عون» → «ميشال عون»: a person span that ends in the full name (two words or more) of an aliases
    person is that person, less the words before it when none of them is a name's word («شاهد», the video's
    call to watch, is no first name of the lists). «محمد بن سلمان» keeps «محمد» («بن سلمان» is a name of his
    too), «رفيق الحريري» is no «الحريري» (one word: a family's name), and a span the aliases name whole stays."""
    words = span.split()
    if len(words) < 3 or _whole_alias(aliases, index_terms(span)):
        return span
    names = name_lists.first_names | name_lists.name_words
    for i in range(1, len(words) - 1):
        rest = tuple(index_terms(" ".join(words[i:])))
        entity = aliases.entity_of(rest) if len(rest) >= 2 else None
        if entity is None or entity.type != "PER":
            continue
        if any(normalise(w) in names or w in _JOINING_ENDS for w in words[:i]):
            return span
        return " ".join(words[i:])
    return span


_DATA = "mawjaz.text"
# Each entry is a whole copy of the alias index (≈ 0.1 MB); a handful of headline capital sets recur
# («دمشق», «القدس»), the rest are met once: a short least-recently-used list (issue #19: 257 was ≈ 25 MB).
_CAPITALS_BOUND = 8
_CAPITALS_CACHE: dict[tuple[int, frozenset, frozenset], tuple[AliasIndex, AliasIndex]] = {}


def _data_lines(name: str) -> list[str]:
    from importlib.resources import files

    text = files(_DATA).joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(index_terms(line)) for line in _data_lines("capitals.txt"))


@lru_cache(maxsize=1)
def _metonyms() -> frozenset[tuple[str, ...]]:
    """Capitals and seats of government: matched as their country, never the name it is shown under."""
    return _capitals() | frozenset(tuple(index_terms(line)) for line in _data_lines("metonyms.txt"))


def _headline_capitals(aliases: AliasIndex, texts: Sequence[StoryText]) -> frozenset[tuple[str, ...]]:
    """The capitals (``data/capitals.txt``) a headline of the story names and a body names again.

    «يدعو أنقرة لرفع حالة الطوارئ» over a body that only says «تركيا» names
    the country by its capital; «لسقوط دمشق» over a body that tells what
    happened in Damascus names the city. A capital that opens a headline is
    the government that speaks or acts («واشنطن: الوثائق حقيقية», «واشنطن
    تنسحب من الاتفاق»), never the place: a big story has such headlines by the
    dozen, and its capital was shown beside its country. In a big story the
    headlines of a tenth of its articles must name it (:data:`_CAPITAL_HEADLINES`):
    one outlet's «تأييد خليجي للمغرب ضد إرهاب طهران» of 30 articles on Morocco and
    Iran is that outlet's wording for Iran.
    """
    capitals = _capitals()
    headlines: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        terms = index_terms(text.headline)
        opening = index_terms(text.headline.split(maxsplit=1)[0]) if text.headline.strip() else []
        headlines.update(
            {
                tuple(terms[start:end])
                for _e, start, end in aliases.find_in(terms)
                if not (start == 0 and opening[:1] == terms[:1])  # «واشنطن: …», «واشنطن تنسحب»: its government
            }
            & capitals
        )
    # in a big story one outlet's headline («إرهاب طهران» of 30 on Morocco and Iran) is that outlet's wording
    found = {capital for capital, count in headlines.items() if count * _CAPITAL_HEADLINES >= len(texts)}
    if not found:
        return frozenset()
    in_bodies = set()
    for text in texts:
        terms = index_terms(_undated(text.body)[:BODY_CHARS])
        in_bodies |= {tuple(terms[start:end]) for _e, start, end in aliases.find_in(terms)}
    return frozenset(c for c in found & in_bodies if _named_as_place(aliases, c, texts))


# Words before a capital that make it the place where something happens («قرب دمشق», «في شوارع دمشق», «بريف
# دمشق», «حي الرياض»; «لسقوط دمشق», «هجوم برلين», «معرض طهران للكتاب», «منتدى الرياض»: what befalls a city or is
# held there), not the government that acts or is acted on («انسحاب واشنطن», «إرهاب طهران», «مع طهران»).
_LOCATIVES = PLACE_HEADS | frozenset(
    normalise(w)
    for w in (
        "في", "وفي", "قرب", "بالقرب", "حول", "عند", "داخل", "وسط", "محيط", "ضواحي", "أطراف", "شوارع", "سماء",
        "جنوب", "شمال", "شرق", "غرب", "جنوبي", "شمالي", "شرقي", "غربي", "بريف",
        "سقوط", "لسقوط", "حصار", "تحرير", "اقتحام", "اجتياح", "لاجتياح", "دخول", "قصف",
        "هجوم", "هجمات", "تفجير", "تفجيرات", "انفجار", "اعتداء", "عملية", "زلزال",
        "معرض", "مهرجان", "مؤتمر", "قمة", "منتدى", "ملتقى", "اجتماع", "اجتماعات",
    )
)  # fmt: skip


def _named_as_place(aliases: AliasIndex, capital: tuple[str, ...], texts: Sequence[StoryText]) -> bool:
    """Whether the story's headlines write the capital as a place at least as often as otherwise.

    A headline writes a place after a word of location («غارة قرب دمشق», «في شوارع دمشق») or with «بـ»
    glued to it («قصف مستودع الأسلحة بدمشق», «أمطار بأنقرة»); a capital that opens a headline, is the object of
    a noun («انسحاب واشنطن») or follows another preposition («عقوبات على طهران») is its government, the country's
    metonym. A big story of a country's decisions names its capital by the dozen so («تحذير طهران»): shown as a
    place of its own it sat beside its country, which the editor lists alone (dev2: «طهران» and «واشنطن» beside
    «إيران» and «الولايات المتحدة»), while a story of strikes near Damascus lists «دمشق» beside «سوريا».
    """
    names = [
        normalise(n).split()
        for entity in aliases.entities.values()
        for n, phrase in zip(entity.names, entity.phrases, strict=True)
        if phrase == capital
    ]
    placed = other = 0
    for text in texts:
        words = [normalise(w) for w in _RAW_WORD.findall(text.headline)]
        for i, word in enumerate(words):
            for name in names:
                glued = word[:1] if word[:1] in PROCLITIC_LETTERS and word[1:] == name[0] else ""
                if (word != name[0] and not glued) or words[i + 1 : i + len(name)] != name[1:]:
                    continue
                before = words[max(0, i - 2) : i]
                if glued == "ب" or any(w in _LOCATIVES for w in before):
                    placed += 1
                else:
                    other += 1
                break
    return placed >= other


def _written_whole(aliases: AliasIndex, capital: tuple[str, ...], texts: Sequence[StoryText]) -> bool:
    """Whether a headline writes the capital as its name is written, article and all: «حي الرياض», not the
    first name «رياض» of «رياض الصانع» (their index terms are one)."""
    names = {
        normalise(n)
        for entity in aliases.entities.values()
        for n, phrase in zip(entity.names, entity.phrases, strict=True)
        if phrase == capital
    }
    for text in texts:
        for word in _RAW_WORD.findall(text.headline):
            norm = normalise(word)
            if norm in names or (norm[:1] in PROCLITIC_LETTERS and norm[1:] in names):
                return True
    return any(" " in name for name in names)  # a name of several words: its terms are enough


def _without_capitals(
    aliases: AliasIndex, capitals: frozenset[tuple[str, ...]], places: frozenset[tuple[str, ...]] = frozenset()
) -> AliasIndex:
    """The aliases with these capitals no longer names of their country, and those of them in ``places``
    (the capitals no tagged person's name holds) entities of their own.

    A capital is its country's metonym («موسكو وبغداد متفقتان») unless a
    headline names it: then it is the place the story is about («لسقوط
    دمشق»), an actor of its own. Search keeps folding it into its country.
    It stays a name of the aliases file, so it is still found where the
    tagger misses it («تستدعي سفيريها في واشنطن وتل أبيب»: no tagged
    «واشنطن», which dropping it from the aliases lost altogether).
    """
    if not capitals:
        return aliases
    key = (id(aliases), capitals, places)
    cached = _CAPITALS_CACHE.pop(key, None)
    if cached is not None and cached[0] is aliases:
        _CAPITALS_CACHE[key] = cached  # the newest again
        return cached[1]
    entities = {}
    for entity_id, entity in aliases.entities.items():
        kept = [
            (n, p)
            for n, p in zip(entity.names, entity.phrases, strict=True)
            if p not in capitals or entity.type == "PER"
        ]
        entities[entity_id] = (
            type(entity)(entity.id, entity.type, tuple(n for n, _ in kept), tuple(p for _, p in kept))
            if kept
            else entity
        )
    by_phrase = {p: e for p, e in aliases.by_phrase.items() if p not in capitals or aliases.entities[e].type == "PER"}
    for entity_id, entity in aliases.entities.items():
        for name, phrase in zip(entity.names, entity.phrases, strict=True):
            if phrase in places and entity.type != "PER":
                own = f"{entity_id}@{' '.join(phrase)}"  # «دمشق» of Syria: a place of its own
                entities[own] = type(entity)(own, entity.type, (name,), (phrase,))
                by_phrase[phrase] = own
    lengths: dict[str, set[int]] = {}
    for phrase in by_phrase:
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    out = AliasIndex(entities, by_phrase, {t: tuple(sorted(ls, reverse=True)) for t, ls in lengths.items()})
    while len(_CAPITALS_CACHE) >= _CAPITALS_BOUND:
        del _CAPITALS_CACHE[next(iter(_CAPITALS_CACHE))]  # the least recently used
    _CAPITALS_CACHE[key] = (aliases, out)
    return out


def _whole_alias(aliases: AliasIndex, terms: Sequence[str]) -> str | None:
    """The aliases entity these terms name as a whole, if any.

    ``find_in`` may report a match ending past the last term (a longer
    phrase's slice at the end of the terms), so the end is clamped here.
    """
    found = aliases.find_in(terms)
    if len(found) == 1 and found[0][1] == 0 and min(found[0][2], len(terms)) == len(terms):
        return found[0][0]
    return None


# A dateline opens a body: «دبي، الإمارات العربية المتحدة (CNN) --», «دمشق – وكالات :», «لندن (رويترز) -». It says
# where the wire was filed, not what the story is about.
_DATELINE = re.compile(
    r"^\s*[^\W\d_][^\n.:«»\"]{1,60}?\s*(?:\([^()\n]{1,30}\)\s*[-–—]+|[-–—]+\s*(?:وكالات|\w{2,12})?\s*:)\s*"
)


def _undated(body: str) -> str:
    """The body less its dateline, if it opens with one."""
    match = _DATELINE.match(body)
    return body[match.end() :] if match else body


def _read_parts(text: StoryText) -> list[tuple[str, str]]:
    """What is read of one article, each part with where it stands (``headline``, ``subtitle``, ``caption``,
    ``lead``), the body without its dateline: the rules that find names the tagger misses read what it read."""
    return [
        (text.headline, "headline"),
        (text.subtitle, "subtitle"),
        *((without_credit(c), "caption") for c in text.captions),
        (_undated(text.body)[:BODY_CHARS], "lead"),
    ]


def _parts(text: StoryText) -> list[str]:
    """What is read of one article, in page order: headline, subtitle, captions, the tagged part of the body."""
    return [text.headline, text.subtitle, *(without_credit(c) for c in text.captions), text.body[:BODY_CHARS]]


def _read_words(texts: Sequence[StoryText]) -> list[str]:
    """Every word of the story's read parts (:func:`_parts`), normalised, in order."""
    return [normalise(w) for text in texts for part in _parts(text) for w in _NAME_WORD.findall(part)]


def mentions_of(
    text: StoryText,
    tagger: Tagger | None = None,
    name_lists: NameLists | None = None,
    aliases: AliasIndex | None = None,
) -> list[Mention]:
    """The names the tagger finds in one article, as :func:`key_actors` reads them: what is stored per article.

    One :class:`~mawjaz.storage.mentions.Mention` per distinct (written, type,
    part), with its count, in the order the tagger first met each: expanded
    again (:func:`_expanded`) they give :func:`key_actors` what tagging the
    text there would (first-seen order is all it reads of the order).
    """
    tagger = tagger or _default_tagger()
    name_lists = name_lists if name_lists is not None else shipped_name_lists()
    found = _tagged(tagger, _unhashed(text), name_lists, aliases or load_aliases())
    counts: Counter[tuple[str, str, str]] = Counter(found)
    return [Mention(name, type_, part, count, _name_key(name)) for (name, type_, part), count in counts.items()]


@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> str:
    """A stored name's :func:`index_terms`, once per distinct name (the same names recur across articles)."""
    return " ".join(index_terms(name))


def _expanded(mentions: Sequence[Mention]) -> list[tuple[str, str, str]]:
    return [(m.name, m.type, m.part) for m in mentions for _ in range(m.count)]


def tagger_version(aliases: AliasIndex | None = None) -> str:
    """Which tagger (model files, the parts of a text it reads, the aliases it joins names by) found stored names.

    Stored names from another version are found again when their story's
    actors are next computed (:mod:`mawjaz.storage.mentions`): a new model or
    a changed ``MAWJAZ_ALIASES_FILE`` is read anew, not left out of date.
    """
    folder = getattr(_default_tagger(), "folder", None)
    model = _tagger_version(str(folder) if folder is not None else None)
    return model + ":" + _aliases_version(aliases or load_aliases())


_ALIAS_VERSIONS: dict[int, tuple[AliasIndex, str]] = {}


def _aliases_version(aliases: AliasIndex) -> str:
    """A short digest of an alias index, computed once per index object (one per process in practice)."""
    known = _ALIAS_VERSIONS.get(id(aliases))
    if known is not None and known[0] is aliases:
        return known[1]
    digest = hashlib.sha256()
    for entity_id in sorted(aliases.entities):
        digest.update(
            f"{entity_id}\t{aliases.entities[entity_id].type}\t{'|'.join(aliases.entities[entity_id].names)}\n".encode()
        )
    version = digest.hexdigest()[:8]
    _ALIAS_VERSIONS[id(aliases)] = (aliases, version)
    return version


@lru_cache(maxsize=4)
def _tagger_version(folder: str | None) -> str:
    if folder is None:
        return "aliases-only"
    digest = hashlib.sha256(
        f"{_TAGGING}|{BODY_CHARS}|{LEAD_CHARS}|{known_names_version()}|{sorted(_raw_first_names())}".encode()
    )
    for path in sorted(Path(folder).glob("*.crfsuite")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return "ner:" + digest.hexdigest()[:24]


def _tagged(
    tagger: Tagger, text: StoryText, name_lists: NameLists, aliases: AliasIndex | None = None
) -> list[tuple[str, str, str]]:
    """(written, type, where) of every name the tagger finds in one article.

    where: "headline"; "subtitle"; "caption" (a photo caption); "lead" for a
    name in the body's first LEAD_CHARS, "body" further on.
    """
    found = []
    body = _undated(text.body)[:BODY_CHARS]
    whole = " \n ".join([text.headline, text.subtitle, *text.captions, body])
    clubs = _clubs_named(whole, text.headline)
    coalitions = _coalitions_named(whole)
    for entity in _names(tagger, text.headline, name_lists, aliases, clubs, coalitions):
        if _TYPES.get(entity.type):
            found.append((*_headed(text.headline, entity), "headline"))
    parts = [(text.subtitle, "subtitle"), *((without_credit(c), "caption") for c in text.captions)]
    for part, where in parts:  # a credit names no actor
        for entity in _names(tagger, part, name_lists, aliases, clubs, coalitions) if part else ():
            if _TYPES.get(entity.type):
                found.append((*_headed(part, entity), where))
    for entity in _names(tagger, body, name_lists, aliases, clubs, coalitions):
        if _TYPES.get(entity.type):
            where = "lead" if entity.start < LEAD_CHARS else "body"
            found.append((*_headed(body, entity), where))
    return found


def _headed(text: str, entity: Entity) -> tuple[str, str]:
    """(written, type) of a tagged name, read with the noun before it.

    A place after a body's head noun in construct is part of the body's name:
    «فيلق القدس» is an organisation, not «القدس». A name after a place's head
    noun is a place whatever the tagger says: «محافظة صلاح الدين» (typed
    "LOC!", a place for certain).
    """
    if entity.type == "ORG~":
        return entity.text, "ORG~"  # a body described by its country (:func:`_described_bodies`): whole as found
    written, type_ = _quoted_whole(text, entity), _TYPES[entity.type]
    before = text[: entity.start].rstrip()
    if before.endswith(("«", '"')):
        # «مقاطعة "ناكورو"»: a quoted name after a place's head noun is still a place
        outside = before[:-1].rstrip()
        head = head_noun(outside)
        if head in PLACE_HEADS:
            return written, "LOC!"
        closed = text[entity.end :].lstrip()[:1] in _CLOSING or written.strip() != entity.text.strip()
        if head in _NAMING_HEADS and closed and not isinstance(entity, KnownName) and not _body_named(written):
            # «جامعة "تورنتو"»: the quotation marks set off the rest of the body's own name, not a name of its own;
            # only a name that fills them: of «حزب "تونس للجميع"» the tagger's «تونس» is not the party's name
            return f"{outside.split()[-1]} {written}", "ORG"
        if type_ == "LOC" and head in BODY_HEADS and not closed and (quoted := _quoted_after(text, entity.start)):
            # …but the quotation is: «تونس للجميع», the party, not the country (:func:`_quoted_after`); after a
            # naming head noun, with it («جامعة "كاليفورنيا ريفرسايد"»)
            return (f"{outside.split()[-1]} {quoted}" if head in _NAMING_HEADS else quoted), "ORG"
        return written, type_
    if type_ == "ORG" and not isinstance(entity, KnownName):  # a known body's name is whole
        written = _with_country(text, entity.end, written)
    head = head_noun(before)
    if head in BODY_HEADS and type_ == "LOC":
        return f"{before.split()[-1]} {written}", "ORG"
    if type_ == "PER" and (house := _house_before(before)):
        return f"{house} {written}", "LOC"
    if type_ == "PER" and (crossing := _crossing_before(before)) is not None:
        return " ".join([*crossing, *_undescribed_place(written).split()]), "LOC!"
    if head in PLACE_HEADS:
        return written, "LOC!"
    return written, type_


_QUOTED_TO_END = re.compile(r"[^\"«“»”\n.،,:؛]{2,40}(?=[\"»”])")


def _quoted_after(text: str, start: int) -> str:
    """The words quoted from ``start`` to the closing mark, when a body's head noun opens the quotation: the
    body's name («حزب "تونس للجميع"» is the party «تونس للجميع»), where the tagger found a place at its start.
    A place cut out of a body's name is the body's detail, not an actor of the story (session 17: «تونس» was
    shown for a story about the party's founding). "" when no closing mark follows soon (a quoted sentence)."""
    match = _QUOTED_TO_END.match(text, start)
    if match is None or len(match.group(0).split()) > 5:
        return ""
    return match.group(0).strip()


_HOUSE = normalise("دار")
_CROSSING = normalise("معبر")
_DESCRIBING_END = re.compile(r"^ال[^\W\d_]{3,}(?:ي|يه|ية)$")


def _crossing_before(before: str) -> list[str] | None:
    """The words of a crossing's name written before a person's span: after «معبر» ("crossing"; «بمعبر»), its
    word without the article if one comes between («معبر كرم أبو سالم»: ["كرم"]), or none («معبر أبو سالم»:
    []); ``None`` when no «معبر» is there. A crossing is named after a place or a man, and either way the name is
    the crossing's, a place (session 17: «أبو سالم الحدودي» was shown as a person for «معبر كرم أبو سالم
    الحدودي», Kerem Shalom)."""
    words = before.split()

    def crossing(word: str) -> bool:
        norm = normalise(word)
        return norm == _CROSSING or (norm[:1] in PROCLITIC_LETTERS and norm[1:] == _CROSSING)

    if words and crossing(words[-1]):
        return []
    if len(words) >= 2 and crossing(words[-2]) and _WORD_ONLY.fullmatch(words[-1]) and not definite(words[-1]):
        return [words[-1]]
    return None


_WORD_ONLY = re.compile(r"[^\W\d_]+")


def _undescribed_place(written: str) -> str:
    """A place's name less the relative adjectives with the article closing it: «أبو سالم الحدودي» ("the border
    …") and «أبو سالم التجاري» ("the commercial …") describe the crossing, whose name is «أبو سالم»."""
    words = written.split()
    while len(words) >= 2 and _DESCRIBING_END.match(normalise(words[-1])):
        words = words[:-1]
    return " ".join(words)


def _house_before(before: str) -> str:
    """«دار» ("house") right before a person's span, as written, less a glued preposition or «و» («بدار»,
    «ودار»): a person's name after it names a town («دار شعبان الفهري», «دار بوعزة»), not the person, and the
    town's name holds the word (session 17: «شعبان الفهري» was shown as a person for «بدار شعبان الفهري»). ""
    when the word before is another."""
    words = before.split()
    if not words:
        return ""
    word = words[-1]
    norm = normalise(word)
    if norm == _HOUSE:
        return word
    if norm[1:] == _HOUSE and norm[:1] in PROCLITIC_LETTERS:
        return word[skip_letters(word, 1) :]
    return ""


# Body head nouns that are part of the body's name when a quoted name follows («جامعة "تورنتو"»): not the
# describing ones, which the body's name goes without («حركة "حماس"» is «حماس»), nor an outlet's, a club's, a
# company's, a bank's or a charity's, which editors write by the quoted name alone («صحيفة "الأهرام"», «نادي
# "الزمالك"», «بنك "اتش اس بي سي"»); a quoted name that opens with a body's head noun is whole already
# («حزب "الجبهة الوطنية"» is «الجبهة الوطنية»).
_NAMING_HEADS = BODY_HEADS - frozenset(
    normalise(w)
    for w in ("حركة", "تنظيم", "منظمة", "جماعة", "ميليشيا", "وكالة", "صحيفة", "نادي", "شركة", "بنك", "مؤسسة", "جمعية")
)


def _body_named(written: str) -> bool:
    """A name that opens with a body's own head noun («الجبهة الوطنية»): whole as it stands, whatever comes before."""
    first = normalise(written.split()[0]) if written.split() else ""
    return (first[2:] if first.startswith("ال") else first) in BODY_HEADS


# Head nouns of bodies named by common words, whose country's adjective is part of the name.
_INSTITUTIONS = frozenset(
    normalise(w) for w in ("بنك", "وزارة", "مجلس", "برلمان", "كونغرس", "هيئة", "اتحاد", "محكمة", "مكتب")
)
_NEXT_WORD = re.compile(r"\s+([\w\u0640]+)")


def _with_country(text: str, end: int, written: str) -> str:
    """A body named by common words after an institution's head noun, with the country's adjective that
    follows it: «البنك المركزي التونسي», «وزارة الثقافة الجزائرية» (the tagger stops before the adjective). The adjective is then part
    of the body's name, not a mention of the country (:func:`_nisba_hits`)."""
    following = _NEXT_WORD.match(text, end)
    words = [normalise(w) for w in written.split()]
    head = words[0][2:] if words[0].startswith("ال") else words[0]
    if following is None or head not in _INSTITUTIONS or not definite(words[-1]):
        return written  # «الأهلي المصري», «فالنسيا الإسباني»: the adjective describes a proper name
    word = normalise(following.group(1))
    if not word.startswith("ال") or word[2:] not in adjective_table():
        return written
    return f"{written} {following.group(1)}"


def _names(
    tagger: Tagger,
    text: str,
    name_lists: NameLists,
    aliases: AliasIndex | None = None,
    clubs: frozenset[str] = frozenset(),
    coalitions: frozenset[str] = frozenset(),
) -> list[Entity]:
    """The tagger's names in ``text``, less a common word it split off the name that follows, and with the
    halves of a foreign name it split joined again.

    «في ريف الحسكة» can come out as two places, «ريف» and «الحسكة», and «شمال
    سوريا» as «شمال» and «سوريا»: a one-word name that is a common word of
    news and runs straight into another name of its type is that name's head
    noun, not a name of its own. «هونغ كونغ», «ماديا براديش», «كوالا لمبور»
    can come out as two places: see :func:`_rejoined`.
    """
    entities = [_completed(text, e) for e in _with_known(text, tagger.entities(text), name_lists, clubs, coalitions)]
    if entities and aliases is not None:
        entities = _outside_bodies(text, entities, aliases)
    entities = [e for e in entities if not (_TYPES.get(e.type) == "LOC" and _competition_before(text[: e.start]))]
    if not entities:
        return entities
    if aliases is not None:
        entities = _rejoined(text, entities, aliases, name_lists)
    entities = [part for entity in _unconjoined(text, entities, name_lists) for part in _two_people(entity, name_lists)]
    return [
        entity
        for entity, following in zip(entities, [*entities[1:], None], strict=True)
        if not _adjective_after_noun(text, entity)
        and (
            following is None
            or following.type != entity.type
            or " " in entity.text
            or text[entity.end : following.start].strip()
            or not common_word(entity.text, name_lists)
        )
    ]


_LAST_WORD = re.compile(r"([^\W\d_]+)[ \t]+$")
# Words that open a competition's name: a place right after one is part of the name («دوري أبطال أوروبا», «كأس ملك
# إسبانيا», «مونديال روسيا», «بطولة إسبانيا»), not a place the story is about (a story of Liverpool's final is not
# about Europe, nor Egypt's World Cup squad about Russia).
_COMPETITION_TERMS = frozenset(t for w in ("دوري", "كأس", "بطولة", "مونديال", "أبطال", "بطل") for t in index_terms(w))
_LAST_WORDS = re.compile(r"((?:[^\W\d_]+[ \t]+){1,2})$")


def _competition_before(before: str) -> bool:
    """Whether one of the two words that end ``before`` (the text up to a place's name) opens a competition's
    name (:data:`_COMPETITION_TERMS`)."""
    found = _LAST_WORDS.search(before[-60:])
    if found is None:
        return False
    return any(t in _COMPETITION_TERMS for w in found.group(1).split() for t in _word_terms(w))


def _adjective_after_noun(text: str, entity: Entity) -> bool:
    """One word shaped as a relative adjective with the article right after a noun with the article: it
    describes that noun («المعاليم الديوانية», customs duties), though a place of the list is spelled so
    («الديوانية»); «إلى اللاذقية», «ولاية المهدية» are places, and «النائب الرحوي» a person."""
    word = normalise(entity.text.strip())
    if (
        entity.type == "PER"
        or " " in entity.text.strip()
        or not word.startswith("ال")
        or not word.endswith(("ي", "يه"))
    ):
        return False  # «النائب الرحوي»: a surname after a title is a person
    before = _LAST_WORD.search(text, max(0, entity.start - 40), entity.start)
    # «إلى اللاذقية»: «إلى» reads as the article before «ى» once normalised; a stop word is no noun
    return before is not None and definite(before.group(1)) and normalise(before.group(1)) not in STOPWORDS


# A person's name never ends in a word that joins it to the next («محمد بن راشد آل» is cut before «مكتوم»), nor
# begins with the second half of a compound first name («بالله بربيرو» is cut after «منتصر»).
_JOINING_ENDS = frozenset({"آل", "بن", "ابن", "بنت", "أبو", "ابو", "عبد", "ولد"})
_COMPOUND_HALVES = frozenset(normalise(w) for w in ("الله", "بالله", "لله", "الدين", "الرحمن"))
_NEXT_NAME_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
_PREVIOUS_NAME_WORD = re.compile(r"([^\W\d_]+)[ \t]+$")


def _completed(text: str, entity: Entity) -> Entity:
    """A person the tagger cut inside a compound name, whole: «محمد بن راشد آل» is «محمد بن راشد آل مكتوم» (the
    next word joined), «بالله بربيرو» is «منتصر بالله بربيرو» (the word before joined). Only across spaces."""
    if entity.type != "PER":
        return entity
    words = entity.text.split()
    if not words:
        return entity
    start, end = entity.start, entity.end
    if words[-1] in _JOINING_ENDS:
        following = _NEXT_NAME_WORD.match(text, end)
        if following is not None:
            end = following.end()
    if normalise(words[0]) in _COMPOUND_HALVES and (len(words) > 1 or end > entity.end):
        before = max(0, start - 40)
        previous = _PREVIOUS_NAME_WORD.search(text, before, start)
        if previous is not None and previous.start() > before and normalise(previous.group(1)) not in STOPWORDS:
            start = previous.start()
    if (start, end) == (entity.start, entity.end):
        return entity
    return type(entity)(text[start:end], entity.type, start, end)


_RAW_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u0640])+")
_TEXT_WORDS: list[tuple[str, tuple[re.Match[str], ...]] | None] = [None]  # the last text's words (_raw_words)


def _raw_words(text: str) -> tuple[re.Match[str], ...]:
    """The written words of ``text`` (:data:`_RAW_WORD`), found once for the several rules that read one text.

    Seven rules after the tagger (first names, families, institutions,
    described bodies, ministries, clubs, alias and outlet bodies) each
    scanned the same part of an article for its words; the last text's
    matches are kept and handed out again (the same ``str`` object: a
    part's rules run one after another).
    """
    last = _TEXT_WORDS[0]
    if last is not None and last[0] is text:
        return last[1]
    words = tuple(_RAW_WORD.finditer(text))
    _TEXT_WORDS[0] = (text, words)
    return words


@lru_cache(maxsize=1 << 16)
def _word_terms(word: str) -> tuple[str, ...]:
    """:func:`index_terms` of one written word, once per process (a text's words recur across a story's texts).

    The word is folded through :func:`~mawjaz.text.normalise.normalise_short`, whose cache the tagger's
    features and the known-name pass have mostly filled with this text's words already."""
    return tuple(found for w in word_words(word) if (found := term(w)) is not None)


_BODY_STARTS: dict[int, tuple[AliasIndex, frozenset[str]]] = {}


def _body_starts(aliases: AliasIndex) -> frozenset[str]:
    """The first terms of the aliases file's bodies named by several words, once per alias index."""
    known = _BODY_STARTS.get(id(aliases))
    if known is not None and known[0] is aliases:
        return known[1]
    starts = frozenset(
        phrase[0]
        for phrase, entity in aliases.by_phrase.items()
        if len(phrase) > 1 and aliases.entities[entity].type == "ORG"
    )
    _BODY_STARTS[id(aliases)] = (aliases, starts)
    return starts


def _outside_bodies(text: str, entities: list[Entity], aliases: AliasIndex) -> list[Entity]:
    """The tagger's names less those inside a longer name of a body of the aliases file: «العراق» and
    «الشام» of «الدولة الإسلامية في العراق والشام» name no place, the body is the actor (found by
    :func:`_alias_hits`); nor do «تونس» and «إفريقيا» of an outlet's name («وكالة تونس إفريقيا للأنباء»,
    ``data/outlets.txt``), which reports the story."""
    words = [(match, _word_terms(match.group())) for match in _raw_words(text)]
    starts = _body_starts(aliases)
    outlets = _outlet_names()
    outlet_starts = _outlet_starts()
    in_aliases = any(t in starts for _match, found in words for t in found)
    if not in_aliases and not any(t in outlet_starts for _match, found in words for t in found):
        return entities  # no body of several words begins in the text (half the texts): nothing to look for
    spans: list[tuple[int, int]] = []
    terms: list[str] = []
    for match, found_terms in words:
        for found in found_terms:
            spans.append((match.start(), match.end()))
            terms.append(found)
    bodies = [
        (spans[start][0], spans[end - 1][1])
        for entity_id, start, end in (aliases.find_in(terms) if in_aliases else ())
        if end - start > 1 and aliases.entities[entity_id].type == "ORG"
    ]
    bodies += [(spans[a][0], spans[b - 1][1]) for a, b in _body_spans(terms, outlets)]
    if not bodies:
        return entities
    return [
        e
        for e in entities
        if not any(first <= e.start and e.end <= last and e.end - e.start < last - first for first, last in bodies)
    ]


def _with_known(
    text: str,
    entities: list[Entity],
    name_lists: NameLists | None = None,
    clubs: frozenset[str] = frozenset(),
    coalitions: frozenset[str] = frozenset(),
) -> list[Entity]:
    """The tagger's names plus the known places and bodies it missed (:mod:`mawjaz.text.known_names`), the
    people named by a first name and a family's «آل» (:func:`_family_names`) or by a first name read off the
    tagger's output and an untagged surname (:func:`_first_name_people`), the clubs named by an ordinary
    word that the article names as clubs (``clubs``, see :func:`_clubs_named`) and the electoral lists and
    coalitions it names by a quoted ordinary word (``coalitions``, see :func:`_coalitions_named`).

    A known name the tagger found only part of replaces that part («الجبهة الشعبية» of «الجبهة الشعبية
    لتحرير فلسطين»); one overlapping a longer or different name of the tagger's is left to the tagger.
    """
    families = _family_names(text, name_lists) if name_lists is not None else []
    first_named = _first_name_people(text, name_lists) if name_lists is not None else []
    hits = sorted(
        [
            *find_known(text),
            *_institutions(text),
            *_described_bodies(text),
            *_ministries(text),
            *families,
            *first_named,
            *_club_hits(text, clubs),
            *_coalition_hits(text, coalitions),
            *_quoted_bodies(text),
        ],
        key=lambda h: (h.start, -h.end),
    )
    if not hits:
        return entities
    out = list(entities)
    for hit in hits:
        inside = [e for e in out if hit.start <= e.start and e.end <= hit.end]
        if any(e.end - e.start >= hit.end - hit.start for e in inside):
            continue  # the tagger has this very name: its type stands
        glued = [e for e in out if e.start < hit.start and e.end == hit.end and _proclitic(text[e.start : hit.start])]
        if glued:  # «ببرشلونة»: the tagger's name with a glued preposition is the known name, of the tagger's type
            out = [e for e in out if e is not glued[0]]
            out.append(type(glued[0])(hit.text, glued[0].type, hit.start, hit.end))
            continue
        if any(e.start < hit.end and hit.start < e.end for e in out if e not in inside):
            continue
        out = [e for e in out if e not in inside]
        if hit.type == "ORG~" and any(_TYPES.get(e.type) == "ORG" for e in inside) and _ministry(hit.text):
            # «وزارة الخارجية» of the tagger's, before «الأمريكية»: a body it named, an actor wherever written
            hit = KnownName(hit.text, "ORG", hit.start, hit.end)
        out.append(hit)  # type: ignore[arg-type]  # same fields as the tagger's Entity
    return sorted(out, key=lambda e: e.start)


# Clubs named by an ordinary word («الهلال» the crescent, «النصر» victory): left out of the known names, they
# are clubs only in an article that names them as clubs, after a word of the game (:data:`_CLUB_CUES`). Not
# «الاتحاد» (a federation's «رئيس الاتحاد») nor «الشباب» («مدرب الشباب» coaches the youth team).
_CLUB_NAMES = (
    "الهلال",
    "النصر",
    "الأهلي",
    "التعاون",
    "الفتح",
    "الاتفاق",
    "الوحدة",
    "الوحدات",
    "الباطن",
    "الرائد",
    "الفيحاء",
    "الفيصلي",
    "الإسماعيلي",
)
_CLUBS = frozenset(normalise(w) for w in _CLUB_NAMES)
_CLUB_CUES = frozenset(
    normalise(w)
    for w in (
        "نادي",
        "فريق",
        "لاعب",
        "لاعبو",
        "لاعبي",
        "مدرب",
        "مدربا",
        "رئيس",
        "جماهير",
        "جمهور",
        "مهاجم",
        "حارس",
        "مدافع",
        "نجم",
        "غريمه",
        "ضيفه",
        "مضيفه",
    )
)


def _club_word(words: Sequence[re.Match], i: int, text: str) -> tuple[str, int] | None:
    """(the club a word names, normalised, and the letters of proclitic before it; -1 for «للهلال», written with
    one ل less), unless a definite word follows it: «الهلال الأحمر», «النصر المبين» are no clubs."""
    norm = normalise(words[i].group())
    readings = [(norm, 0), *((norm[n:], n) for n in (1, 2) if _proclitic(norm[:n]))]
    readings += [("ال" + norm[len(p) :], -1) for p in ("لل", "ولل", "فلل") if norm.startswith(p)]
    club = next(((c, n) for c, n in readings if c in _CLUBS), None)
    if club is None:
        return None
    if i + 1 < len(words) and _spaced(text, words, i + 1) and normalise(words[i + 1].group()).startswith("ال"):
        return None
    return club


def _clubs_named(text: str, headline: str = "") -> frozenset[str]:
    """The clubs of :data:`_CLUBS` an article names as clubs: after a word of the game («مدرب الهلال», «رئيس
    النصر», «أمام غريمه التقليدي النصر» is not one, «غريمه النصر» is), and the other clubs of a ``headline``
    that names one of those («الهلال يحسم ديربي الرياض أمام النصر» over «ضيفه النصر»: a match has two sides,
    and a report often gives the winner no word of the game)."""
    if not any(name[2:] in text for name in _CLUB_NAMES):
        return frozenset()
    words = _raw_words(text)
    named = frozenset(
        club[0]
        for i in range(1, len(words))
        if normalise(words[i - 1].group()) in _CLUB_CUES
        and _spaced(text, words, i)
        and (club := _club_word(words, i, text)) is not None
    )
    if not named or not headline:
        return named
    heading = list(_RAW_WORD.finditer(headline))
    in_headline = {club[0] for i in range(len(heading)) if (club := _club_word(heading, i, headline)) is not None}
    return named | in_headline if named & in_headline else named


def _club_hits(text: str, clubs: frozenset[str]) -> list[KnownName]:
    """Every mention of the article's clubs in ``text`` (a proclitic left out of the span)."""
    if not clubs:
        return []
    words = _raw_words(text)
    found = []
    for i, word in enumerate(words):
        club = _club_word(words, i, text)
        if club is not None and club[0] in clubs:
            start = word.start() + max(club[1], 0)
            found.append(KnownName(text[start : word.end()], "ORG", start, word.end()))
    return found


# Electoral lists and coalitions named by ordinary words («الفتح» the conquest, «سائرون» marching, «النصر», «الحكمة»),
# set off by quotation marks after a coalition's head noun («تحالف "الفتح"», «ائتلاف "دولة القانون"», «قائمتا
# "الفتح" و"سائرون"»); «قائمة» and «لائحة» (any list: «قائمة "فوربس"») only in an article about an election.
_COALITION_HEADS = frozenset(normalise(w) for w in ("تحالف", "ائتلاف", "كتلة", "قائمتا", "قائمتي", "لائحتا", "لائحتي"))
_LIST_HEADS = frozenset(normalise(w) for w in ("قائمة", "لائحة"))
_ELECTION = normalise("انتخاب")
_QUOTED_NAME = re.compile(r"[\"«“]([^\"«“»”\n]{2,30})[\"»”]")
_LISTED_NEXT = re.compile(r"\s*و\s*[\"«“]([^\"«“»”\n]{2,30})[\"»”]")


def _head_before(text: str, start: int, heads: frozenset[str]) -> bool:
    """Whether the word right before ``start`` is one of ``heads``, a proclitic off («وتحالف», «لقائمة»)."""
    match = _LAST_WORD.search(text[max(0, start - 30) : start])
    if match is None:
        return False
    word = normalise(match.group(1))
    return any(word[n:] in heads for n in (0, 1, 2) if n == 0 or _proclitic(word[:n]))


def _coalitions_named(text: str) -> frozenset[str]:
    """The quoted names an article gives electoral lists and coalitions, normalised (see :data:`_COALITION_HEADS`):
    «تحالف "الفتح"», and the next of two listed by «و» («قائمتا "الفتح" و"سائرون"»)."""
    if not any(q in text for q in "\"«“"):
        return frozenset()
    heads = _COALITION_HEADS | (_LIST_HEADS if _ELECTION in normalise(text) else frozenset())
    named = set()
    for match in _QUOTED_NAME.finditer(text):
        if len(match.group(1).split()) > 3 or not _head_before(text, match.start(), heads):
            continue
        named.add(normalise(match.group(1).strip()))
        following = _LISTED_NEXT.match(text, match.end())
        if following is not None and len(following.group(1).split()) <= 3:
            named.add(normalise(following.group(1).strip()))
    return frozenset(named)


def _quoted_name(text: str, match: re.Match[str]) -> KnownName:
    """The body a :data:`_QUOTED_NAME` match quotes, the spaces inside its quotation marks left out."""
    quoted = match.group(1)
    start = match.start(1) + len(quoted) - len(quoted.lstrip())
    end = match.start(1) + len(quoted.rstrip())
    return KnownName(text[start:end], "ORG", start, end)


def _coalition_hits(text: str, coalitions: frozenset[str]) -> list[KnownName]:
    """Every quoted mention of the article's lists and coalitions in ``text`` («"سائرون"و"الفتح" يتصدران»)."""
    if not coalitions:
        return []
    found = []
    for match in _QUOTED_NAME.finditer(text):
        if normalise(match.group(1).strip()) in coalitions:
            found.append(_quoted_name(text, match))
    return found


# A body's name news quotes whole, which the tagger misses when its words are common ones («"جماعة أنصار الدولة"»):
# a body's head noun without the article, then up to four words, the last definite. Not an outlet's head noun
# («"صحيفة الشرق الأوسط"»: an outlet reports a story, see :func:`_ranked`).
_QUOTED_BODY_HEADS = BODY_HEADS - frozenset(normalise(w) for w in ("وكالة", "صحيفة"))


def _quoted_bodies(text: str) -> list[KnownName]:
    """Bodies quoted whole whose name opens with a body's head noun («مرتبطة بشبكة "جماعة أنصار الدولة"»,
    «"حركة مجتمع السلم"»); «"جماعة إرهابية"», «"حركة تصحيحية"» (the last word indefinite) describe, and name
    none. Typed as a body the tagger found."""
    found = []
    for match in _QUOTED_NAME.finditer(text):
        words = match.group(1).split()
        if not 2 <= len(words) <= 5 or normalise(words[0]) not in _QUOTED_BODY_HEADS:
            continue
        if not definite(words[-1]) or any(normalise(w) in STOPWORDS or not w.isalpha() for w in words[1:]):
            continue
        found.append(_quoted_name(text, match))
    return found


_FAMILY = normalise("آل")


@lru_cache(maxsize=1)
def _raw_first_names() -> frozenset[str]:
    """First names the word lists lack, read off the tagger's own output over raw news
    (``data/first_names_tagged.tsv``, made by ``bench/first_names.py``: words that begin a tagged person name of
    two words or more on at least 0.4 of their uses): «فادي», «نيكولا»."""
    return frozenset(normalise(line.split("\t")[0]) for line in _data_lines("first_names_tagged.tsv"))


def _first_name_people(text: str, name_lists: NameLists) -> list[KnownName]:
    """People named by a first name of :func:`_raw_first_names` and a one-word surname, where the tagger left
    them untagged («الشهيد فادي قنبر»: the tagger tags «فادي» before a name on half its uses in raw news, not
    here). The surname is none of a stop word, a plain word of the word lists (verbs and nouns: «فادي يقول»), a
    word with a glued «و» («ترامب ونيكولا»), a verb (:func:`_verb`), a gazetteer place, a word with a digit or
    of two letters. One word only: the word lists cannot tell a second surname word from what follows a name
    («فادي قنبر شهيد»). A glued «و» is read off where the rest is the commoner word («وفادي قنبر»). Only what
    the tagger did not name whole is added (:func:`_with_known`: a name the tagger found keeps its type)."""
    if not _raw_first_names():
        return []
    words = _raw_words(text)
    found = []
    i = 0
    while i < len(words) - 1:
        glued = _first_name_glue(words[i].group(), name_lists)
        if glued < 0:
            i += 1
            continue
        j = i + 1
        if not _spaced(text, words, j) or not _surname_word(words[j].group(), name_lists):
            i += 1
            continue
        start = words[i].start() + (skip_letters(words[i].group(), glued) if glued else 0)
        end = words[j].end()
        found.append(KnownName(text[start:end], "PER", start, end))
        i = j + 1
    return found


_GLUE_CACHE: dict[int, tuple[NameLists, dict[str, int]]] = {}
_GLUE_BOUND = 1 << 16


def _first_name_glue(word: str, name_lists: NameLists) -> int:
    """Letters of a glued «و» before a first name of :func:`_raw_first_names` in a written word (0 or 1), or -1
    where the word is none («وفادي»: the rest the commoner word, «وسام» too); once per distinct word and word
    lists (every word of every text is asked)."""
    held = _GLUE_CACHE.get(id(name_lists))
    if held is None or held[0] is not name_lists:
        _GLUE_CACHE.clear()
        held = _GLUE_CACHE[id(name_lists)] = (name_lists, {})
    known = held[1]
    glue = known.get(word)
    if glue is None:
        if len(known) >= _GLUE_BOUND:
            known.clear()
        names, ranks = _raw_first_names(), name_lists.ranks
        norm = normalise(word)
        rest = norm[1:]
        glue = known[word] = (
            0
            if norm in names
            else 1
            if norm[:1] == "و" and rest in names and ranks.get(rest, 1 << 30) < ranks.get(norm, 1 << 30)
            else -1
        )
    return glue


def _surname_word(word: str, name_lists: NameLists) -> bool:
    """Whether a written word may be a surname after a first name (see :func:`_first_name_people`)."""
    norm = normalise(word)
    bare = norm[2:] if norm.startswith("ال") else norm
    return (
        len(norm) >= 3
        and _TRIGGER_WORDS.get(bare) != "PER"  # «محامو الرئيس»: a title follows no name
        and not (bare != norm and name_lists.ranks.get(norm, 1 << 30) < COMMON_RANK)  # «الصيد», fishing
        and not (norm[:1] == "و" and norm[1:] in name_lists.ranks)  # «دونالد ترامب ونيكولا»: a second name
        and word.isalpha()
        and norm not in STOPWORDS
        and norm not in name_lists.plain_words
        and norm not in name_lists.places
        and not _verb(word, name_lists)
    )


def _family_names(text: str, name_lists: NameLists) -> list[KnownName]:
    """People named by a first name of the word lists, «آل» and the family's name: «تركي آل الشيخ», «سلطان آل
    نهيان». «آل» before a word is a family's name and a first name before it a person of that family, a shape the
    tagger, which never met most of these names, misses («بدعم من تركي آل الشيخ رئيس …»: no name found)."""
    if "آل" not in text or _FAMILY not in map(normalise, _RAW_WORD.findall(text)):
        return []  # «آل» as a word of its own is rare («آلاف» is not it)
    words = _raw_words(text)
    found = []
    for i in range(len(words) - 2):
        if (
            normalise(words[i + 1].group()) != _FAMILY
            or not _spaced(text, words, i + 1)
            or not _spaced(text, words, i + 2)
        ):
            continue
        first, family = normalise(words[i].group()), normalise(words[i + 2].group())
        if first in name_lists.first_names and family not in STOPWORDS and len(family) >= 3:
            start, end = words[i].start(), words[i + 2].end()
            found.append(KnownName(text[start:end], "PER", start, end))
    return found


# A state body or association named by common words: a head noun with the article and the adjectives after it
# («النيابة العامة», «المحكمة العليا الإسرائيلية», «الشرطة البلدية», «الشبكة السورية لحقوق الإنسان»). The tagger,
# trained on proper names, misses most of them.
_INSTITUTION_HEADS = frozenset(
    normalise(w)
    for w in (
        "المحكمة",
        "النيابة",
        "الشرطة",
        "الشبكة",
        "اللجنة",
        "المفوضية",
        "الهيئة",
        "المنظمة",
        "الجمعية",
        "الرابطة",
        "النقابة",
        "المرصد",
    )
)
_WEEKDAYS = frozenset(
    normalise(w) for w in ("السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة")
)


# Adjectives that make a head noun an official body's name on their own («النيابة العامة», «المحكمة العليا»);
# with any other, the body needs a «لـ» phrase to be named («الشبكة السورية لحقوق الإنسان»).
_OFFICIAL = frozenset(
    normalise(w)
    for w in (
        "العامة",
        "العليا",
        "العمومية",
        "البلدية",
        "العدلية",
        "الدستورية",
        "الاتحادية",
        "الإدارية",
        "الأولمبية",
        "المستقلة",
        "المركزية",
    )
)


# The head nouns as written, with or without a glued «و» or «ف».
_HEAD_FORMS = _INSTITUTION_HEADS | {glued + head for head in _INSTITUTION_HEADS for glued in ("و", "ف")}


def _institution_adjective(word: str) -> bool:
    norm = normalise(word)
    return (
        norm.startswith("ال")
        and len(norm) >= 5
        and norm.endswith(("ي", "يه", "ه", "ا"))
        and norm not in _WEEKDAYS
        and norm not in _INSTITUTION_HEADS
    )


def _institutions(text: str) -> list[KnownName]:
    """Bodies named by a head noun and one or two adjectives (:data:`_INSTITUTION_HEADS`), with a «لـ» phrase
    after them («لحقوق الإنسان», «للانتخابات»); a «و» or «ف» glued on the head noun is left out."""
    if _HEAD_FORMS.isdisjoint(map(normalise, _RAW_WORD.findall(text))):
        return []  # no head noun (most texts): nothing to read
    words = _raw_words(text)
    found = []
    i = 0
    while i < len(words):
        raw = words[i].group()
        norm = normalise(raw)
        start = words[i].start()
        if norm[:1] in ("و", "ف") and norm[1:] in _INSTITUTION_HEADS:
            norm, start = norm[1:], start + 1
        if norm not in _INSTITUTION_HEADS:
            i += 1
            continue
        j = i + 1
        while j < len(words) and j - i <= 2 and _institution_adjective(words[j].group()) and _spaced(text, words, j):
            j += 1
        if j == i + 1:
            i += 1
            continue
        adjectives = j
        if j < len(words) and _spaced(text, words, j):
            following = normalise(words[j].group())
            if following.startswith("لل") and len(following) >= 6:
                j += 1
            elif (
                following.startswith("ل")
                and len(following) >= 4
                and j + 1 < len(words)
                and _spaced(text, words, j + 1)
                and normalise(words[j + 1].group()).startswith("ال")
            ):
                j += 2
        official = any(normalise(w.group()) in _OFFICIAL for w in words[i + 1 : adjectives])
        if j > adjectives and _action_phrase(words[adjectives].group()):
            j = adjectives  # «أذنت النيابة العمومية لتحويل الجثة»: what the body does, after its name
        if j == adjectives and not official:
            i = max(j, i + 1)  # «الشرطة الهندية», «المنظمة المعنية», «الهيئة المديرة»: a body described, not named
            continue
        end = words[j - 1].end()
        found.append(KnownName(text[start:end], "ORG", start, end))
        i = j
    return found


# Head nouns of a country's forces or opposition, which news names by the country's adjective alone («الجيش
# اليمني», «الشرطة الإندونيسية», «المعارضة السورية», «المقاومة الوطنية اليمنية»): no proper name, so neither the
# tagger nor :func:`_institutions` (a body described, not named) takes them.
_DESCRIBED_HEADS = frozenset(normalise(w) for w in ("الجيش", "الشرطة", "المعارضة", "المقاومة"))
# A ministry named by its field and the country's feminine adjective, «وزارة» left out («الخارجية الأمريكية»,
# «الدفاع الروسية»); after «وزير» the field is the minister's title («وزير الخارجية الأمريكي»), no body.
_MINISTRY_FIELDS = frozenset(normalise(w) for w in ("الخارجية", "الداخلية", "الدفاع"))
_MINISTERS = frozenset(normalise(w) for w in ("وزير", "وزيرة", "لوزير", "بوزير", "ووزير", "الوزير"))
_DESCRIBED_OR_FIELDS = _DESCRIBED_HEADS | _MINISTRY_FIELDS
_NATIONAL = frozenset(normalise(w) for w in ("الوطني", "الوطنية"))
_DESCRIBED_GLUED = ("و", "ف", "ب", "وب")


def _described_bodies(text: str) -> list[KnownName]:
    """A country's army, police, opposition or resistance named by the country's adjective, «الوطني» between
    them or not («الجيش الوطني اليمني»), typed "ORG~": a body only described, which :func:`_ranked` shows only
    when a headline names it («الجيش اليمني يحرر مواقع …», «الشرطة الإندونيسية: "عائلة كاملة" نفذت الهجوم»). In
    the leads alone it is mostly the setting of a detail (a Paris stabbing's «… قالت الشرطة الفرنسية», which
    editors leave out; shown from the leads of two articles, dev2 precision fell 0.816 -> 0.810), and a wrong
    actor costs more than a missed one. A bare «الشرطة», «الجيش الوطني» or «المعارضة المسلحة» names no one
    country's body and is none; a glued «و», «ف» or «ب» is left out («بالجيش اليمني»)."""
    folded = normalise(text)
    if not any(head in folded for head in _DESCRIBED_OR_FIELDS):
        return []  # no head noun (most texts): nothing to read
    words = _raw_words(text)
    table = adjective_table()
    found = []
    for i, word in enumerate(words):
        norm = normalise(word.group())
        glued = next(
            (g for g in ("", *_DESCRIBED_GLUED) if norm.startswith(g) and norm[len(g) :] in _DESCRIBED_OR_FIELDS), None
        )
        if glued is None:
            continue
        j = i + 1
        if j < len(words) and _spaced(text, words, j) and normalise(words[j].group()) in _NATIONAL:
            j += 1
        if j >= len(words) or not _spaced(text, words, j):
            continue
        adjective = normalise(words[j].group())
        if not adjective.startswith("ال") or adjective[2:] not in table:
            continue
        if norm[len(glued) :] in _MINISTRY_FIELDS and (
            not adjective.endswith("ه") or (i > 0 and normalise(words[i - 1].group()) in _MINISTERS)
        ):
            continue  # «وزير الخارجية الأمريكي»: a minister's title; «الدفاع الجوي السوري» is no ministry
        start = word.start() + len(glued)
        found.append(KnownName(text[start : words[j].end()], "ORG~", start, words[j].end()))
    return found


# A ministry: «وزارة» and its field with the article (one word, or two when the second is «و» + a field or an
# adjective: «التربية والتعليم», «الشؤون الخارجية», «التعليم العالي»), the country's adjective after it or not
# («وزارة الخارجية الأمريكية», «وزارة الثقافة»). Named by common words, the tagger misses most of them.
_MINISTRY = normalise("وزارة")
_MINISTRY_GLUED = ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
# Bodies a ministry deals with, which «و» lists beside it, not a field of its name («بين وزارة التربية والنقابات»).
_OTHER_BODIES = frozenset(
    normalise(w)
    for w in (
        "النقابات",
        "النقابة",
        "المنظمات",
        "المنظمة",
        "الهيئات",
        "الهيئة",
        "الجمعيات",
        "الحكومة",
        "الوزارة",
        "الوزارات",
        "الجامعة",
        "الجامعات",
        "الاتحاد",
        "الشركات",
        "الشركة",
        "الأحزاب",
        "البرلمان",
        "البلديات",
    )
)


def _field_word(word: str) -> bool:
    """A ministry's field as written after «وزارة»: a word with the article, no weekday nor word of time, no
    country's adjective (that closes the name)."""
    norm = normalise(word)
    return (
        norm.startswith("ال")
        and len(norm) >= 4
        and norm not in _WEEKDAYS
        and norm not in _TIME_WORDS
        and norm[2:] not in adjective_table()
    )


def _ministry(written: str) -> bool:
    words = written.split()
    return bool(words) and normalise(words[0]) == _MINISTRY


def _ministries(text: str) -> list[KnownName]:
    """Ministries named by «وزارة», their field and the country's adjective or none («وزارة الخارجية
    الأمريكية», «وزارة التربية والتعليم», «وزارة الثقافة»), typed "ORG~" as :func:`_described_bodies`: shown
    only when a headline names it («وزارة الخارجية الأمريكية تفرض عقوبات …»). Most ministries a story names
    are its sources or a detail («قالت وزارة الصحة إن …»): found wherever written, they were shown in stories
    not about them (dev 0.766 -> 0.752 precision with them all, at c9f3f6a and in session 12). A glued «و»,
    «ف», «ب» or «ل» is left out («لوزارة الخارجية»)."""
    if _MINISTRY not in normalise(text):
        return []  # no ministry (most texts): nothing to read
    words = _raw_words(text)
    table = adjective_table()
    found = []
    for i, word in enumerate(words):
        norm = normalise(word.group())
        glued = next((g for g in ("", *_MINISTRY_GLUED) if norm == g + _MINISTRY), None)
        if glued is None or i + 1 >= len(words) or not _spaced(text, words, i + 1):
            continue
        if not _field_word(words[i + 1].group()):
            continue
        j = i + 2
        if j < len(words) and _spaced(text, words, j):
            second = normalise(words[j].group())
            conjoined = second.startswith("وال") and _field_word(second[1:]) and second[1:] not in _OTHER_BODIES
            if conjoined or (_institution_adjective(second) and second[2:] not in table and second not in _TIME_WORDS):
                j += 1
        if j < len(words) and _spaced(text, words, j):
            adjective = normalise(words[j].group())
            if adjective.startswith("ال") and adjective[2:] in table:
                j += 1
        start = word.start() + len(glued)
        found.append(KnownName(text[start : words[j - 1].end()], "ORG~", start, words[j - 1].end()))
    return found


# Verbal nouns of action by their measure (normalised, ل off): تفعيل «تقديم», افتعال «افتتاح», انفعال «انسحاب»,
# استفعال «استقبال». Not إفعال, written as the plurals أفعال are («لأطباء الأطفال»), nor تفعلة and مفاعلة, which
# name fields too («لتنمية», «لمكافحة الفساد»).
_ACTION_NOUN = re.compile(r"^(?:ت..ي.|ا.ت.ا.|ان..ا.|است..ا.)$")


def _action_phrase(word: str) -> bool:
    """«لتقديم», «لتنفيذ»: ل + a verbal noun of action, no article. After a head noun and its adjectives, it
    tells what the body does: a body only described is then none («الهيئة المديرة لتقديم التقريرين»), an
    official one ends before it («النيابة العمومية لتحويل الجثة» is «النيابة العمومية»), where a field names
    one («الشبكة السورية لحقوق الإنسان», «للانتخابات», «للرياضة»: the article makes a field)."""
    norm = normalise(word)
    return norm.startswith("ل") and not norm.startswith("لل") and bool(_ACTION_NOUN.match(norm[1:]))


def _spaced(text: str, words: Sequence[re.Match], j: int) -> bool:
    """Only a space between word ``j`` and the one before it."""
    return not text[words[j - 1].end() : words[j].start()].strip()


def _proclitic(letters: str) -> bool:
    """One to three proclitic letters («و», «ب», «وب»): what may be glued before a name."""
    return 0 < len(letters) <= 3 and all(ch in PROCLITIC_LETTERS for ch in normalise(letters))


def _rejoined(text: str, entities: list[Entity], aliases: AliasIndex, name_lists: NameLists) -> list[Entity]:
    """Two places (or two bodies) the tagger found side by side, only a space between them, are one name
    («هونغ كونغ», «بوينس آيرس», «بوروسيا دورتموند») unless the second begins a phrase of its own (a glued
    conjunction, preposition or article: «كوالالمبور وسنغافورة», «إسرائيل القدس»), either is a name of
    the aliases file on its own («سوريا إسرائيل») or a common word (the head noun of «شمال كركوك», left to
    :func:`_names`). People are never joined: two people side by side are two.
    """
    out: list[Entity] = []
    for entity in entities:
        previous = out[-1] if out else None
        if (
            previous is not None
            and entity.type == previous.type
            and entity.type in ("LOC", "GPE", "ORG")
            and not text[previous.end : entity.start].strip()
            and " " not in entity.text
            and not _glued_phrase(entity.text, aliases)
            and not any(common_word(e.text, name_lists) for e in (previous, entity))
            and not any(_whole_alias(aliases, index_terms(e.text)) for e in (previous, entity))
        ):
            out[-1] = type(entity)(text[previous.start : entity.end], entity.type, previous.start, entity.end)
            continue
        out.append(entity)
    return out


def _commoner_without_waw(word: str, name_lists: NameLists) -> bool:
    """«وروميلو»: news writes «روميلو» more often; «وقفات» is a word of its own («قفات» is none)."""
    ranks = name_lists.ranks
    return ranks.get(word[1:], 1 << 30) < ranks.get(word, 1 << 30)


def _unconjoined(text: str, entities: list[Entity], name_lists: NameLists) -> list[Entity]:
    """A person right after another, only a space between, whose name begins with و is joined to it by that
    و: «أنطوني مارسيال وروميلو لوكاكو» names «روميلو لوكاكو», not «وروميلو لوكاكو». (Places and bodies lose
    a glued و in :func:`mawjaz.digest.actor_names.without_proclitic`.)"""
    out = []
    for previous, entity in zip([None, *entities[:-1]], entities, strict=True):
        if (
            previous is not None
            and entity.type == previous.type == "PER"
            and entity.text.startswith("و")
            and len(entity.text.split()[0]) > 3
            and not text[previous.end : entity.start].strip()
            and _commoner_without_waw(normalise(entity.text.split()[0]), name_lists)
        ):
            entity = type(entity)(entity.text[1:], entity.type, entity.start + 1, entity.end)
        out.append(entity)
    return out


def _two_people(entity: Entity, name_lists: NameLists) -> list[Entity]:
    """A person's span with «و» glued on a word after its first is two people joined by «و»: «كيم دونغ تشول
    وكيمسانغ» is «كيم دونغ تشول» and «كيمسانغ». The word is no name of the lists («وليد», «وديع»), four letters or
    more, and what follows the «و» opens as the span does (a second of one family: «كيم … وكيم…»), is a first name
    of the lists, or is commoner in news than the word whole (:func:`_commoner_without_waw`; «ولد» of «محمد ولد عبد
    العزيز» is a word of its own). A rare foreign surname that opens on «و» («وينشتاين») meets none of these."""
    if entity.type != "PER" or " " not in entity.text:
        return [entity]
    names = name_lists.first_names | name_lists.name_words
    opening = normalise(entity.text.split()[0])
    for match in re.finditer(r"\S+", entity.text):
        norm = normalise(match.group())
        if (
            match.start() == 0
            or not norm.startswith("و")
            or len(norm) < 4
            or norm in names
            or not (
                (len(opening) >= 3 and norm[1:].startswith(opening))
                or norm[1:] in name_lists.first_names
                or _commoner_without_waw(norm, name_lists)
            )
        ):
            continue
        first = entity.text[: match.start()].rstrip()
        return [
            type(entity)(first, entity.type, entity.start, entity.start + len(first)),
            type(entity)(entity.text[match.start() + 1 :], entity.type, entity.start + match.start() + 1, entity.end),
        ]
    return [entity]


def _glued_phrase(word: str, aliases: AliasIndex) -> bool:
    """A word that begins a phrase of its own: the article or و glued on, or ب, ل, ف, ك before the article or
    a known name («بتونس»); «كونغ» and «بوينس» begin with such a letter but are no phrase."""
    norm = normalise(word)
    if norm.startswith(("ال", "و")):
        return True
    rest = norm[1:]
    return norm[:1] in "بلفك" and (rest.startswith("ال") or _whole_alias(aliases, index_terms(rest)) is not None)


# The rest of a quoted organisation's name after the tagged part: a few definite words, each maybe
# after و, or a noun with ل before a definite word («لقوى الثورة»).
_QUOTED_REST = re.compile(r"\s+(?:(?:و?ال\w+|ل\w{3,})\s*){1,6}(?=»)")


def _quoted_whole(text: str, entity: Entity) -> str:
    """An organisation the tagger cut short inside «…», written whole.

    The tagger stops early in a long official name: in «الائتلاف الوطني
    لقوى الثورة والمعارضة السورية» it may find only «الائتلاف الوطني» or
    the part before «والمعارضة». News quotes such names whole, so when the
    tagged name opens the quotation and only definite words (each perhaps
    after و) and nouns with ل before them follow it up to the closing », the
    last of them definite, the quotation is the name. «الائتلاف الوطني يرفض
    المفاوضات» is a quoted sentence, not a name.
    """
    if entity.type != "ORG" or not text[: entity.start].rstrip().endswith("«"):
        return entity.text
    rest = _QUOTED_REST.match(text, entity.end)
    if rest is None:
        return entity.text
    words = rest.group(0).split()
    if not definite(words[-1]) or any(normalise(w) in STOPWORDS for w in words):
        return entity.text
    return entity.text + rest.group(0).rstrip()


def _tagged_first_names(
    tagged: list[list[tuple[str, str, str]]],
    name_lists: NameLists,
    story: StoryWords | None = None,
    aliases: AliasIndex | None = None,
) -> frozenset[str]:
    """First words of the (cleaned) many-word person names the tagger found: the story's own first names.

    Not the first word of a name that is the end of a longer one: «شاويش
    أوغلو» beside «مولود تشاوش أوغلو» is a surname, «شاويش» no first name.
    """
    people = {w for mentions in tagged for w, t, _where in mentions if t == "PER"}  # a name repeats: cleaned once
    cleaned = {c for w in people for c, _ in _spans(w, "PER", name_lists, story=story, aliases=aliases)}
    spans = {written: name_keys(written) for written in cleaned}
    names = set()
    for written, span in spans.items():
        first = normalise(written.split()[0])
        if len(span) < 2 or not plain_name(first):
            continue
        tails = (" ".join(other[-len(span) :]) for other in spans.values() if len(other) > len(span))
        if not any(fuzz.ratio(" ".join(span), tail) >= SPELLING_RATIO for tail in tails):
            names.add(first)
    # «لجيري» beside «جيري» is ل + a first name, not a first name of its own
    return frozenset(n for n in names if not (n[0] in PROCLITIC_LETTERS and n[1:] in names))


class _NoTagger:
    """Stands in when no NER model is installed: actors then come from the aliases file alone."""

    def entities(self, text: str) -> list:
        return []


def load() -> None:
    """Load what :func:`key_actors` reads (the NER model, the aliases, the name_lists) now, not in a transaction.

    The model takes a second or more to load: inside the first actor transaction it would hold SQLite's
    write lock that long while chats wait.
    """
    _default_tagger()
    load_aliases()
    shipped_name_lists()


@lru_cache(maxsize=1)
def _default_tagger() -> Tagger:
    try:
        from mawjaz.text.ner import load_tagger

        return load_tagger()
    except (ImportError, FileNotFoundError) as exc:
        log.warning("no NER model (%s): key actors come from the aliases file only", exc)
        return _NoTagger()


def _actor_for(actors, aliases: AliasIndex, written: str, type_: str | None, described: bool = False):
    """The actor a cleaned name is a mention of, made on first sight. ``described``: a body described by its
    country (:func:`_described_bodies`), one actor with or without «الوطني» («المقاومة اليمنية» of a headline
    and «المقاومة الوطنية اليمنية» of its lead), shown under its fullest form."""
    if type_ is None:
        return None
    terms = index_terms(" ".join(w for w in written.split() if normalise(w) not in _NATIONAL) if described else written)
    if not terms:
        return None
    entity_id = None
    lone_name = type_ == "PER" and len(terms) == 1  # a surname: resolved after the story is read
    if not lone_name:
        entity_id = _whole_alias(aliases, terms)
    key = " ".join(terms)
    if entity_id is not None and _place_named_body(aliases, entity_id, written, terms, type_):
        entity_id, key = None, " ".join(normalise(w) for w in written.split())
    if entity_id is not None:
        return _alias_actor(actors, aliases, entity_id, type_, written.strip())
    actor = actors.setdefault(key, _Actor(key, terms=key, named=True))
    actor.type_votes[type_] += 1
    written = written.strip()
    actor.names[written] += 1
    actor.order.setdefault(written, next(_SEQUENCE))
    return actor


def _place_named_body(aliases: AliasIndex, entity_id: str, written: str, terms: Sequence[str], type_: str) -> bool:
    """Whether a body's name is a place's of the aliases file and stop words: «تونس للجميع» ("Tunisia for all", a
    party) has the one index term of «تونس», as «للجميع» is a stop word, and is no mention of the country
    (session 17: the party was shown as «تونس»)."""
    return type_ == "ORG" and aliases.entities[entity_id].type in ("LOC", "GPE") and len(written.split()) > len(terms)


def _without_names(text: str, names: Sequence[str]) -> str:
    """``text`` with each of ``names`` blanked out, for the aliases' search: a place is not named inside a body's
    name that only its stop words tell apart from the place's (:func:`_place_named_body`)."""
    for name in names:
        text = text.replace(name, " ")
    return text


def _alias_actor(actors, aliases: AliasIndex, entity_id: str, type_: str, written: str | None = None) -> _Actor:
    entity = aliases.entities[entity_id]
    key = f"alias:{entity_id}"
    actor = actors.setdefault(key, _Actor(key, display=entity.names[0], terms=" ".join(entity.phrases[0])))
    actor.type_votes[_TYPES.get(entity.type, type_)] += 10
    if written:
        actor.named = True
        actor.names[written] += 1
        actor.order.setdefault(written, next(_SEQUENCE))
    return actor


def _alias_hits(
    aliases: AliasIndex,
    headline: str,
    body: str,
    first_names: frozenset[str] = frozenset(),
    bodies: frozenset[tuple[str, ...]] = frozenset(),
) -> list[tuple[str, bool, bool, int, Counter, bool, bool, int]]:
    """Aliases entities named in the text (the tagger may miss them):
    (id, in headline, in lead, body mentions, the entity's names as written here, named by a name rather than
    only by a relative adjective, named by a name in the headline or lead, the body's mentions by a name).

    A person's one-word alias (a surname such as «العبادي») is not trusted on
    its own here — «رنا العبادي» is somebody else; the tagger's full names
    reach such aliases through :func:`_actor_for` instead. A relative
    adjective («الأميركي», «روسي») names its country (:func:`_nisba_hits`)
    but is no written name of it.
    """
    forms: dict[str, Counter] = defaultdict(Counter)

    named: set[str] = set()
    by_name: Counter[str] = Counter()  # the body's mentions by a name, not an adjective

    def found(text: str, count_forms: bool = False) -> list[str]:
        hits = []
        terms = index_terms(text)
        covered = _body_spans(terms, bodies)
        definite_terms: frozenset[str] | None = None
        for entity_id, start, end in aliases.find_in(terms):
            entity = aliases.entities[entity_id]
            if entity.type != "ORG" and any(a <= start and end <= b and b - a > end - start for a, b in covered):
                continue  # «حزب فرنسا الأبية», «الجبهة الشعبية لتحرير فلسطين»: a body's name, not its country
            if _TYPES.get(entity.type) == "LOC" and _COMPETITION_TERMS.intersection(terms[max(0, start - 2) : start]):
                continue  # «دوري أبطال أوروبا», «مونديال روسيا»: a competition's name (see :func:`_competition_before`)
            if end - start == 1 and _definite_name(entity, terms[start]):
                definite_terms = _definite_terms(text) if definite_terms is None else definite_terms
                if terms[start] not in definite_terms:
                    continue  # «رياض المالكي»: a name written with the article («الرياض») is not that word bare
            if end - start > 1 or entity.type != "PER":
                hits.append(entity_id)
                named.add(entity_id)
                if count_forms:
                    form = _written_form(entity, tuple(terms[start:end]))
                    if form:
                        forms[entity_id][form] += 1
        if count_forms:
            by_name.update(hits)
        return hits + _nisba_hits(text, aliases, first_names, bodies)

    in_headline = set(found(headline, True))
    in_lead = set(found(body[:LEAD_CHARS]))
    up_front = set(named)
    by_name.clear()  # the headline's names are not the body's mentions
    mentions = Counter(found(body, True))
    return [
        (e, e in in_headline, e in in_lead, mentions[e], forms[e], e in named, e in up_front, by_name[e])
        for e in sorted(in_headline | set(mentions))
    ]


def _definite_name(entity, term_: str) -> bool:
    """Whether the entity's one-word name of this term is written with the article («الرياض», «العراق»)."""
    return any(len(p) == 1 and p[0] == term_ and n.startswith("ال") for p, n in zip(entity.phrases, entity.names))


def _definite_terms(text: str) -> frozenset[str]:
    """The terms of the words ``text`` writes with the article, a proclitic allowed («الرياض», «بالرياض»,
    «للرياض»): where else a one-word name that has the article is the same word bare, a first name («رياض
    المالكي») or an adjective («شركة سعودية», counted as the adjective it is by :func:`_nisba_hits`)."""
    return frozenset(t for w in tokens(text) if ARTICLE.match(w) and (t := term(w)) is not None)


def _body_spans(terms: Sequence[str], bodies: frozenset[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where in ``terms`` the story's bodies of several words (as the tagger found them) are named."""
    spans = []
    present = set(terms)  # the outlets' names join every story's bodies: most begin with no term of the text
    for body in bodies:
        size = len(body)
        if size < 2 or body[0] not in present:
            continue
        spans += [(i, i + size) for i, t in enumerate(terms) if t == body[0] and tuple(terms[i : i + size]) == body]
    return spans


# Words that describe a body before its name without being part of it: «تنظيم داعش» is «داعش»; «جبهة النصرة» keeps
# its «جبهة», which is.
_DESCRIPTORS = frozenset(
    t
    for w in ("تنظيم", "حركة", "جماعة", "منظمة", "ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "ميلشيا", "ميلشيات")
    for t in index_terms(w)
)  # the militia's spellings, singular and plural: «ميليشيات الحوثي», «مليشيا الحوثي» are «الحوثي»


def _written_form(entity, phrase: tuple[str, ...]) -> str | None:
    """The entity's name a matched phrase writes, less a head noun before another of its names («تنظيم داعش»
    is «داعش», «حركة حماس» is «حماس»); none for a relative adjective that spells the name («السورية» is no
    «سورية»)."""
    named = dict(zip(entity.phrases, entity.names, strict=True))
    if (
        len(phrase) == 1
        and phrase[0] in adjective_table()
        and adjective_table()[phrase[0]][0] == entity.id
        and not named.get(phrase, "").startswith("ال")
    ):
        return None  # «السورية» is no «سورية»; «السعودية» is the country's own name
    if phrase in _metonyms():
        return None
    if len(phrase) > 1 and phrase[0] in _DESCRIPTORS and phrase[1:] in named:
        if phrase in named and len(phrase) > 2:
            return named[phrase]  # «منظمة الصحة العالمية» is the body's own name, not «الصحة العالمية» with a head noun
        return named[phrase[1:]]
    return named.get(phrase, entity.names[0])


_NISBA_WORD = re.compile(r"[\w\u0640]+")


def _nisba_hits(
    text: str,
    aliases: AliasIndex,
    names: frozenset[str] = frozenset(),
    bodies: frozenset[tuple[str, ...]] = frozenset(),
) -> list[str]:
    """The countries a text names by relative adjective: «الأميركي», «الأمريكية», «بطلب روسي».

    The article or a conjunction may be glued on («والروسية»); a bare
    masculine form that is also a first name («تركي آل الشيخ») counts only
    with the article. Not inside an outlet's or body's name («وكالة الصحافة
    الفرنسية», «منظمة التحرير الفلسطينية»), nor right before a first name
    («الرئيس الأمريكي دونالد ترامب»: the person is the actor).
    """
    forms = adjective_table()
    hits = []
    outlets = _outlets()
    found = list(_NISBA_WORD.finditer(text))
    words = [normalise(m.group()) for m in found]
    for i, written in enumerate(words):
        adjective = _adjective_in(written)
        if adjective is None:
            continue  # most words: the phrase before is read only for an adjective (it is the slow part)
        word, definite_ = adjective
        before = [_phrase_terms(words[j : i + 1]) for j in range(max(0, i - 3), i)]
        if any(b in outlets or b in aliases.by_phrase or b in bodies for b in before):
            continue  # «وكالة الصحافة الفرنسية» reports, «منظمة التحرير الفلسطينية» is a body: neither is a country
        if _ends_quoted_name(text, found[i]):
            continue  # «"التحرير الفلسطينية" تدعو …»: a quoted name ending in the adjective is a body's name
        following = words[i + 1] if i + 1 < len(words) else ""
        if following in names:
            continue  # «الرئيس الأمريكي دونالد ترامب»: the adjective describes the person, who is the actor
        if _league_or_language(words, i, aliases):
            continue  # «الدوري الأميركي», «ناطق بالإسبانية»: a competition or a language, not the country
        entity_id, bare = forms[word]
        if entity_id not in aliases.entities or (not definite_ and word == bare and bare in names):
            continue
        hits.append(entity_id)
    return hits


# Nouns a country's adjective describes without the country being what the story is about: a competition
# («الدوري الأميركي», «دوري كرة السلة الأميركي للمحترفين», «الليغا الإسبانية») and a language («باللغة الإسبانية»).
_COMPETITION_NOUNS = frozenset(
    normalise(glued + w) for w in ("الدوري", "الكأس", "البطولة", "الليغا") for glued in ("", "و", "ب")
) | frozenset(normalise(w) for w in ("دوري", "كأس", "بطولة", "للدوري", "للكأس", "للبطولة", "لليغا"))
_LANGUAGE_NOUNS = frozenset(normalise(w) for w in ("اللغة", "باللغة", "للغة", "واللغة", "لغة", "بلغة"))


def _league_or_language(words: list[str], i: int, aliases: AliasIndex) -> bool:
    """Whether the adjective ``words[i]`` (normalised) describes a competition up to three words before it
    («الدوري الأميركي», «دوري كرة السلة الأميركي») or a language: after «اللغة» or alone after «بالـ» in the
    feminine («فيلم ناطق بالإسبانية»; «بالسعودية», a country's own name, is the place)."""
    if any(w in _COMPETITION_NOUNS for w in words[max(0, i - 3) : i]):
        return True
    if i and words[i - 1] in _LANGUAGE_NOUNS:
        return True
    written = words[i]
    return written.startswith("بال") and written.endswith("ه") and _phrase_terms([written]) not in aliases.by_phrase


def _phrase_terms(words: list[str]) -> tuple[str, ...]:
    """:func:`index_terms` of normalised words joined, from each word's remembered terms: the same terms,
    no fold of :func:`normalise` reaches across a space. The phrase itself is not remembered: a cache of
    the phrases before an adjective was full (65,536, 17 MB) by 10,000 articles with half its look-ups
    missing, and grew the process with each new phrase (issue #19)."""
    return tuple(t for word in words for t in _word_terms(word))


@lru_cache(maxsize=1 << 16)
def _adjective_in(word: str) -> tuple[str, bool] | None:
    """(the relative adjective, whether the article was on it) a normalised word is, less a glued و or ف and
    the article; None for most words. Once per distinct word: every word of every text is asked."""
    forms = adjective_table()
    if word[:1] in ("و", "ف") and (word[1:] in forms or word[1:3] == "ال"):
        word = word[1:]
    for article in ("ال", "بال", "لل", "كال"):
        if word.startswith(article) and word[len(article) :] in forms:
            return word[len(article) :], True
    return (word, False) if word in forms else None


_OPENING = "\"«“"
_CLOSING = "\"»”"


def _ends_quoted_name(text: str, adjective: re.Match) -> bool:
    """The adjective closes a quotation of two to four words: «"التحرير الفلسطينية"», «"الجيش الوطني الليبي"».
    News quotes a body's short name so; a quoted sentence is longer."""
    after = text[adjective.end() : adjective.end() + 2].lstrip()
    if not after or after[0] not in _CLOSING:
        return False
    opening = max(text.rfind(q, max(0, adjective.start() - 60), adjective.start()) for q in _OPENING)
    if opening < 0:
        return False
    inside = text[opening + 1 : adjective.start()]
    words = inside.split()
    return (
        not any(q in inside for q in _OPENING + _CLOSING)
        and 1 <= len(words) <= 3
        and not any(normalise(w) in STOPWORDS for w in words)
    )


def _variants(actor: _Actor, aliases: AliasIndex) -> list[tuple[str, ...]]:
    """The names a person goes by in the story, as keys; its many-word ones alone where it has some.

    A lone surname would also find somebody else's full name («رنا العبادي»
    for «حيدر العبادي»); the names of an aliases entity count too.
    """
    written = list(actor.names)
    if actor.key.startswith("alias:"):
        written += [n for n in aliases.entities[actor.key[6:]].names if any("\u0600" <= c <= "\u06ff" for c in n)]
    keys = {k for k in (name_keys(w) for w in written) if k}
    longer = {k for k in keys if len(k) > 1}
    return sorted(longer or keys)


class _FullForms:
    """:meth:`StoryWords.full_forms` of one story, each set of variants read once: a person is looked up
    before and after the variants merge (:func:`_lengthen_people`, :func:`_name_people`), mostly unchanged."""

    def __init__(self, story: StoryWords) -> None:
        self.story = story
        self._found: dict[tuple[tuple[str, ...], ...], Counter[str]] = {}

    def __call__(self, variants: list[tuple[str, ...]]) -> Counter[str]:
        key = tuple(variants)
        if key not in self._found:
            self._found[key] = _verbless(self.story.full_forms(variants), self.story.name_lists)
        return Counter(self._found[key])


def _verbless(forms: Counter[str], name_lists: NameLists) -> Counter[str]:
    """Full forms less a verb before the first name: the story's «تختار محرم اينجه» (a rare word only ever written
    before the name) is «محرم اينجه» written once more (:func:`_unverbed`), and «حظا لخلافة فينغر» is «فينغر»
    (:func:`_after_phrase`)."""
    out: Counter[str] = Counter()
    for form, count in forms.items():
        kept = _after_phrase(_unverbed(form, name_lists, None), name_lists)
        if kept:
            out[kept] += count
    return out


def _lengthen_people(actors: dict[str, _Actor], full_forms: _FullForms, aliases: AliasIndex) -> None:
    """A person tagged by surname only takes the terms of the full name the story writes, for merging.

    «شاويش أوغلو» becomes «مولود شاويش أوغلو», so that it meets the other
    spellings of that full name in :func:`_merge_variants`. A lone surname of an aliases person the story writes
    after another first name is that other person, shown so (:func:`_another_bearer`), not the aliases person
    :func:`_merge_variants` would take it for: «ماهر الأسد» (a first name of the lists or the tagger's), «رفعت
    الأسد» (one no list knows, the story's own: :meth:`mawjaz.digest.actor_names.StoryWords.first_before`), not
    «بشار الأسد».
    """
    for actor in actors.values():
        if actor.type != "PER" or actor.display:
            continue
        forms = full_forms(_variants(actor, aliases))
        entity = aliases.entity_of((actor.key,)) if " " not in actor.key else None
        entity = entity if entity is not None and entity.type == "PER" else None
        if forms:
            written = commonest_spelling(forms)
            terms = " ".join(index_terms(written))
            if len(terms.split()) > len(actor.terms.split()):
                actor.terms = terms
                if (
                    entity is not None
                    and normalise(written.split()[0]) in full_forms.story.first_names
                    and _another_bearer(terms, entity)
                ):
                    actor.display, actor.display_fixed = written, True  # «ماهر الأسد», not «بشار الأسد»
        elif entity is not None:
            # «رفعت الأسد», the tagger's «الأسد» alone: not «بشار الأسد» by the aliases file's surname
            first = full_forms.story.first_before(actor.key)
            if (
                first
                and aliases.entity_of(tuple(index_terms(first.split()[0]))) is None  # «بوتين نتنياهو»: two people
                and _another_bearer(" ".join(index_terms(first)), entity)
            ):
                actor.terms = " ".join(index_terms(first))
                actor.display, actor.display_fixed = first, True


def _name_people(actors: dict[str, _Actor], full_forms: _FullForms, aliases: AliasIndex) -> None:
    """Each person shown under the full form the story writes most (first names included), where it writes one."""
    for actor in actors.values():
        if actor.type != "PER":
            continue
        forms = full_forms(_variants(actor, aliases))
        if forms:
            actor.display = _unlengthened(commonest_spelling(forms), forms, actor.names, full_forms.story.name_lists)
            actor.display_fixed = True


def _unlengthened(full: str, forms: Counter[str], names: Counter[str], name_lists: NameLists) -> str:
    """The full form, or the name it lengthens where that name is a person's whole name written more often than
    all the full forms together: a first name and the father's, every word a first name of the lists («فضل
    شاكر», the singer, written so twenty times), before which another first name names somebody else (his son
    «محمد فضل شاكر», once) or is the phrase's word («وجود فضل شاكر»). The lengthening to a fuller form must not
    make one person another. «نصر الله» (no first name at its end) still shows as «حسن نصر الله»."""
    tail_of = {normalise(n): n for n in names if len(n.split()) >= 2}
    words = full.split()
    for start in range(1, len(words) - 1):
        tail = tail_of.get(normalise(" ".join(words[start:])))
        if (
            tail is not None
            and all(normalise(w) in name_lists.first_names for w in tail.split())
            and names[tail] > sum(forms.values())
        ):
            return tail
    return full


# A lone proper name that starts several longer ones is a name of its own when it weighs this many times all of
# them together (see :func:`_merge_shown`).
_OWN_NAME_SHARE = 3.0


def _written_alone(lone: _Actor, longer: Sequence[_Actor], texts: Sequence[StoryText]) -> bool:
    """Whether a text writes the one-word name other than as the start of the longer names («سان» of «سان جرمان»:
    never alone, the tagger's cut of it)."""
    terms = tuple(index_terms(lone.name))
    others = [tuple(index_terms(n)) for a in longer for n in (a.name, *a.names)]
    n = len(terms)
    return bool(terms) and any(
        part[i : i + n] == terms and not any(part[i : i + len(o)] == o for o in others if len(o) > n)
        for text in texts
        for part in (tuple(index_terms(p)) for p in _parts(text))
        for i in range(len(part) - n + 1)
    )


def _merge_shown(actors: dict[str, _Actor], texts: Sequence[StoryText] = ()) -> None:
    """Once people are named, merge what the story names twice.

    Two actors shown under one name are one (an aliases entity and the same name the tagger gave). A lone
    word that begins or ends exactly one person's shown name is that person («دونالد», «أوباما» beside
    «باراك أوباما»); one that begins or ends several is nobody's and goes. Two names of one person, one
    the start of the other once «بن» is left out, are one («زيد بن رعد», «زيد رعد الحسين»). A lone word that begins
    exactly one body's or place's name, with or without the article («الائتلاف» beside «الائتلاف الوطني
    لقوى الثورة والمعارضة السورية», «الجامعة» beside «جامعة الدول العربية»), or begins several that agree
    on their next word too, joins the weightiest; a name of several words that begins exactly one longer
    name, with one or two adjectives more, joins it («البنك المركزي» and «البنك المركزي المصري»). A proper name
    without the article that the story writes alone and that weighs :data:`_OWN_NAME_SHARE` times all the
    longer names it begins together, when these disagree past it, is an actor of its own («ليفربول» beside
    «ليفربول إيكو» and «ليفربول وتشيلسي»)."""
    by_name: dict[tuple[str, str], _Actor] = {}
    for actor in sorted(actors.values(), key=lambda a: not a.key.startswith("alias:")):
        shown = (normalise(actor.name), actor.type)
        if shown in by_name:
            _absorb(by_name[shown], actor)
            del actors[actor.key]
        else:
            by_name[shown] = actor
    _merge_one_name(actors)
    _merge_headed(actors)
    _merge_feature_headed(actors)
    people = [a for a in actors.values() if a.type == "PER"]
    for short in sorted(people, key=lambda a: len(a.name)):
        # «زيد بن رعد» and «زيد رعد الحسين»: the words of one name (less «بن») begin the other's
        words = _name_words(short.name)
        if len(words) < 2 or len(words) == len(name_keys(short.name)):
            continue
        longer = [
            a for a in people if a is not short and a.key in actors and _name_words(a.name)[: len(words)] == words
        ]
        if len(longer) == 1 and len(_name_words(longer[0].name)) > len(words) and short.key in actors:
            _absorb(longer[0], short)
            del actors[short.key]
    _merge_lineage(actors)
    for lone in [a for a in actors.values() if a.type == "PER" and not a.key.startswith("alias:")]:
        word = normalise(lone.name)
        if " " in word:
            continue
        whole = [
            a
            for a in actors.values()
            if a is not lone
            and a.type == "PER"
            and (normalise(a.name).startswith(word + " ") or normalise(a.name).endswith(" " + word))
        ]
        if len(whole) == 1:
            _absorb(whole[0], lone)
            del actors[lone.key]
        elif whole:
            del actors[lone.key]  # «محمد» beside «مهاتير محمد» and «محمد نجيب»: nobody can tell whom it names
    for lone in [a for a in actors.values() if a.type != "PER" and not a.key.startswith("alias:")]:
        word = normalise(lone.name)
        if " " in word:
            # «البنك المركزي» beside «البنك المركزي المصري», «قوات سوريا» beside «قوات سوريا الديمقراطية»: the
            # start of exactly one longer name, the rest of it one or two adjectives, is that name
            longer = [
                a
                for a in actors.values()
                if a is not lone
                and a.type == lone.type
                and normalise(a.name).startswith(word + " ")
                and _adjectives(normalise(a.name)[len(word) :])
            ]
            if len(longer) != 1:
                longer = _ending(actors, lone, word)
            if len(longer) == 1:
                _absorb(longer[0], lone)
                del actors[lone.key]
            continue
        # «الجامعة» is «جامعة الدول العربية» or «الجامعة العربية», whichever of its names the story writes
        starts = {word, word[2:] if word.startswith("ال") else "ال" + word}
        whole = [
            a
            for a in actors.values()
            if a is not lone
            and a.type == lone.type
            and any(normalise(n).split()[0] in starts and " " in n.strip() for n in (a.name, *a.names, *a.forms))
            and not _part_of_place(lone, a)
        ]
        # several that agree past the word are spellings of one name («الائتلاف الوطني السوري»);
        # «الجيش» beside «الجيش السوري الحر» and «الجيش العراقي» is neither
        if whole and len({tuple(normalise(a.name).split()[:2]) for a in whole}) == 1:
            _absorb(max(whole, key=lambda a: a.weight), lone)
            del actors[lone.key]
        elif whole and word.startswith("ال") and (nicknamed := _nicknamed(whole)) is not None:
            # «الريال» beside «ريال مدريد» (72) and «ريال سوسييداد» (1.5): the club the story is about
            _absorb(nicknamed, lone)
            del actors[lone.key]
        elif (
            not word.startswith("ال")
            and len({tuple(normalise(a.name).split()[:2]) for a in whole}) > 1
            and not (
                lone.weight >= _OWN_NAME_SHARE * sum(a.weight for a in whole) and _written_alone(lone, whole, texts)
            )
        ):
            # «مانشستر» beside «مانشستر يونايتد» and «مانشستر سيتي»: a proper name that starts several shown
            # names disagreeing past it names none a reader can tell, as a lone first name of several people
            # («الجيش», a common noun beside «الجيش السوري الحر» and «الجيش العراقي», stays: an actor of its own);
            # but «ليفربول», written alone and weighing 63 beside «ليفربول إيكو» (a daily, 0.5) and «ليفربول
            # وتشيلسي» (3), is the club the story is about
            del actors[lone.key]


def _merge_one_name(actors: dict[str, _Actor]) -> None:
    """Two actors shown under one name with two types are one, typed by all their mentions' votes: the story's
    «رياض الشعيبي» (the tagger's place once: «رياض» spells Riyadh) and its «الشعيبي», a person shown under the
    full name the story writes, are one man, and a reader shown the name twice sees one actor listed twice
    (session 17). The weightier one takes the other in; an aliases entity first, its type fixed by the file."""
    by_name: dict[str, _Actor] = {}
    ordered = sorted(actors.values(), key=lambda a: (not a.key.startswith("alias:"), -a.weight))
    for actor in ordered:
        shown = normalise(actor.name)
        if shown in by_name:
            _absorb(by_name[shown], actor)
            del actors[actor.key]
        else:
            by_name[shown] = actor


def _nicknamed(whole: Sequence[_Actor]) -> _Actor | None:
    """Of the names a one-word body's name with the article begins, disagreeing past it, the one it names: the one
    weighing :data:`_OWN_NAME_SHARE` times the others together. Sports news calls a club by its first word with the
    article («الريال», «الإنتر»); beside «ريال مدريد», the story's subject, a «ريال سوسييداد» named once in a
    fixture list is no rival reading (dev2's Clásico of 22 articles showed «الريال» beside «ريال مدريد»)."""
    top = max(whole, key=lambda a: a.weight)
    rest = sum(a.weight for a in whole if a is not top)
    return top if top.weight >= _OWN_NAME_SHARE * rest else None


_COMPOUND_OPENERS = frozenset({"عبد", "ابو", "ام"})  # «عبد الله», «أبو بكر»: one name of two words, as keys
_COMPOUND_CLOSERS = frozenset({"الله", "دين", "رحمن"})  # «صلاح الدين», «نصر الله»


def _compounded(words: list[str]) -> list[str]:
    """A name's keys with a compound name's two words as one («عبد الله», «صلاح الدين», «أبو بكر»)."""
    out: list[str] = []
    for word in words:
        if out and (out[-1] in _COMPOUND_OPENERS or word in _COMPOUND_CLOSERS):
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def _lineage_of(short: list[str], long: list[str]) -> bool:
    """Whether a person's name of 2+ words is another's less words inside it, first and last words the same: «طه
    المتوكل» of «طه محمد أحمد المتوكل», «هادي العامري» of «هادي فرحان العامري» (an Arab name's father's and
    grandfather's names, which news writes once and then leaves out); not a name the other only goes on from, nor
    one compound first name («عبد الله» of «عبد العزيز بن عبد الله»)."""
    short, long = _compounded(short), _compounded(long)
    if len(short) < 2 or len(long) <= len(short) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    if long[: len(short)] == short:
        return False  # «بندر ناصر» of «بندر ناصر الناصر»: a name cut short, its family name to come
    rest = iter(long[1:-1])
    return all(word in rest for word in short[1:-1])


def _merge_lineage(actors: dict[str, _Actor]) -> None:
    """Two people of the story, one the other's name with the father's (and grandfather's) names written in, are
    one: «طه المتوكل» and «طه محمد أحمد المتوكل» were shown side by side, the same minister. Shown as the story
    writes him more often, the shorter on a tie (the form news uses, an aliases entity keeps its own name); only
    where exactly one longer name holds the shorter (brothers share a father's name, not a first name too)."""
    people = [a for a in actors.values() if a.type == "PER"]
    for short in sorted(people, key=lambda a: len(_name_words(a.name))):
        words = _name_words(short.name)
        longer = [a for a in people if a is not short and a.key in actors and _lineage_of(words, _name_words(a.name))]
        if len(longer) != 1 or short.key not in actors:
            continue
        long = longer[0]
        if short.key.startswith("alias:") and long.key.startswith("alias:"):
            continue  # two people of the aliases file are two people
        keep, other = (short, long) if _keeps_short(short, long) else (long, short)
        shown = keep.name
        _absorb(keep, other)
        del actors[other.key]
        if not keep.key.startswith("alias:"):
            keep.display, keep.display_fixed = shown, True


def _keeps_short(short: _Actor, long: _Actor) -> bool:
    if long.key.startswith("alias:"):
        return False
    return short.key.startswith("alias:") or sum(short.names.values()) >= sum(long.names.values())


_LONG_VOWELS = frozenset("اوي")


def _one_vowel_apart(a: str, b: str) -> bool:
    """Whether one word is the other with one long vowel more inside it («ميونيخ» / «ميونخ»), the first letter
    aside: a transliteration's spelling, not another name."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) != len(b) + 1:
        return False
    return any(a[i] in _LONG_VOWELS and a[:i] + a[i + 1 :] == b for i in range(1, len(a)))


def _vowels_moved(a: str, b: str) -> bool:
    """Two spellings of one foreign word of five letters or more with the same consonants, their long vowels moved,
    added or dropped, the first letter aside («أتليتكو» / «أتلتيكو», «كيمبردج» / «كامبريدج»): a transliteration's
    spelling."""
    if min(len(a), len(b)) < 5 or a[0] != b[0] or a == b:
        return False
    return re.sub("[اوي]", "", a[1:]) == re.sub("[اوي]", "", b[1:])


def _same_kind(a: _Actor, b: _Actor) -> bool:
    """Two bodies or two places; or a body and a place of three words or more, which the tagger types either
    way in one story («باريس سان جيرمان» a place, «باريس سان جرمان» a club): one name, typed as the keeper."""
    return a.type == b.type or len(a.name.split()) >= 3


def _merge_vowel_spellings(actors: dict[str, _Actor]) -> None:
    """Two shown names of a body or place, word for word the same but for long vowels added, dropped or moved in a
    word or more («بايرن ميونيخ» and «بايرن ميونخ», «كامبريدج أناليتيكا» and «كيمبردج أناليتيكا», «أتليتكو مدريد» and
    «أتلتيكو مدريد»), are one: outlets transliterate a foreign name with or without it. The aliases
    entity keeps the pair (its display is the story's own name), else the weightier. People have their own
    spelling merge (:func:`_merge_variants`); a one-word name is left alone («سوريا» is no spelling of «سوري»)."""
    others = sorted(
        (a for a in actors.values() if a.type != "PER" and " " in a.name.strip()),
        key=lambda a: (a.key.startswith("alias:"), a.weight),
        reverse=True,
    )
    for keeper in others:
        if keeper.key not in actors:
            continue
        words = normalise(keeper.name).split()
        for other in others:
            if other is keeper or other.key not in actors or not _same_kind(keeper, other):
                continue
            if other.key.startswith("alias:") and keeper.key.startswith("alias:"):
                continue  # two entities of the aliases file are two actors
            theirs = normalise(other.name).split()
            if len(theirs) != len(words):
                continue
            differing = [(a, b) for a, b in zip(words, theirs, strict=True) if a != b]
            if differing and all(_one_vowel_apart(a, b) or _vowels_moved(a, b) for a, b in differing):
                _absorb(keeper, other)
                del actors[other.key]


_SPELLING_STEM = 3  # letters two spellings of a foreign name's word share from its start, at least
_SPELLING_ENDING = 2  # letters each spelling may end with past what they share, at most


def _ending_spelling(a: str, b: str) -> bool:
    """Whether two normalised words of four letters or more are one foreign name's word transliterated with other
    endings: the same first letters, :data:`_SPELLING_STEM` at least, and each ending with at most :data:`_SPELLING_ENDING` letters
    past them («ديدي» / «ديدييه», «ديشان» / «ديشامب»: French «Didier Deschamps» heard or read)."""
    if min(len(a), len(b)) < _SPELLING_STEM + 1:
        return False  # «علي» / «عليان»: a short Arabic name and a longer one, not two spellings
    shared = len(os.path.commonprefix([a, b]))
    return shared >= _SPELLING_STEM and len(a) - shared <= _SPELLING_ENDING and len(b) - shared <= _SPELLING_ENDING


def _merge_ending_spellings(actors: dict[str, _Actor]) -> None:
    """Two shown people of two words or more, word for word one spelling but for their endings
    (:func:`_ending_spelling`: «ديدي ديشان» and «ديدييه ديشامب», one story's two outlets), are one person, shown as
    the weightier; rapidfuzz's ratio of the two names (78) is under :data:`SPELLING_RATIO` (85), which keeps apart
    names one letter apart in the middle. Two aliases people stay two, and so do names whose words
    differ but by a first name's initial or a compound's half («عبد الله» / «عبد الرحمن» share only «ال»)."""
    people = sorted(
        (a for a in actors.values() if a.type == "PER" and len(_name_words(a.name)) >= 2),
        key=lambda a: (a.key.startswith("alias:"), a.weight),
        reverse=True,
    )
    for keeper in people:
        if keeper.key not in actors:
            continue
        words = _name_words(keeper.name)
        for other in people:
            if other is keeper or other.key not in actors:
                continue
            if other.key.startswith("alias:") and keeper.key.startswith("alias:"):
                continue  # two entities of the aliases file are two actors
            theirs = _name_words(other.name)
            if len(theirs) != len(words) or theirs == words:
                continue
            if all(a == b or _ending_spelling(a, b) for a, b in zip(words, theirs, strict=True)):
                _absorb(keeper, other)
                del actors[other.key]


def _merge_spacings(actors: dict[str, _Actor]) -> None:
    """Two shown names of one kind that are one name but for a space («عبد الحكيم بلحاج» and «عبدالحكيم بلحاج»,
    «أبو ظبي» and «أبوظبي») are one actor, shown as the weightier: outlets write a compound name glued or apart,
    and its keys then differ in their number of words. Two entities of the aliases file stay two."""
    kept: dict[tuple[bool, str], _Actor] = {}
    for actor in sorted(actors.values(), key=lambda a: (a.key.startswith("alias:"), a.weight), reverse=True):
        glued = (actor.type == "PER", normalise(actor.name).replace(" ", ""))
        keeper = kept.get(glued)
        if keeper is None:
            kept[glued] = actor
        elif (keeper.type == "PER" or _same_kind(keeper, actor)) and not (
            keeper.key.startswith("alias:") and actor.key.startswith("alias:")
        ):
            _absorb(keeper, actor)
            del actors[actor.key]


_SERVANT = "عبد"  # «عبد» of a compound first name («عبد الحكيم»), once normalised


def _servant_skeleton(name: str) -> tuple[str, ...]:
    """A person's name as keys (:func:`_name_words`) without the «عبد» of its compound names, written apart or
    joined: «عبد الحكيم بلحاج», «عبدالحكيم بلحاج» → (حكيم, بلحاج); «نجيب عبد الرزاق», «نجيب رزاق» → (نجيب, رزاق)."""
    out = []
    for word in _name_words(name):
        if word == _SERVANT:
            continue
        out.append(word[len(_SERVANT) + 2 :] if word.startswith(_SERVANT + "ال") and len(word) > 6 else word)
    return tuple(out)


def _merge_servant_spellings(actors: dict[str, _Actor]) -> None:
    """Two shown people of two words or more whose names are one once the «عبد» of a compound name is left out,
    written apart or joined («عبد الحكيم بلحاج» / «عبدالحكيم بلحاج», «نجيب عبد الرزاق» / «نجيب عبدالرزاق» / «نجيب
    رزاق», one story's outlets spelling Najib Razak three ways), are one person: both were shown side by side
    (dev3). Shown under the full name the story writes most (the weightier on a tie); two aliases people stay two. The
    spelling merges before it miss these: the words differ in number, or a joined «عبدال» is no spelling of a
    word."""
    people = [a for a in actors.values() if a.type == "PER" and len(_name_words(a.name)) >= 2]
    groups: dict[tuple[str, ...], list[_Actor]] = defaultdict(list)
    for actor in people:
        skeleton = _servant_skeleton(actor.name)
        if len(skeleton) >= 2:
            groups[skeleton].append(actor)
    for group in groups.values():
        if len(group) < 2 or not any(_SERVANT in normalise(a.name) for a in group):
            continue
        keeper = max(group, key=lambda a: (a.key.startswith("alias:"), sum(a.names.values()), a.weight))
        shown = max(group, key=lambda a: (a.names.get(a.name, 0), a.weight)).name  # the full name written most
        for other in group:
            if other is keeper or (other.key.startswith("alias:") and keeper.key.startswith("alias:")):
                continue
            _absorb(keeper, other)
            del actors[other.key]
        if not keeper.key.startswith("alias:"):
            keeper.display, keeper.display_fixed = shown, True


def _part_of_place(lone: _Actor, longer: _Actor) -> bool:
    """Whether a longer place's name is the lone place's name and a side («القدس الشرقية» of «القدس», «الموصل
    القديمة»: :data:`_SIDES`): a part of the place, a place of its own, so the lone name does not join it — the
    story writing «القدس» 23 times and «القدس الشرقية» 4 is about Jerusalem, shown so."""
    if lone.type != "LOC":
        return False
    word = normalise(lone.name)
    name = normalise(longer.name).split()
    return (
        len(name) == 2 and name[0] in {word, word[2:] if word.startswith("ال") else "ال" + word} and name[1] in _SIDES
    )


# A street's head noun, the clitics glued on: a place written after it names a street («شارع وايتهول», Tunis's «نهج
# اسبانيا»), the venue of a detail.
_STREETS = frozenset(normalise(c + w) for w in ("شارع", "طريق", "نهج") for c in ("", "و", "ب", "وب", "في"))
# «شمال شرقي سوريا»: a locator's second word, before the bigger place's name
_SIDES_OF_COUNTRY = frozenset(normalise(w) for w in ("شرقي", "غربي", "شمالي", "جنوبي", "شرق", "غرب", "شمال", "جنوب"))
# What places a place inside a bigger one, right after its name: a side of the bigger place («بنينة شرقي
# بنغازي») or its province («ساجار بولاية ماديا براديش»).
_LOCATORS = _SIDES_OF_COUNTRY | frozenset(normalise(w) for w in ("بولاية", "بمحافظة", "بمدينة", "بإقليم", "بمنطقة"))


# Words after a locator that name no bigger place: «جيجل شرقي البلاد» places Jijel in the story's own country, the
# place the story is about.
_UNNAMED = frozenset(normalise(w) for w in ("البلاد", "البلد", "الدولة", "العاصمة", "المدينة", "المملكة"))


def _as_venue(part: str, start: int, end: int, aliases: AliasIndex) -> bool:
    """Whether the place written at ``part[start:end]`` is a venue: after a street's head noun, or followed by a
    word placing it in a city or province the text names («بنينة شرقي بنغازي», «ساجار بولاية ماديا براديش»). A
    place placed in a country («الحسكة شمال شرقي سوريا», «باتنة، شرق الجزائر») or in the story's own unnamed one
    («جيجل شرقي البلاد») is where the event is, the place the story is about."""
    before = _RAW_WORD.findall(part[max(0, start - 30) : start])[-1:]
    if any(normalise(w) in _STREETS for w in before):
        return True
    after = _RAW_WORD.findall(part[end : end + 60])[:5]
    if not after or normalise(after[0]) not in _LOCATORS:
        return False
    rest = [w for w in after[1:] if normalise(w) not in _SIDES_OF_COUNTRY]
    if not rest or normalise(rest[0]) in _UNNAMED:
        return False
    for size in (2, 1):
        entity = aliases.entity_of(tuple(index_terms(" ".join(rest[:size]))))
        if entity is not None and entity.type == "GPE":
            return False  # a country (or the capital news names it by)
    return True


# Raw letters every street word and locator holds (hamza and clitics aside): a story without any has no venue.
_VENUE_CUES = ("شارع", "طريق", "نهج", "شرق", "غرب", "شمال", "جنوب", "ولاية", "محافظة", "مدينة", "قليم", "منطقة")


def _written_at(actor: _Actor, parts: Sequence[str]) -> list[tuple[str, int, int]]:
    """Where ``parts`` write any of the actor's written names, once a place: (part, start, end)."""
    forms = {n.strip() for n in (actor.name, *actor.names, *actor.forms) if n and n.strip()}
    found: dict[tuple[int, int], tuple[str, int, int]] = {}
    for number, part in enumerate(parts):
        for form in forms:
            start = part.find(form)
            while start >= 0:
                found.setdefault((number, start), (part, start, start + len(form)))
                start = part.find(form, start + 1)
    return list(found.values())


def _drop_venues(actors: dict[str, _Actor], texts: Sequence[StoryText], aliases: AliasIndex) -> None:
    """A place no headline names that the story writes only as a venue — a street («على طريق وايتهول», «في شارع
    وايتهول»), or a part of a city or province the same sentence names («بمنطقة بنينة شرقي بنغازي», «في مدينة
    ساجار بولاية ماديا براديش») — is the setting of a detail; the bigger place carries the story (dev and old
    blind: four such places shown, none an editor's). Placed in a country, a place is where the event is and
    stays (:func:`_as_venue`). Read in the parts of each text the tagger reads."""
    parts = [part for text in texts for part in (text.subtitle, *text.captions, _undated(text.body)[:BODY_CHARS])]
    if not any(cue in part for part in parts for cue in _VENUE_CUES):
        return  # most stories: no street, no locator
    for actor in [a for a in actors.values() if a.type == "LOC" and not a.in_headline]:
        places = [_as_venue(part, start, end, aliases) for part, start, end in _written_at(actor, parts)]
        if places and all(places):
            del actors[actor.key]


def _drop_body_places(actors: dict[str, _Actor], texts: Sequence[StoryText]) -> None:
    """A place the story writes only right after a body's head noun (:data:`BODY_HEADS`, a clitic allowed:
    «اتحاد تطاوين», «بجامعة كاليفورنيا») names the body, a club or a university, not a place the story is
    about: the tagger tagged the town alone and missed the body. Read in the parts of each text the tagger
    reads, headlines too."""
    parts = [part for text in texts for part in _parts(text)]
    for actor in [a for a in actors.values() if a.type == "LOC"]:
        spots = _written_at(actor, parts)
        if spots and all(_after_body_head(part, start) for part, start, _end in spots):
            del actors[actor.key]


# Head nouns of an outlet or a programme, and a guest's: the name right after one is whose pages or air the story
# quotes («في مقابلة مع صحيفة كاثيمريني اليونانية», «ضيف برنامج "بوليتيكا"», «ضيف بوليتيكا»: JawharaFM's guests speak
# on «بوليتيكا» in 74 stories of the corpus). Not «وكالة» (the IAEA, the CIA) nor «موقع» (a place as often as a website).
_OUTLET_HEADS = frozenset(
    normalise(w)
    for w in (
        "صحيفة",
        "جريدة",
        "مجلة",
        "قناة",
        "إذاعة",
        "تلفزيون",
        "برنامج",
        "برنامجه",
        "برنامجها",
        "حصة",
        "ضيف",
        "ضيفة",
    )
)
_OUTLET_HEAD_FORMS = _OUTLET_HEADS | {c + h for h in _OUTLET_HEADS for c in ("و", "ف", "ب", "ل", "ك", "ول", "وب", "فب")}


_OUTLET_CUES = ("صحيف", "جريد", "مجل", "قنا", "ذاع", "تلفز", "برنامج", "حص", "ضيف")  # raw letters each head noun holds
_AFTER_HEAD = re.compile(r"([^\W\d_]+)(?=[ \t]*[\"«“]?[ \t]*([^\W\d_]+))")  # each word, and the word after it


def _outlet_head(word: str) -> bool:
    return normalise(word) in _OUTLET_HEAD_FORMS


def _after_outlet_head(part: str, start: int) -> bool:
    """Whether the name at ``part[start:]`` comes right after an outlet's or programme's head noun, a quotation mark
    between allowed («صحيفة "نيويورك تايمز"»)."""
    before = part[max(0, start - 30) : start].rstrip(" \t\"«“").split()
    return bool(before) and _outlet_head(before[-1])


def _drop_outlet_named(actors: dict[str, _Actor], texts: Sequence[StoryText]) -> None:
    """An actor no headline names that the story writes right after an outlet's or a programme's head noun more
    than half the times it writes it (:data:`_OUTLET_HEADS`: «مقابلة أجراها الأسد مع صحيفة كاثيمرني اليونانية») is
    the outlet that carried an interview or the programme a guest spoke on, not an actor: issue 17 and the label
    guideline, outlets are never actors unless the story is about them, nor are programmes. ``data/outlets.txt``
    cannot list every paper of the world; the head noun names them. Read in the parts of each text the tagger reads,
    headlines too (a headline naming it is left to :func:`_eligible`'s outlet rule)."""
    parts = [part for text in texts for part in _parts(text)]
    if not any(cue in part for part in parts for cue in _OUTLET_CUES):
        return  # most stories: no outlet's head noun
    after = {normalise(m.group(2)) for part in parts for m in _AFTER_HEAD.finditer(part) if _outlet_head(m.group(1))}
    for actor in [a for a in actors.values() if not a.in_headline and not a.key.startswith("alias:")]:
        if not any(normalise(n.split()[0]) in after for n in (actor.name, *actor.names) if n.split()):
            continue  # never written after such a head noun: the most actors, read no further
        spots = [_after_outlet_head(part, start) for part, start, _end in _written_at(actor, parts)]
        if 2 * sum(spots) > len(spots):  # most of its mentions: «ضيف بوليتكا» twice, «في "بوليتكا"» once
            del actors[actor.key]


def _after_body_head(part: str, start: int) -> bool:
    before = _RAW_WORD.findall(part[max(0, start - 30) : start])[-1:]
    return any(head_noun(w) in BODY_HEADS for w in before)


# «القديم» after a country's army: the army of an ancient state («الجيش المصري القديم»), not the country's today
_ANCIENT = re.compile(r"\s+(?:ال)?(?:قديم|قديمة|قديمه)(?![\w\u0640])")


def _drop_ancient(actors: dict[str, _Actor], texts: Sequence[StoryText]) -> None:
    """A body only described by its country (:func:`_described_bodies`) that the story writes anywhere as ancient
    («كبير قادة الجيش المصري القديم في عهد الملك رعمسيس الثاني») is a state of history, not the country's army
    today: a tomb's story showed «الجيش المصري», its headline's «قائد الجيش المصري» read as the army of Egypt
    (over the 1,177 ANT stories of the bench the one such body). Read in the parts of each text the tagger
    reads."""
    described = [a for a in actors.values() if a.described and not a.otherwise]
    if not described:
        return  # most stories: no described body
    parts = [part for text in texts for part in _parts(text)]
    for actor in described:
        if any(_ANCIENT.match(part, end) for part, _start, end in _written_at(actor, parts)):
            del actors[actor.key]


# A number closing the phrase right after a name: «جنيف 2», «قرار مجلس الأمن 478،», «أمم إفريقيا 2019.»,
# «غالاكسي اس 8»; a number a word follows counts something else («في تونس 3 مرات»).
_NUMBERED = re.compile(r"\s*[0-9\u0660-\u0669]+\s*(?:[»\"”)،,.:؛]|$)")
_NUMBER_AFTER_NAME = re.compile(r"[^\W\d_]\s*[0-9\u0660-\u0669]+\s*(?:[»\"”)،,.:؛]|$)")


def _drop_numbered(actors: dict[str, _Actor], texts: Sequence[StoryText]) -> None:
    """A body or place the story writes only with a number closing the phrase after it names a thing of its
    own — a conference («مؤتمر «جنيف 2»»), a resolution («قرار مجلس الأمن 478»), a competition's edition
    («تصفيات أمم إفريقيا 2019», «كان الغابون 2017»), a channel («فرانس 3»), a product («غالاكسي اس 8»): not the
    body or place (over the whole corpus, nine such names shown, each one of these). Read in the parts of each
    text the tagger reads; a name written once without the number stays."""
    parts = [
        part
        for text in texts
        for part in (text.headline, text.subtitle, *text.captions, _undated(text.body)[:BODY_CHARS])
    ]
    if not any(_NUMBER_AFTER_NAME.search(part) for part in parts):
        return  # most stories: no name closed by a number
    for actor in [a for a in actors.values() if a.type != "PER"]:
        places = [bool(_NUMBERED.match(part, end)) for part, _start, end in _written_at(actor, parts)]
        if places and all(places):
            del actors[actor.key]
            continue
        # «دوجي تي 6», a phone, is no name of the maker «دوجي» the story writes alone: of several written names,
        # one written only before a number goes (session 17: the maker was shown as «دوجي تي»)
        for name in [n for n in actor.names if len(actor.names) > 1 and _only_numbered(n, parts)]:
            del actor.names[name]


def _drop_lone_adjectives(actors: dict[str, _Actor], texts: Sequence[StoryText], name_lists: NameLists) -> None:
    """A place or body shown by one indefinite word ending in «ي» or «ية» that the story writes with the article
    more often than without («أميركية» where it writes «الأميركية», «وطني» beside «الوطني», «جبلية»): an adjective
    of relation, which follows a noun, read as a name alone; no actor. The word must be one of the NER lists' plain
    clusters (nouns and verbs, almost no names): «فيراري» of «سيارات الفيراري» is a name. An aliases entity, a first
    name and the gazetteer's places stay («مالي»). Session 18 (issue 17): 11 such names were shown over the ANT and JawharaFM
    stories. A country's adjective alone, indefinite («أميركية», «أمريكية» of «شركة أميركية»), goes whatever the
    counts: issue 17 counts it as its country (:func:`_country_adjectives`), never shows it as a name."""
    single = [
        a for a in actors.values() if a.type != "PER" and not a.key.startswith("alias:") and " " not in a.name.strip()
    ]
    countries = adjective_table()
    for actor in [a for a in single if normalise(a.name) in countries]:
        del actors[actor.key]  # «أميركية» alone: a country's adjective, counted as the country where it counts
    lone = [
        a
        for a in single
        if a.key in actors
        if (n := normalise(a.name)).endswith(("ي", "يه")) and not n.startswith("ال")
        if n not in name_lists.first_names and n not in name_lists.places and n not in _known_single_names()
    ]
    if not lone:
        return
    words = Counter(_read_words(texts))
    for actor in lone:
        norm = normalise(actor.name)
        if _definite_in_news(norm, name_lists) or (norm in name_lists.plain_words and words["ال" + norm] > words[norm]):
            del actors[actor.key]


def _definite_in_news(norm: str, name_lists: NameLists) -> bool:
    """Whether raw news (the NER lists' word ranks) writes a word with the article more often than without it, as
    it writes an adjective of relation, which follows a definite noun («العقلي» against «عقلي», «الآسيوية»,
    «الوطني», «السلبي»); a word news never writes bare ranks last. A name ending in «ي» is written bare («دبي»,
    «فيراري»: «الفيراري» is the rarer). Session 19 (issue 17): the story's own counts missed adjectives it writes
    once, bare («سجن عقلي», «مدينة آسيوية» of a headline, «إقليم سني»); news' counts read them as the bench does."""
    definite_rank = name_lists.ranks.get("ال" + norm)
    return definite_rank is not None and definite_rank < name_lists.ranks.get(norm, 1 << 30)


@lru_cache(maxsize=1)
def _known_single_names() -> frozenset[str]:
    """The one-word names of ``data/known_names.tsv``, normalised: places and clubs, names whatever they end with."""
    from mawjaz.text.known_names import _lines as known_lines

    return frozenset(n for _kind, name in known_lines() if " " not in (n := normalise(name)))


# Places' head nouns with the article, and the words that stand for the story's own country or city: a story
# writes them for a place it has named («فرضت إجراءات أمنية على المدينة», «مدينة تشانغتشو بالمقاطعة»,
# «بالقيروان المدينة»), never as a name. Not «الجزيرة», «الريف», «الجبل» (a channel, Morocco's Rif, Mount
# Lebanon), nor «الدولة» («تنظيم الدولة»).
_PLACE_ANAPHORS = frozenset(
    normalise(w)
    for w in (
        "المدينة",
        "المحافظة",
        "الولاية",
        "المنطقة",
        "المقاطعة",
        "البلدة",
        "القرية",
        "الإقليم",
        "المعتمدية",
        "العاصمة",
        "البلاد",
        "البلد",
        "المملكة",
    )
)


def _drop_place_anaphors(actors: dict[str, _Actor]) -> None:
    """A place or body shown by a place's head noun with the article alone (:data:`_PLACE_ANAPHORS`: «المدينة»,
    «المقاطعة»): the story's word for a place it names, no name; the place is shown by its name or not at all
    (session 19, issue 17: «المدينة» was shown in 1 ANT and 4 JawharaFM stories). An aliases entity stays
    («المدينة المنورة» is written whole)."""
    for actor in [a for a in actors.values() if a.type != "PER" and not a.key.startswith("alias:")]:
        if normalise(actor.name.strip()) in _PLACE_ANAPHORS:
            del actors[actor.key]


# Words that open places' names and name no place alone: a saint's «سيدي» (سيدي بوزيد, سيدي بنور), a spring, a
# well, a tower, a house, a head, a hill, a valley, a monastery, a peninsula's «شبه», a tribe's «أولاد».
_PLACE_OPENERS = frozenset(
    normalise(w)
    for w in ("سيدي", "عين", "بئر", "برج", "منزل", "رأس", "تل", "وادي", "دير", "شبه", "أولاد", "بني", "دوار")
)


def _next_words(name: str, parts: Sequence[str]) -> list[str | None]:
    """Where ``parts`` write ``name`` as words of their own: the word right after it each time (same line), or None
    where none follows."""
    pattern = re.compile(r"(?<![^\W\d_])" + re.escape(name.strip()) + r"(?![^\W\d_])(?:[ \t]+([^\W\d_]+))?")
    return [m.group(1) for part in parts for m in pattern.finditer(part)]


def _drop_cut_heads(actors: dict[str, _Actor], texts: Sequence[StoryText]) -> None:
    """A place or body shown by one word that opens places' names and names no place alone (:data:`_PLACE_OPENERS`),
    which the story writes before another word each time it writes it unglued: «سيدي» of «بقرية سيدي مذكور»,
    «شبه» of «شبه الجزيرة». The tagger kept the head and lost the rest (session 18, issue 17: «سيدي» was shown in 15
    stories). An aliases entity stays. Not «حمام»: a story's «حمام» alone stands for «حمام الأنف» (session 15's rule,
    a spec of ``tests/digest/test_actors_rules.py``)."""
    lone = [
        a
        for a in actors.values()
        if a.type != "PER" and not a.key.startswith("alias:") and normalise(a.name) in _PLACE_OPENERS
    ]
    if not lone:
        return
    parts = [part for text in texts for part in _parts(text) if part]
    for actor in lone:
        if all(w is not None for w in _next_words(actor.name, parts)):
            del actors[actor.key]


# Words no name ends with: a filiation or a kunya waits for its name («حزب بن»); not «أبي», «أم», «آل»: folded,
# they are «آبي» (Abe), «إم», «إل» of spelled names («شينزو آبي», «آر تي إل» were dropped when they were in)
_OPEN_ENDS = frozenset(normalise(w) for w in ("بن", "ابن", "بنت", "أبو", "عبد"))


def _drop_open_ends(actors: dict[str, _Actor]) -> None:
    """A name of two words or more ending on a word no name ends with (:data:`_OPEN_ENDS`: «حزب بن»), or a body's
    name of two head nouns («حزب حركة»): the tagger cut the name before its end; no actor shown rightly
    (session 18, issue 17). An aliases entity stays."""
    for actor in [a for a in actors.values() if not a.key.startswith("alias:")]:
        words = normalise(actor.name).split()
        heads = actor.type == "ORG" and len(words) == 2 and all(w in BODY_HEADS for w in words)
        if heads or (len(words) >= 2 and words[-1] in _OPEN_ENDS):
            del actors[actor.key]


# Verbal nouns by their measure, normalised: مفاعلة (مبايعة), تفعيل (تشييع), افتعال, استفعال; not إفعال, the
# measure of first names written «إ…ا…» («إسلام», «إنصاف», «إدغار», «إيفان»: session 18, each dropped a right actor)
_VERBAL_NOUN = re.compile(r"^(?:م.ا..ه|ت..ي.|ا.ت.ا.|است..ا.)$")


def _unglued_verbal_noun(first: str) -> str:
    """A name's first word (normalised) less the «و», «بـ» or «لـ» glued on a verbal noun («ومبايعة», «بتعنيف سيف
    الدين بن عزيزة» of «بعد تعنيفه»: session 19 saw the «بـ» one in a sample of the digest); as written otherwise."""
    for clitic in ("و", "ب", "ل"):
        if first.startswith(clitic) and len(first) >= 5 and _VERBAL_NOUN.match(first[1:]):
            return first[1:]
    return first


def _without_verbal_noun_openings(actors: dict[str, _Actor], name_lists: NameLists) -> None:
    """A person's name opening with a verbal noun (with «و» or not) that is no first name: «مبايعة أبو بكر
    البغدادي», «مهاجمه آندي كارول» (the act glued on the person it governs). The person is the rest when it
    has two words at least (and is dropped when another actor is it already); a rest of one word is no person
    shown rightly («تشييع جثمان»): dropped. An aliases entity stays (session 18, issue 17), unless the rest is one of
    its names as the story writes them (session 19: «ومبايعة أبو بكر البغدادي», the story's full form, was the
    aliases person's display; the rest is how it names him)."""
    names = name_lists.first_names | name_lists.name_words
    for actor in [a for a in actors.values() if a.type == "PER"]:
        words = actor.name.split()
        first = normalise(words[0]) if len(words) >= 2 else ""
        bare = _unglued_verbal_noun(first)
        if not first or first in names or bare in names or not _VERBAL_NOUN.match(bare):
            continue
        rest = " ".join(words[1:])
        if actor.key.startswith("alias:"):
            if actor.display and normalise(rest) in {normalise(f) for f in actor.forms}:
                actor.display = rest
            continue
        _rename_shown(actors, actor, rest if len(words) >= 3 else "")


def _undoubled(actors: dict[str, _Actor], texts: Sequence[StoryText]) -> None:
    """A name of three words or more with one word written twice in a row («دونالد ترامب ترامب», a source's slip) is
    shown with it once when the story writes that word elsewhere not doubled («تجاهل ترامب مصافحة ميركل»); a name
    the story only ever writes doubled is a name so, and so is a name of one word doubled, though the story writes
    it alone too («حفيظ حفيظ», the unionist, «وأكد حفيظ أن …»; «هونغ هونغ»). Words of two letters or less are
    spelled letters («بي بي سي»). When another shown actor is the name once undoubled, this one goes (session 19,
    issue 17)."""
    doubled = [
        a
        for a in actors.values()
        if len(norm := normalise(a.name).split()) >= 3
        if any(x == y and len(x) >= 3 for x, y in itertools.pairwise(norm))
    ]
    if not doubled:
        return
    words = _read_words(texts)
    for actor in doubled:
        parts = actor.name.split()
        norm = [normalise(p) for p in parts]
        repeated = {x for x, y in itertools.pairwise(norm) if x == y and len(x) >= 3}
        alone = any(
            w in repeated and (i == 0 or words[i - 1] != w) and (i + 1 == len(words) or words[i + 1] != w)
            for i, w in enumerate(words)
        )
        if not alone:
            continue
        once = " ".join(p for i, p in enumerate(parts) if i == 0 or norm[i] != norm[i - 1] or norm[i] not in repeated)
        _rename_shown(actors, actor, once)


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def _drop_latin_places(actors: dict[str, _Actor]) -> None:
    """A place written in Latin letters alone goes (session 19, issue 17: «Tunisia» of a JawharaFM results table):
    Arabic news writes a place it names in Arabic; a Latin one is a table's, hashtag's or English caption's word, and
    the story names the place in Arabic too when it is about it (an aliases place it writes in both is shown by its
    Arabic name, «تونس», not «Tunisia»; «France» of the channel «France 3» goes). A company's Latin name stays
    («Four Seasons Hotels and Resorts»): brands are written so."""
    for actor in [a for a in actors.values() if a.type == "LOC"]:
        if _ARABIC_LETTER.search(actor.name):
            continue
        if actor.key.startswith("alias:") and actor.display and any(_ARABIC_LETTER.search(f) for f in actor.forms):
            actor.display_fixed = True  # written in Arabic too, less often: shown by the aliases name, «تونس»
            continue
        del actors[actor.key]


@lru_cache(maxsize=1)
def _glued_outlet_names() -> frozenset[str]:
    """The outlets' names of two words or more (``data/outlets.txt``) normalised and written glued, eight letters or
    more: what a garbled spelling of one is read against."""
    names = {"".join(normalise(w) for w in line.split()) for line in _data_lines("outlets.txt") if " " in line.strip()}
    return frozenset(n for n in names if len(n) >= 8)


def _drop_garbled_outlets(actors: dict[str, _Actor]) -> None:
    """An actor of one word, no headline naming it, within two letters of an outlet's name written glued
    («أسوتيدبرس» of «أسوشيتدبرس»: an outlet misspelt) is the outlet that reports, no actor (session 19, issue 17),
    as outlets spelt rightly are (:func:`_eligible`). Only an outlet of two words or more, written glued, and eight
    letters at least: a short word is two letters from many («الأكراد» from «الأهرام», «الجهراء»)."""
    from rapidfuzz.distance import Levenshtein

    outlets = _glued_outlet_names()
    for actor in [a for a in actors.values() if not a.in_headline and not a.key.startswith("alias:")]:
        norm = normalise(actor.name)
        if " " in norm or len(norm) < 8:
            continue
        if any(Levenshtein.distance(norm, o, score_cutoff=2) <= 2 for o in outlets):
            del actors[actor.key]


# Head nouns before a quoted name that make it a body's or place's («قائمة "الفتح"», «حركة "النهضة"»), besides
# the bodies' and places' own head nouns, as :func:`normalise` folds them
_QUOTE_NAMING_HEADS = (
    BODY_HEADS
    | PLACE_HEADS
    | frozenset(
        normalise(w) for w in ("قائمة", "لائحة", "تحالف", "ائتلاف", "كتلة", "فريق", "نادي", "تنظيم", "حركة", "جماعة")
    )
)
_QUOTE_MARKS = ("«", '"', "“", "»", "”")


def _title_spot(part: str, start: int, end: int, name_lists: NameLists) -> int:
    """How the word at ``part[start:end]`` is written: 2 as a title, quoted (or in brackets) right after an
    indefinite plain common noun of news (a proclitic allowed) that names no body, place or person («طائرات
    "درون"», «لصواريخ "توماهوك"», «صور "سيلفي"»), or after «ذا» («ذا فويس»); 1 after such a noun unquoted
    («لصواريخ توماهوك الأميركية», the same story's body); 0 otherwise. After a definite word a quoted name is in
    apposition, a body's («الشركة الحكومية "كوماك"», «شركة الطيران الاسبانية "فيولنغ"»)."""
    before = part[max(0, start - 40) : start]
    words = _RAW_WORD.findall(before)
    if words and normalise(words[-1]) == "ذا":
        return 2
    marked = before.rstrip().endswith((*_QUOTE_MARKS, "(")) and part[end : end + 2].lstrip().startswith(
        (*_QUOTE_MARKS, ")")
    )
    if not words or not (marked or before.endswith(" ")):
        return 0
    noun = normalise(words[-1])
    if noun not in name_lists.plain_words and noun[:1] in PROCLITIC_LETTERS and noun[1:] in name_lists.plain_words:
        noun = noun[1:]  # «لصواريخ»
    kind = (
        not definite(words[-1])  # «الشركة الحكومية "كوماك"», «قوة … فض الاشتباك "اندوف"»: a body's own name
        and noun in name_lists.plain_words
        and noun not in STOPWORDS
        and head_noun(words[-1]) not in _QUOTE_NAMING_HEADS
        and noun not in _QUOTE_NAMING_HEADS
        and not _title_word(noun)
    )
    return 0 if not kind else 2 if marked else 1


def _drop_quoted_titles(actors: dict[str, _Actor], texts: Sequence[StoryText], name_lists: NameLists) -> None:
    """A body of one word that no list knows as a name (the gazetteer, ``known_names.tsv``, first names) and that
    the story writes only as a title (:func:`_title_spot`: quoted after a common noun once at least, or after «ذا»,
    and elsewhere after such a noun unquoted) is the name of
    a product, a programme or a kind of thing («طائرات "درون"», «صواريخ "توماهوك"», «"ذا فويس"»), no actor (session
    19, issue 17). Quotation marks alone prove nothing: JawharaFM quotes bodies («وفد من "الكونغرس"», «"الهايكا"»),
    and a quoted name after a body's head noun is that body («قائمة "الفتح"»); a place is left (a volcano's, a
    bridge's name after «بركان», «جسر» is a place's)."""
    single = [
        a
        for a in actors.values()
        if not a.key.startswith("alias:") and len(a.name.split()) == 1 and a.type == "ORG"
        if (n := normalise(a.name)) not in name_lists.listed and n not in name_lists.first_names
        if n not in _known_single_names()
    ]
    if not single:
        return
    parts = [part for text in texts for part in _parts(text)]
    for actor in single:
        spots = [(part, m.start(), m.end()) for part in parts for m in re.finditer(re.escape(actor.name.strip()), part)]
        how = [_title_spot(part, start, end, name_lists) for part, start, end in spots]
        if how and all(how) and 2 in how:  # a title everywhere, marked so once at least
            del actors[actor.key]


def _drop_plain_construct_people(actors: dict[str, _Actor], name_lists: NameLists) -> None:
    """A person of two words, a plain common noun (no first name, no word of names) before a plain word with the
    article that no list names: «فن المهرّج» ("the clown's art", «المهرجان الدولي لفن المهرج»), a noun in construct
    the tagger called a person (session 19, issue 17). A compound first name has a first name or a name's word
    first («عز الدين», «نصر الله»)."""
    names = name_lists.first_names | name_lists.name_words
    for actor in [a for a in actors.values() if a.type == "PER" and not a.key.startswith("alias:")]:
        words = [normalise(w) for w in actor.name.split()]
        if len(words) != 2 or not words[1].startswith("ال") or words[0] in names or words[1] in names:
            continue
        if words[0] not in name_lists.plain_words or words[1] not in name_lists.plain_words:
            continue
        if words[1] in name_lists.listed or words[1][2:] in names or " ".join(words) in name_lists.listed:
            continue
        del actors[actor.key]


# Words that make a transliterated name a company's when they end it (English "card", "ratings", "motors",
# "airlines", "group" …: «ماستر كارد», «فيتش رايتنغ») or a place's when they open it ("Fort", "Port": «فورت
# كولينز»), as :func:`normalise` folds them; no person's name ends or opens so.
_COMPANY_ENDS = frozenset(
    normalise(w)
    for w in (
        "كارد",
        "رايتنغ",
        "رايتينغ",
        "راتينغ",
        "رايتنغز",
        "ريتينغز",
        "موتورز",
        "إيرلاينز",
        "إيرويز",
        "إنك",
        "كوربوريشن",
        "تكنولوجيز",
        "سيستمز",
        "فارما",
    )
)
_PLACE_OPENINGS = frozenset(normalise(w) for w in ("فورت", "بورت"))


def _retype_by_name_words(actors: dict[str, _Actor]) -> None:
    """A person whose name ends on a company's word (:data:`_COMPANY_ENDS`) is a company, ORG, and one whose name
    opens on «فورت»/«بورت» a place, LOC: the type decides how an actor weighs and renders (session 19, issue 17:
    «ماستر كارد», «فيتش رايتنغ» and «فورت كولينز» were shown as people)."""
    for actor in [a for a in actors.values() if a.type == "PER" and not a.key.startswith("alias:")]:
        words = [normalise(w) for w in actor.name.split()]
        if len(words) < 2:
            continue
        if words[-1] in _COMPANY_ENDS:
            actor.type_votes["ORG"] = max(actor.type_votes.values()) + 1
        elif words[0] in _PLACE_OPENINGS:
            actor.type_votes["LOC"] = max(actor.type_votes.values()) + 1


def _drop_club_city_spellings(actors: dict[str, _Actor]) -> None:
    """A place of one word shown beside a body of one word that is its name less a final vowel letter («ميلانو»
    beside «ميلان»: «يوفنتوس يهزم ميلانو», one outlet's spelling of the club AC Milan by its city's Italian name) is
    that body written so, no second actor (session 19, issue 17). Four letters at least before the vowel."""
    bodies = {normalise(a.name) for a in actors.values() if a.type == "ORG" and " " not in a.name.strip()}
    for actor in [a for a in actors.values() if a.type == "LOC" and " " not in a.name.strip()]:
        norm = normalise(actor.name)
        if len(norm) >= 5 and norm[-1] in "واى" and norm[:-1] in bodies:
            del actors[actor.key]


def _drop_possessed_nouns(actors: dict[str, _Actor], texts: Sequence[StoryText], name_lists: NameLists) -> None:
    """A place or body shown by one word written with a possessive pronoun («ه», «ها»: not «ة») on a common noun:
    «تاريخه» of «لأول مرة في تاريخه», «ميدانه» of «على ميدانه», «قفصه» (its cage). The stem (three letters at
    least) is a word of the NER lists' plain clusters (nouns and verbs, almost no names), and the whole word no
    gazetteer place nor a name the story writes after a place's head noun («ولاية فاره», Farah). An aliases
    entity stays (session 18, issue 17: «تاريخه» was shown as a place in 5 stories). A plural in construct keeps its
    «ي» before the pronoun: «مرافقيها» ("her companions", «مرافق»; session 19)."""
    possessed = []
    for actor in [a for a in actors.values() if a.type != "PER" and not a.key.startswith("alias:")]:
        written = actor.name.strip()
        if " " in written or normalise(written) in name_lists.places:
            continue
        # «مرافقيها» ("her companions"): a plural in construct, its «ي» before the pronoun
        stems = [normalise(written[: -len(s)]) for s in ("يها", "ها", "ه") if written.endswith(s)]
        if any(len(stem) >= 3 and stem in name_lists.plain_words for stem in stems):
            possessed.append(actor)
    if not possessed:
        return
    words = _read_words(texts)
    headed = {w for before, w in itertools.pairwise(words) if before in PLACE_HEADS}
    for actor in possessed:
        if normalise(actor.name) not in headed:
            del actors[actor.key]


def _unglued_conjunctions(actors: dict[str, _Actor], story: StoryWords, name_lists: NameLists) -> None:
    """A place or body shown with the conjunction «و» (or «وب») glued on its first word, where the rest is a place of
    the NER lists' gazetteer, written with its spaces or without («وإيرلندا الشمالية», «وبوركينافاسو» of a results
    table: «بوركينا فاسو», shown with its space by :func:`_with_spaces`), or a word the story writes bare elsewhere,
    is shown without it; it goes when another shown actor
    is the rest already. The whole word no place, listed name or first name («ويلز», «وهران»), and a name the story
    never writes bare stays («واتفورد», «واتساب», «ولفرهامبتون»: no «اتفورد»). An aliases entity stays (session 19,
    issue 17: «وبوركينافاسو», «وإيرلندا الشمالية» seen reading a sample of the digest)."""
    for actor in [a for a in actors.values() if a.type != "PER" and not a.key.startswith("alias:")]:
        first, _, tail = actor.name.strip().partition(" ")
        norm = normalise(first)
        if not norm.startswith("و") or norm in name_lists.places or norm in name_lists.listed:
            continue
        if norm in name_lists.first_names:
            continue
        for clitic in ("وب", "و"):
            rest = norm[len(clitic) :]
            spaced = next((p for p in name_lists.places if " " in p and p.replace(" ", "") == rest), None)
            if (
                norm.startswith(clitic)
                and len(rest) >= 4
                and (rest in name_lists.places or spaced or rest in story.bare)
            ):
                _rename_shown(actors, actor, f"{_with_spaces(first[len(clitic) :], spaced)} {tail}".strip())
                break


def _with_spaces(written: str, spaced: str | None) -> str:
    """``written`` with the spaces of ``spaced``, the gazetteer's normalised name it is written glued
    («بوركينافاسو» → «بوركينا فاسو»: news never writes it so, and a reader reads the country's name), when the
    two are letter for letter; else ``written`` as it is."""
    if spaced is None or len(normalise(written)) != len(written) or len(written) != len(spaced.replace(" ", "")):
        return written
    letters = iter(written)
    return "".join(" " if c == " " else next(letters) for c in spaced)


_THE_GAME = normalise("للعبة")  # "of the game": the press's anaphor for the sport it named before


def _drop_game_anaphors(actors: dict[str, _Actor]) -> None:
    """A body named «… للعبة» ("… of the game") beside a shown body of the same words before it and a sport
    («الاتحاد الإسباني للعبة» beside «الاتحاد الإسباني لكرة القدم») is that body named again by anaphor: it goes, one
    body shown twice being worse than once (session 19, issue 17)."""
    bodies = [a for a in actors.values() if a.type == "ORG"]
    for actor in bodies:
        words = [normalise(w) for w in actor.name.split()]
        if len(words) < 2 or words[-1] != _THE_GAME:
            continue
        head = words[:-1]
        others = [[normalise(w) for w in o.name.split()] for o in bodies if o is not actor and o.key in actors]
        if any(len(o) > len(head) and o[: len(head)] == head for o in others):
            del actors[actor.key]


def _drop_titled_cuts(actors: dict[str, _Actor], texts: Sequence[StoryText], name_lists: NameLists) -> None:
    """A body shown by a name closing on a person's title («جامعة الملك») that the story writes each time before a
    first name of the lists («جامعة الملك خالد بأبها») is cut from the person it is named after: it goes, and so does
    an actor opening on that first name that the story writes only there («خالد بأبها», the tail shown as a
    person). Fewer actors beat a wrong one (session 19, issue 17)."""
    cut = [
        a
        for a in actors.values()
        if a.type == "ORG"
        and not a.key.startswith("alias:")
        and len(words := a.name.split()) >= 2
        and _title_word(words[-1])
    ]
    if not cut:
        return
    words = _read_words(texts)
    for actor in cut:
        name = [normalise(w) for w in actor.name.split()]
        # «بجامعة الملك خالد»: the head noun may have a proclitic glued on
        spots = [
            i
            for i in range(len(words) - len(name))
            if words[i + 1 : i + len(name)] == name[1:] and name[0] in (words[i], words[i][1:])
        ]
        after = {words[i + len(name)] for i in spots}
        if not spots or not all(w in name_lists.first_names for w in after):
            continue
        del actors[actor.key]
        for other in [a for a in actors.values() if not a.key.startswith("alias:")]:
            opening = [normalise(w) for w in other.name.split()]
            if opening[0] not in after:
                continue
            at = [i for i in range(len(words)) if words[i : i + len(opening)] == opening]
            if all(i - len(name) in spots for i in at):
                del actors[other.key]


def _drop_bare_compound_first_names(actors: dict[str, _Actor], texts: Sequence[StoryText]) -> None:
    """A person shown by «عبد» and one word («عبد الرحمان») that the story writes each time before one same word, no
    stop word («عبد الرحمان دعدوشة», «عبد الرزاق الرحال»): a compound first name cut from its surname, half of a
    name (session 18, issue 17: 14 such names over the ANT and JawharaFM stories). A compound name the story writes
    on its own («قال عبد الله إن…», the king) stays, and so does an aliases entity."""
    cut = [
        a
        for a in actors.values()
        if a.type == "PER" and not a.key.startswith("alias:") and len(words := normalise(a.name).split()) == 2
        if words[0] == "عبد"
    ]
    if not cut:
        return
    parts = [part for text in texts for part in _parts(text) if part]
    for actor in cut:
        after = {normalise(w or "") for w in _next_words(actor.name, parts)}
        cut_off = len(after) == 1 and "" not in after and not after & STOPWORDS
        if cut_off or len(_begun_by(actor, actors)) == 1:
            del actors[actor.key]


def _begun_by(short: _Actor, actors: dict[str, _Actor]) -> list[_Actor]:
    """The other shown people whose name opens with ``short``'s words and goes on («عبد الوهاب الهاني» of «عبد
    الوهاب»). Session 19 (issue 17): a compound first name that begins exactly one shown person's name is that
    person's, as a lone first name joins the one full name it begins (:func:`_merge_shown`), though the story
    writes it once at a line's end or before a comma too («رئيس حزب المجد،عبد الوهاب الهاني»)."""
    words = normalise(short.name).split()
    return [
        a
        for a in actors.values()
        if a is not short and a.type == "PER" and normalise(a.name).split()[: len(words)] == words
        if len(a.name.split()) > len(words)
    ]


def _drop_name_cuts(actors: dict[str, _Actor], texts: Sequence[StoryText]) -> None:
    """A one-word place the story never writes as a word of its own, only after a glued «ك» in a word that is a
    shown person's name: «ريمة» (a Yemeni province) of «كريمة عبود» and «لكريمة» («ك» read as "like"). The place
    is a cut of the name, no actor (session 17: «ريمة» was shown beside «كريمة عبود»)."""
    places = [a for a in actors.values() if a.type == "LOC" and not a.key.startswith("alias:") and " " not in a.name]
    if not places:
        return
    people = {normalise(w) for a in actors.values() if a.type == "PER" for w in a.name.split()}
    words = _read_words(texts)
    for place in places:
        name = normalise(place.name)
        glued = [w[: len(w) - len(name)] for w in words if w.endswith(name)]
        if not glued or any(c in _STORY_CLITICS for c in glued):
            continue  # written alone, a preposition or «و» glued on or none
        if all(c.endswith("ك") and c.lstrip("وفلب") == "ك" for c in glued) and "ك" + name in people:
            del actors[place.key]


def _merge_body_towns(actors: dict[str, _Actor], texts: Sequence[StoryText]) -> None:
    """A one-word place that closes exactly one shown body's name («تطاوين» of «إتحاد تطاوين», «دورتموند» of
    «بوروسيا دورتموند») and that the story writes only as that body is the body, named short: inside its name,
    after its head noun and a relative adjective («الإتحاد الرياضي بتطاوين»), or before a masculine country's
    adjective («لدورتموند الألماني»: a town is feminine, «دورتموند الألمانية»; the club is «نادي»). One actor, the
    body (session 17: the club was shown twice, once as a town). Written once otherwise («في تطاوين»), it is a
    place of its own (as :func:`_drop_body_places` reads it)."""
    places = [a for a in actors.values() if a.type == "LOC" and not a.key.startswith("alias:") and " " not in a.name]
    if not places:
        return
    parts = [[normalise(w) for w in _NAME_WORD.findall(part)] for text in texts for part in _parts(text)]
    table = adjective_table()

    def relative(word: str) -> bool:
        return word.startswith("ال") and word.endswith("ي") and len(word) > 4

    for place in places:
        name = normalise(place.name)
        bodies = [
            a
            for a in actors.values()
            if a.type == "ORG"
            and len(a.name.split()) >= 2
            and normalise(a.name).split()[-1] == name
            and not definite(a.name.split()[0])
        ]
        if len(bodies) != 1:
            continue
        before = normalise(bodies[0].name).split()[-2]
        heads = {before, "ال" + before}
        as_body = alone = 0
        for words in parts:
            for i, word in enumerate(words):
                if not (word == name or (word.endswith(name) and word[: len(word) - len(name)] in _STORY_CLITICS)):
                    continue
                after = words[i + 1] if i + 1 < len(words) else ""
                if (
                    (i and words[i - 1] in heads)
                    or (i >= 2 and relative(words[i - 1]) and words[i - 2] in heads)
                    or (relative(after) and after[2:] in table)
                ):
                    as_body += 1
                else:
                    alone += 1
        if as_body and not alone:
            _absorb(bodies[0], place)
            del actors[place.key]


def _only_numbered(name: str, parts: Sequence[str]) -> bool:
    """Whether every place ``parts`` write ``name`` (as written), a number closes the phrase after it."""
    found = [bool(_NUMBERED.match(part, m.end())) for part in parts for m in re.finditer(re.escape(name), part)]
    return bool(found) and all(found)


# Adjectives that make a name of the words before them, not a description of it: ordinals («الحرب العالمية الثانية»)
# and elatives of the «فعلى» shape (the «أفعل» shape is read off the word, :func:`_name_forming`).
_NAMING_ADJECTIVES = frozenset(
    normalise(w)
    for w in (
        "الأول",
        "الأولى",
        "الثاني",
        "الثانية",
        "الثالث",
        "الثالثة",
        "الرابع",
        "الرابعة",
        "الخامس",
        "الخامسة",
        "السادس",
        "السابع",
        "الثامن",
        "التاسع",
        "العاشر",
        "العليا",
        "الدنيا",
        "العظمى",
        "القصوى",
    )
)
_ELATIVE = re.compile(r"الا[^\W\d_]{3}")  # «الأحمر», «الأوسط», «الأقصى», «الأعلى» once normalised
_NAMED_SHARES = ("some", "most", "all")  # the tagger's history: a word it tags inside names 15 % of the times or more


@lru_cache(maxsize=1)
def _tagger_history() -> dict[str, str]:
    """How the tagger tagged each (clitic-stripped) word across raw news (:mod:`mawjaz.text.ner.history`):
    ``ORG:some`` … ``LOC:all``; empty where the model's files are not installed."""
    from mawjaz.text.ner import DEFAULT_MODEL_DIR
    from mawjaz.text.ner.resources import read_history

    return read_history(DEFAULT_MODEL_DIR)


def _known_pairs(aliases: AliasIndex, name_lists: NameLists) -> frozenset[tuple[str, str]]:
    """Every two words one after the other in a name of the aliases file, of ``data/known_names.tsv`` or of the
    NER gazetteer, as index terms: («شرق», «اوسط») of «الشرق الأوسط», («متحده», «عربيه») … of the UAE."""
    return _listed_pairs(name_lists) | frozenset(pair for name in aliases.by_phrase for pair in zip(name, name[1:]))


_LISTED_PAIRS: list[tuple[NameLists, frozenset[tuple[str, str]]]] = []  # the last word lists' pairs


def _listed_pairs(name_lists: NameLists) -> frozenset[tuple[str, str]]:
    """:func:`_known_pairs` of the known names and the gazetteer, which do not change: found once for the word lists
    in use (the shipped ones; tests give others)."""
    if _LISTED_PAIRS and _LISTED_PAIRS[0][0] is name_lists:
        return _LISTED_PAIRS[0][1]
    from mawjaz.text.known_names import _lines as known_lines

    names = [tuple(index_terms(n)) for _k, n in known_lines()]
    names += [tuple(index_terms(n)) for n in name_lists.listed if " " in n]
    pairs = frozenset(pair for name in names for pair in zip(name, name[1:]))
    _LISTED_PAIRS[:] = [(name_lists, pairs)]
    return pairs


def _name_forming(word: str, before: str, pairs: frozenset[tuple[str, str]], proper: bool = False) -> bool:
    """Whether an adjective with the article after a name makes a name with it, rather than describing it: a
    direction or a side («كوريا الشمالية», «الضفة الغربية», «القدس الشرقية», «المغرب العربي»), a country's
    adjective after a body's name of common words («الجيش العراقي», «وزارة الصحة الكونغولية»; after a proper name
    it describes, ``proper``: «أبل الأمريكية», «رينجرز الاسكتلندي»), an ordinal or an elative («الشرق الأوسط»,
    «المسجد الأقصى»), a word the tagger tags inside names 15 % of the times it meets it in raw news («المتحدة»,
    «الشمالية», «الدولي»), or one the aliases, the known names or the gazetteer write after the name's last word
    («الولايات المتحدة»). ``before``: that last word's index term."""
    norm = normalise(word)
    bare = norm[2:]
    return (
        norm in _SIDES
        or norm in _NAMING_ADJECTIVES
        or (not proper and (bare in adjective_table() or _place_adjective(bare)))
        or bool(_ELATIVE.fullmatch(norm))
        or _tagger_history().get(bare, "").partition(":")[2] in _NAMED_SHARES
        or any((before, t) in pairs for t in index_terms(word))
    )


_NISBA_END = re.compile(r"(?:ي|يه|يون|يين)$")


def _place_adjective(bare: str) -> bool:
    """A relative adjective the nisba table does not list, of a place the gazetteer or the aliases know:
    «بلجيكي» of «بلجيكا», «كونغولي» of «الكونغو», «نمساوي» of «النمسا» (the place's word, less a closing vowel's
    letter or with «ل» or «و» added, is the adjective's stem)."""
    found = _NISBA_END.search(bare)
    if found is None:
        return False
    stem = bare[: found.start()]
    places = _one_word_places(stem[:2])
    return len(stem) >= 3 and (
        stem in places
        or any(stem + end in places for end in ("ا", "ه", "ي"))
        or (stem[-1] in "لو" and stem[:-1] in places)
    )


@lru_cache(maxsize=1)
def _place_words() -> dict[str, frozenset[str]]:
    """The one-word places of the NER gazetteer and the aliases' countries, article off, by their first two letters."""
    words = {p for p in shipped_name_lists().places if " " not in p}
    words |= {
        t for e in load_aliases().entities.values() if e.type == "GPE" for p in e.phrases if len(p) == 1 for t in p
    }
    out: dict[str, set[str]] = defaultdict(set)
    for w in words:
        w = w[2:] if w.startswith("ال") else w
        if len(w) >= 3:
            out[w[:2]].add(w)
    return {k: frozenset(v) for k, v in out.items()}


def _one_word_places(start: str) -> frozenset[str]:
    return _place_words().get(start, frozenset())


def _merge_described(
    actors: dict[str, _Actor], texts: Sequence[StoryText], aliases: AliasIndex, name_lists: NameLists
) -> None:
    """A place's or body's name and the same name with a describing adjective after it are one actor, shown
    without the adjective.

    The tagger keeps in a span the adjective that describes the name, or what is named after it: «مشروع البحر
    الأحمر السياحي» gave the place «البحر الأحمر السياحي», and «شركة البحر الأحمر للتطوير» of the same story the
    body «البحر الأحمر»; a reader saw one place twice, once with «السياحي» glued on (the demo's sample digest).
    «القدس المحتلة» is «القدس», «رينجرز الاسكتلندي» is «رينجرز», «إيرباص الأوروبية» «إيرباص». So a place's or
    body's name that is another such name of the story with one more word, an adjective with the article that does
    not make a name (:func:`_name_forming`), joins that other name, shown as the story writes it without the
    adjective, when the story writes that name apart too (a name the story only ever writes whole is the story's
    own: «قوات الدعم السريع»). A body named by a place's name and one more word is a body of its own («جمعية زغوان
    المستقبل» beside «زغوان»); a place either way is a place: a body named after a place («شركة البحر الأحمر»)
    names the place. Not after a lone common word («الحشد الشعبي», «المجلس العسكري»: the adjective makes the
    name), not an aliases or known name whole («الحرس الثوري»), not a person («عبد الله الثاني», «دونالد ترامب
    الابن»: a person's last word with the article is mostly a surname)."""
    shown = {a.key: tuple(index_terms(a.name)) for a in actors.values() if a.type != "PER"}
    by_terms: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, terms in shown.items():
        by_terms[terms].append(key)
    pairs: frozenset[tuple[str, str]] | None = None
    words: list[tuple[str, ...]] | None = None
    for key, terms in shown.items():
        described = actors.get(key)
        if described is None or key.startswith("alias:") or len(terms) < 2:
            continue
        adjective = described.name.split()[-1]
        if not normalise(adjective).startswith("ال") or index_terms(adjective) != [terms[-1]]:
            continue  # an adjective with the article: «للاستشارات» of «كمبردج أناليتيكا للاستشارات» is a complement
        if normalise(adjective) in STOPWORDS:
            continue
        bases = [actors[k] for k in by_terms.get(terms[:-1], ()) if k in actors and k != key]
        if len(bases) != 1:
            continue
        base = bases[0]
        if described.type == "ORG" and base.type == "LOC":
            continue  # «جمعية زغوان المستقبل»: a body named by a place and a word is a body of its own
        if len(terms) == 2 and not base.key.startswith("alias:"):
            lone = normalise(base.name)
            if common_word(base.name, name_lists) or lone in BODY_HEADS or lone in PLACE_HEADS:
                continue  # «الحشد» of «الحشد الشعبي»: a common word, which its adjective makes a name
        if pairs is None:
            pairs = _known_pairs(aliases, name_lists)
        proper = not any(
            definite(w) or common_word(w, name_lists) or head_noun(w) in BODY_HEADS for w in base.name.split()
        )
        if _name_forming(adjective, terms[-2], pairs, proper) or _known_whole(described.name):
            continue
        if words is None:
            words = [tuple(index_terms(part)) for text in texts for part in _parts(text)]
        if not _written_without(terms[:-1], terms[-1], words):
            continue
        types = {base.type, described.type}
        names = Counter(base.names)
        _absorb(base, described)
        base.names = names  # shown as written without the adjective
        if len(types) > 1 and not base.key.startswith("alias:"):
            base.type_votes = Counter({"LOC": sum(base.type_votes.values())})
        del actors[key]


def _known_whole(name: str) -> bool:
    """Whether ``name`` is, whole, a name of ``data/known_names.tsv``."""
    return any(k.start == 0 and k.end == len(name) for k in find_known(name))


def _written_without(terms: tuple[str, ...], after: str, words: Sequence[tuple[str, ...]]) -> bool:
    """Whether some text writes ``terms`` not followed by ``after`` (index terms all)."""
    n = len(terms)
    return any(
        part[i : i + n] == terms and part[i + n : i + n + 1] != (after,)
        for part in words
        for i in range(len(part) - n + 1)
    )


_PARTY_HEADS = frozenset(normalise(w) for w in ("حزب", "تيار", "حركة"))


def _merge_headed(actors: dict[str, _Actor]) -> None:
    """«حزب القوات اللبنانية» beside «القوات اللبنانية»: a party the story names with its head noun and without is
    one actor, shown as the story writes it more often, on a tie by its own name, without the head noun (as
    «حركة حماس» is «حماس»). «حزب الله» has no such other name."""
    bodies = [a for a in actors.values() if a.type == "ORG" and not a.key.startswith("alias:")]
    for headed in bodies:
        words = headed.name.split()
        if len(words) < 3 or normalise(words[0]) not in _PARTY_HEADS or headed.key not in actors:
            continue
        rest = normalise(" ".join(words[1:]))
        bare = [a for a in bodies if a is not headed and a.key in actors and normalise(a.name) == rest]
        if len(bare) != 1:
            continue
        shown = max((bare[0], headed), key=lambda a: sum(a.names.values()))  # the first of equals
        name = shown.name
        _absorb(headed, bare[0])
        del actors[bare[0].key]
        headed.display = name


_NAMED_HEADS = _PARTY_HEADS | frozenset(normalise(w) for w in ("تحالف", "ائتلاف", "كتلة"))


def _shown_without_head(actors: dict[str, _Actor]) -> None:
    """A body the story writes by its own name («الجبهة الوطنية», 9 times) far more than with a describing head
    noun of a party or coalition before it («ائتلاف الجبهة الوطنية», once) is shown as the story writes it most:
    the fullest form, the display's first choice, was the story's rare one (Malaysia's result showed «ائتلاف
    الجبهة الوطنية», its editor lists «الجبهة الوطنية»). As :func:`_merge_headed` does for two actors, for the
    written forms of one; an aliases entity keeps its own display."""
    for actor in actors.values():
        if actor.type != "ORG" or actor.display or actor.key.startswith("alias:"):
            continue
        words = actor.name.split()
        if len(words) < 3 or normalise(words[0]) not in _NAMED_HEADS:
            continue
        rest = normalise(" ".join(words[1:]))
        bare = [n for n in actor.names if normalise(n) == rest]
        headed = sum(c for n, c in actor.names.items() if normalise(n) == normalise(actor.name))
        if bare and actor.names[bare[0]] > headed:
            actor.display = bare[0]


# Head nouns of a land's feature that the place's name goes with or without: «هضبة الجولان», «مرتفعات الجولان» and
# «الجولان» are one place; not a town's or a province's («مدينة غزة» is no «غزة», «ولاية نيويورك» no «نيويورك»).
_FEATURE_HEADS = frozenset(normalise(w) for w in ("هضبة", "مرتفعات", "سهل", "صحراء"))


def _written_count(actor: _Actor) -> int:
    return sum(actor.names.values()) + sum(actor.forms.values())


def _merge_feature_headed(actors: dict[str, _Actor]) -> None:
    """«هضبة الجولان» beside «الجولان»: a place the story names with a land feature's head noun
    (:data:`_FEATURE_HEADS`) and without is one actor, shown under the form the story writes most, the first of
    equals the shorter (session 17: the Golan was shown twice in one story, 43 articles)."""
    places = [a for a in actors.values() if a.type == "LOC"]
    for headed in places:
        words = normalise(headed.name).split()
        if len(words) < 2 or words[0] not in _FEATURE_HEADS or headed.key not in actors:
            continue
        rest = " ".join(words[1:])
        bare = [a for a in places if a is not headed and a.key in actors and normalise(a.name) == rest]
        if len(bare) != 1:
            continue
        keep, other = (bare[0], headed) if _written_count(bare[0]) >= _written_count(headed) else (headed, bare[0])
        name = keep.name
        _absorb(keep, other)
        del actors[other.key]
        keep.display, keep.display_fixed = name, True


def _close_terms(written: Sequence[str], name: Sequence[str]) -> bool:
    """Whether two runs of index terms are one name's words in close spellings: as many words, each pair equal,
    or, a name of two words or more, :data:`WORD_RATIO` alike («جرمان» / «جيرمان»). A one-word name must be
    equal: a close one-word spelling is mostly another word («سان» / «ساو»)."""
    if len(written) != len(name):
        return False
    if tuple(written) == tuple(name):
        return True
    return len(name) >= 2 and all(a == b or fuzz.ratio(a, b) >= WORD_RATIO for a, b in zip(written, name, strict=True))


def _drop_cut_starts(actors: dict[str, _Actor], texts: Sequence[StoryText]) -> None:
    """A name that is only ever the start of another shown name is the tagger's cut of it, and goes.

    «مانشستر» beside «مانشستر يونايتد», «بايرن» beside «بايرن ميونيخ»: the tagger may type the first word
    apart (a city, another body), so the merges by type keep both. When no text writes the short name but
    as the start of the long one, the story never names it alone; «مانشستر» stays in a story that names
    the city by itself too. The long name may be written in another spelling, a word or more a vowel apart
    (:func:`_close_terms`): «باريس سان» beside «باريس سان جرمان», the story writing «باريس سان جيرمان» too, is
    still the cut of one club's name (session 15; shown side by side in two ANT stories)."""

    shown = {a.key: tuple(index_terms(a.name)) for a in actors.values()}
    starts = [
        (short, long_)
        for short, terms in shown.items()
        for long_, other in shown.items()
        if terms and len(other) > len(terms) and _close_terms(other[: len(terms)], terms)
    ]
    if not starts:
        return
    words = [tuple(index_terms(part)) for text in texts for part in _parts(text)]
    for short, long_ in starts:
        terms, other = shown[short], shown[long_]
        n = len(terms)
        alone = any(
            part[i : i + n] == terms and not _close_terms(part[i : i + len(other)], other)
            for part in words
            for i in range(len(part) - n + 1)
        )
        if not alone and short in actors:
            del actors[short]


def _join_cut_ends(actors: dict[str, _Actor], texts: Sequence[StoryText]) -> None:
    """A shown name that is the last word or words of exactly one other shown name joins it, under
    the whole name and its type, when the story never writes it apart from that name («بوزيد» of «سيدي بوزيد»,
    «آباد» of «جلال آباد»: the tagger's cut), or when both are people or bodies («جرمان», a person to the tagger,
    beside «باريس سان جرمان»; «لوبان» beside «مارين لوبان»), or it is a one-word place ending a person's name
    («هولاند» beside «فرانسوا هولاند»). A longer name listing it after «و» is none of its («توتنهام وتشلسي»), nor
    one opening on a word with the article, a description glued to the name («الغريم برشلونة»). A name weighing
    :data:`_OWN_NAME_SHARE` times the longer ones together is what the story calls it: the longer people's or
    bodies' names join it («هداف ليفربول» joins «ليفربول»), and so does a body's name after one head noun («نادي
    ليفربول»). A place written alone beside a longer place or body is one of its own («سيناء» and «شمال سيناء»,
    «كولورادو» and «جامعة كولورادو»), and so is an aliases entity («القدس» beside «فيلق القدس»). A person's or
    body's name ending several people's or bodies' names names none a reader can tell, and goes («يونايتد» beside
    «مانشستر يونايتد» and «دي سي يونايتد»), as a lone first name of several people does."""
    shown = {a.key: tuple(index_terms(a.name)) for a in actors.values()}
    words: list[tuple[str, ...]] | None = None
    for short in sorted(actors.values(), key=lambda a: len(shown[a.key])):
        terms = shown[short.key]
        if not terms or short.key.startswith("alias:") or short.key not in actors:
            continue
        longer = [
            a
            for a in actors.values()
            if a is not short
            and len(shown[a.key]) > len(terms)
            and _close_terms(shown[a.key][-len(terms) :], terms)  # «سان جرمان» ends «باريس سان جيرمان»
            and not definite(a.name.split()[0])  # «الغريم برشلونة»: a common word glued before the name
            # «توتنهام وتشلسي» lists two clubs: the name's first word is written bare in the longer one
            and normalise(a.name.split()[-len(short.name.split())]) == normalise(short.name.split()[0])
        ]
        # «نادي ليفربول» is «ليفربول» with its head noun; «ليفربول» (63) beside «هداف ليفربول» (2) is the club as
        # the story calls it: the longer names join the short one, shown as the story writes it
        outweighs = short.weight >= _OWN_NAME_SHARE * sum(a.weight for a in longer)
        for other in [
            a
            for a in longer
            if _club_of(short, a, len(terms)) or (outweighs and {short.type, a.type} <= {"PER", "ORG"})
        ]:
            names = Counter(short.names)
            _absorb(short, other)
            short.names = names
            del actors[other.key]
            longer.remove(other)
        if not longer or outweighs:
            continue
        if len(longer) > 1 and {short.type, *(a.type for a in longer)} <= {"PER", "ORG"}:
            del actors[short.key]  # «يونايتد» beside «مانشستر يونايتد» and «دي سي يونايتد»: nobody can tell which
            continue
        if len(longer) != 1:
            continue
        whole = longer[0]
        if not (
            (short.type in ("PER", "ORG") and whole.type in ("PER", "ORG"))
            or (short.type == "LOC" and whole.type == "PER" and " " not in short.name)
        ):
            if whole.type == "PER":
                continue  # «بن قردان» of «بمعتمديّة بن قردان»: a place's name in a person's span is still a place
            if words is None:
                words = [tuple(index_terms(part)) for text in texts for part in _parts(text)]
            if _written_apart(terms, shown[whole.key], words):
                continue
        votes = Counter(whole.type_votes)
        _absorb(whole, short)
        whole.type_votes = votes  # the whole name's type: the club, not the tagger's person
        del actors[short.key]


_NAME_WORD = re.compile(r"[^\W\d_]+")


def _title_word(word: str) -> bool:
    """A person's title or trade, the article and the feminine's «ة» allowed («الشاعرة», «الرئيس»): the tagger's
    trigger words of people."""
    norm = normalise(word)
    bare = norm[2:] if norm.startswith("ال") else norm
    return _TRIGGER_WORDS.get(bare) == "PER" or (bare.endswith("ه") and _TRIGGER_WORDS.get(bare[:-1]) == "PER")


def _complete_halves(
    actors: dict[str, _Actor], texts: Sequence[StoryText], name_lists: NameLists, first_names: frozenset[str]
) -> None:
    """A person shown by one word the story writes, most times and twice at least, beside one same word of a
    name is shown under the two: before a rare word («ديمتري» of «ديمتري بايات», «شفيق» of «شفيق جراية»), or
    after a first name of the lists or the tagger («موسى» of «آمال موسى», «يوسف» of «ألفة يوسف»: first names that are
    common words too, which the full forms of :class:`StoryWords` do not take). Only a person a headline names
    so: one word in a body is not shown at all (:func:`_lone_word`). A stop word, a word with the article, a
    plain word, a verb or a word of another shown name is no part of it («فرعون ليفربول», «موسى مديرة»), unless the
    word before it is one the story writes after a person's title (:func:`_title_word`: «الشاعرة آمال موسى», «آمال»
    being "hopes" too, and in no list of first names; session 19, issue 17: «موسى» was shown alone), which makes it
    a first name there."""
    lone = [a for a in actors.values() if a.type == "PER" and a.in_headline and _lone_word(a)]
    if not lone:
        return
    parts = [_NAME_WORD.findall(part) for text in texts for part in _parts(text)]
    taken = {normalise(w) for a in actors.values() for w in a.name.split()}
    for actor in lone:
        norm = normalise(actor.name)
        pairs: Counter[tuple[str, str]] = Counter()
        written: dict[tuple[str, str], str] = {}
        # the word before it, where the story writes a person's title before the two («الشاعرة آمال موسى»): a
        # first name, though no list has it
        titled = {
            normalise(words[i - 1])
            for words in parts
            for i in range(2, len(words))
            if normalise(words[i]) == norm and _title_word(words[i - 2]) and normalise(words[i - 1]) not in STOPWORDS
        }
        places = 0
        for words in parts:
            for i, word in enumerate(words):
                if normalise(word) != norm:
                    continue
                places += 1
                if i + 1 < len(words) and not common_word(words[i + 1], name_lists):
                    pairs[("after", normalise(words[i + 1]))] += 1
                    written.setdefault(("after", normalise(words[i + 1])), f"{word} {words[i + 1]}")
                if i > 0 and (normalise(words[i - 1]) in first_names or normalise(words[i - 1]) in titled):
                    pairs[("before", normalise(words[i - 1]))] += 1
                    written.setdefault(("before", normalise(words[i - 1])), f"{words[i - 1]} {word}")
        if not pairs:
            continue
        (side, other), seen = pairs.most_common(1)[0]
        if (
            seen < 2
            or seen * 2 <= places
            or other in STOPWORDS
            or other in taken
            # «موسى مديرة»: a word news writes as a word; not a first name after a title («الشاعرة آمال موسى»)
            or (other in name_lists.plain_words and not (side == "before" and other in titled))
            or len(other) < 3
            or definite(other)
            or _verb(other, name_lists)
            or (other.startswith("و") and _commoner_without_waw(other, name_lists))
        ):
            continue
        actor.display = written[(side, other)]


def _club_of(short: _Actor, longer: _Actor, size: int) -> bool:
    """A body's name that is another body's name after one head noun («نادي ليفربول», «جامعة الزيتونة»)."""
    extra = longer.name.split()[:-size]
    return short.type == longer.type == "ORG" and len(extra) == 1 and head_noun(extra[0]) in BODY_HEADS


def _written_apart(terms: tuple[str, ...], whole: tuple[str, ...], words: Sequence[tuple[str, ...]]) -> bool:
    """Whether some text writes ``terms`` other than as the end of ``whole`` (index terms both)."""
    n, before = len(terms), whole[: len(whole) - len(terms)]
    return any(
        part[i : i + n] == terms and (i < len(before) or part[i - len(before) : i] != before)
        for part in words
        for i in range(len(part) - n + 1)
    )


def _ending(actors: dict[str, _Actor], short: _Actor, name: str) -> list[_Actor]:
    """The bodies or places of the story whose longer name ends with this one of several words: «سي يونايتد»
    is the tagger's cut of «دي سي يونايتد» (joined when exactly one ends so)."""
    return [
        a for a in actors.values() if a is not short and a.type == short.type and normalise(a.name).endswith(" " + name)
    ]


def _adjectives(words: str) -> bool:
    """One or two words, each an adjective with the article («المصري», «الديمقراطية»)."""
    split = words.split()
    return 0 < len(split) <= 2 and all(w.startswith("ال") and w.endswith(("ي", "يه")) for w in split)


def _name_words(name: str) -> list[str]:
    """A person's name as keys, less «بن», «ابن», «بنت»: «زيد بن رعد» → زيد رعد."""
    return [t for t in name_keys(name) if t not in _FILIATION]


_FILIATION = frozenset(t for w in FILIATION for t in name_keys(w)) | FILIATION


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
            tail = " ".join(full.terms.split()[-len(words) :])
            same_person = len(words) > 1 and fuzz.ratio(short.terms, tail) >= 85
            if same_surname or same_person:
                _absorb(full, short)
                del actors[short.key]
                break
    for short in [a for a in actors.values() if a.type == "PER" and not a.display and " " not in a.terms]:
        # a lone name that begins exactly one full name in the story («ستيف» and «ستيف دايموند», «مهاتير» and
        # «مهاتير محمد») and ends none is that person
        starting = [
            a for a in actors.values() if a.type == "PER" and a is not short and a.terms.startswith(short.terms + " ")
        ]
        ending = [a for a in actors.values() if a.type == "PER" and a.terms.endswith(" " + short.terms)]
        if len(starting) == 1 and not ending:
            _absorb(starting[0], short)
            del actors[short.key]
    for short in [a for a in actors.values() if a.type == "PER" and not a.display]:
        # by its surname as tagged («لافروف»), or by the full name the story gives it («سيرغي لافروف»)
        entity = aliases.entity_of(tuple(short.key.split())) if " " not in short.key else None
        entity = entity or aliases.entity_of(tuple(short.terms.split()))
        if entity is not None and entity.type == "PER":
            _absorb(_alias_actor(actors, aliases, entity.id, "PER"), short)
            del actors[short.key]
    # «روسيا» tagged once as a person is still Russia: any other name of an aliases entity joins it
    for other in [a for a in actors.values() if not a.key.startswith("alias:")]:
        entity = aliases.entity_of(tuple(other.key.split()))
        if entity is not None and (other.type != "PER" or entity.type != "PER"):
            _absorb(_alias_actor(actors, aliases, entity.id, other.type), other)
            del actors[other.key]


def _another_bearer(terms: str, entity) -> bool:
    """Whether the full name the story writes for a lone surname («رفعت الأسد», its terms) names somebody else than
    the aliases person that surname stands for («الأسد» of «بشار الأسد»): a name of two words or more whose word
    before the surname is none of the words the entity's full names write there, nor a spelling of one. The aliases
    file matches and merges, it never renames: Hafez al-Assad's brother is no «بشار الأسد»."""
    words = terms.split()
    if len(words) < 2:
        return False
    surname, first = words[-1], words[-2]
    befores = {p[-2] for p in entity.phrases if len(p) >= 2 and p[-1] == surname}
    return bool(befores) and not any(fuzz.ratio(first, b) >= WORD_RATIO for b in befores)


def _absorb(full: _Actor, short: _Actor) -> None:
    full.named |= short.named
    full.prominent |= short.prominent
    full.in_headline |= short.in_headline
    full.mentions += short.mentions
    full.named_up_front |= short.named_up_front
    full.people_headline |= short.people_headline
    full.name_mentions += short.name_mentions
    full.weight += short.weight
    full.outlets |= short.outlets
    full.articles |= short.articles
    full.headlines |= short.headlines
    full.leads |= short.leads
    full.first = min(full.first, short.first)
    full.names.update(short.names)
    for written, seen in short.order.items():
        full.order[written] = min(seen, full.order.get(written, seen))
    full.type_votes.update(short.type_votes)


@lru_cache(maxsize=1)
def _outlets() -> frozenset[tuple[str, ...]]:
    """News agencies and outlets (``data/outlets.txt``), as index terms: who reports, not whom a story is about."""
    return frozenset(tuple(index_terms(line)) for line in _data_lines("outlets.txt") if index_terms(line))


@lru_cache(maxsize=1)
def _outlet_names() -> frozenset[tuple[str, ...]]:
    """The outlets' names of several words, as index terms (a place inside one names no place)."""
    return frozenset(name for name in _outlets() if len(name) > 1)


@lru_cache(maxsize=1)
def _outlet_starts() -> frozenset[str]:
    return frozenset(name[0] for name in _outlet_names())


def _is_outlet(actor: _Actor) -> bool:
    outlets = _outlets()
    return (
        any(tuple(index_terms(n)) in outlets for n in (actor.name, *actor.names)) or tuple(actor.key.split()) in outlets
    )


# Months of the Hijri calendar that are also first names or surnames: alone, they name the month.
_MONTHS = frozenset(normalise(w) for w in ("رمضان", "شعبان", "شوال"))


def _lone_word(actor: _Actor) -> bool:
    """A person the story names by one word only, and no person of the aliases file: shown only when a headline
    names it («إديرسون»). In a body it is mostly a first name whose surname the tagger missed («نيكولا» of «نيكولا
    ساركوزي») or a common word read as a name («مالكو», «الباحثان», «محققون»): too unsure to show."""
    return " " not in actor.name.strip() and not actor.key.startswith("alias:")


def _nationality_only(actor: _Actor, articles: int = 1) -> bool:
    """A country the lead names only by its adjective, no headline naming it, and the bodies by a name fewer than
    :data:`_NATIONALITY_NAMES` times: the adjective says whose nationality («المصور البريطاني», «العاصمة الماليزية
    كوالالمبور»), and the one name deep in the body is a detail. As a country only adjectives name is an actor
    only when a headline names it (see :func:`_ranked`), one written name in the body does not make it more —
    unless the bodies keep describing by it, :data:`_NATIONALITY_MENTIONS` mentions an article, adjectives
    included (a story of Saudi unemployment: «الاقتصاد السعودي», «السعوديين» …, «السعودية» once)."""
    return (
        actor.prominent
        and not actor.in_headline
        and not actor.named_up_front
        and actor.name_mentions < _NATIONALITY_NAMES
        and actor.mentions < _NATIONALITY_MENTIONS * articles
    )


_PLURAL_ENDINGS = ("ين", "ون")


def _peoples_plurals(headline: str) -> frozenset[str]:
    """The countries whose relative adjective a headline writes in the masculine plural, people of that
    country («مقتل شخص في مواجهات بين الفلسطينيين و إسرائيليين», «المتظاهرين الفلسطينيين»): a plural
    adjective stands for people, never for a thing the country did («غارة أميركية», «عدوان أميركي»)."""
    forms = adjective_table()
    found = set()
    for word in _NISBA_WORD.findall(headline):
        adjective = _adjective_in(normalise(word))
        if adjective is None:
            continue
        written, _definite = adjective
        entity_id, bare = forms[written]
        if written != bare and written.endswith(_PLURAL_ENDINGS) and written[:-2] == bare:
            found.add(entity_id)
    return frozenset(found)


def _peoples_nationality(actor: _Actor) -> bool:
    """A country a headline names by its people («المتظاهرين الفلسطينيين», «استشهاد فلسطيني»), that no
    headline, subtitle, caption or lead names by a name and the bodies by a name fewer than
    :data:`_NATIONALITY_NAMES` times: the nationality of the people the story is about, not an actor (Palestine
    shown as «الأراضي الفلسطينية», written once, in Gaza's protests whose editors list «قطاع غزة»), however
    often the bodies describe people and things by its adjective («مصادر طبية فلسطينية»). :func:`_ranked` asks
    besides that the story name by a name a place of that country, where those people are (:func:`_placed_in`:
    «غزة»): a story naming no place but by its people is about their country («هل يتحملها المصريون؟», «تحويلات
    المصريين بالخارج ترتفع»: Egypt stays), and people of a country in a story set elsewhere are part of what
    it tells («المسؤولين الإيطاليين» in Tunis, «الكويتيين» in Dubai's gift: Italy and Kuwait stay). A country's headline adjective of a thing («غارة أميركية»,
    «جمعيات حقوقية إسرائيلية») is left to :func:`_ranked`'s other rules: a plural adjective is people, a singular
    may be what the country did."""
    return actor.people_headline and not actor.named_up_front and actor.name_mentions < _NATIONALITY_NAMES


def _placed_in(country: _Actor, places: Sequence[_Actor]) -> bool:
    """Whether one of the story's places named by a name is a known place of that country (:func:`_known_places_of`:
    «غزة», «خان يونس» of Palestine)."""
    entity_id = country.key.removeprefix("alias:")
    known = _known_places_of()
    return any(
        entity_id in known.get(normalise(name), ())
        for place in places
        if place is not country
        for name in (place.name, *place.names, *place.forms)
    )


@lru_cache(maxsize=1)
def _known_places_of() -> dict[str, frozenset[str]]:
    """Each known place of ``data/known_names.tsv`` (normalised) → the aliases ids of the countries its section
    heads («# ---- Palestine and Israel»: «غزة» → palestine, israel), read by matching each country a header
    names with an aliases country's English name; a section no aliases country is named by («Gulf states») maps
    its places to none. Places only: the bodies' sections come after the «=====» line."""
    from importlib.resources import files

    english = {
        name: entity_id
        for entity_id, entity in load_aliases().entities.items()
        if entity.type == "GPE"
        for name in entity.names
        if name.isascii()
    }
    places: dict[str, set[str]] = defaultdict(set)
    countries: set[str] = set()
    for line in files(_DATA).joinpath("data/known_names.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# ====="):
            break
        if line.startswith("# -----"):
            header = line.strip("#- ")
            parts = [p.strip() for chunk in header.split(",") for p in chunk.split(" and ")]
            countries = {english[p] for p in parts if p in english}
        elif "\t" in line and not line.startswith("#") and line.split("\t")[0] == "LOC":
            places[normalise(line.split("\t")[1].strip())] |= countries
    return {name: frozenset(ids) for name, ids in places.items() if ids}


def min_score(articles: int) -> float:
    """The least score, relative to the top actor's, of a shown actor past the first :data:`MIN_ACTORS`, in a
    story of ``articles`` articles: :data:`MIN_SCORE`, lowered for big stories (see :data:`_CUT_ARTICLES`)."""
    return MIN_SCORE * min(1.0, math.sqrt(_CUT_ARTICLES / max(articles, 1)))


def _followed(actor: _Actor, articles: int) -> bool:
    """Whether a person under the story's cut is still shown: a story of :data:`_FOLLOWED_ARTICLES` articles or more
    keeps naming him, in :data:`_FOLLOWED_SHARE` of its articles (see there; the caller checks the score)."""
    return actor.type == "PER" and articles >= _FOLLOWED_ARTICLES and len(actor.articles) >= _FOLLOWED_SHARE * articles


def _ranked(actors: dict[str, _Actor], articles: int = 1) -> list[ActorScore]:
    return _hand_cut(_eligible(actors, articles), articles)


def _eligible(actors: dict[str, _Actor], articles: int = 1) -> list[tuple[float, int, _Actor]]:
    """The candidates the display rules allow, as (score, -first article, actor), highest score first: what the
    cut (:func:`_hand_cut`) chooses from, and what ``bench/actor_rank.py`` ranks by a learned model instead."""
    scored = []
    named_places = [a for a in actors.values() if a.type == "LOC" and a.named]
    for actor in actors.values():
        if actor.type == "LOC" and not actor.prominent:
            continue  # a place only the body names is the setting of a detail, not what the story is about
        if not actor.prominent and actor.weight < _BODY_ONLY_WEIGHT:
            continue  # named once or twice deep in the body: a detail, not what the story is about
        if not actor.named and (not actor.in_headline or actor.mentions < _ADJECTIVE_MENTIONS):
            continue  # only adjectives: «الدوري الإسباني» is not about Spain, «القضاء البريطاني ينظر …» over a body
            # that never says Britain is about a court case
        if _nationality_only(actor, articles) or (_peoples_nationality(actor) and _placed_in(actor, named_places)):
            continue  # «المصور البريطاني» in the lead, «بريطانيا» once deep in the body: whose nationality, not what
        if actor.type == "PER" and not actor.in_headline and _lone_word(actor):
            continue  # «نيكولا», «مالكو», «جيولوجيون»: one word in a body is mostly a first name or no name at all
        if not actor.in_headline and _is_outlet(actor):
            continue  # a news agency or outlet reports the story; it is an actor only when a headline names it
        if actor.described and not actor.otherwise and not actor.in_headline:
            continue  # a body only described by its country, no headline naming it: a detail (see _described_bodies)
        if normalise(actor.name) in _MONTHS:
            continue  # «في شهر رمضان»: a lone month left once people's names took their surnames («طارق رمضان»)
        score = actor.weight * (1.0 + math.log2(len(actor.outlets) or 1)) * _TYPE_PRIOR[actor.type]
        scored.append((score, -actor.first, actor))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return scored


def _hand_cut(scored: list[tuple[float, int, _Actor]], articles: int = 1) -> list[ActorScore]:
    """The shown actors of :func:`_eligible`'s candidates by the hand-set cut: the first :data:`MIN_ACTORS`, then
    down to :func:`min_score` of the top (a followed person to :data:`_FOLLOWED_CUT` of it), at most
    :data:`MAX_ACTORS`."""
    if not scored:
        return []
    top = scored[0][0] or 1.0
    cut = min_score(articles)
    chosen: list[ActorScore] = []
    for score, _first, actor in scored:
        if len(chosen) >= MAX_ACTORS or score / top < cut * _FOLLOWED_CUT and len(chosen) >= MIN_ACTORS:
            break
        if score / top < cut and len(chosen) >= MIN_ACTORS:
            if _followed(actor, articles):
                chosen.append(
                    ActorScore(actor.name, actor.key, actor.type, round(score / top, 4), int(round(actor.weight)))
                )
            continue  # under the cut: only a person the story's articles keep naming (see _FOLLOWED_ARTICLES)
        if score / top < min(cut, _FILLER_SCORE):
            break  # «الهاشينغ» at 0.02 of «تويتر»: to fill the three, but a detail of one lead (a big story's own cut
            # is lower: its actors past the three are its own rule's)
        chosen.append(ActorScore(actor.name, actor.key, actor.type, round(score / top, 4), int(round(actor.weight))))
    return chosen


def story_texts(session: Session, story_ids: Sequence[int]) -> dict[int, list[StoryText]]:
    """What :func:`key_actors` reads of each story: its articles' texts and outlets (read only)."""
    return {story_id: [text for _id, text in found] for story_id, found in story_articles(session, story_ids).items()}


def story_articles(session: Session, story_ids: Sequence[int]) -> dict[int, list[tuple[int, StoryText]]]:
    """Each story's articles, earliest first, as (article id, text): the ids find their stored names."""
    articles = repo.articles_of(session, list(story_ids))
    copies = article_repo.copies_of(session, [id_of(a) for group in articles.values() for a in group])
    return {
        story_id: [
            (
                id_of(a),
                StoryText(
                    a.headline,
                    a.body,
                    tuple(sorted({c.source for c in copies[id_of(a)]})),
                    tuple(a.captions or ()),
                    a.subtitle or "",
                ),
            )
            for a in articles[story_id]
        ]
        for story_id in story_ids
    }
