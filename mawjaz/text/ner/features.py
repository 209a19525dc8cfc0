"""Features of a token in context, for the NER tagger's CRF.

Names unseen in training are the hard part of Arabic NER: there is no capital
letter, and clitics glue onto names («ولدمشق»). So a token is described by
what generalises beyond its spelling: its normalised and clitic-stripped
forms, affixes, shape, the word cluster it falls in (learned without labels
from raw text), gazetteer hits (one or several tokens) and trigger words
around it (titles such as «الرئيس», kinds of bodies such as «وزارة»).

Everything that depends on the token alone is computed once per distinct
token and cached; only the sentence-level features (bigrams, multi-token
gazetteer spans) are built per sentence. That is what keeps tagging fast.
:meth:`FeatureExtractor.sequence` writes the features out as text: that is
their definition, and what training reads. Tagging reads the same features
from :meth:`FeatureExtractor.columns`, which keeps each word's as the models'
packed attribute ids (:mod:`mawjaz.text.ner.crf`) and finds the known
two- and three-word features by their words; tests hold the two equal.
Profiled on 1,000 ANT articles, tagging spent a third of its time writing
features out (half of it describing new words), two fifths in
python-crfsuite (four fifths of that turning strings into attribute ids)
and a tenth on document evidence; see ``bench/tagger_speed.py``.

The feature set was chosen on a development split carved from the end of the
ANERcorp train split (first pass alone, train on the first 80 %): adding the
clitic-stripped form's clusters, membership of a multi-token gazetteer entry,
suffixes of the stripped form, cluster bigrams/trigrams, the identity and
distance of the title before a name, the stripped words at ±3 and stripped
bigrams raised micro-F1 there from 0.727 to 0.736 (with c1 0.02).

Tried there and not kept (two-pass model, dev micro-F1 0.768): cue words
learned from the train split itself — the words that most often stand just
before a name of a type or head a multi-word one («نادي», «وكالة», «مدينة»),
as a shared class feature at the word and at ±1, ±2. ORG rose (0.617 → 0.628
with cues of all three types, → 0.635 with PER and ORG cues only) but LOC
fell by as much (0.874 → 0.862 / 0.866): micro 0.768 / 0.769.

Also tried (session 4): 4-letter affixes of the word and its stripped form
(first pass alone 0.734 → 0.737, two passes 0.778 → 0.774), the share of long
vowels ا و ي in the word (foreign names are written with many; first pass
0.731) and its consonant skeleton (letters outside ا و ي ت م ن س ه أ as one
symbol, for the Arabic patterns that common words follow; first pass 0.732).
Most missed names on dev are single-word companies, clubs and newspapers
(«نوكيا», «الغرافة», «الراية») that nothing in the text marks as names.
"""

from __future__ import annotations

import itertools
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, repeat
from operator import itemgetter
from typing import NamedTuple, Protocol

from mawjaz.text.clitics import split_by_rank
from mawjaz.text.normalise import normalise, normalise_short

