"""The organization's logo: what is published and embedded is only drawing, never a
remote reference, never a drawing that could explode, never an image's metadata.

The hostile SVG corpus (``benchmarks/hostile_logos.py``) is shared with the benchmark
that measures each kind's time and peak memory."""

from __future__ import annotations

import base64
import os
import re
import struct
import sys
import zlib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from helpers import copy_root, full_build, warnings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_vatoolkit import files
from sphinx_vatoolkit.files import MAX_SVG_DRAWN, Refused, clean_jpeg, clean_png, sanitize_svg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import hostile_logos

SVG_NS = "{http://www.w3.org/2000/svg}"
REMOTE = re.compile(r"url\(\s*['\"]?\s*[^#\s'\"]|image-set|@import|https?:|//", re.I)


def logo_svg(body: str, attributes: str = "") -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"'
        f'{attributes}>{body}<rect id="r" width="40" height="40"/></svg>'
    ).encode()


def build_with_logo(tmp_path: Path, name: str, data: bytes) -> Any:
    src = copy_root("minimal", tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as stream:
        stream.write(f'html_theme = "vatoolkit"\nvatoolkit = {{"brand": {{"logo": {name!r}}}}}\n')
    (src / "index.rst").write_text("Home\n====\n\n.. va-infographic::\n", encoding="utf-8")
    (src / name).write_bytes(data)
    return full_build(src)


def published_logo(app: Any, suffix: str) -> bytes:
    return Path(app.outdir, "_static", f"vatoolkit-logo{suffix}").read_bytes()


def embedded_logo(app: Any) -> bytes:
    svgs = "".join(p.read_text("utf-8") for p in Path(app.srcdir).rglob("infographic-*.svg"))
    found = re.search(r"data:image/[a-z+]+;base64,([A-Za-z0-9+/=]+)", svgs)
    assert found is not None
    return base64.b64decode(found.group(1))


def joined_css(svg: bytes) -> str:
    """Every piece of CSS of the SVG as a browser reads it: style sheets (all their
    text), ``style=`` and every attribute."""
    root = ElementTree.fromstring(svg)
    pieces = ["".join(e.itertext()) for e in root.iter(f"{SVG_NS}style")]
    pieces += [value for e in root.iter() for value in e.attrib.values()]
    return "\n".join(pieces)


# -- 1. CSS: no remote reference, however it is split or spelled -------------------


def test_a_style_split_by_an_element_cannot_import_a_remote_sheet(tmp_path: Path) -> None:
    hostile = logo_svg(
        '<style>@imp<metadata/>ort "https://evil.example/a.css";'
        " rect { fill: ur<g/>l(https://evil.example/b.png) }</style>"
        '<style>rect { background: image-set("https://evil.example/c.png" 1x) }</style>'
    )
    app = build_with_logo(tmp_path, "logo.svg", hostile)
    warnings = warnings_of(app)
    assert "vatoolkit.brand.logo: 'logo.svg': removed from the SVG logo:" in warnings
    assert "a style sheet with url()" in warnings and "a style sheet with image-set()" in warnings
    for svg in (published_logo(app, ".svg"), embedded_logo(app)):
        assert b"evil.example" not in svg
        assert REMOTE.search(joined_css(svg)) is None
        assert b"<rect" in svg  # the drawing stays


@pytest.mark.parametrize(
    "css",
    [
        'rect { fill: u\\72l("https://evil.example/x") }',  # a CSS escape
        "rect { fill: ur/**/l(https://evil.example/x) }",  # a comment
        'rect { fill: url("https://evil.ex\\\nample/x") }',  # a line continuation
        "rect { fill: URL(//evil.example/x) }",  # case, scheme-relative
        "rect { fill: url(data:image/svg+xml,svg) }",
        "@IMPORT 'https://evil.example/a.css';",
        '@namespace x url("https://evil.example/");',
        "@font-face { font-family: x; src: local(x) }",
        "rect { background: -webkit-image-set('https://evil.example/x' 1x) }",
        "rect { background: image('https://evil.example/x') }",
        "rect { background: cross-fade(url(#a), 'https://evil.example/x') }",
        "rect { background: element(#r) }",
        "rect { filter: blur(100000px) }",
    ],
)
def test_css_that_could_reach_outside_the_file_is_removed_whole(css: str) -> None:
    cleaned, removed = sanitize_svg(logo_svg(f"<style><![CDATA[{css}]]></style>"))
    assert any(item.startswith("a style sheet with") for item in removed), removed
    assert b"<style" not in cleaned
    cleaned, removed = sanitize_svg(logo_svg("", f" style={css.replace(chr(34), chr(39))!r}"))
    assert "style=" not in cleaned.decode().split("<rect")[0], cleaned


@pytest.mark.parametrize(
    "attribute",
    ["fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-end", "cursor"],
)
def test_presentation_attributes_cannot_hold_a_remote_reference(attribute: str) -> None:
    cleaned, removed = sanitize_svg(
        logo_svg("", f' {attribute}="url(https://evil.example/x#a)" font-family="x"')
    )
    assert f"the attribute {attribute} with url()" in removed
    assert b"evil.example" not in cleaned and b'font-family="x"' in cleaned


def test_same_file_references_colours_media_queries_and_transforms_are_kept() -> None:
    css = (
        ".cls-1{fill:url(#gradient);clip-path:url('#clip')}"
        "@media (prefers-color-scheme: dark) { .cls-1:not(.b) { fill: rgb(255 255 255 / 50%) } }"
    )
    cleaned, removed = sanitize_svg(
        logo_svg(
            f"<style>{css}</style><linearGradient id='gradient'/><clipPath id='clip'/>",
            ' transform="translate(1 2) rotate(3)" fill="url(#gradient)"',
        )
    )
    assert removed == []
    assert css.encode() in cleaned.replace(b"&apos;", b"'")
    assert b'transform="translate(1 2) rotate(3)"' in cleaned


FORBIDDEN = [
    "@import 'https://evil.example/a.css';",
    "rect{fill:url(https://evil.example/a)}",
    'rect{background:image-set("https://evil.example/a" 1x)}',
    "rect{fill:url(//evil.example/a)}",
    "@font-face{font-family:x;src:url(https://evil.example/f)}",
]
# What a hostile author may put between two characters of a forbidden token.
SPLITTERS = st.sampled_from(
    ["<g/>", "<metadata/>", "<desc>x</desc>", "<![CDATA[]]>", "<!-- c -->", "/**/", "<?pi x?>"]
)


@st.composite
def split_styles(draw: Any) -> str:
    css = draw(st.sampled_from(FORBIDDEN))
    cuts = sorted(draw(st.lists(st.integers(0, len(css)), min_size=1, max_size=4)))
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(css[start:cut].replace("<", "&lt;"))
        start = cut
    pieces.append(css[start:].replace("<", "&lt;"))
    return "".join(piece + draw(SPLITTERS) for piece in pieces[:-1]) + pieces[-1]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(split_styles(), st.booleans())
def test_no_way_of_splitting_a_style_lets_a_remote_reference_through(
    style: str, as_attribute: bool
) -> None:
    body = "<style>" + style + "</style>"
    if as_attribute:  # an attribute cannot hold elements: comments and case only
        flat = re.sub(r"<[^>]*>|&lt;", "", style).replace('"', "'")
        hostile = logo_svg("", f' style="{flat}" fill="{flat}"')
    else:
        hostile = logo_svg(body)
    try:
        cleaned, _removed = sanitize_svg(hostile)
    except Refused:
        return
    assert REMOTE.search(joined_css(cleaned)) is None, cleaned
    assert b"evil.example" not in cleaned


# -- 2. a drawing that could explode is refused before it is drawn -----------------

EXPLODING = [
    ("pattern-30000", "pattern tile is 30000 px"),
    ("pattern-box-30000", "pattern tile is 30000 px"),
    ("nested-patterns-6", "a pattern drawn inside a pattern"),
    ("use-fanout-4900x4900", f"draws more than {MAX_SVG_DRAWN} elements"),
    ("marker-2000x20000", f"draws more than {MAX_SVG_DRAWN} elements"),
    ("mask-4000x4000", f"draws more than {MAX_SVG_DRAWN} elements"),
    ("blur-100000x200x3000", "a filter of 200 steps"),
    ("morphology-1000x20x3000", "<feMorphology> of radius 1000"),
    ("viewport-1000000", "width is 1000000 px"),
    ("image-2048x500", f"draws more than {MAX_SVG_DRAWN} elements"),
    ("text-1.5M-x20", f"draws more than {MAX_SVG_DRAWN} elements"),
    ("dash-0.01x5000", f"draws more than {MAX_SVG_DRAWN} elements"),
    ("dash-0.001x5000", f"draws more than {MAX_SVG_DRAWN} elements"),
]


@pytest.mark.parametrize(("case", "message"), EXPLODING, ids=[case for case, _ in EXPLODING])
def test_a_logo_whose_drawing_could_explode_is_refused_before_it_is_drawn(
    case: str, message: str
) -> None:
    with pytest.raises(Refused, match=re.escape(message)):
        sanitize_svg(hostile_logos.NAMED[case]())


@pytest.mark.parametrize(
    "body",
    [
        '<filter id="f"><feGaussianBlur stdDeviation="1000"/></filter>',
        '<filter id="f"><feTurbulence numOctaves="100000"/></filter>',
        '<filter id="f"><feConvolveMatrix order="100"/></filter>',
        '<filter id="f" width="1000"><feOffset/></filter>',
        '<filter id="f" filterUnits="userSpaceOnUse" width="30000"><feOffset/></filter>',
        '<clipPath id="c"><rect clip-path="url(#c)"/></clipPath><rect clip-path="url(#c)"/>',
        '<linearGradient id="a" href="#b"/><linearGradient id="b" href="#a"/>',
        '<mask id="m"><rect mask="url(#m)"/></mask><rect mask="url(#m)"/>',
    ],
    ids=[
        "blur",
        "turbulence",
        "convolve",
        "region",
        "user-region",
        "clip-loop",
        "href-loop",
        "mask-loop",
    ],
)
def test_filters_and_loops_that_could_hang_a_reader_are_refused(body: str) -> None:
    with pytest.raises(Refused, match=r"filter|loop|octaves|feConvolveMatrix|stdDeviation"):
        sanitize_svg(logo_svg(body))


def test_an_exploding_logo_is_named_and_the_build_goes_on_without_it(tmp_path: Path) -> None:
    app = build_with_logo(tmp_path, "logo.svg", hostile_logos.NAMED["pattern-30000"]())
    warnings = warnings_of(app)
    assert "vatoolkit.brand.logo: 'logo.svg' is an SVG file whose pattern tile is 30000 px" in (
        warnings
    )
    assert "the logo is not used" in warnings and "[vatoolkit.logo]" in warnings
    assert not list(Path(app.outdir, "_static").glob("vatoolkit-logo.*"))
    assert Path(app.outdir, "index.html").is_file()


def test_a_logo_with_patterns_uses_and_filters_within_bounds_is_kept() -> None:
    body = (
        '<defs><pattern id="p" patternUnits="userSpaceOnUse" width="8" height="8">'
        '<circle cx="4" cy="4" r="2"/></pattern>'
        '<filter id="f"><feGaussianBlur stdDeviation="2"/><feOffset dx="1"/></filter>'
        '<g id="g">'
        + '<rect width="1" height="1"/>' * 50
        + "</g></defs>"
        + '<use href="#g"/>' * 50
        + '<rect width="40" height="40" fill="url(#p)" filter="url(#f)"/>'
        + '<circle r="18" cx="20" cy="20" style="stroke-dasharray: 2 1" stroke="red"/>'
    )
    cleaned, removed = sanitize_svg(logo_svg(body, ' viewBox="0 0 40 40"'))
    assert removed == [] and cleaned.count(b"<use") == 50


# Every kind of the corpus, a few cases each: refused, or cleaned into a drawing whose
# expanded size is within the budget (the benchmark measures what that costs).
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(sorted(hostile_logos.KINDS)).flatmap(hostile_logos.logos))
def test_every_hostile_logo_is_refused_or_bounded(logo: bytes) -> None:
    try:
        cleaned, _removed = sanitize_svg(logo)
    except Refused as exc:
        assert "the SVG" not in str(exc)  # a reason in words, not a traceback
        return
    root = files._parse_svg(cleaned)
    assert files._DrawingCost(root).cost(root)[0] <= MAX_SVG_DRAWN


