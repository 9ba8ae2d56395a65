"""The theme's site navigation, built once per build instead of once per page.

Sphinx's ``toctree()`` template helper resolves the whole global toctree again for
every page, copying every document's table of contents: with a thousand pages that
is a million copies and most of the build. The theme shows two levels of document
titles with the current branch open (``maxdepth=2, collapse=True, titles_only=True,
includehidden=True``), so it reads the toctree entries once, keeps them as a small
tree, and per page only marks the current branch and writes the relative links.
The HTML matches what ``toctree()`` produces for those options. Numbered toctrees
get their section numbers from Sphinx only, so a project with one falls back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from markupsafe import Markup, escape
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

_URL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass
class Entry:
    title: Markup
    docname: str | None  # None for an external link
    url: str = ""
    children: list[Entry] = field(default_factory=list)


@dataclass
class Caption:
    text: Markup
    entries: list[Entry]


@dataclass
class Navigation:
    root: str
    groups: list[Caption]
    parent_of: dict[str, str]

    def ancestors(self, docname: str) -> set[str]:
        found = {docname}
        while docname in self.parent_of and self.parent_of[docname] not in found:
            docname = self.parent_of[docname]
            found.add(docname)
        return found

    def html(self, builder: StandaloneHTMLBuilder, pagename: str) -> Markup:
        """The navigation of one page: the current branch open and marked."""
        branch = self.ancestors(pagename)
        if pagename != self.root:  # every page descends from it: not a branch to mark
            branch.discard(self.root)
        parts: list[str] = []
        for group in self.groups:
            if group.text:
                parts.append(
                    f'<p class="caption" role="heading" aria-level="2"><span class="caption-text">'
                    f"{group.text}</span></p>"
                )
            self._list(builder, pagename, branch, group.entries, 1, parts)
        return Markup("".join(parts))

    def _item(
        self,
        builder: StandaloneHTMLBuilder,
        pagename: str,
        branch: set[str],
        entry: Entry,
        level: int,
        parts: list[str],
    ) -> None:
        current = entry.docname is not None and entry.docname in branch
        item_class = f"toctree-l{level}" + (" current" if current else "")
        if entry.docname is None:
            href, link_class = entry.url, "reference external"
        elif entry.docname == pagename:
            href, link_class = "#", "current reference internal"
        else:
            href = builder.get_relative_uri(pagename, entry.docname)
            link_class = "reference internal"
        aria = ' aria-current="page"' if entry.docname == pagename else ""
        parts.append(
            f'<li class="{item_class}"><a class="{link_class}"{aria} href="{escape(href)}">'
            f"{entry.title}</a>"
        )
        if current and entry.children and level < 2:
            self._list(builder, pagename, branch, entry.children, level + 1, parts)
        parts.append("</li>")

    def _list(
        self,
        builder: StandaloneHTMLBuilder,
        pagename: str,
        branch: set[str],
        entries: list[Entry],
        level: int,
        parts: list[str],
    ) -> None:
        on_branch = any(entry.docname in branch for entry in entries)
        parts.append('<ul class="current">' if on_branch else "<ul>")
        for entry in entries:
            self._item(builder, pagename, branch, entry, level, parts)
        parts.append("</ul>")


def _title(builder: StandaloneHTMLBuilder, docname: str, explicit: str | None) -> Markup:
    if explicit:
        return escape(explicit)
    title = builder.env.titles.get(docname)
    if title is None:
        return escape(docname)
    if all(isinstance(child, nodes.Text) for child in title.children):
        return escape(title.astext())
    return Markup(builder.render_partial(title)["title"])


def _toctrees(node: nodes.Node) -> list[addnodes.toctree]:
    return list(node.findall(addnodes.toctree))


def _entries(
    builder: StandaloneHTMLBuilder, toctree: addnodes.toctree, level: int, seen: set[str]
) -> list[Entry]:
    env = builder.env
    entries: list[Entry] = []
    for explicit, ref in toctree["entries"]:
        if _URL.match(ref):
            entries.append(Entry(escape(explicit or ref), None, url=ref))
            continue
        is_self = ref == "self"
        if is_self:
            ref = toctree["parent"]
        if ref not in env.all_docs or (ref in seen and not is_self):
            continue
        entry = Entry(_title(builder, ref, explicit), ref)
        if level < 2 and ref in env.tocs and not is_self:
            for inner in _toctrees(env.tocs[ref]):
                entry.children += _entries(builder, inner, level + 1, seen | {ref})
        entries.append(entry)
    return entries


def build_navigation(builder: StandaloneHTMLBuilder) -> Navigation | None:
    """The project's navigation, or None where Sphinx's own ``toctree()`` must draw it."""
    env = builder.env
    root = env.config.root_doc
    if root not in env.all_docs:
        return None
    toctrees = _toctrees(env.get_doctree(root))
    if any(toctree.get("numbered") for toctree in _toctrees_of_project(builder)):
        return None
    groups = [
        Caption(escape(toctree.get("caption") or ""), _entries(builder, toctree, 1, {root}))
        for toctree in toctrees
    ]
    parent_of = {
        child: parent for parent, children in env.toctree_includes.items() for child in children
    }
    return Navigation(root, [group for group in groups if group.entries], parent_of)


def _toctrees_of_project(builder: StandaloneHTMLBuilder) -> list[addnodes.toctree]:
    return [toctree for toc in builder.env.tocs.values() for toctree in _toctrees(toc)]
