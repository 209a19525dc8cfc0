"""Snapshots can be trusted: a missing one fails, and only ``--update-snapshots`` writes one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from snapshotkit import UPDATE_OPTION, check_snapshot

TESTS = Path(__file__).parent


def test_a_missing_snapshot_fails_and_names_the_option_that_writes_it(tmp_path):
    path = tmp_path / "snapshots" / "digest.txt"
    with pytest.raises(pytest.fail.Exception, match=f"snapshot .*digest.txt is missing.*{UPDATE_OPTION}"):
        check_snapshot(path, "موجز الصباح", update=False)
    assert not path.exists()


def test_a_different_output_fails_and_leaves_the_snapshot_alone(tmp_path):
    path = tmp_path / "digest.txt"
    path.write_text("موجز الصباح", encoding="utf-8")
    with pytest.raises(AssertionError, match=UPDATE_OPTION):
        check_snapshot(path, "موجز المساء", update=False)
    assert path.read_text(encoding="utf-8") == "موجز الصباح"


def test_the_same_output_passes(tmp_path):
    path = tmp_path / "digest.txt"
    path.write_text("موجز الصباح", encoding="utf-8")
    check_snapshot(path, "موجز الصباح", update=False)


def test_update_writes_a_missing_snapshot_and_rewrites_a_different_one(tmp_path):
    path = tmp_path / "snapshots" / "digest.txt"
    check_snapshot(path, "موجز الصباح", update=True)
    assert path.read_text(encoding="utf-8") == "موجز الصباح"
    check_snapshot(path, "موجز المساء", update=True)
    assert path.read_text(encoding="utf-8") == "موجز المساء"


def test_the_option_is_what_writes_snapshots_in_a_real_pytest_run(pytester: pytest.Pytester):
    """End to end, through the real conftest: without the option a missing snapshot fails; with it, it is written."""
    shutil.copy(TESTS / "conftest.py", pytester.path / "conftest.py")
    shutil.copy(TESTS / "snapshotkit.py", pytester.path / "snapshotkit.py")
    shutil.copytree(TESTS / "fakes", pytester.path / "fakes")
    pytester.makepyfile(test_shot="def test_shot(snapshot):\n    snapshot('shot.txt', 'نص ثابت')\n")
    written = pytester.path / "snapshots" / "shot.txt"

    missing = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    missing.assert_outcomes(failed=1)
    missing.stdout.fnmatch_lines([f"*snapshot*shot.txt is missing*{UPDATE_OPTION}*"])
    assert not written.exists()

    pytester.runpytest_subprocess("-p", "no:cacheprovider", UPDATE_OPTION).assert_outcomes(passed=1)
    assert written.read_text(encoding="utf-8") == "نص ثابت"
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)
