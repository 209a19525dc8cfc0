"""Key actors read right: full names as the story writes them, no tagger slip at a name's edges.

The tagger is a stand-in that finds a fixed list of spans (including the
slips a real tagger makes), and the word lists are small and given here, so
these tests pin the rules, not what the shipped model or gazetteer happen to
hold. Fixture texts are made up for the tests.
"""

from __future__ import annotations

from collections import Counter

from test_actors import ListTagger, names

from mawjaz.digest.actor_names import (
    NameLists,
    StoryWords,
    clean_span,
    commonest_spelling,
    name_lists_from,
    people_in,
)
from mawjaz.digest.actors import StoryText, key_actors

# First names the word lists know; ranks: the commoner words of news (0 = commonest).
NAME_LISTS = NameLists(
    first_names=frozenset({"سامي", "رنا", "نوفاك", "خالد", "ماركو", "بشار", "كريم", "فراس", "نيكولا"}),
    ranks={
        "قال": 1,
        "وقال": 2,
        "اعلن": 5,
        "كركوك": 300,
        "وكركوك": 9000,
        "لبنان": 50,
        "بنان": 20000,
        "رونالدو": 400,
        "ورونالدو": 7000,
        "ماركو": 800,
        "بماركو": 15000,
        "بالكامل": 1500,
        "راس": 900,
        "فالنسيا": 6000,
        "ريف": 2900,
        "شمال": 400,
    },
    plain_words=frozenset({"قال", "وقال", "اعلن", "استمر", "الوزير"}),
)


def actors_of(texts, spans):
    return key_actors(texts, ListTagger(spans), name_lists=NAME_LISTS)


def test_a_surname_is_shown_with_the_first_name_the_story_writes_before_it():
    text = StoryText(
        "لقاء وزاري",
        "التقى الوزير فريد زهران نظيره أمس. وقال زهران إن اللقاء مثمر. وأكد فريد زهران أن التعاون مستمر.",
        ("a",),
    )
    # «فريد» is in no word list: it stands twice before the surname and nowhere else
    assert "فريد زهران" in names(actors_of([text], {"زهران": "PER"}))


def test_a_verb_before_a_name_is_no_first_name_however_often():
    text = StoryText("ترأس سامي نور الاجتماع", "ترأس سامي نور اجتماع الحكومة أمس.", ("a",))
    assert "ترأس سامي نور" not in names(actors_of([text], {"سامي نور": "PER"}))


def test_a_word_that_stands_elsewhere_too_is_no_first_name():
    text = StoryText("لقاء", "قال الوزير زهران إن اللقاء مثمر. وأضاف الوزير زهران أن الوزير سيعود.", ("a",))
    assert "الوزير زهران" not in names(actors_of([text], {"زهران": "PER"}))


def test_a_name_only_a_caption_writes_in_full_is_shown_in_full_in_its_caption_spelling():
    text = StoryText(
        "محادثات في عمّان",
        "وصرح الوزير سامي زهراني عقب اللقاء بأن المحادثات إيجابية.",
        ("a",),
        captions=("الوزير سامي الزهراني مصافحاً نظيره (أ.ف.ب)",),
    )
    shown = names(actors_of([text], {"زهراني": "PER"}))
    assert sum("زهران" in n for n in shown) == 1
    assert any(n.startswith("سامي ") for n in shown)


def test_between_two_spellings_written_as_often_the_one_news_uses_more_is_shown():
    forms = Counter({"مولود شاويش أوغلو": 1, "مولود تشاوش أوغلو": 1})
    assert commonest_spelling(forms) == "مولود تشاوش أوغلو"  # تشاوش is in the shipped idf table, شاويش not


def test_the_spelling_written_more_often_wins_whatever_news_uses():
    forms = Counter({"مولود شاويش أوغلو": 2, "مولود تشاوش أوغلو": 1})
    assert commonest_spelling(forms) == "مولود شاويش أوغلو"


def test_spellings_of_one_surname_are_one_person_under_the_full_name():
    text = StoryText("زيارة", "وصل خالد كافوش أوغلو إلى المدينة. وقال كافوج أوغلو إن الزيارة مهمة.", ("a",))
    shown = names(actors_of([text], {"كافوج أوغلو": "PER", "خالد كافوش أوغلو": "PER"}))
    assert shown == ["خالد كافوش أوغلو"]


def test_a_common_word_glued_before_a_name_is_dropped():
    assert clean_span("التايكواندو رنا العبادي", "PER", NAME_LISTS) == "رنا العبادي"
    assert clean_span("الصربي نوفاك جوكوفيتش", "PER", NAME_LISTS) == "نوفاك جوكوفيتش"
    assert clean_span("اعلن الرئيس السوري بشار الأسد", "PER", NAME_LISTS) == "بشار الأسد"


