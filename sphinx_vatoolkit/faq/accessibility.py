"""Accessibility and language: captions, screen readers, interpreters, companions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_vatoolkit import content
from sphinx_vatoolkit.content import paragraph
from sphinx_vatoolkit.faq.answers import contact_us
from sphinx_vatoolkit.faq.registry import Shown, question
from sphinx_vatoolkit.i18n import _

if TYPE_CHECKING:
    from sphinx_vatoolkit.facts import Facts


def platform_has_captions(facts: Facts) -> bool:
    return facts.platform.captions


def platform_is_a_preset(facts: Facts) -> bool:
    """A preset's platform is known to work with assistive technology; a custom one may not."""
    return facts.platform.key != "custom"


@question(
    "captions",
    group="accessibility",
    title=_("Can I turn on captions?"),
    guide=_("Tell {audience} that live captions are available and how to turn them on."),
    facts=("platform.captions",),
    shown=platform_has_captions,
)
def captions(facts: Facts) -> list[nodes.Node]:
    if facts.platform.captions:
        return [
            paragraph(
                _(
                    "{platform} can show live captions of what is said during the call. "
                    "You can turn them on from the meeting controls."
                ),
                platform=facts.platform_name,
            )
        ]
    facts.missing("platform.captions")
    return [
        paragraph(
            _("If you need captions or other support during the call, {contact}."),
            contact=contact_us(facts),
        )
    ]


@question(
    "screen-readers",
    group="accessibility",
    title=_("Can I use a screen reader?"),
    guide=_(
        "Tell {audience} that the platform works with assistive technology, and how to ask "
        "for other support."
    ),
    facts=("platform",),
    shown=platform_is_a_preset,
)
def screen_readers(facts: Facts) -> list[nodes.Node]:
    return [
        paragraph(
            _(
                "{platform} works with screen readers, keyboard navigation and screen "
                "magnifiers. If you need another kind of support to take part, tell us when "
                "you book."
            ),
            platform=facts.platform_name,
        )
    ]


@question(
    "interpreters",
    group="accessibility",
    title=_("Can I have an interpreter?"),
    guide=_(
        "Explain how {audience} can ask for an interpreter, including a sign language interpreter."
    ),
    facts=("accessibility.interpreters",),
    shown=Shown.WHEN_ANY_FACT_IS_SET,
)
def interpreters(facts: Facts) -> list[nodes.Node]:
    interpreters = facts.model.accessibility.interpreters
    if interpreters:
        return [content.fact_paragraph(facts.text(interpreters))]
    facts.missing("accessibility.interpreters")
    return [
        paragraph(
            _(
                "If you need an interpreter, including a sign language interpreter, "
                "{contact} before your appointment."
            ),
            contact=contact_us(facts),
        )
    ]


@question(
    "companions",
    group="accessibility",
    title=_("Can someone join the appointment with me?"),
    guide=_("Say whether a family member, carer or guardian can join, and how."),
    facts=("accessibility.companions",),
    shown=Shown.WHEN_ANY_FACT_IS_SET,
)
def companions(facts: Facts) -> list[nodes.Node]:
    companions = facts.model.accessibility.companions
    if companions:
        return [content.fact_paragraph(facts.text(companions))]
    facts.missing("accessibility.companions")
    return [
        paragraph(
            _(
                "If you would like a family member, a carer or a guardian to join you, "
                "{contact} before your appointment."
            ),
            contact=contact_us(facts),
        )
    ]
