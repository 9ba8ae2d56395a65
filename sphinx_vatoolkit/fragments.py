"""``sphinx-build -b vatoolkit-fragments``: each toolkit page as HTML to paste into a CMS.

For every page that uses the toolkit, ``<outdir>/<language>/<page>.html`` holds the page
body as one ``<div class="vatoolkit-fragment">``: no ``<html>`` or ``<head>``, no
stylesheet, no script. The directive styles and the brand colours are written inline
(``style`` attributes survive the HTML filters of WordPress and Drupal, which drop
``<style>`` elements, and keep the fragment valid HTML wherever it is pasted); links
are made absolute from ``html_baseurl``; every id is prefixed with ``va-<page>-`` so
two fragments can share a CMS page (the page's name written with letters, digits and
``_`` escapes, so that no two pages share a prefix: :func:`page_prefix`).
``fragments.json`` lists the fragments.

A fragment carries no script: the page's own raw HTML (``.. raw:: html``, HTML in a
MyST page) and links to ``javascript:`` addresses are left out, with a warning naming
the page. The builder draws no themed page, so it uses no theme: the project's theme,
whatever it is (furo, for one, rewrites ``_static/pygments.css`` after an HTML build),
never runs in a fragments build.

The whole page body is written, not only the directives' nodes: ``va-toolkit`` writes
several parts side by side (a lead paragraph, the video, the FAQ, the resources), and
the author's own words around the directives belong to the page the organization
publishes. The page title is left out (the CMS page has one) and given in the index.

The FAQ follows the page's ``:style:``: the accordion (``<details>``, the
:class:`~sphinx_vatoolkit.faq.AccordionHtmlTransform` of every HTML builder) or
sections. Writing happens in :meth:`FragmentsBuilder.write_doc`, which Sphinx may run
in parallel processes; what the index and the link warning need is noted in
:meth:`FragmentsBuilder.write_doc_serialized`, in the main process.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from sphinx_vatoolkit.brand import palette_for
from sphinx_vatoolkit.project_files import ProjectFileError, read_project_file
from sphinx_vatoolkit.report import warn
from sphinx_vatoolkit.state import build_state, vatoolkit_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_vatoolkit.brand import Palette

logger = logging.getLogger(__name__)

BUILDER_NAME = "vatoolkit-fragments"
WRAPPER_CLASS = "vatoolkit-fragment"
INDEX_FILE = "fragments.json"
INDEX_LIMIT = 32 * 1024 * 1024  # an index of 1000 pages in 20 languages is about 5 MB
INDEX_KEYS = frozenset({"page", "title", "language", "file", "section", "id"})
# Addresses that run a script when the link is followed.
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data"})

NOWRAP = "white-space:nowrap"
LIGHT_BORDER = "1px solid rgba(127,127,127,.45)"
FAINT_BORDER = "1px solid rgba(127,127,127,.35)"
# (tag or None for any, class) -> declarations; vatoolkit.css, written inline.
CLASS_STYLES: dict[tuple[str | None, str], str] = {
    ("details", "va-faq-details"): (
        f"border:{LIGHT_BORDER};border-left:4px solid {{primary}};border-radius:.4rem;"
        "margin:.5rem 0"
    ),
    ("summary", "va-faq-summary"): (
        "cursor:pointer;font-weight:600;padding:.75rem 1rem;min-height:44px;box-sizing:border-box"
    ),
    ("div", "va-faq-answer"): "padding:0 1rem .5rem",
    ("img", "va-thumbnail"): f"max-width:100%;height:auto;border:{FAINT_BORDER}",
    # 16:9 by padding: the Nu checker's CSS validator does not know aspect-ratio yet.
    ("div", "va-video"): "max-width:48rem",
    ("div", "va-video-frame"): "position:relative;height:0;padding-top:56.25%;margin:.5rem 0",
    ("div", "va-infographic-text"): "margin-top:1rem",
    ("a", "va-phone"): NOWRAP,
    (None, "va-draft"): (
        "border-left:4px solid rgba(127,127,127,.6);padding:.25rem 1rem;margin:.5rem 0 1rem;"
        "background:rgba(127,127,127,.08)"
    ),
}
LINK_STYLE = "color:{link}"
LIST_ITEM_STYLE = "margin-bottom:.4rem"  # in ul.va-resources and ul.va-overview
GALLERY_CELL_STYLE = "vertical-align:top"
SVG_STYLE = f"display:block;width:100%;max-width:40rem;height:auto;border:{FAINT_BORDER}"
IFRAME_STYLE = "position:absolute;top:0;left:0;width:100%;height:100%;border:0"

# Attributes that hold ids (or lists of them), and those that link to one by "#id".
ID_ATTRIBUTE = re.compile(
    r"(\s(?:id|for|headers|list|form|aria-(?:labelledby|describedby|controls|owns|details|"
    r'activedescendant|errormessage|flowto))=")([^"]+)"'
)
FRAGMENT_LINK = re.compile(r'(\s(?:href|xlink:href|usemap)=")#([^"]+)"')
SVG_REFERENCE = re.compile(r"url\(#([^)]+)\)")
LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"#][^"]*)"')
ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def _classes(node: nodes.Node, attributes: dict[str, Any]) -> set[str]:
    found = set(node.get("classes", ())) if isinstance(node, nodes.Element) else set()
    for key in ("CLASS", "class"):
        found.update(str(attributes.get(key, "")).split())
    return found


def _in_table_of_class(node: nodes.Node, name: str) -> bool:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.table):
        parent = parent.parent
    return parent is not None and name in parent.get("classes", ())


class FragmentTranslator(HTML5Translator):
    """HTML5 with the directive styles and brand colours in ``style`` attributes."""

    def starttag(  # type: ignore[override]
        self,
        node: nodes.Element,
        tagname: str,
        suffix: str = "\n",
        empty: bool = False,
        **attributes: Any,
    ) -> str:
        style = self._style_for(node, tagname.lower(), _classes(node, attributes))
        if style:
            given = attributes.pop("style", "")
            attributes["style"] = f"{given};{style}" if given else style
        return str(super().starttag(node, tagname, suffix, empty, **attributes))

    def _style_for(self, node: nodes.Node, tag: str, classes: set[str]) -> str:
        assert isinstance(self.builder, FragmentsBuilder)
        palette = self.builder.palette
        found = [
            style
            for (rule_tag, name), style in CLASS_STYLES.items()
            if name in classes and rule_tag in (None, tag)
        ]
        if tag == "a":
            found.append(LINK_STYLE)
        if (
            tag == "li"
            and node.parent is not None
            and {"va-resources", "va-overview"} & set(node.parent.get("classes", ()))
        ):
            found.append(LIST_ITEM_STYLE)
        if tag == "td" and _in_table_of_class(node, "va-gallery"):
            found.append(GALLERY_CELL_STYLE)
        return ";".join(style.format(primary=palette.primary, link=palette.link) for style in found)


def prefix_ids(body: str, prefix: str) -> str:
    """Every id, and every reference to one in the fragment, with the page's prefix."""

    def attribute(match: re.Match[str]) -> str:
        ids = " ".join(prefix + value for value in match.group(2).split())
        return f'{match.group(1)}{ids}"'

    body = ID_ATTRIBUTE.sub(attribute, body)
    body = FRAGMENT_LINK.sub(lambda m: f'{m.group(1)}#{prefix}{m.group(2)}"', body)
    return SVG_REFERENCE.sub(lambda m: f"url(#{prefix}{m.group(1)})", body)


