"""``sphinx-vatoolkit init``: add the extension, the config skeleton and the page.

``init`` cannot damage a project: every file it writes or edits must have its real path
(symbolic links followed) inside SOURCEDIR's, be a regular file with one name, and be
writable; all of that is checked before anything is written. The files are then written
to temporary files beside them and renamed over them, and if one rename fails, those
already done are undone. ``conf.py`` is read in the encoding its coding line declares and
only ever appended to; the root document is parsed to find its toctree.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import posixpath
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx_vatoolkit.cli import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_UNREADABLE,
    EXTENSION,
    MARKER,
    PAGE,
    PLACEHOLDER_NAME,
    TOML_NAME,
    _read_config,
    _stderr,
    python_skeleton,
    toml_skeleton,
)
from sphinx_vatoolkit.command import toctree
from sphinx_vatoolkit.config import CONFIG_NAME
from sphinx_vatoolkit.project_files import (
    MAX_PYTHON_SOURCE_BYTES,
    MissingProjectFile,
    ProjectFileError,
    decode_python_source,
    read_project_file,
    size_words,
)

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024  # the root document and an existing page
# docutils' time grows faster than the text: 256 KB of hostile reStructuredText
# (repeated titles, targets) parses in about 13 s, 1 MB in 144 s. Real root documents
# are a few KB; a larger one gets its toctree entry from the user.
MAX_PARSED_BYTES = 256 * 1024


@dataclass
class Write:
    """One file ``init`` writes: ``shown`` as the user named it, ``real`` its real path."""

    shown: Path
    real: Path
    data: bytes
    original: bytes | None  # None: a new file


@dataclass
class Plan:
    """What ``init`` writes, what it finds already done, and what is in its way."""

    writes: list[Write] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)


class WriteFailed(Exception):
    """A write failed; what was written is undone. The message names the file."""


def _existing(path: Path, srcdir: Path, limit: int, plan: Plan) -> bytes | None:
    """The bytes of an existing project file ``init`` may edit; None (with a conflict)
    when it is not a regular file inside SOURCEDIR, or cannot be read."""
    try:
        return read_project_file(path, [srcdir], limit)
    except MissingProjectFile:
        target = repr(os.readlink(path)) if path.is_symlink() else "a file"
        plan.conflicts.append(
            f"{path} is a symbolic link to {target}, which does not exist: init writes "
            "only to real files inside SOURCEDIR"
        )
    except ProjectFileError as exc:
        plan.conflicts.append(f"{path} {exc}")
    return None


def _new_file_place(path: Path, srcdir: Path, plan: Plan) -> Path | None:
    """The real path a new file goes to; None (with a conflict) outside SOURCEDIR."""
    real = path.parent.resolve() / path.name
    if not real.is_relative_to(srcdir):
        plan.conflicts.append(f"{path} would be outside {srcdir}: init writes only inside it")
        return None
    return real


def _add(plan: Plan, shown: Path, srcdir: Path, data: bytes, original: bytes | None) -> None:
    real = shown.resolve() if original is not None else _new_file_place(shown, srcdir, plan)
    if real is not None:
        plan.writes.append(Write(shown, real, data, original))


# -- conf.py ------------------------------------------------------------------


def _binds_extensions_first(tree: ast.Module) -> bool:
    """Whether a statement of the module itself (not under an ``if`` or ``try``) sets
    ``extensions``, so that it exists whenever the end of the file runs."""
    for statement in tree.body:
        targets: list[ast.expr] = []
        if isinstance(statement, ast.Assign):
            targets = statement.targets
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets = [statement.target]
        elif isinstance(statement, ast.ImportFrom):
            names = {alias.asname or alias.name for alias in statement.names}
            if names & {"*", "extensions"}:
                return True
        if any(isinstance(t, ast.Name) and t.id == "extensions" for t in targets):
            return True
    return False


def _may_set_extensions(tree: ast.Module) -> bool:
    """Whether anything in the module could set ``extensions`` on some machine: the
    name itself, a star import, or the module's namespace reached by name."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in (
            "extensions",
            "globals",
            "vars",
            "locals",
            "exec",
            "eval",
            "setattr",
        ):
            return True
        if isinstance(node, ast.alias) and node.name == "*":
            return True
        if isinstance(node, ast.Constant) and node.value == "extensions":
            return True
    return False


