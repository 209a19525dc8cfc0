"""Feed polling in ``mawjaz run``: fetch the feeds that are due, store their articles, schedule the next fetch.

Each worker's scheduler calls :func:`poll_due_feeds` often (every 30 s); it
leases the feeds that are due (:mod:`mawjaz.storage.feeds`), so a feed is
fetched by one worker at a time and at its own interval, with a conditional
GET (ETag / Last-Modified) and exponential backoff after errors.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import httpx
from sqlalchemy import Engine

from mawjaz.config import Settings
from mawjaz.ingest.feeds import fetch_feed
from mawjaz.ingest.fetch import Guard
from mawjaz.pipeline.store import IngestReport, WriteOptions, store_items
from mawjaz.storage import feeds
from mawjaz.storage.engine import transaction
from mawjaz.storage.feeds import FeedJob
from mawjaz.storage.models import utcnow

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # longer than any fetch; a worker that dies mid-fetch frees the feed after this


@dataclass(frozen=True, slots=True)
class Polled:
    url: str
    status: int  # HTTP status, or 0 when the fetch failed
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    error: str | None = None


def poll_due_feeds(
    engine: Engine,
    settings: Settings,
    worker_id: str,
    client: httpx.Client,
    limit: int = 10,
    guard: Guard | None = None,
    options: WriteOptions | None = None,
) -> list[Polled]:
    """Fetch and store up to ``limit`` due feeds; one feed's failure never stops the others.

    ``options`` (default: from ``settings``, shipped aliases) is how articles are stored.
    """
    options = options or WriteOptions.from_settings(settings)
    with transaction(engine) as session:
        jobs = feeds.claim_due(session, worker_id, utcnow(), LEASE, limit)
    return [_poll(engine, settings, worker_id, client, job, guard, options) for job in jobs]


def _poll(
    engine: Engine,
    settings: Settings,
    worker_id: str,
    client: httpx.Client,
    job: FeedJob,
    guard: Guard | None,
    options: WriteOptions,
) -> Polled:
    try:
        fetched = fetch_feed(job.url, client, job.etag, job.last_modified, settings.max_input_bytes, guard)
        report = store_items(engine, fetched.items, IngestReport(), options)
    except Exception as exc:  # a broken feed is recorded and backed off, never fatal
        error = f"{exc.__class__.__name__}: {exc}"
        log.warning("feed %s failed (%s); backing off", job.url, error)
        with transaction(engine) as session:
            feeds.failed(session, job, worker_id, utcnow(), error)
        return Polled(job.url, 0, error=error)
    with transaction(engine) as session:
        feeds.succeeded(session, job, worker_id, utcnow(), fetched.etag, fetched.last_modified)
    log.info("feed %s: %d new, %d duplicate, %d failed", job.url, report.new, report.duplicate, report.failed)
    return Polled(job.url, fetched.status, report.new, report.duplicate, report.failed)


def http_client(settings: Settings) -> httpx.Client:
    return httpx.Client(timeout=settings.http_timeout_s, headers={"User-Agent": settings.user_agent})
