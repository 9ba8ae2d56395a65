"""The organization's message catalogs (``locale/<lang>/LC_MESSAGES/vatoolkit.po``/``.mo``):
read only inside the project, compiled in memory within bounds, plural expressions tried
before they are trusted, never handed to Sphinx's unbounded compiler, never written by
``check``. A refused catalog is named, its translations are not used, the build goes on."""

from __future__ import annotations

import datetime
import gettext
import io
import json
import os
import struct
import subprocess
import sys
import time
import types
from pathlib import Path

import babel.messages.catalog
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from helpers import full_build, read, sphinx_build, warnings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.config import Config
from test_hardening import header_lines, project, write_po

from sphinx_vatoolkit import i18n
from sphinx_vatoolkit.cli import add_application_values, main
from sphinx_vatoolkit.i18n import (
    MAX_CATALOG_BYTES,
    MAX_CATALOG_MESSAGES,
    MAX_ENTRY_CHARACTERS,
    MAX_PLURAL_FORMS,
    CatalogRefused,
    OrganizationTranslator,
    compile_po,
    load_organization_translator,
)

CONFIG = {"organization": {"name": "Clinic"}, "prepare": {"checklist": ["ID card"]}}
LOCALE = 'locale_dirs = ["locale"]\n'
PLURAL_MESSAGE = 'msgid "one visit"\nmsgid_plural "%(n)s visits"\nmsgstr[0] "uma visita"\n\n'


def clinic(tmp_path: Path) -> Path:
    return project(tmp_path, CONFIG, conf=LOCALE)


def lc_messages(src: Path, language: str = "pt_BR") -> Path:
    directory = src / "locale" / language / "LC_MESSAGES"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def po_with(plural_forms: str, body: str = PLURAL_MESSAGE) -> str:
    return f'msgid ""\nmsgstr ""\n{header_lines("UTF-8", plural_forms)}\n{body}'


def mo_of(po_text: str) -> bytes:
    compiled = io.BytesIO()
    write_mo(compiled, read_po(io.StringIO(po_text)))
    return compiled.getvalue()


def newer(path: Path) -> None:
    later = time.time() + 3600
    os.utime(path, (later, later), follow_symlinks=False)


