"""Read the Docs: each language a translation project, addresses from its build environment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import assert_no_warnings, read, warnings_of
from test_pages import SIBLINGS, alternates, canonical, ordinary

from sphinx_vatoolkit.cli import check_project
from sphinx_vatoolkit.languages import ReadTheDocs, read_the_docs

DOCS = Path(__file__).parent.parent / "docs"
CANONICAL = "https://clinica.readthedocs.io/pt-br/latest/"
ON_RTD = {
    "READTHEDOCS": "True",
    "READTHEDOCS_CANONICAL_URL": CANONICAL,
    "READTHEDOCS_LANGUAGE": "pt_BR",
    "READTHEDOCS_VERSION": "latest",
}


@pytest.fixture
def on_read_the_docs(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ON_RTD.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def broken_canonical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "clinica.readthedocs.io/pt-br/latest")
    monkeypatch.setenv("READTHEDOCS_LANGUAGE", "pt_BR")


def test_sibling_projects_are_found_by_their_language_segment() -> None:
    rtd, problem = read_the_docs(ON_RTD)
    assert problem == ""
    assert rtd == ReadTheDocs(CANONICAL, "pt-br")
    assert rtd.address_of("es") == "https://clinica.readthedocs.io/es/latest/"
    assert rtd.address_of("es_419") == "https://clinica.readthedocs.io/es-419/latest/"
    assert rtd.address_of("en") == "https://clinica.readthedocs.io/en/latest/"


def test_off_read_the_docs_nothing_changes() -> None:
    assert read_the_docs({"READTHEDOCS_CANONICAL_URL": CANONICAL}) == (None, "")


def test_a_single_language_domain_is_a_base_without_siblings() -> None:
    rtd, problem = read_the_docs(
        {**ON_RTD, "READTHEDOCS_CANONICAL_URL": "https://docs.example.org/"}
    )
    assert problem == ""
    assert rtd == ReadTheDocs("https://docs.example.org/", None)
    assert rtd.address_of("es") is None


@pytest.mark.usefixtures("on_read_the_docs")
@pytest.mark.sphinx(
    "html",
    testroot="ordinary",
    confoverrides={"language": "pt_BR", "vatoolkit": ordinary(languages=SIBLINGS)},
)
def test_alternates_canonical_and_switcher_follow_read_the_docs(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert_no_warnings(app)
    html = read(app, "guide/before.html")
    site = "https://clinica.readthedocs.io/"
    assert alternates(html) == {
        "en": site + "en/latest/guide/before.html",
        "pt-BR": site + "pt-br/latest/guide/before.html",
        "es": site + "es/latest/guide/before.html",
        "x-default": site + "en/latest/guide/before.html",
    }
    assert canonical(html) == [site + "pt-br/latest/guide/before.html"]
    # The local layout (../es/) does not hold between projects: the switcher goes there.
    assert f'href="{site}es/latest/guide/before.html" hreflang="es"' in html


@pytest.mark.usefixtures("on_read_the_docs")
@pytest.mark.sphinx(
    "html",
    testroot="ordinary",
    confoverrides={
        "language": "pt_BR",
        "html_baseurl": "https://help.example.org/pt_BR/",
        "vatoolkit": ordinary(
            languages={"en": "../en/", "pt_BR": "../pt_BR/", "es": "https://ayuda.example.es/"}
        ),
    },
)
def test_the_project_s_own_addresses_win(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert_no_warnings(app)
    html = read(app, "contact.html")
    assert alternates(html)["pt-BR"] == "https://help.example.org/pt_BR/contact.html"
    assert alternates(html)["es"] == "https://ayuda.example.es/contact.html"
    assert canonical(html) == ["https://help.example.org/pt_BR/contact.html"]


@pytest.mark.usefixtures("broken_canonical")
@pytest.mark.sphinx(
    "html",
    testroot="ordinary",
    confoverrides={"language": "pt_BR", "vatoolkit": ordinary(languages=SIBLINGS)},
)
def test_a_broken_canonical_url_warns_naming_the_variable(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    warnings = warnings_of(app).strip().splitlines()
    assert len(warnings) == 1, warnings
    assert "READTHEDOCS_CANONICAL_URL is 'clinica.readthedocs.io/pt-br/latest'" in warnings[0]
    assert "[vatoolkit.language]" in warnings[0]
    assert canonical(read(app, "contact.html")) == []


def test_the_docs_are_ready_for_read_the_docs() -> None:
    """One configuration for every translation project: Read the Docs passes the language."""
    text = (DOCS / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert re.search(r"^version: 2$", text, re.MULTILINE)
    assert re.search(r"^\s+configuration: docs/conf\.py$", text, re.MULTILINE)
    assert re.search(
        r"^\s+- method: pip\n\s+path: \.\n\s+extra_requirements:\n\s+- docs$", text, re.MULTILINE
    )
    assert re.search(r"^\s+fail_on_warning: true$", text, re.MULTILINE)
    # The Latin American project is es_MX there: its catalogs are es_419's, compiled
    # with es's (the fallback), and conf.py lists it as es_MX.
    assert "- ln -sfn es_419 locale/es_MX" in text
    assert "- sphinx-intl build --locale-dir locale" in text
    assert 'vatoolkit["languages"]["es_MX"]' in (DOCS / "conf.py").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "address",
    [
        "https://[clinica].readthedocs.io/pt-br/latest/",
        "https://clinica.readthedocs.io:99999/pt-br/latest/",
        "https://clinica.readthedocs.io:80x/pt-br/latest/",
        "https:///pt-br/latest/",
    ],
)
def test_a_canonical_url_no_reader_can_split_is_named_and_not_used(address: str) -> None:
    environ = dict(ON_RTD, READTHEDOCS_CANONICAL_URL=address)
    rtd, problem = read_the_docs(environ)
    assert rtd is None
    assert problem.startswith(f"READTHEDOCS_CANONICAL_URL is {address!r}, which ")
    assert "the pages get no canonical link from it" in problem


@pytest.fixture
def bracketed_canonical(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ON_RTD.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://[clinica].readthedocs.io/pt-br/")


@pytest.mark.usefixtures("bracketed_canonical")
@pytest.mark.sphinx(
    "html",
    testroot="ordinary",
    confoverrides={"language": "pt_BR", "vatoolkit": ordinary(languages=SIBLINGS)},
)
def test_a_bracketed_canonical_url_builds_and_checks_without_a_traceback(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    (warning,) = warnings_of(app).strip().splitlines()
    assert "READTHEDOCS_CANONICAL_URL is 'https://[clinica].readthedocs.io/pt-br/', which" in (
        warning
    )
    assert canonical(read(app, "contact.html")) == []
    result = check_project(Path(app.srcdir))  # reads the same environment
    assert "languages" in result
