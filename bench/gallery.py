"""The gallery: the real messages a reader gets, sent through the fake Telegram and Slack APIs, as screenshots.

    python bench/gallery.py [--out docs/gallery] [--no-screenshots]

Runs ``mawjaz run`` against the fake Telegram Bot API (tests/fakes) on a
fresh SQLite database holding a realistic day of news, says ``/start``,
``/help`` and ``/topic داعش`` as a reader would, delivers the 07:30 daily
digest to that reader and to a Slack channel, and takes what the fakes
received — the exact HTML and Block Kit the platforms would get. Each is
turned into an HTML page (Telegram bubbles, Slack blocks) whose paragraphs
are ``dir="auto"``, as the clients lay out each line by its own first strong
character, and screenshotted with headless chromium.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "bot")]

CSS = """
body { margin: 0; padding: 24px; font: 16px/1.45 "Noto Sans Arabic UI", "Noto Sans Arabic", "Noto Sans", sans-serif; }
.telegram { background: #9cc290; }
.slack { background: #ffffff; color: #1d1c1d; }
.bubble { background: #fff; border-radius: 14px; padding: 8px 14px; margin: 0 0 14px auto; max-width: 560px;
          box-shadow: 0 1px 1px rgba(0,0,0,.15); }
.bubble p, .msg p { margin: 0; min-height: 1.2em; unicode-bidi: plaintext; }
.bubble a, .msg a { color: #2a7bd4; text-decoration: none; }
.keys { display: flex; gap: 6px; flex-wrap: wrap; max-width: 588px; margin: -8px 0 14px auto; }
.keys span { flex: 1; background: rgba(255,255,255,.55); border-radius: 8px; padding: 6px; text-align: center;
             color: #fff; font-weight: 600; background: rgba(0,0,0,.25); }
.me { background: #effdde; margin: 0 auto 14px 0; max-width: 300px; }
.msg { border-bottom: 1px solid #eee; padding: 10px 0; max-width: 760px; }
.msg h2 { font-size: 20px; margin: 0 0 8px; unicode-bidi: plaintext; }
.msg .context p { color: #616061; font-size: 13px; }
.msg hr { border: 0; border-top: 1px solid #ddd; }
"""


def _page(kind: str, body: str) -> str:
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><style>{CSS}</style></head>'
        f'<body class="{kind}">{body}</body></html>'
    )


def telegram_bubble(text: str, keyboard: list | None = None) -> str:
    """One Telegram message: its HTML (Telegram's subset is HTML) a paragraph per line."""
    lines = "".join(f'<p dir="auto">{line}</p>' for line in text.split("\n"))
    out = f'<div class="bubble">{lines}</div>'
    if keyboard:
        for row in keyboard:
            out += (
                '<div class="keys">'
                + "".join(f'<span dir="auto">{html.escape(b["text"])}</span>' for b in row)
                + "</div>"
            )
    return out


def said(text: str) -> str:
    return f'<div class="bubble me"><p dir="auto">{html.escape(text)}</p></div>'


def _mrkdwn_html(text: str) -> str:
    """Slack mrkdwn (already escaped for &, <, >) as HTML: links, bold, one paragraph per line."""
    text = re.sub(r"<(https?://[^|>]+)\|([^>]*)>", lambda m: f'<a href="{m.group(1)}">{m.group(2)}</a>', text)
    text = re.sub(r"\*([^*\n]+)\*", r"<b>\1</b>", text)
    return "".join(f'<p dir="auto">{line}</p>' for line in text.split("\n"))


def slack_message(blocks: list[dict]) -> str:
    out = []
    for block in blocks:
        if block["type"] == "header":
            out.append(f'<h2 dir="auto">{html.escape(block["text"]["text"])}</h2>')
        elif block["type"] == "section":
            out.append(_mrkdwn_html(block["text"]["text"]))
        elif block["type"] == "context":
            out.append('<div class="context">' + "".join(_mrkdwn_html(e["text"]) for e in block["elements"]) + "</div>")
        elif block["type"] == "divider":
            out.append("<hr>")
        elif block["type"] == "actions":
            out.append(
                '<div class="keys">'
                + "".join(f'<span dir="auto">{html.escape(e["text"]["text"])}</span>' for e in block["elements"])
                + "</div>"
            )
    return '<div class="msg">' + "".join(out) + "</div>"


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def screenshot(page: Path, png: Path, width: int = 680, height: int = 1400) -> None:
    browser = chromium()
    if browser is None:
        raise SystemExit("chromium not found: apt-get install chromium fonts-noto-core fonts-noto-ui-core")
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={png}",
            f"--window-size={width},{height}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _store_news(engine, now) -> None:
    from botkit import ARTICLES
    from fixtures.daily import OUTLETS, STORIES

    from mawjaz.ingest.record import Article
    from mawjaz.pipeline import IngestReport, store_items

    items = []
    for number, (headline, summary, outlets, hours, *_actors) in enumerate(STORIES, 1):
        for n, (outlet, base) in enumerate(OUTLETS[:outlets]):
            items.append(
                Article(
                    title=headline,
                    body=summary,
                    source=outlet,
                    external_id=f"{outlet}-{number}",
                    url=f"{base}{number}",
                    published=now - timedelta(hours=hours, minutes=25 * n),
                )
            )
    for n, (title, body) in enumerate(ARTICLES):
        items.append(
            Article(
                title=title,
                body=body,
                source="العربية",
                external_id=f"extra-{n}",
                url=f"https://www.alarabiya.net/ar/{n}",
                published=now - timedelta(hours=1, minutes=n),
            )
        )
    store_items(engine, items, IngestReport())


def collect() -> dict[str, str]:
    """The HTML page of each scene, from what the fakes received."""
    from botkit import (
        FAST,
        NOW,
        TOKEN,
        add_subscribers,
        deliver,
        run_settings,
        running,
        telegram_sender,
    )
    from fakes.slack_api import FakeSlack
    from fakes.telegram_api import FakeTelegram

    from mawjaz.bot.slack.send import SlackSender, make_client
    from mawjaz.service import Service
    from mawjaz.storage import migrate
    from mawjaz.storage.engine import make_engine

    folder = Path(tempfile.mkdtemp(prefix="mawjaz-gallery-"))
    engine = make_engine(f"sqlite:///{folder / 'gallery.sqlite'}")
    migrate.upgrade(engine)
    _store_news(engine, NOW)
    telegram, slack = FakeTelegram().start(), FakeSlack().start()
    pages: dict[str, str] = {}
    chat = 111
    try:
        settings = run_settings(engine, telegram_token=TOKEN, telegram_base_url=f"{telegram.url}/bot")
        with running(Service(settings, engine, timing=FAST, clock=lambda: NOW)):
            telegram.wait_for_polling()
            for n, (name, typed) in enumerate(
                (("welcome", "/start"), ("help", "/help"), ("topic", "/topic داعش"), ("stop", "إيقاف"))
            ):
                telegram.user_says(typed, chat_id=chat)
                calls = telegram.wait_for("sendMessage", chat_id=chat, count=n + 1)
                call = calls[-1]
                markup = telegram.markup(call) or {}
                pages[f"telegram-{name}"] = _page(
                    "telegram",
                    said(typed)
                    + telegram_bubble(call.params["text"], markup.get("inline_keyboard") or markup.get("keyboard")),
                )
            telegram.user_says("/time 07:30", chat_id=chat)
            telegram.wait_for("sendMessage", chat_id=chat, count=5)
        add_subscribers(engine, 1, platform="slack", first_chat=7, digest_time="07:30")
        at = NOW.replace(hour=4, minute=30)  # 07:30 in Riyadh
        senders = {
            "telegram": telegram_sender(telegram),
            "slack": SlackSender(make_client("xoxb", f"{slack.url}/api/")),
        }
        deliver(engine, senders, at)
        sent = [c.params["text"] for c in telegram.sent(chat)][5:]
        pages["telegram-digest"] = _page("telegram", "".join(telegram_bubble(text) for text in sent))
        posted = [
            json.loads(c.params["blocks"]) if isinstance(c.params["blocks"], str) else c.params["blocks"]
            for c in slack.posted("C7")
        ]
        pages["slack-digest"] = _page("slack", "".join(slack_message(blocks) for blocks in posted))
    finally:
        telegram.stop()
        slack.stop()
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "gallery")
    parser.add_argument("--no-screenshots", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, page in collect().items():
        path = args.out / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        if not args.no_screenshots:
            height = 1800 if "digest" in name else 700
            screenshot(path, args.out / f"{name}.png", height=height)
        print(path)


if __name__ == "__main__":
    main()
