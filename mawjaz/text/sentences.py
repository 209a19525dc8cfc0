"""Split Arabic news text into sentences for display and for the summariser.

Why not a generic splitter: Arabic news punctuation breaks the usual rules.
Agencies are cited as dotted initials (أ.ف.ب, إ.ب.أ), titles are abbreviated
(د. , م.), decimals and thousands share the dot (2.4%, 1.600), «..» and "..."
mark a pause far more often than an end, and reporters quote whole sentences
inside «» or "" — cutting a quotation in half leaves two fragments a reader
cannot trust. So the rules are, in order:

* A line break always ends a sentence: paragraphs in feeds and dumps are lines,
  and a quote left open on one line must not swallow the next.
* Nothing inside quotation marks or parentheses ends a sentence. A sentence
  whose final stop sits inside a quotation ends after the closing mark
  (``قال: «انتهى الأمر.» وأضاف`` → two sentences). Marks that are unbalanced
  within a line are treated as ordinary characters, so one stray ``"`` cannot
  turn off splitting for a whole paragraph.
* ``؟ ? ! ؛`` end a sentence; a run such as ``؟!`` counts once.
* A single ``.`` ends a sentence unless it sits between digits, follows a
  single letter (initials, د. , أ.ف.ب) or a known Latin title (Dr., Mr.), or
  follows a bare list number at the start of a line. Text that forgets the
  space after a stop (``الأمر.وأضاف``) is still split when an Arabic word
  follows an Arabic word of two or more letters; ``bbc.com`` is not.
* ``..``, ``...`` and ``…`` never end a sentence: in this corpus they are
  pauses or omissions mid-sentence about as often as they are ends.

Sentences come back as display text (never normalised), stripped. Only
special characters are visited (a regex finds them), so splitting costs a
few microseconds per paragraph.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_LINES = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
_SPECIAL = re.compile(r"(?P<stop>[.!?؟؛…]+)|(?P<mark>[«»“”\"()\[\]])")
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+$")
_DIGITS_ONLY = re.compile(r"\d+")
_HAS_CONTENT = re.compile(r"[^\W_]")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]")

_OPEN_OF = {"»": "«", "”": "“", ")": "(", "]": "["}
_PAIRS = (("«", "»"), ("“", "”"), ("(", ")"), ("[", "]"))
_SENTENCE_END = frozenset(".!?؟؛")
_CLOSERS = frozenset("»”)]\"")
_LATIN_TITLES = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "vs",
        "no",
        "gen",
        "sgt",
        "col",
        "capt",
        "lt",
    }
)
_TATWEEL = "\u0640"
_WORD_WINDOW = 24  # enough to see a title or an initial before a dot; longer words are words


def split_sentences(text: str) -> list[str]:
    """Return the sentences of ``text`` in order, as stripped display text.

    >>> split_sentences("قال د. أحمد إن النمو بلغ 2.4%. وأضاف: «لن نتراجع. أبدا.» ثم غادر")
    ['قال د. أحمد إن النمو بلغ 2.4%.', 'وأضاف: «لن نتراجع. أبدا.»', 'ثم غادر']
    """
    sentences: list[str] = []
    for line in _LINES.split(text):
        if line.strip():
            sentences.extend(_split_line(line))
    return sentences


def _split_line(line: str) -> list[str]:
    active = _balanced_marks(line)
    cuts: list[int] = []
    stack: list[str] = []
    start = 0
    for match in _SPECIAL.finditer(line):
        mark = match.group("mark")
        if mark is not None:
            if mark not in active:
                continue
            closed = _apply_mark(mark, stack)
            if closed and not stack and _quote_ends_sentence(line, match.start(), match.end()):
                cuts.append(match.end())
                start = match.end()
            continue
        if stack:
            continue
        cut = _stop_cut(line, match.start(), match.end(), start)
        if cut is not None:
            cuts.append(cut)
            start = cut
    return _pieces(line, cuts)


def _balanced_marks(line: str) -> frozenset[str]:
    """The quotation and bracket marks that pair up on this line; the rest are plain text."""
    active: set[str] = set()
    for opening, closing in _PAIRS:
        if line.count(opening) == line.count(closing) > 0:
            active.update((opening, closing))
    if line.count('"') % 2 == 0 and '"' in line:
        active.add('"')
    return frozenset(active)


def _apply_mark(mark: str, stack: list[str]) -> bool:
    """Update the open-mark stack; True when ``mark`` closed something."""
    if mark == '"':
        if stack and stack[-1] == '"':
            stack.pop()
            return True
        stack.append('"')
        return False
    opening = _OPEN_OF.get(mark)
    if opening is None:
        stack.append(mark)
        return False
    if opening in stack:
        while stack.pop() != opening:
            pass
        return True
    return False


def _quote_ends_sentence(line: str, close_at: int, after: int) -> bool:
    """A quotation whose last stop is inside it ends the sentence, unless punctuation follows."""
    before = line[:close_at].rstrip()
    while before and before[-1] in _CLOSERS:
        before = before[:-1].rstrip()
    if not before or before[-1] not in _SENTENCE_END or before.endswith(".."):
        return False
    if before[-1] == "." and _is_non_final_dot(before, len(before) - 1, len(before), 0):
        return False
    rest = line[after:].lstrip()
    return bool(rest) and rest[0] not in _CLOSERS and rest[0] not in ".,،:؛!?؟…-–—"


def _stop_cut(line: str, start: int, end: int, sentence_start: int) -> int | None:
    """Where the sentence ends if the stop ``line[start:end]`` ends it, else None."""
    run = line[start:end]
    if ".." in run or "…" in run:
        return None
    if run == "." and _is_non_final_dot(line, start, end, sentence_start):
        return None
    following = line[end : end + 1]
    if not following or following.isspace() or following in "«“\"([":
        return end
    if following in _CLOSERS:
        # A closing mark left unpaired on the line stays with the sentence it closes.
        after = len(line) - len(line[end:].lstrip("»”)]\""))
        return after if after == len(line) or line[after].isspace() else None
    if not _ARABIC_LETTER.match(following):
        return None
    if run != ".":
        return end
    # A missing space after a full stop: split only between two Arabic words.
    word = _LETTERS_BEFORE.search(line, max(0, start - _WORD_WINDOW), start)
    return end if word is not None and len(word.group()) >= 2 else None


def _is_non_final_dot(line: str, start: int, end: int, sentence_start: int) -> bool:
    """Decimals, initials, titles and list numbers keep their dot inside the sentence."""
    before = line[start - 1 : start]
    after = line[end : end + 1]
    if before.isdigit() and after.isdigit():
        return True
    word = _LETTERS_BEFORE.search(line, max(0, start - _WORD_WINDOW), start)
    if word is not None:
        letters = word.group().replace(_TATWEEL, "")
        if len(letters) == 1 or letters.casefold() in _LATIN_TITLES:
            return True
    return bool(_DIGITS_ONLY.fullmatch(line[sentence_start:start].strip()))


def _pieces(line: str, cuts: list[int]) -> list[str]:
    pieces: list[str] = []
    start = 0
    for cut in [*cuts, len(line)]:
        piece = line[start:cut].strip()
        start = cut
        if not piece:
            continue
        if pieces and (not _HAS_CONTENT.search(piece) or _is_bare_parenthetical(piece)):
            pieces[-1] = f"{pieces[-1]} {piece}"
        elif _HAS_CONTENT.search(piece):
            pieces.append(piece)
    return pieces


def _is_bare_parenthetical(piece: str) -> bool:
    """A credit such as «(أ.ف.ب)» after a full stop belongs to the sentence before it."""
    return piece[0] == "(" and piece[-1] == ")" and piece.count("(") == 1
