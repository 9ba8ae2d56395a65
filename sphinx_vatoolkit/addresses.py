"""Web addresses shown as text, laid out for a phone.

A long URL in a narrow column must wrap, and where it wraps matters to a reader who
copies it or reads it out: ``https://example.org/bo`` / ``ok`` looks like two
addresses. In HTML an address shown as text breaks only after a slash: its pieces
cannot break inside, with a ``<wbr />`` after each slash. Other builders show the text
as it is (the node is an ``inline``, which every translator knows).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

_AFTER_SLASH = re.compile(r"(?<=[^/]/)(?=[^/])")  # not inside "https://"


class address_text(nodes.inline):
    """The text of a web address, breakable only after its slashes in HTML."""


def address_node(url: str) -> address_text:
    return address_text(url, url)


def looks_like_address(text: str) -> bool:
    return re.match(r"https?://\S+$", text, flags=re.IGNORECASE) is not None


def visit_address_text(self: HTML5Translator, node: address_text) -> None:
    pieces = _AFTER_SLASH.split(node.astext())
    spans = (f'<span class="va-nowrap">{html.escape(piece)}</span>' for piece in pieces)
    # "<wbr />": EPUB pages are XHTML, and HTML accepts the slash on a void element.
    self.body.append(
        self.starttag(node, "span", "", CLASS="va-address") + "<wbr />".join(spans) + "</span>"
    )
    raise nodes.SkipNode


def setup_addresses(app: Sphinx) -> None:
    app.add_node(address_text, html=(visit_address_text, None))
