"""Slack in Socket Mode: ``MAWJAZ_SLACK_APP_TOKEN`` set, no public endpoint, the same commands.

slack-bolt's own Socket Mode adapter opens a real WebSocket to the fake
(``apps.connections.open`` → ``ws://127.0.0.1``), receives envelopes, acks
each one on the socket and answers through ``response_url``, as in HTTP mode.
"""

from __future__ import annotations

import json

import pytest
from botkit import (
    FAST,
    NOW,
    SLACK_TOKEN,
    run_settings,
    running,
    subscriber_row,
    wait_until,
)
from fakes.slack_api import slash_form

from mawjaz.service import Service

APP_TOKEN = "xapp-1-A0MAWJAZ-1-fake"


@pytest.fixture(scope="module")
def slack(module_db, module_slack):
    settings = run_settings(
        module_db, slack_bot_token=SLACK_TOKEN, slack_app_token=APP_TOKEN, slack_api_url=f"{module_slack.url}/api/"
    )
    with running(Service(settings, module_db, timing=FAST, clock=lambda: NOW)) as service:
        module_slack.wait_for("socket.open", timeout=10)
        yield module_slack
        assert not service.servers  # no HTTP endpoint was opened


def _send(slack, envelope_id: str, command: str, text: str, **form) -> None:
    payload = slash_form(command, text, response_url=slack.response_url(envelope_id), **form)
    slack.socket_send(
        {"envelope_id": envelope_id, "type": "slash_commands", "payload": payload, "accepts_response_payload": True}
    )


def test_socket_mode_connects_with_the_app_token_not_the_bot_token(slack):
    [opened] = slack.calls_to("apps.connections.open")
    assert opened.params["token"] == APP_TOKEN


def test_a_topic_command_is_acknowledged_on_the_socket_and_answered_via_response_url(slack):
    _send(slack, "env-topic", "/mawjaz", "topic داعش")
    slack.wait_for("socket.ack", envelope_id="env-topic")
    [answer] = slack.wait_for("response", key="env-topic", timeout=10)
    assert "خلية لداعش" in json.dumps(answer.params["blocks"], ensure_ascii=False)


def test_subscribing_over_socket_mode_stores_the_channel(slack, module_db):
    _send(slack, "env-sub", "/mawjaz", "subscribe", channel_id="CSOCKET")
    slack.wait_for("response", key="env-sub", timeout=10)
    wait_until(lambda: subscriber_row(module_db, "slack", "CSOCKET") is not None)
    assert subscriber_row(module_db, "slack", "CSOCKET").active
