"""The command core: one registry of commands, each a plain function ``(CommandRequest, Services) -> Reply``.

Telegram handlers, Slack subcommands, ``set_my_commands`` and ``/help`` are
all generated from :data:`COMMANDS`, so a command is written once. Handlers
touch no platform type and no network; they read and write through the
storage repositories. A wrong argument raises :class:`CommandError`, which
:func:`dispatch` turns into a short answer with the command's usage.

Who may do what: ``help``, ``topic`` and ``digest`` answer anyone; only
``start`` subscribes; commands that change a chat's settings need
``request.may_configure`` (in a group, only administrators); ``feeds`` is for
Mawjaz's own administrators (``MAWJAZ_ADMINS``), and a feed URL passes the URL
guard before it is stored. Every command spends one token of the user's
budget (:mod:`mawjaz.bot.command_budget`); an empty budget gets a polite "wait".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from mawjaz.bot import channels as channels_core
from mawjaz.bot.args import (
    COMMON_ZONES,
    each_weekday,
    parse_channel,
    parse_every,
    parse_interval,
    parse_time,
    parse_times,
    parse_zone,
    split_command,
    zone_label,
)
from mawjaz.bot.texts import say
from mawjaz.bot.values import Choice, CommandRequest, Reply, Services
from mawjaz.digest import dates
from mawjaz.digest.build import digest_of
from mawjaz.digest.pick import pick
from mawjaz.digest.topic import OLDER_PROBE, check_query, find_topic
from mawjaz.digest.views import Digest, TopicAnswer
from mawjaz.errors import CommandError, IngestError
from mawjaz.ingest.guard import check_url
from mawjaz.pipeline.feedlist import Found
from mawjaz.storage import alerts as alerts_repo
from mawjaz.storage import feeds as feeds_repo
from mawjaz.storage import subscribers
from mawjaz.storage.engine import reading, transaction
from mawjaz.storage.models import Subscriber, id_of
from mawjaz.text import bidi, normalise

log = logging.getLogger(__name__)

Handler = Callable[[CommandRequest, Services], Reply]


@dataclass(frozen=True, slots=True)
class Command:
    """One command: its name (Latin, as Telegram requires), aliases people type, help, and handler."""

    name: str
    aliases: tuple[str, ...]
    usage: str
    help_ar: str
    help_en: str
    handler: Handler
    configures: bool = False  # changes the chat's settings: administrators only in groups
    admin: bool = False  # Mawjaz administrators only (MAWJAZ_ADMINS)

    def help(self, lang: str) -> str:
        return self.help_en if lang == "en" else self.help_ar


# --- helpers ---------------------------------------------------------------


def _lang_of(row: Subscriber | None) -> str:
    return row.lang if row is not None else "ar"


def _schedule(row: Subscriber) -> dict[str, str]:
    return {
        "time": _times_said((row.digest_time, *row.later_times.split()), row.lang),
        "zone": zone_label(row.timezone, row.lang),
    }


def _lookup(request: CommandRequest, services: Services) -> Subscriber | None:
    with reading(services.engine) as session:
        return subscribers.find(session, request.chat.platform, request.chat.chat_id)


def _configure(request: CommandRequest, services: Services, **values) -> Subscriber:
    """Create the chat's row if needed and set ``values`` on it."""
    with transaction(services.engine) as session:
        row = subscribers.ensure(session, request.chat, services.defaults)
        if values:
            subscribers.change(session, row, **values)
        return row


def _saved(row: Subscriber, sentence: str) -> Reply:
    if not row.active:
        sentence += "\n" + say("saved_inactive", row.lang)
    return Reply(text=sentence, lang=row.lang)


# --- handlers --------------------------------------------------------------


def start(request: CommandRequest, services: Services) -> Reply:
    values, problem = {}, ""
    if request.args.strip():  # /start Africa/Cairo; anything else (a deep-link payload) does not stop subscribing
        try:
            values["timezone"] = parse_zone(request.args)
        except CommandError as exc:
            problem = f"\n{exc}"
    with transaction(services.engine) as session:
        row = subscribers.ensure(session, request.chat, services.defaults)
        was_active = row.active
        subscribers.change(
            session,
            row,
            active=True,
            chat_type=request.chat.chat_type,
            team_id=request.chat.team_id or row.team_id,
            **values,
        )
    key = "already" if was_active else "welcome"
    return Reply(text=_said_with_schedule(key, row) + problem, lang=row.lang, menu=_menu(row.lang))


