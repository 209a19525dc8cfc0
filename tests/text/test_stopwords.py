"""The stop-word vocabulary: the shipped list and the two small named sets beside it."""

from __future__ import annotations

import pytest

from mawjaz.text import words
from mawjaz.text.stopwords import CORE_STOPWORDS, REPORTING_WORDS, STOPWORDS, is_stopword


def test_the_core_is_part_of_the_shipped_list():
    assert CORE_STOPWORDS <= STOPWORDS


def test_reporting_words_are_content_in_search():
    assert not REPORTING_WORDS & STOPWORDS


@pytest.mark.parametrize(
    ("word", "core", "reporting"),
    [
        ("في", True, False),
        ("الى", True, False),
        ("وهو", True, False),
        ("قال", False, True),
        ("وأضافت", False, True),
        ("اليوم", False, True),
        ("كانت", False, True),
        ("وسط", False, True),
        ("داعش", False, False),
    ],
)
def test_sets(word, core, reporting):
    (norm,) = words(word)
    assert (norm in CORE_STOPWORDS, norm in REPORTING_WORDS) == (core, reporting)
    assert is_stopword(norm) or not core
