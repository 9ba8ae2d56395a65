"""Maintain the package's own message catalog ``sphinx_vatoolkit``.

    python scripts/i18n.py update   # extract the .pot, merge it into every .po, compile .mo
    python scripts/i18n.py compile  # compile the .po files only
    python scripts/i18n.py check    # fail if a catalog is stale, fuzzy or incomplete

Built-in text is marked with ``_()`` from :mod:`sphinx_vatoolkit.i18n`.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from sphinx_vatoolkit.i18n import ARTICLE_CONTEXT

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sphinx_vatoolkit"
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinx_vatoolkit"
LANGUAGES = ("pt_BR", "es")
POT = LOCALE / f"{DOMAIN}.pot"


# Read by translators above every sentence written for a name with an article.
ARTICLE_NOTE = (
    "Translators: the organization's name has an article in this language "
    "(organization.article). Write the sentence with the form it needs: {the_org} "
    "(a Clínica / la Clínica), {The_org} at the start of a sentence, {of_org} "
    "(da Clínica / de la Clínica, del Banco), {in_org} (na Clínica / en la Clínica), "
    "{by_org} (pela Clínica / por la Clínica), {to_org} (à Clínica / a la Clínica, al "
    "Banco). {org} is the bare name."
)


def _extracted(keywords: dict[str, None]) -> list[tuple[str, int, str, list[str]]]:
    return [
        (filename, lineno, message, comments)
        for filename, lineno, message, comments, _context in extract_from_dir(
            str(PACKAGE),
            method_map=[("**.py", "python")],
            keywords=keywords,
            comment_tags=("Translators:",),
        )
    ]


def extract() -> Catalog:
    """Every ``_()`` message; every ``N_()`` sentence twice: as it is, and under
    ``ARTICLE_CONTEXT`` for organizations whose name takes an article."""
    catalog = Catalog(project="sphinx-vatoolkit", msgid_bugs_address="", fuzzy=False)
    for filename, lineno, message, comments in _extracted({"_": None, "N_": None}):
        catalog.add(
            message, None, [(f"sphinx_vatoolkit/{filename}", lineno)], auto_comments=comments
        )
    for filename, lineno, message, comments in _extracted({"N_": None}):
        catalog.add(
            message,
            None,
            [(f"sphinx_vatoolkit/{filename}", lineno)],
            auto_comments=[*comments, ARTICLE_NOTE],
            context=ARTICLE_CONTEXT,
        )
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _write_po(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=88, sort_output=False, omit_header=False, include_previous=True)
    path.write_bytes(buffer.getvalue())


def _read_po(path: Path, language: str) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=language, domain=DOMAIN)


def compile_catalogs() -> None:
    for language in LANGUAGES:
        catalog = _read_po(po_path(language), language)
        with po_path(language).with_suffix(".mo").open("wb") as stream:
            write_mo(stream, catalog, use_fuzzy=False)


def update() -> None:
    template = extract()
    _write_po(template, POT)
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            catalog = _read_po(path, language)
            catalog.update(template, no_fuzzy_matching=False)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="sphinx-vatoolkit")
            catalog.update(template)
        catalog.obsolete.clear()
        _write_po(catalog, path)
    compile_catalogs()


def problems() -> list[str]:
    """Why the shipped catalogs cannot be trusted, or nothing."""
    found: list[str] = []
    wanted = {(message.id, message.context) for message in extract() if message.id}
    for language in LANGUAGES:
        path = po_path(language)
        if not path.exists():
            found.append(f"{path.relative_to(ROOT)} is missing")
            continue
        catalog = _read_po(path, language)
        ids = {(message.id, message.context) for message in catalog if message.id}
        for missing in sorted(wanted - ids):
            found.append(f"{language}: not in the catalog (run update): {missing!r}")
        for message in catalog:
            if not message.id:
                continue
            if message.fuzzy:
                found.append(f"{language}: fuzzy: {message.id!r}")
            elif not message.string:
                found.append(f"{language}: untranslated: {message.id!r}")
        mo = path.with_suffix(".mo")
        if not mo.exists():
            found.append(f"{mo.relative_to(ROOT)} is missing (run compile)")
            continue
        with mo.open("rb") as stream:
            compiled = read_mo(stream)
        expected = {
            (m.id, m.context): m.string for m in catalog if m.id and not m.fuzzy and m.string
        }
        actual = {(m.id, m.context): m.string for m in compiled if m.id}
        if expected != actual:
            found.append(f"{mo.relative_to(ROOT)} is stale (run compile)")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_catalogs()
    elif command == "check":
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
