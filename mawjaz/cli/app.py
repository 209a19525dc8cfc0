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
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mawjaz.cli.when import parse_when
from mawjaz.errors import ConfigError, MawjazError

if TYPE_CHECKING:  # the heavy parts are imported inside the commands: `mawjaz --help` loads none of them
    from mawjaz.config import Settings
    from mawjaz.pipeline.ingest import IngestReport
    from mawjaz.text.aliases import AliasIndex

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger("mawjaz")

FORMATS = ["auto", "dump", "feed", "page", "jsonl"]
DEMO_SHAPES = ("dumps", "feeds", "pages", "jsonl")
"""The folders of ``mawjaz/samples`` that ``mawjaz demo`` ingests, in this order."""


class Context:
    """What every command gets: the settings, the aliases and a migrated engine, each made on first use.

    The settings are read once, here, and everything below is handed values
    built from them. Nothing is prepared before a command asks, so ``--help``
    (which runs the group but no command) imports no database or NLP library.
    """

    def __init__(self, database_url: str | None, verbose: bool) -> None:
        self._database_url = database_url
        self._verbose = verbose
        self._settings: Settings | None = None
        self._aliases: tuple[AliasIndex | None] | None = None
        self._engine: Engine | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from mawjaz.config import load_settings

            overrides = {"database_url": self._database_url} if self._database_url else {}
            try:
                settings = load_settings(**overrides)
            except ConfigError:
                self.configure_logging()
                raise
            self.configure_logging(settings)
            self._settings = settings
            _ = self.aliases  # a broken aliases file is refused at start, whatever the command
            use_outlets(settings)  # likewise a broken outlets file
        return self._settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        self._settings, self._aliases, self._engine = settings, None, None

    @property
    def aliases(self) -> AliasIndex | None:
        """The shipped aliases plus ``MAWJAZ_ALIASES_FILE``'s, built once; None when no file is set (shipped only)."""
        if self._aliases is None:
            path = self.settings.aliases_file
            if path is None:
                self._aliases = (None,)
            else:
                from mawjaz.text.aliases import load_aliases

                try:
                    self._aliases = (load_aliases([path]),)
                except (OSError, ValueError) as exc:
                    raise ConfigError(f"MAWJAZ_ALIASES_FILE: {exc}") from None
        return self._aliases[0]

    @property
    def engine(self):
        if self._engine is None:
            from mawjaz.storage import migrate
            from mawjaz.storage.engine import make_engine

            engine = make_engine(self.settings.database_url)
            migrate.upgrade(engine)
            self._engine = engine
        return self._engine

    def database(self) -> str:
        """The database's URL with its password hidden, for error messages."""
        from mawjaz.storage.faults import shown

        url = self._database_url or (self._settings.database_url if self._settings else None)
        return shown(url) if url else "the database"

    def configure_logging(self, settings: Settings | None = None) -> None:
        """One event per line on stderr (JSON unless it is a terminal), every configured secret redacted."""
        from mawjaz import logs

        logs.configure(verbose=self._verbose, secrets=logs.secret_values(settings) if settings else ())


pass_ctx = click.make_pass_decorator(Context)


def _window(since: str | None, all_: bool) -> datetime | None:
    if all_:
        return None
    return parse_when(since or "24h")


def window_options(func):
    func = click.option("--all", "all_", is_flag=True, help="All stories, whatever their age.")(func)
    func = click.option("--since", metavar="WHEN", help="24h, 3d, 2w or an ISO date (default: the last 24 hours).")(
        func
    )
    return func


