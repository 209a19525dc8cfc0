"""Article web pages: trafilatura finds the article in the page; this module makes it an Article.

trafilatura does the hard part (main-text detection, boilerplate removal,
metadata: title, date, author, site name), and has a public evaluation to
show for it. What is added here is what Mawjaz needs and trafilatura does not
do: the page's bytes decoded the Arabic way (:mod:`mawjaz.ingest.decode`), a
zone-aware publication time when the page states one, photo captions kept as
metadata, and the same junk-line filter as the dumps.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime

import trafilatura
from lxml import etree

from mawjaz.ingest.clean import (
    build_article,
    collapse,
    is_junk_line,
    source_name,
    text_paragraphs,
)
from mawjaz.ingest.dates import parse_date
from mawjaz.ingest.decode import decode
from mawjaz.ingest.record import Article, Problem
from mawjaz.text import normalise
from mawjaz.text.captions import is_caption

log = logging.getLogger(__name__)

# A page whose text has no paragraph this long is a menu, an index or an error page, not an article.
_MIN_SENTENCE_WORDS = 8
# Where pages state their publication time with its zone (trafilatura's own date keeps only the day).
_PUBLISHED_XPATH = (
    "//meta[@property='article:published_time' or @property='og:published_time'"
    " or @name='article:published_time' or @itemprop='datePublished' or @name='pubdate'"
    " or @name='publishdate' or @name='DC.date.issued' or @name='date']/@content"
    " | //time[@itemprop='datePublished']/@datetime"
)


def read_page(
    html: str | bytes, origin: str, url: str | None = None, *, charset: str | None = None
) -> Iterator[Article | Problem]:
    """The article in one web page, or a Problem saying why there is none.

    ``origin`` names the input in messages (a path or URL); ``url`` is the
    page's address when known, used for the article's URL and site name;
    ``charset`` is an outside label for ``bytes`` (an HTTP header).
    """
    where = url or origin
    text = decode(html, charset).text if isinstance(html, bytes) else html
    if not text.strip():
        yield Problem(where, "the page is empty")
        return
    try:
        tree = trafilatura.load_html(text)
    except (ValueError, etree.LxmlError) as exc:
        yield Problem(where, f"not an HTML page: {exc}")
        return
    if tree is None:
        yield Problem(where, "not an HTML page")
        return
    published = _stated_published(tree)
    captions = [collapse(node.text_content()) for node in tree.iter("figcaption")]
    language = (tree.get("lang") or "").split("-")[0].strip().lower()
    try:
        document = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, RecursionError, etree.LxmlError) as exc:  # deep or broken trees
        log.debug("trafilatura failed on %s", where, exc_info=True)
        yield Problem(where, f"the page could not be read: {exc.__class__.__name__}")
        return
    assert not isinstance(document, dict)  # as_dict is False: a Document or None
    if document is None or not (document.text or "").strip():
        yield Problem(where, "no article text found in the page")
        return
    title = document.title or ""
    body, in_text_captions = _body(document.text or "", title)
    if not any(len(paragraph.split()) >= _MIN_SENTENCE_WORDS for paragraph in body):
        yield Problem(where, "no article text found in the page (only menus or short fragments)")
        return
    yield build_article(
        where,
        title=title,
        body="\n".join(body),
        source=document.sitename or source_name(url or origin),
        url=url,
        published=published or parse_date(document.date),
        language=language if len(language) == 2 else "ar",
        author=document.author,
        site_name=document.sitename,
        abstract=document.description,
        captions=(*captions, *in_text_captions),
    )


def _body(text: str, title: str) -> tuple[list[str], list[str]]:
    """Paragraphs of trafilatura's text, without the headline it repeats, junk lines and captions."""
    title_key = normalise(title)
    body, captions = [], []
    for paragraph in text_paragraphs(text):
        if is_caption(paragraph):
            captions.append(paragraph)
        elif not is_junk_line(paragraph) and normalise(paragraph) != title_key:
            body.append(paragraph)
    return body, captions


def _stated_published(tree: etree._Element) -> datetime | None:
    try:
        values = tree.xpath(_PUBLISHED_XPATH)
    except etree.XPathError:
        return None
    if not isinstance(values, list):  # the expression selects nodes and strings, never a number or a boolean
        return None
    for value in values:
        moment = parse_date(str(value))
        if moment is not None:
            return moment
    return None
