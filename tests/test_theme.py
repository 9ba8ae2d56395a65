"""The vatoolkit theme: language links, hreflang, weight, no required JavaScript."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from helpers import (
    LANGUAGES,
    ORDINARY_PAGES,
    assert_no_warnings,
    copy_root,
    read,
    warnings_of,
)
from sphinx.testing.util import SphinxTestApp

THEME_STATIC = Path(__file__).resolve().parent.parent / "sphinx_vatoolkit" / "theme"


def test_every_page_links_to_its_counterparts_with_hreflang(site: Path) -> None:
    for language in LANGUAGES:
        for page in (site / language).glob("*.html"):
            html = page.read_text(encoding="utf-8")
            for other in LANGUAGES:
                tag = other.replace("_", "-")
                url = f"https://clinic.example.org/help/{other}/{page.name}"  # html_baseurl's
                assert f'<link rel="alternate" hreflang="{tag}" href="{url}" />' in html
                if other != language:  # the switcher stays relative
                    assert re.search(
                        rf'<a href="\.\./{other}/{re.escape(page.name)}" hreflang="{tag}"', html
                    ), (page, other)
            default = f"https://clinic.example.org/help/en/{page.name}"
            assert f'hreflang="x-default" href="{default}"' in html
            assert f'<html lang="{language.replace("_", "-")}"' in html


def test_switcher_uses_native_language_names(site: Path) -> None:
    html = (site / "pt_BR" / "client.html").read_text(encoding="utf-8")
    assert '<span aria-current="page" lang="pt-BR">Português (Brasil)</span>' in html
    assert ">English</a>" in html and ">Español</a>" in html


def test_theme_is_branded_and_needs_no_javascript(site: Path) -> None:
    html = (site / "en" / "client.html").read_text(encoding="utf-8")
    assert "<script" not in html.split("<iframe", 1)[0]
    assert (
        '<a class="va-book-button" href="https://example.org/book">Book an appointment</a>' in html
    )
    assert "--va-primary:#0b5cad" in html
    assert 'href="#main">Skip to main content</a>' in html
    assert 'href="tel:+15550199"' in html  # the support contact in the footer
    search = (site / "en" / "search.html").read_text(encoding="utf-8")
    assert "searchtools.js" in search


def test_pages_have_one_viewport_tag(site: Path) -> None:
    """Sphinx 8 and later write their own: the theme adds one only when Sphinx does not."""
    for name in ("client", "search", "genindex"):
        html = (site / "en" / f"{name}.html").read_text(encoding="utf-8")
        assert html.count('name="viewport"') == 1, name


def test_theme_strings_are_translated(site: Path) -> None:
    html = (site / "es" / "client.html").read_text(encoding="utf-8")
    assert "Book an appointment" not in html
    assert "Skip to main content" not in html


def test_theme_css_is_small() -> None:
    total = sum(
        len(gzip.compress(path.read_bytes()))
        for path in [*THEME_STATIC.rglob("*.css"), THEME_STATIC.parent / "static" / "vatoolkit.css"]
    )
    assert total <= 15 * 1024, total


@pytest.mark.sphinx(
    "html",
    testroot="minimal",
    confoverrides={"html_theme": "vatoolkit", "vatoolkit": {"brand": {"primary_color": "#ffd400"}}},
)
def test_low_contrast_brand_colour_warns_with_the_ratio(built) -> None:  # type: ignore[no-untyped-def]
    warnings = warnings_of(built)
    assert "vatoolkit.brand.primary_color: #ffd400 has a contrast of 1.4" in warnings
    assert "[vatoolkit.contrast]" in warnings
    html = read(built, "index.html")
    link = re.search(r"--va-link:(#[0-9a-f]{6})", html)
    assert link is not None
    from sphinx_vatoolkit.brand import LIGHT_SURFACE, contrast_ratio

    assert contrast_ratio(link.group(1), LIGHT_SURFACE) >= 4.5


@pytest.mark.parametrize("theme", ["alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme"])
def test_directives_build_clean_under_other_themes(make_app, tmp_path: Path, theme: str) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip(theme)
    src = copy_root("toolkit", tmp_path / "src")
    app = make_app("html", srcdir=src, confoverrides={"html_theme": theme})
    app.build(force_all=True)
    assert_no_warnings(app)
    assert "What is a virtual appointment?" in read(app, "client.html")


def test_faq_json_ld_is_off_by_default(site: Path) -> None:
    # the site's config does not mention search_engines
    assert "application/ld+json" not in (site / "es" / "client.html").read_text(encoding="utf-8")


def test_faq_json_ld_per_language(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import copy
    import json
    import runpy

    src = copy_root("toolkit", tmp_path / "src")
    config = copy.deepcopy(runpy.run_path(str(src / "conf.py"))["vatoolkit"])
    config["search_engines"] = {"faq_json_ld": True}
    config["organization"]["name"] = "Clínica </script><script>alert(1)</script>"
    app = make_app("html", srcdir=src, confoverrides={"language": "es", "vatoolkit": config})
    app.build(force_all=True)
    assert_no_warnings(app)
    html = read(app, "client.html")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block is not None
    assert "<script>alert" not in block.group(1)
    data = json.loads(block.group(1))
    assert data["@type"] == "FAQPage"
    assert data["inLanguage"] == "es"
    names = [entry["name"] for entry in data["mainEntity"]]
    assert len(names) >= 9
    assert all(entry["acceptedAnswer"]["text"] for entry in data["mainEntity"])
    assert "What is a virtual appointment?" not in names


OLD_FACTS = ("Clínica Ordinaria", "https://ordinaria.example.org/book", "+34 910 555 199")
NEW_FACTS = ("Clínica Nueva", "https://nueva.example.org/book", "+34 910 555 200")
FACTS_TOML = """\
platform = "teams"
[organization]
name = "{0}"
[booking]
url = "{1}"
[support]
phone = "{2}"
"""


def write_facts(src: Path, written_in: str, facts: tuple[str, str, str]) -> None:
    """The ordinary root's facts in conf.py, or in the TOML file conf.py names."""
    conf = src / "conf.py"
    text = conf.read_text(encoding="utf-8")
    if written_in == "conf.py":
        for old, new in zip(OLD_FACTS, facts, strict=True):
            text = text.replace(old, new)
    else:
        (src / "vatoolkit.toml").write_text(FACTS_TOML.format(*facts), encoding="utf-8")
        text = text.split("vatoolkit = {", 1)[0] + 'vatoolkit = "vatoolkit.toml"\n'
    conf.write_text(text, encoding="utf-8")


