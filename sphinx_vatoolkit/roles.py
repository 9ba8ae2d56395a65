"""``va-fact``: one organization fact inline in prose, e.g. :va-fact:`booking.phone`.

What each kind of fact looks like in a sentence:

* a text (plain, or one per language): the build language's text, as written;
* a phone number, an e-mail address, a URL: a link showing it;
* a list of texts: the build language's list (``credit card and insurance``,
  ``cartão de crédito e convênio``), each entry translated; equipment by its name;
* a yes/no setting: "yes" or "no"; a number: written the build language's way;
* a group of facts (``booking``), a list of groups (``booking.social``) or a setting
  keyword (``organization.industry``): no sentence form, so a warning names the role,
  the key and what to name instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from babel.numbers import format_decimal
from docutils import nodes
from pydantic import BaseModel
from sphinx.util.docutils import SphinxRole

from sphinx_vatoolkit import content
from sphinx_vatoolkit.base import note_usage
from sphinx_vatoolkit.config import VaToolkitConfig, fact_paths, language_code, nested_model
from sphinx_vatoolkit.facts import Facts
from sphinx_vatoolkit.i18n import _
from sphinx_vatoolkit.report import did_you_mean, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_LINK_SUFFIXES = ("url", "website")
_EQUIPMENT = ("technology.equipment", "technology.recommended")
# A setting keyword that has a text to show instead.
_TEXT_OF_SETTING = {"platform.preset": "platform.name"}
_SUGGESTED_KEYS = 8  # sub-keys named in the warning about a group


class NoInlineForm(Exception):
    """The fact has no form in a sentence; the message says what to name instead."""


def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _annotation(key: str) -> Any:
    """The model's annotation of a dotted key (None for a key inside a mapping)."""
    model: type[BaseModel] | None = VaToolkitConfig
    annotation: Any = None
    for part in key.split("."):
        if model is None or part not in model.model_fields:
            return None
        annotation = model.model_fields[part].annotation
        model = nested_model(annotation)
    return annotation


def _sub_keys(key: str) -> str:
    children = [path for path in fact_paths() if path.rpartition(".")[0] == key]
    shown = ", ".join(children[:_SUGGESTED_KEYS])
    return shown + (", ..." if len(children) > _SUGGESTED_KEYS else "")


def _render(key: str, value: Any, facts: Facts, label: str | None) -> list[nodes.Node]:
    last = key.rsplit(".", 1)[-1]
    annotation = str(_annotation(key))
    if isinstance(value, BaseModel):
        raise NoInlineForm(f"is a group of facts; name one of its keys: {_sub_keys(key)}")
    if isinstance(value, list) and any(isinstance(item, BaseModel) for item in value):
        raise NoInlineForm("is a list of groups of facts, which has no form in a sentence")
    if key == "languages":
        raise NoInlineForm("is a URL per language; name one, such as languages.pt_BR")
    if isinstance(value, dict) and not all(isinstance(v, str) for v in value.values()):
        raise NoInlineForm(f"is a mapping of groups of facts; name one of its keys: {key}.<key>")
    if "Literal[" in annotation:
        instead = _TEXT_OF_SETTING.get(key)
        raise NoInlineForm(
            "is a setting, not text for a page"
            + (f"; name {instead} for its text" if instead else "")
        )
    if isinstance(value, bool):
        return [nodes.Text(str(_("yes") if value else _("no")))]
    if isinstance(value, int | float):
        locale = _locale(facts.language)
        return [content.fact_text(format_decimal(value, locale=locale) if locale else str(value))]
    if isinstance(value, list):
        entries = facts.equipment(value) if key in _EQUIPMENT else [facts.text(v) for v in value]
        locale = _locale(facts.language)
        listed = format_list(entries, locale=locale) if locale else ", ".join(entries)
        return [content.fact_text(listed)]
    link: nodes.reference | None = None
    if isinstance(value, str) and last == "phone":
        link = content.phone_link(value, label)
    elif isinstance(value, str) and last == "email":
        link = content.email_link(value, label)
    elif last.endswith(_LINK_SUFFIXES) or key.startswith("languages."):
        url = facts.url(value) if isinstance(value, dict) else str(value)  # one per language
        link = content.link(url, label or url)
    if link is not None:
        if label:  # the author's own words: typography like the rest of the sentence
            del link["support_smartquotes"]
        return [link]
    text = facts.text(value)  # a text, or one per language: the build language's
    return [content.fact_text(text)]


class FactRole(SphinxRole):
    """Insert a config fact: ``:va-fact:`booking.url``` or ``:va-fact:`Book <booking.url>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        label, key = None, self.text.strip()
        if key.endswith(">") and "<" in key:
            label, _sep, key = key[:-1].rpartition("<")
            label = label.strip() or None
            key = key.strip()
        facts = Facts.for_env(self.env, (self.env.docname, self.lineno))
        try:
            return [self._fact(key, label, facts)], []
        finally:  # even a missing fact: setting it later must re-read the page
            note_usage(self.env, [facts])

    def _fact(self, key: str, label: str | None, facts: Facts) -> nodes.Element:
        if key == "organization.name":
            return content.as_written(nodes.inline("", facts.org_name, classes=["va-fact"]))
        known = fact_paths()
        shown = key if len(key) <= 60 else key[:57] + "..."
        if key.startswith("languages."):  # the build URL of one language: languages.pt_BR
            try:
                key = "languages." + language_code(key.removeprefix("languages."))
            except ValueError:
                self._warn(
                    f"unknown fact {shown!r}: expected languages.<code>, such as languages.pt_BR",
                    subtype="role",
                )
                return nodes.literal(self.rawtext, key)
        elif key not in known:  # only the documented fact paths, never other attributes
            self._warn(f"unknown fact {shown!r}{did_you_mean(shown, known)}", subtype="role")
            return nodes.literal(self.rawtext, key)
        value = facts.value(key)
        try:
            rendered = _render(key, value, facts, label) if _is_set(value) else None
        except NoInlineForm as refused:
            self._warn(f"vatoolkit.{key} {refused}", subtype="role")
            return nodes.literal(self.rawtext, key)
        if rendered is None:
            self._warn(f"the fact vatoolkit.{key} is not set", subtype="missing")
            return nodes.literal(self.rawtext, key)
        return nodes.inline("", "", *rendered, classes=["va-fact"])

    def _warn(self, message: str, subtype: str) -> None:
        warn(f"{self.name}: {message}", subtype, self.get_location())


def _is_set(value: Any) -> bool:
    return value not in (None, [], {}, "")


def setup_roles(app: Sphinx) -> None:
    app.add_role("va-fact", FactRole())
