"""Small pieces the answers of every group share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_vatoolkit import content
from sphinx_vatoolkit.content import paragraph
from sphinx_vatoolkit.i18n import _

if TYPE_CHECKING:
    from sphinx_vatoolkit.facts import Facts


def plain_paragraph(text: str) -> nodes.paragraph:
    """A paragraph of a translated sentence (the organization's own text is a
    :func:`~sphinx_vatoolkit.content.fact_paragraph`)."""
    return nodes.paragraph(text, text)


def contact_us(facts: Facts) -> list[nodes.Node] | str:
    """How to reach support, to fill a ``{contact}`` placeholder."""
    return facts.support_contact() or _("contact us")


def portal_sentence(facts: Facts) -> nodes.paragraph:
    portal = facts.model.technology.portal
    assert portal is not None
    name = facts.text(portal.name)
    portal_ref: nodes.Node = (
        content.link(portal.url, name) if portal.url else content.fact_text(name)
    )
    return paragraph(
        _("{portal} is connected to {platform}: you can also join your appointment from there."),
        portal=portal_ref,
        platform=facts.platform_name,
    )


def privacy_policy_sentence(url: str) -> nodes.paragraph:
    return paragraph(
        _("Read our {policy} to learn how we protect your information."),
        policy=content.link(url, _("privacy policy")),
    )
