"""The ``vatoolkit`` HTML theme: for an organization's clients, not for programmers.

Large readable type, mobile first, the organization's logo and colours, a language
switcher, a prominent booking link, print styles and no JavaScript required. The
theme only draws pages; the directives come from the ``sphinx_vatoolkit`` extension,
which the theme loads.

What the theme shows on every page (the organization's name, booking link, support
contacts, colours) comes from the facts, which Sphinx does not see change: when they
change, every page is written again (:func:`rewrite_pages_when_facts_change`).

Its page context is plain data (strings, lists, dictionaries), so that the JSON and
pickle builders can write it; the one callable, ``vatoolkit_navigation``, is a
top-level entry, which those builders leave out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from sphinx_vatoolkit.brand import palette_for
from sphinx_vatoolkit.content import phone_uri
from sphinx_vatoolkit.facts import Facts
from sphinx_vatoolkit.files import Logo, project_logo
from sphinx_vatoolkit.i18n import _
from sphinx_vatoolkit.languages import is_web_page_builder
from sphinx_vatoolkit.pages import PHONE_CLASS, THEME_DIR, uses_vatoolkit_theme
from sphinx_vatoolkit.state import build_state
from sphinx_vatoolkit.theme.navigation import Navigation, build_navigation

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

LOGO_NAME = "vatoolkit-logo"
# The page icon when the project has neither html_favicon nor a logo.
ICON_NAME = "vatoolkit-icon.svg"
ICON_FILE = THEME_DIR / "static" / ICON_NAME


def ui_text() -> dict[str, str]:
    return {
        "skip": _("Skip to main content"),
        "book": _("Book an appointment"),
        "menu": _("Menu"),
        "site_nav": _("Site navigation"),
        "pages": _("Previous and next page"),
        "previous": _("Previous:"),
        "next": _("Next:"),
        "help": _("Need help?"),
        "search": _("Search"),
    }


def _logo(app: Sphinx) -> Logo | None:
    """The checked (and, for SVG, cleaned) logo: see :mod:`sphinx_vatoolkit.files`."""
    state = build_state(app.env)
    return project_logo(state.model, state.confdir, Path(app.srcdir))


def copy_logo(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the logo goes to ``_static`` under a fixed name (without a
    logo, the built-in page icon does).

    What is written is the checked logo's bytes, named by its content; a logo an
    earlier build published under another name, or one no longer allowed, is removed.
    """
    if exception is not None or app.builder.format != "html":
        return
    # Only the site-wide pages show it: the theme's header, the page icon.
    publish = build_state(app.env).site_wide and is_web_page_builder(app)
    logo = _logo(app) if publish else None
    static = Path(app.outdir, "_static")
    target = static / f"{LOGO_NAME}{logo.suffix}" if logo is not None else None
    if static.is_dir():
        for stale in static.glob(f"{LOGO_NAME}.*"):
            if stale != target and (stale.is_file() or stale.is_symlink()):
                stale.unlink()
    if logo is not None and target is not None:
        static.mkdir(parents=True, exist_ok=True)
        if target.is_symlink():
            target.unlink()
        target.write_bytes(logo.data)
    elif publish:
        copy_icon(app)


@dataclass
class SiteContext:
    """What every page of a build shares: worked out once, on the first page."""

    org_name: str
    website: str | None
    booking_url: str | None
    support: list[dict[str, str | None]]  # text, url, and class (a phone number's)
    logo_file: str | None
    css_variables: str
    text: dict[str, str]
    # Read on the first page the vatoolkit layout draws; None: Sphinx draws it.
    navigation: Navigation | None = None
    navigation_read: bool = False


def site_context(app: Sphinx) -> SiteContext:
    """The build's shared page data, made on the first page and kept in the build state."""
    state = build_state(app.env)
    if state.site is not None:
        return state.site
    model = state.model
    facts = Facts.for_state(state, app.config.language, app.config.project)
    support = model.support
    items: list[dict[str, str | None]] = []
    if support.phone:
        items.append({"text": support.phone, "url": phone_uri(support.phone), "class": PHONE_CLASS})
    if support.email:
        items.append({"text": support.email, "url": "mailto:" + support.email})
    if support.url:
        items.append({"text": str(_("Help page")), "url": support.url})
    if support.hours:
        items.append({"text": facts.text(support.hours), "url": None})
    logo = _logo(app)
    font = f"--va-font:'{model.brand.font}',system-ui,sans-serif;" if model.brand.font else ""
    shared = SiteContext(
        org_name=facts.org_name,
        website=model.organization.website,
        booking_url=model.booking.url,
        support=items,
        logo_file=f"_static/{LOGO_NAME}{logo.suffix}" if logo else None,
        css_variables=palette_for(model.brand).css_variables() + font,
        text={key: str(value) for key, value in ui_text().items()},
    )
    state.site = shared
    return shared


