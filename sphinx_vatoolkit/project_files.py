"""Files of the project that the extension reads: the logo, ``vatoolkit.toml``, catalogs.

Every one is read the same way: its real path (symbolic links followed) must lie inside
the project, it must be a regular file with a single name (a hard link could be a
file from anywhere), and it is read with a size cap, never past it. A FIFO, a device
or ``/dev/zero`` linked into the project is refused before it is opened, so it can
neither hang the build nor fill its memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


class ProjectFileError(Exception):
    """The file is not read; the message says why, in words that follow its name."""


class MissingProjectFile(ProjectFileError):
    """The file does not exist."""


def size_words(limit: int) -> str:
    """``16 MB``, ``512 KB``: a byte limit as a message shows it."""
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB"
    return f"{limit // 1024} KB"


def real_project_path(path: str | Path, roots: Iterable[str | Path]) -> Path:
    """The real path of ``path``; raises :class:`ProjectFileError` unless it is a
    regular file with one name, inside one of ``roots``."""
    try:
        real = Path(path).resolve(strict=True)
    except FileNotFoundError:
        raise MissingProjectFile("does not exist") from None
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop, a NUL in the name
        raise ProjectFileError(f"cannot be read ({exc})") from None
    resolved_roots = [Path(root).resolve() for root in roots]
    if not any(real.is_relative_to(root) for root in resolved_roots):
        raise ProjectFileError(f"leads outside the project (to {str(real)!r})")
    try:
        info = real.stat()
    except OSError as exc:
        raise ProjectFileError(f"cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ProjectFileError("is not a regular file")
    if info.st_nlink > 1:
        raise ProjectFileError(
            f"has {info.st_nlink} names (a hard link): copy the file into the project"
        )
    return real


def read_project_file(path: str | Path, roots: Iterable[str | Path], limit: int) -> bytes:
    """The bytes of a project file of at most ``limit`` bytes (see
    :func:`real_project_path`); raises :class:`ProjectFileError` otherwise."""
    real = real_project_path(path, roots)
    try:
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise ProjectFileError(f"cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):  # replaced since the check
            raise ProjectFileError("is not a regular file")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ProjectFileError(f"is larger than {size_words(limit)}")
    return data


MAX_PYTHON_SOURCE_BYTES = 16 * 1024 * 1024  # conf.py: far above any real one


def decode_python_source(data: bytes) -> tuple[str, str]:
    """The text of a Python file (``conf.py``) and the encoding to write it back in: the
    one its coding line or byte order mark declares (PEP 263), as Python reads it.
    Raises :class:`ProjectFileError` when the bytes do not decode."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding), encoding
    except (SyntaxError, LookupError, UnicodeDecodeError) as exc:
        raise ProjectFileError(f"cannot be decoded ({exc})") from None