class Failure(click.ClickException):
    """An error Mawjaz expects: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"error: {self.message}", err=True)


def expected(exc: Exception, ctx: Context | None) -> MawjazError | None:
    """``exc`` as the :class:`MawjazError` it stands for, or None when it is a bug.

    Mawjaz's own errors are expected by definition; a database that is down,
    absent or not a database is told apart in one place,
    :func:`mawjaz.storage.faults.storage_error` (only looked at once the
    database layer is loaded, since only it raises those).
    """
    if isinstance(exc, MawjazError):
        return exc
    if "sqlalchemy" in sys.modules or "alembic" in sys.modules:
        from mawjaz.storage.faults import storage_error

        return storage_error(exc, ctx.database() if ctx is not None else "the database")
    return None


class MawjazGroup(click.Group):
    """Turns expected faults into a one-line error (exit 2) and anything else into a logged bug (exit 70)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:
            context = ctx.obj if isinstance(ctx.obj, Context) else None
            error = expected(exc, context)
            if error is not None:
                raise Failure(str(error)) from exc
            if context is not None and context._settings is None:
                context.configure_logging()
            log.exception("unexpected failure (a bug: please report it)")
            ctx.exit(70)


@click.group(cls=MawjazGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--database", "database_url", metavar="URL", help="Database URL (default: MAWJAZ_DATABASE_URL or an SQLite file)."
)
@click.option("-v", "--verbose", is_flag=True, help="Log what happens on stderr.")
@click.version_option(package_name="mawjaz")
@click.pass_context
def cli(ctx: click.Context, database_url: str | None, verbose: bool) -> None:
    """Mawjaz (موجز): Arabic news, deduplicated and grouped into stories, delivered as a daily digest.

    \b
    Example:
      mawjaz demo
    """
    ctx.obj = Context(database_url, verbose)


