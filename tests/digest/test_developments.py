"""A story's developments: the articles that brought something new, oldest first (a pure function)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mawjaz.digest.developments import developments
from mawjaz.digest.views import ArticleView, CopyView

T0 = datetime(2026, 5, 1, 8, tzinfo=UTC)


def article(n: int, title: str, hours: float | None, outlet: str = "وكالة") -> ArticleView:
    when = None if hours is None else T0 + timedelta(hours=hours)
    return ArticleView(n, title, outlet, None, when, (CopyView(outlet, None, None, outlet),), source_name=outlet)


def test_the_first_article_opens_the_story_and_retellings_join_it_as_reports():
    steps = developments(
        [
            article(1, "انفجار في بغداد يقتل 5 أشخاص", 0, "أ"),
            article(2, "مقتل 5 أشخاص في انفجار ببغداد", 1, "ب"),
            article(3, "انفجار بغداد: 5 قتلى", 2, "ج"),
        ]
    )
    assert [(d.article_id, d.reports, d.outlets) for d in steps] == [(1, 3, ("أ", "ب", "ج"))]


def test_a_new_number_is_a_new_development_at_any_time():
    steps = developments([article(1, "انفجار في بغداد يقتل 5", 0), article(2, "ارتفاع حصيلة انفجار بغداد إلى 12", 0.5)])
    assert [d.article_id for d in steps] == [1, 2] and "12" in steps[1].new


def test_a_mostly_new_headline_is_a_development_only_after_a_gap():
    first, then = "الحكومة تقترح قانون الانتخابات", "البرلمان يصوت بالإجماع على قانون الانتخابات"
    soon = developments([article(1, first, 0), article(2, then, 1)])
    later = developments([article(1, first, 0), article(2, then, 8)])
    assert [d.article_id for d in soon] == [1]
    assert [d.article_id for d in later] == [1, 2]


def test_a_few_new_words_in_a_retelling_are_no_development_however_late():
    retold = "الحكومة تقترح اليوم قانون الانتخابات الجديد"
    steps = developments([article(1, "الحكومة تقترح قانون الانتخابات", 0), article(2, retold, 9)])
    assert [d.article_id for d in steps] == [1] and steps[0].reports == 2


def test_articles_are_read_in_time_order_whatever_order_they_come_in():
    steps = developments([article(2, "ارتفاع الحصيلة إلى 12 قتيلاً", 3), article(1, "انفجار يقتل 5", 0)])
    assert [d.article_id for d in steps] == [1, 2]


def test_no_articles_no_developments_and_undated_ones_never_break_it():
    assert developments([]) == []
    steps = developments([article(1, "انفجار يقتل 5", None), article(2, "انفجار يقتل 5 أشخاص", None)])
    assert [d.article_id for d in steps] == [1] and steps[0].at is None
