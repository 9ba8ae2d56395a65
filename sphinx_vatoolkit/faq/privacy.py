"""Privacy: recording, who can see and hear the call, keeping it private."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_vatoolkit import content
from sphinx_vatoolkit.content import paragraph
from sphinx_vatoolkit.faq.answers import contact_us, plain_paragraph, privacy_policy_sentence
from sphinx_vatoolkit.faq.registry import Shown, question, when_any_is_set
from sphinx_vatoolkit.i18n import _

if TYPE_CHECKING:
    from sphinx_vatoolkit.facts import Facts


@question(
    "recording",
    group="privacy",
    title=_("Is my virtual appointment recorded?"),
    guide=_("Tell {audience} whether appointments are recorded and link to your privacy policy."),
    facts=("privacy.recorded", "privacy.note", "privacy.policy_url"),
    # a link to the privacy policy alone does not say whether appointments are recorded
    shown=when_any_is_set("privacy.recorded", "privacy.note"),
)
def recording(facts: Facts) -> list[nodes.Node]:
    privacy = facts.model.privacy
    result: list[nodes.Node] = []
    if privacy.recorded is False:
        result.append(plain_paragraph(_("No. We do not record virtual appointments.")))
    elif privacy.recorded is True:
        result.append(
            plain_paragraph(
                _(
                    "Some virtual appointments are recorded. When a recording starts, "
                    "everyone in the call is told."
                )
            )
        )
    if privacy.note:
        result.append(content.fact_paragraph(facts.text(privacy.note)))
    if not result:
        facts.missing("privacy.recorded")
        result.append(
            paragraph(
                _("To find out whether your appointment will be recorded, {contact}."),
                contact=contact_us(facts),
            )
        )
    if privacy.policy_url:
        result.append(privacy_policy_sentence(privacy.policy_url))
    return result


@question(
    "who-can-see",
    group="privacy",
    title=_("Who can see and hear my appointment?"),
    guide=_(
        "Explain who can join or see the appointment and how you protect the personal "
        "information of your {audience}."
    ),
    facts=("platform.lobby", "privacy.policy_url"),
    shown=Shown.ALWAYS,
)
def who_can_see(facts: Facts) -> list[nodes.Node]:
    text = (
        _(
            "Only the people invited to your appointment can join it. A staff member lets "
            "you in from the lobby, and nobody else can see or hear the call unless you or "
            "the staff member invite them."
        )
        if facts.platform.lobby
        else _(
            "Only the people invited to your appointment can join it. Nobody else can see "
            "or hear the call unless you or the staff member invite them."
        )
    )
    result: list[nodes.Node] = [plain_paragraph(text)]
    if facts.model.privacy.policy_url:
        result.append(privacy_policy_sentence(facts.model.privacy.policy_url))
    return result


@question(
    "where-to-sit",
    group="privacy",
    title=_("How can I keep the conversation private?"),
    guide=_("Give {audience} tips for keeping the conversation private at their end."),
    facts=(),
    shown=Shown.ALWAYS,
)
def where_to_sit(facts: Facts) -> list[nodes.Node]:
    return [
        plain_paragraph(
            _(
                "Sit where other people cannot see your screen or hear the call, for example "
                "in a room with the door closed. Headphones help. If you can, avoid public "
                "Wi-Fi networks."
            )
        )
    ]
