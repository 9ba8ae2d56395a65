"""The organization's logo, read once the safe way for the theme and the infographic.

A logo is published (``_static/vatoolkit-logo.<ext>``) and embedded in the
infographic only when

* its real path, symlinks resolved, lies inside the project (the configuration or
  source directory);
* its content, not its name, is a PNG, JPEG or SVG image of a bounded size;
* an SVG parses without entity declarations and keeps, once cleaned, only drawing:
  scripts, event handlers, ``foreignObject``, animation, and references to anything
  but a fragment of the file itself or an embedded PNG/JPEG image are removed.

Every refusal is a ``vatoolkit.logo`` message naming the key and the file; the build
goes on without the logo.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.parsers import expat
from xml.sax.saxutils import escape

from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx_vatoolkit.config import VaToolkitConfig

logger = logging.getLogger(__name__)

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 2048  # width and height of a PNG or JPEG logo
MAX_SVG_ELEMENTS = 10_000
MAX_SVG_DEPTH = 64

PNG = "image/png"
JPEG = "image/jpeg"
SVG = "image/svg+xml"
SUFFIXES = {PNG: ".png", JPEG: ".jpg", SVG: ".svg"}
NAMES = {PNG: "a PNG", JPEG: "a JPEG", SVG: "an SVG"}
_SUFFIX_KINDS = {".png": PNG, ".jpg": JPEG, ".jpeg": JPEG, ".svg": SVG}

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"


class Refused(Exception):
    """The file is not used; the message says why."""


@dataclass(frozen=True)
class Logo:
    """A logo fit to publish and embed: checked (and, for SVG, cleaned) bytes."""

    data: bytes
    kind: str  # PNG, JPEG or SVG
    source: Path

    @property
    def suffix(self) -> str:
        return SUFFIXES[self.kind]

    def data_uri(self) -> str:
        return f"data:{self.kind};base64,{base64.b64encode(self.data).decode('ascii')}"


# -- raster images ------------------------------------------------------------------


def _check_size(width: int, height: int, what: str) -> None:
    if width <= 0 or height <= 0:
        raise Refused(f"is a {what} image without a width or height")
    if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS:
        raise Refused(
            f"is a {what} image of {width}×{height} pixels: a logo may have at most "
            f"{MAX_LOGO_PIXELS}×{MAX_LOGO_PIXELS}"
        )


def check_png(data: bytes) -> None:
    """A whole PNG: signature, chunks with their checksums, IHDR first, IEND last."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise Refused("is not a PNG image")
    position, first, seen_data = 8, True, False
    while True:
        if position + 12 > len(data):
            raise Refused("is a PNG image that is cut short")
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 12 + length
        if end > len(data):
            raise Refused("is a PNG image that is cut short")
        body = data[position + 8 : end - 4]
        (checksum,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(kind + body) != checksum:
            raise Refused(f"is a damaged PNG image (chunk {kind!r} fails its checksum)")
        if first:
            if kind != b"IHDR" or length != 13:
                raise Refused("is a damaged PNG image (it does not start with IHDR)")
            width, height = struct.unpack(">II", body[:8])
            _check_size(width, height, "PNG")
            first = False
        seen_data = seen_data or kind == b"IDAT"
        position = end
        if kind == b"IEND":
            break
    if not seen_data:
        raise Refused("is a PNG image without image data")


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def check_jpeg(data: bytes) -> None:
    """A JPEG's segments up to its frame header, which gives a bounded size."""
    if not data.startswith(b"\xff\xd8\xff"):
        raise Refused("is not a JPEG image")
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise Refused("is a damaged JPEG image")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if length < 2 or position + 2 + length > len(data):
            raise Refused("is a JPEG image that is cut short")
        if marker in _SOF:
            if length < 7:
                raise Refused("is a damaged JPEG image")
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            _check_size(width, height, "JPEG")
            if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
                raise Refused("is a JPEG image that is cut short")
            return
        if marker in (0xDA, 0xD9):  # image data or the end before any frame header
            break
        position += 2 + length
    raise Refused("is a damaged JPEG image (no frame header)")


def image_kind(data: bytes) -> str | None:
    """PNG, JPEG or SVG by the file's content; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and b"<svg" in data[:65536]:
        return SVG
    return None


# -- SVG --------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DRAWING = _words(
    """svg g defs symbol use title desc path rect circle ellipse line polyline polygon
    text tspan textPath linearGradient radialGradient stop clipPath mask pattern
    image marker style filter feBlend feColorMatrix feComponentTransfer feComposite
    feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight
    feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge
    feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight
    feTile feTurbulence"""
)
# Kept as a plain group: their children are drawing, they themselves are not.
_UNWRAPPED = frozenset({"a", "switch"})
# Removed and reported: what runs, loads or changes the drawing after it is shown.
_ACTIVE = _words(
    """script foreignObject iframe object embed animate animateMotion animateTransform
    animateColor set discard handler listener feImage audio video canvas"""
)
_URL = re.compile(r"""url\(\s*['"]?\s*([^'")\s]*)""", re.I)
_CSS_REFUSED = ("@import", "javascript:", "expression(", "\\", "-moz-binding", "behavior", "<")
_EMBEDDED_IMAGE = re.compile(r"^data:image/(png|jpeg);base64,([A-Za-z0-9+/=\s]*)$")


@dataclass
class _Element:
    namespace: str
    name: str
    attributes: dict[str, str]
    children: list[_Element | str]


def _split(name: str) -> tuple[str, str]:
    namespace, _space, local = name.rpartition(" ")
    return namespace, local


def _parse_svg(data: bytes) -> _Element:
    """The SVG's element tree; entity declarations, too many elements or too deep a tree
    are refused before anything is built from them."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root: list[_Element] = []
    stack: list[_Element] = []
    count = 0

    def refuse_entities(*_args: Any) -> Any:
        raise Refused("is an SVG file that declares or uses entities, which are not allowed")

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal count
        count += 1
        if count > MAX_SVG_ELEMENTS:
            raise Refused(f"is an SVG file of more than {MAX_SVG_ELEMENTS} elements")
        if len(stack) >= MAX_SVG_DEPTH:
            raise Refused(f"is an SVG file nested more than {MAX_SVG_DEPTH} elements deep")
        namespace, local = _split(name)
        element = _Element(namespace, local, attributes, [])
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)

    def end(_name: str) -> None:
        stack.pop()

    def characters(text: str) -> None:
        if stack:
            stack[-1].children.append(text)

    parser.EntityDeclHandler = refuse_entities
    parser.UnparsedEntityDeclHandler = refuse_entities
    parser.ExternalEntityRefHandler = refuse_entities
    parser.SkippedEntityHandler = refuse_entities
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise Refused(
            f"is not a well-formed SVG file ({expat.errors.messages[exc.code]}, line {exc.lineno})"
        ) from None
    except (ValueError, LookupError) as exc:  # e.g. an encoding Python does not know
        raise Refused(f"is not a readable SVG file ({exc})") from None
    if not root or root[0].namespace != SVG_NS or root[0].name != "svg":
        raise Refused("is not an SVG image (its root element is not <svg> in the SVG namespace)")
    return root[0]


def _safe_css(css: str) -> bool:
    lowered = css.lower()
    if any(word in lowered for word in _CSS_REFUSED):
        return False
    return all(target.startswith("#") for target in _URL.findall(css))


def _safe_embedded_image(value: str) -> bool:
    match = _EMBEDDED_IMAGE.match(value.strip())
    if match is None:
        return False
    try:
        data = base64.b64decode("".join(match.group(2).split()), validate=True)
        (check_png if match.group(1) == "png" else check_jpeg)(data)
    except (binascii.Error, ValueError, Refused):
        return False
    return True


def _clean_attributes(element: _Element, removed: list[str]) -> dict[str, str]:
    kept: dict[str, str] = {}
    for name, value in element.attributes.items():
        namespace, local = _split(name)
        if local.lower().startswith("on"):
            removed.append(f"an event handler ({local})")
            continue
        if namespace == XML_NS:
            if local in {"space", "lang"}:
                kept[f"xml:{local}"] = value
            continue
        if namespace not in ("", XLINK_NS):
            continue  # editors' data (inkscape:, sodipodi:...): not drawing
        if local == "href":
            if value.startswith("#") or (element.name == "image" and _safe_embedded_image(value)):
                kept["xlink:href" if namespace else "href"] = value
            else:
                removed.append(f"a reference to {value[:40]!r}")
            continue
        if namespace:
            continue
        if local == "style" and not _safe_css(value):
            removed.append("a style with an external reference or code")
            continue
        if "url(" in value.lower() and not _safe_css(value):
            removed.append(f"a reference in {local}")
            continue
        if "javascript:" in value.lower():
            removed.append(f"code in {local}")
            continue
        kept[local] = value
    return kept


def _clean(element: _Element, removed: list[str]) -> _Element | None:
    """A copy of the element with only drawing in it, or None."""
    if element.namespace != SVG_NS:
        if element.name in _ACTIVE or element.namespace == "http://www.w3.org/1999/xhtml":
            removed.append(f"a <{element.name}> element")
        return None
    if element.name in _ACTIVE:
        removed.append(f"a <{element.name}> element")
        return None
    if element.name not in _DRAWING and element.name not in _UNWRAPPED:
        return None  # metadata and the like: nothing to draw
    attributes = _clean_attributes(element, removed)
    name = element.name
    if name in _UNWRAPPED:
        if name == "a" and ("href" in attributes or "xlink:href" in attributes):
            removed.append("a link")
        name = "g"
        attributes = {k: v for k, v in attributes.items() if not k.endswith("href")}
    children: list[_Element | str] = []
    for child in element.children:
        if isinstance(child, str):
            if name == "style" and not _safe_css(child):
                removed.append("a style sheet with an external reference or code")
                continue
            children.append(child)
        else:
            cleaned = _clean(child, removed)
            if cleaned is not None:
                children.append(cleaned)
    return _Element(SVG_NS, name, attributes, children)


def _walk(element: _Element) -> Iterable[_Element]:
    pending = [element]
    while pending:
        current = pending.pop()
        yield current
        pending.extend(child for child in current.children if isinstance(child, _Element))


def _drop_nested_uses(root: _Element, removed: list[str]) -> None:
    """A ``<use>`` of something holding a ``<use>`` can multiply the drawing without
    bound (a "billion laughs" of elements): such references are removed."""
    holding_use = set()
    for element in _walk(root):
        ident = element.attributes.get("id")
        if ident and any(inner.name == "use" for inner in _walk(element) if inner is not element):
            holding_use.add(ident)
    for element in _walk(root):
        for child in list(element.children):
            if isinstance(child, _Element) and child.name == "use":
                target = child.attributes.get("href", child.attributes.get("xlink:href", ""))
                if target.lstrip("#") in holding_use:
                    element.children.remove(child)
                    removed.append("a <use> of another <use>")


def _serialize(element: _Element, out: list[str], depth: int = 0) -> None:
    attributes = "".join(
        f' {name}="{escape(value, {chr(34): "&quot;", chr(10): "&#10;", chr(9): "&#9;"})}"'
        for name, value in element.attributes.items()
    )
    if depth == 0:
        attributes = f' xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}"' + attributes
    if not element.children:
        out.append(f"<{element.name}{attributes}/>")
        return
    out.append(f"<{element.name}{attributes}>")
    for child in element.children:
        if isinstance(child, str):
            out.append(escape(child))
        else:
            _serialize(child, out, depth + 1)
    out.append(f"</{element.name}>")


def sanitize_svg(data: bytes) -> tuple[bytes, list[str]]:
    """The SVG with only drawing in it, and what was removed. Raises :class:`Refused`."""
    root = _parse_svg(data)
    removed: list[str] = []
    cleaned = _clean(root, removed)
    assert cleaned is not None
    _drop_nested_uses(cleaned, removed)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    _serialize(cleaned, out)  # recursion bounded by MAX_SVG_DEPTH
    return "".join(out).encode("utf-8"), list(dict.fromkeys(removed))


# -- the logo -------------------------------------------------------------------------


def _inside(path: Path, roots: Iterable[Path]) -> bool:
    return any(path.is_relative_to(root) for root in roots)


def read_logo(relative: str, key: str, confdir: Path, roots: Iterable[Path]) -> Logo | None:
    """The logo at ``relative`` (to ``confdir``), checked and cleaned; None, with a
    message naming ``key`` and the file, when it may not be used."""
    where = f"vatoolkit.{key}: {relative!r}"

    def refuse(reason: str) -> None:
        logger.error(
            "%s %s; the logo is not used",
            where,
            reason,
            type="vatoolkit",
            subtype="logo",
            once=True,
        )

    try:
        real = Path(confdir, relative).resolve(strict=True)
        resolved_roots = [Path(root).resolve() for root in roots]
        if not _inside(real, resolved_roots):
            refuse(f"leads outside the project (to {str(real)!r})")
            return None
        if not real.is_file():
            refuse("is not a file")
            return None
        if real.stat().st_size > MAX_LOGO_BYTES:
            refuse(f"is larger than {MAX_LOGO_BYTES // (1024 * 1024)} MB")
            return None
        data = real.read_bytes()
    except FileNotFoundError:
        logger.warning(
            "%s: the file does not exist", where, type="vatoolkit", subtype="logo", once=True
        )
        return None
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop, a bad name
        refuse(f"cannot be read ({exc})")
        return None
    kind = image_kind(data)
    try:
        if kind == PNG:
            check_png(data)
        elif kind == JPEG:
            check_jpeg(data)
        elif kind == SVG:
            data, removed = sanitize_svg(data)
            if removed:
                logger.warning(
                    "%s: removed from the SVG logo: %s; the cleaned logo is used",
                    where,
                    ", ".join(removed[:8]) + (" and more" if len(removed) > 8 else ""),
                    type="vatoolkit",
                    subtype="logo",
                    once=True,
                )
        else:
            raise Refused("is not a PNG, JPEG or SVG image")
    except Refused as exc:
        refuse(str(exc))
        return None
    assert kind is not None
    named = _SUFFIX_KINDS.get(real.suffix.lower())
    if named != kind:
        logger.warning(
            "%s %s; it holds %s image and is used as one",
            where,
            f"ends in {real.suffix!r}" if real.suffix else "has no extension",
            NAMES[kind],
            type="vatoolkit",
            subtype="logo",
            once=True,
        )
    return Logo(data, kind, real)


def project_logo(model: VaToolkitConfig, confdir: Path, srcdir: Path) -> Logo | None:
    """The organization's logo (``brand.logo``, else ``organization.logo``), or None."""
    if model.brand.logo:
        key, relative = "brand.logo", model.brand.logo
    elif model.organization.logo:
        key, relative = "organization.logo", model.organization.logo
    else:
        return None
    return read_logo(relative, key, confdir, (confdir, srcdir))
