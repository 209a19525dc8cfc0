"""The one door: files, folders, URLs and stdin; the right reader picked; every failure a Problem."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import httpx
import pytest

from mawjaz.ingest import read_source, sniff_format
from mawjaz.ingest.record import Article, Problem

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
DUMP = FIXTURES / "dumps" / "two_articles_with_tt_marker_deck_and_doubled_captions.txt"
FEED = FIXTURES / "feeds" / "rss_full_text_in_content_encoded.xml"
PAGE = FIXTURES / "pages" / "article_with_metadata_figcaption_and_share_widgets.html"
JSONL = FIXTURES / "jsonl" / "three_good_records_and_one_broken_line.jsonl"
MB = 1024 * 1024


def _read(source: str | Path, fmt: str = "auto", **options) -> list[Article | Problem]:
    options.setdefault("max_bytes", 5 * MB)
    return list(read_source(str(source), fmt, **options))


def _titles(items: list[Article | Problem]) -> list[str]:
    return [item.title for item in items if isinstance(item, Article)]


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """A folder with one input of each shape, a hidden file and a file of no format Mawjaz reads.

    A folder is read only for the extensions Mawjaz knows (a SOURCE.md beside a corpus is
    not news); ``.xml`` says nothing of feed or page, so that one is sniffed.
    """
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(DUMP, folder / "a_dump.txt")
    shutil.copy(FEED, folder / "b_feed.xml")
    shutil.copy(PAGE, folder / "sub" / "c_page.htm")
    shutil.copy(JSONL, folder / "sub" / "d_records.jsonl")
    (folder / "SOURCE.md").write_text("# مصدر المدونة\n\nالترخيص: للبحث فقط.\n", encoding="utf-8")
    (folder / ".hidden").write_text("عنوان مخفي\n\nنص لا يقرأ.", encoding="utf-8")
    return folder


def test_a_folder_is_read_recursively_in_sorted_order_each_file_by_its_own_reader(mixed_folder: Path):
    items = _read(mixed_folder)
    sources = [item.source for item in items if isinstance(item, Article)]
    assert sources[:2] == ["a_dump", "a_dump"]  # two articles in the dump
    assert sources[2] == "وكالة الأنباء التجريبية"  # the feed
    assert sources[3] == "صحيفة الساحل"  # the page
    assert sources[4:] == ["nabaa", "nabaa", "d_records"]  # the JSONL records
    assert [p.where.rsplit(":", 1)[1] for p in items if isinstance(p, Problem)] == ["3"]
    assert "عنوان مخفي" not in _titles(items)


@pytest.mark.parametrize(
    ("head", "name", "content_type", "expected"),
    [
        (b'{"id": 1}', "", "", "jsonl"),
        (b'[\n  {"id": 1}]', "", "", "jsonl"),
        ("[عاجل] عنوان\n\nنص".encode(), "", "", "dump"),
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', "", "", "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "", "", "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', "", "", "feed"),
        (b"<!DOCTYPE html><html><body>", "", "", "page"),
        (b"<div>fragment</div>", "", "", "page"),
        ("عنوان\n\nنص".encode(), "", "", "dump"),
        (b"anything", "x.jsonl", "", "jsonl"),
        (b"anything", "x.HTML", "", "page"),
        (b"<rss>", "x.txt", "", "dump"),
        (b"<html>", "", "application/rss+xml", "feed"),
        (b"plain", "", "text/html", "page"),
    ],
)
def test_the_format_is_sniffed_from_extension_media_type_then_content(head, name, content_type, expected):
    assert sniff_format(head, name, content_type) == expected


def test_a_forced_format_overrides_sniffing(tmp_path: Path):
    path = tmp_path / "article.html"
    path.write_text("عنوان الخبر\n\nنص الخبر كما هو.", encoding="utf-8")
    assert _titles(_read(path, "dump")) == ["عنوان الخبر"]


def test_an_unknown_format_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown format"):
        _read(DUMP, "pdf")


def test_a_20_mb_page_is_refused_with_its_size_and_the_limit(tmp_path: Path):
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(20 * MB)  # sparse: the refusal must come from the size, not from reading it
    (item,) = _read(path)
    assert item == Problem(str(path), "huge.html is 20.0 MB, over the 5 MB limit")


def test_a_jsonl_file_over_the_limit_is_streamed_and_only_long_lines_refused(tmp_path: Path):
    path = tmp_path / "corpus.jsonl"
    record = '{"id": %d, "title": "عنوان %d", "text": "%s"}\n'
    with path.open("w", encoding="utf-8") as handle:
        for n in range(40):
            handle.write(record % (n, n, "نص الخبر. " * (300 if n == 7 else 5)))
    items = _read(path, max_bytes=2048)
    assert path.stat().st_size > 2048
    assert len([i for i in items if isinstance(i, Article)]) == 39
    (problem,) = [i for i in items if isinstance(i, Problem)]
    assert problem.where.endswith(":8") and problem.why == "line 8 is over the 2 KB limit"


def test_an_empty_file_is_a_problem(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _read(path) == [Problem(str(path), "the file is empty")]


def test_a_whitespace_only_file_is_a_problem(tmp_path: Path):
    path = tmp_path / "blank.html"
    path.write_bytes(b"  \n\n ")
    (item,) = _read(path)
    assert isinstance(item, Problem) and "empty" in item.why


def test_a_missing_file_is_a_problem_and_the_batch_goes_on(tmp_path: Path):
    items = _read(tmp_path / "nope.txt") + _read(DUMP)
    assert items[0] == Problem(str(tmp_path / "nope.txt"), "no such file or folder")
    assert len(_titles(items)) == 2


def test_an_empty_folder_is_a_problem(tmp_path: Path):
    assert _read(tmp_path) == [Problem(str(tmp_path), "the folder holds no files")]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1256"])
def test_a_dump_file_in_another_encoding_reads_the_same(tmp_path: Path, encoding: str):
    path = tmp_path / "dump.txt"
    path.write_bytes(DUMP.read_text(encoding="utf-8").encode(encoding))
    assert _titles(_read(path)) == _titles(_read(DUMP))


def test_undecodable_bytes_do_not_stop_the_read(tmp_path: Path):
    path = tmp_path / "broken.txt"
    path.write_bytes("عنوان الخبر\n\nنص ".encode() + b"\xff\xfe\xfa" + "الخبر المكسور.".encode())
    (article,) = _read(path)
    assert isinstance(article, Article) and article.title == "عنوان الخبر"


def test_stdin_is_read_when_the_source_is_a_dash():
    items = _read("-", stdin=io.BytesIO(JSONL.read_bytes()))
    assert len(_titles(items)) == 3
    assert all(isinstance(i, Problem) or i.source in ("nabaa", "stdin") for i in items)


def test_stdin_over_the_limit_is_refused():
    (item,) = _read("-", stdin=io.BytesIO(b"x" * 3000), max_bytes=1024)
    assert item == Problem("-", "standard input is over the 1 KB limit")


def _site(routes: dict[str, tuple[int, bytes, str]]) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        status, body, kind = routes.get(str(request.url), (404, b"", "text/plain"))
        return httpx.Response(status, content=body, headers={"Content-Type": kind})

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_urls_are_fetched_and_read_by_media_type():
    client = _site(
        {
            "https://site.example/a": (200, PAGE.read_bytes(), "text/html; charset=utf-8"),
            "https://site.example/rss": (200, FEED.read_bytes(), "application/rss+xml"),
        }
    )
    (page,) = _read("https://site.example/a", client=client)
    (entry,) = _read("https://site.example/rss", client=client)
    assert isinstance(page, Article) and page.url == "https://site.example/a"
    assert isinstance(entry, Article) and entry.source == "وكالة الأنباء التجريبية"


def test_a_failing_url_is_a_problem_naming_it():
    (item,) = _read("https://site.example/missing", client=_site({}))
    assert item.where == "https://site.example/missing"
    assert "HTTP 404" in item.why


def test_a_url_over_the_limit_is_a_problem():
    client = _site({"https://site.example/big": (200, b"x" * 4096, "text/html")})
    (item,) = _read("https://site.example/big", client=client, max_bytes=1024)
    assert isinstance(item, Problem) and "over the 1 KB limit" in item.why


def test_a_url_read_as_a_feed_polls_it(tmp_path: Path):
    client = _site({"https://site.example/rss": (200, FEED.read_bytes(), "text/xml")})
    assert len(_titles(_read("https://site.example/rss", "feed", client=client))) == 1


def test_the_guard_can_refuse_a_url():
    def guard(url: str) -> None:
        from mawjaz.errors import IngestError

        raise IngestError(f"{url} is not allowed")

    (item,) = _read("https://site.example/a", client=_site({}), guard=guard)
    assert item == Problem("https://site.example/a", "https://site.example/a is not allowed")
