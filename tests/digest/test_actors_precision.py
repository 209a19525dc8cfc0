"""Key actors a reader is shown that are none (issue 17, session 18, precision): one person shown twice under the
spellings of a compound name, and an outlet or programme named only after its head noun.

The tagger is a stand-in that finds a fixed list of names, so each rule is pinned whatever the model learns.
"""

from __future__ import annotations

from fixtures.list_tagger import ListTagger

from mawjaz.digest.actors import StoryText, _servant_skeleton, key_actors


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
