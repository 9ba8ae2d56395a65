"""Hostile SVG logos: time and peak memory of cleaning and drawing each, worst per kind.

Each case runs in a fresh process of its own (so its peak RSS is its own): the logo
is cleaned (:func:`sphinx_vatoolkit.files.sanitize_svg`); a logo that is accepted is
drawn as the infographic draws it (inside an ``<image>``, to PDF and to PNG at 1.5)
through :func:`sphinx_vatoolkit.rasterize.rasterize`, under its budget. The figures
are the case process's wall time and the larger of its own and its drawing process's
peak RSS.

    python benchmarks/hostile_logos.py                  # the corpus, 6 cases per kind
    python benchmarks/hostile_logos.py --examples 20 --kind use-fanout
    python benchmarks/hostile_logos.py --write DIR      # one file per kind (its worst)

The generators are importable (``tests/test_logo.py`` draws its property corpus from
them): :data:`KINDS` maps each kind to a function of a hypothesis ``draw``.
"""

from __future__ import annotations

import argparse
import base64
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
Draw = Callable[[st.SearchStrategy[Any]], Any]


def svg(body: str, size: int = 64, view_box: int | None = None) -> bytes:
    box = f' viewBox="0 0 {view_box} {view_box}"' if view_box else ""
    return f'{SVG_HEAD} width="{size}" height="{size}"{box}>{body}</svg>'.encode()


def big_pattern(draw: Draw) -> bytes:
    """A pattern tile cairo rasterizes whole (with a viewBox): 30000 px is 3.5 GB."""
    tile = draw(st.sampled_from([2000, 4096, 5000, 12000, 30000]))
    units = draw(st.sampled_from(["userSpaceOnUse", "objectBoundingBox"]))
    width = tile if units == "userSpaceOnUse" else 1
    area = 64 if units == "userSpaceOnUse" else tile
    return svg(
        f'<defs><pattern id="p" patternUnits="{units}" width="{width}" height="{width}" '
        f'viewBox="0 0 1 1"><rect width="1" height="1"/></pattern></defs>'
        f'<rect width="{area}" height="{area}" fill="url(#p)"/>'
    )


def nested_patterns(draw: Draw) -> bytes:
    """Patterns filled with patterns: every tile draws the next pattern again."""
    depth = draw(st.integers(2, 8))
    tile = draw(st.sampled_from([1, 2, 5]))
    body = (
        '<pattern id="p0" patternUnits="userSpaceOnUse" width="2" height="2">'
        '<rect width="1" height="1"/></pattern>'
    )
    for level in range(1, depth):
        body += (
            f'<pattern id="p{level}" patternUnits="userSpaceOnUse" width="{tile * 20}" '
            f'height="{tile * 20}"><rect width="{tile * 20}" height="{tile * 20}" '
            f'fill="url(#p{level - 1})"/></pattern>'
        )
    return svg(f'<defs>{body}</defs><rect width="64" height="64" fill="url(#p{depth - 1})"/>')


def use_fanout(draw: Draw) -> bytes:
    """One group of many elements, used many times: elements × uses drawn."""
    elements = draw(st.integers(100, 4900))
    uses = draw(st.integers(100, 4900))
    group = "".join(f'<rect x="{n % 60}" width="1" height="1"/>' for n in range(elements))
    return svg(f'<defs><g id="g">{group}</g></defs>' + '<use href="#g"/>' * uses)


def use_chain(draw: Draw) -> bytes:
    """Uses of groups of uses: a "billion laughs" of elements."""
    levels, width = draw(st.integers(3, 12)), draw(st.integers(2, 10))
    body = '<g id="u0"><rect width="1" height="1"/></g>'
    for level in range(1, levels):
        body += f'<g id="u{level}">' + f'<use href="#u{level - 1}"/>' * width + "</g>"
    return svg(f'<defs>{body}</defs><use href="#u{levels - 1}"/>')


def marker_fanout(draw: Draw) -> bytes:
    """A marker of many elements at every vertex of a long path."""
    elements, vertices = draw(st.integers(10, 2000)), draw(st.integers(100, 20000))
    marker = "".join(f'<circle cx="{n % 5}" r="1"/>' for n in range(elements))
    path = "M0 0" + " l1 1" * vertices
    return svg(
        f'<defs><marker id="m" markerWidth="5" markerHeight="5">{marker}</marker></defs>'
        f'<path d="{path}" marker-mid="url(#m)" stroke="black"/>'
    )


