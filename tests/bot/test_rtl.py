"""What a reader sees: direction marks on every sentence and digest, dates, counts, sizes and Slack links.

An Arabic line may hold a left-to-right token (``/time``, ``07:30``, ``Asia/Riyadh``, a URL, an id, a
Latin name) only inside an isolate (LRI … PDI), or it shows with its slash or colon on the wrong side.
"""

from __future__ import annotations

import re
import string

import pytest
from fakes.telegram_api import html_problem, visible_text
from fixtures.daily import NOW, daily

from mawjaz.bot.commands import help_text
from mawjaz.bot.replies import slack_messages, telegram_messages
from mawjaz.bot.texts import TEXTS, say
from mawjaz.bot.values import Reply
from mawjaz.digest import render
from mawjaz.text import bidi

VALUES = {
    "time": "07:30",
    "zone": "Asia/Riyadh",
    "topic": "ISIS",
    "count": 10,
    "seconds": 900,
    "query": "ISIS",
    "url": "https://example.com/feed.xml?id=004_b7866055f123aa82",
    "last": "2026-11-21 07:30 UTC",
    "errors": "",
    "error": "HTTP 503",
    "name": "frobnicate",
    "page": 2,
    "date": "الاثنين 14 مايو 2018",
    "days": 30,
    "names": "تنظيم الدولة، ISIS",
    "mode": "every breaking story",
    "start": "23:00",
    "end": "07:00",
    "headline": "زلزال بقوة 6.1 درجات يضرب ولاية ملاطية شرقي تركيا",
    # schedules and channels (issue 21)
    "weekday": "جمعة",
    "channel": "@mawjaz_news",
    "language": "en",
    "state": "paused",
}
_ISOLATED = re.compile(f"{bidi.LRI}[^{bidi.PDI}]*{bidi.PDI}")
_NUMBER = re.compile(r"^\u200f\*?\d+\. ")  # a story's number, shown the Arabic way (dot after the digit)


def unisolated_ltr(line: str) -> list[str]:
    """The left-to-right tokens of an Arabic line that are outside any isolate."""
    if not line.startswith(bidi.RLM):
        return []
    rest = _ISOLATED.sub(" ", _NUMBER.sub(bidi.RLM, line))
    # a word mixing Arabic letters and digits («و4») reads right as it is; the helper leaves it alone
    return [t for t in re.findall(r"\S*[A-Za-z0-9]\S*", rest) if not bidi.has_rtl(t)]


def sentences():
    for key, forms in TEXTS.items():
        for lang, form in forms.items():
            names = {field for _, field, _, _ in string.Formatter().parse(form) if field}
            yield key, lang, form.format(**{n: VALUES[n] for n in names})
    for lang in ("ar", "en"):
        yield "help", lang, help_text(lang, admin=True)


SENTENCES = list(sentences())


@pytest.mark.parametrize("key,lang,text", SENTENCES, ids=[f"{k}-{lang}" for k, lang, _ in SENTENCES])
def test_no_command_time_or_id_in_an_arabic_line_lacks_an_isolate(key, lang, text):
    [message] = telegram_messages(Reply(text=text, lang=lang))
    for line in visible_text(message.html).split("\n"):
        assert unisolated_ltr(line) == [], line
    for part in slack_messages(Reply(text=text, lang=lang)):
        for line in part["text"].split("\n"):
            assert unisolated_ltr(line) == [], line


@pytest.mark.parametrize(
    "key,lang,text", [s for s in SENTENCES if s[1] == "en"], ids=[s[0] for s in SENTENCES if s[1] == "en"]
)
def test_english_sentences_read_left_to_right(key, lang, text):
    """Every line but an Arabic headline shown on a line of its own (an alert's), which reads right to left."""
    [message] = telegram_messages(Reply(text=text, lang=lang))
    for line in message.html.split("\n"):
        assert not line.startswith(bidi.RLM) or bidi.strip_marks(line) == VALUES["headline"], line


def test_the_welcome_shows_commands_whole_inside_arabic():
    [message] = telegram_messages(Reply(text=say("welcome", "ar", time="08:00", zone="الرياض")))
    assert f"{bidi.LRI}/time 07:30{bidi.PDI}" in message.html and f"{bidi.LRI}/help{bidi.PDI}" in message.html


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_rendered_digest_line_isolates_its_latin_tokens(lang):
    for message in render.render_telegram(daily(lang)):
        for line in visible_text(message).split("\n"):
            assert unisolated_ltr(line) == [], line
    for blocks in render.render_slack(daily(lang)):
        for block in blocks:
            texts = [block["text"]["text"]] if "text" in block else [e["text"] for e in block.get("elements", [])]
            for text in texts:
                for line in re.sub(r"<[^|>]+\|([^>]*)>", r"\1", text).split("\n"):
                    assert unisolated_ltr(line) == [], line


def test_a_ten_story_digest_fits_two_messages_and_3600_visible_characters_with_date_time_and_sources():
    messages = render.render_telegram(daily())
    assert len(messages) <= 2
    assert sum(render.visible_length(m) for m in messages) <= 3600
    assert all(html_problem(m) is None for m in messages)
    shown = "\n".join(visible_text(m) for m in messages)
    assert shown.startswith(f"{bidi.RLM}موجز الاثنين {bidi.LRI}14{bidi.PDI} مايو {bidi.LRI}2018{bidi.PDI}")
    stories = shown.split("\n\n")[1:]
    assert len(stories) == 10
    for story in stories:
        assert re.search(f"🕒 (منذ|أمس|{bidi.LRI}\\d+{bidi.PDI} مايو)", story), story
        assert re.search(r"(مصدر واحد|مصدران|مصادر|مصدراً)", story), story


def test_the_english_digest_is_dated_in_english_and_its_labels_read_left_to_right():
    [first, *_] = render.render_telegram(daily("en"))
    head = first.split("\n")[0]
    assert head == "<b>Brief for Monday 14 May 2018</b>"
    assert "hours ago" in visible_text(first) and "sources" in visible_text(first)


def test_the_digest_date_is_the_readers_day_not_utcs():
    late = daily(now=NOW.replace(hour=22))  # 22:00 UTC on the 14th is already the 15th in Riyadh
    assert "الثلاثاء" in render.render_telegram(late)[0].split("\n")[0]
    assert "Monday" in render.render_telegram(daily("en", zone="America/New_York", now=NOW))[0].split("\n")[0]


def test_slack_digests_link_every_outlet_of_every_story():
    digest = daily()
    blocks = [b for message in render.render_slack(digest) for b in message]
    contexts = [b for b in blocks if b["type"] == "context"]
    assert len(contexts) == len(digest.stories)
    assert all(len(e["text"]) <= render.SLACK_TEXT_LIMIT for c in contexts for e in c["elements"])
    for story, context in zip(digest.stories, contexts, strict=True):
        text = "".join(e["text"] for e in context["elements"])
        links = re.findall(r"<(https?://[^|>]+)\|([^>]+)>", text)
        assert {bidi.strip_marks(name) for _, name in links} == set(story.sources)
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["text"].startswith(bidi.RLM)


@pytest.mark.parametrize(
    "n,said",
    [
        (1, "مصدر واحد"),
        (2, "مصدران"),
        (3, "3 مصادر"),
        (10, "10 مصادر"),
        (11, "11 مصدراً"),
        (99, "99 مصدراً"),
        (100, "100 مصدر"),
        (103, "103 مصادر"),
    ],
)
def test_arabic_number_agreement_for_sources(n, said):
    from mawjaz.digest.dates import sources

    assert sources(n, "ar") == said