def absolute_links(body: str, page_url: str) -> str:
    """Relative ``href`` and ``src`` values resolved against the page's published URL."""

    def resolve(match: re.Match[str]) -> str:
        value = html.unescape(match.group(2))
        if ABSOLUTE.match(value):
            return match.group(0)
        return f'{match.group(1)}{html.escape(urljoin(page_url, value), quote=True)}"'

    return LINK_ATTRIBUTE.sub(resolve, body)


def style_embedded(body: str) -> str:
    """The inline SVG, the video's frame and an address's pieces: written whole by their
    visitors."""
    body = body.replace('<span class="va-nowrap">', f'<span class="va-nowrap" style="{NOWRAP}">')
    body = re.sub(
        r'(class="va-infographic-figure"[^>]*>\s*)<svg\b', rf'\1<svg style="{SVG_STYLE}"', body
    )
    return body.replace("<iframe ", f'<iframe style="{IFRAME_STYLE}" ')


def has_relative_links(doctree: nodes.document) -> bool:
    """Does the page link to anything by a relative address (a page, an image, a file)?"""
    for node in doctree.findall(nodes.Element):
        if isinstance(node, addnodes.download_reference):
            return True
        if isinstance(node, nodes.reference):
            uri = node.get("refuri", "")
        elif isinstance(node, nodes.image):
            uri = node.get("uri", "")
        else:
            continue
        if uri and not uri.startswith("#") and not ABSOLUTE.match(uri):
            return True
    return False