def mask_fanout(draw: Draw) -> bytes:
    """A mask (or clip path) of many elements applied to many elements."""
    elements, users = draw(st.integers(10, 4000)), draw(st.integers(10, 4000))
    kind = draw(st.sampled_from(["mask", "clipPath"]))
    attribute = "mask" if kind == "mask" else "clip-path"
    content = "".join(
        f'<rect x="{n % 60}" width="1" height="64" fill="white"/>' for n in range(elements)
    )
    users_markup = f'<rect width="64" height="64" {attribute}="url(#m)"/>' * users
    return svg(f'<defs><{kind} id="m">{content}</{kind}></defs>{users_markup}')


def heavy_filter(draw: Draw) -> bytes:
    """Huge blurs, morphologies, turbulences, convolutions, many steps, many users."""
    primitive = draw(
        st.sampled_from(
            [
                '<feGaussianBlur stdDeviation="{n}"/>',
                '<feMorphology operator="dilate" radius="{n}"/>',
                '<feTurbulence baseFrequency="0.05" numOctaves="{n}"/>',
                '<feConvolveMatrix order="{n}" kernelMatrix="{kernel}"/>',
                '<feDropShadow stdDeviation="{n}"/>',
            ]
        )
    )
    n = draw(st.sampled_from([3, 10, 100, 1000, 100000]))
    steps, users = draw(st.integers(1, 200)), draw(st.integers(1, 3000))
    kernel = " ".join(["1"] * min(n * n, 10_000)) if "Convolve" in primitive else ""
    body = primitive.format(n=n, kernel=kernel) * steps
    filtered = '<rect width="64" height="64" filter="url(#f)"/>' * users
    region = draw(
        st.sampled_from(
            [
                'x="-10%" y="-10%" width="120%" height="120%"',
                'filterUnits="userSpaceOnUse" width="30000" height="30000"',
            ]
        )
    )
    return svg(f'<defs><filter id="f" {region}>{body}</filter></defs>{filtered}')


def huge_viewport(draw: Draw) -> bytes:
    """A logo that says it is enormous."""
    size = draw(st.sampled_from([4096, 10000, 30000, 1000000]))
    return svg(
        '<rect width="100" height="100"/>', size=size, view_box=draw(st.sampled_from([None, size]))
    )


