"""Key actors shown as the story writes them (issue 17, session 17): no verb or title word at a name's edge, no
person lengthened into another.

The word lists are small and given here, so these tests pin the rules, not what the shipped lists hold.
"""

from __future__ import annotations

from collections import Counter

from mawjaz.digest.actor_names import NameLists
from mawjaz.digest.actors import (
    _Actor,
    _future_imperfect,
    _merge_spacings,
    _purpose_imperfect,
    _title_qualifier,
    _two_people,
    _unlengthened,
    _unverbed,
)
from mawjaz.text.ner import Entity

NAME_LISTS = NameLists(
    first_names=frozenset({"نجيب", "تركي", "محمد", "فضل", "شاكر", "ليلى", "نصر", "حسن", "وليد"}),
    ranks={
        "يواجه": 1300,
        "تواجه": 1600,
        "نواجه": 19000,
        "اواجه": 29000,
        "ركن": 7400,
        "الركن": 5200,
        "ولد": 300,
        "لد": 40000,
        "تخبر": 9000,
        "يخبر": 8000,
        "سيخبر": 30000,
    },
    plain_words=frozenset({"ركن", "يواجه"}),
)


def test_lam_glued_on_an_imperfect_verb_opens_no_persons_name():
    # «عاد ليواجه نجيب رزاق» ("came back to face Najib Razak"): «لـ» + an imperfect is "in order to", a verb
    assert _purpose_imperfect("ليواجه", "نجيب", NAME_LISTS)
    assert _unverbed("ليواجه نجيب رزاق", NAME_LISTS, None) == "نجيب رزاق"


def test_a_name_starting_with_lam_and_ya_is_no_verb():
    # «ليلى» is a first name of the lists; «ليندا» has no verb's paradigm in news
    assert not _purpose_imperfect("ليلى", "نجيب", NAME_LISTS)
    assert not _purpose_imperfect("ليندا", "نجيب", NAME_LISTS)
    assert _unverbed("ليندا نجيب رزاق", NAME_LISTS, None) == "ليندا نجيب رزاق"


def test_the_future_sin_glued_on_an_imperfect_opens_no_name():
    # «ستخبر كيم» ("will tell Kim"): «سـ» + «تخبر», an imperfect news writes with other prefixes and the future
    assert _future_imperfect("ستخبر", NAME_LISTS)
    assert _unverbed("ستخبر كيم", NAME_LISTS, None) == ""  # «كيم» alone is no first name of these lists
    assert _unverbed("ستخبر نجيب رزاق", NAME_LISTS, None) == "نجيب رزاق"


def test_a_name_opening_with_sin_is_no_future_verb():
    # «ستيفان», «سيمون»: no verb's paradigm after the «سـ»; «سيمون» would pass the looser «لـ» test's forms
    for name in ("ستيفان", "سيمون", "سيرغي"):
        assert not _future_imperfect(name, NAME_LISTS)
    assert _unverbed("ستيفان نجيب رزاق", NAME_LISTS, None) == "ستيفان نجيب رزاق"


def _person(name: str, weight: float) -> _Actor:
    return _Actor(name, type_votes=Counter({"PER": 1}), names=Counter({name: 1}), weight=weight)


def test_one_name_written_glued_and_apart_is_one_actor():
    # «عبد الحكيم بلحاج» and «عبدالحكيم بلحاج»: one person, shown as the weightier form
    actors = {a.key: a for a in (_person("عبد الحكيم بلحاج", 5.0), _person("عبدالحكيم بلحاج", 3.0))}
    _merge_spacings(actors)
    assert [(a.name, a.weight) for a in actors.values()] == [("عبد الحكيم بلحاج", 8.0)]


def test_names_that_differ_by_more_than_a_space_stay_apart():
    actors = {a.key: a for a in (_person("عبد الحكيم بلحاج", 5.0), _person("عبد الكريم بلحاج", 3.0))}
    _merge_spacings(actors)
    assert len(actors) == 2
    place = _Actor("أبو ظبي", type_votes=Counter({"LOC": 1}), names=Counter({"أبو ظبي": 1}), weight=1.0)
    actors = {a.key: a for a in (_person("أبوظبي", 2.0), place)}  # a person and a place of one spelling: two
    _merge_spacings(actors)
    assert len(actors) == 2


def test_a_title_qualifier_before_a_first_name_is_the_titles_word():
    # «العقيد ركن تركي المالكي»: «ركن» (news writes «الركن» too) qualifies the rank, not the name
    assert _title_qualifier(["ركن", "تركي", "المالكي"], NAME_LISTS)
    assert _unverbed("ركن تركي المالكي", NAME_LISTS, None) == "تركي المالكي"


def test_a_title_qualifier_leaves_a_first_name_and_a_surname():
    # two words only: nothing is cut, a person is never left as a first name alone
    assert not _title_qualifier(["ركن", "تركي"], NAME_LISTS)


def test_a_first_name_before_a_name_and_its_fathers_names_another_person():
    # the singer «فضل شاكر» written twenty times; his son «محمد فضل شاكر» once: the singer is not shown as his son
    names = Counter({"فضل شاكر": 20, "محمد فضل شاكر": 1, "شاكر": 8})
    forms = Counter({"محمد فضل شاكر": 1})
    assert _unlengthened("محمد فضل شاكر", forms, names, NAME_LISTS) == "فضل شاكر"


def test_a_full_form_written_as_often_as_the_short_one_is_shown():
    names = Counter({"فضل شاكر": 2, "محمد فضل شاكر": 3})
    forms = Counter({"محمد فضل شاكر": 3})
    assert _unlengthened("محمد فضل شاكر", forms, names, NAME_LISTS) == "محمد فضل شاكر"


def test_a_surname_that_is_no_first_name_is_still_lengthened():
    # «نصر الله» ends on no first name: it is «حسن نصر الله» shortened
    names = Counter({"نصر الله": 20, "حسن نصر الله": 2})
    forms = Counter({"حسن نصر الله": 2})
    assert _unlengthened("حسن نصر الله", forms, names, NAME_LISTS) == "حسن نصر الله"


def test_a_glued_waw_inside_a_persons_span_joins_two_people():
    # «أفرجت عن كيم دونغ تشول وكيمسانغ»: after the «و» the span's opening «كيم» again, a second person
    span = Entity("كيم دونغ تشول وكيمسانغ", "PER", 10, 32)
    assert [(e.text, e.start, e.end) for e in _two_people(span, NAME_LISTS)] == [
        ("كيم دونغ تشول", 10, 23),
        ("كيمسانغ", 25, 32),
    ]


def test_a_name_word_starting_with_waw_stays_in_the_name():
    # «وليد» is a first name; «ولد» ("son of") a word news writes far more often than «لد»; «وينشتاين» a rare
    # surname, news writing no «ينشتاين»
    for name in ("محمد وليد شاكر", "محمد ولد عبد العزيز", "هارفي وينشتاين"):
        span = Entity(name, "PER", 0, len(name))
        assert [e.text for e in _two_people(span, NAME_LISTS)] == [name]
