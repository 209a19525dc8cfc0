"""The Telegram adapter: python-telegram-bot updates in, command core, HTML replies out.

Thin by design: every handler turns an update into a :class:`CommandRequest`,
runs :func:`mawjaz.bot.commands.dispatch` in a thread (it uses the database),
and sends the rendered :class:`Reply`. Handlers, ``set_my_commands`` and
``/help`` all come from the one registry. Also here: the group-administrator
check, following chat migrations, unsubscribing chats that blocked the bot,
and the webhook route (secret token required).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import secrets
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram import Chat as TelegramChat
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import Forbidden, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from mawjaz.bot import commands
from mawjaz.bot.args import split_command
from mawjaz.bot.replies import TelegramMessage, telegram_messages, telegram_text
from mawjaz.bot.routes import Response
from mawjaz.bot.telegram.channels import blocking_check
from mawjaz.bot.telegram.send import NO_PREVIEW, make_bot
from mawjaz.bot.texts import say
from mawjaz.bot.values import Choice, CommandRequest, Reply, Services
from mawjaz.errors import ConfigError
from mawjaz.storage import subscribers
from mawjaz.storage.engine import transaction
from mawjaz.storage.subscribers import ChannelRef, Chat

log = logging.getLogger(__name__)

PLATFORM = "telegram"
CALLBACK_LIMIT = 64  # bytes Telegram allows in callback_data
SECRET_HEADER = "x-telegram-bot-api-secret-token"
ADMINS = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


class InOrderPerChat(BaseUpdateProcessor):
    """Updates of different chats run concurrently; one chat's run in the order they came.

    (``/start`` then ``/time 07:30`` must subscribe first, then set the time.)
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        self._users[chat.id] = self._users.get(chat.id, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[chat.id] -= 1
            if not self._users[chat.id]:
                del self._users[chat.id], self._locks[chat.id]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def build_application(token: str, base_url: str, services: Services) -> Application:
    """The PTB application with every handler registered (not started)."""
    bot = make_bot(token, base_url)
    # No PTB JobQueue: the schedule lives in the database and the service's own minute tick.
    app = Application.builder().bot(bot).concurrent_updates(InOrderPerChat(8)).job_queue(None).build()
    app.bot_data["services"] = services
    app.bot_data["choices"] = OrderedDict()
    for command in commands.COMMANDS:
        app.add_handler(CommandHandler(command.name, on_command))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migrate))
    app.add_handler(ChatMemberHandler(on_my_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(MessageHandler(filters.COMMAND, on_command))  # unknown /commands get a helpful answer
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    app.add_error_handler(on_error)
    return app


async def register_commands(app: Application) -> None:
    """The command menu, in Arabic by default and in English for English-speaking clients.

    Everyone's menu leaves out the commands only Mawjaz's administrators may
    run (a menu entry that always answers "administrators only" is noise);
    each Telegram administrator's private chat gets the full menu.
    """
    services: Services = app.bot_data["services"]
    await _set_menu(app, [c for c in commands.COMMANDS if not c.admin])
    for admin in sorted(services.admins):
        platform, _, user_id = admin.partition(":")
        if platform == PLATFORM and user_id.lstrip("-").isdigit():
            await _set_menu(app, commands.COMMANDS, BotCommandScopeChat(int(user_id)))


async def _set_menu(app: Application, menu, scope: BotCommandScopeChat | None = None) -> None:
    await app.bot.set_my_commands([BotCommand(c.name, c.help_ar[:256]) for c in menu], scope=scope)
    await app.bot.set_my_commands([BotCommand(c.name, c.help_en[:256]) for c in menu], scope=scope, language_code="en")


# --- turning updates into requests --------------------------------------------


def _in_chat(update: Update) -> TelegramChat:
    """The update's chat: every handler here is registered for updates that happen in one."""
    chat = update.effective_chat
    assert chat is not None
    return chat


def _message(update: Update) -> Message:
    """The update's message: for the handlers registered for messages."""
    message = update.effective_message
    assert message is not None
    return message


def _chat(update: Update) -> Chat:
    chat = _in_chat(update)
    return Chat(PLATFORM, str(chat.id), None, chat.type)


async def _may_configure(update: Update, context: ContextTypes.DEFAULT_TYPE, word: str) -> bool:
    """In groups only administrators change settings (an anonymous admin posts as the group itself)."""
    command = commands.find(word)
    chat = _in_chat(update)
    if command is None or not command.configures or chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return True
    message = update.effective_message
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True
    user = update.effective_user
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in ADMINS


async def _run(update: Update, context: ContextTypes.DEFAULT_TYPE, word: str, args: str, page: int = 1) -> None:
    services: Services = context.bot_data["services"]
    # /channel add asks Telegram whether the bot may post there; the core runs in a thread, the bot on this loop
    services = replace(services, check_channel=blocking_check(context.bot, asyncio.get_running_loop()))
    user = update.effective_user
    request = CommandRequest(
        chat=_chat(update),
        command=word,
        args=args,
        user_id=str(user.id) if user else None,
        may_configure=await _may_configure(update, context, word),
        page=page,
    )
    reply = await asyncio.to_thread(commands.dispatch, request, services)
    await send_reply(context, _in_chat(update).id, reply)


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    word, args = split_command(_message(update).text or "")
    await _run(update, context, word, args)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Words typed from the menu (``الموجز``, ``موضوع داعش``); in a private chat any other text is searched."""
    text = _message(update).text or ""
    word, args = split_command(text)
    if commands.find(word) is not None:
        await _run(update, context, word, args)
    elif _in_chat(update).type == ChatType.PRIVATE:
        await _run(update, context, "topic", text)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None  # registered as a CallbackQueryHandler
    await query.answer()
    choice = decode_choice(query.data or "", context.bot_data["choices"])
    if choice is None:
        await send_reply(context, _in_chat(update).id, Reply(text=say("expired", "ar")))
        return
    await _run(update, context, choice.command, choice.args, choice.page)


async def on_migrate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: its id changed, the subscription follows it."""
    message = _message(update)
    if message.migrate_to_chat_id:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:  # filters.StatusUpdate.MIGRATE lets only the two through
        return
    services: Services = context.bot_data["services"]
    await asyncio.to_thread(_migrate, services, str(old), str(new))


def _migrate(services: Services, old: str, new: str) -> None:
    with transaction(services.engine) as session:
        subscribers.migrate_chat(session, PLATFORM, old, new)
    log.info("chat %s moved to %s", old, new)


async def on_my_membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was blocked, kicked or left: stop sending there."""
    changed = update.my_chat_member
    assert changed is not None  # registered as a ChatMemberHandler for the bot's own membership
    status = changed.new_chat_member.status
    if status not in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        return
    chat = _in_chat(update)
    services = context.bot_data["services"]
    if chat.type == ChatType.CHANNEL:  # matched by its id, or by its @name for a row added that way earlier
        ref = ChannelRef(str(chat.id), f"@{chat.username.lower()}" if chat.username else None)
        await asyncio.to_thread(pause_channel, services, ref)
        return
    await asyncio.to_thread(unsubscribe, services, str(chat.id))


def unsubscribe(services: Services, chat_id: str) -> None:
    with transaction(services.engine) as session:
        subscribers.deactivate_chat(session, PLATFORM, chat_id)
    log.info("chat %s blocked or removed the bot: unsubscribed", chat_id)


def pause_channel(services: Services, ref: ChannelRef) -> None:
    with transaction(services.engine) as session:
        subscribers.pause_channel(session, PLATFORM, ref)
    names = " / ".join(n for n in (ref.username, ref.chat_id) if n)
    log.warning("channel %s removed the bot: paused; `mawjaz channels add` resumes it", names)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The one place errors land: log the traceback, unsubscribe on 403, answer politely."""
    chat = update.effective_chat if isinstance(update, Update) else None
    if isinstance(context.error, Forbidden) and chat is not None:
        await asyncio.to_thread(unsubscribe, context.bot_data["services"], str(chat.id))
        return
    log.error("handling a Telegram update failed", exc_info=context.error)
    if chat is not None:
        try:
            await context.bot.send_message(chat.id, telegram_text(say("error", "ar")), parse_mode=ParseMode.HTML)
        except Exception:  # the apology is best effort
            log.debug("could not send the apology", exc_info=True)


# --- sending replies ---------------------------------------------------------------


async def send_reply(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply) -> None:
    turns = context.bot_data["services"].turns
    # a digest being sent to this chat, by this worker or another, finishes first
    async with turns.reply(f"{PLATFORM}:{chat_id}") if turns is not None else contextlib.nullcontext():
        for message in telegram_messages(reply):
            await context.bot.send_message(
                chat_id,
                message.html,
                parse_mode=ParseMode.HTML,
                reply_markup=_markup(message, context.bot_data["choices"]),
                link_preview_options=NO_PREVIEW,
            )


def _markup(message: TelegramMessage, stash: OrderedDict):
    if message.buttons:
        return InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(c.label, callback_data=encode_choice(c, stash)) for c in row]
                for row in message.buttons
            ]
        )
    if message.menu:
        return ReplyKeyboardMarkup([[KeyboardButton(word) for word in message.menu]], resize_keyboard=True)
    return None