STOP_YES = frozenset({"yes", "confirm", "نعم", "تأكيد"})
STOP_KEEP = frozenset({"keep", "no", "لا", "إبقاء"})


def stop(request: CommandRequest, services: Services) -> Reply:
    """Asks first (confirm / keep); ``stop yes`` unsubscribes, ``stop keep`` leaves everything as it was."""
    row = _lookup(request, services)
    if row is None or not row.active:
        return Reply(text=say("not_subscribed", _lang_of(row)), lang=_lang_of(row))
    answer = request.args.strip().casefold()
    if answer in STOP_KEEP:
        return Reply(text=_said_with_schedule("kept", row), lang=row.lang)
    if answer not in STOP_YES:
        choices = (Choice(say("stop_yes", row.lang), "stop", "yes"), Choice(say("stop_keep", row.lang), "stop", "keep"))
        return Reply(text=say("stop_confirm", row.lang), lang=row.lang, choices=choices)
    with transaction(services.engine) as session:
        subscribers.deactivate(session, id_of(row))
    return Reply(text=say("stopped", row.lang), lang=row.lang)


def time_(request: CommandRequest, services: Services) -> Reply:
    """``/time 07:30`` or up to three times, ``/time 07:30 19:30``: each digest covers what came since the last."""
    times = parse_times(request.args)
    row = _configure(request, services, digest_time=times[0], later_times=" ".join(times[1:]))
    return _saved(row, _schedule_sentence(row))


def tz(request: CommandRequest, services: Services) -> Reply:
    if not request.args.strip():
        lang = _lang_of(_lookup(request, services))
        choices = tuple(Choice(zone_label(zone, lang), "tz", zone) for zone, _ar, _en in COMMON_ZONES)
        return Reply(text=say("choose_zone", lang), lang=lang, choices=choices)
    zone = parse_zone(request.args)
    row = _configure(request, services, timezone=zone)
    return _saved(row, _schedule_sentence(row))


def lang(request: CommandRequest, services: Services) -> Reply:
    wanted = request.args.strip().casefold()
    choice = {
        "ar": "ar",
        "arabic": "ar",
        "عربي": "ar",
        "العربية": "ar",
        "en": "en",
        "english": "en",
        "إنجليزي": "en",
        "انجليزي": "en",
        "الإنجليزية": "en",
    }.get(wanted)
    if choice is None:
        current = _lang_of(_lookup(request, services))
        return Reply(
            text=say("lang_usage", current),
            lang=current,
            choices=(Choice("العربية", "lang", "ar"), Choice("English", "lang", "en")),
        )
    _configure(request, services, lang=choice)
    return Reply(text=say("lang_set", choice), lang=choice)


def _topic_of(request: CommandRequest, services: Services, usage: str) -> str:
    """The topic in ``request.args``; none at all gets this command's own usage, not /topic's."""
    if not request.args.strip():
        raise CommandError(say(usage, "ar") + "\n" + say(usage, "en"))
    return check_query(request.args)


def follow(request: CommandRequest, services: Services) -> Reply:
    topic = _topic_of(request, services, "follow_usage")
    with transaction(services.engine) as session:
        row = subscribers.ensure(session, request.chat, services.defaults)
        count = len(subscribers.followed(session, id_of(row)))
        if count >= subscribers.MAX_FOLLOWED:
            return Reply(text=say("too_many", row.lang, count=count), lang=row.lang)
        new = subscribers.follow(session, id_of(row), topic, normalise(topic))
    return _saved(row, say("followed" if new else "already_followed", row.lang, topic=topic))


def unfollow(request: CommandRequest, services: Services) -> Reply:
    topic = _topic_of(request, services, "unfollow_usage")
    row = _lookup(request, services)
    if row is None:
        return Reply(text=say("not_followed", "ar", topic=topic))
    with transaction(services.engine) as session:
        gone = subscribers.unfollow(session, id_of(row), normalise(topic))
    return Reply(text=say("unfollowed" if gone else "not_followed", row.lang, topic=topic), lang=row.lang)


