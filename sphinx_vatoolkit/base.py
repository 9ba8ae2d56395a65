"""The shared directive base: options, facts, usage tracking and error reporting."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_vatoolkit import content
from sphinx_vatoolkit.facts import MODES, Facts
from sphinx_vatoolkit.report import did_you_mean, warn
from sphinx_vatoolkit.state import vatoolkit_domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


class UnknownOption(str):
    """The value of an option the directive does not know, reported in ``run``."""


class OptionSpec(dict[str, Callable[[str | None], Any]]):
    """Accept unknown options so they can be reported with a suggestion."""

    def __missing__(self, key: str) -> Callable[[str | None], Any]:
        return lambda value: UnknownOption(value or "")


def note_usage(env: BuildEnvironment, facts: Iterable[Facts]) -> None:
    """Remember that the page uses the toolkit, and whether it shows catalog text."""
    vatoolkit_domain(env).note_page(
        env.docname, shows_catalog_text=any(item.used_catalog for item in facts)
    )


class VaDirective(SphinxDirective):
    """Base of every vatoolkit directive."""

    option_spec: ClassVar[dict[str, Callable[[str | None], Any]]] = OptionSpec(  # type: ignore[misc,assignment]
        {"mode": str}
    )

    def run(self) -> list[nodes.Node]:
        self._report_unknown_options()
        self._all_facts: list[Facts] = []
        result = self.build()
        note_usage(self.env, self._all_facts)
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
                self.warn(
                    f"{self.name}: unknown option {name!r}{did_you_mean(name, known)} "
                    f"(options: {', '.join(known)})"
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
            self.warn(
                f"{self.name}: option :{option}: has the unknown name {name!r}"
                f"{did_you_mean(name, known)} (known: {', '.join(known)})"
            )
        return chosen

    @property
    def mode(self) -> str:
        return self.choice("mode", MODES, "client")

    # -- facts ----------------------------------------------------------------

    def facts(self, mode: str | None = None) -> Facts:
        facts = Facts.for_env(self.env, (self.env.docname, self.lineno), mode or self.mode)
        self._all_facts.append(facts)
        return facts

    def section(self, base_id: str, title: str) -> nodes.section:
        new_section = content.section(self.state.document, base_id, title)
        self.set_source_info(new_section)
        content.mark_generated([new_section])
        return new_section
