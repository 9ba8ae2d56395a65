"""Maintain the package's own message catalog ``sphinx_vatoolkit``.

    python scripts/i18n.py update   # extract the .pot, merge it into every .po, compile .mo
    python scripts/i18n.py compile  # compile the .po files only
    python scripts/i18n.py check    # fail if a catalog is stale, fuzzy or incomplete

Built-in text is marked with ``_()`` from :mod:`sphinx_vatoolkit.i18n`.
"""

from __future__ import annotations

import io
import re
import struct
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po, write_po

from sphinx_vatoolkit.i18n import ARTICLE_CONTEXT

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sphinx_vatoolkit"
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinx_vatoolkit"
SPHINX_DOMAIN = "sphinx"
LANGUAGES = ("pt_BR", "es")
# Regional catalogs hold only the messages that differ from their fallback language,
# which gettext reads for the rest (Sphinx asks for es_419, then es).
REGIONAL = {"es_419": "es"}
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


def _extracted(
    keywords: dict[str, tuple[int, ...] | None],
) -> list[tuple[str, int, str | tuple[str, ...], list[str]]]:
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
    """Every ``_()`` message; every ``ngettext()`` sentence with its plural; every
    ``N_()`` sentence twice: as it is, and under ``ARTICLE_CONTEXT`` for organizations
    whose name takes an article."""
    catalog = Catalog(project="sphinx-vatoolkit", msgid_bugs_address="", fuzzy=False)
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    for filename, lineno, message, comments in _extracted(keywords):
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
    write_po(buffer, catalog, width=88, sort_output=False, omit_header=False)
    path.write_bytes(buffer.getvalue())


def _read_po(path: Path, language: str) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=language, domain=DOMAIN)


def sphinx_supplements() -> list[tuple[str, Path]]:
    """``(language, path)`` of the translations Sphinx's own catalog lacks (domain
    ``sphinx``, written by hand: nothing to extract)."""
    return [
        (path.parent.parent.name, path)
        for path in sorted(LOCALE.glob(f"*/LC_MESSAGES/{SPHINX_DOMAIN}.po"))
    ]


def mo_bytes(catalog: Catalog) -> bytes:
    """The catalog as a GNU .mo file, entries sorted by their full key (context included)
    as msgfmt sorts them; fuzzy and untranslated entries are left out."""
    entries: dict[bytes, bytes] = {}
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and (message.fuzzy or not all(strings)):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        key = "\x00".join(ids)
        if message.context:
            key = f"{message.context}\x04{key}"
        entries[key.encode("utf-8")] = "\x00".join(strings).encode("utf-8")
    keys = sorted(entries)
    header_size = 7 * 4
    originals_table = header_size
    translations_table = originals_table + 8 * len(keys)
    data_start = translations_table + 8 * len(keys)
    originals = b"\x00".join(keys) + b"\x00"
    offsets: list[int] = []
    position = data_start
    for key in keys:
        offsets += [len(key), position]
        position += len(key) + 1
    for key in keys:
        offsets += [len(entries[key]), position]
        position += len(entries[key]) + 1
    translations = b"\x00".join(entries[key] for key in keys) + b"\x00"
    header = struct.pack(
        "<7I", 0x950412DE, 0, len(keys), originals_table, translations_table, 0, data_start
    )
    return header + struct.pack(f"<{len(offsets)}I", *offsets) + originals + translations


def compile_catalogs() -> None:
    paths = [(language, po_path(language)) for language in [*LANGUAGES, *REGIONAL]]
    paths = [(language, path) for language, path in paths if path.exists()]
    for language, path in [*paths, *sphinx_supplements()]:
        catalog = _read_po(path, language)
        with path.with_suffix(".mo").open("wb") as stream:
            stream.write(mo_bytes(catalog))


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
    for language in REGIONAL:
        path = po_path(language)
        if not path.exists():
            continue
        catalog = _read_po(path, language)
        catalog.update(template, no_fuzzy_matching=True)
        for message in list(catalog):
            if message.id and not any(_forms(message)):  # the fallback's reads the same
                catalog.delete(message.id, context=message.context)
        catalog.obsolete.clear()
        _write_po(catalog, path)
    compile_catalogs()


def _forms(message: Message) -> tuple[str, ...]:
    """A message's translation: one string, or one per plural form."""
    string = message.string
    return tuple(string) if isinstance(string, list | tuple) else (string,)


def _key(message: Message) -> tuple[str | tuple[str, ...], str | None]:
    """A message's id and context as a .po file gives them (Babel reads a .mo file's
    plural id as a list and its context as bytes)."""
    ids = message.id
    context: str | bytes | None = message.context
    if isinstance(context, bytes):
        context = context.decode("utf-8")
    return (tuple(ids) if isinstance(ids, list | tuple) else ids), context


PLACEHOLDER = re.compile(r"\{[A-Za-z_]+\}")


def _plural_problems(where: Path, catalog: Catalog, message: Message) -> list[str]:
    """A plural entry needs every form of the language, each with the plural's placeholders."""
    forms = _forms(message)
    if len(forms) != catalog.num_plurals:
        return [
            f"{where}: {len(forms)} plural forms instead of {catalog.num_plurals}: {message.id!r}"
        ]
    expected = sorted(PLACEHOLDER.findall(message.id[1]))
    return [
        f"{where}: plural form {index} changes the placeholders: {message.id!r}"
        for index, form in enumerate(forms)
        if sorted(PLACEHOLDER.findall(form)) != expected
    ]


def _catalog_problems(language: str, path: Path) -> list[str]:
    """Fuzzy or untranslated entries, a missing or stale .mo."""
    if not path.exists():
        return [f"{path.relative_to(ROOT)} is missing"]
    found = []
    catalog = _read_po(path, language)
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            found.append(f"{path.relative_to(ROOT)}: fuzzy: {message.id!r}")
        elif not all(_forms(message)):
            found.append(f"{path.relative_to(ROOT)}: untranslated: {message.id!r}")
        elif message.pluralizable:
            found.extend(_plural_problems(path.relative_to(ROOT), catalog, message))
    mo = path.with_suffix(".mo")
    if not mo.exists():
        return [*found, f"{mo.relative_to(ROOT)} is missing (run compile)"]
    with mo.open("rb") as stream:
        compiled = read_mo(stream)
    expected = {_key(m): _forms(m) for m in catalog if m.id and not m.fuzzy and m.string}
    actual = {_key(m): _forms(m) for m in compiled if m.id}
    if expected != actual:
        found.append(f"{mo.relative_to(ROOT)} is stale (run compile)")
    return found


def problems() -> list[str]:
    """Why the shipped catalogs cannot be trusted, or nothing."""
    found: list[str] = []
    wanted = {(message.id, message.context) for message in extract() if message.id}
    for language in [*LANGUAGES, *REGIONAL]:
        path = po_path(language)
        found.extend(_catalog_problems(language, path))
        if not path.exists():
            continue
        ids = {(m.id, m.context) for m in _read_po(path, language) if m.id}
        if language in REGIONAL:  # only the messages that differ from its fallback
            for stale in sorted(ids - wanted, key=repr):
                found.append(f"{language}: no longer in the source (run update): {stale!r}")
        else:
            for missing in sorted(wanted - ids, key=repr):
                found.append(f"{language}: not in the catalog (run update): {missing!r}")
    for language, path in sphinx_supplements():
        found.extend(_catalog_problems(language, path))
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
