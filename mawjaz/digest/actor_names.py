"""How an actor is written: its full name as the story writes it, without the tagger's slips at the edges.

The tagger finds names, but not always whole ones: it may take a word too
many («التايكواندو رنا العبادي», «ورونالدو», «محمد صلاح لـCNN») or too few
(«شاويش أوغلو» where the text says «مولود شاويش أوغلو», a caption's «مولود
تشاوش أوغلو» not at all). This module fixes what a reader would see, from
the story's own words and the word lists that ship with the NER model:

* *first names*: one-word person entries of the NER gazetteer, the words of
  the word clusters where such names dominate, the first words of the
  many-word person names the tagger found in the story, and a rare word that
  the story writes at least twice, only ever right before the name and once
  after a title («التركي مولود …»); a common word the gazetteer calls a name
  («عودة», «رفعه») lengthens a name only on the tagger's word;
* *plain words*: the words of clusters with almost no names in them (verbs,
  nouns): a span does not begin with one («وقال ساويرس», «استمر الرئيس …»);
* *word frequencies* (the clusters' ranks): «ورونالدو» is و + «رونالدو»
  because the bare word is the commoner one, «لبنان» keeps its ل;
* *spelling frequencies* (:mod:`mawjaz.text.weights`): of two spellings a
  story uses equally often, the one news uses more is shown.

Every rule is about words, none about a particular name: a story with names
no list holds is read by the same rules.

:func:`clean_span` repairs one tagged span; :class:`StoryWords` finds every
place the story names a person and the full forms written there
(:meth:`StoryWords.full_forms`).
"""

from __future__ import annotations

import logging
import re
from array import array
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process

from mawjaz.text.clitics import ARTICLE as _ARTICLE
from mawjaz.text.clitics import PROCLITIC_LETTERS, commoner
from mawjaz.text.known_names import FILIATION
from mawjaz.text.normalise import normalise_short as normalise
from mawjaz.text.stopwords import STOPWORDS
from mawjaz.text.tokens import term
from mawjaz.text.weights import shipped as shipped_idf

log = logging.getLogger(__name__)

# A word as written: letters with their marks (tashkeel, tatweel), so «مخطَّط» stays one word.
_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u0640])+")
_DIGIT = re.compile(r"\d")
_BEFORE_ARTICLE = (
    ("ولل", "ال"),
    ("فلل", "ال"),
    ("لل", "ال"),
    ("وال", "ال"),
    ("فال", "ال"),
    ("بال", "ال"),
    ("كال", "ال"),
)
SPELLING_RATIO = 85  # rapidfuzz ratio of two spellings of one name («تشاوش أوغلو» / «شاويش أوغلو»: 91)
WORD_RATIO = 75  # …and of each word pair in them (تشاوش / شاويش: 80)
NAME_CLUSTER_SHARE = 0.4  # a word cluster whose known words are this much first names is a cluster of names
NAMELESS_CLUSTER_SHARE = 0.03  # …and one with fewer names than this, a cluster of plain words (verbs, nouns)
PLAIN_RANK = 20_000  # rarer words of such a cluster are left out: the clusters are least sure of them
_CONNECTORS = FILIATION  # «بن عبد الله الثنيان»: inside a name, never its start
MAX_FIRST_NAMES = 2  # «محمد علي», «عبد الله»: first names taken before a surname (more joins two people)


@dataclass(frozen=True)
class NameLists:
    """The word lists name repair reads (:func:`shipped_name_lists`; tests give small ones).

    Derived from the NER model's word lists (:class:`mawjaz.text.ner.features.Lexicon`,
    what the tagger's features look up), not the same thing: these say which words
    may start a name and which are too common or too plain to be one.
    """

    first_names: frozenset[str] = frozenset()  # normalised, no article
    ranks: dict[str, int] = field(default_factory=dict)  # normalised word → frequency rank (0 = commonest)
    plain_words: frozenset[str] = frozenset()  # words of clusters with (almost) no names: verbs, nouns
    name_words: frozenset[str] = frozenset()  # words of clusters made mostly of first names
    places: frozenset[str] = frozenset()  # the gazetteer's places, normalised words joined by a space
    listed: frozenset[str] = frozenset()  # every gazetteer name (any type), the same way


@lru_cache(maxsize=1)
def shipped_name_lists() -> NameLists:
    """First names and word ranks from the NER model's word lists (empty when no model is installed)."""
    try:
        from mawjaz.text.ner import DEFAULT_MODEL_DIR
        from mawjaz.text.ner.resources import load_lexicon

        words = load_lexicon(DEFAULT_MODEL_DIR)
    except (ImportError, OSError) as exc:
        log.warning("no NER word lists (%s): actor names are shown as tagged", exc)
        return NameLists()
    return name_lists_from(words.gazetteer, words.clusters, words.ranks, words.history)


