"""A trained CRF that tags token sequences given as attribute *ids*: crfsuite's C API, through ctypes.

python-crfsuite's ``Tagger.tag`` takes each token's features as strings:
for every feature of every token it makes two C++ strings and looks the
string up in the model's attribute dictionary. For the NER tagger that was
four fifths of the CRF's time (45 features a token, two passes), while the
scoring and the Viterbi search themselves take a fifth. A word's features
do not change from one sentence to the next, so the tagger looks each
feature up once (:meth:`Model.ids`), keeps the word's features as packed
attribute ids (4 bytes each), and hands crfsuite a sentence as
``crfsuite_attribute_t`` records (id, value 1.0; 16 bytes each, the
sentence's ids written into the id column of records the model keeps):
crfsuite then scores exactly what
python-crfsuite would have given it (the same ids, in the same order, the
unknown ones left out, as python-crfsuite's ``Tagger::set`` does) and the
tags are the same.

The C functions are crfsuite's public API (``crfsuite.h``, 0.12), which
python-crfsuite's extension module carries and exports; python-crfsuite
stays the trainer. One ``Model`` is not safe for two threads at once (the
tagger keeps the sentence it was given), like python-crfsuite's.
"""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Iterable, Sequence
from ctypes import CFUNCTYPE, POINTER, Structure, byref, c_char_p, c_double, c_int, c_void_p
from itertools import accumulate, chain
from pathlib import Path

import numpy as np
from pycrfsuite import _pycrfsuite

# A known attribute as a tagger keeps it: its id alone, 4 bytes. As crfsuite reads it (crfsuite_attribute_t: int
# aid, padding, double value 1.0) it takes 16, a quarter of them the id: a tagger's cached words held their
# features as those records before, ≈ 0.94 kB a word of 1.9 kB, ≈ 46 MB of a full word cache (49,152 words).
_ID = struct.Struct("=i")
_RECORD = struct.Struct("=i4xd")
_ONE = np.frombuffer(_RECORD.pack(0, 1.0), dtype=np.int32)  # the record of id 0, as four int32 words
_ITEM = "iiP"
_MAX_IDS = 1_000_000  # crfsuite_item_t: int num_contents, int cap_contents, crfsuite_attribute_t* contents


class _Instance(Structure):
    _fields_ = (
        ("num_items", c_int),
        ("cap_items", c_int),
        ("items", c_void_p),
        ("labels", c_void_p),
        ("weight", c_double),
        ("group", c_int),
    )


class _Model(Structure):
    pass


class _Tagger(Structure):
    pass


class _Dictionary(Structure):
    pass


_Model._fields_ = (
    ("internal", c_void_p),
    ("nref", c_int),
    ("addref", c_void_p),
    ("release", CFUNCTYPE(c_int, POINTER(_Model))),
    ("get_tagger", CFUNCTYPE(c_int, POINTER(_Model), POINTER(POINTER(_Tagger)))),
    ("get_labels", CFUNCTYPE(c_int, POINTER(_Model), POINTER(POINTER(_Dictionary)))),
    ("get_attrs", CFUNCTYPE(c_int, POINTER(_Model), POINTER(POINTER(_Dictionary)))),
    ("dump", c_void_p),
)
_Tagger._fields_ = (
    ("internal", c_void_p),
    ("nref", c_int),
    ("addref", c_void_p),
    ("release", CFUNCTYPE(c_int, POINTER(_Tagger))),
    ("set", CFUNCTYPE(c_int, POINTER(_Tagger), POINTER(_Instance))),
    ("length", CFUNCTYPE(c_int, POINTER(_Tagger))),
    ("viterbi", CFUNCTYPE(c_int, POINTER(_Tagger), POINTER(c_int), POINTER(c_double))),
)
_Dictionary._fields_ = (
    ("internal", c_void_p),
    ("nref", c_int),
    ("addref", c_void_p),
    ("release", CFUNCTYPE(c_int, POINTER(_Dictionary))),
    ("get", c_void_p),
    ("to_id", CFUNCTYPE(c_int, POINTER(_Dictionary), c_char_p)),
    ("to_string", CFUNCTYPE(c_int, POINTER(_Dictionary), c_int, POINTER(c_char_p))),
    ("num", CFUNCTYPE(c_int, POINTER(_Dictionary))),
    ("free", CFUNCTYPE(None, POINTER(_Dictionary), c_char_p)),
)

try:
    _CREATE = ctypes.CDLL(_pycrfsuite.__file__).crfsuite_create_instance_from_file
