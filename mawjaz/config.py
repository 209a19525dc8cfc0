"""Settings, read once from the environment (prefix ``MAWJAZ_``) and passed down.

No other module reads ``os.environ``: that keeps tests honest and lets one
process hold two configurations side by side.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from mawjaz.errors import ConfigError

DEFAULT_MAX_INPUT_BYTES = 5 * 1024 * 1024


def default_database_url() -> str:
    """An SQLite file in the user's data directory: the embedded default."""
    folder = Path(user_data_dir("mawjaz", appauthor=False))
    return f"sqlite:///{folder / 'mawjaz.sqlite'}"


#: Defaults that option objects further down repeat for callers with no settings (tests, benches): one source.
DIGEST_SIZE = 10
STORY_WINDOW_HOURS = 72


class Settings(BaseSettings):
    """Every ``MAWJAZ_`` setting, for every command: one object, read once by the CLI and passed down.

    The option objects of each layer (:class:`~mawjaz.pipeline.store.WriteOptions`,
    :class:`~mawjaz.delivery.deliverer.DeliveryOptions`, :class:`~mawjaz.bot.values.Services`)
    are built from it, so a setting reaches each of its users and none keeps a default of its own.
    """

    model_config = SettingsConfigDict(env_prefix="MAWJAZ_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    http_timeout_s: float = 20.0
    user_agent: str = "Mawjaz/0.1 (+https://github.com/mawjaz)"
    allow_private_urls: bool = False

    story_window_hours: int = Field(default=STORY_WINDOW_HOURS, ge=1, le=24 * 365)
    digest_size: int = Field(default=DIGEST_SIZE, ge=1, le=100)
    default_timezone: str = "Asia/Riyadh"
    default_digest_time: str = "08:00"
    aliases_file: Path | None = None
    outlets_file: Path | None = None  # more outlet names (mawjaz/text/data/outlets.toml's format)
    # processes that find key-actor names in a batch while the batch before is stored (unset: the CPUs less
    # one, at least one; 0: in the storing process). A pool starts only for a batch of 64 articles or more.
    tag_workers: int | None = Field(default=None, ge=0, le=64)

    telegram_token: SecretStr | None = None
    telegram_base_url: str = "https://api.telegram.org/bot"
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_port: int = 3000

    telegram_webhook_url: str | None = None  # set it to receive updates by webhook instead of polling
    telegram_webhook_secret: SecretStr | None = None  # required with a webhook: Telegram sends it in a header
    telegram_webhook_listen: str = "0.0.0.0"
    telegram_webhook_port: int = 8443
    telegram_rate_per_s: float = 29.0  # the bot's overall sending rate; Telegram allows about 30 messages/s
    share_rate: bool = True  # workers divide that rate among themselves (off: each sends at the full rate)
    worker_id: str | None = None  # default: host:pid:random
    admins: str = ""  # who may manage feeds from chat: "telegram:123,slack:U456"
    # breaking alerts (mawjaz/delivery/alerts.py): a story is breaking when this many outlets new to it
    # report it within this many minutes; a reader gets at most alert_daily_cap alerts a local day
    alert_outlets: int = Field(default=3, ge=2, le=100)
    alert_window_minutes: int = Field(default=60, ge=5, le=24 * 60)
    alert_daily_cap: int = Field(default=5, ge=0, le=100)

    web_port: int | None = Field(default=None, ge=0, le=65535)  # the story pages (mawjaz run: off when unset)
    web_listen: str = "0.0.0.0"
    public_url: str | None = None  # the pages' address as readers reach them (behind a proxy): links use it

    @property
    def story_window(self) -> timedelta:
        """``MAWJAZ_STORY_WINDOW_HOURS``: how far back a new article may join a story."""
        return timedelta(hours=self.story_window_hours)

    @property
    def public_base(self) -> str | None:
        """``MAWJAZ_PUBLIC_URL`` without a trailing slash, or None: where a story page's link starts."""
        return self.public_url.rstrip("/") if self.public_url else None

    def admin_ids(self) -> frozenset[str]:
        """``MAWJAZ_ADMINS`` as a set of ``platform:user_id`` strings (spaces and empty items ignored)."""
        return frozenset(item.strip() for item in self.admins.split(",") if item.strip())


#: The former name of the service's wider settings, now the same object: code written against it still runs.


def load_settings(**overrides: object) -> Settings:
    """The settings from the environment, ``overrides`` on top; a malformed value is a :class:`ConfigError`.

    The message names the variable and what is wrong with it
    (``MAWJAZ_DIGEST_SIZE: Input should be a valid integer``), never a traceback.
    """
    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(f"MAWJAZ_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors())
        raise ConfigError(problems) from None
    return settings.model_copy(update=overrides) if overrides else settings