def name_lists_from(
    gazetteer: dict[tuple[str, ...], str],
    clusters: dict[str, str],
    ranks: dict[str, int],
    history: dict[str, str] | None = None,
) -> NameLists:
    """First names: one-word PER gazetteer entries, and the words of clusters made mostly of names.

    Clusters are compared at their second level (coarse enough to hold a few
    hundred words): the one where «محمد», «فلاديمير» and «سيرغي» sit holds
    names the gazetteer never listed. Words with the article are never first
    names («الشيخ», «الدكتور» share that cluster).

    Plain words (verbs, nouns: what begins no name) are the common words of
    clusters with almost no names, less those the tagger calls a person most
    of the times it meets them in raw news (``history``,
    :mod:`mawjaz.text.ner.history`): the gazetteer lists few foreign first
    names, so a cluster of «دونالد», «سيرغي» and «مايك» can pass for one of
    plain words, and «دونالد ترامب» would lose its first name.
    """
    known = {key[0] for key, kind in gazetteer.items() if len(key) == 1 and "PER" in kind.split("|")}
    people = {w for w, seen in (history or {}).items() if seen in ("PER:most", "PER:all")}
    size: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for word, ids in clusters.items():
        parts = ids.split()
        if len(parts) < 2:
            continue
        size[parts[1]] += 1
        hits[parts[1]] += word in known
    name_clusters = {c for c in size if hits[c] >= 20 and hits[c] / size[c] >= NAME_CLUSTER_SHARE}
    nameless = {c for c in size if hits[c] / size[c] < NAMELESS_CLUSTER_SHARE}
    plain = frozenset(
        w
        for w, ids in clusters.items()
        if len(ids.split()) > 1
        and ids.split()[1] in nameless
        and ranks.get(w, 1 << 30) < PLAIN_RANK
        and w not in people
    )
    clustered = {
        w
        for w, ids in clusters.items()
        if len(ids.split()) > 1
        and ids.split()[1] in name_clusters
        and plain_name(w)
        and not _bare(w, ranks)[0]  # «ومحمد» is و + محمد, not a name of its own
    }
    first = ({w for w in known if plain_name(w)} | clustered) - _CONNECTORS
    places = frozenset(" ".join(key) for key, kind in gazetteer.items() if "LOC" in kind.split("|"))
    listed = frozenset(" ".join(key) for key in gazetteer)
    return NameLists(frozenset(first), dict(ranks), plain, frozenset(clustered), places, listed)


def plain_name(word: str) -> bool:
    """Whether a normalised word may be a first name: no article, no stop word, no digit."""
    return len(word) >= 2 and not _ARTICLE.match(word) and word not in STOPWORDS and not _DIGIT.search(word)


def _bare(norm: str, ranks: dict[str, int], also: Collection[str] = (), keep: Collection[str] = ()) -> tuple[str, str]:
    """(proclitic, rest) of a normalised word: a one-letter proclitic only when the rest is the commoner word.

    «ورونالدو» → («و», «رونالدو»); «لبنان» and «وهبي» stay whole. ``also``:
    words the story itself writes bare, which count as commoner; ``keep``:
    words that are whole whatever the counts (first names: «فراس» is no ف + «راس»).
    A rest under three letters must be one the story writes («وتل أبيب»).
    """
    if len(norm) >= 3 and norm[0] in PROCLITIC_LETTERS and not _ARTICLE.match(norm) and norm not in keep:
        rest = norm[1:]
        if rest in also or len(rest) >= 3 and commoner(rest, norm, ranks):
            return norm[0], rest
    return "", norm


def _glued_article(norm: str, ranks: dict[str, int], also: Collection[str] = (), common_only: bool = False) -> bool:
    """«والاتحاد», «للعين», «بالكامل»: a conjunction or preposition glued before the article.

    «لل» and «وال» before three letters or more are that for certain; «بال»,
    «كال», «فال» begin names too («فالنسيا», «كالينيتش»), so there the word
    must be a common one («بالكامل») or the bare-article word the commoner
    (or written in the story); with ``common_only``, only the former. A rest
    that neither news nor the story writes is no word: «كاليفورنيا» is no
    ك + «اليفورنيا», however common the whole word is.
    """
    article = _ARTICLE.match(norm)
    if not article or article.group() == "ال" or len(norm) - article.end() < 2:
        return False
    rest = "ال" + norm[article.end() :]
    if article.group() in ("لل", "ولل", "فلل", "وال") and len(norm) - article.end() >= 3:
        # «والونيا» (Wallonia) is no و + «الونيا»: news writes the whole word, neither news nor the story the rest
        return not (article.group() == "وال" and norm in ranks and rest not in ranks and rest not in also)
    own = ranks.get(norm, 1 << 30)
    if common_only:  # after a name, «بالفلاح» may be a surname, «بالكامل» is a word
        return own < COMMON_RANK
    if rest not in also and rest not in ranks:
        return False  # «كاليفورنيا»: the bare-article rest is unattested, so the word is whole
    return rest in also or ranks[rest] < own or own < COMMON_RANK


def _before_place(
    norm: str, rest: str, ranks: dict[str, int], places: Collection[str], listed: Collection[str]
) -> bool:
    """«بباريس», «ومالطا جزيرة»: و, ب or ل glued on a known place's first word («كنيس» is a word of its own:
    ك is left alone). The whole is no known name («لبنان», «بيروت»), and the place is the commoner in news."""
    if len(norm) < 4 or norm[0] not in "وبل" or _ARTICLE.match(norm):
        return False
    place = f"{norm[1:]} {normalise(rest)}".strip()
    whole = f"{norm} {normalise(rest)}".strip()
    return (
        place in places
        and whole not in listed
        and norm not in listed
        and ranks.get(norm[1:], 1 << 30) < ranks.get(norm, 1 << 30)
    )


def _much_commoner(bare: str, norm: str, ranks: dict[str, int]) -> bool:
    return bare in ranks and ranks[bare] * 2 < ranks.get(norm, 1 << 30)


