"""The same sources give the same bytes whatever the source, output and doctree
directories: the generated downloads are named by their content, and their PDFs carry
no creation date."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from helpers import assert_no_warnings, copy_root, read, sphinx_build

from sphinx_vatoolkit.infographic import cairosvg_module, without_creation_date


def build(src: Path, doctrees: Path, out: Path, *options: str) -> Path:
    result = sphinx_build("-b", "html", "-q", *options, "-d", str(doctrees), str(src), str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("theme", ["alabaster", "vatoolkit"])
def test_same_sources_give_the_same_pages_in_any_directory(tmp_path: Path, theme: str) -> None:
    # One checkout builds inside its source folder, the other far from it, deeper.
    near = copy_root("toolkit", tmp_path / "a" / "src")
    far = copy_root("toolkit", tmp_path / "b" / "work" / "checkout" / "docs")
    options = ("-D", f"html_theme={theme}")
    first = build(near, near / "_build" / "doctrees", near / "_build" / "html", *options)
    second = build(far, tmp_path / "cache" / "doctrees", tmp_path / "public" / "site", *options)

    one, other = files(first), files(second)
    pages = sorted(name for name in one if name.endswith(".html"))
    assert "client.html" in pages
    assert pages == sorted(name for name in other if name.endswith(".html"))
    assert [name for name in pages if one[name] != other[name]] == []

    # The downloads: named by content, in _downloads/vatoolkit/ only, the same bytes.
    downloads = {name: data for name, data in one.items() if name.startswith("_downloads/")}
    assert downloads == {name: other[name] for name in downloads}
    assert {name.split("/")[1] for name in downloads} == {"vatoolkit"}
    assert set(re.findall(r'href="(_downloads/[^"]+)"', one["client.html"].decode())) == set(
        downloads
    )
    if cairosvg_module() is not None:  # the [pdf] extra: PDFs and a PNG too
        assert {name.rsplit(".", 1)[1] for name in downloads} == {"svg", "pdf", "png"}


def test_pdf_creation_date_is_blanked_in_place() -> None:
    pdf = b"%PDF-1.5\n<< /Producer (cairo) /CreationDate (D:20261123215841Z) >>\nstartxref\n9\n"
    blank = without_creation_date(pdf)
    assert b"CreationDate" not in blank and b"D:2026" not in blank
    assert len(blank) == len(pdf)  # the cross-reference offsets stay right
    assert blank.replace(b" ", b"") == pdf.replace(b" ", b"").replace(
        b"/CreationDate(D:20261123215841Z)", b""
    )


def test_rendered_pdfs_have_no_creation_date() -> None:
    cairo = cairosvg_module()
    if cairo is None:
        pytest.skip("cairosvg (the [pdf] extra) is not installed")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5"/></svg>'
    pdf = cairo.svg2pdf(bytestring=svg)  # cairo 1.16 dates it: /CreationDate (D:...)
    assert b"/CreationDate" not in without_creation_date(pdf)


@pytest.mark.sphinx("dirhtml", testroot="toolkit")
def test_downloads_are_linked_relative_to_the_page_and_named_by_their_bytes(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    links = re.findall(r'download="" href="([^"]+)"', read(built, "client/index.html"))
    assert "../_downloads/vatoolkit/" in links[0] and links[0].endswith("/infographic-en.svg")
    for link in links:
        path = Path(built.outdir, "client", link).resolve()
        digest = link.split("/")[-2]
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:16] == digest
