"""Collection for the whole repository: ``pytest`` runs tests/ and, with ``--doctest-modules``, the doctests in mawjaz/."""

from __future__ import annotations

from pathlib import Path

import pytest

# Alembic's env.py and revisions read alembic.context, which exists only while `alembic upgrade` runs them.
collect_ignore = ["mawjaz/storage/migrations"]


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """conftest.py files are plugins pytest loads itself: collected for doctests too, they would be imported again
    under the one name ``conftest`` (tests/ has several)."""
    return True if collection_path.name == "conftest.py" else None
