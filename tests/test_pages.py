"""What every HTML page gets (issue 15): absolute hreflang alternates and a canonical link
from ``html_baseurl``, a meta description, a page icon, toctree captions with a heading
level under every theme, and phone numbers on one line; under another theme than
vatoolkit, only when the project opts in (issue 20): else a page that uses no directive
is what it was without the extension. In a browser: test_browser.py and
test_lighthouse.py."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    ORDINARY_PAGES,
    assert_no_warnings,
    copy_root,
    full_build,
    read,
    warnings_of,
)

from sphinx_vatoolkit.pages import shortened

BASE = "https://clinic.example.org/help/en/"
SIBLINGS = {"en": "../en/", "pt_BR": "../pt_BR/", "es": "../es/"}
ORDINARY: dict[str, Any] = {  # as in the test root's conf.py
    "organization": {"name": "Clínica Ordinaria", "website": "https://ordinaria.example.org"},
    "platform": "teams",
    "booking": {"url": "https://ordinaria.example.org/book"},
    "support": {"phone": "+34 910 555 199", "email": "help@ordinaria.example.org"},
}


def ordinary(**vatoolkit: Any) -> dict[str, Any]:
    organization = {**ORDINARY["organization"], **vatoolkit.pop("organization", {})}
    return {**ORDINARY, **vatoolkit, "organization": organization}


# -- only what uses the toolkit ----------------------------------------------------

OTHER_THEMES = ["alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme"]
# An orphan page (in no toctree, so the other pages' navigation is the same) that uses
# the toolkit, with a phone number of the author's.
TOOLKIT_PAGE = """:orphan:

Book online
===========

Call `+34 910 555 199 <tel:+34910555199>`_.

.. va-faq::
   :groups: booking
