"""Whether the bot may post to a Telegram channel: ``getChat`` and ``getChatMember`` through python-telegram-bot.

Used by ``mawjaz channels add`` (with a bot opened for it) and by
``/channel add`` in a private chat (the adapter hands :func:`blocking_check`
to the command core, which runs in a worker thread). A refusal is a
:class:`CommandError` with an Arabic line and an English line, saying what
to do; nothing is stored then.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from telegram import Bot, ChatMemberAdministrator
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from mawjaz.errors import CommandError
from mawjaz.storage.subscribers import ChannelRef

CHECK_TIMEOUT_S = 30.0


async def check_admin(bot: Bot, channel: str) -> ChannelRef:
    """Who ``channel`` is (its id and @name, as ``getChat`` says), once the bot may post there.

    Raises :class:`CommandError` unless it is a channel where the bot is an administrator that may post.
    """
    try:
        chat = await bot.get_chat(channel)
        member = await bot.get_chat_member(channel, bot.id)
    except (BadRequest, Forbidden):
        raise CommandError(
            f"لا يرى البوت القناة {channel}: تأكد من الاسم وأضف البوت مشرفاً فيها\n"
            f"the bot cannot see channel {channel}: check the name and add the bot to it as an administrator"
        ) from None
    except NetworkError as exc:
        raise CommandError(
            f"تعذّر سؤال تيليغرام عن {channel}، حاول لاحقاً\ncould not ask Telegram about {channel}: {exc.__class__.__name__}"
        ) from None
    except TelegramError as exc:
        raise CommandError(
            f"رفض تيليغرام السؤال عن {channel}\nTelegram refused to tell about {channel}: {exc.__class__.__name__}"
        ) from None
    if chat.type != ChatType.CHANNEL:
        raise CommandError(f"{channel} ليست قناة\n{channel} is a {chat.type} chat, not a channel")
    found = ChannelRef(str(chat.id), f"@{chat.username.lower()}" if chat.username else None)
    if member.status == ChatMemberStatus.OWNER:
        return found
    if member.status != ChatMemberStatus.ADMINISTRATOR:
        raise CommandError(
            f"البوت ليس مشرفاً في القناة {channel}: أضفه مشرفاً يحق له النشر ثم أعد المحاولة\n"
            f"the bot is not an administrator of {channel}: make it an admin allowed to post messages, then try again"
        )
    if isinstance(member, ChatMemberAdministrator) and member.can_post_messages is False:
        raise CommandError(
            f"البوت مشرف في {channel} لكن لا يحق له النشر: فعّل «نشر الرسائل»\n"
            f"the bot is an administrator of {channel} but may not post messages: allow it to post"
        )
    return found


def blocking_check(bot: Bot, loop: asyncio.AbstractEventLoop) -> Callable[[str], ChannelRef]:
    """:func:`check_admin` for the command core, which runs in a worker thread while ``loop`` runs the bot."""

    def check(channel: str) -> ChannelRef:
        return asyncio.run_coroutine_threadsafe(check_admin(bot, channel), loop).result(CHECK_TIMEOUT_S)

    return check
