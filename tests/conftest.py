"""Builds shared by the tests that only read them, and each other test's own copy.

* ``built``: the build named by the test's ``sphinx`` marker (builder, test root, config
  overrides), made once a session for every test that asks for the same one. Each such
  build has a source, doctree and output directory of its own: Sphinx caches asset
  checksums per output path for the whole process, and one builder's environment must
  not leak into another's (the text builder, for one, skips smart quotes).
* ``app``: sphinx.testing's app, on a copy of the test root in the test's own
  ``tmp_path``, for tests that change sources, rebuild or need an unbuilt app.
* ``site``: the toolkit root in three languages under the vatoolkit theme, published
  (``html_baseurl``) at ``https://clinic.example.org/help/<language>/``.
* ``chromium``: one headless browser for the session.

``scripts/`` is importable from the tests (the catalog checker, the Chromium flags).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    CHROMIUM,
    LANGUAGES,
    ROOTS,
    assert_no_warnings,
    copy_root,
    full_build,
    missing,
)
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

SITE_CONFIG = """
html_theme = "vatoolkit"
vatoolkit["languages"] = {"en": "../en/", "pt_BR": "../pt_BR/", "es": "../es/"}
html_baseurl = "https://clinic.example.org/help/en/"
"""


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def sphinx_test_tempdir(tmp_path: Path) -> Path:
    """Where ``app`` copies its test root: the test's own directory, so no test sees
    another's sources, outputs or environment (sphinx.testing's default is one directory
    for the whole session)."""
    return tmp_path


class SharedBuilds:
    """Test roots built once a session, each in a directory of its own."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._tmp_path_factory = tmp_path_factory
        self._builds: dict[str, SphinxTestApp] = {}

    def get(
        self, testroot: str, buildername: str = "html", confoverrides: dict[str, Any] | None = None
    ) -> SphinxTestApp:
        overrides = confoverrides or {}
        key = repr((testroot, buildername, sorted(overrides.items())))
        if key not in self._builds:
            srcdir = self._tmp_path_factory.mktemp(f"shared-{testroot}-{buildername}")
            copy_root(testroot, srcdir)
            self._builds[key] = full_build(srcdir, buildername, confoverrides=overrides)
        return self._builds[key]


@pytest.fixture(scope="session")
def shared_builds(tmp_path_factory: pytest.TempPathFactory) -> SharedBuilds:
    return SharedBuilds(tmp_path_factory)


@pytest.fixture
def built(request: pytest.FixtureRequest, shared_builds: SharedBuilds) -> SphinxTestApp:
    """The session's build for the test's ``sphinx`` marker: read it, never change it.

    Its warning stream is that build's; each test reading it asserts on it as it needs.
    """
    marker = request.node.get_closest_marker("sphinx")
    assert marker is not None, "'built' reads the build named by a @pytest.mark.sphinx marker"
    unsupported = set(marker.kwargs) - {"buildername", "testroot", "confoverrides"}
    assert not unsupported, f"a shared build takes no {sorted(unsupported)}; use 'app'"
    buildername = marker.args[0] if marker.args else marker.kwargs.get("buildername", "html")
    return shared_builds.get(
        marker.kwargs.get("testroot", "root"), buildername, marker.kwargs.get("confoverrides")
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The toolkit root in ``en``, ``pt_BR`` and ``es`` side by side (``<site>/<language>/``)
    under the vatoolkit theme, linked to each other; nitpicky and without a warning, as
    ``sphinx-build -W -n`` would need."""
    base = tmp_path_factory.mktemp("site")
    src = copy_root("toolkit", base / "src")
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + SITE_CONFIG, encoding="utf-8")
    html = base / "html"
    html.mkdir()
    for language in LANGUAGES:
        app = full_build(
            src,
            builddir=base / "build" / language,
            confoverrides={"language": language, "nitpicky": True},
        )
        assert_no_warnings(app)
        Path(app.outdir).rename(html / language)
    return html


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright, launched once a session."""
    if not CHROMIUM.exists():
        missing("Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright (pip install -e '.[test]')")
    from screenshots import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
