"""Preparing for the appointment: device check, place, what to have ready, forms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_vatoolkit import content
from sphinx_vatoolkit.content import paragraph
from sphinx_vatoolkit.faq.answers import plain_paragraph
from sphinx_vatoolkit.faq.registry import Shown, question
from sphinx_vatoolkit.i18n import _

if TYPE_CHECKING:
    from sphinx_vatoolkit.facts import Facts


@question(
    "test-device",
    group="prepare",
    title=_("How can I check my device before the appointment?"),
    guide=_(
        "Ask {audience} to test their device and connection beforehand, and link to a test "
        "page if your platform has one."
    ),
    facts=("platform.test_url",),
    shown=Shown.ALWAYS,
)
def test_device(facts: Facts) -> list[nodes.Node]:
    result: list[nodes.Node] = [
        plain_paragraph(
            _(
                "Before the day of your appointment, check that your camera, microphone and "
                "speakers work and that your internet connection is stable. Update your "
                "browser or app to the latest version."
            )
        )
    ]
    if facts.platform.test_url:
        result.append(
            paragraph(
                _("You can test your device on {test_page}."),
                test_page=content.link(facts.url(facts.platform.test_url), _("the test page")),
            )
        )
    return result


@question(
    "place",
    group="prepare",
    title=_("Where should I be during the appointment?"),
    guide=_("Suggest a quiet, private, well-lit place with a good connection."),
    facts=(),
    shown=Shown.ALWAYS,
)
def place(facts: Facts) -> list[nodes.Node]:
    return [
        plain_paragraph(
            _(
                "Choose a quiet, private place with good lighting, with the light in front of "
                "you rather than behind you. Sit where your connection is strongest, and keep "
                "your device charged or plugged in."
            )
        )
    ]


@question(
    "have-ready",
    group="prepare",
    title=_("What should I have ready?"),
    guide=_(
        "List what {audience} should have at hand: documents, an ID card, the details of "
        "what they want to discuss and their questions."
    ),
    facts=("prepare.checklist", "organization.industry"),
    shown=Shown.ALWAYS,
)
def have_ready(facts: Facts) -> list[nodes.Node]:
    checklist = facts.model.prepare.checklist
    if checklist:
        return [
            plain_paragraph(_("Please have these ready before you join:")),
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
    return [plain_paragraph(generic[facts.model.organization.industry])]


@question(
    "forms",
    group="prepare",
    title=_("Do I need to fill in any forms before the appointment?"),
    guide=_("Point {audience} to any forms they must fill in before joining."),
    facts=("prepare.forms", "prepare.forms_url"),
    shown=Shown.WHEN_ANY_FACT_IS_SET,
)
def forms(facts: Facts) -> list[nodes.Node]:
    prepare = facts.model.prepare
    result: list[nodes.Node] = []
    if prepare.forms:
        result.append(content.fact_paragraph(facts.text(prepare.forms)))
    if prepare.forms_url:
        result.append(
            paragraph(
                _("Before you join, please fill in {forms_page}."),
                forms_page=content.link(prepare.forms_url, _("our online forms")),
            )
        )
    if not result:
        facts.missing("prepare.forms_url", "prepare.forms")
        result.append(
            plain_paragraph(
                _(
                    "If we ask you to fill in forms before your appointment, please do so "
                    "before you join, so that your appointment can start on time."
                )
            )
        )
    return result
