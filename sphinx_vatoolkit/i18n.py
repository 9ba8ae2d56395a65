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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import locale
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

PACKAGE_CATALOG = "sphinx_vatoolkit"
ORGANIZATION_CATALOG = "vatoolkit"
LOCALE_DIR = Path(__file__).parent / "locale"
TRANSLATOR_ATTRIBUTE = "_vatoolkit_org_translator"

_ = get_translation(PACKAGE_CATALOG)


def language_candidates(language: str) -> list[str]:
    """``pt_BR`` -> ``['pt_BR', 'pt', 'en']``: the order a per-language mapping is read."""
    code = (language or "en").replace("-", "_")
    candidates = [code]
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
    """The project's ``vatoolkit`` catalogs for the build language."""

    def __init__(self, translations: gettext.NullTranslations, digest: str) -> None:
        self.translations = translations
        self.digest = digest

    def gettext(self, text: str) -> str:
        return self.translations.gettext(text)


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


def load_organization_translator(config: Config, srcdir: str | Path) -> OrganizationTranslator:
    """Read the compiled ``vatoolkit`` catalogs (Sphinx compiles them before reading)."""
    translations: gettext.NullTranslations = gettext.NullTranslations()
    digest = hashlib.sha256()
    chain: gettext.NullTranslations | None = None
    for path in _catalog_files(config, srcdir):
        data = path.read_bytes()
        digest.update(data)
        with path.open("rb") as stream:
            catalog = gettext.GNUTranslations(stream)
        if chain is None:
            translations = chain = catalog
        else:
            chain.add_fallback(catalog)
    translator = OrganizationTranslator(translations, digest.hexdigest())
    setattr(config, TRANSLATOR_ATTRIBUTE, translator)
    return translator


def organization_translator(config: Config) -> OrganizationTranslator | None:
    translator: OrganizationTranslator | None = config.__dict__.get(TRANSLATOR_ATTRIBUTE)
    return translator


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
    locale.init([str(LOCALE_DIR)], fixed, PACKAGE_CATALOG)


def extract_organization_strings(app: Sphinx) -> None:
    """``builder-inited``: the gettext builder writes the config's text to vatoolkit.pot."""
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import MessageCatalogBuilder, MsgOrigin

    from sphinx_vatoolkit.config import get_model, organization_strings, source_of_config
    from sphinx_vatoolkit.facts import equipment_labels

    assert isinstance(app.builder, MessageCatalogBuilder)
    keywords = set(equipment_labels())
    source = Path(app.confdir, source_of_config(app))
    try:
        written = source.read_text(encoding="utf-8")
    except OSError:
        written = ""
    catalog = app.builder.catalogs[ORGANIZATION_CATALOG]
    for path, text in organization_strings(get_model(app.config)):
        if path.startswith("technology.") and text.lower() in keywords:
            continue  # translated by the package catalog
        position = written.find(text)
        line = written.count("\n", 0, position) + 1 if position >= 0 else 1
        catalog.add(text, MsgOrigin(source=str(source), line=line))


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


def setup_i18n(app: Sphinx) -> None:
    app.add_message_catalog(PACKAGE_CATALOG, str(LOCALE_DIR))
    app.connect("config-inited", check_language, priority=400)
    app.connect("builder-inited", extract_organization_strings)
    app.add_post_transform(KeepBuiltinTextOutOfCatalogs)
