"""``va-infographic-steps``: how to customize an infographic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes

from sphinx_vatoolkit import content
from sphinx_vatoolkit.base import MODE_OPTION, OptionSpec, VaDirective
from sphinx_vatoolkit.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_vatoolkit.facts import Facts


def _enumerated(items: list[list[nodes.Node]], enumtype: str = "arabic") -> nodes.enumerated_list:
    listing = nodes.enumerated_list(enumtype=enumtype, prefix="", suffix=".")
    for body in items:
        listing += nodes.list_item("", *body)
    return listing


def _para(template: str, **parts: Any) -> nodes.paragraph:
    return content.paragraph(template, **parts)


def _your_pages(facts: Facts) -> list[list[nodes.Node]]:
    pages = []
    model = facts.model
    for label, url in (
        (_("Booking page"), model.booking.url),
        (_("Billing information"), model.organization.billing_url),
        (_("Home page"), model.organization.website),
    ):
        if url:
            pages.append(content.fill(_("{label}: {url}"), label=label, url=content.link(url)))
    return pages


def build_steps(directive: VaDirective, facts: Facts) -> list[nodes.Node]:
    brand = facts.model.brand
    colours: list[nodes.Node] = [_para(_("Use your organization's colours and preferred fonts."))]
    brand_facts = [
        content.fill(_("{label}: {value}"), label=label, value=content.literal(value))
        for label, value in (
            (_("Primary colour"), brand.primary_color),
            (_("Accent colour"), brand.accent_color),
            (_("Font"), brand.font),
        )
        if value
    ]
    if brand_facts:
        colours.append(content.bullet_list(brand_facts))
    links: list[nodes.Node] = [
        _para(
            _(
                "Link to pages on your website, such as your booking page, your billing "
                "information or your home page."
            )
        )
    ]
    pages = _your_pages(facts)
    if pages:
        links.append(content.bullet_list(pages))
    customize = _enumerated(
        [
            colours,
            [_para(_("Add your organization's logo or branded images."))],
            links,
            [
                _para(
                    _(
                        "Add any other information your {audience} need to know before "
                        "they join a virtual appointment."
                    ),
                    audience=facts.audience,
                )
            ],
        ],
        "loweralpha",
    )
    industries = _enumerated(
        [
            [_para(_("Healthcare"))],
            [_para(_("Financial services"))],
            [_para(_("Retail"))],
            [_para(_("General, for any other kind of organization"))],
        ],
        "loweralpha",
    )
    steps = _enumerated(
        [
            [_para(_("Choose the infographic that fits your organization:")), industries],
            [_para(_("Customize the infographic in PowerPoint:")), customize],
            [_para(_("Export your customized infographic as a PDF and publish it."))],
        ]
    )
    steps["classes"].append("va-steps")
    content.mark_generated([steps])
    for node in steps.findall(nodes.Element):
        directive.set_source_info(node)
    return [steps]


class StepsDirective(VaDirective):
    """``va-infographic-steps``: choose, customize and export an infographic."""

    option_spec: ClassVar[dict[str, Any]] = OptionSpec(MODE_OPTION)

    def build(self) -> list[nodes.Node]:
        return build_steps(self, self.facts())


def setup_steps(app: Sphinx) -> None:
    app.add_directive("va-infographic-steps", StepsDirective)
