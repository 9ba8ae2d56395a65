"""The ``sphinx-vatoolkit`` command: ``init`` and ``check``, called in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from helpers import quickstart, sphinx_build

from sphinx_vatoolkit.cli import PLACEHOLDER_NAME, main, python_skeleton, skeleton_paths
from sphinx_vatoolkit.cli import toml_skeleton as make_toml_skeleton


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_module_entry_point_prints_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_vatoolkit", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "usage: sphinx-vatoolkit" in result.stdout
    assert "init" in result.stdout and "check" in result.stdout


@pytest.mark.parametrize("command", ["init", "check"])
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: sphinx-vatoolkit {command} [OPTIONS] [SOURCEDIR]" in out
    assert "SOURCEDIR" in out


def test_skeleton_has_every_key_and_sets_only_the_name_and_the_platform() -> None:
    skeleton = python_skeleton()
    namespace: dict[str, object] = {}
    exec(skeleton, namespace)
    written = {"organization": {"name": PLACEHOLDER_NAME}, "platform": {"preset": "teams"}}
    assert namespace["vatoolkit"] == written
    toml = make_toml_skeleton()
    assert tomllib.loads(toml) == written
    for path in skeleton_paths():
        name = path.rpartition(".")[2]
        assert f'"{name}":' in skeleton, path
        assert f"{name} =" in toml or f"[{path}]" in toml, path
    assert "# The booking page." in skeleton  # field descriptions become comments


def test_init_then_build_clean_and_idempotent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = quickstart(tmp_path / "project")
    assert main(["init", str(root)]) == 0
    out = capsys.readouterr().out
    assert "Created" in out and "virtual-appointments.rst" in out
    assert "platform.preset (now 'teams': Microsoft Teams with Bookings)" in out
    assert ".. va-toolkit::" in (root / "virtual-appointments.rst").read_text(encoding="utf-8")
    assert "\n   virtual-appointments\n" in (root / "index.rst").read_text(encoding="utf-8")
    before = snapshot(root)
    assert main(["init", str(root)]) == 0
    assert "Nothing to change" in capsys.readouterr().out
    assert snapshot(root) == before
    result = sphinx_build("-W", "-q", "-b", "html", str(root), str(tmp_path / "html"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "html" / "virtual-appointments.html").read_text(encoding="utf-8")
    assert PLACEHOLDER_NAME in page


def test_init_toml_builds_clean(tmp_path: Path) -> None:
    root = quickstart(tmp_path / "project")
    assert main(["init", "--toml", str(root)]) == 0
    assert 'vatoolkit = "vatoolkit.toml"' in (root / "conf.py").read_text(encoding="utf-8")
    assert tomllib.loads((root / "vatoolkit.toml").read_text(encoding="utf-8"))
    result = sphinx_build("-W", "-q", "-b", "html", str(root), str(tmp_path / "html"))
    assert result.returncode == 0, result.stderr


def test_init_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = quickstart(tmp_path / "project")
    (root / "virtual-appointments.rst").write_text("My own page\n===========\n", encoding="utf-8")
    before = snapshot(root)
    assert main(["init", str(root)]) == 1
    err = capsys.readouterr().err
    assert "virtual-appointments.rst already exists" in err
    assert "Nothing was changed" in err
    assert snapshot(root) == before
    (root / "virtual-appointments.rst").unlink()
    (root / "vatoolkit.toml").write_text("# mine\n", encoding="utf-8")
    assert main(["init", "--toml", str(root)]) == 1
    assert "vatoolkit.toml already exists" in capsys.readouterr().err


def test_init_myst_root_and_missing_toctree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "myst"
    root.mkdir()
    (root / "conf.py").write_text('extensions = ["myst_parser"]\n', encoding="utf-8")
    (root / "index.md").write_text(
        "# Home\n\n```{toctree}\n:maxdepth: 2\n\nabout\n```\n", encoding="utf-8"
    )
    assert main(["init", str(root)]) == 0
    index = (root / "index.md").read_text(encoding="utf-8")
    assert "about\nvirtual-appointments\n```" in index
    conf = (root / "conf.py").read_text(encoding="utf-8")
    assert 'extensions = [*extensions, "sphinx_vatoolkit"]' in conf
    other = tmp_path / "plain"
    other.mkdir()
    (other / "conf.py").write_text("", encoding="utf-8")
    (other / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["init", str(other)]) == 0
    out = capsys.readouterr().out
    assert "index.rst has no toctree" in out and ".. toctree::" in out
    assert 'extensions = ["sphinx_vatoolkit"]' in (other / "conf.py").read_text(encoding="utf-8")


def test_no_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path)]) == 2
    assert main(["check", str(tmp_path)]) == 2
    assert "no conf.py" in capsys.readouterr().err


COMPLETE = {
    "organization": {
        "name": "Clinica Example",
        "industry": "healthcare",
        "website": "https://example.org",
    },
    "platform": "teams",
    "booking": {
        "url": "https://example.org/book",
        "phone": "+1 555 0100",
        "staff": {"virtual_only": ["Dr. A"]},
    },
    "services": {"differences": "Blood tests need a visit."},
    "payment": {"methods": ["credit card"]},
    "cancellation": {"policy_url": "https://example.org/cancel", "notice": "24 hours"},
    "technology": {"equipment": ["webcam", "headset"]},
    "brand": {"primary_color": "#0b5cad"},
}


def project(root: Path, vatoolkit: dict[str, object], extra: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(
        f'project = "Clinic"\nextensions = ["sphinx_vatoolkit"]\nvatoolkit = {vatoolkit!r}\n'
        + extra,
        encoding="utf-8",
    )
    return root


def test_check_complete_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path / "p", COMPLETE)
    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out
    assert "how-to-book: How do I book an appointment?" in out
    assert "No problems found." in out


def test_check_names_booking_when_no_channel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = {key: value for key, value in COMPLETE.items() if key != "booking"}
    root = project(tmp_path / "p", config)
    assert main(["check", str(root)]) == 1
    err = capsys.readouterr().err
    assert "cannot answer 'how-to-book'" in err and "vatoolkit.booking.url" in err
    assert main(["check", "--json", str(root)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    unanswered = {item["key"]: item for item in report["languages"]["en"]["unanswered"]}
    assert "booking.url" in unanswered["how-to-book"]["missing"]
    assert any(problem["key"] == "booking.url" for problem in report["problems"])


def test_check_reports_urls_translations_contrast_and_config_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = json.loads(json.dumps(COMPLETE))
    config["brand"] = {"primary_color": "#ffff00"}
    config["organization"]["website"] = "home.html"
    config["organization"]["industry"] = "space"
    config["languages"] = {"en": "https://example.org/en/", "es": "https://example.org/es/"}
    root = project(tmp_path / "p", config, 'locale_dirs = ["locale"]\n')
    assert main(["check", "--json", str(root)]) == 1
    report = json.loads(capsys.readouterr().out)
    kinds = {problem["kind"] for problem in report["problems"]}
    assert {"url", "translation", "contrast", "config"} <= kinds
    assert report["languages"]["en"]["untranslated"] == []
    untranslated = {item["text"] for item in report["languages"]["es"]["untranslated"]}
    assert "Blood tests need a visit." in untranslated
    messages = " ".join(problem["message"] for problem in report["problems"])
    assert "organization.website: 'home.html' is not an absolute URL" in messages
    assert "organization.industry" in messages and "#ffff00" in messages


def test_check_counts_translations_from_the_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = dict(COMPLETE, languages={"en": "https://e.org/en/", "es": "https://e.org/es/"})
    root = project(tmp_path / "p", config, 'locale_dirs = ["locale"]\n')
    catalog = root / "locale" / "es" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    (catalog / "vatoolkit.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Blood tests need a visit."\nmsgstr "Los análisis requieren visita."\n',
        encoding="utf-8",
    )
    main(["check", "--json", str(root)])
    report = json.loads(capsys.readouterr().out)
    untranslated = {item["text"] for item in report["languages"]["es"]["untranslated"]}
    assert "Blood tests need a visit." not in untranslated
    assert "credit card" in untranslated


def test_check_reads_relative_languages_against_the_published_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = dict(COMPLETE, languages={"en": "../en/", "en_GB": "../en_GB/"})
    alone = project(tmp_path / "alone", config)
    assert main(["check", str(alone)]) == 1
    assert "languages.en_GB: '../en_GB/' is not an absolute URL" in capsys.readouterr().err
    published = project(tmp_path / "published", config, 'html_baseurl = "https://e.org/en/"\n')
    assert main(["check", str(published)]) == 0
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://e.readthedocs.io/en/latest/")
    monkeypatch.setenv("READTHEDOCS_LANGUAGE", "en")
    assert main(["check", str(alone)]) == 0


# -- init cannot damage a project ---------------------------------------------


def tree(root: Path) -> dict[str, object]:
    """Every entry under ``root``, byte for byte: file contents and modes, link targets."""
    entries: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            entries[name] = ("link", str(path.readlink()))
        elif path.is_dir():
            entries[name] = ("dir", path.stat().st_mode)
        else:
            entries[name] = ("file", path.read_bytes(), path.stat().st_mode)
    return entries


def refused(
    arguments: list[str], world: Path, capsys: pytest.CaptureFixture[str], status: int = 1
) -> str:
    """Run ``init``, assert it refused with ``status`` and changed nothing under
    ``world``; its stderr."""
    before = tree(world)
    assert main(["init", *arguments]) == status
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "Nothing was changed" in captured.err or "nothing was changed" in captured.err
    assert tree(world) == before
    return captured.err


def plain_project(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text('project = "Clinic"\nextensions = []\n', encoding="utf-8")
    (root / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   about\n", encoding="utf-8")
    (root / "about.rst").write_text("About\n=====\n", encoding="utf-8")
    return root


def test_init_does_not_edit_a_conf_py_linked_from_outside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = plain_project(tmp_path / "project")
    shared = tmp_path / "shared" / "conf.py"
    shared.parent.mkdir()
    (root / "conf.py").rename(shared)
    (root / "conf.py").symlink_to(shared)
    err = refused([str(root)], tmp_path, capsys)
    assert f"{root / 'conf.py'} leads outside the project" in err


@pytest.mark.parametrize("dangling", [False, True], ids=["existing", "dangling"])
def test_init_does_not_write_through_a_linked_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dangling: bool
) -> None:
    root = plain_project(tmp_path / "project")
    outside = tmp_path / "elsewhere.rst"
    if not dangling:
        outside.write_text(".. va-toolkit::\n", encoding="utf-8")
    (root / "virtual-appointments.rst").symlink_to(outside)
    err = refused([str(root)], tmp_path, capsys)
    assert str(root / "virtual-appointments.rst") in err
    assert not dangling or not outside.exists()


def test_init_does_not_write_through_a_linked_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = plain_project(tmp_path / "project")
    outside = tmp_path / "outside.toml"
    (root / "vatoolkit.toml").symlink_to(outside)
    err = refused(["--toml", str(root)], tmp_path, capsys)
    assert str(root / "vatoolkit.toml") in err
    assert not outside.exists()


@pytest.mark.parametrize("how", ["root_doc", "link"])
def test_init_does_not_edit_a_root_document_outside_the_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    root = plain_project(tmp_path / "project")
    outside = tmp_path / "outside" / "index.rst"
    outside.parent.mkdir()
    outside.write_text("Home\n====\n\n.. toctree::\n\n   about\n", encoding="utf-8")
    if how == "root_doc":
        with (root / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write('root_doc = "../outside/index"\n')
    else:
        (root / "index.rst").unlink()
        (root / "index.rst").symlink_to(outside)
    err = refused([str(root)], tmp_path, capsys)
    assert "leads outside the project" in err and "index.rst" in err


def test_init_refuses_a_folder_where_the_page_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = plain_project(tmp_path / "project")
    (root / "virtual-appointments.rst").mkdir()
    err = refused([str(root)], tmp_path, capsys)
    assert f"{root / 'virtual-appointments.rst'} is not a regular file" in err


def test_init_leaves_a_read_only_project_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = plain_project(tmp_path / "project")
    if os.geteuid() == 0:  # root writes through any mode: the project says no by os.access
        real_access = os.access
        monkeypatch.setattr(
            os, "access", lambda path, mode: real_access(path, mode) and Path(path) != root
        )
    else:
        (root / "conf.py").chmod(0o444)
        root.chmod(0o555)
    try:
        err = refused([str(root)], tmp_path, capsys)
    finally:
        root.chmod(0o755)
    assert f"{root / 'virtual-appointments.rst'} cannot be written (read-only)" in err


def test_init_that_fails_while_writing_puts_every_file_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = plain_project(tmp_path / "project")
    real_replace = os.replace
    calls: list[str] = []

    def replace_that_fails_the_second_time(source: str, target: str) -> None:
        calls.append(str(target))
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_that_fails_the_second_time)
    err = refused([str(root)], tmp_path, capsys, status=2)
    assert len(calls) >= 3  # conf.py written, the page failed, conf.py put back
    assert f"cannot write {root / 'virtual-appointments.rst'} (Permission denied)" in err
    assert len(err.strip().splitlines()) == 1


def test_init_writes_inside_through_a_link_that_stays_inside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = plain_project(tmp_path / "project")
    (root / "config").mkdir()
    (root / "conf.py").rename(root / "config" / "conf.py")
    (root / "conf.py").symlink_to(Path("config") / "conf.py")
    (root / "config" / "conf.py").chmod(0o640)
    assert main(["init", str(root)]) == 0
    assert (root / "conf.py").is_symlink()
    written = root / "config" / "conf.py"
    assert '"sphinx_vatoolkit"' in written.read_text(encoding="utf-8")
    assert written.stat().st_mode & 0o777 == 0o640
    assert not [path for path in root.rglob("*.tmp")]


LATIN1_CONF = ('# -*- coding: latin-1 -*-\nproject = "Clínica São João"\nextensions = []\n').encode(
    "latin-1"
)


def test_init_keeps_a_latin1_conf_py_in_latin1(tmp_path: Path) -> None:
    root = plain_project(tmp_path / "project")
    (root / "conf.py").write_bytes(LATIN1_CONF)
    assert main(["init", str(root)]) == 0
    written = (root / "conf.py").read_bytes()
    assert written.startswith(LATIN1_CONF)  # the user's bytes untouched
    written.decode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        written.decode("utf-8")
    result = sphinx_build("-W", "-q", "-b", "html", str(root), str(tmp_path / "html"))
    assert result.returncode == 0, result.stderr
    assert "Clínica São João" in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")


def test_init_escapes_what_an_ascii_conf_py_cannot_hold(tmp_path: Path) -> None:
    root = plain_project(tmp_path / "project")
    (root / "conf.py").write_bytes(b"# coding: ascii\nextensions = []\n")
    assert main(["init", str(root)]) == 0
    (root / "conf.py").read_bytes().decode("ascii")
    result = sphinx_build("-W", "-q", "-b", "html", str(root), str(tmp_path / "html"))
    assert result.returncode == 0, result.stderr


def test_a_latin1_conf_py_builds_its_organization_catalog(tmp_path: Path) -> None:
    root = plain_project(tmp_path / "project")
    (root / "conf.py").write_bytes(
        LATIN1_CONF
        + b'extensions = ["sphinx_vatoolkit"]\n'
        + 'vatoolkit = {"organization": {"name": "Clínica"},\n'.encode("latin-1")
        + '    "services": {"differences": "Análises exigem visita."}}\n'.encode("latin-1")
    )
    result = sphinx_build("-q", "-b", "gettext", str(root), str(tmp_path / "pot"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    pot = (tmp_path / "pot" / "vatoolkit.pot").read_text(encoding="utf-8")
    assert 'conf.py:6\nmsgid "Análises exigem visita."' in pot  # its line in conf.py


def sphinx_config(root: Path) -> list[str]:
    from sphinx_vatoolkit.cli import _read_config

    sys.modules.pop("shared_conf", None)  # a fresh import: conf.py may change its lists
    return list(_read_config(root).extensions)


@pytest.mark.parametrize(
    "conf",
    [
        "from shared_conf import *\n",
        "from shared_conf import *\nextensions = shared_extensions + ['sphinx.ext.todo']\n",
        "extensions = ['sphinx.ext.todo']\nextensions += ['sphinx.ext.ifconfig']\n",
        "from shared_conf import *\nextensions.append('sphinx.ext.todo')\n",
        "import shared_conf\nextensions = list(shared_conf.extensions)\n",
        "if True:\n    extensions = ['sphinx.ext.todo']\n",
    ],
    ids=["star-import", "imported-sum", "augmented", "appended", "module", "indented"],
)
def test_init_keeps_the_extensions_conf_py_imports_or_builds(
    tmp_path: Path, conf: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "shared_conf.py").write_text(
        'shared_extensions = ["sphinx.ext.autodoc"]\nextensions = ["sphinx.ext.autodoc"]\n',
        encoding="utf-8",
    )
    root = plain_project(tmp_path / "project")
    original = f"import sys\nsys.path.insert(0, {str(shared)!r})\n{conf}".encode()
    (root / "conf.py").write_bytes(original)
    monkeypatch.syspath_prepend(str(shared))
    before = sphinx_config(root)
    assert main(["init", str(root)]) == 0
    assert sphinx_config(root) == [*before, "sphinx_vatoolkit"]
    assert (root / "conf.py").read_bytes().startswith(original)


def test_init_keeps_extensions_set_only_on_another_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = plain_project(tmp_path / "project")
    (root / "conf.py").write_text(
        "import os\nif os.environ.get('ON_READTHEDOCS_LIKE'):\n"
        "    extensions = ['sphinx.ext.todo']\n",
        encoding="utf-8",
    )
    assert main(["init", str(root)]) == 0
    assert sphinx_config(root) == ["sphinx_vatoolkit"]
    monkeypatch.setenv("ON_READTHEDOCS_LIKE", "1")
    assert sphinx_config(root) == ["sphinx.ext.todo", "sphinx_vatoolkit"]


ROOT_WITH_SHOWN_TOCTREES = """Home
====