def build_in_pt_br(
    src: Path, *options: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -a -D language=pt_BR`` in a process of its own; the timeout only
    keeps a regression (a FIFO opened) from hanging the suite."""
    command = [sys.executable, "-m", "sphinx", "-a", *options, "-D", "language=pt_BR"]
    return subprocess.run(
        [*command, str(src), str(src.parent / "out")],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_refused(result: subprocess.CompletedProcess[str], name: str, reason: str) -> None:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{name}: cannot be read as a message catalog ({reason}" in result.stderr
    assert "its translations are not used [vatoolkit.translation]" in result.stderr


def config_for(language: str = "pt_BR", locale_dirs: tuple[str, ...] = ("locale",)) -> Config:
    """The config an application would have, without one (as ``check`` reads it)."""
    config = Config({"language": language, "locale_dirs": list(locale_dirs)})
    add_application_values(config)
    config.init_values()
    return config


# -- plural expressions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("plural_forms", "reason"),
    [
        ("nplurals=2; plural=n/0;", "its Plural-Forms expression 'n/0' fails for n = 0"),
        ("nplurals=2; plural=n%0;", "its Plural-Forms expression 'n%0' fails for n = 0"),
        ("nplurals=2; plural=(n > 5 ? n/(n-6) : 0);", "fails for n = 6 (ZeroDivisionError)"),
        ("nplurals=2; plural=n;", "gives form 2 for n = 2, outside 0 to 1 (nplurals=2)"),
        ("nplurals=3; plural=n-1;", "gives form -1 for n = 0, outside 0 to 2"),
    ],
    ids=["divides-by-zero", "modulo-zero", "zero-past-five", "form-past-nplurals", "negative"],
)
def test_a_plural_expression_that_fails_is_refused_and_the_build_goes_on(
    tmp_path: Path, plural_forms: str, reason: str
) -> None:
    src = clinic(tmp_path)
    (lc_messages(src) / "vatoolkit.po").write_text(
        po_with(plural_forms, 'msgid "Clinic"\nmsgstr "Clínica"\n'), encoding="utf-8"
    )
    result = build_in_pt_br(src)
    assert_refused(result, "vatoolkit.po", "")
    assert reason in result.stderr
    assert "ID card" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_a_compiled_catalog_whose_plural_expression_fails_is_refused(tmp_path: Path) -> None:
    src = clinic(tmp_path)
    mo = lc_messages(src) / "vatoolkit.mo"
    mo.write_bytes(mo_of(po_with("nplurals=2; plural=(n > 1);", 'msgid "Clinic"\nmsgstr "C"\n')))
    data = mo.read_bytes().replace(b"plural=(n > 1);", b"plural=(n /  0);")
    mo.write_bytes(data)
    assert_refused(build_in_pt_br(src), "vatoolkit.mo", "its Plural-Forms expression")


def test_a_plural_lookup_never_raises() -> None:
    class FailingPlural(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            raise ZeroDivisionError

        def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
            raise ZeroDivisionError

    translator = OrganizationTranslator(FailingPlural(), "digest")
    assert translator.gettext("Clinic") == "Clinic"
    assert translator.ngettext("one visit", "visits", 1) == "one visit"
    assert translator.ngettext("one visit", "visits", 3) == "visits"


def test_the_package_plural_sentences_never_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    class FailingPlural(gettext.NullTranslations):
        def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
            raise IndexError

    monkeypatch.setattr(i18n.locale, "get_translator", lambda *_args: FailingPlural())
    assert i18n.ngettext("%(n)s day", "%(n)s days", 1) == "%(n)s day"
    assert i18n.ngettext("%(n)s day", "%(n)s days", 2) == "%(n)s days"


def test_a_valid_plural_catalog_is_used(tmp_path: Path) -> None:
    src = clinic(tmp_path)
    body = 'msgid "ID card"\nmsgstr "RG"\n\n' + PLURAL_MESSAGE
    (lc_messages(src) / "vatoolkit.po").write_text(
        po_with("nplurals=2; plural=(n > 1);", body), encoding="utf-8"
    )
    translator = load_organization_translator(config_for(), src)
    assert translator.gettext("ID card") == "RG"
    assert translator.ngettext("one visit", "%(n)s visits", 1) == "uma visita"
    assert translator.ngettext("one visit", "%(n)s visits", 5) == "%(n)s visits"


def test_the_same_catalog_compiled_later_asks_no_page_to_be_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A .po whose .mo cannot be kept (read-only tree, a date in the future) is compiled
    # by every build: its digest, which decides what pages are read again, must not
    # carry the time of compilation (Babel's default creation date).
    po = write_po(tmp_path, "pt_BR", {"ID card": "RG"}, header_lines("UTF-8"))
    first = load_organization_translator(config_for(), tmp_path).digest

    class Later(datetime.datetime):
        @classmethod
        def now(cls, tz: datetime.tzinfo | None = None) -> Later:
            return cls(2031, 5, 5, tzinfo=tz)

    later = types.SimpleNamespace(**vars(datetime))
    later.datetime = Later
    monkeypatch.setattr(babel.messages.catalog, "datetime", later)
    assert load_organization_translator(config_for(), tmp_path).digest == first
    assert not po.with_suffix(".mo").exists()


# -- bounds: plural forms, size, messages, entries ------------------------------------


@pytest.mark.parametrize("count", [40_000_000, MAX_PLURAL_FORMS + 1, 0, -3])
def test_a_catalog_declaring_too_many_plural_forms_is_refused_before_it_is_parsed(
    tmp_path: Path, count: int
) -> None:
    po = lc_messages(tmp_path) / "vatoolkit.po"
    po.write_text(po_with(f"nplurals={count}; plural=0;"), encoding="utf-8")
    with pytest.raises(CatalogRefused, match=f"declares {count} plural forms"):
        compile_po(po, "pt_BR", config_for(), [tmp_path])


def test_a_catalog_with_too_many_plural_forms_is_named_in_the_build(tmp_path: Path) -> None:
    src = clinic(tmp_path)
    po = lc_messages(src) / "vatoolkit.po"
    po.write_text(po_with(f"nplurals={MAX_PLURAL_FORMS + 1}; plural=0;"), encoding="utf-8")
    assert_refused(build_in_pt_br(src), "vatoolkit.po", f"declares {MAX_PLURAL_FORMS + 1}")


def test_an_oversized_catalog_is_refused_unread(tmp_path: Path) -> None:
    src = clinic(tmp_path)
    directory = lc_messages(src)
    filler = "#" + "x" * 98 + "\n"
    (directory / "vatoolkit.po").write_text(
        po_with("nplurals=2; plural=(n > 1);") + filler * (MAX_CATALOG_BYTES // 100 + 1),
        encoding="utf-8",
    )
    assert_refused(build_in_pt_br(src), "vatoolkit.po", "is larger than 4 MB")
    (directory / "vatoolkit.po").unlink()
    (directory / "vatoolkit.mo").write_bytes(b"\xde\x12\x04\x95" + b"\0" * MAX_CATALOG_BYTES)
    assert_refused(build_in_pt_br(src), "vatoolkit.mo", "is larger than 4 MB")


def test_a_catalog_with_too_many_messages_is_refused(tmp_path: Path) -> None:
    po = lc_messages(tmp_path) / "vatoolkit.po"
    many = "".join(f'msgid "m{n}"\nmsgstr "t{n}"\n\n' for n in range(MAX_CATALOG_MESSAGES + 1))
    po.write_text(po_with("nplurals=2; plural=(n > 1);", many), encoding="utf-8")
    with pytest.raises(CatalogRefused, match=f"holds more than {MAX_CATALOG_MESSAGES} messages"):
        compile_po(po, "pt_BR", config_for(), [tmp_path])
    pairs = [(f"m{n}".encode(), b"t") for n in range(MAX_CATALOG_MESSAGES + 1)]
    with pytest.raises(CatalogRefused, match="holds more than"):
        i18n._read_catalog(mo_file([(b"", b"Content-Type: text/plain; charset=UTF-8\n"), *pairs]))


def test_a_compiled_entry_with_more_plural_forms_than_allowed_is_refused() -> None:
    forms = b"\0".join([b"f"] * (MAX_PLURAL_FORMS + 1))
    with pytest.raises(CatalogRefused, match=f"more than {MAX_PLURAL_FORMS} plural forms"):
        i18n._read_catalog(mo_file([(b"", b"Content-Type: text/plain\n"), (b"a\0b", forms)]))


def test_an_overlong_entry_is_left_out_and_the_others_kept(tmp_path: Path) -> None:
    src = clinic(tmp_path)
    write_po(src, "pt_BR", {"ID card": "RG", "Clinic": "C" * (MAX_ENTRY_CHARACTERS + 1)})
    app = full_build(src, confoverrides={"language": "pt_BR"})
    warnings = warnings_of(app)
    assert f"the message 'Clinic' is {MAX_ENTRY_CHARACTERS + 1} characters long" in warnings
    assert "[vatoolkit.translation]" in warnings
    page = read(app, "index.html")
    assert "RG" in page and "C" * 100 not in page


def test_lines_a_catalog_cannot_read_are_counted_in_one_warning_not_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = clinic(tmp_path)
    forms = "".join(f'msgstr[{index}] "forma {index}"\n' for index in range(40))
    body = 'msgid "ID card"\nmsgstr "RG"\n\nmsgid "one visit"\nmsgid_plural "visits"\n' + forms
    (lc_messages(src) / "vatoolkit.po").write_text(
        po_with("nplurals=2; plural=(n > 1);", body), encoding="utf-8"
    )
    app = full_build(src, confoverrides={"language": "pt_BR"})
    assert "vatoolkit.po: 38 line(s) cannot be read (line " in warnings_of(app)
    assert "the rest of the catalog is used" in warnings_of(app)
    assert "Problem on line" not in capsys.readouterr().out
    assert "RG" in read(app, "index.html")


# -- read only inside the project -----------------------------------------------------


def test_a_catalog_linked_from_outside_the_project_is_not_read(tmp_path: Path) -> None:
    src = clinic(tmp_path)
    outside = tmp_path / "outside.po"
    outside.write_text(po_with("nplurals=2; plural=(n > 1);"), encoding="utf-8")
    (lc_messages(src) / "vatoolkit.po").symlink_to(outside)
    assert_refused(build_in_pt_br(src), "vatoolkit.po", "leads outside the project")
    (lc_messages(src) / "vatoolkit.po").unlink()
    (tmp_path / "outside.mo").write_bytes(mo_of(outside.read_text(encoding="utf-8")))
    (lc_messages(src) / "vatoolkit.mo").symlink_to(tmp_path / "outside.mo")
    assert_refused(build_in_pt_br(src), "vatoolkit.mo", "leads outside the project")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "directory"])
def test_a_catalog_that_is_not_a_regular_file_is_never_opened(tmp_path: Path, kind: str) -> None:
    src = clinic(tmp_path)
    po = lc_messages(src) / "vatoolkit.po"
    if kind == "fifo":
        os.mkfifo(po)
    elif kind == "dev-zero":
        po.symlink_to("/dev/zero")
    else:
        po.mkdir()
    reason = "leads outside the project" if kind == "dev-zero" else "is not a regular file"
    assert_refused(build_in_pt_br(src, timeout=120), "vatoolkit.po", reason)


def test_a_locale_dir_that_conf_py_names_outside_the_source_is_read(tmp_path: Path) -> None:
    src = project(tmp_path, CONFIG, conf='locale_dirs = ["../shared-locale"]\n')
    directory = tmp_path / "shared-locale" / "pt_BR" / "LC_MESSAGES"
    directory.mkdir(parents=True)
    (directory / "vatoolkit.po").write_text(
        po_with("nplurals=2; plural=(n > 1);", 'msgid "ID card"\nmsgstr "RG"\n'), encoding="utf-8"
    )
    config = config_for(locale_dirs=("../shared-locale",))
    assert load_organization_translator(config, src).gettext("ID card") == "RG"


# -- Sphinx's own compiler, and check --------------------------------------------------


def test_sphinx_never_compiles_the_organization_catalog_itself(tmp_path: Path) -> None:
    src = clinic(tmp_path)
    po = lc_messages(src) / "vatoolkit.po"
    po.write_text(po_with(f"nplurals={MAX_PLURAL_FORMS + 1}; plural=0;"), encoding="utf-8")
    result = build_in_pt_br(src)  # -a: Sphinx compiles every catalog, up to date or not
    assert_refused(result, "vatoolkit.po", "declares")
    assert not (po.parent / "vatoolkit.mo").exists()
    assert "reading error" not in result.stderr and "writing error" not in result.stderr
    po.write_text(
        po_with("nplurals=2; plural=(n > 1);", 'msgid "ID card"\nmsgstr "RG"\n'), encoding="utf-8"
    )
    result = build_in_pt_br(src)
    assert "vatoolkit.mo" not in result.stdout  # not in Sphinx's "writing output" of [mo]
    assert i18n._read_catalog((po.parent / "vatoolkit.mo").read_bytes())[1] == ["ID card"]


def test_a_compiled_catalog_is_never_written_through_a_link(tmp_path: Path) -> None:
    src = clinic(tmp_path)
    outside = tmp_path / "someone-elses.mo"
    outside.write_bytes(b"not ours")
    mo = lc_messages(src) / "vatoolkit.mo"
    mo.symlink_to(outside)
    po = write_po(src, "pt_BR", {"ID card": "RG"})
    newer(po)
    full_build(src, confoverrides={"language": "pt_BR"})
    assert outside.read_bytes() == b"not ours"
    assert not mo.is_symlink() and i18n._read_catalog(mo.read_bytes())[1] == ["ID card"]


def test_check_reads_the_catalogs_without_writing_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = dict(CONFIG, languages={"en": "https://e.org/en/", "pt_BR": "https://e.org/pt/"})
    src = project(tmp_path, config, conf=LOCALE)
    write_po(src, "pt_BR", {"ID card": "RG"})
    before = sorted(path.relative_to(src) for path in src.rglob("*"))
    main(["check", "--json", str(src)])
    report = json.loads(capsys.readouterr().out)
    untranslated = {item["text"] for item in report["languages"]["pt_BR"]["untranslated"]}
    assert "ID card" not in untranslated
    assert sorted(path.relative_to(src) for path in src.rglob("*")) == before


# -- catalogs that cannot be read (moved from test_hardening.py, row 3) ---------------


@pytest.mark.parametrize(
    ("header", "mo", "named"),
    [
        (header_lines("UTF-8", "nplurals=2; plural=(n > ;"), None, "vatoolkit.po"),
        (header_lines("no-such-charset"), None, "vatoolkit.po"),
        (None, b"\xde\x12\x04\x95 this is not a catalog", "vatoolkit.mo"),
        (None, b"", "vatoolkit.mo"),
    ],
    ids=["broken-plural-forms", "unknown-charset", "corrupt-mo", "empty-mo"],
)
def test_a_catalog_that_cannot_be_read_is_named_and_skipped(
    tmp_path: Path, header: str | None, mo: bytes | None, named: str
) -> None:
    # A .po is compiled in memory now, so a broken one is named itself, not the .mo
    # Sphinx used to write from it.
    src = project(tmp_path, {"organization": {"name": "Clinic"}}, conf=LOCALE)
    po = write_po(src, "pt_BR", {"Clinic": "Clínica"}, header or "")
    if mo is not None:
        po.with_suffix(".mo").write_bytes(mo)
        newer(po.with_suffix(".mo"))
    result = sphinx_build("-q", "-D", "language=pt_BR", str(src), str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{named}: cannot be read as a message catalog" in result.stderr
    assert "[vatoolkit.translation]" in result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


# -- the property corpus --------------------------------------------------------------


def mo_file(pairs: list[tuple[bytes, bytes]]) -> bytes:
    """A GNU ``.mo`` holding ``pairs``, written by hand (counts past Babel's checks)."""
    pairs = sorted(pairs)
    ids = b"".join(key + b"\0" for key, _value in pairs)
    offset, id_table, str_table = 28 + 16 * len(pairs), b"", b""
    for key, _value in pairs:
        id_table += struct.pack("<II", len(key), offset)
        offset += len(key) + 1
    for _key, value in pairs:
        str_table += struct.pack("<II", len(value), offset)
        offset += len(value) + 1
    head = struct.pack("<7I", 0x950412DE, 0, len(pairs), 28, 28 + 8 * len(pairs), 0, 0)
    strs = b"".join(value + b"\0" for _key, value in pairs)
    return head + id_table + str_table + ids + strs


def escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


ATOMS = st.sampled_from(["n", "0", "1", "2", "7", "100", "1000000", "99999999999999999999"])
OPERATORS = st.sampled_from(["/", "%", "*", "+", "-", "==", "!=", ">", "<=", "&&", "||"])
EXPRESSIONS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.builds(lambda a, o, b: f"({a} {o} {b})", inner, OPERATORS, inner),
        st.builds(lambda a, b, c: f"({a} ? {b} : {c})", inner, inner, inner),
        st.builds(lambda a: f"!{a}", inner),
    ),
    max_leaves=12,
)
HEADERS = st.one_of(
    st.builds(
        lambda n, expression: header_lines("UTF-8", f"nplurals={n}; plural={expression};"),
        st.one_of(st.integers(-2, 9), st.sampled_from([40_000_000, 10**30])),
        EXPRESSIONS,
    ),
    st.builds(
        header_lines,
        st.sampled_from(["UTF-8", "utf-16", "latin-1", "zlib_codec", "rot13", "idna", "x"]),
    ),
    st.text(max_size=80).map(lambda text: f'"{escaped(text)}\\n"\n'),
)
TRANSLATIONS = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300
) | st.sampled_from(["\u202e", "\x00", "%s%(n)s{0}", "<script>", "\ufeff", "\\"])


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    header=HEADERS,
    translations=st.lists(TRANSLATIONS, max_size=12),
    plural=st.booleans(),
    extra_messages=st.sampled_from([0, 1, MAX_CATALOG_MESSAGES - 20, MAX_CATALOG_MESSAGES + 5]),
)
def test_any_catalog_loads_or_is_refused_and_lookups_never_raise(
    tmp_path_factory: pytest.TempPathFactory,
    header: str,
    translations: list[str],
    plural: bool,
    extra_messages: int,
) -> None:
    src = tmp_path_factory.mktemp("corpus")
    body = "".join(
        f'msgid "text {index}"\nmsgstr "{escaped(text)}"\n\n'
        for index, text in enumerate(translations)
    )
    body += PLURAL_MESSAGE if plural else ""
    body += "".join(f'msgid "m{n}"\nmsgstr "t"\n\n' for n in range(extra_messages))
    po = lc_messages(src) / "vatoolkit.po"
    po.write_text(f'msgid ""\nmsgstr ""\n{header}\n{body}', encoding="utf-8")
    translator = load_organization_translator(config_for(), src)
    for index in range(len(translations)):
        assert isinstance(translator.gettext(f"text {index}"), str)
    for n in (0, 1, 2, 5, 11, 10**6, 10**18):
        assert isinstance(translator.ngettext("one visit", "%(n)s visits", n), str)
    plural_function = getattr(translator.translations, "plural", None)
    if plural_function is not None and translator.translated:
        forms = MAX_PLURAL_FORMS
        assert all(0 <= plural_function(n) < forms for n in (0, 1, 2, 3, 11, 101, 10**9))
    assert not (po.parent / "vatoolkit.mo").exists()  # check-style load: nothing written
