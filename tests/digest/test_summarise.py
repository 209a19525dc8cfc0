"""The story summary: lead sentences, agreement across outlets, no repeats, readable alone, within budget."""

from __future__ import annotations

import time

import pytest

from mawjaz.digest.summarise import summarise

LEAD = "أعلنت وزارة الصحة في تونس تسجيل أول إصابة بالحصبة منذ عشر سنوات في مدينة صفاقس جنوب البلاد."
SECOND = "وأوضحت الوزارة في بيان أن المريض طفل في السادسة لم يتلق اللقاح، وأنه يتلقى العلاج في المستشفى."
THIRD = "وكانت تونس قد أطلقت حملة تطعيم واسعة في المدارس خلال العام الماضي لمواجهة تراجع نسب التلقيح."
BODY = "\n".join([LEAD, SECOND, THIRD])


def _words(summary: list[str]) -> int:
    return len(" ".join(summary).split())


def test_one_article_story_is_summarised_by_its_lead_sentence():
    assert summarise([("تونس تسجل أول إصابة بالحصبة منذ عقد", BODY)]) == [LEAD]


def test_paragraphs_may_be_separated_by_blank_lines():
    assert summarise([("تونس تسجل أول إصابة بالحصبة", BODY.replace("\n", "\n\n"))]) == [LEAD]


def test_a_body_line_repeating_the_headline_is_not_a_summary():
    title = "تونس تسجل أول إصابة بالحصبة منذ عشر سنوات في صفاقس"
    assert summarise([(title, f"{title}\n{BODY}")]) == [LEAD]


def test_captions_bylines_and_repeated_lines_are_skipped():
    caption = "وزير الصحة التونسي خلال زيارة لمستشفى في صفاقس أمس (رويترز)"
    body = "\n".join(["TT", caption, caption, "صفاقس: منية بن صالح", "", LEAD, SECOND])
    assert summarise([("الحصبة تعود إلى تونس", body)]) == [LEAD]


@pytest.mark.parametrize(
    "prefix",
    ["تونس – وكالات : ", "تونس (رويترز) - ", "صفاقس، تونس (CNN) – ", "(أ.ف.ب) – ", "أخبار التونسيين: ", "خاص: "],
)
def test_a_dateline_or_credit_is_taken_off_the_lead(prefix):
    assert summarise([("الحصبة تعود إلى تونس", f"{prefix}{LEAD}\n{SECOND}")]) == [LEAD]


@pytest.mark.parametrize(
    "lead",
    [
        "وزير الصحة: الوضع تحت السيطرة ولا داعي للقلق من عودة الحصبة إلى البلاد هذا العام.",
        "قال الوزير - في مؤتمر صحفي: إن الوضع تحت السيطرة ولا داعي للقلق من عودة الحصبة.",
        "أعلنت الوزارة (الصحة) - وهي المسؤولة - عن تسجيل أول إصابة بالحصبة منذ عشر سنوات.",
    ],
)
def test_a_lead_that_only_looks_like_a_dateline_is_kept_whole(lead):
    assert summarise([("الحصبة تعود إلى تونس", f"{lead}\n{SECOND}")]) == [lead]


def test_a_lead_that_leans_on_a_missing_sentence_is_passed_over():
    dangling = "وأضاف أن الوزارة ستعلن عن إجراءات جديدة خلال الأيام المقبلة لاحتواء المرض."
    assert summarise([("الحصبة تعود إلى تونس", f"{dangling}\n{LEAD}\n{SECOND}")]) == [LEAD]


def test_a_lead_opening_inside_a_quotation_is_passed_over():
    quoted = "«لم نر حالة كهذه منذ سنوات طويلة في المنطقة» يقول طبيب في مستشفى صفاقس."
    assert summarise([("الحصبة تعود إلى تونس", f"{quoted}\n{LEAD}")]) == [LEAD]


def test_a_story_of_only_dangling_sentences_still_gets_a_summary():
    body = "وأضاف أن الوزارة ستعلن عن إجراءات جديدة قريبا.\nوقال: «الوضع تحت السيطرة تماما ولا داعي للقلق»."
    assert len(summarise([("الحصبة تعود إلى تونس", body)])) == 1


def test_a_thin_lead_gets_a_second_sentence():
    thin = "عادت الحصبة إلى تونس بعد غياب."
    assert summarise([("الحصبة تعود إلى تونس", f"{thin}\n{LEAD}")]) == [thin, LEAD]


def test_an_over_long_lead_is_trimmed_at_a_clause_boundary():
    clauses = [
        "أعلنت وزارة الصحة في تونس تسجيل أول إصابة بالحصبة منذ عشر سنوات",
        "وذلك في مدينة صفاقس جنوب البلاد التي تشهد منذ أشهر تراجعا في نسب التلقيح",
        "بحسب ما أفاد به مسؤولون في الوزارة خلال مؤتمر صحفي عقد صباح اليوم في العاصمة",
        "مؤكدين أن الطفل المصاب يتلقى العلاج وأن حالته مستقرة ولا تدعو إلى القلق في الوقت الحالي.",
    ]
    summary = summarise([("الحصبة تعود إلى تونس", "، ".join(clauses))], max_words=30)
    assert summary == ["، ".join(clauses[:2]) + " …"]
    assert _words(summary) <= 31


