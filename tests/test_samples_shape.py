"""The bundled samples keep the shape `mawjaz demo` relies on.

These checks read the files directly (no reader from ``mawjaz.ingest``): they say
that each sample parses, carries the junk it is meant to exercise, and that the
two showcase stories (a wire story republished word for word, and داعش named
three ways) are still there.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib.resources import files
from pathlib import Path

import pytest

SAMPLES = Path(str(files("mawjaz") / "samples"))
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
EARLIEST = datetime(2026, 11, 19, tzinfo=UTC)
LATEST = datetime(2026, 11, 23, tzinfo=UTC)
ARTICLE_SEPARATOR = "\n\n\n\n"  # three blank lines
CAPTION = re.compile(r"\([^()]+\)$")  # a photo caption ends with its agency in parentheses

DUMPS = sorted((SAMPLES / "dumps").glob("*.txt"))
FEEDS = sorted((SAMPLES / "feeds").glob("*.xml"))
PAGES = sorted((SAMPLES / "pages").glob("*.html"))
JSONLS = sorted((SAMPLES / "jsonl").glob("*.jsonl"))


def _dump_articles(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    return [chunk.split("\n") for chunk in text.split(ARTICLE_SEPARATOR)]


def _jsonl_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _feed_entries(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()
    return root.findall("./channel/item") or root.findall(f"{ATOM}entry")


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_every_input_shape_has_samples():
    assert 2 <= len(DUMPS) <= 3
    assert any(_feed_entries(p) and ET.parse(p).getroot().tag == "rss" for p in FEEDS)
    assert 2 <= len(PAGES) <= 3
    assert JSONLS


def test_samples_hold_between_15_and_30_articles():
    total = (
        sum(len(_dump_articles(p)) for p in DUMPS)
        + sum(len(_feed_entries(p)) for p in FEEDS)
        + len(PAGES)
        + sum(len(_jsonl_records(p)) for p in JSONLS)
    )
    assert 15 <= total <= 30


@pytest.mark.parametrize("path", DUMPS, ids=lambda p: p.name)
def test_each_dump_article_has_tt_marker_and_a_caption_printed_twice(path):
    for lines in _dump_articles(path):
        headline = lines[0].strip()
        assert "TT" in lines
        assert lines.count(headline) >= 2, "the headline is repeated after TT"
        captions = [line for line in lines if CAPTION.search(line)]
        assert any(captions.count(c) >= 2 for c in captions), "a caption printed twice"


def test_dumps_carry_share_and_comment_widgets_and_a_lone_counter():
    lines = [line for path in DUMPS for article in _dump_articles(path) for line in article]
    assert "مشاركة المقال !" in lines
    assert "اترك تعليق" in lines
    assert "0" in lines
    assert any(line.startswith("هذا الموقع يستخدم Akismet") for line in lines)


@pytest.mark.parametrize("path", FEEDS, ids=lambda p: p.name)
def test_each_feed_is_well_formed_with_dated_linked_entries(path):
    entries = _feed_entries(path)
    assert entries
    for entry in entries:
        if entry.tag == "item":
            title, link, guid = entry.findtext("title"), entry.findtext("link"), entry.findtext("guid")
            published = parsedate_to_datetime(entry.findtext("pubDate"))
            body = entry.findtext(CONTENT) or entry.findtext("description")
        else:
            title, guid = entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}id")
            link = entry.find(f"{ATOM}link").get("href")
            published = datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
            body = entry.findtext(f"{ATOM}content")
        assert title and guid and body
        assert link.startswith("https://example-news.test/")
        assert EARLIEST <= published <= LATEST


def test_one_feed_title_carries_html_and_an_entity():
    titles = [e.findtext("title") or "" for p in FEEDS for e in _feed_entries(p)]
    assert any("<b>" in t and "&amp;" in t for t in titles)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_each_page_is_an_rtl_arabic_article_with_metadata(path):
    page = path.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    for marker in (
        "<article",
        "<h1",
        'property="og:title"',
        'property="og:site_name"',
        'name="author"',
        "<time",
        'datetime="2026-11-2',
        "<nav",
        "<footer",
        'id="comments"',
    ):
        assert marker in page, marker


@pytest.mark.parametrize("path", JSONLS, ids=lambda p: p.name)
def test_each_jsonl_line_is_an_article_record(path):
    for record in _jsonl_records(path):
        assert {"id", "title", "text"} <= record.keys()
        assert all(isinstance(record[k], str) and record[k] for k in ("id", "title", "text"))
        if "date" in record:
            assert re.fullmatch(r"202611(19|2[0-3])", record["date"])


def test_wire_story_appears_word_for_word_in_dump_feed_and_jsonl():
    wire = next(r for p in JSONLS for r in _jsonl_records(p) if r["id"] == "WAA-politics-0412-20261120")
    body = _paragraphs(wire["text"])
    dump_bodies = [a for p in DUMPS for a in _dump_articles(p) if all(par in a for par in body)]
    feed_bodies = [
        e for p in FEEDS for e in _feed_entries(p) if all(par in (e.findtext(CONTENT) or "") for par in body)
    ]
    assert dump_bodies and feed_bodies


def test_isis_is_named_three_ways_across_samples():
    everything = "\n".join(p.read_text(encoding="utf-8-sig") for p in [*DUMPS, *FEEDS, *PAGES, *JSONLS])
    for naming in ("داعش", "لداعش", "بداعش", "تنظيم الدولة", "الدولة الإسلامية"):
        assert naming in everything, naming


def test_readme_describes_every_sample_file():
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for path in [*DUMPS, *FEEDS, *PAGES, *JSONLS]:
        assert path.name in readme, path.name
