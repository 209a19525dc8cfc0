"""The README is part of the contract: its commands exist, and CI runs its test command verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mawjaz.cli.app import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command_word_for_word():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r'^TEST_COMMAND="(.+)"$', ci, re.MULTILINE).group(1)
    assert command in README


def _commands(group, prefix=""):
    for name, command in sorted(group.commands.items()):
        yield f"{prefix}{name}", command
        if hasattr(command, "commands"):
            yield from _commands(command, f"{prefix}{name} ")


@pytest.mark.parametrize("name,command", list(_commands(cli)))
def test_every_cli_command_has_help_with_an_example_and_is_in_the_readme(name, command):
    assert command.help, f"mawjaz {name} has no help"
    if not hasattr(command, "commands"):
        assert "Example" in command.help, f"mawjaz {name} help gives no example"
    assert f"mawjaz {name}" in README, f"mawjaz {name} is not in the README"
