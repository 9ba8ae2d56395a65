"""schema.org ``FAQPage`` data for search engines, from the FAQ on an HTML page."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_vatoolkit.faq.nodes import faq_details
from sphinx_vatoolkit.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def faq_entries(doctree: nodes.document) -> list[tuple[str, str]]:
    """``(question, answer)`` of every FAQ item on a resolved HTML page."""
    entries = []
    for details in doctree.findall(faq_details):
        summary, answer = details[0], details[1:]
        entries.append((summary.astext(), " ".join(node.astext() for node in answer)))
    for question in doctree.findall(nodes.section):
        if "va-faq-question" in question["classes"]:
            title, answer = question[0], question[1:]
            entries.append((title.astext(), " ".join(node.astext() for node in answer)))
    return entries


def add_faq_json_ld(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: schema.org ``FAQPage`` data, when the config asks for it."""
    if doctree is None or not build_state(app.env).model.search_engines.faq_json_ld:
        return
    entries = faq_entries(doctree)
    if not entries:
        return
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": (app.config.language or "en").replace("_", "-"),
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": " ".join(answer.split())},
            }
            for question, answer in entries
        ],
    }
    # Escaped so that the script can neither end early nor break XML: ``&``, ``<`` and
    # ``>`` are JSON escapes, valid in HTML and in the EPUB's XHTML alike; in XHTML,
    # where a character XML forbids would break the whole file, all but ASCII is too.
    xml = getattr(app.builder, "out_suffix", ".html") == ".xhtml"
    text = json.dumps(data, ensure_ascii=xml)
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escaped)
    context["metatags"] = (
        context.get("metatags", "") + f'<script type="application/ld+json">{text}</script>\n'
    )
