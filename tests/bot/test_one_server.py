"""``mawjaz run`` with MAWJAZ_WEB_PORT: one server answers the story pages and the Telegram webhook, on every port."""

from __future__ import annotations

import httpx
from botkit import FAST, NOW, TOKEN, run_settings, running, wait_until

from mawjaz.service import Service


def test_the_pages_and_the_webhook_are_one_server_on_each_port(module_db, module_telegram):
    settings = run_settings(
        module_db,
        telegram_token=TOKEN,
        telegram_base_url=f"{module_telegram.url}/bot",
        telegram_webhook_url="https://bot.example.com/telegram",
        telegram_webhook_port=0,
        telegram_webhook_listen="127.0.0.1",
        telegram_webhook_secret="s3cret-token",
        web_port=0,
        web_listen="127.0.0.1",
    )
    with running(Service(settings, module_db, timing=FAST, clock=lambda: NOW)) as service:
        module_telegram.wait_for("setWebhook")  # set once the server listens
        wait_until(lambda: len(service.servers) == 2)
        for endpoint in service.servers:
            base = f"http://127.0.0.1:{endpoint.port}"
            page = httpx.get(f"{base}/?since=all", timeout=30)
            assert page.status_code == 200 and '<html lang="ar" dir="rtl">' in page.text
            assert "default-src 'none'" in page.headers["content-security-policy"]
            assert httpx.post(f"{base}/telegram", content=b"{}", timeout=30).status_code == 403  # no secret
            assert httpx.get(f"{base}/healthz", timeout=30).text == "ok"


def test_without_a_web_port_the_pages_are_not_served(module_db, module_telegram):
    settings = run_settings(
        module_db,
        telegram_token=TOKEN,
        telegram_base_url=f"{module_telegram.url}/bot",
        telegram_webhook_url="https://bot.example.com/telegram",
        telegram_webhook_port=0,
        telegram_webhook_listen="127.0.0.1",
        telegram_webhook_secret="s3cret-token",
    )
    with running(Service(settings, module_db, timing=FAST, clock=lambda: NOW)) as service:
        wait_until(lambda: service.servers)
        base = f"http://127.0.0.1:{service.servers[0].port}"
        assert httpx.get(f"{base}/", timeout=30).status_code == 404
        assert httpx.get(f"{base}/healthz", timeout=30).text == "ok"
