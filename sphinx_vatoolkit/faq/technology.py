"""Technology: the equipment needed and how to join."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_vatoolkit import content
from sphinx_vatoolkit.content import paragraph
from sphinx_vatoolkit.faq.answers import plain_paragraph, portal_sentence
from sphinx_vatoolkit.faq.registry import Shown, question
from sphinx_vatoolkit.i18n import _

if TYPE_CHECKING:
    from sphinx_vatoolkit.facts import Facts


@question(
    "equipment",
    group="technology",
    title=_("What equipment do I need for a virtual appointment?"),
    guide=_(
        "Say that {audience} can join from a web browser or the app, and list anything you "
        "require or recommend, such as a webcam, a headset or a minimum connection "
        "speed. If your portal for {audience} is integrated with the platform, say that they can "
        "join from it."
    ),
    facts=(
        "technology.equipment",
        "technology.recommended",
        "technology.bandwidth",
        "technology.browsers",
        "technology.portal",
    ),
    shown=Shown.ALWAYS,
)
def equipment(facts: Facts) -> list[nodes.Node]:
    technology = facts.model.technology
    platform = facts.platform
    join = {
        "browser": _("You can join from a web browser on a computer, phone or tablet."),
        "app": _("You join with the {platform} app on a computer, phone or tablet."),
        "browser-or-app": _(
            "You can join from a web browser on a computer, phone or tablet, or with the "
            "{platform} app."
        ),
    }[platform.join]
    result: list[nodes.Node] = [paragraph(join, platform=facts.platform_name)]
    if technology.equipment:
        result.append(plain_paragraph(_("You will need:")))
        result.append(content.bullet_list(facts.equipment(technology.equipment)))
    else:
        result.append(
            plain_paragraph(
                _(
                    "Your device needs a camera, a microphone, speakers or headphones, "
                    "and a stable internet connection."
                )
            )
        )
    if technology.recommended:
        result.append(plain_paragraph(_("We also recommend:")))
        result.append(content.bullet_list(facts.equipment(technology.recommended)))
    if technology.bandwidth:
        result.append(
            paragraph(
                _("An internet connection of at least {bandwidth} works best."),
                bandwidth=facts.text(technology.bandwidth),
            )
        )
    if technology.browsers:
        result.append(
            paragraph(
                _("Supported browsers: {browsers}."),
                browsers=", ".join(technology.browsers),
            )
        )
    if technology.portal is not None:
        result.append(portal_sentence(facts))
    return result


@question(
    "join",
    group="technology",
    title=_("How do I join a virtual appointment?"),
    guide=_(
        "Link to the platform's instructions for attendees, with their video and step-by-step help."
    ),
    facts=("platform.join_help_url", "technology.portal"),
    shown=Shown.ALWAYS,
)
def join(facts: Facts) -> list[nodes.Node]:
    platform = facts.platform
    result: list[nodes.Node] = [
        plain_paragraph(
            _(
                "A few minutes before your appointment, select the join link in your "
                "confirmation e-mail."
            )
        )
    ]
    if platform.join_help_url:
        result.append(
            paragraph(
                _("For step-by-step instructions and a video, see {article}."),
                article=content.link(
                    facts.url(platform.join_help_url), _("how to join a virtual appointment")
                ),
            )
        )
    if facts.model.technology.portal is not None:
        result.append(portal_sentence(facts))
    return result