def use_outlets(settings: Settings, *extra: Path) -> None:
    """Name outlets by the shipped table, the user's file (``MAWJAZ_OUTLETS_FILE``) and ``extra`` files."""
    from mawjaz.text.outlets import use_user_outlets

    paths = [*extra, *([settings.outlets_file] if settings.outlets_file is not None else [])]
    try:
        use_user_outlets(paths)
    except (OSError, ValueError) as exc:
        raise MawjazError(f"MAWJAZ_OUTLETS_FILE: {exc}") from None


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
    In a folder only .txt, .xml/.rss/.atom, .html/.htm and .jsonl files (or
    their .gz) are read; every other file is named on stderr as skipped.

    \b
    Example:
      mawjaz ingest ../shared/seeds/*.txt
      mawjaz ingest https://example.com/feed.xml --format feed
    """
    report = _run_ingest(ctx, list(sources), fmt)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        for path in report.skipped:
            click.echo(f"skipped: {path} (not a format Mawjaz reads)", err=True)
        for problem in report.problems:
            click.echo(f"failed: {problem}", err=True)
        incomplete = f", incomplete {report.incomplete}" if report.incomplete else ""
        skipped = f", skipped {len(report.skipped)}" if report.skipped else ""
        click.echo(
            f"read {report.read}, new {report.new}, duplicate {report.duplicate}, failed {report.failed}"
            f"{incomplete}{skipped}"
        )
    sys.exit(1 if report.failed or report.incomplete else 0)


def _run_ingest(ctx: Context, sources: list[str], fmt: str) -> IngestReport:
    from mawjaz.cli.progress import Progress
    from mawjaz.pipeline.ingest import ingest

    progress = Progress(sys.stderr.isatty(), lambda line: click.echo(line, err=True, nl=False))
    try:
        return ingest(ctx.engine, sources, ctx.settings, fmt, on_item=progress, aliases=ctx.aliases)
    finally:
        progress.close()


@cli.command("stories")
@window_options
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many stories.")
@click.option("--json", "as_json", is_flag=True, help="The JSON contract: a list of stories.")
@click.option(
    "--id", "ids", type=int, multiple=True, help="Only this story (repeatable); a merged id answers as its story."
)
@pass_ctx
def stories_cmd(ctx: Context, since: str | None, all_: bool, limit: int, as_json: bool, ids: tuple[int, ...]) -> None:
    """List stories, the most recent first.

    \b
    Example:
      mawjaz stories --all --json
      mawjaz stories --id 17 --json
    """
    from dataclasses import replace

    from mawjaz.digest import render
    from mawjaz.digest.build import story_views
    from mawjaz.storage import stories as repo
    from mawjaz.storage.engine import reading

    window = _window(since, all_)
    with reading(ctx.engine) as session:
        if ids:
            answers = repo.resolve(session, list(ids))
            found = {s.id: s for s in repo.by_ids(session, sorted(set(answers.values()))) if s.article_count}
            unknown = [str(i) for i in ids if answers[i] not in found]
            if unknown:
                raise Failure(f"no story with id {', '.join(unknown)}")
            views = [
                replace(view, merged_into=view.id if answers[asked] != asked else None)
                for asked, view in zip(ids, story_views(session, [found[answers[i]] for i in ids]), strict=True)
            ]
        else:
            views = story_views(session, repo.recent(session, window, limit))
    if as_json:
        click.echo(render.render_json(views))
    else:
        from mawjaz.digest.views import Digest

        click.echo(render.render_text(Digest(stories=tuple(views)), title="القصص"))


@cli.command("digest")
@window_options
@click.option(
    "--format", "fmt", type=click.Choice(["text", "telegram", "slack", "json"]), default="text", show_default=True
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Stories in the digest (default: MAWJAZ_DIGEST_SIZE, 10)."
)
@click.option(
    "--lang", type=click.Choice(["ar", "en"]), default="ar", show_default=True, help="Language of the labels."
)
@pass_ctx
def digest_cmd(ctx: Context, since: str | None, all_: bool, fmt: str, limit: int | None, lang: str) -> None:
    """Print the digest: the top stories with headline, summary and key actors.

    \b
    Example:
      mawjaz digest --since 3d --format telegram
    """
    from mawjaz.digest.pick import build_digest
    from mawjaz.storage.engine import reading

    window = _window(since, all_)
    with reading(ctx.engine) as session:
        digest = build_digest(session, window, limit or ctx.settings.digest_size, lang)
    _print_digest(digest, fmt)


def _print_digest(digest, fmt: str) -> None:
    from mawjaz.digest import render

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
    from mawjaz.digest import render
    from mawjaz.digest.topic import find_topic
    from mawjaz.storage.engine import reading

    window = _window(since, all_)
    with reading(ctx.engine) as session:
        answer = find_topic(session, " ".join(query), window, limit, ctx.aliases)
    click.echo(render.render_json(answer) if as_json else render.render_topic_text(answer))


@cli.command("demo")
@click.option("--web", "web", is_flag=True, help="Then serve the story pages over the demo's stories until Ctrl-C.")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, help="The pages' port.")
@pass_ctx
def demo_cmd(ctx: Context, web: bool, port: int) -> None:
    """Ingest the bundled samples into a throw-away database and print the digest and /topic داعش.

    With --web it then serves the story pages, the Atom feed and the JSON API
    over those stories at http://localhost:PORT/ until Ctrl-C.

    \b
    Example:
      mawjaz demo
      mawjaz demo --web     # then open http://localhost:8080/
    """
    import tempfile
    from importlib import resources

    from mawjaz.digest import render
    from mawjaz.digest.pick import build_digest
    from mawjaz.digest.topic import find_topic
    from mawjaz.storage.engine import reading

    with tempfile.TemporaryDirectory(prefix="mawjaz-demo-") as folder:
        ctx.settings = ctx.settings.model_copy(update={"database_url": f"sqlite:///{Path(folder) / 'demo.sqlite'}"})
        samples = resources.files("mawjaz") / "samples"
        with resources.as_file(samples) as path:
            use_outlets(ctx.settings, path / "outlets.toml")  # the samples' made-up outlets, by name
            shapes = [str(path / shape) for shape in DEMO_SHAPES]
            report = _run_ingest(ctx, shapes, "auto")
        click.echo(f"read {report.read}, new {report.new}, duplicate {report.duplicate}, failed {report.failed}\n")
        with reading(ctx.engine) as session:
            digest = build_digest(session, None, ctx.settings.digest_size)
            answer = find_topic(session, "داعش", None, aliases=ctx.aliases)
        click.echo(render.render_text(digest))
        click.echo(render.render_topic_text(answer))
        shown = answer.stories or digest.stories  # the /topic داعش answer just printed: the Hamrin story first
        first = f"/s/{shown[0].id}" if shown else "/"
        if not web:
            click.echo(f"The story pages: mawjaz demo --web, then open http://localhost:{port}{first}")
        else:
            from mawjaz.service import serve_pages

            click.echo(
                f"The story pages: http://localhost:{port}/ (this story: http://localhost:{port}{first}); Ctrl-C stops"
            )
            serve_pages(ctx.settings, ctx.engine, ctx.aliases, "127.0.0.1", port)
        ctx.engine.dispose()


@cli.command("train-ner")
@click.option(
    "--data",
    "data",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="ANERcorp folder (uses camellab_recipe_split/*train*.txt) or one CoNLL file.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Model folder to write (default: the package's own, i.e. the model Mawjaz ships and uses).",
)
@click.option(
    "--unlabeled",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Raw Arabic text (.jsonl/.txt files or folders) for word clusters and the raw-text "
    "history; repeat for several.",
)
@click.option(
    "--gazetteers",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="ANERGazet folder; its names become a shipped word list.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes for the independent CRF fits (the model is the same for any number).",
)
@pass_ctx
def train_ner_cmd(
    ctx: Context, data: Path, out: Path | None, unlabeled: tuple[Path, ...], gazetteers: Path | None, workers: int
) -> None:
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

    ctx.configure_logging()  # training reads no MAWJAZ_ setting

    report = train(
        data,
        out or DEFAULT_MODEL_DIR,
        unlabeled=unlabeled,
        gazetteers=gazetteers,
        settings=TrainSettings(workers=workers),
    )
    click.echo(
        f"trained on {report.sentences} sentences ({report.tokens} tokens) in {report.seconds:.0f} s: "
        f"{report.model_bytes / 1e6:.1f} MB model in {report.model_dir}"
    )


@cli.group("articles")
def articles_group() -> None:
    """Stored articles: take a mistake out again."""


@articles_group.command("remove")
@click.argument("ids", nargs=-1, required=True, type=int)
@click.option("--json", "as_json", is_flag=True, help='{"removed": [{"id", "copies", "story_id", "story_removed"}]}')
@pass_ctx
def articles_remove(ctx: Context, ids: tuple[int, ...], as_json: bool) -> None:
    """Remove articles ID... and their copies from every index and story.

    Each story that held one is recomputed from the articles left in it
    (headline, summary, counts, key actors), or removed when none is left.
    An unknown id is an error and removes nothing. The ids are those of
    `mawjaz stories --json` (articles[].id).

    \b
    Example:
      mawjaz articles remove 42 43
    """
    from mawjaz.pipeline.remove import remove_articles

    removed = remove_articles(ctx.engine, ids)
    if as_json:
        click.echo(json.dumps({"removed": [r.to_json() for r in removed]}, ensure_ascii=False, indent=2))
        return
    for r in removed:
        story = (
            ""
            if r.story_id is None
            else (f", story {r.story_id} removed" if r.story_removed else f", story {r.story_id} recomputed")
        )
        click.echo(f"removed article {r.article_id} ({r.copies} copies{story})")


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
    from mawjaz.storage import migrate
    from mawjaz.storage.engine import describe

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

    incomplete = write_due_actors(ctx.engine, ctx.aliases)
    click.echo(json.dumps({"incomplete": incomplete}) if as_json else f"{incomplete} stories still incomplete")
    sys.exit(1 if incomplete else 0)


from mawjaz.cli.service import COMMANDS as _SERVICE_COMMANDS  # noqa: E402  (run, web, deliver, feeds)

for _command in _SERVICE_COMMANDS:
    cli.add_command(_command)

from mawjaz.cli.channels import channels_group as _channels_group  # noqa: E402

cli.add_command(_channels_group)


def main() -> None:
    cli(prog_name="mawjaz")
