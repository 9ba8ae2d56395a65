"""Two kinds of text, two catalogs.

* Built-in text (headings, questions, generated answers) comes from the package's
  own catalog ``sphinx_vatoolkit``, shipped compiled inside the package. It never
  reaches the user's ``.pot`` files: generated nodes are marked untranslatable.
* The organization's own text (from the config) is either given per language in the
  config or translated from the project's ``locale_dirs``, domain ``vatoolkit``; the
  gettext builder extracts it into ``vatoolkit.pot``.
"""

from __future__ import annotations

import gettext
import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.messages.mofile import read_mo
from docutils import nodes
from sphinx import locale
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository

from sphinx_vatoolkit.config import MAX_LONG_TEXT, cut_text, refused_character

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

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
    return locale.get_translator(PACKAGE_CATALOG).ngettext(singular, plural, n)


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
        translation = self.translations.gettext(text)
        if translation == text:
            return translation
        checked = self._checked.get(text)
        if checked is None:
            checked = self._checked[text] = self._check(text, translation)
        return checked

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


def _catalog_files(config: Config, srcdir: str | Path) -> list[Path]:
    language = (config.language or "en").replace("-", "_")
    codes = language_candidates(language)[:-1] if language != "en" else ["en"]
    files = []
    for directory in config.locale_dirs:
        for code in codes:
            path = Path(srcdir, directory, code, "LC_MESSAGES", f"{ORGANIZATION_CATALOG}.mo")
            if path.is_file():
                files.append(path)
    return files


def compile_organization_catalog(config: Config, srcdir: str | Path) -> None:
    """Compile an outdated ``vatoolkit.po`` now, as Sphinx would later in the build:
    the translations are needed from the start of the build, not only from reading."""
    if not config.gettext_auto_build or not config.language:
        return
    for code in language_candidates(config.language)[:-1]:  # es_419, then es
        repository = CatalogRepository(srcdir, config.locale_dirs, code, config.source_encoding)
        for catalog in repository.catalogs:
            if catalog.domain != ORGANIZATION_CATALOG:
                continue
            try:
                if catalog.is_outdated():
                    catalog.write_mo(code, config.gettext_allow_fuzzy_translations)
            except Exception as exc:  # a broken file of the project's, however broken
                _unreadable(Path(catalog.po_path), exc)


def _unreadable(path: Path, exc: BaseException) -> None:
    logger.error(
        "%s: cannot be read as a message catalog (%s); its translations are not used",
        path,
        str(exc)[:200] or type(exc).__name__,
        type="vatoolkit",
        subtype="translation",
    )


MAX_CATALOG_BYTES = 32 * 1024 * 1024


def _read_catalog(path: Path) -> tuple[bytes, gettext.GNUTranslations, list[str]]:
    """A compiled catalog and the message ids it translates; raises on any fault."""
    if path.stat().st_size > MAX_CATALOG_BYTES:
        raise ValueError(f"larger than {MAX_CATALOG_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    catalog = gettext.GNUTranslations(io.BytesIO(data))
    ids = [str(message.id) for message in read_mo(io.BytesIO(data)) if message.id]
    return data, catalog, ids


def load_organization_translator(config: Config, srcdir: str | Path) -> OrganizationTranslator:
    """The project's compiled ``vatoolkit`` catalogs for the build language.

    A catalog that cannot be read (corrupt, unknown charset, broken ``Plural-Forms``)
    is reported by name and left out; the build goes on without its translations.
    """
    compile_organization_catalog(config, srcdir)
    translations: gettext.NullTranslations = gettext.NullTranslations()
    digest = hashlib.sha256()
    chain: gettext.NullTranslations | None = None
    origins: dict[str, Path] = {}
    for path in _catalog_files(config, srcdir):
        try:
            data, catalog, ids = _read_catalog(path)
        except Exception as exc:  # a broken file of the project's, however broken
            _unreadable(path, exc)
            digest.update(str(path).encode("utf-8", "backslashreplace"))
            continue
        digest.update(data)
        for message_id in ids:
            origins.setdefault(message_id, path)
        if chain is None:
            translations = chain = catalog
        else:
            chain.add_fallback(catalog)
    return OrganizationTranslator(translations, digest.hexdigest(), frozenset(origins), origins)


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
    app.add_post_transform(KeepBuiltinTextOutOfCatalogs)
