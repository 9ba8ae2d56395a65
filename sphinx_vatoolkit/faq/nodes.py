"""The FAQ's own nodes and how HTML writes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator


class custom_question(nodes.container):
    """A ``va-question`` from the page, collected by the enclosing ``va-faq``."""


class faq_item(nodes.container):
    """One question with its answer; HTML shows it as ``<details>`` in accordion style."""


class faq_details(nodes.General, nodes.Element):
    pass


class faq_summary(nodes.TextElement):
    pass


def visit_faq_details(self: HTML5Translator, node: faq_details) -> None:
    self.body.append(self.starttag(node, "details", CLASS="va-faq-details"))


def depart_faq_details(self: HTML5Translator, node: faq_details) -> None:
    self.body.append("</details>\n")


def visit_faq_summary(self: HTML5Translator, node: faq_summary) -> None:
    self.body.append(self.starttag(node, "summary", "", CLASS="va-faq-summary"))


def depart_faq_summary(self: HTML5Translator, node: faq_summary) -> None:
    self.body.append("</summary>\n")
