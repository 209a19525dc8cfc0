"""Shared cleaning: HTML out of titles, whitespace collapsed, junk lines and captions recognised."""

from __future__ import annotations

import pytest

from mawjaz.ingest.clean import (
    build_article,
    clean_title,
    collapse,
    html_paragraphs,
    is_junk_line,
    source_name,
)
from mawjaz.ingest.record import Article, Problem
from mawjaz.text.captions import is_caption

TITLES = [
    ("<b>عاجل:</b> زلزال   في   الشمال", "عاجل: زلزال في الشمال"),
    ("عنوان<script>alert('x')</script> الخبر", "عنوان الخبر"),
    ("<script>document.write('x')</script>", ""),
    ("<style>h1{color:red}</style>خبر", "خبر"),
    ("الأسعار &amp; الأجور &lt;تحليل&gt;", "الأسعار & الأجور <تحليل>"),
    ("النمو < 2% هذا العام", "النمو < 2% هذا العام"),
    ("  سطر\nثان\t\u00a0ثالث  ", "سطر ثان ثالث"),
    ("نص\x00فيه\x1b تحكم\x85", "نصفيه تحكم"),
    (None, ""),
]


@pytest.mark.parametrize(("raw", "clean"), TITLES)
def test_title_is_stripped_of_html_and_collapsed(raw, clean):
    assert clean_title(raw) == clean


def test_collapse_keeps_arabic_marks_and_zwnj():
    assert collapse("مُحمّد\u200cي") == "مُحمّد\u200cي"


JUNK = [
    "TT",
    "0",
    "12",
    " ",
    "\u00a0",
    "...",
    "|",
    "مشاركة المقال !",
    "اترك تعليق",
    "شارك",
    "هذا الموقع يستخدم Akismet للحدّ من التعليقات المزعجة والغير مرغوبة. تعرّف على كيفية معالجة بيانات تعليقك.",
    "© جميع الحقوق محفوظة 2024",
    "Share",
    "اقرأ أيضاً:",
]
NOT_JUNK = [
    "وقال الوزير إن 12 مشروعاً ستنطلق.",
    "شارك آلاف المتظاهرين في المسيرة أمس.",
    "TT تعلن نتائجها",
    "2024 عام الانتخابات",
]


@pytest.mark.parametrize("line", JUNK)
def test_page_furniture_is_junk(line):
    assert is_junk_line(line)


@pytest.mark.parametrize("line", NOT_JUNK)
def test_news_sentences_are_not_junk(line):
    assert not is_junk_line(line)


CAPTIONS = [
    "وزير الخارجية يصافح نظيره في أنقرة أمس (أ.ب)",
    "الرئيس السوري المخلوع بشار الأسد (رويترز - أرشيفية)",
    "وزير الخارجية الروسي سيرغي لافروف في موسكو (إ.ب.أ)",
    "متظاهرون في ساحة التحرير (أ ف ب)",
    "Protesters in the square (AFP / Getty Images)",
]
NOT_CAPTIONS = [
    "وقال المتحدث إن الاجتماع سيعقد يوم (الخميس)",
    "انتهى الاجتماع. وقال الوزير لاحقاً إن الاتفاق قريب (رويترز)",
    "(رويترز)",
    "خبر عن وكالة رويترز",
]


@pytest.mark.parametrize("line", CAPTIONS)
def test_a_short_line_closed_by_an_agency_credit_is_a_caption(line):
    assert is_caption(line)


@pytest.mark.parametrize("line", NOT_CAPTIONS)
def test_other_lines_are_not_captions(line):
    assert not is_caption(line)


def test_html_becomes_paragraphs_and_figcaptions_become_captions():
    html = (
        "<div><p>الفقرة <b>الأولى</b>.</p><figure><img src='x.jpg'><figcaption>صورة الحدث (أ.ب)</figcaption></figure>"
        "<p>الفقرة الثانية<br>سطر ثالث</p><script>var x = 1;</script><!-- تعليق --></div>"
    )
    paragraphs, captions = html_paragraphs(html)
    assert paragraphs == ["الفقرة الأولى.", "الفقرة الثانية", "سطر ثالث"]
    assert captions == ["صورة الحدث (أ.ب)"]


def test_deeply_nested_html_does_not_exhaust_the_stack():
    html = "<div>" * 5000 + "<p>نص عميق</p>" + "</div>" * 5000
    paragraphs, _ = html_paragraphs(html)
    assert paragraphs == ["نص عميق"] or paragraphs == []


def test_an_article_without_a_title_is_a_problem():
    assert build_article("x.txt", title="<script>x</script>", body="نص", source="s") == Problem("x.txt", "no title")


def test_an_article_without_a_body_is_a_problem():
    item = build_article("x.txt", title="عنوان", body=" \n\u00a0\n", source="s")
    assert isinstance(item, Problem) and "no body text" in item.why


def test_build_article_joins_paragraphs_with_blank_lines_and_dedupes_captions():
    item = build_article(
        "x", title="عنوان", body="أولى  \n\n\n ثانية", source=" مصدر ", captions=("ص (أ.ب)", "ص (أ.ب)"), subtitle=" "
    )
    assert isinstance(item, Article)
    assert item.body == "أولى\n\nثانية"
    assert item.source == "مصدر"
    assert item.captions == ("ص (أ.ب)",)
    assert item.subtitle is None


@pytest.mark.parametrize(
    ("origin", "name"),
    [("/a/b/000_ca76.txt", "000_ca76"), ("https://www.example.com/feed.xml", "example.com"), ("-", "stdin")],
)
def test_source_name_is_a_file_stem_or_a_host(origin, name):
    assert source_name(origin) == name
