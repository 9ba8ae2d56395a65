"""The FAQ: ``va-faq`` and ``va-question``, and the built-in questions they draw on.

Each group's questions live in a module of their own (``basics``, ``booking``, ...),
declared with ``@question`` from :mod:`~sphinx_vatoolkit.faq.registry`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_vatoolkit.faq.directive import (
    FAQ_OPTIONS,
    AccordionHtmlTransform,
    FaqDirective,
    QuestionDirective,
    QuestionLabelsForLatex,
    StrayQuestionCheck,
    build_faq,
    leave_out_page_questions,
)
from sphinx_vatoolkit.faq.json_ld import add_faq_json_ld
from sphinx_vatoolkit.faq.nodes import (
    custom_question,
    depart_faq_details,
    depart_faq_summary,
    faq_details,
    faq_item,
    faq_summary,
    visit_faq_details,
    visit_faq_summary,
)
from sphinx_vatoolkit.faq.registry import GROUPS, QUESTION_KEYS, Question, group_titles, questions

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "FAQ_OPTIONS",
    "GROUPS",
    "QUESTION_KEYS",
    "FaqDirective",
    "Question",
    "QuestionDirective",
    "build_faq",
    "group_titles",
    "leave_out_page_questions",
    "questions",
    "setup_faq",
]


def setup_faq(app: Sphinx) -> None:
    app.add_node(faq_details, html=(visit_faq_details, depart_faq_details))
    app.add_node(faq_summary, html=(visit_faq_summary, depart_faq_summary))
    app.add_node(custom_question)
    app.add_node(faq_item)
    app.add_directive("va-faq", FaqDirective)
    app.add_directive("va-question", QuestionDirective)
    app.add_post_transform(AccordionHtmlTransform)
    app.add_post_transform(QuestionLabelsForLatex)
    app.add_transform(StrayQuestionCheck)
    app.connect("html-page-context", add_faq_json_ld)