# Bare forms (normalised below); matched on the word and on its form without
# clitics and article, so «الرئيس», «ورئيس» and «للرئيس» all fire.
_TRIGGER_WORDS: dict[str, str] = {
    **dict.fromkeys(
        "رئيس سيد سيده شيخ ملك ملكه امير اميره وزير وزيره دكتور مستشار نائب زعيم قائد جنرال عقيد لواء عميد "
        "مشير رائد نقيب بابا امام حاج متحدث ناطق سفير مبعوث استاذ فنان فنانه كاتب شاعر مخرج مدرب لاعب نجم "
        "ممثل ممثله مطرب مغني مغنيه روائي صحفي مراسل مدير امين سناتور مرشح حاكم مفتي كاردينال قس رئيسه "
        "مساعد رجل زوجه زوج ابن بن بنت ابو شقيق نجل عاهل مسؤول".split(),
        "PER",
    ),
    **dict.fromkeys("قال قالت اكد اكدت اضاف اضافت صرح اعلن اعلنت اوضح اشار ذكر".split(), "SAY"),
    **dict.fromkeys(
        "شركه وكاله منظمه حزب حركه جامعه وزاره مجلس اتحاد بنك مصرف جمعيه هيئه لجنه صحيفه جريده مجله موسسه "
        "نادي فريق منتخب تنظيم جبهه جيش قناه اذاعه محكمه مركز معهد برلمان امم مكتب اكاديميه كتائب مجموعه "
        "تحالف ائتلاف مفوضيه سلطه نقابه رابطه صندوق بورصه كليه مستشفى مدرسه".split(),
        "ORG",
    ),
    **dict.fromkeys(
        "مدينه محافظه ولايه منطقه قريه بلده جزيره جزر نهر جبل جبال اقليم دوله عاصمه شمال جنوب شرق غرب "
        "شمالي جنوبي شرقي غربي بحر خليج مخيم حي شارع ميناء مطار صحراء بلاد بحيره وادي ساحل قطاع ضفه "
        "قضاء بلدات مدن دول عواصم".split(),
        "LOC",
    ),
}

TRIGGERS = {normalise(word): kind for word, kind in _TRIGGER_WORDS.items()}

_SUFFIX = re.compile(r"(?<=...)(هما|كما|هم|هن|كم|نا|ها|ات|ون|ين|ان|يه|ه|ي|ك)$")
_ARABIC = re.compile(r"[\u0621-\u064A]")
_LATIN = re.compile(r"[a-z]")
_DIGIT = re.compile(r"\d")
# Words a tagger keeps described, least recently used dropped first (≈ 1.4 kB each when tagging: ≈ 70 MB at
# most; 2.3 kB and 115 MB while each feature was kept as crfsuite's 16-byte record rather than its 4-byte id).
# A long ingest meets new words without end (names, typos, clitic forms), so the cache is full in the end,
# and its bound is the tagger's memory. On ANT v2.1 + JawharaFM in order (1M tokens, 118k distinct),
# 49,152 words kept least-recently-used find 86.0 % of tokens; the 100,000 cleared when full that were here
# found 85.8 %, in twice the memory (a miss costs ≈ 80 µs, a hit ≈ 0.2 µs).
_MAX_CACHE = 49_152
_LOOK_BACK = 4


@dataclass(frozen=True)
class Lexicon:
    """What the features look words up in, all in normalised form.

    ``clusters`` maps a word to its space-separated cluster ids (coarse to fine); ``ranks`` to its frequency rank
    in the raw text the clusters were learned from (0 = most frequent), which
    decides whether «بشار» is ب + «شار» (no: «بشار» is the commoner word).
    ``gazetteer`` maps token tuples to a type, ``longest`` is its longest entry.
    ``history`` maps a clitic-stripped form to how the first pass tagged it in
    raw text (``ORG:most``; second pass only, see :mod:`mawjaz.text.ner.history`).
    ``signs`` maps a word to its word vector's leading dimensions discretised
    (``+-..+``, see :func:`mawjaz.text.ner.train.clusters.signs`; second pass only).
    """

    clusters: dict[str, str] = field(default_factory=dict)
    ranks: dict[str, int] = field(default_factory=dict)
    gazetteer: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest: int = 0
    history: dict[str, str] = field(default_factory=dict)
    signs: dict[str, str] = field(default_factory=dict)


def _shape(token: str, norm: str) -> str:
    if _ARABIC.search(norm):
        return "ARmix" if _DIGIT.search(norm) or _LATIN.search(norm) else "AR"
    if _LATIN.search(norm):
        return "LAT" if not _DIGIT.search(norm) else "LATmix"
    if _DIGIT.search(norm):
        return "NUM"
    return "P" + token[:1]


# A word's features as each model of the tagger reads them: packed attribute ids (4 bytes each), one string of
# bytes per model (:meth:`mawjaz.text.ner.crf.Model.ids`).
Ids = tuple[bytes, ...]


