"""The gallery's four thumbnails: distinct drawings, light, described by their alt text."""

from __future__ import annotations

import re
import struct
import zlib
from itertools import combinations
from pathlib import Path

import pytest
from helpers import assert_no_warnings, read

from sphinx_vatoolkit.presets import TEAMS

THUMBNAILS = Path(__file__).parent.parent / "sphinx_vatoolkit" / "thumbnails"
INDUSTRIES = ("healthcare", "financial", "retail", "general")
BUDGET = 4 * 1024  # bytes per thumbnail
# What each picture shows, in the English alt text.
PICTURED = {
    "healthcare": "medical cross",
    "financial": "bank",
    "retail": "shopping bag",
    "general": "video camera",
}


def pixels(path: Path) -> list[bytes]:
    """The rows of an 8-bit RGB PNG without filters, as our script writes it."""
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = height = 0
    compressed = b""
    position = 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
            assert (depth, colour_type) == (8, 2)
        elif kind == b"IDAT":
            compressed += body
        position += 12 + length
    raw = zlib.decompress(compressed)
    stride = 1 + 3 * width
    rows = [raw[row * stride : (row + 1) * stride] for row in range(height)]
    assert all(row[0] == 0 for row in rows)
    return [row[1:] for row in rows]


def shape(path: Path) -> set[tuple[int, int]]:
    """Where the picture is not paper: its drawing, whatever its colours."""
    rows = pixels(path)
    paper = rows[len(rows) // 2][:3]  # the left margin, mid-height
    return {
        (x, y)
        for y, row in enumerate(rows)
        for x in range(len(row) // 3)
        if row[3 * x : 3 * x + 3] != paper
    }


def test_each_thumbnail_is_light() -> None:
    sizes = {name: (THUMBNAILS / f"{name}.png").stat().st_size for name in INDUSTRIES}
    assert all(size <= BUDGET for size in sizes.values()), sizes


def test_the_four_drawings_differ_in_shape_not_only_in_colour() -> None:
    shapes = {name: shape(THUMBNAILS / f"{name}.png") for name in INDUSTRIES}
    for first, second in combinations(INDUSTRIES, 2):
        different = len(shapes[first] ^ shapes[second])
        # Over a tenth of the drawn area: a pictogram of its own, not a recolouring.
        assert different > len(shapes[first] | shapes[second]) // 10, (first, second)


def test_alt_texts_name_the_industry_and_what_the_picture_shows() -> None:
    alts = {
        graphic.thumbnail.removesuffix(".png"): str(graphic.alt) for graphic in TEAMS.infographics
    }
    assert set(alts) == set(INDUSTRIES)
    assert len(set(alts.values())) == 4
    for industry, alt in alts.items():
        assert PICTURED[industry] in alt, alt
        assert alt.lower().startswith(industry.split()[0][:6]), alt


@pytest.mark.sphinx("html", testroot="toolkit", confoverrides={"language": "pt_BR"})
def test_alt_texts_are_translated_on_the_page(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    html = read(built, "parts.html")
    alts = re.findall(r'<img alt="([^"]*)"[^>]*class="va-thumbnail"', html)
    assert "Infográfico de saúde: um cartaz com uma cruz médica" in alts, alts
    assert "Infográfico geral: um cartaz com um calendário e uma câmera de vídeo" in alts, alts
