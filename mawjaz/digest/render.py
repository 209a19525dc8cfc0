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
import re
from collections.abc import Sequence
from typing import Any

from mawjaz.digest.views import Digest, StoryView, TopicAnswer

RLM = "\u200f"
HEADLINE_MAX = 300  # characters of a headline shown; a 1,000-character "headline" is someone's bug
SUMMARY_MAX = 1200
URL_MAX = 500  # longer URLs are shown as plain source names
TELEGRAM_LIMIT = 4096
SLACK_TEXT_LIMIT = 3000
SLACK_MAX_BLOCKS = 50

_LABELS = {
    "ar": {
        "title": "موجز اليوم",
        "update": "تحديث",
        "yours": "مواضيعك",
        "top": "أهم الأخبار",
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
        "update": "Update",
        "yours": "Your topics",
        "top": "Top stories",
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


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis (before any escaping)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


ACTOR_MARKS = {"PER": "👤", "ORG": "🏛", "LOC": "📍"}


def _actors_line(story: StoryView) -> str:
    """Actors with their type as a mark: 👤 person, 🏛 organisation, 📍 place."""
    return "، ".join(f"{ACTOR_MARKS.get(a.type, '•')} {a.name}" for a in story.actors)


# --- terminal -------------------------------------------------------------


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _plain(text: str, limit: int) -> str:
    """Outside text made safe for a terminal: no escape sequences or other controls, one line, clipped."""
    return clip(_CONTROLS.sub("", text).replace("\n", " "), limit)


def _marked(story: StoryView, words: dict[str, str], headline: str) -> str:
    """The headline, after an «تحديث» mark when the reader saw the story before and it has news since."""
    return f"{words['update']}: {headline}" if story.update else headline


def _section(digest: Digest, number: int, words: dict[str, str]) -> str | None:
    """The section title that opens before story ``number`` (1-based), if any: the reader's topics, then the rest."""
    if not digest.followed:
        return None
    if number == 1:
        return words["yours"]
    if number == digest.followed + 1:
        return words["top"]
    return None


def render_text(digest: Digest, *, title: str | None = None) -> str:
    """Plain text for a terminal: one block per story, every line marked right-to-left, controls removed."""
    words = labels(digest.lang)
    lines = [rtl(title or words["title"]), ""]
    if digest.note:
        lines += [rtl(digest.note), ""]
    if not digest.stories:
        lines.append(rtl(words["empty"]))
    for number, story in enumerate(digest.stories, 1):
        if (section := _section(digest, number, words)) is not None:
            lines += [rtl(f"— {section} —"), ""]
        lines.append(rtl(f"{number}. {_marked(story, words, _plain(story.headline, HEADLINE_MAX))}"))
        if story.summary:
            lines.append(rtl(f"   {_plain(story.summary, SUMMARY_MAX)}"))
        if story.actors:
            lines.append(rtl(f"   {words['actors']}: {_plain(_actors_line(story), 600)}"))
        lines.append(rtl(f"   {words['sources']}: {_plain('، '.join(story.sources), 600)}"))
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


def _telegram_story(number: int, story: StoryView, words: dict[str, str], compact: bool = False) -> str:
    lines = [rtl(f"<b>{number}. {_esc(_marked(story, words, clip(story.headline, HEADLINE_MAX)))}</b>")]
    if story.summary:
        lines.append(rtl(_esc(clip(story.summary, 300 if compact else SUMMARY_MAX))))
    if story.actors:
        lines.append(rtl(f"<i>{words['actors']}:</i> {_esc(clip(_actors_line(story), 300))}"))
    links = []
    for source in story.sources[:8]:
        url = next((c.url for a in story.articles for c in a.copies if c.source == source and c.url), None)
        source = clip(source, 100)
        if url and url.startswith(("http://", "https://")) and len(url) <= URL_MAX and not compact:
            links.append(f'<a href="{html.escape(url, quote=True)}">{_esc(source)}</a>')
        else:
            links.append(_esc(source))
    lines.append(rtl(f"<i>{words['sources']}:</i> {'، '.join(links)}"))
    return "\n".join(lines)


def _pack(head: str, parts: Sequence[str], limit: int) -> list[str]:
    """Join parts into messages under ``limit``, splitting only between parts (each part fits on its own)."""
    messages: list[str] = []
    current = head
    for part in parts:
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
    parts = []
    for number, story in enumerate(digest.stories, 1):
        part = _telegram_story(number, story, words)
        if len(part) > TELEGRAM_LIMIT - len(head) - 2:
            part = _telegram_story(number, story, words, compact=True)
        if (section := _section(digest, number, words)) is not None:
            part = rtl(f"<u>{_esc(section)}</u>") + "\n\n" + part
        parts.append(part)
    return _pack(head, parts, TELEGRAM_LIMIT)


# --- Slack ----------------------------------------------------------------


def _mrkdwn(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_story(number: int, story: StoryView, words: dict[str, str]) -> list[dict[str, Any]]:
    text = rtl(f"*{number}. {_mrkdwn(_marked(story, words, clip(story.headline, HEADLINE_MAX)))}*")
    if story.summary:
        text += "\n" + rtl(_mrkdwn(clip(story.summary, SUMMARY_MAX)))
    context = rtl(f"{words['sources']}: {_mrkdwn(clip('، '.join(story.sources), 600))}")
    if story.actors:
        context = rtl(f"{words['actors']}: {_mrkdwn(clip(_actors_line(story), 600))}") + " · " + context
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": text}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": context}]},
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
        if (section := _section(digest, number, words)) is not None:
            blocks.insert(0, {"type": "section", "text": {"type": "mrkdwn", "text": rtl(f"*{_mrkdwn(section)}*")}})
        if len(current) + len(blocks) > SLACK_MAX_BLOCKS:
            messages.append(current)
            current = []
        current.extend(blocks)
    messages.append(current)
    return messages