def test_a_name_whose_first_word_looks_like_a_clitic_and_a_word_is_kept_whole():
    # «كاني» is also كأني (a stop word) and ك + «اني»: news writes it rarely as either
    name_lists = NameLists(
        NAME_LISTS.first_names, NAME_LISTS.ranks | {"اني": 10, "كاني": 27000}, NAME_LISTS.plain_words | {"اني"}
    )
    assert clean_span("كاني ويست", "PER", name_lists) == "كاني ويست"
    assert clean_span("آنا تيني", "PER", NameLists(ranks={"انا": 585})) == "آنا تيني"  # not the pronoun «أنا»


def test_a_surname_that_is_also_a_first_name_keeps_what_precedes_it():
    name_lists = NameLists(
        NAME_LISTS.first_names | {"بيل"}, NAME_LISTS.ranks | {"غاريث": 8000}, NAME_LISTS.plain_words | {"غاريث"}
    )
    assert clean_span("غاريث بيل", "PER", name_lists) == "غاريث بيل"
    assert clean_span("وقال سامي", "PER", name_lists) == "سامي"  # «وقال» is among the commonest words


def test_between_spellings_of_a_name_no_first_name_begins_the_commoner_is_shown():
    text = StoryText(
        "انتخابات", "قال الزعيم صلاد الدين ديمرتاش إن الحزب مستعد. وأكد صلاح الدين ديمرتاش أنه سيفوز.", ("a",)
    )
    tagger = ListTagger({"صلاد الدين ديمرتاش": "PER", "صلاح الدين ديمرتاش": "PER"})
    assert names(key_actors([text], tagger, name_lists=NameLists())) == ["صلاح الدين ديمرتاش"]


def test_a_name_that_starts_with_no_known_first_name_is_kept_whole():
    assert clean_span("الباجي قائد السبسي", "PER", NAME_LISTS) == "الباجي قائد السبسي"
    assert clean_span("نظمي خالد الجعبة", "PER", NAME_LISTS) == "نظمي خالد الجعبة"  # «نظمي» is no common word


def test_what_follows_a_glued_preposition_or_precedes_a_number_is_not_the_name():
    assert clean_span("سامي نور لـCNN", "PER", NAME_LISTS) == "سامي نور"
    assert clean_span("سامي نور بالكامل", "PER", NAME_LISTS) == "سامي نور"
    assert clean_span("عمر الـ 92 مهاتير", "PER", NAME_LISTS) == "مهاتير"
    assert clean_span("وقال سامي نور", "PER", NAME_LISTS) == "سامي نور"


def test_a_lone_first_name_that_begins_one_full_name_is_that_person():
    text = StoryText("مقابلة", "قال سامي نور إن الفيلم جاهز. وأضاف سامي أن التصوير انتهى. وقال سامي إنه سعيد.", ("a",))
    assert names(actors_of([text], {"سامي نور": "PER", "سامي": "PER"})) == ["سامي نور"]


def test_a_lone_name_that_begins_one_full_name_and_ends_none_is_that_person():
    text = StoryText("فوز مهاتير", "فاز مهاتير محمد بالانتخابات. وقال مهاتير إن الشعب قال كلمته.", ("a",))
    assert names(actors_of([text], {"مهاتير محمد": "PER", "مهاتير": "PER"})) == ["مهاتير محمد"]


def test_a_lone_name_that_two_full_names_begin_stays_apart():
    text = StoryText("لقاء", "التقى سامي نور وسامي عمر. وقال سامي إن اللقاء مثمر.", ("a",))
    shown = names(actors_of([text], {"سامي نور": "PER", "سامي عمر": "PER", "سامي": "PER"}))
    assert "سامي نور" in shown and "سامي عمر" in shown


def test_a_first_name_alone_beside_an_aliases_person_is_that_person():
    text = StoryText(
        "دونالد ترامب يغرد", "غرد الرئيس الأمريكي دونالد ترامب أمس. وكتب دونالد في تغريدته أن الاتفاق سيئ.", ("a",)
    )
    shown = names(actors_of([text], {"دونالد ترامب": "PER", "دونالد": "PER"}))
    assert shown == ["دونالد ترامب"]


def test_a_conjunction_between_two_people_makes_two_names():
    assert people_in("ميسي ورونالدو", NAME_LISTS, bare_words={"رونالدو"}) == ["ميسي", "ورونالدو"]
    assert people_in("سامي نور وخالد عمر", NAME_LISTS) == ["سامي نور", "وخالد عمر"]
    assert people_in("هيفاء وهبي", NAME_LISTS, bare_words={"هيفاء"}) == ["هيفاء وهبي"]