# -- 3. PNG and JPEG: only what draws them; read as a project file -----------------


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_with_metadata() -> tuple[bytes, bytes]:
    """A PNG with text, EXIF and time chunks and bytes after its end; and what of it
    draws."""
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
    data = chunk(b"IDAT", zlib.compress(b"\x00" + b"\x10\x20\x30" * 2 + b"\x00" + b"\x10" * 6))
    srgb, end = chunk(b"sRGB", b"\x00"), chunk(b"IEND", b"")
    metadata = [
        chunk(b"tEXt", b"Author\x00Dr. Secret, home address"),
        chunk(b"eXIf", b"MM\x00*GPS 51.5N 0.1W"),
        chunk(b"tIME", b"\x07\xea\x0c\x04\x17\x00\x00"),
        chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"internal")),
    ]
    signature = b"\x89PNG\r\n\x1a\n"
    full = signature + header + metadata[0] + srgb + metadata[1] + data + metadata[2]
    full += metadata[3] + end + b"PK\x03\x04 a zip file after the image"
    return full, signature + header + srgb + data + end


def segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def jpeg_with_metadata() -> tuple[bytes, bytes]:
    jfif = segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    exif = segment(0xE1, b"Exif\x00\x00GPS 51.5N 0.1W")
    xmp = segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>Dr. Secret</x:xmpmeta>")
    comment = segment(0xFE, b"made on the clinic's laptop")
    adobe = segment(0xEE, b"Adobe\x00\x64\x00\x00\x00\x00\x01")
    tables = segment(0xDB, b"\x00" + b"\x01" * 64)
    frame = segment(0xC0, b"\x08\x00\x02\x00\x02\x01\x01\x11\x00")
    huffman = segment(0xC4, b"\x00" + b"\x00" * 16)
    scan = segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x12\xff\x00\x34\xff\xd0\x56"
    soi, eoi = b"\xff\xd8", b"\xff\xd9"
    full = soi + jfif + exif + xmp + comment + adobe + tables + frame + huffman + scan + eoi
    return full + b"trailing: a whole other file", (
        soi + jfif + adobe + tables + frame + huffman + scan + eoi
    )


