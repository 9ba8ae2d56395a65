"""Regional Spanish: ``es`` is Spain's Spanish, ``es_419`` Latin America's.

The ``es_419`` catalogs hold only the messages whose Latin American wording differs;
Sphinx asks for ``es_419`` and then ``es``, so everything else, the organization's
own texts included, comes from ``es``.

Translators are process-wide in Sphinx, so each test builds in one language only.
"""

from __future__ import annotations

import re
from pathlib import Path

import i18n as catalogs  # scripts/i18n.py
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from helpers import ROOTS, assert_no_warnings, read, visible_text

ROOT = Path(__file__).resolve().parent.parent


def words(text: str, *candidates: str) -> set[str]:
    """The candidates that occur in ``text`` as whole words, in any case ("video" is not
    found in "videollamada")."""
    found = (re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE) for word in candidates)
    return {word for word, match in zip(candidates, found, strict=True) if match}


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def forms(message: Message) -> tuple[str, ...]:
    """A message's translation: one string, or one per plural form."""
    string = message.string or ""
    return tuple(string) if isinstance(string, list | tuple) else (string,)


@pytest.mark.sphinx("html", testroot="toolkit", confoverrides={"language": "es_419"})
def test_latin_american_page_says_computadora_and_video(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)  # vatoolkit.untranslated included: es's texts are found
    html = read(built, "client.html")
    text = visible_text(html)
    assert words(text, "computadora", "video", "celular", "agende") == {
        "computadora",
        "video",
        "celular",
        "agende",
    }
    assert words(text, "ordenador", "vídeo", "móvil", "reserve", "rellene") == set()
    assert 'lang="es-419"' in html
    microsoft = re.findall(r'href="(https://(?:support|learn)\.microsoft\.com/[^"]*)"', html)
    assert microsoft
    assert all("/es-mx/" in url for url in microsoft), microsoft
    # The package's guide page: Latin American words, no Spain's.
    guide = visible_text(read(built, "guide.html"))
    assert words(guide, "computadora", "videos") == {"computadora", "videos"}
    assert words(guide, "ordenador", "vídeos", "móvil") == set()


@pytest.mark.sphinx("html", testroot="toolkit", confoverrides={"language": "es_MX"})
def test_a_latin_american_country_reads_latin_american_spanish(built) -> None:  # type: ignore[no-untyped-def]
    """Read the Docs, for one, builds Mexican Spanish as es_MX: it gets es_419's words."""
    assert_no_warnings(built)
    html = read(built, "client.html")
    text = visible_text(html)
    assert words(text, "computadora", "celular", "agende") == {"computadora", "celular", "agende"}
    assert words(text, "ordenador", "móvil", "reserve") == set()
    assert "Preguntas frecuentes" in text  # the rest from es
    assert 'lang="es-MX"' in html


def test_catalogs_are_read_country_then_region_then_language() -> None:
    from sphinx_vatoolkit.i18n import language_candidates

    assert language_candidates("es_MX") == ["es_MX", "es_419", "es", "en"]
    assert language_candidates("es_AR") == ["es_AR", "es_419", "es", "en"]
    assert language_candidates("es_ES") == ["es_ES", "es", "en"]
    assert language_candidates("es_419") == ["es_419", "es", "en"]
    assert language_candidates("pt_BR") == ["pt_BR", "pt", "en"]


@pytest.mark.sphinx("html", testroot="toolkit", confoverrides={"language": "es_419"})
def test_latin_american_page_reads_the_rest_from_spanish(built) -> None:  # type: ignore[no-untyped-def]
    """A message es_419 leaves out comes from es: the package's and the organization's."""
    assert_no_warnings(built)
    text = visible_text(read(built, "client.html"))
    assert "Preguntas frecuentes" in text  # the package's es catalog
    organization = read_catalog(ROOTS / "test-toolkit/locales/es/LC_MESSAGES/vatoolkit.po")
    differences = organization["Physical examinations and vaccinations need an in-person visit."]
    assert differences is not None and isinstance(differences.string, str)
    assert differences.string in text  # the test root's es catalog
    assert "Physical examinations" not in text


@pytest.mark.sphinx("html", testroot="toolkit", confoverrides={"language": "es"})
def test_spanish_page_says_ordenador_and_video_with_an_accent(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    html = read(built, "client.html")
    text = visible_text(html)
    assert words(text, "ordenador", "vídeo", "móvil") == {"ordenador", "vídeo", "móvil"}
    assert words(text, "computadora", "video", "celular") == set()
    assert 'lang="es"' in html
    assert "/es-es/" in html


def test_latin_american_catalogs_hold_only_what_differs() -> None:
    """Every entry of an es_419 catalog, the package's and the docs', exists in es and
    reads differently there: what reads the same is left to the fallback."""
    pairs = [(catalogs.po_path("es_419"), catalogs.po_path("es"))]
    pairs += [
        (path, ROOT / "locale" / "es" / "LC_MESSAGES" / path.name)
        for path in sorted((ROOT / "locale" / "es_419" / "LC_MESSAGES").glob("*.po"))
    ]
    same, orphans = [], []
    for regional_path, spanish_path in pairs:
        assert regional_path.exists(), regional_path
        regional = read_catalog(regional_path)
        assert str(regional.locale) == "es_419", regional_path
        spanish = read_catalog(spanish_path)
        entries = [message for message in regional if message.id]
        assert entries, f"{regional_path} is empty"
        for message in entries:
            fallback = spanish.get(message.id, context=message.context)
            if fallback is None or not all(forms(fallback)):
                orphans.append(f"{regional_path.name}: {message.id!r}")
            elif forms(fallback) == forms(message):
                same.append(f"{regional_path.name}: {message.id!r}")
    assert orphans == [], "not translated in es"
    assert same == [], "reads the same as es: leave it to the fallback"