def following(request: CommandRequest, services: Services) -> Reply:
    row = _lookup(request, services)
    lang_ = _lang_of(row)
    if row is None:
        return Reply(text=say("following_none", lang_), lang=lang_)
    with reading(services.engine) as session:
        topics = [f.topic for f in subscribers.followed(session, id_of(row))]
    if not topics:
        return Reply(text=say("following_none", lang_), lang=lang_)
    return Reply(text="\n".join([say("following", lang_), *(f"• {t}" for t in topics)]), lang=lang_)


#: ``/topic --all QUERY`` searches all time (the button an empty answer offers sends it).
ALL_TIME = "--all"


def topic(request: CommandRequest, services: Services) -> Reply:
    query = request.args  # checked once, by find_topic
    all_time = query.strip().startswith(ALL_TIME + " ")
    if all_time:
        query = query.strip()[len(ALL_TIME) :]
    lang_ = _lang_of(_lookup(request, services))
    since = None if all_time else services.clock() - services.topic_window
    wanted = services.page_size * request.page + 1  # one more tells whether a next page exists
    with reading(services.engine) as session:
        answer = find_topic(session, query, since, wanted, services.aliases)
    days = services.topic_window.days
    if not answer.stories and answer.older:
        count = f"{answer.older}+" if answer.older >= OLDER_PROBE else str(answer.older)
        return Reply(
            text=say("topic_older", lang_, query=answer.query, days=days, count=count),
            lang=lang_,
            choices=(Choice(say("search_all", lang_), request.command, f"{ALL_TIME} {answer.query}"),),
        )
    if not answer.stories:
        return Reply(text=say("no_results", lang_, query=answer.query), lang=lang_)
    return _page(
        request,
        services,
        answer.stories,
        topic_title(answer, lang_, None if all_time else days),
        lang_,
        request.args.strip(),
        _zone_of(request, services),
    )


def topic_title(answer: TopicAnswer, lang_: str, days: int | None) -> str:
    """«نتائج البحث عن «داعش» (آخر 30 يوماً)» and, for a name with others, the line of names also searched."""
    window = say("topic_window", lang_, days=days) if days is not None else say("topic_all_time", lang_)
    title = f"{say('topic_title', lang_, query=answer.query)} ({window})"
    if answer.names:
        comma = "، " if lang_ == "ar" else ", "
        shown = comma.join(answer.names[:MAX_NAMES_SHOWN])
        title += "\n" + say("searched_also", lang_, names=shown + ("…" if len(answer.names) > MAX_NAMES_SHOWN else ""))
    return title


#: Other names listed under a /topic title; the rest are searched too, and shown as «…».
MAX_NAMES_SHOWN = 4


def digest(request: CommandRequest, services: Services) -> Reply:
    row = _lookup(request, services)
    lang_ = _lang_of(row)
    since = services.clock() - services.digest_window
    with reading(services.engine) as session:
        followed = [t.topic for t in subscribers.followed(session, id_of(row))] if row is not None else []
        picked = pick(session, since, services.clock(), services.digest_size, followed, aliases=services.aliases)
        found = digest_of(session, picked.stories, since, lang_, followed=len(picked.followed), others=picked.others)
    if not found.stories:
        return Reply(text=say("nothing_today", lang_), lang=lang_)
    zone = row.timezone if row is not None else services.defaults.timezone
    title = say("digest_title", lang_, date=dates.long_date(services.clock(), zone, lang_))
    return _page(request, services, found.stories, title, lang_, "", zone)


def _zone_of(request: CommandRequest, services: Services) -> str:
    row = _lookup(request, services)
    return row.timezone if row is not None else services.defaults.timezone


def _page(
    request: CommandRequest, services: Services, stories, title: str, lang_: str, args: str, zone: str | None = None
) -> Reply:
    """One page of ``stories``, with a button for the next when there is more."""
    size = services.page_size
    start_at = (request.page - 1) * size
    shown = stories[start_at : start_at + size]
    if not shown:
        return Reply(text=say("expired", lang_), lang=lang_)
    more = None
    if len(stories) > start_at + size:
        more = Choice(say("more", lang_), request.command, args, request.page + 1)
    if request.page > 1:
        title = f"{title} {say('page', lang_, page=request.page)}"
    shown_digest = Digest(
        stories=tuple(shown),
        lang=lang_,
        now=services.clock(),
        zone=zone,
        first_number=start_at + 1,
        pages=services.pages,
    )
    return Reply(stories=shown_digest, title=title, lang=lang_, more=more)


