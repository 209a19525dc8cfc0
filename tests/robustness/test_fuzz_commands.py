"""Hostile chat input, fuzzed: whatever a person types, the command core answers politely and renders safely.

Argument parsers either return a value or raise :class:`CommandError` (the
"clear error"); :func:`dispatch_text` never raises at all, whatever the line
(10,000-character topics, bidi controls, markup, NULs); and every reply
renders to HTML that Telegram would accept, so a ``<script>`` typed as a
topic comes back as text.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from fakes.telegram_api import html_problem
from fuzzkit import fuzz, tried
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz_readers import PIECES, hostile

from mawjaz.bot.args import parse_time, parse_zone, split_command
from mawjaz.bot.commands import BY_WORD, dispatch_text
from mawjaz.bot.replies import slack_messages, telegram_messages
from mawjaz.bot.values import CommandRequest, Reply, Services
from mawjaz.digest.topic import check_query
from mawjaz.errors import CommandError
from mawjaz.ingest.record import Article
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.storage.subscribers import Chat

COMMAND_WORDS = sorted(BY_WORD)
typed_line = st.tuples(
    st.sampled_from(["/", "", "/" * 3, "\u200f/", " "]),
    st.one_of(st.sampled_from(COMMAND_WORDS), hostile),
    st.sampled_from(["", "@MawjazBot", "@", "@x" * 50]),
    st.sampled_from([" ", "\n", "\t", "\u00a0", ""]),
    st.one_of(hostile, st.sampled_from(PIECES), st.just("داعش " * 2_500), st.just("٠٧:٣٠"), st.just("Asia/Riyadh")),
).map("".join)


def _parsed_or_refused(parse, text: str) -> None:
    try:
        value = parse(text)
    except CommandError as exc:
        assert str(exc).strip(), "a CommandError without a message"
    else:
        assert isinstance(value, str)


@fuzz(300)
@given(typed_line)
def test_argument_parsers_return_a_value_or_a_clear_command_error(line):
    tried("arguments")
    word, args = split_command(line)
    assert isinstance(word, str) and isinstance(args, str)
    for parse in (parse_time, parse_zone, check_query):
        _parsed_or_refused(parse, args)
        _parsed_or_refused(parse, line)


_chats = itertools.count(1)
HOSTILE_TITLES = [
    "<script>alert('داعش')</script> داعش يتبنى هجوما في الموصل",
    "\u202eعاجل\u202c: داعش & <b>الموصل</b> &lt;i&gt;",
    "داعش " + "ـ" * 3000,
]


@pytest.fixture
def db_with_hostile_stories(fresh_db):
    """Three stories about داعش whose titles carry markup, bidi overrides and a 3,000-character tail."""
    now = datetime.now(UTC)
    records = [
        Article(
            title=title,
            body=f"{title}. تقرير مفصل عن الهجوم وتداعياته على السكان في المدينة رقم {n}.",
            source=f"outlet-{n}",
            url=f"https://news{n}.example/a",
            external_id=f"h{n}",
            published=now,
        )
        for n, title in enumerate(HOSTILE_TITLES)
    ]
    report = store_items(fresh_db, records, IngestReport())
    assert report.failed == 0, report.problems
    return fresh_db


@fuzz(60)
@given(
    st.one_of(typed_line, st.sampled_from(["/topic داعش", "/digest", "/follow داعش", "/following", "/help"])),
    st.booleans(),
)
def test_any_typed_line_gets_a_reply_that_renders_to_html_telegram_accepts(
    db_with_hostile_stories, line, may_configure
):
    tried("commands")
    services = Services(engine=db_with_hostile_stories)
    chat = Chat("telegram", f"fuzz-{next(_chats)}")
    reply = dispatch_text(CommandRequest(chat=chat, command="", args=line, may_configure=may_configure), services)
    assert isinstance(reply, Reply)
    for message in telegram_messages(reply):
        assert html_problem(message.html) is None, message.html[:300]
        assert len(message.html) <= 4096
        assert "<script" not in message.html.lower()
    assert slack_messages(reply)


def test_stories_with_hostile_titles_come_back_from_a_topic_search_as_escaped_text(db_with_hostile_stories):
    services = Services(engine=db_with_hostile_stories)
    reply = dispatch_text(CommandRequest(chat=Chat("telegram", "reader"), command="", args="/topic داعش"), services)
    assert reply.stories is not None and reply.stories.stories
    rendered = "".join(message.html for message in telegram_messages(reply))
    assert html_problem(rendered) is None
    assert "<script" not in rendered and "\u202e" not in rendered