def extensions_line(conf_text: str, namespace: dict[str, Any]) -> str:
    """The line that adds the extension to what ``conf.py`` (and what it imports) sets,
    never dropping an entry: a plain list only when nothing else could set one."""
    try:
        tree = ast.parse(conf_text)
    except (SyntaxError, ValueError):  # Sphinx ran it: only a coding line differs
        tree = ast.Module(body=[], type_ignores=[])
    if "extensions" in namespace and _binds_extensions_first(tree):
        return f'extensions = [*extensions, "{EXTENSION}"]'
    if "extensions" in namespace or _may_set_extensions(tree):
        return f'extensions = [*globals().get("extensions", ()), "{EXTENSION}"]'
    return f'extensions = ["{EXTENSION}"]'


def _conf_block(config: Any, conf_text: str, toml: bool, configured: bool) -> str:
    lines = ["", "", f"{MARKER} " + "-" * (76 - len(MARKER))]
    lines.append("# Added by `sphinx-vatoolkit init`. See `sphinx-vatoolkit check` for what the")
    lines.append("# pages can answer and what is missing.")
    if EXTENSION not in config.extensions:
        lines.append(extensions_line(conf_text, getattr(config, "_raw_config", {})))
    if configured:
        lines.append(f"# ({CONFIG_NAME} is set above)")
    elif toml:
        lines.append(f'{CONFIG_NAME} = "{TOML_NAME}"')
    else:
        lines.append("# Every key of the organization config, with its meaning: uncomment and")
        lines.append("# fill in the ones you need. Text may also be given per language:")
        lines.append('# {"en": "...", "pt_BR": "...", "es": "..."}.')
        lines.append(python_skeleton().rstrip("\n"))
    return "\n".join(lines) + "\n"


def _plan_conf(config: Any, srcdir: Path, toml: bool, plan: Plan) -> None:
    conf = srcdir / "conf.py"
    configured = config[CONFIG_NAME] is not None
    if configured:
        what = "a TOML file" if isinstance(config[CONFIG_NAME], str) else "a dict"
        plan.done.append(f"conf.py already sets {CONFIG_NAME} ({what}): left as it is")
    if EXTENSION in config.extensions:
        plan.done.append(f"conf.py already has {EXTENSION} in extensions")
        if configured:
            return
    original = _existing(conf, srcdir, MAX_PYTHON_SOURCE_BYTES, plan)
    if original is None:
        return
    try:
        conf_text, encoding = decode_python_source(original)
    except ProjectFileError as exc:
        plan.conflicts.append(f"{conf} {exc}")
        return
    block = _conf_block(config, conf_text, toml, configured)
    newline = "\r\n" if "\r\n" in conf_text else "\n"
    if conf_text and not conf_text.endswith(("\n", "\r")):
        block = "\n" + block
    # Appended, never re-encoded: the user's bytes stay as they are. A character the
    # declared encoding lacks becomes an escape, which Python reads back as itself.
    data = original + block.replace("\n", newline).encode(
        "utf-8" if encoding == "utf-8-sig" else encoding, errors="backslashreplace"
    )
    _add(plan, conf, srcdir, data, original)
    if toml and not configured:
        toml_file = srcdir / TOML_NAME
        if os.path.lexists(toml_file):
            plan.conflicts.append(
                f"{toml_file} already exists and conf.py does not use it: not overwritten"
            )
        else:
            _add(plan, toml_file, srcdir, toml_skeleton().encode("utf-8"), None)


