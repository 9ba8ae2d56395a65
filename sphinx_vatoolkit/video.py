"""``va-video``: a video that loads nothing from its host until the reader asks.

Every builder gets a titled link. HTML builders get instead, for hosts that allow
embedding, an ``<iframe>`` whose ``srcdoc`` holds a local play button: selecting it
navigates the frame to the host's player, so no request leaves the page before that
and no JavaScript is needed.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qs, urlsplit

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vatoolkit import content
from sphinx_vatoolkit.base import MODE_OPTION, OptionSpec, VaDirective
from sphinx_vatoolkit.config import normalize_url
from sphinx_vatoolkit.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from sphinx_vatoolkit.facts import Facts

_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{3,64}$")


def embed_url(url: str) -> str | None:
    """The player URL for hosts known to allow embedding, else None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    video_id: str | None = None
    if host == "microsoft.com" and "/videoplayer/embed/" in path:
        video_id = path.rsplit("/", 1)[-1]
        return (
            f"https://www.microsoft.com/videoplayer/embed/{video_id}"
            if _VIDEO_ID.match(video_id)
            else None
        )
    if host in {"youtube.com", "m.youtube.com"}:
        if path == "/watch":
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif path.startswith(("/embed/", "/shorts/")):
            video_id = path.rsplit("/", 1)[-1]
    elif host == "youtu.be":
        video_id = path.lstrip("/")
    elif host == "vimeo.com" and path.lstrip("/").isdigit():
        return f"https://player.vimeo.com/video/{path.lstrip('/')}"
    if video_id and _VIDEO_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None


class video_embed(nodes.General, nodes.Element):
    """HTML only: the click-to-load frame (added by :class:`VideoHtmlTransform`)."""


def visit_video_embed(self: HTML5Translator, node: video_embed) -> None:
    title = html.escape(node["title"])
    player = html.escape(node["embed"], quote=True)
    button = html.escape(node["play_label"])
    note = html.escape(node["note"])
    inner = (
        f'<!DOCTYPE html><html lang="{html.escape(node["lang"], quote=True)}"><head>'
        '<meta charset="utf-8"><title>' + title + "</title><style>"
        "html,body{height:100%;margin:0}body{display:flex;align-items:center;"
        "justify-content:center;background:#1f2933;font:1.1rem/1.4 system-ui,sans-serif}"
        "a{color:#fff;background:#0b5cad;padding:.8em 1.2em;border-radius:.4em;"
        "text-decoration:none;text-align:center;max-width:80%}"
        "a:focus{outline:3px solid #ffbf47;outline-offset:3px}"
        "small{display:block;font-size:.8rem;opacity:.9;margin-top:.3em}"
        "</style></head><body>"
        f'<a href="{player}">&#9654; {button}<small>{note}</small></a></body></html>'
    )
    self.body.append(
        self.starttag(node, "div", CLASS="va-video-frame")
        + f'<iframe title="{title}" srcdoc="{html.escape(inner, quote=True)}" '
        'allow="autoplay; fullscreen; picture-in-picture" allowfullscreen="" '
        'referrerpolicy="strict-origin-when-cross-origin"></iframe>'
    )
    raise nodes.SkipChildren


def depart_video_embed(self: HTML5Translator, node: video_embed) -> None:
    self.body.append("</div>\n")


def video_source(
    directive: VaDirective, facts: Facts, asked: bool = True
) -> tuple[str, str] | None:
    """``(url, title)`` from the directive, the config or the platform preset.

    With none, only a video the page ``asked`` for warns.
    """
    title_option = directive.options.get("title")
    if directive.arguments:
        try:
            url = normalize_url(directive.arguments[0])
        except ValueError as exc:
            directive.warn(f"{directive.name}: the URL {directive.arguments[0]!r} {exc}")
            return None
        if not url.startswith(("https://", "http://")):
            directive.warn(f"{directive.name}: the URL {url!r} is not a web address")
            return None
        return url, str(title_option or _("Video"))
    video = facts.model.video
    if video is not None:
        title = title_option or (facts.text(video.title) if video.title else _("Video"))
        return video.url, str(title)
    preset_video = facts.platform.video
    if preset_video is not None:
        return preset_video.url, str(title_option or preset_video.title)
    if asked:
        facts.missing("video.url")
    return None


def build_video(directive: VaDirective, facts: Facts, asked: bool = True) -> list[nodes.Node]:
    source = video_source(directive, facts, asked)
    if source is None:
        return []
    url, title = source
    host = (urlsplit(url).hostname or url).removeprefix("www.")
    box = nodes.container(classes=["va-video"])
    box["va_title"] = title
    box["va_embed"] = embed_url(url) or ""
    box["va_host"] = host
    box += content.paragraph(
        _("Watch “{title}” on {host}."), title=content.link(url, title), host=host
    )
    content.mark_generated([box])
    for node in box.findall(nodes.Element):
        directive.set_source_info(node)
    return [box]


class VideoHtmlTransform(SphinxPostTransform):
    """HTML: the click-to-load player, in place of the link it would repeat."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for box in self.document.findall(nodes.container):
            if "va-video" not in box["classes"] or not box.get("va_embed"):
                continue
            player = video_embed(
                title=box["va_title"],
                embed=box["va_embed"],
                lang=(self.config.language or "en").replace("_", "-"),
                play_label=content.format_text(_("Play the video: {title}"), title=box["va_title"]),
                note=content.format_text(
                    _("The video loads from {host} when you select it."), host=box["va_host"]
                ),
            )
            box[:] = [player]


class VideoDirective(VaDirective):
    """``va-video``: the overview video, or any video given as argument."""

    optional_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = OptionSpec(
        MODE_OPTION | {"title": directives.unchanged}
    )

    def build(self) -> list[nodes.Node]:
        return build_video(self, self.facts())


def setup_video(app: Sphinx) -> None:
    app.add_node(video_embed, html=(visit_video_embed, depart_video_embed))
    app.add_directive("va-video", VideoDirective)
    app.add_post_transform(VideoHtmlTransform)
