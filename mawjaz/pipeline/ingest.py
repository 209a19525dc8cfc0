"""The ingest job: read sources and store what they hold (``mawjaz ingest``, ``mawjaz demo``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import httpx

from mawjaz.config import Settings
from mawjaz.ingest import read_source
from mawjaz.ingest.guard import public_only
from mawjaz.pipeline.store import POOL_BATCH, IngestReport, WriteOptions, store_items
from mawjaz.pipeline.tagging import Tagging

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from mawjaz.text.aliases import AliasIndex


def ingest(
    engine: Engine,
    sources: Iterable[str],
    settings: Settings,
    fmt: str = "auto",
    on_item: Callable[[IngestReport], None] | None = None,
    *,
    aliases: AliasIndex | None = None,
    actors: bool = True,
) -> IngestReport:
    """Read ``sources`` and store what they hold through :func:`~mawjaz.pipeline.store.store_items`."""
    report = IngestReport()
    options = WriteOptions.from_settings(settings, aliases, actors=actors)
    headers = {"User-Agent": settings.user_agent}
    guard = public_only(allow_private=settings.allow_private_urls)  # every URL and redirect: public hosts only
    with (
        httpx.Client(timeout=settings.http_timeout_s, follow_redirects=True, headers=headers) as client,
        Tagging(options.tag_workers, options.aliases, min_batch=POOL_BATCH) as tagging,  # one pool for every source
    ):
        for source in sources:
            items = read_source(
                source,
                fmt,
                max_bytes=settings.max_input_bytes,
                client=client,
                guard=guard,
                on_skip=report.skipped.append,
            )
            store_items(engine, items, report, options, on_item, tagging=tagging)
    return report
