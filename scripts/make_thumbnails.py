"""Draw the gallery thumbnails (simple, original artwork) as small PNG files.

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


def draw(header: tuple[int, int, int], accent: tuple[int, int, int]) -> bytes:
    pixels = [[PAPER] * WIDTH for _ in range(HEIGHT)]

    def rect(x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]) -> None:
        for y in range(y0, y1):
            for x in range(x0, x1):
                pixels[y][x] = colour

    def circle(cx: int, cy: int, r: int, colour: tuple[int, int, int]) -> None:
        for y in range(cy - r, cy + r + 1):
            for x in range(cx - r, cx + r + 1):
                if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                    pixels[y][x] = colour

    rect(0, 0, WIDTH, 40, header)
    rect(12, 14, 100, 22, PAPER)
    for step, y in enumerate((58, 104, 150)):
        circle(28, y + 12, 12, accent)
        rect(24 + step % 2, y + 8, 32, y + 16, PAPER)
        rect(50, y + 4, 146, y + 10, INK)
        rect(50, y + 16, 120, y + 21, INK)
    rect(0, HEIGHT - 10, WIDTH, HEIGHT, header)
    return _png(pixels)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for industry, (header, accent) in PALETTES.items():
        (OUT / f"{industry}.png").write_bytes(draw(header, accent))
        print(OUT / f"{industry}.png")
