"""Draw the gallery thumbnails (simple, original artwork) as small PNG files: each a
poster with a pictogram of its industry (a medical cross, a bank, a shopping bag, a
calendar with a video camera), the picture its alt text describes.

Run once when the artwork changes: ``python scripts/make_thumbnails.py``.
Pure standard library, so the package needs no imaging dependency.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

WIDTH, HEIGHT = 160, 208
OUT = Path(__file__).resolve().parent.parent / "sphinx_vatoolkit" / "thumbnails"

# industry -> (header colour, accent colour)
PALETTES = {
    "financial": ((0x1B, 0x4F, 0x72), (0x2E, 0x86, 0xC1)),
    "retail": ((0x7D, 0x3C, 0x98), (0xC3, 0x9B, 0xD3)),
    "healthcare": ((0x11, 0x78, 0x64), (0x48, 0xC9, 0xB0)),
    "general": ((0x2C, 0x3E, 0x50), (0xF3, 0x9C, 0x12)),
}
PAPER = (0xFA, 0xFA, 0xF7)
INK = (0x99, 0xA3, 0xA4)


def _png(pixels: list[list[tuple[int, int, int]]]) -> bytes:
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


Colour = tuple[int, int, int]
Point = tuple[float, float]


class Canvas:
    """Filled shapes on a sheet of paper, one pixel at a time."""

    def __init__(self) -> None:
        self.pixels: list[list[Colour]] = [[PAPER] * WIDTH for _ in range(HEIGHT)]

    def rect(self, x0: int, y0: int, x1: int, y1: int, colour: Colour) -> None:
        for y in range(max(y0, 0), min(y1, HEIGHT)):
            for x in range(max(x0, 0), min(x1, WIDTH)):
                self.pixels[y][x] = colour

    def ring(
        self,
        cx: float,
        cy: float,
        outer: float,
        inner: float,
        colour: Colour,
        top_only: bool = False,
    ) -> None:
        """A disc (``inner`` 0) or a ring; ``top_only`` keeps its upper half (a handle)."""
        for y in range(int(cy - outer), int(cy + outer) + 1):
            if top_only and y > cy:
                break
            for x in range(int(cx - outer), int(cx + outer) + 1):
                distance = (x - cx) ** 2 + (y - cy) ** 2
                if (
                    inner * inner <= distance <= outer * outer
                    and 0 <= x < WIDTH
                    and 0 <= y < HEIGHT
                ):
                    self.pixels[y][x] = colour

    def polygon(self, points: list[Point], colour: Colour) -> None:
        """Scanline fill: each row is filled between pairs of edge crossings."""
        top = int(min(y for _, y in points))
        bottom = int(max(y for _, y in points))
        for y in range(top, bottom + 1):
            centre = y + 0.5
            crossings = sorted(
                x0 + (centre - y0) * (x1 - x0) / (y1 - y0)
                for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)
                if (y0 <= centre < y1) or (y1 <= centre < y0)
            )
            for left, right in zip(crossings[::2], crossings[1::2], strict=False):
                self.rect(round(left), y, round(right), y + 1, colour)


# -- the pictograms: what each industry's poster shows, centred at (80, 92) --------------


def medical_cross(canvas: Canvas, header: Colour, accent: Colour) -> None:
    canvas.ring(80, 92, 40, 0, header)
    canvas.rect(70, 62, 90, 122, PAPER)
    canvas.rect(50, 82, 110, 102, PAPER)


def bank(canvas: Canvas, header: Colour, accent: Colour) -> None:
    canvas.polygon([(40, 74), (80, 50), (120, 74)], header)  # the pediment
    canvas.rect(40, 74, 120, 80, header)
    for x in (46, 66, 86, 106):  # four columns
        canvas.rect(x, 84, x + 8, 122, accent)
    canvas.rect(36, 124, 124, 132, header)  # the steps


def shopping_bag(canvas: Canvas, header: Colour, accent: Colour) -> None:
    canvas.ring(80, 72, 20, 14, header, top_only=True)  # the handle
    canvas.polygon([(48, 72), (112, 72), (120, 132), (40, 132)], accent)
    canvas.rect(60, 84, 100, 90, PAPER)  # the fold


def calendar_video(canvas: Canvas, header: Colour, accent: Colour) -> None:
    canvas.rect(40, 58, 120, 130, accent)  # the page
    canvas.rect(40, 58, 120, 74, header)
    for x in (54, 102):  # the rings
        canvas.rect(x, 50, x + 6, 64, header)
    canvas.rect(52, 86, 90, 116, PAPER)  # a video camera on the page
    canvas.polygon([(92, 101), (110, 88), (110, 114)], PAPER)


PICTOGRAMS = {
    "healthcare": medical_cross,
    "financial": bank,
    "retail": shopping_bag,
    "general": calendar_video,
}


def draw(industry: str) -> bytes:
    header, accent = PALETTES[industry]
    canvas = Canvas()
    canvas.rect(0, 0, WIDTH, 36, header)  # the poster's title band
    canvas.rect(12, 13, 110, 22, PAPER)
    PICTOGRAMS[industry](canvas, header, accent)
    for y, right in ((148, 146), (160, 128), (172, 138), (184, 110)):  # lines of text
        canvas.rect(14, y, right, y + 5, INK)
    canvas.rect(0, HEIGHT - 10, WIDTH, HEIGHT, header)
    return _png(canvas.pixels)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for industry in PALETTES:
        (OUT / f"{industry}.png").write_bytes(draw(industry))
        print(OUT / f"{industry}.png")
