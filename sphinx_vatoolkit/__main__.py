"""``python -m sphinx_vatoolkit``: the same command as ``sphinx-vatoolkit``."""

from __future__ import annotations

import sys

from sphinx_vatoolkit.cli import main

if __name__ == "__main__":
    sys.exit(main())
