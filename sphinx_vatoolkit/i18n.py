"""Two kinds of text, two catalogs.

* Built-in text (headings, questions, generated answers) comes from the package's
  own catalog ``sphinx_vatoolkit``, shipped compiled inside the package.
* The organization's own text (from the config) is either given per language in the
  config or translated from the project's ``locale_dirs``, domain ``vatoolkit``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PACKAGE_CATALOG = "sphinx_vatoolkit"
ORGANIZATION_CATALOG = "vatoolkit"
LOCALE_DIR = Path(__file__).parent / "locale"

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


def pick_language(values: dict[str, str], language: str) -> str:
    """The text for a language from a per-language mapping, with fallbacks."""
    for code in language_candidates(language):
        if code in values:
            return values[code]
        for key, text in values.items():  # 'pt' matches a mapping that only has 'pt_BR'
            if key.split("_")[0] == code:
                return text
    return next(iter(values.values()))


def localize(value: Any, language: str) -> str:
    """Organization text in the build language: per-language value, else as written."""
    if isinstance(value, dict):
        return pick_language(value, language)
    return str(value)


def setup_i18n(app: Sphinx) -> None:
    app.add_message_catalog(PACKAGE_CATALOG, str(LOCALE_DIR))
