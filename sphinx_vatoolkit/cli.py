"""``sphinx-vatoolkit``: set up a Sphinx project (``init``) and check its facts (``check``).

The output is for the project's developers and stays in English, like Sphinx's own
warnings. Exit status: 0 when all is well, 1 when ``init`` refused to overwrite
something or ``check`` found problems, 2 when the project cannot be read or written
(and for usage errors, as with every argparse command).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import textwrap
import types
import typing
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from sphinx_vatoolkit import __version__
from sphinx_vatoolkit.config import (
    CONFIG_NAME,
    VaToolkitConfig,
    catalog_strings,
    fact_paths,
    field_values,
    nested_model,
    read_raw_config,
    validate_config,
)

if TYPE_CHECKING:
    from sphinx.config import Config

EXTENSION = "sphinx_vatoolkit"
PAGE = "virtual-appointments"
TOML_NAME = "vatoolkit.toml"
# The one value ``init`` leaves uncommented: the build needs nothing else, and
# ``check`` reports it until it is replaced.
PLACEHOLDER_NAME = "Your organization (edit me)"
MARKER = "# -- sphinx-vatoolkit"
# The FAQ groups of the reference article: a question of theirs that the config cannot
# answer is a problem; the added groups' questions are optional.
REFERENCE_GROUPS = ("basics", "booking", "technology")
EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


class CommandError(Exception):
    """A project the command cannot work on: reported on stderr, exit status 2."""


# -- the config skeleton, generated from the model --------------------------


def _field_at(path: str) -> FieldInfo:
    model: type[BaseModel] = VaToolkitConfig
    *groups, name = path.split(".")
    for group in groups:
        inner = nested_model(model.model_fields[group].annotation)
        assert inner is not None
        model = inner
    return model.model_fields[name]


def _is_group(info: FieldInfo) -> bool:
    """A key holding one group of keys (not a list or a mapping of them)."""
    annotation = _plain(info.annotation)
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def skeleton_paths() -> list[str]:
    """The model's key paths, as :func:`fact_paths` walks them, without the keys inside
    mappings (``infographics.files``), whose keys are the user's own."""
    paths = []
    for path in fact_paths():
        parent = path.rpartition(".")[0]
        if not parent or _is_group(_field_at(parent)):
            paths.append(path)
    return paths


def _validator_name(info: FieldInfo) -> str:
    metadata = [*info.metadata]
    candidates = [info.annotation]
    while candidates:
        candidate = candidates.pop()
        metadata.extend(getattr(candidate, "__metadata__", ()))
        candidates.extend(typing.get_args(candidate))
    for meta in metadata:
        name = getattr(getattr(meta, "func", None), "__name__", "")
        if name:
            return name
    return ""


EXAMPLES = {
    "normalize_url": "https://example.org/",
    "_validate_localized_url": "https://example.org/",
    "_validate_email": "help@example.org",
    "_validate_phone": "+1 555 0100",
    "_validate_color": "#0b5cad",
    "_validate_path": "_static/logo.svg",
    "_validate_font": "Arial",
}


def _plain(annotation: Any) -> Any:
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(arguments) == 1:
        return arguments[0]
    return annotation


def _example(info: FieldInfo) -> Any:
    """The value the skeleton shows: the default, else an example of the right type."""
    if info.default_factory is not None:
        return info.default_factory()  # type: ignore[call-arg]
    if info.default is not None and info.default is not PydanticUndefined:
        return info.default
    annotation = _plain(info.annotation)
    validator = _validator_name(info)
    if validator in EXAMPLES:
        return EXAMPLES[validator]
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)[0]
    if annotation is bool:
        return False
    if annotation is int:
        return 10
    if typing.get_origin(annotation) is list:
        item = nested_model(annotation)
        if item is not None:
            return [{name: _example(inner) for name, inner in item.model_fields.items()}]
        return ["..."]
    return "..."


