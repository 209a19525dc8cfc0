"""The Slack adapter: slack-bolt slash commands and buttons in, command core, Block Kit replies out.

``/mawjaz <subcommand>`` (``/mawjaz topic داعش``, ``/mawjaz subscribe``) and
the shortcut ``/topic`` are acknowledged at once (Slack wants an answer
within 3 s); the work runs in a bolt *lazy listener* that answers through
the command's ``response_url``. Bolt checks every request's signature with
the signing secret: unsigned, forged or stale (> 5 min) requests get 401 and
run nothing.

``/mawjaz subscribe [Area/City]`` gives the channel a daily digest at the
given time zone, or else at the subscribing person's (Slack has no
workspace-wide zone; the person's is the workspace's as they see it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from slack_bolt import App, BoltRequest
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError, SlackClientError

from mawjaz.bot import commands
from mawjaz.bot.args import parse_zone, split_command
from mawjaz.bot.replies import parse_choice_value, slack_messages
from mawjaz.bot.routes import Response
from mawjaz.bot.slack.send import make_client
from mawjaz.bot.texts import say
from mawjaz.bot.values import CommandRequest, Reply, Services
from mawjaz.errors import CommandError, ConfigError
from mawjaz.storage.subscribers import Chat

log = logging.getLogger(__name__)

PLATFORM = "slack"
EVENTS_PATH = "/slack/events"


def build_app(bot_token: str, signing_secret: str, api_url: str, services: Services) -> App:
    """The bolt app with every listener registered; calls ``auth.test`` once to check the token."""
    app = App(
        client=make_client(bot_token, api_url),
        signing_secret=signing_secret,
        process_before_response=False,
        logger=logging.getLogger("mawjaz.bot.slack.adapter.bolt"),
    )

    def ack_now(ack) -> None:
        ack()

    def on_mawjaz(body: dict, respond, client) -> None:
        word, args = split_command(body.get("text", ""))
        _answer(services, body, respond, client, word or "help", args)

    def on_topic(body: dict, respond, client) -> None:
        _answer(services, body, respond, client, "topic", body.get("text", ""))

    def on_button(body: dict, respond, client) -> None:
        action = (body.get("actions") or [{}])[0]
        choice = parse_choice_value(action.get("value", ""))
        if choice is None:
            respond(text=say("expired", "ar"), response_type="ephemeral", replace_original=False)
            return
        _answer(services, body, respond, client, choice.command, choice.args, choice.page)

    app.command("/mawjaz")(ack=ack_now, lazy=[on_mawjaz])
    app.command("/topic")(ack=ack_now, lazy=[on_topic])
    app.action(re.compile(r"^mawjaz_choice_\d+$"))(ack=ack_now, lazy=[on_button])

    @app.error
    def on_error(error: Exception, body: dict, respond) -> None:
        log.error("handling a Slack request failed", exc_info=error)
        if isinstance(body, dict) and body.get("response_url"):
            try:
                respond(text=say("error", "ar"), response_type="ephemeral")
            except Exception:  # the apology is best effort
                log.debug("could not send the apology", exc_info=True)

    return app


def _chat(body: dict) -> Chat:
    channel = body.get("channel_id") or (body.get("channel") or {}).get("id") or ""
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    name = body.get("channel_name") or (body.get("channel") or {}).get("name") or ""
    chat_type = "private" if name == "directmessage" or channel.startswith("D") else "channel"
    return Chat(PLATFORM, channel, team, chat_type)


def _user_zone(client, user_id: str | None) -> str:
    """The person's time zone from ``users.info`` (empty when Slack does not say)."""
    if not user_id:
        return ""
    try:
        return str(client.users_info(user=user_id).get("user", {}).get("tz") or "")
    except SlackApiError:
        log.info("users.info failed for %s; using the default time zone", user_id)
        return ""


def _valid_zone(zone: str) -> str:
    try:
        return parse_zone(zone) if zone else ""
    except CommandError:
        return ""


def _answer(services: Services, body: dict, respond, client, word: str, args: str, page: int = 1) -> None:
    user_id = body.get("user_id") or (body.get("user") or {}).get("id")
    command = commands.find(word)
    if command is not None and command.name == "start" and not args.strip():
        args = _valid_zone(_user_zone(client, user_id))
    request = CommandRequest(chat=_chat(body), command=word, args=args, user_id=user_id, page=page)
    reply = commands.dispatch(request, services)
    # Subscribing the channel concerns everyone in it: the confirmation is posted for all to see.
    _respond(respond, reply, public=command is not None and command.name == "start")


def _respond(respond, reply: Reply, public: bool = False) -> None:
    kind = "in_channel" if public else "ephemeral"
    for message in slack_messages(reply):
        respond(text=message["text"], blocks=message["blocks"], response_type=kind, replace_original=False)


def events_route(app: App):
    """The HTTP route Slack posts slash commands and button presses to (bolt verifies the signature)."""

    def route(body: bytes, query: str, headers: Mapping[str, str]) -> Response:
        request = BoltRequest(
            body=body.decode("utf-8", "replace"), query=query, headers={k: [v] for k, v in headers.items()}
        )
        response = app.dispatch(request)
        out_headers = {k: ", ".join(v) for k, v in response.headers.items() if k.lower() != "content-length"}
        return Response(response.status, (response.body or "").encode("utf-8"), out_headers)

    return route


# --- starting the app (called by mawjaz.service, which imports no platform library) ------------------


def open_app(bot_token: str, signing_secret: str, api_url: str, services: Services) -> App:
    """:func:`build_app`, with Slack refusing the token (or out of reach) as a setting to fix.

    slack_sdk logs each failed attempt itself; at start-up that would print
    tracebacks-worth of lines before the one error that says what to fix, so
    its client logger is quiet for this one call.
    """
    client_log = logging.getLogger("slack_sdk.web.base_client")
    level = client_log.level
    client_log.setLevel(logging.CRITICAL)
    try:
        return build_app(bot_token, signing_secret, api_url, services)
    except BoltError as exc:
        raise ConfigError(f"Slack refused MAWJAZ_SLACK_BOT_TOKEN or cannot be reached: {exc}") from None
    except (SlackClientError, OSError) as exc:  # URLError (no server, refused, DNS) is an OSError
        reason = getattr(exc, "reason", None) or exc
        raise ConfigError(f"cannot reach Slack at MAWJAZ_SLACK_API_URL ({api_url}): {reason}") from None
    finally:
        client_log.setLevel(level)


def socket_mode(app: App, app_token: str):
    """A Socket Mode handler for ``app`` (``connect()`` it in a thread, ``close()`` it to stop)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, app_token)
