"""Lighthouse (mobile) gives the client page under the vatoolkit theme 100 in each of its
four categories (performance, accessibility, best practices, SEO), in every language,
when the project sets ``html_baseurl``: the ``site`` fixture's pages, served over HTTP
from 127.0.0.1 as a web server would serve them.

Needs Lighthouse from npm (``npm install --prefix .ci/node lighthouse@12.8.2``, or the
command named by ``VATOOLKIT_LIGHTHOUSE``), Node.js and Debian's ``chromium``; without
them the tests skip with the reason locally and fail in CI (``CI=true``), where
``.ci/run`` installs Lighthouse and exports ``VATOOLKIT_LIGHTHOUSE``. About 12 s a
language.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from helpers import CHROMIUM, LANGUAGES, missing

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.8.2"  # the one .ci/run installs; 13 needs Node.js 22
LIGHTHOUSE_ENV = "VATOOLKIT_LIGHTHOUSE"
LOCAL_LIGHTHOUSE = REPO / ".ci" / "node" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


def lighthouse_command() -> Path:
    """Lighthouse's command: ``VATOOLKIT_LIGHTHOUSE``, else ``.ci/node``'s, else PATH's."""
    configured = os.environ.get(LIGHTHOUSE_ENV)
    found = shutil.which("lighthouse")
    candidates = (
        [Path(configured)] if configured else [LOCAL_LIGHTHOUSE, *([Path(found)] if found else [])]
    )
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    where = f"{LIGHTHOUSE_ENV}={configured}" if configured else str(LOCAL_LIGHTHOUSE)
    missing(f"Lighthouse ({where}; npm install --prefix .ci/node lighthouse@{LIGHTHOUSE_VERSION})")
    raise AssertionError("unreachable")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def lighthouse() -> Path:
    command = lighthouse_command()
    if shutil.which("node") is None:
        missing("Node.js (for Lighthouse)")
    if not CHROMIUM.exists():
        missing("Debian's chromium (apt-get install chromium)")
    return command


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The site on a local web server: its base URL, ``http://127.0.0.1:<port>/``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def run_lighthouse(command: Path, url: str, report: Path) -> dict[str, Any]:
    result = subprocess.run(
        [
            str(command),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--disable-full-page-screenshot",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return data


def shortfalls(report: dict[str, Any]) -> dict[str, list[str]]:
    """Per category under 100: the weighted audits that cost points, with their titles."""
    found = {}
    for name, category in report["categories"].items():
        if category["score"] == 1:
            continue
        audits = [report["audits"][ref["id"]] for ref in category["auditRefs"] if ref["weight"]]
        found[f"{name} {category['score']}"] = [
            f"{audit['id']} ({audit['score']}): {audit['title']}"
            for audit in audits
            if audit.get("score") is not None and audit["score"] < 1
        ]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_client_page_scores_100_in_every_category(
    lighthouse: Path, served: str, tmp_path: Path, language: str
) -> None:
    url = f"{served}{language}/client.html"
    report = run_lighthouse(lighthouse, url, tmp_path / "report.json")
    assert report["finalDisplayedUrl"] == url
    assert set(report["categories"]) == set(CATEGORIES)
    assert shortfalls(report) == {}
    scores = {name: category["score"] for name, category in report["categories"].items()}
    assert scores == dict.fromkeys(CATEGORIES, 1)
