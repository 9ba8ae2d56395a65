"""A release that installs: sdist and wheel pass ``twine check --strict``, the wheel holds
the catalogs, theme and templates, and once installed in a new venv it builds a project."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sphinx_vatoolkit"
THEME_CSS = "vatoolkit-theme.css"

pytestmark = pytest.mark.release


def run(*command: str | Path) -> str:
    """Run a command outside the repository, so that its sources are not importable."""
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        check=False,
        cwd=tempfile.gettempdir(),
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build`` (without isolation: the test env has the build backend)."""
    outdir = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", outdir, ROOT)
    return outdir


def test_twine_check_strict(dist: Path) -> None:
    files = sorted(dist.iterdir())
    assert {path.suffix for path in files} == {".gz", ".whl"}
    run(sys.executable, "-m", "twine", "check", "--strict", *files)


def test_wheel_holds_catalogs_theme_templates_and_the_command(dist: Path) -> None:
    wheel = next(dist.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in ("pt_BR", "es"):
        assert f"sphinx_vatoolkit/locale/{language}/LC_MESSAGES/sphinx_vatoolkit.mo" in names
    shipped = {
        path.relative_to(ROOT).as_posix()
        for folder in ("theme", "templates", "static", "locale")
        for path in (PACKAGE / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert shipped - names == set()
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "sphinx-vatoolkit=sphinx_vatoolkit.cli:main" in text.replace(" ", "")


def test_installed_wheel_builds_a_project(dist: Path, tmp_path: Path) -> None:
    """The wheel in a new venv; the dependencies come from this environment (a .pth file
    puts its site-packages after the venv's own, so the installed wheel wins)."""
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    # Installed before the .pth exists: pip must not find this environment's copy and
    # call the requirement satisfied (tox installs the package itself, not editable).
    run(python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel)
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    Path(purelib.strip(), "current-env.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    where = run(python, "-c", "import sphinx_vatoolkit; print(sphinx_vatoolkit.__file__)")
    assert where.startswith(str(venv)), where
    assert "sphinx-vatoolkit 0." in run(venv / "bin" / "sphinx-vatoolkit", "--version")

    source = tmp_path / "project"
    source.mkdir()
    (source / "conf.py").write_text(
        'project = "Clinic"\nextensions = ["sphinx_vatoolkit"]\nhtml_theme = "vatoolkit"\n'
        'vatoolkit = {"organization": {"name": "Clinica Example"}, "platform": "teams",\n'
        '             "booking": {"url": "https://example.org/book"}}\n',
        encoding="utf-8",
    )
    (source / "index.rst").write_text(
        "Help\n====\n\n.. va-faq::\n\n.. toctree::\n", encoding="utf-8"
    )
    run(venv / "bin" / "sphinx-vatoolkit", "init", source)
    outdir = tmp_path / "html"
    run(python, "-m", "sphinx", "-W", "-q", "-b", "html", "-D", "language=pt_BR", source, outdir)
    page = (outdir / "index.html").read_text(encoding="utf-8")
    po = PACKAGE / "locale" / "pt_BR" / "LC_MESSAGES" / "sphinx_vatoolkit.po"
    with po.open("rb") as stream:
        catalog = read_po(stream)
    question = catalog.get("How do I book an appointment?")
    assert question is not None and question.string
    assert str(question.string) in page  # the package catalog, from the wheel
    assert "How do I book an appointment?" not in page
    static = {path.name for path in (outdir / "_static").iterdir()}
    assert THEME_CSS in static, sorted(static)  # the theme's own files, from the wheel
