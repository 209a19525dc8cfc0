"""Article web pages: trafilatura finds the article; metadata, captions and junk are handled as everywhere."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mawjaz.ingest.pages import read_page
from mawjaz.ingest.record import Article, Problem

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "pages"
URL = "https://www.sahel.example/economy/desalination"


def _read(name: str, *, encoding: str | None = None, url: str | None = URL) -> list[Article | Problem]:
    path = FIXTURES / name
    text = path.read_text(encoding="utf-8")
    data = text.encode(encoding) if encoding else text
    return list(read_page(data, str(path), url=url))


def test_article_page_gives_title_body_date_author_site_and_captions():
    (article,) = _read("article_with_metadata_figcaption_and_share_widgets.html")
    assert isinstance(article, Article)
    assert article.title == "افتتاح أكبر محطة لتحلية المياه في الساحل الشرقي"
    assert article.body.count("\n\n") == 3  # four paragraphs
    assert article.body.startswith("افتتح وزير الطاقة أمس")
    assert article.author == "خالد المنصوري"
    assert article.site_name == article.source == "صحيفة الساحل"
    assert article.published == datetime(2024, 5, 4, 15, 45, tzinfo=UTC)
    assert article.url == URL
    assert article.abstract == "المحطة تنتج ستمئة ألف متر مكعب يومياً."
    assert article.captions == ("جانب من محطة التحلية الجديدة (واس)",)
    assert article.language == "ar"


def test_share_widgets_counters_footer_and_scripts_stay_out_of_the_body():
    (article,) = _read("article_with_metadata_figcaption_and_share_widgets.html")
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4
    for junk in ("©", "analytics", "الرئيسية", "جانب من محطة التحلية"):
        assert junk not in article.body
    assert not any(p.startswith("شارك") or p == "0" for p in paragraphs)


def test_a_page_with_only_navigation_is_a_problem():
    (item,) = _read("page_with_navigation_only_and_no_article.html")
    assert isinstance(item, Problem)
    assert "no article text" in item.why
    assert item.where == URL


def test_a_script_tag_in_the_page_title_is_removed_with_its_content():
    (article,) = _read("title_with_escaped_script_tag.html")
    assert isinstance(article, Article)
    assert article.title == "إغلاق الطريق الساحلي بسبب الأمطار"


def test_without_a_url_the_source_is_the_file_name():
    (article,) = _read("title_with_escaped_script_tag.html", url=None)
    assert isinstance(article, Article)
    assert article.source == "title_with_escaped_script_tag"
    assert article.url is None


@pytest.mark.parametrize("encoding", ["utf-8", "cp1256"])
def test_page_bytes_decode_whatever_the_meta_charset_says(encoding: str):
    # The fixture declares utf-8: for the cp1256 bytes that label is wrong and must not garble them.
    (article,) = _read("title_with_escaped_script_tag.html", encoding=encoding)
    assert isinstance(article, Article)
    assert article.title == "إغلاق الطريق الساحلي بسبب الأمطار"


def test_a_windows_1256_page_that_says_so_reads_right():
    html = (
        (FIXTURES / "title_with_escaped_script_tag.html")
        .read_text(encoding="utf-8")
        .replace('charset="utf-8"', 'charset="windows-1256"')
    )
    (article,) = read_page(html.encode("cp1256"), "cp1256.html")
    assert isinstance(article, Article)
    assert article.body.startswith("أغلقت السلطات المحلية")


def test_deeply_nested_html_is_a_problem_not_a_crash():
    deep = "<html><body>" + "<div>" * 100_000 + "<p>نص عميق</p>" + "</div>" * 100_000 + "</body></html>"
    (item,) = read_page(deep, "deep.html")
    assert isinstance(item, Problem)


@pytest.mark.parametrize("data", [b"", b"   \n", b""], ids=["empty", "blank", "empty-str"])
def test_an_empty_page_is_a_problem(data: bytes):
    (item,) = read_page(data, "empty.html")
    assert item == Problem("empty.html", "the page is empty")


def test_binary_garbage_is_a_problem_not_a_crash():
    items = list(read_page(bytes(range(256)) * 64, "garbage.bin"))
    assert len(items) == 1 and isinstance(items[0], Problem)
