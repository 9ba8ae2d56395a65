"""Pages an organization would publish: its people, its grammar, drafts for its staff."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_no_warnings, read, visible_text, warnings_of

CONF = Path(__file__).parent / "roots" / "test-organization" / "conf.py"


def organization_config(**changes: Any) -> dict[str, Any]:
    """The test root's ``vatoolkit``, with groups replaced or added."""
    namespace: dict[str, Any] = {}
    exec(CONF.read_text(encoding="utf-8"), namespace)
    config = copy.deepcopy(namespace["vatoolkit"])
    config.update(changes)
    return config


@pytest.mark.sphinx("html", testroot="organization")
def test_healthcare_guide_calls_them_patients(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    text = visible_text(read(built, "index.html"))
    assert "make sure your patients know how to book" in text
    assert "Tell patients which services" in text
    assert "client" not in text.lower()


@pytest.mark.sphinx(
    "html",
    testroot="organization",
    confoverrides={
        "vatoolkit": organization_config(organization={"name": "Loja Azul", "industry": "retail"})
    },
)
def test_retail_guide_calls_them_customers(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    text = visible_text(read(built, "index.html"))
    assert "make sure your customers know how to book" in text
    assert "patient" not in text.lower() and "client" not in text.lower()


@pytest.mark.sphinx(
    "html",
    testroot="organization",
    confoverrides={"language": "pt_BR"},
)
def test_healthcare_guide_in_portuguese_says_pacientes(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    text = visible_text(read(built, "index.html"))
    assert "pacientes" in text
    assert "clientes" not in text


@pytest.mark.sphinx("html", testroot="organization")
def test_guide_shows_each_draft_answer_with_the_organizations_facts(built) -> None:  # type: ignore[no-untyped-def]
    html = read(built, "index.html")
    text = visible_text(html)
    assert text.count("Draft answer:") >= 20
    assert 'class="va-draft' in html
    assert "+34 910 555 199" in text  # booking phone, in the how-to-book draft
    assert "by e-mail at" in text and "citas" in text  # booking e-mail (Sphinx cloaks the @)
    assert "A virtual check-up costs 30 euros." in text
    assert "What the answer should cover:" in text
    # a draft that falls back to general wording says which setting would fill it
    assert "the draft uses general wording" in text


@pytest.mark.sphinx("html", testroot="organization", confoverrides={"language": "pt_BR"})
def test_portuguese_pages_give_the_name_its_article(built) -> None:  # type: ignore[no-untyped-def]
    text = visible_text(read(built, "index.html"))
    assert "a Clínica Sonrisa" in text or "A Clínica Sonrisa" in text
    assert "que Clínica Sonrisa" not in text  # "Agora que Clínica…"


@pytest.mark.sphinx("html", testroot="organization", confoverrides={"language": "es"})
def test_spanish_pages_give_the_name_its_article(built) -> None:  # type: ignore[no-untyped-def]
    text = visible_text(read(built, "index.html"))
    assert "la Clínica Sonrisa" in text or "La Clínica Sonrisa" in text
    assert "que Clínica Sonrisa" not in text  # "Ahora que Clínica…"


def test_article_forms_contract_in_portuguese_and_spanish() -> None:
    from sphinx_vatoolkit.config import validate_config
    from sphinx_vatoolkit.facts import Facts

    model, problems = validate_config(
        {"organization": {"name": "Banco Sur", "article": {"pt_BR": "o", "es": "el"}}}
    )
    assert problems == []
    portuguese = Facts(model, "pt_BR", "docs").organization_forms()
    assert portuguese["the_org"] == "o Banco Sur"
    assert portuguese["The_org"] == "O Banco Sur"
    assert (portuguese["of_org"], portuguese["in_org"]) == ("do Banco Sur", "no Banco Sur")
    assert (portuguese["by_org"], portuguese["to_org"]) == ("pelo Banco Sur", "ao Banco Sur")
    spanish = Facts(model, "es", "docs").organization_forms()
    assert (spanish["of_org"], spanish["to_org"]) == ("del Banco Sur", "al Banco Sur")
    assert spanish["the_org"] == "el Banco Sur"


def test_an_article_that_does_not_fit_the_language_is_refused() -> None:
    from sphinx_vatoolkit.config import validate_config

    _model, problems = validate_config({"organization": {"article": {"pt_BR": "la"}}})
    assert problems and "vatoolkit.organization.article" in problems[0][1]
    assert "'a', 'o', 'as', 'os'" in problems[0][1]


@pytest.mark.sphinx("html", testroot="organization", confoverrides={"language": "es"})
def test_staff_entries_are_translated(built) -> None:  # type: ignore[no-untyped-def]
    text = visible_text(read(built, "index.html"))
    assert "Dra. Ana Ruiz (ortodoncia)" in text
    assert "orthodontics" not in text


@pytest.mark.sphinx("gettext", testroot="organization")
def test_plain_staff_entries_go_to_the_organization_catalog(built) -> None:  # type: ignore[no-untyped-def]
    pot = read(built, "vatoolkit.pot")
    assert 'msgid "Dr. Luis Gil (oral surgery)"' in pot
    assert "Dr. Ana Ruiz" not in pot  # given per language: already translated


@pytest.mark.sphinx("html", testroot="organization", confoverrides={"vatoolkit": {}})
def test_no_organization_name_warns(built) -> None:  # type: ignore[no-untyped-def]
    warnings = warnings_of(built)
    assert "vatoolkit.organization.name is not set" in warnings
    assert "'Sonrisa docs'" in warnings
    assert "[vatoolkit.missing]" in warnings


@pytest.mark.sphinx(
    "html",
    testroot="organization",
    confoverrides={
        "vatoolkit": organization_config(
            organization={"name": "Clínica Sonrisa", "website": "sonrisa.example.es"}
        )
    },
)
def test_a_website_without_scheme_is_refused_with_the_fix(built) -> None:  # type: ignore[no-untyped-def]
    warnings = warnings_of(built)
    assert "vatoolkit.organization.website" in warnings
    assert "write 'https://sonrisa.example.es'" in warnings
    assert 'href="sonrisa.example.es"' not in read(built, "index.html")


@pytest.mark.parametrize("page", ["client.html", "custom.html"])  # MyST, then rST
@pytest.mark.sphinx("html", testroot="organization")
def test_a_question_inside_va_toolkit_joins_its_faq(built, page: str) -> None:  # type: ignore[no-untyped-def]
    html = read(built, page)
    faq = html.split('id="va-faq"', 1)[1]
    question = "Can I pay with Bizum?" if page == "client.html" else "Can I bring my child?"
    assert question in faq
    assert "How do I book an appointment?" in faq


@pytest.mark.sphinx(
    "html",
    testroot="organization",
    confoverrides={"vatoolkit": organization_config(reminders={"sms": True})},
)
def test_sms_reminders_without_teams_premium_warn_and_are_not_promised(built) -> None:  # type: ignore[no-untyped-def]
    warnings = warnings_of(built)
    assert "vatoolkit.reminders.sms" in warnings and "Teams Premium" in warnings
    assert warnings.count("vatoolkit.reminders.sms") == 1  # once a build, not per page
    text = visible_text(read(built, "index.html"))
    assert "text message (SMS) before" not in text  # the draft promises nothing
    assert "need Teams Premium" in text  # the guide tells staff why


@pytest.mark.sphinx(
    "html",
    testroot="organization",
    confoverrides={
        "vatoolkit": organization_config(
            platform={"preset": "teams", "premium": True}, reminders={"sms": True}
        )
    },
)
def test_sms_reminders_with_teams_premium_are_shown(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    assert "text message (SMS) before" in visible_text(read(built, "index.html"))


@pytest.mark.sphinx(
    "html",
    testroot="organization",
    confoverrides={
        "language": "pt_BR",
        "vatoolkit": organization_config(
            cancellation={"notice": "48 hours", "text": "Call us to cancel."}
        ),
    },
)
def test_untranslated_organization_texts_are_named_once(built) -> None:  # type: ignore[no-untyped-def]
    warnings = warnings_of(built)
    assert warnings.count("[vatoolkit.untranslated]") == 1
    assert "2 organization text(s) have no pt_BR translation" in warnings
    assert "cancellation.notice: '48 hours'" in warnings
    assert "cancellation.text: 'Call us to cancel.'" in warnings
