"""Languages: the package's catalogs, the organization's strings, localized links.

Translators are process-wide in Sphinx, so each test builds in one language only.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import i18n as catalogs  # scripts/i18n.py
import pytest
from babel.messages.pofile import read_po
from helpers import (
    assert_no_warnings,
    copy_root,
    full_build,
    pages_read_by_build,
    read,
    visible_text,
    warnings_of,
)

from sphinx_vatoolkit.i18n import ARTICLE_CONTEXT

ROOT = Path(__file__).resolve().parent.parent


def test_package_catalogs_are_complete_and_compiled() -> None:
    assert catalogs.problems() == []


def test_placeholders_survive_translation() -> None:
    """Same placeholders, same edge spaces; a sentence written for a name with an article
    may put the name in any of its forms ({the_org}, {of_org}...)."""
    placeholder = re.compile(r"\{[A-Za-z_]+\}")
    name_forms = {"{org}", "{the_org}", "{The_org}", "{of_org}", "{in_org}", "{by_org}", "{to_org}"}
    for language in [*catalogs.LANGUAGES, *catalogs.REGIONAL]:
        if not catalogs.po_path(language).exists():
            continue
        with catalogs.po_path(language).open("rb") as stream:
            catalog = read_po(stream)
        for message in catalog:
            if not message.id or not message.string or message.pluralizable:
                continue  # plural forms: scripts/i18n.py check reads every form
            source = placeholder.findall(message.id)
            target = placeholder.findall(message.string)
            if message.context == ARTICLE_CONTEXT:
                assert sorted(p for p in source if p != "{org}") == sorted(
                    p for p in target if p not in name_forms
                ), (language, message.id)
                assert any(p in name_forms for p in target), (language, message.id)
            else:
                assert sorted(source) == sorted(target), (language, message.id)
            assert message.id.startswith(" ") == message.string.startswith(" ")
            assert message.id.endswith(" ") == message.string.endswith(" ")


def test_wheel_ships_the_compiled_catalogs(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
    )
    (wheel,) = tmp_path.glob("sphinx_vatoolkit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for language in catalogs.LANGUAGES:
        assert f"sphinx_vatoolkit/locale/{language}/LC_MESSAGES/sphinx_vatoolkit.mo" in names
    assert "sphinx_vatoolkit/thumbnails/healthcare.png" in names
    assert "sphinx_vatoolkit/py.typed" in names


def test_docs_catalogs_translate_every_message_of_the_docs(tmp_path: Path) -> None:
    """The docs are 100 % translated: every message the gettext builder extracts from
    them today (pages, generated config reference, the demo organization's texts) has
    a translation, neither fuzzy nor empty, in each language under ``locale/``."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("_build"))
    app = full_build(docs, "gettext", builddir=tmp_path / "build")
    assert app.statuscode == 0, warnings_of(app)
    templates = sorted(Path(app.outdir).glob("*.pot"))
    assert {path.stem for path in templates} >= {"index", "configuration", "vatoolkit"}
    languages = sorted(path.name for path in (ROOT / "locale").iterdir() if path.is_dir())
    # es_419 holds only what Latin America says differently and falls back to es.
    assert languages == ["es", "es_419", "pt_BR"]
    missing = []
    for language in ("es", "pt_BR"):
        for template_path in templates:
            with template_path.open("rb") as stream:
                wanted = {message.id for message in read_po(stream) if message.id}
            po = ROOT / "locale" / language / "LC_MESSAGES" / f"{template_path.stem}.po"
            with po.open("rb") as stream:
                done = {
                    message.id
                    for message in read_po(stream)
                    if message.id and message.string and not message.fuzzy
                }
            missing += [f"{language}/{po.name}: {text!r}" for text in sorted(wanted - done)]
    assert missing == []


def english_fragments() -> list[str]:
    """Pieces of the package's English text long enough to be recognised in a page."""
    with catalogs.POT.open("rb") as stream:
        template = read_po(stream)
    fragments = []
    for message in template:
        if not message.id:
            continue
        texts = message.id if message.pluralizable else (message.id,)
        for piece in (part for text in texts for part in re.split(r"\{[A-Za-z_]+\}", text)):
            piece = piece.strip(" .,:;")
            if len(piece) >= 14 and " " in piece:
                fragments.append(piece.replace("'", "’"))
    return fragments


def _no_package_english(app) -> None:  # type: ignore[no-untyped-def]
    fragments = english_fragments()
    for page in ("guide.html", "client.html", "parts.html"):
        text = visible_text(read(app, page))
        leaked = [fragment for fragment in fragments if fragment in text]
        assert leaked == [], (page, leaked)


@pytest.mark.sphinx("html", testroot="toolkit", confoverrides={"language": "pt_BR"})
def test_brazilian_portuguese_build_has_no_package_english(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    _no_package_english(built)
    html = read(built, "guide.html")
    assert "support.microsoft.com/pt-br/office/what-is-bookings" in html
    assert "learn.microsoft.com/pt-br/microsoftteams/" in html
    assert 'lang="pt-BR"' in html


@pytest.mark.sphinx("html", testroot="toolkit", confoverrides={"language": "es"})
def test_spanish_build_has_no_package_english(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    _no_package_english(built)
    html = read(built, "client.html")
    assert "support.microsoft.com/es-es/office/join-a-bookings-appointment-as-an-attendee" in html


@pytest.mark.sphinx("gettext", testroot="toolkit")
def test_gettext_keeps_package_text_out_and_extracts_organization_text(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    outdir = Path(built.outdir)
    fragments = english_fragments()
    for pot in outdir.glob("*.pot"):
        if pot.name == "vatoolkit.pot":
            continue
        with pot.open("rb") as stream:
            ids = [message.id for message in read_po(stream) if message.id]
        assert not [i for i in ids if any(f in i for f in fragments)], pot.name
    with (outdir / "parts_rst.pot").open("rb") as stream:
        page_ids = {message.id for message in read_po(stream)}
    assert "Can I bring my dog?" in page_ids  # custom questions belong to the page
    with (outdir / "vatoolkit.pot").open("rb") as stream:
        organization = {message.id: message for message in read_po(stream) if message.id}
    assert "Physical examinations and vaccinations need an in-person visit." in organization
    assert "Our checklist for patients." in organization
    assert "webcam" not in organization  # a keyword the package translates itself
    location = organization["Clinica Example"].locations[0]
    assert location[0].endswith("conf.py")
    assert location[1] > 1


ORG_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Physical examinations and vaccinations need an in-person visit."
msgstr "Exames físicos e vacinas exigem atendimento presencial."

#, fuzzy
msgid "Virtual appointments cost the same as in-person visits."
msgstr "Atendimentos virtuais custam o mesmo que os presenciais."
"""


@pytest.mark.sphinx(
    "html", testroot="toolkit", confoverrides={"language": "pt_BR", "locale_dirs": ["locale"]}
)
def test_organization_translation_shows_up_in_the_next_build(app, make_app) -> None:  # type: ignore[no-untyped-def]
    app.build(force_all=True)
    assert "Physical examinations" in visible_text(read(app, "client.html"))
    po = Path(app.srcdir, "locale", "pt_BR", "LC_MESSAGES", "vatoolkit.po")
    po.parent.mkdir(parents=True)
    po.write_text(ORG_PO, encoding="utf-8")
    again = make_app(
        "html", srcdir=app.srcdir, confoverrides={"language": "pt_BR", "locale_dirs": ["locale"]}
    )
    seen = pages_read_by_build(again)
    text = visible_text(read(again, "client.html"))
    assert "Exames físicos e vacinas exigem atendimento presencial." in text
    assert "Virtual appointments cost the same" in text  # fuzzy: not used by default
    assert "plain" not in seen and "client" in seen


def test_fuzzy_translations_follow_the_sphinx_setting(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The catalog is there before the app is made, as for sphinx-build (the organization
    # translations are loaded when the build starts, at builder-inited).
    src = copy_root("toolkit", tmp_path / "toolkit")
    po = src / "locale" / "pt_BR" / "LC_MESSAGES" / "vatoolkit.po"
    po.parent.mkdir(parents=True)
    po.write_text(ORG_PO, encoding="utf-8")
    app = make_app(
        "html",
        srcdir=src,
        confoverrides={
            "language": "pt_BR",
            "locale_dirs": ["locale"],
            "gettext_allow_fuzzy_translations": True,
        },
    )
    app.build(force_all=True)
    assert "Atendimentos virtuais custam o mesmo" in visible_text(read(app, "client.html"))


@pytest.mark.sphinx(
    "html",
    testroot="minimal",
    confoverrides={
        "language": "es",
        "vatoolkit": {
            "organization": {"name": {"en": "Example Bank", "es": "Banco Ejemplo"}},
            "platform": "teams",
            "payment": {"methods": [{"en": "card", "es": "tarjeta"}]},
        },
    },
)
def test_per_language_values_win(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    text = visible_text(read(built, "index.html"))
    assert "Banco Ejemplo" in text
    assert "tarjeta" in text


@pytest.mark.sphinx("html", testroot="minimal", confoverrides={"language": "pt-BR"})
def test_hyphenated_language_code_gets_a_warning_with_the_fix(built) -> None:  # type: ignore[no-untyped-def]
    warnings = warnings_of(built)
    assert "use the POSIX form 'pt_BR'" in warnings
    assert "[vatoolkit.language]" in warnings
    assert built.config.language == "pt_BR"


@pytest.mark.sphinx(
    "html",
    testroot="minimal",
    confoverrides={
        "language": "pt_BR",
        "vatoolkit": {
            "infographics": {
                "files": {
                    "healthcare": {
                        "pdf": {
                            "en": "https://x.example.org/en.pdf",
                            "pt_BR": "https://x.example.org/pt.pdf",
                        }
                    }
                }
            }
        },
    },
)
def test_infographic_downloads_use_the_language_file(app) -> None:  # type: ignore[no-untyped-def]
    (Path(app.srcdir) / "index.rst").write_text(
        "Home\n====\n\n.. va-infographic-gallery::\n   :industries: healthcare\n",
        encoding="utf-8",
    )
    app.build(force_all=True)
    html = read(app, "index.html")
    assert 'href="https://x.example.org/pt.pdf"' in html
    assert "VirtualVisit_Healthcare_Infographic.pptx" in html
