"""Settings, read once from the environment (prefix ``MAWJAZ_``) and passed down.

No other module reads ``os.environ``: that keeps tests honest and lets one
process hold two configurations side by side.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MAX_INPUT_BYTES = 5 * 1024 * 1024


def default_database_url() -> str:
    """An SQLite file in the user's data directory: the embedded default."""
    folder = Path(user_data_dir("mawjaz", appauthor=False))
    return f"sqlite:///{folder / 'mawjaz.sqlite'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MAWJAZ_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    http_timeout_s: float = 20.0
    user_agent: str = "Mawjaz/0.1 (+https://github.com/mawjaz)"
    allow_private_urls: bool = False

    story_window_hours: int = 72
    digest_size: int = 10
    default_timezone: str = "Asia/Riyadh"
    default_digest_time: str = "08:00"
    aliases_file: Path | None = None
    outlets_file: Path | None = None  # more outlet names (mawjaz/text/data/outlets.toml's format)

    telegram_token: SecretStr | None = None
    telegram_base_url: str = "https://api.telegram.org/bot"
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_port: int = 3000


class RunSettings(Settings):
    telegram_webhook_url: str | None = None  # set it to receive updates by webhook instead of polling
    telegram_webhook_secret: SecretStr | None = None  # required with a webhook: Telegram sends it in a header
    telegram_webhook_listen: str = "0.0.0.0"
    telegram_webhook_port: int = 8443
    telegram_rate_per_s: float = 29.0  # the bot's overall sending rate; Telegram allows about 30 messages/s
    share_rate: bool = True  # workers divide that rate among themselves (off: each sends at the full rate)
    worker_id: str | None = None  # default: host:pid:random
    admins: str = ""  # who may manage feeds from chat: "telegram:123,slack:U456"

    def admin_ids(self) -> frozenset[str]:
        """``MAWJAZ_ADMINS`` as a set of ``platform:user_id`` strings (spaces and empty items ignored)."""
        return frozenset(item.strip() for item in self.admins.split(",") if item.strip())
