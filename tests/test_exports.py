"""Each package's ``__all__`` is sorted and names things that exist (httpx's test_exported_members)."""

from __future__ import annotations

import importlib

import pytest

PACKAGES = ["mawjaz.text", "mawjaz.ingest"]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_importable(name):
    module = importlib.import_module(name)
    assert list(module.__all__) == sorted(module.__all__, key=str.lower)
    for member in module.__all__:
        assert hasattr(module, member), f"{name}.{member}"
