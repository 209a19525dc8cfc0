"""The one Arabic normaliser of Mawjaz: folds spelling variants so that text *matches*.

Never use its output for display: it drops diacritics, merges letters and
rewrites digits. Dedup hashes, search terms, story vectors and alias keys are
all built on :func:`normalise`, so two modules can never disagree on whether
«أمريكا» and «امريكا» are the same word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from mawjaz.text.invisible import drop_invisible

# Tashkeel, Quranic annotation marks, superscript alef and tatweel carry no
# identity for matching.
_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]")
# Accented Latin letters: "Erdoğan" and "Erdogan", "Türkiye" and "Turkiye" are one name to a matcher.
_LATIN_ACCENTED = re.compile(r"[\u00C0-\u024F\u1E00-\u1EFF]")
_COMBINING = re.compile(r"[\u0300-\u036F]")

# Letter variants folded to one letter, and typographic punctuation to ASCII.
_FOLD = (
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ة": "ه",
        "ی": "ي",  # Persian yeh
        "ې": "ي",
        "ک": "ك",  # Persian kaf
        "ڪ": "ك",
        "ھ": "ه",  # Urdu heh
        "ۀ": "ه",
        # Letters for sounds standard Arabic lacks, written for them in the Maghreb and the Levant: the
        # standard spelling has the plain letter («ڨفصة» is «قفصة», «بن ڨردان» is «بن قردان»; «ڤيينا» is
        # «فيينا»; «پاکستان» is «باكستان»).
        "ڨ": "ق",  # g (Tunisia, Algeria)
        "ڤ": "ف",  # v
        "پ": "ب",  # p
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‹": '"',
        "›": '"',
        "٪": "%",
        "٫": ".",
        "٬": ",",
        "،": ",",
        "؛": ";",
        "؟": "?",
    }
    | {chr(0x0660 + i): str(i) for i in range(10)}  # Arabic-Indic digits
    | {chr(0x06F0 + i): str(i) for i in range(10)}  # Persian digits
)
_FOLDS = tuple(_FOLD.items())
# Folding one letter never makes another that is folded: the replacements may run in any order.
assert not {new for _, new in _FOLDS} & {old for old, _ in _FOLDS}

#: Two spellings of one transliterated name, folded to the more usual one (after the letters are folded).
#: Each variant is a stem that, over the ANT corpora's 84,000 distinct words, occurs only in the name it
#: spells, with its clitics and nisba endings («والأميركيين»): a table of known pairs, never a rule on
#: letters, since a rule such as «ير» → «ري» would merge unrelated words («كبير» and «كبري»).
#: Add a pair only after checking the variant's words in a large vocabulary (tests/text/test_normalise.py).
SPELLINGS: tuple[tuple[str, str], ...] = (
    ("اميرك", "امريك"),  # أميركا, الأميركية: the ي/ر order of "America"
    ("انكلتر", "انجلتر"),  # إنكلترا: g as ك (Levant, Iraq) or ج
    ("انكليز", "انجليز"),  # الإنكليزية
    ("كونجرس", "كونغرس"),  # g as ج (Egypt) or غ
    ("بنتاجون", "بنتاغون"),
    ("جوجل", "غوغل"),
    ("فيليبين", "فلبين"),  # a long vowel written or not
    ("ترمب", "ترامب"),
)
# No canonical spelling holds a variant: the replacements may run in any order, once.
assert not any(old in new for old, _ in SPELLINGS for _, new in SPELLINGS)


def normalise(text: str) -> str:
    """Fold ``text`` for matching: NFKC, no marks, one alef, ه for ة, ي for ى, ASCII digits, lower case, no Latin
    accents, and one spelling of a transliterated name that news spells two ways (:data:`SPELLINGS`).

    >>> normalise("«الإسلاميّة» ٢٠٢٤")
    '"الاسلاميه" 2024'
    >>> normalise("السفارة الأميركية") == normalise("السفارة الأمريكية")
    True
    """
    text = unicodedata.normalize("NFKC", text)
    if _LATIN_ACCENTED.search(text):
        # Only then pay for a decomposition; Arabic hamza forms decompose too, into letters and marks
        # that the steps below fold exactly as they fold the composed letters.
        text = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text)))
    text = drop_invisible(text)  # invisible, yet they split words for a naive matcher
    text = _MARKS.sub("", text)
    for old, new in _FOLDS:  # a scan per letter: several times faster than str.translate on non-ASCII text
        if old in text:
            text = text.replace(old, new)
    for old, new in SPELLINGS:
        if old in text:
            text = text.replace(old, new)
    return " ".join(text.casefold().split())  # whitespace runs as one space, none at the ends


normalise_short = lru_cache(maxsize=1 << 16)(normalise)
""":func:`normalise` for a word or a name, remembered (65,536 of them): the actor and known-name
passes fold every word of every article, and a story's words recur. Never for whole texts."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Normalised word tokens, punctuation dropped (clitics are left attached)."""
    return _WORD.findall(normalise(text))


def word_words(word: str) -> list[str]:
    """:func:`words` of one written word (or a short name), its fold remembered by :func:`normalise_short`: the
    actor passes ask for every word of every text that the tagger and the known-name pass have just folded."""
    return _WORD.findall(normalise_short(word))