def encode_choice(choice: Choice, stash: OrderedDict) -> str:
    """``command|page|args`` when it fits Telegram's 64 bytes; else a key into this process's stash."""
    data = f"c|{choice.page}|{choice.command}|{choice.args}"
    if len(data.encode("utf-8")) <= CALLBACK_LIMIT:
        return data
    key = secrets.token_urlsafe(12)
    stash[key] = choice
    while len(stash) > 5000:
        stash.popitem(last=False)
    return f"k|{key}"


def decode_choice(data: str, stash: Mapping[str, Choice]) -> Choice | None:
    kind, _, rest = data.partition("|")
    if kind == "k":
        return stash.get(rest)
    if kind == "c":
        page, _, rest = rest.partition("|")
        command, _, args = rest.partition("|")
        if page.isdigit() and command:
            return Choice("", command, args, int(page))
    return None


# --- webhook ----------------------------------------------------------------------


def webhook_route(app: Application, secret: str, loop: asyncio.AbstractEventLoop):
    """The HTTP route Telegram posts updates to; refuses requests without the secret token (403)."""

    def route(body: bytes, _query: str, headers: Mapping[str, str]) -> Response:
        given = headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            log.warning("refused a webhook request without the right secret token")
            return Response(403, b"forbidden")
        try:
            update = Update.de_json(json.loads(body), app.bot)
        except (ValueError, TypeError, KeyError):
            return Response(400, b"bad update")
        asyncio.run_coroutine_threadsafe(app.update_queue.put(update), loop)
        return Response(200, b"ok")

    return route