def _comment(path: str, info: FieldInfo) -> str:
    words = []
    if _is_group(info):
        model = nested_model(info.annotation)
        if model is not None and model.__doc__:
            words.append(" ".join(model.__doc__.split()))
    if info.description:
        words.append(info.description)
    annotation = _plain(info.annotation)
    if typing.get_origin(annotation) is typing.Literal:
        words.append("One of: " + ", ".join(json.dumps(a) for a in typing.get_args(annotation)))
    if path == "organization.name":
        words.append("Replace the placeholder with your organization's name.")
    return " ".join(words).replace("``", "`")


def _python_value(value: Any) -> str:
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_python_value(item) for item in value) + "]"
    if isinstance(value, dict):
        items = (f"{_python_value(key)}: {_python_value(item)}" for key, item in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{_toml_key(key)} = {_toml_value(item)}" for key, item in value.items())
        return "{ " + ", ".join(items) + " }"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _is_active(path: str) -> bool:
    # The platform is written out, so the pages never describe one nobody chose.
    return path in ("organization", "organization.name", "platform", "platform.preset")


def _wrapped(prefix: str, text: str) -> list[str]:
    if not text:
        return []
    return textwrap.wrap(
        text, width=max(88 - len(prefix), 40), initial_indent=prefix, subsequent_indent=prefix
    )


def python_skeleton() -> str:
    """The ``vatoolkit = {...}`` block ``init`` appends to ``conf.py``: every key, each
    with its meaning; all commented out but ``organization.name`` and ``platform.preset``."""
    lines = [f"{CONFIG_NAME} = {{"]
    open_groups: list[tuple[str, int | None]] = []  # (path, depth its comment starts at)

    def prefix(depth: int, commented_from: int | None) -> str:
        if commented_from is None:
            return "    " * (depth + 1)
        return "    " * (commented_from + 1) + "# " + "    " * (depth - commented_from)

    def close_until(path: str) -> None:
        while open_groups and not path.startswith(open_groups[-1][0] + "."):
            group, commented_from = open_groups.pop()
            lines.append(prefix(group.count("."), commented_from) + "},")

    for path in skeleton_paths():
        close_until(path)
        depth = path.count(".")
        commented_from = open_groups[-1][1] if open_groups else None
        if commented_from is None and not _is_active(path):
            commented_from = depth
        info = _field_at(path)
        name = path.rpartition(".")[2]
        lines.extend(_wrapped(prefix(depth, commented_from) + "# ", _comment(path, info)))
        if _is_group(info):
            lines.append(prefix(depth, commented_from) + f'"{name}": {{')
            open_groups.append((path, commented_from))
        else:
            value = PLACEHOLDER_NAME if path == "organization.name" else _example(info)
            lines.append(prefix(depth, commented_from) + f'"{name}": {_python_value(value)},')
    close_until("")
    lines.append("}")
    return "\n".join(lines) + "\n"


def toml_skeleton() -> str:
    """``vatoolkit.toml``: the same keys and comments as :func:`python_skeleton`."""
    tables: dict[str, list[str]] = {"": []}
    for path in skeleton_paths():
        parent = path.rpartition(".")[0]
        if _is_group(_field_at(path)):
            tables[path] = []
        tables[parent].append(path)
    lines = [
        "# The organization config of sphinx-vatoolkit, read by conf.py's",
        f'# {CONFIG_NAME} = "{TOML_NAME}". Every key, with its meaning: uncomment and fill',
        "# in the ones you need. Text may also be a table of languages: { en = ..., es = ... }.",
    ]
    for table, paths in tables.items():
        leaves = [path for path in paths if path not in tables]
        if table:
            commented = "" if _is_active(table) else "# "
            lines.append("")
            lines.extend(_wrapped("# ", _comment(table, _field_at(table))))
            lines.append(f"{commented}[{table}]")
        for path in leaves:
            info = _field_at(path)
            value = PLACEHOLDER_NAME if path == "organization.name" else _example(info)
            commented = "" if _is_active(path) else "# "
            lines.extend(_wrapped("# ", _comment(path, info)))
            lines.append(f"{commented}{_toml_key(path.rpartition('.')[2])} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


# -- init -------------------------------------------------------------------


def _read_config(confdir: Path) -> Any:
    """``conf.py`` read as Sphinx reads it, without an application."""
    from sphinx.config import Config
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    if not (confdir / "conf.py").is_file():
        raise CommandError(
            f"{confdir}: no conf.py here; give the source directory of a Sphinx project "
            "(sphinx-quickstart makes one)"
        )
    try:
        config = Config.read(confdir, overrides={}, tags=Tags())
    except ConfigError as exc:
        raise CommandError(f"{confdir / 'conf.py'}: cannot be read: {exc}") from None
    config.add(CONFIG_NAME, None, "", types=frozenset({dict, str, type(None)}))
    add_application_values(config)
    return config


def add_application_values(config: Config) -> None:
    """The values Sphinx's gettext machinery and HTML builder register when an
    application starts, so that a config read without one (``check``) reads the
    organization catalogs and the published address as a build does."""
    for name, default, kinds in (
        ("gettext_auto_build", True, frozenset({bool})),
        ("gettext_allow_fuzzy_translations", False, frozenset({bool})),
        ("html_baseurl", "", frozenset({str})),
    ):
        if name not in config:
            config.add(name, default, "env", types=kinds)


def run_init(arguments: argparse.Namespace) -> int:
    from sphinx_vatoolkit.command.init import run_init as run

    return run(arguments)


# -- check ------------------------------------------------------------------


@dataclass
class Problem:
    kind: str  # config, placeholder, missing, question, url, translation, contrast
    message: str
    language: str | None = None
    key: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "language": self.language,
            "key": self.key,
            "message": self.message,
        }


class _Collect(logging.Handler):
    """Sphinx's loggers, without an application: keep what they say as problems."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collected() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("sphinx")
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def url_values(model: BaseModel) -> Iterator[tuple[str, str | dict[str, str]]]:
    """``(key path, value)`` of every URL in the validated config."""
    for path, value, info, value_type in field_values(model):
        if value is not None and _is_url(info if value_type is None else value_type):
            yield path, value


def _is_url(annotation: Any) -> bool:
    """Whether a field (or a mapping's value type) holds a URL or a URL per language."""
    if isinstance(annotation, FieldInfo):
        metadata = [*annotation.metadata, *getattr(annotation.annotation, "__metadata__", ())]
        metadata += [
            m
            for a in typing.get_args(annotation.annotation)
            for m in getattr(a, "__metadata__", ())
        ]
    else:
        metadata = list(getattr(annotation, "__metadata__", ()))
    names = {getattr(getattr(meta, "func", None), "__name__", "") for meta in metadata}
    return bool(names & {"normalize_url", "_validate_localized_url"})


def _absolute(url: str) -> bool:
    return re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", url) is not None


def check_project(srcdir: Path) -> dict[str, Any]:
    """What ``check`` reports, as a JSON-ready dict."""
    from sphinx_vatoolkit.brand import TEXT_CONTRAST as MINIMUM
    from sphinx_vatoolkit.brand import WHITE, contrast_ratio
    from sphinx_vatoolkit.facts import Facts
    from sphinx_vatoolkit.faq import questions
    from sphinx_vatoolkit.i18n import load_organization_translator, pick_language
    from sphinx_vatoolkit.languages import published_base_url
    from sphinx_vatoolkit.state import NAMES_KEPT_AS_WRITTEN, platform_not_chosen

    config = _read_config(srcdir)
    problems: list[Problem] = []
    if EXTENSION not in config.extensions:
        problems.append(Problem("config", f"conf.py: {EXTENSION} is not in extensions"))
    value = config[CONFIG_NAME]
    if value is None:
        problems.append(Problem("config", f"conf.py does not set {CONFIG_NAME}"))
    raw, where, messages = read_raw_config(value, srcdir)
    problems.extend(Problem("config", message) for message in messages)
    model, reported = validate_config(raw, where)
    problems.extend(Problem("config", f"{level}: {message}") for level, message in reported)
    unchosen = platform_not_chosen(model)
    if unchosen is not None:
        problems.append(Problem("missing", unchosen, key="platform"))
    if model.organization.name == PLACEHOLDER_NAME:
        problems.append(
            Problem(
                "placeholder",
                f"organization.name is still the placeholder {PLACEHOLDER_NAME!r}",
                key="organization.name",
            )
        )
    primary = model.brand.primary_color
    if primary is not None and contrast_ratio(primary, WHITE) < MINIMUM:
        problems.append(
            Problem(
                "contrast",
                f"brand.primary_color: {primary} has a contrast of "
                f"{contrast_ratio(primary, WHITE):.2f}:1 against white, below the {MINIMUM}:1 "
                "WCAG 2.1 AA needs for text",
                key="brand.primary_color",
            )
        )
    published = published_base_url(config)
    source_language = config.language or "en"
    languages = list(model.languages) or [source_language]
    texts = catalog_strings(model)
    report: dict[str, Any] = {}
    for language in languages:
        config.language = language
        with _collected() as collected:
            translator = load_organization_translator(config, srcdir)
        problems.extend(Problem("translation", m, language) for m in collected.messages)
        facts = Facts(model, language, config.project, translator=translator)
        answerable, unanswered = [], []
        for question in questions():
            if question.answerable(facts):
                answerable.append({"key": question.key, "title": question.title})
                continue
            missing = [key for key in question.facts if not facts.has(key)]
            required = question.group in REFERENCE_GROUPS
            unanswered.append(
                {
                    "key": question.key,
                    "title": question.title,
                    "missing": missing,
                    "required": required,
                }
            )
            if required:
                problems.append(
                    Problem(
                        "question",
                        f"cannot answer {question.key!r} ({question.title}): set one of "
                        + ", ".join(f"{CONFIG_NAME}.{key}" for key in missing),
                        language,
                        missing[0] if missing else None,
                    )
                )
        relative = []
        for key, url in url_values(model):
            shown = str(pick_language(url, language)) if isinstance(url, dict) and url else url
            if key.startswith("languages.") and published:
                continue  # read against html_baseurl or Read the Docs' address
            if isinstance(shown, str) and not _absolute(shown):
                relative.append({"key": key, "url": shown})
                # A URL per language is a problem of that language; a plain one, of all.
                message = f"{key}: {shown!r} is not an absolute URL"
                if key.startswith("languages."):
                    message += (
                        ", and the build has no published address to read it against: set "
                        "html_baseurl (Read the Docs gives one itself)"
                    )
                if isinstance(url, dict):
                    problems.append(Problem("url", message, language, key))
                elif language == languages[0]:
                    problems.append(Problem("url", message, None, key))
        untranslated = []
        if language.split("_")[0] != source_language.split("_")[0]:
            for key, text in texts:
                # A name reads the same untranslated: the build does not warn for it.
                if text not in translator.translated and key not in NAMES_KEPT_AS_WRITTEN:
                    untranslated.append({"key": key, "text": text})
                    problems.append(
                        Problem(
                            "translation",
                            f"{key}: {text[:60]!r} has no translation in the {CONFIG_NAME} catalog",
                            language,
                            key,
                        )
                    )
        report[language] = {
            "answerable": answerable,
            "unanswered": unanswered,
            "relative_urls": relative,
            "untranslated": untranslated,
        }
    return {
        "srcdir": str(srcdir),
        "ok": not problems,
        "languages": report,
        "problems": [problem.as_dict() for problem in problems],
    }


def _print_report(result: dict[str, Any]) -> None:
    for language, found in result["languages"].items():
        print(f"== {language}")
        print(f"Answers {len(found['answerable'])} questions:")
        for item in found["answerable"]:
            print(f"  {item['key']}: {item['title']}")
        if found["unanswered"]:
            print("Cannot answer (set one of these to answer):")
            for item in found["unanswered"]:
                flag = "" if item["required"] else " (optional)"
                print(f"  {item['key']}{flag}: {', '.join(item['missing']) or '-'}")
        for item in found["relative_urls"]:
            print(f"Not an absolute URL: {item['key']} = {item['url']!r}")
        if found["untranslated"]:
            print(f"Organization texts without a translation: {len(found['untranslated'])}")
            for item in found["untranslated"]:
                print(f"  {item['key']}: {item['text'][:60]!r}")
        print()
    if result["problems"]:
        print(f"{len(result['problems'])} problem(s):", file=_stderr())
        for problem in result["problems"]:
            where = f"[{problem['language']}] " if problem["language"] else ""
            print(f"  {where}{problem['message']}", file=_stderr())
    else:
        print("No problems found.")


def _json_for(stream: Any, result: dict[str, Any]) -> str:
    """The report as JSON, with ``\\u`` escapes where ``stream``'s encoding lacks a
    character (JSON reads them back as the same text)."""
    text = json.dumps(result, indent=2, ensure_ascii=False)
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return json.dumps(result, indent=2, ensure_ascii=True)
    return text


def run_check(arguments: argparse.Namespace) -> int:
    result = check_project(Path(arguments.sourcedir).resolve())
    if arguments.json:
        print(_json_for(sys.stdout, result))
    else:
        _print_report(result)
    return EXIT_OK if result["ok"] else EXIT_PROBLEMS


# -- the command --------------------------------------------------------------


def _stderr() -> Any:
    return sys.stderr


def get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-vatoolkit",
        usage="%(prog)s [OPTIONS] COMMAND [SOURCEDIR]",
        description=(
            "Set up sphinx-vatoolkit in a Sphinx project and check the organization facts "
            "its virtual appointment pages are written from."
        ),
        epilog="For more information, visit the project's documentation (the 'Command' page).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    init = commands.add_parser(
        "init",
        prog="sphinx-vatoolkit init",
        usage="%(prog)s [OPTIONS] [SOURCEDIR]",
        help="add the extension, a config skeleton and the toolkit page to a project",
        description=(
            "Add sphinx-vatoolkit to an existing Sphinx project: the extension and a "
            "commented config skeleton (every key, with its meaning) in conf.py, the page "
            f"{PAGE}.rst with the va-toolkit directive, and its toctree entry in the root "
            "document. Nothing that exists is overwritten; running it again changes nothing."
        ),
    )
    init.add_argument(
        "sourcedir",
        nargs="?",
        default=".",
        metavar="SOURCEDIR",
        help="the project's source directory, holding conf.py (default: .)",
    )
    init.add_argument(
        "--toml",
        action="store_true",
        help=f"write the skeleton to {TOML_NAME} beside conf.py, and point "
        f'conf.py to it ({CONFIG_NAME} = "{TOML_NAME}")',
    )
    init.set_defaults(run=run_init)
    check = commands.add_parser(
        "check",
        prog="sphinx-vatoolkit check",
        usage="%(prog)s [OPTIONS] [SOURCEDIR]",
        help="report what the config answers and what is missing, without building",
        description=(
            "Read the project's configuration without building and report, per language, "
            "the FAQ questions the config answers, the facts missing for the rest, URLs "
            "that are not absolute, organization texts without a translation and brand "
            "colours too light for text. Exit status 1 when there are problems."
        ),
    )
    check.add_argument(
        "sourcedir",
        nargs="?",
        default=".",
        metavar="SOURCEDIR",
        help="the project's source directory, holding conf.py (default: .)",
    )
    check.add_argument("--json", action="store_true", help="write the report as JSON")
    check.set_defaults(run=run_check)
    return parser


@contextmanager
def _output_that_cannot_fail() -> Iterator[None]:
    """stdout and stderr write what their encoding lacks as escapes (an organization
    name with accents on an ASCII terminal or pipe), never fail on it."""
    restore = []
    for stream in (sys.stdout, sys.stderr):
        errors = getattr(stream, "errors", None)
        if errors in (None, "strict") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (AttributeError, ValueError, OSError):  # a stream of another kind
                continue
            restore.append((stream, errors or "strict"))
    try:
        yield
    finally:
        for stream, errors in restore:
            with suppress(ValueError, OSError):  # closed meanwhile
                stream.reconfigure(errors=errors)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = get_parser().parse_args(argv)
    with _output_that_cannot_fail():
        try:
            return int(arguments.run(arguments))
        except CommandError as exc:
            print(f"error: {exc}", file=_stderr())
            return EXIT_UNREADABLE
