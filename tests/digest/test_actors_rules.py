"""What an actor is (issue 17), one rule a test: whom the story is about, named as the story names it.

The tagger is a stand-in that finds a fixed list of names, with the slips the
real one makes (two people in one span, a place cut out of a body's name, a
province typed as a person), so each rule is pinned whatever the model learns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mawjaz.digest.actors import StoryText, key_actors


@dataclass(frozen=True)
class Entity:
    text: str
    type: str
    start: int
    end: int


class ListTagger:
    """Finds exactly the names it is given, longest first."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def entities(self, text: str) -> list[Entity]:
        pattern = "|".join(re.escape(n) for n in sorted(self.names, key=len, reverse=True))
        if not pattern:
            return []
        return [Entity(m.group(), self.names[m.group()], m.start(), m.end()) for m in re.finditer(pattern, text)]


def actors(headline: str, body: str, names: dict[str, str], outlets: int = 1):
    texts = [StoryText(headline, body, (f"outlet-{n}",)) for n in range(outlets)]
    return {a.name: a.type for a in key_actors(texts, ListTagger(names))}


def test_two_people_in_one_span_are_two_actors():
    shown = actors(
        "بوتين نتنياهو يلتقيان في موسكو",
        "استقبل بوتين نتنياهو في الكرملين وبحثا الوضع في سوريا.",
        {"بوتين نتنياهو": "PER"},
    )
    assert "بوتين نتنياهو" not in shown
    assert {"بوتين", "نتنياهو"} <= set(shown)


def test_a_news_agency_is_no_actor_unless_the_story_is_about_it():
    body = "ذكرت وكالة سانا أن الرئيس بشار الأسد تلقى اتصالا هاتفيا من نظيره العراقي برهم صالح. وأضافت سانا أن البحث تناول الحدود."
    names = {"سانا": "ORG", "بشار الأسد": "PER", "برهم صالح": "PER", "فرانس برس": "ORG"}
    shown = actors("الأسد يبحث مع صالح التعاون", body + " ونقلت فرانس برس الخبر.", names)
    assert "سانا" not in shown and "فرانس برس" not in shown
    assert "سانا" in actors("سانا تطلق موقعها الجديد", "أطلقت وكالة سانا موقعا جديدا.", names)


def test_a_relative_adjective_counts_as_its_country_and_is_shown_as_the_country():
    shown = actors(
        "غارة أميركية على القائم",
        "قتل أربعة في عدوان أميركي على الشريط الحدودي. وقالت القيادة الأمريكية إن الضربات استهدفت مخازن.",
        {"القائم": "LOC"},
    )
    assert "الولايات المتحدة" in shown
    assert not {"أميركية", "الأمريكية", "أميركي"} & set(shown)


def test_an_adjective_before_a_persons_name_describes_the_person():
    shown = actors("ترامب يغرد", "غرد الرئيس الأمريكي دونالد ترامب أمس عن الاتفاق.", {"دونالد ترامب": "PER"})
    assert "الولايات المتحدة" not in shown


def test_an_alias_matches_but_never_renames():
    body = (
        "اشتبكت جبهة النصرة مع الدولة الإسلامية في ريف حلب. وقالت جبهة النصرة إن الدولة الإسلامية "
        "هاجمت مواقعها. وتتهم جبهة النصرة الدولة الإسلامية بخرق الاتفاق."
    )
    shown = actors("اشتباكات بين جبهة النصرة والدولة الإسلامية", body, {})
    assert {"جبهة النصرة", "الدولة الإسلامية"} <= set(shown)
    assert not {"هيئة تحرير الشام", "داعش"} & set(shown)


def test_a_province_named_after_a_person_is_a_place():
    shown = actors(
        "هجوم في صلاح الدين",
        "قتل ثلاثة في هجوم بمحافظة صلاح الدين شمال بغداد. وقالت شرطة محافظة صلاح الدين إن المهاجمين فروا.",
        {"صلاح الدين": "PER"},
    )
    assert shown.get("صلاح الدين") == "LOC"


def test_a_place_inside_a_bodys_name_stays_in_it():
    shown = actors(
        "مقتل قائد في فيلق القدس",
        "قتل قائد بارز في فيلق القدس في غارة. وكان قائد فيلق القدس قد زار المنطقة مرارا.",
        {"القدس": "LOC"},
    )
    assert "القدس" not in shown
    assert "فيلق القدس" in shown


def test_common_words_at_a_names_edge_are_cut_or_the_name_dropped():
    shown = actors(
        "ليفربول بالأرقام",
        "ليفربول بالأرقام قبل النهائي: سجل ليفربول بالأرقام أهدافا كثيرة.",
        {"ليفربول بالأرقام": "ORG"},
    )
    assert "ليفربول" in shown and "ليفربول بالأرقام" not in shown
    shown = actors(
        "الجامعة تبحث الخطة",
        "وافقت الجامعة الخطة على نحو مفاجئ وقال رئيسها إن الجامعة الخطة على حالها.",
        {"الجامعة الخطة على": "ORG"},
    )
    assert "الجامعة الخطة على" not in shown and "الجامعة الخطة" not in shown


def test_a_capital_in_the_headline_is_a_place_of_its_own():
    body = (
        "نفى الرئيس السوري المخلوع بشار الأسد أن يكون غادر سوريا بشكل مخطط، وقال إنه بقي في دمشق. "
        "وطلبت موسكو إخلاءه إلى روسيا."
    )
    shown = actors(
        "بيان منسوب لبشار الأسد: غادرت بطلب روسي في اليوم التالي لسقوط دمشق",
        body,
        {"بشار الأسد": "PER", "دمشق": "LOC", "سوريا": "LOC", "روسيا": "LOC", "موسكو": "LOC"},
        outlets=3,
    )
    assert list(shown)[0] == "بشار الأسد"
    assert {"دمشق", "روسيا"} <= set(shown)


def test_a_place_only_the_body_names_in_passing_is_no_actor_and_a_dateline_none():
    body = (
        "دمشق – وكالات : بحث الرئيس بشار الأسد مع نظيره برهم صالح التعاون بين البلدين. "
        + "وتبادلا التهاني. " * 30
        + "وفي خبر آخر تريد أنقرة نقل مقاتلين إلى أفغانستان. ونقل مقاتلين إلى أفغانستان بدأ."
    )
    shown = actors(
        "الأسد يبحث مع صالح التعاون", body, {"بشار الأسد": "PER", "برهم صالح": "PER", "أفغانستان": "LOC", "دمشق": "LOC"}
    )
    assert "أفغانستان" not in shown and "دمشق" not in shown
    assert {"بشار الأسد", "برهم صالح"} <= set(shown)
