"""Fake Telegram Bot API and Slack Web API servers, over real HTTP on 127.0.0.1, for the bot tests and benches."""

from __future__ import annotations

import sys
from pathlib import Path

#: The one name this package is imported under: tests/ is on sys.path (pytest puts it there for tests/conftest.py;
#: the benches add it), so ``fakes.telegram_api``, never ``tests.fakes.telegram_api``.
NAME = "fakes"
FOLDER = Path(__file__).resolve().parent


def misnamed() -> list[str]:
    """The names ``sys.modules`` holds a file of this package under other than ``fakes`` / ``fakes.<module>``.

    A fake imported as ``fakes.x`` and as ``tests.fakes.x`` is loaded twice:
    two copies of its classes (``isinstance`` fails across them) and of its
    module-level state. Since each file has one right name, a second name is
    always a wrong one: empty when every fake is loaded once, under its name.
    """
    return sorted(
        name
        for name, module in list(sys.modules.items())
        if (file := getattr(module, "__file__", None))
        and Path(file).resolve().parent == FOLDER
        and name != NAME
        and not name.startswith(f"{NAME}.")
    )
