"""Broken configs and broken directive uses: one clear message each, never a traceback."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_no_traceback, warnings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_vatoolkit.config import VaToolkitConfig, validate_config

# (config, the key path the message must name)
BROKEN: list[tuple[Any, str]] = [
    ({"organization": "Clinic"}, "vatoolkit.organization"),
    ({"organization": {"name": 42}}, "vatoolkit.organization.name"),
    ({"organization": {"name": ""}}, "vatoolkit.organization.name"),
    ({"organization": {"name": {}}}, "vatoolkit.organization.name"),
    ({"organization": {"name": {"xx_ZZ": "x"}}}, "vatoolkit.organization.name"),
    ({"organization": {"name": {"pt_BR": ""}}}, "vatoolkit.organization.name"),
    ({"organization": {"industry": "mining"}}, "vatoolkit.organization.industry"),
    ({"organization": {"website": "example org"}}, "vatoolkit.organization.website"),
    ({"organization": {"logo": "../../etc/passwd"}}, "vatoolkit.organization.logo"),
    ({"organization": {"logo": "/etc/passwd"}}, "vatoolkit.organization.logo"),
    ({"organization": {"nmae": "x"}}, "vatoolkit.organization.nmae"),
    ({"platform": "skype"}, "vatoolkit.platform.preset"),
    ({"platform": 3}, "vatoolkit.platform"),
    ({"platform": {"preset": "teams", "join": "fax"}}, "vatoolkit.platform.join"),
    ({"platform": {"preset": "custom"}}, "vatoolkit.platform"),
    ({"platform": {"preset": "teams", "lobby": "maybe"}}, "vatoolkit.platform.lobby"),
    ({"booking": []}, "vatoolkit.booking"),
    ({"booking": {"url": "javascript:alert(1)"}}, "vatoolkit.booking.url"),
    ({"booking": {"url": "https://"}}, "vatoolkit.booking.url"),
    ({"booking": {"phone": "call us"}}, "vatoolkit.booking.phone"),
    ({"booking": {"email": "nobody"}}, "vatoolkit.booking.email"),
    ({"booking": {"social": {"name": "X"}}}, "vatoolkit.booking.social"),
    ({"booking": {"social": [{"url": "https://x.example.org"}]}}, "vatoolkit.booking.social[0]"),
    ({"booking": {"staff": {"virtual_only": "Dr. A"}}}, "vatoolkit.booking.staff.virtual_only"),
    ({"services": {"fees": 10}}, "vatoolkit.services.fees"),
    ({"payment": {"methods": "card"}}, "vatoolkit.payment.methods"),
    ({"payment": {"methods": [""]}}, "vatoolkit.payment.methods[0]"),
    ({"cancellation": {"policy_url": "ftp://x.example.org"}}, "vatoolkit.cancellation.policy_url"),
    ({"technology": {"equipment": [None]}}, "vatoolkit.technology.equipment[0]"),
    ({"technology": {"portal": {"url": "https://p.example.org"}}}, "vatoolkit.technology.portal"),
    ({"support": {"lobby_wait_minutes": 0}}, "vatoolkit.support.lobby_wait_minutes"),
    ({"support": {"lobby_wait_minutes": "ten"}}, "vatoolkit.support.lobby_wait_minutes"),
    ({"brand": {"primary_color": "blue"}}, "vatoolkit.brand.primary_color"),
    ({"brand": {"accent_color": "#12345"}}, "vatoolkit.brand.accent_color"),
    ({"brand": {"font": "Arial; } body { display: none"}}, "vatoolkit.brand.font"),
    ({"resources": {"team": [{"title": "T"}]}}, "vatoolkit.resources.team[0]"),
    (
        {"resources": {"clients": [{"title": "T", "url": "data:x"}]}},
        "vatoolkit.resources.clients[0].url",
    ),
    ({"infographics": {"industries": ["mining"]}}, "vatoolkit.infographics.industries[0]"),
    ({"infographics": {"paper": "a3"}}, "vatoolkit.infographics.paper"),
    ({"video": {"title": "no url"}}, "vatoolkit.video"),
    ({"languages": {"xx_YY": "https://x.example.org/"}}, "vatoolkit.languages"),
    ({"languages": {"en": "javascript:x"}}, "vatoolkit.languages.en"),
    ({"reminders": {"sms": "sometimes"}}, "vatoolkit.reminders.sms"),
    ({"privacy": {"recorded": "no idea"}}, "vatoolkit.privacy.recorded"),
    ({"search_engines": {"faq_json_ld": "on please"}}, "vatoolkit.search_engines.faq_json_ld"),
]


def test_the_corpus_is_large_enough() -> None:
    assert len(BROKEN) >= 40


@pytest.mark.parametrize(("config", "key"), BROKEN, ids=[key for _c, key in BROKEN])
def test_each_broken_config_gets_one_message_naming_the_key(config: Any, key: str) -> None:
    model, problems = validate_config(config)
    assert isinstance(model, VaToolkitConfig)
    assert len(problems) == 1, problems
    assert problems[0][1].startswith(key + ":") or problems[0][1].startswith(key + "."), problems


@pytest.mark.parametrize(("config", "key"), BROKEN, ids=[key for _c, key in BROKEN])
def test_sphinx_build_reports_it_and_still_builds(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, config: Any, key: str
) -> None:
    # In this process: the message takes the same logging path as under sphinx-build,
    # whose exit status test_config.py checks on the command line.
    (tmp_path / "conf.py").write_text(
        f'extensions = ["sphinx_vatoolkit"]\nvatoolkit = {config!r}\n', encoding="utf-8"
    )
    (tmp_path / "index.rst").write_text("Home\n====\n\n.. va-faq::\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build(force_all=True)
    warnings = warnings_of(app)
    assert app.statuscode == 0, warnings
    assert_no_traceback(app)
    assert key in warnings
    assert "[vatoolkit.config]" in warnings
    assert (Path(app.outdir) / "index.html").exists()


BROKEN_PAGES = [
    (".. va-faq::\n   :groups: basics, snacks\n", "unknown name 'snacks'"),
    (".. va-faq::\n   :style: slideshow\n", "option :style: is 'slideshow'"),
    (".. va-faq::\n   :colour: red\n", "unknown option 'colour'"),
    (".. va-faq::\n\n   Just a paragraph.\n", "may only hold va-question directives"),
    (".. va-resources::\n", "the option :audience: is required"),
    (".. va-resources::\n   :audience: everyone\n", "option :audience: is 'everyone'"),
    (".. va-toolkit::\n   :mode: expert\n", "option :mode: is 'expert'"),
    (".. va-toolkit::\n   :sections: faq, footer\n", "unknown name 'footer'"),
    (".. va-infographic-gallery::\n   :industries: mining\n", "unknown name 'mining'"),
    (".. va-video:: javascript:alert(1)\n", "uses the scheme 'javascript'"),
    (".. va-infographic::\n   :paper: a3\n", "option :paper: is 'a3'"),
    (".. va-faq::\n\n   .. va-question:: Empty?\n", "has no answer"),
    ("Text :va-fact:`booking` here.\n", "is a group of facts"),
    (".. va-overview::\n", "no section with the id"),
]


@pytest.mark.parametrize(("source", "message"), BROKEN_PAGES, ids=[m for _s, m in BROKEN_PAGES])
@pytest.mark.sphinx("html", testroot="minimal")
def test_broken_directive_use_is_named(app, source: str, message: str) -> None:  # type: ignore[no-untyped-def]
    (Path(app.srcdir) / "index.rst").write_text(
        f"Home\n====\n\n{textwrap.dedent(source)}", encoding="utf-8"
    )
    app.build(force_all=True)
    warnings = warnings_of(app)
    assert message in warnings
    assert "[vatoolkit." in warnings
    assert (Path(app.outdir) / "index.html").exists()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
groups = st.sampled_from(list(VaToolkitConfig.model_fields))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(groups, json_values, max_size=6))
def test_random_configs_validate_or_report_never_crash(config: dict[str, Any]) -> None:
    model, problems = validate_config(config)
    assert isinstance(model, VaToolkitConfig)
    for level, message in problems:
        assert level in {"error", "warning"}
        assert message.startswith("vatoolkit")


def test_every_warning_subtype_is_documented() -> None:
    import re

    package = Path(__file__).resolve().parent.parent / "sphinx_vatoolkit"
    source = "\n".join(path.read_text(encoding="utf-8") for path in package.rglob("*.py"))
    used = set(re.findall(r'subtype="([a-z]+)"', source))
    used |= set(
        re.findall(r'(?:warn\(|self\.warn\()[^)]*?"(directive|gallery|reference)"', source, re.S)
    )
    used |= {"directive"}  # VaDirective.warn's default
    documented = set(
        re.findall(r"`vatoolkit\.([a-z]+)`", (package.parent / "docs" / "warnings.md").read_text())
    )
    assert used >= {"config", "missing", "role", "contrast", "language"}
    assert used <= documented, used - documented