def test_a_glued_conjunction_or_preposition_is_dropped_only_when_the_bare_word_is_the_commoner():
    assert clean_span("وكركوك", "LOC", NAME_LISTS) == "كركوك"
    assert clean_span("بماركو فان باستن", "PER", NAME_LISTS) == "ماركو فان باستن"
    assert clean_span("لبنان", "LOC", NAME_LISTS) == "لبنان"
    assert clean_span("وبلجيكا", "LOC", NameLists(ranks={"بلجيكا": 3500, "وبلجيكا": 8000})) == "بلجيكا"
    assert clean_span("بوروسيا", "ORG", NameLists(ranks={"روسيا": 100, "بوروسيا": 9000})) == "بوروسيا"
    assert clean_span("والاتحاد الأوروبي", "ORG", NAME_LISTS) == "الاتحاد الأوروبي"
    assert clean_span("للتايكواندو", "ORG", NAME_LISTS) == "التايكواندو"


def test_a_glued_preposition_goes_from_a_name_news_never_writes_whole():
    name_lists = NameLists(NAME_LISTS.first_names, NAME_LISTS.ranks | {"سام": 3000, "انسان": 2000, "فانسان": 30000})
    assert clean_span("لسام سميث", "PER", name_lists) == "سام سميث"  # «لسام» unseen, «سام» seen
    assert clean_span("فانسان كومباني", "PER", name_lists) == "فانسان كومباني"  # seen whole: a name of its own


def test_a_name_that_begins_like_a_clitic_keeps_its_letters():
    assert clean_span("فراس التركي", "PER", NAME_LISTS) == "فراس التركي"  # a first name, though «راس» is commoner
    assert clean_span("نيكولا كالينيتش", "PER", NAME_LISTS) == "نيكولا كالينيتش"  # «كال» is no «ك» + «ال» here
    assert clean_span("فالنسيا", "ORG", NAME_LISTS) == "فالنسيا"


def test_a_place_written_bare_elsewhere_in_the_story_loses_its_conjunction():
    text = StoryText(
        "اشتباكات في تلعفر", "اندلعت اشتباكات في أربيل وتلعفر. وقالت مصادر في تلعفر إن الهدوء عاد.", ("a",)
    )
    shown = names(actors_of([text], {"أربيل": "LOC", "وتلعفر": "LOC", "تلعفر": "LOC"}))
    assert "تلعفر" in shown and "وتلعفر" not in shown


def test_an_organisation_glued_to_its_official_is_two_actors():
    text = StoryText(
        "اجتماع طارئ",
        "دعا الأمين العام للجامعة العربية كريم حداد إلى اجتماع. والتقى الجامعة العربية كريم حداد بالوزراء.",
        ("a",),
    )
    shown = names(actors_of([text], {"الجامعة العربية كريم حداد": "ORG"}))
    assert "كريم حداد" in shown and "الجامعة العربية" in shown  # as the story writes it


def test_a_body_glued_to_its_official_after_definite_words_alone_is_two_actors():
    text = StoryText(
        "اجتماع المعارضة", "شارك رئيس الائتلاف كريم حداد في الاجتماع. وقال كريم حداد إن الدعم قادم.", ("a",)
    )
    shown = actors_of([text], {"الائتلاف كريم حداد": "ORG", "كريم حداد": "PER"})
    assert ("كريم حداد", "PER") in [(a.name, a.type) for a in shown]
    assert ("الائتلاف", "ORG") in [(a.name, a.type) for a in shown]


def test_a_body_named_after_a_person_stays_whole():
    text = StoryText("منحة جديدة", "أعلنت مؤسسة كريم حداد الخيرية منحة جديدة.", ("a",))
    assert names(actors_of([text], {"مؤسسة كريم حداد الخيرية": "ORG"})) == ["مؤسسة كريم حداد الخيرية"]


def test_a_common_word_the_tagger_split_off_the_next_place_is_no_place():
    text = StoryText("معارك في الحسكة", "تواصلت المعارك في ريف الحسكة وفي شمال كركوك.", ("a",))
    shown = names(actors_of([text], {"ريف": "LOC", "الحسكة": "LOC", "شمال": "LOC", "كركوك": "LOC"}))
    assert "ريف" not in shown and "شمال" not in shown
    assert {"الحسكة", "كركوك"} <= set(shown)


