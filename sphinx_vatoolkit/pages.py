"""What every HTML page of the site gets: heading levels for toctree captions, phone
numbers that stay on one line, and a meta description.

These change pages that use no directive, so they come with the vatoolkit theme (or a
theme inheriting from it) and, under any other theme, only when the project opts in
with ``vatoolkit_site_enhancements = True`` (:func:`enhances_site`): adding the
extension to a site changes only the pages that use it. A page that uses a directive
or role gets its phone numbers kept whole under every theme.

* Sphinx writes a toctree's caption as ``<p class="caption" role="heading">`` without
  ``aria-level`` (Sphinx issue 14030), which axe reports on every page that shows one.
  The HTML translators of every theme get the level: one below the section the
  toctree stands in (2 under the page title, and 2 in a sidebar).
* ``tel:`` links get the class ``va-phone`` (``white-space: nowrap`` in vatoolkit.css),
  so "+34 910 555 199" never breaks in two.
* ``<meta name="description">``: the page's opening paragraph, shortened to what search
  engines show, else ``organization.description`` in the build language; a description
  the page sets itself (the ``meta`` directive) wins.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vatoolkit.facts import Facts
from sphinx_vatoolkit.state import build_state, vatoolkit_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

PHONE_CLASS = "va-phone"
MAX_DESCRIPTION = 200  # characters of whole sentences in a description
CUT_DESCRIPTION = 160  # a longer first sentence is cut: about what search engines show
_HAS_DESCRIPTION = re.compile(r"<meta\b[^>]*\bname=[\"']?description\b", re.IGNORECASE)
_CAPTION_TAG = 'role="heading"'
SITE_ENHANCEMENTS = "vatoolkit_site_enhancements"
THEME_DIR = Path(__file__).parent / "theme" / "vatoolkit"


# -- which pages ---------------------------------------------------------------------


def uses_vatoolkit_theme(builder: Builder) -> bool:
    """Does the builder draw its pages with the vatoolkit theme, or one inheriting it?"""
    theme = getattr(builder, "theme", None)
    if theme is None or builder.format != "html":
        return False
    return any(Path(folder) == THEME_DIR for folder in theme.get_theme_dirs())


def enhances_site(builder: Builder, config: Config) -> bool:
    """Do the site-wide additions apply to every page of this build?"""
    return builder.format == "html" and (
        uses_vatoolkit_theme(builder) or bool(config[SITE_ENHANCEMENTS])
    )


# -- toctree captions --------------------------------------------------------------


def is_toctree_caption(node: nodes.Node) -> bool:
    parent = node.parent
    return isinstance(parent, addnodes.compact_paragraph) and bool(parent.get("toctree"))


def caption_level(translator: HTML5Translator) -> int:
    """One below the section the toctree stands in: 2 under the page title or alone."""
    return min(6, max(2, int(getattr(translator, "section_level", 0)) + 1))


def visit_title(self: HTML5Translator, node: nodes.title) -> None:
    """The translator's own ``visit_title``, then an ``aria-level`` for a toctree caption."""
    type(self).visit_title(self, node)
    if not is_toctree_caption(node) or not build_state(self.builder.env).site_wide:
        return
    for index in range(len(self.body) - 1, max(-1, len(self.body) - 5), -1):
        part = self.body[index]
        if _CAPTION_TAG in part:
            if "aria-level" not in part:
                self.body[index] = part.replace(
                    _CAPTION_TAG, f'{_CAPTION_TAG} aria-level="{caption_level(self)}"', 1
                )
            return


# -- phone numbers -----------------------------------------------------------------


