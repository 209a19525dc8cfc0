"""The write path, below the runtime: every article is stored, indexed, filed and enriched here, in one order."""

from mawjaz.pipeline.ingest import ingest
from mawjaz.pipeline.store import (
    IngestReport,
    Placed,
    WriteOptions,
    store_article,
    store_items,
    write_due_actors,
)

__all__ = ["IngestReport", "Placed", "WriteOptions", "ingest", "store_article", "store_items", "write_due_actors"]
