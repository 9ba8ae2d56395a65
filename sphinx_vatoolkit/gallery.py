"""``va-infographic-gallery``: the infographics table with thumbnails and downloads."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes

from sphinx_vatoolkit import content
from sphinx_vatoolkit.base import MODE_OPTION, OptionSpec, VaDirective, names
from sphinx_vatoolkit.config import INDUSTRIES
from sphinx_vatoolkit.i18n import N_, _
from sphinx_vatoolkit.infographic import (
    INFOGRAPHIC_OPTIONS,
    download_links,
    generated_infographic,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_vatoolkit.facts import Facts
    from sphinx_vatoolkit.presets import IndustryInfographic

THUMBNAIL_DIR = Path(__file__).parent / "thumbnails"
GALLERY_OPTIONS = {"industries": names(*INDUSTRIES)} | INFOGRAPHIC_OPTIONS


def chosen_infographics(directive: VaDirective, facts: Facts) -> list[IndustryInfographic]:
    default = facts.model.infographics.industries
    industries = directive.name_list("industries", default)
    available = {graphic.industry: graphic for graphic in facts.platform.infographics}
    return [
        with_organization_files(available[industry], facts)
        for industry in industries
        if industry in available
    ]


def with_organization_files(graphic: IndustryInfographic, facts: Facts) -> IndustryInfographic:
    """The organization's own (e.g. translated) files replace the preset's downloads."""
    files = facts.model.infographics.files.get(graphic.industry)
    if files is None:
        return graphic
    return replace(
        graphic,
        pdf=facts.url(files.pdf) if files.pdf is not None else graphic.pdf,
        pptx=facts.url(files.pptx) if files.pptx is not None else graphic.pptx,
    )


def _row(directive: VaDirective, graphic: IndustryInfographic) -> nodes.row:
    row = nodes.row()
    picture = nodes.entry()
    uri = content.source_uri(directive.env.srcdir, THUMBNAIL_DIR / graphic.thumbnail)
    if uri is not None:
        image = nodes.image(uri=uri, alt=str(graphic.alt), width="160px")
        image["classes"].append("va-thumbnail")
        reference = nodes.reference("", "", image, refuri=graphic.pdf, internal=False)
        picture += nodes.paragraph("", "", reference)
    else:
        picture += nodes.paragraph("", "", content.link(graphic.pdf, str(graphic.title)))
    row += picture
    details = nodes.entry()
    details += nodes.paragraph("", "", content.strong(str(graphic.title)))
    details += nodes.paragraph(str(graphic.description), str(graphic.description))
    details += content.bullet_list(
        [
            [content.link(graphic.pdf, _("Download as a PDF"))],
            [content.link(graphic.pptx, _("Download as a PowerPoint"))],
        ]
    )
    row += details
    return row


def _generated_row(directive: VaDirective, facts: Facts) -> nodes.row:
    """The organization's own infographic, generated from the config: always first."""
    data, rendered = generated_infographic(directive, facts)
    row = nodes.row(classes=["va-gallery-generated"])
    picture = nodes.entry()
    uri = content.source_uri(directive.env.srcdir, rendered.png) if rendered.png else None
    if uri is not None:
        picture += nodes.image(
            uri=uri,
            alt=content.format_text(
                facts.organization_sentence(N_("Thumbnail of the {org} infographic")),
                **facts.organization_forms(),
            ),
            width="160px",
            classes=["va-thumbnail"],
        )
    else:
        picture += nodes.paragraph("", "", nodes.strong("", "", content.fact_text(data.org_name)))
    row += picture
    details = nodes.entry()
    title = content.fill(
        facts.organization_sentence(N_("{org}: your infographic")), **facts.organization_forms()
    )
    details += nodes.paragraph("", "", nodes.strong("", "", *title))
    description = _(
        "Generated from your configuration in this page's language, with your colours, "
        "links and contact details. Ready to publish as it is."
    )
    details += nodes.paragraph(description, description)
    details += content.bullet_list(download_links(directive, rendered))
    row += details
    return row


def build_gallery(directive: VaDirective, facts: Facts) -> list[nodes.Node]:
    graphics = chosen_infographics(directive, facts)
    generated = facts.model.infographics.generated
    if not graphics and not generated:
        directive.warn(
            f"{directive.name}: the platform preset {facts.platform.key!r} has no "
            "infographics for the chosen industries",
            "gallery",
        )
        return []
    table = nodes.table(classes=["va-gallery"])
    table += nodes.title("", _("Infographics"))
    group = nodes.tgroup(cols=2)
    table += group
    group += nodes.colspec(colwidth=35)
    group += nodes.colspec(colwidth=65)
    head = nodes.thead()
    header = nodes.row()
    for label in (_("Infographic"), _("Description and downloads")):
        header += nodes.entry("", nodes.paragraph("", str(label)))
    head += header
    group += head
    body = nodes.tbody()
    if generated:
        body += _generated_row(directive, facts)
    for graphic in graphics:
        body += _row(directive, graphic)
    group += body
    content.mark_generated([table])
    for node in table.findall(nodes.Element):
        directive.set_source_info(node)
    return [table]


class GalleryDirective(VaDirective):
    """``va-infographic-gallery``: thumbnail, description and downloads per industry."""

    option_spec: ClassVar[dict[str, Any]] = OptionSpec(MODE_OPTION | GALLERY_OPTIONS)

    def build(self) -> list[nodes.Node]:
        return build_gallery(self, self.facts())


def setup_gallery(app: Sphinx) -> None:
    app.add_directive("va-infographic-gallery", GalleryDirective)