def incremental_build(src: Path, builddir: Path) -> tuple[SphinxTestApp, list[str]]:
    """Build as ``sphinx-build`` would a second time; the pages it wrote."""
    app = SphinxTestApp("html", srcdir=src, builddir=builddir)
    written: list[str] = []
    app.connect("html-page-context", lambda _app, pagename, *_: written.append(pagename))
    try:
        app.build()
    finally:
        app.cleanup()
    return app, sorted(written)


def chrome(html: str) -> str:
    """What the theme draws around the page's own text: its header and footer."""
    header = html.split('<header class="va-header">', 1)[1].split("</header>", 1)[0]
    return header + html.split('<footer class="va-footer">', 1)[1]


@pytest.mark.parametrize("written_in", ["conf.py", "vatoolkit.toml"])
def test_after_the_facts_change_every_page_shows_the_new_ones(
    tmp_path: Path, written_in: str
) -> None:
    src = copy_root("ordinary", tmp_path / "src")
    write_facts(src, written_in, OLD_FACTS)
    incremental_build(src, tmp_path / "build")
    unchanged, written = incremental_build(src, tmp_path / "build")
    assert not set(written) & set(unchanged.env.found_docs)  # nothing changed, nothing written
    write_facts(src, written_in, NEW_FACTS)
    changed, _written = incremental_build(src, tmp_path / "build")
    assert_no_warnings(changed)
    for page in ORDINARY_PAGES:
        shown = chrome(read(changed, page))
        for old, new in zip(OLD_FACTS, NEW_FACTS, strict=True):
            assert new in shown and old not in shown, (page, old)
