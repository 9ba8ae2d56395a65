"""Every builder, parallel reading, incremental rebuilds and a fresh quickstart project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import (
    assert_no_warnings,
    copy_root,
    full_build,
    pages_read_by_build,
    quickstart,
    read,
    sphinx_build,
    warnings_of,
)

from sphinx_vatoolkit.state import vatoolkit_domain

BUILDERS = [
    "html",
    "dirhtml",
    "singlehtml",
    "json",
    "pickle",
    "epub",
    "latex",
    "text",
    "man",
    "texinfo",
    "gettext",
]


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_is_clean(shared_builds, builder: str) -> None:  # type: ignore[no-untyped-def]
    # The session's build of the toolkit root for this builder, read by the other tests too.
    assert_no_warnings(shared_builds.get("toolkit", builder))


@pytest.mark.sphinx("text", testroot="toolkit")
def test_latex_and_text_keep_the_links(built) -> None:  # type: ignore[no-untyped-def]
    text = read(built, "guide.txt")
    assert "Download as a PowerPoint" in text


@pytest.mark.sphinx("latex", testroot="toolkit")
def test_latex_has_the_thumbnails_and_download_urls(built) -> None:  # type: ignore[no-untyped-def]
    assert_no_warnings(built)
    tex = next(Path(built.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "VirtualVisit\\_Healthcare\\_Infographic.pptx" in tex
    assert "healthcare}.png" in tex or "healthcare.png" in tex
    assert (Path(built.outdir) / "healthcare.png").exists()


@pytest.mark.sphinx("html", testroot="toolkit", parallel=2)
def test_parallel_build_is_clean_and_identical(app, shared_builds) -> None:  # type: ignore[no-untyped-def]
    app.build(force_all=True)
    assert_no_warnings(app)
    serial = shared_builds.get("toolkit", "html")
    for page in ("guide.html", "client.html", "parts.html", "parts_rst.html"):
        assert read(app, page) == read(serial, page)


@pytest.mark.sphinx("html", testroot="toolkit")
def test_config_change_rereads_only_pages_that_use_the_toolkit(app, make_app) -> None:  # type: ignore[no-untyped-def]
    app.build(force_all=True)
    unchanged = make_app("html", srcdir=app.srcdir)
    assert pages_read_by_build(unchanged) == []
    config = vatoolkit_domain(app.env).state.model.model_dump(exclude_none=True)
    config["booking"]["url"] = "https://example.org/new-booking"
    changed = make_app("html", srcdir=app.srcdir, confoverrides={"vatoolkit": config})
    assert pages_read_by_build(changed) == ["client", "guide", "parts", "parts_rst"]
    assert "https://example.org/new-booking" in read(changed, "client.html")


@pytest.mark.sphinx("html", testroot="toolkit")
def test_removed_page_leaves_no_usage_record(app, make_app) -> None:  # type: ignore[no-untyped-def]
    app.build(force_all=True)
    assert "client" in vatoolkit_domain(app.env).toolkit_pages
    (Path(app.srcdir) / "client.md").unlink()
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert "client" not in vatoolkit_domain(again.env).toolkit_pages


THEMED_LANGUAGES = """
html_theme = "vatoolkit"
vatoolkit["languages"] = {"en": "../en/", "pt_BR": "../pt_BR/"}
html_baseurl = "https://clinic.example.org/help/en/"
"""


@pytest.mark.parametrize("builder", ["json", "pickle"])
def test_json_and_pickle_builds_write_the_theme_and_language_data(
    tmp_path: Path, builder: str
) -> None:
    """What a web application rendering the pages itself reads: plain data."""
    import json
    import pickle

    src = copy_root("toolkit", tmp_path / "src")
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + THEMED_LANGUAGES, encoding="utf-8")
    app = full_build(src, builder)
    assert_no_warnings(app)
    for page in ("client", "plain"):
        path = Path(app.outdir, f"{page}.f{builder}")
        context = (
            json.loads(path.read_text(encoding="utf-8"))
            if builder == "json"
            else pickle.loads(path.read_bytes())
        )
        assert context["vatoolkit_theme"]["booking_url"] == "https://example.org/book"
        assert [link["code"] for link in context["vatoolkit_languages"]] == ["en", "pt_BR"]
        assert "What is a virtual appointment?" in context["body"] or page == "plain"


QUICKSTART_CONFIG = """
extensions = ["sphinx_vatoolkit"]
vatoolkit = {
    "organization": {"name": "Quickstart Bank", "industry": "financial"},
    "platform": "teams",
    "booking": {"url": "https://bank.example.org/book", "phone": "+1 555 0123"},
    "payment": {"methods": ["debit card"]},
}
"""


@pytest.fixture(scope="module")
def quickstart_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made by sphinx-quickstart, then given the extension, as a new user would."""
    root = quickstart(tmp_path_factory.mktemp("quickstart"), "Bank help")
    conf = root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + QUICKSTART_CONFIG, encoding="utf-8")
    (root / "virtual.rst").write_text(
        "Virtual appointments\n====================\n\n.. va-toolkit::\n", encoding="utf-8"
    )
    index = root / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            ":caption: Contents:\n", ":caption: Contents:\n\n   virtual\n"
        ),
        encoding="utf-8",
    )
    return root


