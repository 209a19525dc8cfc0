"""The Slack app: signed slash commands over real HTTP into Bolt, answers through response_url."""

from __future__ import annotations

import json
import re
import time

import pytest
from botkit import (
    FAST,
    NOW,
    SLACK_SECRET,
    SLACK_TOKEN,
    run_settings,
    running,
    subscriber_row,
    wait_until,
)
from fakes.slack_api import TEAM_ID, button_press, post_signed, slash_command

from mawjaz.service import Service


@pytest.fixture(scope="module")
def app_url(module_db, module_slack):
    """``mawjaz run`` with Slack settings, its events endpoint on a free port; the clock reads :data:`NOW`."""
    settings = run_settings(
        module_db,
        slack_bot_token=SLACK_TOKEN,
        slack_signing_secret=SLACK_SECRET,
        slack_api_url=f"{module_slack.url}/api/",
        slack_port=0,
    )
    with running(Service(settings, module_db, timing=FAST, clock=lambda: NOW)) as service:
        wait_until(lambda: service.servers)
        yield f"http://127.0.0.1:{service.servers[0].port}/slack/events"


@pytest.fixture
def slack(app_url, module_slack):
    return module_slack


def _answers(slack, key: str, count: int = 1):
    return slack.wait_for("response", key=key, count=count)


def _text(call) -> str:
    return json.dumps(call.params.get("blocks", []), ensure_ascii=False) + call.params.get("text", "")


def test_bolt_checks_the_token_with_auth_test_at_start(slack):
    assert slack.calls_to("auth.test")


def test_signed_topic_command_is_acknowledged_within_3_s_and_answered_via_response_url(app_url, slack):
    started = time.monotonic()
    response = slash_command(app_url, SLACK_SECRET, "/mawjaz", "topic داعش", response_url=slack.response_url("t1"))
    assert response.status_code == 200 and time.monotonic() - started < 3.0
    [answer] = _answers(slack, "t1")
    blocks = answer.params["blocks"]
    assert blocks[0]["type"] == "header" and "داعش" in blocks[0]["text"]["text"]
    assert "خلية لداعش" in _text(answer)
    assert answer.params["response_type"] == "ephemeral"


def test_topic_shortcut_works_like_the_subcommand(app_url, slack):
    slash_command(app_url, SLACK_SECRET, "/topic", "داعش", response_url=slack.response_url("t2"))
    assert "خلية لداعش" in _text(_answers(slack, "t2")[0])


def test_unsigned_slack_request_is_rejected_and_runs_nothing(app_url, slack):
    response = slash_command(
        app_url, None, "/mawjaz", "subscribe", response_url=slack.response_url("u1"), channel_id="CUNSIGNED"
    )
    assert response.status_code == 401
    time.sleep(0.3)
    assert not slack.calls_to("response", key="u1")


def test_forged_signature_is_rejected(app_url, slack):
    response = slash_command(
        app_url, "not-the-secret", "/mawjaz", "subscribe", response_url=slack.response_url("f1"), channel_id="CFORGED"
    )
    assert response.status_code == 401


def test_stale_request_is_rejected_even_when_signed(app_url, slack, module_db):
    stale = int(time.time()) - 10 * 60
    response = slash_command(
        app_url,
        SLACK_SECRET,
        "/mawjaz",
        "subscribe",
        response_url=slack.response_url("s1"),
        channel_id="CSTALE",
        timestamp=stale,
    )
    assert response.status_code == 401
    time.sleep(0.3)
    assert subscriber_row(module_db, "slack", "CSTALE") is None


def test_subscribe_in_a_channel_uses_the_persons_time_zone(app_url, slack, module_db):
    slash_command(
        app_url, SLACK_SECRET, "/mawjaz", "subscribe", response_url=slack.response_url("sub1"), channel_id="CNEWS1"
    )
    _answers(slack, "sub1")
    row = subscriber_row(module_db, "slack", "CNEWS1")
    assert row.active and row.chat_type == "channel" and row.team_id == TEAM_ID
    assert row.timezone == "Africa/Cairo"  # from users.info


def test_subscribe_with_a_zone_uses_that_zone(app_url, slack, module_db):
    slash_command(
        app_url,
        SLACK_SECRET,
        "/mawjaz",
        "subscribe Asia/Dubai",
        response_url=slack.response_url("sub2"),
        channel_id="CNEWS2",
    )
    [answer] = _answers(slack, "sub2")
    assert subscriber_row(module_db, "slack", "CNEWS2").timezone == "Asia/Dubai"
    assert answer.params["response_type"] == "in_channel", "the whole channel sees that it now gets the digest"
    text = _text(answer)
    assert "/mawjaz time" in text and "/mawjaz help" in text
    assert not re.search(r"(?<!mawjaz )/(time|tz|help|start)\b", text), text


def test_empty_mawjaz_command_shows_help(app_url, slack):
    slash_command(app_url, SLACK_SECRET, "/mawjaz", "", response_url=slack.response_url("h1"))
    text = _text(_answers(slack, "h1")[0])
    assert "/mawjaz topic" in text and "/mawjaz subscribe" in text
    assert not re.search(r"(?<!mawjaz )/(topic|time|tz|help|start|stop)\b", text), "Slack registers only /mawjaz"


def test_unknown_subcommand_gets_a_helpful_line(app_url, slack):
    slash_command(app_url, SLACK_SECRET, "/mawjaz", "frobnicate", response_url=slack.response_url("x1"))
    assert "/mawjaz help" in _text(_answers(slack, "x1")[0])


def test_time_zone_buttons_set_the_zone_when_pressed(app_url, slack, module_db):
    slash_command(app_url, SLACK_SECRET, "/mawjaz", "tz", response_url=slack.response_url("z1"), channel_id="CNEWS3")
    [answer] = _answers(slack, "z1")
    actions = [b for b in answer.params["blocks"] if b["type"] == "actions"][0]["elements"]
    riyadh = next(e for e in actions if e["text"]["text"] == "الرياض")
    response = button_press(
        app_url,
        SLACK_SECRET,
        riyadh["value"],
        response_url=slack.response_url("z2"),
        action_id=riyadh["action_id"],
        channel_id="CNEWS3",
    )
    assert response.status_code == 200
    _answers(slack, "z2")
    assert subscriber_row(module_db, "slack", "CNEWS3").timezone == "Asia/Riyadh"


def test_garbage_body_with_a_valid_signature_does_not_crash_the_server(app_url, slack):
    response = post_signed(app_url, SLACK_SECRET, "%%%not-a-form")
    assert response.status_code in (200, 400, 404)
    assert (
        slash_command(app_url, SLACK_SECRET, "/mawjaz", "help", response_url=slack.response_url("g1")).status_code
        == 200
    )
