"""Hostile strings in every config field and directive option: text stays text.

No builder's output may contain an executable script, an event-handler attribute or a
URL with a scheme outside http, https, mailto and tel coming from the config.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers import copy_root, full_build, read, warnings_of

from sphinx_vatoolkit.config import validate_config

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "</script><script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    ":raw-html:`<script>alert(1)</script>`",
    ".. raw:: html\n\n   <script>alert(1)</script>",
    "`click <javascript:alert(1)>`_",
    "|substitution| and _`target`",
    "{raw}`<b onclick=alert(1)>x</b>`",
    "[click](javascript:alert(1))",
    "<!-- x --><b>bold</b>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "{{ 7*7 }} {% raw %}",
    "{contact} {org} {booking_page}",
    "%s %d %(x)s",
    "]]><![CDATA[<script>alert(1)</script>]]>",
    "\\<script\\>",
    ":va-fact:`booking.url`",
    "مرحبا بكم في العيادة",
    "Clínica 🩺 São José — “quotes” ‘single’",
    "<style>body{display:none}</style>",
    '<a href="javascript:alert(1)">x</a>',
    "x" * 2000,
]

TEXT_FIELDS = [
    ("organization", "name"),
    ("services", "differences"),
    ("services", "fees"),
    ("payment", "when"),
    ("payment", "note"),
    ("cancellation", "text"),
    ("cancellation", "notice"),
    ("cancellation", "differences"),
    ("support", "hours"),
    ("prepare", "forms"),
    ("privacy", "note"),
    ("accessibility", "interpreters"),
    ("accessibility", "companions"),
    ("reminders", "opt_out"),
    ("booking", "in_person"),
]

URL_FIELDS = [
    ("organization", "website"),
    ("booking", "url"),
    ("cancellation", "policy_url"),
    ("support", "url"),
    ("prepare", "forms_url"),
    ("privacy", "policy_url"),
]

SAFE_URL = re.compile(r"^(?:https?:|mailto:|tel:|#|[^:]*$)", re.I)


class MarkupAudit(HTMLParser):
    """Collects what would execute: scripts, event handlers, unsafe link schemes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and "src" not in values and values.get("type") != "application/ld+json":
            self.problems.append("inline script")
        if tag in {"object", "embed"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            unsafe = value is not None and not SAFE_URL.match(value.strip())
            if name in {"href", "src", "action", "xlink:href"} and unsafe:
                assert value is not None
                if not value.startswith("data:image/"):
                    self.problems.append(f"{tag} {name}={value[:40]}")


def audit(markup: str) -> list[str]:
    parser = MarkupAudit()
    parser.feed(markup)
    return parser.problems


def hostile_config(payload: str) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for group, key in TEXT_FIELDS:
        config.setdefault(group, {})[key] = payload
    config.setdefault("payment", {})["methods"] = [payload]
    config.setdefault("booking", {})["staff"] = {"virtual_only": [payload], "note": payload}
    config["booking"]["social"] = [{"name": payload, "url": "https://wa.me/1"}]
    config.setdefault("technology", {})["equipment"] = [payload]
    config["technology"]["portal"] = {"name": payload}
    config["resources"] = {
        "team": [{"title": payload, "url": "https://t.example.org", "description": payload}]
    }
    config["video"] = {"url": "https://www.youtube.com/watch?v=abcdefghijk", "title": payload}
    config["brand"] = {"font": payload}
    config["prepare"]["checklist"] = [payload]
    return config


@pytest.mark.parametrize("payload", PAYLOADS[:-1])
def test_unsafe_urls_are_refused_and_named(payload: str) -> None:
    config = {group: {key: payload} for group, key in URL_FIELDS}
    model, problems = validate_config(config)
    for group, key in URL_FIELDS:
        value = model.get(f"{group}.{key}")
        if value is not None:
            assert re.match(r"^(https?:|mailto:|tel:|[^:]*$)", value), value
            assert not re.match(r"^\s*(javascript|vbscript|data|file):", value, re.I)
    refused = {message.split(":")[0] for _level, message in problems}
    if re.match(r"^\s*[a-z]+:", payload, re.I) and not payload.startswith(("http", ":")):
        assert refused >= {f"vatoolkit.{group}.{key}" for group, key in URL_FIELDS}


def test_bidi_and_control_characters_are_refused() -> None:
    model, problems = validate_config({"organization": {"name": "Admin\u202egnp.exe"}})
    assert model.organization.name is None
    assert "vatoolkit.organization.name" in problems[0][1]


PAGE = """\
Hostile
=======

Fact: :va-fact:`organization.name`.

.. va-toolkit::
   :mode: guide

.. va-toolkit::
   :style: accordion

.. va-infographic::
"""

BUILDERS = ["html", "singlehtml", "epub", "latex", "text", "man", "texinfo"]
INFOGRAPHICS = "vatoolkit-infographics"  # the rendered files, in the doctree directory


@pytest.fixture(scope="module")
def hostile_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every builder's output for a config full of every payload (one build per builder).

    The infographic of that config is rendered by the first build; the others start from
    its files, as any later build of the same content does (they are kept by content hash).
    """
    outputs: dict[str, str] = {}
    combined: dict[str, Any] = {}
    for index, payload in enumerate(PAYLOADS):
        for group, values in hostile_config(payload).items():
            if isinstance(values, dict):
                target = combined.setdefault(group, {})
                for key, value in values.items():
                    if isinstance(value, list):
                        target.setdefault(key, []).extend(value)
                    elif index == 0 or key not in target:
                        target[key] = value
                    else:
                        target[key] = f"{target[key]} {value}"
    combined["brand"] = {"font": PAYLOADS[1]}
    rendered_infographics: Path | None = None
    for builder in BUILDERS:
        src = copy_root("minimal", tmp_path_factory.mktemp(f"hostile-{builder}"))
        (src / "index.rst").write_text(PAGE, encoding="utf-8")
        if rendered_infographics is not None:
            shutil.copytree(rendered_infographics, src / "_build" / "doctrees" / INFOGRAPHICS)
        app = full_build(
            src,
            builder,
            confoverrides={
                "vatoolkit": combined,
                "html_theme": "vatoolkit",
                "version": "1",
                "copyright": "x",
            },
        )
        rendered_infographics = Path(app.doctreedir) / INFOGRAPHICS
        assert "Traceback" not in warnings_of(app)
        text = []
        for path in Path(app.outdir).rglob("*"):
            suffixes = {".html", ".xhtml", ".tex", ".txt", ".1", ".texi", ".svg"}
            if path.is_file() and path.suffix in suffixes:
                text.append(path.read_text(encoding="utf-8", errors="replace"))
        outputs[builder] = "\n".join(text)
    return outputs


@pytest.mark.parametrize("builder", BUILDERS)
def test_no_builder_output_carries_executable_markup(
    hostile_builds: dict[str, str], builder: str
) -> None:
    output = hostile_builds[builder]
    assert output
    if builder in {"html", "singlehtml", "epub"}:
        assert audit(output) == []
        assert "<b>bold</b>" not in output
        assert "<style>body" not in output
        assert "<script>alert(1)</script>" not in output
    else:  # plain-text formats show the payload as the text it is, and nothing more
        assert "alert(1)" in output


HUGE = "word " * 200_000


@pytest.mark.sphinx(
    "html",
    testroot="minimal",
    confoverrides={
        "vatoolkit": {
            "organization": {"name": "Huge"},
            "platform": "teams",
            "services": {"differences": HUGE},
        }
    },
)
def test_a_one_megabyte_value_builds_cut_to_its_limit(app) -> None:  # type: ignore[no-untyped-def]
    (Path(app.srcdir) / "index.rst").write_text(
        "Home\n====\n\n.. va-faq::\n   :questions: differences\n\n.. va-infographic::\n"
    )
    app.build(force_all=True)
    warnings = warnings_of(app).splitlines()
    assert len(warnings) == 1
    assert "vatoolkit.services.differences: is 1000000 characters long" in warnings[0]
    assert 2_000 <= read(app, "index.html").count("word") < 200_000


OPTION_PAGE = """\
Options
=======

.. va-video:: https://www.youtube.com/watch?v=abcdefghijk
   :title: </script><script>alert(1)</script>"><img src=x onerror=alert(1)>

.. va-overview::
   :faq: "><script>alert(1)</script>
   :team: javascript:alert(1)

.. va-faq::
   :groups: more

   .. va-question:: <img src=x onerror=alert(1)> and <b>x</b>?

      Answer.
"""


@pytest.mark.sphinx("html", testroot="minimal", confoverrides={"html_theme": "vatoolkit"})
def test_hostile_directive_options_stay_text(app) -> None:  # type: ignore[no-untyped-def]
    (Path(app.srcdir) / "index.rst").write_text(OPTION_PAGE, encoding="utf-8")
    app.build(force_all=True)
    html = read(app, "index.html")
    assert audit(html) == []
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