def test_a_lone_word_that_begins_one_bodys_name_is_that_body():
    text = StoryText(
        "الائتلاف الوطني يجتمع", "اجتمع الائتلاف الوطني السوري في إسطنبول. وقال الائتلاف إن الدعم قادم.", ("a",)
    )
    shown = names(
        actors_of(
            [text], {"الائتلاف الوطني السوري": "ORG", "الائتلاف الوطني": "ORG", "الائتلاف": "ORG", "إسطنبول": "LOC"}
        )
    )
    assert "الائتلاف" not in shown
    assert "الائتلاف الوطني السوري" in shown


def test_a_lone_word_that_begins_two_different_bodies_stays_apart():
    text = StoryText(
        "معارك", "تقدم الجيش السوري الحر في حلب، وقصف الجيش العراقي الحدود، وقال الجيش إن المعارك مستمرة.", ("a",)
    )
    shown = names(actors_of([text], {"الجيش السوري الحر": "ORG", "الجيش العراقي": "ORG", "الجيش": "ORG"}))
    assert {"الجيش", "الجيش السوري الحر", "الجيش العراقي"} <= set(shown)


def test_a_country_tagged_once_as_a_person_is_still_one_actor():
    texts = [
        StoryText("قمة في موسكو", "وصل الوفد إلى روسيا أمس. وقالت روسيا إن القمة ناجحة.", ("a",)),
        StoryText("روسيا تستضيف القمة", "تستضيف روسيا القمة.", ("b",)),
    ]
    tagger = ListTagger({"روسيا": "LOC"})
    tagger_person = ListTagger({"روسيا": "PER"})
    first = key_actors(texts[:1], tagger_person, name_lists=NAME_LISTS)
    assert names(key_actors(texts, tagger, name_lists=NAME_LISTS)).count("روسيا") == 1
    assert names(first).count("روسيا") <= 1


def test_a_person_of_the_aliases_file_is_shown_under_the_full_name_the_story_writes():
    text = StoryText(
        "بشار الأسد يستقبل وفداً", "استقبل الرئيس السوري بشار الأسد وفداً. وقال الأسد إن اللقاء مهم.", ("a",)
    )
    shown = names(actors_of([text], {"الرئيس السوري بشار الأسد": "PER", "الأسد": "PER"}))
    assert shown[0] == "بشار الأسد" and shown.count("بشار الأسد") == 1


def test_someone_else_with_the_surname_does_not_name_the_person():
    text = StoryText(
        "بطولة", "فازت رنا العبادي بالذهبية. وهنأ حيدر العبادي اللاعبة، وقال حيدر العبادي إنها فخر.", ("a",)
    )
    shown = names(actors_of([text], {"رنا العبادي": "PER", "حيدر العبادي": "PER"}))
    assert "رنا العبادي" in shown and "حيدر العبادي" in shown


def test_a_full_form_written_shortened_counts_for_the_longer_one():
    story = StoryWords(["قال سامي خالد نور إن …", "وأكد خالد نور …", "ورد خالد نور"], NAME_LISTS)
    assert story.full_forms([("خالد", "نور"), ("سامي", "خالد", "نور")]) == Counter({"سامي خالد نور": 3})


def test_a_common_word_that_hides_a_first_name_does_not_lengthen_a_name():
    name_lists = NameLists(NAME_LISTS.first_names | {"صالح"}, NAME_LISTS.ranks | {"لصالح": 1400})
    story = StoryWords(["فاز الفريق لصالح غولدن ستيت أمس"], name_lists)
    assert story.full_forms([("غولدن", "ستيت")]) == Counter()


def test_story_words_find_every_full_form():
    story = StoryWords(["قال سامي نور إن …", "وأكد سامي نور …", "نور قال"], NAME_LISTS)
    assert story.full_forms([("نور",)]) == Counter({"سامي نور": 2})


def test_a_word_the_tagger_calls_a_person_in_raw_news_is_no_plain_word():
    # a cluster with no name the gazetteer knows: its common words are plain (they begin no name)…
    words = ["دونالد", "استمر", "اعتمد", *(f"فعل{i}" for i in range(40))]
    clusters = {w: "0 7 70 700" for w in words}
    ranks = {w: i for i, w in enumerate(words)}
    gazetteer = {("سامي",): "PER"}
    assert "دونالد" in name_lists_from(gazetteer, clusters, ranks).plain_words
    # …but not one the first pass calls a person most times it meets it in raw news
    name_lists = name_lists_from(gazetteer, clusters, ranks, {"دونالد": "PER:most", "استمر": "PER:few"})
    assert "دونالد" not in name_lists.plain_words
    assert "استمر" in name_lists.plain_words
