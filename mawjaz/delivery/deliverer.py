"""Sending the queued digests: claim, render, pace, send, record — and survive whatever happens.

One :class:`Deliverer` pass claims queued deliveries in batches, renders
each subscriber's digest, and sends the messages **one at a time**, each
followed by recording its message id in the ledger. That order is the crash
guarantee: if the process dies, every message is either recorded (and will
not be sent again) or was the single one in flight (and may be sent again
after the restart). Nothing claimed is lost: the dead worker's rows go back
to the queue (:mod:`mawjaz.delivery.workers`) and are resumed after their last
recorded message.

Sending one at a time is not slow: the wait is the platform's rate limit,
not the round trip, and chats are interleaved so a chat's 1-message-per-
second rule never holds up the others (a multi-part digest to one chat
waits between its parts while other chats' digests go out).

Several workers share one bot's overall limit (Telegram: about 30 messages/s
per token, whichever process sends). The live workers are known from their
liveness leases in the database, so at every claim a worker re-divides the
configured rate by how many are alive: N workers each send at rate / N, and
when one stops the others speed up at their next claim. (At start-up, before
every worker has announced itself, the sum may briefly exceed the limit; a
429 then pauses and resends, never dropping a message.)

A 429 puts the same message back with its ``retry_after`` (and, on
Telegram, pauses all sending for that long); a network error backs off and
retries; after a few failures the delivery returns to the queue for later.
"""

from __future__ import annotations

import asyncio
import heapq
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import count
from typing import TYPE_CHECKING

from mawjaz.bot.texts import say
from mawjaz.bot.turns import PATIENCE, ChatTurns
from mawjaz.config import DIGEST_SIZE, Settings
from mawjaz.delivery.alerts import AlertRule, alert_text
from mawjaz.delivery.pacing import ChatSpacing, Pacer
from mawjaz.delivery.schedule import DAY, period_of
from mawjaz.delivery.sender import (
    Blocked,
    Moved,
    Outgoing,
    Rejected,
    RetryLater,
    Sender,
    SendError,
    Transient,
)
from mawjaz.digest.build import digest_of, story_views
from mawjaz.digest.pick import Picked, candidates, pick
from mawjaz.storage import deliveries, leases, subscribers
from mawjaz.storage import stories as stories_repo
from mawjaz.storage.alerts import development_of
from mawjaz.storage.deliveries import Claimed
from mawjaz.storage.engine import DatabaseError, reading, transaction
from mawjaz.storage.models import id_of, utcnow

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from mawjaz.text.aliases import AliasIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DeliveryOptions:
    """How the daily digests are sent; built from the settings by :meth:`from_settings`.

    The defaults are the settings' defaults (for tests and benches); the
    knobs with no setting (batch, retries, windows) are tuning, not configuration.
    """

    batch: int = 50  # deliveries claimed at a time
    digest_size: int = DIGEST_SIZE  # MAWJAZ_DIGEST_SIZE
    first_window: timedelta = timedelta(hours=24)  # a first digest covers this much
    longest_gap: timedelta = timedelta(hours=48)  # after a longer gap, start again from first_window
    transient_tries: int = 5  # network failures of one message before the delivery goes back to the queue
    max_attempts: int = 10  # claims of one delivery before it is marked failed
    db_patience_s: float = 300.0  # how long to retry the database before giving up
    share_rate: bool = True  # divide a platform's overall rate among the live workers (MAWJAZ_SHARE_RATE)
    aliases: AliasIndex | None = None  # how followed topics are expanded (MAWJAZ_ALIASES_FILE; None: shipped)
    remember: timedelta = timedelta(days=14)  # how far back a reader's earlier digests keep a story from repeating
    alert_rule: AlertRule = AlertRule()  # when a story is breaking and who hears of it (MAWJAZ_ALERT_*)

    @classmethod
    def from_settings(cls, settings: Settings, aliases: AliasIndex | None = None, **tuning) -> DeliveryOptions:
        tuning.setdefault("alert_rule", AlertRule.from_settings(settings))
        return cls(digest_size=settings.digest_size, share_rate=settings.share_rate, aliases=aliases, **tuning)


@dataclass
class DeliveryReport:
    delivered: int = 0
    messages: int = 0
    failed: int = 0
    released: int = 0
    rate_limited: int = 0
    lost_claims: int = 0


@dataclass(order=True)
class _Job:
    ready: float
    seq: int
    claimed: Claimed = field(compare=False)
    parts: list[Outgoing] = field(compare=False)
    chat_id: str = field(compare=False)
    sent: list[str] = field(compare=False)
    transient: int = field(default=0, compare=False)
    turn_asked: float | None = field(default=None, compare=False)  # when it first found its chat's turn taken


