"""The ``mawjaz`` command line: a thin shell over the package.

Its commands and their ``--json`` output are a contract (README, "CLI and
JSON contract"): extend them, never break them silently. Errors Mawjaz
expects are printed as one line on stderr with a non-zero exit code;
anything else is a bug and is logged with its traceback.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mawjaz.cli.when import parse_when
from mawjaz.config import Settings
from mawjaz.digest import render
from mawjaz.digest.build import build_digest
from mawjaz.digest.topic import find_topic
from mawjaz.errors import MawjazError
from mawjaz.pipeline import IngestReport, ingest
from mawjaz.storage import migrate
from mawjaz.storage.engine import describe, make_engine, reading
from mawjaz.text.aliases import use_user_files

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger("mawjaz")

FORMATS = ["auto", "dump", "feed", "page", "jsonl"]


class Context:
    """What every command gets: settings and a lazily created, migrated engine."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._engine: Engine | None = None

    @property
    def engine(self):
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url)
            migrate.upgrade(self._engine)
        return self._engine


pass_ctx = click.make_pass_decorator(Context)


def _window(since: str | None, all_: bool) -> datetime | None:
    if all_:
        return None
    return parse_when(since or "24h")


def window_options(func):
    func = click.option("--all", "all_", is_flag=True, help="All stories, whatever their age.")(func)
    func = click.option("--since", metavar="WHEN", help="24h, 3d, 2w or an ISO date (default: the last 24 hours).")(func)
    return func


def _setup_logging(verbose: bool) -> None:
    """One event per line on stderr (JSON unless it is a terminal), every configured secret redacted."""
    from mawjaz import logs
    from mawjaz.config import (
        RunSettings,  # the widest settings: every secret a command may hold
    )

    logs.configure(verbose=verbose, secrets=logs.secrets_from(RunSettings))


class Failure(click.ClickException):
    """An error Mawjaz expects: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"error: {self.message}", err=True)


class MawjazGroup(click.Group):
    """Turns MawjazError into a one-line error and anything else into a logged bug (exit 70)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MawjazError as exc:
            raise Failure(str(exc)) from exc
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception:
            log.exception("unexpected failure (a bug: please report it)")
            ctx.exit(70)


@click.group(cls=MawjazGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--database", "database_url", metavar="URL", help="Database URL (default: MAWJAZ_DATABASE_URL or an SQLite file).")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens on stderr.")
@click.version_option(package_name="mawjaz")
@click.pass_context
def cli(ctx: click.Context, database_url: str | None, verbose: bool) -> None:
    """Mawjaz (موجز): Arabic news, deduplicated and grouped into stories, delivered as a daily digest.

    \b
    Example:
      mawjaz demo
    """
    _setup_logging(verbose)
    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    if settings.aliases_file is not None:
        try:
            use_user_files([settings.aliases_file])
        except (OSError, ValueError) as exc:
            raise MawjazError(f"MAWJAZ_ALIASES_FILE: {exc}") from None
    ctx.obj = Context(settings)


@cli.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True, help="Input shape.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts and problems as JSON.")
@pass_ctx
def ingest_cmd(ctx: Context, sources: tuple[str, ...], fmt: str, as_json: bool) -> None:
    """Read articles from files, directories, URLs or - (stdin) and store them.

    Prints read / new / duplicate / failed counts (and the stories left
    incomplete: key actors that could not be written, finished by the next
    ingest or `mawjaz db repair`); exits 1 if anything failed or is incomplete.

    \b
    Example:
      mawjaz ingest ../shared/seeds/*.txt
      mawjaz ingest https://example.com/feed.xml --format feed
    """
    report = _run_ingest(ctx, list(sources), fmt)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(f"failed: {problem}", err=True)
        incomplete = f", incomplete {report.incomplete}" if report.incomplete else ""
        click.echo(f"read {report.read}, new {report.new}, duplicate {report.duplicate}, failed {report.failed}"
                   f"{incomplete}")
    sys.exit(1 if report.failed or report.incomplete else 0)


