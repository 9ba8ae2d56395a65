"""sphinx-vatoolkit: a branded, multilingual virtual appointments toolkit for Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from sphinx_vatoolkit.addresses import setup_addresses
from sphinx_vatoolkit.brand import setup_brand
from sphinx_vatoolkit.config import setup_config
from sphinx_vatoolkit.content import setup_content
from sphinx_vatoolkit.faq import setup_faq
from sphinx_vatoolkit.fragments import setup_fragments
from sphinx_vatoolkit.gallery import setup_gallery
from sphinx_vatoolkit.i18n import setup_i18n
from sphinx_vatoolkit.infographic import setup_infographic
from sphinx_vatoolkit.languages import setup_languages
from sphinx_vatoolkit.pages import setup_pages
from sphinx_vatoolkit.plaintext import setup_plaintext
from sphinx_vatoolkit.resources import setup_resources
from sphinx_vatoolkit.roles import setup_roles
from sphinx_vatoolkit.state import build_state, setup_state, vatoolkit_domain
from sphinx_vatoolkit.steps import setup_steps
from sphinx_vatoolkit.theme import setup_theme
from sphinx_vatoolkit.toolkit import setup_toolkit
from sphinx_vatoolkit.video import setup_video

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "vatoolkit.css"
ENV_VERSION = 5  # 5: facts are kept from smart quotes (content.fact_text)


def add_static_files(app: Sphinx) -> None:
    """``builder-inited``: the stylesheet, for HTML builders only; on every page when the
    site is enhanced (the vatoolkit theme, or ``vatoolkit_site_enhancements``), else
    only on the pages that use the toolkit (:func:`add_page_stylesheet`)."""
    if app.builder.format != "html":
        return
    # A new list: the default one is shared by every build in the process.
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC_DIR)]
    if build_state(app.env).site_wide or app.registry.html_assets_policy == "always":
        app.add_css_file(STYLESHEET)


def add_page_stylesheet(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the stylesheet on a page that uses the toolkit (in
    ``singlehtml``, the one page holds them all), as ``sphinx.ext.mathjax`` adds its
    script only where there is mathematics."""
    if build_state(app.env).site_wide or app.registry.html_assets_policy == "always":
        return  # on every page already
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return
    pages = vatoolkit_domain(app.env).toolkit_pages
    if pagename in pages or (isinstance(builder, SingleFileHTMLBuilder) and pages):
        builder.add_css_file(STYLESHEET)


def setup(app: Sphinx) -> ExtensionMetadata:
    setup_config(app)
    setup_i18n(app)
    setup_state(app)
    setup_content(app)
    setup_faq(app)
    setup_resources(app)
    setup_gallery(app)
    setup_steps(app)
    setup_video(app)
    setup_plaintext(app)
    setup_addresses(app)
    setup_infographic(app)
    setup_toolkit(app)
    setup_roles(app)
    setup_brand(app)
    setup_languages(app)
    setup_pages(app)
    setup_theme(app)
    setup_fragments(app)
    app.connect("builder-inited", add_static_files)
    app.connect("html-page-context", add_page_stylesheet)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
