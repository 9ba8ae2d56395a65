"""The organization config: validation, messages and the TOML form."""

from __future__ import annotations

import json
import os
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_origin
from urllib.parse import urljoin, urlsplit

import pytest
from helpers import assert_no_traceback, assert_no_warnings, read, sphinx_build, warnings_of
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from sphinx_vatoolkit.cli import check_project
from sphinx_vatoolkit.config import (
    MAX_VALUES_READ,
    VaToolkitConfig,
    _limits,
    json_schema,
    language_code,
    nested_model,
    normalize_url,
    read_raw_config,
    validate_config,
)
from sphinx_vatoolkit.presets import localized_url


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


# -- issue 20: URLs every later reader can split -------------------------------------

UNREADABLE_URLS = [
    "https://[clinic].example.org/",  # brackets around a name, not an IPv6 address
    "https://clinic].example.org/",
    "https://[clinic.example.org/",
    "https://[fe80::1%25eth0]/",  # a zone names an interface of this computer
    "https://[v1.fe]/",  # IPvFuture: nothing reads it
    "https://[::1]x/",
    "https://user[0]@example.org/",
    "https://example.org:99999/",
    "https://example.org:80x/",
    "https://example.org:+80/",
    "https://example.org:\u0663/",  # an Arabic-Indic digit
    "https://:80/",
    "https://user@/",
    "https:///path",
    "//[clinic]/",
    "mailto://[clinic/",
    "https://a\uff03b.example.org/",  # a fullwidth '#' that NFKC turns into '#'
]


@pytest.mark.parametrize("url", UNREADABLE_URLS)
def test_a_url_that_later_code_cannot_split_is_refused_by_key(url: str) -> None:
    (message,) = messages({"booking": {"url": url}})
    assert message.startswith("vatoolkit.booking.url: ")


def test_an_ipv6_address_with_a_port_is_a_url() -> None:
    model, problems = validate_config({"booking": {"url": "https://[2001:db8::1]:8443/book"}})
    assert problems == []
    assert model.booking.url == "https://[2001:db8::1]:8443/book"


url_text = st.text(
    alphabet=st.sampled_from([*"ab1:/[]@%.?#&=-_~+", "\uff03", "\uff1a", "\u0663"]),
    max_size=40,
)


@given(scheme=st.sampled_from(["https://", "http://", "mailto:", "tel:", "//", ""]), rest=url_text)
@settings(max_examples=400, deadline=None)
def test_every_url_the_config_accepts_can_be_split_joined_and_asked_for_its_port(
    scheme: str, rest: str
) -> None:
    try:
        url = normalize_url(scheme + rest)
    except ValueError:
        return
    parts = urlsplit(url)
    assert parts.hostname is not None or parts.hostname is None  # does not raise
    assert parts.port is None or 0 <= parts.port <= 65535
    urljoin(url, "page.html")
    urljoin("https://example.org/help/", url)
    for language in ("pt_BR", "es"):  # the vendor-article links are split again
        localized_url(url, language)