DEFAULT_FEED_INTERVAL_S = 900


def feeds(request: CommandRequest, services: Services) -> Reply:
    """``feeds add URL [interval]``, ``feeds list``, ``feeds remove URL`` (administrators only)."""
    lang_ = _lang_of(_lookup(request, services))
    action, _, tail = request.args.strip().partition(" ")
    action, rest = action.casefold(), tail.split()
    if action in ("", "list", "قائمة"):
        return _feed_list(services, lang_)
    if action in ("add", "أضف", "اضف") and 1 <= len(rest) <= 2:
        url = rest[0]
        seconds = parse_interval(rest[1]) if len(rest) == 2 else DEFAULT_FEED_INTERVAL_S
        try:
            (services.check_url or check_url)(url)
            found = services.find_feed(url) if services.find_feed else Found(url)
        except IngestError as exc:
            raise CommandError(str(exc)) from None
        with transaction(services.engine) as session:
            _feed, new = feeds_repo.add(session, found.url, seconds)
        log.info("feed %s added from chat by %s:%s", found.url, request.chat.platform, request.user_id)
        text = say("feed_added" if new else "feed_updated", lang_, url=found.url, seconds=seconds)
        if found.url != url:
            text += "\n" + say("feed_found", lang_, url=url)
        return Reply(text=text, lang=lang_)
    if action in ("remove", "احذف", "حذف") and len(rest) == 1:
        with transaction(services.engine) as session:
            gone = feeds_repo.remove(session, rest[0])
        return Reply(text=say("feed_removed" if gone else "feed_missing", lang_, url=rest[0]), lang=lang_)
    return Reply(text=say("feeds_usage", lang_), lang=lang_)


def _feed_list(services: Services, lang_: str) -> Reply:
    with reading(services.engine) as session:
        rows = feeds_repo.all_feeds(session)
    if not rows:
        return Reply(text=say("feeds_none", lang_), lang=lang_)
    lines = [say("feeds_title", lang_)]
    for feed in rows:
        last = feed.last_ok_at.strftime("%Y-%m-%d %H:%M UTC") if feed.last_ok_at else say("never", lang_)
        errors = (
            say("feed_errors", lang_, count=feed.error_count, error=(feed.last_error or "")[:120])
            if feed.error_count
            else ""
        )
        lines.append(say("feed_line", lang_, url=feed.url, seconds=feed.interval_s, last=last, errors=errors))
    return Reply(text="\n".join(lines), lang=lang_)


# --- breaking alerts (mawjaz.delivery.alerts sends them) -------------------------

ALERT_WORDS = {
    "on": alerts_repo.ON,
    "تشغيل": alerts_repo.ON,
    "نعم": alerts_repo.ON,
    "off": alerts_repo.OFF,
    "إيقاف": alerts_repo.OFF,
    "ايقاف": alerts_repo.OFF,
    "لا": alerts_repo.OFF,
    "follows": alerts_repo.FOLLOWS,
    "topics": alerts_repo.FOLLOWS,
    "مواضيعي": alerts_repo.FOLLOWS,
}
QUIET_OFF = frozenset({"off", "none", "إلغاء", "الغاء", "إيقاف", "ايقاف"})


def alerts(request: CommandRequest, services: Services) -> Reply:
    """``alerts on|off|follows``: every breaking story, none, or only those of followed topics (the default)."""
    wanted = ALERT_WORDS.get(request.args.strip().casefold())
    if wanted is None:
        row = _lookup(request, services)
        lang_ = _lang_of(row)
        mode = say(f"alerts_mode_{row.alerts if row is not None else alerts_repo.FOLLOWS}", lang_)
        choices = (
            Choice(say("alerts_mode_on", lang_), "alerts", alerts_repo.ON),
            Choice(say("alerts_mode_follows", lang_), "alerts", alerts_repo.FOLLOWS),
            Choice(say("alerts_mode_off", lang_), "alerts", alerts_repo.OFF),
        )
        return Reply(text=say("alerts_usage", lang_, mode=mode), lang=lang_, choices=choices)
    row = _configure(request, services, alerts=wanted)
    return _saved(row, say(f"alerts_{wanted}", row.lang))