# -- the page and its toctree entry -------------------------------------------


def _page(config: Any, srcdir: Path) -> tuple[Path, str]:
    suffixes = config.source_suffix
    names = list(suffixes) if isinstance(suffixes, (dict, list, tuple)) else [suffixes]
    if ".rst" not in names and ".md" in names:
        return srcdir / f"{PAGE}.md", "# Virtual appointments\n\n```{va-toolkit}\n```\n"
    return srcdir / f"{PAGE}.rst", "Virtual appointments\n====================\n\n.. va-toolkit::\n"


def _plan_page(config: Any, srcdir: Path, plan: Plan) -> Path:
    page, content = _page(config, srcdir)
    if not os.path.lexists(page):
        _add(plan, page, srcdir, content.encode("utf-8"), None)
        return page
    existing = _existing(page, srcdir, MAX_DOCUMENT_BYTES, plan)
    if existing is None:
        return page
    if "va-toolkit" in existing.decode("utf-8", errors="replace"):
        plan.done.append(f"{page.name} already holds the toolkit page")
    else:
        plan.conflicts.append(f"{page} already exists and is not the toolkit page: not overwritten")
    return page


def _decoded(data: bytes, encoding: str) -> tuple[str, str]:
    """The document's text and the encoding to write it back in (no byte order mark
    added to a file that had none)."""
    text = data.decode(encoding)
    if encoding.replace("_", "-").lower() == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8"
    return text, encoding


