"""One renderer per platform, each a pure function over the same views.

Right-to-left: a line's direction is set by its first strong character, so
a line that opens with a Latin word, a digit or a bullet would flip to
left-to-right. Every rendered line therefore starts with RLM (U+200F), an
invisible strong right-to-left mark; Latin names inside stay readable.

Escaping: every string from the outside world (headlines, summaries,
names, URLs) passes through the platform's escaper — Telegram HTML needs
``& < >`` (and ``"`` inside ``href``), Slack mrkdwn needs ``& < >``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

from mawjaz.digest.views import Digest, StoryView, TopicAnswer

RLM = "\u200f"
TELEGRAM_LIMIT = 4096
SLACK_TEXT_LIMIT = 3000
SLACK_MAX_BLOCKS = 50

_LABELS = {
    "ar": {
        "title": "موجز اليوم",
        "actors": "الفاعلون",
        "sources": "المصادر",
        "empty": "لا جديد في هذه الفترة.",
        "topic": "نتائج البحث عن",
        "no_results": "لم أجد أخباراً عن",
        "PER": "شخص",
        "ORG": "منظمة",
        "LOC": "مكان",
    },
    "en": {
        "title": "Today's brief",
        "actors": "Key actors",
        "sources": "Sources",
        "empty": "Nothing new in this period.",
        "topic": "Results for",
        "no_results": "No news found about",
        "PER": "person",
        "ORG": "organisation",
        "LOC": "place",
    },
}


def labels(lang: str) -> dict[str, str]:
    return _LABELS.get(lang, _LABELS["ar"])


def rtl(line: str) -> str:
    return line if line.startswith(RLM) else RLM + line


def _actors_line(story: StoryView) -> str:
    return "، ".join(a.name for a in story.actors)


# --- terminal -------------------------------------------------------------


def render_text(digest: Digest, *, title: str | None = None) -> str:
    """Plain text for a terminal: one block per story, every line marked right-to-left."""
    words = labels(digest.lang)
    lines = [rtl(title or words["title"]), ""]
    if digest.note:
        lines += [rtl(digest.note), ""]
    if not digest.stories:
        lines.append(rtl(words["empty"]))
    for number, story in enumerate(digest.stories, 1):
        lines.append(rtl(f"{number}. {story.headline}"))
        if story.summary:
            lines.append(rtl(f"   {story.summary}"))
        if story.actors:
            lines.append(rtl(f"   {words['actors']}: {_actors_line(story)}"))
        lines.append(rtl(f"   {words['sources']}: {'، '.join(story.sources)}"))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_topic_text(answer: TopicAnswer, lang: str = "ar") -> str:
    words = labels(lang)
    if not answer.stories:
        return rtl(f"{words['no_results']} «{answer.query}».") + "\n"
    return render_text(Digest(stories=answer.stories, lang=lang), title=f"{words['topic']} «{answer.query}»")


# --- JSON -----------------------------------------------------------------


def render_json(value: Digest | TopicAnswer | Sequence[StoryView]) -> str:
    """The README's JSON contract; Arabic kept as characters, not escapes."""
    if isinstance(value, (Digest, TopicAnswer)):
        data: Any = value.to_json()
    else:
        data = [s.to_json() for s in value]
    return json.dumps(data, ensure_ascii=False, indent=2)


# --- Telegram -------------------------------------------------------------


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _telegram_story(number: int, story: StoryView, words: dict[str, str]) -> str:
    lines = [rtl(f"<b>{number}. {_esc(story.headline)}</b>")]
    if story.summary:
        lines.append(rtl(_esc(story.summary)))
    if story.actors:
        lines.append(rtl(f"<i>{words['actors']}:</i> {_esc(_actors_line(story))}"))
    links = []
    for source in story.sources:
        url = next((c.url for a in story.articles for c in a.copies if c.source == source and c.url), None)
        if url and url.startswith(("http://", "https://")):
            links.append(f'<a href="{html.escape(url, quote=True)}">{_esc(source)}</a>')
        else:
            links.append(_esc(source))
    lines.append(rtl(f"<i>{words['sources']}:</i> {'، '.join(links)}"))
    return "\n".join(lines)


def _pack(head: str, parts: Sequence[str], limit: int) -> list[str]:
    """Join parts into messages under ``limit``, splitting only between parts (a lone huge part is cut)."""
    messages: list[str] = []
    current = head
    for part in parts:
        if len(part) + 2 > limit - len(head):
            part = part[: limit - len(head) - 3] + "…"
        candidate = f"{current}\n\n{part}" if current else part
        if len(candidate) > limit:
            messages.append(current)
            current = part
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages


def render_telegram(digest: Digest, *, title: str | None = None) -> list[str]:
    """Telegram HTML messages, each under 4,096 characters, split at story boundaries."""
    words = labels(digest.lang)
    head = rtl(f"<b>{_esc(title or words['title'])}</b>")
    if digest.note:
        head += "\n" + rtl(_esc(digest.note))
    if not digest.stories:
        return [head + "\n\n" + rtl(words["empty"])]
    parts = [_telegram_story(n, s, words) for n, s in enumerate(digest.stories, 1)]
    return _pack(head, parts, TELEGRAM_LIMIT)


# --- Slack ----------------------------------------------------------------


def _mrkdwn(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_story(number: int, story: StoryView, words: dict[str, str]) -> list[dict[str, Any]]:
    text = rtl(f"*{number}. {_mrkdwn(story.headline)}*")
    if story.summary:
        text += "\n" + rtl(_mrkdwn(story.summary))
    if len(text) > SLACK_TEXT_LIMIT:
        text = text[: SLACK_TEXT_LIMIT - 1] + "…"
    context = rtl(f"{words['sources']}: {_mrkdwn('، '.join(story.sources))}")
    if story.actors:
        context = rtl(f"{words['actors']}: {_mrkdwn(_actors_line(story))}") + " · " + context
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": text}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": context[:SLACK_TEXT_LIMIT]}]},
    ]


def render_slack(digest: Digest, *, title: str | None = None) -> list[list[dict[str, Any]]]:
    """Block Kit messages (lists of blocks), at most 50 blocks each, split at story boundaries."""
    words = labels(digest.lang)
    header = {"type": "header", "text": {"type": "plain_text", "text": (title or words["title"])[:150]}}
    intro: list[dict[str, Any]] = [header]
    if digest.note:
        intro.append({"type": "section", "text": {"type": "mrkdwn", "text": rtl(_mrkdwn(digest.note))}})
    if not digest.stories:
        return [intro + [{"type": "section", "text": {"type": "mrkdwn", "text": rtl(words["empty"])}}]]
    messages: list[list[dict[str, Any]]] = []
    current = list(intro)
    for number, story in enumerate(digest.stories, 1):
        blocks = _slack_story(number, story, words) + [{"type": "divider"}]
        if len(current) + len(blocks) > SLACK_MAX_BLOCKS:
            messages.append(current)
            current = []
        current.extend(blocks)
    messages.append(current)
    return messages
