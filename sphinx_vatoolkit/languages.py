"""Language switcher and ``hreflang`` alternates, for every HTML theme.

The builds of each language live side by side (``vatoolkit["languages"]`` gives the
URL of each). Every page gets ``<link rel="alternate" hreflang=...>`` for each
language plus ``x-default``, and templates get ``vatoolkit_languages`` to draw a
switcher; ``vatoolkit-languages.html`` is a ready-made snippet for any theme's sidebar.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale
from sphinx.locale import _ as sphinx_text

from sphinx_vatoolkit.i18n import _
from sphinx_vatoolkit.state import build_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATES_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class LanguageLink:
    code: str  # POSIX form, as Sphinx uses it: pt_BR
    hreflang: str  # BCP 47, as HTML uses it: pt-BR
    name: str  # the language's own name: Português (Brasil)
    url: str
    current: bool


def hreflang(code: str) -> str:
    return code.replace("_", "-")


def native_name(code: str) -> str:
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def page_path(app: Sphinx, pagename: str) -> str:
    """The page's path relative to the root of a build, as the builder writes it."""
    builder = app.builder
    if builder.name == "dirhtml":
        return "" if pagename == "index" else pagename.removesuffix("/index") + "/"
    return pagename + str(getattr(builder, "out_suffix", ".html"))


def language_links(app: Sphinx, pagename: str) -> list[LanguageLink]:
    languages = build_state(app.env).model.languages
    current = (app.config.language or "en").replace("-", "_")
    path = page_path(app, pagename)
    return [
        LanguageLink(
            code=code,
            hreflang=hreflang(code),
            name=native_name(code),
            url=base.rstrip("/") + "/" + path if "://" in base else base + path,
            current=code == current,
        )
        for code, base in languages.items()
    ]


def add_language_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: switcher data and hreflang alternates."""
    links = language_links(app, pagename)
    # Sphinx's words, for the search field in templates/searchfield.html.
    context["vatoolkit_search"] = {"label": sphinx_text("Search"), "go": sphinx_text("Go")}
    context["vatoolkit_languages"] = links
    context["vatoolkit_languages_label"] = _("Languages")
    if not links:
        return
    default = next((link for link in links if link.code == "en"), links[0])
    alternates = [
        f'<link rel="alternate" hreflang="{html.escape(link.hreflang)}" '
        f'href="{html.escape(link.url)}" />'
        for link in links
    ]
    alternates.append(
        f'<link rel="alternate" hreflang="x-default" href="{html.escape(default.url)}" />'
    )
    context["metatags"] = context.get("metatags", "") + "\n".join(alternates) + "\n"


def add_templates(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``vatoolkit-languages.html`` for any theme's sidebar or layout."""
    config.templates_path.append(str(TEMPLATES_DIR))


def setup_languages(app: Sphinx) -> None:
    app.connect("config-inited", add_templates)
    app.connect("html-page-context", add_language_context)