def test_no_body_gives_no_summary():
    assert summarise([("الحصبة تعود إلى تونس", "")]) == []
    assert summarise([]) == []


def test_summary_is_display_text():
    lead = "أكّدت الوزارةُ أنّ الإصابة الأولى سُجّلت في صفاقس، وأنّ الطفل يتلقى العلاج."
    assert summarise([("الحصبة", lead)]) == [lead]


# --- stories told by several outlets

OUTLET_A = (
    "الحصبة تعود إلى تونس",
    "سجلت تونس أول إصابة بمرض الحصبة منذ عشر سنوات لدى طفل في صفاقس.\n"
    "وقال مسؤول في وزارة الصحة إن الطفل لم يتلق اللقاح.",
)
OUTLET_B = (
    "أول إصابة بالحصبة في تونس منذ عقد",
    "أعلنت وزارة الصحة التونسية تسجيل إصابة بالحصبة في صفاقس هي الأولى منذ عشر سنوات.\n"
    "وأوضحت الوزارة أن الطفل المصاب لم يتلق اللقاح، وأطلقت حملة تطعيم عاجلة في مدارس صفاقس.",
)
OUTLET_C = (
    "تونس: قلق من عودة الأمراض",
    "يشكو الأطباء في تونس منذ سنوات من نقص التمويل في المستشفيات العمومية.\n"
    "وسجلت صفاقس أول إصابة بالحصبة منذ عشر سنوات لطفل لم يتلق اللقاح، بحسب وزارة الصحة.",
)


def test_a_multi_article_summary_reads_across_outlets():
    story = [OUTLET_A, OUTLET_B, OUTLET_C]
    summary = summarise(story)
    assert 2 <= len(summary) <= 3
    assert _words(summary) <= 60
    outlets = [next(i for i, (_, body) in enumerate(story) if sentence in body) for sentence in summary]
    assert len(set(outlets)) == len(outlets)


def test_an_outlet_lead_off_the_story_is_left_out():
    for story in ([OUTLET_A, OUTLET_B, OUTLET_C], [OUTLET_C, OUTLET_A, OUTLET_B]):
        assert not any("نقص التمويل" in sentence for sentence in summarise(story))


def test_two_leads_saying_the_same_thing_are_not_both_shown():
    summary = summarise([OUTLET_A, OUTLET_B, OUTLET_C])
    leads = {OUTLET_A[1].splitlines()[0], OUTLET_B[1].splitlines()[0]}
    assert len(leads & set(summary)) == 1


def test_the_same_wire_copy_from_several_outlets_is_said_once():
    wire = ("الحصبة تعود إلى تونس", BODY)
    summary = summarise([wire, wire, ("تونس تسجل إصابة بالحصبة", BODY.replace("أعلنت", "وأعلنت"))])
    assert summary.count(LEAD) == 1
    assert len(summary) == len(set(summary))
    assert not any(s.endswith(LEAD[1:]) and s != LEAD for s in summary)


def test_never_more_than_three_sentences_nor_the_word_budget():
    outlets = [(f"عنوان {i}", BODY.replace("صفاقس", f"مدينة {i}")) for i in range(10)]
    for max_sentences in (1, 2, 3, 5, 10):
        summary = summarise(outlets, max_sentences=max_sentences, max_words=200)
        assert 1 <= len(summary) <= min(max_sentences, 3)
    assert _words(summarise(outlets, max_words=40)) <= 40


def test_the_same_story_gives_the_same_summary():
    story = [OUTLET_A, OUTLET_B, OUTLET_C]
    assert summarise(story) == summarise(list(story))


def test_a_thousand_stories_are_summarised_quickly():
    stories = [[OUTLET_A, OUTLET_B, OUTLET_C], [("الحصبة", BODY)]] * 500
    started = time.perf_counter()
    for story in stories:
        summarise(story)
    # About 0.3 ms per article on one core; the floor leaves room for a loaded test machine.
    assert time.perf_counter() - started < 2.0


def test_a_body_read_before_is_judged_again_against_the_new_headlines():
    # Bodies are read once and remembered; which sentence repeats a headline is decided on every call.
    assert summarise([("الحصبة في تونس", BODY)]) == [LEAD]
    assert summarise([(LEAD, BODY)]) == [SECOND]  # the lead repeats this headline now
    assert summarise([("الحصبة في تونس", BODY)]) == [LEAD]


def test_one_body_summarised_by_several_threads_at_once_reads_the_same():
    from concurrent.futures import ThreadPoolExecutor

    body = "\n".join(f"{LEAD[:-1]} رقم {n}." for n in range(30))
    stories = [[(f"عنوان {n}", body)] for n in range(64)]
    with ThreadPoolExecutor(8) as pool:
        summaries = list(pool.map(summarise, stories))
    assert all(summary == summaries[0] for summary in summaries)


def test_a_huge_body_is_summarised_but_not_kept_in_memory():
    from mawjaz.digest import summarise as module

    huge = BODY + "\n" + "كلمة " * 20_000
    before = module._reading.cache_info().currsize
    assert summarise([("الحصبة في تونس", huge)]) == [LEAD]
    assert module._reading.cache_info().currsize == before
