"""Key actors a reader is shown that are none (issue 17, session 18, precision): one person shown twice under the
spellings of a compound name, an outlet or programme named only after its head noun, a coalition shown by the
head noun the story rarely writes.

The tagger is a stand-in that finds a fixed list of names, so each rule is pinned whatever the model learns.
"""

from __future__ import annotations

from collections import Counter

from fixtures.list_tagger import ListTagger

from mawjaz.digest.actors import StoryText, _Actor, _servant_skeleton, _shown_without_head, key_actors


def shown(texts: list[StoryText], names: dict[str, str]) -> list[str]:
    return [a.name for a in key_actors(texts, ListTagger(names))]


def test_a_compound_name_written_apart_or_joined_is_one_skeleton():
    assert _servant_skeleton("عبد الحكيم بلحاج") == _servant_skeleton("عبدالحكيم بلحاج") == ("حكيم", "بلحاج")
    assert _servant_skeleton("نجيب عبد الرزاق") == _servant_skeleton("نجيب رزاق") == ("نجيب", "رزاق")


def test_a_person_written_with_and_without_the_space_of_abd_is_shown_once():
    # dev3's Belhaj story: one outlet writes «عبد الحكيم بلحاج», another «عبدالحكيم بلحاج»; both were shown
    texts = [
        StoryText(
            "بريطانيا تعتذر للمعارض الليبي عبد الحكيم بلحاج",
            "اعتذرت الحكومة البريطانية للمعارض الليبي عبد الحكيم بلحاج عن دورها في ترحيله إلى ليبيا.",
            ("a",),
        ),
        StoryText(
            "بريطانيا تعتذر لمعارض ليبي",
            "اعتذرت الحكومة البريطانية للمعارض الليبي، عبدالحكيم بلحاج، وزوجته. وقال عبدالحكيم بلحاج إنه راض.",
            ("b",),
        ),
    ]
    names = {"عبد الحكيم بلحاج": "PER", "عبدالحكيم بلحاج": "PER", "بريطانيا": "LOC", "ليبيا": "LOC"}
    got = shown(texts, names)
    people = [n for n in got if "بلحاج" in n]
    assert len(people) == 1
    assert people == ["عبد الحكيم بلحاج"]  # the full name the story writes most (3 writings against 2)


def test_a_compound_name_shortened_to_its_second_half_is_the_same_person():
    # Malaysia's result: «نجيب عبد الرزاق» and «نجيب رزاق» (Najib Razak), two outlets' spellings, were two actors
    texts = [
        StoryText("نجيب عبد الرزاق يقر بالهزيمة", "أقر رئيس الوزراء نجيب عبد الرزاق بهزيمة تحالفه في ماليزيا.", ("a",)),
        StoryText(
            "مهاتير يفوز على نجيب رزاق", "فاز مهاتير محمد على نجيب رزاق في ماليزيا. وقال نجيب رزاق إنه يقبل.", ("b",)
        ),
    ]
    names = {"نجيب عبد الرزاق": "PER", "نجيب رزاق": "PER", "مهاتير محمد": "PER", "مهاتير": "PER", "ماليزيا": "LOC"}
    got = shown(texts, names)
    assert len([n for n in got if n.startswith("نجيب")]) == 1


def test_two_people_sharing_a_surname_stay_two_when_no_abd_joins_them():
    # «عبد الله» and «عبد الرحمن» differ by more than «عبد»: two brothers, two actors
    texts = [
        StoryText(
            "لقاء بين عبد الله الشمري وعبد الرحمن الشمري",
            "التقى عبد الله الشمري أخاه عبد الرحمن الشمري في الرياض. وقال عبد الله الشمري وعبد الرحمن الشمري إنهما سعيدان.",
            ("a",),
        )
    ]
    got = shown(texts, {"عبد الله الشمري": "PER", "عبد الرحمن الشمري": "PER", "الرياض": "LOC"})
    assert "عبد الله الشمري" in got and "عبد الرحمن الشمري" in got


