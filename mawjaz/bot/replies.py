"""A :class:`Reply` rendered for each platform: Telegram HTML messages, Slack Block Kit messages.

Pure functions, no network. Stories go through the digest renderers in
:mod:`mawjaz.digest.render`; the reply's own text is escaped here and every
line is marked right-to-left (RLM), so Arabic reads right even when a line
opens with ``/time`` or a digit. Buttons (choices, the next page) ride on the
last message.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

from mawjaz.bot.values import Choice, Reply
from mawjaz.digest import render

TELEGRAM_LIMIT = render.TELEGRAM_LIMIT
BUTTONS_PER_ROW = 2


@dataclass(frozen=True, slots=True)
class TelegramMessage:
    """One ``sendMessage``: HTML text, inline buttons (rows of choices) and an optional reply-keyboard menu."""

    html: str
    buttons: tuple[tuple[Choice, ...], ...] = ()
    menu: tuple[str, ...] = ()


def rtl_lines(text: str) -> list[str]:
    return [render.rtl(line) if line.strip() else line for line in text.split("\n")]


def telegram_text(text: str) -> str:
    """Plain text as safe Telegram HTML, every line right-to-left."""
    return "\n".join(rtl_lines(html.escape(text, quote=False)))


def _split(text: str, limit: int) -> list[str]:
    """Cut text over ``limit`` at line breaks (a lone longer line is cut hard)."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


def _rows(choices: tuple[Choice, ...]) -> tuple[tuple[Choice, ...], ...]:
    return tuple(choices[i : i + BUTTONS_PER_ROW] for i in range(0, len(choices), BUTTONS_PER_ROW))


def telegram_messages(reply: Reply) -> list[TelegramMessage]:
    """The messages that answer ``reply`` in Telegram, each under 4,096 characters."""
    texts: list[str] = []
    if reply.text:
        texts.extend(_split(telegram_text(reply.text), TELEGRAM_LIMIT))
    if reply.stories is not None:
        texts.extend(render.render_telegram(reply.stories, title=reply.title))
    if not texts:
        return []
    buttons = _rows(reply.choices)
    if reply.more is not None:
        buttons += ((reply.more,),)
    messages = [TelegramMessage(text) for text in texts]
    messages[-1] = TelegramMessage(texts[-1], buttons, reply.menu)
    return messages


# --- Slack -------------------------------------------------------------------


def slack_text(text: str) -> str:
    return "\n".join(rtl_lines(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")))


def choice_value(choice: Choice) -> str:
    """What a Slack button carries: the command to run, as JSON."""
    return json.dumps({"c": choice.command, "a": choice.args, "p": choice.page}, ensure_ascii=False)


def parse_choice_value(value: str) -> Choice | None:
    try:
        data = json.loads(value)
        return Choice("", str(data["c"]), str(data.get("a", "")), int(data.get("p", 1)))
    except (ValueError, KeyError, TypeError):
        return None


def _slack_buttons(choices: list[Choice]) -> dict[str, Any]:
    return {
        "type": "actions",
        "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": c.label[:75]}, "action_id": f"mawjaz_choice_{n}",
             "value": choice_value(c)}
            for n, c in enumerate(choices[:25])
        ],
    }


def slack_messages(reply: Reply) -> list[dict[str, Any]]:
    """The messages that answer ``reply`` in Slack: ``{"text": fallback, "blocks": [...]}`` each."""
    messages: list[dict[str, Any]] = []
    if reply.text:
        for part in _split(slack_text(reply.text), render.SLACK_TEXT_LIMIT):
            messages.append({"text": part, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": part}}]})
    if reply.stories is not None:
        fallback = reply.title or render.labels(reply.lang)["title"]
        for blocks in render.render_slack(reply.stories, title=reply.title):
            messages.append({"text": fallback, "blocks": blocks})
    buttons = list(reply.choices) + ([reply.more] if reply.more is not None else [])
    if buttons and messages:
        if len(messages[-1]["blocks"]) < render.SLACK_MAX_BLOCKS:
            messages[-1]["blocks"] = messages[-1]["blocks"] + [_slack_buttons(buttons)]
        else:
            messages.append({"text": messages[-1]["text"], "blocks": [_slack_buttons(buttons)]})
    return messages
