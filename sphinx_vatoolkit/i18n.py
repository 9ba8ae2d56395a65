"""Two kinds of text, two catalogs.

* Built-in text (headings, questions, generated answers) comes from the package's
  own catalog ``sphinx_vatoolkit``, shipped compiled inside the package. It never
  reaches the user's ``.pot`` files: generated nodes are marked untranslatable.
* The organization's own text (from the config) is either given per language in the
  config or translated from the project's ``locale_dirs``, domain ``vatoolkit``; the
  gettext builder extracts it into ``vatoolkit.pot``.
"""

from __future__ import annotations

import datetime
import gettext
import hashlib
import io
import os
import re
import struct
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileParser
from docutils import nodes
from sphinx import locale
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from sphinx_vatoolkit.config import MAX_LONG_TEXT, cut_text, refused_character
from sphinx_vatoolkit.project_files import ProjectFileError, read_project_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.i18n import CatalogInfo

logger = logging.getLogger(__name__)

PACKAGE_CATALOG = "sphinx_vatoolkit"
SPHINX_CATALOG = "sphinx"
ORGANIZATION_CATALOG = "vatoolkit"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(PACKAGE_CATALOG)

# Sentences that name the organization have a second translation, under this context,
# written for a name with an article ("a Clínica", "da Clínica", "la Clínica").
ARTICLE_CONTEXT = "organization with an article"


def N_(message: str) -> str:
    """Mark a sentence naming the organization for extraction, plain and with
    :data:`ARTICLE_CONTEXT`; translate it with :func:`organization_sentence`."""
    return message


def organization_sentence(message: str, with_article: bool) -> str:
    """A sentence marked with :func:`N_`, in the build language: the wording for a
    name with an article when the organization has one and the catalog has it."""
    translator = locale.get_translator(PACKAGE_CATALOG)
    if with_article:
        translated = translator.pgettext(ARTICLE_CONTEXT, message)
        if translated != message:
            return translated
    return translator.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """A sentence with a count, in the build language's plural form for ``n``."""
    # Sphinx's get_translation() takes no plural in Sphinx 9: ask the catalog directly.
    try:
        return locale.get_translator(PACKAGE_CATALOG).ngettext(singular, plural, n)
    except Exception:  # a Plural-Forms expression that fails: English, not a traceback
        return singular if n == 1 else plural


