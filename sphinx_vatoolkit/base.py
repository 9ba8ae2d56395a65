"""The shared directive base: options, facts, usage tracking and error reporting."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_vatoolkit import content
from sphinx_vatoolkit.config import get_model
from sphinx_vatoolkit.facts import MODES, Facts
from sphinx_vatoolkit.i18n import load_organization_translator

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

USAGE_ATTRIBUTE = "vatoolkit_pages"
CATALOG_USAGE_ATTRIBUTE = "vatoolkit_catalog_pages"


class UnknownOption(str):
    """The value of an option the directive does not know, reported in ``run``."""


class OptionSpec(dict[str, Callable[[str | None], Any]]):
    """Accept unknown options so they can be reported with a suggestion."""

    def __missing__(self, key: str) -> Callable[[str | None], Any]:
        return lambda value: UnknownOption(value or "")


def pages_using_toolkit(env: BuildEnvironment) -> set[str]:
    pages: set[str] = env.__dict__.setdefault(USAGE_ATTRIBUTE, set())
    return pages


def pages_using_catalog(env: BuildEnvironment) -> set[str]:
    """Pages showing organization text that the ``vatoolkit`` catalog translates."""
    pages: set[str] = env.__dict__.setdefault(CATALOG_USAGE_ATTRIBUTE, set())
    return pages


def note_facts(env: BuildEnvironment, facts: Facts) -> None:
    if facts.used_catalog:
        pages_using_catalog(env).add(env.docname)


def warn(message: str, subtype: str, location: Any, *args: Any) -> None:
    logger.warning(message, *args, type="vatoolkit", subtype=subtype, location=location)


class VaDirective(SphinxDirective):
    """Base of every vatoolkit directive."""

    option_spec: ClassVar[dict[str, Callable[[str | None], Any]]] = OptionSpec(  # type: ignore[misc,assignment]
        {"mode": str}
    )

    def run(self) -> list[nodes.Node]:
        pages_using_toolkit(self.env).add(self.env.docname)
        self._report_unknown_options()
        self._all_facts: list[Facts] = []
        result = self.build()
        for facts in self._all_facts:
            note_facts(self.env, facts)
        for node in result:
            if isinstance(node, nodes.Element) and not node.source:
                self.set_source_info(node)
        return result

    def build(self) -> list[nodes.Node]:
        raise NotImplementedError

    # -- options --------------------------------------------------------------

    def _report_unknown_options(self) -> None:
        for name, value in list(self.options.items()):
            if isinstance(value, UnknownOption):
                del self.options[name]
                known = sorted(self.option_spec)
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self.warn(
                    f"{self.name}: unknown option {name!r}{hint} (options: {', '.join(known)})"
                )

    def warn(self, message: str, subtype: str = "directive") -> None:
        warn(message, subtype, self.get_location())

    def choice(self, option: str, allowed: Sequence[str], default: str) -> str:
        value = self.options.get(option)
        if value is None:
            return default
        value = str(value).strip().lower()
        if value in allowed:
            return value
        self.warn(
            f"{self.name}: option :{option}: is {value!r}; expected one of "
            f"{', '.join(repr(a) for a in allowed)} (using {default!r})"
        )
        return default

    def name_list(self, option: str, allowed: Iterable[str], default: Sequence[str]) -> list[str]:
        """A comma or space separated list of known names; unknown ones are reported."""
        raw = self.options.get(option)
        if raw is None:
            return list(default)
        known = list(allowed)
        chosen: list[str] = []
        for name in str(raw).replace(",", " ").split():
            name = name.strip().lower()
            if name in known:
                if name not in chosen:
                    chosen.append(name)
                continue
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.warn(
                f"{self.name}: option :{option}: has the unknown name {name!r}{hint} "
                f"(known: {', '.join(known)})"
            )
        return chosen

    @property
    def mode(self) -> str:
        return self.choice("mode", MODES, "client")

    # -- facts ----------------------------------------------------------------

    def facts(self, mode: str | None = None) -> Facts:
        facts = Facts.for_config(self.config, (self.env.docname, self.lineno), mode or self.mode)
        self._all_facts.append(facts)
        return facts

    def section(self, base_id: str, title: str) -> nodes.section:
        new_section = content.section(self.state.document, base_id, title)
        self.set_source_info(new_section)
        content.mark_generated([new_section])
        return new_section


def purge_usage(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    pages_using_toolkit(env).discard(docname)
    pages_using_catalog(env).discard(docname)


def merge_usage(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    pages_using_toolkit(env).update(pages_using_toolkit(other) & docnames)
    pages_using_catalog(env).update(pages_using_catalog(other) & docnames)


FINGERPRINT_ATTRIBUTE = "vatoolkit_fingerprint"
CATALOG_DIGEST_ATTRIBUTE = "vatoolkit_catalog_digest"


def outdated_pages(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """Re-read the pages that use the toolkit when the organization config changed."""
    translator = load_organization_translator(app.config, app.srcdir)
    fingerprint = get_model(app.config).fingerprint()
    previous = env.__dict__.get(FINGERPRINT_ATTRIBUTE)
    previous_digest = env.__dict__.get(CATALOG_DIGEST_ATTRIBUTE)
    env.__dict__[FINGERPRINT_ATTRIBUTE] = fingerprint
    env.__dict__[CATALOG_DIGEST_ATTRIBUTE] = translator.digest
    if previous is not None and previous != fingerprint:
        return sorted(pages_using_toolkit(env) - removed)
    if previous_digest is not None and previous_digest != translator.digest:
        return sorted(pages_using_catalog(env) - removed)
    return []


def setup_base(app: Sphinx) -> None:
    app.connect("env-purge-doc", purge_usage)
    app.connect("env-merge-info", merge_usage)
    app.connect("env-get-outdated", outdated_pages)
