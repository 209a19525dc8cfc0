"""The one invisible-character set: every zero-width and bidi control goes, every visible character stays."""

from __future__ import annotations

import pytest

from mawjaz.text.invisible import INVISIBLE_CHARS, drop_invisible

DROPPED = [
    ("soft_hyphen", "\u00ad"),
    ("arabic_letter_mark", "\u061c"),
    ("zero_width_space", "\u200b"),
    ("zero_width_non_joiner", "\u200c"),
    ("zero_width_joiner", "\u200d"),
    ("left_to_right_mark", "\u200e"),
    ("right_to_left_mark", "\u200f"),
    ("left_to_right_embedding", "\u202a"),
    ("right_to_left_embedding", "\u202b"),
    ("pop_directional_formatting", "\u202c"),
    ("left_to_right_override", "\u202d"),
    ("right_to_left_override", "\u202e"),
    ("word_joiner", "\u2060"),
    ("invisible_plus", "\u2064"),
    ("left_to_right_isolate", "\u2066"),
    ("right_to_left_isolate", "\u2067"),
    ("first_strong_isolate", "\u2068"),
    ("pop_directional_isolate", "\u2069"),
    ("byte_order_mark", "\ufeff"),
]


@pytest.mark.parametrize("char", [c for _, c in DROPPED], ids=[name for name, _ in DROPPED])
def test_an_invisible_character_inside_a_word_is_dropped(char):
    assert drop_invisible(f"دا{char}عش") == "داعش"
    assert char in INVISIBLE_CHARS


KEPT = [
    ("arabic_with_tashkeel", "مُحمّد"),
    ("tatweel", "مـحمد"),
    ("latin_and_digits", "Mate 60"),
    ("no_break_space", "10\u00a0كم"),
    ("narrow_no_break_space", "10\u202fكم"),
    ("newline_and_tab", "سطر\nسطر\tآخر"),
    ("emoji_with_variation_selector", "❤️"),
]


@pytest.mark.parametrize("text", [t for _, t in KEPT], ids=[name for name, _ in KEPT])
def test_visible_text_passes_unchanged(text):
    assert drop_invisible(text) == text


def test_the_set_is_exactly_the_listed_characters():
    assert set(INVISIBLE_CHARS) == {c for _, c in DROPPED} | {"\u2061", "\u2062", "\u2063"}
