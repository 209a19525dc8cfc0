"""Band keys are datasketch's affine32 MinHash, computed without importing datasketch (and scipy with it)."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from mawjaz.text import fingerprint
from mawjaz.text.fingerprint import band_keys, shingles_of


def _datasketch_keys(shingles: frozenset[int]) -> tuple[int, ...]:
    datasketch = pytest.importorskip("datasketch")
    seed, perms = fingerprint._SEED, fingerprint.NUM_PERM
    minhash = datasketch.MinHash(num_perm=perms, seed=seed, hashfunc=int, scheme="affine32")
    minhash.update_batch(sorted(shingles))
    values, rows = minhash.hashvalues, fingerprint.ROWS
    return tuple(
        fingerprint._key(b"b%d" % band, values[band * rows : (band + 1) * rows].tobytes())
        for band in range(fingerprint.BANDS)
    )


def test_band_keys_are_datasketchs_affine32_minhash():
    rng = random.Random(5)
    sets = [frozenset(), frozenset({0}), frozenset({0xFFFFFFFF, 1})]
    sets += [frozenset(rng.getrandbits(32) for _ in range(rng.randrange(1, 400))) for _ in range(50)]
    sets.append(shingles_of("وقال الرئيس في مؤتمر صحفي عقده اليوم في العاصمة إن المفاوضات مستمرة " * 3).body)
    for shingles in sets:
        assert band_keys(shingles) == _datasketch_keys(shingles)


def test_band_keys_are_the_stored_ones():
    # Keys already in databases must not move: these are datasketch 2.0's, as stored before.
    assert band_keys(frozenset({1, 2, 3}))[:3] == (176494768865619613, 1564611184483953124, -2325958834664772711)


def test_fingerprinting_imports_neither_datasketch_nor_scipy():
    code = "import mawjaz.text.fingerprint, sys; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "datasketch" not in loaded
    assert "scipy" not in loaded
