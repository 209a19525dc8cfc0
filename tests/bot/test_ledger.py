"""The delivery ledger and leases in the database: exclusive claims, records only while claimed, no row stranded."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from mawjaz.delivery.workers import Liveness, dead_on_this_host
from mawjaz.storage import deliveries, leases, subscribers
from mawjaz.storage.deliveries import Due
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Subscriber, utcnow
from mawjaz.storage.subscribers import Chat, Defaults

DUE = datetime(2026, 11, 24, 4, 30, tzinfo=UTC)


def _queue(engine, count: int) -> list[int]:
    with transaction(engine) as session:
        rows = [Subscriber(platform="telegram", chat_id=str(n), active=True) for n in range(count)]
        session.add_all(rows)
        session.flush()
        ids = [r.id for r in rows]
        deliveries.enqueue(session, [Due(i, "2026-11-24", DUE) for i in ids])
    return ids


def _claim(engine, owner: str, limit: int = 10):
    with transaction(engine) as session:
        return deliveries.claim(session, owner, DUE, utcnow(), limit)


def test_enqueue_ignores_a_delivery_already_there(fresh_db):
    ids = _queue(fresh_db, 3)
    with transaction(fresh_db) as session:
        assert deliveries.enqueue(session, [Due(ids[0], "2026-11-24", DUE), Due(ids[0], "2026-11-25", DUE)]) == 1


def test_claims_never_overlap(fresh_db):
    _queue(fresh_db, 25)
    first, second, third = _claim(fresh_db, "a"), _claim(fresh_db, "b"), _claim(fresh_db, "c")
    assert len(first) == len(second) == 10 and len(third) == 5
    assert not {c.id for c in first} & {c.id for c in second}
    assert _claim(fresh_db, "d") == []


def test_concurrent_claims_share_out_the_queue_exactly(fresh_db):
    _queue(fresh_db, 300)
    taken: list[list[int]] = [[] for _ in range(4)]

    def worker(n: int) -> None:
        while True:
            got = _claim(fresh_db, f"w{n}", 7)
            if not got:
                return
            taken[n].extend(c.id for c in got)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [i for part in taken for i in part]
    assert len(everything) == len(set(everything)) == 300


def test_a_claim_is_not_due_before_its_time(fresh_db):
    _queue(fresh_db, 2)
    with transaction(fresh_db) as session:
        assert deliveries.claim(session, "a", DUE - timedelta(minutes=1), utcnow(), 10) == []


def test_only_the_claiming_worker_may_record_messages(fresh_db):
    _queue(fresh_db, 1)
    [claimed] = _claim(fresh_db, "a")
    with transaction(fresh_db) as session:
        assert not deliveries.record(session, claimed.id, "b", ["1"], utcnow())
        assert deliveries.record(session, claimed.id, "a", ["1"], utcnow(), done=True)
        row = deliveries.get(session, claimed.id)
    assert (row.status, row.message_ids) == ("sent", ["1"])


def test_a_dead_workers_claims_go_back_to_the_queue_with_their_messages(fresh_db):
    _queue(fresh_db, 2)
    with transaction(fresh_db) as session:
        leases.acquire(session, "worker:alive", "alive", utcnow(), timedelta(minutes=1))
    [mine] = _claim(fresh_db, "alive", 1)
    [theirs] = _claim(fresh_db, "dead", 1)
    with transaction(fresh_db) as session:
        deliveries.record(session, theirs.id, "dead", ["m1"], utcnow())
        assert deliveries.reclaim(session, utcnow()) == 1
    [again] = _claim(fresh_db, "new")
    assert again.id == theirs.id and again.message_ids == ("m1",) and again.attempts == 2
    with transaction(fresh_db) as session:
        assert deliveries.get(session, mine.id).claimed_by == "alive"


def test_leases_are_exclusive_until_they_expire(fresh_db):
    now = utcnow()
    with transaction(fresh_db) as session:
        assert leases.acquire(session, "telegram:poller", "a", now, timedelta(seconds=30))
        assert not leases.acquire(session, "telegram:poller", "b", now, timedelta(seconds=30))
        assert leases.acquire(session, "telegram:poller", "a", now, timedelta(seconds=30))  # renewal
        assert leases.acquire(session, "telegram:poller", "b", now + timedelta(seconds=31), timedelta(seconds=30))
        assert leases.holder(session, "telegram:poller", now + timedelta(seconds=31)) == "b"


def test_a_worker_whose_process_is_gone_is_dead_at_once(fresh_db):
    import socket
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    gone = f"{socket.gethostname()}:{child.pid}:abc"
    assert dead_on_this_host(gone)
    assert not dead_on_this_host(f"elsewhere:{child.pid}:abc")
    _queue(fresh_db, 1)
    with transaction(fresh_db) as session:
        leases.acquire(session, "worker:" + gone, gone, utcnow(), timedelta(minutes=5))
    _claim(fresh_db, gone)
    assert Liveness(fresh_db).sweep() == 1


def test_ensuring_a_subscriber_twice_gives_one_row(fresh_db):
    chat = Chat("telegram", "42")
    with transaction(fresh_db) as session:
        first = subscribers.ensure(session, chat, Defaults())
        second = subscribers.ensure(session, chat, Defaults(timezone="Africa/Cairo"))
    assert first.id == second.id and second.timezone == "Asia/Riyadh" and not second.active
