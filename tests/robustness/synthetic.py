"""A synthetic news corpus for tests that need many articles: deterministic, Arabic, with copies and stories.

The real corpora live outside the repository, so the crash test writes its
own: articles about a handful of events (so stories form), each event told
by several outlets in their own words, some articles republished word for
word by a second outlet (a copy), and some lines repeated exactly (the same
record seen twice).
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

_PLACES = [
    "بغداد",
    "دمشق",
    "القاهرة",
    "عمان",
    "بيروت",
    "الرياض",
    "الدوحة",
    "تونس",
    "الخرطوم",
    "الرباط",
    "صنعاء",
    "طرابلس",
]
_SUBJECTS = [
    "افتتاح مطار جديد",
    "انتخابات بلدية",
    "فيضانات وأمطار غزيرة",
    "قمة اقتصادية",
    "إضراب المعلمين",
    "معرض الكتاب",
    "ارتفاع أسعار الوقود",
    "مباراة نهائي الكأس",
    "زلزال بقوة خمس درجات",
    "اتفاق تجاري",
    "حملة تطعيم",
    "مهرجان سينمائي",
]
_FILLER = (
    "وقال مسؤولون إن الاستعدادات جرت على مدى أشهر بمشاركة عدد كبير من الجهات المعنية. "
    "وأضاف المتحدث أن الحكومة تتابع التطورات عن كثب وتعمل على تذليل العقبات كافة. "
    "وأشار خبراء إلى أن الخطوة تأتي في وقت تشهد فيه المنطقة تحديات اقتصادية متزايدة. "
    "ومن المتوقع أن تعلن السلطات تفاصيل إضافية خلال الأيام المقبلة في مؤتمر صحفي. "
    "ورحب مواطنون بالقرار معتبرين أنه طال انتظاره منذ سنوات عديدة. "
    "وذكرت مصادر محلية أن حركة المرور تأثرت في عدد من الشوارع الرئيسية صباح اليوم. "
    "وأكدت الوزارة في بيان رسمي التزامها بالجدول الزمني المعلن سابقا دون أي تأخير. "
    "ولفت مراقبون إلى أهمية التنسيق بين المؤسسات لضمان نجاح هذه الجهود على المدى الطويل. "
).split(". ")
_OUTLETS = ["الرافدين", "الشرق اليوم", "أخبار الشام", "بوابة النيل", "المستقبل", "الخليج نيوز", "المغرب الآن"]


def write_corpus(path: Path, articles: int, *, seed: int = 7) -> dict[str, int]:
    """Write ``articles`` JSONL lines to ``path``; returns how many are distinct texts, copies and repeats."""
    rng = random.Random(seed)
    start = datetime(2026, 11, 20, 6, tzinfo=UTC)
    events = [(place, subject) for place in _PLACES for subject in _SUBJECTS]
    rng.shuffle(events)
    events = events[: max(4, articles // 8)]
    lines: list[str] = []
    counts = {"distinct": 0, "copies": 0, "repeats": 0}
    while len(lines) < articles:
        roll = rng.random()
        if lines and roll < 0.08:  # the same record again, byte for byte
            lines.append(rng.choice(lines))
            counts["repeats"] += 1
            continue
        if lines and roll < 0.22:  # another outlet republishes a story word for word
            record = json.loads(rng.choice(lines))
            record["id"] = f"copy-{len(lines)}"
            record["source"] = rng.choice(_OUTLETS)
            record["url"] = f"https://copy{len(lines)}.example/a"
            lines.append(json.dumps(record, ensure_ascii=False))
            counts["copies"] += 1
            continue
        place, subject = rng.choice(events)
        sentences = rng.sample(_FILLER, 4)
        number = len(lines)
        body = (
            f"شهدت {place} اليوم {subject} في حدث لافت تابعته وسائل الإعلام المحلية والدولية. "
            + ". ".join(sentences)
            + f". وهذا التقرير رقم {number} من مراسلنا في {place}."
        )
        record = {
            "id": f"a{number}",
            "title": f"{subject} في {place}",
            "text": body,
            "source": rng.choice(_OUTLETS),
            "url": f"https://news{number % 7}.example/{number}",
            "time": (start + timedelta(minutes=7 * number)).isoformat(),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
        counts["distinct"] += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return counts


_LETTERS = "ثجحخدذرزشصضطظعغق"  # no letter a clitic or suffix is made of: each word stays one index term


def write_distinct_events(path: Path, events: int, articles: int, *, seed: int = 11) -> dict[str, int]:
    """Write ``articles`` JSONL lines about ``events`` events that share no words: placement cannot depend on order.

    Each event has its own made-up words; each article tells one event in a
    shuffled pick of them (so no two texts are near-duplicates), from one of
    six outlets; some are republished word for word by another outlet. Two
    workers storing these in any interleaving must make the same stories as
    one worker storing them in turn (what :func:`write_corpus` cannot promise:
    its events share their filler sentences, and an online grouping of those
    depends on the order articles come in).
    """
    rng = random.Random(seed)
    start = datetime(2026, 11, 20, 6, tzinfo=UTC)
    vocabulary = [
        ["".join(rng.choice(_LETTERS) for _ in range(rng.randint(5, 7))) for _ in range(10)] for _ in range(events)
    ]
    outlets = [f"outlet-{n}" for n in range(6)]
    lines: list[str] = []
    counts = {"distinct": 0, "copies": 0}
    while len(lines) < articles:
        if lines and rng.random() < 0.15:
            record = json.loads(rng.choice(lines))
            record["id"] = f"copy-{len(lines)}"
            record["source"] = rng.choice([o for o in outlets if o != record["source"]])
            record["url"] = f"https://copy{len(lines)}.example/a"
            lines.append(json.dumps(record, ensure_ascii=False))
            counts["copies"] += 1
            continue
        number = len(lines)
        words = vocabulary[rng.randrange(events)]
        sentences = [" ".join(rng.sample(words, 8)) for _ in range(5)]
        record = {
            "id": f"a{number}",
            "title": " ".join(rng.sample(words, 4)),
            "text": ". ".join(sentences) + f". التقرير {number}.",
            "source": rng.choice(outlets),
            "url": f"https://news{number % 7}.example/{number}",
            "time": (start + timedelta(minutes=5 * number)).isoformat(),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
        counts["distinct"] += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return counts
