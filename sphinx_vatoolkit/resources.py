"""``va-resources``: links for the organization's team or for its clients."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes

from sphinx_vatoolkit import content
from sphinx_vatoolkit.base import MODE_OPTION, OptionSpec, VaDirective, choice
from sphinx_vatoolkit.i18n import _
from sphinx_vatoolkit.presets import localized_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_vatoolkit.facts import Facts

AUDIENCES = ("team", "clients")


def resource_links(facts: Facts, audience: str) -> list[tuple[str, str, str | None]]:
    """``(title, url, description)`` of the preset's links, then the organization's."""
    preset = facts.platform
    preset_links = preset.team_links if audience == "team" else preset.client_links
    own = facts.model.resources.team if audience == "team" else facts.model.resources.clients
    links: list[tuple[str, str, str | None]] = [
        (str(link.title), localized_url(link.url, facts.language), str(link.description))
        for link in preset_links
    ]
    links.extend(
        (
            facts.text(link.title),
            facts.url(link.url),
            facts.text(link.description) if link.description is not None else None,
        )
        for link in own
    )
    return links


def build_resources(directive: VaDirective, audience: str, facts: Facts) -> list[nodes.Node]:
    links = resource_links(facts, audience)
    if not links:
        facts.missing(f"resources.{audience}")
        return []
    items = []
    for title, url, description in links:
        reference = content.link(url, title)
        if description:
            items.append(
                content.fill(_("{link}: {description}"), link=reference, description=description)
            )
        else:
            items.append([reference])
    listing = content.bullet_list(items)
    listing["classes"].append("va-resources")
    listing["classes"].append(f"va-resources-{audience}")
    content.mark_generated([listing])
    return [listing]


class ResourcesDirective(VaDirective):
    """``va-resources``: the preset's support links plus the organization's own."""

    option_spec: ClassVar[dict[str, Any]] = OptionSpec(
        MODE_OPTION | {"audience": choice(*AUDIENCES)}
    )

    def build(self) -> list[nodes.Node]:
        if "audience" not in self.options:
            self.warn(f"{self.name}: the option :audience: is required (team or clients)")
            return []
        audience = self.choice("audience", "clients")
        return build_resources(self, audience, self.facts())


def setup_resources(app: Sphinx) -> None:
    app.add_directive("va-resources", ResourcesDirective)
