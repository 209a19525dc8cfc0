"""The welcome and /help as a browser lays them out: every paragraph's direction, and every /command whole.

Renders the Telegram-bubble page of bench/gallery.py (``dir="auto"`` paragraphs, as Telegram lays out
each line) in real headless chromium and reads the layout back from the DOM: the computed direction of
each paragraph, and for each ``/command`` whether its slash is drawn left of its first letter, as it
must be (an Arabic line without isolates draws ``time/``). Skipped only where chromium is missing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mawjaz.bot.commands import help_text
from mawjaz.bot.replies import telegram_messages
from mawjaz.bot.texts import say
from mawjaz.bot.values import Reply

ROOT = Path(__file__).resolve().parents[2]
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
# CI installs chromium (.ci/run) and sets MAWJAZ_TEST_REQUIRE_CHROMIUM=1: there a missing browser fails, never skips.
if BROWSER is None and os.environ.get("MAWJAZ_TEST_REQUIRE_CHROMIUM") == "1":
    raise RuntimeError("MAWJAZ_TEST_REQUIRE_CHROMIUM=1 but no chromium is installed")
pytestmark = pytest.mark.skipif(BROWSER is None, reason="chromium is not installed (apt-get install chromium)")

PROBE = """<script>
const out = [];
document.querySelectorAll('.bubble p').forEach((p) => {
  const node = p.firstChild, text = p.textContent, slashes = [];
  if (node && node.nodeType === 3) {
    for (const m of text.matchAll(/\\/[a-z]/g)) {
      const r = document.createRange();
      r.setStart(node, m.index); r.setEnd(node, m.index + 1); const slash = r.getBoundingClientRect();
      r.setStart(node, m.index + 1); r.setEnd(node, m.index + 2); const letter = r.getBoundingClientRect();
      slashes.push({at: text.substr(m.index, 8), left: slash.left < letter.left});
    }
  }
  out.push({text: text, direction: getComputedStyle(p).direction, slashes: slashes});
});
document.body.setAttribute('data-layout', JSON.stringify(out));
</script>"""


def _gallery():
    spec = importlib.util.spec_from_file_location("gallery", ROOT / "bench" / "gallery.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def layout(tmp_path: Path, text: str, lang: str) -> list[dict]:
    gallery = _gallery()
    [message] = telegram_messages(Reply(text=text, lang=lang))
    page = tmp_path / "page.html"
    page.write_text(
        gallery._page("telegram", gallery.telegram_bubble(message.html)).replace("</body>", PROBE + "</body>"),
        encoding="utf-8",
    )
    dom = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    found = re.search(r'data-layout="([^"]*)"', dom)
    assert found, dom[:500]
    import html

    return json.loads(html.unescape(found.group(1)))


SCENES = [
    ("welcome", "ar", lambda: say("welcome", "ar", time="08:00", zone="الرياض"), "rtl"),
    ("welcome", "en", lambda: say("welcome", "en", time="08:00", zone="Riyadh"), "ltr"),
    ("help", "ar", lambda: help_text("ar", admin=True), "rtl"),
    ("help", "en", lambda: help_text("en", admin=True), "ltr"),
]


@pytest.mark.parametrize("name,lang,text,direction", SCENES, ids=[f"{s[0]}-{s[1]}" for s in SCENES])
def test_every_paragraph_reads_in_its_direction_and_every_command_keeps_its_slash_on_the_left(
    tmp_path, name, lang, text, direction
):
    paragraphs = layout(tmp_path, text(), lang)
    assert len(paragraphs) == len(text().split("\n"))
    for paragraph in paragraphs:
        assert paragraph["direction"] == direction, paragraph["text"]
        for slash in paragraph["slashes"]:
            assert slash["left"], f"{slash['at']!r} shows its slash on the wrong side in {paragraph['text']!r}"
    assert sum(len(p["slashes"]) for p in paragraphs) >= 3