def _plan_toctree(config: Any, srcdir: Path, page: Path, plan: Plan) -> None:
    root_doc = str(config.root_doc)
    root = next(
        (
            srcdir / f"{root_doc}{suffix}"
            for suffix in (".rst", ".md")
            if os.path.lexists(srcdir / f"{root_doc}{suffix}")
        ),
        None,
    )
    # The page is at the top of SOURCEDIR: a root document in a folder names it from the top.
    entry = page.stem if posixpath.dirname(root_doc) == "" else f"/{page.stem}"
    if root is None:
        plan.advice.append(
            f"no root document {root_doc}.rst or {root_doc}.md: add {entry!r} to a toctree yourself"
        )
        return
    data = _existing(root, srcdir, MAX_DOCUMENT_BYTES, plan)
    if data is None:
        return
    if len(data) > MAX_PARSED_BYTES:
        plan.advice.append(
            f"{root.name} is larger than {size_words(MAX_PARSED_BYTES)}, too large for init "
            f"to find its toctree: add {entry!r} to a toctree yourself"
        )
        return
    try:
        text, encoding = _decoded(data, config.source_encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        plan.conflicts.append(f"{root} cannot be read as {config.source_encoding} ({exc})")
        return
    markdown = root.suffix == ".md"
    if markdown:
        raw = getattr(config, "_raw_config", {})
        extensions = raw.get("myst_enable_extensions", ())
        if not isinstance(extensions, (list, tuple, set)):
            extensions = ()
        lines, found = toctree.myst_toctrees(text, [str(name) for name in extensions])
    else:
        lines, found = toctree.rst_toctrees(text)
    if toctree.lists(found, page.stem, root_doc):
        plan.done.append(f"{root.name} already lists {page.stem} in a toctree")
        return
    if not found:
        example = f"```{{toctree}}\n{entry}\n```" if markdown else f".. toctree::\n\n   {entry}"
        plan.advice.append(
            f"{root.name} has no toctree that init can add to (one shown in a code block "
            "or inside another directive is not one): add the page to a toctree yourself, "
            "for example:\n" + textwrap.indent(example, "    ")
        )
        return
    changed = toctree.add_entry(lines, found[0], entry)
    _add(plan, root, srcdir, changed.encode(encoding, errors="strict"), data)


# -- planning and writing ---------------------------------------------------


def _check_writable(plan: Plan) -> None:
    for write in plan.writes:
        folder = write.real.parent
        if not os.access(folder, os.W_OK | os.X_OK) or (
            write.original is not None and not os.access(write.real, os.W_OK)
        ):
            plan.conflicts.append(f"{write.shown} cannot be written (read-only)")


def plan_init(srcdir: Path, toml: bool) -> Plan:
    config = _read_config(srcdir)
    plan = Plan()
    _plan_conf(config, srcdir, toml, plan)
    page = _plan_page(config, srcdir, plan)
    _plan_toctree(config, srcdir, page, plan)
    _check_writable(plan)
    return plan


def _mode(write: Write) -> tuple[int, int, int] | None:
    """The mode, owner and group the written file keeps; None for a new file."""
    if write.original is None:
        return None
    info = write.real.stat()
    return info.st_mode & 0o7777, info.st_uid, info.st_gid


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _temporary(folder: Path, name: str, data: bytes, mode: tuple[int, int, int] | None) -> str:
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is None:
            os.chmod(temporary, _new_file_mode())
        else:
            os.chmod(temporary, mode[0])
            if hasattr(os, "chown"):
                # Not ours to give away (not root): the file is then ours.
                with contextlib.suppress(OSError):
                    os.chown(temporary, mode[1], mode[2])
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def write_all(writes: list[Write]) -> None:
    """Write every file or none: each to a temporary file beside it, then renamed over
    it; when a step fails (or the user interrupts), the temporary files are removed and
    the renames undone."""
    temporaries: list[str] = []
    done: list[Write] = []
    current = writes[0] if writes else None
    try:
        for current in writes:
            temporaries.append(
                _temporary(current.real.parent, current.real.name, current.data, _mode(current))
            )
        for current, temporary in zip(writes, temporaries, strict=True):
            if current.original is None and os.path.lexists(current.real):
                raise FileExistsError(0, "it appeared while init ran", str(current.real))
            os.replace(temporary, current.real)
            done.append(current)
    except BaseException as exc:
        for temporary in temporaries:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        not_restored = _undo(done)
        if not isinstance(exc, OSError) or current is None:
            raise
        message = f"cannot write {current.shown} ({exc.strerror or exc})"
        if not_restored:
            message += "; could not restore " + ", ".join(not_restored)
        else:
            message += "; nothing was changed"
        raise WriteFailed(message) from None


def _undo(done: list[Write]) -> list[str]:
    """Put back what ``done`` wrote, last first; the files that could not be."""
    failed = []
    for write in reversed(done):
        try:
            if write.original is None:
                os.unlink(write.real)
            else:
                temporary = _temporary(
                    write.real.parent, write.real.name, write.original, _mode(write)
                )
                os.replace(temporary, write.real)
        except OSError:
            failed.append(str(write.shown))
    return failed


def run_init(arguments: argparse.Namespace) -> int:
    srcdir = Path(arguments.sourcedir).resolve()
    plan = plan_init(srcdir, arguments.toml)
    if plan.conflicts:
        for conflict in plan.conflicts:
            print(f"error: {conflict}", file=_stderr())
        print("Nothing was changed: move the file(s) aside, or set up by hand.", file=_stderr())
        return EXIT_PROBLEMS
    try:
        write_all(plan.writes)
    except WriteFailed as exc:
        print(f"error: {exc}", file=_stderr())
        return EXIT_UNREADABLE
    for write in plan.writes:
        print(f"{'Created' if write.original is None else 'Updated'} {write.shown}")
    for line in plan.done:
        print(f"Already done: {line}")
    for line in plan.advice:
        print(f"To do: {line}")
    if not plan.writes:
        print("Nothing to change: the project is already set up.")
    else:
        print(
            f"Next: set organization.name (now {PLACEHOLDER_NAME!r}), platform.preset (now "
            "'teams': Microsoft Teams with Bookings) and the facts you want answered, then "
            "run `sphinx-vatoolkit check`."
        )
    return EXIT_OK
