"""The one proclitic vocabulary and its three strippers, as tables of (word, expected)."""

from __future__ import annotations

import pytest

from mawjaz.text.clitics import (
    ARTICLE,
    PREFIXES,
    PROCLITIC_LETTERS,
    split_by_rank,
    strip_prefix,
)
from mawjaz.text.normalise import normalise

SIMPLE = [
    ("article_goes", "الحرب", "حرب"),
    ("conjunction_and_article_go", "والحرب", "حرب"),
    ("preposition_and_article_go", "بالحرب", "حرب"),
    ("lam_contraction_goes", "للرئيس", "رئيس"),
    ("bare_waw_goes", "وتركيا", "تركيا"),
    ("bare_ba_goes", "بتركيا", "تركيا"),
    ("bare_lam_goes", "لتركيا", "تركيا"),
    ("bare_fa_goes", "فتركيا", "تركيا"),
    ("bare_kaf_stays", "كتركيا", "كتركيا"),  # كان, كل, كبير: ك begins too many words
    ("three_letters_must_remain", "بلد", "بلد"),
    ("only_one_prefix_goes", "وبتركيا", "بتركيا"),
    ("latin_passes", "reuters", "reuters"),
]


@pytest.mark.parametrize(("word", "expected"), [c[1:] for c in SIMPLE], ids=[c[0] for c in SIMPLE])
def test_strip_prefix_table(word, expected):
    assert strip_prefix(normalise(word)) == normalise(expected)


RANKS = {"عراق": 40, "دمشق": 50, "بشار": 10, "شار": 900, "ولد": 30, "لد": 5}
RANKED = [
    ("article_always_goes", "والعراق", ("وال", "عراق")),
    ("lam_contraction_always_goes", "للرئيس", ("لل", "رييس")),
    ("two_letter_prefix_before_a_commoner_word", "ولدمشق", ("ول", "دمشق")),
    ("one_letter_prefix_before_a_commoner_word", "لدمشق", ("ل", "دمشق")),
    ("a_commoner_whole_word_keeps_its_letter", "بشار", ("", "بشار")),
    ("an_unknown_rest_is_not_cut", "وزنجبار", ("", "وزنجبار")),
    ("the_article_needs_two_letters_after_it", "والد", ("", "والد")),
    ("a_bare_prefix_needs_three_letters_after_it", "ولد", ("", "ولد")),
]


@pytest.mark.parametrize(("word", "expected"), [c[1:] for c in RANKED], ids=[c[0] for c in RANKED])
def test_split_by_rank_table(word, expected):
    assert split_by_rank(normalise(word), RANKS) == expected


ARTICLES = [
    ("bare_article", "الاسد", "ال"),
    ("waw_article", "والاسد", "وال"),
    ("fa_ba_article", "فبالاسد", "فبال"),
    ("lam_contraction", "للاسد", "لل"),
    ("waw_lam_contraction", "وللاسد", "ولل"),
    ("no_article", "لبنان", None),
    ("kaf_lam_is_no_contraction", "كلل", None),
]


@pytest.mark.parametrize(("word", "expected"), [c[1:] for c in ARTICLES], ids=[c[0] for c in ARTICLES])
def test_article_table(word, expected):
    match = ARTICLE.match(word)
    assert (match.group() if match else None) == expected


def test_every_prefix_is_made_of_proclitic_letters_and_the_article():
    assert all(set(prefix) <= PROCLITIC_LETTERS | {"ا"} for prefix in PREFIXES)
    assert list(PREFIXES) == sorted(PREFIXES, key=len, reverse=True)
