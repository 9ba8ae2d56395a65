"""A three-language build of the toolkit test root under the vatoolkit theme."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOTS = Path(__file__).parent / "roots"
LANGUAGES = ("en", "pt_BR", "es")

THEME_CONFIG = """
html_theme = "vatoolkit"
vatoolkit["languages"] = {"en": "../en/", "pt_BR": "../pt_BR/", "es": "../es/"}
"""


def build_site(base: Path, theme_config: str = THEME_CONFIG) -> Path:
    """Build ``en``, ``pt_BR`` and ``es`` side by side; return the folder holding them."""
    src = base / "src"
    shutil.copytree(ROOTS / "test-toolkit", src)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + theme_config, encoding="utf-8")
    html = base / "html"
    for language in LANGUAGES:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-W",
                "-n",
                "-q",
                "-b",
                "html",
                "-D",
                f"language={language}",
                "-d",
                str(base / "doctrees" / language),
                str(src),
                str(html / language),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    return html