def test_a_bracketed_host_in_the_config_and_html_baseurl_never_crashes_a_build(
    make_app, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    bad = "https://[clinic].example.org/"
    src = _project(
        tmp_path,
        f"""
        extensions = ["sphinx_vatoolkit"]
        html_baseurl = {bad!r}
        vatoolkit = {{
            "platform": "teams",
            "organization": {{"name": "Bracket Clinic", "website": {bad!r}}},
            "booking": {{"url": "https://clinic.example.org:99999/"}},
            "languages": {{"en": {bad!r}, "es": "../es/"}},
        }}
        """,
    )
    for builder in ("html", "dirhtml", "vatoolkit-fragments"):
        app = make_app(builder, srcdir=src, builddir=tmp_path / builder)
        app.build(force_all=True)
        assert app.statuscode == 0, warnings_of(app)
        assert_no_traceback(app)
        warnings = warnings_of(app)
        assert "vatoolkit.organization.website: " in warnings
        assert "vatoolkit.booking.url: " in warnings
        assert "vatoolkit.languages.en" in warnings
        assert f"html_baseurl {bad!r} has the host '[clinic].example.org'" in warnings
        assert app.config.html_baseurl == ""
        if builder == "html":
            assert "[clinic]" not in read(app, "index.html")


def test_check_reads_a_bracketed_html_baseurl_without_crashing(tmp_path: Path) -> None:
    src = _project(
        tmp_path,
        """
        extensions = ["sphinx_vatoolkit"]
        html_baseurl = "https://[clinic].example.org/"
        vatoolkit = {"platform": "zoom", "languages": {"en": "../en/", "es": "../es/"},
                     "booking": {"url": "https://[clinic].example.org/book"}}
        """,
    )
    result = check_project(src)
    messages_found = " ".join(problem["message"] for problem in result["problems"])
    assert "vatoolkit.booking.url: 'https://[clinic].example.org/book' has the host" in (
        messages_found
    )
    assert "languages.en: '../en/' is not an absolute URL" in messages_found


# -- issue 20: every collection has an entry cap -------------------------------------


def _collection_fields(model: type[BaseModel], prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for name, field in model.model_fields.items():
        bare, _characters, entries = _limits(field.annotation, field.metadata)
        if get_origin(bare) in (list, dict):
            found.append((prefix + name, entries))
        inner = nested_model(field.annotation)
        if inner is not None:
            found.extend(_collection_fields(inner, f"{prefix}{name}."))
    return found


def test_every_list_and_mapping_of_the_model_has_an_entry_cap() -> None:
    fields = _collection_fields(VaToolkitConfig)
    assert "infographics.files" in dict(fields) and "organization.article" in dict(fields)
    assert [path for path, entries in fields if entries is None] == []


MANY = 120_000  # any number past MAX_ENTRIES_READ: the read stops there

BUILD_MANY: dict[str, Callable[[], dict[str, Any]]] = {
    "top-level": lambda: {f"k{index}": 1 for index in range(MANY)},
    "article": lambda: {"organization": {"article": {f"k{i}": "a" for i in range(MANY)}}},
    "files": lambda: {"infographics": {"files": {f"k{index}": {} for index in range(MANY)}}},
    "languages": lambda: {"languages": {f"k{index}": "/" for index in range(MANY)}},
    "text-per-language": lambda: {"services": {"fees": {f"k{i}": "x" for i in range(MANY)}}},
    "group": lambda: {"booking": {f"k{index}": "x" for index in range(MANY)}},
}


# The mappings are made in the test, not at collection: they would stay in memory for
# the whole session, and the builds that other tests measure in a child process start
# from this process's resident size.
@pytest.mark.parametrize("shape", list(BUILD_MANY))
def test_a_mapping_of_any_size_is_cut_naming_the_key_before_validation(shape: str) -> None:
    """Structurally bounded: the raw mapping is read only up to its cap, so pydantic
    never sees more than ``MAX_ENTRIES_READ`` entries (measured with 1.2 M keys in
    ``infographics.files``: 0.0 s, was 23 s and 3 GB)."""
    raw = BUILD_MANY[shape]()
    seen: list[int] = []
    original = VaToolkitConfig.model_validate

    def counting(data: Any) -> Any:
        seen.append(len(json.dumps(data, default=str)))
        return original(data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(VaToolkitConfig, "model_validate", counting)
        _model, problems = validate_config(raw)
    assert any(
        re.match(rf"vatoolkit[.a-z_]*: has {MANY} (unknown keys|entries); (only )?the first", m)
        for _, m in problems
    ), problems[:3]
    assert max(seen) < 100_000  # what pydantic is given, in characters of JSON


def test_a_config_that_shares_one_list_a_million_times_is_read_in_bounded_work() -> None:
    shared = ["webcam"] * 1000
    raw = {"resources": {"team": [{"title": "T", "url": "/", "description": [shared] * 1000}]}}
    raw["resources"]["clients"] = [raw["resources"]["team"][0]] * 1000
    _model, problems = validate_config(raw)
    assert any(f"holds more than {MAX_VALUES_READ} values" in m for _, m in problems)


def test_a_toml_file_of_a_million_keys_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """1.2 M keys under the 16 MB cap: 0.3 s, 140 MB (tomllib alone took 10 s, 1.1 GB)."""
    with (tmp_path / "vatoolkit.toml").open("w", encoding="utf-8") as stream:
        stream.write("[infographics.files]\n")
        for index in range(1_200_000):
            stream.write(f"k{index:x}={{}}\n")
    raw, where, errors = read_raw_config("vatoolkit.toml", tmp_path)
    assert (raw, where) == (None, None)
    assert errors == [
        f"vatoolkit: the TOML file 'vatoolkit.toml' has more than {MAX_VALUES_READ} '=' and "
        "'[' signs, more keys and tables than any config holds; it is not read"
    ]


# -- issue 20: the text gate and right-to-left writing ---------------------------------

SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
WALES = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"


def test_soft_hyphens_directional_marks_and_flag_tags_reach_the_page(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    name = "\u200fعيادة\u061c 2\u200e"
    fees = f"Behandlungs\u00adkosten {SCOTLAND} {WALES}"
    src = _project(
        tmp_path,
        f"""
        extensions = ["sphinx_vatoolkit"]
        vatoolkit = {{"platform": "teams", "organization": {{"name": {name!r}}},
                     "services": {{"fees": {fees!r}}}}}
        """,
    )
    app = make_app("html", srcdir=src)
    app.build(force_all=True)
    assert_no_warnings(app)
    page = read(app, "index.html")
    assert name in page and fees in page


@pytest.mark.parametrize(
    "text",
    [
        "Clinic \u202eevil",  # right-to-left override
        "Clinic \u202a",  # left-to-right embedding
        "Clinic \u2067x\u2069",  # isolates
        "Clinic \ufeff",  # byte-order mark
        "Clinic \U000e0041\U000e0042",  # tag letters with no flag: hidden text
        "Clinic \U000e0067\U000e0062\U000e007f",  # a tag sequence without its flag
        "Clinic \U0001f3f4\U000e0067\U000e0062",  # a flag sequence without its end
    ],
)
def test_bidi_overrides_isolates_and_stray_tags_stay_refused(text: str) -> None:
    (message,) = messages({"organization": {"name": text}})
    assert message.startswith("vatoolkit.organization.name: ")


@pytest.mark.parametrize(
    ("group", "key", "value"),
    [
        ("booking", "url", "https://clinic\u00ad.example.org/"),
        ("booking", "url", "https://clinic.example.org/\u200f"),
        ("booking", "email", "help\u200e@example.org"),
        ("booking", "email", "he\u00adlp@example.org"),
        ("support", "phone", "+1 555\u200e 0100"),
        ("brand", "logo", "logo\u061c.svg"),
        ("booking", "url", f"https://example.org/{SCOTLAND}"),
    ],
)
def test_urls_addresses_phones_and_paths_take_no_invisible_mark(
    group: str, key: str, value: str
) -> None:
    (message,) = messages({group: {key: value}})
    assert message.startswith(f"vatoolkit.{group}.{key}: ")


# -- issue 20: e-mail addresses and mailto: links ----------------------------------


@pytest.mark.parametrize(
    "email",
    [
        "visits%0D%0Abcc:all@example.org",
        "visits%0a@example.org",
        "visits%0D%0A@example.org",
        "visits&cc=all@example.org",
        "visits?cc=all@example.org",
        "visits%3Fcc=all@example.org",
    ],
)
def test_an_email_address_cannot_carry_a_header_into_its_mailto_link(email: str) -> None:
    (message,) = messages({"booking": {"email": email}})
    assert message.startswith("vatoolkit.booking.email: ")


@pytest.mark.parametrize(
    "url",
    [
        "mailto:visits@example.org%0D%0ABcc:all@example.org",
        "mailto:visits@example.org?subject=Hi%0D%0ABcc:%20all@example.org",
        "mailto:visits@example.org?cc=a@example.org%0a",
        "mailto:visits@example.org?bcc%0A=x",
    ],
)
def test_a_mailto_link_cannot_carry_an_encoded_line_break_outside_its_body(url: str) -> None:
    (message,) = messages({"support": {"url": url}})
    assert "percent-encoded control character" in message


def test_a_mailto_link_may_break_lines_in_its_body() -> None:
    url = "mailto:visits@example.org?subject=Visit&body=Hello%0D%0AMy%20name%20is"
    model, problems = validate_config({"support": {"url": url}})
    assert problems == []
    assert model.support.url == url


# -- issue 20: sets have no order --------------------------------------------------


@pytest.mark.parametrize("kind", [set, frozenset])
def test_a_set_for_a_list_is_refused_naming_the_key_so_pages_keep_one_order(kind: type) -> None:
    model, problems = validate_config(
        {
            "payment": {"methods": kind({"card", "cash", "insurance"})},
            "prepare": {"checklist": ["ID"]},
        }
    )
    ((level, message),) = problems
    assert level == "error"
    assert message.startswith("vatoolkit.payment.methods: is a set, which has no order")
    assert "write a list" in message
    assert model.payment.methods == [] and model.prepare.checklist == ["ID"]


# -- issue 20: vatoolkit.toml is a project file ------------------------------------


@pytest.mark.parametrize("outside", ["fifo", "file"])
def test_a_toml_file_linked_from_outside_the_project_is_not_read(
    make_app, tmp_path: Path, outside: str
) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "src").mkdir()
    target = elsewhere / "vatoolkit.toml"
    if outside == "fifo":
        os.mkfifo(target)  # opening it would wait for a writer forever
    else:
        target.write_text('[organization]\nname = "Elsewhere"\n', encoding="utf-8")
    src = _project(
        tmp_path / "src", 'extensions = ["sphinx_vatoolkit"]\nvatoolkit = "vatoolkit.toml"\n'
    )
    (src / "vatoolkit.toml").symlink_to(target)
    app = make_app("html", srcdir=src)
    app.build(force_all=True)
    assert "vatoolkit: the TOML file 'vatoolkit.toml' leads outside the project" in warnings_of(app)
    assert "Elsewhere" not in read(app, "index.html")


def test_a_fifo_named_vatoolkit_toml_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "vatoolkit.toml")
    assert read_raw_config("vatoolkit.toml", tmp_path)[2] == [
        "vatoolkit: the TOML file 'vatoolkit.toml' is not a regular file; it is not read"
    ]


# -- issue 20: no silent platform --------------------------------------------------

DEFAULT_PLATFORM = (
    "the pages describe Microsoft Teams with Bookings (the default preset 'teams'); set it to "
    "'teams', 'zoom', 'google-meet', 'webex' or 'custom'"
)


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ({"organization": {"name": "Quiet Clinic"}}, "platform"),
        (
            {"organization": {"name": "Quiet Clinic"}, "platform": {"premium": True}},
            "platform.preset",
        ),
    ],
)
def test_a_config_without_a_platform_warns_which_platform_the_pages_describe(
    make_app, tmp_path: Path, config: dict[str, Any], key: str
) -> None:  # type: ignore[no-untyped-def]
    src = _project(tmp_path, f'extensions = ["sphinx_vatoolkit"]\nvatoolkit = {config!r}\n')
    app = make_app("html", srcdir=src)
    app.build(force_all=True)
    warnings = warnings_of(app).strip().splitlines()
    assert warnings == [
        f"WARNING: vatoolkit.{key} is not set: {DEFAULT_PLATFORM} [vatoolkit.missing]"
    ]
    result = check_project(src)
    assert not result["ok"]
    assert {
        "kind": "missing",
        "language": None,
        "key": "platform",
        "message": f"vatoolkit.{key} is not set: {DEFAULT_PLATFORM}",
    } in result["problems"]


@pytest.mark.parametrize("platform", ["teams", {"preset": "teams"}, "zoom"])
def test_a_chosen_platform_is_not_reported(tmp_path: Path, platform: Any) -> None:
    src = _project(
        tmp_path,
        f'extensions = ["sphinx_vatoolkit"]\nvatoolkit = {{"platform": {platform!r}}}\n',
    )
    assert [p for p in check_project(src)["problems"] if p["kind"] == "missing"] == []
