"""The text builder: generated links keep their address, as plain text cannot link."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vatoolkit.content import printed_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def address_to_show(reference: nodes.reference) -> str | None:
    """A link's address as plain text shows it after the link text, or None when the
    text already is the address (an e-mail address, a phone number, a URL)."""
    uri = str(reference.get("refuri", ""))
    text = reference.astext().strip()
    if not uri or not text:  # an image's link: its image stands for it
        return None
    scheme, _colon, rest = uri.partition(":")
    if scheme.lower() == "tel":
        # The number as written may carry an extension that tel: leaves out.
        same = re.sub(r"\D", "", text).startswith(re.sub(r"\D", "", rest))
        return None if same else rest
    if scheme.lower() == "mailto":
        return None if text.lower() == rest.lower() else rest
    return None if printed_url(text) == printed_url(uri) else uri


class GeneratedLinkAddresses(SphinxPostTransform):
    """``our booking page <https://example.org/book>``: only the directives' own links
    (marked untranslatable by ``content.mark_generated``), never the page author's."""

    default_priority = 200
    formats = ("text",)

    def run(self, **kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            if reference.get("translatable") is not False or reference.get("internal"):
                continue
            address = address_to_show(reference)
            if address is not None:
                parent = reference.parent
                parent.insert(parent.index(reference) + 1, nodes.Text(f" <{address}>"))


def setup_plaintext(app: Sphinx) -> None:
    app.add_post_transform(GeneratedLinkAddresses)
