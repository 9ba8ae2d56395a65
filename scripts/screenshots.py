"""Screenshots of the toolkit page, phone and desktop, for the docs and the README.

    python scripts/screenshots.py [HTML_ROOT] [OUT_DIR]

HTML_ROOT defaults to ``docs/_build/html`` (built by ``tox -e docs``); the page shot is
``client-demo.html`` of the ``en`` and ``pt_BR`` builds. Needs Playwright and Debian's
``chromium`` (``/usr/bin/chromium``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"phone": (375, 812), "desktop": (1280, 900)}


def shoot(html_root: Path, out: Path, page_name: str = "client-demo.html") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for language in ("en", "pt_BR"):
            page_path = html_root / language / page_name
            for label, (width, height) in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_path.as_uri())
                target = out / f"toolkit-{language}-{label}.png"
                page.screenshot(path=str(target), full_page=False)
                page.close()
                made.append(target)
        browser.close()
    return made


if __name__ == "__main__":
    html_root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "_build" / "html"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "_static" / "screenshots"
    for path in shoot(html_root, out):
        print(path)
