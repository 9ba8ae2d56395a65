"""Small builders of standard docutils nodes shared by every component.

Sentences are translated with ``{name}`` placeholders and filled with nodes, so a
link or a phone number can sit anywhere a translator puts it.

Text from the organization's config is shown as written: Sphinx's smart quotes, which
turn ``--`` into a dash and ``"`` into curly quotes in the page's own text, would change
an e-mail address (``visits--online@``), a URL or a name. Every fact that these helpers
put on a page (the parts of :func:`fill`, list items, link texts) is made by
:func:`fact_text`, or sits in an element marked by :func:`as_written`; built-in text
keeps its typography.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vatoolkit.addresses import address_node, looks_like_address

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")

Part: TypeAlias = nodes.Node | str


ElementType = TypeVar("ElementType", bound=nodes.Element)

# Sphinx's own switch (``sphinx.util.nodes.is_smartquotable``): the SmartQuotes transform
# leaves the text under an element with it set to False as it is.
_NO_SMARTQUOTES = "support_smartquotes"
_FACT = "vatoolkit_fact"  # a wrapper of fact_text, dissolved before writing


def as_written(node: ElementType) -> ElementType:
    """``node`` with every text in it kept as written: no smart quotes, no dashes."""
    node[_NO_SMARTQUOTES] = False
    return node


def fact_text(text: str) -> nodes.inline:
    """A fact from the organization's config as text on the page, exactly as written.

    The one place where fact text is made: the parts of :func:`fill`, list items and
    the role go through it. The wrapper is dissolved before writing
    (:class:`FactTextUnwrap`), so the output has no extra element.
    """
    node = as_written(nodes.inline(text, text))
    node[_FACT] = True
    return node


def fact_paragraph(text: str) -> nodes.paragraph:
    """A paragraph of the organization's own text (a note, a policy), as written."""
    return nodes.paragraph(text, "", fact_text(text))


def _as_nodes(part: Part | Sequence[Part], as_fact: bool = True) -> list[nodes.Node]:
    """Nodes for a part; a string is a fact (see :func:`fact_text`) unless ``as_fact``
    is False. Built-in text passed as a part is given as a ``nodes.Text``."""
    if isinstance(part, nodes.Node):
        return [part]
    if isinstance(part, list | tuple):
        return [node for item in part for node in _as_nodes(item, as_fact)]
    # A str, or a lazy translation, which is no str but must not be split into letters.
    return [fact_text(str(part)) if as_fact else nodes.Text(str(part))]


class FactTextUnwrap(SphinxPostTransform):
    """Before writing: each :func:`fact_text` wrapper gives way to its text (smart
    quotes ran when the page was read), so no builder writes an extra element."""

    default_priority = 100

    def run(self, **kwargs: Any) -> None:
        for wrapper in list(self.document.findall(nodes.inline)):
            if wrapper.get(_FACT):
                wrapper.replace_self(wrapper.children)


def fill(template: str, **parts: Part | Sequence[Part]) -> list[nodes.Node]:
    """Split a translated sentence at ``{name}`` and put the given parts in."""
    result: list[nodes.Node] = []
    pieces = _PLACEHOLDER.split(str(template))
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            if piece:
                result.append(nodes.Text(piece))
        elif piece in parts:
            result.extend(_as_nodes(parts[piece]))
        else:
            result.append(nodes.Text("{" + piece + "}"))
    return result


def format_text(template: str, **values: str) -> str:
    """Plain-text ``fill``: unknown placeholders are left as written."""
    return _PLACEHOLDER.sub(
        lambda match: str(values.get(match.group(1), match.group(0))), str(template)
    )


def paragraph(template: str, **parts: Part | Sequence[Part]) -> nodes.paragraph:
    return nodes.paragraph("", "", *fill(template, **parts))


def link(url: str, text: str | None = None) -> nodes.reference:
    """A link; one that shows its own address breaks only after a slash (on a phone).

    Its text is shown as written (it is a fact, or a label of our own)."""
    shown = text or url
    if looks_like_address(shown):
        return as_written(nodes.reference("", "", address_node(shown), refuri=url, internal=False))
    return as_written(nodes.reference("", shown, refuri=url, internal=False))


def printed_url(url: str) -> str:
    """An address as a reader of paper types it: ``wa.me/15550100``, no scheme."""
    return re.sub(r"^(https?://|mailto:|tel:)", "", url, flags=re.IGNORECASE).rstrip("/")


def internal_link(refid: str, text: str) -> nodes.reference:
    return nodes.reference("", text, refid=refid, internal=True)


def phone_uri(phone: str) -> str:
    """``tel:`` and the number's digits; an extension is dialled by hand, not linked."""
    digits = re.sub(r"[^0-9+]", "", re.split(r"ext|x", phone)[0])
    return "tel:" + digits


