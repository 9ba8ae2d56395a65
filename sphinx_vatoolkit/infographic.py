"""The generated infographic: a branded SVG (and PDF/PNG with ``[pdf]``) from the config.

The layout is computed here, the drawing is a Jinja2 template. Text is wrapped with
conservative glyph widths and the whole layout shrinks until it fits the page, so
long organization names and Portuguese or Spanish text never overflow. Files are
cached by content hash in the doctree directory: an unchanged config renders nothing.

The downloads are named by their content, not by where the build ran: HTML builders
publish each file as ``_downloads/vatoolkit/<hash of its bytes>/<name>`` (Sphinx's own
``_downloads/<hash>/`` is a hash of the file's path, which changes with the doctree
directory), so the same sources give the same pages in any directory. The PDFs carry
no creation date for the same reason.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from sphinx_vatoolkit import content
from sphinx_vatoolkit.base import MODE_OPTION, OptionSpec, VaDirective, choice
from sphinx_vatoolkit.brand import WHITE, contrast_ratio, palette_for, readable_on, text_on
from sphinx_vatoolkit.files import project_logo
from sphinx_vatoolkit.i18n import N_, _
from sphinx_vatoolkit.rasterize import Job, RasterizeError, rasterize
from sphinx_vatoolkit.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from sphinx_vatoolkit.facts import Facts

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
LAYOUT_VERSION = "3"  # of the layout and of the files: a new one renders again
SHAPE_CONTRAST = 3.0
FONT_STACK = "'DejaVu Sans', Verdana, 'Segoe UI', Arial, sans-serif"


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # points
    height: float
    width_label: str
    height_label: str


PAPERS = {
    "a4": Paper("a4", 595.28, 841.89, "210mm", "297mm"),
    "letter": Paper("letter", 612.0, 792.0, "8.5in", "11in"),
}
INFOGRAPHIC_OPTIONS = {"paper": choice(*PAPERS)}

# Advance widths in em, rounded up from DejaVu Sans (the widest common fallback), so
# a line measured here is never shorter than the same line rendered.
_NARROW = set("il.,;:!|'`Ijt()[]{}/\\\"-") | {" "}
_WIDE = set("mwMW@%")


def glyph_width(char: str) -> float:
    base = unicodedata.normalize("NFD", char)[0] if char.strip() else char
    if base in (" ", NBSP):
        return 0.33
    if base in _NARROW:
        return 0.42
    if base in _WIDE:
        return 1.0
    if base.isupper():
        return 0.78
    if base.isdigit():
        return 0.66
    if base.isalpha() and base.isascii():
        return 0.64
    return 0.8


def text_width(text: str, size: float, bold: bool = False) -> float:
    return sum(glyph_width(char) for char in text) * size * (1.1 if bold else 1.0)


MAX_TEXT = 400  # characters of one text on the poster; the page's text version has it all
NBSP = "\u00a0"
# A phone number as people write it: "+34 910 555 199", "(11) 5555-0100".
PHONE_NUMBER = re.compile(r"\+?\(?\d[\d ().-]{4,}\d")


def words(text: str) -> list[str]:
    """The text's words, a phone number being one word (it never breaks across lines)."""
    text = PHONE_NUMBER.sub(lambda match: match.group().replace(" ", NBSP), text)
    return [word for word in re.split(r"[ \t\r\n]+", text) if word]


