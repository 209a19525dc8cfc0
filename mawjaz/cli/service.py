"""``mawjaz run``, ``mawjaz deliver`` and ``mawjaz status`` (``mawjaz feeds``: :mod:`mawjaz.cli.feeds`): the CLI of the long-running service.

Registered on the main group in :mod:`mawjaz.cli.app`; like the rest of the
CLI, a thin shell over the package. Every command takes the one settings
object the group read (:attr:`mawjaz.cli.app.Context.settings`) and the
aliases built from it; the service and delivery options are made from them
(:class:`mawjaz.service.Service`, :meth:`DeliveryOptions.from_settings`).
The service's modules (bots, scheduler, database) are imported inside the
commands, so ``--help`` stays instant.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from mawjaz.cli.feeds import feeds_group
from mawjaz.cli.status import status_cmd
from mawjaz.errors import CommandError, ConfigError


@click.command("run")
@click.pass_obj
def run_cmd(ctx) -> None:
    """Run the service: the Telegram and Slack bots, the daily-digest scheduler and feed polling.

    Telegram polls for updates unless MAWJAZ_TELEGRAM_WEBHOOK_URL is set (then
    MAWJAZ_TELEGRAM_WEBHOOK_SECRET is required). Slack listens on
    MAWJAZ_SLACK_PORT at /slack/events, or uses Socket Mode when
    MAWJAZ_SLACK_APP_TOKEN is set. Stop it with Ctrl-C or SIGTERM: nothing is
    lost, whenever it stops.

    \b
    Example:
      MAWJAZ_TELEGRAM_TOKEN=123:abc mawjaz run
    """
    from mawjaz.service import Service, check_settings, run_forever

    settings = ctx.settings
    check_settings(settings)
    run_forever(Service(settings, ctx.engine, aliases=ctx.aliases))


@click.command("web")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Default: MAWJAZ_WEB_PORT, else 8080.")
@click.option("--host", default=None, help="Default: MAWJAZ_WEB_LISTEN (0.0.0.0).")
@click.pass_obj
def web_cmd(ctx, port: int | None, host: str | None) -> None:
    """Serve the story pages, the Atom feed and the JSON API alone (no bot, no scheduler).

    The pages read the database as `mawjaz stories`, `digest` and `topic` do;
    links use MAWJAZ_PUBLIC_URL when set (behind a proxy). `mawjaz run` serves
    the same pages when MAWJAZ_WEB_PORT is set. Stop it with Ctrl-C or SIGTERM.

    \b
    Example:
      mawjaz web --port 8080      # then open http://localhost:8080/
    """
    from mawjaz.service import DEFAULT_WEB_PORT, serve_pages

    settings = ctx.settings
    shown = port if port is not None else settings.web_port or DEFAULT_WEB_PORT
    click.echo(f"story pages at {settings.public_base or f'http://localhost:{shown}'}/ (Ctrl-C stops)", err=True)
    serve_pages(settings, ctx.engine, ctx.aliases, host, port)


def parse_moment(text: str) -> datetime:
    """An ISO date-time; without a zone it is UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"cannot read {text!r} as a time: use ISO 8601, e.g. 2026-11-24T07:30+03:00") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@click.command("deliver")
@click.option("--at", "at", metavar="ISO-TIME", help="Act as if the clock read this (zone-less means UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_obj
def deliver_cmd(ctx, at: str | None, as_json: bool) -> None:
    """Run one delivery tick by hand: enqueue the digests due, then send everything queued.

    With --at, digests are enqueued as if the clock read ISO-TIME (past or
    future), for each subscriber's local date at that instant. Run twice, it
    sends nothing new. Uses the configured Telegram and/or Slack tokens.

    \b
    Example:
      mawjaz deliver --at 2026-11-24T07:30+03:00
    """
    import asyncio

    from mawjaz.delivery.deliverer import DeliveryOptions
    from mawjaz.service import deliver_once, open_senders

    settings = ctx.settings
    if settings.telegram_token is None and settings.slack_bot_token is None:
        raise ConfigError("nothing to deliver with: set MAWJAZ_TELEGRAM_TOKEN and/or MAWJAZ_SLACK_BOT_TOKEN")
    moment = parse_moment(at) if at else None
    engine, aliases = ctx.engine, ctx.aliases

    async def go():
        senders, closers = await open_senders(settings)
        try:
            options = DeliveryOptions.from_settings(settings, aliases)
            return await deliver_once(engine, senders, moment, options, worker_id=settings.worker_id)
        finally:
            for close in closers:
                await close()

    result = asyncio.run(go())
    counts = {
        "enqueued": result.enqueued,
        "delivered": result.report.delivered,
        "messages": result.report.messages,
        "failed": result.report.failed,
        "retried_later": result.report.released,
        "rate_limited": result.report.rate_limited,
        "requeued": result.requeued,
        "in_flight_elsewhere": result.elsewhere,
        "alerts": result.alerts,
    }
    if as_json:
        click.echo(json.dumps(counts))
    else:
        click.echo(", ".join(f"{name.replace('_', ' ')} {value}" for name, value in counts.items()))


COMMANDS = (run_cmd, web_cmd, deliver_cmd, feeds_group, status_cmd)
