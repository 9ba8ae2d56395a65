"""Build the docs in English and in every language that has a catalog in ``locale/``.

Each language is its own ``sphinx-build`` run (``-W --keep-going -n``), side by side
in ``docs/_build/html/<language>``. Extra arguments go to every ``sphinx-build``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def languages() -> list[str]:
    # Sorted on purpose: es before es_419. locale/es_419 holds only what Latin America
    # says differently; Sphinx reads the rest from locale/es's .mo files, and compiles
    # only the catalogs of the language it builds, so es must be built (compiled) first.
    found = sorted(path.name for path in (ROOT / "locale").glob("*") if path.is_dir())
    return ["en", *found]


def main(extra: list[str]) -> int:
    for language in languages():
        out = ROOT / "docs" / "_build" / "html" / language
        command = [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-n",
            "-b",
            "html",
            "-D",
            f"language={language}",
            # A regional language reads its base language's catalogs too, which Sphinx
            # does not track: read every page again so a change in es reaches es_419.
            *(["-E"] if "_" in language and language.split("_")[0] in languages() else []),
            "-d",
            str(ROOT / "docs" / "_build" / "doctrees" / language),
            *extra,
            str(ROOT / "docs"),
            str(out),
        ]
        print("+", " ".join(command), flush=True)
        if subprocess.run(command, check=False).returncode != 0:
            return 1
        print(f"built {language}: {out / 'index.html'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
