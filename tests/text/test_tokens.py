"""Tokens and search terms: clitics come off, names keep their letters, index and query agree."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mawjaz.text.stem import light_stem, strip_proclitics
from mawjaz.text.stopwords import is_stopword
from mawjaz.text.tokens import index_terms, query_terms, term, tokens


def test_tokens_are_normalised_words_with_clitics_attached() -> None:
    assert tokens("«والأسد» في لبنان") == ["والاسد", "في", "لبنان"]


@pytest.mark.parametrize("form", ["داعش", "لداعش", "بداعش", "وداعش", "فداعش", "ولداعش", "وبداعش", "«لداعش»"])
def test_lam_prefixed_daesh_has_the_same_terms_as_daesh(form: str) -> None:
    assert index_terms(form) == ["داعش"]


@pytest.mark.parametrize("form", ["الأسد", "للأسد", "والأسد", "بالأسد", "وبالأسد", "فالأسد", "كالأسد", "وللأسد"])
def test_article_and_its_combinations_come_off(form: str) -> None:
    assert index_terms(form) == ["اسد"]


@pytest.mark.parametrize("form", ["لبنان", "للبنان", "ولبنان", "بلبنان"])
def test_lebanon_keeps_its_lam(form: str) -> None:
    assert index_terms(form) == ["لبنان"]


@pytest.mark.parametrize("form", ["بشار", "وبشار", "لبشار"])
def test_bashar_keeps_its_ba(form: str) -> None:
    assert index_terms(form) == ["بشار"]


@pytest.mark.parametrize(
    "word",
    [
        "بريطانيا",
        "ليبيا",
        "فرنسا",
        "فلسطين",
        "كوريا",
        "بغداد",
        "بيروت",
        "لندن",
        "واشنطن",
        "وزير",
        "وزارة",
        "فكرة",
        "بيان",
        "فريق",
        "كبير",
        "لجنة",
        "وكالة",
        "لقاء",
    ],
)
def test_words_whose_first_letter_is_their_own_keep_it(word: str) -> None:
    assert term(tokens(word)[0])[0] == tokens(word)[0][0]


def test_distinct_words_do_not_collide() -> None:
    pairs = [("فكرة", "كرة"), ("لبنان", "بنان"), ("الدولة", "دول"), ("وزير", "زير"), ("الرئيسي", "الرئيس")]
    for a, b in pairs:
        assert index_terms(a) != index_terms(b), (a, b)


def test_united_states_is_sensible() -> None:
    assert index_terms("الولايات المتحدة") == ["ولايات", "متحده"]


@pytest.mark.parametrize(
    ("form", "stem"), [("بيانها", "بيان"), ("حكومتهم", "حكومت"), ("قادتنا", "قادت"), ("لهم", None)]
)
def test_pronoun_suffixes_come_off(form: str, stem: str | None) -> None:
    assert (index_terms(form) or [None])[0] == stem


@pytest.mark.parametrize("word", ["علي", "حكم", "مهم", "اتهم", "ممكن", "الحاكم"])
def test_short_stems_keep_suffix_like_endings(word: str) -> None:
    stem = light_stem(tokens(word)[0])
    assert len(stem) >= 3 or stem == tokens(word)[0]


def test_ta_marbuta_is_not_taken_for_a_pronoun() -> None:
    assert index_terms("دولة") == ["دوله"]


def test_unknown_name_gets_one_stem_whatever_clitic_precedes_it() -> None:
    stems = {tuple(index_terms(form)) for form in ["بيلوسوف", "لبيلوسوف", "وبيلوسوف", "ولبيلوسوف"]}
    assert len(stems) == 1


@pytest.mark.parametrize("word", ["كابل", "الكويت", "كاليفورنيا", "كمبوديا", "كوسوفو", "كانبرا", "كرزاي"])
def test_names_that_begin_with_kaf_keep_it_with_or_without_a_clitic(word: str) -> None:
    bare = word.removeprefix("ال")
    assert index_terms(word) == index_terms("ل" + word) == [bare]


def test_kabul_is_not_apple() -> None:
    assert index_terms("كابل") != index_terms("أبل")


def test_stripping_prefers_a_protected_rest() -> None:
    assert strip_proclitics("للبنان", frozenset({"لبنان", "بنان"})) == "لبنان"


def test_stop_words_are_dropped_in_all_their_clitic_forms() -> None:
    assert index_terms("وهو في هذا الذي لكنهم عليها") == []
    assert is_stopword("وهو") and not is_stopword("داعش")


@pytest.mark.parametrize("word", ["ولي", "امن", "شمال", "جنوب", "ابو", "بن", "اوبك", "ولايه", "حماه"])
def test_content_words_of_the_news_are_not_stop_words(word: str) -> None:
    assert not is_stopword(word)


def test_crown_prince_keeps_his_title_and_his_bin() -> None:
    assert index_terms("ولي العهد محمد بن سلمان") == ["ولي", "عهد", "محمد", "بن", "سلمان"]


def test_latin_and_digits_pass_through_folded() -> None:
    assert index_terms("ISIS attacked in 2018") == ["isis", "attacked", "in", "2018"]


def test_stop_words_vanish_so_a_name_stays_a_run_of_adjacent_terms() -> None:
    assert index_terms("تنظيم الدولة الإسلامية في العراق والشام") == ["تنظيم", "دوله", "اسلاميه", "عراق", "شام"]


def test_query_and_index_give_the_same_terms() -> None:
    text = "قال «الرئيس» الأمريكي دونالد ترامب إن لداعش وجوداً في سوريا"
    assert query_terms(text) == index_terms(text)


def test_terms_are_fast_enough_for_indexing() -> None:
    sample = Path(__file__).read_text(encoding="utf-8") * 20
    count = len(tokens(sample))
    index_terms(sample)
    start = time.perf_counter()
    index_terms(sample)
    assert count / (time.perf_counter() - start) >= 200_000


def test_shipped_word_lists_are_normalised() -> None:
    from mawjaz.text.normalise import normalise
    from mawjaz.text.stem import PROTECTED
    from mawjaz.text.stopwords import STOPWORDS

    for word in PROTECTED | STOPWORDS:
        assert normalise(word) == word


def test_json_round_trip_of_terms_is_plain_text() -> None:
    assert json.loads(json.dumps(index_terms("لداعش"), ensure_ascii=False)) == ["داعش"]
