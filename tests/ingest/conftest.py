"""Fixtures for the ingest tests: where the self-describing sample inputs live."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    """The folder of sample inputs; each file's name says what it tests."""
    return FIXTURES
