"""``va-fact``: one organization fact inline in prose, e.g. :va-fact:`booking.phone`."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from sphinx_vatoolkit import content
from sphinx_vatoolkit.base import note_facts, pages_using_catalog, pages_using_toolkit
from sphinx_vatoolkit.config import fact_paths
from sphinx_vatoolkit.facts import Facts
from sphinx_vatoolkit.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

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
        pages_using_toolkit(self.env).add(self.env.docname)
        label, key = None, self.text.strip()
        if key.endswith(">") and "<" in key:
            label, _sep, key = key[:-1].rpartition("<")
            label = label.strip() or None
            key = key.strip()
        facts = Facts.for_config(self.config, (self.env.docname, self.lineno))
        known = fact_paths()
        location = self.get_location()
        if key == "organization.name":
            pages_using_catalog(self.env).add(self.env.docname)
            return [nodes.inline("", facts.org_name, classes=["va-fact"])], []
        if key not in known and not key.startswith("languages."):
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            logger.warning(
                "%s: unknown fact %r%s",
                self.name,
                key,
                hint,
                type="vatoolkit",
                subtype="role",
                location=location,
            )
            return [nodes.literal(self.rawtext, key)], []
        value = facts.value(key)
        if value in (None, [], {}, ""):
            logger.warning(
                "%s: the fact vatoolkit.%s is not set",
                self.name,
                key,
                type="vatoolkit",
                subtype="missing",
                location=location,
            )
            return [nodes.literal(self.rawtext, key)], []
        try:
            rendered = _render(key, value, facts, label)
        except TypeError:
            logger.warning(
                "%s: vatoolkit.%s is a group of facts; name one of its keys",
                self.name,
                key,
                type="vatoolkit",
                subtype="role",
                location=location,
            )
            return [nodes.literal(self.rawtext, key)], []
        note_facts(self.env, facts)
        wrapper = nodes.inline("", "", *rendered, classes=["va-fact"])
        return [wrapper], []


def setup_roles(app: Sphinx) -> None:
    app.add_role("va-fact", FactRole())