def assert_quickstart_page(html_dir: Path) -> None:
    page = (html_dir / "virtual.html").read_text(encoding="utf-8")
    assert "Quickstart Bank offers virtual appointments" in page
    assert "debit card" in page


@pytest.mark.parametrize("builder", BUILDERS)
def test_quickstart_project_builds_clean(
    quickstart_project: Path, tmp_path: Path, builder: str
) -> None:
    """As ``sphinx-build -W -n`` (the exit status itself: the test below)."""
    app = full_build(
        quickstart_project,
        builder,
        builddir=tmp_path,
        # the theme quickstart chose (sphinx.testing would swap alabaster for basic)
        confoverrides={"html_theme": "alabaster", "nitpicky": True},
        warningiserror=True,
    )
    assert app.statuscode == 0, warnings_of(app)
    assert_no_warnings(app)
    if builder == "html":
        assert_quickstart_page(Path(app.outdir))


def test_quickstart_project_builds_clean_from_the_command_line(
    quickstart_project: Path, tmp_path: Path
) -> None:
    """What a new user runs: exit status 0 under ``-W -n``, no traceback."""
    result = sphinx_build(
        "-W",
        "-n",
        "-b",
        "html",
        "-d",
        str(tmp_path / "doctrees"),
        str(quickstart_project),
        str(tmp_path / "html"),
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert_quickstart_page(tmp_path / "html")


@pytest.mark.sphinx("html", testroot="toolkit")
def test_editing_one_page_rereads_only_that_page(app, make_app) -> None:  # type: ignore[no-untyped-def]
    app.build(force_all=True)
    page = Path(app.srcdir) / "parts_rst.rst"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert pages_read_by_build(make_app("html", srcdir=app.srcdir)) == ["parts_rst"]


ORG_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Physical examinations and vaccinations need an in-person visit."
msgstr "Exames físicos e vacinas exigem atendimento presencial."
"""


@pytest.mark.sphinx(
    "html", testroot="toolkit", confoverrides={"language": "pt_BR", "locale_dirs": ["locale"]}
)
def test_editing_the_catalog_rereads_only_pages_with_organization_text(app, make_app) -> None:  # type: ignore[no-untyped-def]
    index = Path(app.srcdir) / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "\n   steps_only\n", encoding="utf-8")
    (Path(app.srcdir) / "steps_only.rst").write_text(
        "Steps\n=====\n\n.. va-infographic-steps::\n", encoding="utf-8"
    )
    app.build(force_all=True)
    po = Path(app.srcdir, "locale", "pt_BR", "LC_MESSAGES", "vatoolkit.po")
    po.parent.mkdir(parents=True)
    po.write_text(ORG_PO, encoding="utf-8")
    again = make_app(
        "html", srcdir=app.srcdir, confoverrides={"language": "pt_BR", "locale_dirs": ["locale"]}
    )
    read_again = pages_read_by_build(again)
    assert "client" in read_again and "guide" in read_again
    assert "steps_only" not in read_again and "plain" not in read_again


@pytest.fixture
def local_server() -> Any:
    """A web server on 127.0.0.1 that knows /book and /cancel and nothing else."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(200 if self.path in {"/book", "/cancel"} else 404)
            self.end_headers()

        do_GET = do_HEAD

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # shutdown() waits up to one poll interval (0.5 s by default)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_linkcheck_checks_the_generated_links(make_app, tmp_path: Path, local_server: str) -> None:  # type: ignore[no-untyped-def]
    import json

    src = copy_root("minimal", tmp_path / "src")
    (src / "index.rst").write_text(
        "Home\n====\n\n.. va-faq::\n   :groups: booking\n", encoding="utf-8"
    )
    config = {
        "platform": {"preset": "custom", "name": "Local Video"},
        "booking": {"url": f"{local_server}/book"},
        "cancellation": {"policy_url": f"{local_server}/gone"},
    }
    app = make_app("linkcheck", srcdir=src, confoverrides={"vatoolkit": config})
    app.build(force_all=True)
    results = {
        entry["uri"]: entry["status"]
        for entry in map(json.loads, (Path(app.outdir) / "output.json").read_text().splitlines())
    }
    assert results[f"{local_server}/book"] == "working"
    assert results[f"{local_server}/gone"] == "broken"
