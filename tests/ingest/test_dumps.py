"""Text dumps: articles split, headline found, junk dropped, captions kept as metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mawjaz.ingest.clean import is_junk_line
from mawjaz.ingest.decode import decode_bytes
from mawjaz.ingest.dumps import read_dump, split_articles
from mawjaz.ingest.record import Article, Problem
from mawjaz.text import normalise
from mawjaz.text.captions import is_caption

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

DUMPS = sorted((FIXTURES / "dumps").glob("*.txt"))
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _articles(path: Path) -> list[Article]:
    items = list(read_dump(decode_bytes(path.read_bytes()), str(path)))
    assert all(isinstance(item, Article) for item in items), items
    return items  # type: ignore[return-value]


def _assert_no_junk_in_body(article: Article) -> None:
    for line in article.body.split("\n\n"):
        assert line.strip() == line and line, article.body
        assert not is_junk_line(line), line
        assert not is_caption(line), line
        assert line not in article.captions, line
        assert normalise(line) != normalise(article.title), line
        assert line != "TT"


@pytest.mark.parametrize("path", DUMPS, ids=lambda p: p.stem)
def test_fixture_dump_gives_the_expected_articles(path: Path):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))["articles"]
    articles = _articles(path)
    assert len(articles) == len(expected)
    for article, want in zip(articles, expected, strict=True):
        paragraphs = article.body.split("\n\n")
        assert article.title == want["title"]
        assert article.subtitle == want["subtitle"]
        assert list(article.captions) == want["captions"]
        assert len(paragraphs) == want["paragraphs"]
        assert paragraphs[0].startswith(want["body_starts_with"])
        assert paragraphs[-1].endswith(want["body_ends_with"])
        _assert_no_junk_in_body(article)


def test_source_is_the_file_stem_and_external_id_counts_articles(fixtures: Path):
    path = fixtures / "dumps" / "two_articles_with_tt_marker_deck_and_doubled_captions.txt"
    first, second = _articles(path)
    assert first.source == second.source == path.stem
    assert (first.external_id, second.external_id) == (f"{path.stem}#1", f"{path.stem}#2")


def test_same_story_with_different_page_furniture_normalises_to_one_body(fixtures: Path):
    (a,) = _articles(fixtures / "dumps" / "same_story_printed_by_site_a.txt")
    (b,) = _articles(fixtures / "dumps" / "same_story_printed_by_site_b_with_widgets.txt")
    assert normalise(a.body) == normalise(b.body)
    assert a.external_id != b.external_id


def test_articles_are_split_only_at_three_empty_lines():
    text = "عنوان أول\n\nفقرة أولى من الخبر.\n\n\nفقرة ثانية بعد سطرين فارغين.\n\n\n\nعنوان ثان\nفقرة الخبر الثاني."
    pieces = split_articles(text)
    assert [piece[0] for piece in pieces] == ["عنوان أول", "عنوان ثان"]


def test_a_line_holding_only_a_no_break_space_does_not_split_an_article():
    text = "عنوان الخبر\n\n0\n\n\u00a0\n\nنص الخبر الكامل هنا."
    assert len(split_articles(text)) == 1


def test_windows_line_endings_and_a_bom_read_like_plain_newlines():
    text = "\ufeffعنوان الخبر\r\n\r\nنص الخبر الأول.\r\n\r\n\r\n\r\nعنوان آخر\r\nنص آخر."
    titles = [item.title for item in read_dump(text, "crlf.txt")]
    assert titles == ["عنوان الخبر", "عنوان آخر"]


def test_a_blank_dump_is_one_problem():
    assert read_dump("\n\n   \n", "blank.txt").__next__() == Problem("blank.txt", "no article found: the text is blank")


def test_an_article_with_a_headline_and_only_junk_is_a_problem():
    (item,) = read_dump("عنوان بلا نص\n\nTT\n\n0\n\nاترك تعليق\n", "junk.txt")
    assert isinstance(item, Problem)
    assert "no body text" in item.why


def test_html_in_a_dump_headline_is_stripped_with_its_script():
    (item,) = read_dump("<b>عنوان</b> الخبر<script>alert('x')</script>\n\nنص الخبر.", "html.txt")
    assert isinstance(item, Article)
    assert item.title == "عنوان الخبر"


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859-6"])
def test_a_dump_in_a_legacy_arabic_code_page_reads_like_utf8(fixtures: Path, encoding: str):
    path = fixtures / "dumps" / "body_paragraph_ending_in_parentheses_is_kept.txt"
    text = path.read_text(encoding="utf-8")
    assert list(read_dump(decode_bytes(text.encode(encoding)), str(path))) == list(read_dump(text, str(path)))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the real seed dumps live outside the repository")
def test_the_five_seed_dumps_give_six_distinct_articles_and_the_assad_statement_three_times():
    articles = [article for path in sorted(SEEDS.glob("*.txt")) for article in _articles(path)]
    bodies = [normalise(article.body) for article in articles]
    assert len(articles) == 8
    assert len(set(bodies)) == 6
    assad = [a for a in articles if a.title.startswith("بيان منسوب لبشار الأسد")]
    assert [a.source[:3] for a in assad] == ["000", "001", "002"]
    assert len({normalise(a.body) for a in assad}) == 1
    first_of_000 = next(a for a in articles if a.source.startswith("000_"))
    only_of_004 = next(a for a in articles if a.source.startswith("004_"))
    assert normalise(first_of_000.body) != normalise(only_of_004.body)
    for article in articles:
        _assert_no_junk_in_body(article)
        assert not any(line.strip() in ("0", "TT") for line in article.body.splitlines())


_LINES = st.sampled_from(
    [
        "TT",
        "0",
        "",
        "",
        "",
        "\u00a0",
        "اترك تعليق",
        "مشاركة المقال !",
        "صورة الوزير في المؤتمر (أ.ب)",
        "عنوان الخبر الرئيسي",
        "فقرة من نص الخبر فيها كلام مفيد.",
        "فقرة أخرى تكمل الخبر وتشرحه.",
        "<b>غامق</b>",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=40))
def test_any_arrangement_of_lines_gives_clean_articles_or_problems(lines: list[str]):
    for item in read_dump("\n".join(lines), "random.txt"):
        if isinstance(item, Article):
            assert item.title and item.body
            assert "<" not in item.title
            _assert_no_junk_in_body(item)
