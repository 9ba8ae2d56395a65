"""Shared helpers for the tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

ROOTS = Path(__file__).parent / "roots"
CHROMIUM = Path("/usr/bin/chromium")
LANGUAGES = ("en", "pt_BR", "es")  # of the package's catalogs, and of the test site


def warnings_of(app) -> str:  # type: ignore[no-untyped-def]
    return strip_colors(app.warning.getvalue())


def assert_no_warnings(app) -> None:  # type: ignore[no-untyped-def]
    text = warnings_of(app)
    assert text == "", text


def assert_no_traceback(app) -> None:  # type: ignore[no-untyped-def]
    """Nothing the app logged (status or warnings) is a traceback."""
    assert "Traceback" not in app.status.getvalue() + warnings_of(app)


def read(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def visible_text(html: str) -> str:
    """The page body's text, roughly as a reader sees it."""
    body = html.split('<div class="body"', 1)[-1].split('<div class="sphinxsidebar"', 1)[0]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", body)


def copy_root(testroot: str, destination: Path) -> Path:
    """A copy of ``tests/roots/test-<testroot>`` that a test may change."""
    shutil.copytree(ROOTS / f"test-{testroot}", destination, dirs_exist_ok=True)
    return destination


def full_build(srcdir: Path, buildername: str = "html", **app_options: Any) -> SphinxTestApp:
    """Build ``srcdir`` in this process, then clean the app up as ``make_app`` would.

    The clean-up restores Sphinx's and docutils' process-wide state (translators,
    directives, ``sys.path``); the output, the environment and the warning stream stay
    for the tests to read.
    """
    app = SphinxTestApp(buildername, srcdir=srcdir, **app_options)
    try:
        app.build(force_all=True)
    finally:
        app.cleanup()
    return app


def pages_read_by_build(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Build (incrementally) and return the pages Sphinx read again, sorted."""
    seen: list[str] = []
    app.connect("env-before-read-docs", lambda _app, _env, docnames: seen.extend(docnames))
    app.build()
    return sorted(seen)


def sphinx_build(*arguments: str) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx`` in a process of its own: for what only the command line shows
    (its exit status under ``-W``, no traceback on stderr)."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


def missing(what: str) -> None:
    """Skip locally, with the reason, when a tool is absent; fail in CI, which has it."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI")
    pytest.skip(f"{what} is not available on this machine")


def quickstart(root: Path, project: str = "Clinic help") -> Path:
    """A fresh project, as ``sphinx-quickstart -q`` makes it (a subprocess: it changes
    process-wide locale and colour settings)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx.cmd.quickstart",
            "-q",
            "-p",
            project,
            "-a",
            "Docs team",
            "-v",
            "1.0",
            "-l",
            "en",
            "--no-makefile",
            "--no-batchfile",
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    return root


# An ordinary project (tests/roots/test-ordinary): captioned and nested toctrees, an
# index, a glossary and the search page.
ORDINARY_PAGES = [
    "index.html",
    "contact.html",
    "glossary.html",
    "guide/index.html",
    "guide/before.html",
    "guide/during.html",
    "genindex.html",
    "search.html",
]
