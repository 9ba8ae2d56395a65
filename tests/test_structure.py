"""How the package keeps its state and shares its helpers, seen from a user's build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import assert_no_warnings, read

PACKAGE = Path(__file__).resolve().parent.parent / "sphinx_vatoolkit"

PHONE_WITH_EXTENSION = {
    "organization": {"name": "Extension Clinic"},
    "platform": "teams",
    "support": {"phone": "+1 555 0100 ext. 12"},
    "booking": {"phone": "+1 555 0100 ext. 12"},
}


def test_no_state_is_stashed_on_config_env_or_modules() -> None:
    """Per-build state lives in the vatoolkit domain, nowhere else."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for pattern in (r"__dict__", r"\bsetattr\(", r"^\s*global\s", r"WeakKeyDictionary"):
            if re.search(pattern, source, re.M):
                offenders.append(f"{path.relative_to(PACKAGE)}: {pattern}")
    assert offenders == []


@pytest.mark.sphinx(
    "html",
    testroot="minimal",
    srcdir="structure-phone",
    confoverrides={"html_theme": "vatoolkit", "vatoolkit": PHONE_WITH_EXTENSION},
)
def test_footer_and_page_link_a_phone_number_the_same_way(app) -> None:  # type: ignore[no-untyped-def]
    (Path(app.srcdir) / "index.rst").write_text(
        "Home\n====\n\n.. va-faq::\n   :questions: how-to-book, phone-fallback\n\n"
        ".. toctree::\n\n   plain\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    assert_no_warnings(app)
    html = read(app, "index.html")
    footer = html.split("<footer", 1)[1]
    page = html.split("<footer", 1)[0]
    assert 'href="tel:+15550100"' in footer
    assert 'href="tel:+15550100"' in page
    assert "tel:+1555010012" not in html


@pytest.mark.sphinx("html", testroot="minimal", srcdir="structure-exclude")
def test_toolkit_exclude_takes_sections_and_questions_without_false_warnings(app) -> None:  # type: ignore[no-untyped-def]
    (Path(app.srcdir) / "index.rst").write_text(
        "Home\n====\n\n.. va-toolkit::\n   :mode: guide\n   :exclude: team, reminders\n\n"
        ".. toctree::\n\n   plain\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    assert_no_warnings(app)
    html = read(app, "index.html")
    assert 'id="va-team"' not in html
    assert 'id="va-q-reminders"' not in html
    assert 'id="va-q-reconnect"' in html


@pytest.mark.sphinx("html", testroot="minimal", srcdir="structure-toolkit-paper")
def test_toolkit_accepts_every_option_of_the_directives_it_composes(app) -> None:  # type: ignore[no-untyped-def]
    from sphinx_vatoolkit.faq import FaqDirective
    from sphinx_vatoolkit.gallery import GalleryDirective
    from sphinx_vatoolkit.toolkit import ToolkitDirective

    assert set(FaqDirective.option_spec) | set(GalleryDirective.option_spec) <= set(
        ToolkitDirective.option_spec
    )
    (Path(app.srcdir) / "index.rst").write_text(
        "Home\n====\n\n.. va-toolkit::\n   :mode: guide\n   :paper: letter\n"
        "   :industries: retail\n   :sections: gallery\n\n.. toctree::\n\n   plain\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    assert_no_warnings(app)
    html = read(app, "index.html")
    (svg,) = set(re.findall(r'href="(_downloads/[^"]+\.svg)"', html))
    assert 'viewBox="0 0 612.0 792.0"' in read(app, svg)  # US Letter, not the default A4


def test_equipment_keywords_are_defined_once() -> None:
    from sphinx_vatoolkit.config import EQUIPMENT_KEYWORDS
    from sphinx_vatoolkit.facts import equipment_labels

    assert tuple(equipment_labels()) == EQUIPMENT_KEYWORDS
