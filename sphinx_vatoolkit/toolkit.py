"""``va-toolkit`` (the whole page in the reference order) and ``va-overview``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform

from sphinx_vatoolkit import content
from sphinx_vatoolkit.base import MODE_OPTION, OptionSpec, VaDirective, names
from sphinx_vatoolkit.faq import FAQ_OPTIONS, QUESTION_KEYS, build_faq, leave_out_page_questions
from sphinx_vatoolkit.gallery import GALLERY_OPTIONS, build_gallery
from sphinx_vatoolkit.i18n import N_, _
from sphinx_vatoolkit.report import warn
from sphinx_vatoolkit.resources import build_resources
from sphinx_vatoolkit.steps import build_steps
from sphinx_vatoolkit.video import build_video

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_vatoolkit.facts import Facts

SECTIONS = ("intro", "video", "overview", "faq", "team", "clients", "gallery", "steps")
DEFAULT_SECTIONS = {
    "guide": SECTIONS,
    "client": ("intro", "video", "faq", "clients"),
}
OVERVIEW_ITEMS = ("faq", "team", "clients")


def section_titles(facts: Facts) -> dict[str, str]:
    guide = facts.mode == "guide"
    return {
        "overview": _("What's included in this toolkit"),
        "faq": _("Guidance for your website") if guide else _("Frequently asked questions"),
        "team": _("Resources for your team"),
        "clients": content.format_text(_("Resources for your {audience}"), audience=facts.audience)
        if guide
        else _("More help"),
        "gallery": _("Infographics"),
        "steps": _("Customize your infographic"),
    }


def _intro(facts: Facts) -> list[nodes.Node]:
    if facts.mode == "guide":
        text = N_(
            "Now that {org} offers virtual appointments with {platform}, make sure your "
            "{audience} know how to book and join them. This toolkit gives you a ready-made FAQ "
            "for your website, articles and videos for your team, and resources for your "
            "{audience}."
        )
    else:
        text = N_(
            "{org} offers virtual appointments: you can meet our staff by video from home, "
            "on a computer, phone or tablet. This page explains how to book, prepare and join."
        )
    return [
        content.paragraph(
            facts.organization_sentence(text),
            platform=facts.platform_name,
            audience=facts.audience,
            **facts.organization_forms(),
        )
    ]


def overview_list(
    facts: Facts, targets: dict[str, str], shown: Sequence[str] = OVERVIEW_ITEMS
) -> nodes.bullet_list:
    titles = section_titles(facts)
    # Each follows "{link}: ", so it starts in lower case.
    descriptions = {
        "faq": _(
            "draft answers to the common questions of your {audience} about virtual "
            "appointments, filled in from your organization's details"
        )
        if facts.mode == "guide"
        else _("answers to common questions about virtual appointments"),
        "team": _("articles and videos that help your staff conduct virtual appointments"),
        "clients": _(
            "support articles that show your {audience} how to join, and infographics you can "
            "customize for your organization"
        )
        if facts.mode == "guide"
        else _("articles that show you how to join a virtual appointment"),
    }
    items = []
    for key in OVERVIEW_ITEMS:
        if key not in shown or (facts.mode == "client" and key == "team"):
            continue
        reference = content.internal_link(targets.get(key, f"va-{key}"), titles[key])
        reference["classes"].append("va-overview-link")
        items.append(
            content.fill(
                _("{link}: {description}"),
                link=reference,
                description=content.fill(descriptions[key], audience=facts.audience),
            )
        )
    listing = content.bullet_list(items)
    listing["classes"].append("va-overview")
    return listing


class ToolkitDirective(VaDirective):
    """``va-toolkit``: every part of the toolkit, in the reference order."""

    has_content = True  # va-question directives, which join the toolkit's FAQ
    # Every option of the directives it is made of; :exclude: takes sections and questions.
    option_spec: ClassVar[dict[str, Any]] = OptionSpec(
        MODE_OPTION
        | FAQ_OPTIONS
        | GALLERY_OPTIONS
        | {"sections": names(*SECTIONS), "exclude": names(*SECTIONS, *QUESTION_KEYS)}
    )

    def build(self) -> list[nodes.Node]:
        mode = self.mode
        facts = self.facts(mode)
        chosen = self.name_list("sections", DEFAULT_SECTIONS[mode])
        excluded = set(self.name_list("exclude", ()))
        chosen = [name for name in chosen if name not in excluded]
        titles = section_titles(facts)
        ids = {key: content.unique_id(self.state.document, f"va-{key}") for key in OVERVIEW_ITEMS}
        result: list[nodes.Node] = []
        clients_section: nodes.section | None = None
        for name in chosen:
            if name == "intro":
                body = _intro(facts)
                content.mark_generated(body)
                result.extend(body)
            elif name == "video":
                # Shown by default only where there is a video; warns if asked for by name.
                video = build_video(self, facts, asked="video" in self.options.get("sections", ()))
                if video and mode == "guide":
                    result.append(
                        self._lead(
                            _(
                                "Watch this video for a quick overview of what virtual "
                                "appointments can do for your organization."
                            ),
                            facts,
                        )
                    )
                result.extend(video)
            elif name == "overview":
                overview = self.section("va-overview", titles["overview"])
                overview += self._lead(
                    _(
                        "This toolkit helps you help your {audience} join virtual appointments "
                        "successfully. Customize what it provides and link to it when you tell "
                        "your {audience} about virtual appointments. It includes:"
                    ),
                    facts,
                )
                listing = overview_list(facts, ids, chosen)
                content.mark_generated([listing])
                overview += listing
                result.append(overview)
            elif name == "faq":
                faq = self.section(ids["faq"], titles["faq"])
                faq += self._lead(
                    _(
                        "Answer the common questions of your {audience} before they ask. Each "
                        "question comes with a draft answer written from your organization's "
                        "details, ready to copy to your website, followed by what the answer "
                        "should cover and which settings fill it in."
                    )
                    if mode == "guide"
                    else _("Find answers to common questions about virtual appointments below."),
                    facts,
                )
                faq += build_faq(self, mode)
                result.append(faq)
            elif name == "team":
                team = self.section(ids["team"], titles["team"])
                team += self._lead(
                    _(
                        "Make sure your staff members know how to conduct virtual "
                        "appointments. Share these articles and videos with them."
                    ),
                    facts,
                )
                team += build_resources(self, "team", facts)
                result.append(team)
            elif name == "clients":
                clients_section = self.section(ids["clients"], titles["clients"])
                clients_section += self._lead(
                    _(
                        "Link to these articles to show your {audience} how to join a virtual "
                        "appointment:"
                    )
                    if mode == "guide"
                    else _("These articles show you how to join a virtual appointment:"),
                    facts,
                )
                clients_section += build_resources(self, "clients", facts)
                result.append(clients_section)
            elif name == "gallery":
                gallery_lead = self._lead(
                    _(
                        "These infographics show your {audience}, quickly and visually, how "
                        "virtual appointments with your organization work. The first is made "
                        "from your details and ready to publish as it is; download one of the "
                        "others to customize it for your website."
                    )
                    if facts.model.infographics.generated
                    else _(
                        "Download one of these infographics and customize it for your "
                        "website. They show your {audience}, quickly and visually, how virtual "
                        "appointments with your organization work."
                    ),
                    facts,
                )
                gallery = build_gallery(self, facts)
                if clients_section is not None:
                    clients_section += gallery_lead
                    clients_section += gallery
                else:
                    own = self.section("va-gallery", titles["gallery"])
                    own += gallery_lead
                    own += gallery
                    result.append(own)
            elif name == "steps":
                steps = self.section("va-steps", titles["steps"])
                steps += build_steps(self, facts)
                if clients_section is not None:
                    clients_section += steps
                else:
                    result.append(steps)
        if "faq" not in chosen and self.content:
            option = "exclude" if "faq" in excluded else "sections"
            leave_out_page_questions(self, option)
        return result

    def _lead(self, template: str, facts: Facts) -> nodes.paragraph:
        lead = content.paragraph(template, audience=facts.audience)
        content.mark_generated([lead])
        return lead


class OverviewDirective(VaDirective):
    """``va-overview``: what the toolkit includes, linking to its sections on the page."""

    option_spec: ClassVar[dict[str, Any]] = OptionSpec(
        MODE_OPTION | {item: directives.unchanged for item in OVERVIEW_ITEMS}
    )

    def build(self) -> list[nodes.Node]:
        facts = self.facts()
        targets = {
            item: nodes.make_id(str(self.options[item]))
            for item in OVERVIEW_ITEMS
            if self.options.get(item)
        }
        listing = overview_list(facts, targets)
        content.mark_generated([listing])
        return [listing]


class OverviewLinkCheck(SphinxTransform):
    """Unlink overview entries whose section is not on the page, and say so."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            if "va-overview-link" not in reference["classes"]:
                continue
            if reference["refid"] in self.document.ids:
                continue
            warn(
                "va-overview: the page has no section with the id %r to link to (use "
                "va-toolkit, or name the section with the option :faq:, :team: or :clients:)",
                "reference",
                reference,
                reference["refid"],
            )
            reference.replace_self(nodes.inline("", "", *reference.children))


def setup_toolkit(app: Sphinx) -> None:
    app.add_directive("va-toolkit", ToolkitDirective)
    app.add_directive("va-overview", OverviewDirective)
    app.add_transform(OverviewLinkCheck)
