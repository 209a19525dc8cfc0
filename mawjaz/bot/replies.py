"""A :class:`Reply` rendered for each platform: Telegram HTML messages, Slack Block Kit messages.

Pure functions, no network. Stories go through the digest renderers in
:mod:`mawjaz.digest.render`; the reply's own text is laid out here line by
line by :mod:`mawjaz.text.bidi` (an Arabic line reads right to left with
``/time 07:30`` isolated inside it; an English line reads left to right) and
then escaped. In Slack every ``/command`` the text mentions is said the way
Slack knows it, ``/mawjaz command``. Buttons (choices, the next page) ride on
the last message.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from mawjaz.bot.commands import COMMANDS
from mawjaz.bot.values import Choice, Reply
from mawjaz.digest import render
from mawjaz.text import bidi

TELEGRAM_LIMIT = render.TELEGRAM_LIMIT
BUTTONS_PER_ROW = 2


@dataclass(frozen=True, slots=True)
class TelegramMessage:
    """One ``sendMessage``: HTML text, inline buttons (rows of choices) and an optional reply-keyboard menu."""

    html: str
    buttons: tuple[tuple[Choice, ...], ...] = ()
    menu: tuple[str, ...] = ()


def telegram_text(text: str, lang: str = "ar") -> str:
    """Plain text as safe Telegram HTML, each line in its direction with its foreign runs isolated."""
    return html.escape(bidi.lines(text, lang), quote=False)


def _split(text: str, limit: int, size=len) -> list[str]:
    """Cut text over ``limit`` (as ``size`` measures it) at line breaks; a lone longer line is cut hard."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while size(line) > limit:
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if size(candidate) > limit:
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
        texts.extend(_split(telegram_text(reply.text, reply.lang), TELEGRAM_LIMIT, render.visible_length))
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


# Telegram's commands as Slack's subcommands: Slack registers only /mawjaz (and the /topic shortcut).
SLACK_SUBCOMMANDS = {"start": "subscribe", "stop": "unsubscribe"}


def slack_commands(text: str) -> str:
    """``/time 07:30`` → ``/mawjaz time 07:30``, ``/start`` → ``/mawjaz subscribe``: what a Slack user can type."""
    names = "|".join(sorted((c.name for c in COMMANDS), key=len, reverse=True))
    return re.sub(
        rf"(?<![\w/])/({names})(?![\w/])", lambda m: f"/mawjaz {SLACK_SUBCOMMANDS.get(m.group(1), m.group(1))}", text
    )


def slack_text(text: str, lang: str = "ar") -> str:
    """Plain text as Slack mrkdwn, each line in its direction, commands in ``/mawjaz …`` form."""
    return render._mrkdwn(bidi.lines(slack_commands(text), lang))


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
            {
                "type": "button",
                "text": {"type": "plain_text", "text": bidi.strip_marks(c.label)[:75]},
                "action_id": f"mawjaz_choice_{n}",
                "value": choice_value(c),
            }
            for n, c in enumerate(choices[:25])
        ],
    }


def slack_messages(reply: Reply) -> list[dict[str, Any]]:
    """The messages that answer ``reply`` in Slack: ``{"text": fallback, "blocks": [...]}`` each."""
    messages: list[dict[str, Any]] = []
    if reply.text:
        for part in _split(slack_text(reply.text, reply.lang), render.SLACK_TEXT_LIMIT):
            messages.append({"text": part, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": part}}]})
    if reply.stories is not None:
        fallback = render.title_of(reply.stories, reply.title)
        for blocks in render.render_slack(reply.stories, title=reply.title):
            messages.append({"text": fallback, "blocks": blocks})
    buttons = list(reply.choices) + ([reply.more] if reply.more is not None else [])
    if buttons and messages:
        if len(messages[-1]["blocks"]) < render.SLACK_MAX_BLOCKS:
            messages[-1]["blocks"] = messages[-1]["blocks"] + [_slack_buttons(buttons)]
        else:
            messages.append({"text": messages[-1]["text"], "blocks": [_slack_buttons(buttons)]})
    return messages
