"""Hostile input, fuzzed: every reader, given anything, yields clean Articles and Problems and never raises.

Inputs mix random Unicode with what attackers and broken sites actually
send: bidi controls, zero-width characters, NULs, ``<script>`` and other
markup in titles, entities, 10,000-character lines, truncation at any byte,
bytes in one encoding declared as another, gzip bytes where text was
expected, and deep nesting. The outcome for every case is a list of items
that pass :func:`fuzzkit.check_items`: no crash, and a Problem with a reason
wherever there is no clean article.
"""

from __future__ import annotations

import gzip
import html
import io
import json

from fuzzkit import fuzz, read_all, tried
from hypothesis import given
from hypothesis import strategies as st

from mawjaz.ingest import Problem, read_source
from mawjaz.ingest.dumps import read_dump
from mawjaz.ingest.feeds import read_feed
from mawjaz.ingest.jsonl import read_jsonl
from mawjaz.ingest.pages import read_page

MAX = 5 * 1024 * 1024
PIECES = [
    "\u202e", "\u202b", "\u2066", "\u2069", "\u200f", "\u200e", "\u061c", "\u200b", "\u200d", "\ufeff", "\x00",
    "\x1b[31m", "<script>alert(1)</script>", "<SCRIPT src=//evil.example/x.js></SCRIPT>", "<b>", "</i>",
    "<img src=x onerror=alert(1)>",
    "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&lt;script&gt;", "&#x202e;", "&nbsp;", "&bogus;", "&#0;", "\r\n", "\r",
    "\t", "\u2028", "\u00a0", "عاجل:", "الأمم المتحدة", "ـــــ", "\u064b\u0651", "١٢٣", "(أ.ب)", "TT", "مشاركة المقال",
    "x" * 10_000, "كلمة " * 2_000,
]  # fmt: skip
WORDS = "وزير الخارجية يلتقي نظيره في القاهرة لبحث العلاقات الثنائية والتطورات الإقليمية".split()

hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40), st.sampled_from(WORDS)), max_size=12).map(
    "".join
)
sentence = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PIECES[:20])), min_size=3, max_size=30).map(
    " ".join
)
ENCODINGS = ["utf-8", "cp1256", "iso8859-6", "utf-16", "latin-1"]
LABELS = [None, "utf-8", "windows-1256", "iso-8859-6", "iso-8859-1", "utf-16", "x-no-such-encoding", "koi8-r"]


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="xmlcharrefreplace" if encoding not in ("utf-8", "utf-16") else "surrogatepass")


def _mangle(data: bytes, cut: float | None, compress: bool) -> bytes:
    """Truncate at a fraction of the length, and/or gzip: what a broken download or a wrong server gives."""
    if cut is not None:
        data = data[: int(len(data) * cut)]
    return gzip.compress(data, mtime=0) if compress else data


def _read_bytes(data: bytes, fmt: str) -> list:
    return read_all(read_source("-", fmt, max_bytes=MAX, stdin=io.BytesIO(data)))


@fuzz(200)
@given(st.lists(st.one_of(hostile, sentence, st.just(""), st.just("\n\n\n")), max_size=40))
def test_the_dump_reader_survives_any_text(lines):
    tried("dump")
    read_all(read_dump("\n".join(lines), "fuzz.txt"))


