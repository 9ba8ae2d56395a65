"""``va-fact``: one organization fact inline in prose, e.g. :va-fact:`booking.phone`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from sphinx_vatoolkit import content
from sphinx_vatoolkit.base import note_usage
from sphinx_vatoolkit.config import fact_paths, language_code
from sphinx_vatoolkit.facts import Facts
from sphinx_vatoolkit.i18n import _
from sphinx_vatoolkit.report import did_you_mean, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_LINK_SUFFIXES = ("url", "website")


def _render(key: str, value: Any, facts: Facts, label: str | None) -> list[nodes.Node]:
    last = key.rsplit(".", 1)[-1]
    if isinstance(value, bool):
        text = _("yes") if value else _("no")
        return [nodes.Text(str(text))]
    if isinstance(value, str) and last == "phone":
        node = content.phone_link(value, label)
    elif isinstance(value, str) and last == "email":
        node = content.email_link(value, label)
    elif isinstance(value, str) and (last.endswith(_LINK_SUFFIXES) or key.startswith("languages.")):
        node = content.link(value, label or value)
    elif isinstance(value, list):
        return [nodes.Text(", ".join(facts.text(item) for item in value))]
    elif isinstance(value, str | dict | int):
        return [nodes.Text(facts.text(value) if not isinstance(value, int) else str(value))]
    else:
        raise TypeError(key)
    return [node]


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
            return nodes.inline("", facts.org_name, classes=["va-fact"])
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
        if value in (None, [], {}, ""):
            self._warn(f"the fact vatoolkit.{key} is not set", subtype="missing")
            return nodes.literal(self.rawtext, key)
        try:
            rendered = _render(key, value, facts, label)
        except TypeError:
            self._warn(f"vatoolkit.{key} is a group of facts; name one of its keys", subtype="role")
            return nodes.literal(self.rawtext, key)
        return nodes.inline("", "", *rendered, classes=["va-fact"])

    def _warn(self, message: str, subtype: str) -> None:
        warn(f"{self.name}: {message}", subtype, self.get_location())


def setup_roles(app: Sphinx) -> None:
    app.add_role("va-fact", FactRole())