"""


def ordinary_site(src: Path, theme: str, *, extension: bool, **overrides: Any) -> Any:
    copy_root("ordinary", src)
    if extension:
        (src / "book.rst").write_text(TOOLKIT_PAGE, encoding="utf-8")
    else:
        overrides["extensions"] = []
    app = full_build(src, confoverrides={"html_theme": theme, "html_baseurl": BASE, **overrides})
    assert_no_warnings(app)
    return app


@pytest.mark.parametrize("theme", OTHER_THEMES)
def test_under_another_theme_a_page_without_a_directive_is_as_without_the_extension(
    tmp_path: Path, theme: str
) -> None:
    pytest.importorskip(theme)
    without = ordinary_site(tmp_path / "without", theme, extension=False)
    with_it = ordinary_site(tmp_path / "with", theme, extension=True)
    for page in ORDINARY_PAGES:
        assert read(with_it, page) == read(without, page), (theme, page)
    # Only the page that uses the toolkit gets its stylesheet and its phone number kept whole.
    book = read(with_it, "book.html")
    assert re.search(r'<link rel="stylesheet"[^>]*href="_static/vatoolkit\.css', book)
    assert '<a class="va-phone reference external" href="tel:+34910555199">' in book
    assert not Path(with_it.outdir, "_static", "vatoolkit-icon.svg").exists()


def test_singlehtml_keeps_the_toolkit_pages_phone_numbers_whole_under_another_theme(
    tmp_path: Path,
) -> None:
    """One page holds every page: the toolkit's part of it is still the toolkit's."""
    src = copy_root("toolkit", tmp_path / "src")
    (src / "contact.rst").write_text(
        "Contact\n=======\n\nCall `the desk <tel:+15550111>`_.\n", encoding="utf-8"
    )
    index = src / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8").replace("   plain\n", "   plain\n   contact\n"),
        encoding="utf-8",
    )
    app = full_build(src, "singlehtml", confoverrides={"html_theme": "alabaster"})
    assert_no_warnings(app)
    html = read(app, "index.html")
    assert '<a class="va-phone reference external" href="tel:+15550100">' in html
    assert '<a class="reference external" href="tel:+15550111">' in html  # the author's page
    assert "_static/vatoolkit.css" in html


def test_other_themes_get_the_site_wide_additions_when_the_project_opts_in(
    tmp_path: Path,
) -> None:
    app = ordinary_site(
        tmp_path / "src",
        "alabaster",
        extension=True,
        language="es",
        vatoolkit_site_enhancements=True,
    )
    contact = read(app, "contact.html")
    assert icon_links(contact) == ["_static/vatoolkit-icon.svg"]
    assert '<meta name="description" content="Call us on' in contact
    assert '<p class="caption" role="heading" aria-level="2">' in contact
    assert '<a class="va-phone reference external" href="tel:+34910555199">' in contact
    assert 'placeholder="Búsqueda"' in contact  # Sphinx's own field: "Search", in any language
    for page in ORDINARY_PAGES:
        assert "_static/vatoolkit.css" in read(app, page), page


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))


def canonical(html: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]+)"', html)


# -- hreflang and canonical ---------------------------------------------------------


@pytest.mark.sphinx(
    "html",
    testroot="ordinary",
    confoverrides={
        "language": "pt_BR",
        "html_baseurl": BASE,
        "vatoolkit": ordinary(languages=SIBLINGS),
    },
)
def test_alternates_and_canonical_are_absolute_from_html_baseurl(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    html = read(built, "guide/before.html")  # a page below the root
    root = "https://clinic.example.org/help/"
    assert alternates(html) == {
        "en": root + "en/guide/before.html",
        "pt-BR": root + "pt_BR/guide/before.html",
        "es": root + "es/guide/before.html",
        "x-default": root + "en/guide/before.html",
    }
    # html_baseurl names the English build; the page's own address is the pt_BR one.
    assert canonical(html) == [root + "pt_BR/guide/before.html"]
    # The switcher stays relative, from the page's folder.
    assert 'href="../../es/guide/before.html" hreflang="es"' in html


@pytest.mark.sphinx(
    "dirhtml",
    testroot="ordinary",
    confoverrides={"html_baseurl": BASE, "vatoolkit": ordinary(languages=SIBLINGS)},
)
def test_dirhtml_addresses_are_folders(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    html = read(built, "guide/before/index.html")
    assert canonical(html) == ["https://clinic.example.org/help/en/guide/before/"]
    assert alternates(html)["es"] == "https://clinic.example.org/help/es/guide/before/"
    assert 'href="../../../es/guide/before/" hreflang="es"' in html


@pytest.mark.sphinx(
    "html",
    testroot="ordinary",
    confoverrides={
        "language": "es",
        "vatoolkit": ordinary(
            languages={"en": "https://example.org/en/", "es": "https://example.org/es/"}
        ),
    },
)
def test_absolute_languages_need_no_html_baseurl(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    html = read(built, "contact.html")
    assert alternates(html)["es"] == "https://example.org/es/contact.html"
    assert canonical(html) == ["https://example.org/es/contact.html"]


@pytest.mark.sphinx(
    "html", testroot="ordinary", confoverrides={"vatoolkit": ordinary(languages=SIBLINGS)}
)
def test_relative_alternates_without_a_base_warn_once(built) -> None:  # type: ignore[no-untyped-def]
    warnings = warnings_of(built).strip().splitlines()
    assert len(warnings) == 1, warnings
    assert "vatoolkit.languages" in warnings[0] and "html_baseurl" in warnings[0]
    assert "[vatoolkit.language]" in warnings[0]
    html = read(built, "contact.html")
    assert alternates(html)["pt-BR"] == "../pt_BR/contact.html"  # still there, relative
    assert canonical(html) == []


@pytest.mark.sphinx(
    "html",
    testroot="ordinary",
    confoverrides={"html_baseurl": "/help/en/", "vatoolkit": ordinary(languages=SIBLINGS)},
)
def test_relative_html_baseurl_warns_and_gives_no_canonical(built) -> None:  # type: ignore[no-untyped-def]
    warnings = warnings_of(built).strip().splitlines()
    assert len(warnings) == 1, warnings
    assert "html_baseurl '/help/en/' is not an absolute" in warnings[0]
    assert "[vatoolkit.language]" in warnings[0]
    assert canonical(read(built, "contact.html")) == []


@pytest.mark.sphinx(
    "html",
    testroot="ordinary",
    confoverrides={"html_theme": "alabaster", "html_baseurl": BASE},
)
def test_other_themes_get_the_canonical_link_too(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    html = read(built, "guide/during.html")
    assert canonical(html) == [BASE + "guide/during.html"]
    assert "hreflang" not in html  # no languages configured


# -- meta description ---------------------------------------------------------------


@pytest.mark.sphinx(
    "html",
    testroot="ordinary",
    confoverrides={
        "language": "es",
        "vatoolkit": ordinary(
            organization={
                "description": {
                    "en": "Virtual appointments at Clínica Ordinaria.",
                    "es": 'Citas virtuales en la Clínica Ordinaria: "<b>rápidas</b>".',
                }
            }
        ),
    },
)
def test_meta_description_is_the_opening_paragraph_or_the_organization_summary(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)

    def description(page: str) -> list[str]:
        return re.findall(r'<meta name="description" content="([^"]*)"', read(built, page))

    assert description("index.html") == [
        "An ordinary project: a few pages in captioned toctrees, one of them with a toctree "
        "of its own, an index and a search page."
    ]
    assert description("guide/index.html") == ["How a virtual appointment goes, step by step."]
    # No opening paragraph of its own: the summary, in the build language, escaped.
    summary = "Citas virtuales en la Clínica Ordinaria: &quot;&lt;b&gt;rápidas&lt;/b&gt;&quot;."
    assert description("genindex.html") == [summary]
    assert description("search.html") == [summary]
    assert description("glossary.html") == [summary]  # a glossary is not an opening paragraph


@pytest.mark.sphinx("html", testroot="ordinary", confoverrides={"vatoolkit": ORDINARY})
def test_a_description_the_page_sets_wins(app) -> None:  # type: ignore[no-untyped-def]
    contact = Path(app.srcdir) / "contact.rst"
    contact.write_text(
        ".. meta::\n   :description: Our own words.\n\n" + contact.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    app.build(force_all=True)
    assert_no_warnings(app)
    assert re.findall(r'<meta[^>]*name="description"[^>]*>', read(app, "contact.html")) == [
        '<meta content="Our own words." name="description" />'
    ]
    assert 'name="description"' not in read(app, "genindex.html")  # and no summary is set


def test_long_descriptions_keep_whole_sentences_or_end_with_an_ellipsis() -> None:
    sentence = "Virtual appointments save you the journey to our clinic. "
    assert shortened(sentence * 2) == (sentence * 2).strip()
    assert shortened(sentence * 5) == (sentence * 3).strip()  # 171 characters: under 200
    long = "word " * 60
    cut = shortened(long)
    assert cut.endswith("word…") and len(cut) <= 160


# -- page icon ----------------------------------------------------------------------


def icon_links(html: str) -> list[str]:
    return re.findall(r'<link rel="icon" href="([^"]+)"', head(html))


@pytest.mark.sphinx("html", testroot="ordinary", confoverrides={"vatoolkit": ORDINARY})
def test_without_favicon_or_logo_the_built_in_icon(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    assert icon_links(read(built, "index.html")) == ["_static/vatoolkit-icon.svg"]
    assert icon_links(read(built, "guide/before.html")) == ["../_static/vatoolkit-icon.svg"]
    icon = Path(built.outdir, "_static", "vatoolkit-icon.svg").read_text(encoding="utf-8")
    assert icon.startswith("<svg") and "<script" not in icon


@pytest.mark.sphinx(
    "html",
    testroot="ordinary",
    confoverrides={"vatoolkit": ordinary(brand={"logo": "logo.svg"})},
)
def test_the_logo_is_the_icon(app) -> None:  # type: ignore[no-untyped-def]
    (Path(app.srcdir) / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<rect width="10" height="10" fill="#0b5cad"/></svg>',
        encoding="utf-8",
    )
    app.build(force_all=True)
    assert_no_warnings(app)
    assert icon_links(read(app, "index.html")) == ["_static/vatoolkit-logo.svg"]


@pytest.mark.sphinx(
    "html",
    testroot="ordinary",
    confoverrides={"vatoolkit": ORDINARY, "html_favicon": "https://example.org/icon.png"},
)
def test_html_favicon_wins(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    assert icon_links(read(built, "index.html")) == ["https://example.org/icon.png"]


@pytest.mark.parametrize(
    ("enhanced", "favicon", "expected"),
    [
        (False, None, None),
        (True, None, "_static/vatoolkit-icon.svg"),
        (True, "https://example.org/i.png", "https://example.org/i.png"),
    ],
)
def test_other_themes_get_the_icon_only_when_the_site_opts_in_and_has_none(
    make_app: Any, tmp_path: Path, enhanced: bool, favicon: str | None, expected: str | None
) -> None:
    src = copy_root("ordinary", tmp_path / "src")
    overrides: dict[str, Any] = {"html_theme": "alabaster", "vatoolkit": ORDINARY}
    if enhanced:
        overrides["vatoolkit_site_enhancements"] = True
    if favicon:
        overrides["html_favicon"] = favicon
    app = make_app("html", srcdir=src, confoverrides=overrides)
    app.build(force_all=True)
    assert_no_warnings(app)
    assert icon_links(read(app, "index.html")) == ([expected] if expected else [])
    icon_published = Path(app.outdir, "_static", "vatoolkit-icon.svg").exists()
    assert icon_published == (expected == "_static/vatoolkit-icon.svg")


# -- toctree captions ---------------------------------------------------------------

THEMES = ["vatoolkit", "alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme"]


@pytest.mark.parametrize("theme", THEMES)
def test_toctree_captions_have_a_heading_level_under_every_theme_that_opts_in(
    make_app: Any, tmp_path: Path, theme: str
) -> None:
    if theme != "vatoolkit":
        pytest.importorskip(theme)
    src = copy_root("ordinary", tmp_path / "src")
    overrides = {"html_theme": theme, "vatoolkit": ORDINARY, "vatoolkit_site_enhancements": True}
    app = make_app("html", srcdir=src, confoverrides=overrides)
    app.build(force_all=True)
    if theme in ("vatoolkit", "alabaster"):
        assert_no_warnings(app)
    captions = 0
    for page in ORDINARY_PAGES:
        for tag in re.findall(r"<[a-z0-9]+\b[^>]*\brole=\"heading\"[^>]*>", read(app, page)):
            assert "aria-level=" in tag, (theme, page, tag)  # axe's aria-required-attr
            if 'class="caption"' in tag:
                captions += 1
                assert re.search(r'aria-level="[2-6]"', tag), (theme, page, tag)
    assert captions > 0 or theme not in ("vatoolkit", "alabaster")


@pytest.mark.sphinx("html", testroot="ordinary", confoverrides={"vatoolkit": ORDINARY})
def test_caption_level_follows_the_section(app) -> None:  # type: ignore[no-untyped-def]
    before = Path(app.srcdir) / "guide" / "before.rst"
    before.write_text(
        before.read_text(encoding="utf-8")
        + "\nDeeper\n~~~~~~\n\n.. toctree::\n   :caption: Inside a subsection\n\n   during\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    assert_no_warnings(app)
    html = read(app, "guide/before.html")
    main = html.split('<main id="main"', 1)[1]
    assert '<p class="caption" role="heading" aria-level="4">' in main  # under an h3
    nav = html.split('<main id="main"', 1)[0]
    assert '<p class="caption" role="heading" aria-level="2">' in nav


# -- phone numbers ------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="ordinary", confoverrides={"vatoolkit": ORDINARY})
def test_phone_links_do_not_break(built) -> None:  # type: ignore[no-untyped-def]
    html = read(built, "contact.html")
    assert '<a class="va-phone reference external" href="tel:+34910555199">' in html
    css = Path(built.outdir, "_static", "vatoolkit.css").read_text(encoding="utf-8")
    assert re.search(r"a\.va-phone,\s*a\[href\^=\"tel:\"\],[^{]*\{\s*white-space: nowrap;", css)


def test_the_footer_phone_does_not_break(site: Path) -> None:
    html = (site / "en" / "client.html").read_text(encoding="utf-8")
    footer = html.split('<footer class="va-footer">', 1)[1]
    assert '<a href="tel:+15550199" class="va-phone">+1 555 0199</a>' in footer


@pytest.mark.sphinx("html", testroot="ordinary", confoverrides={"vatoolkit": ORDINARY})
def test_description_reads_the_words_not_the_markup(app) -> None:  # type: ignore[no-untyped-def]
    index = Path(app.srcdir) / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "An ordinary project:",
            "An *ordinary* project [#]_ |raw|:",
        )
        + "\n.. [#] A note.\n\n.. |raw| raw:: html\n\n   <b>bold</b>\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    assert_no_warnings(app)
    (description,) = re.findall(
        r'<meta name="description" content="([^"]*)"', read(app, "index.html")
    )
    assert description.startswith("An ordinary project :")
    assert "<" not in description and "&lt;" not in description and "note" not in description
