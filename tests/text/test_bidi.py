"""The bidi helper: which runs are isolated, and which way a line reads."""

from __future__ import annotations

import pytest

from mawjaz.text import bidi

L, P, R, M = bidi.LRI, bidi.PDI, bidi.RLI, bidi.RLM

ISOLATE_IN_ARABIC = [
    ("command", "أرسل /help للقائمة", f"أرسل {L}/help{P} للقائمة"),
    ("command_with_time", "لتغيير الوقت: /time 07:30 — المنطقة", f"لتغيير الوقت: {L}/time 07:30{P} — المنطقة"),
    ("placeholder_in_brackets", "/start [Area/City] — الاشتراك", f"{L}/start [Area/City]{P} — الاشتراك"),
    ("zone", "مثل: /tz Asia/Riyadh", f"مثل: {L}/tz Asia/Riyadh{P}"),
    ("two_zones_with_arabic_comma", "Asia/Riyadh، Africa/Cairo", f"{L}Asia/Riyadh{P}، {L}Africa/Cairo{P}"),
    (
        "url_with_trailing_slash",
        "أضيف https://example.com/feed/ (كل 900 ثانية).",
        f"أضيف {L}https://example.com/feed/{P} (كل {L}900{P} ثانية).",
    ),
    ("id", "المعرّف 004_b7866055f123aa82 غير موجود", f"المعرّف {L}004_b7866055f123aa82{P} غير موجود"),
    ("latin_name_in_quotes", "بيان «ISIS» الأخير", f"بيان «{L}ISIS{P}» الأخير"),
    ("latin_names_joined_by_comma", "نقلت BBC, CNN الخبر", f"نقلت {L}BBC, CNN{P} الخبر"),
    ("not_joined_across_middle_dot", "أمس 22:00 · 4 مصادر", f"أمس {L}22:00{P} · {L}4{P} مصادر"),
    ("arabic_indic_digits_stay", "الساعة ٠٧:٣٠", "الساعة ٠٧:٣٠"),
    ("mixed_word_stays", "بـGPT الجديد", "بـGPT الجديد"),
    ("paren_after_number_stays_outside", "(صفحة 2)", f"(صفحة {L}2{P})"),
    ("no_latin_nothing_to_do", "موجز اليوم", "موجز اليوم"),
]


@pytest.mark.parametrize("name,text,expected", ISOLATE_IN_ARABIC, ids=[c[0] for c in ISOLATE_IN_ARABIC])
def test_left_to_right_runs_in_an_arabic_line_are_isolated(name, text, expected):
    assert bidi.isolate(text, bidi.RTL) == expected


ISOLATE_IN_ENGLISH = [
    ("arabic_example", "e.g. موضوع داعش", f"e.g. {R}موضوع داعش{P}"),
    ("arabic_in_quotes", "Following “داعش”: its news", f"Following “{R}داعش{P}”: its news"),
    ("tashkeel_kept_inside", "11 مصدراً here", f"11 {R}مصدراً{P} here"),
    ("no_arabic", "/time 07:30", "/time 07:30"),
]


@pytest.mark.parametrize("name,text,expected", ISOLATE_IN_ENGLISH, ids=[c[0] for c in ISOLATE_IN_ENGLISH])
def test_arabic_runs_in_an_english_line_are_isolated(name, text, expected):
    assert bidi.isolate(text, bidi.LTR) == expected


DIRECTIONS = [
    ("arabic", "موجز اليوم", "ar", "rtl"),
    ("arabic_opening_with_a_command", "/time 07:30 لتغيير الوقت", "ar", "rtl"),
    ("arabic_opening_with_digits", "2026 عام صعب", "en", "rtl"),
    ("english", "Mawjaz commands:", "en", "ltr"),
    ("english_with_an_arabic_example", "Commands also work in Arabic, e.g. موضوع داعش", "en", "ltr"),
    ("latin_only_in_arabic_interface", "/time HH:MM", "ar", "ltr"),
    ("mostly_latin_in_arabic_interface", "Asia/Riyadh الرياض", "ar", "rtl"),
    ("neutral_only", "— 07:30 —", "ar", "ltr"),
]


@pytest.mark.parametrize("name,text,lang,expected", DIRECTIONS, ids=[c[0] for c in DIRECTIONS])
def test_a_line_reads_in_the_direction_of_its_words(name, text, lang, expected):
    assert bidi.direction(text, lang) == expected


def test_line_marks_arabic_with_rlm_and_leaves_english_unmarked():
    assert bidi.line("أرسل /help", "ar") == f"{M}أرسل {L}/help{P}"
    assert bidi.line("Send /help", "en") == "Send /help"


@pytest.mark.parametrize("text", ["أرسل /help للقائمة", "e.g. موضوع داعش", "/start [Area/City] — الاشتراك", ""])
def test_line_is_idempotent(text):
    once = bidi.line(text, "ar")
    assert bidi.line(once, "ar") == once
