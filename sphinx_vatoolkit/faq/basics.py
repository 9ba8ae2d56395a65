"""Virtual appointment basics: what it is, how it differs from a visit, how it works, payment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_vatoolkit import content
from sphinx_vatoolkit.content import paragraph
from sphinx_vatoolkit.faq.answers import contact_us, plain_paragraph
from sphinx_vatoolkit.faq.registry import Shown, question
from sphinx_vatoolkit.i18n import N_, _

if TYPE_CHECKING:
    from sphinx_vatoolkit.facts import Facts


@question(
    "what-is",
    group="basics",
    title=_("What is a virtual appointment?"),
    guide=_(
        "Explain that a virtual appointment is an online, one-to-one meeting with a staff "
        "member over your video platform, much like an in-person visit."
    ),
    facts=("organization.name", "platform"),
    shown=Shown.ALWAYS,
)
def what_is(facts: Facts) -> list[nodes.Node]:
    return [
        paragraph(
            facts.organization_sentence(
                N_(
                    "A virtual appointment is an online appointment with {org}, held over "
                    "{platform}. You speak one-to-one with one of our staff members by video, "
                    "just as you would at an in-person visit."
                )
            ),
            platform=facts.platform_name,
            **facts.organization_forms(),
        )
    ]


@question(
    "differences",
    group="basics",
    title=_("How are virtual appointments different from in-person visits?"),
    guide=_(
        "Tell {audience} which services you offer virtually and in person, and whether fees "
        "differ between the two."
    ),
    facts=("services.differences", "services.fees"),
    shown=Shown.WHEN_ANY_FACT_IS_SET,
)
def differences(facts: Facts) -> list[nodes.Node]:
    services = facts.model.services
    result: list[nodes.Node] = []
    if services.differences:
        result.append(content.fact_paragraph(facts.text(services.differences)))
    if services.fees:
        result.append(content.fact_paragraph(facts.text(services.fees)))
    if not result:
        facts.missing("services.differences", "services.fees")
        result.append(
            plain_paragraph(
                _(
                    "Some services need an in-person visit. If you are not sure whether a "
                    "virtual appointment suits your needs, contact us before you book."
                )
            )
        )
    return result


@question(
    "how-it-works",
    group="basics",
    title=_("How does a virtual appointment work?"),
    guide=_(
        "Walk {audience} through the steps: the confirmation e-mail with the link, the "
        "virtual lobby and the one-to-one video call with a staff member."
    ),
    facts=("platform.lobby",),
    shown=Shown.ALWAYS,
)
def how_it_works(facts: Facts) -> list[nodes.Node]:
    platform = facts.platform
    steps = [
        _("You book your appointment and receive a confirmation e-mail with a link to join."),
        _("At the time of your appointment, you select the link in the e-mail."),
    ]
    if platform.lobby:
        steps.append(
            _("You wait in a virtual lobby, a waiting room, until a staff member lets you in.")
        )
        steps.append(_("You then meet the staff member one-to-one in a private video call."))
    else:
        steps.append(_("You join a private, one-to-one video call with a member of our staff."))
    listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for step in steps:
        listing += nodes.list_item("", plain_paragraph(step))
    return [listing]


@question(
    "payment",
    group="basics",
    title=_("How does payment work for virtual appointments?"),
    guide=_(
        "List the payment methods you accept for virtual appointments and say when and "
        "how {audience} pay."
    ),
    facts=("payment.methods", "payment.when", "payment.note"),
    shown=Shown.WHEN_ANY_FACT_IS_SET,
)
def payment(facts: Facts) -> list[nodes.Node]:
    payment = facts.model.payment
    result: list[nodes.Node] = []
    if payment.methods:
        methods = [facts.text(method) for method in payment.methods]
        result.append(
            plain_paragraph(_("We accept these payment methods for virtual appointments:"))
        )
        result.append(content.bullet_list(methods))
    if payment.when:
        result.append(content.fact_paragraph(facts.text(payment.when)))
    if payment.note:
        result.append(content.fact_paragraph(facts.text(payment.note)))
    if not result:
        facts.missing("payment.methods", "payment.when")
        result.append(
            paragraph(
                _("To find out how to pay for a virtual appointment, {contact}."),
                contact=contact_us(facts),
            )
        )
    return result