# --- starting the bot (called by mawjaz.service, which imports no platform library) -------------------


async def open_bot(token: str, base_url: str):
    """A started ``Bot`` for sending alone (``mawjaz deliver``); a refused token or an unreachable API is a setting."""
    bot = make_bot(token, base_url)
    try:
        await bot.initialize()
    except TelegramError as exc:
        # the class name only: PTB's messages can carry the token itself
        raise ConfigError(
            f"Telegram refused to start the bot ({exc.__class__.__name__}): check MAWJAZ_TELEGRAM_TOKEN "
            "and MAWJAZ_TELEGRAM_BASE_URL"
        ) from None
    return bot


async def start_application(token: str, base_url: str, services: Services) -> Application:
    """The bot's application, initialised, its command menus registered, and started (not yet receiving)."""
    app = build_application(token, base_url, services)
    try:
        await app.initialize()
    except InvalidToken:
        raise ConfigError("Telegram refused MAWJAZ_TELEGRAM_TOKEN: check the token from @BotFather") from None
    except NetworkError as exc:
        raise ConfigError(f"cannot reach Telegram at MAWJAZ_TELEGRAM_BASE_URL: {exc}") from None
    await register_commands(app)
    await app.start()
    return app


async def set_webhook(app: Application, url: str, secret: str) -> None:
    await app.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)


async def start_polling(app: Application, timeout: timedelta, error_callback) -> None:
    assert app.updater is not None  # built with the default updater
    await app.updater.start_polling(timeout=timeout, allowed_updates=Update.ALL_TYPES, error_callback=error_callback)


async def stop(app: Application) -> None:
    """Stop receiving, then the application itself (safe whatever state it reached)."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
