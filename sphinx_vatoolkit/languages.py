"""Language switcher, ``hreflang`` alternates and the canonical link, for every HTML theme.

The builds of each language live side by side (``vatoolkit["languages"]`` gives the
URL of each). Every page gets ``<link rel="alternate" hreflang=...>`` for each
language plus ``x-default``, and templates get ``vatoolkit_languages`` to draw a
switcher; ``vatoolkit-languages.html`` is a ready-made snippet for any theme's sidebar.

Search engines read alternates and canonical links only as absolute URLs. A language
URL that is relative (``../pt_BR/``) is read against ``html_baseurl``, the published
address of the build (of this language or of any of its siblings: ``../pt_BR/`` names
the same place from each), and the page's canonical link is its address in the build
language, so one ``html_baseurl`` in ``conf.py`` serves every language. Without an
absolute base the alternates stay relative and a warning says so. The switcher's own
links stay relative, so a build also works opened from disk.

On Read the Docs (``READTHEDOCS=True``), each language is a translation project of its
own and the build's address is ``READTHEDOCS_CANONICAL_URL``
(``https://example.readthedocs.io/pt-br/latest/``): it is the base when ``html_baseurl``
is not set, and a language listed with a relative URL is found where Read the Docs
publishes it, the same address with the language's segment (``pt_BR`` is ``pt-br``).
Absolute URLs in ``vatoolkit.languages`` and ``html_baseurl`` win over the environment.

A project that lists no languages keeps Sphinx's own canonical link under other
themes, unless it enhances the whole site (``vatoolkit_site_enhancements``), which also
gives other themes' search field (``templates/site/searchfield.html``) translated words.
"""

from __future__ import annotations

import html
import os
import posixpath
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from babel import Locale
from sphinx.locale import _ as sphinx_text
from sphinx.util import logging

from sphinx_vatoolkit.config import normalize_url, split_url
from sphinx_vatoolkit.i18n import _
from sphinx_vatoolkit.pages import SITE_ENHANCEMENTS
from sphinx_vatoolkit.state import build_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).parent / "templates"
SITE_TEMPLATES_DIR = TEMPLATES_DIR / "site"  # other themes' templates, site-wide only
# Builders whose pages are not published as web pages: no alternates, no canonical link.
NOT_WEB_PAGES = {"vatoolkit-fragments"}


@dataclass(frozen=True)
class LanguageLink:
    code: str  # POSIX form, as Sphinx uses it: pt_BR
    hreflang: str  # BCP 47, as HTML uses it: pt-BR
    name: str  # the language's own name: Português (Brasil)
    url: str  # for the switcher: relative where the configuration is
    current: bool
    absolute: str | None = None  # for search engines: None when no absolute base is known


def hreflang(code: str) -> str:
    return code.replace("_", "-")


def native_name(code: str) -> str:
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=256)
def web_address_problem(url: str) -> str | None:
    """Why ``url`` is not an absolute http(s) address, in words that follow it, or None.

    The URLs of ``vatoolkit``, ``html_baseurl`` and Read the Docs' address are judged
    alike, by the config's URL check: one that passes can be split and joined by every
    later reader without an exception."""
    try:
        normalized = normalize_url(url)
    except ValueError as exc:
        return str(exc)
    if url.strip(" ").startswith("//") or urlsplit(normalized).scheme not in ("http", "https"):
        return "is not an absolute http(s) address"
    return None


def is_absolute(url: str) -> bool:
    return web_address_problem(url) is None


def is_unreadable(url: str) -> str | None:
    """Why later code could not even split ``url`` (an IPv6 bracket around a name, a
    port past 65535), or None."""
    try:
        split_url(url)
    except ValueError as exc:
        return str(exc)
    return None


# -- Read the Docs ------------------------------------------------------------------------

RTD_FLAG = "READTHEDOCS"
RTD_CANONICAL = "READTHEDOCS_CANONICAL_URL"
RTD_LANGUAGE = "READTHEDOCS_LANGUAGE"


def rtd_segment(code: str) -> str:
    """A language as Read the Docs writes it in its URLs: ``pt_BR`` is ``pt-br``."""
    return code.replace("_", "-").lower()