def _strip_raw(raw: str, letters: int) -> str:
    """Drop the first ``letters`` letters of a written word, with the marks and tatweel after them («لـغوغل»)."""
    out = raw
    for _ in range(letters):
        out = re.sub(r"^.[\u0610-\u061A\u064B-\u065F\u0670\u0640]*", "", out, count=1)
    return out


def without_proclitic(
    written: str,
    ranks: dict[str, int],
    bare_words: Collection[str] = (),
    keep: Collection[str] = (),
    person: bool = False,
    places: Collection[str] = (),
    listed: Collection[str] = (),
) -> str:
    """«والاتحاد الأوروبي» → «الاتحاد الأوروبي», «وكركوك» → «كركوك», «بماركو فان باستن» → «ماركو فان باستن».

    The tagger keeps a glued clitic. Before the article it goes when the word
    with the bare article is the commoner («كالينيتش» stays). A bare letter
    goes from a ``person``'s name before a first name in ``keep``, when news
    never writes the word whole, or (after و ف ل) when the story writes the
    rest bare: «ورونالدو», «لسام»; «فانسان» is no ف + «انسان». From another
    name it goes (after و ف ل) when the story writes the rest bare or the rest
    is twice as common («لرويترز», «وبلجيكا»), and after ب or ك only when news
    never writes the word whole and the story writes it bare: «بوروسيا»,
    «باندورا», «لبنان», «برهم», «بلوك تشين» stay. Before a known place (one of
    ``places``) و, ب or ل goes too when the whole word is no known name (of
    ``listed``) and news writes the place more often than the word: «بباريس»,
    «ومالطا», «بجنيف»; «لبنان» stays.
    """
    first, _, rest = written.partition(" ")
    norm = normalise(first)
    if _glued_article(norm, ranks, bare_words):
        for prefix, replacement in _BEFORE_ARTICLE:
            if first.startswith(prefix):
                return replacement + written[len(prefix) :]
    if person:
        clitic, bare = "", norm
        if len(norm) >= 3 and norm[0] in PROCLITIC_LETTERS and not _ARTICLE.match(norm) and norm not in keep:
            after = norm[1:]
            unseen = norm not in ranks and after in ranks  # «لسام»: news never writes it, «سام» it does
            # «وأندريس إنييستا»: a rare name after و that news writes far more often without it («وسام» is a name)
            commoner_after = (
                norm[0] == "و"
                and " " in written
                and _much_commoner(after, norm, ranks)
                and ranks[after] >= COMMON_RANK  # «واين روني» is no و + «أين»
            )
            # «بهية», «كريمة»: a first name of the lists that news never writes is no cut of a word it writes
            kept = after in keep and (after in ranks or norm not in ranks)
            if kept or unseen or commoner_after or after in bare_words and norm[0] not in ("ب", "ك"):
                clitic, bare = norm[0], after
    else:
        clitic, bare = _bare(norm, ranks, bare_words, keep)
        if clitic in ("ب", "ك"):  # «بوروسيا», «باندورا»: names begin with ب; only a word news never writes whole
            if norm in ranks or bare not in bare_words:
                clitic = ""
        elif bare not in bare_words and not _much_commoner(bare, norm, ranks):
            clitic = ""
        if not clitic and norm[:1] in ("ب", "ك") and len(norm) >= 4 and not _ARTICLE.match(norm):
            after = norm[1:]
            # «بمجلس الاحتياطي»: ب before a body's or place's head noun; «بهامبورغ»: news never writes it whole
            if after in _HEADS or norm not in ranks and after in ranks and norm not in keep:
                clitic = norm[0]
        if not clitic and _before_place(norm, rest, ranks, places, listed):
            clitic = norm[0]
    if clitic:
        stripped = _strip_raw(first, 1)
        if stripped:
            return f"{stripped} {rest}".strip() if rest else stripped
    return written


class _Token(NamedTuple):
    raw: str
    norm: str
    key: str  # clitics stripped, for matching (:func:`mawjaz.text.tokens.term`, stop words kept)
    joined: bool  # separated from the previous token by spaces alone


@lru_cache(maxsize=1 << 16)
def _forms(raw: str) -> tuple[str, str]:
    """(normalised, key) of a written word, once per distinct word: news repeats its words.

    ≈ 155 B an entry: 65,536 of them hold a 10,000-article pass's words (47,000, 97 % hits) in 10 MB,
    where 200,000 grew to 31 MB over a long ingest (issue #19)."""
    norm = normalise(raw)
    return norm, term(norm) or norm


def _tokens(text: str, shared: tuple[dict[str, _Token], dict[str, _Token]] | None = None) -> list[_Token]:
    """Each word of ``text`` with its forms, and whether only spaces part it from the word before.

    A story's texts are read word by word once per actor pass (a tenth of it): the separators are the
    pieces between the words (``split`` with the pattern's one group keeps the words at odd places).
    ``shared``: the tokens already made for a story's other texts (not joined, joined), by written
    word: a word written again is the same token, not a new one (see :class:`StoryWords`).
    """
    pieces = _SPLIT.split(text)
    out: list[_Token] = []
    loose, glued = shared if shared is not None else ({}, {})
    forms, make = _forms, _Token._make
    for i in range(1, len(pieces), 2):
        raw = pieces[i]
        joined = i > 1 and pieces[i - 1].isspace()  # no comma, bracket or dash between
        made = glued if joined else loose
        token = made.get(raw)
        if token is None:
            norm, key = forms(raw)
            token = made[raw] = make((raw, norm, key, joined))
        out.append(token)
    return out


