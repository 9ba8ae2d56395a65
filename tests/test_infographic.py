"""The generated infographic: content per language, layout that fits, contrast, cache."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_no_warnings, copy_root, full_build, read, warnings_of
from sphinx.util.docutils import patch_docutils

from sphinx_vatoolkit.infographic import PAPERS, Content, layout, render_svg, text_width, wrap

LONG_NAME = (
    "Fundação Hospitalar Municipal de Atendimento Integrado à Saúde da Família "
    "e da Comunidade de São José dos Campos e Região Metropolitana do Vale do Paraíba"
)


def worst_case(language: str = "pt_BR", items: int = 12) -> Content:
    sentence = (
        "No horário do seu atendimento, acesse o link. Você aguarda em uma sala de espera "
        "virtual até que um profissional da nossa equipe libere a sua entrada na chamada."
    )
    return Content(
        org_name=LONG_NAME,
        title="Seu atendimento virtual, passo a passo, do agendamento à chamada de vídeo",
        steps=[(f"Etapa {n}: {sentence[:40]}", [sentence, sentence]) for n in range(1, 5)],
        ready_title="Tenha em mãos",
        ready=[f"Item {n}: documento de identidade e cartão do convênio" for n in range(items)],
        links_title="Links úteis",
        links=[("Página de agendamento", "https://agendamento.example.org/" + "x" * 140)],
        help_title="Precisa de ajuda?",
        help=["+55 11 5555 0199", "ajuda@example.org", "Segunda a sexta, das 8h às 18h"],
        language=language,
        primary="#0b5cad",
        on_primary="#ffffff",
        accent="#b35c00",
        on_accent="#ffffff",
        font="'DejaVu Sans', sans-serif",
    )


def test_wrap_keeps_every_line_inside_its_width() -> None:
    for line in wrap(LONG_NAME + " https://example.org/" + "a" * 200, 300, 14, bold=True):
        assert text_width(line, 14, bold=True) <= 300


@pytest.mark.parametrize("paper", list(PAPERS))
def test_worst_case_content_fits_the_page(paper: str) -> None:
    page = PAPERS[paper]
    svg = render_svg(worst_case(items=30), page, "t")
    numbers = [float(y) for y in re.findall(r'<text x="[^"]+" y="([^"]+)"', svg)]
    assert max(numbers) <= page.height - 24
    for _x, right in re.findall(r'<text x="([^"]+)".*?data-box="[^ ]+ ([^"]+)"', svg):
        assert float(right) <= page.width - 36 + 0.01
    assert LONG_NAME.split()[0] in svg


def test_layout_at_full_scale_starts_below_the_header() -> None:
    result = layout(worst_case(items=1), PAPERS["a4"], 1.0)
    header = result.boxes[0]
    first_step = next(line for line in result.lines if line.text.startswith("Etapa 1"))
    assert first_step.y > header.y + header.height


def test_svg_text_is_escaped_and_labelled() -> None:
    data = worst_case()
    data.org_name = 'Clinic <script>alert("x")</script> & Co'
    svg = render_svg(data, PAPERS["a4"], "t")
    assert "<script>" not in svg
    assert "Clinic &lt;script&gt;" in svg
    assert '<title id="t-title">' in svg and '<desc id="t-desc">' in svg
    assert 'lang="pt-BR"' in svg


@pytest.mark.parametrize(
    ("language", "step"),
    [("en", "Book your appointment"), ("pt_BR", None), ("es", None)],
)
def test_each_language_gets_its_own_svg(  # type: ignore[no-untyped-def]
    shared_builds, language: str, step: str | None
) -> None:
    app = shared_builds.get("toolkit", "html", {"language": language})
    assert_no_warnings(app)
    svgs = list(
        Path(app.doctreedir, "vatoolkit-infographics").glob(f"infographic-{language}-*.svg")
    )
    assert svgs
    svg = svgs[0].read_text(encoding="utf-8")
    assert "Clinica Example" in svg
    assert 'fill="#0b5cad"' in svg and 'fill="#b35c00"' in svg
    if step:
        assert step in svg
    else:
        assert "Book your appointment" not in svg
    html = read(app, "client.html")
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html  # drawn inline
    assert "_downloads/" in html and ".pdf" in html


@pytest.mark.sphinx("latex", testroot="toolkit")
def test_latex_gets_the_png(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    assert list(Path(built.outdir).glob("infographic-en-*.png"))


@pytest.mark.sphinx(
    "html",
    testroot="minimal",
    confoverrides={"vatoolkit": {"brand": {"accent_color": "#f2a900"}}},
)
def test_low_contrast_accent_warns_with_ratio_and_falls_back(app) -> None:  # type: ignore[no-untyped-def]
    (Path(app.srcdir) / "index.rst").write_text("Home\n====\n\n.. va-infographic::\n")
    app.build(force_all=True)
    warnings = warnings_of(app)
    assert "vatoolkit.brand.accent_color: #f2a900 has a contrast of 2.01:1" in warnings
    assert "[vatoolkit.contrast]" in warnings
    svg = next(Path(app.doctreedir, "vatoolkit-infographics").glob("*.svg")).read_text()
    assert 'fill="#f2a900"' not in svg


@pytest.mark.sphinx("html", testroot="toolkit")
def test_unchanged_rebuild_renders_nothing(app, make_app) -> None:  # type: ignore[no-untyped-def]
    app.build(force_all=True)
    assert "rendering the infographic" in app.status.getvalue()
    again = make_app("html", srcdir=app.srcdir, freshenv=True)  # even re-reading every page
    again.build(force_all=True)
    assert "rendering the infographic" not in again.status.getvalue()


@pytest.mark.sphinx("html", testroot="toolkit")
def test_without_cairosvg_says_how_to_get_pdf(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sphinx_vatoolkit import infographic

    monkeypatch.setattr(infographic, "cairosvg_module", lambda: None)
    app.build(force_all=True)
    # Said with the one rendering (an info line: a missing extra is no reason to fail -W).
    assert app.status.getvalue().count("install sphinx-vatoolkit[pdf]") == 1
    assert_no_warnings(app)
    assert "_downloads/" in read(app, "client.html")


@pytest.mark.parametrize("paper", list(PAPERS))
def test_rendered_text_stays_inside_its_boxes(chromium: Any, tmp_path: Path, paper: str) -> None:
    """Measured in Chromium: every line's rendered extent is inside its box and the page."""
    page_size = PAPERS[paper]
    svg_file = tmp_path / "worst.svg"
    svg_file.write_text(render_svg(worst_case(items=20), page_size, "t"), encoding="utf-8")
    page = chromium.new_page()
    page.goto(svg_file.as_uri())
    boxes: list[dict[str, Any]] = page.evaluate(
        """() => [...document.querySelectorAll('text')].map(t => {
            const b = t.getBBox();
            const [left, right] = t.dataset.box.split(' ').map(Number);
            return {text: t.textContent, x: b.x, y: b.y, right: b.x + b.width,
                    bottom: b.y + b.height, left, boxRight: right};
        })"""
    )
    page.close()
    assert boxes
    for box in boxes:
        assert box["x"] >= box["left"] - 2, box  # a glyph's side bearing may overhang
        assert box["right"] <= box["boxRight"] + 0.5, box
        assert box["y"] >= 0 and box["bottom"] <= page_size.height, box


LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="9"/></svg>'


@pytest.mark.parametrize("allowed", [True, False])
def test_logo_is_embedded_only_where_file_insertion_is_allowed(
    tmp_path: Path, allowed: bool
) -> None:
    src = copy_root("minimal", tmp_path / "src")
    (src / "logo.svg").write_text(LOGO, encoding="utf-8")
    (src / "index.rst").write_text("Home\n====\n\n.. va-infographic::\n", encoding="utf-8")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            'vatoolkit = {"organization": {"name": "Logo Clinic"}, "platform": "teams",\n'
            '             "brand": {"logo": "logo.svg"}}\n'
        )
    if not allowed:
        (src / "docutils.conf").write_text(
            "[general]\nfile_insertion_enabled: false\n", encoding="utf-8"
        )
    with patch_docutils(src):  # reads the project's docutils.conf, as sphinx-build does
        app = full_build(src, "html")
    assert_no_warnings(app)
    svg = next(Path(app.doctreedir, "vatoolkit-infographics").glob("*.svg")).read_text()
    assert ("data:image/svg+xml;base64," in svg) is allowed


def test_the_poster_keeps_a_phone_number_on_one_line() -> None:
    for width in range(110, 300, 10):  # the number is 104 points wide
        lines = wrap("Need help? Call us on +34 910 555 199 or write to us.", width, 11.5)
        assert any("+34\u00a0910\u00a0555\u00a0199" in line for line in lines), (width, lines)


def test_the_poster_breaks_a_long_address_after_a_slash() -> None:
    url = "https://booking.example.org/clinic/virtual-appointments/book-now"
    lines = wrap(f"Online: {url}", 160, 11.5)
    assert "".join(lines[1:]) == url
    assert all(line.endswith("/") for line in lines[2:-1]), lines


def infographic_project(tmp_path: Path) -> Path:
    src = copy_root("minimal", tmp_path / "src")
    (src / "index.rst").write_text("Home\n====\n\n.. va-infographic::\n", encoding="utf-8")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('vatoolkit = {"organization": {"name": "Budget Clinic"}}\n')
    return src


def test_a_drawing_over_its_memory_budget_costs_the_pdf_not_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_vatoolkit import infographic, rasterize

    if infographic.cairosvg_module() is None:
        pytest.skip("cairosvg (the [pdf] extra) is not installed")
    monkeypatch.setattr(rasterize, "MEMORY_LIMIT", 16 * 1024 * 1024)  # not even cairo fits
    src = infographic_project(tmp_path)
    app = full_build(src)
    warnings = warnings_of(app)
    assert "cairosvg could not draw the infographic (drawing needed more than 16 MB" in warnings
    assert "it is offered as SVG only [vatoolkit.infographic]" in warnings
    assert "Traceback" not in warnings
    cache = Path(app.doctreedir, "vatoolkit-infographics")
    assert not list(cache.glob("*.pdf")) and not list(cache.glob("*.png"))
    assert ".pdf" not in read(app, "index.html") and ".svg" in read(app, "index.html")

    def no_second_attempt(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("an unchanged infographic was drawn again")

    monkeypatch.setattr(infographic, "rasterize", no_second_attempt)
    again = full_build(src, freshenv=True)  # the same content: remembered, not retried
    assert "offered as SVG only" in warnings_of(again)


def test_a_drawing_over_its_time_budget_is_stopped(tmp_path: Path) -> None:
    from sphinx_vatoolkit.rasterize import Job, RasterizeError, rasterize

    svg = tmp_path / "poster.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')
    with pytest.raises(RasterizeError, match=r"drawing took longer than 0\.001 s"):
        rasterize([Job(svg, tmp_path / "poster.pdf", "pdf")], time_limit=0.001)
    assert not (tmp_path / "poster.pdf").exists()