@fuzz(120)
@given(st.binary(max_size=3000), st.sampled_from(["auto", "dump", "feed", "page", "jsonl"]), st.booleans())
def test_any_bytes_in_any_format_are_read_or_refused_never_raised(data, fmt, compress):
    tried("bytes")
    _read_bytes(gzip.compress(data, mtime=0) if compress else data, fmt)


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | hostile,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["title", "text", "id", "x"]), inner, max_size=4)
    ),
    max_leaves=12,
)
record = st.fixed_dictionaries(
    {"title": st.one_of(hostile, sentence)},
    optional={
        "text": st.one_of(hostile, sentence, json_value),
        "id": st.one_of(st.integers(), hostile, st.none(), st.lists(st.integers(), max_size=2)),
        "source": hostile, "url": st.one_of(hostile, st.just("javascript:alert(1)")), "author": hostile,
        "time": st.one_of(hostile, st.integers(), st.just("2026-13-45T99:99"), st.just("1970-01-01")),
        "language": hostile, "abstract": json_value,
    },
)  # fmt: skip
jsonl_line = st.one_of(
    record.map(lambda r: json.dumps(r, ensure_ascii=False)),
    record.map(lambda r: json.dumps(r)[: len(json.dumps(r)) // 2]),  # truncated
    json_value.map(json.dumps),  # valid JSON that is not an article
    hostile.filter(lambda line: "\n" not in line),
    st.just("[" * 50_000 + "]" * 50_000),
)


@fuzz(150)
@given(st.lists(jsonl_line, max_size=15))
def test_the_jsonl_reader_gives_one_item_per_line_whatever_the_line(lines):
    tried("jsonl")
    text = "\n".join(lines)
    items = read_all(read_jsonl(text, "fuzz.jsonl", max_line_bytes=MAX))
    if not items:  # a known bug ended the stream
        return
    records = sum(
        1
        for number, line in enumerate(io.StringIO(text), start=1)
        if (line.lstrip("\ufeff") if number == 1 else line).strip()
    )
    assert len(items) == max(records, 1)
    if records == 0:
        assert isinstance(items[0], Problem)


def _xml(text: str, escape: bool) -> str:
    return html.escape(text, quote=False) if escape else text


@st.composite
def feeds(draw) -> bytes:
    atom = draw(st.booleans())
    escape = draw(st.booleans())
    entries = []
    for number in range(draw(st.integers(0, 4))):
        title = _xml(draw(st.one_of(hostile, sentence)), escape)
        if draw(st.booleans()):
            title = f"<![CDATA[{draw(st.one_of(hostile, sentence))}]]>"
        body = _xml("".join(f"<p>{draw(sentence)}</p>" for _ in range(draw(st.integers(0, 4)))), escape)
        link = f"https://news.example/{number}"
        if atom:
            entries.append(
                f"<entry><title type='html'>{title}</title><link href='{link}'/><id>{link}</id>"
                f"<updated>{draw(hostile)}</updated><content type='html'>{body}</content></entry>"
            )
        else:
            entries.append(
                f"<item><title>{title}</title><link>{link}</link><pubDate>{draw(hostile)}</pubDate>"
                f"<description>{body}</description></item>"
            )
    label = draw(st.sampled_from(LABELS))
    prolog = f'<?xml version="1.0" encoding="{label}"?>' if label else ""
    doctype = draw(st.sampled_from(["", '<!DOCTYPE rss [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;">]>']))
    channel = _xml(draw(hostile), escape)
    if atom:
        root, end = "<feed xmlns='http://www.w3.org/2005/Atom'>", "</feed>"
    else:
        root, end = "<rss version='2.0'><channel>", "</channel></rss>"
    document = f"{prolog}{doctype}{root}<title>{channel}</title>{''.join(entries)}{end}"
    data = _encode(document, draw(st.sampled_from(ENCODINGS)))
    cut = draw(st.none() | st.floats(0, 1))
    return _mangle(data, cut, draw(st.integers(0, 9)) == 0)


@fuzz(100)
@given(feeds(), st.sampled_from(["auto", "feed"]))
def test_any_feed_malformed_truncated_or_mislabelled_is_read_or_refused(data, fmt):
    tried("feed")
    _read_bytes(data, fmt)
    read_all(read_feed(data, "fuzz.xml"))


@st.composite
def pages(draw) -> bytes:
    depth = draw(st.sampled_from([0, 1, 5, 50, 400, 3000]))
    label = draw(st.sampled_from(LABELS))
    meta = f'<meta charset="{label}">' if label else ""
    title = draw(st.one_of(hostile, sentence))
    paragraphs = "".join(f"<p>{draw(sentence)} {draw(hostile)}</p>" for _ in range(draw(st.integers(0, 6))))
    script = draw(st.sampled_from(["", "<script>document.write('<h1>fake</h1>')</script>", "<style>p{}</style>"]))
    document = (
        f"<!DOCTYPE html><html lang='{draw(st.sampled_from(['ar', 'en', '', 'x' * 300]))}'><head>{meta}"
        f"<title>{title}</title>{script}</head><body>{'<div>' * depth}<article><h1>{title}</h1>{paragraphs}"
        f"</article>{'</div>' * draw(st.sampled_from([0, depth]))}</body></html>"
    )
    data = _encode(document, draw(st.sampled_from(ENCODINGS)))
    cut = draw(st.none() | st.floats(0, 1))
    return _mangle(data, cut, draw(st.integers(0, 9)) == 0)


@fuzz(40)
@given(pages())
def test_any_page_deep_truncated_or_mislabelled_is_read_or_refused(data):
    tried("page")
    _read_bytes(data, "page")
    read_all(read_page(data, "fuzz.html"))
