"""Rendering: one digest, four formats — escaped, right-to-left, within each platform's limits.

Snapshots live in tests/digest/snapshots/; a missing one fails. After a deliberate
change of the output, rewrite them with ``pytest --update-snapshots tests/digest/test_render.py``
and review the diff.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from fakes.telegram_api import html_problem

from mawjaz.digest import render
from mawjaz.digest.render import RLM
from mawjaz.digest.views import (
    ActorView,
    ArticleView,
    CopyView,
    Digest,
    StoryView,
    TopicAnswer,
)

WHEN = datetime(2026, 11, 21, 7, 30, tzinfo=UTC)


def story(
    number: int,
    headline: str,
    summary: str = "ملخص قصير للخبر.",
    url: str | None = None,
    sources: tuple[str, ...] = ("وكالة الأنباء العربية",),
) -> StoryView:
    copies = tuple(CopyView(s, url, f"{s}-{number}") for s in sources)
    article = ArticleView(number, headline, sources[0], url, WHEN, copies)
    actors = (ActorView("بشار الأسد", "PER", 1.0), ActorView("ISIS", "ORG", 0.5), ActorView("دمشق", "LOC", 0.25))
    return StoryView(number, headline, summary, actors, WHEN, WHEN, (article,))


HOSTILE = Digest(
    stories=(
        story(
            1,
            "<script>alert(1)</script> «داعش» & <b>عاجل</b>",
            "نص فيه < و > و & وعلامات \"اقتباس\".",
            url='https://example.test/a?x=1&y="2"',
        ),
        story(2, "ISIS يتبنى الهجوم في دمشق", "2026 عام صعب على الاقتصاد."),
        story(3, "🔥 عاجل: حريق في ميناء بيروت 🚒", sources=("قناة الخليج", "صحيفة الشرق اليوم")),
        story(4, "عنوان " + "طويل جدا " * 110),
        story(5, "*bold* _it_ ~strike~ `code` <@U123> <!channel> في سلاك"),
    ),
    now=WHEN + timedelta(hours=3),
    zone="Asia/Riyadh",
)


def test_telegram_snapshot(snapshot):
    snapshot("hostile.telegram.html", "\n\n=====\n\n".join(render.render_telegram(HOSTILE)))


def test_slack_snapshot(snapshot):
    snapshot("hostile.slack.json", json.dumps(render.render_slack(HOSTILE), ensure_ascii=False, indent=1))


def test_text_snapshot(snapshot):
    snapshot("hostile.txt", render.render_text(HOSTILE))


def test_json_snapshot(snapshot):
    snapshot("hostile.json", render.render_json(HOSTILE))


def test_telegram_html_is_valid_and_escapes_every_outside_text():
    for message in render.render_telegram(HOSTILE):
        assert html_problem(message) is None, message
        assert "<script>" not in message and "&lt;" in message and "script" in message
        assert render.visible_length(message) <= render.TELEGRAM_LIMIT


def test_every_telegram_line_reads_right_to_left_even_when_it_opens_with_latin_or_digits():
    for message in render.render_telegram(HOSTILE):
        for line in message.splitlines():
            assert not line or line.startswith(RLM), repr(line)


def test_a_long_digest_is_split_between_stories_never_inside_one():
    many = Digest(stories=tuple(story(n, f"الخبر رقم {n} " + "كلمة " * 60, "ملخص " * 80) for n in range(1, 61)))
    messages = render.render_telegram(many)
    assert len(messages) > 1
    assert all(render.visible_length(m) <= render.TELEGRAM_LIMIT and html_problem(m) is None for m in messages)
    for n in range(1, 61):
        holding = [m for m in messages if f"الخبر رقم {render.bidi.LRI}{n}{render.bidi.PDI} " in m]
        assert len(holding) == 1
        assert "🕒" in holding[0].split(f"الخبر رقم {render.bidi.LRI}{n}{render.bidi.PDI} ", 1)[1]


def test_a_single_huge_story_is_cut_to_fit_and_stays_valid_html():
    huge = Digest(stories=(story(1, "<b>" + "ع" * 9000, "م" * 9000),))
    messages = render.render_telegram(huge)
    assert all(render.visible_length(m) <= render.TELEGRAM_LIMIT and html_problem(m) is None for m in messages)


def test_slack_messages_keep_block_and_text_limits_and_escape_mrkdwn_controls():
    many = Digest(stories=tuple(story(n, f"<!here> خبر {n}", "م" * 4000) for n in range(1, 40)))
    messages = render.render_slack(many)
    assert len(messages) > 1
    for blocks in messages:
        assert len(blocks) <= render.SLACK_MAX_BLOCKS
        for block in blocks:
            texts = [block["text"]["text"]] if "text" in block else [e["text"] for e in block.get("elements", [])]
            for text in texts:
                assert len(text) <= render.SLACK_TEXT_LIMIT
                assert "<!here>" not in text


def test_text_output_marks_every_line_right_to_left():
    for line in render.render_text(HOSTILE).splitlines():
        assert not line or line.startswith(RLM)


def test_empty_digest_says_so_in_each_format():
    empty = Digest(stories=())
    assert "لا جديد" in render.render_text(empty)
    assert "لا جديد" in render.render_telegram(empty)[0]
    assert "لا جديد" in json.dumps(render.render_slack(empty), ensure_ascii=False)
    assert render.render_json(empty) == "[]"


@pytest.mark.parametrize("lang,word", [("ar", "الفاعلون"), ("en", "Key actors")])
def test_labels_follow_the_reader_language(lang, word):
    digest = Digest(stories=HOSTILE.stories[:1], lang=lang)
    assert word in render.render_text(digest)


def test_topic_without_results_says_so():
    assert "لم أجد" in render.render_topic_text(TopicAnswer("زلزال", ("زلزال",), ()))


def test_terminal_output_drops_escape_sequences_from_outside_text():
    sneaky = Digest(stories=(story(1, "عنوان\x1b[2J\x1b]0;pwned\x07 خبيث", "ملخص\rمخفي"),))
    assert "\x1b" not in render.render_text(sneaky) and "\r" not in render.render_text(sneaky)


@pytest.mark.parametrize("lang,said", [("ar", "تقريران آخران عن الحدث"), ("en", "2 more reports of this event")])
def test_a_story_standing_for_other_stories_of_its_event_says_how_many_in_every_format(lang, said):
    """One event takes one slot: the kept story says that the digest left out two more reports of it."""
    digest = Digest(stories=(replace(HOSTILE.stories[2], others=2), HOSTILE.stories[1]), lang=lang, now=WHEN)
    for shown in (
        render.render_text(digest),
        "".join(render.render_telegram(digest)),
        json.dumps(render.render_slack(digest), ensure_ascii=False),
    ):
        assert shown.count(said) == 1
