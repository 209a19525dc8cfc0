"""Input hygiene: an undated dump is dated by its file name, and a folder is read only for the formats Mawjaz knows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mawjaz.ingest import known_format, read_source
from mawjaz.ingest.dates import date_in_name
from mawjaz.ingest.dumps import read_dump
from mawjaz.ingest.record import Article, Problem

DUMP = "عنوان الخبر الأول هنا\n\nنص الخبر الأول يقول ما حدث في المدينة أمس بالتفصيل.\n"


@pytest.mark.parametrize(
    "name",
    [
        "alrafidain_2026-11-22.txt",
        "alrafidain_20261122.txt",
        "alrafidain_2026_11_22.txt",
        "2026-11-22.txt",
        "/some/folder/alrafidain-2026-11-22.txt.gz",
    ],
)
def test_a_date_in_a_dump_file_name_is_read_in_its_three_forms(name):
    assert date_in_name(name) == datetime(2026, 11, 22, tzinfo=UTC)


@pytest.mark.parametrize(
    "name",
    [
        "000_ca76a3fd311ad556.txt",
        "a20261122b.txt",
        "dump_2026-13-40.txt",
        "report.txt",
        "123456789.txt",
        "/data/2026-11-22/undated.txt",
    ],
)
def test_a_hash_an_impossible_date_or_a_dated_folder_gives_no_date(name):
    assert date_in_name(name) is None


def test_an_undated_dump_takes_its_date_from_its_file_name():
    (article,) = read_dump(DUMP, "/tmp/alrafidain_2026-11-22.txt")
    assert isinstance(article, Article)
    assert article.published == datetime(2026, 11, 22, tzinfo=UTC)


def test_a_dump_whose_name_holds_no_date_stays_undated():
    (article,) = read_dump(DUMP, "/tmp/000_ca76a3fd311ad556.txt")
    assert isinstance(article, Article) and article.published is None


@pytest.mark.parametrize(
    "name", ["a.txt", "a.xml", "a.rss", "a.atom", "a.html", "a.htm", "a.jsonl", "a.TXT", "a.jsonl.gz", "a.rss.xml"]
)
def test_a_folder_is_read_for_the_formats_mawjaz_knows(name):
    assert known_format(name)


@pytest.mark.parametrize("name", ["SOURCE.md", "README", "data.csv", "photo.jpg", "notes.json", "a.gz"])
def test_any_other_file_in_a_folder_is_not_read(name):
    assert not known_format(name)


def test_a_folder_skips_its_source_md_and_says_so(tmp_path):
    (tmp_path / "SOURCE.md").write_text("# Where this corpus comes from\n\nLicence: research use.\n", encoding="utf-8")
    (tmp_path / "site_2026-11-22.txt").write_text(DUMP, encoding="utf-8")
    skipped: list[str] = []
    items = list(read_source(str(tmp_path), max_bytes=1 << 20, on_skip=skipped.append))
    assert [type(item) for item in items] == [Article]
    assert items[0].title == "عنوان الخبر الأول هنا"
    assert skipped == [str(tmp_path / "SOURCE.md")]


def test_a_folder_of_nothing_readable_is_a_problem_and_each_file_is_skipped(tmp_path):
    (tmp_path / "SOURCE.md").write_text("# notes\n", encoding="utf-8")
    skipped: list[str] = []
    items = list(read_source(str(tmp_path), max_bytes=1 << 20, on_skip=skipped.append))
    assert len(items) == 1 and isinstance(items[0], Problem) and "1 skipped" in items[0].why
    assert skipped == [str(tmp_path / "SOURCE.md")]


def test_a_file_named_on_its_own_is_read_whatever_its_name(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(DUMP, encoding="utf-8")
    items = list(read_source(str(path), max_bytes=1 << 20))
    assert [type(item) for item in items] == [Article]
