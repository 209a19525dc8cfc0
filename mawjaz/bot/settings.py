"""The settings only ``mawjaz run`` needs, on top of :class:`mawjaz.config.Settings` (same ``MAWJAZ_`` prefix).

Loaded once by the CLI and passed down, like the base settings.
"""

from __future__ import annotations

from pydantic import SecretStr

from mawjaz.config import Settings


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
