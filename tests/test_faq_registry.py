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


@pytest.mark.sphinx("html", testroot="faqref", srcdir="faqref-left-out")
def test_name_of_a_question_left_out_by_groups_leads_nowhere(app) -> None:  # type: ignore[no-untyped-def]
    (app.srcdir / "markdown.md").unlink()
    (app.srcdir / "index.rst").write_text(
        "Left out\n========\n\n.. va-faq::\n   :groups: prepare\n\n"
        "   .. va-question:: Is there parking?\n      :name: lost\n\n      Yes.\n\n"
        "See :ref:`lost`.\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    warnings = warnings_of(app)
    assert "undefined label: 'lost'" in warnings
    assert warnings.count("WARNING:") == 1, warnings


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
