"""``va-faq`` and ``va-question``: the client FAQ, or the guide to writing it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vatoolkit import content
from sphinx_vatoolkit.base import OptionSpec, VaDirective
from sphinx_vatoolkit.i18n import _
from sphinx_vatoolkit.report import warn
from sphinx_vatoolkit.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from sphinx_vatoolkit.facts import Facts

Answer = Callable[["Facts"], list[nodes.Node]]
STYLES = ("sections", "accordion")
HTML_FORMATS = ("html",)


@dataclass(frozen=True)
class Question:
    key: str
    group: str
    title: str
    guide: str
    keys: tuple[str, ...]
    answer: Answer
    needs: tuple[str, ...] = ()  # any one of these lets the config answer it
    shown: Callable[[Facts], bool] | None = None  # default test when ``needs`` is empty

    def answerable(self, facts: Facts) -> bool:
        if self.shown is not None:
            return self.shown(facts)
        return not self.needs or facts.has(*self.needs)


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


def _p(template: str, **parts: Any) -> nodes.paragraph:
    return content.paragraph(template, **parts)


def _text(text: str) -> nodes.paragraph:
    return nodes.paragraph(text, text)


def _contact(facts: Facts) -> list[nodes.Node] | str:
    return facts.support_contact() or _("contact us")


# -- basics ----------------------------------------------------------------


def _what_is(facts: Facts) -> list[nodes.Node]:
    return [
        _p(
            _(
                "A virtual appointment is an online appointment with {org}, held over "
                "{platform}. You speak one-to-one with one of our staff members by video, "
                "just as you would at an in-person visit."
            ),
            org=facts.org_name,
            platform=facts.platform_name,
        )
    ]


def _differences(facts: Facts) -> list[nodes.Node]:
    services = facts.model.services
    result: list[nodes.Node] = []
    if services.differences:
        result.append(_text(facts.text(services.differences)))
    if services.fees:
        result.append(_text(facts.text(services.fees)))
    if not result:
        facts.missing("services.differences", "services.fees")
        result.append(
            _text(
                _(
                    "Some services need an in-person visit. If you are not sure whether a "
                    "virtual appointment suits your needs, contact us before you book."
                )
            )
        )
    return result


def _how_it_works(facts: Facts) -> list[nodes.Node]:
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
        listing += nodes.list_item("", _text(step))
    return [listing]


def _payment(facts: Facts) -> list[nodes.Node]:
    payment = facts.model.payment
    result: list[nodes.Node] = []
    if payment.methods:
        methods = [facts.text(method) for method in payment.methods]
        result.append(_text(_("We accept these payment methods for virtual appointments:")))
        result.append(content.bullet_list(methods))
    if payment.when:
        result.append(_text(facts.text(payment.when)))
    if payment.note:
        result.append(_text(facts.text(payment.note)))
    if not result:
        facts.missing("payment.methods", "payment.when")
        result.append(
            _p(
                _("To find out how to pay for a virtual appointment, {contact}."),
                contact=_contact(facts),
            )
        )
    return result


# -- booking ---------------------------------------------------------------


def _how_to_book(facts: Facts) -> list[nodes.Node]:
    booking = facts.model.booking
    result: list[nodes.Node] = []
    page = facts.booking_page()
    if page is not None:
        result.append(_p(_("Book your virtual appointment on {booking_page}."), booking_page=page))
    channels = facts.contact_channels()
    if channels:
        lead = _("You can also book:") if page is not None else _("You can book:")
        result.append(_text(lead))
        result.append(content.bullet_list(channels))
    if booking.in_person:
        result.append(_text(facts.text(booking.in_person)))
    if not result:
        facts.missing("booking.url", "booking.phone")
        result.append(_p(_("To book a virtual appointment, {contact}."), contact=_contact(facts)))
    return result


def _who(facts: Facts) -> list[nodes.Node]:
    staff = facts.model.booking.staff
    result: list[nodes.Node] = []
    if staff is not None:
        if staff.virtual_only:
            result.append(_text(_("These staff members see clients only in virtual appointments:")))
            result.append(content.bullet_list(staff.virtual_only))
        if staff.in_person_only:
            result.append(_text(_("These staff members see clients only in person:")))
            result.append(content.bullet_list(staff.in_person_only))
        if staff.note:
            result.append(_text(facts.text(staff.note)))
    if not result:
        facts.missing("booking.staff")
        result.append(
            _text(
                _(
                    "When you book, you can choose among the staff members who offer virtual "
                    "appointments. If you want to keep seeing the same person, ask us whether "
                    "they offer virtual appointments."
                )
            )
        )
    return result


def _cancel(facts: Facts) -> list[nodes.Node]:
    cancellation = facts.model.cancellation
    result: list[nodes.Node] = []
    if cancellation.text:
        result.append(_text(facts.text(cancellation.text)))
    if cancellation.notice:
        result.append(
            _p(
                _("Please cancel or reschedule at least {notice} before your appointment."),
                notice=facts.text(cancellation.notice),
            )
        )
    if cancellation.differences:
        result.append(_text(facts.text(cancellation.differences)))
    if cancellation.policy_url:
        result.append(
            _p(
                _("Read our {policy} for the details."),
                policy=content.link(
                    cancellation.policy_url, _("cancellation and rescheduling policy")
                ),
            )
        )
    if not result:
        facts.missing("cancellation.policy_url", "cancellation.text")
        result.append(
            _p(
                _("To cancel or reschedule, {contact} as early as you can."),
                contact=_contact(facts),
            )
        )
    return result


# -- technology --------------------------------------------------------------


def _equipment(facts: Facts) -> list[nodes.Node]:
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
    result: list[nodes.Node] = [_p(join, platform=facts.platform_name)]
    if technology.equipment:
        result.append(_text(_("You will need:")))
        result.append(content.bullet_list(facts.equipment(technology.equipment)))
    else:
        result.append(
            _text(
                _(
                    "Your device needs a camera, a microphone, speakers or headphones, "
                    "and a stable internet connection."
                )
            )
        )
    if technology.recommended:
        result.append(_text(_("We also recommend:")))
        result.append(content.bullet_list(facts.equipment(technology.recommended)))
    if technology.bandwidth:
        result.append(
            _p(
                _("An internet connection of at least {bandwidth} works best."),
                bandwidth=facts.text(technology.bandwidth),
            )
        )
    if technology.browsers:
        result.append(
            _p(
                _("Supported browsers: {browsers}."),
                browsers=", ".join(technology.browsers),
            )
        )
    if technology.portal is not None:
        result.append(_portal_sentence(facts))
    return result


def _portal_sentence(facts: Facts) -> nodes.paragraph:
    portal = facts.model.technology.portal
    assert portal is not None
    name = facts.text(portal.name)
    portal_ref: nodes.Node = content.link(portal.url, name) if portal.url else nodes.Text(name)
    return _p(_("You can also join your appointment from {portal}."), portal=portal_ref)


def _join(facts: Facts) -> list[nodes.Node]:
    platform = facts.platform
    result: list[nodes.Node] = [
        _text(
            _(
                "A few minutes before your appointment, select the join link in your "
                "confirmation e-mail."
            )
        )
    ]
    if platform.join_help_url:
        result.append(
            _p(
                _("For step-by-step instructions and a video, see {article}."),
                article=content.link(
                    facts.url(platform.join_help_url), _("how to join a virtual appointment")
                ),
            )
        )
    if facts.model.technology.portal is not None:
        result.append(_portal_sentence(facts))
    return result


# -- prepare -----------------------------------------------------------------


def _test_device(facts: Facts) -> list[nodes.Node]:
    result: list[nodes.Node] = [
        _text(
            _(
                "Before the day of your appointment, check that your camera, microphone and "
                "speakers work and that your internet connection is stable. Update your "
                "browser or app to the latest version."
            )
        )
    ]
    if facts.platform.test_url:
        result.append(
            _p(
                _("You can test your device on {test_page}."),
                test_page=content.link(facts.url(facts.platform.test_url), _("the test page")),
            )
        )
    return result


def _place(facts: Facts) -> list[nodes.Node]:
    return [
        _text(
            _(
                "Choose a quiet, private place with good lighting, with the light in front of "
                "you rather than behind you. Sit where your connection is strongest, and keep "
                "your device charged or plugged in."
            )
        )
    ]


def _have_ready(facts: Facts) -> list[nodes.Node]:
    checklist = facts.model.prepare.checklist
    if checklist:
        return [
            _text(_("Please have these ready before you join:")),
            content.bullet_list(facts.text(item) for item in checklist),
        ]
    generic = {
        "healthcare": _(
            "Have a list of your current medicines, your health insurance card and the "
            "questions you want to ask ready before you join."
        ),
        "financial": _(
            "Have the documents or account details you want to discuss and your questions "
            "ready before you join."
        ),
        "retail": _(
            "Have the details of the product or order you want to discuss and your "
            "questions ready before you join."
        ),
        "general": _(
            "Have any documents you need and the questions you want to ask ready before you join."
        ),
    }
    return [_text(generic[facts.model.organization.industry])]


def _forms(facts: Facts) -> list[nodes.Node]:
    prepare = facts.model.prepare
    result: list[nodes.Node] = []
    if prepare.forms:
        result.append(_text(facts.text(prepare.forms)))
    if prepare.forms_url:
        result.append(
            _p(
                _("Please fill in our forms on {forms_page} before you join."),
                forms_page=content.link(prepare.forms_url, _("our forms page")),
            )
        )
    if not result:
        facts.missing("prepare.forms_url", "prepare.forms")
        result.append(
            _text(
                _(
                    "If we ask you to fill in forms before your appointment, please do so "
                    "before you join, so that your appointment can start on time."
                )
            )
        )
    return result


# -- privacy -----------------------------------------------------------------


def _recording(facts: Facts) -> list[nodes.Node]:
    privacy = facts.model.privacy
    result: list[nodes.Node] = []
    if privacy.recorded is False:
        result.append(_text(_("No. We do not record virtual appointments.")))
    elif privacy.recorded is True:
        result.append(
            _text(
                _(
                    "Some virtual appointments are recorded. When a recording starts, "
                    "everyone in the call is told."
                )
            )
        )
    if privacy.note:
        result.append(_text(facts.text(privacy.note)))
    if not result:
        facts.missing("privacy.recorded")
        result.append(
            _p(
                _("To find out whether your appointment will be recorded, {contact}."),
                contact=_contact(facts),
            )
        )
    if privacy.policy_url:
        result.append(_privacy_policy(privacy.policy_url))
    return result


def _privacy_policy(url: str) -> nodes.paragraph:
    return _p(
        _("Read our {policy} to learn how we protect your information."),
        policy=content.link(url, _("privacy policy")),
    )


def _who_can_see(facts: Facts) -> list[nodes.Node]:
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
    result: list[nodes.Node] = [_text(text)]
    if facts.model.privacy.policy_url:
        result.append(_privacy_policy(facts.model.privacy.policy_url))
    return result


def _where_to_sit(facts: Facts) -> list[nodes.Node]:
    return [
        _text(
            _(
                "Sit where other people cannot see your screen or hear the call, for example "
                "in a room with the door closed. Headphones help. If you can, avoid public "
                "Wi-Fi networks."
            )
        )
    ]


# -- accessibility and language ------------------------------------------------


def _captions(facts: Facts) -> list[nodes.Node]:
    if facts.platform.captions:
        return [
            _p(
                _(
                    "{platform} can show live captions of what is said during the call. "
                    "You can turn them on from the meeting controls."
                ),
                platform=facts.platform_name,
            )
        ]
    facts.missing("platform.captions")
    return [
        _p(
            _("If you need captions or other support during the call, {contact}."),
            contact=_contact(facts),
        )
    ]


def _screen_readers(facts: Facts) -> list[nodes.Node]:
    return [
        _p(
            _(
                "{platform} works with screen readers, keyboard navigation and screen "
                "magnifiers. If you need another kind of support to take part, tell us when "
                "you book."
            ),
            platform=facts.platform_name,
        )
    ]


def _interpreters(facts: Facts) -> list[nodes.Node]:
    interpreters = facts.model.accessibility.interpreters
    if interpreters:
        return [_text(facts.text(interpreters))]
    facts.missing("accessibility.interpreters")
    return [
        _p(
            _(
                "If you need an interpreter, including a sign language interpreter, "
                "{contact} before your appointment."
            ),
            contact=_contact(facts),
        )
    ]


def _companions(facts: Facts) -> list[nodes.Node]:
    companions = facts.model.accessibility.companions
    if companions:
        return [_text(facts.text(companions))]
    facts.missing("accessibility.companions")
    return [
        _p(
            _(
                "If you would like a family member, a carer or a guardian to join you, "
                "{contact} before your appointment."
            ),
            contact=_contact(facts),
        )
    ]


# -- troubleshooting -----------------------------------------------------------


def _camera_microphone(facts: Facts) -> list[nodes.Node]:
    return [
        _text(
            _(
                "If others cannot see or hear you, check that your browser or app is allowed "
                "to use your camera and microphone. Look for the camera icon in the address "
                "bar or in your device settings and allow access. Close other apps that may "
                "be using the camera, then join again."
            )
        )
    ]


def _long_wait(facts: Facts) -> list[nodes.Node]:
    minutes = facts.model.support.lobby_wait_minutes
    first = (
        _text(
            _(
                "Please stay in the lobby: the staff member will let you in as soon as they "
                "are ready."
            )
        )
        if facts.platform.lobby
        else _text(_("Please stay in the call: the staff member will join as soon as they can."))
    )
    if minutes:
        then = _p(
            _("If you are still waiting {minutes} minutes after your appointment time, {contact}."),
            minutes=str(minutes),
            contact=_contact(facts),
        )
    else:
        then = _p(
            _("If you have waited a long time after your appointment time, {contact}."),
            contact=_contact(facts),
        )
    return [first, then]


def _reconnect(facts: Facts) -> list[nodes.Node]:
    return [
        _p(
            _(
                "If the call drops, select the link in your confirmation e-mail again to "
                "rejoin the appointment. If you cannot reconnect, {contact}."
            ),
            contact=_contact(facts),
        )
    ]


def _phone_fallback(facts: Facts) -> list[nodes.Node]:
    phone = facts.model.support.phone
    if phone:
        return [
            _p(
                _("If the video call does not work, call us at {phone} and we will help you."),
                phone=content.phone_link(phone),
            )
        ]
    facts.missing("support.phone")
    return [_p(_("If the video call does not work, {contact}."), contact=_contact(facts))]


def _reminders(facts: Facts) -> list[nodes.Node]:
    reminders = facts.model.reminders
    result: list[nodes.Node] = []
    if reminders.sms:
        result.append(
            _text(_("We send you a reminder by text message (SMS) before your appointment."))
        )
    if reminders.email:
        result.append(_text(_("We send you a reminder by e-mail before your appointment.")))
    if reminders.opt_out:
        result.append(_text(facts.text(reminders.opt_out)))
    elif reminders.sms or reminders.email:
        result.append(_p(_("To stop receiving reminders, {contact}."), contact=_contact(facts)))
    if not result:
        facts.missing("reminders.sms", "reminders.opt_out")
        result.append(
            _p(
                _("To change how we remind you of your appointments, {contact}."),
                contact=_contact(facts),
            )
        )
    return result


def questions() -> tuple[Question, ...]:
    """Every built-in question, in the reference order, then the added groups."""
    not_custom: Callable[[Facts], bool] = lambda facts: facts.platform.key != "custom"  # noqa: E731
    return (
        Question(
            "what-is",
            "basics",
            _("What is a virtual appointment?"),
            _(
                "Explain that a virtual appointment is an online, one-to-one meeting with a staff "
                "member over your video platform, much like an in-person visit."
            ),
            ("organization.name", "platform"),
            _what_is,
        ),
        Question(
            "differences",
            "basics",
            _("How are virtual appointments different from in-person visits?"),
            _(
                "Tell clients which services you offer virtually and in person, and whether fees "
                "differ between the two."
            ),
            ("services.differences", "services.fees"),
            _differences,
            needs=("services.differences", "services.fees"),
        ),
        Question(
            "how-it-works",
            "basics",
            _("How does a virtual appointment work?"),
            _(
                "Walk clients through the steps: the confirmation e-mail with the link, the "
                "virtual lobby and the one-to-one video call with a staff member."
            ),
            ("platform.lobby",),
            _how_it_works,
        ),
        Question(
            "payment",
            "basics",
            _("How does payment work for virtual appointments?"),
            _(
                "List the payment methods you accept for virtual appointments and say when and "
                "how clients pay."
            ),
            ("payment.methods", "payment.when", "payment.note"),
            _payment,
            needs=("payment.methods", "payment.when", "payment.note"),
        ),
        Question(
            "how-to-book",
            "booking",
            _("How do I book an appointment?"),
            _(
                "Link to your booking page and list any other ways to book, such as by phone, "
                "by e-mail or through social media."
            ),
            (
                "booking.url",
                "booking.phone",
                "booking.email",
                "booking.social",
                "booking.in_person",
            ),
            _how_to_book,
            needs=(
                "booking.url",
                "booking.phone",
                "booking.email",
                "booking.social",
                "booking.in_person",
            ),
        ),
        Question(
            "who",
            "booking",
            _("Who can I book an appointment with?"),
            _(
                "Help clients keep seeing the staff member they prefer: say which staff members "
                "work only virtually and which only in person."
            ),
            ("booking.staff",),
            _who,
            needs=("booking.staff",),
        ),
        Question(
            "cancel",
            "booking",
            _("How do I cancel or reschedule a virtual appointment?"),
            _(
                "Link to your cancellation and rescheduling policy and describe any differences "
                "between virtual and in-person appointments."
            ),
            (
                "cancellation.policy_url",
                "cancellation.notice",
                "cancellation.text",
                "cancellation.differences",
            ),
            _cancel,
            needs=(
                "cancellation.policy_url",
                "cancellation.notice",
                "cancellation.text",
                "cancellation.differences",
            ),
        ),
        Question(
            "equipment",
            "technology",
            _("What equipment do I need for a virtual appointment?"),
            _(
                "Say that clients can join from a web browser or the app, and list anything you "
                "require or recommend, such as a webcam, a headset or a minimum connection "
                "speed. If your patient or client portal is integrated, say that clients can "
                "join from it."
            ),
            (
                "technology.equipment",
                "technology.recommended",
                "technology.bandwidth",
                "technology.browsers",
                "technology.portal",
            ),
            _equipment,
        ),
        Question(
            "join",
            "technology",
            _("How do I join a virtual appointment?"),
            _(
                "Link to the platform's instructions for attendees, with their video and "
                "step-by-step help."
            ),
            ("platform.join_help_url", "technology.portal"),
            _join,
        ),
        Question(
            "test-device",
            "prepare",
            _("How can I check my device before the appointment?"),
            _(
                "Ask clients to test their device and connection beforehand, and link to a test "
                "page if your platform has one."
            ),
            ("platform.test_url",),
            _test_device,
        ),
        Question(
            "place",
            "prepare",
            _("Where should I be during the appointment?"),
            _("Suggest a quiet, private, well-lit place with a good connection."),
            (),
            _place,
        ),
        Question(
            "have-ready",
            "prepare",
            _("What should I have ready?"),
            _(
                "List what clients should have at hand, such as documents, an ID or insurance "
                "card, a list of medicines or their questions."
            ),
            ("prepare.checklist", "organization.industry"),
            _have_ready,
        ),
        Question(
            "forms",
            "prepare",
            _("Do I need to fill in any forms before the appointment?"),
            _("Point clients to any forms they must fill in before joining."),
            ("prepare.forms", "prepare.forms_url"),
            _forms,
            needs=("prepare.forms", "prepare.forms_url"),
        ),
        Question(
            "recording",
            "privacy",
            _("Is my virtual appointment recorded?"),
            _("Tell clients whether appointments are recorded and link to your privacy policy."),
            ("privacy.recorded", "privacy.note", "privacy.policy_url"),
            _recording,
            needs=("privacy.recorded", "privacy.note"),
        ),
        Question(
            "who-can-see",
            "privacy",
            _("Who can see and hear my appointment?"),
            _(
                "Explain who can join or see the appointment and how you protect clients' "
                "information."
            ),
            ("platform.lobby", "privacy.policy_url"),
            _who_can_see,
        ),
        Question(
            "where-to-sit",
            "privacy",
            _("How can I keep the conversation private?"),
            _("Give clients tips for keeping the conversation private at their end."),
            (),
            _where_to_sit,
        ),
        Question(
            "captions",
            "accessibility",
            _("Can I turn on captions?"),
            _("Tell clients that live captions are available and how to turn them on."),
            ("platform.captions",),
            _captions,
            shown=lambda facts: facts.platform.captions,
        ),
        Question(
            "screen-readers",
            "accessibility",
            _("Can I use a screen reader?"),
            _(
                "Tell clients that the platform works with assistive technology, and how to ask "
                "for other support."
            ),
            ("platform",),
            _screen_readers,
            shown=not_custom,
        ),
        Question(
            "interpreters",
            "accessibility",
            _("Can I have an interpreter?"),
            _(
                "Explain how clients can ask for an interpreter, including a sign language "
                "interpreter."
            ),
            ("accessibility.interpreters",),
            _interpreters,
            needs=("accessibility.interpreters",),
        ),
        Question(
            "companions",
            "accessibility",
            _("Can someone join the appointment with me?"),
            _("Say whether a family member, carer or guardian can join, and how."),
            ("accessibility.companions",),
            _companions,
            needs=("accessibility.companions",),
        ),
        Question(
            "camera-microphone",
            "troubleshooting",
            _("What if my camera or microphone does not work?"),
            _("Help clients allow camera and microphone access in their browser or app."),
            (),
            _camera_microphone,
        ),
        Question(
            "long-wait",
            "troubleshooting",
            _("What if I am waiting in the lobby for a long time?"),
            _(
                "Reassure clients that waiting in the lobby is normal, and say when and how to "
                "contact you if nobody lets them in."
            ),
            ("support.lobby_wait_minutes", "support.phone", "support.email"),
            _long_wait,
        ),
        Question(
            "reconnect",
            "troubleshooting",
            _("What if the call drops?"),
            _("Tell clients how to rejoin if the call drops, and whom to contact."),
            ("support.phone", "support.email"),
            _reconnect,
        ),
        Question(
            "phone-fallback",
            "troubleshooting",
            _("What if the video does not work at all?"),
            _("Give clients a phone number to call if the video does not work."),
            ("support.phone",),
            _phone_fallback,
            needs=("support.phone",),
        ),
        Question(
            "reminders",
            "troubleshooting",
            _("Will I get reminders, and can I stop them?"),
            _(
                "Say whether you send text message or e-mail reminders and how clients can stop "
                "them."
            ),
            ("reminders.sms", "reminders.email", "reminders.opt_out"),
            _reminders,
            needs=("reminders.sms", "reminders.email", "reminders.opt_out"),
        ),
    )


QUESTION_KEYS = tuple(question.key for question in questions())


# -- nodes -------------------------------------------------------------------


class custom_question(nodes.container):
    """A ``va-question`` from the page, collected by the enclosing ``va-faq``."""


class faq_item(nodes.container):
    """One question with its answer; HTML shows it as ``<details>`` in accordion style."""


class faq_details(nodes.General, nodes.Element):
    pass


class faq_summary(nodes.TextElement):
    pass


def visit_faq_details(self: HTML5Translator, node: faq_details) -> None:
    self.body.append(self.starttag(node, "details", CLASS="va-faq-details"))


def depart_faq_details(self: HTML5Translator, node: faq_details) -> None:
    self.body.append("</details>\n")


def visit_faq_summary(self: HTML5Translator, node: faq_summary) -> None:
    self.body.append(self.starttag(node, "summary", "", CLASS="va-faq-summary"))


def depart_faq_summary(self: HTML5Translator, node: faq_summary) -> None:
    self.body.append("</summary>\n")


def visit_custom_question(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode  # only reaches a writer when used outside ``va-faq``


# -- directives --------------------------------------------------------------


class QuestionDirective(VaDirective):
    """``va-question``: a question written in the page, inside ``va-faq``."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = OptionSpec({"group": directives.unchanged, "name": directives.unchanged})

    def build(self) -> list[nodes.Node]:
        if not self.content:
            self.warn(f"{self.name}: the question {self.arguments[0]!r} has no answer")
        group = self.choice("group", GROUPS, "more")
        question = custom_question(classes=["va-custom-question"], group=group)
        self.set_source_info(question)
        title_nodes, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
        title = nodes.paragraph(self.arguments[0], "", *title_nodes)
        self.set_source_info(title)
        question += title
        question += messages
        answer = nodes.container(classes=["va-answer"])
        answer += self.parse_content_to_nodes(allow_section_headings=False)
        question += answer
        if "name" in self.options:
            question["slug"] = nodes.make_id(str(self.options["name"]))
        return [question]


