"""The gates CI holds the code to: ruff's lint and format, and mypy on the package (configured in pyproject.toml).

They run here, inside the README's test command, so CI cannot go green past them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PATHS = ["mawjaz", "tests", "bench", "conftest.py"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def _assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, f"{' '.join(map(str, result.args[2:]))} failed:\n{result.stdout}{result.stderr}"


def test_ruff_check_is_clean():
    _assert_clean(_run("ruff", "check", *PATHS))


def test_ruff_format_leaves_nothing_to_change():
    _assert_clean(_run("ruff", "format", "--check", *PATHS))


@pytest.mark.slow
def test_mypy_is_clean():
    _assert_clean(_run("mypy", "mawjaz"))
