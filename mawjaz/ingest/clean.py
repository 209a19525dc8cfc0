"""Cleaning shared by every reader: HTML out of titles, whitespace collapsed, page junk recognised.

Each reader finds articles its own way, but they all end here, so a title
holds no ``<b>`` nor ``<script>`` body whichever door it came in by, and a
share button is junk in a dump and in a page alike. :func:`build_article` is
the last step of every reader: it cleans the fields and turns an article with
no title or no body into a :class:`Problem` instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import PurePath
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from mawjaz.ingest.record import Article, Problem
from mawjaz.text import normalise
from mawjaz.text.outlets import display_name

# C0 controls but tab and newline, DEL, C1 controls: only mis-decoded bytes put them in text.
_CONTROLS = re.compile(r"[\x00-\x08\x0B-\x1F\x7F-\x9F]")
_SPACES = re.compile(r"\s+")
# Column sizes of the stored copy (mawjaz/storage/models.py): longer values are cut here, once,
# so that SQLite (which would store them) and PostgreSQL (which would refuse) behave alike.
_FIELD_LIMITS = {"source": 512, "external_id": 512, "author": 512, "site_name": 512, "source_name": 512}
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,4})?$")
_TAG_LIKE = re.compile(r"<[A-Za-z!/?]")
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "form", "button")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figure footer h1 h2 h3 h4 h5 h6 header hr li main "
    "nav ol p pre section table tbody td th thead tr ul".split()
)


# Widgets printed around an article: share and comment buttons, "read more", counters.
_WIDGETS = frozenset(
    normalise(text)
    for text in (
        "مشاركة المقال",
        "شارك المقال",
        "شارك الخبر",
        "شارك",
        "مشاركة",
        "شارك على فيسبوك",
        "شارك على تويتر",
        "اترك تعليق",
        "اترك تعليقا",
        "اترك رد",
        "اترك ردا",
        "أضف تعليق",
        "أضف تعليقك",
        "التعليقات",
        "تعليقات",
        "لا توجد تعليقات",
        "اقرأ أيضا",
        "اقرأ المزيد",
        "المزيد",
        "طباعة",
        "تابعونا",
        "تابعنا",
        "إعلان",
        "share",
        "share this",
        "tweet",
        "print",
        "comments",
        "leave a comment",
        "leave a reply",
        "read more",
        "advertisement",
    )
)
_JUNK_PHRASES = ("akismet", "جميع الحقوق محفوظه", "all rights reserved", "copyright", "©")
_MAX_JUNK_PHRASE_WORDS = 25
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
TT_MARKER = "TT"


def collapse(text: str) -> str:
    """One line of display text: control characters gone, every run of whitespace one space."""
    return _SPACES.sub(" ", _CONTROLS.sub("", text)).strip()


def strip_html(fragment: str) -> str:
    """The text of an HTML fragment: tags gone, ``<script>``/``<style>`` gone with their content, entities decoded."""
    fragment = _CONTROLS.sub("", fragment)  # lxml refuses strings with control characters (ValueError)
    if not _TAG_LIKE.search(fragment):
        return html.unescape(fragment)
    root = _parse_fragment(fragment)
    if root is None:
        return html.unescape(re.sub(r"<[^>]*>", " ", fragment))
    _drop(root)
    return root.text_content()


def clean_title(raw: str | None) -> str:
    """A title fit for display: no HTML, no control characters, one line."""
    return collapse(strip_html(raw or ""))


def text_paragraphs(text: str) -> list[str]:
    """Plain text to paragraphs: one per non-empty line, each collapsed."""
    return [line for line in (collapse(raw) for raw in text.splitlines()) if line]


def html_paragraphs(fragment: str) -> tuple[list[str], list[str]]:
    """HTML to ``(paragraphs, captions)``: block elements break paragraphs, ``<figcaption>`` text is a caption.

    Walks the tree without recursion, so a deeply nested page cannot exhaust the stack.
    """
    fragment = _CONTROLS.sub("", fragment)
    if not _TAG_LIKE.search(fragment):
        return text_paragraphs(html.unescape(fragment)), []
    root = _parse_fragment(fragment)
    if root is None:
        return text_paragraphs(strip_html(fragment)), []
    _drop(root)
    captions = []
    for figcaption in list(root.iter("figcaption")):
        captions.append(collapse(figcaption.text_content()))
        figcaption.drop_tree()
    pieces: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        is_element = isinstance(element.tag, str)
        block = is_element and element.tag.lower() in _BLOCK_TAGS
        if event == "start":
            if block:
                pieces.append("\n")
            if is_element and element.text:
                pieces.append(element.text)
        else:
            if block:
                pieces.append("\n")
            if element.tail and element is not root:
                pieces.append(element.tail)
    return text_paragraphs("".join(pieces)), [c for c in captions if c]


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Paragraphs as ``Article.body`` holds them: separated by one blank line."""
    return "\n\n".join(p for p in paragraphs if p)