Write a toctree like this::

   .. toctree::

      virtual-appointments

.. code-block:: rst

   .. toctree::

      example

"""


def test_init_adds_the_page_to_the_real_toctree_not_one_shown_in_a_code_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = plain_project(tmp_path / "project")
    (root / "index.rst").write_text(
        ROOT_WITH_SHOWN_TOCTREES + ".. toctree::\n   :maxdepth: 1\n\n   about\n", encoding="utf-8"
    )
    assert main(["init", str(root)]) == 0
    index = (root / "index.rst").read_text(encoding="utf-8")
    assert index == ROOT_WITH_SHOWN_TOCTREES + (
        ".. toctree::\n   :maxdepth: 1\n\n   about\n   virtual-appointments\n"
    )
    result = sphinx_build("-W", "-q", "-b", "html", str(root), str(tmp_path / "html"))
    assert result.returncode == 0, result.stderr
    assert 'href="virtual-appointments.html"' in (tmp_path / "html" / "index.html").read_text(
        encoding="utf-8"
    )


def test_init_asks_for_the_toctree_when_the_only_ones_are_in_code_blocks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = plain_project(tmp_path / "project")
    (root / "index.rst").write_text(ROOT_WITH_SHOWN_TOCTREES, encoding="utf-8")
    assert main(["init", str(root)]) == 0
    assert (root / "index.rst").read_text(encoding="utf-8") == ROOT_WITH_SHOWN_TOCTREES
    assert "index.rst has no toctree that init can add to" in capsys.readouterr().out


MYST_ROOT = """# Home

