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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from mawjaz.text.clitics import split_by_rank
from mawjaz.text.normalise import normalise

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
_MAX_CACHE = 200_000
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


@dataclass(frozen=True)
class _Word:
    """Everything about one token that does not depend on its sentence, computed once."""

    norm: str
    stripped: str
    own: tuple[str, ...]
    # What neighbours see of this word, already prefixed with the offset at
    # which they see it (the word before a token is its "-1").
    as_prev: tuple[str, ...]
    as_next: tuple[str, ...]
    as_prev2: tuple[str, ...]
    as_next2: tuple[str, ...]
    trigger: str
    definite: bool
    # Its 200-cluster id ("none" when it has no clusters), for cluster n-grams.
    cluster: str
    # Its vector's marked half-axes (``vb3=+``), for the second pass.
    signs: tuple[str, ...] = ()


class FeatureExtractor:
    """Turns a token sequence into CRF feature lists, caching per-token work."""

    def __init__(self, lexicon: Lexicon, known: frozenset[str] | None = None) -> None:
        self.lexicon = lexicon
        # When tagging: the features the trained CRFs weigh at all. The others
        # would change no score, and crfsuite spends a third of its time on them.
        self.known = known
        self._cache: dict[str, _Word] = {}
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
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        if len(self._cache) >= _MAX_CACHE:
            self._cache.clear()
        word = self._describe(token)
        self._cache[token] = word
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

    def _describe(self, token: str) -> _Word:
        lex = self.lexicon
        norm = normalise(token) or token
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
        allowed = self.known

        def kept(features: Iterable[str]) -> tuple[str, ...]:
            return tuple(features) if allowed is None else tuple(filter(allowed.__contains__, features))

        return _Word(
            norm=norm,
            stripped=stripped,
            own=kept(own),
            as_prev=kept("-1" + f for f in near),
            as_next=kept("+1" + f for f in near),
            as_prev2=kept("-2" + f for f in far),
            as_next2=kept("+2" + f for f in far),
            trigger=trigger or "",
            definite="ال" in prefix or "لل" in prefix,
            cluster=cluster,
            signs=kept(signs),
        )

    def signs(self, tokens: Sequence[str]) -> list[list[str]]:
        """The second pass's word-vector features of each token (see ``Lexicon.signs``)."""
        return [list(self._word(t).signs) for t in tokens]

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

    def sequence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Feature lists for each token of one sentence."""
        words = [self._word(t) for t in tokens]
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
                feats.extend(prev.as_prev)
                more.append("b-=" + prev.norm + "|" + word.norm)
                more.append("bs-=" + prev.stripped + "|" + word.stripped)
                if i >= 2:
                    feats.extend(words[i - 2].as_prev2)
                    if i >= 3:
                        more.append("-3s=" + words[i - 3].stripped)
            else:
                more.append("BOS")
            if i + 1 < size:
                nxt = words[i + 1]
                after_cluster = nxt.cluster
                feats.extend(nxt.as_next)
                more.append("b+=" + word.norm + "|" + nxt.norm)
                more.append("bs+=" + word.stripped + "|" + nxt.stripped)
                if i + 2 < size:
                    feats.extend(words[i + 2].as_next2)
                    if i + 3 < size:
                        more.append("+3s=" + words[i + 3].stripped)
            else:
                more.append("EOS")
                after_cluster = "EOS"
            more.append("cc-=" + before_cluster + "|" + word.cluster)
            more.append("cc+=" + word.cluster + "|" + after_cluster)
            more.append("ccc=" + before_cluster + "|" + word.cluster + "|" + after_cluster)
            # Titles often stand a few words before the name: «وزير الدفاع الأمريكي دونالد …»;
            # a kind of body heads a run of definite words that names it: «حزب التجمع المصري».
            run = word.definite
            for back in range(1, min(i, _LOOK_BACK) + 1):
                before = words[i - back]
                if before.trigger:
                    more.append("btr=" + before.trigger)
                    more.append("btrw=" + before.stripped)
                    more.append(f"btrd={back}{before.trigger}")
                    if run:
                        more.append(f"trun={before.trigger}")
                    break
                run = run and before.definite
            if spans[i]:
                more.append("G=" + spans[i])
            if i >= 1 and spans[i - 1]:
                more.append("-1G=" + spans[i - 1])
            if i + 1 < size and spans[i + 1]:
                more.append("+1G=" + spans[i + 1])
            feats.extend(more if known is None else filter(known.__contains__, more))
            out.append(feats)
        return out
