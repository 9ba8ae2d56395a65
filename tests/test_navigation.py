"""The theme's site navigation: read once per build, the HTML of Sphinx's toctree()."""

from __future__ import annotations

import re
from inspect import signature
from pathlib import Path

import pytest
from helpers import assert_no_warnings, read
from sphinx.environment.adapters.toctree import global_toctree_for_doc

from sphinx_vatoolkit.theme.navigation import build_navigation

OPTIONS = {"collapse": True, "maxdepth": 2, "includehidden": True, "titles_only": True}


def normalized(html: str) -> str:
    html = re.sub(r"\s+", " ", html).replace(' aria-current="page"', "")
    html = re.sub(r'class="([^"]*)"', lambda m: f'class="{" ".join(sorted(m[1].split()))}"', html)
    return html.replace("> <", "><").strip()


def site_navigation(html: str) -> str:
    return html.split('<div class="va-menu-wide">', 1)[1].split("</div>", 1)[0]


def sphinx_toctree(app, docname: str) -> str:  # type: ignore[no-untyped-def]
    builder = app.builder
    # Sphinx 9 takes the builder's tags; Sphinx 8.1 reads them from the builder itself.
    tags = {"tags": builder.tags} if "tags" in signature(global_toctree_for_doc).parameters else {}
    tree = global_toctree_for_doc(app.env, docname, builder, **tags, **OPTIONS)
    return builder.render_partial(tree)["fragment"] if tree is not None else ""


# Its own app, not a shared build: rendering toctrees after the build needs the app
# still set up (its docutils nodes registered), and a shared build is cleaned up once built.
@pytest.mark.sphinx("html", testroot="navigation")
def test_navigation_is_the_html_of_sphinx_toctree(app) -> None:  # type: ignore[no-untyped-def]
    app.build(force_all=True)
    assert_no_warnings(app)
    navigation = build_navigation(app.builder)
    assert navigation is not None
    shown = sorted(set(app.env.found_docs) - {"visit/checklist"})  # third level: below
    for docname in shown:
        ours = navigation.html(app.builder, docname)
        assert normalized(ours) == normalized(sphinx_toctree(app, docname)), docname


@pytest.mark.sphinx("html", testroot="navigation")
def test_navigation_in_the_pages(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    home = site_navigation(read(built, "index.html"))
    assert '<span class="caption-text">For clients</span>' in home
    assert '<a class="reference internal" href="visit.html">Your <code' in home  # markup kept
    assert '<a class="reference internal" href="payment.html">Paying for it</a>' in home
    assert '<a class="reference external" href="https://example.org">Our website</a>' in home
    assert '<a class="reference internal" href="staff.html">For staff</a>' in home  # hidden toctree
    assert "visit/before.html" not in home  # collapsed

    before = site_navigation(read(built, "visit/before.html"))  # a MyST page, second level
    assert (
        '<li class="toctree-l1 current"><a class="reference internal" href="../visit.html">'
        in before
    )
    assert (
        '<a class="current reference internal" aria-current="page" href="#">Before the visit</a>'
        in before
    )
    assert 'href="during.html">During the visit</a>' in before
    assert 'href="../payment.html">Paying for it</a>' in before

    # Deeper than the two levels shown: Sphinx's toctree() marks nothing there; the
    # theme keeps the page's branch open and marked so the reader sees where they are.
    checklist = site_navigation(read(built, "visit/checklist.html"))
    assert (
        '<li class="toctree-l1 current"><a class="reference internal" href="../visit.html">'
        in checklist
    )
    assert (
        '<li class="toctree-l2 current"><a class="reference internal" href="before.html">'
        in checklist
    )


@pytest.mark.sphinx("html", testroot="navigation")
def test_numbered_toctree_gets_sphinx_own_navigation(app) -> None:  # type: ignore[no-untyped-def]
    index = Path(app.srcdir) / "index.rst"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace(":caption:", ":numbered:\n   :caption:", 1), encoding="utf-8")
    app.build(force_all=True)
    assert_no_warnings(app)
    assert build_navigation(app.builder) is None
    navigation = site_navigation(read(app, "payment.html"))
    assert 'href="visit.html">1. Your <code' in navigation  # Sphinx numbers the entries
