"""Booking: how to book, with whom, and how to cancel or reschedule."""

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
    "how-to-book",
    group="booking",
    title=_("How do I book an appointment?"),
    guide=_(
        "Link to your booking page and list any other ways to book, such as by phone, "
        "by e-mail or through social media."
    ),
    facts=(
        "booking.url",
        "booking.phone",
        "booking.email",
        "booking.social",
        "booking.in_person",
    ),
    shown=Shown.WHEN_ANY_FACT_IS_SET,
)
def how_to_book(facts: Facts) -> list[nodes.Node]:
    booking = facts.model.booking
    result: list[nodes.Node] = []
    page = facts.booking_page()
    if page is not None:
        result.append(
            paragraph(_("Book your virtual appointment on {booking_page}."), booking_page=page)
        )
    channels = facts.contact_channels()
    if channels:
        lead = _("You can also book:") if page is not None else _("You can book:")
        result.append(plain_paragraph(lead))
        result.append(content.bullet_list(channels))
    if booking.in_person:
        result.append(content.fact_paragraph(facts.text(booking.in_person)))
    if not result:
        facts.missing("booking.url", "booking.phone")
        result.append(
            paragraph(_("To book a virtual appointment, {contact}."), contact=contact_us(facts))
        )
    return result


@question(
    "who",
    group="booking",
    title=_("Who can I book an appointment with?"),
    guide=_(
        "Help {audience} keep seeing the staff member they prefer: say which staff members "
        "work only virtually and which only in person."
    ),
    facts=("booking.staff",),
    shown=Shown.WHEN_ANY_FACT_IS_SET,
)
def who(facts: Facts) -> list[nodes.Node]:
    staff = facts.model.booking.staff
    result: list[nodes.Node] = []
    if staff is not None:
        if staff.virtual_only:
            lead = ngettext(
                "This staff member sees {audience} only in virtual appointments:",
                "These staff members see {audience} only in virtual appointments:",
                len(staff.virtual_only),
            )
            result.append(content.paragraph(lead, audience=facts.audience))
            result.append(content.bullet_list(facts.text(name) for name in staff.virtual_only))
        if staff.in_person_only:
            lead = ngettext(
                "This staff member sees {audience} only in person:",
                "These staff members see {audience} only in person:",
                len(staff.in_person_only),
            )
            result.append(content.paragraph(lead, audience=facts.audience))
            result.append(content.bullet_list(facts.text(name) for name in staff.in_person_only))
        if staff.note:
            result.append(content.fact_paragraph(facts.text(staff.note)))
    if not result:
        facts.missing("booking.staff")
        result.append(
            plain_paragraph(
                _(
                    "When you book, you can choose among the staff members who offer virtual "
                    "appointments. If you want to keep seeing the same person, ask us whether "
                    "they offer virtual appointments."
                )
            )
        )
    return result


@question(
    "cancel",
    group="booking",
    title=_("How do I cancel or reschedule a virtual appointment?"),
    guide=_(
        "Link to your cancellation and rescheduling policy and describe any differences "
        "between virtual and in-person appointments."
    ),
    facts=(
        "cancellation.policy_url",
        "cancellation.notice",
        "cancellation.text",
        "cancellation.differences",
    ),
    shown=Shown.WHEN_ANY_FACT_IS_SET,
)
def cancel(facts: Facts) -> list[nodes.Node]:
    cancellation = facts.model.cancellation
    result: list[nodes.Node] = []
    if cancellation.text:
        result.append(content.fact_paragraph(facts.text(cancellation.text)))
    if cancellation.notice:
        result.append(
            paragraph(
                _("Please cancel or reschedule at least {notice} before your appointment."),
                notice=facts.text(cancellation.notice),
            )
        )
    if cancellation.differences:
        result.append(content.fact_paragraph(facts.text(cancellation.differences)))
    if cancellation.policy_url:
        result.append(
            paragraph(
                _("Read our {policy} for the details."),
                policy=content.link(
                    cancellation.policy_url, _("cancellation and rescheduling policy")
                ),
            )
        )
    if not result:
        facts.missing("cancellation.policy_url", "cancellation.text")
        result.append(
            paragraph(
                _("To cancel or reschedule, {contact} as early as you can."),
                contact=contact_us(facts),
            )
        )
    return result
