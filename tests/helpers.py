"""Shared helpers for the tests."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.util.console import strip_colors


def warnings_of(app) -> str:  # type: ignore[no-untyped-def]
    return strip_colors(app.warning.getvalue())


def assert_no_warnings(app) -> None:  # type: ignore[no-untyped-def]
    text = warnings_of(app)
    assert text == "", text


def read(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def visible_text(html: str) -> str:
    """The page body's text, roughly as a reader sees it."""
    body = html.split('<div class="body"', 1)[-1].split('<div class="sphinxsidebar"', 1)[0]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", body)
