"""Screenshots of the story pages: today's page, the Hamrin story and /topic داعش, at 360 px and 1280 px.

    python bench/web_gallery.py [--out docs/gallery]

Ingests the bundled samples (what ``mawjaz demo`` shows) into a fresh SQLite
database, serves the pages on loopback as ``mawjaz web`` does, with the clock
on the samples' day, and screenshots each page in Debian's headless chromium
driven by Playwright (``apt-get install chromium fonts-noto-core fonts-noto-ui-core``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "web")]

PAGES = [("today", "/?since=all"), ("story", "/s/{hamrin}"), ("topic", "/topic?q=داعش&since=all")]
WIDTHS = (360, 1280)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "gallery")
    args = parser.parse_args()

    import httpx
    from playwright.sync_api import sync_playwright
    from webkit import serving

    from mawjaz.cli.app import DEMO_SHAPES
    from mawjaz.config import Settings
    from mawjaz.pipeline import ingest
    from mawjaz.storage import migrate
    from mawjaz.storage.engine import make_engine
    from mawjaz.text.outlets import use_user_outlets

    browser_path = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser_path is None:
        sys.exit("error: chromium is not installed (apt-get install chromium)")
    samples = Path(str(files("mawjaz") / "samples"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'gallery.sqlite'}")
        migrate.upgrade(engine)
        use_user_outlets([samples / "outlets.toml"])
        ingest(engine, [str(samples / shape) for shape in DEMO_SHAPES], Settings())
        with serving(engine) as base, sync_playwright() as playwright:
            stories = httpx.get(f"{base}/api/stories", params={"since": "all", "limit": "200"}).json()
            hamrin = next(s["id"] for s in stories if "حمرين" in s["headline"])
            browser = playwright.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
            for name, path in PAGES:
                for width in WIDTHS:
                    context = browser.new_context(viewport={"width": width, "height": 900})
                    page = context.new_page()
                    page.goto(base + path.format(hamrin=hamrin))
                    shot = args.out / f"web-{name}-{width}.png"
                    page.screenshot(path=str(shot), full_page=width == 360)
                    context.close()
                    print(shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot)
            browser.close()
        engine.dispose()


if __name__ == "__main__":
    main()