````markdown
```{toctree}
example
```
````

```{toctree}
:maxdepth: 1

about
```
"""


def test_init_adds_the_page_to_the_real_myst_toctree_not_one_in_a_fence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_vatoolkit.command import toctree

    expected = MYST_ROOT.replace("about\n```\n", "about\nvirtual-appointments\n```\n")
    for parser in ("myst-parser", "fence scan"):
        root = tmp_path / parser
        root.mkdir()
        (root / "conf.py").write_text('extensions = ["myst_parser"]\n', encoding="utf-8")
        (root / "index.md").write_text(MYST_ROOT, encoding="utf-8")
        (root / "about.md").write_text("# About\n", encoding="utf-8")
        if parser == "fence scan":
            monkeypatch.setattr(toctree, "_myst_tokens", lambda text, extensions: None)
        assert main(["init", str(root)]) == 0
        assert (root / "index.md").read_text(encoding="utf-8") == expected, parser
    result = sphinx_build("-W", "-q", "-b", "html", str(root), str(tmp_path / "html"))
    assert result.returncode == 0, result.stderr


def test_check_never_fails_on_the_output_encoding(tmp_path: Path) -> None:
    config = json.loads(json.dumps(COMPLETE))
    config["organization"]["name"] = "Clínica São João"
    config["organization"]["website"] = "página.html"
    root = project(tmp_path / "clínica", config)
    environment = {**os.environ, "PYTHONIOENCODING": "ascii"}
    command = [sys.executable, "-m", "sphinx_vatoolkit", "check", str(root)]
    text = subprocess.run(command, capture_output=True, env=environment, check=False)
    assert text.returncode == 1
    assert b"Traceback" not in text.stderr
    assert b"'p\\xe1gina.html' is not an absolute URL" in text.stderr
    as_json = subprocess.run(
        [*command, "--json"], capture_output=True, env=environment, check=False
    )
    assert as_json.returncode == 1, as_json.stderr
    as_json.stdout.decode("ascii")
    report = json.loads(as_json.stdout)
    assert report["srcdir"] == str(root)
    assert any("'página.html'" in problem["message"] for problem in report["problems"])


def test_init_leaves_the_toctree_of_a_huge_root_document_to_the_user(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = plain_project(tmp_path / "project")
    repeated = "Title\n=====\n\n.. _z: https://example.org/\n\n" * 10_000  # 400 KB
    (root / "index.rst").write_text(".. toctree::\n\n   about\n\n" + repeated, encoding="utf-8")
    before = (root / "index.rst").read_bytes()
    assert main(["init", str(root)]) == 0
    assert (root / "index.rst").read_bytes() == before
    assert "index.rst is larger than 256 KB" in capsys.readouterr().out