def is_junk_line(line: str) -> bool:
    """Page furniture, not text: the lone ``TT`` marker, share/comment widgets, notices, bare counters.

    A line with no letter at all (``0``, ``12``, ``|``, ``...``) is a counter or a
    separator; no sentence of news is written without a letter.
    """
    line = collapse(line)
    if not line or line == TT_MARKER:
        return True
    if not any(ch.isalpha() for ch in line):
        return True
    key = normalise(line)
    if _EDGE_PUNCTUATION.sub("", key) in _WIDGETS:
        return True
    return len(key.split()) <= _MAX_JUNK_PHRASE_WORDS and any(phrase in key for phrase in _JUNK_PHRASES)


def build_article(where: str, *, title: str | None, body: str, source: str, **fields: object) -> Article | Problem:
    """The last step of every reader: clean the fields; no title or no body makes a Problem instead.

    ``body`` is paragraphs separated by newlines; each is collapsed and they are
    joined by blank lines. Optional text fields (subtitle, abstract, author,
    site name) are cleaned like titles and become ``None`` when empty.
    ``source_name``, the outlet's name as the input gives it (a JSONL
    ``source_name``), else the site name, else the outlets table, becomes
    the name a reader is shown (:func:`mawjaz.text.outlets.display_name`).
    """
    clean = clean_title(title)
    if not clean:
        return Problem(where, "no title")
    text = join_paragraphs(text_paragraphs(body))
    if not text:
        return Problem(where, f"«{clean}» has no body text")
    for name in ("subtitle", "abstract", "author", "site_name", "source_name"):
        if name in fields:
            fields[name] = clean_title(fields[name]) or None  # type: ignore[arg-type]
    given = fields.get("source_name") or fields.get("site_name")
    fields["source_name"] = display_name(given, collapse(source), fields.get("url"))  # type: ignore[arg-type]
    if "captions" in fields:
        captions = (clean_title(caption) for caption in fields["captions"])  # type: ignore[attr-defined]
        fields["captions"] = tuple(dict.fromkeys(caption for caption in captions if caption))
    for name, limit in _FIELD_LIMITS.items():  # the same record must fit every database alike
        value = fields.get(name)
        if isinstance(value, str) and len(value) > limit:
            fields[name] = value[:limit]
    if "language" in fields and not _LANGUAGE_TAG.match(str(fields["language"] or "")):
        del fields["language"]  # not a language tag: keep the default rather than store nonsense
    source = (collapse(source) or where)[: _FIELD_LIMITS["source"]]
    return Article(title=clean, body=text, source=source, **fields)  # type: ignore[arg-type]


def _parse_fragment(fragment: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _drop(root: lxml.html.HtmlElement) -> None:
    for element in list(root.iter(*_DROPPED_TAGS)):
        element.drop_tree()


def source_name(origin: str) -> str:
    """A short outlet name for an input: a URL's host, a file's stem (``000_ca76a3fd311ad556``), ``stdin`` for ``-``."""
    if origin == "-":
        return "stdin"
    if "://" in origin:
        host = urlsplit(origin).hostname or origin
        return host.removeprefix("www.")
    return PurePath(origin).stem or origin
