"""Fingerprints of a text for near-duplicate detection: shingles, MinHash band keys, lead anchors.

A republication is the same wire story with another headline, junk or
captions around it, a paragraph cut or added, or only its feed teaser.

Shingles are runs of three consecutive index terms
(:func:`mawjaz.text.tokens.index_terms`: normalised, stop words out, clitics
stripped, so «وقال» and «قال», «لداعش» and «داعش» agree), hashed to 32 bits
(each term's CRC-32, multiplied by a constant per position and combined).
A text has two shingle sets:

* its **body** shingles leave out lines of fewer than :data:`MIN_LINE_TERMS`
  terms (when it has longer ones): share widgets, "read also" lines, photo
  captions and datelines are what outlets add around a wire story, and must
  not make two copies of it look different;
* its **whole** shingles keep every line: a feed teaser is a verbatim prefix
  of its article, short first lines included.

Two complementary kinds of *keys* find candidates through an index:

* **MinHash band keys** (symmetric similarity) over the body shingles: 128
  permutations (datasketch's ``affine32`` scheme, computed here: see
  :func:`band_keys`), 32 bands of 4 rows, one key per band. Two texts
  share a key with probability 1-(1-J⁴)³²: 0.87 at Jaccard 0.5, 0.99 at 0.6,
  certainty from 0.7.
* **Lead anchors** (containment) over the whole shingles. A teaser's Jaccard
  with its article is tiny (30 shingles of 300: 0.1), but it starts where
  the article starts: the first :data:`OPENING` shingles are keys, and so
  are the lead's shingles whose hash is 0 modulo :data:`ANCHOR_EVERY`
  (content-chosen, so they still meet when junk lines sit on top of one text).

A text's **lead** (its first :data:`LEAD` shingles in text order, with and
without short lines) tells one outlet's follow-up from a republication: an
update keeps its earlier text under a new lead, a republication keeps the
lead (:func:`lead_found`).

Keys only *propose* candidates: :mod:`mawjaz.storage.dedup` decides over the
shingle sets. Everything here is deterministic across processes and
machines: workers sharing one database compute the same keys.
"""

from __future__ import annotations

import hashlib
import sys
import zlib
from array import array
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from mawjaz.text.tokens import index_terms

SHINGLE = 3
MIN_LINE_TERMS = 12
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
LEAD_SHINGLES = 64
OPENING = 6
LEAD = 20
ANCHOR_EVERY = 4
_SEED = 20180501
_U32 = "I" if array("I").itemsize == 4 else "L"


@dataclass(frozen=True, slots=True)
class Shingles:
    """A text's shingle sets: ``body`` without short lines, ``whole`` with them."""

    body: frozenset[int]
    whole: frozenset[int]


@dataclass(frozen=True, slots=True)
class Lead:
    """A text's first :data:`LEAD` shingles in text order: of its body (short lines left out) and of its whole."""

    body: tuple[int, ...] = ()
    whole: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A text's shingles (for verification), its index keys (signed 63-bit, for a BIGINT column) and its lead."""

    shingles: Shingles
    keys: tuple[int, ...]
    lead: Lead = Lead()


def line_terms(text: str) -> tuple[tuple[str, ...], ...]:
    """:func:`~mawjaz.text.tokens.index_terms` of each non-empty line of ``text``."""
    return tuple(terms for terms in (tuple(index_terms(line)) for line in text.splitlines()) if terms)


def terms_of(text: str) -> tuple[str, ...]:
    """All index terms of ``text`` in order (the same as ``index_terms(text)``)."""
    return tuple(term for terms in line_terms(text) for term in terms)


def fingerprint(text: str) -> Fingerprint:
    """The shingles and keys of ``text`` (a body; headlines are left out, republications change them)."""
    return _fingerprint(*_ordered(text))


def fingerprint_of_lines(lines: tuple[tuple[str, ...], ...]) -> Fingerprint:
    """:func:`fingerprint` of a text whose :func:`line_terms` are ``lines`` (read once by the caller)."""
    return _fingerprint(*_ordered_lines(lines))


def _fingerprint(body: tuple[int, ...], whole: tuple[int, ...]) -> Fingerprint:
    shingles = Shingles(frozenset(body), frozenset(whole))
    if not body:
        return Fingerprint(shingles, ())
    return Fingerprint(shingles, band_keys(shingles.body) + lead_anchors(whole), _lead(body, whole))


def lead_of(text: str) -> Lead:
    return _lead(*_ordered(text))


def _lead(body: tuple[int, ...], whole: tuple[int, ...]) -> Lead:
    return Lead(body[:LEAD], whole[:LEAD])


def lead_found(lead: Lead, other_lead: Lead, other: Shingles) -> float:
    """Share of a text's lead found anywhere in ``other``; 1.0 when either has no lead to compare.

    The lead is cut to the length of the other's (a 12-shingle teaser holds
    12 shingles of an article's lead, not 20), and measured twice: without
    short lines (junk or captions on top of one copy are not its lead) and
    with them (an article opening with short lines, whose teaser runs them
    together into one long line); the better of the two counts.
    """
    shares = []
    for mine, theirs in ((lead.body, other_lead.body), (lead.whole, other_lead.whole)):
        opening = frozenset(mine[: len(theirs)])
        if opening:
            shares.append(len(opening & other.whole) / len(opening))
    return max(shares, default=1.0)