_SPLIT = re.compile(f"({_WORD.pattern})")


@lru_cache(maxsize=1 << 16)
def name_keys(written: str) -> tuple[str, ...]:
    """The words of a name as :meth:`StoryWords.full_forms` matches them (normalised, clitics off); remembered:
    a story's names are keyed again and again as its actors merge."""
    return tuple(t.key for t in _tokens(written))


# Head nouns a name is written after. A body's, in construct with a place, makes the place part of the body's name
# («فيلق القدس», «جامعة القاهرة»); a place's makes whatever name follows a place («محافظة صلاح الدين»).
BODY_HEADS = frozenset(
    normalise(w)
    for w in (
        "فيلق",
        "جيش",
        "حركة",
        "حزب",
        "جبهة",
        "لواء",
        "كتائب",
        "كتيبة",
        "سرايا",
        "جامعة",
        "منظمة",
        "مجلس",
        "هيئة",
        "اتحاد",
        "نادي",
        "تنظيم",
        "وكالة",
        "صحيفة",
        "بنك",
        "شركة",
        "مؤسسة",
        "جمعية",
        "قوات",
        "ميليشيا",
        "جماعة",
    )
)
PLACE_HEADS = frozenset(
    normalise(w)
    for w in (
        "محافظة",
        "ولاية",
        "مدينة",
        "بلدة",
        "قرية",
        "منطقة",
        "حي",
        "شارع",
        "ساحة",
        "مخيم",
        "ريف",
        "جزيرة",
        "إقليم",
        "قضاء",
        "ناحية",
        "مقاطعة",
        "بحيرة",
        "نهر",
        "جبل",
        "ميناء",
        "معتمدية",
        "عاصمة",
    )
)


_HEADS = BODY_HEADS | PLACE_HEADS


def head_noun(before: str) -> str:
    """The noun right before a name (normalised, a glued و ف ب ل ك off), if it has no article: «بمحافظة» → «محافظة»."""
    words = before.split()
    if not words or not _WORD.fullmatch(words[-1]):
        return ""
    word = normalise(words[-1])
    if word[:1] in PROCLITIC_LETTERS and word[1:] in _HEADS:
        word = word[1:]
    return "" if _ARTICLE.match(word) else word


def edges_cut(written: str, name_lists: NameLists) -> str:
    """A place's or body's span without the common words the tagger glued to its edges, or "" when unsure.

    Leading stop words go («في القاهرة» → «القاهرة»), so does a trailing word
    with a preposition glued to its article («ليفربول بالأرقام» → «ليفربول»);
    a span ending in a stop word («الجامعة الخطة على») ran past the name
    somewhere the rules cannot tell, and is no name at all: fewer actors
    beat a wrong one.
    """
    words = written.split()
    while words and normalise(words[0]) in STOPWORDS:
        words = words[1:]
    # «ولايتي أريزونا» ("the two states of Arizona …"): a possessed or construct noun before the name
    while len(words) >= 2 and possessed_noun(normalise(words[0]), name_lists, construct=True):
        words = words[1:]
    if words and normalise(words[-1]) in STOPWORDS:
        return ""
    # «بالأرقام», «كالعادة»: ب or ك before the article is a phrase after the name («للطاقة» may end one)
    while len(words) >= 2 and normalise(words[-1]).startswith(("بال", "كال")) and len(words[-1]) > 5:
        words = words[:-1]
    return " ".join(words)


def people_in(
    written: str, name_lists: NameLists, first_names: Iterable[str] = (), bare_words: Iterable[str] = ()
) -> list[str]:
    """A person span the tagger ran over a conjunction, split: «ميسي ورونالدو» → «ميسي», «ورونالدو».

    A word joined by و starts a new name when what follows the و is a first
    name or a word the story writes bare; «هيفاء وهبي» stays one name.
    """
    words = written.split()
    if len(words) < 2:  # one word is one name: no need for the sets below (most spans; they are big)
        return words
    names = _with_listed(name_lists.first_names, frozenset(first_names))
    known = names | frozenset(bare_words)
    pieces = [[words[0]]] if words else []
    for word in words[1:]:
        norm = normalise(word)
        clitic, rest = _bare(norm, name_lists.ranks, known, names)
        if clitic == "و" and rest in known:
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return [" ".join(p) for p in pieces]


@lru_cache(maxsize=64)
def _with_listed(listed: frozenset[str], tagged: frozenset[str]) -> frozenset[str]:
    """The word lists' first names with a story's own, made once a story, not once a span (the lists hold
    1,500 names: the union per span was most of :func:`clean_span`)."""
    return listed | tagged


