"""The values that cross between the platforms and the command core: request in, reply out.

Adapters translate a Telegram update or a Slack slash command into a
:class:`CommandRequest`, the core answers with a :class:`Reply`, and the
platform renderers (:mod:`mawjaz.bot.replies`) turn that into HTML or Block
Kit. None of these values knows which platform it came from beyond a name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mawjaz.bot.command_budget import CommandThrottle
from mawjaz.bot.turns import ChatTurns
from mawjaz.config import DIGEST_SIZE
from mawjaz.digest.views import Digest
from mawjaz.pipeline.feedlist import Found
from mawjaz.storage.models import utcnow
from mawjaz.storage.subscribers import ChannelRef, Chat, Defaults

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from mawjaz.text.aliases import AliasIndex


@dataclass(frozen=True, slots=True)
class CommandRequest:
    """One command from one person in one chat.

    ``command`` is the name or alias as typed (without ``/``), ``args`` the
    rest of the line. ``may_configure`` is whether this person may change
    the chat's settings (in a group: only administrators); adapters compute
    it only when the command needs it, so it defaults to True.
    """

    chat: Chat
    command: str
    args: str = ""
    user_id: str | None = None
    may_configure: bool = True
    page: int = 1


@dataclass(frozen=True, slots=True)
class Choice:
    """A button: pressing it runs ``command args`` (at ``page``) as if typed."""

    label: str
    command: str
    args: str = ""
    page: int = 1


@dataclass(frozen=True, slots=True)
class Reply:
    """What the core answers: a few lines of text, stories to show, and buttons.

    ``text`` is plain text (renderers escape it). ``stories`` with ``title``
    is a digest or search result page; ``more`` fetches the next page.
    """

    text: str = ""
    lang: str = "ar"
    stories: Digest | None = None
    title: str | None = None
    choices: tuple[Choice, ...] = ()
    more: Choice | None = None
    menu: tuple[str, ...] = ()  # words offered as a reply keyboard (plain-text commands)


@dataclass(frozen=True)
class Services:
    """What handlers may use: the database, the defaults, and the clock (tests drive it).

    ``admins`` are ``platform:user_id`` strings (``MAWJAZ_ADMINS``): only they
    manage feeds from chat. ``check_url`` refuses a feed URL Mawjaz must not
    fetch (the URL guard; tests pass one with a fixed resolver). ``throttle``
    is the per-user command budget of this worker. ``aliases`` are the names
    built once from ``MAWJAZ_ALIASES_FILE`` (None: the shipped ones). The
    service builds this from the settings (:func:`mawjaz.service.services_for`);
    the defaults here are the settings' defaults, for tests.
    """

    engine: Engine
    defaults: Defaults = field(default_factory=Defaults)
    digest_size: int = DIGEST_SIZE
    page_size: int = 5
    topic_window: timedelta = timedelta(days=30)
    digest_window: timedelta = timedelta(hours=24)
    clock: Callable[[], datetime] = utcnow
    admins: frozenset[str] = frozenset()
    check_url: Callable[[str], None] | None = None
    # a site's URL → the feed it declares (fetched, guarded), as `mawjaz feeds add` finds it; None: the URL as given
    find_feed: Callable[[str], Found] | None = None
    throttle: CommandThrottle = field(default_factory=CommandThrottle)
    aliases: AliasIndex | None = None
    turns: ChatTurns | None = None  # chats a digest is being sent to: a reply waits for its last part
    pages: str | None = None  # MAWJAZ_PUBLIC_URL: digest and /topic items link to their story pages there
    # who this Telegram channel is (id and @name); raises CommandError unless the bot is an administrator
    # that may post there (the Telegram adapter supplies it; None elsewhere: channels are added from Telegram or the CLI)
    check_channel: Callable[[str], ChannelRef] | None = None

    def is_admin(self, platform: str, user_id: str | None) -> bool:
        return user_id is not None and f"{platform}:{user_id}" in self.admins
