"""The organization's logo, read once the safe way for the theme and the infographic.

A logo is published (``_static/vatoolkit-logo.<ext>``) and embedded in the
infographic only when

* it is read by :func:`sphinx_vatoolkit.project_files.read_project_file`: a regular
  file with one name whose real path lies inside the project, of a bounded size;
* its content, not its name, is a PNG, JPEG or SVG image of a bounded size;
* a PNG or JPEG is re-written with only what draws it (no text, EXIF or XMP metadata,
  nothing after its end);
* an SVG parses without entity declarations and keeps, once cleaned, only drawing:
  scripts, event handlers, ``foreignObject``, animation, and references to anything
  but a fragment of the file itself or an embedded PNG/JPEG image are removed; CSS
  (style sheets joined, ``style=`` and presentation attributes) that holds anything
  but ``url(#id)``, colours, arithmetic and transforms is removed whole;
* an SVG whose structure could explode when drawn (huge sizes, a pattern inside a
  pattern, ``<use>`` fan-out, huge filters) is refused before anything draws it.

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

from sphinx_vatoolkit.project_files import (
    MissingProjectFile,
    ProjectFileError,
    read_project_file,
    real_project_path,
)

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


def check_png(data: bytes) -> tuple[int, int]:
    """A whole PNG: signature, chunks with their checksums, IHDR first, IEND last; its
    width and height."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise Refused("is not a PNG image")
    position, first, seen_data = 8, True, False
    width = height = 0
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
    return width, height


