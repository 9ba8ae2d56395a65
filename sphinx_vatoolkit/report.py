"""How problems are reported: one warning shape, one "did you mean" suggestion."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinx_vatoolkit")


def warn(message: str, subtype: str, location: Any, *args: Any) -> None:
    logger.warning(message, *args, type="vatoolkit", subtype=subtype, location=location)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``"; did you mean 'booking'?"`` for the closest known name, or nothing."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