def quiet(request: CommandRequest, services: Services) -> Reply:
    """``quiet 23:00 07:00``: no alert between those local times (past midnight too); ``quiet off`` ends them."""
    words = [w for w in re.split(r"[\s\-–—]+", request.args.strip()) if w]  # '23:00 07:00' or '23:00-07:00'
    if len(words) == 1 and words[0].casefold() in QUIET_OFF:
        row = _configure(request, services, quiet_start=None, quiet_end=None)
        return Reply(text=say("quiet_off", row.lang), lang=row.lang)
    if len(words) != 2:
        raise CommandError(say("quiet_usage", "ar") + "\n" + say("quiet_usage", "en"))
    start, end = (parse_time(word) for word in words)
    if start == end:
        raise CommandError(say("quiet_usage", "ar") + "\n" + say("quiet_usage", "en"))
    row = _configure(request, services, quiet_start=start, quiet_end=end)
    zone = zone_label(row.timezone, row.lang)
    return Reply(text=say("quiet_set", row.lang, start=start, end=end, zone=zone), lang=row.lang)


def help_(request: CommandRequest, services: Services) -> Reply:
    lang_ = _lang_of(_lookup(request, services))
    admin = services.is_admin(request.chat.platform, request.user_id)
    return Reply(text=help_text(lang_, admin=admin), lang=lang_)


def help_text(lang: str, *, admin: bool = False) -> str:
    """Every command the asker may run: administrators' commands only for them."""
    lines = [say("help_title", lang)]
    for command in COMMANDS:
        if command.admin and not admin:
            continue
        lines.append(f"/{command.name} {command.usage}".rstrip() + f" — {command.help(lang)}")
    lines.append(say("help_footer", lang))
    return "\n".join(lines)


def _menu(lang: str) -> tuple[str, ...]:
    return ("الموجز", "متابعاتي", "مساعدة", "إيقاف") if lang == "ar" else ("digest", "following", "help", "stop")


# --- schedules a reader picks and Telegram channels (issue 21) -------------------------


def _times_said(times: tuple[str, ...], lang: str) -> str:
    """``07:30``, ``07:30 و19:30``, ``07:00، 13:00 و19:30`` (English: ``07:00, 13:00 and 19:30``)."""
    if len(times) == 1:
        return times[0]
    comma, last = ("، ", " و") if lang == "ar" else (", ", " and ")
    return comma.join(times[:-1]) + last + times[-1]


def _schedule_sentence(row: Subscriber) -> str:
    """When the digests come: every day at one or more times, or one weekday a week."""
    if row.weekday is not None:
        return say("schedule_week", row.lang, weekday=each_weekday(row.weekday, row.lang), **_schedule(row))
    return say("schedule_times" if row.later_times else "schedule", row.lang, **_schedule(row))


def _said_with_schedule(key: str, row: Subscriber) -> str:
    """``welcome``, ``already`` or ``kept``, in its weekly form (``welcome_week`` …) for a weekly reader."""
    if row.weekday is not None:
        return say(f"{key}_week", row.lang, weekday=each_weekday(row.weekday, row.lang), **_schedule(row))
    return say(key, row.lang, **_schedule(row))


def every(request: CommandRequest, services: Services) -> Reply:
    """``/every day`` or ``/every week [weekday]`` (this weekday when none is given)."""
    row = _lookup(request, services)
    zone = row.timezone if row is not None else services.defaults.timezone
    today = dates.local(services.clock(), zone).weekday()
    row = _configure(request, services, weekday=parse_every(request.args, today))
    return _saved(row, _schedule_sentence(row))


