"""Breaking alerts, once per story: which stories are breaking now, and who gets one short alert.

"Alert once, not forty times": an alert is about a *story* (every outlet's
article about one event), never an article, so forty outlets reporting one
event make one alert.

* **Breaking** (:func:`breaking`): a story is breaking at ``now`` when at
  least ``rule.outlets`` outlets *new to it* first reported it within the
  last ``rule.window`` (``MAWJAZ_ALERT_OUTLETS``, ``MAWJAZ_ALERT_WINDOW_MINUTES``:
  3 within 60 minutes). An outlet counts once, at its first copy; a story
  that slowly gathers outlets never breaks, and a sixth outlet an hour after
  a burst of five is no news.
* **Who** (:func:`due_alerts`): active readers with alerts ``on`` get every
  breaking story; readers on ``follows`` (the default) only the stories whose
  headline names a topic they follow (in any of its names, as their digest's
  «مواضيعك»); ``off`` none. Nobody in their quiet hours (local, may wrap past
  midnight: the story is in their next digest), nobody past ``rule.daily_cap``
  alerts on their local day.
* **Once** per story per reader, unless the story gains a *major
  development*: another burst of ``rule.outlets`` new outlets at least
  ``rule.development_gap`` (6 h) after the reader's last alert about it, at
  most ``rule.developments`` times.

An alert still unsent ``rule.stale`` (2 h) after it was due (the service
was down) is marked failed, not sent: it is no longer breaking news, and
the story is in the reader's digest. Both functions are pure, tested on a fixed clock; :func:`tick` loads their
inputs and enqueues the result into the delivery ledger (an alert is a
ledger row with its story: :mod:`mawjaz.storage.alerts`), ignoring rows that
exist, so it is idempotent across restarts and workers. The deliverer sends
alerts like digests, with the same pacing and the same crash guarantee.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfoNotFoundError

from mawjaz.bot.texts import say
from mawjaz.config import Settings
from mawjaz.delivery.schedule import zone
from mawjaz.digest import dates
from mawjaz.digest.topic import expand
from mawjaz.digest.views import StoryView
from mawjaz.storage import alerts as alerts_repo
from mawjaz.storage import deliveries, search, subscribers
from mawjaz.storage.alerts import FOLLOWS, OFF, ON, Sent, alert_key
from mawjaz.storage.deliveries import Due
from mawjaz.storage.engine import reading, transaction
from mawjaz.storage.models import id_of

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from mawjaz.text.aliases import AliasIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AlertRule:
    """When a story is breaking and how often a reader hears of it (the thresholds are settings)."""

    outlets: int = 3  # MAWJAZ_ALERT_OUTLETS: outlets new to the story…
    window: timedelta = timedelta(minutes=60)  # MAWJAZ_ALERT_WINDOW_MINUTES: …within this long
    daily_cap: int = 5  # MAWJAZ_ALERT_DAILY_CAP: alerts a reader gets on one local day
    development_gap: timedelta = timedelta(hours=6)  # a second alert about a story needs a new burst this much later
    developments: int = 2  # at most this many alerts after the first, per story and reader
    stale: timedelta = timedelta(hours=2)  # an alert not sent by then (the service was down) is dropped: old news

    @classmethod
    def from_settings(cls, settings: Settings) -> AlertRule:
        return cls(
            outlets=settings.alert_outlets,
            window=timedelta(minutes=settings.alert_window_minutes),
            daily_cap=settings.alert_daily_cap,
        )


@dataclass(frozen=True, slots=True)
class Burst:
    """A story breaking at ``now``: the outlets new to it within the window, and how many carry it in all."""

    story_id: int
    outlets: tuple[str, ...]
    total: int


@dataclass(frozen=True, slots=True)
class Reader:
    """What deciding a reader's alerts needs: their choice, zone, quiet hours and the breaking stories they follow."""

    subscriber_id: int
    mode: str  # on | follows | off
    timezone: str
    quiet: tuple[str, str] | None = None  # ('23:00', '07:00'), local
    follows: frozenset[int] = field(default_factory=frozenset)  # breaking stories whose headline names their topics


def breaking(now: datetime, arrivals: Mapping[int, Mapping[str, datetime]], rule: AlertRule) -> list[Burst]:
    """The stories breaking at ``now``, given each story's outlets and when each first carried it."""
    found = []
    start = now - rule.window
    for story_id, outlets in sorted(arrivals.items()):
        new = sorted((when, name) for name, when in outlets.items() if start < when <= now)
        if len(new) >= rule.outlets:
            found.append(Burst(story_id, tuple(name for _when, name in new), len(outlets)))
    return found