def page_prefix(docname: str) -> str:
    """``va-<page>-``: ASCII letters and digits stay, ``_`` is ``__`` and any other
    character ``_<hex>_`` (``a/b`` is ``a_2f_b``, ``a-b`` is ``a_2d_b``, ``a_b`` is
    ``a__b``): read from the left, the name is the page's only. No ``-`` is left in it,
    so an id ``va-<name>-<rest>`` tells which page it is from: no two pages share an id,
    whatever the ids inside them."""
    written = []
    for character in docname:
        if character.isascii() and character.isalnum():
            written.append(character)
        elif character == "_":
            written.append("__")
        else:
            written.append(f"_{ord(character):x}_")
    return "va-" + "".join(written) + "-"


def script_scheme(uri: str) -> bool:
    """Does following ``uri`` run a script (``javascript:``, ``data:`` ...)? Browsers
    skip tabs, newlines and leading blanks in a scheme, so they are skipped here too."""
    cleaned = re.sub(r"[\x00-\x20]", "", uri)
    scheme, colon, _rest = cleaned.partition(":")
    return bool(colon) and scheme.lower() in SCRIPT_SCHEMES


def remove_scripts(docname: str, doctree: nodes.document) -> None:
    """The page's raw HTML and its links to script addresses leave the fragment; each
    kind is named in one warning, on the page where it was written."""
    raw = [
        node for node in doctree.findall(nodes.raw) if "html" in str(node.get("format", "")).split()
    ]
    for block in raw:
        block.parent.remove(block)
    if raw:
        warn(
            "the fragment of %s leaves out %d piece(s) of the page's raw HTML: a fragment "
            "carries no markup that could run a script or load a frame; write it with "
            "directives, or publish the page as HTML",
            "fragments",
            raw[0],
            docname,
            len(raw),
        )
    links = [
        node
        for node in doctree.findall(nodes.reference)
        if script_scheme(str(node.get("refuri", "")))
    ]
    for link in links:
        link.replace_self(nodes.inline("", "", *link.children))
    if links:
        warn(
            "the fragment of %s keeps the text, not the link, of %d link(s) to a "
            "javascript:, vbscript: or data: address: a fragment runs no script",
            "fragments",
            links[0],
            docname,
            len(links),
        )


