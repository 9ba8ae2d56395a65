"""What each directive puts on the page, in reStructuredText and MyST alike."""

from __future__ import annotations

import re

import pytest
from helpers import assert_no_warnings, read, visible_text, warnings_of

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