@dataclass(frozen=True)
class ReadTheDocs:
    """Where Read the Docs publishes this build, read from its build environment."""

    canonical: str  # this version in this language: https://p.readthedocs.io/pt-br/latest/
    language: str | None  # its segment in ``canonical``; None when the URL has none

    def address_of(self, code: str) -> str | None:
        """The same version in another language's translation project."""
        if self.language is None:
            return None
        parts = urlsplit(self.canonical)
        segments = parts.path.split("/")  # ["", ..., "pt-br", "latest", ""]
        segments[-3] = rtd_segment(code)
        return parts._replace(path="/".join(segments)).geturl()


def read_the_docs(environ: Mapping[str, str] = os.environ) -> tuple[ReadTheDocs | None, str]:
    """Read the Docs' address of this build, or None with what is wrong ("" off it)."""
    if environ.get(RTD_FLAG) != "True":
        return None, ""
    canonical = environ.get(RTD_CANONICAL, "").strip()
    problem = web_address_problem(canonical.rstrip("/") + "/")
    if problem is not None:
        return None, (
            f"{RTD_CANONICAL} is {canonical[:200]!r}, which {problem}: the pages get no "
            "canonical link from it and their hreflang alternates stay relative"
        )
    canonical = canonical.rstrip("/") + "/"
    code = environ.get(RTD_LANGUAGE, "").strip()
    segments = urlsplit(canonical).path.split("/")
    if not code:
        return ReadTheDocs(canonical, None), (
            f"{RTD_LANGUAGE} is not set: the addresses of the other languages cannot be "
            f"derived from {RTD_CANONICAL}"
        )
    if len(segments) < 4 or segments[-3] != rtd_segment(code):
        # A project without translations (a custom domain, a single version): the
        # language URLs are read against it as against html_baseurl.
        return ReadTheDocs(canonical, None), ""
    return ReadTheDocs(canonical, rtd_segment(code)), ""


def published_base_url(config: Config) -> str | None:
    """Where the build is published, as a directory address: ``html_baseurl`` when it is
    absolute, else Read the Docs' address of the build, else None."""
    value = str(config.html_baseurl or "").strip()
    if value and is_absolute(value):
        return value.rstrip("/") + "/"
    if value:
        return None
    rtd, _problem = read_the_docs()
    return rtd.canonical if rtd is not None else None


def page_path(app: Sphinx, pagename: str) -> str:
    """The page's path relative to the root of a build, as the builder writes it."""
    builder = app.builder
    if builder.name == "dirhtml":
        return "" if pagename == "index" else pagename.removesuffix("/index") + "/"
    return pagename + str(getattr(builder, "out_suffix", ".html"))


def build_root(app: Sphinx, pagename: str) -> str:
    """The relative address of the build's root from the page (``../`` from ``a/b.html``)."""
    path = page_path(app, pagename)
    return "../" * path.count("/")


def language_links(app: Sphinx, pagename: str) -> list[LanguageLink]:
    languages = build_state(app.env).model.languages
    current = (app.config.language or "en").replace("-", "_")
    path = page_path(app, pagename)
    root = build_root(app, pagename)
    site = published_base_url(app.config)
    # A relative URL names the local layout; Read the Docs publishes each language as a
    # project of its own, unless html_baseurl says where the builds are.
    rtd = None if str(app.config.html_baseurl or "").strip() else read_the_docs()[0]
    links = []
    for code, base in languages.items():
        address = base.rstrip("/") + "/" + path
        absolute: str | None
        on_rtd = rtd.address_of(code) if rtd is not None else None
        if is_absolute(base):
            url, absolute = address, address
        elif on_rtd is not None:
            url = absolute = on_rtd + path
        else:  # relative to the build's root, or (``/help/en/``) to the server's
            url = address if base.startswith("/") else root + address
            absolute = urljoin(site, address) if site else None
        links.append(
            LanguageLink(
                code=code,
                hreflang=hreflang(code),
                name=native_name(code),
                url=url,
                current=code == current,
                absolute=absolute,
            )
        )
    return links


def canonical_url(app: Sphinx, pagename: str, links: list[LanguageLink]) -> str | None:
    """The page's absolute address in the build language, or None when none is known."""
    own = next((link for link in links if link.current), None)
    if own is not None and own.absolute is not None:
        return own.absolute
    site = published_base_url(app.config)
    if site is None:
        return None
    return posixpath.join(site, app.builder.get_target_uri(pagename))


