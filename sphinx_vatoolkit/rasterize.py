"""cairosvg under a time and memory budget: the infographic's PDF and PNG copies.

The drawing of an SVG (the organization's logo is inside the infographic) can take
more time or memory than any build should. :func:`rasterize` draws in a process of
its own, run as a script (it imports nothing from Sphinx or this package), whose
address space is capped at :data:`MEMORY_LIMIT` and which is stopped after
:data:`TIME_LIMIT` seconds. The structure of a logo is bounded before (see
:func:`sphinx_vatoolkit.files.check_bounded`); this is the second defence.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for the drawing process
TIME_LIMIT = 60  # seconds for all the copies of one infographic


@dataclass(frozen=True)
class Job:
    """Draw ``svg`` into ``target`` as ``kind`` (``pdf`` or ``png``, at ``scale``)."""

    svg: Path
    target: Path
    kind: str
    scale: float = 1.0


class RasterizeError(Exception):
    """The copies could not be drawn within the budget; the message says why."""


def rasterize(jobs: list[Job], time_limit: float = TIME_LIMIT) -> None:
    """Draw every job in one process under the budget; raises :class:`RasterizeError`."""
    request = json.dumps(
        [
            {"svg": str(j.svg), "target": str(j.target), "kind": j.kind, "scale": j.scale}
            for j in jobs
        ]
    )
    try:
        result = subprocess.run(
            [sys.executable, str(Path(__file__)), str(MEMORY_LIMIT)],
            input=request,
            capture_output=True,
            text=True,
            timeout=time_limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RasterizeError(f"drawing took longer than {time_limit:g} s") from None
    except OSError as exc:
        raise RasterizeError(f"no process to draw in ({exc})") from None
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit status {result.returncode}"
        if result.returncode < 0 or any(sign in result.stderr for sign in _OUT_OF_MEMORY):
            reason = f"drawing needed more than {MEMORY_LIMIT // (1024 * 1024)} MB ({reason})"
        raise RasterizeError(reason[:300])


# How running out of address space shows: Python's, cairo's, the dynamic loader's.
_OUT_OF_MEMORY = (
    "MemoryError",
    "NO_MEMORY",
    "Cannot allocate memory",
    "failed to map segment",
    "bad_alloc",
)


def _draw(limit: int) -> None:  # pragma: no cover - runs in the child process
    try:
        import resource
    except ImportError:  # not on this platform: the time limit still holds
        pass
    else:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import cairosvg

    for job in json.loads(sys.stdin.read()):
        svg = Path(job["svg"]).read_bytes()
        if job["kind"] == "pdf":
            data = cairosvg.svg2pdf(bytestring=svg)
        else:
            data = cairosvg.svg2png(bytestring=svg, scale=job["scale"])
        Path(job["target"]).write_bytes(data)


if __name__ == "__main__":  # pragma: no cover
    # Run as a script, its own directory heads sys.path: this package's modules
    # (config, state...) must not shadow anything cairosvg imports.
    if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
        del sys.path[0]
    _draw(int(sys.argv[1]))
