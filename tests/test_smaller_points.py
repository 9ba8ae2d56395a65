"""Issue 12's smaller points, one test each (or one per builder where a point has two).

Most read ``tests/roots/test-smaller-zoom``: a Spanish dental clinic on Zoom, with no
video of its own, a WhatsApp channel, a patient portal and a one-minute lobby wait, in
an rST page (``index.rst``) and a MyST page (``markdown.md``) that both hold
``va-toolkit``. The video points read the toolkit root, whose config has a video.
"""

from __future__ import annotations

import re
from pathlib import Path

import i18n as catalogs  # scripts/i18n.py
import pytest
from babel.messages.catalog import Catalog
from helpers import assert_no_warnings, read, visible_text, warnings_of

ZOOM = "smaller-zoom"
PAGES = ("index", "markdown")  # rST and MyST
VIDEO = "https://www.microsoft.com/videoplayer/embed/RE4TQop"


def flat(text: str) -> str:
    """Text output with its line wrapping undone."""
    return " ".join(text.split())


# 1. The video appears once in HTML; other builders keep the link, its title quoted.


@pytest.mark.sphinx("html", testroot="toolkit")
def test_html_shows_the_video_player_without_repeating_it_as_a_link(built) -> None:  # type: ignore[no-untyped-def]
    # va-toolkit in MyST, va-video in MyST, va-video in rST
    for page in ("client.html", "parts.html", "parts_rst.html"):
        html = read(built, page)
        assert html.count('class="va-video docutils container"') == 1, page
        # The box holds the player and nothing else: no second link to the same video.
        box = re.search(
            r'<div class="va-video docutils container">\s*<div class="va-video-frame">\s*'
            r"<iframe [^>]*></iframe></div>\s*</div>",
            html,
        )
        assert box is not None, page
        assert VIDEO in box.group(0)
        assert "Watch “" not in visible_text(html)


@pytest.mark.sphinx("text", testroot="toolkit")
def test_text_builder_keeps_the_video_link_with_its_title_set_off(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    sentence = f"Watch “Virtual appointments in two minutes <{VIDEO}>” on microsoft.com."
    for page in ("client.txt", "parts.txt", "parts_rst.txt"):
        assert sentence in flat(read(built, page)), page


# 2. The printed infographic gives the social channel's address.


@pytest.mark.sphinx("html", testroot=ZOOM, confoverrides={"language": "es"})
def test_infographic_prints_the_social_channels_address(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    html = read(built, "infographic.html")
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert svg is not None
    assert "Por WhatsApp: wa.me/34910000100" in svg.group(0)
    text_version = visible_text(html.replace(svg.group(0), ""))
    assert "Por WhatsApp: wa.me/34910000100" in text_version


# 3. One minute is a valid wait, and said in the singular.


@pytest.mark.sphinx("html", testroot=ZOOM, confoverrides={"language": "pt_BR"})
def test_a_one_minute_wait_is_accepted_and_said_in_the_singular(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    for page in PAGES:
        text = visible_text(read(built, f"{page}.html"))
        assert "Se você ainda estiver esperando 1 minuto depois do horário marcado" in text, page


def test_catalog_tools_extract_and_check_plural_sentences() -> None:
    extracted = [message for message in catalogs.extract() if message.pluralizable]
    assert any("{minutes} minutes after" in message.id[1] for message in extracted)

    catalog = Catalog(locale="pt_BR")
    forms = catalog.num_plurals  # Babel's CLDR data: 2 before Babel 2.19, 3 since
    translation = ("{n} minuto", *["minutos"] * (forms - 1))
    message = catalog.add(("{n} minute", "{n} minutes"), translation)
    assert message is not None
    where = Path("x.po")
    problems = catalogs._plural_problems(where, catalog, message)
    assert problems[0] == f"x.po: plural form 1 changes the placeholders: {message.id!r}"
    message.string = ("{n} minuto",)
    problem = catalogs._plural_problems(where, catalog, message)[0]
    assert f"1 plural forms instead of {forms}" in problem


# 4. The portal sentence says what the portal is connected to.


@pytest.mark.sphinx("html", testroot=ZOOM)
def test_portal_sentence_says_it_is_connected_to_the_platform(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    for page in PAGES:
        text = visible_text(read(built, f"{page}.html"))
        sentence = "MiSonrisa is connected to Zoom: you can also join your appointment from there."
        assert sentence in text, page


# 5. No video: va-toolkit leaves its video section out quietly; va-video asked for warns.


@pytest.mark.sphinx("html", testroot=ZOOM)
def test_toolkit_without_a_video_leaves_the_section_out_without_a_warning(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    for page in PAGES:
        assert "va-video" not in read(built, f"{page}.html"), page


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("index.rst", "Video\n=====\n\n.. va-video::\n"),
        ("markdown.md", "# Video\n\n```{va-video}\n```\n"),
        ("index.rst", "Toolkit\n=======\n\n.. va-toolkit::\n   :sections: intro video\n"),
        ("markdown.md", "# Toolkit\n\n```{va-toolkit}\n:sections: intro video\n```\n"),
    ],
)
@pytest.mark.sphinx("html", testroot=ZOOM)
def test_a_video_asked_for_without_one_warns(app, name: str, source: str) -> None:  # type: ignore[no-untyped-def]
    (Path(app.srcdir) / name).write_text(source, encoding="utf-8")
    app.build(force_all=True)
    lines = [line for line in warnings_of(app).splitlines() if "vatoolkit.video.url" in line]
    assert len(lines) == 1, warnings_of(app)
    assert name in lines[0]
    assert "[vatoolkit.missing]" in lines[0]


# 6. Zoom's and Webex's help links follow the page's language.


@pytest.mark.sphinx("html", testroot=ZOOM, confoverrides={"language": "pt_BR"})
def test_zoom_help_links_follow_the_page_language(built) -> None:  # type: ignore[no-untyped-def]
    for page in PAGES:
        html = read(built, f"{page}.html")
        assert 'href="https://support.zoom.com/hc/pb"' in html, page
        assert "support.zoom.com/hc/en" not in html, page


@pytest.mark.sphinx(
    "html", testroot=ZOOM, confoverrides={"language": "es", "vatoolkit": {"platform": "webex"}}
)
def test_webex_help_links_follow_the_page_language(built) -> None:  # type: ignore[no-untyped-def]
    for page in PAGES:
        html = read(built, f"{page}.html")
        assert 'href="https://help.webex.com/es-co/"' in html, page
        assert 'href="https://help.webex.com/"' not in html, page


# 7. The text builder prints the address of the directives' links, not of the author's.


@pytest.mark.sphinx("text", testroot=ZOOM)
def test_text_builder_prints_the_address_of_generated_links(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    for page in PAGES:
        text = flat(read(built, f"{page}.txt"))
        assert "on our booking page <https://sonrisa.example.org/citas>." in text, page
        assert "on WhatsApp <https://wa.me/34910000100>" in text, page
        # An e-mail address or a phone number is its own link text: shown once.
        assert "by e-mail at citas@sonrisa.example.org" in text, page
        assert "by phone at +34 910 000 100" in text, page
        assert "<citas@" not in text and "mailto:" not in text and "tel:" not in text, page
        # The page author's own link is left as written.
        assert "Read our own guide first." in text, page
        assert "sonrisa.example.org/guide" not in text, page
