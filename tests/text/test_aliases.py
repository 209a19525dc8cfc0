"""Aliases: every name of a thing finds the thing, through the same terms as the search index."""

from __future__ import annotations

from pathlib import Path

import pytest

from mawjaz.text.aliases import AliasIndex, default_aliases, load_aliases
from mawjaz.text.tokens import index_terms


@pytest.fixture(scope="module")
def shipped() -> AliasIndex:
    return default_aliases()


DAESH_FORMS = [
    "داعش",
    "لداعش",
    "تنظيم الدولة",
    "الدولة الإسلامية",
    "الدوله الاسلاميه",
    "isis",
    "ISIL",
    "Daesh",
    "تنظيم الدولة الإسلامية في العراق والشام",
]


@pytest.mark.parametrize("query", DAESH_FORMS)
def test_every_name_of_daesh_maps_to_one_entity(shipped: AliasIndex, query: str) -> None:
    entity = shipped.entity_of(index_terms(query))
    assert entity is not None and entity.id == "isis"


def test_isis_latin_name_expands_to_arabic_forms(shipped: AliasIndex) -> None:
    phrases = shipped.expand("ISIS")
    assert phrases[0] == ("isis",)
    assert ("داعش",) in phrases and ("تنظيم", "دوله") in phrases and ("دوله", "اسلاميه") in phrases


def test_query_own_phrase_comes_first(shipped: AliasIndex) -> None:
    assert shipped.expand("لداعش")[0] == ("داعش",)
    assert shipped.expand("الدوله الاسلاميه")[0] == ("دوله", "اسلاميه")


def test_multiword_alias_is_a_phrase(shipped: AliasIndex) -> None:
    assert ("تنظيم", "دوله", "اسلاميه", "عراق", "شام") in shipped.expand("داعش")


def test_expansion_has_no_duplicates(shipped: AliasIndex) -> None:
    phrases = shipped.expand("أمريكا")
    assert len(phrases) == len(set(phrases))


def test_unknown_query_expands_to_itself(shipped: AliasIndex) -> None:
    assert shipped.expand("سد النهضة") == [("سد", "نهضه")]


def test_query_of_stop_words_expands_to_nothing(shipped: AliasIndex) -> None:
    assert shipped.expand("في من") == []


@pytest.mark.parametrize(
    ("query", "entity_id"),
    [
        ("أمريكا", "usa"),
        ("أميركا", "usa"),
        ("امريكا", "usa"),
        ("واشنطن", "usa"),
        ("الولايات المتحدة", "usa"),
        ("للولايات المتحدة", "usa"),
        ("موسكو", "russia"),
        ("الكرملين", "russia"),
        ("طهران", "iran"),
        ("أنقرة", "turkey"),
        ("المملكة العربية السعودية", "saudi_arabia"),
        ("القاهرة", "egypt"),
        ("الأسد", "bashar_al_assad"),
        ("للأسد", "bashar_al_assad"),
        ("الرئيس السوري بشار الأسد", "bashar_al_assad"),
        ("إردوغان", "recep_tayyip_erdogan"),
        ("Erdoğan", "recep_tayyip_erdogan"),
        ("دونالد ترامب", "donald_trump"),
        ("حلف شمال الأطلسي", "nato"),
        ("الناتو", "nato"),
        ("UN", "un"),
        ("أنصار الله", "houthis"),
        ("لحزب الله", "hezbollah"),
        ("لبنان", "lebanon"),
    ],
)
def test_names_map_to_their_entity(shipped: AliasIndex, query: str, entity_id: str) -> None:
    entity = shipped.entity_of(index_terms(query))
    assert entity is not None and entity.id == entity_id


def test_starter_set_is_broad(shipped: AliasIndex) -> None:
    kinds = {e.type for e in shipped.entities.values()}
    assert 80 <= len(shipped.entities) <= 200 and kinds == {"ORG", "GPE", "PER"}


def test_every_shipped_name_has_terms_and_one_owner(shipped: AliasIndex) -> None:
    for entity in shipped.entities.values():
        assert entity.phrases and len(entity.names) == len(entity.phrases)
        for phrase in entity.phrases:
            assert shipped.by_phrase[phrase] == entity.id


def test_find_in_takes_the_longest_name(shipped: AliasIndex) -> None:
    terms = index_terms("عبد الملك الحوثي يهدد، والحوثيون يطلقون صاروخاً على الرياض")
    found = [(entity_id, terms[s:e]) for entity_id, s, e in shipped.find_in(terms)]
    assert found[0] == ("abdul_malik_al_houthi", ["عبد", "ملك", "حوثي"])
    assert [entity_id for entity_id, _ in found] == ["abdul_malik_al_houthi", "houthis", "saudi_arabia"]


def test_find_in_needs_adjacent_words(shipped: AliasIndex) -> None:
    assert shipped.find_in(index_terms("تنظيم حفل في الدولة")) == []


def test_user_file_adds_names_and_entities(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(
        '[[entity]]\nid = "isis"\nnames = ["الدواعش"]\n\n'
        '[[entity]]\nid = "gerd"\ntype = "MISC"\nnames = ["سد النهضة", "سد النهضة الإثيوبي", "GERD"]\n',
        encoding="utf-8",
    )
    index = load_aliases([user])
    assert index.entity_of(index_terms("الدواعش")).id == "isis"
    assert index.entity_of(index_terms("gerd")).type == "MISC"
    assert ("سد", "نهضه", "اثيوبي") in index.expand("سد النهضة")


def test_malformed_user_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[[entity]]\nnames = ['x']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.toml"):
        load_aliases([broken])


def test_default_index_is_built_once() -> None:
    assert load_aliases() is default_aliases()


def test_a_name_at_the_end_is_reported_with_its_own_length(shipped: AliasIndex) -> None:
    """«الجامعة العربية» closing a text is two terms, though a longer name also begins with «الجامعة»."""
    terms = index_terms("قالت الجامعة العربية")
    assert all(end <= len(terms) for _, _, end in shipped.find_in(terms))
    [(_, start, end)] = shipped.find_in(terms)
    assert terms[start:end] == index_terms("الجامعة العربية")
