"""``mawjaz run``, ``mawjaz deliver``, ``mawjaz feeds`` and ``mawjaz status``: the CLI of the long-running service.

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
    }
    if as_json:
        click.echo(json.dumps(counts))
    else:
        click.echo(", ".join(f"{name.replace('_', ' ')} {value}" for name, value in counts.items()))


@click.group("feeds")
def feeds_group() -> None:
    """The feeds `mawjaz run` polls."""


@feeds_group.command("add")
@click.argument("url")
@click.option("--every", "interval", default="15m", show_default=True, help="How often to poll: 900, 15m, 1h.")
@click.option("--name", default=None, help="A name to show for the feed.")
@click.pass_obj
def feeds_add(ctx, url: str, interval: str, name: str | None) -> None:
    """Add a feed to poll (or change its interval); it is fetched at the next round.

    \b
    Example:
      mawjaz feeds add https://example.com/rss.xml --every 10m
    """
    from mawjaz.bot.args import parse_interval
    from mawjaz.storage import feeds as feeds_repo
    from mawjaz.storage.engine import transaction

    if not url.lower().startswith(("http://", "https://")):
        raise CommandError(f"{url!r} is not an http(s) URL")
    seconds = parse_interval(interval)
    with transaction(ctx.engine) as session:
        _feed, new = feeds_repo.add(session, url, seconds, name)
    click.echo(f"{'added' if new else 'updated'} {url} (every {seconds} s)")


@feeds_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the feeds as JSON.")
@click.pass_obj
def feeds_list(ctx, as_json: bool) -> None:
    """List the feeds with their interval, last fetch and errors.

    \b
    Example:
      mawjaz feeds list --json
    """
    from mawjaz.storage import feeds as feeds_repo
    from mawjaz.storage.engine import reading

    with reading(ctx.engine) as session:
        rows = feeds_repo.all_feeds(session)
    data = [
        {
            "url": f.url,
            "name": f.name,
            "interval_s": f.interval_s,
            "last_ok_at": f.last_ok_at.isoformat() if f.last_ok_at else None,
            "next_fetch_at": f.next_fetch_at.isoformat() if f.next_fetch_at else None,
            "error_count": f.error_count,
            "last_error": f.last_error,
        }
        for f in rows
    ]
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for feed in data:
        errors = f", {feed['error_count']} errors: {feed['last_error']}" if feed["error_count"] else ""
        click.echo(f"{feed['url']}  every {feed['interval_s']} s, last ok {feed['last_ok_at'] or 'never'}{errors}")


@feeds_group.command("remove")
@click.argument("url")
@click.pass_obj
def feeds_remove(ctx, url: str) -> None:
    """Stop polling a feed (its articles stay).

    \b
    Example:
      mawjaz feeds remove https://example.com/rss.xml
    """
    from mawjaz.storage import feeds as feeds_repo
    from mawjaz.storage.engine import transaction

    with transaction(ctx.engine) as session:
        gone = feeds_repo.remove(session, url)
    if not gone:
        raise CommandError(f"no feed {url}")
    click.echo(f"removed {url}")


COMMANDS = (run_cmd, web_cmd, deliver_cmd, feeds_group, status_cmd)