def break_long_word(word: str, width: float, factor: float) -> list[str]:
    """A word longer than a line, in pieces that fit: a URL after a slash where one
    fits, anything else by characters."""
    pieces: list[str] = []
    while word:
        fitting, used = 0, 0.0
        for char in word:
            used += glyph_width(char) * factor
            if used > width and fitting:
                break
            fitting += 1
        cut = word.rfind("/", 0, fitting) + 1 if fitting < len(word) else fitting
        if cut <= 0 or word[:cut].endswith("://"):  # no slash, or only the scheme's
            cut = fitting
        pieces.append(word[:cut])
        word = word[cut:]
    return pieces


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap; a word longer than a line (a URL) is broken after a slash."""
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1].rstrip() + "…"
    factor = size * (1.1 if bold else 1.0)
    space = glyph_width(" ") * factor
    lines: list[str] = []
    current, current_width = "", 0.0
    for word in words(text):
        word_width = text_width(word, size, bold)
        if current and current_width + space + word_width <= width:
            current, current_width = f"{current} {word}", current_width + space + word_width
            continue
        if current:
            lines.append(current)
        *full, current = break_long_word(word, width, factor)
        lines.extend(full)
        current_width = text_width(current, size, bold)
    if current:
        lines.append(current)
    return lines or [""]


@dataclass
class Line:
    x: float
    y: float
    text: str
    size: float
    bold: bool
    fill: str
    box_left: float
    box_right: float
    anchor: str = "start"


@dataclass
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str
    radius: float = 8.0
    stroke: str | None = None


@dataclass
class Circle:
    x: float
    y: float
    radius: float
    fill: str


@dataclass
class Content:
    """Everything the infographic says, already in the build language."""

    org_name: str
    title: str
    steps: list[tuple[str, list[str]]]
    ready_title: str
    ready: list[str]
    links_title: str
    links: list[tuple[str, str]]
    help_title: str
    help: list[str]
    language: str
    primary: str
    on_primary: str
    accent: str
    on_accent: str
    font: str
    logo: str | None = None  # data: URI
    # Each contact as the texts show it, and where it leads: the text version links it.
    addresses: tuple[tuple[str, str], ...] = ()

    def description(self) -> str:
        parts = [self.title + "."]
        for number, (title, texts) in enumerate(self.steps, start=1):
            parts.append(f"{number}. {title}: {' '.join(texts)}")
        if self.ready:
            parts.append(f"{self.ready_title}: {', '.join(self.ready)}.")
        for label, url in self.links:
            parts.append(f"{label}: {url}.")
        if self.help:
            parts.append(f"{self.help_title} {' '.join(self.help)}")
        return " ".join(parts)


@dataclass
class Layout:
    boxes: list[Box] = field(default_factory=list)
    circles: list[Circle] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    logo: dict[str, Any] | None = None
    bottom: float = 0.0
    full: bool = False  # the page had no room for a text: it and all after it are left out
    dropped: list[str] = field(default_factory=list)  # the texts left out


def layout(data: Content, paper: Paper, scale: float) -> Layout:
    """Where everything goes at ``scale``. Drawing stops at the bottom of the page: a
    text with no room left, and every text after it, is left out and listed in
    ``dropped``, so the work done is bounded by the page, not by the content."""
    margin = 36.0
    inner = paper.width - 2 * margin
    limit = paper.height - 24
    result = Layout()
    y = 0.0

    def add_lines(
        texts: list[str], x: float, width: float, size: float, fill: str, bold: bool = False
    ) -> None:
        nonlocal y
        for text in texts:
            if result.full:
                result.dropped.append(text)
                continue
            pieces = wrap(text, width, size, bold)
            if y + len(pieces) * size * 1.25 > limit:
                result.full = True
                result.dropped.append(text)
                continue
            for piece in pieces:
                y += size * 1.25
                result.lines.append(Line(x, round(y, 2), piece, size, bold, fill, x, x + width))
            y += size * 0.25

    header_size = 24 * scale
    logo_size = 56 * scale if data.logo else 0.0
    name_x = margin + (logo_size + 12 if logo_size else 0)
    header_top = y
    y += 24 * scale
    add_lines(
        [data.org_name],
        name_x,
        paper.width - margin - name_x,
        header_size,
        data.on_primary,
        bold=True,
    )
    add_lines([data.title], name_x, paper.width - margin - name_x, 15 * scale, data.on_primary)
    y = max(y, header_top + 24 * scale + logo_size) + 18 * scale
    result.boxes.insert(0, Box(0, header_top, paper.width, y - header_top, data.primary, 0))
    if data.logo:
        result.logo = {
            "x": margin,
            "y": header_top + 24 * scale,
            "size": logo_size,
            "data": data.logo,
        }

    body = 11.5 * scale
    heading = 14 * scale
    radius = 15 * scale
    text_x = margin + 2 * radius + 14
    for number, (title, texts) in enumerate(data.steps, start=1):
        y += 16 * scale
        top = y
        left_out = len(result.dropped)
        add_lines([title], text_x, inner - (text_x - margin), heading, "#1b1e24", bold=True)
        add_lines(texts, text_x, inner - (text_x - margin), body, "#1b1e24")
        if len(result.dropped) > left_out and result.dropped[left_out] == title:
            continue  # no room for the step: no number either
        circle_y = top + radius + 2
        result.circles.append(Circle(margin + radius, circle_y, radius, data.accent))
        result.lines.append(
            Line(
                margin + radius,
                circle_y + heading * 0.36,
                str(number),
                heading,
                True,
                data.on_accent,
                margin,
                margin + 2 * radius,
                "middle",
            )
        )
        y = max(y, circle_y + radius)

    def panel(title: str, items: list[str]) -> None:
        nonlocal y
        if not items:
            return
        if result.full:
            result.dropped.extend([title, *items])
            return
        y += 20 * scale
        top = y
        y += 6 * scale
        add_lines([title], margin + 14, inner - 28, heading, "#1b1e24", bold=True)
        add_lines([f"• {item}" for item in items], margin + 14, inner - 28, body, "#1b1e24")
        y += 8 * scale
        result.boxes.append(Box(margin, top, inner, y - top, "#f3f5f8", 8, data.primary))

    panel(data.ready_title, data.ready)
    panel(data.links_title, [f"{label}: {url}" for label, url in data.links])
    panel(data.help_title, data.help)
    result.bottom = y
    return result


# Body text at 0.7 is 8 points, the smallest print a reader takes in at arm's length;
# below it a text is better left out (with a warning) than printed unreadable.
MIN_SCALE = 0.7


def fit(data: Content, paper: Paper) -> Layout:
    """The layout at the largest scale that holds everything, or at the smallest scale
    with what does not fit left out (listed in ``Layout.dropped``)."""
    scale = 1.0
    result = layout(data, paper, scale)
    while result.full and scale > MIN_SCALE:
        scale = max(scale * 0.92, MIN_SCALE)
        result = layout(data, paper, scale)
    return result


def render_svg(data: Content, paper: Paper, element_id: str) -> str:
    result = fit(data, paper)
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    template = environment.get_template("infographic.svg.jinja")
    return template.render(
        paper=paper,
        ids={"title": f"{element_id}-title", "desc": f"{element_id}-desc"},
        lang=data.language.replace("_", "-"),
        title=f"{data.title} – {data.org_name}",
        description=data.description(),
        boxes=result.boxes,
        circles=result.circles,
        lines=result.lines,
        logo=result.logo,
        font=data.font,
    )


# -- content from the facts ------------------------------------------------------


def _logo_data(
    facts: Facts, confdir: str | os.PathLike[str], srcdir: str | os.PathLike[str] | None
) -> str | None:
    """The checked logo as a ``data:`` URI (see :mod:`sphinx_vatoolkit.files`)."""
    logo = project_logo(facts.model, Path(confdir), Path(srcdir if srcdir else confdir))
    return logo.data_uri() if logo is not None else None


def build_content(
    facts: Facts,
    confdir: str | os.PathLike[str],
    read_files: bool = True,
    srcdir: str | os.PathLike[str] | None = None,
) -> Content:
    model = facts.model
    colours = palette_for_infographic(facts)
    booking: list[str] = []
    if model.booking.url:
        booking.append(content.format_text(_("Online: {url}"), url=model.booking.url))
    if model.booking.phone:
        booking.append(content.format_text(_("By phone: {phone}"), phone=model.booking.phone))
    if model.booking.email:
        booking.append(content.format_text(_("By e-mail: {email}"), email=model.booking.email))
    for channel in model.booking.social:
        booking.append(
            content.format_text(
                _("On {channel}: {address}"),
                channel=channel.name,
                address=content.printed_url(channel.url),
            )
        )
    if not booking:
        booking.append(
            content.format_text(
                facts.organization_sentence(N_("Contact {org}.")), **facts.organization_forms()
            )
        )
    platform = facts.platform
    steps = [
        (str(_("Book your appointment")), booking),
        (
            str(_("Check your e-mail")),
            [str(_("You receive a confirmation e-mail with the link to join."))],
        ),
        (
            str(_("Wait in the lobby")) if platform.lobby else str(_("Join the call")),
            [
                str(
                    _(
                        "At the time of your appointment, select the link. You wait in a "
                        "virtual lobby until a staff member lets you in."
                    )
                    if platform.lobby
                    else _("At the time of your appointment, select the link to join.")
                )
            ],
        ),
        (
            str(_("Meet one-to-one")),
            [
                content.format_text(
                    _("You talk with a member of our staff in a private video call on {platform}."),
                    platform=facts.platform_name,
                )
            ],
        ),
    ]
    ready = facts.equipment(model.technology.equipment) or [
        str(_("a device with a camera and a microphone")),
        str(_("a stable internet connection")),
    ]
    ready += [facts.text(item) for item in model.prepare.checklist]
    links = [
        (str(label), url)
        for label, url in (
            (_("Booking page"), model.booking.url),
            (_("Billing information"), model.organization.billing_url),
            (_("Home page"), model.organization.website),
        )
        if url
    ]
    support = model.support
    help_lines = [
        value
        for value in (
            support.phone,
            support.email,
            facts.text(support.hours) if support.hours else None,
        )
        if value
    ]
    brand_font = model.brand.font
    addresses = [(url, url) for _label, url in links]
    addresses += [(content.printed_url(c.url), c.url) for c in model.booking.social]
    for phone in (model.booking.phone, support.phone):
        if phone:
            addresses.append((phone, content.phone_uri(phone)))
    for email in (model.booking.email, support.email):
        if email:
            addresses.append((email, "mailto:" + email))
    return Content(
        org_name=facts.org_name,
        title=str(_("Your virtual appointment, step by step")),
        steps=steps,
        ready_title=str(_("Have ready")),
        ready=[str(item) for item in ready],
        links_title=str(_("Useful links")),
        links=links,
        help_title=str(_("Need help?")),
        help=help_lines,
        language=facts.language,
        font=(f"'{brand_font}', " if brand_font else "") + FONT_STACK,
        logo=_logo_data(facts, confdir, srcdir) if read_files else None,
        addresses=tuple(addresses),
        **colours,
    )


def palette_for_infographic(facts: Facts) -> dict[str, str]:
    """Brand colours, or accessible variants of them with a warning that gives the ratio."""
    colours = palette_for(facts.model.brand)
    accent = colours.accent
    ratio = contrast_ratio(accent, WHITE)
    if ratio < SHAPE_CONTRAST:
        fixed = readable_on(accent, WHITE, SHAPE_CONTRAST)
        logger.warning(
            "vatoolkit.brand.accent_color: %s has a contrast of %.2f:1 against white, below "
            "the %.1f:1 WCAG 2.1 needs for shapes; the infographic uses %s instead",
            accent,
            ratio,
            SHAPE_CONTRAST,
            fixed,
            type="vatoolkit",
            subtype="contrast",
            location=facts.location,
            once=True,
        )
        accent = fixed
    return {
        "primary": colours.primary,
        "on_primary": colours.on_primary,
        "accent": accent,
        "on_accent": text_on(accent),
    }


# -- files and cache ----------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    svg: Path
    pdf: dict[str, Path]
    png: Path | None
    element_id: str = ""  # the prefix of the ids inside the SVG
    name: str = "infographic"  # of the downloads: infographic-en.svg, infographic-en-a4.pdf


def cairosvg_module() -> Any:
    try:
        import cairosvg
    except (ImportError, OSError):
        return None
    return cairosvg


def render_files(
    data: Content, cache: Path, key: str, paper_name: str, location: Any = None
) -> Rendered:
    """Write SVG (and PDF, PNG) once per content hash; later builds reuse them.

    PDF and PNG are drawn by cairosvg in a process of its own under a time and memory
    budget (see :mod:`sphinx_vatoolkit.rasterize`). A failure (a logo cairosvg cannot
    draw, or not within the budget) costs the PDF and PNG copies, with a warning, never
    the build; it is remembered with the content hash, so an unchanged build neither
    draws again nor waits again."""
    cache.mkdir(parents=True, exist_ok=True)
    download_name = f"infographic-{data.language}"
    stem = f"{download_name}-{key[:12]}"
    svg_path = cache / f"{stem}.svg"
    failed = cache / f"{stem}.failed"
    cairo = cairosvg_module()
    pdfs = {name: cache / f"{stem}-{name}.pdf" for name in PAPERS} if cairo else {}
    png = cache / f"{stem}.png" if cairo else None
    svgs = {
        name: svg_path if name == paper_name else cache / f"{stem}-{name}.svg" for name in PAPERS
    }
    svg_only = Rendered(svg_path, {}, None, svg_id_prefix(key), download_name)
    if cairo and failed.is_file() and all(path.exists() for path in svgs.values()):
        _warn_not_drawn(failed.read_text(encoding="utf-8"), location)
        return svg_only
    wanted = [*svgs.values(), *pdfs.values(), *([png] if png else [])]
    if all(path.exists() for path in wanted):
        return Rendered(svg_path, pdfs, png, svg_id_prefix(key), download_name)
    logger.info(
        "vatoolkit: rendering the infographic for %s%s",
        data.language,
        "" if cairo else " (SVG only: install sphinx-vatoolkit[pdf] for PDF and PNG copies)",
    )
    for name, paper in PAPERS.items():
        _write_atomic(svgs[name], render_svg(data, paper, svg_id_prefix(key)).encode("utf-8"))
    if not cairo:
        return Rendered(svg_path, pdfs, png, svg_id_prefix(key), download_name)
    drawn = {path: path.with_suffix(path.suffix + f".{os.getpid()}.tmp") for path in pdfs.values()}
    jobs = [Job(svgs[name], drawn[pdf], "pdf") for name, pdf in pdfs.items()]
    if png is not None:
        drawn[png] = png.with_suffix(f".png.{os.getpid()}.tmp")
        jobs.append(Job(svg_path, drawn[png], "png", 1.5))
    try:
        rasterize(jobs)
        for target, temporary in drawn.items():
            copy = temporary.read_bytes()
            _write_atomic(target, without_creation_date(copy) if target.suffix == ".pdf" else copy)
    except (RasterizeError, OSError) as exc:
        reason = str(exc)
        _write_atomic(failed, reason.encode("utf-8"))
        _warn_not_drawn(reason, location)
        for path in [*pdfs.values(), *([png] if png else [])]:
            path.unlink(missing_ok=True)
        return svg_only
    finally:
        for temporary in drawn.values():
            temporary.unlink(missing_ok=True)
    return Rendered(svg_path, pdfs, png, svg_id_prefix(key), download_name)


def _warn_not_drawn(reason: str, location: Any) -> None:
    logger.warning(
        "vatoolkit: cairosvg could not draw the infographic (%s); it is offered as SVG only",
        reason,
        type="vatoolkit",
        subtype="infographic",
        location=location,
    )


_PDF_DATE = re.compile(rb"/(?:CreationDate|ModDate)\s*\((?:[^()\\]|\\.)*\)")


def without_creation_date(pdf: bytes) -> bytes:
    """The PDF without the time it was written (cairo writes it as ``/CreationDate``),
    so the same poster gives the same bytes. The entry becomes spaces of its length:
    the byte offsets of the file's cross-reference table stay right."""
    return _PDF_DATE.sub(lambda match: b" " * len(match.group(0)), pdf)


