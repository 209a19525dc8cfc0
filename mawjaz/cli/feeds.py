"""``mawjaz feeds``: the feeds ``mawjaz run`` polls, managed as a feed reader manages them.

``add`` takes a site or a feed (the site's feed is found and named),
``import``/``export`` speak OPML 2.0, ``list`` and ``remove`` as before. A
thin shell over :mod:`mawjaz.pipeline.feedlist`; every URL passes the guard
the poller applies, so what is added can be polled.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from mawjaz.errors import CommandError, IngestError


@click.group("feeds")
def feeds_group() -> None:
    """The feeds `mawjaz run` polls: add a site or feed, list, remove, import and export OPML."""


@feeds_group.command("add")
@click.argument("url")
@click.option("--every", "interval", default="15m", show_default=True, help="How often to poll: 900, 15m, 1h.")
@click.option("--name", default=None, help="A name to show for the feed.")
@click.pass_obj
def feeds_add(ctx, url: str, interval: str, name: str | None) -> None:
    """Add a feed to poll (or change its interval): a feed's URL, or a site's, whose page names its feed.

    The URL must be http(s) with a public host (MAWJAZ_ALLOW_PRIVATE_URLS=1
    lifts the address rule for an intranet); it is fetched at once, and a page
    is searched for the feeds it declares: the first that reads as a feed is
    added, and the line after says which it was.

    \b
    Example:
      mawjaz feeds add https://www.aljazeera.net/ --every 10m
    """
    from mawjaz.bot.args import parse_interval
    from mawjaz.ingest.guard import public_only
    from mawjaz.pipeline.feedlist import add_site
    from mawjaz.pipeline.polling import http_client

    seconds = parse_interval(interval)
    settings = ctx.settings
    guard = public_only(allow_private=settings.allow_private_urls)
    try:
        guard(url)  # refused at once, before the database is opened
        with http_client(settings) as client:
            found, new = add_site(ctx.engine, url, seconds, name, client, settings.max_input_bytes, guard)
    except IngestError as exc:
        raise CommandError(f"{exc}; nothing was added") from None
    click.echo(f"{'added' if new else 'updated'} {found.url} (every {seconds} s)")
    if found.offered:
        others = [u for u in found.offered if u != found.url]
        also = f"; it also names {', '.join(others)}" if others else ""
        click.echo(f"the feed {url} declares is {found.url}{also}")


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
            "category": f.category,
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


@feeds_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--every", "interval", default="15m", show_default=True, help="How often to poll the new feeds.")
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
@click.pass_obj
def feeds_import(ctx, file: str, interval: str, as_json: bool) -> None:
    """Add the feeds of an OPML file (a feed reader's export: miniflux, FreshRSS, Feedly…); - reads stdin.

    Feeds already polled are left as they are; a feed listed twice is added
    once; a feed whose URL the poller would refuse is named on stderr and left
    out. A file that is not well-formed OPML adds nothing.

    \b
    Example:
      mawjaz feeds import subscriptions.opml
    """
    from mawjaz.bot.args import parse_interval
    from mawjaz.pipeline.feedlist import import_opml

    seconds = parse_interval(interval)
    data = _read(file)
    if len(data) > ctx.settings.max_input_bytes:
        raise CommandError(f"{file} is larger than MAWJAZ_MAX_INPUT_BYTES ({ctx.settings.max_input_bytes} bytes)")
    try:
        done = import_opml(ctx.engine, data, file, seconds, allow_private=ctx.settings.allow_private_urls)
    except IngestError as exc:
        raise CommandError(str(exc)) from None
    for problem in done.refused:
        click.echo(f"refused: {problem.why}", err=True)
    if as_json:
        refused = [{"url": p.where, "why": p.why} for p in done.refused]
        result = {"added": list(done.added), "existing": list(done.existing), "duplicates": list(done.duplicates)}
        click.echo(json.dumps({**result, "refused": refused}, ensure_ascii=False))
        return
    click.echo(
        f"added {len(done.added)}, already there {len(done.existing)}, "
        f"listed twice {len(done.duplicates)}, refused {len(done.refused)}"
    )


@feeds_group.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to a file, not stdout.")
@click.pass_obj
def feeds_export(ctx, output: str | None) -> None:
    """Write the feeds as OPML 2.0, with their categories: what any feed reader imports.

    \b
    Example:
      mawjaz feeds export -o mawjaz.opml
    """
    from mawjaz.pipeline.feedlist import export_opml
    from mawjaz.storage.models import utcnow

    document = export_opml(ctx.engine, utcnow())
    if output:
        Path(output).write_bytes(document)
    else:
        click.echo(document, nl=False)


def _read(file: str) -> bytes:
    if file == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(file).read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {file}: {exc.strerror or exc}") from None