def clean_span(
    written: str,
    type_: str,
    name_lists: NameLists,
    first_names: Iterable[str] = (),
    bare_words: Iterable[str] = (),
    story: StoryWords | None = None,
) -> str:
    """A tagged span as it should be shown: proclitic off, and for a person, what is not the name off.

    For a person span: what precedes its last number-bearing word goes («عمر
    الـ 92 مهاتير» → «مهاتير»), so does what follows a word with a preposition
    glued to it («محمد صلاح لـCNN», «زعتور لبي بي سي»), leading stop words
    («وقال ستيف» → «ستيف»), and the words before a first name when none of
    them can be a name's beginning — words with the article, stop words and
    common words («التايكواندو رنا العبادي» → «رنا العبادي», «استمر الرئيس
    السوري بشار الأسد» → «بشار الأسد»). «الباجي قائد السبسي» has no first
    name the word lists know, so it stays whole; so does «نظمي أحمد الجعبة»,
    «نظمي» being a rare word.
    """
    names = _with_listed(name_lists.first_names, frozenset(first_names))
    known = frozenset(bare_words)
    words = written.split()
    if type_ == "PER":
        numbered = [i for i, w in enumerate(words) if _DIGIT.search(normalise(w)) or normalise(w) == "الـ"]
        if numbered and numbered[-1] < len(words) - 1:
            words = words[numbered[-1] + 1 :]
        for i, word in enumerate(words[1:], start=1):
            norm = normalise(word)
            glued = _bare(norm, name_lists.ranks, known, names)
            # «لـCNN», «لفرانس24»: a preposition before an outlet, after the name
            preposition = (
                word.startswith("لـ") or re.match(r"ل[a-z]", norm) or (norm[:1] == "ل" and _DIGIT.search(norm))
            )
            if (
                preposition
                or _glued_article(norm, name_lists.ranks, common_only=True)
                or (glued[0] in ("ل", "ب") and glued[1] in known)
            ):
                words = words[:i]
                break
        # «وقال ساويرس», «واستطرد إبراهيموفيتش»: a stop word or plain word (verb, noun) begins no name
        while len(words) >= 2 and _plain_lead(words[0], words[1], name_lists, names, len(words), story):
            words = words[1:]
        for i, word in enumerate(words):
            if _bare(normalise(word), name_lists.ranks, names, names)[1] in names:
                dropped = words[:i]
                # down to a lone first name only past a very common word («وقال ستيف»), not past a title
                # («الملك سلمان») or a first name the lists miss («غاريث بيل»)
                alone_ok = all(_very_common(w, name_lists) and not definite(w) for w in dropped)
                if i and (i < len(words) - 1 or alone_ok) and all(_not_a_name(w, name_lists, names) for w in dropped):
                    words = words[i:]
                break
    cleaned = " ".join(words)
    if not cleaned:
        return written
    return without_proclitic(
        cleaned, name_lists.ranks, known, names, type_ == "PER", name_lists.places, name_lists.listed
    )


COMMON_RANK = 5000  # of the words the clusters know, the commonest this many are common words, not names


VERY_COMMON_RANK = 1000  # «وقال», «أعلن»: words too common in news to begin a name


def _word_rank(word: str, name_lists: NameLists) -> int:
    """How common ``word`` is in news (0: commonest), as written or without its clitic, whichever is commoner."""
    norm = normalise(word)
    bare = _bare(norm, name_lists.ranks)[1]
    return min(name_lists.ranks.get(norm, 1 << 30), name_lists.ranks.get(bare, 1 << 30))


def common_word(word: str, name_lists: NameLists) -> bool:
    """One of the COMMON_RANK commonest words the clusters know, clitics off («ريف», «بريف», «شمال»)."""
    return _word_rank(word, name_lists) < COMMON_RANK


def definite(word: str) -> bool:
    """A word with the article, perhaps after و ف ب ك ل: a noun, never a personal name."""
    return bool(_ARTICLE.match(normalise(word)))


def _very_common(word: str, name_lists: NameLists) -> bool:
    return _word_rank(word, name_lists) < VERY_COMMON_RANK


def _plain_lead(
    word: str, following: str, name_lists: NameLists, names: frozenset[str], size: int, story: StoryWords | None
) -> bool:
    """A leading word to drop whatever follows: a stop word, or a plain word (bare or after a
    conjunction) that is very common or that the story also writes elsewhere («وقال ساويرس»). «مولود» or
    «أمل», plain words too, stay when the story writes them only before the name, and so does one the story writes
    bare only before the name, twice or more, though it writes it glued to a conjunction elsewhere («رفعت السعيد»
    beside the verb of «ورفعت الشرطة»: :meth:`StoryWords.only_before`). With the article
    («الرئيس»), only while two words are left after it: «الملك سلمان» stays."""
    norm = normalise(word)
    if possessed_noun(norm, name_lists):  # before the story's first names: the tagger's spans make it one
        return True
    if norm in names or _ARTICLE.match(norm) and size < 3:
        return False
    if norm in STOPWORDS:  # «كاني» (كأني) is a stop word too, but news writes it as Kanye; «آنا» is no «أنا»
        return name_lists.ranks.get(norm, 1 << 30) < COMMON_RANK and not word.startswith("آ")
    clitic, bare = _bare(norm, name_lists.ranks, (), names)
    if clitic not in ("و", "ف"):  # «واستطرد»; but «كاني» is no ك + «اني»
        bare = norm
    if norm not in name_lists.plain_words and bare not in name_lists.plain_words:
        return False
    rank = min(name_lists.ranks.get(norm, 1 << 30), name_lists.ranks.get(bare, 1 << 30))
    return (
        rank < VERY_COMMON_RANK
        or rank < COMMON_RANK
        and story is not None
        and story.elsewhere(norm, normalise(following))
        and not story.only_before(norm, normalise(following))
    )


