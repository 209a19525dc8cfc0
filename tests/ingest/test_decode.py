"""Bytes to text: UTF-8 with or without BOM, Windows-1256, ISO-8859-6, labels believed only when right."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mawjaz.ingest.decode import declared_encoding, decode, decode_bytes

# Letters, digits and punctuation that exist in all three encodings (ISO-8859-6 has no «» nor ـ).
ARABIC = "أعلنت وزارة الصحة، اليوم الأحد، افتتاح 12 مستشفى جديدا في المحافظات الجنوبية؟ نعم.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8"),
        (ARABIC.encode("cp1256"), "cp1256"),
        (ARABIC.encode("iso8859-6"), "iso8859-6"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "windows-1256", "iso-8859-6", "utf16-bom"],
)
def test_arabic_text_decodes_exactly_in_each_encoding(data: bytes, encoding: str):
    decoded = decode(data)
    assert decoded.text == ARABIC
    assert decoded.encoding == encoding
    assert decoded.clean


def test_the_bom_is_not_part_of_the_text():
    assert not decode_bytes(codecs.BOM_UTF8 + "نص".encode()).startswith("\ufeff")


def test_windows_1256_only_characters_survive():
    text = "«الأمم المتحدة» تحذّر من المجاعة"
    assert decode_bytes(text.encode("cp1256")) == text


def test_invalid_bytes_in_utf8_are_replaced_and_counted_not_raised():
    data = ARABIC.encode("utf-8")
    cut = data.index(b" ")  # between two words, not inside a letter
    broken = data[:cut] + b"\xff\xfe" + data[cut:]
    decoded = decode(broken)
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == 2
    assert not decoded.clean
    assert decoded.text.replace("\ufffd", "") == ARABIC


def test_utf8_cut_in_the_middle_of_a_letter_keeps_the_rest():
    data = ARABIC.encode("utf-8")[:-2]  # the last letter is half there
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith(ARABIC[:40])


def test_random_bytes_never_raise():
    decoded = decode(bytes(range(256)) * 4)
    assert isinstance(decoded.text, str)


def test_empty_bytes_are_empty_text():
    assert decode(b"").text == ""


def test_a_wrong_declaration_does_not_garble_valid_utf8():
    data = ('<?xml version="1.0" encoding="windows-1256"?><rss><title>' + ARABIC + "</title></rss>").encode("utf-8")
    assert ARABIC in decode_bytes(data)


def test_a_right_declaration_is_used():
    data = ('<?xml version="1.0" encoding="iso-8859-6"?><rss><title>' + ARABIC + "</title></rss>").encode("iso8859-6")
    assert decode(data).encoding == "iso8859-6"


def test_arabic_mislabelled_as_latin1_is_still_read_as_arabic():
    data = ('<meta charset="iso-8859-1"><p>' + ARABIC + "</p>").encode("cp1256")
    assert ARABIC in decode_bytes(data)


def test_an_outside_label_such_as_an_http_charset_is_weighed_too():
    assert decode(ARABIC.encode("iso8859-6"), "iso-8859-6").encoding == "iso8859-6"


def test_a_declared_non_arabic_encoding_is_believed_when_it_decodes_cleanly():
    data = '<meta charset="koi8-r"><p>Привет</p>'.encode("koi8-r")
    assert "Привет" in decode_bytes(data)


def test_latin_text_that_is_not_utf8_falls_back_to_windows_1252():
    assert decode_bytes("Café crème à la française".encode("latin-1")) == "Café crème à la française"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0" encoding="windows-1256"?><rss/>', "cp1256"),
        (b"<html><head><meta charset='ISO-8859-6'></head>", "iso8859-6"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', "cp1256"),
        (b'<?xml version="1.0" encoding="no-such-codec"?>', None),
        (b"plain text", None),
    ],
)
def test_declared_encoding_is_read_from_the_xml_prolog_or_html_meta(head: bytes, expected: str | None):
    assert declared_encoding(head) == expected


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_without_raising(data: bytes):
    decoded = decode(data)
    assert isinstance(decoded.text, str) and decoded.replaced >= 0


_WORDS = st.sampled_from(
    "قال الوزير إن الحكومة ستعلن غدا عن خطة جديدة لدعم المزارعين في المناطق الريفية وأضاف أن الميزانية"
    " تشمل مشاريع للمياه والطرق والمدارس والمستشفيات بينما انتقدت المعارضة التأخير ظروف ضعف طويلة ذهب".split()
)


# Derandomised: a very short text in ISO-8859-6 and Windows-1256 can be truly ambiguous (about 1 in
# 40,000 six-word samples picks the wrong code page); CI must not turn red on such a draw.
@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(_WORDS, min_size=6, max_size=30, unique=True), st.sampled_from([" ", "، ", ". ", "\n"]))
def test_any_arabic_words_round_trip_through_both_code_pages(words: list[str], separator: str):
    text = separator.join(words)
    assert decode_bytes(text.encode("cp1256")) == text
    assert decode_bytes(text.encode("iso8859-6")) == text
