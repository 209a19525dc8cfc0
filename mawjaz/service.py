"""``mawjaz run`` and ``mawjaz deliver``: the bots, the minute tick, delivery and feed polling in one process.

One asyncio loop holds everything: python-telegram-bot's application (polling
or webhook), the Slack app (HTTP or Socket Mode), one ASGI server
(:mod:`mawjaz.web.server`) for the story pages, Slack's events and Telegram's
webhook together, and an
APScheduler ``AsyncIOScheduler`` with four small jobs:

* **tick** (every minute): renew this worker's lease, requeue deliveries of
  dead workers, enqueue the digests and breaking alerts now due, and start a
  delivery pass;
* **heartbeat**: keep this worker's liveness lease fresh;
* **feeds**: fetch the feeds that are due;
* **poller** (Telegram polling mode): hold the ``telegram:poller`` lease, so
  exactly one worker calls ``getUpdates`` (Telegram allows one), and take
  over within a minute when that worker dies.

The scheduler holds no state worth keeping: the database does. Killing the
process at any moment loses nothing (see :mod:`mawjaz.delivery.deliverer`).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial, wraps
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from mawjaz.bot.routes import Route
from mawjaz.bot.turns import ChatTurns
from mawjaz.bot.values import Services
from mawjaz.config import Settings
from mawjaz.delivery import alerts, schedule
from mawjaz.delivery.deliverer import Deliverer, DeliveryOptions, DeliveryReport
from mawjaz.delivery.sender import TELEGRAM_LIMITS, Sender
from mawjaz.delivery.workers import DEFAULT_TTL, Liveness
from mawjaz.errors import ConfigError
from mawjaz.ingest.guard import check_url, public_only
from mawjaz.pipeline.feedlist import Found, find_feed
from mawjaz.pipeline.polling import http_client, poll_due_feeds
from mawjaz.pipeline.store import WriteOptions
from mawjaz.storage import leases
from mawjaz.storage.engine import reading, transaction
from mawjaz.storage.models import utcnow
from mawjaz.storage.subscribers import Defaults

if TYPE_CHECKING:
    import httpx
    from slack_bolt import App
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from sqlalchemy import Engine
    from telegram.ext import Application

    from mawjaz.text.aliases import AliasIndex
    from mawjaz.web.server import Endpoint, WebServer

log = logging.getLogger(__name__)

POLLER_LEASE = "telegram:poller"


@dataclass(frozen=True)
class Timing:
    """How often things happen; tests shorten them."""

    tick_s: float = 60.0
    feeds_s: float = 30.0
    poll_timeout_s: float = 10.0  # Telegram long poll
    worker_ttl: timedelta = DEFAULT_TTL
    poller_ttl: timedelta = timedelta(seconds=45)


@dataclass(frozen=True)
class DeliverResult:
    enqueued: int
    report: DeliveryReport
    requeued: int = 0
    elsewhere: int = 0  # still being sent by another live worker
    alerts: int = 0  # breaking alerts enqueued (mawjaz.delivery.alerts)


def services_for(
    settings: Settings,
    engine: Engine,
    clock: Callable[[], datetime] = utcnow,
    aliases: AliasIndex | None = None,
    turns: ChatTurns | None = None,
) -> Services:
    """What the command handlers use, every value taken from ``settings`` (and the aliases built from them)."""
    defaults = Defaults(timezone=settings.default_timezone, digest_time=settings.default_digest_time)
    guard = partial(check_url, allow_private=settings.allow_private_urls)
    return Services(
        engine=engine,
        defaults=defaults,
        digest_size=settings.digest_size,
        clock=clock,
        admins=settings.admin_ids(),
        check_url=guard,
        find_feed=partial(_find_feed, settings),
        aliases=aliases,
        turns=turns,
        pages=settings.public_base,
    )


def _find_feed(settings: Settings, url: str) -> Found:
    """The feed at ``url`` or the one its page declares, fetched as ``mawjaz feeds add`` fetches it (guarded, bounded)."""
    guard = public_only(allow_private=settings.allow_private_urls)
    with http_client(settings) as client:
        return find_feed(url, client, settings.max_input_bytes, guard)


def check_settings(settings: Settings) -> None:
    """Refuse to start with settings that cannot work, saying what to set."""
    if settings.telegram_token is None and settings.slack_bot_token is None:
        raise ConfigError(
            "nothing to run: set MAWJAZ_TELEGRAM_TOKEN for Telegram and/or "
            "MAWJAZ_SLACK_BOT_TOKEN with MAWJAZ_SLACK_SIGNING_SECRET for Slack (or `mawjaz web` for the story pages alone)"
        )
    if (
        settings.slack_bot_token is not None
        and settings.slack_signing_secret is None
        and settings.slack_app_token is None
    ):
        raise ConfigError("Slack needs MAWJAZ_SLACK_SIGNING_SECRET (HTTP mode) or MAWJAZ_SLACK_APP_TOKEN (Socket Mode)")
    if settings.telegram_webhook_url and settings.telegram_webhook_secret is None:
        raise ConfigError(
            "a Telegram webhook needs MAWJAZ_TELEGRAM_WEBHOOK_SECRET (Telegram sends it with every update)"
        )


def _job(run: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    """A scheduled job that a shutdown ends quietly, with one log line.

    Stopping the scheduler cancels the jobs in flight (apscheduler's asyncio
    executor cancels their futures), and apscheduler logs any exception a
    job ends with, a cancellation too, as a traceback: a feed poll under way
    at SIGTERM printed one on an orderly stop. The work of a job's thread is
    not cut (a thread cannot be); the process waits for it before it exits,
    so nothing it was storing is lost.
    """

    @wraps(run)  # the job's name in apscheduler's log lines stays the function's
    async def job(*args: object) -> None:
        try:
            await run(*args)
        except asyncio.CancelledError:
            log.info("%s stopped by the shutdown", getattr(run, "__name__", "a job"))

    return job


async def _beat(liveness: Liveness) -> None:
    try:
        await asyncio.to_thread(liveness.beat)
    except Exception:  # the database may be away; the next beat tries again
        log.warning("could not renew this worker's lease", exc_info=True)


async def _keep_alive(liveness: Liveness) -> None:
    while True:
        await asyncio.sleep(liveness.ttl.total_seconds() / 3)
        await _beat(liveness)


# --- mawjaz deliver ------------------------------------------------------------------


async def deliver_once(
    engine: Engine,
    senders: dict[str, Sender],
    at: datetime | None = None,
    options: DeliveryOptions = DeliveryOptions(),
    worker_id: str | None = None,
    ttl: timedelta = DEFAULT_TTL,
) -> DeliverResult:
    """One tick by hand as if the clock read ``at``: enqueue what is due, then send everything queued."""
    clock = (lambda: at) if at is not None else utcnow
    liveness = Liveness(engine, worker_id, ttl)
    await asyncio.to_thread(liveness.beat)
    requeued = await asyncio.to_thread(liveness.sweep)
    enqueued = await asyncio.to_thread(schedule.tick, engine, clock())
    alerted = await asyncio.to_thread(alerts.tick, engine, clock(), options.alert_rule, options.aliases)
    keeper = asyncio.create_task(_keep_alive(liveness))
    try:
        report = await Deliverer(engine, senders, liveness.worker_id, options, clock).run()
    finally:
        keeper.cancel()
        await asyncio.to_thread(liveness.stop)
    elsewhere = await asyncio.to_thread(_in_flight, engine)
    return DeliverResult(enqueued, report, requeued, elsewhere, alerted)


def _in_flight(engine: Engine) -> int:
    from mawjaz.storage import deliveries

    with reading(engine) as session:
        return deliveries.status_counts(session)[deliveries.SENDING]


async def open_senders(settings: Settings) -> tuple[dict[str, Sender], list]:
    """Senders for the configured platforms (no bot application), and what to close afterwards."""
    from mawjaz.bot.slack.send import SlackSender, make_client
    from mawjaz.bot.telegram.adapter import open_bot
    from mawjaz.bot.telegram.send import TelegramSender

    senders: dict[str, Sender] = {}
    closers: list = []
    if settings.telegram_token is not None:
        bot = await open_bot(settings.telegram_token.get_secret_value(), settings.telegram_base_url)
        senders["telegram"] = TelegramSender(bot, _telegram_limits(settings), settings.public_base)
        closers.append(bot.shutdown)
    if settings.slack_bot_token is not None:
        client = make_client(settings.slack_bot_token.get_secret_value(), settings.slack_api_url)
        senders["slack"] = SlackSender(client, pages=settings.public_base)
    return senders, closers


def _telegram_limits(settings: Settings):
    from dataclasses import replace

    return replace(TELEGRAM_LIMITS, per_second=settings.telegram_rate_per_s)


# --- mawjaz run ----------------------------------------------------------------------


@dataclass
class Service:
    """The long-running worker. ``await serve(stop)`` runs until ``stop`` is set.

    Everything it does is configured by ``settings`` and ``aliases`` (built
    once from ``MAWJAZ_ALIASES_FILE``): the command handlers' services, how
    digests are sent (``delivery``, unless a test passes its own) and how
    polled articles are stored. ``timing`` and ``clock`` are test knobs.
    """

    settings: Settings
    engine: Engine
    timing: Timing = field(default_factory=Timing)
    clock: Callable[[], datetime] = utcnow
    delivery: DeliveryOptions | None = None
    aliases: AliasIndex | None = None

    def __post_init__(self) -> None:
        if self.delivery is None:
            self.delivery = DeliveryOptions.from_settings(self.settings, self.aliases)
        self.storing = WriteOptions.from_settings(self.settings, self.aliases)
        self.liveness = Liveness(self.engine, self.settings.worker_id, self.timing.worker_ttl)
        self.turns = ChatTurns(self.engine)  # shared by the deliverer and the bots of this process, and a lease
        self.services = services_for(self.settings, self.engine, self.clock, self.aliases, self.turns)
        self.senders: dict[str, Sender] = {}
        self.telegram_app: Application | None = None
        self.slack_app: App | None = None
        self.servers: list[Endpoint] = []  # where the web server listens, once started
        self._routes: dict[str, Route] = {}  # the bots' HTTP routes (Slack events, Telegram webhook)
        self._addresses: list[tuple[str, int]] = []
        self._web: WebServer | None = None
        self._webhook: tuple[str, str] | None = None  # Telegram's (url, secret), set once the server listens
        self._socket_mode: SocketModeHandler | None = None
        self._deliverer: Deliverer | None = None
        self._pass: asyncio.Task | None = None
        self._http: httpx.Client | None = None
        # feeds are re-checked at every poll: one that passed when added may redirect inward later
        self._guard = public_only(allow_private=self.settings.allow_private_urls)

    @property
    def worker_id(self) -> str:
        return self.liveness.worker_id

    async def serve(self, stop: asyncio.Event) -> None:
        check_settings(self.settings)
        await _beat(self.liveness)
        scheduler = AsyncIOScheduler(timezone="UTC")
        try:
            if self.settings.telegram_token is not None:
                await self._start_telegram(scheduler)
            if self.settings.slack_bot_token is not None:
                await self._start_slack()
            await self._start_web()
            assert self.delivery is not None  # set from the settings in __post_init__
            self._deliverer = Deliverer(
                self.engine, self.senders, self.worker_id, self.delivery, self.clock, self.turns
            )
            self._http = http_client(self.settings)
            now = utcnow()
            once = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}  # late runs still run, once
            scheduler.add_job(
                _job(self.tick), "interval", seconds=self.timing.tick_s, next_run_time=now, id="tick", **once
            )
            scheduler.add_job(
                _job(_beat),
                "interval",
                args=[self.liveness],
                id="heartbeat",
                seconds=self.timing.worker_ttl.total_seconds() / 3,
                **once,
            )
            scheduler.add_job(
                _job(self.poll_feeds),
                "interval",
                seconds=self.timing.feeds_s,
                id="feeds",
                next_run_time=now + timedelta(seconds=1),
                **once,
            )
            scheduler.start()
            log.info("worker %s running (%s)", self.worker_id, ", ".join(sorted(self.senders)))
            await stop.wait()
        finally:
            await self._shutdown(scheduler)

    # --- jobs ----------------------------------------------------------------------------
    async def tick(self) -> None:
        try:
            await asyncio.to_thread(self.liveness.beat)
            await asyncio.to_thread(self.liveness.sweep)
            await asyncio.to_thread(schedule.tick, self.engine, self.clock())
            assert self.delivery is not None  # set in __post_init__
            await asyncio.to_thread(alerts.tick, self.engine, self.clock(), self.delivery.alert_rule, self.aliases)
        except Exception:
            log.exception("the tick failed; the next one tries again")
        self.kick()

    def kick(self) -> None:
        """Start a delivery pass unless one is running."""
        if self._deliverer is not None and (self._pass is None or self._pass.done()):
            self._pass = asyncio.get_running_loop().create_task(self._deliver())

    async def _deliver(self) -> None:
        assert self._deliverer is not None  # kick() starts a pass only once there is a deliverer
        try:
            report = await self._deliverer.run()
            if report.messages or report.failed:
                log.info("delivery pass: %s", report)
        except Exception:
            log.exception("the delivery pass failed; the next tick resumes it")

    async def poll_feeds(self) -> None:
        assert self._http is not None  # scheduled by serve() once the client exists
        try:
            await asyncio.to_thread(
                poll_due_feeds,
                self.engine,
                self.settings,
                self.worker_id,
                self._http,
                guard=self._guard,
                options=self.storing,
            )
        except Exception:
            log.exception("feed polling failed; the next round tries again")

    # --- Telegram ------------------------------------------------------------------------
    async def _start_telegram(self, scheduler: AsyncIOScheduler) -> None:
        from mawjaz.bot.telegram import adapter
        from mawjaz.bot.telegram.send import TelegramSender

        settings = self.settings
        assert settings.telegram_token is not None  # serve() starts Telegram only with a token
        app = await adapter.start_application(
            settings.telegram_token.get_secret_value(), settings.telegram_base_url, self.services
        )
        self.telegram_app = app
        self.senders["telegram"] = TelegramSender(app.bot, _telegram_limits(settings), settings.public_base)
        if settings.telegram_webhook_url:
            assert settings.telegram_webhook_secret is not None  # check_settings() requires it with a webhook
            secret = settings.telegram_webhook_secret.get_secret_value()
            path = urlparse(settings.telegram_webhook_url).path or "/"
            self._routes[path] = adapter.webhook_route(app, secret, asyncio.get_running_loop())
            self._addresses.append((settings.telegram_webhook_listen, settings.telegram_webhook_port))
            self._webhook = (settings.telegram_webhook_url, secret)  # set by _start_web() once it listens
        else:
            await self.hold_poller()
            scheduler.add_job(
                _job(self.hold_poller),
                "interval",
                seconds=self.timing.poller_ttl.total_seconds() / 3,
                id="poller",
                max_instances=1,
                coalesce=True,
                misfire_grace_time=None,
            )

    async def hold_poller(self) -> None:
        """Poll Telegram while this worker holds the poller lease; stop when it is lost."""
        app = self.telegram_app
        assert app is not None and app.updater is not None  # scheduled by _start_telegram() when polling
        updater = app.updater
        try:
            held = await asyncio.to_thread(self._take_poller)
        except Exception:
            log.warning("could not check the poller lease", exc_info=True)
            return
        if held and not updater.running:
            from mawjaz.bot.telegram.adapter import start_polling

            await start_polling(app, timedelta(seconds=self.timing.poll_timeout_s), _poll_error)
            log.info("this worker now polls Telegram")
        elif not held and updater.running:
            await updater.stop()
            log.info("another worker polls Telegram now")

    def _take_poller(self) -> bool:
        with transaction(self.engine) as session:
            return leases.acquire(session, POLLER_LEASE, self.worker_id, utcnow(), self.timing.poller_ttl)

    # --- Slack ------------------------------------------------------------------------------
    async def _start_slack(self) -> None:
        from mawjaz.bot.slack.adapter import (
            EVENTS_PATH,
            events_route,
            open_app,
            socket_mode,
        )
        from mawjaz.bot.slack.send import SlackSender

        settings = self.settings
        secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
        assert settings.slack_bot_token is not None  # serve() starts Slack only with a token
        app = await asyncio.to_thread(
            open_app, settings.slack_bot_token.get_secret_value(), secret, settings.slack_api_url, self.services
        )
        self.slack_app = app
        self.senders["slack"] = SlackSender(app.client, pages=settings.public_base)
        if settings.slack_app_token is not None:
            self._socket_mode = socket_mode(app, settings.slack_app_token.get_secret_value())
            await asyncio.to_thread(self._socket_mode.connect)
            log.info("Slack in Socket Mode")
        else:
            self._routes[EVENTS_PATH] = events_route(app)
            self._addresses.append(("0.0.0.0", settings.slack_port))
            log.info("Slack events on port %d, path %s", settings.slack_port, EVENTS_PATH)

    # --- the web server: pages, Slack events, Telegram webhook --------------------------------
    async def _start_web(self) -> None:
        """One server for every HTTP route; the story pages are on when ``MAWJAZ_WEB_PORT`` is set."""
        settings = self.settings
        pages = settings.web_port is not None
        addresses = ([(settings.web_listen, settings.web_port or 0)] if pages else []) + self._addresses
        if not addresses:
            return
        from mawjaz.web.app import WebOptions, make_app
        from mawjaz.web.server import WebServer

        options = WebOptions.from_settings(settings, self.aliases)
        app = make_app(self.engine if pages else None, options, self._routes)
        self._web = await WebServer(app, addresses).start()
        self.servers = list(self._web.endpoints)
        if pages:
            log.info("story pages on port %d", self.servers[0].port)
        if self._webhook is not None and self.telegram_app is not None:
            from mawjaz.bot.telegram import adapter

            url, secret = self._webhook
            await adapter.set_webhook(self.telegram_app, url, secret)
            log.info("Telegram webhook at %s", urlparse(url).path or "/")

    # --- stopping ---------------------------------------------------------------------------
    async def _shutdown(self, scheduler: AsyncIOScheduler) -> None:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        if self._pass is not None and not self._pass.done():
            self._pass.cancel()
        if self._web is not None:
            await self._web.stop()
        if self._socket_mode is not None:
            self._socket_mode.close()
        if self.telegram_app is not None:
            from mawjaz.bot.telegram.adapter import stop

            await stop(self.telegram_app)
            await asyncio.to_thread(self._release_poller)
        if self._http is not None:
            self._http.close()
        try:
            await asyncio.to_thread(self.liveness.stop)
        except Exception:
            log.warning("could not release this worker's lease", exc_info=True)

    def _release_poller(self) -> None:
        with transaction(self.engine) as session:
            leases.release(session, POLLER_LEASE, self.worker_id)


def _poll_error(error: Exception) -> None:
    log.warning("Telegram polling: %s", error)


def run_forever(service: Service) -> None:
    """Run ``service`` until SIGINT or SIGTERM."""
    _until_signal(service.serve)


def _until_signal(serve: Callable[[asyncio.Event], Awaitable[None]]) -> None:
    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await serve(stop)

    asyncio.run(main())


def serve_pages(
    settings: Settings,
    engine: Engine,
    aliases: AliasIndex | None = None,
    host: str | None = None,
    port: int | None = None,
) -> None:
    """``mawjaz web``: the story pages, feed and API alone (no bot, no scheduler) until SIGINT or SIGTERM."""
    from mawjaz.web.app import WebOptions, make_app
    from mawjaz.web.server import WebServer

    address = (host or settings.web_listen, port if port is not None else settings.web_port or DEFAULT_WEB_PORT)
    app = make_app(engine, WebOptions.from_settings(settings, aliases))

    async def serve(stop: asyncio.Event) -> None:
        server = WebServer(app, [address])
        log.info("story pages at %s", settings.public_base or f"http://{address[0]}:{server.endpoints[0].port}/")
        await server.serve(stop)

    _until_signal(serve)


DEFAULT_WEB_PORT = 8080  # `mawjaz web` without MAWJAZ_WEB_PORT