except (OSError, AttributeError) as exc:  # an extension built without crfsuite's symbols exported
    raise ImportError(f"python-crfsuite's extension does not export crfsuite's C API ({exc})") from exc
_CREATE.argtypes = (c_char_p, POINTER(c_void_p))
_CREATE.restype = c_int


def items(columns: Sequence[Sequence[bytes]]) -> list[bytes]:
    """Each token's item: its entries of every column joined, in column order (columns of equal length)."""
    return list(map(b"".join, zip(*columns)))


def _address(data: bytes) -> int:
    """Where the bytes of ``data`` lie (crfsuite only reads them, while ``data`` is alive)."""
    return ctypes.cast(c_char_p(data), c_void_p).value or 0


class Model:
    """A crfsuite model file, open for tagging (``.tag(columns)``, of items from :meth:`ids`)."""

    def __init__(self, path: Path) -> None:
        handle = c_void_p()
        if _CREATE(str(path).encode(), byref(handle)) != 0 or not handle:
            raise OSError(f"crfsuite could not open {path}")
        self._model = ctypes.cast(handle, POINTER(_Model))
        self._tagger = POINTER(_Tagger)()
        self._attrs = POINTER(_Dictionary)()
        labels = POINTER(_Dictionary)()
        model = self._model.contents
        if model.get_tagger(self._model, byref(self._tagger)) or model.get_attrs(self._model, byref(self._attrs)):
            raise OSError(f"crfsuite could not read {path}")
        if model.get_labels(self._model, byref(labels)):
            raise OSError(f"crfsuite could not read the labels of {path}")
        self.labels: list[str] = []
        for i in range(labels.contents.num(labels)):
            name = c_char_p()
            labels.contents.to_string(labels, i, byref(name))
            self.labels.append((name.value or b"").decode())
            labels.contents.free(labels, name)
        labels.contents.release(labels)
        self._set = self._tagger.contents.set
        self._viterbi = self._tagger.contents.viterbi
        self._ids: dict[str, bytes] = {}  # attribute → its packed id, b"" when the model does not know it
        self._records = np.empty((0, 4), dtype=np.int32)  # see _contents
        self._start = 0

    def ids(self, attributes: Iterable[str]) -> bytes:
        """The attributes the model knows, in order, as packed attribute ids (4 bytes each, native order)."""
        return b"".join([self._id(a) for a in attributes])

    def _id(self, attribute: str) -> bytes:
        found = self._ids.get(attribute)
        if found is None:
            if len(self._ids) >= _MAX_IDS:  # only a model without an attribute list asks for unknown ones
                self._ids.clear()
            aid = self._attrs.contents.to_id(self._attrs, attribute.encode())
            found = self._ids[attribute] = _ID.pack(aid) if aid >= 0 else b""
        return found

    def tag(self, columns: Sequence[Sequence[bytes]]) -> list[str]:
        """The likeliest labels of a sequence of items given as columns (:func:`items`), of :meth:`ids`."""
        joined = items(columns)
        size = len(joined)
        if not size:
            return []
        counts = [len(item) // _ID.size for item in joined]
        starts = accumulate([count * _RECORD.size for count in counts[:-1]], initial=self._contents(b"".join(joined)))
        table = struct.pack(_ITEM * size, *chain.from_iterable(zip(counts, counts, starts)))
        instance = _Instance(size, size, _address(table), None, 1.0, 0)
        path = (c_int * size)()
        score = c_double()
        if self._set(self._tagger, byref(instance)) or self._viterbi(self._tagger, path, byref(score)):
            raise RuntimeError("crfsuite failed to tag a sequence")
        return list(map(self.labels.__getitem__, path))

    def _contents(self, ids: bytes) -> int:
        """Where crfsuite finds ``ids`` (packed attribute ids) as its records: the model's records, each
        value 1.0, with these ids written into their id column (one strided copy; making the records anew
        for each sentence cost ≈ 4 % of tagging, and keeping words' features as records 2.2 times the memory)."""
        count = len(ids) // _ID.size
        if count > len(self._records):
            self._records = np.tile(_ONE, (max(count, 2 * len(self._records), 4096), 1))
            self._start = self._records.ctypes.data
        self._records[:count, 0] = np.frombuffer(ids, dtype=np.int32)
        return self._start

    def __del__(self) -> None:
        model = getattr(self, "_model", None)
        if model:
            if getattr(self, "_tagger", None):
                self._tagger.contents.release(self._tagger)
            if getattr(self, "_attrs", None):
                self._attrs.contents.release(self._attrs)
            model.contents.release(model)