def channel(request: CommandRequest, services: Services) -> Reply:
    """``/channel add @name [HH:MM…] [Area/City] [ar|en]``, ``/channel list``, ``/channel remove @name``."""
    lang_ = _lang_of(_lookup(request, services))
    action, _, tail = request.args.strip().partition(" ")
    action, rest = action.casefold(), tail.split()
    if action in ("", "list", "قائمة"):
        return _channel_list(services, lang_)
    if action in ("add", "أضف", "اضف") and rest:
        if services.check_channel is None:
            return Reply(text=say("channel_telegram_only", lang_), lang=lang_)
        name = parse_channel(rest[0])
        found, _new = channels_core.add(
            services.engine, name, channels_core.parse_settings(rest[1:]), services.defaults, services.check_channel
        )
        log.info("channel %s added from chat by %s:%s", name, request.chat.platform, request.user_id)
        times = _times_said(found.times, lang_)
        return Reply(
            text=say("channel_added", lang_, channel=found.channel, time=times, zone=zone_label(found.timezone, lang_)),
            lang=lang_,
        )
    if action in ("remove", "احذف", "حذف") and len(rest) == 1:
        name = parse_channel(rest[0])
        gone = channels_core.remove(services.engine, name)
        return Reply(text=say("channel_removed" if gone else "channel_missing", lang_, channel=name), lang=lang_)
    return Reply(text=say("channel_usage", lang_), lang=lang_)


def _channel_list(services: Services, lang_: str) -> Reply:
    found = channels_core.listed(services.engine)
    if not found:
        return Reply(text=say("channels_none", lang_), lang=lang_)
    lines = [say("channels_title", lang_)]
    for item in found:
        state = say("channel_active" if item.active else "channel_paused", lang_)
        times = _times_said(item.times, lang_)
        zone = zone_label(item.timezone, lang_)
        lines.append(
            say("channel_line", lang_, channel=item.channel, time=times, zone=zone, language=item.lang, state=state)
        )
    return Reply(text="\n".join(lines), lang=lang_)


# --- the registry ------------------------------------------------------------

COMMANDS: tuple[Command, ...] = (
    Command(
        "start",
        ("subscribe", "اشتراك", "اشترك", "ابدأ", "ابدا"),
        "[Area/City]",
        "الاشتراك في الموجز اليومي",
        "subscribe to the daily brief",
        start,
        configures=True,
    ),
    Command(
        "stop",
        ("unsubscribe", "إيقاف", "ايقاف", "توقف", "إلغاء", "الغاء"),
        "",
        "إيقاف الموجز اليومي",
        "stop the daily brief",
        stop,
        configures=True,
    ),
    Command(
        "time",
        ("الوقت", "وقت", "موعد"),
        "HH:MM [HH:MM…]",
        "وقت الموجز (24 ساعة)، حتى ثلاثة في اليوم: /time 07:30 19:30",
        "time of the brief (24 h), up to three a day: /time 07:30 19:30",
        time_,
        configures=True,
    ),
    Command(
        "every",
        ("كل", "التكرار", "تكرار"),
        "day|week [weekday]",
        "كل يوم أو كل أسبوع: /every week الجمعة",
        "every day or once a week: /every week friday",
        every,
        configures=True,
    ),
    Command(
        "tz",
        ("timezone", "zone", "المنطقة", "منطقة", "التوقيت"),
        "Area/City",
        "المنطقة الزمنية، مثل Asia/Riyadh",
        "time zone, e.g. Asia/Riyadh",
        tz,
        configures=True,
    ),
    Command(
        "topic",
        ("موضوع", "بحث", "ابحث"),
        "…",
        "أخبار موضوع بكل أسمائه، مثل: /topic داعش",
        "news about a topic in all its names",
        topic,
    ),
    Command(
        "follow",
        ("تابع", "متابعة"),
        "…",
        "متابعة موضوع: أخباره أولاً في موجزك",
        "follow a topic: its news first in your brief",
        follow,
        configures=True,
    ),
    Command(
        "unfollow",
        ("الغاء_المتابعة", "إلغاء_المتابعة"),
        "…",
        "إلغاء متابعة موضوع",
        "stop following a topic",
        unfollow,
        configures=True,
    ),
    Command("following", ("متابعاتي", "المتابعات"), "", "المواضيع التي تتابعها", "the topics you follow", following),
    Command("digest", ("الموجز", "موجز", "today"), "", "موجز الأخبار الآن", "the brief, now", digest),
    Command(
        "lang",
        ("language", "اللغة", "لغة"),
        "ar|en",
        "لغة الواجهة: ar أو en",
        "interface language: ar or en",
        lang,
        configures=True,
    ),
    Command(
        "feeds",
        ("المصادر", "مصادر"),
        "add|list|remove URL",
        "إدارة مصادر الأخبار (لمديري موجز)",
        "manage news feeds (Mawjaz administrators)",
        feeds,
        admin=True,
    ),
    Command(
        "channel",
        ("channels", "قناة", "القنوات"),
        "add|list|remove @channel",
        "نشر الموجز في قناة تيليغرام (لمديري موجز)",
        "post the brief to a Telegram channel (Mawjaz administrators)",
        channel,
        admin=True,
    ),
    Command(
        "alerts",
        ("تنبيهات", "التنبيهات"),
        "on|off",
        "تنبيه واحد لكل خبر عاجل: on للجميع، off لإيقافها (افتراضياً: مواضيعك فقط)",
        "one alert per breaking story: on for all, off for none (by default: your topics only)",
        alerts,
        configures=True,
    ),
    Command(
        "quiet",
        ("هدوء", "الهدوء"),
        "HH:MM HH:MM",
        "ساعات بلا تنبيهات، مثل: /quiet 23:00 07:00 (أو off)",
        "hours without alerts, e.g. /quiet 23:00 07:00 (or off)",
        quiet,
        configures=True,
    ),
    Command("help", ("مساعدة", "المساعدة", "أوامر", "الأوامر", "?", "؟"), "", "هذه القائمة", "this list", help_),
)

