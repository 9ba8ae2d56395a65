"""Troubleshooting: camera and microphone, long waits, dropped calls, reminders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_vatoolkit import content
from sphinx_vatoolkit.content import paragraph
from sphinx_vatoolkit.faq.answers import contact_us, plain_paragraph
from sphinx_vatoolkit.faq.registry import Shown, question
from sphinx_vatoolkit.i18n import _, ngettext

if TYPE_CHECKING:
    from sphinx_vatoolkit.facts import Facts


@question(
    "camera-microphone",
    group="troubleshooting",
    title=_("What if my camera or microphone does not work?"),
    guide=_("Help {audience} allow camera and microphone access in their browser or app."),
    facts=(),
    shown=Shown.ALWAYS,
)
def camera_microphone(facts: Facts) -> list[nodes.Node]:
    return [
        plain_paragraph(
            _(
                "If others cannot see or hear you, check that your browser or app is allowed "
                "to use your camera and microphone. Look for the camera icon in the address "
                "bar or in your device settings and allow access. Close other apps that may "
                "be using the camera, then join again."
            )
        )
    ]


@question(
    "long-wait",
    group="troubleshooting",
    title=_("What if I am waiting in the lobby for a long time?"),
    guide=_(
        "Reassure {audience} that waiting in the lobby is normal, and say when and how to "
        "contact you if nobody lets them in."
    ),
    facts=("support.lobby_wait_minutes", "support.phone", "support.email"),
    shown=Shown.ALWAYS,
)
def long_wait(facts: Facts) -> list[nodes.Node]:
    minutes = facts.model.support.lobby_wait_minutes
    first = (
        plain_paragraph(
            _(
                "Please stay in the lobby: the staff member will let you in as soon as they "
                "are ready."
            )
        )
        if facts.platform.lobby
        else plain_paragraph(
            _("Please stay in the call: the staff member will join as soon as they can.")
        )
    )
    if minutes:
        then = paragraph(
            ngettext(
                "If you are still waiting {minutes} minute after your appointment time, {contact}.",
                "If you are still waiting {minutes} minutes after your appointment time, "
                "{contact}.",
                minutes,
            ),
            minutes=str(minutes),
            contact=contact_us(facts),
        )
    else:
        then = paragraph(
            _("If you have waited a long time after your appointment time, {contact}."),
            contact=contact_us(facts),
        )
    return [first, then]


@question(
    "reconnect",
    group="troubleshooting",
    title=_("What if the call drops?"),
    guide=_("Tell {audience} how to rejoin if the call drops, and whom to contact."),
    facts=("support.phone", "support.email"),
    shown=Shown.ALWAYS,
)
def reconnect(facts: Facts) -> list[nodes.Node]:
    return [
        paragraph(
            _(
                "If the call drops, select the link in your confirmation e-mail again to "
                "rejoin the appointment. If you cannot reconnect, {contact}."
            ),
            contact=contact_us(facts),
        )
    ]


@question(
    "phone-fallback",
    group="troubleshooting",
    title=_("What if the video does not work at all?"),
    guide=_("Give {audience} a phone number to call if the video does not work."),
    facts=("support.phone",),
    shown=Shown.WHEN_ANY_FACT_IS_SET,
)
def phone_fallback(facts: Facts) -> list[nodes.Node]:
    phone = facts.model.support.phone
    if phone:
        return [
            paragraph(
                _("If the video call does not work, call us at {phone} and we will help you."),
                phone=content.phone_link(phone),
            )
        ]
    facts.missing("support.phone")
    return [paragraph(_("If the video call does not work, {contact}."), contact=contact_us(facts))]


@question(
    "reminders",
    group="troubleshooting",
    title=_("Will I get reminders, and can I stop them?"),
    guide=_(
        "Say whether you send text message or e-mail reminders and how {audience} can stop them."
    ),
    facts=("reminders.sms", "reminders.email", "reminders.opt_out"),
    shown=Shown.WHEN_ANY_FACT_IS_SET,
    premium=_("Text message (SMS) reminders need Teams Premium."),
)
def reminders(facts: Facts) -> list[nodes.Node]:
    reminders = facts.model.reminders
    result: list[nodes.Node] = []
    if facts.sms_reminders:
        result.append(
            plain_paragraph(
                _("We send you a reminder by text message (SMS) before your appointment.")
            )
        )
    if reminders.email:
        result.append(
            plain_paragraph(_("We send you a reminder by e-mail before your appointment."))
        )
    if result and reminders.opt_out:
        result.append(content.fact_paragraph(facts.text(reminders.opt_out)))
    elif result:
        result.append(
            paragraph(_("To stop receiving reminders, {contact}."), contact=contact_us(facts))
        )
    if not result:
        if not reminders.sms:  # SMS without Teams Premium is reported with the config
            facts.missing("reminders.sms", "reminders.email")
        result.append(
            paragraph(
                _("To change how we remind you of your appointments, {contact}."),
                contact=contact_us(facts),
            )
        )
    return result