def tagged_plain_lead(word: str, following: str, name_lists: NameLists) -> bool:
    """«زملاء محمد صلاح» ("Mohamed Salah's teammates"): a plain word of news that no word list calls a first name,
    before a first name of the lists, begins no name, though the story's own tags made it one (the tagger's
    «زملاء راموس» elsewhere in the story puts «زملاء» among the story's first names, and :func:`_plain_lead`
    keeps those). A name goes on from a first name with a surname, so two words at least are left; a name whose
    first word the lists call a plain word and whose second is no first name of theirs stays («يايا توريه»,
    «مولود جاويش أوغلو»)."""
    norm = normalise(word)
    if norm in name_lists.first_names or norm in name_lists.name_words or norm not in name_lists.plain_words:
        return False
    return normalise(following) in name_lists.first_names


# A pronoun suffix on a noun whose ة turns ت before it: «ولايتها» (ولاية + ها), «حكومتهم», «رئاستنا».
_POSSESSED = re.compile(r"^(...+)ت(?:ها|هما|هم|هن|نا|كم)$")
_CONSTRUCT = re.compile(r"^(...+)تي$")  # «ولايتي أريزونا وفرجينيا»: "the two states of", or "my state"


def possessed_noun(norm: str, name_lists: NameLists, construct: bool = False) -> bool:
    """A noun with a possessive pronoun («ولايتها»: her term, «حكومتهم»): no name's word, so never its first.

    Its stem with ة is a word of the lists' commonest COMMON_RANK («ولاية»), and the word is no first name.
    The tagger ran «المنتهية ولايتها مية الجريبي» into one person, «ولايتها مية الجريبي»: «مية» is no first
    name of the lists (a plain word, "hundred"), so no other rule finds where the name begins. A name ends
    in such letters rarely, and its stem is then no common word («سانتانا»: «سانتاه»); a stem of three
    letters or more («فيتي» is no «في» + «تي»). With ``construct``, read at a place's or body's start only,
    «…تي» too: the dual's construct or «my» («ولايتي أريزونا وفرجينيا», "the two states of"); before a
    person it would take names such as «بيتي» were their stems common."""
    match = _POSSESSED.match(norm) or (_CONSTRUCT.match(norm) if construct else None)
    if not match or norm in name_lists.first_names:
        return False
    stem = match.group(1)
    stems = (stem, stem[1:]) if stem[0] in "وف" else (stem,)  # «وولايتها»: a conjunction before it
    return any(name_lists.ranks.get(s + "ه", 1 << 30) < COMMON_RANK for s in stems)


def _not_a_name(word: str, name_lists: NameLists, names: frozenset[str]) -> bool:
    """A word that cannot begin a name: with the article, a stop word, or a plain word of news
    («استمر», «اعتمد»); «كيم», «مهاتير» or a word the clusters never saw may."""
    norm = normalise(word)
    bare = _bare(norm, name_lists.ranks, names, names)[1]
    if bare in names:
        return False
    return bool(_ARTICLE.match(norm)) or norm in STOPWORDS or norm in name_lists.plain_words


# First names that normalise to a common word: «علي» is «على» once ى and ي are folded, so the word lists
# rank it a preposition. Written with its dots, it is the name.
_NAMES_LIKE_WORDS = frozenset({"علي"})


