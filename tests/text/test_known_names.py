"""The hand-written list of known places and bodies (``text/data/known_names.tsv``), read as exact words."""

from __future__ import annotations

import pytest

from mawjaz.text.known_names import _lines, find_known


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("دعم عسكري إلى المعارضة في القلمون وحلب", [("القلمون", "LOC"), ("حلب", "LOC")]),
        ("معارك بدير الزور", [("دير الزور", "LOC")]),
        ("بيان للتيار الوطني الحر", [("للتيار الوطني الحر", "ORG")]),  # one ل of «لل» is the preposition
        ("الجبهة الشعبية لتحرير فلسطين تتبنى", [("الجبهة الشعبية لتحرير فلسطين", "ORG")]),  # longest first
        ("إيبار يكتسح جيرونا", [("إيبار", "ORG"), ("جيرونا", "ORG")]),
        # a governorate named by its two cities is one place, not its first city («بعلبك» of «بعلبك الهرمل»)
        ("مرشح في دائرة بعلبك الهرمل", [("بعلبك الهرمل", "LOC")]),
    ],
)
def test_known_names_are_found_where_written_with_their_clitic_off(text, expected):
    found = find_known(text)
    assert [(k.text, k.type) for k in found] == expected
    assert all(text[k.start : k.end] == k.text for k in found)


def test_an_entry_of_several_words_is_found_only_with_its_words_side_by_side():
    assert find_known("قرب الدير، الزور") == []
    assert find_known("في ريف حلب") == [find_known("في ريف حلب")[0]]  # «ريف حلب» is no entry: «حلب» is


def test_a_word_the_list_leaves_out_as_an_ordinary_word_is_no_name():
    assert find_known("التقط صور الباب في العين") == []


def test_every_line_of_the_list_is_a_place_or_a_body_written_once():
    names = [name for _kind, name in _lines()]
    assert len(names) == len(set(names))
