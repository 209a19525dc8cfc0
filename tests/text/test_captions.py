"""Photo captions and credits: one vocabulary (mawjaz.text.captions), three rules for three callers."""

from __future__ import annotations

import pytest

from mawjaz.text.captions import (
    CREDITS,
    caption_credit,
    closing_bracket,
    ends_in_credit,
    is_caption,
    is_credit,
    without_credit,
)

# line → (is_caption: ingest's rule, ends_in_credit: the summariser's, without_credit: actors')
TABLE = [
    ("وزير الخارجية يصافح نظيره في أنقرة أمس (أ.ب)", True, True, "وزير الخارجية يصافح نظيره في أنقرة أمس"),
    ("الرئيس السوري المخلوع بشار الأسد (رويترز - أرشيفية)", True, True, "الرئيس السوري المخلوع بشار الأسد"),
    ("متظاهرون في ساحة التحرير (أ ف ب)", True, True, "متظاهرون في ساحة التحرير"),
    ("Protesters in the square (AFP / Getty Images)", True, True, "Protesters in the square"),
    ("صورة للرئيس   (رويترز)  ", True, True, "صورة للرئيس"),
    # An unknown credit: a caption for the summariser and for actors, not for ingest.
    ("ارتفع سعر صرف الدولار (الأمريكي)", False, True, "ارتفع سعر صرف الدولار"),
    ("الرئيس في دمشق (صحيفة الوطن)", False, True, "الرئيس في دمشق"),
    # A full stop right before the credit: a sentence, not a caption (actors still drop the bracket).
    ("وصل الرئيس إلى دمشق. (سانا)", False, False, "وصل الرئيس إلى دمشق."),
    # Two sentences: too long a line for ingest; the summariser only looks right before the bracket.
    (
        "انتهى الاجتماع. وقال الوزير إن الاتفاق قريب (رويترز)",
        False,
        True,
        "انتهى الاجتماع. وقال الوزير إن الاتفاق قريب",
    ),
    # A bare credit is no caption of anything.
    ("(رويترز)", False, True, ""),
    # The bracket must close the line, and hold no bracket of its own.
    ("قال (رويترز) إن الاجتماع انتهى", False, False, "قال (رويترز) إن الاجتماع انتهى"),
    ("الصورة (من (رويترز))", False, False, "الصورة (من (رويترز))"),
    ("لا قوس هنا", False, False, "لا قوس هنا"),
    # Lengths: ingest reads credits up to 60 characters, the summariser up to 40, actors any.
    ("لقطة (" + "أ" * 41 + ")", False, False, "لقطة"),
    ("لقطة ()", False, False, "لقطة"),
]


@pytest.mark.parametrize(("line", "caption", "ends", "stripped"), TABLE)
def test_each_caller_reads_the_one_caption_shape_its_own_way(line, caption, ends, stripped):
    assert is_caption(line) is caption
    assert ends_in_credit(line) is ends
    assert without_credit(line) == stripped


@pytest.mark.parametrize(
    ("credit", "known"),
    [
        ("رويترز", True),
        ("أ.ف.ب", True),
        ("أ. ف. ب", True),
        ("ا ف ب", True),
        ("إ.ب.أ", True),
        ("رويترز - أرشيفية", True),
        ("AFP / Getty", True),
        ("AFP/Getty Images", True),
        ("مواقع التواصل", True),
        ("الأمريكي", False),
        ("رويترز - الأمريكي", False),
        ("", False),
        (" - ", False),
    ],
)
def test_a_credit_is_known_when_every_part_is(credit, known):
    assert is_credit(credit) is known


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("متظاهرون في الساحة (صحيفة محلية)", "صحيفة محلية"),  # unknown credits are returned: dumps count repeats
        ("متظاهرون في الساحة\x0b (رويترز)", "رويترز"),  # control characters dropped, spaces collapsed
        ("(رويترز)", None),  # nothing before the credit
        (" ".join(["كلمة"] * 41) + " (رويترز)", None),  # too long for a caption
        (" ".join(["كلمة"] * 40) + " (رويترز)", "رويترز"),
        ("جملة أولى. جملة ثانية (رويترز)", None),  # two sentences
        ("صورة (" + "ب" * 60 + ")", "ب" * 60),
        ("صورة (" + "ب" * 61 + ")", None),
    ],
)
def test_caption_credit(line, credit):
    assert caption_credit(line) == credit


def test_closing_bracket_keeps_the_text_before_as_written():
    assert closing_bracket("صورة للرئيس (رويترز) ") == ("صورة للرئيس ", "رويترز")
    assert closing_bracket("صورة ()") == ("صورة ", "")
    assert closing_bracket("صورة ()", longest=10) is None
    assert closing_bracket("صورة (رويترز)", longest=3) is None


def test_credits_are_normalised_keys():
    assert all(key == key.strip() and " " not in key and "." not in key for key in CREDITS)
    assert {"رويترز", "افب", "اب", "afp", "getty"} <= CREDITS