# Spanish as written in these countries is Latin American Spanish (es_419): a build in
# es_MX reads es_419 before es. Read the Docs, for one, offers es_MX but not es_419.
LATIN_AMERICA = frozenset(  # ISO 3166 codes of the countries whose Spanish is es_419
    {"AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "GT", "HN"}
    | {"MX", "NI", "PA", "PE", "PR", "PY", "SV", "US", "UY", "VE"}
)


def regional_language(code: str) -> str | None:
    """The regional catalog a country's language reads: ``es_MX`` -> ``es_419``."""
    base, _sep, region = code.replace("-", "_").partition("_")
    return "es_419" if base == "es" and region.upper() in LATIN_AMERICA else None


def language_candidates(language: str) -> list[str]:
    """``pt_BR`` -> ``['pt_BR', 'pt', 'en']``, ``es_MX`` -> ``['es_MX', 'es_419', 'es',
    'en']``: the order a per-language mapping and the catalogs are read."""
    code = (language or "en").replace("-", "_")
    candidates = [code]
    regional = regional_language(code)
    if regional is not None:
        candidates.append(regional)
    base = code.split("_")[0]
    if base != code:
        candidates.append(base)
    if "en" not in candidates:
        candidates.append("en")
    return candidates


def pick_language(values: dict[str, Any], language: str) -> Any:
    """The value for a language from a per-language mapping, with fallbacks."""
    for code in language_candidates(language):
        if code in values:
            return values[code]
        for key, text in values.items():  # 'pt' matches a mapping that only has 'pt_BR'
            if key.split("_")[0] == code:
                return text
    return next(iter(values.values()))


class OrganizationTranslator:
    """The project's ``vatoolkit`` catalogs for the build language.

    A translation passes the same gate as the config's text: one holding a control,
    format (bidi), surrogate or unassigned character is not used (the text is shown as
    written) and one over the longest text limit is cut, each with a warning naming the
    catalog and the message.
    """

    def __init__(
        self,
        translations: gettext.NullTranslations,
        digest: str,
        translated: frozenset[str] = frozenset(),
        origins: dict[str, Path] | None = None,
    ) -> None:
        self.translations = translations
        self.digest = digest
        self.translated = translated  # the texts the catalogs have a translation for
        self.origins = origins or {}  # the catalog each translated text comes from
        self._checked: dict[str, str] = {}

    def gettext(self, text: str) -> str:
        try:  # gettext evaluates the Plural-Forms expression on every lookup it misses
            translation = self.translations.gettext(text)
        except Exception:  # checked when loaded; a failing one shows the text as written
            return text
        if translation == text:
            return translation
        checked = self._checked.get(text)
        if checked is None:
            checked = self._checked[text] = self._check(text, translation)
        return checked

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        try:
            translation = self.translations.ngettext(singular, plural, n)
        except Exception:  # a plural form index that fails or is out of range
            return singular if n == 1 else plural
        if translation in (singular, plural):
            return translation
        return self._check(singular, translation)

    def _check(self, text: str, translation: str) -> str:
        origin = self.origins.get(text)
        catalog = str(origin.with_suffix(".po") if origin else ORGANIZATION_CATALOG + ".po")
        problem = refused_character(translation)
        if problem is not None:
            logger.warning(
                "%s: the translation of %s %s; the text is shown untranslated",
                catalog,
                short_text(text),
                problem,
                type="vatoolkit",
                subtype="translation",
            )
            return text
        if len(translation) > MAX_LONG_TEXT:
            logger.warning(
                "%s: the translation of %s is %d characters long; only the first %d are used",
                catalog,
                short_text(text),
                len(translation),
                MAX_LONG_TEXT,
                type="vatoolkit",
                subtype="translation",
            )
            return cut_text(translation, MAX_LONG_TEXT)
        return translation


def short_text(text: str) -> str:
    """A message id as a warning shows it: quoted, escaped, at most 60 characters."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _unreadable(path: Path, exc: BaseException) -> None:
    logger.error(
        "%s: cannot be read as a message catalog (%s); its translations are not used",
        path,
        str(exc)[:200] or type(exc).__name__,
        type="vatoolkit",
        subtype="translation",
    )


# Bounds of an organization catalog. Its texts are the config's (some KB); these leave
# room for any real one, and keep a hostile one from costing more than some MB.
MAX_CATALOG_BYTES = 4 * 1024 * 1024  # a .po or a .mo
MAX_CATALOG_MESSAGES = 10_000
MAX_PLURAL_FORMS = 6  # no language has more (Arabic has six)
MAX_ENTRY_CHARACTERS = 64 * 1024  # a message id or translation; pages cut them further
# The counts a plural expression is tried on before it is trusted: every small count,
# then the largest a page could show and past them.
PLURAL_PROBES = (*range(1001), 10**6, 10**9, 2**31 - 1, 2**32, 2**63 - 1, 10**18)
# Where Babel's parser starts a message (``msgid``, not ``msgid_plural``), obsolete ones too.
_MESSAGE_START = re.compile(r"^[^\S\n]*(?:#~[^\S\n]*)?msgid(?!_plural)", re.MULTILINE)
_NPLURALS = re.compile(r"nplurals\s*=\s*([^;\s]*)")


UNDATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


class CatalogRefused(Exception):
    """The catalog is not used; the message says why, in words that follow its name."""


class _BoundedCatalog(Catalog):
    """Babel's catalog, refusing a ``Plural-Forms`` header with too many forms before
    the parser makes a list that long for each plural message."""

    @property
    def num_plurals(self) -> int:
        count = super().num_plurals
        if not 1 <= count <= MAX_PLURAL_FORMS:
            raise CatalogRefused(
                f"declares {count} plural forms (nplurals); "
                f"from 1 to {MAX_PLURAL_FORMS} are allowed"
            )
        return count


class _ReportingParser(PoFileParser):
    """Babel's parser, keeping the lines it cannot read instead of printing each to
    stdout (a hostile file has as many as it has lines)."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(catalog, ignore_obsolete=True)
        self.problems: list[tuple[int, str]] = []
        self.problem_count = 0

    def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
        self.problem_count += 1
        if len(self.problems) < 3:
            self.problems.append((lineno + 1, msg))


def _babel_locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def catalog_roots(config: Config, srcdir: str | Path) -> list[Path]:
    """Where the project's catalogs may be: the source directory, and a ``locale_dirs``
    entry that conf.py names outside it (``../locale``). Links inside lead nowhere else."""
    source = Path(os.path.abspath(srcdir))
    roots = [source]
    for directory in config.locale_dirs:
        named = Path(os.path.abspath(Path(source, directory)))
        if not named.is_relative_to(source):
            roots.append(named)
    return roots


def compile_po(path: Path, code: str, config: Config, roots: list[Path]) -> bytes:
    """A ``vatoolkit.po`` compiled, in memory and within bounds, to ``.mo`` bytes;
    raises :class:`CatalogRefused` (or any error of a broken file)."""
    try:
        raw = read_project_file(path, roots, MAX_CATALOG_BYTES)
    except ProjectFileError as exc:
        raise CatalogRefused(str(exc)) from None
    encoding = config.source_encoding or "utf-8-sig"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CatalogRefused(f"is not {encoding} text (byte {exc.start})") from None
    for messages, _start in enumerate(_MESSAGE_START.finditer(text)):
        if messages > MAX_CATALOG_MESSAGES:  # the header is a message too
            raise CatalogRefused(f"holds more than {MAX_CATALOG_MESSAGES} messages")
    # A fixed creation date where the header has none (Babel's default is now): the same
    # .po compiles to the same bytes, whose digest says whether pages must be read again.
    catalog = _BoundedCatalog(
        locale=_babel_locale(code), domain=ORGANIZATION_CATALOG, creation_date=UNDATED
    )
    parser = _ReportingParser(catalog)
    parser.parse(io.StringIO(text))
    if parser.problem_count:
        logger.warning(
            "%s: %d line(s) cannot be read (%s); the rest of the catalog is used",
            path,
            parser.problem_count,
            "; ".join(f"line {line}: {problem}" for line, problem in parser.problems),
            type="vatoolkit",
            subtype="translation",
        )
    for message in list(catalog):
        longest = max(
            (len(part) for part in _texts(message.id) + _texts(message.string)), default=0
        )
        if message.id and longest > MAX_ENTRY_CHARACTERS:
            logger.warning(
                "%s: the message %s is %d characters long, over the %d a catalog entry "
                "may hold; it is not translated",
                path,
                short_text(_texts(message.id)[0]),
                longest,
                MAX_ENTRY_CHARACTERS,
                type="vatoolkit",
                subtype="translation",
            )
            catalog.delete(message.id, message.context)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=config.gettext_allow_fuzzy_translations)
    return compiled.getvalue()


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(part) for part in value) if isinstance(value, (list, tuple)) else (str(value),)


