"""A worker's identity and liveness, so others know whether its claimed deliveries are still in hand.

A worker is ``host:pid:nonce``. While it runs it renews the lease
``worker:<id>`` every ``ttl / 3``. A ``sending`` delivery whose worker holds
no live lease is returned to the queue by :meth:`Liveness.sweep` (any
worker's), with its recorded message ids, so nothing claimed is ever stranded.

A worker killed with SIGKILL cannot give its lease back; waiting for the
lease to lapse would delay a restart by up to ``ttl``. So a sweep also checks
workers of the *same host*: when the process id is gone, the worker is dead
now, and its lease is dropped at once. (Another host's workers are trusted
until their lease lapses.)
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from datetime import timedelta
from typing import TYPE_CHECKING

from mawjaz.storage import deliveries, leases
from mawjaz.storage.engine import reading, transaction
from mawjaz.storage.models import utcnow

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

DEFAULT_TTL = timedelta(seconds=60)


def new_worker_id() -> str:
    host = socket.gethostname().replace(":", "-")[:80]
    return f"{host}:{os.getpid()}:{secrets.token_hex(3)}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, it is someone else's
        return True
    return True


def dead_on_this_host(worker_id: str) -> bool:
    """True when ``worker_id`` ran on this host and its process is gone."""
    host, _, rest = worker_id.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname().replace(":", "-")[:80] or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    return pid != os.getpid() and not _process_alive(pid)


class Liveness:
    """Holds this worker's lease and requeues the work of dead workers."""

    def __init__(self, engine: Engine, worker_id: str | None = None, ttl: timedelta = DEFAULT_TTL) -> None:
        self.engine = engine
        self.worker_id = worker_id or new_worker_id()
        self.ttl = ttl

    @property
    def lease_name(self) -> str:
        return leases.WORKER_PREFIX + self.worker_id

    def beat(self) -> None:
        """Renew this worker's lease."""
        with transaction(self.engine) as session:
            leases.acquire(session, self.lease_name, self.worker_id, utcnow(), self.ttl)

    def sweep(self) -> int:
        """Forget dead workers of this host, requeue deliveries no live worker holds; returns how many."""
        now = utcnow()
        with reading(self.engine) as session:
            dead = [lease.owner for lease in leases.live_workers(session, now) if dead_on_this_host(lease.owner)]
        with transaction(self.engine) as session:  # writes first: SQLite takes the write lock at once
            for worker_id in dead:
                log.info("worker %s is gone: its claims go back to the queue", worker_id)
                leases.forget_worker(session, worker_id)
            requeued = deliveries.reclaim(session, now)
        if requeued:
            log.warning("requeued %d deliveries left by workers that stopped", requeued)
        return requeued

    def stop(self) -> None:
        with transaction(self.engine) as session:
            leases.release(session, self.lease_name, self.worker_id)