def test_a_png_logo_is_published_without_its_metadata_or_trailing_bytes(tmp_path: Path) -> None:
    hostile, drawing = png_with_metadata()
    assert clean_png(hostile) == drawing
    app = build_with_logo(tmp_path, "logo.png", hostile)
    assert published_logo(app, ".png") == drawing
    assert embedded_logo(app) == drawing


def test_a_jpeg_logo_is_published_without_its_metadata_or_trailing_bytes(tmp_path: Path) -> None:
    hostile, drawing = jpeg_with_metadata()
    assert clean_jpeg(hostile) == drawing
    app = build_with_logo(tmp_path, "logo.jpg", hostile)
    assert published_logo(app, ".jpg") == drawing
    for secret in (b"GPS", b"Secret", b"laptop", b"trailing"):
        assert secret not in published_logo(app, ".jpg")


def test_an_image_embedded_in_an_svg_logo_loses_its_metadata_too() -> None:
    hostile, drawing = png_with_metadata()
    uri = "data:image/png;base64," + base64.b64encode(hostile).decode()
    cleaned, _removed = sanitize_svg(logo_svg(f'<image width="2" height="2" href="{uri}"/>'))
    assert base64.b64encode(drawing) in cleaned and b"Secret" not in cleaned


def test_a_jpeg_cut_short_in_its_image_data_is_refused() -> None:
    hostile, _drawing = jpeg_with_metadata()
    with pytest.raises(Refused, match="cut short"):
        clean_jpeg(hostile[: hostile.index(b"\xff\xd9")])