def quiet_now(now: datetime, timezone: str, quiet: tuple[str, str] | None) -> bool:
    """Whether ``now`` falls in the quiet hours ``[start, end)`` local time (``23:00–07:00`` wraps midnight)."""
    if quiet is None:
        return False
    start, end = (_clock(text) for text in quiet)
    local = now.astimezone(zone(timezone)).time().replace(second=0, microsecond=0, tzinfo=None)
    if start <= end:
        return start <= local < end
    return local >= start or local < end


def due_alerts(
    now: datetime,
    bursts: Sequence[Burst],
    readers: Sequence[Reader],
    sent: Mapping[tuple[int, int], Sent],
    sent_recently: Mapping[int, Sequence[datetime]],
    rule: AlertRule,
) -> list[Due]:
    """The alerts to enqueue at ``now`` (see the module doc); ``sent``: per (reader, story), the alerts so far;
    ``sent_recently``: each reader's alert times of the last day or two (for the daily cap)."""
    found: list[Due] = []
    for reader in readers:
        if reader.mode == OFF:
            continue
        try:
            if quiet_now(now, reader.timezone, reader.quiet):
                continue
            today = now.astimezone(zone(reader.timezone)).date()
            spent = sum(
                1
                for t in sent_recently.get(reader.subscriber_id, ())
                if t.astimezone(zone(reader.timezone)).date() == today
            )
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("subscriber %s has an unknown time zone %r: no alert", reader.subscriber_id, reader.timezone)
            continue
        for burst in bursts:
            if spent >= rule.daily_cap:
                break
            if reader.mode != ON and burst.story_id not in reader.follows:
                continue
            before = sent.get((reader.subscriber_id, burst.story_id))
            if before is not None and (before.count > rule.developments or now - before.latest < rule.development_gap):
                continue
            development = before.count if before is not None else 0
            found.append(Due(reader.subscriber_id, alert_key(burst.story_id, development), now, burst.story_id))
            spent += 1
    return found


MAX_NAMES = 4  # outlets named in an alert; the count says how many in all


def alert_text(view: StoryView, development: int, lang: str) -> str:
    """The alert: «عاجل: headline», the outlets carrying it, how to stop alerts (three short lines)."""
    key = "alert" if development == 0 else "alert_development"
    lines = [say(key, lang, headline=view.headline)]
    names = view.source_names
    if names:
        comma = "، " if lang == "ar" else ", "
        shown = comma.join(names[:MAX_NAMES]) + ("…" if len(names) > MAX_NAMES else "")
        lines.append(say("alert_sources", lang, count=dates.sources(len(view.sources), lang), names=shown))
    lines.append(say("alert_footer", lang))
    return "\n".join(lines)


def tick(engine: Engine, now: datetime, rule: AlertRule, aliases: AliasIndex | None = None) -> int:
    """Enqueue the alerts due at ``now``; returns how many rows were new."""
    with reading(engine) as session:
        bursts = breaking(now, alerts_repo.arrivals(session, now - rule.window, now), rule)
        if not bursts:
            return 0
        rows = alerts_repo.readers(session)
        story_ids = [b.story_id for b in bursts]
        followed = subscribers.followed_by(session, [id_of(r) for r in rows if r.alerts == FOLLOWS])
        about = {
            sub: _about(session, topics, story_ids, now - rule.window, aliases) for sub, topics in followed.items()
        }
        readers = [
            Reader(
                id_of(r),
                r.alerts,
                r.timezone,
                (r.quiet_start, r.quiet_end) if r.quiet_start and r.quiet_end else None,
                about.get(id_of(r), frozenset()),
            )
            for r in rows
        ]
        sent = alerts_repo.sent_about(session, story_ids)
        recent = alerts_repo.sent_since(session, now - timedelta(days=2))
    due = due_alerts(now, bursts, readers, sent, recent, rule)
    if not due:
        return 0
    with transaction(engine) as session:
        new = deliveries.enqueue(session, due)
    log.info("alerts at %s: %d breaking stories, %d alerts due, %d new", now.isoformat(), len(bursts), len(due), new)
    return new


def _about(
    session: Session, topics: Sequence[str], story_ids: Sequence[int], since: datetime, aliases: AliasIndex | None
) -> frozenset[int]:
    """Which of ``story_ids`` have one of ``topics`` in a headline (as a digest's «مواضيعك» decides)."""
    phrases = [phrase for topic in topics for phrase in expand(topic, aliases)]
    if not phrases:
        return frozenset()
    wanted = set(story_ids)
    hits = search.find(session, phrases, since, max(50, 4 * len(wanted)))
    return frozenset(hit.story_id for hit in hits if hit.in_headline and hit.story_id in wanted)


def _clock(text: str) -> time:
    hour, minute = (int(part) for part in text.split(":"))
    return time(hour, minute)
