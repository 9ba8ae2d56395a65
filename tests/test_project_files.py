"""Reading the project's own files: inside the project, regular, one name, capped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sphinx_vatoolkit.project_files import (
    MissingProjectFile,
    ProjectFileError,
    read_project_file,
)


def test_a_file_inside_the_project_is_read(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_bytes(b"<svg/>")
    assert read_project_file(tmp_path / "logo.svg", [tmp_path], 100) == b"<svg/>"


def test_a_symlink_out_of_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text("x = 1")
    project = tmp_path / "project"
    project.mkdir()
    (project / "vatoolkit.toml").symlink_to(outside)
    with pytest.raises(ProjectFileError, match="leads outside the project"):
        read_project_file(project / "vatoolkit.toml", [project], 100)


def test_a_hard_link_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG")
    project = tmp_path / "project"
    project.mkdir()
    os.link(outside, project / "logo.png")
    with pytest.raises(ProjectFileError, match="hard link"):
        read_project_file(project / "logo.png", [project], 100)


def test_a_fifo_or_device_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "vatoolkit.po")
    with pytest.raises(ProjectFileError, match="not a regular file"):
        read_project_file(tmp_path / "vatoolkit.po", [tmp_path], 100)
    (tmp_path / "zero.mo").symlink_to("/dev/zero")
    with pytest.raises(ProjectFileError):  # outside the project, and not a regular file
        read_project_file(tmp_path / "zero.mo", [tmp_path, Path("/dev")], 100)


def test_a_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "big.toml").write_bytes(b"x" * 2048)
    with pytest.raises(ProjectFileError, match="larger than 1 KB"):
        read_project_file(tmp_path / "big.toml", [tmp_path], 1024)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(MissingProjectFile, match="does not exist"):
        read_project_file(tmp_path / "nothing.svg", [tmp_path], 100)