def big_path(draw: Draw) -> bytes:
    """Path data near the file size cap, used a few times."""
    numbers = draw(st.integers(10_000, 150_000))
    uses = draw(st.integers(1, 50))
    path = "M0 0" + "".join(f" L{n % 64} {(n * 7) % 64}" for n in range(numbers // 2))
    return svg(f'<defs><path id="p" d="{path}" stroke="black"/></defs>' + '<use href="#p"/>' * uses)


def dash_storm(draw: Draw) -> bytes:
    """A tiny dash over a long path."""
    dash = draw(st.sampled_from(["0.001", "0.01", "0.1", "1"]))
    vertices = draw(st.integers(10, 5000))
    path = "M0 0" + "".join(f" L{(n * 37) % 64} {(n * 11) % 64}" for n in range(vertices))
    return svg(f'<path d="{path}" stroke="black" stroke-dasharray="{dash}"/>')


def long_text(draw: Draw) -> bytes:
    """Text near the file size cap, used a few times."""
    characters, uses = draw(st.integers(1000, 1_500_000)), draw(st.integers(1, 20))
    return svg(
        f'<defs><text id="t" font-size="2">{"W" * characters}</text></defs>'
        + '<use href="#t"/>' * uses
    )


def embedded_images(draw: Draw) -> bytes:
    """An embedded PNG of 2048 px used many times."""
    uses = draw(st.integers(1, 500))
    image = base64.b64encode(png(2048, 2048)).decode("ascii")
    return svg(
        f'<defs><image id="i" width="2048" height="2048" '
        f'href="data:image/png;base64,{image}"/></defs>' + '<use href="#i"/>' * uses
    )


def png(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    rows = b"".join(b"\x00" + b"\x80" * (3 * width) for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


KINDS: dict[str, Callable[[Draw], bytes]] = {
    "big-pattern": big_pattern,
    "nested-patterns": nested_patterns,
    "use-fanout": use_fanout,
    "use-chain": use_chain,
    "marker-fanout": marker_fanout,
    "mask-fanout": mask_fanout,
    "heavy-filter": heavy_filter,
    "huge-viewport": huge_viewport,
    "big-path": big_path,
    "dash-storm": dash_storm,
    "long-text": long_text,
    "embedded-images": embedded_images,
}


def _fixed(*values: Any) -> Draw:
    """A ``draw`` that returns these values in turn: a named case of a kind."""
    pending = list(values)
    return lambda _strategy: pending.pop(0)


# The cases of issue 20 and the worst of each kind, by name (``--named``).
NAMED: dict[str, Callable[[], bytes]] = {
    "pattern-30000": lambda: big_pattern(_fixed(30000, "userSpaceOnUse")),
    "pattern-box-30000": lambda: big_pattern(_fixed(30000, "objectBoundingBox")),
    "nested-patterns-6": lambda: nested_patterns(_fixed(6, 1)),
    "use-fanout-4900x4900": lambda: use_fanout(_fixed(4900, 4900)),
    "use-chain-12x10": lambda: use_chain(_fixed(12, 10)),
    "marker-2000x20000": lambda: marker_fanout(_fixed(2000, 20000)),
    "mask-4000x4000": lambda: mask_fanout(_fixed(4000, 4000, "mask")),
    "blur-100000x200x3000": lambda: heavy_filter(
        _fixed(
            '<feGaussianBlur stdDeviation="{n}"/>',
            100000,
            200,
            3000,
            'x="-10%" y="-10%" width="120%" height="120%"',
        )
    ),
    "morphology-1000x20x3000": lambda: heavy_filter(
        _fixed(
            '<feMorphology operator="dilate" radius="{n}"/>',
            1000,
            20,
            3000,
            'x="-10%" y="-10%" width="120%" height="120%"',
        )
    ),
    "viewport-1000000": lambda: huge_viewport(_fixed(1000000, None)),
    "image-2048x500": lambda: embedded_images(_fixed(500)),
    "dash-0.001x5000": lambda: dash_storm(_fixed("0.001", 5000)),
    "dash-0.01x5000": lambda: dash_storm(_fixed("0.01", 5000)),
    "text-1.5M-x20": lambda: long_text(_fixed(1_500_000, 20)),
    # Just within the structural bounds: what an accepted logo may cost.
    "ok-use-fanout-140x140": lambda: use_fanout(_fixed(140, 140)),
    "ok-marker-10x900": lambda: marker_fanout(_fixed(10, 900)),
    "ok-mask-100x190": lambda: mask_fanout(_fixed(100, 190, "mask")),
    "ok-blur-64x32x70": lambda: heavy_filter(
        _fixed('<feGaussianBlur stdDeviation="{n}"/>', 64, 32, 70, 'width="120%" height="120%"')
    ),
    "ok-image-2048x18": lambda: embedded_images(_fixed(18)),
    "ok-pattern-4096": lambda: big_pattern(_fixed(4096, "userSpaceOnUse")),
    "ok-path-150000": lambda: big_path(_fixed(150000, 1)),
    "ok-path-40000x7": lambda: big_path(_fixed(40000, 7)),
    "ok-text-75000": lambda: long_text(_fixed(75000, 1)),
    "ok-dash-1x1000": lambda: dash_storm(_fixed("1", 1000)),
}


def logos(kind: str) -> st.SearchStrategy[bytes]:
    """The hypothesis strategy of one kind."""
    return st.composite(lambda draw: KINDS[kind](draw))()


# -- one case, in its own process -------------------------------------------------------

INFOGRAPHIC = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="595" height="842"><rect width="595" height="842" fill="#fff"/>'
    '<image x="24" y="24" width="56" height="56" preserveAspectRatio="xMidYMid meet" '
    'xlink:href="{uri}" href="{uri}"/></svg>'
)


def run_case(path: Path, unguarded: bool) -> dict[str, Any]:
    """Clean the logo and, if accepted, draw it as the infographic does."""
    from sphinx_vatoolkit.files import Refused, sanitize_svg

    start = time.perf_counter()
    outcome = "drawn"
    data = path.read_bytes()
    try:
        cleaned, _removed = sanitize_svg(data)
    except Refused as exc:
        outcome = f"refused: {str(exc)[:90]}"
    else:
        uri = "data:image/svg+xml;base64," + base64.b64encode(cleaned).decode("ascii")
        with tempfile.TemporaryDirectory() as directory:
            poster = Path(directory, "poster.svg")
            poster.write_text(INFOGRAPHIC.format(uri=uri), encoding="utf-8")
            if unguarded:  # what the code before the budget did: cairosvg in the build
                import cairosvg

                cairosvg.svg2pdf(bytestring=poster.read_bytes())
                cairosvg.svg2png(bytestring=poster.read_bytes(), scale=1.5)
            else:
                from sphinx_vatoolkit.rasterize import Job, RasterizeError, rasterize

                try:
                    rasterize(
                        [
                            Job(poster, Path(directory, "poster.pdf"), "pdf"),
                            Job(poster, Path(directory, "poster.png"), "png", 1.5),
                        ]
                    )
                except RasterizeError as exc:
                    outcome = f"not drawn: {str(exc)[:90]}"
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "peak_mb": max(own, child) / 1024, "outcome": outcome}


def measure(data: bytes, unguarded: bool = False, timeout: float = 240) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".svg", delete=False) as stream:
        stream.write(data)
    command = [sys.executable, __file__, "--case", stream.name]
    if unguarded:
        command.append("--unguarded")
    start = time.perf_counter()
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {
            "seconds": time.perf_counter() - start,
            "peak_mb": float("nan"),
            "outcome": f"stopped after {timeout:g} s",
        }
    finally:
        Path(stream.name).unlink()
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["?"])[-1]
        return {
            "seconds": time.perf_counter() - start,
            "peak_mb": float("nan"),
            "outcome": f"failed: {last[:90]}",
        }
    return dict(json.loads(result.stdout.strip().splitlines()[-1]), bytes=len(data))


