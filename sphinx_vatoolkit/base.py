"""The shared directive base: options, facts, usage tracking and error reporting."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_vatoolkit import content
from sphinx_vatoolkit.facts import MODES, Facts
from sphinx_vatoolkit.report import did_you_mean, warn
from sphinx_vatoolkit.state import vatoolkit_domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


Converter = Callable[[str | None], Any]


class UnknownOption(str):
    """The value of an option the directive does not know, reported in ``run``."""


@dataclass(frozen=True)
class InvalidOption:
    """An option value outside its choices: reported in ``run``, where the directive's
    location and name are known, then replaced by what can still be used."""

    problems: tuple[str, ...]
    usable: Any = None  # None: the option is dropped and its default applies


class OptionSpec(dict[str, Converter]):
    """Accept unknown options so they can be reported with a suggestion."""

    def __missing__(self, key: str) -> Converter:
        return lambda value: UnknownOption(value or "")


def choice(*allowed: str) -> Converter:
    """An option taking one of ``allowed`` (any case)."""

    def convert(value: str | None) -> str | InvalidOption:
        word = (value or "").strip().lower()
        if word in allowed:
            return word
        expected = ", ".join(repr(name) for name in allowed)
        return InvalidOption((f"is {word!r}; expected one of {expected}, so the default is used",))

    return convert


def names(*allowed: str) -> Converter:
    """An option taking a comma- or space-separated list of ``allowed`` names."""

    def convert(value: str | None) -> list[str] | InvalidOption:
        chosen: list[str] = []
        problems = []
        for name in (value or "").replace(",", " ").lower().split():
            if name not in allowed:
                problems.append(
                    f"has the unknown name {name!r}{did_you_mean(name, allowed)} "
                    f"(known: {', '.join(allowed)})"
                )
            elif name not in chosen:
                chosen.append(name)
        return InvalidOption(tuple(problems), chosen) if problems else chosen

    return convert


MODE_OPTION: dict[str, Converter] = {"mode": choice(*MODES)}


def note_usage(env: BuildEnvironment, facts: Iterable[Facts]) -> None:
    """Remember that the page uses the toolkit, and whether it shows catalog text."""
    vatoolkit_domain(env).note_page(
        env.docname, shows_catalog_text=any(item.used_catalog for item in facts)
    )


class VaDirective(SphinxDirective):
    """Base of every vatoolkit directive."""

    option_spec: ClassVar[dict[str, Converter]] = OptionSpec(MODE_OPTION)  # type: ignore[misc,assignment]

    def run(self) -> list[nodes.Node]:
        self._report_option_problems()
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

    def _report_option_problems(self) -> None:
        for name, value in list(self.options.items()):
            if isinstance(value, UnknownOption):
                del self.options[name]
                known = sorted(self.option_spec)
                self.warn(
                    f"{self.name}: unknown option {name!r}{did_you_mean(name, known)} "
                    f"(options: {', '.join(known)})"
                )
            elif isinstance(value, InvalidOption):
                for problem in value.problems:
                    self.warn(f"{self.name}: option :{name}: {problem}")
                if value.usable is None:
                    del self.options[name]
                else:
                    self.options[name] = value.usable

    def warn(self, message: str, subtype: str = "directive") -> None:
        warn(message, subtype, self.get_location())

    def choice(self, option: str, default: str) -> str:
        """The value of a ``choice()`` option, already checked."""
        return str(self.options.get(option, default))

    def name_list(self, option: str, default: Sequence[str]) -> list[str]:
        """The names of a ``names()`` option, already checked."""
        return list(self.options.get(option, default))

    @property
    def mode(self) -> str:
        return self.choice("mode", "client")

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
