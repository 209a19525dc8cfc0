"""A story's headline and summary tell its latest development: short, clean, and with the latest report's figures."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from fixtures import news

from mawjaz.digest.compose import headline_of, latest, summary_of, texts_of
from mawjaz.digest.headline import is_label
from mawjaz.digest.summarise import summarise
from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.storage import stories as story_repo
from mawjaz.storage.engine import reading
from mawjaz.text.sentences import split_sentences


class A(NamedTuple):
    headline: str
    body: str


FIRST = A(
    "مقتل 9 أشخاص في انهيار مبنى سكني بالقاهرة",
    "لقي 9 أشخاص مصرعهم صباح اليوم الاثنين إثر انهيار مبنى سكني من خمسة طوابق في حي شبرا شمالي القاهرة، "
    "وفق ما أعلنت وزارة الصحة المصرية في بيان مقتضب.\n"
    "وقالت الوزارة إن فرق الإنقاذ ما زالت تبحث عن ناجين تحت الأنقاض وإن سيارات الإسعاف نقلت المصابين إلى "
    "مستشفيات قريبة، فيما طوقت قوات الأمن المكان ومنعت الاقتراب منه حفاظا على سلامة المواطنين.",
)
LATER = A(
    "ارتفاع حصيلة ضحايا انهيار مبنى شبرا في القاهرة إلى 14 قتيلا",
    "ارتفعت حصيلة ضحايا انهيار المبنى السكني في حي شبرا بالقاهرة إلى 14 قتيلا و23 مصابا مساء الاثنين، "
    "بعد انتشال جثث جديدة من تحت الأنقاض، بحسب ما أعلنته وزارة الصحة المصرية.\n"
    "وأمرت النيابة العامة بحبس مالك العقار على ذمة التحقيق بعد أن تبين أنه أضاف طابقين دون ترخيص، "
    "وكلفت لجنة هندسية بفحص المباني المجاورة التي تضررت من الانهيار في الحي المكتظ بالسكان.",
)
PROGRAMME = A("نشرة خاصة", "نشرة الأخبار المسائية: أبرز عناوين اليوم في مصر والعالم العربي مع مراسلينا.")


def test_the_headline_and_summary_come_from_the_newest_significant_article():
    story = [FIRST, LATER]
    assert headline_of(story) == LATER.headline
    assert summary_of(story).startswith("ارتفعت حصيلة ضحايا انهيار المبنى")


def test_a_report_is_forty_words_or_more_and_the_newest_report_wins_over_newer_teasers():
    teaser = A("انهيار مبنى شبرا: صور من موقع الحادث", " ".join(["كلمة"] * 39))
    report = A("انهيار مبنى شبرا: التفاصيل", " ".join(["كلمة"] * 40))
    assert latest([FIRST, report, teaser]) == 1  # 40 words: a report, newer than FIRST
    assert latest([FIRST, teaser, teaser]) == 0  # 39 words: a teaser, however new
    assert latest([PROGRAMME, teaser]) == 1  # no report: the newest real title
    assert latest([PROGRAMME, PROGRAMME]) == 1  # labels only: the newest


def test_the_headline_and_summary_together_are_those_of_each_alone():
    for story in ([FIRST], [FIRST, LATER], [LATER, FIRST, PROGRAMME], [PROGRAMME, FIRST], [PROGRAMME]):
        assert texts_of(story) == (headline_of(story), summary_of(story))


def test_when_outlets_disagree_on_a_number_the_summary_gives_the_latest_report_s():
    summary = summary_of([FIRST, LATER])
    assert "14" in summary
    assert "9 أشخاص" not in summary


def test_a_programme_or_media_label_is_never_the_headline_nor_the_article_summarised():
    story = [FIRST, LATER, PROGRAMME]
    assert latest(story) == 1
    assert headline_of(story) == LATER.headline
    assert "نشرة" not in summary_of(story)
    for label in ("نشرة خاصة", "تغطية خاصة", "بالفيديو", "بالصور", "عاجل", "نشرة الأخبار 15:00"):
        assert is_label(label), label
    assert is_label("تغطية خاصة لنقل السفارة الأمريكية إلى القدس")
    assert not is_label("تغطية خاصة: قمة الرياض تقر خطة لإعمار غزة")  # a label before the news is cleaned off


def test_a_story_of_labels_only_gets_a_headline_from_what_its_text_says():
    only = [A("بالفيديو", FIRST.body)]
    headline = headline_of(only)
    assert not is_label(headline) and headline.startswith("لقي 9 أشخاص")


def test_a_summary_is_one_or_two_sentences_of_at_most_45_words():
    long_lead = A("عنوان", "، ".join(["جملة طويلة جدا تتحدث عن أمر مهم حدث اليوم"] * 12) + ".")
    stories = [
        [FIRST, LATER],
        [long_lead],
        [
            A(news.QUAKE_TITLE, news.QUAKE_WIRE),
            A(news.QUAKE_OTHER_TITLE, news.QUAKE_OTHER_OUTLET),
            A(news.QUAKE_FOLLOW_UP_TITLE, news.QUAKE_FOLLOW_UP),
        ],
    ]
    for story in stories:
        summary = summary_of(story)
        assert len(summary.split()) <= 45, summary
        assert 1 <= len(split_sentences(summary)) <= 2, summary


def test_a_summary_carries_no_hashtag():
    body = (
        "أعلنت الحكومة الكويتية اليوم طلبها من البرلمان استعجال التصديق على اتفاقية #ضريبة_القيمة_المضافة "
        "الخليجية قبل نهاية العام الجاري. #عاجل\n#الكويت #الخليج #اقتصاد"
    )
    (sentence,) = summarise([("الكويت تستعجل ضريبة القيمة المضافة", body)])
    assert "#" not in sentence
    assert "ضريبة القيمة المضافة" in sentence and "عاجل" not in sentence


def test_no_two_sentences_of_a_summary_state_one_fact():
    retold = A(
        "البرلمان الأرميني ينتخب باشينيان رئيسا للوزراء",
        "انتخب البرلمان في أرمينيا الثلاثاء زعيم المعارضة نيكول باشينيان رئيسا للوزراء بعد أسابيع من "
        "الاحتجاجات ضد الحزب الحاكم.\nوقال باشينيان أمام أنصاره إنه سيعمل من أجل كل المواطنين.",
    )
    again = A(
        "باشينيان رئيسا لوزراء أرمينيا",
        "انتخب البرلمان في أرمينيا اليوم الثلاثاء زعيم المعارضة نيكول باشينيان رئيسا للوزراء، بعد فشله "
        "الأسبوع الماضي في الحصول على غالبية الأصوات.",
    )
    sentences = split_sentences(summary_of([retold, again]))
    assert len(sentences) == 1, sentences


def test_a_stored_story_reads_as_its_latest_development(fresh_db):
    morning = datetime(2026, 11, 23, 6, tzinfo=UTC)
    records = [
        Record(
            title=LATER.headline,
            body=LATER.body,
            source="wire",
            external_id="2",
            published=morning + timedelta(hours=10),
        ),
        Record(title=FIRST.headline, body=FIRST.body, source="paper", external_id="1", published=morning),
    ]
    store_items(fresh_db, records, IngestReport())
    with reading(fresh_db) as session:
        (story,) = story_repo.recent(session, None, None)
    assert story.article_count == 2
    assert story.headline == LATER.headline
    assert "14" in story.summary and not re.search(r"\b9 أشخاص", story.summary)