def navigation_for(app: Sphinx, pagename: str, context: dict[str, Any]) -> Callable[[], Markup]:
    """The page's site navigation, for the template to call: the tree is read once per
    build; a project Sphinx must draw itself gets ``toctree()``'s output."""

    def render() -> Markup:
        shared = site_context(app)
        builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
        if not shared.navigation_read:
            shared.navigation, shared.navigation_read = build_navigation(builder), True
        if shared.navigation is None:
            return Markup(
                context["toctree"](maxdepth=2, collapse=True, includehidden=True, titles_only=True)
            )
        return shared.navigation.html(builder, pagename)

    return render


def resource_uri(app: Sphinx, pagename: str, filename: str) -> str:
    """The address of a file of the build from the page: ``pathto(filename, 1)``, which
    the JSON and pickle builders' ``pathto`` does not take."""
    return relative_uri(app.builder.get_target_uri(pagename), filename)


def add_theme_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the theme's page data, and the page icon wherever the site
    is enhanced (the vatoolkit theme, or ``vatoolkit_site_enhancements``)."""
    if not build_state(app.env).site_wide:
        return
    shared = site_context(app)
    if not context.get("favicon_url") and is_web_page_builder(app):
        # Without html_favicon: the logo, else the built-in icon (see copy_icon).
        icon = shared.logo_file or f"_static/{ICON_NAME}"
        context["favicon_url"] = resource_uri(app, pagename, icon)
    if not uses_vatoolkit_theme(app.builder):
        return
    options = context.get("theme_show_book_button", "true")
    context["vatoolkit_theme"] = {
        "org_name": shared.org_name,
        "website": shared.website,
        "booking_url": shared.booking_url,
        "show_book_button": str(options).lower() not in {"false", "0", "no"},
        "logo_url": resource_uri(app, pagename, shared.logo_file) if shared.logo_file else None,
        "support": shared.support,
        "css_variables": shared.css_variables,
        "text": shared.text,
    }
    context["vatoolkit_navigation"] = navigation_for(app, pagename, context)


def rewrite_pages_when_facts_change(app: Sphinx) -> None:
    """``builder-inited``: where every page shows facts (the theme's header and footer, a
    description read from ``organization.description``), a change of the facts or of
    their translations writes every page again, not only the pages read again.

    The ``vatoolkit`` setting is no cause to write pages by itself (its value may be the
    name of a TOML file, which stays the same when the file changes): the facts' and the
    catalog's fingerprints join the build information the HTML builders compare with
    the previous build's, as a change of an ``html`` setting would.
    """
    builder = app.builder
    state = build_state(app.env)
    if not state.site_wide or not isinstance(builder, StandaloneHTMLBuilder):
        return
    info = builder.build_info
    joined = "\n".join([info.config_hash, state.model.fingerprint(), state.translator.digest])
    info.config_hash = hashlib.sha256(joined.encode()).hexdigest()


def copy_icon(app: Sphinx) -> None:
    """The built-in page icon, when the project has neither ``html_favicon`` nor a logo
    (see :func:`add_theme_context`)."""
    if not is_web_page_builder(app) or app.config.html_favicon:
        return
    target = Path(app.outdir, "_static", ICON_NAME)
    data = ICON_FILE.read_bytes()
    if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink():
        target.unlink()
    target.write_bytes(data)


def setup_theme(app: Sphinx) -> None:
    """Called by the extension: register the theme and its page context."""
    app.add_html_theme("vatoolkit", str(THEME_DIR))
    app.connect("builder-inited", rewrite_pages_when_facts_change, priority=120)
    app.connect("html-page-context", add_theme_context)
    app.connect("build-finished", copy_logo)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Entry point ``sphinx.html_themes``: ``html_theme = "vatoolkit"`` alone is enough."""
    app.setup_extension("sphinx_vatoolkit")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
