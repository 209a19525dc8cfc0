"""Bytes to text for Arabic inputs: UTF-8 (with or without BOM), Windows-1256 or ISO-8859-6.

The order of trust, and why:

1. A byte-order mark is certain.
2. Bytes that decode as strict UTF-8 *are* UTF-8: a legacy single-byte Arabic
   text essentially never forms valid multi-byte sequences by accident. A page
   that declares ``windows-1256`` but is valid UTF-8 was mislabelled, and
   believing the label would garble it.
3. Mostly-UTF-8 bytes with a few broken sequences (a truncated download, a
   bad splice) stay UTF-8, the broken bytes replaced by U+FFFD.
4. A declared encoding other than Latin-1, Windows-1252 or one of the two
   Arabic code pages is believed when it decodes without a broken byte.
5. Otherwise the candidates (the declared encoding, Windows-1256,
   ISO-8859-6) are each decoded and scored: Arabic letters inside Arabic
   words count for, control characters, replacement characters and words
   mixing Arabic and Latin letters (the look of mojibake) count against.
   Ties go to the declared encoding.
6. Text with no Arabic at all under any candidate is not Arabic: it is read
   with its declared encoding, or else as Windows-1252, the web's most common
   legacy encoding (guessing among all the world's encodings from a short
   text is wrong too often to be worth it).

Nothing here raises on bad bytes: :class:`Decoded` says how many were replaced.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ARABIC_FALLBACKS = ("cp1256", "iso8859-6")
# Labels Arabic sites are often wrong about (a server default of Latin-1, the
# wrong one of the two Arabic code pages): scored against the alternatives
# rather than believed. Any other label that decodes cleanly is believed.
_SCORED_LABELS = frozenset({"utf-8", "ascii", "latin-1", "iso8859-1", "cp1252", *_ARABIC_FALLBACKS})
_SNIFF_BYTES = 4096
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_ARABIC_LETTER = "[\u0621-\u064a\u0671-\u06d3\u06fa-\u06fc]"
_ARABIC_WORD = re.compile(f"{_ARABIC_LETTER}{{2,}}")
_MIXED_WORD = re.compile(f"(?:[A-Za-z\u00c0-\u024f]{_ARABIC_LETTER}|{_ARABIC_LETTER}[A-Za-z\u00c0-\u024f])")
_NOISE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
# Broken UTF-8 sequences tolerated per valid non-ASCII character before the bytes are judged not UTF-8.
_UTF8_ERROR_RATIO = 0.25


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding chosen, and how many characters stand for undecodable bytes."""

    text: str
    encoding: str
    replaced: int = 0

    @property
    def clean(self) -> bool:
        return self.replaced == 0


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` is an outside label (an HTTP charset), weaker than the bytes themselves.

    Without ``declared``, an XML prolog or an HTML ``<meta charset>`` in the
    first 4 KB is used as the label.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data[len(bom) :], encoding)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    as_utf8 = _decode_with(data, "utf-8")
    valid_non_ascii = sum(1 for ch in as_utf8.text if ord(ch) > 0x7F) - as_utf8.replaced
    if valid_non_ascii > 0 and as_utf8.replaced <= valid_non_ascii * _UTF8_ERROR_RATIO:
        return as_utf8
    label = _codec_name(declared) or declared_encoding(data)
    if label and label not in _SCORED_LABELS:
        labelled = _decode_with(data, label)
        if labelled.replaced == 0 and not _NOISE.search(labelled.text):
            return labelled
    candidates = [label] if label and label not in ("utf-8", *_ARABIC_FALLBACKS) else []
    candidates += list(_ARABIC_FALLBACKS)
    decoded = [_decode_with(data, name) for name in candidates]
    if not any(_ARABIC_WORD.search(d.text) for d in decoded):
        return decoded[0] if candidates[0] == label else _decode_with(data, "cp1252")
    return max(decoded, key=_score)  # max keeps the first of equals: the declared label wins ties


def decode_bytes(data: bytes) -> str:
    """Text of ``data`` in whichever of UTF-8, Windows-1256 or ISO-8859-6 it is; never raises."""
    return decode(data).text


def declared_encoding(data: bytes) -> str | None:
    """The encoding an XML prolog or HTML ``<meta>`` declares in the first 4 KB, if Python knows it."""
    head = data[:_SNIFF_BYTES]
    match = _XML_DECLARATION.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    return _codec_name(match.group(1).decode("ascii", "replace"))


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def _decode_with(data: bytes, encoding: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    return Decoded(text, encoding, text.count("\ufffd"))


def _score(decoded: Decoded) -> int:
    text = decoded.text
    arabic = sum(len(word) for word in _ARABIC_WORD.findall(text))
    penalty = len(_NOISE.findall(text)) + len(_MIXED_WORD.findall(text))
    return arabic - 3 * penalty