class PhoneLinks(SphinxPostTransform):
    """``tel:`` links, the directives' and the author's, keep their number on one line:
    on the pages that use the toolkit, and on every page where the site is enhanced."""

    default_priority = 210
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        domain = vatoolkit_domain(self.env)
        everywhere = domain.state.site_wide
        # Walked down from the top: ``singlehtml`` joins every page in one tree, each
        # under a ``start_of_file`` (whose children keep their own page as parent).
        pending: list[tuple[nodes.Element, str]] = [(self.document, str(self.env.docname))]
        while pending:
            node, page = pending.pop()
            if isinstance(node, addnodes.start_of_file):
                page = str(node["docname"])
            if isinstance(node, nodes.reference) and (everywhere or page in domain.toolkit_pages):
                uri = str(node.get("refuri", ""))
                if uri[:4].lower() == "tel:" and PHONE_CLASS not in node["classes"]:
                    node["classes"].append(PHONE_CLASS)
            pending.extend(
                (child, page) for child in node.children if isinstance(child, nodes.Element)
            )


# -- meta description --------------------------------------------------------------


# Text inside these is not read as words of the paragraph.
_NOT_PROSE = (
    nodes.raw,
    nodes.comment,
    nodes.system_message,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.substitution_definition,
)


def prose(paragraph: nodes.paragraph) -> str:
    """What a reader reads of a paragraph: no raw markup, comments or note numbers."""
    words = [
        str(text)
        for text in paragraph.findall(nodes.Text)
        if not any(isinstance(parent, _NOT_PROSE) for parent in _ancestors(text, paragraph))
    ]
    return " ".join("".join(words).split())


def _ancestors(node: nodes.Node, stop: nodes.Node) -> list[nodes.Node]:
    found = []
    parent = node.parent
    while parent is not None and parent is not stop:
        found.append(parent)
        parent = parent.parent
    return found


def opening_paragraph(doctree: nodes.document) -> str | None:
    """The text of the page's first paragraph of its own: one that stands directly in
    the page or a section (not in a list, table, admonition or table of contents)."""
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph, addnodes.compact_paragraph):
            continue
        if not isinstance(paragraph.parent, (nodes.section, nodes.document)):
            continue
        text = prose(paragraph)
        if text:
            return text
    return None


def shortened(text: str, limit: int = MAX_DESCRIPTION, cut_at: int = CUT_DESCRIPTION) -> str:
    """``text`` as whole sentences in at most ``limit`` characters, else its first
    ``cut_at`` characters cut at a word, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    kept = ""
    for sentence in sentences:
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    cut = text[: cut_at - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;:–- ") + "…"


def page_description(app: Sphinx, doctree: nodes.document | None) -> str | None:
    text = opening_paragraph(doctree) if doctree is not None else None
    if text is None:
        state = build_state(app.env)
        value = state.model.organization.description
        if value is None:
            return None
        facts = Facts.for_state(state, app.config.language, app.config.project)
        text = facts.text(value)
    return shortened(text) or None


def add_description(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: ``<meta name="description">`` where the page has none."""
    if not build_state(app.env).site_wide:
        return
    metatags = str(context.get("metatags", ""))
    if _HAS_DESCRIPTION.search(metatags):
        return
    description = page_description(app, doctree)
    if description:
        tag = f'<meta name="description" content="{html.escape(description, quote=True)}" />'
        context["metatags"] = f"{metatags}{tag}\n"


def note_site_wide(app: Sphinx) -> None:
    """``builder-inited``: once the theme is known, do the additions apply to every page?"""
    build_state(app.env).site_wide = enhances_site(app.builder, app.config)


def setup_pages(app: Sphinx) -> None:
    app.add_config_value(
        SITE_ENHANCEMENTS,
        False,
        "html",
        types=frozenset({bool}),
        description=(
            "Under a theme other than vatoolkit, give every page, not only those that use "
            "the toolkit, the page icon, a meta description, toctree captions with a heading "
            "level, phone numbers on one line, the stylesheet and a translated search field."
        ),
    )
    app.connect("builder-inited", note_site_wide, priority=110)
    app.add_node(nodes.title, override=True, html=(visit_title, None))
    app.add_post_transform(PhoneLinks)
    app.connect("html-page-context", add_description)