class FaqDirective(VaDirective):
    """``va-faq``: the FAQ in groups, for clients or as a guide for staff."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = OptionSpec(
        {
            "mode": directives.unchanged,
            "groups": directives.unchanged,
            "questions": directives.unchanged,
            "exclude": directives.unchanged,
            "style": directives.unchanged,
        }
    )

    def build(self) -> list[nodes.Node]:
        return build_faq(self)


def _select(directive: VaDirective, facts: Facts) -> list[tuple[str, list[Question]]]:
    catalogue = questions()
    groups = directive.name_list("groups", GROUPS, GROUPS)
    explicit = directive.name_list("questions", QUESTION_KEYS, ())
    excluded = set(directive.name_list("exclude", QUESTION_KEYS, ()))
    by_key = {question.key: question for question in catalogue}
    if explicit:
        chosen = [by_key[key] for key in explicit]
    elif facts.mode == "guide":
        chosen = list(catalogue)
    else:
        chosen = [question for question in catalogue if question.answerable(facts)]
    chosen = [question for question in chosen if question.key not in excluded]
    return [(group, [q for q in chosen if q.group == group]) for group in groups]


def _guide_body(facts: Facts, question: Question) -> list[nodes.Node]:
    keys: list[list[nodes.Node]] = []
    for key in question.keys:
        if facts.has(key):
            status = _("set")
        elif key.startswith("platform") and facts.platform.key != "custom":
            status = content.format_text(_("from the {preset} preset"), preset=facts.platform.key)
        else:
            status = _("not set")
        keys.append(content.fill(_("{key} ({status})"), key=content.literal(key), status=status))
    body: list[nodes.Node] = [
        content.paragraph(
            _("{label} {guide}"),
            label=content.strong(_("What the answer should cover:")),
            guide=question.guide,
        )
    ]
    if keys:
        body.append(
            content.paragraph(
                _("{label} {keys}"),
                label=content.strong(_("Filled from:")),
                keys=content.join_parts(keys),
            )
        )
    else:
        body.append(_text(_("A general answer that is true for every organization.")))
    return body


def build_faq(directive: VaDirective, mode: str | None = None) -> list[nodes.Node]:
    """The FAQ nodes; shared by ``va-faq`` and ``va-toolkit``."""
    facts = directive.facts(mode)
    style = directive.choice("style", STYLES, "sections")
    customs: list[nodes.Element] = []
    if directive.content:
        parsed = directive.parse_content_to_nodes()
        for node in parsed:
            if isinstance(node, custom_question):
                customs.append(node)
            elif not isinstance(node, nodes.system_message):
                directive.warn(
                    f"{directive.name}: its content may only hold va-question directives; "
                    f"ignored a {getattr(node, 'tagname', 'text')}"
                )
            else:
                customs.append(node)
    result: list[nodes.Node] = []
    titles = group_titles()
    document = directive.state.document
    for group, chosen in _select(directive, facts):
        group_customs = [c for c in customs if c.get("group") == group]
        if not chosen and not group_customs:
            continue
        group_section = directive.section(f"va-{group}", titles[group])
        group_section["classes"].append("va-faq-group")
        for question in chosen:
            body = _guide_body(facts, question) if facts.mode == "guide" else question.answer(facts)
            content.mark_generated(body)
            item = _item(
                document, style, f"va-q-{question.key}", [nodes.Text(question.title)], body
            )
            content.mark_generated([item])
            for node in item.findall(nodes.Element):
                if not node.source:
                    directive.set_source_info(node)
            group_section += item
        for index, custom in enumerate(group_customs, start=1):
            title, answer = custom[0], custom.children[1:]
            assert isinstance(title, nodes.paragraph)
            slug = custom.get("slug") or f"va-q-{group}-{index}"
            item = _item(document, style, slug, list(title.children), list(answer), title)
            group_section += item
        result.append(group_section)
    result.extend(c for c in customs if isinstance(c, nodes.system_message))
    if not result:
        directive.warn(f"{directive.name}: no question is selected", "directive")
    return result


def _item(
    document: nodes.document,
    style: str,
    base_id: str,
    title: list[nodes.Node],
    body: list[nodes.Node],
    source_title: nodes.Element | None = None,
) -> nodes.Element:
    if style == "sections":
        question_section = content.section(document, base_id, title)
        question_section["classes"].append("va-faq-question")
        if source_title is not None:
            heading = question_section[0]
            assert isinstance(heading, nodes.title)
            heading.source, heading.line = source_title.source, source_title.line
            heading.rawsource = getattr(source_title, "rawsource", "")
        question_section += body
        return question_section
    item = faq_item(classes=["va-faq-item"])
    item_id = content.unique_id(document, base_id)
    item["ids"].append(item_id)
    document.ids[item_id] = item
    question = nodes.rubric("", "", *title, classes=["va-faq-question"])
    if source_title is not None:
        question.source, question.line = source_title.source, source_title.line
        question.rawsource = getattr(source_title, "rawsource", "")
    item += question
    answer = nodes.container(classes=["va-faq-answer"])
    answer += body
    item += answer
    return item


class AccordionHtmlTransform(SphinxPostTransform):
    """HTML: turn each accordion item into native ``<details>``/``<summary>``."""

    default_priority = 200
    formats = HTML_FORMATS

    def run(self, **kwargs: Any) -> None:
        for item in list(self.document.findall(faq_item)):
            question, answer = item.children[0], item.children[1]
            details = faq_details(ids=item["ids"], classes=item["classes"])
            summary = faq_summary("", "", *question.children)
            details += summary
            answer_box = nodes.container(classes=["va-faq-answer"])
            answer_box += answer.children
            details += answer_box
            item.replace_self(details)


class StrayQuestionCheck(SphinxTransform):
    """A ``va-question`` outside ``va-faq`` still shows, as a plain question and answer."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        for question in list(self.document.findall(custom_question)):
            warn(
                "va-question is only valid inside va-faq; shown as a plain question",
                "directive",
                question,
            )
            box = nodes.container(classes=["va-faq-item"])
            title = question[0]
            assert isinstance(title, nodes.paragraph)
            box += nodes.rubric(title.rawsource, "", *title.children, classes=["va-faq-question"])
            box += question.children[1:]
            question.replace_self(box)


