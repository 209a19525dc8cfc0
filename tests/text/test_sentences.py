"""The Arabic sentence splitter, as a table of (text, expected sentences)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mawjaz.text.sentences import split_sentences

_CONTENT = re.compile(r"[^\W_]")

CASES = [
    # --- the stops
    ("full_stop", "وصل الوفد إلى أنقرة. وبدأت المحادثات مساء.", ["وصل الوفد إلى أنقرة.", "وبدأت المحادثات مساء."]),
    ("arabic_question_mark", "هل تنجح المفاوضات؟ لا أحد يعرف.", ["هل تنجح المفاوضات؟", "لا أحد يعرف."]),
    ("latin_question_mark", "هل تنجح المفاوضات? لا أحد يعرف.", ["هل تنجح المفاوضات?", "لا أحد يعرف."]),
    ("exclamation", "يا لها من مفاجأة! فاز الفريق.", ["يا لها من مفاجأة!", "فاز الفريق."]),
    ("arabic_semicolon", "ارتفعت الأسعار؛ وتراجع الطلب.", ["ارتفعت الأسعار؛", "وتراجع الطلب."]),
    ("run_of_stops_counts_once", "هل هذا معقول؟! نعم.", ["هل هذا معقول؟!", "نعم."]),
    ("line_break_ends_a_sentence", "عنوان بلا نقطة\nنص الخبر هنا.", ["عنوان بلا نقطة", "نص الخبر هنا."]),
    ("blank_lines_and_crlf", "الأول.\r\n\r\n\r\nالثاني.", ["الأول.", "الثاني."]),
    ("last_sentence_without_stop", "انتهى الاجتماع. والنتائج لاحقا", ["انتهى الاجتماع.", "والنتائج لاحقا"]),
    ("missing_space_after_stop", "انتهى الأمر.وأضاف أن الوفد غادر.", ["انتهى الأمر.", "وأضاف أن الوفد غادر."]),
    # --- quotations are never cut in the middle
    (
        "guillemets_keep_inner_stops",
        "وقال «لن نتراجع. سنواصل القتال» ثم غادر.",
        ["وقال «لن نتراجع. سنواصل القتال» ثم غادر."],
    ),
    (
        "sentence_ending_inside_guillemets_ends_after_them",
        "وقال: «انتهى الأمر.» ثم غادر القاعة.",
        ["وقال: «انتهى الأمر.»", "ثم غادر القاعة."],
    ),
    (
        "straight_quotes",
        'وقال "لقد دربنا 1600 مقاتل. وقدمنا مساعدة". وأضاف "سنستمر."',
        ['وقال "لقد دربنا 1600 مقاتل. وقدمنا مساعدة".', 'وأضاف "سنستمر."'],
    ),
    (
        "curly_quotes",
        "وقال العبادي: إن “التنظيم يهدد المنطقة. ونستطيع هزيمته”، وغادر.",
        ["وقال العبادي: إن “التنظيم يهدد المنطقة. ونستطيع هزيمته”، وغادر."],
    ),
    (
        "question_inside_quote_ends_after_the_mark",
        "وسأل الصحفي «لماذا الآن؟» فلم يجب أحد.",
        ["وسأل الصحفي «لماذا الآن؟»", "فلم يجب أحد."],
    ),
    (
        "stop_then_closing_mark_then_stop",
        "وقال «انتهى الأمر!». ثم غادر.",
        ["وقال «انتهى الأمر!».", "ثم غادر."],
    ),
    (
        "omission_inside_a_quote",
        "ونقلت عنه قوله: «ننتظر دعما عسكريا دائما (...) من تركيا»، معتبرا أن التعاون مفيد. وغادر.",
        ["ونقلت عنه قوله: «ننتظر دعما عسكريا دائما (...) من تركيا»، معتبرا أن التعاون مفيد.", "وغادر."],
    ),
    (
        "unbalanced_quote_does_not_stop_splitting",
        'انتقد مسؤول سياسة "غير عقلانية. وحث أنقرة على الحوار.',
        ['انتقد مسؤول سياسة "غير عقلانية.', "وحث أنقرة على الحوار."],
    ),
    (
        "open_quote_does_not_swallow_the_next_line",
        "قال «هذا الكلام\nخبر آخر. وخبر ثالث.",
        ["قال «هذا الكلام", "خبر آخر.", "وخبر ثالث."],
    ),
    # --- parentheses
    (
        "stops_inside_parentheses",
        "قال مسؤول (لم يذكر اسمه. لأسباب أمنية) إن الهدوء مؤقت. وغادر.",
        ["قال مسؤول (لم يذكر اسمه. لأسباب أمنية) إن الهدوء مؤقت.", "وغادر."],
    ),
    ("credit_after_stop_stays_with_its_sentence", "وصل الرئيس. (أ.ف.ب)", ["وصل الرئيس. (أ.ف.ب)"]),
    ("credit_before_stop", "وصل الرئيس (رويترز). ثم غادر.", ["وصل الرئيس (رويترز).", "ثم غادر."]),
    # --- numbers
    ("decimal_percent", "بلغ النمو 2.4% هذا العام. وتراجع التضخم.", ["بلغ النمو 2.4% هذا العام.", "وتراجع التضخم."]),
    ("thousands_separator", "قتل 1.600 شخص في الزلزال.", ["قتل 1.600 شخص في الزلزال."]),
    ("decimal", "سعر البرميل 3.5 دولار فقط.", ["سعر البرميل 3.5 دولار فقط."]),
    ("arabic_indic_decimal", "بلغ النمو ٢.٤ بالمئة. وتراجع التضخم.", ["بلغ النمو ٢.٤ بالمئة.", "وتراجع التضخم."]),
    ("year_then_stop", "تأسست الشركة عام 2018. وتوسعت لاحقا.", ["تأسست الشركة عام 2018.", "وتوسعت لاحقا."]),
    ("list_number", "1. البند الأول من الاتفاق.", ["1. البند الأول من الاتفاق."]),
    # --- abbreviations and initials
    ("doctor", "قال د. محمد البرادعي إن الوضع صعب.", ["قال د. محمد البرادعي إن الوضع صعب."]),
    ("afp", "ذكرت أ.ف.ب أن الوضع هادئ. وقال مسؤول إنه مؤقت.", ["ذكرت أ.ف.ب أن الوضع هادئ.", "وقال مسؤول إنه مؤقت."]),
    ("ap", "أفادت أ.ب بوقوع انفجار.", ["أفادت أ.ب بوقوع انفجار."]),
    ("epa", "صورة نشرتها إ.ب.أ للموقع.", ["صورة نشرتها إ.ب.أ للموقع."]),
    ("engineer", "أشرف م. أحمد علي على المشروع.", ["أشرف م. أحمد علي على المشروع."]),
    ("page", "ورد ذلك في ص. 12 من التقرير.", ["ورد ذلك في ص. 12 من التقرير."]),
    ("single_letter_initials", "كتب ج. ر. ر. تولكين الرواية.", ["كتب ج. ر. ر. تولكين الرواية."]),
    ("before_christ", "في عام 332 ق.م. تأسست المدينة.", ["في عام 332 ق.م. تأسست المدينة."]),
    ("latin_title", "What did Mr. Smith say? He said no.", ["What did Mr. Smith say?", "He said no."]),
    ("web_address", "زوروا الموقع bbc.com للمزيد.", ["زوروا الموقع bbc.com للمزيد."]),
    # --- ellipsis is a pause, not an end
    ("two_dots", "العندليب والسندريلا.. الحقيقة الغائبة.", ["العندليب والسندريلا.. الحقيقة الغائبة."]),
    ("three_dots", "كان الوضع صعبا... ولكننا صمدنا.", ["كان الوضع صعبا... ولكننا صمدنا."]),
    ("ellipsis_character", "انتظرنا طويلا… ثم وصلوا.", ["انتظرنا طويلا… ثم وصلوا."]),
    ("ellipsis_before_closing_quote", "قال «كنا ننتظر...» ثم صمت.", ["قال «كنا ننتظر...» ثم صمت."]),
    # --- display text, edges
    ("display_text_is_not_normalised", "إنّ الأمرَ صعبٌ. ٢٠٢٤", ["إنّ الأمرَ صعبٌ.", "٢٠٢٤"]),
    ("surrounding_space_is_stripped", "   جملة أولى.    جملة ثانية.   ", ["جملة أولى.", "جملة ثانية."]),
    ("empty", "", []),
    ("only_whitespace", " \n\t \n", []),
    ("only_punctuation", "...", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_split_sentences_table(text, expected):
    assert split_sentences(text) == expected


def test_no_sentence_is_lost_or_invented():
    text = "قال د. أحمد: «النمو 2.4%. هذا جيد». وأضاف أن العدد 1.600!\nسطر ثان؟ نعم… ربما"
    assert "".join(split_sentences(text)).replace(" ", "") == text.replace(" ", "").replace("\n", "")


_ALPHABET = "ابتدوقلمنأإىة ٢3.،؛؟?!«»“”\"()…\n"


@given(st.text(alphabet=_ALPHABET, max_size=120))
@settings(max_examples=300, deadline=None)
def test_every_letter_and_digit_survives_in_order(text):
    sentences = split_sentences(text)
    assert _CONTENT.findall("".join(sentences)) == _CONTENT.findall(text)
    assert all(s and s == s.strip() and "\n" not in s for s in sentences)