class _Models(Protocol):
    def ids(self, attributes: Iterable[str]) -> bytes: ...


# A word's features packed for one model, one string of bytes per kind, in this order: own, as_prev, as_next,
# as_prev2, as_next2, as_prev3, as_next3 (what its neighbours see of it), signs, history, history_as_prev,
# history_as_next (the second pass's; the fields of :class:`_Word`). A plain tuple, not a named one: the
# garbage collector stops tracking a tuple of bytes, while tens of thousands of cached words' named tuples
# were traversed at every full collection (about 5 % of tagging 1,000 articles from a cold start).
_WordIds = tuple[bytes, ...]


# A column of a sentence's features for one model: each token's packed features of one kind (b"" where it has
# none). A token's item for the model is its entries of every column joined, in order (:meth:`Model.tag`).
Column = Sequence[bytes]


class _Word(NamedTuple):
    """Everything about one token that does not depend on its sentence, computed once.

    (Named tuples: a tagger describes tens of thousands of words, and a frozen dataclass is slower to make.)
    """

    norm: str
    stripped: str
    own: tuple[str, ...]
    # What neighbours see of this word, already prefixed with the offset at
    # which they see it (the word before a token is its "-1").
    as_prev: tuple[str, ...]
    as_next: tuple[str, ...]
    as_prev2: tuple[str, ...]
    as_next2: tuple[str, ...]
    as_prev3: tuple[str, ...]
    as_next3: tuple[str, ...]
    trigger: str
    definite: bool
    # Its 200-cluster id ("none" when it has no clusters), for cluster n-grams.
    cluster: str
    # Its vector's marked half-axes (``vb3=+``), for the second pass.
    signs: tuple[str, ...]
    # How the first pass tagged its form in raw text (``Lexicon.history``), for the second pass:
    # as its own feature, and as the token after and the token before it see it.
    history: tuple[str, ...]
    history_as_prev: tuple[str, ...]
    history_as_next: tuple[str, ...]
    # The same, as each of the tagger's models reads them, first pass first (None when the extractor has no
    # models: training).
    ids: tuple[_WordIds, ...] | None


