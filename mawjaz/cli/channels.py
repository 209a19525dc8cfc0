"""``mawjaz channels``: the Telegram channels the digest is posted to (add, list, remove).

A thin shell over :mod:`mawjaz.bot.channels`, which ``/channel`` in a
private chat uses too. ``add`` asks Telegram first (``getChat`` and
``getChatMember``, :mod:`mawjaz.bot.telegram.channels`), so it needs
``MAWJAZ_TELEGRAM_TOKEN``; a channel where the bot is not an administrator
is refused with one line and exit 2, and nothing is stored.
"""

from __future__ import annotations

import json

import click

from mawjaz.errors import CommandError, ConfigError


def _english(error: CommandError) -> CommandError:
    """The English line of a bilingual error: the CLI speaks English."""
    return CommandError(str(error).split("\n")[-1])


@click.group("channels")
def channels_group() -> None:
    """Telegram channels the digest is posted to."""


@channels_group.command("add", context_settings={"ignore_unknown_options": True})
@click.argument("channel")
@click.option(
    "--at", "times", multiple=True, metavar="HH:MM", help="A digest time (up to three: --at 07:30 --at 19:30)."
)
@click.option("--tz", "zone", metavar="Area/City", help="The channel's time zone (default: MAWJAZ_DEFAULT_TIMEZONE).")
@click.option("--lang", type=click.Choice(["ar", "en"]), help="The digest's language (default: ar).")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='{"channel", "times", "timezone", "lang", "every", "weekday", "status", "new"}',
)
@click.pass_obj
def channels_add(ctx, channel: str, times: tuple[str, ...], zone: str | None, lang: str | None, as_json: bool) -> None:
    """Post the digest to a Telegram channel (@name or -100… id) where the bot is an administrator.

    Adding a channel again, by its @name or its id, changes its settings
    (one channel, one digest), and resumes it if it was paused (the bot had
    been removed).

    \b
    Example:
      mawjaz channels add @mynews --at 07:30 --at 19:30 --tz Asia/Riyadh
    """
    import asyncio

    from mawjaz.bot import channels
    from mawjaz.bot.args import parse_channel, parse_times, parse_zone
    from mawjaz.bot.telegram.adapter import open_bot
    from mawjaz.bot.telegram.channels import check_admin
    from mawjaz.storage.subscribers import ChannelRef, Defaults

    settings = ctx.settings
    try:
        name = parse_channel(channel)
        wanted = channels.ChannelSettings(
            parse_times(" ".join(times)) if times else None, parse_zone(zone) if zone else None, lang
        )
    except CommandError as exc:
        raise _english(exc) from None
    if settings.telegram_token is None:
        raise ConfigError("adding a channel asks Telegram whether the bot is its admin: set MAWJAZ_TELEGRAM_TOKEN")
    token = settings.telegram_token.get_secret_value()

    async def verify() -> ChannelRef:
        bot = await open_bot(token, settings.telegram_base_url)
        try:
            return await check_admin(bot, name)
        finally:
            await bot.shutdown()

    def check(_channel: str) -> ChannelRef:
        try:
            return asyncio.run(verify())
        except CommandError as exc:
            raise _english(exc) from None

    defaults = Defaults(timezone=settings.default_timezone, digest_time=settings.default_digest_time)
    found, new = channels.add(ctx.engine, name, wanted, defaults, check)
    if as_json:
        click.echo(json.dumps({**found.as_json(), "new": new}, ensure_ascii=False))
        return
    click.echo(f"{'added' if new else 'updated'} {found.channel}: {_said(found.as_json())}")


def _said(item: dict) -> str:
    when = "every day" if item["every"] == "day" else f"every {item['weekday']}"
    return f"{when} at {', '.join(item['times'])} {item['timezone']}, in {item['lang']}, {item['status']}"


@channels_group.command("list", context_settings={"ignore_unknown_options": True})
@click.argument("channel", required=False)
@click.option("--json", "as_json", is_flag=True, help="The channels as a JSON list.")
@click.pass_obj
def channels_list(ctx, channel: str | None, as_json: bool) -> None:
    """List the channels (or only CHANNEL, by @name or -100… id) with their schedule, active or paused.

    \b
    Example:
      mawjaz channels list --json
    """
    from mawjaz.bot import channels
    from mawjaz.bot.args import parse_channel

    try:
        name = None if channel is None else parse_channel(channel)
    except CommandError as exc:
        raise _english(exc) from None
    data = [c.as_json() for c in channels.listed(ctx.engine, name)]
    if name is not None and not data:
        raise CommandError(f"no channel {name}")
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for item in data:
        click.echo(f"{item['channel']}  {_said(item)}")


@channels_group.command("remove", context_settings={"ignore_unknown_options": True})
@click.argument("channel")
@click.pass_obj
def channels_remove(ctx, channel: str) -> None:
    """Stop posting to a channel (by @name or -100… id) and forget it.

    \b
    Example:
      mawjaz channels remove @mynews
    """
    from mawjaz.bot import channels
    from mawjaz.bot.args import parse_channel

    try:
        name = parse_channel(channel)
    except CommandError as exc:
        raise _english(exc) from None
    if not channels.remove(ctx.engine, name):
        raise CommandError(f"no channel {name}")
    click.echo(f"removed {name}")