def test_a_paper_named_only_after_its_head_noun_is_no_actor():
    # dev3: «في مقابلة أجراها الأسد مع صحيفة كاثيمرني اليونانية» showed the Greek daily as an actor of Assad's answer
    body = (
        "رد الرئيس السوري بشار الأسد على وصف دونالد ترامب له. جاء ذلك في مقابلة أجراها الأسد مع صحيفة كاثيمرني "
        "اليونانية، ونقلت صحيفة كاثيمرني قوله إن سوريا لن تستسلم."
    )
    names = {"بشار الأسد": "PER", "دونالد ترامب": "PER", "كاثيمرني": "ORG", "سوريا": "LOC"}
    got = shown([StoryText("بشار الأسد يرد على ترامب", body, ("a",))], names)
    assert "كاثيمرني" not in got
    assert "بشار الأسد" in got


def test_a_programme_named_after_its_head_noun_and_a_quotation_mark_is_no_actor():
    body = 'قال القيادي في حزب المجد عبد الوهاب الهاني ضيف برنامج "بوليتيكا" اليوم إن القانون الجديد يحمي تونس.'
    names = {"عبد الوهاب الهاني": "PER", "بوليتيكا": "ORG", "حزب المجد": "ORG", "تونس": "LOC"}
    got = shown([StoryText("الهاني: القانون الجديد يحمي تونس", body, ("a",))], names)
    assert "بوليتيكا" not in got


def test_an_outlet_the_story_also_names_on_its_own_or_in_a_headline_stays():
    # written once without its head noun: the story may be about it («كاثيمرني تنشر وثائق …»)
    names = {"كاثيمرني": "ORG", "اليونان": "LOC"}
    body = "نشرت صحيفة كاثيمرني وثائق جديدة. وقالت كاثيمرني إن اليونان تحقق في التسريب."
    assert "كاثيمرني" in shown([StoryText("اليونان تحقق في تسريب", body, ("a",))], names)
    body = "نشرت صحيفة كاثيمرني وثائق جديدة عن اليونان."
    assert "كاثيمرني" in shown([StoryText("كاثيمرني تنشر وثائق عن اليونان", body, ("a",))], names)


def test_a_body_written_mostly_without_its_coalition_head_noun_is_shown_so():
    # Malaysia's result: «ائتلاف الجبهة الوطنية» once, «الجبهة الوطنية» nine times; the fullest form was shown
    front = _Actor("ايتلاف جبهه وطنيه", Counter({"ORG": 2}), Counter({"ائتلاف الجبهة الوطنية": 1, "الجبهة الوطنية": 9}))
    assert front.name == "ائتلاف الجبهة الوطنية"
    _shown_without_head({front.key: front})
    assert front.name == "الجبهة الوطنية"


def test_a_body_written_mostly_with_its_head_noun_keeps_it():
    party = _Actor("حزب قوات لبنانيه", Counter({"ORG": 2}), Counter({"حزب القوات اللبنانية": 5, "القوات اللبنانية": 2}))
    _shown_without_head({party.key: party})
    assert party.name == "حزب القوات اللبنانية"
    # a head noun that is no party's or coalition's stays whatever the counts («جامعة تورنتو» is the university)
    college = _Actor("جامعه تورنتو", Counter({"ORG": 2}), Counter({"جامعة تورنتو": 1, "تورنتو": 5}))
    _shown_without_head({college.key: college})
    assert college.name == "جامعة تورنتو"


def test_the_coalition_is_shown_by_the_name_its_story_writes_most():
    body = "فاز ائتلاف الجبهة الوطنية في انتخابات ماليزيا السابقة. وخسرت الجبهة الوطنية اليوم. وقالت الجبهة الوطنية إنها تقبل."
    texts = [StoryText("هزيمة الجبهة الوطنية في ماليزيا", body, (f"o{n}",)) for n in range(2)]
    got = shown(texts, {"ائتلاف الجبهة الوطنية": "ORG", "الجبهة الوطنية": "ORG", "ماليزيا": "LOC"})
    assert "الجبهة الوطنية" in got and "ائتلاف الجبهة الوطنية" not in got
