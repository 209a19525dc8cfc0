"""``mawjaz web`` as an operator starts it: a process serving the pages until SIGTERM; a taken port is one line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAWJAZ_")}
    env.update(values)
    return env


def test_mawjaz_web_serves_the_pages_until_sigterm(world):
    port = _free_port()
    url = world.engine.url.render_as_string(hide_password=False)
    process = subprocess.Popen(
        [sys.executable, "-m", "mawjaz", "--database", url, "web", "--host", "127.0.0.1", "--port", str(port)],
        env=_env(MAWJAZ_PUBLIC_URL="https://news.example.org/"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.communicate()[1][-3000:]
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/?since=all", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "mawjaz web never answered"
                time.sleep(0.2)
        assert page.status_code == 200 and "/s/" in page.text
        feed = httpx.get(f"http://127.0.0.1:{port}/digest.atom", timeout=5).text
        assert "https://news.example.org/digest.atom" in feed
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err[-3000:]
    assert "story pages at https://news.example.org/" in err


def test_a_port_in_use_is_a_one_line_error(world):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        url = world.engine.url.render_as_string(hide_password=False)
        result = subprocess.run(
            [sys.executable, "-m", "mawjaz", "--database", url, "web", "--host", "127.0.0.1", "--port", str(port)],
            env=_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith(f"error: cannot listen on 127.0.0.1:{port}")
    assert "Traceback" not in result.stderr
