"""``va-faq`` and ``va-question``: the client FAQ, or the guide to writing it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vatoolkit import content
from sphinx_vatoolkit.base import MODE_OPTION, OptionSpec, VaDirective, choice, names
from sphinx_vatoolkit.faq.answers import plain_paragraph
from sphinx_vatoolkit.faq.nodes import custom_question, faq_details, faq_item, faq_summary
from sphinx_vatoolkit.faq.registry import GROUPS, QUESTION_KEYS, Question, group_titles, questions
from sphinx_vatoolkit.i18n import _
from sphinx_vatoolkit.report import warn

if TYPE_CHECKING:
    from sphinx_vatoolkit.facts import Facts

STYLES = ("sections", "accordion")
HTML_FORMATS = ("html",)


FAQ_OPTIONS = {
    "groups": names(*GROUPS),
    "questions": names(*QUESTION_KEYS),
    "exclude": names(*QUESTION_KEYS),
    "style": choice(*STYLES),
}


class QuestionDirective(VaDirective):
    """``va-question``: a question written in the page, inside ``va-faq``."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = OptionSpec({"group": choice(*GROUPS), "name": directives.unchanged})

    def build(self) -> list[nodes.Node]:
        if not self.content:
            self.warn(f"{self.name}: the question {self.arguments[0]!r} has no answer")
        group = self.choice("group", "more")
        question = custom_question(classes=["va-custom-question"], group=group)
        self.set_source_info(question)
        # ``:name:`` is a ``:ref:`` target; va-faq moves it onto the question it builds.
        self.add_name(question)
        for old, new in content.avoid_reserved_ids(self.state.document, question):
            self.warn(
                f"{self.name}: :name: {old!r} is an id the theme uses on every page; "
                f"the question's id is {new!r} (a :ref: to it still works)"
            )
        title_nodes, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
        title = nodes.paragraph(self.arguments[0], "", *title_nodes)
        self.set_source_info(title)
        question += title
        question += messages
        answer = nodes.container(classes=["va-answer"])
        answer += self.parse_content_to_nodes(allow_section_headings=False)
        question += answer
        return [question]