def svg_id_prefix(key: str) -> str:
    """The prefix of the ids inside a rendered SVG (its title and description)."""
    return f"va-infographic-{key[:8]}"


def _write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


# -- nodes ------------------------------------------------------------------------------


class infographic_svg(nodes.General, nodes.Element):
    """HTML: the SVG drawn inline; other builders drop it (they get the PNG or text)."""


def visit_infographic_svg(self: HTML5Translator, node: infographic_svg) -> None:
    svg = Path(node["svg_path"]).read_text(encoding="utf-8")
    svg = svg.split("?>", 1)[-1]  # inline SVG has no XML declaration
    if node.get("svg_ids"):  # two identical infographics on a page: ids of their own
        old, new = node["svg_ids"]
        svg = svg.replace(f'"{old}-title"', f'"{new}-title"')
        svg = svg.replace(f'"{old}-desc"', f'"{new}-desc"')
        svg = svg.replace(f'"{old}-title {old}-desc"', f'"{new}-title {new}-desc"')
    # Inline, the page's own lang applies; HTML does not allow lang on <svg>.
    svg = re.sub(r'\s(?:xml:)?lang="[^"]*"', "", svg, count=2)
    self.body.append(self.starttag(node, "div", CLASS="va-infographic-figure") + svg)
    raise nodes.SkipChildren


