"""sphinx-vatoolkit: a branded, multilingual virtual appointments toolkit for Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
from sphinx_vatoolkit.state import setup_state
from sphinx_vatoolkit.steps import setup_steps
from sphinx_vatoolkit.theme import setup_theme
from sphinx_vatoolkit.toolkit import setup_toolkit
from sphinx_vatoolkit.video import setup_video

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

STATIC_DIR = Path(__file__).parent / "static"
ENV_VERSION = 5  # 5: facts are kept from smart quotes (content.fact_text)


def add_static_files(app: Sphinx) -> None:
    """``builder-inited``: the stylesheet, for HTML builders only."""
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file("vatoolkit.css")


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
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
