"""A fake Slack Web API, and a helper that sends signed slash commands to a Bolt app over real HTTP.

Point slack_sdk at it with ``WebClient(base_url=f"{fake.url}/api/")`` (keep the
trailing slash). It answers ``auth.test`` (Bolt calls it at start),
``chat.postMessage``, ``users.info``, and ``/response/<key>`` (what a
``response_url`` points to), recording every call. ``per_channel_interval``
enforces Slack's one message per second per channel with 429 and
``Retry-After``; ``gone`` channels answer ``channel_not_found``.

Socket Mode too: ``apps.connections.open`` hands out a ``ws://`` URL on the
same server (slack_sdk's built-in client speaks plain WebSocket to a port other
than 443), which says ``hello``; :meth:`FakeSlack.socket_send` pushes an
envelope down the newest connection and every frame the app sends back is
recorded as ``socket.ack``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import urllib.parse

import httpx
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

from .server import Call, FakeServer, read_params

TEAM_ID = "T0MAWJAZ"


class FakeSlack(FakeServer):
    def __init__(
        self,
        *,
        per_channel_interval: float | None = None,
        retry_after: int = 1,
        user_tz: str = "Africa/Cairo",
        latency: float = 0.0,
    ) -> None:
        super().__init__()
        self.per_channel_interval = per_channel_interval
        self.retry_after = retry_after
        self.user_tz = user_tz
        self.latency = latency
        self.gone: set[str] = set()
        self._last: dict[str, float] = {}
        self._ts = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []

    def routes(self, app: web.Application) -> None:
        app.router.add_post(r"/api/{method}", self._api)
        app.router.add_post(r"/response/{key}", self._response)
        app.router.add_get("/link/", self._link)

    def response_url(self, key: str = "r1") -> str:
        return f"{self.url}/response/{key}"

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await read_params(request)
        params.setdefault("token", request.headers.get("Authorization", "").removeprefix("Bearer "))
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            status, body, headers = 200, {"ok": False, "error": "unknown_method"}, {}
        else:
            status, body, headers = await handler(params)
        self.record(Call(method, params, status if body.get("ok") else 400 if status == 200 else status, body))
        return web.json_response(body, status=status, headers=headers)

    async def _m_auth_test(self, params: dict) -> tuple[int, dict, dict]:
        return (
            200,
            {
                "ok": True,
                "url": "https://mawjaz.slack.com/",
                "team": "Mawjaz",
                "user": "mawjaz",
                "team_id": TEAM_ID,
                "user_id": "UBOT",
                "bot_id": "BBOT",
            },
            {},
        )

    async def _m_apps_connections_open(self, params: dict) -> tuple[int, dict, dict]:
        if not str(params.get("token", "")).startswith("xapp-"):
            return 200, {"ok": False, "error": "not_allowed_token_type"}, {}
        return 200, {"ok": True, "url": f"ws://127.0.0.1:{self.port}/link/?ticket=fake"}, {}

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0MAWJAZ"}})
        self.record(Call("socket.open", {}, 200, {"ok": True}))
        async for message in socket:
            if message.type == web.WSMsgType.TEXT:
                self.record(Call("socket.ack", json.loads(message.data), 200, {"ok": True}))
        return socket

    def socket_send(self, envelope: dict) -> None:
        """Push ``envelope`` to the app over its newest Socket Mode connection."""
        self.call_in_loop(lambda: asyncio.ensure_future(self._sockets[-1].send_json(envelope)))

    async def _m_users_info(self, params: dict) -> tuple[int, dict, dict]:
        user = str(params.get("user"))
        return 200, {"ok": True, "user": {"id": user, "name": "reader", "tz": self.user_tz}}, {}

    async def _m_chat_postMessage(self, params: dict) -> tuple[int, dict, dict]:
        if self.latency:
            await asyncio.sleep(self.latency)
        channel = str(params.get("channel"))
        if channel in self.gone:
            return 200, {"ok": False, "error": "channel_not_found"}, {}
        now = time.monotonic()
        last = self._last.get(channel)
        if self.per_channel_interval is not None and last is not None and now - last < self.per_channel_interval:
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(self.retry_after)}
        self._last[channel] = now
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        return 200, {"ok": True, "channel": channel, "ts": ts, "message": {"text": params.get("text"), "ts": ts}}, {}

    async def _response(self, request: web.Request) -> web.Response:
        params = await read_params(request)
        params["key"] = request.match_info["key"]
        self.record(Call("response", params, 200, {"ok": True}))
        return web.json_response({"ok": True})

    def posted(self, channel: str | None = None) -> list[Call]:
        match = {} if channel is None else {"channel": channel}
        return self.calls_to("chat.postMessage", **match)


def slash_form(
    command: str,
    text: str,
    *,
    response_url: str,
    channel_id: str = "C0NEWS",
    channel_name: str = "news",
    user_id: str = "U0READER",
) -> dict[str, str]:
    """The fields Slack sends with a slash command (form body over HTTP, ``payload`` in Socket Mode)."""
    return {
        "token": "legacy",
        "team_id": TEAM_ID,
        "team_domain": "mawjaz",
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": "reader",
        "command": command,
        "text": text,
        "api_app_id": "A0MAWJAZ",
        "response_url": response_url,
        "trigger_id": "1.2.3",
    }


def slash_command(
    app_url: str,
    secret: str | None,
    command: str,
    text: str,
    *,
    response_url: str,
    channel_id: str = "C0NEWS",
    channel_name: str = "news",
    user_id: str = "U0READER",
    timestamp: int | None = None,
    timeout: float = 10.0,
) -> httpx.Response:
    """POST a slash command as Slack does: form body, signed with ``secret`` (unsigned when None)."""
    form = slash_form(
        command, text, response_url=response_url, channel_id=channel_id, channel_name=channel_name, user_id=user_id
    )
    return post_signed(app_url, secret, urllib.parse.urlencode(form), timestamp=timestamp, timeout=timeout)


def button_press(
    app_url: str,
    secret: str,
    value: str,
    *,
    response_url: str,
    action_id: str = "mawjaz_choice_0",
    channel_id: str = "C0NEWS",
    user_id: str = "U0READER",
) -> httpx.Response:
    """POST a block-actions payload (a button press) as Slack does."""
    import json

    payload = {
        "type": "block_actions",
        "team": {"id": TEAM_ID},
        "user": {"id": user_id},
        "channel": {"id": channel_id, "name": "news"},
        "api_app_id": "A0MAWJAZ",
        "token": "legacy",
        "response_url": response_url,
        "trigger_id": "1.2.3",
        "actions": [
            {"type": "button", "action_id": action_id, "block_id": "b", "value": value, "action_ts": str(time.time())}
        ],
    }
    return post_signed(app_url, secret, urllib.parse.urlencode({"payload": json.dumps(payload)}))


def post_signed(
    app_url: str, secret: str | None, body: str, *, timestamp: int | None = None, timeout: float = 10.0
) -> httpx.Response:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if secret is not None:
        stamp = str(timestamp if timestamp is not None else int(time.time()))
        headers["X-Slack-Request-Timestamp"] = stamp
        headers["X-Slack-Signature"] = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    return httpx.post(app_url, content=body.encode(), headers=headers, timeout=timeout)