def faq_entries(doctree: nodes.document) -> list[tuple[str, str]]:
    """``(question, answer)`` of every FAQ item on a resolved HTML page."""
    entries = []
    for details in doctree.findall(faq_details):
        summary, answer = details[0], details[1:]
        entries.append((summary.astext(), " ".join(node.astext() for node in answer)))
    for question in doctree.findall(nodes.section):
        if "va-faq-question" in question["classes"]:
            title, answer = question[0], question[1:]
            entries.append((title.astext(), " ".join(node.astext() for node in answer)))
    return entries


def add_faq_json_ld(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: schema.org ``FAQPage`` data, when the config asks for it."""
    if doctree is None or not build_state(app.env).model.search_engines.faq_json_ld:
        return
    entries = faq_entries(doctree)
    if not entries:
        return
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": (app.config.language or "en").replace("_", "-"),
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": " ".join(answer.split())},
            }
            for question, answer in entries
        ],
    }
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    context["metatags"] = (
        context.get("metatags", "") + f'<script type="application/ld+json">{text}</script>\n'
    )


def setup_faq(app: Sphinx) -> None:
    app.add_node(
        faq_details,
        html=(visit_faq_details, depart_faq_details),
    )
    app.add_node(faq_summary, html=(visit_faq_summary, depart_faq_summary))
    app.add_node(custom_question)
    app.add_node(faq_item)
    app.add_directive("va-faq", FaqDirective)
    app.add_directive("va-question", QuestionDirective)
    app.add_post_transform(AccordionHtmlTransform)
    app.add_transform(StrayQuestionCheck)
    app.connect("html-page-context", add_faq_json_ld)