def is_web_page_builder(app: Sphinx) -> bool:
    builder = app.builder
    return (
        builder.format == "html"
        and builder.name not in NOT_WEB_PAGES
        and not getattr(builder, "embedded", False)  # EPUB: a book, not a web page
    )


def add_language_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: switcher data, hreflang alternates and the canonical link."""
    links = language_links(app, pagename)
    # Sphinx's words, for the search field in templates/site/searchfield.html; plain
    # data throughout, which the JSON builder can write.
    context["vatoolkit_search"] = {
        "label": str(sphinx_text("Search")),
        "go": str(sphinx_text("Go")),
    }
    context["vatoolkit_languages"] = [asdict(link) for link in links]
    context["vatoolkit_languages_label"] = str(_("Languages"))
    if not is_web_page_builder(app) or not (links or build_state(app.env).site_wide):
        return
    if (
        app.config.html_baseurl
        or published_base_url(app.config)
        or any(link.absolute for link in links)
    ):
        # Sphinx's own canonical link (``pageurl``) names the page in the language of
        # html_baseurl, and stays relative when html_baseurl is: ours, or none.
        context["pageurl"] = canonical_url(app, pagename, links)
    if not links:
        return
    default = next((link for link in links if link.code == "en"), links[0])
    alternates = [
        f'<link rel="alternate" hreflang="{html.escape(link.hreflang)}" '
        f'href="{html.escape(link.absolute or link.url)}" />'
        for link in links
    ]
    alternates.append(
        '<link rel="alternate" hreflang="x-default" '
        f'href="{html.escape(default.absolute or default.url)}" />'
    )
    context["metatags"] = context.get("metatags", "") + "\n".join(alternates) + "\n"


def drop_unreadable_base_url(app: Sphinx, config: Config) -> None:
    """``config-inited``: an ``html_baseurl`` no URL reader can split (``https://[x]/``)
    is set aside with a warning, before Sphinx, the fragments builder or the language
    links use it."""
    baseurl = config.html_baseurl
    problem = is_unreadable(baseurl.strip()) if isinstance(baseurl, str) else None
    if problem is None:
        return
    logger.warning(
        "html_baseurl %r %s: it is not used, so the pages get no canonical link; write the "
        "published address of the build, such as 'https://example.org/help/en/'",
        baseurl[:200],
        problem,
        type="vatoolkit",
        subtype="language",
    )
    config.html_baseurl = ""


def check_base_url(app: Sphinx) -> None:
    """``builder-inited``: say when the alternates or canonical links cannot be absolute."""
    languages = build_state(app.env).model.languages
    if not is_web_page_builder(app) or not (languages or build_state(app.env).site_wide):
        return  # Sphinx's own canonical link, untouched
    baseurl = str(app.config.html_baseurl or "").strip()
    problem = web_address_problem(baseurl) if baseurl else None
    if problem is not None:
        logger.warning(
            "html_baseurl %r %s: the pages get no canonical link and their hreflang "
            "alternates stay relative, which search engines ignore; write the published "
            "address of the build, such as 'https://example.org/help/en/'",
            baseurl[:200],
            problem,
            type="vatoolkit",
            subtype="language",
        )
        return
    if not baseurl:
        _rtd, problem = read_the_docs()
        if problem:
            logger.warning(problem, type="vatoolkit", subtype="language")
            return
    relative = [code for code, url in languages.items() if not is_absolute(url)]
    if relative and published_base_url(app.config) is None:
        logger.warning(
            "vatoolkit.languages: the hreflang alternates of %s can only be relative "
            "addresses, which search engines ignore: set html_baseurl to the published "
            "address of the build (such as 'https://example.org/help/en/'), or give "
            "vatoolkit.languages absolute URLs",
            ", ".join(relative),
            type="vatoolkit",
            subtype="language",
        )


def add_templates(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``vatoolkit-languages.html`` for any theme's sidebar or layout;
    the translated search field where the site is enhanced."""
    ours = [str(TEMPLATES_DIR)]
    if config[SITE_ENHANCEMENTS]:
        ours.append(str(SITE_TEMPLATES_DIR))
    # A new list: the default one is shared by every build in the process.
    config.templates_path = [*config.templates_path, *ours]


def setup_languages(app: Sphinx) -> None:
    app.connect("config-inited", add_templates)
    app.connect("config-inited", drop_unreadable_base_url)
    app.connect("builder-inited", check_base_url)
    app.connect("html-page-context", add_language_context)
