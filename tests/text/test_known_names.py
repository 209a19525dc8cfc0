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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تويتر يدعو مستخدميه لتغيير كلمات المرور", [("تويتر", "ORG")]),
        ("غرامة أوروبية تطال واتساب وغوغل", [("واتساب", "ORG"), ("غوغل", "ORG")]),
        ("المباراة بين باشاك شهير وسيفاسبور", [("باشاك شهير", "ORG"), ("سيفاسبور", "ORG")]),
        ("فوز طرابزون سبور في طرابزون", [("طرابزون سبور", "ORG"), ("طرابزون", "LOC")]),  # the club, longest first
    ],
)
def test_platforms_and_turkish_clubs_the_tagger_never_saw_are_known(text, expected):
    """The tagger's training text predates most platforms and holds no Turkish club: «تويتر يدعو مستخدميه» gave
    no name at all, though Twitter is what the story is about."""
    assert [(k.text, k.type) for k in find_known(text)] == expected


def test_an_nba_club_is_known_by_city_and_nickname_and_not_by_the_nickname_alone():
    """The tagger reads «يوتا» of «يوتا جاز» as a place and «جاز» as nothing; the club the story is about was missed.
    A nickname alone is an ordinary or foreign word and names no club."""
    found = find_known("لقن هيوستن روكتس، مضيفه، يوتا جاز، درسا قاسيا")
    assert [(k.text, k.type) for k in found] == [("هيوستن روكتس", "ORG"), ("يوتا جاز", "ORG")]
    assert find_known("حفل موسيقى الجاز في ميامي") == []


def test_kabul_is_not_apple_with_a_glued_preposition():
    """«آبل» is left out of the list: a proclitic ك off «كابل» would leave «ابل», and Kabul would be read as
    Apple (the tagger's «كابل» then taken for the known name with a glued preposition)."""
    assert find_known("تفجير في العاصمة الأفغانية كابل") == []


@pytest.mark.parametrize(
    "text",
    [
        'وكتب الجابر الخبر على "تويتر" مشيرا إلى',
        "نشر الوزير عبر موقع التواصل الاجتماعي تويتر",
        "وأعلن ذلك في تغريدة في تويتر",
        "مقطع نشر بموقع يوتيوب",
        "وعبر فيسبوك قال",
    ],
)
def test_a_platform_named_as_where_something_was_posted_is_no_name(text):
    """A minister's tweet makes no story about Twitter: «على "تويتر"» names where he wrote, and editors do not list
    it. The platform is a name where it acts: «تويتر يدعو مستخدميه»."""
    assert find_known(text) == []


def test_a_platform_that_acts_is_a_name_though_a_preposition_comes_a_sentence_later():
    assert [(k.text, k.type) for k in find_known("وحث تويتر مستخدميه على تغيير كلمات المرور")] == [("تويتر", "ORG")]