def _write_replacing(path: Path, text: str) -> None:
    """Written to a file of its own, then renamed: a symbolic link left at ``path`` is
    replaced, never followed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _index_entry(entry: object) -> dict[str, str] | None:
    if not isinstance(entry, dict) or set(entry) != INDEX_KEYS:
        return None
    if not all(isinstance(value, str) for value in entry.values()):
        return None
    return {str(key): str(value) for key, value in entry.items()}


def read_index(outdir: Path) -> list[dict[str, str]]:
    """The entries an earlier build wrote to ``fragments.json``, of every language.

    The file may be anything (a previous version's, another tool's, one planted in the
    output): it is read as a project file (a regular file with one name, inside the
    output, at most :data:`INDEX_LIMIT` bytes) and only well-formed entries are kept;
    anything else is a warning, and the index starts afresh."""
    path = outdir / INDEX_FILE
    if not path.exists() and not path.is_symlink():
        return []
    problem = ""
    try:
        data = json.loads(read_project_file(path, [outdir], INDEX_LIMIT).decode("utf-8"))
    except ProjectFileError as exc:
        problem = str(exc)
    except RecursionError:
        problem = "is nested too deeply"
    except (UnicodeDecodeError, ValueError) as exc:
        problem = f"is not JSON ({exc})"
    else:
        if not isinstance(data, list):
            problem = "is not a list of entries"
        else:
            kept = [entry for entry in map(_index_entry, data) if entry is not None]
            if len(kept) == len(data):
                return kept
            problem = f"has {len(data) - len(kept)} entries that are not fragment entries"
            if kept:
                logger.warning(
                    "%s in the output %s: they are left out of the new index",
                    INDEX_FILE,
                    problem,
                    type="vatoolkit",
                    subtype="fragments",
                )
                return kept
    logger.warning(
        "%s in the output %s: it is written afresh, with this build's entries only "
        "(build the other languages again to list theirs)",
        INDEX_FILE,
        problem,
        type="vatoolkit",
        subtype="fragments",
    )
    return []


def page_title(doctree: nodes.document) -> tuple[str, str]:
    """The page's title text and its section's id; the title node leaves the doctree."""
    for section in doctree.findall(nodes.section):
        title = section.next_node(nodes.title)
        text = title.astext() if title is not None else ""
        if title is not None and title.parent is section:
            section.remove(title)
        return text, (section["ids"] or [""])[0]
    return "", ""


def toolkit_parts(doctree: nodes.document) -> list[str]:
    """The ids of the parts the directives wrote (``va-*``), outermost ones only."""
    found: list[str] = []

    def visit(node: nodes.Element) -> None:
        ids: list[str] = node["ids"]
        own = [i for i in ids if i.startswith("va-")]
        if own and isinstance(node, (nodes.section, nodes.container)):
            found.append(own[0])
            return
        for child in node.children:
            if isinstance(child, nodes.Element):
                visit(child)

    visit(doctree)
    return found


class FragmentsBuilder(StandaloneHTMLBuilder):
    """Paste-ready HTML fragments of the toolkit pages, one language per build."""

    name = BUILDER_NAME
    epilog = "The HTML fragments are in %(outdir)s."
    default_translator_class = FragmentTranslator
    add_permalinks = False  # no ¶ links next to the headings
    search = False
    copysource = False

    def get_theme_config(self) -> tuple[str, dict[str, str | int | bool]]:
        """Sphinx's ``basic`` theme, whatever ``html_theme`` says: a fragment is drawn by
        no template, and a theme's own code (its events) has no place in this build."""
        return "basic", {}

    def init(self) -> None:
        super().init()
        self.language = (self.config.language or "en").replace("-", "_")
        self.index: list[dict[str, str]] = []
        self.relative_pages: list[str] = []

    def get_outdated_docs(self) -> Iterator[str]:
        yield from sorted(vatoolkit_domain(self.env).toolkit_pages & self.env.found_docs)

    def copy_assets(self) -> None:
        """Nothing to copy: a fragment needs no file beside it."""

    def prepare_writing(self, docnames: Set[str]) -> None:
        super().prepare_writing(docnames)
        self.palette: Palette = palette_for(build_state(self.env).model.brand)
        self.toolkit_pages = set(vatoolkit_domain(self.env).toolkit_pages)

    def fragment_path(self, docname: str) -> str:
        return f"{self.language}/{docname}.html"

    @staticmethod
    def id_prefix(docname: str) -> str:
        return page_prefix(docname)

    def write_doc_serialized(self, docname: str, doctree: nodes.document) -> None:
        super().write_doc_serialized(docname, doctree)
        if docname not in self.toolkit_pages:
            return
        remove_scripts(docname, doctree)  # here, in the main process: write_doc may not be
        if has_relative_links(doctree):
            self.relative_pages.append(docname)
        prefix = self.id_prefix(docname)
        title = self.env.titles[docname].astext() if docname in self.env.titles else ""
        file = self.fragment_path(docname)
        entry = {"page": docname, "title": title, "language": self.language, "file": file}
        top = next(iter(doctree.findall(nodes.section)), None)
        sections = [top["ids"][0]] if top is not None and top["ids"] else []
        for section in [*sections, *toolkit_parts(doctree)]:
            anchor = prefix.removesuffix("-") if section in sections else prefix + section
            self.index.append(entry | {"section": section, "id": anchor})

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        if docname not in self.toolkit_pages:
            return
        doctree.settings = self.docsettings
        self.secnumbers = self.env.toc_secnumbers.get(docname, {})
        self.fignumbers = self.env.toc_fignumbers.get(docname, {})
        self.imgpath = "_images"
        self.dlpath = "_downloads"
        self.current_docname = docname
        page_title(doctree)
        visitor = self.create_translator(doctree, self)
        assert isinstance(visitor, HTML5Translator)
        doctree.walkabout(visitor)
        prefix = self.id_prefix(docname)
        body = style_embedded(prefix_ids("".join(visitor.fragment), prefix))
        if self.config.html_baseurl:
            base = self.config.html_baseurl.rstrip("/") + "/"
            body = absolute_links(body, urljoin(base, self.get_target_uri(docname)))
        lang = html.escape(self.language.replace("_", "-"), quote=True)
        fragment = (
            f'<div class="{WRAPPER_CLASS}" id="{prefix.removesuffix("-")}" lang="{lang}" '
            f'style="{self.palette.css_variables()}">\n{body.strip()}\n</div>\n'
        )
        _write_replacing(Path(self.outdir, self.fragment_path(docname)), fragment)

    def finish(self) -> None:
        if self.relative_pages and not self.config.html_baseurl:
            logger.warning(
                "the fragments of %s link by relative addresses that a CMS page cannot "
                "follow; set html_baseurl to the address of the published HTML build to "
                "make them absolute",
                ", ".join(sorted(self.relative_pages)),
                type="vatoolkit",
                subtype="fragments",
                location=sorted(self.relative_pages)[0],
            )
        self.write_index()

    def write_index(self) -> None:
        """``fragments.json``: this language's entries, beside other languages' ones."""
        outdir = Path(self.outdir)
        kept = [e for e in read_index(outdir) if e["language"] != self.language]
        entries = sorted([*kept, *self.index], key=lambda e: (e["language"], e["page"]))
        text = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
        _write_replacing(outdir / INDEX_FILE, text)


def setup_fragments(app: Sphinx) -> None:
    app.add_builder(FragmentsBuilder)