def shingles_of(text: str) -> Shingles:
    body, whole = _ordered(text)
    return Shingles(frozenset(body), frozenset(whole))


def band_keys(shingles: frozenset[int]) -> tuple[int, ...]:
    """One key per MinHash band: equal keys mean four equal min-hashes in that band.

    The min-hashes are datasketch's ``MinHash(num_perm=128, seed=_SEED, hashfunc=int, scheme="affine32")`` after
    ``update_batch``, value for value (``tests/storage/test_minhash.py`` holds them equal), computed here:
    importing datasketch imports scipy, ≈ 57 MB of a storing process's resident memory for nothing it uses.
    """
    values = np.full(NUM_PERM, _MAX32, dtype=np.uint32)
    if shingles:
        a, b = _permutations()
        hashes = _fmix32(np.array(sorted(shingles), dtype=np.uint32).reshape(-1, 1))
        values = np.minimum(values, (hashes * a + b).min(axis=0))
    return tuple(_key(b"b%d" % band, values[band * ROWS : (band + 1) * ROWS].tobytes()) for band in range(BANDS))


_MAX32 = np.uint32(0xFFFFFFFF)


def _fmix32(hashes: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch's affine schemes mix each input hash once (wrapping in uint32)."""
    hashes = hashes ^ (hashes >> np.uint32(16))
    hashes = hashes * np.uint32(0x85EBCA6B)
    hashes = hashes ^ (hashes >> np.uint32(13))
    hashes = hashes * np.uint32(0xC2B2AE35)
    return hashes ^ (hashes >> np.uint32(16))


def lead_anchors(ordered: tuple[int, ...]) -> tuple[int, ...]:
    """Keys for the lead: its opening shingles and its content-chosen ones."""
    lead = ordered[:LEAD_SHINGLES]
    chosen = dict.fromkeys([*lead[:OPENING], *(h for h in lead if h % ANCHOR_EVERY == 0)])
    return tuple(_key(b"a", h.to_bytes(4, "big")) for h in chosen)


def packed(shingles: frozenset[int]) -> bytes:
    """A shingle set as sorted little-endian uint32: 4 bytes a shingle, for storing next to its article."""
    values = array(_U32, sorted(shingles))
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def unpacked(data: bytes) -> frozenset[int]:
    values = array(_U32)
    values.frombytes(bytes(data))
    if sys.byteorder == "big":
        values.byteswap()
    return frozenset(values)


def resemblance(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def containment(small: frozenset[int], big: frozenset[int]) -> float:
    """Share of ``small``'s shingles found in ``big``: 1.0 for a teaser of ``big``."""
    if not small:
        return 0.0
    return len(small & big) / len(small)


@lru_cache(maxsize=256)  # texts recur: a popular article is verified against again and again
def _ordered(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(body, whole) shingle hashes in text order; a text with no long line has its whole as body."""
    return _ordered_lines(line_terms(text))


def _ordered_lines(lines: tuple[tuple[str, ...], ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    whole = _hashes([term for terms in lines for term in terms])
    if all(len(terms) >= MIN_LINE_TERMS for terms in lines):  # no short line: the body is the whole text
        return whole, whole
    long_lines = [term for terms in lines if len(terms) >= MIN_LINE_TERMS for term in terms]
    return (_hashes(long_lines) if long_lines else whole), whole


def _hashes(terms: list[str]) -> tuple[int, ...]:
    """32-bit hashes of the 3-term shingles: each term's CRC-32 (remembered), mixed by position."""
    if len(terms) < SHINGLE:
        codes = [_code(term) for term in terms]
        return (_mix(codes + [0] * (SHINGLE - len(codes))),) if codes else ()
    # The same arithmetic as _mix over whole arrays: uint64 products wrap, and their low 32 bits are the same.
    coded = np.fromiter(map(_code, terms), dtype=np.uint64, count=len(terms))
    mixed = (coded[:-2] * _M1) ^ (coded[1:-1] * _M2) ^ (coded[2:] * _M3)
    return tuple((mixed & _LOW32).tolist())


_M1, _M2, _M3, _LOW32 = np.uint64(0x9E3779B1), np.uint64(0x85EBCA77), np.uint64(0xC2B2AE3D), np.uint64(0xFFFFFFFF)


def _mix(codes: list[int]) -> int:
    a, b, c = codes
    return ((a * 0x9E3779B1) ^ (b * 0x85EBCA77) ^ (c * 0xC2B2AE3D)) & 0xFFFFFFFF


# A term's code costs 0.18 µs to compute and 0.09 µs to find in the cache: a cache of the commonest terms
# is enough, and a long ingest fills any bound (500,000 here once: ≈ 105 MB; this one ≈ 14 MB at most).
@lru_cache(maxsize=1 << 16)
def _code(term: str) -> int:
    return zlib.crc32(term.encode())


def _key(kind: bytes, payload: bytes) -> int:
    digest = hashlib.blake2b(kind + payload, digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True) >> 1


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations for seed ``_SEED``: h → a·h + b mod 2³², ``a`` odd (so a bijection)."""
    generator = np.random.RandomState(_SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b
