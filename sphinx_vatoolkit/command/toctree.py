"""The toctrees of a root document, found by parsing it as Sphinx would, never by text
search: a ``.. toctree::`` shown in a literal block, a ``code-block`` or a MyST code
fence is text, not a toctree, and ``init`` must not add its page there.

reStructuredText is parsed by docutils with a recording ``toctree`` directive (file
insertion and ``raw`` off, no message printed); directives docutils does not know are
opaque, so a toctree inside one is not found and ``init`` asks the user to add the page.
MyST is parsed by myst-parser's markdown-it tokens, or, without myst-parser, by a scan
that knows code fences.
"""

from __future__ import annotations

import fnmatch
import io
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

OPTIONS = (
    "caption",
    "class",
    "glob",
    "hidden",
    "includehidden",
    "maxdepth",
    "name",
    "numbered",
    "reversed",
    "titlesonly",
)


BOOKKEEPING = (
    "note_anonymous_target",
    "note_autofootnote",
    "note_autofootnote_ref",
    "note_citation",
    "note_citation_ref",
    "note_explicit_target",
    "note_footnote",
    "note_footnote_ref",
    "note_implicit_target",
    "note_indirect_target",
    "note_refid",
    "note_refname",
    "note_substitution_def",
    "note_substitution_ref",
    "note_symbol_footnote",
    "note_symbol_footnote_ref",
)


def _ignore(*arguments: object, **options: object) -> None:
    return None


@dataclass
class Toctree:
    """One toctree of the document: where a new entry goes and what it lists."""

    insert_at: int  # index, in the document's lines, of the line the entry goes before
    indent: str
    blank_before: bool  # only options so far: entries come after a blank line
    entries: list[str] = field(default_factory=list)
    glob: bool = False


def split_lines(text: str, pattern: str) -> list[str]:
    """``text`` cut into lines (each with its line break) where ``pattern`` matches."""
    lines = [piece for piece in re.split(f"({pattern})", text)]
    joined = [
        lines[index] + (lines[index + 1] if index + 1 < len(lines) else "")
        for index in range(0, len(lines), 2)
    ]
    return [line for line in joined if line]


def _rst_lines(text: str) -> list[str]:
    # docutils turns \v and \f into spaces, then cuts with str.splitlines: the same lines.
    converted = re.sub("[\v\f]", " ", text)
    lengths = [len(line) for line in converted.splitlines(keepends=True)]
    lines, start = [], 0
    for length in lengths:
        lines.append(text[start : start + length])
        start += length
    return lines


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def rst_toctrees(text: str) -> tuple[list[str], list[Toctree]]:
    """The document's lines and its toctrees, in document order."""
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Directive, Parser, directives
    from docutils.utils import new_reporter
    from sphinx.util.docutils import docutils_namespace

    lines = _rst_lines(text)
    found: list[Toctree] = []

    class _AnyOption(dict[str, Any]):
        def __missing__(self, key: str) -> Any:
            return directives.unchanged

    class RecordedToctree(Directive):
        has_content = True
        option_spec = _AnyOption((name, directives.unchanged) for name in OPTIONS)

        def run(self) -> list[Any]:
            start = self.lineno - 1  # the directive's line, 0-based
            if not 0 <= start < len(lines):
                return []
            content = [
                (offset, line)
                for (_, offset), line in zip(self.content.items, self.content, strict=True)
                if line.strip()
            ]
            entries = [line.strip() for _, line in content]
            if content and 0 <= content[-1][0] < len(lines):
                first, last = content[0][0], content[-1][0]
                toctree = Toctree(last + 1, _indent_of(lines[first]), False, entries)
            else:
                block = self.block_text.rstrip().splitlines()
                last = start + len(block) - 1
                if not start <= last < len(lines):
                    return []
                indent = _indent_of(lines[start]) + "   "
                if last > start:
                    indent = _indent_of(lines[start + 1])
                toctree = Toctree(last + 1, indent, True, entries)
            toctree.glob = "glob" in self.options
            found.append(toctree)
            return []

    class Only(Directive):
        """Sphinx's ``only``: its content is the document's, whatever the builder."""

        has_content = True
        required_arguments = 1
        final_argument_whitespace = True

        def run(self) -> list[Any]:
            from docutils import nodes

            node = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, node)
            return [node]

    settings = get_default_settings(Parser)  # type: ignore[arg-type]
    settings.report_level = 5
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    with docutils_namespace():
        directives.register_directive("toctree", RecordedToctree)
        directives.register_directive("only", Only)
        # Names, targets and references are not needed to find a toctree, and docutils'
        # bookkeeping of repeated names is quadratic: skipped, the parse is linear.
        unindexed = type(
            "UnindexedDocument", (nodes.document,), dict.fromkeys(BOOKKEEPING, _ignore)
        )
        source = "<root document>"
        document = unindexed(settings, new_reporter(source, settings), source=source)
        Parser().parse(text, document)
    return lines, found


