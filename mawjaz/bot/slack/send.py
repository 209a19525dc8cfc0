"""Delivering digests to Slack channels through slack_sdk's ``WebClient``, errors mapped to delivery outcomes."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from mawjaz.bot.replies import slack_text
from mawjaz.delivery.sender import (
    SLACK_LIMITS,
    Blocked,
    Limits,
    Outgoing,
    Rejected,
    RetryLater,
    Transient,
)
from mawjaz.digest import render
from mawjaz.digest.views import Digest

_GONE = {
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "account_inactive",
    "channel_is_archived",
    "team_access_not_granted",
    "restricted_action",
    "access_denied",
}
_PASSING = {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org"}


def make_client(token: str, api_url: str) -> WebClient:
    """A WebClient on ``api_url`` (``https://slack.com/api/`` or a test server's ``…/api/``; keep the slash)."""
    return WebClient(token=token, base_url=api_url if api_url.endswith("/") else api_url + "/", timeout=20)


def _retry_after(error: SlackApiError) -> float:
    headers = {k.lower(): v for k, v in (error.response.headers or {}).items()}
    value = headers.get("retry-after", "1")
    if isinstance(value, list):
        value = value[0] if value else "1"
    try:
        return max(float(value), 0.0)
    except ValueError:
        return 1.0


class SlackSender:
    platform = "slack"

    def __init__(self, client: WebClient, limits: Limits = SLACK_LIMITS, pages: str | None = None) -> None:
        self.client = client
        self.limits = limits
        self.pages = pages  # MAWJAZ_PUBLIC_URL: each story of a digest links to its page there

    def render(self, digest: Digest | None, line: str | None) -> list[Outgoing]:
        if digest is None:
            text = slack_text(line or "")
            return [Outgoing(text, ({"type": "section", "text": {"type": "mrkdwn", "text": text}},))]
        if self.pages:
            digest = replace(digest, pages=self.pages)
        title = render.title_of(digest)
        return [Outgoing(title, tuple(blocks)) for blocks in render.render_slack(digest)]

    async def send(self, chat_id: str, message: Outgoing) -> str:
        try:
            response = await asyncio.to_thread(
                self.client.chat_postMessage,
                channel=chat_id,
                text=message.text,
                blocks=list(message.blocks) if message.blocks else None,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            error = str(exc.response.get("error", "")) if exc.response is not None else ""
            status = exc.response.status_code if exc.response is not None else 0
            if status == 429 or error == "ratelimited":
                raise RetryLater(_retry_after(exc)) from exc
            if error in _GONE:
                raise Blocked(error) from exc
            if status >= 500 or error in _PASSING:
                raise Transient(error or f"HTTP {status}") from exc
            raise Rejected(error or f"HTTP {status}") from exc
        except (URLError, ConnectionError, TimeoutError) as exc:
            raise Transient(str(exc)) from exc
        return str(response.get("ts"))
