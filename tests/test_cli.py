"""The ``sphinx-vatoolkit`` command: ``init`` and ``check``, called in-process."""

from __future__ import annotations

import json
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