def _run_ingest(ctx: Context, sources: list[str], fmt: str) -> IngestReport:
    progress = None
    if sys.stderr.isatty():
        def progress(report: IngestReport) -> None:
            click.echo(f"\r{report.read} read, {report.new} new, {report.duplicate} duplicate, {report.failed} failed",
                       err=True, nl=False)
    report = ingest(ctx.engine, sources, ctx.settings, fmt, on_item=progress)
    if progress is not None:
        click.echo("", err=True)
    return report


@cli.command("stories")
@window_options
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many stories.")
@click.option("--json", "as_json", is_flag=True, help="The JSON contract: a list of stories.")
@pass_ctx
def stories_cmd(ctx: Context, since: str | None, all_: bool, limit: int, as_json: bool) -> None:
    """List stories, the most recent first.

    \b
    Example:
      mawjaz stories --all --json
    """
    from mawjaz.digest.build import story_views
    from mawjaz.storage import stories as repo

    with reading(ctx.engine) as session:
        views = story_views(session, repo.recent(session, _window(since, all_), limit))
    if as_json:
        click.echo(render.render_json(views))
    else:
        from mawjaz.digest.views import Digest

        click.echo(render.render_text(Digest(stories=tuple(views)), title="القصص"))


@cli.command("digest")
@window_options
@click.option("--format", "fmt", type=click.Choice(["text", "telegram", "slack", "json"]), default="text", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Stories in the digest (default: MAWJAZ_DIGEST_SIZE, 10).")
@click.option("--lang", type=click.Choice(["ar", "en"]), default="ar", show_default=True, help="Language of the labels.")
@pass_ctx
def digest_cmd(ctx: Context, since: str | None, all_: bool, fmt: str, limit: int | None, lang: str) -> None:
    """Print the digest: the top stories with headline, summary and key actors.

    \b
    Example:
      mawjaz digest --since 3d --format telegram
    """
    with reading(ctx.engine) as session:
        digest = build_digest(session, _window(since, all_), limit or ctx.settings.digest_size, lang)
    _print_digest(digest, fmt)


def _print_digest(digest, fmt: str) -> None:
    if fmt == "json":
        click.echo(render.render_json(digest))
    elif fmt == "telegram":
        click.echo("\n\n-----\n\n".join(render.render_telegram(digest)))
    elif fmt == "slack":
        click.echo(json.dumps(render.render_slack(digest), ensure_ascii=False, indent=2))
    else:
        click.echo(render.render_text(digest))


@cli.command("topic")
@click.argument("query", nargs=-1)
@window_options
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help='{"query", "terms", "stories"}')
@pass_ctx
def topic_cmd(ctx: Context, query: tuple[str, ...], since: str | None, all_: bool, limit: int, as_json: bool) -> None:
    """Find stories about QUERY, in all its spellings and names.

    \b
    Example:
      mawjaz topic داعش --all
    """
    with reading(ctx.engine) as session:
        answer = find_topic(session, " ".join(query), _window(since, all_), limit)
    click.echo(render.render_json(answer) if as_json else render.render_topic_text(answer))


@cli.command("demo")
@pass_ctx
def demo_cmd(ctx: Context) -> None:
    """Ingest the bundled samples into a throw-away database and print the digest and /topic داعش.

    \b
    Example:
      mawjaz demo
    """
    with tempfile.TemporaryDirectory(prefix="mawjaz-demo-") as folder:
        ctx.settings = ctx.settings.model_copy(update={"database_url": f"sqlite:///{Path(folder) / 'demo.sqlite'}"})
        ctx._engine = None
        samples = resources.files("mawjaz") / "samples"
        with resources.as_file(samples) as path:
            shapes = [str(path / shape) for shape in ("dumps", "feeds", "pages", "jsonl")]
            report = _run_ingest(ctx, shapes, "auto")
        click.echo(f"read {report.read}, new {report.new}, duplicate {report.duplicate}, failed {report.failed}\n")
        with reading(ctx.engine) as session:
            digest = build_digest(session, None, ctx.settings.digest_size)
            answer = find_topic(session, "داعش", None)
        click.echo(render.render_text(digest))
        click.echo(render.render_topic_text(answer))
        ctx.engine.dispose()


