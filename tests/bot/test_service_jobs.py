"""A scheduled job in flight when `mawjaz run` stops ends with one log line, not a traceback."""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from mawjaz.service import _job


def test_a_job_the_shutdown_cancels_ends_quietly_and_its_thread_finishes(caplog: pytest.LogCaptureFixture) -> None:
    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def storing() -> None:  # a feed poll's thread: it cannot be cut, and it is not
        started.set()
        release.wait(5)
        finished.set()

    async def poll_feeds() -> None:
        await asyncio.to_thread(storing)

    async def main() -> None:
        scheduler = AsyncIOScheduler()
        scheduler.add_job(_job(poll_feeds), "date", id="feeds")
        scheduler.start()
        while not started.is_set():
            await asyncio.sleep(0.01)
        scheduler.shutdown(wait=False)  # what the service does on SIGTERM: cancels the jobs in flight
        await asyncio.sleep(0.05)
        release.set()

    with caplog.at_level(logging.INFO):
        asyncio.run(main())  # waits for the default executor's threads before it returns

    assert finished.is_set()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert "poll_feeds stopped by the shutdown" in caplog.text