class FeatureExtractor:
    """Turns a token sequence into CRF feature lists, caching per-token work."""

    def __init__(self, lexicon: Lexicon, known: frozenset[str] | None = None, models: Sequence[_Models] = ()) -> None:
        """``models``: the tagger's CRFs, first pass first (:class:`mawjaz.text.ner.crf.Model`), for
        :meth:`columns` and :meth:`second_pass_columns`; training needs none (it reads :meth:`sequence`)."""
        self.lexicon = lexicon
        # When tagging: the features the trained CRFs weigh at all. The others
        # would change no score, and crfsuite spends a third of its time on them.
        self.known = known
        # Each known feature's own string, so that cached words share them rather than hold copies.
        self._attributes = None if known is None else {f: f for f in known}
        self._models = tuple(models)
        # Each known feature's packed id in each model: a word's features are packed by lookups alone.
        self._table: dict[str, Ids] | None = None
        if known is not None and models:
            self._table = {f: tuple(model.ids([f]) for model in models) for f in known}
        self._picks = tuple(itemgetter(m) for m in range(len(models)))  # one model's of an Ids
        self._empty: Ids = tuple(b"" for _ in models)
        self._pairs = _Pairs(self._attributes, self._ids) if self._attributes is not None and models else None
        self._cache: OrderedDict[str, _Word] = OrderedDict()  # see _MAX_CACHE
        # The document features of a token's (first-pass tag, evidence), its own and as its neighbours see
        # them, packed for the last model: a few dozen combinations, each built once (see _evidence).
        self._seen = tuple(_Built(partial(self._evidence, offset)) for offset in ("", "-1", "+1"))
        # First tokens of multi-token gazetteer entries: most positions start none.
        self._starts = frozenset(key[0] for key in lexicon.gazetteer if len(key) > 1)
        # Every token of a multi-token entry, with the entry types it occurs in:
        # «الوداد» is part of a club's name even where the full name is not written.
        parts: dict[str, set[str]] = {}
        for key, kind in lexicon.gazetteer.items():
            if len(key) > 1:
                for token in key:
                    parts.setdefault(token, set()).update(kind.split("|"))
        self._parts = {token: "|".join(sorted(kinds)) for token, kinds in parts.items()}

    def _word(self, token: str) -> _Word:
        cache = self._cache
        cached = cache.get(token)
        if cached is not None:
            cache.move_to_end(token)
            return cached
        word = cache[token] = self._describe(token)
        if len(cache) > _MAX_CACHE:
            cache.popitem(last=False)
        return word

    def _cluster(self, norm: str, stripped: str) -> tuple[str, str]:
        """The word's cluster ids, found as written or else without its clitics (and which it was)."""
        clusters = self.lexicon.clusters
        ids = clusters.get(norm)
        if ids is not None:
            return ids, "w"
        ids = clusters.get(stripped)
        if ids is not None:
            return ids, "s"
        return "", ""

    def _describe(self, token: str, text: bool = False) -> _Word:
        """What is known of ``token``: its features as text, or when tagging (and not ``text``), as packed ids only."""
        lex = self.lexicon
        norm = normalise_short(token) or token  # remembered: the actor passes fold the same words next
        prefix, stripped = split_by_rank(norm, lex.ranks)
        stem = _SUFFIX.sub("", stripped)
        shape = _shape(token, norm)
        ids, source = self._cluster(norm, stripped)
        trigger = TRIGGERS.get(stripped) or TRIGGERS.get(norm)
        gaz = lex.gazetteer.get((norm,)) or lex.gazetteer.get((stripped,))
        rank = lex.ranks.get(norm)
        known = "unk" if rank is None else "rk=" + str(min(rank.bit_length(), 16))
        # Common nouns also occur with the article, most foreign names never do.
        if "ال" in prefix or "لل" in prefix:
            article = "art=bare" if stripped in lex.ranks else "art=only"
        else:
            article = "art=also" if "ال" + stripped in lex.ranks else "art=never"
        own = [
            "bias",
            "w=" + norm,
            "s=" + stripped,
            "st=" + stem,
            "pre=" + prefix,
            "p2=" + stripped[:2],
            "p3=" + stripped[:3],
            "x1=" + norm[-1:],
            "x2=" + norm[-2:],
            "x3=" + norm[-3:],
            "sh=" + shape,
            "len=" + str(min(len(stripped), 8)),
            known,
            article,
        ]
        own.extend(("sx2=" + stripped[-2:], "sx3=" + stripped[-3:], "sp1=" + stripped[:1]))
        near = ["w=" + norm, "s=" + stripped, "sh=" + shape, "pre=" + prefix, "x2=" + norm[-2:]]
        far = ["s=" + stripped]
        cluster = "none"
        if ids:
            levels = ids.split(" ")
            own.extend(f"c{n}={c}" for n, c in enumerate(levels))
            own.append("csrc=" + source)
            near.extend(f"c{n}={c}" for n, c in enumerate(levels))
            cluster = levels[min(1, len(levels) - 1)]
            far.append("c1=" + cluster)
        if stripped != norm:
            # «والأسد» found as written still says which class «أسد» falls in.
            bare = lex.clusters.get(stripped)
            if bare:
                levels = bare.split(" ")
                own.extend(f"sc{n}={levels[n]}" for n in (1, 2) if n < len(levels))
        if trigger:
            own.append("tr=" + trigger)
            near.append("tr=" + trigger)
            far.append("tr=" + trigger)
        if gaz:
            own.append("g1=" + gaz)
            near.append("g1=" + gaz)
        part = self._parts.get(norm) or self._parts.get(stripped)
        if part:
            own.append("gp=" + part)
            near.append("gp=" + part)
        marks = lex.signs.get(norm, "")
        if not marks.strip("."):
            marks = lex.signs.get(stripped, "")
        signs = [f"vb{j}={m}" for j, m in enumerate(marks) if m != "."]
        entry = lex.history.get(stripped)
        groups = (
            own,
            ["-1" + f for f in near],
            ["+1" + f for f in near],
            ["-2" + f for f in far],
            ["+2" + f for f in far],
            ["-3s=" + stripped],
            ["+3s=" + stripped],
            signs,
            ["rx=" + entry, "rt=" + entry.partition(":")[0]] if entry else [],
            ["-1rx=" + entry] if entry else [],
            ["+1rx=" + entry] if entry else [],
        )
        definite = "ال" in prefix or "لل" in prefix
        packed: tuple[_WordIds, ...] | None = None
        if self._table is not None and not text:  # tagging: the packed ids alone
            texts: list[tuple[str, ...]] = [()] * 11
            packed = self._pack(groups)
        else:
            texts = list(map(self._kept, groups))
            if self._models and not text:
                packed = tuple(zip(*map(self._ids, texts)))
        return _Word(
            norm=norm,
            stripped=stripped,
            own=texts[0],
            as_prev=texts[1],
            as_next=texts[2],
            as_prev2=texts[3],
            as_next2=texts[4],
            as_prev3=texts[5],
            as_next3=texts[6],
            trigger=trigger or "",
            definite=definite,
            cluster=cluster,
            signs=texts[7],
            history=texts[8],
            history_as_prev=texts[9],
            history_as_next=texts[10],
            ids=packed,
        )

    def _kept(self, features: list[str]) -> tuple[str, ...]:
        """``features`` less those the models do not weigh (see ``known``)."""
        if self._attributes is None:
            return tuple(features)
        return tuple(filter(None, map(self._attributes.get, features)))

    def _pack(self, groups: Sequence[list[str]]) -> tuple[_WordIds, ...]:
        """Each group of features packed for each model, by lookups in ``_table`` (unknown ones left out)."""
        get, join = self._table.get, b"".join  # type: ignore[union-attr]
        found = [list(filter(None, map(get, features))) for features in groups]
        return tuple(tuple([join(map(pick, ids)) for ids in found]) for pick in self._picks)

    def _text_word(self, token: str) -> _Word:
        """The word with its features as text (a tagger's cached words hold packed ids only)."""
        return self._word(token) if self._table is None else self._describe(token, text=True)

    def _ids(self, features: Iterable[str]) -> Ids:
        """``features`` packed for each model (those a model does not know left out)."""
        if self._table is None:
            features = tuple(features)
            return tuple(model.ids(features) for model in self._models)
        found = list(map(self._table.__getitem__, features))
        return tuple(b"".join(map(pick, found)) for pick in self._picks)

    def signs(self, tokens: Sequence[str]) -> list[list[str]]:
        """The second pass's word-vector features of each token (see ``Lexicon.signs``)."""
        return [list(self._text_word(t).signs) for t in tokens]

    def form(self, token: str) -> str:
        """The token's normalised form without clitics (what document evidence is keyed on)."""
        return self._word(token).stripped

    def _gazetteer_spans(self, words: Sequence[_Word]) -> list[str]:
        """Longest gazetteer match at each position: ``B-LOC``/``I-LOC`` style marks, or ''."""
        lex = self.lexicon
        marks = [""] * len(words)
        if lex.longest < 2:
            return marks
        starts = self._starts
        i = 0
        while i < len(words):
            found = 0
            if words[i].norm not in starts and words[i].stripped not in starts:
                i += 1
                continue
            for n in range(min(lex.longest, len(words) - i), 1, -1):
                key = tuple(w.norm for w in words[i : i + n])
                kind = lex.gazetteer.get(key)
                if kind is None:
                    key = (words[i].stripped, *key[1:])
                    kind = lex.gazetteer.get(key)
                if kind is not None:
                    marks[i] = "B-" + kind
                    for j in range(i + 1, i + n):
                        marks[j] = "I-" + kind
                    found = n
                    break
            i += found or 1
        return marks

    def words(self, tokens: Sequence[str]) -> list[_Word]:
        """What is known of each token of one sentence on its own (cached per distinct token)."""
        return [self._word(t) for t in tokens]

    def sequence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Feature lists for each token of one sentence, as text: what training reads.

        This is the definition of the features; :meth:`columns` computes the
        same for tagging, faster, and a test holds the two equal.
        """
        return self._text_rows([self._text_word(t) for t in tokens])

    def _text_rows(self, words: Sequence[_Word]) -> list[list[str]]:
        spans = self._gazetteer_spans(words)
        size = len(words)
        known = self.known
        out: list[list[str]] = []
        for i, word in enumerate(words):
            # The per-word parts were filtered once (see ``known``); the pairs built here are filtered below.
            feats = list(word.own)
            more: list[str] = []
            before_cluster = after_cluster = "BOS"
            if i >= 1:
                prev = words[i - 1]
                before_cluster = prev.cluster
                feats.extend(list(prev.as_prev))
                more.append("b-=" + prev.norm + "|" + word.norm)
                more.append("bs-=" + prev.stripped + "|" + word.stripped)
                if i >= 2:
                    feats.extend(list(words[i - 2].as_prev2))
                    if i >= 3:
                        more.append("-3s=" + words[i - 3].stripped)
            else:
                more.append("BOS")
            if i + 1 < size:
                nxt = words[i + 1]
                after_cluster = nxt.cluster
                feats.extend(list(nxt.as_next))
                more.append("b+=" + word.norm + "|" + nxt.norm)
                more.append("bs+=" + word.stripped + "|" + nxt.stripped)
                if i + 2 < size:
                    feats.extend(list(words[i + 2].as_next2))
                    if i + 3 < size:
                        more.append("+3s=" + words[i + 3].stripped)
            else:
                more.append("EOS")
                after_cluster = "EOS"
            more.append("cc-=" + before_cluster + "|" + word.cluster)
            more.append("cc+=" + word.cluster + "|" + after_cluster)
            more.append("ccc=" + before_cluster + "|" + word.cluster + "|" + after_cluster)
            more.extend(_triggered(words, i))
            if spans[i]:
                more.append("G=" + spans[i])
            if i >= 1 and spans[i - 1]:
                more.append("-1G=" + spans[i - 1])
            if i + 1 < size and spans[i + 1]:
                more.append("+1G=" + spans[i + 1])
            feats.extend(more if known is None else filter(known.__contains__, more))
            out.append(feats)
        return out

    def columns(self, words: Sequence[_Word]) -> list[list[Column]]:
        """What :meth:`sequence` gives for the sentence of ``words``, as the models read it: for each model,
        first pass first, the sentence's :data:`Column`\\ s (a token's item is its entries joined, in order).

        Tagging's hot loop: a word's features were packed once, and the
        features made of two or three words are looked up by those words
        (:class:`_Pairs`) instead of being written out and then, mostly,
        found unknown. Nothing here is done per token in Python but the rare
        features (:meth:`_rare`): the columns are sliced from the words' packed
        features and mapped from the pairs, and crfsuite's items are joined
        from them in C (:func:`mawjaz.text.ner.crf.items`).
        """
        pairs, attributes = self._pairs, self._attributes
        if not words:
            return [[[]] for _ in self._models]
        if pairs is None or attributes is None:  # no attribute list: every feature written out, the slow way
            return [[list(items)] for items in zip(*map(self._ids, self._text_rows(words)))]
        spans = self._gazetteer_spans(words)
        size, nothing = len(words), self._empty
        norms = [w.norm for w in words]
        stripped = [w.stripped for w in words]
        clusters = [w.cluster for w in words]
        befores, afters = ["BOS", *clusters[:-1]], [*clusters[1:], "EOS"]
        # The features of two or three words, every model's. Sentence-initial BOS stands in the (empty) b- of the
        # first token, EOS in the (empty) bs+ of the last: no feature lies between their places and those.
        shared = (
            [pairs.bos, *map(pairs.b_minus.get, zip(norms, norms[1:]), repeat(nothing))],
            [nothing, *map(pairs.bs_minus.get, zip(stripped, stripped[1:]), repeat(nothing))],
            [*map(pairs.b_plus.get, zip(norms, norms[1:]), repeat(nothing)), nothing],
            [*map(pairs.bs_plus.get, zip(stripped, stripped[1:]), repeat(nothing)), pairs.eos],
            list(map(pairs.cc_minus.get, zip(befores, clusters), repeat(nothing))),
            list(map(pairs.cc_plus.get, zip(clusters, afters), repeat(nothing))),
            list(map(pairs.ccc.get, zip(befores, clusters, afters), repeat(nothing))),
            self._rare(words, spans, attributes),
        )
        e1, e2, e3 = (b"",), (b"",) * min(2, size), (b"",) * min(3, size)
        out = []
        for m, packed in enumerate(zip(*[w.ids for w in words])):
            own, prev, nxt, prev2, next2, prev3, next3 = list(zip(*packed))[:7]
            b_minus, bs_minus, b_plus, bs_plus, cc_minus, cc_plus, ccc, rare = (
                list(map(itemgetter(m), column)) for column in shared
            )
            # One column per kind of feature, in the order sequence() writes them; b"" where a kind is absent.
            out.append(
                [
                    own,
                    e1 + prev[:-1],
                    e2 + prev2[:-2],
                    nxt[1:] + e1,
                    next2[2:] + e2,
                    b_minus,
                    bs_minus,
                    e3 + prev3[:-3],
                    b_plus,
                    bs_plus,
                    next3[3:] + e3,
                    cc_minus,
                    cc_plus,
                    ccc,
                    rare,
                ]
            )
        return out

    def _rare(self, words: Sequence[_Word], spans: list[str], attributes: dict[str, str]) -> list[Ids]:
        """The features of each token that only some positions have: a trigger word a few words
        back (:func:`_triggered`), gazetteer spans here and beside (only those positions are visited)."""
        size = len(words)
        rare = [self._empty] * size
        near: set[int] = set()  # a trigger in the 4 words before
        for j in compress(range(size), [w.trigger for w in words]):
            near.update(range(j + 1, min(j + 1 + _LOOK_BACK, size)))
        marked = set(near)
        for j in compress(range(size), spans):
            marked.update(range(max(j - 1, 0), min(j + 2, size)))
        last = size - 1
        for i in marked:
            found = _triggered(words, i) if i in near else []
            if spans[i]:
                found.append("G=" + spans[i])
            if i and spans[i - 1]:
                found.append("-1G=" + spans[i - 1])
            if i < last and spans[i + 1]:
                found.append("+1G=" + spans[i + 1])
            if found:
                rare[i] = self._ids(filter(None, map(attributes.get, found)))
        return rare

    def second_pass_columns(
        self, words: Sequence[_Word], columns: list[Column], tags: list[str], evidence: list[str]
    ) -> list[Column]:
        """The last model's columns for one sentence: its ``columns`` (the first pass's features, packed
        for it), then the document evidence of :func:`mawjaz.text.ner.document.document_features` (from
        the first pass's ``tags`` and :func:`mawjaz.text.ner.document.document_evidence`), then each
        word's raw-text history and its neighbours' (:func:`mawjaz.text.ner.history.history_features`),
        then its signs: :func:`mawjaz.text.ner.document.second_pass_features` applied to those three in
        turn, as training builds them (crfsuite adds the weights in the order it is given them).
        """
        if not words:
            return columns
        keys = list(zip(tags, evidence, strict=True))
        own, before, after = self._seen
        packed = list(zip(*[w.ids[-1] for w in words]))  # type: ignore[index]
        signs, history, history_as_prev, history_as_next = packed[7:]
        e1 = (b"",)
        return [
            *columns,
            list(map(own.__getitem__, keys)),
            [b"", *map(before.__getitem__, keys[:-1])],
            [*map(after.__getitem__, keys[1:]), b""],
            history,
            e1 + history_as_prev[:-1],
            history_as_next[1:] + e1,
            signs,
        ]

    def _evidence(self, offset: str, tag: str, evidence: str) -> bytes:
        """The document features a token's own first-pass tag and evidence give (``offset`` ''), or its
        neighbour's (``-1``, ``+1``), packed for the last model."""
        if offset:
            found = [offset + "s1=" + tag] + ([offset + "dt=" + evidence] if evidence else [])
        else:
            kind, _, share = evidence.partition(":")
            found = ["s1=" + tag] + (["dt=" + kind, "dr=" + share, "dtr=" + evidence] if evidence else [])
        return self._ids(self._kept(found))[-1]


class _Built(dict[tuple[str, str], bytes]):
    """A dict that builds a missing value from its key, once: ``map(built.__getitem__, keys)`` runs in C."""

    def __init__(self, build: Callable[[str, str], bytes]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: tuple[str, str]) -> bytes:
        value = self[key] = self._build(*key)
        return value


def _triggered(words: Sequence[_Word], i: int) -> list[str]:
    """The trigger word a few words before word ``i``, if any, and whether a run of definite words joins them.

    Titles often stand a few words before the name: «وزير الدفاع الأمريكي دونالد …»;
    a kind of body heads a run of definite words that names it: «حزب التجمع المصري».
    """
    run = words[i].definite
    for back in range(1, min(i, _LOOK_BACK) + 1):
        before = words[i - back]
        if before.trigger:
            found = ["btr=" + before.trigger, "btrw=" + before.stripped, f"btrd={back}{before.trigger}"]
            if run:
                found.append(f"trun={before.trigger}")
            return found
        run = run and before.definite
    return []


class _Pairs:
    """The known features made of two or three words' parts, keyed by those parts.

    ``b-=الرئيس|بشار`` is found as ``b_minus[("الرئيس", "بشار")]``: a lookup of two strings
    whose hashes Python keeps, instead of a new string written out for every token and, nine
    times in ten, not found. A part may itself hold ``|`` (the token «|»), so a feature is
    filed under every way of cutting it at ``|``: a lookup hits exactly when the written-out
    feature would be known.
    """

    def __init__(self, attributes: dict[str, str], ids: Callable[[Iterable[str]], Ids]) -> None:
        self.b_minus = _keyed(attributes, "b-=", 2, ids)
        self.bs_minus = _keyed(attributes, "bs-=", 2, ids)
        self.b_plus = _keyed(attributes, "b+=", 2, ids)
        self.bs_plus = _keyed(attributes, "bs+=", 2, ids)
        self.cc_minus = _keyed(attributes, "cc-=", 2, ids)
        self.cc_plus = _keyed(attributes, "cc+=", 2, ids)
        self.ccc = _keyed(attributes, "ccc=", 3, ids)
        self.bos = ids(filter(None, [attributes.get("BOS")]))
        self.eos = ids(filter(None, [attributes.get("EOS")]))


def _keyed(
    attributes: dict[str, str], prefix: str, parts: int, ids: Callable[[Iterable[str]], Ids]
) -> dict[tuple[str, ...], Ids]:
    keyed: dict[tuple[str, ...], Ids] = {}
    for text in attributes:
        if text.startswith(prefix):
            rest = text[len(prefix) :]
            bars = [j for j, c in enumerate(rest) if c == "|"]
            packed = ids([text])
            for cuts in itertools.combinations(bars, parts - 1):
                bounds = (-1, *cuts, len(rest))
                keyed[tuple(rest[a + 1 : b] for a, b in itertools.pairwise(bounds))] = packed
    return keyed