class FaqDirective(VaDirective):
    """``va-faq``: the FAQ in groups, for clients or as a guide for staff."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = OptionSpec(MODE_OPTION | FAQ_OPTIONS)

    def build(self) -> list[nodes.Node]:
        return build_faq(self)


def _select(directive: VaDirective, facts: Facts) -> list[tuple[str, list[Question]]]:
    catalogue = questions()
    groups = directive.name_list("groups", GROUPS)
    explicit = directive.name_list("questions", ())
    excluded = set(directive.name_list("exclude", ()))
    by_key = {question.key: question for question in catalogue}
    if explicit:
        chosen = [by_key[key] for key in explicit]
    elif facts.mode == "guide":
        chosen = list(catalogue)
    else:
        chosen = [question for question in catalogue if question.answerable(facts)]
    for key in explicit:  # two options that contradict each other: say which one wins
        if key in excluded:
            directive.warn(
                f"{directive.name}: :questions: and :exclude: both name {key!r}; it is left out"
            )
        elif by_key[key].group not in groups:
            directive.warn(
                f"{directive.name}: :questions: names {key!r}, whose group "
                f"{by_key[key].group!r} is not in :groups:; it is left out "
                "(add the group to :groups: to show it)"
            )
    chosen = [question for question in chosen if question.key not in excluded]
    return [(group, [q for q in chosen if q.group == group]) for group in groups]


def _guide_body(facts: Facts, question: Question) -> list[nodes.Node]:
    """Guide mode: the draft answer as clients would read it, then what it should cover
    and which settings fill it in, for the staff who publish it."""
    first_fallback = len(facts.fallbacks)
    draft = nodes.container("", *question.answer(facts), classes=["va-draft"])
    generic = facts.fallbacks[first_fallback:]
    body: list[nodes.Node] = [
        content.paragraph(
            _("{label} Copy it to your website as it is, or edit it first."),
            label=content.strong(_("Draft answer:")),
        ),
        draft,
        content.paragraph(
            _("{label} {guide}"),
            label=content.strong(_("What the answer should cover:")),
            guide=content.fill(question.guide, audience=facts.audience),
        ),
    ]
    settings: list[list[nodes.Node]] = []
    for key in question.facts:
        if facts.from_preset(key):
            status = content.format_text(_("from the {preset} preset"), preset=facts.platform.key)
        else:
            status = _("set") if facts.has(key) else _("not set")
        settings.append(
            content.fill(_("{key} ({status})"), key=content.literal(key), status=status)
        )
    if settings:
        body.append(
            content.paragraph(
                _("{label} {keys}"),
                label=content.strong(
                    _("Settings in your vatoolkit configuration that fill it in:")
                ),
                keys=content.join_parts(settings),
            )
        )
    else:
        body.append(plain_paragraph(_("A general answer that is true for every organization.")))
    if generic:
        either = [
            content.join_parts([content.literal(k) for k in keys], _(" or ")) for keys in generic
        ]
        body.append(
            content.paragraph(
                _("Until you set {keys}, the draft uses general wording."),
                keys=content.join_parts(either),
            )
        )
    if question.premium and facts.platform.key == "teams" and not facts.model.platform.premium:
        body.append(
            content.paragraph(
                # Translators: {feature} is a whole sentence, such as "Text message (SMS)
                # reminders need Teams Premium." (the premium= text of a question).
                _(
                    "{feature} When your organization has Teams Premium, set {key} to true "
                    "and the answer will include it."
                ),
                feature=nodes.Text(question.premium),
                key=content.literal("platform.premium"),
            )
        )
    return body


def page_questions(directive: VaDirective) -> list[nodes.Element]:
    """The ``va-question`` directives of the content (and their error messages), in order.

    Anything else in the content is reported and left out; a question nested in it is
    still kept: it is the author's own.
    """
    kept: list[nodes.Element] = []
    if not directive.content:
        return kept
    document = directive.state.document
    for node in directive.parse_content_to_nodes():
        if isinstance(node, custom_question | nodes.system_message):
            kept.append(node)
            continue
        directive.warn(
            f"{directive.name}: its content may only hold va-question directives; "
            f"ignored a {getattr(node, 'tagname', 'text')}"
        )
        if not isinstance(node, nodes.Element):
            continue
        nested = list(node.findall(custom_question))
        for question in nested:
            question.parent.remove(question)
        kept.extend(nested)
        for element in node.findall(nodes.Element):  # a :ref: to it is undefined
            _forget_target(document, element)
    return kept


def build_faq(directive: VaDirective, mode: str | None = None) -> list[nodes.Node]:
    """The FAQ nodes; shared by ``va-faq`` and ``va-toolkit``.

    The page's own questions (``va-question`` in the content) are always shown, whatever
    ``:groups:``, ``:questions:`` and ``:exclude:`` select (those choose among the
    built-in questions): each in the group its ``:group:`` names (``more`` by default),
    after that group's built-in questions. A group that holds only page questions and
    is not in ``:groups:`` comes after the selected groups, in the order the content
    first names it.
    """
    facts = directive.facts(mode)
    style = directive.choice("style", "sections")
    customs = page_questions(directive)
    result: list[nodes.Node] = []
    titles = group_titles()
    document = directive.state.document
    selected = _select(directive, facts)
    for custom in customs:
        group = custom.get("group")
        if isinstance(custom, custom_question) and group not in dict(selected):
            selected.append((group, []))
    for group, chosen in selected:
        group_customs = [
            c for c in customs if isinstance(c, custom_question) and c.get("group") == group
        ]
        if not chosen and not group_customs:
            continue
        group_section = directive.section(f"va-{group}", titles[group])
        group_section["classes"].append("va-faq-group")
        for question in chosen:
            body = _guide_body(facts, question) if facts.mode == "guide" else question.answer(facts)
            content.mark_generated(body)
            item = _item(
                document, style, f"va-q-{question.key}", [nodes.Text(question.title)], body
            )
            content.mark_generated([item])
            for node in item.findall(nodes.Element):
                if not node.source:
                    directive.set_source_info(node)
            group_section += item
        for index, custom in enumerate(group_customs, start=1):
            title, answer = custom[0], custom.children[1:]
            assert isinstance(title, nodes.paragraph)
            item = _item(
                document,
                style,
                _take_target(document, custom) or f"va-q-{group}-{index}",
                list(title.children),
                list(answer),
                title,
                names=custom["names"],
            )
            group_section += item
        result.append(group_section)
    result.extend(c for c in customs if isinstance(c, nodes.system_message))
    if not result:
        directive.warn(f"{directive.name}: no question is selected", "directive")
    return result


def leave_out_page_questions(directive: VaDirective, option: str) -> None:
    """``va-toolkit`` without its FAQ: say that the content's questions are not shown."""
    left_out = [node for node in page_questions(directive) if isinstance(node, custom_question)]
    for question in left_out:
        _forget_target(directive.state.document, question)
    if left_out:
        shown = ", ".join(repr(question[0].astext()[:60]) for question in left_out[:3])
        more = f" and {len(left_out) - 3} more" if len(left_out) > 3 else ""
        directive.warn(
            f"{directive.name}: :{option}: leaves out the faq section, so the page's own "
            f"questions are not shown: {shown}{more}"
        )