def _mo_entries(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (id, translation) byte pairs of a ``.mo`` file, checked against the bounds
    before :class:`gettext.GNUTranslations` builds its strings from them."""
    if len(data) < 28:
        raise CatalogRefused("is not a compiled message catalog (too short)")
    magic = struct.unpack("<I", data[:4])[0]
    order = {0x950412DE: "<", 0xDE120495: ">"}.get(magic)
    if order is None:
        raise CatalogRefused("is not a compiled message catalog (bad magic number)")
    count, ids_at, strings_at = struct.unpack(order + "3I", data[8:20])
    if count > MAX_CATALOG_MESSAGES + 1:  # the header is an entry too
        raise CatalogRefused(f"holds more than {MAX_CATALOG_MESSAGES} messages")
    if max(ids_at, strings_at) + 8 * count > len(data):
        raise CatalogRefused("is not a compiled message catalog (truncated)")
    entries = []
    for number in range(count):
        parts = []
        for table in (ids_at, strings_at):
            length, offset = struct.unpack_from(order + "2I", data, table + 8 * number)
            if offset + length > len(data):
                raise CatalogRefused("is not a compiled message catalog (truncated)")
            parts.append(data[offset : offset + length])
        message_id, translation = parts
        if message_id.count(b"\0") > 1 or translation.count(b"\0") >= MAX_PLURAL_FORMS:
            raise CatalogRefused(f"has a message with more than {MAX_PLURAL_FORMS} plural forms")
        entries.append((message_id, translation))
    return entries


def _plural_count(catalog: gettext.GNUTranslations) -> int:
    plural_forms = catalog.info().get("plural-forms")
    if plural_forms is None:
        return 2  # gettext's default expression, n != 1
    declared = _NPLURALS.search(plural_forms)
    try:
        count = int(declared.group(1)) if declared else 0
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_PLURAL_FORMS:
        raise CatalogRefused(
            f"declares {declared.group(1) if declared else 'no'} plural forms (nplurals); "
            f"from 1 to {MAX_PLURAL_FORMS} are allowed"
        )
    return count


def _check_plural_expression(catalog: gettext.GNUTranslations) -> None:
    """Raise unless the ``Plural-Forms`` expression gives a form from 0 to nplurals - 1
    for every probed count: gettext evaluates it on every lookup, so one that divides
    by zero would end the build at the first text."""
    count = _plural_count(catalog)
    expression = catalog.info().get("plural-forms", "").partition("plural=")[2].strip("; ")
    for n in PLURAL_PROBES:
        try:
            form = catalog.plural(n)  # type: ignore[attr-defined]
        except Exception as exc:  # ZeroDivisionError, OverflowError, whatever it does
            raise CatalogRefused(
                f"its Plural-Forms expression {short_text(expression)} fails for n = {n} "
                f"({type(exc).__name__})"
            ) from None
        if not isinstance(form, int) or not 0 <= form < count:
            raise CatalogRefused(
                f"its Plural-Forms expression {short_text(expression)} gives form {form!r} "
                f"for n = {n}, outside 0 to {count - 1} (nplurals={count})"
            )


def _read_catalog(data: bytes) -> tuple[gettext.GNUTranslations, list[str]]:
    """A compiled catalog and the message ids it translates; raises on any fault."""
    entries = _mo_entries(data)
    catalog = gettext.GNUTranslations(io.BytesIO(data))
    _check_plural_expression(catalog)
    charset = catalog.charset() or "ascii"
    ids = [
        message_id.decode(charset, "replace")
        for message_id, _translation in entries
        if message_id and b"\0" not in message_id and b"\x04" not in message_id
    ]
    return catalog, ids


def _catalog_directories(config: Config, srcdir: str | Path) -> list[tuple[str, Path]]:
    """(language, ``LC_MESSAGES`` directory) of each place a ``vatoolkit`` catalog is read
    from, in the order translations are looked up."""
    language = (config.language or "en").replace("-", "_")
    codes = language_candidates(language)[:-1] if language != "en" else ["en"]
    return [
        (code, Path(srcdir, directory, code, "LC_MESSAGES"))
        for directory in config.locale_dirs
        for code in codes
    ]


def _outdated(po: Path, mo: Path) -> bool:
    """As Sphinx judges it: no ``.mo``, or one older than its ``.po``."""
    try:
        return os.stat(mo).st_mtime_ns < os.stat(po).st_mtime_ns
    except OSError:
        return True


def _write_compiled(mo: Path, data: bytes) -> None:
    """Write the ``.mo`` as Sphinx would have, through a temporary file: a ``vatoolkit.mo``
    that is a link is replaced, never written through."""
    descriptor, temporary = tempfile.mkstemp(prefix=".vatoolkit-", suffix=".mo", dir=mo.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, mo)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        logger.warning(
            "%s: cannot be written (%s); the catalog is used for this build only",
            mo,
            exc.strerror or exc,
            type="vatoolkit",
            subtype="translation",
        )


def _catalog_source(directory: Path, config: Config) -> tuple[Path, bool] | None:
    """The ``vatoolkit`` file of one directory that the build reads, and whether it is
    a ``.po`` to compile: the ``.po`` when the ``.mo`` is missing or older (and Sphinx
    compiles catalogs), else the ``.mo``; ``None`` when there is neither."""
    po, mo = directory / f"{ORGANIZATION_CATALOG}.po", directory / f"{ORGANIZATION_CATALOG}.mo"
    if config.gettext_auto_build and os.path.lexists(po) and _outdated(po, mo):
        return po, True
    return (mo, False) if os.path.lexists(mo) else None


def _read_compiled(path: Path, roots: list[Path]) -> bytes:
    try:
        return read_project_file(path, roots, MAX_CATALOG_BYTES)
    except ProjectFileError as exc:
        raise CatalogRefused(str(exc)) from None


def load_organization_translator(
    config: Config, srcdir: str | Path, write_compiled: bool = False
) -> OrganizationTranslator:
    """The project's ``vatoolkit`` catalogs for the build language.

    An outdated ``vatoolkit.po`` is compiled in memory, within the bounds above, and
    written as ``vatoolkit.mo`` only when ``write_compiled`` (a build, as Sphinx would;
    ``check`` writes nothing). A catalog that cannot be read (too large, linked from
    outside the project, corrupt, unknown charset, a broken or failing ``Plural-Forms``)
    is reported by name and left out; the build goes on without its translations.
    """
    roots = catalog_roots(config, srcdir)
    translations: gettext.NullTranslations = gettext.NullTranslations()
    digest = hashlib.sha256()
    chain: gettext.NullTranslations | None = None
    origins: dict[str, Path] = {}
    for code, directory in _catalog_directories(config, srcdir):
        source = _catalog_source(directory, config)
        if source is None:
            continue
        path, compiling = source
        try:
            data = (
                compile_po(path, code, config, roots) if compiling else _read_compiled(path, roots)
            )
            catalog, ids = _read_catalog(data)
        except Exception as exc:  # a broken file of the project's, however broken
            _unreadable(path, exc)
            digest.update(str(path).encode("utf-8", "backslashreplace"))
            continue
        if compiling and write_compiled:
            _write_compiled(path.with_suffix(".mo"), data)
        digest.update(data)
        for message_id in ids:
            origins.setdefault(message_id, path)
        if chain is None:
            translations = chain = catalog
        else:
            chain.add_fallback(catalog)
    return OrganizationTranslator(translations, digest.hexdigest(), frozenset(origins), origins)


def keep_organization_catalog_from_sphinx(app: Sphinx) -> None:
    """``builder-inited``: Sphinx compiles every ``.po`` in ``locale_dirs`` with Babel and
    no bound (``sphinx-build -a`` even the up-to-date ones). ``vatoolkit.po`` is compiled
    here, within bounds, before the build; the builder is left the project's other
    catalogs only, so a hostile one never reaches its compiler."""
    compile_catalogs = app.builder.compile_catalogs

    def compile_other_catalogs(catalogs: set[CatalogInfo], message: str) -> None:
        others = {catalog for catalog in catalogs if catalog.domain != ORGANIZATION_CATALOG}
        compile_catalogs(others, message)

    app.builder.compile_catalogs = compile_other_catalogs  # type: ignore[method-assign]


def localize(value: Any, language: str, translator: OrganizationTranslator | None = None) -> str:
    """Organization text in the build language: per-language value, else the catalog's."""
    if isinstance(value, dict):
        return str(pick_language(value, language))
    text = str(value)
    return translator.gettext(text) if translator is not None else text


def check_language(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``pt-BR`` is a URL slug; Sphinx and Babel need ``pt_BR``."""
    language = config.language or "en"
    if "-" not in language:
        return
    language_part, _sep, region = language.partition("-")
    fixed = f"{language_part.lower()}_{region.upper()}" if region else language_part.lower()
    logger.warning(
        "language %r is written with a hyphen; use the POSIX form %r "
        "(for example sphinx-build -D language=%s); building as %r",
        language,
        fixed,
        fixed,
        fixed,
        type="vatoolkit",
        subtype="language",
    )
    config.language = fixed
    load_regional_catalogs(fixed)
    locale.init([str(LOCALE_DIR)], fixed, PACKAGE_CATALOG)


class KeepBuiltinTextOutOfCatalogs(SphinxPostTransform):
    """gettext builder: generated images' alt text is built-in text, not the page's.

    Generated text elements are already marked untranslatable; an image's ``alt``
    is extracted regardless, so it is dropped from what the gettext builder sees.
    """

    default_priority = 10
    builders = ("gettext",)

    def run(self, **kwargs: Any) -> None:
        for image in self.document.findall(nodes.image):
            if image.get("vatoolkit_generated"):
                image.attributes.pop("alt", None)


def load_regional_catalogs(language: str | None) -> None:
    """Before Sphinx loads the package's catalogs for ``es_MX`` (which it reads as
    ``es_MX``, then ``es``), load ``es_419``: its Latin American words come first."""
    regional = regional_language(language or "")
    if regional is not None:
        for catalog in (PACKAGE_CATALOG, SPHINX_CATALOG):
            locale.init([str(LOCALE_DIR)], regional, catalog)


def setup_i18n(app: Sphinx) -> None:
    load_regional_catalogs(app.config.language)
    app.add_message_catalog(PACKAGE_CATALOG, str(LOCALE_DIR))
    # Added after Sphinx's own "sphinx" catalog, so only read where that one is empty
    # (Spanish has no "Link to this heading", read aloud on every heading).
    app.add_message_catalog(SPHINX_CATALOG, str(LOCALE_DIR))
    app.connect("config-inited", check_language, priority=400)
    app.connect("builder-inited", keep_organization_catalog_from_sphinx)
    app.add_post_transform(KeepBuiltinTextOutOfCatalogs)
