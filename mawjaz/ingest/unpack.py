"""Compressed and binary inputs: gzip and zlib are unpacked (within the size limit), binary is refused.

A ``.txt.gz`` dump or a gzip-compressed feed saved to disk is ordinary news
input; decoding its bytes as text would store a garbage article. Unpacking
is capped, so a decompression bomb costs at most ``max_bytes`` of memory.
"""

from __future__ import annotations

import zlib

from mawjaz.errors import IngestError, InputTooLarge
from mawjaz.ingest.limits import human_size

_GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _zlib_header(data: bytes) -> bool:
    return len(data) >= 2 and data[0] == 0x78 and (data[0] * 256 + data[1]) % 31 == 0


def is_packed(head: bytes) -> bool:
    return head.startswith(_GZIP_MAGIC) or _zlib_header(head)


def unpack(data: bytes, where: str, max_bytes: int) -> bytes:
    """``data`` unpacked if it is gzip or zlib, else as it is; raises IngestError for binary or oversized content."""
    if is_packed(data):
        wbits = 16 + zlib.MAX_WBITS if data.startswith(_GZIP_MAGIC) else zlib.MAX_WBITS
        inflater = zlib.decompressobj(wbits)
        try:
            data = inflater.decompress(data, max_bytes + 1)
        except zlib.error as exc:
            raise IngestError(f"{where}: compressed data is damaged ({exc})") from None
        if len(data) > max_bytes or inflater.unconsumed_tail:
            raise InputTooLarge(f"{where} unpacks to over the {human_size(max_bytes)} limit")
    refuse_binary(data, where)
    return data


def refuse_binary(data: bytes, where: str) -> None:
    """Raise IngestError for binary data: NUL bytes never occur in UTF-8, Windows-1256 or ISO-8859-6 text."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith(_BOMS):
        raise IngestError(f"{where}: binary data, not text (an image, an archive or a damaged file?)")