BY_WORD: dict[str, Command] = {}
for _command in COMMANDS:
    for _word in (_command.name, *_command.aliases):
        BY_WORD[_word.casefold()] = _command


def find(word: str) -> Command | None:
    """The command a typed word (name or alias, any case, with or without ``/``) means."""
    return BY_WORD.get(word.lstrip("/").casefold())


def dispatch(request: CommandRequest, services: Services) -> Reply:
    """Run the request's command; wrong input becomes a short, helpful answer, never a traceback."""
    command = find(request.command)
    if command is None:
        lang_ = _safe_lang(request, services)
        return Reply(text=say("unknown", lang_, name=request.command[:40]), lang=lang_)
    user = f"{request.chat.platform}:{request.user_id or 'chat:' + request.chat.chat_id}"
    if not services.throttle.allow(user):
        log.info("command budget spent for %s", user)
        lang_ = _safe_lang(request, services)
        seconds = max(1, round(services.throttle.wait_for(user)))
        return Reply(text=say("slow_down", lang_, seconds=seconds), lang=lang_)
    if command.admin and not services.is_admin(request.chat.platform, request.user_id):
        log.warning("refused %s from %s: not in MAWJAZ_ADMINS", command.name, user)
        lang_ = _safe_lang(request, services)
        return Reply(text=say("feeds_admins_only", lang_), lang=lang_)
    if command.configures and not request.may_configure:
        lang_ = _safe_lang(request, services)
        return Reply(text=say("admins_only", lang_), lang=lang_)
    try:
        return command.handler(replace(request, command=command.name), services)
    except CommandError as exc:
        lang_ = _safe_lang(request, services)
        usage = f"\n/{command.name} {command.usage}".rstrip() if command.usage else ""
        return Reply(text=f"{in_language(str(exc), lang_)}{usage}", lang=lang_)


def in_language(message: str, lang: str) -> str:
    """An error said in both languages (an Arabic line, then an English one) cut to the reader's line."""
    lines = message.split("\n")
    if len(lines) == 2 and bidi.direction(lines[0], "ar") == bidi.RTL and bidi.direction(lines[1], "en") == bidi.LTR:
        return lines[1] if lang == "en" else lines[0]
    return message


def dispatch_text(request: CommandRequest, services: Services) -> Reply:
    """Dispatch a whole typed line (``'/time ٠٧:٣٠'`` or ``'موضوع داعش'``), splitting command and arguments."""
    word, args = split_command(request.args)
    return dispatch(replace(request, command=word, args=args), services)


def _safe_lang(request: CommandRequest, services: Services) -> str:
    try:
        return _lang_of(_lookup(request, services))
    except Exception:  # the answer must not fail because the database did
        return "ar"
