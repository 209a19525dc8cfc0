"""Snapshot files that can be trusted: a missing snapshot fails, only ``--update-snapshots`` (re)writes one.

A helper that wrote a missing snapshot and then compared it with itself would
pass when a snapshot is deleted, and silently accept whatever the code
produces on a clean clone. Writing is therefore an explicit act
(``pytest --update-snapshots``), followed by reviewing the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

UPDATE_OPTION = "--update-snapshots"


def check_snapshot(path: Path, produced: str, *, update: bool) -> None:
    """Fail unless ``produced`` equals the snapshot at ``path``; with ``update``, write ``produced`` there first."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produced, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(
            f"snapshot {path} is missing: write it with `pytest {UPDATE_OPTION}`, review it and commit it",
            pytrace=False,
        )
    expected = path.read_text(encoding="utf-8")
    assert produced == expected, (
        f"output differs from snapshot {path} (after a deliberate change: pytest {UPDATE_OPTION})"
    )