def corpus(kinds: list[str], examples: int, seed: int) -> dict[str, list[bytes]]:
    """``examples`` logos of each kind, reproducibly (hypothesis, derandomized by seed)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hypothesis_seed

    found: dict[str, list[bytes]] = {}
    for kind in kinds:
        drawn: list[bytes] = []

        @hypothesis_seed(seed)
        @settings(
            max_examples=examples,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(logos(kind))
        def collect(logo: bytes) -> None:
            drawn.append(logo)  # noqa: B023 - called before the loop moves on

        collect()
        found[kind] = drawn
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--case", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--unguarded",
        action="store_true",
        help="draw in the case's own process, without the budget (with PYTHONPATH at an "
        "older checkout: the 'before')",
    )
    parser.add_argument("--examples", type=int, default=6)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--kind", action="append", choices=sorted(KINDS))
    parser.add_argument("--timeout", type=float, default=240)
    parser.add_argument("--write", type=Path, help="write each kind's worst case here")
    parser.add_argument("--named", action="append", choices=sorted(NAMED), help="these cases")
    parser.add_argument("--all-named", action="store_true", help="every named case")
    arguments = parser.parse_args()
    if arguments.case:
        print(json.dumps(run_case(arguments.case, arguments.unguarded)))
        return
    if arguments.named or arguments.all_named:
        print(f"{'case':26} {'KB':>6} {'s':>7} {'peak MB':>8}  outcome")
        for name in arguments.named or list(NAMED):
            data = NAMED[name]()
            result = measure(data, arguments.unguarded, arguments.timeout)
            print(
                f"{name:26} {len(data) // 1024:6} {result['seconds']:7.2f} "
                f"{result['peak_mb']:8.0f}  {result['outcome']}",
                flush=True,
            )
        return
    kinds = arguments.kind or list(KINDS)
    print(f"{'kind':16} {'cases':>5} {'worst s':>8} {'worst MB':>9}  worst case's outcome")
    for kind, cases in corpus(kinds, arguments.examples, arguments.seed).items():
        results = [(measure(case, arguments.unguarded, arguments.timeout), case) for case in cases]
        slowest = max(results, key=lambda item: item[0]["seconds"])
        heaviest = max(
            results,
            key=lambda item: (
                item[0]["peak_mb"] if item[0]["peak_mb"] == item[0]["peak_mb"] else 1e12
            ),
        )
        worst = slowest[0]
        print(
            f"{kind:16} {len(results):5} {worst['seconds']:8.2f} {heaviest[0]['peak_mb']:9.0f}  "
            f"{worst['outcome']} ({len(slowest[1]) // 1024} KB)",
            flush=True,
        )
        if arguments.write:
            arguments.write.mkdir(parents=True, exist_ok=True)
            (arguments.write / f"{kind}.svg").write_bytes(slowest[1])


if __name__ == "__main__":
    main()