def _myst_tokens(text: str, extensions: Iterable[str]) -> list[Any] | None:
    """myst-parser's block tokens of ``text``; None without myst-parser."""
    try:
        from markdown_it.renderer import RendererHTML
        from myst_parser.config.main import MdParserConfig
        from myst_parser.parsers.mdit import create_md_parser
    except ImportError:
        return None
    try:
        config = MdParserConfig(enable_extensions=set(extensions))
    except (TypeError, ValueError):  # a name this myst-parser does not know
        config = MdParserConfig()
    parser = create_md_parser(config, RendererHTML)
    return list(parser.parse(text))


_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<markup>`{3,}|~{3,}|:{3,})(?P<info>.*)$")


def _scanned_fences(lines: list[str], colon: bool) -> Iterable[tuple[int, int, str, str]]:
    """``(opening line, closing line, markup, info)`` of each top-level fence (the
    closing line is len(lines) when it is missing): the fallback without myst-parser."""
    number = 0
    while number < len(lines):
        match = _FENCE.match(lines[number].rstrip("\r\n"))
        if match is None or (match.group("markup")[0] == ":" and not colon):
            number += 1
            continue
        markup = match.group("markup")
        close = number + 1
        while close < len(lines):
            line = lines[close].rstrip("\r\n").strip()
            if line and set(line) == {markup[0]} and len(line) >= len(markup):
                break
            close += 1
        yield number, close, markup, match.group("info")
        number = close + 1


def myst_toctrees(text: str, extensions: Iterable[str]) -> tuple[list[str], list[Toctree]]:
    """The document's lines and its toctrees: top-level ``{toctree}`` fences."""
    lines = split_lines(text, r"\r\n|\r|\n")
    extensions = set(extensions)
    tokens = _myst_tokens(text, extensions)
    fences: list[tuple[int, int, str, str]] = []
    if tokens is None:
        fences = list(_scanned_fences(lines, "colon_fence" in extensions))
    else:
        for token in tokens:
            if token.type in ("fence", "colon_fence") and token.map:
                fences.append((token.map[0], token.map[1] - 1, token.markup, token.info))
    found = []
    for opening, closing, markup, info in fences:
        if not re.fullmatch(r"\s*\{toctree\}.*", info, re.DOTALL):
            continue
        if closing <= opening or closing >= len(lines):
            continue  # not closed: no place to add to
        closing_line = lines[closing].strip()
        if not closing_line or set(closing_line) != {markup[0]}:
            continue
        prefix = lines[opening][: lines[opening].find(markup)]
        if prefix.strip():  # in a block quote: left to the user
            continue
        content = [line.strip() for line in lines[opening + 1 : closing] if line.strip()]
        entries, options = [], True
        for line in content:
            if options and (line.startswith(":") or line == "---"):
                continue
            options = False
            entries.append(line)
        blank_before = bool(content) and not entries and content[-1].startswith(":")
        toctree = Toctree(closing, prefix, blank_before, entries)
        toctree.glob = any(line.startswith(":glob:") or line == "glob: true" for line in content)
        found.append(toctree)
    return lines, found


def _target(entry: str) -> str:
    """The document an entry names: ``Title <doc>`` names ``doc``."""
    match = re.fullmatch(r".*<(?P<target>[^<>]+)>", entry)
    return match.group("target").strip() if match else entry


def lists(toctrees: Iterable[Toctree], docname: str, root_doc: str) -> bool:
    """Whether one of the toctrees already lists the document ``docname``."""
    base = posixpath.dirname(root_doc)
    for toctree in toctrees:
        for entry in toctree.entries:
            target = _target(entry)
            for suffix in (".rst", ".md"):
                target = target.removesuffix(suffix)
            name = target[1:] if target.startswith("/") else posixpath.join(base, target)
            name = posixpath.normpath(name)
            if name == docname or (toctree.glob and fnmatch.fnmatchcase(docname, name)):
                return True
    return False


def add_entry(lines: list[str], toctree: Toctree, entry: str) -> str:
    """The document with ``entry`` added at the end of the toctree."""
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    lines = list(lines)
    before = toctree.insert_at
    if before > 0 and not lines[before - 1].endswith(("\n", "\r")):
        lines[before - 1] += newline
    addition = f"{toctree.indent}{entry}{newline}"
    if toctree.blank_before:
        addition = newline + addition
    lines.insert(before, addition)
    return "".join(lines)