def phone_link(phone: str, text: str | None = None) -> nodes.reference:
    return as_written(nodes.reference("", text or phone, refuri=phone_uri(phone), internal=False))


def email_link(email: str, text: str | None = None) -> nodes.reference:
    return as_written(nodes.reference("", text or email, refuri="mailto:" + email, internal=False))


def strong(text: str) -> nodes.strong:
    return nodes.strong(text, text)


def literal(text: str) -> nodes.literal:
    return nodes.literal(text, text)


def bullet_list(items: Iterable[Part | Sequence[Part]]) -> nodes.bullet_list:
    listing = nodes.bullet_list()
    for item in items:
        body = item if isinstance(item, nodes.Body) else nodes.paragraph("", "", *_as_nodes(item))
        listing += nodes.list_item("", body)
    return listing


def join_parts(
    parts: Sequence[Part | Sequence[Part]], separator: str = ", ", last: str | None = None
) -> list[nodes.Node]:
    """``a, b, c`` as nodes; with ``last`` (e.g. a translated " or "), ``a, b or c``."""
    result: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            final = index == len(parts) - 1 and last is not None
            result.append(nodes.Text(str(last) if final else separator))
        result.extend(_as_nodes(part))
    return result


def mark_generated(node_list: Iterable[nodes.Node]) -> None:
    """Generated text is already in the build language: keep it out of page catalogs."""
    # A plain stack walk: Node.findall() costs several times more on every page.
    pending = [node for node in node_list if isinstance(node, nodes.Element)]
    while pending:
        node = pending.pop()
        # Sphinx never translates an inline node without the attribute, and removes
        # the ``inline`` nodes that have it (as translation placeholders).
        if isinstance(node, nodes.TextElement) and not isinstance(node, nodes.inline):
            node["translatable"] = False
        elif isinstance(node, nodes.image):  # its alt text is dropped for gettext
            node["translatable"] = False
            node["vatoolkit_generated"] = True
        pending.extend(child for child in node.children if isinstance(child, nodes.Element))


def _theme_ids() -> frozenset[str]:
    """Ids the vatoolkit theme's templates write on every page (``main``, the skip
    link's target, and the others): no directive may make an element with one."""
    package = Path(__file__).parent
    templates = [
        *sorted((package / "theme" / "vatoolkit").glob("*.html")),
        *sorted((package / "templates").rglob("*.html")),
    ]
    found = {"main"}
    for template in templates:
        found.update(re.findall(r'\bid="([A-Za-z][\w-]*)"', template.read_text(encoding="utf-8")))
    return frozenset(found)


RESERVED_IDS = _theme_ids()


def unique_id(document: nodes.document, base: str) -> str:
    """A stable id such as ``va-faq``; ``va-faq-2`` when the page already has one or
    when the theme uses it (``main-2`` for ``main``)."""
    stem = nodes.make_id(base) or "va-item"
    candidate = stem
    number = 1
    while candidate in document.ids or candidate in RESERVED_IDS:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def avoid_reserved_ids(document: nodes.document, node: nodes.Element) -> list[tuple[str, str]]:
    """Give ``node`` other ids where docutils gave it one the theme uses (a ``:name:``
    of ``main``): ``:ref:`` still finds it. Returns ``(old, new)`` for each change."""
    changed = []
    for index, old in enumerate(node["ids"]):
        if old not in RESERVED_IDS:
            continue
        new = unique_id(document, old)
        node["ids"][index] = new
        if document.ids.get(old) is node:
            del document.ids[old]
        document.ids[new] = node
        for name, target in list(document.nameids.items()):
            if target == old:
                document.nameids[name] = new
        changed.append((old, new))
    return changed


def section(document: nodes.document, base_id: str, title: str | Sequence[Part]) -> nodes.section:
    """A section with a stable id and a title, registered with the document.

    ``base_id`` is made unique on the page, and never one of the theme's ids.
    """
    new_section = nodes.section()
    section_id = unique_id(document, base_id)
    new_section["ids"].append(section_id)
    title_node = nodes.title("", "", *_as_nodes(title, as_fact=False))
    new_section += title_node
    document.ids[section_id] = new_section
    return new_section


def source_uri(srcdir: str | os.PathLike[str], path: Path) -> str | None:
    """A URI for a file anywhere on disk, as Sphinx reads image and download URIs.

    Sphinx reads a URI starting with ``/`` as relative to the source directory and
    copies the file into every builder's output like any other image or download.
    """
    try:
        return "/" + Path(os.path.relpath(path, srcdir)).as_posix()
    except ValueError:  # another drive on Windows: the caller leaves the file out
        return None


def setup_content(app: Sphinx) -> None:
    app.add_post_transform(FactTextUnwrap)