# What drawing a PNG needs: the image, its palette and transparency, its colour space.
_PNG_DRAWING_CHUNKS = frozenset(
    {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT"}
)


def clean_png(data: bytes) -> bytes:
    """The PNG (checked, see :func:`check_png`) with only the chunks that draw it: no
    text, EXIF, time or animation chunks, nothing after ``IEND``."""
    check_png(data)
    kept, position = [data[:8]], 8
    while True:
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 12 + length
        if kind in _PNG_DRAWING_CHUNKS:
            kept.append(data[position:end])
        position = end
        if kind == b"IEND":
            return b"".join(kept)


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def check_jpeg(data: bytes) -> tuple[int, int]:
    """A JPEG's segments up to its frame header, which gives a bounded size; its width
    and height."""
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
            return width, height
        if marker in (0xDA, 0xD9):  # image data or the end before any frame header
            break
        position += 2 + length
    raise Refused("is a damaged JPEG image (no frame header)")


def _is_drawing_segment(marker: int, body: bytes) -> bool:
    """APP0 (JFIF), APP14 (Adobe: the colour transform) and an ICC profile (APP2) are
    needed to draw the image; the other APPn segments (EXIF, XMP...) and comments are
    metadata."""
    if marker == 0xFE:  # COM
        return False
    if 0xE0 <= marker <= 0xEF:
        return marker in (0xE0, 0xEE) or (marker == 0xE2 and body.startswith(b"ICC_PROFILE\0"))
    return True


def clean_jpeg(data: bytes) -> bytes:
    """The JPEG (checked, see :func:`check_jpeg`) without metadata segments and without
    anything after its end marker."""
    check_jpeg(data)
    kept, position = [b"\xff\xd8"], 2
    while position + 2 <= len(data):
        if data[position] != 0xFF:
            raise Refused("is a damaged JPEG image")
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
            continue
        if marker == 0xD9:  # EOI: what follows is not the image
            kept.append(b"\xff\xd9")
            return b"".join(kept)
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        if position + 4 > len(data):
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(data):
            break
        if _is_drawing_segment(marker, data[position + 4 : end]):
            kept.append(data[position:end])
        position = end
        if marker == 0xDA:  # the scan's entropy-coded data runs to the next marker
            scan_end = position
            while True:
                scan_end = data.find(b"\xff", scan_end)
                if scan_end < 0 or scan_end + 1 >= len(data):
                    raise Refused("is a JPEG image that is cut short")
                following = data[scan_end + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    scan_end += 1 if following == 0xFF else 2
                    continue
                break
            kept.append(data[position:scan_end])
            position = scan_end
    raise Refused("is a JPEG image that is cut short")


def clean_raster(data: bytes, kind: str) -> bytes:
    """A PNG or JPEG re-written with only what draws it."""
    return clean_png(data) if kind == PNG else clean_jpeg(data)


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


_EMBEDDED_IMAGE = re.compile(r"^data:image/(png|jpeg);base64,([A-Za-z0-9+/=\s]*)$")

# -- CSS: style sheets, style attributes and presentation attributes -------------------
#
# CSS is judged as a browser would read it joined, after removing comments, and by what
# it may hold rather than by what it may not: the only reference allowed is
# ``url(#id)`` to the file itself; functions are colours, arithmetic and transforms;
# the only at-rule is ``@media``. Anything else (``url(https:…)``, ``image-set()``,
# ``@import``, ``@font-face``, ``src``, CSS escapes that could spell any of them) makes
# the whole style go, named in the warning.

_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_CSS_SAFE_REFERENCE = re.compile(r"""url\(\s*(['"]?)#[A-Za-z_][\w.:-]*\1\s*\)""")
_CSS_FUNCTION = re.compile(r"([a-z_-][a-z0-9_-]*)\(")
_CSS_AT_RULE = re.compile(r"@\s*([a-z0-9_-]*)")
_CSS_FUNCTIONS = _words(
    """rgb rgba hsl hsla hwb lab lch oklab oklch color calc min max clamp var
    matrix translate translatex translatey scale scalex scaley rotate skew skewx skewy
    not is where has nth-child nth-last-child nth-of-type nth-last-of-type lang dir"""
)
_CSS_AT_RULES = frozenset({"media"})
_CSS_WORDS = ("src", "http", "//", "<", "javascript", "expression", "binding", "behavior")
# A value without any of ( \ / : @ < & quotes cannot hold a function, an at-rule,
# a scheme or an escape: numbers, names, colours, path data.
_PLAIN_VALUE = re.compile(r"^[\w\s.,#%+-]*$")
_FRAGMENT_REFERENCE = re.compile(r"""url\(\s*['"]?#([^'")\s]+)""", re.I)


def css_refusal(css: str) -> str | None:
    """What in this CSS may not be published (``url()``, ``@import``...), or None."""
    if "\\" in css:
        return "a CSS escape"
    text = _CSS_SAFE_REFERENCE.sub(" ", _CSS_COMMENT.sub("", css).lower())
    for name in _CSS_FUNCTION.findall(text):
        if name not in _CSS_FUNCTIONS:
            return f"{name}()"
    for name in _CSS_AT_RULE.findall(text):
        if name not in _CSS_AT_RULES:
            return f"@{name}"
    for word in _CSS_WORDS:
        if word in text:
            return repr(word)
    return None


def _attribute_refusal(value: str) -> str | None:
    return None if _PLAIN_VALUE.match(value) else css_refusal(value)


def _embedded_image(value: str) -> str | None:
    """An embedded PNG or JPEG image, checked and re-written without its metadata, as a
    ``data:`` URI; None for anything else."""
    match = _EMBEDDED_IMAGE.match(value.strip())
    if match is None:
        return None
    kind = PNG if match.group(1) == "png" else JPEG
    try:
        data = base64.b64decode("".join(match.group(2).split()), validate=True)
        data = clean_raster(data, kind)
    except (binascii.Error, ValueError, Refused):
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


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
            embedded = _embedded_image(value) if element.name == "image" else None
            if value.startswith("#") and _PLAIN_VALUE.match(value):
                kept["xlink:href" if namespace else "href"] = value
            elif embedded is not None:
                kept["xlink:href" if namespace else "href"] = embedded
            else:
                removed.append(f"a reference to {value[:40]!r}")
            continue
        if namespace:
            continue
        refusal = _attribute_refusal(value)
        if refusal is not None:
            what = "a style" if local == "style" else f"the attribute {local}"
            removed.append(f"{what} with {refusal}")
            continue
        kept[local] = value
    return kept


def _text_of(element: _Element) -> str:
    """All the text inside the element, its descendants' included, joined."""
    return "".join(
        child if isinstance(child, str) else _text_of(child) for child in element.children
    )


def _clean_style(element: _Element, removed: list[str]) -> _Element | None:
    """A ``<style>`` as a browser reads it: its text joined, elements inside it gone."""
    if any(isinstance(child, _Element) for child in element.children):
        removed.append("elements inside a <style>")
    css = _text_of(element)
    refusal = css_refusal(css)
    if refusal is not None:
        removed.append(f"a style sheet with {refusal}")
        return None
    return _Element(SVG_NS, "style", _clean_attributes(element, removed), [css] if css else [])


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
    if element.name == "style":
        return _clean_style(element, removed)
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


# -- bounded drawing --------------------------------------------------------------------
#
# A small file can ask for a huge drawing: a pattern tile of 30000 px (cairo rasterizes
# it whole), a pattern drawn inside a pattern, a <use> of a group of thousands used
# thousands of times, a blur or a morphology of a huge radius. Such a logo is refused
# before anything draws it, by its structure: sizes, nesting, and the number of elements
# its references expand to.

MAX_SVG_EXTENT = 4096  # px or user units: width, height, viewBox, pattern tile, filter region
MAX_SVG_DRAWN = 20_000  # elements once <use>, patterns, markers, masks and filters expand
MAX_FILTER_PRIMITIVES = 32  # in one <filter>
MAX_FILTER_RADIUS = 64.0  # feGaussianBlur and feDropShadow stdDeviation, feMorphology radius
MAX_FILTER_BOXES = 4  # a filter region of objectBoundingBox units: times the element's box
MAX_TURBULENCE_OCTAVES = 8
MAX_CONVOLVE_ORDER = 5
_FILTER_COST = 8  # drawn elements one filter primitive counts for, at the least
# A filter primitive works on every pixel of its region, which a browser draws at the
# logo's own size when the file is opened: it counts one element per this many pixels
# of the drawing (measured in Chromium: 32 blurs over 4096 x 4096 px took more than 60 s;
# over 1024 x 1024 px, 4.7 s).
_FILTER_PIXELS_PER_COST = 2400
_DEFAULT_CANVAS = (300.0, 150.0)  # an <svg> without a size or viewBox (SVG 1.1)
# An embedded image counts one element per this many pixels: cairo keeps each drawn
# copy of an image in a PDF until it is written (a 2048 px image: 16 MB a copy).
_PIXELS_PER_COST = 4096
# Path data and text count one element per this many numbers or characters (measured:
# cairosvg draws about 20,000 elements, 300,000 path numbers or 80,000 glyphs in 10 s).
_NUMBERS_PER_COST = 16
_CHARACTERS_PER_COST = 4

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_LENGTH = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([a-z%]*)\s*$", re.I)
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54}
_UNITS |= {"in": 96.0, "em": 16.0, "ex": 8.0, "q": 96 / 101.6}
# Not drawn where they stand, only where they are referenced.
_TEMPLATES = _words("defs symbol pattern marker mask clipPath filter linearGradient radialGradient")
_SHAPES = _words("path rect circle ellipse line polyline polygon text use image")
_GEOMETRY = ("x", "y", "width", "height", "r", "rx", "ry", "cx", "cy", "x1", "y1", "x2", "y2")


def _length(value: str | None, relative_to: float = 0.0) -> float:
    """A length in px (a percentage of ``relative_to``); 0 when absent or unreadable."""
    match = _LENGTH.match(value or "")
    if match is None:
        return 0.0
    number, unit = float(match.group(1)), match.group(2).lower()
    if unit == "%":
        return abs(number) * relative_to / 100
    return abs(number) * _UNITS.get(unit, 16.0)


def _numbers(value: str | None) -> list[float]:
    return [abs(float(number)) for number in _NUMBER.findall(value or "")]


def _extent(element: _Element) -> float:
    """An upper bound of how far from the origin the element's own geometry reaches
    (path data with relative commands: the sum of their steps)."""
    reach = max((_length(element.attributes.get(name)) for name in _GEOMETRY), default=0.0)
    for name in ("d", "points"):
        value = element.attributes.get(name)
        if value:
            relative = any(command in value for command in "mlhvcsqtaz")
            numbers = _numbers(value)
            reach = max(reach, sum(numbers) if relative else max(numbers, default=0.0))
    return reach


def _check_extent(what: str, value: float) -> None:
    if value > MAX_SVG_EXTENT:
        raise Refused(
            f"is an SVG file whose {what} is {value:.0f} px: at most {MAX_SVG_EXTENT} px "
            "is drawn safely"
        )


def _check_filter(element: _Element) -> None:
    primitives = [child for child in element.children if isinstance(child, _Element)]
    if len(primitives) > MAX_FILTER_PRIMITIVES:
        raise Refused(
            f"is an SVG file with a filter of {len(primitives)} steps: at most "
            f"{MAX_FILTER_PRIMITIVES} are allowed"
        )
    region = max(_length(element.attributes.get(name)) for name in ("width", "height"))
    if element.attributes.get("filterUnits") == "userSpaceOnUse":
        _check_extent("filter region", region)
    elif region > MAX_FILTER_BOXES:  # fractions of the filtered element's box
        raise Refused(
            f"is an SVG file with a filter region {region:g} times the filtered element: "
            f"at most {MAX_FILTER_BOXES} is allowed"
        )
    for primitive in primitives:
        limited = _PRIMITIVE_LIMITS.get(primitive.name)
        if limited is None:
            continue
        key, limit, default = limited
        value = max(_numbers(primitive.attributes.get(key)), default=default)
        if primitive.name == "feConvolveMatrix":  # the matrix may be longer than its order
            value = max(value, len(_numbers(primitive.attributes.get("kernelMatrix"))) ** 0.5)
        if value > limit:
            raise Refused(
                f"is an SVG file with a filter step <{primitive.name}> of {key} {value:g}: "
                f"at most {limit:g} is allowed"
            )


# The numbers of a filter step that make its work grow: (attribute, limit, default).
_PRIMITIVE_LIMITS = {
    "feGaussianBlur": ("stdDeviation", MAX_FILTER_RADIUS, 0.0),
    "feDropShadow": ("stdDeviation", MAX_FILTER_RADIUS, 0.0),
    "feMorphology": ("radius", MAX_FILTER_RADIUS, 0.0),
    "feTurbulence": ("numOctaves", MAX_TURBULENCE_OCTAVES, 1.0),
    "feConvolveMatrix": ("order", MAX_CONVOLVE_ORDER, 3.0),
}

_DASHARRAY = re.compile(r"stroke-dasharray\s*:\s*([^;}]*)", re.I)
# Dashes count one element per this many (a path's length is over-estimated, see
# _stroke_length: cairo took 3 s and 415 MB for some million dashes, and crashed beyond).
_DASHES_PER_COST = 50


def _dash_period(value: str) -> float:
    """The length of one repeat of a ``stroke-dasharray`` (0: not dashed)."""
    lengths = _numbers(value)
    return sum(lengths) * (2 if len(lengths) % 2 else 1)


def _stroke_length(element: _Element) -> float:
    """An upper bound of the length of the element's outline: a path or polyline is no
    longer than twice the sum of its numbers (each step, each jump between two points,
    each curve's control polygon); another shape no longer than 8 times its reach."""
    numbers = [
        number for name in ("d", "points") for number in _numbers(element.attributes.get(name))
    ]
    return 2 * sum(numbers) if numbers else 8 * _extent(element)


class _DrawingCost:
    """What the cleaned SVG costs to draw, in elements, references expanded; raises
    :class:`Refused` for a loop of references, a pattern inside a pattern, or more than
    :data:`MAX_SVG_DRAWN`."""

    def __init__(self, root: _Element) -> None:
        self.ids = {e.attributes["id"]: e for e in _walk(root) if "id" in e.attributes}
        sheets = [_text_of(e) for e in _walk(root) if e.name == "style"]
        # A style sheet's references may apply to any shape.
        self.sheet_targets = self._targets(" ".join(sheets))
        self.costs: dict[int, tuple[int, bool]] = {}
        self.structures: dict[int, tuple[int, int]] = {}
        self.counting: set[int] = set()  # structure() under way
        self.costing: set[int] = set()  # cost() under way
        # The shortest dash anywhere: stroke-dasharray is inherited and may come from a
        # style sheet, so every shape is counted as dashed with it.
        dash_arrays = [found for sheet in sheets for found in _DASHARRAY.findall(sheet)]
        for element in _walk(root):
            dash_arrays.append(element.attributes.get("stroke-dasharray", ""))
            dash_arrays += _DASHARRAY.findall(element.attributes.get("style", ""))
        periods = [_dash_period(value) for value in dash_arrays]
        self.dash_period = min((period for period in periods if period > 0), default=0.0)
        self.filter_step_cost = max(
            _FILTER_COST, int(_canvas_area(root)) // _FILTER_PIXELS_PER_COST
        )
        self.pattern_used = any(target.name == "pattern" for target in self.sheet_targets) or any(
            target.name == "pattern"
            for element in _walk(root)
            for target in self._targets(" ".join(element.attributes.values()))
        )

    def _targets(self, text: str) -> list[_Element]:
        return [self.ids[name] for name in _FRAGMENT_REFERENCE.findall(text) if name in self.ids]

    def href(self, element: _Element) -> _Element | None:
        target = element.attributes.get("href", element.attributes.get("xlink:href", ""))
        return self.ids.get(target[1:]) if target.startswith("#") else None

    @staticmethod
    def _enter(element: _Element, active: set[int]) -> None:
        if id(element) in active:
            raise Refused("is an SVG file whose references form a loop")
        active.add(id(element))

    def structure(self, element: _Element) -> tuple[int, int]:
        """Elements drawn for it and the numbers of their path data, <use> expanded:
        what an inherited paint or marker multiplies."""
        known = self.structures.get(id(element))
        if known is not None:
            return known
        self._enter(element, self.counting)
        count = 1
        numbers = sum(len(_numbers(element.attributes.get(name))) for name in ("d", "points"))
        below = [
            c for c in element.children if isinstance(c, _Element) and c.name not in _TEMPLATES
        ]
        target = self.href(element) if element.name == "use" else None
        for child in [*below, *([target] if target is not None else [])]:
            child_count, child_numbers = self.structure(child)
            count, numbers = count + child_count, numbers + child_numbers
        self.counting.discard(id(element))
        known = (min(count, MAX_SVG_DRAWN + 1), min(numbers, 1_000_000_000))
        self.structures[id(element)] = known
        return known

    def cost(self, element: _Element) -> tuple[int, bool]:
        """Its drawing cost, and whether drawing it draws a pattern."""
        known = self.costs.get(id(element))
        if known is not None:
            return known
        self._enter(element, self.costing)
        total, draws_pattern = 1, False
        if element.name == "image":
            total += _image_pixels(element) // _PIXELS_PER_COST
        total += (
            sum(len(_numbers(element.attributes.get(name))) for name in ("d", "points"))
            // _NUMBERS_PER_COST
        )
        total += (
            sum(len(child) for child in element.children if isinstance(child, str))
            // _CHARACTERS_PER_COST
        )
        for child in element.children:
            if isinstance(child, _Element) and child.name not in _TEMPLATES:
                child_cost, child_pattern = self.cost(child)
                total, draws_pattern = total + child_cost, draws_pattern or child_pattern
        target = self.href(element)
        if target is not None and element.name in ("use", "pattern", "textPath"):
            target_cost, target_pattern = self.cost(target)
            total, draws_pattern = total + target_cost, draws_pattern or target_pattern
        targets = self._targets(" ".join(element.attributes.values()))
        if self.dash_period and element.name in _SHAPES:
            total += int(_stroke_length(element) / self.dash_period) // _DASHES_PER_COST
        if element.name in _SHAPES:
            targets += self.sheet_targets
        for target in targets:
            if target.name == "filter":
                total += self.filter_step_cost * len(target.children)
                continue
            if target.name not in ("pattern", "marker", "mask", "clipPath"):
                continue  # gradients: a paint, not a drawing
            target_cost, target_pattern = self.cost(target)
            if target.name == "pattern":
                if target_pattern:
                    raise Refused("is an SVG file with a pattern drawn inside a pattern")
                draws_pattern = True
                target_cost *= self.structure(element)[0]  # fill and stroke are inherited
            elif target.name == "marker":  # drawn at every vertex of every path below
                target_cost *= max(1, self.structure(element)[1])
            total += target_cost
            draws_pattern = draws_pattern or target_pattern
        self.costing.discard(id(element))
        if total > MAX_SVG_DRAWN:
            raise Refused(
                f"is an SVG file that draws more than {MAX_SVG_DRAWN} elements once its "
                "<use>, pattern, marker, mask and filter references are expanded"
            )
        self.costs[id(element)] = (total, draws_pattern)
        return total, draws_pattern


def _canvas_area(root: _Element) -> float:
    """The area in px of the drawing at its own size: width and height, else the
    viewBox's, else SVG's default (each already at most :data:`MAX_SVG_EXTENT`)."""
    view_box = _numbers(root.attributes.get("viewBox"))
    default = (view_box[2], view_box[3]) if len(view_box) == 4 else _DEFAULT_CANVAS
    width = _length(root.attributes.get("width")) or default[0]
    height = _length(root.attributes.get("height")) or default[1]
    return min(width, MAX_SVG_EXTENT) * min(height, MAX_SVG_EXTENT)


def _image_pixels(image: _Element) -> int:
    """The pixels of an embedded image (cleaned: a checked PNG or JPEG)."""
    match = _EMBEDDED_IMAGE.match(
        image.attributes.get("href", image.attributes.get("xlink:href", ""))
    )
    if match is None:
        return 0
    data = base64.b64decode(match.group(2))
    width, height = check_png(data) if match.group(1) == "png" else check_jpeg(data)
    return width * height


def _check_pattern(pattern: _Element, drawing_reach: float) -> None:
    attributes = pattern.attributes
    width, height = _length(attributes.get("width")), _length(attributes.get("height"))
    if attributes.get("patternUnits") != "userSpaceOnUse":  # fractions of the filled box
        width, height = width * drawing_reach, height * drawing_reach
    _check_extent("pattern tile", max(width, height))


def check_bounded(root: _Element) -> None:
    """Refuse (:class:`Refused`) a cleaned SVG whose drawing could explode."""
    for element in _walk(root):
        if element.name == "svg":
            for name in ("width", "height"):
                _check_extent(name, _length(element.attributes.get(name)))
        view_box = _numbers(element.attributes.get("viewBox"))
        if len(view_box) == 4:
            _check_extent("viewBox", max(view_box[2:]))
        if element.name == "filter":
            _check_filter(element)
    cost = _DrawingCost(root)
    for element in cost.ids.values():  # gradients, patterns, filters inherit along href
        seen = {id(element)}
        while (element := cost.href(element)) is not None:  # type: ignore[assignment]
            if id(element) in seen:
                raise Refused("is an SVG file whose references form a loop")
            seen.add(id(element))
    if cost.pattern_used:
        reach = max(_extent(element) for element in _walk(root))
        for element in _walk(root):
            if element.name == "pattern":
                _check_pattern(element, reach)
    cost.cost(root)


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
    check_bounded(cleaned)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    _serialize(cleaned, out)  # recursion bounded by MAX_SVG_DEPTH
    return "".join(out).encode("utf-8"), list(dict.fromkeys(removed))


# -- the logo -------------------------------------------------------------------------


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
        real = real_project_path(Path(confdir, relative), roots)
        data = read_project_file(real, roots, MAX_LOGO_BYTES)
    except MissingProjectFile:
        logger.warning(
            "%s: the file does not exist", where, type="vatoolkit", subtype="logo", once=True
        )
        return None
    except ProjectFileError as exc:
        refuse(str(exc))
        return None
    kind = image_kind(data)
    try:
        if kind in (PNG, JPEG):
            data = clean_raster(data, kind)
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
