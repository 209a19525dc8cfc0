"""Key actors: variants count as one actor, salience ranks them, 3–6 are shown with their type.

The tagger here is a stand-in that finds a fixed list of names, so these
tests pin the ranking and merging rules whatever the shipped model learns.
"""

from __future__ import annotations

import pytest
from fixtures.list_tagger import ListTagger

from mawjaz.digest.actors import StoryText, key_actors

IRAQ_TURKEY = StoryText(
    "العراق يطلب من تركيا مساعدة عسكرية دائمة ضد «داعش»",
    "طلب العراق أمس الدعم العسكري من تركيا في محاربته مسلحي تنظيم داعش.\n\n"
    "وصرح وزير الخارجية العراقي إبراهيم الجعفري عقب لقاء مع نظيره التركي مولود تشاوش أوغلو في أنقرة "
    "بأن وجود «داعش» يشكل تهديدا. وقال الجعفري إن التعاون مفيد للجميع. وذكر مولود شاويش أوغلو أن بلاده ستساعد.",
    ("outlet-a",),
)
TAGGER = ListTagger(
    {
        "العراق": "LOC",
        "تركيا": "LOC",
        "أنقرة": "LOC",
        "إبراهيم الجعفري": "PER",
        "الجعفري": "PER",
        "مولود تشاوش أوغلو": "PER",
        "مولود شاويش أوغلو": "PER",
    }
)


def names(actors):
    return [a.name for a in actors]


def test_the_iraq_turkey_story_names_its_countries_ministers_and_daesh():
    actors = key_actors([IRAQ_TURKEY], TAGGER)
    assert {"العراق", "تركيا", "إبراهيم الجعفري", "مولود تشاوش أوغلو", "داعش"} <= set(names(actors))


def test_a_lone_surname_and_a_second_spelling_are_the_same_person():
    actors = key_actors([IRAQ_TURKEY], TAGGER)
    assert "الجعفري" not in names(actors)
    assert sum("أوغلو" in n for n in names(actors)) == 1


def test_a_capital_used_as_metonym_is_its_country():
    actors = key_actors([IRAQ_TURKEY], TAGGER)
    assert "أنقرة" not in names(actors) and "تركيا" in names(actors)


def test_the_actor_of_every_headline_ranks_first():
    texts = [
        StoryText(
            "بيان منسوب لبشار الأسد: غادرت بطلب روسي",
            "نفى الرئيس السوري المخلوع بشار الأسد أنه غادر دمشق. "
            "وقال الأسد إنه بقي في دمشق. وأعلنت المعارضة السورية تحرير دمشق.",
            (f"outlet-{n}",),
        )
        for n in range(3)
    ]
    tagger = ListTagger({"بشار الأسد": "PER", "الأسد": "PER", "دمشق": "LOC", "المعارضة السورية": "ORG"})
    actors = key_actors(texts, tagger)
    assert actors[0].name == "بشار الأسد" and actors[0].type == "PER" and actors[0].score == 1.0


def test_more_outlets_outrank_more_mentions_in_one():
    texts = [
        StoryText("قمة في القاهرة", "زار الوزير سامي نور القاهرة. سامي نور سامي نور سامي نور سامي نور.", ("a",)),
        StoryText("قمة عربية", "وصل الوزير خالد عمر إلى القمة.", ("b",)),
        StoryText("اجتماع وزاري", "قال خالد عمر إن القمة ناجحة.", ("c",)),
    ]
    tagger = ListTagger({"سامي نور": "PER", "خالد عمر": "PER"})
    ranked = names(key_actors(texts, tagger))
    assert ranked.index("خالد عمر") < ranked.index("سامي نور")


def test_no_more_than_eight_actors_each_typed():
    body = " ".join(f"المدينة{n}" for n in range(20))
    tagger = ListTagger({f"المدينة{n}": "LOC" for n in range(20)})
    actors = key_actors([StoryText("عنوان", body, ("a",))], tagger)
    assert 3 <= len(actors) <= 8 and all(a.type in {"PER", "ORG", "LOC"} for a in actors)


def test_a_person_alias_by_surname_alone_is_not_someone_else_with_that_surname():
    text = StoryText("رنا العبادي تحرز الذهبية", "أحرزت اللاعبة رنا العبادي الميدالية الذهبية.", ("a",))
    actors = key_actors([text], ListTagger({"رنا العبادي": "PER"}))
    assert names(actors) == ["رنا العبادي"]


def test_a_story_without_names_has_no_actors():
    assert key_actors([StoryText("طقس معتدل", "يسود طقس معتدل غداً.", ("a",))], ListTagger({})) == []


def test_a_person_named_only_in_a_photo_caption_still_counts():
    text = StoryText(
        "لقاء في أنقرة",
        "التقى الوزيران في أنقرة أمس.",
        ("a",),
        captions=("الوزير سامي نور مصافحاً نظيره في أنقرة (أ.ب)",),
    )
    assert "سامي نور" in names(key_actors([text], ListTagger({"سامي نور": "PER", "أنقرة": "LOC"})))


def test_a_short_name_spelled_a_little_differently_joins_the_full_name():
    text = StoryText("لقاء", "قال مولود تشاوش أوغلو إن بلاده ستساعد. وأضاف شاويش أوغلو أن التعاون مستمر.", ("a",))
    tagger = ListTagger({"مولود تشاوش أوغلو": "PER", "شاويش أوغلو": "PER"})
    assert names(key_actors([text], tagger)) == ["مولود تشاوش أوغلو"]


@pytest.mark.parametrize("tagged", ["الائتلاف الوطني لقوى الثورة", "الائتلاف الوطني"])
def test_an_organisation_cut_short_inside_a_quotation_is_named_whole(tagged):
    # cut at the conjunction of «والمعارضة», or before the noun after ل of «لقوى»
    body = "يبحث «الائتلاف الوطني لقوى الثورة والمعارضة السورية» في اجتماعه إرسال دعم عسكري."
    found = names(key_actors([StoryText("اجتماع", body, ("a",))], ListTagger({tagged: "ORG"})))
    assert found[0] == "الائتلاف الوطني لقوى الثورة والمعارضة السورية"
    assert tagged not in found


def test_a_quoted_sentence_that_opens_with_an_organisation_is_not_its_name():
    tagger = ListTagger({"الائتلاف الوطني": "ORG"})
    body = "قال البيان: «الائتلاف الوطني يرفض المفاوضات» في ختام الاجتماع."
    assert names(key_actors([StoryText("بيان", body, ("a",))], tagger)) == ["الائتلاف الوطني"]
