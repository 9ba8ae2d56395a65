"""The registry of built-in questions, and page questions as ``:ref:`` targets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import assert_no_warnings, read, visible_text, warnings_of

from sphinx_vatoolkit.faq import GROUPS, QUESTION_KEYS, questions
from sphinx_vatoolkit.faq.registry import Shown, question

# The reference article's questions in its order, then the groups it lacks.
EXPECTED_ORDER = [
    ("basics", ["what-is", "differences", "how-it-works", "payment"]),
    ("booking", ["how-to-book", "who", "cancel"]),
    ("technology", ["equipment", "join"]),
    ("prepare", ["test-device", "place", "have-ready", "forms"]),
    ("privacy", ["recording", "who-can-see", "where-to-sit"]),
    ("accessibility", ["captions", "screen-readers", "interpreters", "companions"]),
    (
        "troubleshooting",
        ["camera-microphone", "long-wait", "reconnect", "phone-fallback", "reminders"],
    ),
]
# Generic answers, true for every organization: on whatever the config says.
ALWAYS_SHOWN = {
    "what-is",
    "how-it-works",
    "equipment",
    "join",
    "test-device",
    "place",
    "have-ready",
    "who-can-see",
    "where-to-sit",
    "camera-microphone",
    "long-wait",
    "reconnect",
}


@dataclass
class Platform:
    key: str = "teams"
    captions: bool = True


@dataclass
class FakeFacts:
    """The part of ``Facts`` that decides whether a question is on by default."""

    set_keys: set[str] = field(default_factory=set)
    platform: Platform = field(default_factory=Platform)

    def has(self, *keys: str) -> bool:
        return any(key in self.set_keys for key in keys)


def test_questions_keep_the_reference_order_then_the_added_groups() -> None:
    expected = [(group, key) for group, keys in EXPECTED_ORDER for key in keys]
    assert [(q.group, q.key) for q in questions()] == expected
    assert list(QUESTION_KEYS) == [key for _group, key in expected]
    assert list(GROUPS) == [*(group for group, _keys in EXPECTED_ORDER), "more"]


def test_each_question_is_declared_in_its_group_module() -> None:
    for registered in questions():
        assert registered.answer.__module__ == f"sphinx_vatoolkit.faq.{registered.group}"


def test_when_a_question_is_on_by_default() -> None:
    empty = FakeFacts(platform=Platform(key="custom", captions=False))
    assert {q.key for q in questions() if q.answerable(empty)} == ALWAYS_SHOWN
    for registered in questions():
        if registered.key in ALWAYS_SHOWN or registered.key in {"captions", "screen-readers"}:
            continue
        for key in registered.facts:
            shown = registered.answerable(FakeFacts({key}))
            # a privacy policy link alone does not say whether appointments are recorded
            assert shown == (key != "privacy.policy_url"), (registered.key, key)
    by_key = {q.key: q for q in questions()}
    assert by_key["captions"].answerable(FakeFacts(platform=Platform(captions=True)))
    assert not by_key["captions"].answerable(FakeFacts(platform=Platform(captions=False)))
    assert by_key["screen-readers"].answerable(FakeFacts(platform=Platform(key="zoom")))
    assert not by_key["screen-readers"].answerable(FakeFacts(platform=Platform(key="custom")))


def test_declaration_mistakes_are_caught_at_import() -> None:
    def declare(key: str, group: str, shown: Shown, facts: tuple[str, ...] = ()) -> None:
        question(key, group=group, title="?", guide="!", facts=facts, shown=shown)

    with pytest.raises(ValueError, match="unknown group 'snacks'"):
        declare("lunch", "snacks", Shown.ALWAYS)
    with pytest.raises(ValueError, match="'what-is' is declared twice"):
        declare("what-is", "basics", Shown.ALWAYS)
    with pytest.raises(ValueError, match="names none"):
        declare("lunch", "basics", Shown.WHEN_ANY_FACT_IS_SET)
    assert "lunch" not in [q.key for q in questions()]


@pytest.mark.sphinx("html", testroot="faqref")
def test_named_questions_are_ref_targets_in_both_styles_and_syntaxes(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    targets = {
        "bring-a-dog": ("index.html", "section", "Can I bring my dog?"),
        "parking": ("index.html", "details", "Is there parking?"),
        "forms-online": ("markdown.html", "section", "Can I fill in the forms online?"),
        "step-free": ("markdown.html", "details", "Is the entrance step-free?"),
    }
    for name, (page, tag, title) in targets.items():
        assert re.search(rf'<{tag} class="[^"]*" id="{name}">', read(built, page)), name
        for source in ("index.html", "markdown.html"):
            href = f"#{name}" if source == page else f"{page}#{name}"
            link = f'<a class="reference internal" href="{href}"><span class="std std-ref">'
            assert f"{link}{title}</span></a>" in read(built, source), (name, source)
    assert "the dog question</span></a>" in read(built, "index.html")


@pytest.mark.sphinx("latex", testroot="faqref")
def test_latex_has_a_label_for_every_named_question(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    (tex,) = Path(built.outdir).glob("*.tex")
    latex = tex.read_text(encoding="utf-8")
    for name in (
        "index:bring-a-dog",
        "index:parking",
        "markdown:forms-online",
        "markdown:step-free",
    ):
        assert f"\\label{{\\detokenize{{{name}}}}}" in latex, name


@pytest.mark.sphinx("html", testroot="faqref", confoverrides={"language": "pt_BR"})
def test_references_show_the_translated_question_in_brazilian_portuguese(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    index = read(built, "index.html")
    assert (
        'href="markdown.html#step-free"><span class="std std-ref">A entrada não tem degraus?'
        in (index)
    )
    markdown = read(built, "markdown.html")
    assert 'href="index.html#parking"><span class="std std-ref">Há estacionamento?' in markdown
    text = visible_text(index)
    assert "Onde devo ficar durante o atendimento?" in text  # built-in, from the package
    assert "Como se preparar para o atendimento" in text
    assert "Where should I be" not in text


@pytest.mark.sphinx("html", testroot="faqref", confoverrides={"language": "es"})
def test_built_in_questions_follow_the_build_language_in_spanish(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    text = visible_text(read(built, "markdown.html"))
    assert "¿Dónde debo estar durante la cita?" in text
    assert "Prepararse para la cita" in text
    assert "Where should I be" not in text


# Every way of selecting the built-in questions, each FAQ with a question of the page's
# own: (options, the page question's :group:, its name).
SELECTIONS = [
    (["groups: basics"], None, "own-basics"),
    (["groups: technology, basics", "style: accordion"], "privacy", "own-privacy"),
    (["questions: what-is"], None, "own-questions"),
    (["groups: basics", "exclude: what-is, differences"], "basics", "own-exclude"),
    (["groups: basics", "mode: guide"], None, "own-guide"),
    (["groups: booking", "mode: guide", "style: accordion"], "booking", "own-guide-accordion"),
]


def _selection_page(syntax: str) -> str:
    """One FAQ per selection, each with one page question, then a :ref: to each."""
    parts = ["Selections\n==========\n" if syntax == "rst" else "# Selections\n"]
    for options, group, name in SELECTIONS:
        question_options = [f"name: {name}"] + ([f"group: {group}"] if group else [])
        answer = f"The answer of {name}."
        if syntax == "rst":
            parts.append(
                ".. va-faq::\n"
                + "".join(f"   :{option}\n" for option in options)
                + f"\n   .. va-question:: Question {name}?\n"
                + "".join(f"      :{option}\n" for option in question_options)
                + f"\n      {answer}\n"
            )
        else:
            parts.append(
                "::::{va-faq}\n"
                + "".join(f":{option}\n" for option in options)
                + f"\n:::{{va-question}} Question {name}?\n"
                + "".join(f":{option}\n" for option in question_options)
                + f"\n{answer}\n:::\n::::\n"
            )
    role = ":ref:`{}`" if syntax == "rst" else "{{ref}}`{}`"
    parts.append("See " + ", ".join(role.format(name) for _o, _g, name in SELECTIONS) + ".\n")
    return "\n".join(parts)


@pytest.mark.parametrize("syntax", ["rst", "md"])
@pytest.mark.sphinx("html", testroot="faqref", srcdir="faqref-own-questions")
def test_a_page_question_is_shown_and_linkable_whatever_the_faq_selects(app, syntax) -> None:  # type: ignore[no-untyped-def]
    (app.srcdir / "markdown.md").unlink()
    (app.srcdir / "index.rst").unlink()
    (app.srcdir / f"index.{syntax}").write_text(_selection_page(syntax), encoding="utf-8")
    app.build(force_all=True)
    assert_no_warnings(app)
    html = read(app, "index.html")
    text = visible_text(html)
    for _options, _group, name in SELECTIONS:
        assert f"Question {name}?" in text, name
        assert f"The answer of {name}." in text, name
        assert html.count(f'id="{name}"') == 1, name
        link = f'<a class="reference internal" href="#{name}"><span class="std std-ref">'
        assert f"{link}Question {name}?</span></a>" in html, name
    faqs = text.split("Question own-")
    # A page question's group comes after the selected groups, and keeps its title.
    assert "Virtual appointment basics" in faqs[0] and "More questions" in faqs[0]
    assert faqs[0].index("Virtual appointment basics") < faqs[0].index("More questions")
    second = faqs[1]
    assert second.index("Technology") < second.index("Virtual appointment basics")
    assert second.index("Virtual appointment basics") < second.index("Privacy")
    # :exclude: leaves out built-in questions only; :group: basics puts it among them.
    fourth = faqs[3]
    assert "What is a virtual appointment?" not in fourth and "More questions" not in fourth


@pytest.mark.sphinx("html", testroot="faqref", srcdir="faqref-nested")
def test_a_page_question_nested_in_other_content_is_still_shown(app) -> None:  # type: ignore[no-untyped-def]
    (app.srcdir / "markdown.md").unlink()
    (app.srcdir / "index.rst").write_text(
        "Nested\n======\n\n.. va-faq::\n   :groups: basics\n\n   .. container::\n\n"
        "      .. va-question:: Is there parking?\n         :name: parking\n\n"
        "         Yes.\n\n      .. _stray-note:\n\n      A stray note.\n\n"
        "See :ref:`parking` and :ref:`stray-note`.\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    warnings = warnings_of(app)
    assert "va-faq: its content may only hold va-question directives; ignored a container" in (
        warnings
    )
    assert "undefined label: 'stray-note'" in warnings  # not a link to nothing
    assert warnings.count("WARNING:") == 2, warnings
    html = read(app, "index.html")
    assert "A stray note." not in html
    assert '<a class="reference internal" href="#parking"><span class="std std-ref">Is' in html


@pytest.mark.parametrize(
    ("options", "option"),
    [("   :sections: intro\n", "sections"), ("   :exclude: faq\n", "exclude")],
)
@pytest.mark.sphinx("html", testroot="faqref", srcdir="faqref-toolkit-without-faq")
def test_a_toolkit_without_its_faq_says_the_page_questions_are_not_shown(
    app, options, option
) -> None:  # type: ignore[no-untyped-def]
    (app.srcdir / "markdown.md").unlink()
    (app.srcdir / "index.rst").write_text(
        f"Toolkit\n=======\n\n.. va-toolkit::\n{options}\n"
        "   .. va-question:: Is there parking?\n      :name: lost\n\n      Yes.\n\n"
        "See :ref:`lost`.\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    warnings = warnings_of(app)
    assert (
        f"va-toolkit: :{option}: leaves out the faq section, so the page's own questions are "
        "not shown: 'Is there parking?'"
    ) in warnings
    assert "undefined label: 'lost'" in warnings
    assert warnings.count("WARNING:") == 2, warnings


@pytest.mark.sphinx("html", testroot="faqref", srcdir="faqref-contradiction")
def test_a_question_asked_for_but_left_out_by_another_option_is_reported(app) -> None:  # type: ignore[no-untyped-def]
    (app.srcdir / "markdown.md").unlink()
    (app.srcdir / "index.rst").write_text(
        "Options\n=======\n\n.. va-faq::\n   :groups: basics\n"
        "   :questions: what-is, place, payment\n   :exclude: payment\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    warnings = warnings_of(app)
    assert (
        "va-faq: :questions: names 'place', whose group 'prepare' is not in :groups:; "
        "it is left out"
    ) in warnings
    assert "va-faq: :questions: and :exclude: both name 'payment'; it is left out" in warnings
    assert warnings.count("[vatoolkit.directive]") == 2, warnings
    text = visible_text(read(app, "index.html"))
    assert "What is a virtual appointment?" in text
    assert "How does payment work" not in text


@pytest.mark.sphinx("html", testroot="faqref", srcdir="faqref-stray")
def test_named_question_outside_a_faq_is_still_a_target(app) -> None:  # type: ignore[no-untyped-def]
    (app.srcdir / "markdown.md").unlink()
    (app.srcdir / "index.rst").write_text(
        "Home\n====\n\n.. va-question:: Is there parking?\n   :name: stray\n\n   Yes.\n\n"
        "See :ref:`stray`.\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    warnings = warnings_of(app)
    assert "va-question is only valid inside va-faq" in warnings
    assert warnings.count("WARNING:") == 1, warnings
    html = read(app, "index.html")
    assert html.count('id="stray"') == 1
    assert '<a class="reference internal" href="#stray"><span class="std std-ref">Is there' in html


@pytest.mark.parametrize(
    ("names", "lead"),
    [
        (["Dr. A"], "This staff member sees patients only in virtual appointments:"),
        (["Dr. A", "Dr. B"], "These staff members see patients only in virtual appointments:"),
    ],
)
def test_a_list_of_one_staff_member_reads_in_the_singular(names: list[str], lead: str) -> None:
    from sphinx_vatoolkit.config import validate_config
    from sphinx_vatoolkit.facts import Facts
    from sphinx_vatoolkit.faq.booking import who

    raw = {
        "organization": {"name": "Clinic", "industry": "healthcare"},
        "booking": {"staff": {"virtual_only": names}},
    }
    model, reported = validate_config(raw)
    assert reported == []
    answer = who(Facts(model, "en", "Project"))
    assert answer[0].astext() == lead
