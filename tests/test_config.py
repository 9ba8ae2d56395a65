"""The organization config: validation, messages and the TOML form."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from helpers import assert_no_traceback, assert_no_warnings, read, sphinx_build, warnings_of

from sphinx_vatoolkit.config import (
    VaToolkitConfig,
    json_schema,
    language_code,
    normalize_url,
    validate_config,
)


def messages(raw: object) -> list[str]:
    return [message for _level, message in validate_config(raw)[1]]


def test_public_names_from_the_spec_validate() -> None:
    model, problems = validate_config(
        {
            "organization": {
                "name": "Clinica Example",
                "industry": "healthcare",
                "website": "https://example.org",
                "logo": "_static/logo.svg",
            },
            "platform": "teams",
            "booking": {
                "url": "https://example.org/book",
                "phone": "+1 555 0100",
                "email": "visits@example.org",
                "social": [{"name": "WhatsApp", "url": "https://wa.me/15550100"}],
                "staff": {"virtual_only": ["Dr. A"], "in_person_only": ["Dr. B"], "note": "..."},
            },
            "services": {"differences": "...", "fees": "..."},
            "payment": {"methods": ["credit card", "insurance"], "note": "..."},
            "cancellation": {
                "policy_url": "https://example.org/cancel",
                "notice": "24 hours",
                "differences": "...",
            },
            "technology": {
                "equipment": ["webcam", "headset"],
                "portal": {"name": "MyHealth", "url": "https://my.example.org"},
            },
            "support": {
                "phone": "+1 555 0199",
                "email": "help@example.org",
                "hours": "9-5",
                "url": "https://example.org/help",
            },
            "brand": {
                "primary_color": "#0b5cad",
                "accent_color": "#f2a900",
                "font": "Inter",
                "logo": "_static/logo.svg",
            },
            "resources": {
                "team": [{"title": "T", "url": "https://t.example.org", "description": "D"}],
                "clients": [],
            },
            "infographics": {"industries": ["healthcare", "general"], "generated": True},
            "video": {"url": "https://example.org/video", "title": "Video"},
            "languages": {
                "en": "https://help.example.org/en/",
                "pt_BR": "https://help.example.org/pt-br/",
                "es": "https://help.example.org/es/",
            },
        }
    )
    assert problems == []
    assert model.booking.staff is not None
    assert model.booking.staff.virtual_only == ["Dr. A"]
    assert model.platform.preset == "teams"
    assert set(model.languages) == {"en", "pt_BR", "es"}


def test_platform_accepts_a_preset_with_overrides() -> None:
    model, problems = validate_config({"platform": {"preset": "zoom", "name": "Zoom Health"}})
    assert problems == []
    assert (model.platform.preset, model.platform.name) == ("zoom", "Zoom Health")


def test_per_language_text_keys_are_normalized() -> None:
    model, problems = validate_config(
        {"services": {"fees": {"en": "Same fees", "pt-BR": "Mesmos valores", "es": "Igual"}}}
    )
    assert problems == []
    assert model.services.fees == {"en": "Same fees", "pt_BR": "Mesmos valores", "es": "Igual"}


def test_wrong_type_names_key_value_and_expectation() -> None:
    (message,) = messages({"booking": {"phone": 5550100}})
    assert message.startswith("vatoolkit.booking.phone: 5550100 ")
    assert "expected a phone number" in message


def test_unknown_key_suggests_the_known_one() -> None:
    model, problems = validate_config({"booking": {"ulr": "https://example.org/book"}})
    ((level, message),) = problems
    assert level == "warning"
    assert "vatoolkit.booking.ulr: unknown key" in message
    assert "did you mean 'url'?" in message
    assert model.booking.url is None


def test_unknown_top_level_group_suggests_the_group() -> None:
    (message,) = messages({"bookings": {}})
    assert "vatoolkit.bookings: unknown key" in message
    assert "did you mean 'booking'?" in message


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "vbscript:x",
        "data:text/html,x",
        "file:///etc/passwd",
        "java\x00script:alert(1)",
        "https://",
        "ftp://example.org",
    ],
)
def test_unsafe_urls_are_rejected(url: str) -> None:
    (message,) = messages({"booking": {"url": url}})
    assert message.startswith("vatoolkit.booking.url: ")


def test_protocol_relative_urls_become_https() -> None:
    assert normalize_url("//download.example.org/a.pdf") == "https://download.example.org/a.pdf"
    assert normalize_url("book.html") == "book.html"
    assert normalize_url("MAILTO:a@example.org") == "mailto:a@example.org"


def test_unknown_preset_and_industry_are_named() -> None:
    problems = messages({"platform": "skype", "organization": {"industry": "mining"}})
    assert any(p.startswith("vatoolkit.platform.preset: 'skype'") for p in problems)
    assert any(p.startswith("vatoolkit.organization.industry: 'mining'") for p in problems)


def test_invalid_language_code_and_colour() -> None:
    problems = messages(
        {"languages": {"xx_YY": "https://x.example.org"}, "brand": {"primary_color": "blue"}}
    )
    assert any("vatoolkit.languages" in p and "xx_YY" in p for p in problems)
    assert any(p.startswith("vatoolkit.brand.primary_color: 'blue'") for p in problems)
    assert language_code("pt-br") == "pt_BR"


def test_a_broken_entry_in_a_list_drops_only_that_entry() -> None:
    model, problems = validate_config(
        {"booking": {"social": [{"name": "WhatsApp"}, {"name": "X", "url": "https://x.com"}]}}
    )
    assert [channel.name for channel in model.booking.social] == ["X"]
    assert "vatoolkit.booking.social[0]: the required key 'url' is missing" in problems[0][1]


def test_what_is_valid_survives_next_to_what_is_not() -> None:
    model, problems = validate_config(
        {"booking": {"url": "https://example.org/book", "phone": "call us"}}
    )
    assert model.booking.url == "https://example.org/book"
    assert model.booking.phone is None
    assert len(problems) == 1


def test_not_a_dict() -> None:
    (message,) = messages(["booking"])
    assert "expected a dict" in message


def test_json_schema_is_published_from_the_model() -> None:
    schema = json_schema()
    assert schema["title"] == "sphinx-vatoolkit organization config"
    assert "booking" in schema["properties"]
    json.dumps(schema)


def test_fingerprint_changes_with_the_facts() -> None:
    first = VaToolkitConfig.model_validate({"booking": {"url": "https://a.example.org"}})
    second = VaToolkitConfig.model_validate({"booking": {"url": "https://b.example.org"}})
    assert first.fingerprint() != second.fingerprint()


@pytest.mark.sphinx(
    "html",
    testroot="minimal",
    confoverrides={"vatoolkit": {"booking": {"url": "javascript:alert(1)"}, "bookng": {}}},
)
def test_sphinx_reports_config_problems_with_type_and_subtype(app) -> None:  # type: ignore[no-untyped-def]
    warnings = warnings_of(app)
    assert "ERROR: vatoolkit.booking.url: 'javascript:alert(1)' uses the scheme" in warnings
    assert "[vatoolkit.config]" in warnings
    assert "did you mean 'booking'?" in warnings


def _project(tmp_path: Path, conf: str, files: dict[str, str] | None = None) -> Path:
    (tmp_path / "conf.py").write_text(textwrap.dedent(conf), encoding="utf-8")
    (tmp_path / "index.rst").write_text("Home\n====\n\n.. va-toolkit::\n", encoding="utf-8")
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_toml_file_is_read(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = _project(
        tmp_path,
        """
        extensions = ["sphinx_vatoolkit"]
        vatoolkit = "vatoolkit.toml"
        """,
        {
            "vatoolkit.toml": """
            platform = "zoom"
            [organization]
            name = "Toml Clinic"
            [booking]
            url = "https://toml.example.org/book"
        """
        },
    )
    app = make_app("html", srcdir=src, warningiserror=True)  # as sphinx-build -W
    app.build(force_all=True)
    assert app.statuscode == 0, warnings_of(app)
    assert_no_warnings(app)
    page = read(app, "index.html")
    assert "Toml Clinic" in page
    assert 'href="https://toml.example.org/book"' in page


@pytest.mark.parametrize(
    ("conf", "files", "expected"),
    [
        ('vatoolkit = "missing.toml"', {}, "the TOML file 'missing.toml' does not exist"),
        ('vatoolkit = "bad.toml"', {"bad.toml": "[booking\nurl = 1\n"}, "is not valid TOML"),
        ('vatoolkit = {"booking": {"url": 42}}', {}, "vatoolkit.booking.url: 42"),
        ('vatoolkit = {"platform": "skype"}', {}, "vatoolkit.platform.preset: 'skype'"),
        ('vatoolkit = {"booking": {"urll": "https://x.org"}}', {}, "did you mean 'url'?"),
    ],
)
def test_bad_config_is_a_clear_message_never_a_traceback(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, conf: str, files: dict[str, str], expected: str
) -> None:
    """In this process, -W being ``warningiserror`` (sphinx-build exits with the app's
    status); the command line itself: the next test."""
    src = _project(tmp_path, f'extensions = ["sphinx_vatoolkit"]\n{conf}\n', files)
    strict = make_app("html", srcdir=src, builddir=tmp_path / "strict", warningiserror=True)
    strict.build(force_all=True)
    assert strict.statuscode != 0
    assert expected in warnings_of(strict)
    assert_no_traceback(strict)
    lenient = make_app("html", srcdir=src, builddir=tmp_path / "lenient")
    lenient.build(force_all=True)
    assert lenient.statuscode == 0, warnings_of(lenient)
    assert_no_traceback(lenient)
    assert (Path(lenient.outdir) / "index.html").exists()


def test_sphinx_build_fails_on_a_bad_config_only_with_w(tmp_path: Path) -> None:
    """The command line: a config problem is a message on stderr and never a traceback;
    the exit status is 0, and not 0 under ``-W``, where the pages are still written."""
    src = _project(tmp_path, 'extensions = ["sphinx_vatoolkit"]\nvatoolkit = {"platform": 3}\n')
    strict = sphinx_build("-W", "-b", "html", str(src), str(tmp_path / "strict"))
    assert strict.returncode != 0
    assert "vatoolkit.platform" in strict.stderr
    assert "[vatoolkit.config]" in strict.stderr
    assert "Traceback" not in strict.stderr + strict.stdout
    lenient = sphinx_build("-b", "html", str(src), str(tmp_path / "lenient"))
    assert lenient.returncode == 0, lenient.stderr
    assert "vatoolkit.platform" in lenient.stderr
    assert "Traceback" not in lenient.stderr + lenient.stdout
    assert (tmp_path / "lenient" / "index.html").exists()
