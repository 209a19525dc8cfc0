"""Outlet names a reader recognises: from the input itself, else the outlets table; never a file stem or hash."""

from __future__ import annotations

import json

import pytest

from mawjaz.ingest.dumps import read_dump
from mawjaz.ingest.jsonl import read_jsonl
from mawjaz.text.outlets import (
    clean_site_name,
    display_name,
    outlet_name,
    use_user_outlets,
)

DUMP = "عنوان الخبر الأول هنا\n\nنص الخبر الأول يقول ما حدث في المدينة أمس بالتفصيل.\n"


@pytest.mark.parametrize(
    ("source", "url", "name"),
    [
        ("skynews", None, "سكاي نيوز عربية"),
        ("alarabia", None, "العربية"),
        ("CNN", None, "سي إن إن بالعربية"),
        ("BBC", None, "بي بي سي عربي"),
        ("france24", None, "فرانس 24"),
        ("Jawhara FM", None, "جوهرة أف أم"),
        ("anything", "https://www.skynewsarabia.com/world/1234-x", "سكاي نيوز عربية"),
        ("anything", "https://www.alarabiya.net/ar/arab-and-world/2018/05/01/x.html", "العربية"),
        ("anything", "https://www.aljazeera.net/news/2026/11/22/x", "الجزيرة نت"),
        ("anything", "https://www.bbc.com/arabic/world-12345", "بي بي سي عربي"),
        ("anything", "http://www.bbc.co.uk/arabic/middleeast/2018/05/x", "بي بي سي عربي"),
        ("skynewsarabia.com", None, "سكاي نيوز عربية"),
    ],
)
def test_the_bundled_table_names_the_corpora_ids_and_the_big_outlets_domains(source, url, name):
    assert outlet_name(source, url) == name


def test_a_bbc_address_outside_its_arabic_service_is_not_bbc_arabic():
    assert outlet_name("x", "https://www.bbc.com/news/world-1") is None


def test_a_dump_named_by_a_hash_has_no_outlet_name_rather_than_its_file_stem():
    (article,) = read_dump(DUMP, "/seeds/000_ca76a3fd311ad556.txt")
    assert article.source == "000_ca76a3fd311ad556" and article.source_name is None


def test_the_name_the_input_gives_comes_before_the_table():
    assert display_name("شبكة المستقبل الإخبارية", "skynews", None) == "شبكة المستقبل الإخبارية"
    assert display_name("skynewsarabia.com", "skynewsarabia.com", None) == "سكاي نيوز عربية"  # a host is no name
    assert display_name("feeds.example.com", "feeds.example.com", None) == "feeds.example.com"


def test_a_feed_title_loses_the_section_it_names_after_the_outlet():
    assert clean_site_name("قناة الخليج الإخبارية - آخر الأخبار") == "قناة الخليج الإخبارية"
    assert clean_site_name("Example News | RSS") == "Example News"
    assert clean_site_name("سي إن إن - عربي") == "سي إن إن - عربي"


def test_a_jsonl_record_is_named_by_its_source_name_then_an_arabic_source_then_the_table():
    lines = "\n".join(
        json.dumps(r, ensure_ascii=False)
        for r in [
            {
                "id": 1,
                "title": "عنوان أول",
                "text": "نص أول طويل بما يكفي.",
                "source": "wire",
                "source_name": "وكالة ما",
            },
            {"id": 2, "title": "عنوان ثان", "text": "نص ثان طويل بما يكفي.", "source": "وكالة الأنباء العربية"},
            {"id": 3, "title": "عنوان ثالث", "text": "نص ثالث طويل بما يكفي.", "source": "skynews"},
            {"id": 4, "title": "عنوان رابع", "text": "نص رابع طويل بما يكفي.", "source": "unknown_outlet"},
        ]
    )
    names = [a.source_name for a in read_jsonl(lines, "/data/records.jsonl")]
    assert names == ["وكالة ما", "وكالة الأنباء العربية", "سكاي نيوز عربية", None]


def test_a_user_file_adds_outlets_and_renames_shipped_ones(tmp_path):
    extra = tmp_path / "outlets.toml"
    extra.write_text(
        '[[outlet]]\nname = "صحيفة الرافدين"\nids = ["alrafidain"]\n\n'
        '[[outlet]]\nname = "سكاي نيوز"\nids = ["skynews"]\n',
        encoding="utf-8",
    )
    use_user_outlets([extra])
    (article,) = read_dump(DUMP, "/dumps/alrafidain_2026-11-22.txt")
    assert article.source == "alrafidain_2026-11-22" and article.source_name == "صحيفة الرافدين"
    assert outlet_name("skynews") == "سكاي نيوز"


def test_a_broken_outlets_file_names_itself(tmp_path):
    bad = tmp_path / "outlets.toml"
    bad.write_text('[[outlet]]\nids = ["x"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="outlets.toml: outlet 1 has no name"):
        use_user_outlets([bad])
