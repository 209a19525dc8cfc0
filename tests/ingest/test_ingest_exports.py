"""The public face of ingest stays small and honest: ``__all__`` is sorted and true; the entry points keep their shape."""

from __future__ import annotations

import inspect

import pytest

import mawjaz.ingest
from mawjaz.ingest import decode, dumps, feeds, fetch, jsonl, pages


def test_all_is_sorted_and_every_name_in_it_exists():
    assert mawjaz.ingest.__all__ == sorted(mawjaz.ingest.__all__)
    for name in mawjaz.ingest.__all__:
        assert hasattr(mawjaz.ingest, name), name


@pytest.mark.parametrize(
    ("function", "parameters"),
    [
        (mawjaz.ingest.read_source, ["source", "fmt", "max_bytes", "client"]),
        (decode.decode_bytes, ["data"]),
        (dumps.read_dump, ["text", "origin"]),
        (feeds.read_feed, ["data", "origin"]),
        (feeds.fetch_feed, ["url", "client", "etag", "last_modified", "max_bytes"]),
        (pages.read_page, ["html", "origin", "url"]),
        (jsonl.read_jsonl, ["lines", "origin"]),
        (fetch.fetch, ["url", "client", "max_bytes", "headers", "guard"]),
    ],
    ids=lambda value: getattr(value, "__qualname__", None),
)
def test_the_entry_points_other_layers_call_keep_their_parameters(function, parameters):
    names = list(inspect.signature(function).parameters)
    assert names[: len(parameters)] == parameters or set(parameters) <= set(names)
