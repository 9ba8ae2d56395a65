"""``vatoolkit-faq-reference``: the table of FAQ groups and their questions, from the registry."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinx_vatoolkit.faq import GROUPS, questions


def literals(names: list[str]) -> nodes.paragraph:
    """``a``, ``b``: names as written in the directive's options, never translated."""
    paragraph = nodes.paragraph(translatable=False)
    for index, name in enumerate(names):
        if index:
            paragraph += nodes.Text(", ")
        paragraph += nodes.literal(name, name)
    return paragraph


class FaqReference(SphinxDirective):
    """Laid out like a Markdown table, so the page looks as when the table was written by hand."""

    def run(self) -> list[nodes.Node]:
        table = nodes.table(classes=["colwidths-auto"])
        self.set_source_info(table)
        group = nodes.tgroup(cols=2)
        table += group
        group += [nodes.colspec(colwidth=50), nodes.colspec(colwidth=50)]
        head = nodes.thead()
        head += self._row(self._heading("Group"), self._heading("Questions"))
        group += head
        body = nodes.tbody()
        catalogue = questions()
        for name in GROUPS:
            keys = [question.key for question in catalogue if question.group == name]
            if keys:
                body += self._row(literals([name]), literals(keys))
        group += body
        return [table]

    def _heading(self, text: str) -> nodes.paragraph:
        """A heading the docs' catalogs translate: Sphinx only extracts text with a source."""
        paragraph = nodes.paragraph(text, text)
        self.set_source_info(paragraph)
        return paragraph

    @staticmethod
    def _row(*cells: nodes.paragraph) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", cell)
        return row


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("vatoolkit-faq-reference", FaqReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