def depart_infographic_svg(self: HTML5Translator, node: infographic_svg) -> None:
    self.body.append("</div>\n")


def skip_node(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


class InlineSvgForHtml(SphinxPostTransform):
    """HTML draws the SVG inline, so the PNG picture goes (it stays a download)."""

    default_priority = 190
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for picture in self.document.findall(infographic_svg):
            picture["inline"] = True
            for image in list(picture.parent.findall(nodes.image)):
                if "va-infographic-png" in image["classes"]:
                    image.parent.remove(image)


class PngElsewhere(SphinxPostTransform):
    """Other builders show the PNG (when ``[pdf]`` made one) and the text version."""

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        for picture in list(self.document.findall(infographic_svg)):
            if not picture.get("inline"):
                picture.parent.remove(picture)


def linked(text: str, addresses: tuple[tuple[str, str], ...]) -> list[nodes.Node]:
    """The text with each contact in it (a URL, a number, an address) as a link."""
    if not addresses:
        return [nodes.Text(text)]
    shown = sorted({address for address, _uri in addresses}, key=len, reverse=True)
    targets = dict(addresses)
    pattern = re.compile("|".join(re.escape(address) for address in shown))
    result: list[nodes.Node] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            result.append(nodes.Text(text[position : match.start()]))
        result.append(content.link(targets[match.group()], match.group()))
        position = match.end()
    if position < len(text):
        result.append(nodes.Text(text[position:]))
    return result


def text_alternative(data: Content) -> nodes.container:
    """The infographic as text, one contact per line, each a link: what a phone shows.

    Its texts are the picture's, facts and all: smart quotes leave them as written."""
    box = content.as_written(nodes.container(classes=["va-infographic-text"]))
    box += nodes.paragraph("", "", content.strong(data.title))
    steps = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for title, texts in data.steps:  # one line per text: a contact, a link, a sentence
        step = nodes.list_item("", nodes.paragraph("", "", content.strong(title)))
        lines = [linked(text, data.addresses) for text in texts]
        step += (
            content.bullet_list(lines)
            if len(lines) > 1
            else [nodes.paragraph("", "", *line) for line in lines]
        )
        steps += step
    box += steps
    links = [f"{label}: {url}" for label, url in data.links]
    for title, items in (
        (data.ready_title, data.ready),
        (data.links_title, links),
        (data.help_title, data.help),
    ):
        if items:
            box += nodes.paragraph("", "", content.strong(title))
            box += content.bullet_list(linked(item, data.addresses) for item in items)
    return box


def generated_infographic(directive: VaDirective, facts: Facts) -> tuple[Content, Rendered]:
    """The organization's infographic for the build language, from the cache if possible."""
    env = directive.env
    paper_name = directive.choice("paper", facts.model.infographics.paper)
    # docutils' file_insertion_enabled = False forbids reading files into the page.
    read_files = bool(directive.state.document.settings.file_insertion_enabled)
    confdir = build_state(env).confdir
    logo = facts.model.brand.logo or facts.model.organization.logo
    if read_files and logo:  # a new logo file, or a changed one, redraws the page
        env.note_dependency(str(Path(confdir, logo).absolute()))
    data = build_content(facts, confdir, read_files, env.srcdir)
    key = hashlib.sha256(repr((LAYOUT_VERSION, paper_name, data)).encode("utf-8")).hexdigest()
    cache = Path(env.doctreedir) / "vatoolkit-infographics"
    report_dropped(fit(data, PAPERS[paper_name]), facts)
    return data, render_files(data, cache, key, paper_name, facts.location)


def report_dropped(result: Layout, facts: Facts) -> None:
    """Say which texts the picture has no room for (the text version has them all)."""
    if not result.dropped:
        return
    texts = [text.removeprefix("• ") for text in result.dropped]
    shown = ", ".join(repr(text if len(text) <= 40 else text[:37] + "...") for text in texts[:3])
    logger.warning(
        "vatoolkit: the generated infographic has no room for %d of its texts, left out "
        "of the picture and kept in the text version below it: %s%s",
        len(texts),
        shown,
        f" and {len(texts) - 3} more" if len(texts) > 3 else "",
        type="vatoolkit",
        subtype="infographic",
        location=facts.location,
    )


class generated_download(nodes.Inline, nodes.TextElement):
    """A generated file to download (``path``, published as ``name``): becomes Sphinx's
    download link, named by the file's content, in :func:`downloads_by_content`."""


def download_links(directive: VaDirective, rendered: Rendered) -> list[list[nodes.Node]]:
    links: list[list[nodes.Node]] = []
    for label, path, name in [
        (_("Download as SVG"), rendered.svg, f"{rendered.name}.svg"),
        *[
            (
                content.format_text(
                    _("Download as a PDF ({paper})"), paper=str(PAPER_LABELS[paper])
                ),
                pdf,
                f"{rendered.name}-{paper}.pdf",
            )
            for paper, pdf in rendered.pdf.items()
        ],
        *([(_("Download as PNG"), rendered.png, f"{rendered.name}.png")] if rendered.png else []),
    ]:
        links.append(
            [generated_download("", "", nodes.inline("", str(label)), path=str(path), name=name)]
        )
    return links


DOWNLOADS = "vatoolkit"  # the folder of the generated downloads in ``_downloads``


def published_name(data: bytes, name: str) -> str:
    """Where a download goes in ``_downloads``: by its content, whatever the build's paths."""
    return f"{DOWNLOADS}/{hashlib.sha256(data).hexdigest()[:16]}/{name}"


def downloads_by_content(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: each generated download becomes a ``download_reference`` to
    ``_downloads/vatoolkit/<hash>/<name>``; HTML builders that publish downloads get the
    file copied there. Other builders show the label, as for any download."""
    builder = app.builder
    publish = (
        builder.format == "html"
        and bool(getattr(builder, "download_support", False))
        and builder.name != "vatoolkit-fragments"  # links to the HTML build's files
    )
    for node in list(doctree.findall(generated_download)):
        try:
            data = Path(node["path"]).read_bytes()
        except OSError as exc:
            logger.warning(
                "vatoolkit: the generated file %s is missing (%s); its download link is "
                "left out: build again with -E",
                node["name"],
                exc.strerror or type(exc).__name__,
                type="vatoolkit",
                subtype="infographic",
                location=node,
            )
            node.replace_self(node.children)
            continue
        filename = published_name(data, node["name"])
        if publish:
            _publish(Path(builder.outdir, "_downloads", filename), data)
        reference = addnodes.download_reference(
            "",
            "",
            *node.children,
            refdoc=docname,
            reftarget=node["name"],
            refexplicit=True,
            reftype="download",
            filename=filename,
        )
        reference.source, reference.line = node.source, node.line
        node.replace_self(reference)


def _publish(target: Path, data: bytes) -> None:
    """Write a download once: its name is its content, so one already there is the same."""
    if target.is_file() and not target.is_symlink():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink():
        target.unlink()
    _write_atomic(target, data)


def build_infographic(directive: VaDirective, facts: Facts) -> list[nodes.Node]:
    env = directive.env
    data, rendered = generated_infographic(directive, facts)
    box = nodes.container(classes=["va-infographic"])
    box["ids"].append(content.unique_id(directive.state.document, "va-infographic"))
    directive.state.document.ids[box["ids"][0]] = box
    svg_ids = (rendered.element_id, f"{box['ids'][0]}-svg")
    box += infographic_svg(svg_path=str(rendered.svg), svg_ids=svg_ids)
    if rendered.png is not None and (uri := content.source_uri(env.srcdir, rendered.png)):
        alt = content.format_text(
            _("{title} (the same information follows as text)"),
            title=f"{data.title} – {data.org_name}",
        )
        box += nodes.image(uri=uri, alt=alt, classes=["va-infographic-png"])
    box += text_alternative(data)
    downloads = download_links(directive, rendered)
    if downloads:
        listing = content.bullet_list(downloads)
        listing["classes"].append("va-infographic-downloads")
        box += listing
    content.mark_generated([box])
    for node in box.findall(nodes.Element):
        directive.set_source_info(node)
    return [box]


PAPER_LABELS = {"a4": "A4", "letter": _("US Letter")}


class InfographicDirective(VaDirective):
    """``va-infographic``: the organization's generated infographic, with downloads."""

    option_spec: ClassVar[dict[str, Any]] = OptionSpec(MODE_OPTION | INFOGRAPHIC_OPTIONS)

    def build(self) -> list[nodes.Node]:
        return build_infographic(self, self.facts())


def setup_infographic(app: Sphinx) -> None:
    app.add_node(
        infographic_svg,
        html=(visit_infographic_svg, depart_infographic_svg),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_node(generated_download)
    app.add_directive("va-infographic", InfographicDirective)
    app.connect("doctree-resolved", downloads_by_content)
    app.add_post_transform(InlineSvgForHtml)
    app.add_post_transform(PngElsewhere)
