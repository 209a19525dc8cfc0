"""The one normaliser, as a table: every spelling variant on the left folds to the form on the right."""

from __future__ import annotations

import pytest

from mawjaz.text.normalise import normalise, words

TABLE = [
    # hamza and alef forms
    ("أحمد", "احمد"),
    ("إسرائيل", "اسراييل"),
    ("آلاف", "الاف"),
    ("ٱلله", "الله"),
    ("مؤتمر", "موتمر"),
    ("رئيس", "رييس"),
    ("سُئل", "سيل"),
    # ta marbuta and alef maqsura
    ("الدولة", "الدوله"),
    ("مستشفى", "مستشفي"),
    ("على", "علي"),
    # tashkeel, superscript alef, tatweel
    ("مُحَمَّدٌ", "محمد"),
    ("الرَّحْمٰن", "الرحمن"),
    ("الـــــرئيس", "الرييس"),
    # Arabic-Indic and Persian digits, Arabic punctuation
    ("٢٠١٨", "2018"),
    ("۱۴۰۲", "1402"),
    ("٪٥٠", "%50"),
    ("نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"),
    # presentation forms (NFKC)
    ("ﻻ", "لا"),
    ("ﷲ", "الله"),
    ("ﺑﻐﺪﺍﺩ", "بغداد"),
    # Persian and Urdu letters
    ("کیهان", "كيهان"),
    # zero-width and bidi controls vanish
    ("دا\u200cعش", "داعش"),
    ("دا\u200dعش", "داعش"),
    ("\u200fداعش\u200e", "داعش"),
    ("\u202bداعش\u202c", "داعش"),
    ("\u2067داعش\u2069", "داعش"),
    ("\ufeffداعش", "داعش"),
    # quote marks fold to ASCII
    ("«داعش»", '"داعش"'),
    ("“داعش”", '"داعش"'),
    ('"داعش"', '"داعش"'),
    ("‘Daesh’", "'daesh'"),
    # Latin: case and accents
    ("ISIS", "isis"),
    ("Erdoğan", "erdogan"),
    ("Türkiye", "turkiye"),
    # whitespace
    ("  تنظيم \n\t الدولة  ", "تنظيم الدوله"),
]


@pytest.mark.parametrize(("raw", "folded"), TABLE)
def test_variant_folds_to_one_form(raw: str, folded: str) -> None:
    assert normalise(raw) == folded


def test_normalising_twice_changes_nothing() -> None:
    for raw, folded in TABLE:
        assert normalise(folded) == folded, raw


def test_words_drop_punctuation_and_keep_clitics_attached() -> None:
    assert words("«لداعش»، والأسد!") == ["لداعش", "والاسد"]


def test_hashtag_underscores_split_words() -> None:
    assert words("#مي_عز_الدين") == ["مي", "عز", "الدين"]
