"""What each directive puts on the page, in reStructuredText and MyST alike."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from helpers import assert_no_warnings, copy_root, full_build, read, visible_text, warnings_of

REFERENCE_QUESTIONS = [
    "What is a virtual appointment?",
    "How are virtual appointments different from in-person visits?",
    "How does a virtual appointment work?",
    "How does payment work for virtual appointments?",
    "How do I book an appointment?",
    "Who can I book an appointment with?",
    "How do I cancel or reschedule a virtual appointment?",
    "What equipment do I need for a virtual appointment?",
    "How do I join a virtual appointment?",
]
ADDED_GROUPS = [
    "Preparing for your appointment",
    "Privacy",
    "Accessibility and language",
    "Troubleshooting",
]


@pytest.mark.sphinx("html", testroot="toolkit")
def test_guide_page_is_the_whole_reference_toolkit(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    html = read(built, "guide.html")
    text = visible_text(html)
    for question in REFERENCE_QUESTIONS:
        assert question in text
    for group in ADDED_GROUPS:
        assert group in text
    order = [
        "What's included in this toolkit",
        "Guidance for your website",
        "Resources for your team",
        "Resources for your patients",  # a clinic's audience
        "Customize your infographic",
    ]
    positions = [text.index(title.replace("'", "’")) for title in order]
    assert positions == sorted(positions)
    downloads = re.findall(r'href="(https://download\.microsoft\.com/[^"]+\.(?:pdf|pptx))"', html)
    assert len({url for url in downloads if url.endswith(".pptx")}) == 4
    assert len({url for url in downloads if url.endswith(".pdf")}) == 4
    assert text.count("Download as a PDF") == 4 + 2  # industries, then A4 and Letter of ours
    assert text.count("Download as a PowerPoint") == 4
    assert html.count('class="va-thumbnail"') == 4 + 1  # with the generated one
    assert "what-is-bookings-42d4e852" in html
    assert "join-a-bookings-appointment-as-an-attendee" in html
    assert "https://intranet.example.org/video-guide" in html
    assert "va-video-frame" in html
    assert "What the answer should cover:" in text
    assert "booking.url" in text


@pytest.mark.sphinx("html", testroot="toolkit")
def test_client_page_answers_from_the_config(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    html = read(built, "client.html")
    text = visible_text(html)
    assert "Clinica Example offers virtual appointments" in text
    assert 'href="https://example.org/book"' in html
    assert 'href="tel:+15550100"' in html
    assert "visits<span>&#64;</span>example<span>&#46;</span>org</a>" in html  # cloaked
    assert "Physical examinations and vaccinations need an in-person visit." in text
    assert "Dr. Ana Souza" in text and "Dr. Bruno Lima" in text
    assert "at least 24 hours before" in text
    assert "a webcam" in text and "a headset" in text
    assert "still waiting 10 minutes" in text
    assert "We do not record virtual appointments." in text
    assert "Reply STOP" in text
    # client pages are for clients: no guidance for staff, no staff resources
    assert "What the answer should cover" not in text
    assert "Resources for your team" not in text
    # accordion style: native details/summary with the question as the summary
    assert re.search(
        r'<details class="[^"]*va-faq-details[^"]*" id="va-q-what-is">\s*'
        r'<summary class="va-faq-summary">What is a virtual appointment\?</summary>',
        html,
    )


@pytest.mark.sphinx("html", testroot="toolkit")
def test_rst_and_myst_pages_render_the_same(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    myst = visible_text(read(built, "parts.html"))
    rst = visible_text(read(built, "parts_rst.html"))
    myst_body = myst.split("Call us on", 1)[1]
    rst_body = rst.split("Call us on", 1)[1]
    assert myst_body == rst_body
    assert "Can I bring my dog?" in myst_body
    assert "+1 555 0100" in myst_body


@pytest.mark.sphinx("html", testroot="toolkit")
def test_explicit_question_selection_and_custom_question(built) -> None:  # type: ignore[no-untyped-def]
    text = visible_text(read(built, "parts_rst.html"))
    faq = text.split("Questions", 1)[1].split("For the team", 1)[0]
    assert "What is a virtual appointment?" in faq
    assert "How does payment work" in faq
    assert "How do I book" not in faq
    assert faq.index("Virtual appointment basics") < faq.index("More questions")
    assert "Yes, if it is quiet." in faq


@pytest.mark.sphinx("html", testroot="toolkit")
def test_fact_role_renders_links(built) -> None:  # type: ignore[no-untyped-def]
    html = read(built, "parts_rst.html")
    phone = r'<a class="va-phone reference external" href="tel:\+15550100">\+1 555 0100</a>'
    assert re.search(phone, html)  # va-phone: on one line
    assert re.search(
        r'<a class="reference external" href="https://example.org/book">book online</a>', html
    )


@pytest.mark.sphinx("html", testroot="toolkit")
def test_video_loads_nothing_until_selected(built) -> None:  # type: ignore[no-untyped-def]
    html = read(built, "client.html")
    iframe = re.search(r"<iframe [^>]*>", html)
    assert iframe is not None
    assert " src=" not in iframe.group(0)
    assert "srcdoc=" in iframe.group(0)
    assert "https://www.microsoft.com/videoplayer/embed/RE4TQop" in iframe.group(0)
    assert 'title="Virtual appointments in two minutes"' in iframe.group(0)


@pytest.mark.sphinx("text", testroot="toolkit")
def test_text_builder_gets_a_plain_video_link(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    text = read(built, "client.txt")
    assert (
        "Watch “Virtual appointments in two minutes "
        "<https://www.microsoft.com/videoplayer/embed/RE4TQop>” on microsoft.com."
    ) in " ".join(text.split())
    assert "What is a virtual appointment?" in text


def _page(app, source: str, name: str = "index.rst") -> None:  # type: ignore[no-untyped-def]
    (app.srcdir / name).write_text(source, encoding="utf-8")


@pytest.mark.sphinx("html", testroot="minimal")
def test_default_faq_shows_only_what_it_can_answer_without_warnings(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    text = visible_text(read(built, "index.html"))
    assert "What is a virtual appointment?" in text
    assert "How does payment work" not in text
    assert "Who can I book" not in text


@pytest.mark.sphinx("html", testroot="minimal")
def test_asked_for_but_missing_fact_warns_and_falls_back(app) -> None:  # type: ignore[no-untyped-def]
    _page(app, "Home\n====\n\n.. va-faq::\n   :questions: payment, who\n")
    app.build(force_all=True)
    warnings = warnings_of(app)
    assert "vatoolkit.payment.methods or vatoolkit.payment.when is not set" in warnings
    assert "vatoolkit.booking.staff is not set" in warnings
    assert "[vatoolkit.missing]" in warnings
    text = visible_text(read(app, "index.html"))
    assert "To find out how to pay for a virtual appointment, contact us." in text


@pytest.mark.sphinx("html", testroot="minimal")
def test_unknown_option_and_name_are_reported_with_a_suggestion(app) -> None:  # type: ignore[no-untyped-def]
    _page(
        app,
        "Home\n====\n\n.. va-faq::\n   :grops: basics\n   :questions: paymnet\n"
        "   :style: carousel\n",
    )
    app.build(force_all=True)
    warnings = warnings_of(app)
    assert "va-faq: unknown option 'grops'; did you mean 'groups'?" in warnings
    assert "unknown name 'paymnet'; did you mean 'payment'?" in warnings
    assert "option :style: is 'carousel'" in warnings
    assert warnings.count("[vatoolkit.directive]") == 3


@pytest.mark.sphinx("html", testroot="minimal")
def test_resources_needs_an_audience(app) -> None:  # type: ignore[no-untyped-def]
    _page(app, "Home\n====\n\n.. va-resources::\n")
    app.build(force_all=True)
    assert "the option :audience: is required" in warnings_of(app)


@pytest.mark.sphinx("html", testroot="minimal")
def test_unknown_fact_in_role(app) -> None:  # type: ignore[no-untyped-def]
    _page(app, "Home\n====\n\nCall :va-fact:`booking.phon`.\n")
    app.build(force_all=True)
    warnings = warnings_of(app)
    assert "unknown fact 'booking.phon'; did you mean 'booking.phone'?" in warnings
    assert "[vatoolkit.role]" in warnings


@pytest.mark.sphinx("html", testroot="minimal")
def test_sections_style_gives_headings_and_anchors(app) -> None:  # type: ignore[no-untyped-def]
    _page(app, "Home\n====\n\n.. va-faq::\n   :groups: technology\n")
    app.build(force_all=True)
    assert_no_warnings(app)
    html = read(app, "index.html")
    assert re.search(r'<section[^>]* id="va-technology">\s*<h2>Technology', html)
    assert re.search(r'<section[^>]* id="va-q-equipment">\s*<h3>What equipment', html)


@pytest.mark.sphinx("html", testroot="minimal")
def test_exclude_removes_a_question(app) -> None:  # type: ignore[no-untyped-def]
    _page(app, "Home\n====\n\n.. va-faq::\n   :groups: technology\n   :exclude: join\n")
    app.build(force_all=True)
    text = visible_text(read(app, "index.html"))
    assert "What equipment" in text
    assert "How do I join" not in text


@pytest.mark.sphinx("html", testroot="minimal")
def test_stray_question_outside_faq_is_reported(app) -> None:  # type: ignore[no-untyped-def]
    _page(app, "Home\n====\n\n.. va-question:: Lost?\n\n   Yes.\n")
    app.build(force_all=True)
    assert "va-question is only valid inside va-faq" in warnings_of(app)


# tests/roots/test-facts: facts with "--", straight quotes and "..." that smart quotes
# would change, shown by the role (``index.rst``, ``markdown.md``), FAQ answers and the
# infographic's text version (``poster.rst``).
FACTS_AS_WRITTEN = [
    "visits--online@example.org",
    'Clinica "Boa Vista" -- O\'Neil...',
    "+1 555--0100",
    "Dr. O'Hara",
]
URL = "https://example.org/book--now/it's"  # the FAQ links it as "our booking page"
NOTE = {"en": 'Call -- we\'re "glad" to help...', "pt_BR": 'Ligue -- "teremos" prazer...'}
AUTHOR_SENTENCE = "It’s the author’s “own” text – with typography…"
SMART_MARKS = "–—“”‘’…«»"


def _reader_text(app, page: str) -> str:  # type: ignore[no-untyped-def]
    """What a reader sees of the page, e-mail cloaking undone."""
    html = read(app, page).replace("<span>&#64;</span>", "@").replace("<span>&#46;</span>", ".")
    text = unescape(visible_text(html))
    return re.sub(r"(?<=/) (?=\S)", "", text)  # an address breaks after a slash


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_facts_keep_their_dashes_and_quotes_under_smart_quotes(shared_builds, language) -> None:  # type: ignore[no-untyped-def]
    app = shared_builds.get("facts", "html", {"language": language})
    assert_no_warnings(app)
    for page in ("index.html", "markdown.html"):
        text = _reader_text(app, page)
        assert AUTHOR_SENTENCE in text, page  # smart quotes are on, for the author's text
        assert "label: the “booking” page" in text, page  # the author's words in a role
        facts_part = text.replace(AUTHOR_SENTENCE, "").replace("the “booking” page", "")
        for fact in [*FACTS_AS_WRITTEN, NOTE[language]]:
            # once from the role, once more from an FAQ answer
            assert facts_part.count(fact) >= 2, (page, fact)
        assert URL in facts_part, page
        assert not set(SMART_MARKS) & set(facts_part), (page, set(SMART_MARKS) & set(facts_part))
    poster = read(app, "poster.html").split("va-infographic-text", 1)[1]
    poster = poster.split("va-infographic-downloads", 1)[0]
    poster = unescape(re.sub(r"<[^>]+>", "", poster.replace("<span>&#64;</span>", "@")))
    for fact in ("visits--online@example.org", "book--now/it's", "+1 555--0100", "/--home/"):
        assert fact in poster, fact
    assert not set(SMART_MARKS) & set(poster)
    gallery = unescape(read(app, "poster.html"))
    assert re.search(r"<strong>Clinica \"Boa Vista\" -- O'Neil\.\.\.:? ", gallery), "gallery"


LISTS_AND_MAPPINGS = {
    "en": {
        "methods": "credit card, insurance, and cash",
        "staff": 'Dr. Ana "Bia" Souza and Dr. O\'Hara',
        "equipment": "a webcam and a headset",
        "description": 'A "kind" clinic -- near you',
        "note": NOTE["en"],
        "recorded": "no",
        "wait": "10",
        "platform": "Microsoft Teams",
    },
    "pt_BR": {
        "methods": "cartão de crédito, convênio e dinheiro",
        "staff": 'Dr. Ana "Bia" Souza e Dr. O\'Hara',
        "equipment": "uma webcam e um fone de ouvido com microfone",
        "description": 'Uma clínica "gentil" -- perto',
        "note": NOTE["pt_BR"],
        "recorded": "não",
        "wait": "10",
        "platform": "Microsoft Teams",
    },
}


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_a_list_or_mapping_fact_reads_as_a_sentence_in_the_build_language(
    shared_builds, language
) -> None:  # type: ignore[no-untyped-def]
    app = shared_builds.get("facts", "html", {"language": language})
    assert_no_warnings(app)
    for page in ("index.html", "markdown.html"):
        html = read(app, page)
        text = _reader_text(app, page)
        for label, expected in LISTS_AND_MAPPINGS[language].items():
            assert f"{label}: {expected} " in text, (page, label)
        assert "['" not in html and "{'" not in html and "=&#x27;" not in html  # no repr


@pytest.mark.parametrize("syntax", ["rst", "md"])
def test_a_fact_with_no_sentence_form_is_refused_naming_the_role_and_the_key(
    tmp_path, syntax
) -> None:  # type: ignore[no-untyped-def]
    srcdir = copy_root("facts", tmp_path)
    for page in ("index.rst", "markdown.md", "poster.rst"):
        (srcdir / page).unlink()
    keys = ["booking", "booking.staff", "booking.social", "organization.industry"]
    keys += ["platform.preset", "languages", "infographics.files"]
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text(encoding="utf-8")
        + 'vatoolkit["booking"]["social"] = [{"name": "WhatsApp", "url": "https://wa.me/1"}]\n'
        + 'vatoolkit["languages"] = {"en": "https://example.org/en/"}\n'
        + 'vatoolkit["infographics"] = {"files": {"general": {"pdf": "https://x.org/a.pdf"}}}\n',
        encoding="utf-8",
    )
    role = ":va-fact:`{}`" if syntax == "rst" else "{{va-fact}}`{}`"
    title = "Refused\n=======\n\n" if syntax == "rst" else "# Refused\n\n"
    body = "\n\n".join(role.format(key) for key in keys)
    (srcdir / f"index.{syntax}").write_text(f"{title}{body}\n", encoding="utf-8")
    app = full_build(srcdir)
    warnings = warnings_of(app)
    assert (
        "va-fact: vatoolkit.booking is a group of facts; name one of its keys: booking.url, "
        "booking.phone, booking.email"
    ) in warnings
    assert (
        "va-fact: vatoolkit.booking.staff is a group of facts; name one of its keys: "
        "booking.staff.virtual_only, booking.staff.in_person_only, booking.staff.note"
    ) in warnings
    assert "va-fact: vatoolkit.booking.social is a list of groups of facts" in warnings
    assert "va-fact: vatoolkit.organization.industry is a setting, not text for a page" in warnings
    assert "vatoolkit.platform.preset is a setting, not text for a page; name platform.name" in (
        warnings
    )
    assert "va-fact: vatoolkit.languages is a URL per language; name one" in warnings
    assert "va-fact: vatoolkit.infographics.files is a mapping of groups of facts" in warnings
    assert warnings.count("[vatoolkit.role]") == len(keys), warnings
    html = read(app, "index.html")
    for key in keys:  # shown as the key, never as a Python repr
        assert f'<code class="docutils literal notranslate"><span class="pre">{key}</span>' in html
    assert "name=" not in visible_text(html) and "{" not in visible_text(html)


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_facts_are_as_written_in_the_text_and_latex_builders(shared_builds, language) -> None:  # type: ignore[no-untyped-def]
    text_app = shared_builds.get("facts", "text", {"language": language})
    assert_no_warnings(text_app)
    text = " ".join(read(text_app, "index.txt").split())
    for fact in FACTS_AS_WRITTEN:
        assert text.count(fact) >= 2, fact
    assert LISTS_AND_MAPPINGS[language]["methods"] in text
    latex_app = shared_builds.get("facts", "latex", {"language": language})
    assert_no_warnings(latex_app)
    (tex,) = Path(latex_app.outdir).glob("*.tex")
    latex = tex.read_text(encoding="utf-8")
    assert latex.count("visits\\sphinxhyphen{}\\sphinxhyphen{}online") >= 2
    assert (
        latex.count(
            'Clinica "Boa Vista" \\sphinxhyphen{}\\sphinxhyphen{} O\\textquotesingle{}Neil...'
        )
        >= 2
    )
    assert "O’Neil" not in latex and "O’Hara" not in latex
