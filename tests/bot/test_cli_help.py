"""``mawjaz --help`` is instant: the CLI imports no database, NLP or platform library until a command runs.

Checked deterministically, by the modules a fresh interpreter has loaded, not
by a timing: importing :mod:`mawjaz.cli` and asking any command for its help
must not load SQLAlchemy, trafilatura, the Telegram and Slack libraries, the
CRF tagger or numpy (together 2–3 s of imports).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from mawjaz.cli.app import cli

HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "trafilatura",
    "telegram",
    "slack_sdk",
    "slack_bolt",
    "pycrfsuite",
    "crfsuite",
    "numpy",
    "scipy",
    "datasketch",
    "apscheduler",
    "httpx",
)


def _commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


COMMANDS = [(), *_commands(cli)]


def _heavy(modules: list[str]) -> list[str]:
    return sorted({m for m in modules if m.split(".")[0] in HEAVY})


def test_importing_the_cli_loads_no_heavy_library():
    loaded = subprocess.run(
        [sys.executable, "-c", "import mawjaz.cli; import sys; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert _heavy(ast.literal_eval(loaded)) == []


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "mawjaz")
def test_every_help_answers_without_loading_a_heavy_library(command):
    """``python -m mawjaz … --help`` prints the help; the same in-process run loads nothing heavy."""
    shown = subprocess.run([sys.executable, "-m", "mawjaz", *command, "--help"], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert "Usage:" in shown.stdout and "Traceback" not in shown.stderr
    probe = (
        "import json, sys\nfrom mawjaz.cli import main\n"
        f"sys.argv = ['mawjaz', *{list(command)!r}, '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    probed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert _heavy(json.loads(probed.stderr.strip().splitlines()[-1])) == []
