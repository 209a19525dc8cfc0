"""One event takes one slot in a digest, and two events that share only a place keep two.

The stories are built as ranking sees them (:class:`mawjaz.digest.rank.Candidate`): their centroids and
the terms of their headlines and leads with their places taken out (:func:`mawjaz.digest.pick.event_terms`).
The day's other stories make the terms' rarity: a weekday or «أعلن» is in every story and weighs nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mawjaz.digest.pick import event_terms
from mawjaz.digest.rank import Candidate, events, ranked

NOW = datetime(2018, 5, 14, 18, tzinfo=UTC)
GAZA = ["قطاع غزة", "غزة"]

# the rest of the day (five times over, as many stories as a day has): different events, all on a Monday,
# most of them announced
FILLER = [
    ("مانشيني مديرا فنيا للمنتخب الإيطالي", "أعلن الاتحاد الإيطالي الاثنين تعيين مانشيني", ["إيطاليا"]),
    ("فيسبوك تعلق 200 تطبيق", "أعلنت فيسبوك الاثنين تعليق تطبيقات", []),
    ("تعديل وزاري في السودان", "أعلن الرئيس السوداني الاثنين تعديلا وزاريا", ["السودان"]),
    ("الليرة التركية تنخفض", "تراجعت الليرة الاثنين أمام الدولار", ["تركيا"]),
    ("خبراء يكشفون لغز الطائرة الماليزية", "أعلن خبراء طيران الاثنين حلا للغز", ["كوالالمبور"]),
    ("نصر الله يتحدث عن صواريخ الجولان", "قال حسن نصر الله الاثنين إن الهجوم مرحلة جديدة", ["الجولان"]),
]


def story(
    story_id: int, outlets: int, headline: str, lead: str, places: list[str], centroid: dict[str, float]
) -> Candidate:
    return Candidate(
        story_id, outlets, 0, NOW - timedelta(hours=1), outlets, centroid, event_terms(f"{headline} {lead}", places)
    )


def filler() -> list[Candidate]:
    return [
        story(100 + n, 1, headline, lead, places, {f"filler{n}": 1.0})
        for n, (headline, lead, places) in enumerate(FILLER * 5)
    ]


def day(*stories: Candidate) -> list[int]:
    return [c.story_id for c in ranked([*stories, *filler()], NOW)]


def test_reactions_to_one_event_take_one_slot_though_their_centroids_drifted_apart() -> None:
    """Centroid cosine 0.33 (each names its own capital): below SAME_EVENT, one event by what their leads say."""
    kuwait = story(
        1,
        4,
        "الكويت تدعو مجلس الأمن لاجتماع طارئ حول غزة",
        "دعت الكويت الاثنين إلى اجتماع طارئ بعد مقتل عشرات الفلسطينيين برصاص الجيش الإسرائيلي",
        GAZA,
        {"غزه": 1.0, "كويت": 1.0, "مجلس": 1.0},
    )
    powers = story(
        2,
        3,
        "الدول الكبرى تدعو إسرائيل إلى ضبط النفس في غزة",
        "دعت بريطانيا وفرنسا الاثنين إلى ضبط النفس بعد مقتل عشرات الفلسطينيين برصاص الجيش الإسرائيلي",
        GAZA,
        {"غزه": 1.0, "بريطانيا": 1.0, "فرنسا": 1.0},
    )
    assert day(kuwait, powers)[:1] == [1]
    assert 2 not in day(kuwait, powers)
    shown = {c.story_id: others for c, others in events([kuwait, powers, *filler()], NOW)}
    assert shown[1] == 1  # the kept story says one more report of its event was left out


def test_two_accidents_in_one_governorate_keep_two_slots() -> None:
    """Centroid cosine 0.33, from the place alone: the place is where they meet, not what makes them one."""
    places = ["محافظة المنيا", "مركز ملوي", "صعيد مصر"]
    crash = story(
        1,
        4,
        "مصرع خمسة في حادث سير بمركز ملوي في محافظة المنيا",
        "لقي خمسة أشخاص مصرعهم الاثنين في تصادم حافلة وشاحنة بمركز ملوي في محافظة المنيا في صعيد مصر",
        places,
        {"منيا": 1.0, "تصادم": 1.0, "حافله": 1.0},
    )
    fire = story(
        2,
        3,
        "حريق يلتهم مخزنا للقطن بمركز ملوي في محافظة المنيا",
        "اندلع حريق الاثنين في مخزن للقطن بمركز ملوي في محافظة المنيا في صعيد مصر",
        places,
        {"منيا": 1.0, "حريق": 1.0, "قطن": 1.0},
    )
    assert day(crash, fire)[:2] == [1, 2]


def test_near_stories_sharing_only_common_words_keep_two_slots() -> None:
    """Two appointments announced on one Monday are two events: «أعلن» and «الاثنين» are in every story."""
    mancini = story(
        1,
        3,
        "مانشيني مدربا للمنتخب الإيطالي",
        "أعلن الاتحاد الإيطالي الاثنين تعيين مانشيني",
        ["إيطاليا"],
        {"تعيين": 1.0, "منتخب": 1.0, "مانشيني": 1.0},
    )
    tuchel = story(
        2,
        2,
        "توخل مدربا لباريس سان جرمان",
        "أعلن نادي باريس سان جرمان الاثنين تعيين توخل",
        ["باريس"],
        {"تعيين": 1.0, "نادي": 1.0, "توخل": 1.0},
    )
    assert day(mancini, tuchel)[:2] == [1, 2]


def test_close_centroids_are_one_event_whatever_their_headlines_say() -> None:
    first = story(1, 3, "حريق في مصنع", "اندلع حريق", [], {"حريق": 1.0, "مصنع": 1.0})
    second = story(2, 2, "الدفاع المدني يسيطر على النيران", "سيطرت فرق الإطفاء", [], {"حريق": 1.0, "مصنع": 0.9})
    assert 2 not in day(first, second)