def _take_target(document: nodes.document, custom: nodes.Element) -> str | None:
    """The id of a page's question with ``:name:``, freed for the question built from it."""
    if not custom["ids"]:
        return None
    target_id: str = custom["ids"][0]
    del document.ids[target_id]
    return target_id


def _forget_target(document: nodes.document, custom: nodes.Element) -> None:
    """A page's element that is not shown: a ``:ref:`` to its name reports an undefined
    label instead of linking to nothing."""
    for target_id in custom["ids"]:
        document.ids.pop(target_id, None)
    for name in custom["names"]:
        document.nameids.pop(name, None)
        document.nametypes.pop(name, None)


def _item(
    document: nodes.document,
    style: str,
    base_id: str,
    title: list[nodes.Node],
    body: list[nodes.Node],
    source_title: nodes.Element | None = None,
    names: list[str] | None = None,
) -> nodes.Element:
    if style == "sections":
        question_section = content.section(document, base_id, title)
        question_section["classes"].append("va-faq-question")
        question_section["names"].extend(names or ())
        if source_title is not None:
            heading = question_section[0]
            assert isinstance(heading, nodes.title)
            heading.source, heading.line = source_title.source, source_title.line
            heading.rawsource = getattr(source_title, "rawsource", "")
        question_section += body
        return question_section
    item = faq_item(classes=["va-faq-item"])
    # The id and names sit on the question, where Sphinx finds the title of a ``:ref:``;
    # in HTML they move to the ``<details>`` that replaces the item.
    question = nodes.rubric("", "", *title, classes=["va-faq-question"], names=names or [])
    question_id = content.unique_id(document, base_id)
    question["ids"].append(question_id)
    document.ids[question_id] = question
    if source_title is not None:
        question.source, question.line = source_title.source, source_title.line
        question.rawsource = getattr(source_title, "rawsource", "")
    item += question
    answer = nodes.container(classes=["va-faq-answer"])
    answer += body
    item += answer
    return item


class AccordionHtmlTransform(SphinxPostTransform):
    """HTML: turn each accordion item into native ``<details>``/``<summary>``."""

    default_priority = 200
    formats = HTML_FORMATS

    def run(self, **kwargs: Any) -> None:
        for item in list(self.document.findall(faq_item)):
            question, answer = item.children[0], item.children[1]
            assert isinstance(question, nodes.rubric)
            details = faq_details(ids=question["ids"], classes=item["classes"])
            summary = faq_summary("", "", *question.children)
            details += summary
            answer_box = nodes.container(classes=["va-faq-answer"])
            answer_box += answer.children
            details += answer_box
            item.replace_self(details)


class QuestionLabelsForLatex(SphinxPostTransform):
    """LaTeX writes no label for a rubric's ids: a target before the question does."""

    default_priority = 200
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for question in list(self.document.findall(nodes.rubric)):
            if "va-faq-question" in question["classes"] and question["ids"]:
                target = nodes.target("", "", ids=question["ids"])
                question["ids"] = []
                question.parent.insert(question.parent.index(question), target)


class StrayQuestionCheck(SphinxTransform):
    """A ``va-question`` outside ``va-faq`` still shows, as a plain question and answer."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        for question in list(self.document.findall(custom_question)):
            warn(
                "va-question is only valid inside va-faq; shown as a plain question",
                "directive",
                question,
            )
            box = nodes.container(classes=["va-faq-item"])
            title = question[0]
            assert isinstance(title, nodes.paragraph)
            # A ``:name:`` moves to the heading, where a ``:ref:`` finds its title
            # (``replace_self`` would otherwise copy it onto the box).
            heading = nodes.rubric(
                title.rawsource,
                "",
                *title.children,
                classes=["va-faq-question"],
                ids=question["ids"],
                names=question["names"],
            )
            question["ids"], question["names"] = [], []
            for target_id in heading["ids"]:
                self.document.ids[target_id] = heading
            box += heading
            box += question.children[1:]
            question.replace_self(box)
