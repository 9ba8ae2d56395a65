"""The built-in questions, each declared next to its answer with ``@question``.

The registry feeds the ``va-faq`` directive (client and guide modes) and the
generated table of groups and questions in the project's docs.

Question and guide texts are given as ``_("...")`` at import time, before
``setup()`` registers the package catalog, so they are lazy translations: they are
read through :attr:`Question.title` and :attr:`Question.guide`, in the language of
the build that reads them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from sphinx_vatoolkit.i18n import _

if TYPE_CHECKING:
    from docutils import nodes

    from sphinx_vatoolkit.facts import Facts

Answer = Callable[["Facts"], list["nodes.Node"]]
ShownTest = Callable[["Facts"], bool]


class Shown(Enum):
    """When a built-in question is on by default (client mode, no ``:questions:``)."""

    ALWAYS = "always"  # its generic answer is true for every organization
    WHEN_ANY_FACT_IS_SET = "when any fact is set"  # only the config can answer it


def group_titles() -> dict[str, str]:
    return {
        "basics": _("Virtual appointment basics"),
        "booking": _("Booking an appointment"),
        "technology": _("Technology"),
        "prepare": _("Preparing for your appointment"),
        "privacy": _("Privacy"),
        "accessibility": _("Accessibility and language"),
        "troubleshooting": _("Troubleshooting"),
        "more": _("More questions"),
    }


GROUPS = tuple(group_titles())
# One module per group declares that group's questions; ``more`` holds only the page's own.
QUESTION_MODULES = tuple(group for group in GROUPS if group != "more")


@dataclass(frozen=True)
class Question:
    key: str
    group: str
    lazy_title: str  # as ``_()`` gave it at import; read it as ``title``
    lazy_guide: str  # likewise, read as ``guide``
    facts: tuple[str, ...]  # the config keys the answer is filled from
    answer: Answer
    shown: ShownTest
    # The sentence that tells staff (guide mode) which Teams Premium feature the answer
    # can mention.
    lazy_premium: str = ""

    @property
    def premium(self) -> str:
        return str(self.lazy_premium)

    @property
    def title(self) -> str:
        """The question, in the build language."""
        return str(self.lazy_title)

    @property
    def guide(self) -> str:
        """What the answer should cover (guide mode), in the build language."""
        return str(self.lazy_guide)

    def answerable(self, facts: Facts) -> bool:
        """Whether the question is on by default for this organization."""
        return self.shown(facts)


_REGISTERED: list[Question] = []


def when_any_is_set(*keys: str) -> ShownTest:
    """On by default when any of these config keys is set."""

    def any_is_set(facts: Facts) -> bool:
        return facts.has(*keys)

    return any_is_set


def _always(facts: Facts) -> bool:
    return True


def question(
    key: str,
    *,
    group: str,
    title: str,
    guide: str,
    facts: tuple[str, ...],
    shown: Shown | ShownTest,
    premium: str = "",
) -> Callable[[Answer], Answer]:
    """Register the decorated answer function as the built-in question ``key``.

    ``shown`` says when the question is on by default: :attr:`Shown.ALWAYS`,
    :attr:`Shown.WHEN_ANY_FACT_IS_SET` (any of ``facts``), or a test of its own.
    """
    if group not in GROUPS:
        raise ValueError(f"question {key!r}: unknown group {group!r}")
    if any(registered.key == key for registered in _REGISTERED):
        raise ValueError(f"question {key!r} is declared twice")
    if shown is Shown.WHEN_ANY_FACT_IS_SET and not facts:
        raise ValueError(f"question {key!r}: shown when a fact is set, but it names none")
    test: ShownTest
    if shown is Shown.ALWAYS:
        test = _always
    elif shown is Shown.WHEN_ANY_FACT_IS_SET:
        test = when_any_is_set(*facts)
    else:
        test = shown

    def register(answer: Answer) -> Answer:
        _REGISTERED.append(Question(key, group, title, guide, facts, answer, test, premium))
        return answer

    return register


def questions() -> tuple[Question, ...]:
    """Every built-in question, in the reference order, then the added groups.

    Groups come in the order of :data:`GROUPS`, questions in the order their
    module declares them.
    """
    return tuple(sorted(_REGISTERED, key=lambda registered: GROUPS.index(registered.group)))


def _load_question_modules() -> tuple[str, ...]:
    """Import every group module (each registers its questions) and return all keys.

    The group modules import ``question`` from here, so this runs at the end of this
    module; were a group module imported first, its questions would be missing.
    """
    for module in QUESTION_MODULES:
        importlib.import_module(f"{__package__}.{module}")
    unfilled = set(QUESTION_MODULES) - {registered.group for registered in _REGISTERED}
    if unfilled:
        raise ImportError(f"no questions registered for {', '.join(sorted(unfilled))}")
    return tuple(registered.key for registered in questions())


QUESTION_KEYS = _load_question_modules()
