"""Several workers on one database: one Telegram poller at a time, and another takes over when it stops."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import timedelta

from botkit import NOW, TOKEN, run_settings, running, wait_until

from mawjaz.service import POLLER_LEASE, Service, Timing
from mawjaz.storage import leases
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import utcnow

QUICK = Timing(tick_s=3600.0, feeds_s=3600.0, poll_timeout_s=0.3, poller_ttl=timedelta(seconds=3))


def _poller(engine) -> str | None:
    with transaction(engine) as session:
        return leases.holder(session, POLLER_LEASE, utcnow())


def test_only_one_worker_polls_telegram_and_another_takes_over_when_it_stops(db_with_stories, telegram):
    settings = run_settings(db_with_stories, telegram_token=TOKEN, telegram_base_url=f"{telegram.url}/bot")
    workers = [Service(settings, db_with_stories, timing=QUICK, clock=lambda: NOW) for _ in range(2)]
    with ExitStack() as one, ExitStack() as two:
        stacks = {id(workers[0]): one, id(workers[1]): two}
        for worker in workers:
            stacks[id(worker)].enter_context(running(worker))
        wait_until(lambda: all(w.telegram_app is not None for w in workers))
        wait_until(lambda: any(w.telegram_app.updater.running for w in workers))
        pollers = [w for w in workers if w.telegram_app.updater.running]
        assert len(pollers) == 1 and _poller(db_with_stories) == pollers[0].worker_id
        [other] = [w for w in workers if w is not pollers[0]]

        stacks[id(pollers[0])].close()  # the poller stops; the other worker takes over within a lease period
        wait_until(lambda: other.telegram_app.updater.running, timeout=5)
        assert _poller(db_with_stories) == other.worker_id
        telegram.user_says("/help", chat_id=801)
        telegram.wait_for("sendMessage", chat_id=801)