def test_a_logo_hard_linked_to_an_outside_image_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(png_with_metadata()[1])
    src = copy_root("minimal", tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as stream:
        stream.write('html_theme = "vatoolkit"\nvatoolkit = {"brand": {"logo": "logo.png"}}\n')
    os.link(outside, src / "logo.png")
    app = full_build(src)
    warnings = warnings_of(app)
    assert "vatoolkit.brand.logo: 'logo.png' has 2 names (a hard link)" in warnings
    assert "the logo is not used" in warnings and "[vatoolkit.logo]" in warnings
    assert not list(Path(app.outdir, "_static").glob("vatoolkit-logo.*"))


def test_a_logo_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    src = copy_root("minimal", tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as stream:
        stream.write('html_theme = "vatoolkit"\nvatoolkit = {"brand": {"logo": "logo.svg"}}\n')
    os.mkfifo(src / "logo.svg")
    app = full_build(src)
    assert "vatoolkit.brand.logo: 'logo.svg' is not a regular file; the logo is not used" in (
        warnings_of(app)
    )


def filtered_drawing(size: int, steps: int, shapes: int = 1) -> bytes:
    blurs = '<feGaussianBlur stdDeviation="64"/>' * steps
    shape = f'<rect width="{size}" height="{size}" fill="#0b5cad" filter="url(#f)"/>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}">'
        f'<defs><filter id="f">{blurs}</filter></defs>{shape * shapes}</svg>'
    ).encode()


@pytest.mark.parametrize(
    ("size", "steps", "shapes"), [(4096, 3, 1), (4096, 32, 1), (2048, 12, 1), (1024, 32, 2)]
)
def test_a_filter_over_a_large_drawing_is_refused_as_a_browser_would_stall_on_it(
    size: int, steps: int, shapes: int
) -> None:
    """A browser opening the logo filters every pixel at the logo's own size: 32 blurs
    over 4096 x 4096 px kept Chromium busy for more than a minute."""
    with pytest.raises(Refused, match=f"draws more than {MAX_SVG_DRAWN} elements"):
        sanitize_svg(filtered_drawing(size, steps, shapes))


@pytest.mark.parametrize(("size", "steps"), [(4096, 2), (1024, 32), (512, 32)])
def test_a_filter_a_browser_draws_in_seconds_is_kept(size: int, steps: int) -> None:
    cleaned, removed = sanitize_svg(filtered_drawing(size, steps))
    assert removed == [] and cleaned.count(b"feGaussianBlur") == steps