class StoryWords:
    """The words of a story (headlines, captions, bodies), to find every place it names a person."""

    def __init__(
        self,
        texts: Sequence[str],
        name_lists: NameLists,
        first_names: Iterable[str] = (),
        other_names: Iterable[str] = (),
    ) -> None:
        """``first_names``: first names the tagger found; ``other_names``: the words (keys) of the places and
        organisations it found, which are never somebody's first name («منهاتن»)."""
        self.other_names = frozenset(other_names)
        self.name_lists = name_lists
        # One token a written word, shared by its every place, and each place an int in an array: a token and a
        # tuple of two a place held 21 MB for a story of 504 articles (88,000 words) while its actors were found,
        # growing with the story, as the largest stories grow with the stream (issue #19).
        shared: tuple[dict[str, _Token], dict[str, _Token]] = ({}, {})
        self.texts = [_tokens(t, shared) for t in texts if t]
        self.tagged = frozenset(first_names)
        self.first_names = name_lists.first_names | self.tagged
        self.bare = frozenset(t.norm for made in shared for t in made.values())
        self._names_or_bare: frozenset[str] | None = None  # what :meth:`_conjoined` asks, made once when asked
        self._positions: dict[str, array[int]] = {}  # each key's places, (text << 32) + word (see _places)
        for number, tokens in enumerate(self.texts):
            for index, token in enumerate(tokens, number << 32):
                at = self._positions.get(token.key)
                if at is None:
                    at = self._positions[token.key] = array("q")
                at.append(index)
        self._key_counts = Counter({key: len(at) for key, at in self._positions.items()})  # each key's count
        self._keys = list(self._positions)

    def _places(self, key: str) -> Iterator[tuple[int, int]]:
        """(text, word) of each place the story writes ``key``."""
        for place in self._positions.get(key, ()):
            yield place >> 32, place & 0xFFFFFFFF

    def _matches(self, variant: Sequence[str]) -> list[tuple[int, int, int]]:
        """(text, start, end) of each place the words ``variant`` (keys) are written, in any close spelling.

        A one-word variant matches itself only; a longer one any run of words
        close to it as a whole and word by word («تشاوش أوغلو» / «شاويش أوغلو»).
        """
        size = len(variant)
        if size > 1:
            # the keys close to the last word, in the story's order: rapidfuzz's loop in C picks the few
            # candidates (a point below the bar), the test itself is the one a Python loop over every key made
            # (that loop was a sixth of the actor pass)
            final = variant[-1]
            near = [
                k
                for k, _score, _i in process.extract_iter(
                    final, self._keys, scorer=fuzz.ratio, score_cutoff=WORD_RATIO - 1
                )
                if k == final or fuzz.ratio(k, final) >= WORD_RATIO
            ]
        else:
            near = [variant[-1]] if variant[-1] in self._positions else []
        joined = " ".join(variant)
        found = []
        for key in near:
            for number, last in self._places(key):
                start = last - size + 1
                tokens = self.texts[number]
                if start < 0 or any(not t.joined for t in tokens[start + 1 : last + 1]):
                    continue
                keys = [t.key for t in tokens[start : last + 1]]
                if (
                    keys == list(variant)
                    or size > 1
                    and fuzz.ratio(" ".join(keys), joined) >= SPELLING_RATIO
                    and all(fuzz.ratio(a, b) >= WORD_RATIO for a, b in zip(keys, variant, strict=True))
                ):
                    found.append((number, start, last + 1))
        return found

    def add_first_names(self, names: Iterable[str]) -> None:
        """First names the tagger found, known once the story is tagged and its spans cleaned."""
        self.tagged = self.tagged | frozenset(names)
        self.first_names = self.first_names | self.tagged
        self._names_or_bare = None

    def elsewhere(self, word: str, following: str) -> bool:
        """Whether the story writes ``word`` (normalised) somewhere else than right before ``following``."""
        key, after = term(word) or word, term(following) or following
        before = sum(
            1
            for number, index in self._places(key)
            if index + 1 < len(self.texts[number]) and self.texts[number][index + 1].key == after
        )
        return self._key_counts[key] > before

    def only_before(self, word: str, following: str) -> bool:
        """Whether the story writes ``word`` (normalised) with no clitic glued on twice or more, and only ever right
        before ``following``: a first name before the surname the story repeats with it («رفعت السعيد» twice),
        though the word is a verb too, and the story writes the verb with its conjunction («ورفعت الشرطة»)."""
        key, after = term(word) or word, term(following) or following
        bare = [(number, index) for number, index in self._places(key) if self.texts[number][index].norm == word]
        return len(bare) >= 2 and all(
            index + 1 < len(self.texts[number])
            and self.texts[number][index + 1].joined
            and self.texts[number][index + 1].key == after
            for number, index in bare
        )

    def first_before(self, surname: str) -> str | None:
        """The full name of a one-word surname (a key) from a word no list calls a first name: the word the story
        writes bare right before the surname twice or more and nowhere else (:meth:`only_before`), no very common
        word of news («قال») nor a noun with a possessive pronoun, and the same word each time. «رفعت الأسد» (the
        tagger's «الأسد» alone): «رفعت» is his first name. Read only where the surname would otherwise be
        somebody else's full name (see :func:`mawjaz.digest.actors._lengthen_people`)."""
        found: set[tuple[str, str]] = set()
        for number, index in self._places(surname):
            tokens = self.texts[number]
            if index == 0 or not tokens[index].joined:
                return None
            previous = tokens[index - 1]
            norm = previous.norm
            if not (
                plain_name(norm)
                and self.name_lists.ranks.get(norm, 1 << 30) >= VERY_COMMON_RANK
                and not possessed_noun(norm, self.name_lists)
                and self.only_before(norm, tokens[index].norm)
            ):
                return None
            found.add((norm, f"{previous.raw} {tokens[index].raw}"))
        if len({norm for norm, _ in found}) != 1:
            return None
        return min(raw for _, raw in found)

    def _conjoined(self, token: _Token) -> bool:
        """A word with a conjunction or preposition glued to it begins a phrase: nothing before it is its name."""
        if token.norm[:1] in ("و", "ف") and token.key == token.norm[1:]:  # «وأنسية»: the stemmer's word for it
            return True
        if self._names_or_bare is None:
            self._names_or_bare = self.first_names | self.bare
        return bool(_bare(token.norm, self.name_lists.ranks, self._names_or_bare, self.first_names)[0])

    def _rare(self, token: _Token) -> bool:
        """A word no commoner than names are: «مولود» may be a first name, «قال» may not, nor a noun with a
        possessive pronoun («المنتهية ولايتها مية الجريبي»: see :func:`possessed_noun`)."""
        return (
            plain_name(token.norm)
            and self.name_lists.ranks.get(token.norm, 1 << 30) >= COMMON_RANK
            and not possessed_noun(token.norm, self.name_lists)
        )

    def _is_first_name(self, token: _Token) -> bool:
        """A first name by the tagger or the word lists; a common word the lists call a name («رفعه», «عودة»)
        only by the tagger."""
        if token.raw in _NAMES_LIKE_WORDS:
            return True
        bare = _bare(token.norm, self.name_lists.ranks, self.first_names, self.first_names)[1]
        if (
            bare != token.norm
            and token.norm[0] in "لبك"
            and self.name_lists.ranks.get(token.norm, 1 << 30) < COMMON_RANK
        ):
            return False  # «لصالح غولدن ستيت»: a preposition's common word of its own, not ل + «صالح»
        if bare in self.tagged:
            return True
        return bare in self.name_lists.first_names and (
            bare in self.name_lists.name_words or self.name_lists.ranks.get(bare, 1 << 30) >= COMMON_RANK
        )

    def full_forms(self, variants: Iterable[Sequence[str]]) -> Counter[str]:
        """How often each full form of a person is written: a variant's words with the first names before them.

        ``variants`` are the person's names as keys (``term`` of each word).
        A word before the name counts as a first name when the word lists or
        the tagger say so, or when it is a rare word the story writes only
        ever right before the name, at least once after a title or adjective
        («وزير الخارجية التركي مولود جاويش أوغلو»; not the verb of «ترأس
        مهاتير محمد»).
        """
        places: dict[tuple[int, int], int] = {}
        for variant in variants:
            for number, start, end in self._matches(tuple(variant)):
                if places.get((number, end), end + 1) > start:
                    places[(number, end)] = start  # the longest variant ending there
        before: Counter[str] = Counter()
        titled: set[str] = set()  # «التركي مولود …»: after a title or adjective at least once
        for (number, _end), start in places.items():
            tokens = self.texts[number]
            if start > 0 and tokens[start].joined:
                before[tokens[start - 1].key] += 1
                if start > 1 and tokens[start - 1].joined and _ARTICLE.match(tokens[start - 2].norm):
                    titled.add(tokens[start - 1].key)
        local = {k for k, n in before.items() if n == self._key_counts[k] and k in titled and k not in self.other_names}
        covered = {(number, i) for (number, end), start in places.items() for i in range(start, end)}
        forms: Counter[str] = Counter()
        for (number, end), start in sorted(places.items()):
            tokens = self.texts[number]
            first = start
            # «ميسي ورونالدو», «ستيف بفيروس»: a clitic glued to a name's first word ends the name there
            # and a place starting with a title («الرئيس الأمريكي دونالد ترامب») takes nothing before it
            while (
                first > 0
                and start - first < MAX_FIRST_NAMES
                and tokens[first].joined
                and not self._conjoined(tokens[first])
                and (
                    plain_name(tokens[first].norm)
                    # a surname with the article written alone after a first name: «علي السيستاني»
                    or first == start == end - 1
                    and self._is_first_name(tokens[first - 1])
                )
            ):
                previous = tokens[first - 1]
                if (number, first - 1) in covered:  # «سامي نور سامي نور»: another place of the name
                    break
                if not (self._is_first_name(previous) or previous.key in local and self._rare(previous)):
                    break
                first -= 1
            if first == start:
                # not lengthened: full only from a first name inside it («الرئيس السوري بشار الأسد» → «بشار الأسد»)
                while first < end - 1 and not self._is_first_name(tokens[first]):
                    first += 1
                if first == end - 1:
                    continue
            words = [t.raw for t in tokens[first:end]]
            forms[without_proclitic(" ".join(words), self.name_lists.ranks, self.bare, self.first_names, True)] += 1
        return _into_longer(_without_phrase_words(forms, self.name_lists))


