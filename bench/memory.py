"""Memory of a storing process over a synthetic stream, logged as it grows (issue 19's 600 MB).

    python bench/memory.py TREE COUNT [--every 1000] [--trace] [--freeze]

Stores ``COUNT`` records of :func:`synthetic.stream` (SQLite, key actors on, tagging in this process) from the
source tree ``TREE`` (this one, or a checkout of main beside it, for before/after in one run each), and prints a
JSON line every ``--every`` articles: RSS and its peak, SQLite's own memory (``sqlite3_memory_used``: its page
cache and statements), glibc's heap in use and free (``mallinfo2``), CPU seconds, tracked objects, the
database's size on disk, and each mawjaz cache's fill and hit rate (the NER word cache's fill). A last line,
``end``, follows the key-actor pass that ends ``store_items``. ``--trace`` takes a tracemalloc snapshot at the
last step and prints the largest allocation sites by file and by line (slow: tracing from the start costs about
three times the CPU). ``--freeze`` calls ``gc.freeze()`` once the tagger is loaded. The database is
``$PROBE_DIR/p.sqlite`` (a temporary folder without it).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterable, Iterator
from pathlib import Path

TREE = Path(sys.argv[1]).resolve()
COUNT = int(sys.argv[2])
TRACE = "--trace" in sys.argv
EVERY = int(sys.argv[sys.argv.index("--every") + 1]) if "--every" in sys.argv else 1000
sys.path.insert(0, str(TREE))
sys.path.insert(0, str(TREE / "bench"))
if TRACE:
    tracemalloc.start(1)

import synthetic  # noqa: E402

from mawjaz.ingest import read_source  # noqa: E402
from mawjaz.ingest.record import Article as Record  # noqa: E402
from mawjaz.pipeline import IngestReport, WriteOptions, store_items  # noqa: E402
from mawjaz.storage import migrate  # noqa: E402
from mawjaz.storage.engine import make_engine  # noqa: E402

CORPUS = Path("/work/shared/data/ant_multisource_v2.1/ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl")
_SQLITE = ctypes.CDLL(ctypes.util.find_library("sqlite3"))
_SQLITE.sqlite3_memory_used.restype = ctypes.c_int64
_LIBC = ctypes.CDLL("libc.so.6")


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()
    ]


_LIBC.mallinfo2.restype = _MallInfo2


def _status() -> dict[str, float]:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS", "VmHWM")):
            fields[line.split(":")[0]] = int(line.split()[1]) / 1024
    return fields


def _caches() -> dict[str, object]:
    """Each mawjaz ``lru_cache`` holding over 100 entries: [size, hit rate]; the NER word cache's size."""
    found: dict[str, object] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("mawjaz"):
            continue
        for attribute, function in list(vars(module).items()):
            info = getattr(function, "cache_info", None)
            if info and getattr(function, "__module__", None) == name:
                stats = info()
                if stats.currsize > 100:
                    rate = stats.hits / max(1, stats.hits + stats.misses)
                    found[f"{name.split('.', 1)[1]}.{attribute}"] = [stats.currsize, round(rate, 3)]
    ner = sys.modules.get("mawjaz.text.ner")
    if ner is not None and ner._load.cache_info().currsize:
        found["ner_word_cache"] = len(ner.load_tagger()._features._cache)
    return found


def snap(at: object, database: Path | None = None) -> None:
    heap = _LIBC.mallinfo2()
    line: dict[str, object] = {
        "at": at,
        **_status(),
        "sqlite_mb": _SQLITE.sqlite3_memory_used() / 1e6,
        "malloc_used_mb": heap.uordblks / 1e6,
        "malloc_free_mb": heap.fordblks / 1e6,
        "mmap_mb": heap.hblkhd / 1e6,
        "cpu": time.process_time(),
        "objs": len(gc.get_objects()),
        "caches": _caches(),
    }
    if database is not None:
        files = [Path(f"{database}{suffix}") for suffix in ("", "-wal")]
        line["db_mb"] = round(sum(f.stat().st_size for f in files if f.exists()) / 1e6, 1)
    print(json.dumps(line, ensure_ascii=False), flush=True)


def _stepped(records: Iterable[Record], database: Path) -> Iterator[Record]:
    for n, record in enumerate(records, 1):
        yield record
        if n % EVERY == 0:
            snap(n, database)
            if TRACE and n == COUNT:
                _largest()


def _largest() -> None:
    snapshot = tracemalloc.take_snapshot()
    for key in ("filename", "lineno"):
        print(f"--- largest by {key}")
        for stat in snapshot.statistics(key)[:30]:
            print(f"{stat.size / 1e6:8.1f} MB {stat.count:9d}  {stat.traceback}")


def main() -> None:
    snap("imports")
    real = [r for r in read_source(str(CORPUS), "jsonl", max_bytes=1 << 40) if isinstance(r, Record)]
    from mawjaz.text.ner import load_tagger

    load_tagger()
    snap("tagger loaded")
    if "--freeze" in sys.argv:
        gc.freeze()
    folder = Path(os.environ.get("PROBE_DIR") or tempfile.mkdtemp(prefix="mawjaz-memory-"))
    database = folder / "p.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{database}")
    migrate.upgrade(engine)
    options = WriteOptions(actors=True, tag_workers=0)
    report = store_items(engine, _stepped(synthetic.stream(real, COUNT), database), IngestReport(), options)
    snap("end", database)
    print("report", report.new, report.duplicate, report.failed)


if __name__ == "__main__":
    main()
