"""Helpers for the web tests: the hostile article, the fixed clock, and the server on loopback in a thread."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

from sqlalchemy import Engine

from mawjaz.web.app import WebOptions, make_app
from mawjaz.web.server import WebServer

SAMPLES = Path(str(files("mawjaz") / "samples"))
#: Pages are looked at as of the samples' own day (the demo's news is from 20–22 November 2026).
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
HOSTILE_TITLE = '<script>alert("x")</script> حريق & انفجار في مصنع \u202eevil\u202c <b>Acme</b>'
HOSTILE_BODY = (
    "اندلع حريق كبير في مصنع للمواد الكيميائية في المنطقة الصناعية صباح اليوم، وهرعت فرق الدفاع المدني إلى "
    "المكان وتمكنت من السيطرة على النيران بعد ساعات من العمل المتواصل، فيما أعلنت السلطات فتح تحقيق لمعرفة "
    "أسباب الحادث وقالت إن الأضرار اقتصرت على المباني وإن أحداً من العمال لم يصب بأذى خلال الحريق الكبير. "
    '<script>alert("body")</script> & ما زال التحقيق جارياً.'
)


@dataclass(frozen=True)
class World:
    engine: Engine
    kind: str  # sqlite | postgres


def options(**values) -> WebOptions:
    return WebOptions(clock=lambda: NOW, zone="Asia/Riyadh", **values)


@contextlib.contextmanager
def serving(engine: Engine | None, opts: WebOptions | None = None, bots=None) -> Iterator[str]:
    """The application on a free loopback port, in a thread with its own event loop; yields its base URL."""
    server = WebServer(make_app(engine, opts or options(), bots), [("127.0.0.1", 0)])
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    ready = threading.Event()

    async def main() -> None:
        await server.start()
        ready.set()
        await stop.wait()
        await server.stop()

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    assert ready.wait(30), "the web server did not start"
    try:
        yield f"http://127.0.0.1:{server.endpoints[0].port}"
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(30)
        loop.close()
