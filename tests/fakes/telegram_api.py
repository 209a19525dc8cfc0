"""A fake Telegram Bot API, good enough for python-telegram-bot to poll it, answer through it and be throttled by it.

Point PTB at it with ``base_url=f"{fake.url}/bot"``. It answers ``getMe``,
``getUpdates`` (queued updates, then an empty long poll), ``sendMessage`` and
the few other methods the bot calls, records every call, and behaves like
Telegram where tests need it to:

* HTML that Telegram would refuse gets 400 "can't parse entities", so an
  escaping bug fails a test instead of a reader's digest;
* ``max_per_second`` enforces a flood limit (sliding one-second window) with
  429 and ``retry_after``; ``per_chat_interval`` a per-chat one;
* ``block(chat)`` answers 403 as for a user who blocked the bot,
  ``migrate(chat, new)`` answers 400 with ``migrate_to_chat_id``;
* ``latency`` delays each ``sendMessage``;
* ``add_channel("@name", -100…, status)`` makes a channel the bot is a member of (``administrator`` by
  default): ``getChat``, ``getChatMember`` and ``sendMessage`` take it by ``@name`` or by id, an unknown
  ``@name`` is 400 "chat not found", and ``remove_from_channel`` answers 403 "bot was kicked" as Telegram does.

Users act through ``user_says``, ``press`` and ``membership``, which queue updates.
"""

from __future__ import annotations

import asyncio
import collections
import html
import itertools
import re
import threading
import time
from typing import Any

from aiohttp import web

from .server import Call, FakeServer, json_param, read_params

BOT_ID = 4242
BOT_USERNAME = "MawjazTestBot"
_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "tg-emoji",
    "code",
    "pre",
    "blockquote",
}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_STRIP = re.compile(r"<[^>]*>")


def html_problem(text: str) -> str | None:
    """Why Telegram would refuse ``text`` as HTML, or None when it would accept it."""
    stack: list[str] = []
    at = 0
    while at < len(text):
        char = text[at]
        if char == "<":
            match = _TAG.match(text, at)
            if match is None:
                return f"Unsupported start tag at byte offset {len(text[:at].encode())}"
            closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
            if name not in _TAGS:
                return f'Unsupported start tag "{name}" at byte offset {len(text[:at].encode())}'
            if closing:
                if not stack or stack[-1] != name:
                    return f'Unexpected end tag at byte offset {len(text[:at].encode())}'
                stack.pop()
            else:
                if name == "a" and "href" not in attrs:
                    return "Can't find the URL of a link"
                stack.append(name)
            at = match.end()
            continue
        if char == "&":
            match = _ENTITY.match(text, at)
            if match is None:
                return f"Unsupported entity at byte offset {len(text[:at].encode())}"
            at = match.end()
            continue
        if char == ">":
            return f"Unexpected '>' at byte offset {len(text[:at].encode())}"
        at += 1
    if stack:
        return f'Can\'t find end tag corresponding to start tag "{stack[-1]}"'
    return None


def visible_text(text: str) -> str:
    """What the reader sees of an HTML message: tags dropped, entities read."""
    return html.unescape(_STRIP.sub("", text))


