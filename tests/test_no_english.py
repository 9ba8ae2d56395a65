"""No English on a translated page: not in text, not in ``title``, ``aria-label`` or ``alt``.

The phrases looked for are every string Sphinx's HTML templates and writer, the
vatoolkit theme and the package put on a page. The test root's own prose is
English on purpose (it has no page catalog) and is not what is checked. Under
alabaster, the project opts in to the site-wide additions: Sphinx's own search field
says "Search" in every language, and the extension replaces it only when asked to.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sphinx
from babel.messages.pofile import read_po
from helpers import assert_no_warnings, read

SPHINX_DIR = Path(sphinx.__file__).parent
PACKAGE_POT = (
    Path(__file__).resolve().parent.parent / "sphinx_vatoolkit" / "locale" / "sphinx_vatoolkit.pot"
)
PAGE_STRING_SOURCES = ("themes/basic", "writers/html", "builders/html/__init__")
ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "value"}
PAGES = ("client.html", "guide.html", "parts.html", "genindex.html", "search.html")
PRODUCTS = {"Sphinx", "Microsoft Teams", "Bookings", "Teams Premium"}


@cache
def english_phrases() -> tuple[str, ...]:
    """Sphinx's page strings and the package's, as they read with placeholders cut out."""
    messages: list[str] = []
    with (SPHINX_DIR / "locale" / "sphinx.pot").open("rb") as stream:
        for message in read_po(stream):
            if message.id and any(
                location.startswith(PAGE_STRING_SOURCES) for location, _line in message.locations
            ):
                messages.append(str(message.id))
    with PACKAGE_POT.open("rb") as stream:
        for message in read_po(stream):
            if message.id:
                messages.extend(message.id if message.pluralizable else [message.id])
    phrases = set()
    for message in messages:
        for piece in re.split(r"%\(\w+\)s|%s|\{\w+\}|<[^>]+>|&#?\w+;", message):
            piece = piece.strip(" .:,;()-–")
            if len(piece) >= 4 and re.search(r"[A-Za-z]{3}", piece) and piece not in PRODUCTS:
                phrases.add(piece)
    return tuple(sorted(phrases))


class PageText(HTMLParser):
    """The text a reader sees or hears: text nodes and the attributes read aloud."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skipping += 1
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self.parts.append(f"{name}={value}")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.parts.append(data.strip())


def english_left_on(html: str) -> list[str]:
    """Phrases of several words anywhere; a single word only as a whole attribute value
    (``placeholder="Search"``): the test root's own English prose uses single words."""
    parser = PageText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        value = part.partition("=")[2] if part.split("=", 1)[0] in ATTRIBUTES else None
        for phrase in english_phrases():
            if " " not in phrase:
                hit = value == phrase
            else:
                hit = re.search(rf"(?<![A-Za-zÀ-ÿ]){re.escape(phrase)}(?![A-Za-zÀ-ÿ])", part)
            if hit:
                found.append(f"{phrase!r} in {part[:80]!r}")
    return found


@pytest.mark.parametrize("language", ["pt_BR", "es", "es_419"])
@pytest.mark.parametrize("theme", ["alabaster", "vatoolkit"])
def test_translated_pages_carry_no_english(shared_builds, language: str, theme: str) -> None:  # type: ignore[no-untyped-def]
    overrides = {"language": language, "html_theme": theme}
    if theme != "vatoolkit":
        overrides["vatoolkit_site_enhancements"] = True
    app = shared_builds.get("toolkit", "html", overrides)
    assert_no_warnings(app)
    leftovers = {
        page: english_left_on(read(app, page))
        for page in PAGES
        if (Path(app.outdir) / page).exists()
    }
    assert {page: found for page, found in leftovers.items() if found} == {}
