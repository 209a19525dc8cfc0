"""A place shown once, without the adjective that describes it (issue 17, point 8).

The demo's sample story «السعودية تطلق المرحلة الأولى من مشروع البحر الأحمر السياحي …» showed the place twice:
«البحر الأحمر السياحي» (the tagger's place, the project's adjective kept) and «البحر الأحمر» (a body, from «شركة
البحر الأحمر للتطوير»). A name that is another name of the story plus a describing adjective is one actor, shown
without the adjective; an adjective that makes the name (a direction, a country's adjective, a word the aliases,
the known names or the tagger's raw-news history hold inside names) keeps it whole.
"""

from __future__ import annotations

import pytest
from fixtures.daily import STORIES
from fixtures.list_tagger import ListTagger

from mawjaz.digest.actor_names import shipped_name_lists
from mawjaz.digest.actors import StoryText, _known_pairs, _name_forming, key_actors
from mawjaz.text.aliases import load_aliases
from mawjaz.text.tokens import index_terms


def shown(headline: str, body: str, names: dict[str, str], outlets: int = 3) -> dict[str, str]:
    texts = [StoryText(headline, body, (f"outlet-{n}",)) for n in range(outlets)]
    return {a.name: a.type for a in key_actors(texts, ListTagger(names))}


def test_the_sample_storys_place_with_its_projects_adjective_is_the_place_shown_once():
    actors = shown(
        "السعودية تطلق المرحلة الأولى من مشروع البحر الأحمر السياحي بعقود تتجاوز ثلاثة مليارات دولار",
        "أعلنت شركة البحر الأحمر للتطوير توقيع عقود المرحلة الأولى من المشروع السياحي على الساحل الغربي للمملكة. "
        "ويشمل المشروع تطوير أكثر من خمسين جزيرة طبيعية بين مدينتي أملج والوجه.",
        {"البحر الأحمر السياحي": "LOC", "البحر الأحمر": "ORG", "أملج": "LOC"},  # the real tagger's spans
    )
    assert "البحر الأحمر السياحي" not in actors
    assert actors["البحر الأحمر"] == "LOC"  # a body named after a place names the place


def test_a_besieged_place_is_the_place():
    actors = shown(
        "قوافل المساعدات تدخل مخيم اليرموك المحاصر",
        "دخلت قافلة مساعدات إلى مخيم اليرموك المحاصر جنوب دمشق. وقال سكان في مخيم اليرموك إن الغذاء نفد.",
        {"مخيم اليرموك المحاصر": "LOC", "مخيم اليرموك": "LOC", "دمشق": "LOC"},
    )
    assert "مخيم اليرموك" in actors and "مخيم اليرموك المحاصر" not in actors


@pytest.mark.parametrize(
    ("before", "adjective"),
    [
        ("كوريا", "الشمالية"),  # a direction
        ("الضفة", "الغربية"),
        ("الولايات", "المتحدة"),  # the aliases and the tagger's history hold it inside names
        ("الإمارات", "العربية"),
        ("العربية", "المتحدة"),
        ("الشرق", "الأوسط"),  # an elative
        ("الجيش", "العراقي"),  # a country's adjective in a body's name
        ("العالمية", "الثانية"),  # an ordinal
        ("الصحة", "الكونغولية"),  # a place's adjective the nisba table does not list, in a body's name
    ],
)
def test_an_adjective_that_makes_the_name_is_part_of_it(before, adjective):
    pairs = _known_pairs(load_aliases(), shipped_name_lists())
    assert _name_forming(adjective, index_terms(before)[0], pairs)


def test_a_countrys_adjective_after_a_proper_name_describes_it():
    pairs = _known_pairs(load_aliases(), shipped_name_lists())
    assert not _name_forming("الاسكتلندي", "رينجرز", pairs, proper=True)
    assert _name_forming("الاسكتلندي", "رينجرز", pairs, proper=False)


@pytest.mark.parametrize(("before", "adjective"), [("الأحمر", "السياحي"), ("العراق", "الجديد"), ("القدس", "المحتلة")])
def test_a_describing_adjective_makes_no_name(before, adjective):
    pairs = _known_pairs(load_aliases(), shipped_name_lists())
    assert not _name_forming(adjective, index_terms(before)[0], pairs)


def test_a_clubs_name_with_its_countrys_adjective_is_the_club():
    actors = shown(
        "أسطورة ليفربول مدربا لرينجرز الاسكتلندي",
        "أعلن نادي رينجرز الاسكتلندي تعيين ستيفن جيرارد مدربا. وقال رينجرز إن العقد يمتد أربع سنوات.",
        {"رينجرز الاسكتلندي": "ORG", "رينجرز": "ORG", "ستيفن جيرارد": "PER", "ليفربول": "ORG"},
    )
    assert "رينجرز" in actors and "رينجرز الاسكتلندي" not in actors


def test_a_side_of_a_place_or_a_bodys_name_stays_whole():
    aleppo = shown(
        "قصف على أحياء حلب الشرقية",
        "تعرضت أحياء حلب الشرقية لقصف عنيف، فيما بقيت حلب الغربية هادئة. وقال سكان في حلب إن المخابز أغلقت.",
        {"حلب الشرقية": "LOC", "حلب الغربية": "LOC", "حلب": "LOC"},
    )
    assert {"حلب الشرقية", "حلب"} <= set(aleppo)
    army = shown(
        "الجيش العراقي يتقدم في الأنبار",
        "تقدم الجيش العراقي في صحراء الأنبار. وقال متحدث باسم الجيش إن العملية مستمرة.",
        {"الجيش العراقي": "ORG", "الأنبار": "LOC", "الجيش": "ORG"},
    )
    assert "الجيش العراقي" in army
    ministry = shown(
        "وزارة الصحة الكونغولية تعلن تفشي إيبولا",
        "أعلنت وزارة الصحة الكونغولية تفشي وباء إيبولا في إقليم إكواتور. وقالت وزارة الصحة إن الفرق وصلت.",
        {"وزارة الصحة الكونغولية": "ORG", "وزارة الصحة": "ORG", "إكواتور": "LOC"},
    )
    assert "وزارة الصحة الكونغولية" in ministry


def test_the_gallerys_sample_story_shows_the_red_sea_once_with_the_real_tagger():
    headline, body, outlets, *_ = next(story for story in STORIES if "البحر الأحمر" in story[0])
    texts = [StoryText(headline, body, (f"outlet-{n}",)) for n in range(outlets)]
    names = [(a.name, a.type) for a in key_actors(texts)]
    assert ("البحر الأحمر", "LOC") in names
    assert not any("السياحي" in name for name, _type in names)


def test_a_body_named_by_a_place_and_one_more_word_is_a_body_of_its_own():
    actors = shown(
        "شبهة فساد وراء حرمان أهالي زغوان من الماء الصالح للشراب",
        "استنكر رئيس جمعية زغوان المستقبل عادل شطيبة تواصل انقطاع الماء في زغوان. وقال إن الوضع في زغوان تأزم.",
        {"زغوان المستقبل": "ORG", "زغوان": "LOC", "عادل شطيبة": "PER"},
        outlets=1,
    )
    assert {"زغوان", "زغوان المستقبل"} <= set(actors)