class FakeTelegram(FakeServer):
    def __init__(
        self,
        *,
        max_per_second: int | None = None,
        per_chat_interval: float | None = None,
        retry_after: int = 1,
        latency: float = 0.0,
    ) -> None:
        super().__init__()
        self.max_per_second = max_per_second
        self.per_chat_interval = per_chat_interval
        self.retry_after = retry_after
        self.latency = latency
        self.blocked: set[str] = set()
        self.migrated: dict[str, str] = {}
        self.members: dict[tuple[str, str], str] = {}  # (chat, user) -> creator | member
        self.channels: dict[str, str] = {}  # "@name" (lower case) -> its "-100…" id
        self.channel_ids: set[str] = set()
        self.may_post: dict[str, bool] = {}  # channel id -> whether the bot, as an administrator, may post
        self.tokens: set[str] = set()
        self._updates: list[dict[str, Any]] = []
        self._updates_lock = threading.Lock()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._window: collections.deque[float] = collections.deque()
        self._last_per_chat: dict[str, float] = {}
        self.stopping = False

    def stop(self) -> None:
        self.stopping = True  # open long polls answer at once
        super().stop()

    def wait_for_polling(self, timeout: float = 10.0) -> None:
        """Wait until the bot has a ``getUpdates`` long poll open."""
        self.wait_for("getUpdates:polling", timeout=timeout)

    def routes(self, app: web.Application) -> None:
        app.router.add_route("*", r"/bot{token}/{method}", self._handle)

    # --- the API ---------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await read_params(request)
        self.tokens.add(request.match_info["token"])
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return self._answer(method, params, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        status, body = await handler(params)
        return self._answer(method, params, status, body)

    def _answer(self, method: str, params: dict, status: int, body: dict) -> web.Response:
        self.record(Call(method, params, status, body.get("result") if status == 200 else body))
        return web.json_response(body, status=status)

    @staticmethod
    def _ok(result: Any) -> tuple[int, dict]:
        return 200, {"ok": True, "result": result}

    @staticmethod
    def _error(code: int, description: str, **parameters: Any) -> tuple[int, dict]:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return code, body

    async def _m_getMe(self, params: dict) -> tuple[int, dict]:
        return self._ok(
            {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Mawjaz",
                "username": BOT_USERNAME,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        )

    async def _true(self, params: dict) -> tuple[int, dict]:
        return self._ok(True)

    _m_deleteWebhook = _m_setWebhook = _m_setMyCommands = _m_deleteMyCommands = _true
    _m_answerCallbackQuery = _m_close = _m_logOut = _true

    async def _m_getWebhookInfo(self, params: dict) -> tuple[int, dict]:
        return self._ok({"url": "", "has_custom_certificate": False, "pending_update_count": 0})

    # --- channels ----------------------------------------------------------------------
    def add_channel(self, name: str, chat_id: int, status: str = "administrator", may_post: bool = True) -> None:
        """A channel ``@name`` with id ``chat_id`` where the bot is ``status`` (administrator, member, left …)."""
        self.channels[name.lower()] = str(chat_id)
        self.channel_ids.add(str(chat_id))
        self.members[(str(chat_id), str(BOT_ID))] = status
        self.may_post[str(chat_id)] = may_post

    def remove_from_channel(self, chat_id: int | str) -> None:
        """The channel's owner removes the bot: it is no longer a member, sending is 403."""
        chat = self._resolve(str(chat_id)) or str(chat_id)
        self.members[(chat, str(BOT_ID))] = "kicked"
        self.blocked.add(chat)

    def _resolve(self, chat: str) -> str | None:
        """A chat id as a string: ``@name`` looked up among the channels (None when unknown)."""
        return self.channels.get(chat.lower()) if chat.startswith("@") else chat

    def _chat_type(self, chat: str) -> str:
        if chat in self.channel_ids:
            return "channel"
        return "private" if int(chat) > 0 else "supergroup"

    async def _m_getChat(self, params: dict) -> tuple[int, dict]:
        chat = self._resolve(str(params.get("chat_id")))
        if chat is None:
            return self._error(400, "Bad Request: chat not found")
        found = {"id": int(chat), "type": self._chat_type(chat), "accent_color_id": 0, "max_reaction_count": 11}
        username = next((name[1:] for name, chat_id in self.channels.items() if chat_id == chat), None)
        if username is not None:  # a public channel: Telegram answers its @username (without the @)
            found.update(username=username, title=username)
        found["accepted_gift_types"] = {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        }
        return self._ok(found)

    async def _m_getChatMember(self, params: dict) -> tuple[int, dict]:
        chat, user = self._resolve(str(params.get("chat_id"))), str(params.get("user_id"))
        if chat is None:
            return self._error(400, "Bad Request: chat not found")
        status = self.members.get((chat, user), "member")
        member: dict[str, Any] = {"status": status, "user": {"id": int(user), "is_bot": False, "first_name": "U"}}
        if status == "creator":
            member["is_anonymous"] = False
        if status == "administrator":
            rights = ("can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages")
            rights += ("can_manage_video_chats", "can_restrict_members", "can_promote_members", "can_change_info")
            rights += ("can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories")
            member.update(dict.fromkeys(rights, False), can_post_messages=self.may_post.get(chat, True))
        if status == "kicked":
            member["until_date"] = 0
        return self._ok(member)

    async def _m_getUpdates(self, params: dict) -> tuple[int, dict]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        self.record(Call("getUpdates:polling", params, 200))  # the long poll is open (answered later)
        while True:
            with self._updates_lock:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = list(self._updates)
            if ready or time.monotonic() >= deadline or self.stopping:
                return self._ok(ready)
            await asyncio.sleep(0.02)

    async def _m_sendMessage(self, params: dict) -> tuple[int, dict]:
        if self.latency:
            await asyncio.sleep(self.latency)
        resolved = self._resolve(str(params.get("chat_id")))
        if resolved is None:
            return self._error(400, "Bad Request: chat not found")
        chat = resolved
        text = str(params.get("text") or "")
        if chat in self.blocked and chat in self.channel_ids:
            return self._error(403, "Forbidden: bot was kicked from the channel chat")
        if chat in self.blocked:
            return self._error(403, "Forbidden: bot was blocked by the user")
        if chat in self.migrated:
            return self._error(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=int(self.migrated[chat]),
            )
        limited = self._throttle(chat)
        if limited is not None:
            return limited
        if params.get("parse_mode") == "HTML":
            problem = html_problem(text)
            if problem is not None:
                return self._error(400, f"Bad Request: can't parse entities: {problem}")
            shown = visible_text(text)
        else:
            shown = text
        if not shown.strip():
            return self._error(400, "Bad Request: message text is empty")
        if len(shown) > 4096:
            return self._error(400, "Bad Request: message is too long")
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": int(chat), "type": self._chat_type(chat)},
            "text": shown,
        }
        return self._ok(message)

    def _throttle(self, chat: str) -> tuple[int, dict] | None:
        now = time.monotonic()
        if self.max_per_second is not None:
            while self._window and self._window[0] <= now - 1.0:
                self._window.popleft()
            if len(self._window) >= self.max_per_second:
                return self._error(
                    429, f"Too Many Requests: retry after {self.retry_after}", retry_after=self.retry_after
                )
        if self.per_chat_interval is not None:
            last = self._last_per_chat.get(chat)
            if last is not None and now - last < self.per_chat_interval:
                return self._error(
                    429, f"Too Many Requests: retry after {self.retry_after}", retry_after=self.retry_after
                )
            self._last_per_chat[chat] = now
        if self.max_per_second is not None:
            self._window.append(now)
        return None

    # --- what users do -------------------------------------------------------------------
    def _queue(self, update: dict[str, Any]) -> int:
        with self._updates_lock:
            update["update_id"] = next(self._update_ids)
            self._updates.append(update)
        return update["update_id"]

    @staticmethod
    def _chat(chat_id: int, chat_type: str) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "Reader"
        else:
            chat["title"] = "Newsroom"
        return chat

    def user_says(
        self,
        text: str,
        chat_id: int = 111,
        user_id: int | None = None,
        chat_type: str = "private",
        language_code: str = "ar",
        sender_chat: dict | None = None,
    ) -> int:
        """Queue a message from a user; ``/commands`` carry the bot_command entity Telegram adds."""
        user_id = user_id if user_id is not None else abs(chat_id)
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chat(chat_id, chat_type),
            "from": {"id": user_id, "is_bot": False, "first_name": "Reader", "language_code": language_code},
            "text": text,
        }
        if sender_chat is not None:
            message["sender_chat"] = sender_chat
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}
            ]
        return self._queue({"message": message})

    def press(self, data: str, chat_id: int = 111, user_id: int | None = None, chat_type: str = "private") -> int:
        """Queue a press on an inline button carrying ``data``."""
        user_id = user_id if user_id is not None else abs(chat_id)
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chat(chat_id, chat_type),
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Mawjaz"},
            "text": "…",
        }
        query = {
            "id": str(next(self._message_ids)),
            "chat_instance": "ci",
            "data": data,
            "message": message,
            "from": {"id": user_id, "is_bot": False, "first_name": "Reader"},
        }
        return self._queue({"callback_query": query})

    def membership(self, chat_id: int, status: str, chat_type: str = "private", username: str | None = None) -> int:
        """Queue a ``my_chat_member`` update: the user blocked (``kicked``) or restarted (``member``) the bot."""
        bot = {"id": BOT_ID, "is_bot": True, "first_name": "Mawjaz"}
        where = self._chat(chat_id, chat_type)
        if username is not None:
            where["username"] = username
        change = {
            "chat": where,
            "from": {"id": abs(chat_id), "is_bot": False, "first_name": "R"},
            "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": bot},
            "new_chat_member": {"status": status, "user": bot, **({"until_date": 0} if status == "kicked" else {})},
        }
        return self._queue({"my_chat_member": change})

    def group_migrates(self, chat_id: int, new_chat_id: int) -> int:
        """The group became a supergroup: Telegram posts a service message with ``migrate_to_chat_id``."""
        self.migrated[str(chat_id)] = str(new_chat_id)
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chat(chat_id, "group"),
            "from": {"id": 1, "is_bot": False, "first_name": "A"},
            "migrate_to_chat_id": new_chat_id,
        }
        return self._queue({"message": message})

    def block(self, chat_id: int | str) -> None:
        self.blocked.add(str(chat_id))

    # --- reading the log -------------------------------------------------------------------
    def sent(self, chat_id: int | str | None = None) -> list[Call]:
        """Successful ``sendMessage`` calls (to one chat, or all)."""
        match = {} if chat_id is None else {"chat_id": chat_id}
        return self.calls_to("sendMessage", **match)

    def texts(self, chat_id: int | str) -> list[str]:
        return [c.params["text"] for c in self.sent(chat_id)]

    @staticmethod
    def markup(call: Call) -> Any:
        return json_param(call.params.get("reply_markup"))