def since_for(
    due_at: datetime, previous_due: datetime | None, options: DeliveryOptions, period: timedelta = DAY
) -> datetime:
    """Where a digest starts: at the previous digest, unless there was none recently.

    ``period`` is how often the reader's schedule comes round (a day, or a
    week for a weekly digest): a weekly digest covers the week since the last
    one, and a first weekly digest the last week.
    """
    extra = max(period - DAY, timedelta(0))
    if previous_due is not None and due_at - previous_due <= options.longest_gap + extra:
        return previous_due
    return due_at - max(options.first_window, period)


class Deliverer:
    """Sends everything claimable, paced per platform; ``run()`` returns when the queue is empty."""

    def __init__(
        self,
        engine: Engine,
        senders: Mapping[str, Sender],
        worker_id: str,
        options: DeliveryOptions = DeliveryOptions(),
        clock: Callable[[], datetime] = utcnow,
        turns: ChatTurns | None = None,
    ) -> None:
        self.engine = engine
        # a digest of several parts holds its chat from the first to the last: no reply lands between them,
        # whichever worker answers it (the turn is a lease in the database too)
        self.turns = turns if turns is not None else ChatTurns(engine)
        self.senders = dict(senders)
        self.worker_id = worker_id
        self.options = options
        self.clock = clock  # when digests are due (tests and `mawjaz deliver --at` set it)
        self.pacers = {name: Pacer(sender.limits.per_second) for name, sender in self.senders.items()}
        self.spacing = ChatSpacing()
        self._heaps: dict[str, list[_Job]] = {name: [] for name in self.senders}
        self._seq = count()
        self._rendered: dict[tuple, list[Outgoing]] = {}
        self.live_workers = 1

    # --- the loop ------------------------------------------------------------

    async def run(self) -> DeliveryReport:
        """Send until nothing claimable is left; the next batch is claimed and rendered while this one sends."""
        report = DeliveryReport()
        self._rendered.clear()
        more, last_claim = True, 0.0
        claiming: asyncio.Task | None = None
        try:
            while True:
                if claiming is not None and claiming.done():
                    more, claiming, last_claim = claiming.result() > 0, None, time.monotonic()
                pending = sum(len(h) for h in self._heaps.values())
                if claiming is None and more and pending < max(1, self.options.batch // 2):
                    claiming = asyncio.create_task(self._claim())
                if pending == 0:
                    if claiming is None:
                        return report
                    await asyncio.wait({claiming})
                    continue
                platform, start = self._next_platform()
                wait = start - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(min(wait, 0.5))
                    if not more and claiming is None and time.monotonic() - last_claim > 1.0:
                        more = True  # look for work enqueued meanwhile
                    continue
                await self._send_next(platform, report)
        finally:
            if claiming is not None and not claiming.done():
                claiming.cancel()  # rows it claimed stay ours until our lease ends, then are requeued

    def _next_platform(self) -> tuple[str, float]:
        best: tuple[str, float] | None = None
        for platform, heap in self._heaps.items():
            if heap:
                start = max(heap[0].ready, self.pacers[platform].ready_at())
                if best is None or start < best[1]:
                    best = (platform, start)
        assert best is not None
        return best

    def _push(self, platform: str, job: _Job, ready: float) -> None:
        job.ready = max(ready, self.spacing.ready_at(self._chat_key(platform, job)))
        job.seq = next(self._seq)
        heapq.heappush(self._heaps[platform], job)

    @staticmethod
    def _chat_key(platform: str, job: _Job) -> str:
        return f"{platform}:{job.chat_id}"

    # --- one message -----------------------------------------------------------

    async def _send_next(self, platform: str, report: DeliveryReport) -> None:
        job = heapq.heappop(self._heaps[platform])
        if len(job.parts) > 1 and not await self._turn(platform, job):
            return
        sender = self.senders[platform]
        limits = sender.limits
        started = time.monotonic()
        self.pacers[platform].started(started)
        self.spacing.started(self._chat_key(platform, job), limits.interval_for(job.claimed.chat_type), started)
        try:
            message_id = await sender.send(job.chat_id, job.parts[len(job.sent)])
        except RetryLater as exc:
            report.rate_limited += 1
            if limits.pause_all_on_429:
                self.pacers[platform].pause(exc.seconds)
            self.spacing.hold(self._chat_key(platform, job), exc.seconds)
            self._push(platform, job, time.monotonic() + exc.seconds)
            return
        except Moved as exc:
            await self.turns.release(self._chat_key(platform, job))
            await self._db(self._follow_move, job, exc.new_chat_id)
            job.chat_id = exc.new_chat_id
            self._push(platform, job, time.monotonic())
            return
        except (Blocked, Rejected) as exc:
            await self.turns.release(self._chat_key(platform, job))
            await self._db(self._give_up, job, exc)
            report.failed += 1
            return
        except Transient as exc:
            job.transient += 1
            if job.transient <= self.options.transient_tries:
                self._push(platform, job, time.monotonic() + min(2.0**job.transient, 30.0))
            else:
                await self.turns.release(self._chat_key(platform, job))
                await self._db(self._release, job, str(exc))
                report.released += 1
            return
        job.sent.append(message_id)
        report.messages += 1
        done = len(job.sent) == len(job.parts)
        if done:
            await self.turns.release(self._chat_key(platform, job))
        kept = await self._db(self._record, job, done)
        if not kept:
            await self.turns.release(self._chat_key(platform, job))
            log.warning("delivery %s was taken over by another worker; leaving it to them", job.claimed.id)
            report.lost_claims += 1
        elif done:
            report.delivered += 1
        else:
            self._push(platform, job, time.monotonic())

    async def _turn(self, platform: str, job: _Job) -> bool:
        """Hold the chat (or renew the hold) before each part; while another worker holds it, try again shortly.

        From before its first part is sent until its last is, no reply lands between them. A chat held
        elsewhere for longer than a reply's patience is taken as free: the digest is late, never lost.
        """
        if await self.turns.hold(self._chat_key(platform, job)):
            return True
        now = time.monotonic()
        job.turn_asked = job.turn_asked if job.turn_asked is not None else now
        if now - job.turn_asked > PATIENCE:
            log.warning(
                "chat %s stayed held by another worker; sending delivery %s anyway", job.chat_id, job.claimed.id
            )
            return True
        self._push(platform, job, now + 0.25)
        return False

    # --- database steps (run in a thread, retried while the database is away) -------

    async def _db(self, step, *args):
        delay, waited = 0.5, 0.0
        while True:
            try:
                return await asyncio.to_thread(step, *args)
            except DatabaseError as exc:
                if waited >= self.options.db_patience_s:
                    raise
                log.warning("database unavailable (%s); retrying in %.1f s", exc.__class__.__name__, delay)
                await asyncio.sleep(delay)
                waited += delay
                delay = min(delay * 2, 15.0)

    def _record(self, job: _Job, done: bool) -> bool:
        with transaction(self.engine) as session:
            return deliveries.record(session, job.claimed.id, self.worker_id, job.sent, utcnow(), done)

    def _give_up(self, job: _Job, exc: SendError) -> None:
        with transaction(self.engine) as session:
            deliveries.fail(session, job.claimed.id, self.worker_id, f"{exc.__class__.__name__}: {exc}")
            if isinstance(exc, Blocked):
                subscribers.deactivate(session, job.claimed.subscriber_id)
        log.info("delivery %s failed for good: %s", job.claimed.id, exc)
        if isinstance(exc, Blocked) and job.claimed.chat_type == "channel":
            log.warning(
                "channel %s removed the bot or its right to post (%s): paused; `mawjaz channels add %s` resumes it",
                job.claimed.username or job.chat_id,
                exc,
                job.claimed.username or job.chat_id,
            )

    def _release(self, job: _Job, error: str) -> None:
        attempts = job.claimed.attempts
        with transaction(self.engine) as session:
            if attempts >= self.options.max_attempts:
                deliveries.fail(session, job.claimed.id, self.worker_id, f"gave up after {attempts} attempts: {error}")
                return
            retry_at = self.clock() + timedelta(minutes=min(2**attempts, 60))
            deliveries.record(session, job.claimed.id, self.worker_id, job.sent, utcnow())
            deliveries.release(session, job.claimed.id, self.worker_id, retry_at, error[:2000])

    def _follow_move(self, job: _Job, new_chat_id: str) -> None:
        with transaction(self.engine) as session:
            subscribers.migrate_chat(session, job.claimed.platform, job.chat_id, new_chat_id)

    # --- claiming and rendering ----------------------------------------------------

    async def _claim(self) -> int:
        """Claim a batch and queue its messages; returns how many deliveries were claimed."""
        claimed = await self._db(self._claim_rows)
        self._share_rate()
        if not claimed:
            return 0
        jobs = await self._db(self._prepare, claimed)
        now = time.monotonic()
        for job in jobs:
            self._push(job.claimed.platform, job, now)
        return len(claimed)

    def _share_rate(self) -> None:
        if not self.options.share_rate:
            return
        for platform, sender in self.senders.items():
            if sender.limits.per_second:
                self.pacers[platform].set_rate(sender.limits.per_second / self.live_workers)

    def _claim_rows(self) -> list[Claimed]:
        with transaction(self.engine) as session:
            if self.options.share_rate:
                self.live_workers = max(1, len(leases.live_workers(session, utcnow())))
            return deliveries.claim(
                session, self.worker_id, self.clock(), utcnow(), self.options.batch, platforms=sorted(self.senders)
            )

    def _prepare(self, claimed: Sequence[Claimed]) -> list[_Job]:
        gone = [c for c in claimed if not c.active]
        if gone:  # they said /stop (or blocked us) between the tick and now
            with transaction(self.engine) as session:
                for c in gone:
                    deliveries.fail(session, c.id, self.worker_id, "unsubscribed before it was sent")
            claimed = [c for c in claimed if c.active]
        jobs = self._alert_jobs([c for c in claimed if c.story_id is not None])
        claimed = [c for c in claimed if c.story_id is None]
        shows: dict[int, list[tuple[int, int]]] = {}  # delivery id → (story id, article count) it shows
        ids = [c.subscriber_id for c in claimed]
        with reading(self.engine) as session:
            previous = deliveries.previous_due(session, [(c.subscriber_id, c.due_at) for c in claimed])
            followed = subscribers.followed_by(session, ids)
            oldest = min((c.due_at for c in claimed), default=utcnow()) - self.options.remember
            seen = deliveries.seen_by(session, ids, oldest)
            moved: dict[datetime, list] = {}  # readers due together mostly share a window: one read for them all
            for c in claimed:
                prior = previous.get(c.subscriber_id)
                since = since_for(c.due_at, prior, self.options, period_of(c.weekday))
                if since not in moved:
                    moved[since] = candidates(session, since)
                picked = pick(
                    session,
                    since,
                    c.due_at,
                    self.options.digest_size,
                    tuple(followed[c.subscriber_id]),
                    seen[c.subscriber_id],
                    self.options.aliases,
                    moved[since],
                )
                shows[c.id] = [(id_of(s), s.article_count) for s in picked.stories]
                key = (
                    c.platform,
                    c.lang,
                    tuple(shows[c.id]),
                    len(picked.followed),
                    picked.updates,
                    tuple(sorted(picked.others.items())),
                    prior is not None,
                    c.timezone,
                    c.due_at,
                )
                if key not in self._rendered:
                    self._rendered[key] = self._render(session, c, picked, since, prior is not None)
                jobs.append(_Job(0.0, 0, c, list(self._rendered[key]), c.chat_id, list(c.message_ids)))
        self._remember_shown(shows)
        finished = [j for j in jobs if len(j.sent) >= len(j.parts)]  # all went out before a crash
        for job in finished:
            with transaction(self.engine) as session:
                deliveries.record(session, job.claimed.id, self.worker_id, job.sent, utcnow(), done=True)
        return [j for j in jobs if len(j.sent) < len(j.parts)]

    def _alert_jobs(self, claimed: Sequence[Claimed]) -> list[_Job]:
        """One short message per alert (:func:`mawjaz.delivery.alerts.alert_text`); the story counts as shown."""
        late = [c for c in claimed if c.due_at + self.options.alert_rule.stale < self.clock()]
        if late:
            with transaction(self.engine) as session:
                for c in late:
                    deliveries.fail(session, c.id, self.worker_id, "too late to be breaking news")
            claimed = [c for c in claimed if c not in late]
        if not claimed:
            return []
        with reading(self.engine) as session:
            found = stories_repo.by_ids(session, sorted({c.story_id for c in claimed if c.story_id is not None}))
            views = {view.id: view for view in story_views(session, found)}
        jobs = []
        for c in claimed:
            assert c.story_id is not None  # only alerts come here
            text = alert_text(views[c.story_id], development_of(c.local_date), c.lang)
            parts = self.senders[c.platform].render(None, text)
            jobs.append(_Job(0.0, 0, c, list(parts), c.chat_id, list(c.message_ids)))
        with transaction(self.engine) as session:
            stories_repo.mark_shown(session, list(views))
        return jobs

    def _remember_shown(self, shows: dict[int, list[tuple[int, int]]]) -> None:
        """Each digest's stories on its ledger row (the reader's next digest leaves them out unless they grew)."""
        story_ids = sorted({story_id for shown in shows.values() for story_id, _count in shown})
        with transaction(self.engine) as session:
            for delivery_id, shown in shows.items():
                deliveries.set_shown(session, delivery_id, self.worker_id, shown)
            if story_ids:
                stories_repo.mark_shown(session, story_ids)

    def _render(self, session, claimed: Claimed, picked: Picked, since: datetime, had_previous: bool) -> list[Outgoing]:
        sender = self.senders[claimed.platform]
        if not picked.stories:
            return sender.render(None, say("nothing_new" if had_previous else "nothing_today", claimed.lang))
        digest = digest_of(
            session,
            picked.stories,
            since,
            claimed.lang,
            followed=len(picked.followed),
            updates=picked.updates,
            now=claimed.due_at,
            zone=claimed.timezone,
            others=picked.others,
        )
        return sender.render(digest, None)