def _without_phrase_words(forms: Counter[str], name_lists: NameLists) -> Counter[str]:
    """Full forms less a phrase's word before the name (:func:`phrase_word`) where the story writes the name without
    it at least as often: «زملاء محمد صلاح» ("Salah's teammates", once) is «محمد صلاح» (five times) written once
    more. A name written whole more often than without its first word keeps it («دنيا سمير غانم» is not her
    father «سمير غانم»)."""
    out = Counter(forms)
    for form in sorted(forms, key=lambda f: -len(f.split())):
        words = form.split()
        rest = " ".join(words[1:])
        if len(words) >= 3 and out[rest] >= out[form] > 0 and phrase_word(words[0], words[1], name_lists):
            out[rest] += out.pop(form)
    return +out


def phrase_word(word: str, following: str, name_lists: NameLists) -> bool:
    """A word before a full name that may be the phrase's, not the name's: a plain word the story's tags made a
    first name, before a first name of the lists (:func:`tagged_plain_lead`: «زملاء محمد صلاح», «ركن تركي
    المالكي» of «العميد الركن»), or a plain word with «لـ», «بـ» or «و» glued on that no list calls a name's
    («لجهود نادر الحريري», «بتكليف يوسف الشاهد», «وإخراج نجيب خلف الله»; «لطفي», «ليلى» are names)."""
    if tagged_plain_lead(word, following, name_lists):
        return True
    norm = normalise(word)
    if norm in name_lists.first_names or norm in name_lists.name_words or len(norm) < 4:
        return False
    return norm[0] in "لبو" and not norm.startswith("ال") and norm in name_lists.plain_words


def _into_longer(forms: Counter[str]) -> Counter[str]:
    """A form that ends a longer one counts for it: «نصر الله» written alone is «حسن نصر الله» shortened."""
    keys = {form: name_keys(form) for form in forms}
    out: Counter[str] = Counter()
    for form in sorted(forms, key=lambda f: -len(keys[f])):
        longer = [f for f in out if len(keys[f]) > len(keys[form]) and keys[f][-len(keys[form]) :] == keys[form]]
        out[max(longer, key=lambda f: out[f]) if longer else form] += forms[form]
    return out


def commonest_spelling(forms: Counter[str]) -> str:
    """The form written most often; between equals, the spelling news uses most (lowest idf), then the first seen."""
    order = {form: i for i, form in enumerate(forms)}
    return max(forms, key=lambda f: (forms[f], -_rarity(f), -order[f]))


@lru_cache(maxsize=1 << 16)
def _rarity(form: str) -> float:
    """How rare a written form's words are in news (summed idf), once per form: an actor's display name is
    asked for again and again as the story's actors merge."""
    idf = shipped_idf()
    return sum(idf(term(w) or w) for w in normalise(form).split())