@cli.command("train-ner")
@click.option("--data", "data", required=True, type=click.Path(exists=True, path_type=Path),
              help="ANERcorp folder (uses camellab_recipe_split/*train*.txt) or one CoNLL file.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Model folder to write (default: the package's own, i.e. the model Mawjaz ships and uses).")
@click.option("--unlabeled", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Raw Arabic text (.jsonl/.txt files or folders) for word clusters and the raw-text "
                   "history; repeat for several.")
@click.option("--gazetteers", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="ANERGazet folder; its names become a shipped word list.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes for the independent CRF fits (the model is the same for any number).")
def train_ner_cmd(data: Path, out: Path | None, unlabeled: tuple[Path, ...], gazetteers: Path | None,
                  workers: int) -> None:
    """Train the PER/ORG/LOC tagger with Mawjaz's own code, offline, on data you point at.

    Without --unlabeled and --gazetteers the model has no word clusters, raw-text
    history or name lists, and tags far worse; the shipped model is the example's.

    \b
    Example (the shipped model):
      mawjaz train-ner --data ../shared/data/anercorp \\
        --gazetteers ../shared/data/gazetteers/ANERGazet \\
        --unlabeled ../shared/data/ant_corpus_v1.1_jawharafm \\
        --unlabeled ../shared/data/ant_multisource_v2.1 \\
        --unlabeled ../shared/data/summarization_bbc_arabic_ant --workers 2
    """
    from mawjaz.text.ner import DEFAULT_MODEL_DIR
    from mawjaz.text.ner.train import TrainSettings, train

    report = train(data, out or DEFAULT_MODEL_DIR, unlabeled=unlabeled, gazetteers=gazetteers,
                   settings=TrainSettings(workers=workers))
    click.echo(
        f"trained on {report.sentences} sentences ({report.tokens} tokens) in {report.seconds:.0f} s: "
        f"{report.model_bytes / 1e6:.1f} MB model in {report.model_dir}"
    )


@cli.group("db")
def db_group() -> None:
    """Database schema commands."""


@db_group.command("upgrade")
@pass_ctx
def db_upgrade(ctx: Context) -> None:
    """Create or upgrade the schema to the latest version (never drops data).

    \b
    Example:
      MAWJAZ_DATABASE_URL=postgresql://localhost/mawjaz mawjaz db upgrade
    """
    engine = ctx.engine  # upgrading is what creating the engine does
    click.echo(f"{describe(engine)}: schema at {migrate.current_revision(engine)}")


@db_group.command("reindex")
@click.option("--json", "as_json", is_flag=True, help='{"articles": N}')
@pass_ctx
def db_reindex(ctx: Context, as_json: bool) -> None:
    """Index every stored article again (after an upgrade that changes how Arabic is stemmed).

    Safe to run while workers ingest and deliver, and to run again.

    \b
    Example:
      mawjaz db reindex
    """
    from mawjaz.storage.search import reindex

    count = reindex(ctx.engine)
    click.echo(json.dumps({"articles": count}) if as_json else f"reindexed {count} articles")


@db_group.command("repair")
@click.option("--json", "as_json", is_flag=True, help='{"incomplete": N}')
@pass_ctx
def db_repair(ctx: Context, as_json: bool) -> None:
    """Finish the work a failed or killed ingest left: the key actors of every story still due.

    Exits 1 if some story still cannot be completed (the log says why). Safe
    to run while workers ingest and deliver, and to run again.

    \b
    Example:
      mawjaz db repair
    """
    from mawjaz.pipeline import write_due_actors

    incomplete = write_due_actors(ctx.engine)
    click.echo(json.dumps({"incomplete": incomplete}) if as_json else f"{incomplete} stories still incomplete")
    sys.exit(1 if incomplete else 0)


from mawjaz.cli.service import COMMANDS as _SERVICE_COMMANDS  # noqa: E402  (run, deliver, feeds)

for _command in _SERVICE_COMMANDS:
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="mawjaz")
