"""Finding the names the tagger misses (issue 17, session 17): a story's own grammar marks some of them.

The tagger is a stand-in that finds a fixed list of names and never the one under test, as the real one never
tagged «البرح» in the 103 times a Yemen story wrote it.
"""

from __future__ import annotations

from fixtures.list_tagger import ListTagger

from mawjaz.digest.actors import StoryText, key_actors


def shown(texts: list[tuple[str, str]], names: dict[str, str]) -> dict[str, str]:
    story = [StoryText(headline, body, (f"outlet-{n}",)) for n, (headline, body) in enumerate(texts)]
    return {a.name: a.type for a in key_actors(story, ListTagger(names))}


NAMES = {"تعز": "LOC", "الحوثيين": "ORG", "ميسي": "PER", "برشلونة": "ORG", "تونس": "LOC"}


def test_a_word_the_story_writes_after_two_place_head_nouns_is_a_place_wherever_it_is_written():
    story = [
        ("الجيش يدخل مدينة البرح ويقطع الإمداد عن الحوثيين", "دخلت قوات الجيش مدينة البرح غرب تعز بعد معارك عنيفة."),
        ("البرح يسقط بيد الشرعية", "سيطرت القوات على البرح بعد معارك مع الحوثيين في منطقة البرح غرب تعز."),
    ]
    assert shown(story, NAMES).get("البرح") == "LOC"


def test_a_word_after_one_place_head_noun_only_is_no_place():
    # «منطقة الجزاء» of a football report: always the same head, a common noun's collocation
    story = [
        ("ميسي يسجل من خارج منطقة الجزاء", "سجل ميسي هدفا من خارج منطقة الجزاء وأهدر ركلة الجزاء."),
        ("برشلونة يفوز", "فاز برشلونة بهدف ميسي من خارج منطقة الجزاء، وعاد الجزاء ليحسم المباراة."),
    ]
    assert "الجزاء" not in shown(story, NAMES)


def test_an_adjective_after_place_head_nouns_is_no_place():
    story = [
        ("تونس تفتتح منطقة صناعية", "افتتحت تونس منطقة صناعية جديدة قرب مدينة صناعية قديمة."),
        ("منطقة صناعية في تونس", "تقع المنطقة قرب مدينة صناعية في تونس."),
    ]
    assert "صناعية" not in shown(story, NAMES)


def test_the_first_word_of_a_longer_place_name_is_no_place_of_its_own():
    # «سيدي» is always followed by «بوزيد»: it opens a name the tagger missed whole, it is not one
    story = [
        ("احتجاجات في ولاية سيدي بوزيد", "خرج محتجون في مدينة سيدي بوزيد وسط تونس."),
        ("سيدي بوزيد تحتج", "تتواصل الاحتجاجات في ولاية سيدي بوزيد في تونس."),
    ]
    assert "سيدي" not in shown(story, NAMES)


FILM = {"أصغر فرهادي": "PER", "إيران": "LOC"}


def test_a_festival_named_by_its_head_noun_and_a_word_is_a_body():
    # «كان» is also the commonest verb: the festival's adjective after it once tells the town
    story = [
        ("فيلم أصغر فرهادي يفتتح مهرجان كان", "افتتح فيلم أصغر فرهادي الدورة الجديدة من مهرجان كان السينمائي."),
        ("إيران حاضرة في مهرجان كان", "يشارك مخرجون من إيران في مهرجان كان هذا العام."),
    ]
    assert shown(story, FILM).get("مهرجان كان السينمائي") == "ORG"  # a stop word ends no shown name


def test_a_word_after_the_festival_head_noun_once_or_a_stop_word_without_its_adjective_names_no_festival():
    once = [
        ("أصغر فرهادي يعود", "عرض فيلم أصغر فرهادي في مهرجان برلين."),
        ("فرهادي في إيران", "عاد أصغر فرهادي إلى إيران."),
    ]
    assert not any(name.startswith("مهرجان") for name in shown(once, FILM))
    # «مهرجان في …» twice: a stop word no adjective of the festival follows is no name
    particle = [
        ("أصغر فرهادي يكرم", "كرم أصغر فرهادي في مهرجان في طهران."),
        ("مهرجان في إيران", "أقيم مهرجان في إيران حضره أصغر فرهادي."),
    ]
    assert not any(name.startswith("مهرجان") for name in shown(particle, FILM))


def test_a_noun_that_follows_the_festivals_word_most_times_is_part_of_its_name():
    story = [
        ("انطلاق مهرجان ربيع الإبداع في إيران", "انطلقت الدورة الأولى من مهرجان ربيع الإبداع بحضور أصغر فرهادي."),
        ("مهرجان ربيع الإبداع يكرم فرهادي", "كرم مهرجان ربيع الإبداع المخرج أصغر فرهادي في إيران."),
    ]
    names = shown(story, FILM)
    assert names.get("مهرجان ربيع الإبداع") == "ORG"
    assert "مهرجان ربيع" not in names
