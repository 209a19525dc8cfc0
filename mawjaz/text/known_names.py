"""Known places and bodies (``data/known_names.tsv``), found in a text by exact look-up.

The NER tagger never saw many names Arabic news lives on: «حلب», «القلمون», «التيار الوطني الحر» are in
none of its training sentences or gazetteers, and it misses them in headlines where they matter most. The
list is written by hand from general knowledge (its header says how), and read here as exact words after
:func:`mawjaz.text.normalise.normalise`, the longest entry first, with a proclitic allowed on the first
word: «وحلب», «بالقلمون», «للقلمون», «والتيار الوطني الحر». A hit is a name where it stands, not after
it: «لحلب» gives «حلب», its span starting after the ل; «للقلمون» (ل + القلمون, one ل written) is given
whole, for the name cleaning that reads a glued «لل» as the article.

Nothing is learned and nothing is guessed: a word the list does not hold exactly is no hit.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from itertools import compress
from operator import itemgetter

from mawjaz.text.clitics import PLAIN_PREFIXES
from mawjaz.text.normalise import normalise, normalise_short

# A word as written: letters with their marks (tashkeel, tatweel), as mawjaz.digest.actor_names reads them.
_WORD = re.compile(r"(?:[^\W_\d]|[\u0610-\u061A\u064B-\u065F\u0670\u0640])+")
_TYPES = frozenset({"LOC", "ORG", "PLATFORM"})
_DOUBLED_LAM = ("لل", "ولل", "فلل")  # ل + ال is written with one ل less: «للقلمون»


@dataclass(frozen=True, slots=True)
class KnownName:
    """A name of the list found in a text: ``text`` is ``source[start:end]``, as written (fields as the tagger's)."""

    text: str
    type: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _lines() -> tuple[tuple[str, str], ...]:
    raw = files("mawjaz.text").joinpath("data/known_names.tsv").read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, name = line.split("\t")
        if kind not in _TYPES:
            raise ValueError(f"known_names.tsv: {kind!r} is not one of {sorted(_TYPES)}")
        out.append((kind, name.strip()))
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """First normalised word → (all its words, type) of each entry, longest first."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind, name in _lines():
        words = tuple(normalise(w) for w in name.split())
        by_first.setdefault(words[0], []).append((words, kind))
    return {first: tuple(sorted(entries, key=lambda e: -len(e[0]))) for first, entries in by_first.items()}


# The matching rules' own version, in :func:`version` beside the list: 2, a platform named as where something was
# posted is no name (:func:`_posted_on`).
_RULES = 2


def version() -> str:
    """A short digest of the list and the rules that read it: names found by another are found again."""
    return hashlib.sha256(repr((_RULES, _lines())).encode()).hexdigest()[:8]


def _readings(word: str) -> list[tuple[str, int]]:
    """(the word as a list entry may write it, letters of proclitic before it) for one normalised word."""
    out = [(word, 0)]
    for prefix in PLAIN_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            out.append((word[len(prefix) :], len(prefix)))
    for prefix in _DOUBLED_LAM:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            out.append(("ال" + word[len(prefix) :], -1))  # the whole word is the name as written
    return out


def skip_letters(raw: str, letters: int) -> int:
    """Characters of ``raw`` up to and including its first ``letters`` letters (marks and tatweel ride along)."""
    seen = 0
    for i, ch in enumerate(raw):
        if ch.isalpha():
            if seen == letters:
                return i
            seen += 1
    return len(raw)


def find_known(text: str) -> list[KnownName]:
    """The list's names in ``text``, left to right, longest first, none overlapping."""
    spans = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    raws = list(map(itemgetter(2), spans))
    starts = list(compress(range(len(raws)), map(_begins, raws)))  # the words an entry may begin at: few
    if not starts:
        return []
    norms = list(map(normalise_short, raws))
    found: list[KnownName] = []
    i = 0
    for start in starts:
        hit = _match_at(text, spans, norms, start) if start >= i else None
        if hit is not None:
            name, used = hit
            found.append(name)
            i = start + used
    return found


@lru_cache(maxsize=1 << 16)
def _begins(raw: str) -> bool:
    """Whether an entry may begin at the written word ``raw``: once per distinct word."""
    return bool(_candidates(normalise_short(raw)))


def _match_at(
    text: str,
    spans: list[tuple[int, int, str]],
    norms: list[str],
    i: int,
) -> tuple[KnownName, int] | None:
    for words, kind, letters in _candidates(norms[i]):
        if kind == "PLATFORM":
            if _posted_on(norms, i):
                continue
            kind = "ORG"
        end = i + len(words)
        if end > len(spans) or tuple(norms[i + 1 : end]) != words[1:]:
            continue
        if any(text[spans[j - 1][1] : spans[j][0]].strip() for j in range(i + 1, end)):
            continue  # «دير، الزور» is no name: the words of an entry stand side by side
        start = spans[i][0] + (skip_letters(spans[i][2], letters) if letters > 0 else 0)
        stop = spans[end - 1][1]
        return KnownName(text[start:stop], kind, start, stop), len(words)
    return None


# Where something is posted: «كتب على "تويتر"», «عبر موقع التواصل الاجتماعي تويتر», «من خلال فيسبوك».
_POSTED_ON = frozenset(normalise(w) for w in ("على", "عبر", "في", "خلال"))
# Words between that preposition and the platform: «على موقع التواصل الاجتماعي تويتر», «عبر منصة يوتيوب».
_PLATFORM_NOUNS = frozenset(
    normalise(w) for w in ("موقع", "موقعي", "منصة", "منصتي", "شبكة", "تطبيق", "التواصل", "الاجتماعي")
)


def _posted_on(norms: list[str], i: int) -> bool:
    """Whether the platform at word ``i`` is named as where something was posted, not as a body that acts: a
    preposition of place before it, or before the words that name it a site («كتب على "تويتر"», «نشر عبر موقع
    التواصل الاجتماعي تويتر», «نشر بموقع يوتيوب»). Editors list «تويتر» where the story is about Twitter («تويتر
    يدعو مستخدميه»), not where a minister tweeted; a quotation mark between the words changes nothing."""
    j = i - 1
    while j >= 0 and i - j <= 5:
        word = norms[j][1:] if norms[j][:1] in ("و", "ف") and len(norms[j]) > 3 else norms[j]
        if word in _POSTED_ON or norms[j] in _POSTED_ON:
            return True
        if word in _PLATFORM_NOUNS or norms[j] in _PLATFORM_NOUNS:
            j -= 1
            continue
        return word[:1] == "ب" and word[1:] in _PLATFORM_NOUNS  # «بموقع يوتيوب»
    return False


@lru_cache(maxsize=1 << 16)
def _candidates(word: str) -> tuple[tuple[tuple[str, ...], str, int], ...]:
    """(words, type, letters of proclitic) of each entry that may begin at a normalised word, in the order they
    are tried; none for most words. Once per distinct word: every word of every text is asked."""
    index = _index()
    return tuple(
        (words, kind, letters) for reading, letters in _readings(word) for words, kind in index.get(reading, ())
    )


FILIATION = frozenset({"بن", "ابن", "بنت"})  # «بن» (son of) opens a person's nasab, and a few places' names


@lru_cache(maxsize=1)
def filiated_places() -> dict[tuple[str, ...], str]:
    """The list's places whose name opens with «بن», «ابن» or «بنت» («بن قردان», «بن عروس», «بنت جبيل»): their
    normalised words → the name as listed. The tagger reads such a «بن» as a person's nasab («اتحاد بن قردان»
    tagged a person); these are the names that say it is none."""
    return {
        words: name
        for kind, name in _lines()
        if kind == "LOC" and (words := tuple(normalise(w) for w in name.split()))[0] in FILIATION and len(words) > 1
    }
