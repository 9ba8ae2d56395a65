"""The organization config: one typed model, validated once at ``config-inited``.

``conf.py`` sets ``vatoolkit`` to a dict or to the path of a TOML file.  Problems
are logged (``type="vatoolkit"``, ``subtype="config"``) and the invalid parts are
dropped, so ``-W`` fails the build while a build without it still makes pages.

Every text reaches the pages through one gate, :func:`check_text`: no control,
format (bidi), surrogate or unassigned character (but the marks right-to-left
writing needs, the soft hyphen and emoji flags), and no more than its field's
limit; URLs, e-mail addresses and paths take no invisible character at all. Every
URL is read by :func:`split_url`, as later code reads it. Texts, lists and mappings
over their limits are cut with a warning before validation, and the raw config is
read only up to a bound, so the work done stays bounded whatever the size of the input.
"""

from __future__ import annotations

import hashlib
import ipaddress
import itertools
import json
import re
import reprlib
import tomllib
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin
from urllib.parse import SplitResult, urlsplit

from annotated_types import MaxLen
from babel import Locale, UnknownLocaleError
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from sphinx_vatoolkit.project_files import ProjectFileError, read_project_file
from sphinx_vatoolkit.report import did_you_mean

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo
    from sphinx.application import Sphinx

CONFIG_NAME = "vatoolkit"
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
MAX_REPORTED_VALUE = 60

# Limits, documented in docs/security.md. Texts and lists over them are cut with a
# warning; URLs, e-mail addresses and paths over them are refused.
MAX_SHORT_TEXT = 300  # names, titles and list entries
MAX_LONG_TEXT = 10_000  # paragraphs: differences, notes, policies, descriptions
MAX_ITEMS = 50  # entries in one list: checklist, equipment, payment methods, staff...
MAX_RESOURCES = 100  # links in resources.team or in resources.clients
MAX_LANGUAGES = 50  # languages in ``languages`` or in one per-language mapping
MAX_URL = 2_048
MAX_EMAIL = 254  # RFC 5321
MAX_PATH = 1_024
MAX_DEPTH = 12  # nesting of mappings and lists; the model needs 5
# Read of the raw config before validation: the entries of one mapping or list (the
# model's own limits, at most MAX_RESOURCES, are applied next), the values in all (a
# config at every limit in 50 languages has about 50,000), the unknown keys of a group.
MAX_ENTRIES_READ = 1_000
MAX_VALUES_READ = 200_000
MAX_UNKNOWN_KEYS = 20
MAX_TOML_BYTES = 16 * 1024 * 1024
MAX_PROBLEMS = 100  # messages about one config; the rest are counted

Industry = Literal["healthcare", "financial", "retail", "general"]
INDUSTRIES: tuple[Industry, ...] = get_args(Industry)
# Equipment named by one of these words is translated by the package catalog.
EQUIPMENT_KEYWORDS = (
    "webcam",
    "camera",
    "microphone",
    "headset",
    "headphones",
    "speakers",
    "computer",
    "smartphone",
    "tablet",
    "internet",
)

_NOT_IN_URLS = set('<>"`\\{}|^')
_NOT_IN_EMAILS = set("<>\"'(),;:[]\\`?#")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ().\-/]{2,30}(?:[ ]*(?:ext\.?|x)[ ]*[0-9]{1,6})?$")
# The POSIX forms Sphinx uses: 'en', 'pt_BR', 'es_419' ('pt-BR' is read as 'pt_BR').
# Babel would ignore anything after '.' or '@': such keys are refused here.
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}|[0-9]{3}))?$")


# -- the text gate -----------------------------------------------------------------

# Tab, line feed and carriage return are the only control characters text may hold.
_ALLOWED_CONTROLS = frozenset("\t\n\r")
# Zero-width non-joiner and joiner: Persian, Indic scripts and emoji sequences need them.
_ADDRESS_FORMATS = frozenset("\u200c\u200d")
# And in text: the soft hyphen, the left-to-right, right-to-left and Arabic letter marks,
# which right-to-left writing needs. Bidirectional embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069) stay refused: they reorder what follows them.
_TEXT_FORMATS = _ADDRESS_FORMATS | frozenset("\u00ad\u200e\u200f\u061c")
# Tag characters only in an emoji tag sequence: the flags of England, Scotland, Wales
# (U+1F3F4, a subdivision code in tag letters and digits, U+E007F CANCEL TAG).
_TAG_SEQUENCE = re.compile("\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]{1,7}\U000e007f")
_TAGS = re.compile("[\U000e0000-\U000e007f]")
_REFUSED = {
    "Cc": "a control character",
    "Cf": "an invisible formatting character (such as a bidirectional override)",
    "Cs": "a lone surrogate",
    "Cn": "an unassigned code point or a noncharacter",
}


def _first_refused(value: str, allowed_formats: frozenset[str]) -> str | None:
    if value.isprintable():  # the common case, at C speed: none of those
        return None
    for char in value:
        if char in _ALLOWED_CONTROLS or char in allowed_formats:
            continue
        category = unicodedata.category(char)
        if category in _REFUSED:
            return f"contains U+{ord(char):04X}, {_REFUSED[category]}, which text may not hold"
    return None


def refused_character(value: str) -> str | None:
    """Why ``value`` may not reach a page, or None when it may.

    Refused: control characters (Cc) but tab and line breaks; format characters (Cf),
    bidirectional overrides among them, but the zero-width (non-)joiner, the soft
    hyphen, the directional marks (LRM, RLM, ALM) and the tag characters of emoji
    flags; lone surrogates (Cs); unassigned code points and noncharacters such as
    U+FFFF (Cn).
    """
    if value.isprintable():
        return None
    if _TAGS.search(value) is not None:
        # What tags remain outside a flag sequence are invisible text: refused below.
        value = _TAG_SEQUENCE.sub("", value)
    return _first_refused(value, _TEXT_FORMATS)


def refused_in_address(value: str) -> str | None:
    """:func:`refused_character` for URLs, e-mail addresses and paths, which hold
    no invisible character at all but the zero-width (non-)joiner of a domain name."""
    return _first_refused(value, _ADDRESS_FORMATS)


def check_text(value: str, limit: int) -> str:
    """The gate of every text that reaches a page: no refused character (see
    :func:`refused_character`), at most ``limit`` characters. Raises ValueError."""
    if len(value) > limit:
        raise ValueError(f"is {len(value)} characters long: the limit is {limit}")
    problem = refused_character(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def cut_text(value: str, limit: int) -> str:
    """``value`` cut to at most ``limit`` characters, ending with an ellipsis."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Limit:
    """Marks a text field with the most characters it holds."""

    characters: int


@dataclass(frozen=True)
class Entries:
    """Marks a mapping field with the most entries it holds, where pydantic's
    ``max_length`` cannot go (a field with a validator of its own)."""

    count: int


# -- value types ---------------------------------------------------------


def language_code(value: str) -> str:
    """Check a language code and give it the POSIX form Sphinx uses (``pt_BR``).

    Only ``ll``, ``ll_RR`` and ``ll_999`` (``es_419``) forms are accepted, with ``-``
    read as ``_``; anything holding ``.``, ``@``, quotes or spaces is refused.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a language code such as 'en', 'pt_BR' or 'es'")
    match = _LANGUAGE.match(value.strip()) if len(value) <= 16 else None
    if match is None:
        raise ValueError(
            "is not a language code of the form 'll' or 'll_RR': expected a code "
            "such as 'en', 'pt_BR' or 'es'"
        )
    language, region = match.group(1).lower(), (match.group(2) or "").upper()
    code = f"{language}_{region}" if region else language
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise ValueError(
            "is not a known language code: expected a code such as 'en', 'pt_BR' or 'es'"
        ) from None
    return code


def _per_language(value: dict[Any, Any], what: str, check: Callable[[Any], str]) -> dict[str, str]:
    """A mapping of language codes to values, each key and value checked."""
    if not value:
        raise ValueError(f"must not be an empty mapping: expected {what} per language")
    if len(value) > MAX_LANGUAGES:
        raise ValueError(f"has {len(value)} languages: the limit is {MAX_LANGUAGES}")
    checked: dict[str, str] = {}
    for code, item in value.items():
        try:
            key = language_code(code)
        except ValueError as exc:
            raise ValueError(f"has the key {_short(code)}, which {exc}") from None
        if key in checked:
            raise ValueError(f"has the language {key!r} twice (once as {_short(code)})")
        try:
            checked[key] = check(item)
        except ValueError as exc:
            raise ValueError(f"has for {_short(code)} a value that {exc}") from None
    return checked


def _plain_text(value: Any, limit: int = MAX_LONG_TEXT) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("is empty: expected text")
    return check_text(value, limit).strip()


def _text_validator(limit: int) -> Callable[[Any], str | dict[str, str]]:
    def _validate_text(value: Any) -> str | dict[str, str]:
        if isinstance(value, dict):
            return _per_language(value, "text", lambda item: _plain_text(item, limit))
        if isinstance(value, str):
            return _plain_text(value, limit)
        raise ValueError(
            "expected text, or a mapping of language codes to text "
            "such as {'en': ..., 'pt_BR': ..., 'es': ...}"
        )

    return _validate_text


def _validate_name(value: Any) -> str:
    """A name shown as written: a platform, a channel, a staff member, a browser."""
    if not isinstance(value, str):
        raise ValueError("expected text")
    return _plain_text(value, MAX_SHORT_TEXT)


_HOST = re.compile(r"^(?:www\.)?(?:[a-z0-9-]+\.)+([a-z]{2,24})$")
# Endings of files a relative link names, which a host name never ends with.
_FILE_ENDINGS = {"html", "htm", "php", "asp", "aspx", "jsp", "pdf", "md", "rst", "txt", "xml"}
_FILE_ENDINGS |= {"json", "png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "doc", "docx"}
_FILE_ENDINGS |= {"ppt", "pptx", "xls", "xlsx", "zip", "ics", "csv", "mp4", "webm"}


def _looks_like_a_host(first_segment: str) -> bool:
    """``sonrisa.example.es`` or ``www.example.org``, not ``book.html`` or ``docs``."""
    match = _HOST.match(first_segment.lower())
    return match is not None and match.group(1) not in _FILE_ENDINGS


_PORT = re.compile(r"^[0-9]{1,5}$")
# What urlsplit reads as the netloc: from '//' after the scheme to the path.
_AUTHORITY = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:)?//([^/?#]*)")
_BRACKETED_HOST = re.compile(r"^\[([^\[\]]*)\](?::([^\[\]]*))?$")


def split_url(url: str) -> SplitResult:
    """``url`` parsed as every later reader parses it (:func:`urllib.parse.urlsplit`, then
    ``.hostname`` and ``.port``), or ValueError saying what is wrong with it.

    A URL this accepts can be split, joined and asked for its host and port without
    an exception, on every Python version: square brackets hold only an IPv6 address
    (``https://[2001:db8::1]/``), a port is a number from 0 to 65535, and an http or
    https URL has a host.
    """
    authority = _AUTHORITY.match(url)
    userinfo, _at, host_and_port = (authority.group(1) if authority else "").rpartition("@")
    if "[" in userinfo or "]" in userinfo:
        raise ValueError(
            "has square brackets before its host: expected a URL such as 'https://example.org/'"
        )
    port = ""
    if "[" in host_and_port or "]" in host_and_port:
        bracketed = _BRACKETED_HOST.match(host_and_port)
        if bracketed is None or not _is_ipv6(bracketed.group(1)):
            raise ValueError(
                f"has the host {_short(host_and_port)}: square brackets may only hold an IPv6 "
                "address, such as 'https://[2001:db8::1]/'"
            )
        port = bracketed.group(2) or ""
    elif ":" in host_and_port:
        port = host_and_port.rpartition(":")[2]
    if port and (not _PORT.match(port) or int(port) > 65535):
        raise ValueError(f"has the port {_short(port)}: a port is a number from 0 to 65535")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on what the checks above missed
    except ValueError as exc:
        raise ValueError(f"cannot be read as a URL ({exc})") from None
    if parts.scheme.lower() in {"http", "https"} and not host:
        raise ValueError("has no host name: expected a URL such as 'https://example.org/'")
    return parts


def _is_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return "%" not in text  # a zone (fe80::1%eth0) names an interface of this computer


def normalize_url(value: Any) -> str:
    """Accept only http, https, mailto and tel URLs, and relative links."""
    if not isinstance(value, str):
        raise ValueError("expected a URL as a string")
    if len(value) > MAX_URL:
        raise ValueError(f"is {len(value)} characters long: a URL may have at most {MAX_URL}")
    url = value.strip(" ")
    if not url:
        raise ValueError("must not be empty: expected a URL")
    problem = refused_in_address(url)
    if problem is not None:
        raise ValueError(problem)
    if any(char.isspace() for char in url):
        raise ValueError("contains spaces: expected a URL")
    if any(char in _NOT_IN_URLS for char in url):
        raise ValueError('contains characters a URL cannot hold (such as < > " ` or \\)')
    if url.startswith("//"):
        url = "https:" + url
    match = _SCHEME.match(url)
    if match is None:
        if ":" in url.split("/", 1)[0]:
            raise ValueError("is not a URL: expected an http, https, mailto or tel URL")
        if _looks_like_a_host(url.split("/", 1)[0]):
            raise ValueError(
                f"looks like a web address without 'https://' (a relative link would "
                f"point inside your site): write 'https://{url}'"
            )
        split_url(url)
        return url
    scheme = match.group(1).lower()
    if scheme not in SAFE_SCHEMES:
        raise ValueError(
            f"uses the scheme {_short(scheme)}: expected an http, https, mailto or tel URL, "
            "or a relative link"
        )
    rest = url[match.end() :]
    if scheme in {"http", "https"} and not rest.startswith("//"):
        raise ValueError("has no host name: expected a URL such as 'https://example.org/'")
    if scheme in {"mailto", "tel"} and not rest:
        raise ValueError(f"has nothing after '{scheme}:'")
    url = scheme + ":" + rest
    split_url(url)
    if scheme == "mailto":
        _check_mailto(rest)
    return url


# %00 to %1F and %7F: a line break (%0D%0A) in a mailto: URL starts another header.
_ENCODED_CONTROL = re.compile(r"%(?:[01][0-9A-Fa-f]|7[Ff])")


def _check_mailto(rest: str) -> None:
    """No percent-encoded control character in a ``mailto:`` URL but in its body,
    where RFC 6068 writes line breaks as ``%0D%0A``."""
    address, _question, query = rest.partition("?")
    fields = [field for field in query.split("&") if not field.lower().startswith("body=")]
    for piece in (address, *fields):
        if _ENCODED_CONTROL.search(piece):
            raise ValueError(
                "holds a percent-encoded control character (such as %0D%0A, a line break) "
                "outside its body: a mail program would read what follows as another header"
            )


def _validate_localized_url(value: Any) -> str | dict[str, str]:
    if isinstance(value, dict):
        return _per_language(value, "a URL", normalize_url)
    return normalize_url(value)


def _validate_color(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 16 or not _COLOR.match(value.strip()):
        raise ValueError("expected a hex colour such as '#0b5cad'")
    color = value.strip().lower()
    if len(color) == 4:
        color = "#" + "".join(char * 2 for char in color[1:])
    return color


def _validate_email(value: Any) -> str:
    """``local@domain.tld``, checked in one linear pass (no backtracking pattern)."""
    expected = "expected an e-mail address such as 'help@example.org'"
    if not isinstance(value, str):
        raise ValueError(expected)
    email = value.strip()
    if len(email) > MAX_EMAIL:
        raise ValueError(f"is {len(email)} characters long: an e-mail address has at most 254")
    problem = refused_in_address(email)
    if problem is not None:
        raise ValueError(problem)
    if "%" in email or "&" in email:
        raise ValueError(
            "contains '%' or '&', which a mailto: link reads as an encoded character or "
            "another header: write the address as it is typed, such as 'help@example.org'"
        )
    local, at, domain = email.partition("@")
    if (
        not at
        or not local
        or "@" in domain
        or any(char.isspace() or char in _NOT_IN_EMAILS for char in email)
        or "." not in domain[1:-1]
    ):
        raise ValueError(expected)
    return email


def _validate_phone(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 64 or not _PHONE.match(value.strip()):
        raise ValueError("expected a phone number such as '+1 555 0100'")
    return value.strip()


def _validate_path(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a file path relative to the project")
    if len(value) > MAX_PATH:
        raise ValueError(f"is {len(value)} characters long: a path may have at most {MAX_PATH}")
    problem = refused_in_address(value)
    if problem is not None:
        raise ValueError(problem)
    path = value.strip().replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path) or ".." in path.split("/"):
        raise ValueError("must stay inside the project: expected a relative path")
    return path


_FONT = re.compile(r"^[^\W_][\w .\-]{0,60}$")


def _validate_font(value: Any) -> str:
    """One font family name: it lands in CSS and SVG, so only plain names are allowed."""
    if not isinstance(value, str) or len(value) > 64 or not _FONT.match(value.strip()):
        raise ValueError(
            "expected one font family name of letters, digits, spaces and hyphens, "
            "such as 'Source Sans 3'"
        )
    return value.strip()


def _validate_language(value: Any) -> str:
    return language_code(value)


# The articles a name takes in the languages whose sentences need one.
ARTICLES = {"pt": ("a", "o", "as", "os"), "es": ("la", "el", "las", "los")}


def _validate_articles(value: Any) -> dict[str, str]:
    """``{"pt_BR": "a", "es": "la"}``: the article of the organization's name."""
    if not isinstance(value, dict):
        raise ValueError("expected a mapping of language codes to articles, such as {'pt_BR': 'a'}")

    def check(code: str) -> Callable[[Any], str]:
        allowed = ARTICLES.get(code.split("_")[0])

        def article(item: Any) -> str:
            word = item.strip().lower() if isinstance(item, str) else item
            if allowed is None:
                raise ValueError(
                    "is for a language without articles in sphinx-vatoolkit's sentences: "
                    f"articles are used in {', '.join(sorted(ARTICLES))}"
                )
            if word not in allowed:
                raise ValueError(f"is not one of {', '.join(repr(a) for a in allowed)}")
            return str(word)

        return article

    checked: dict[str, str] = {}
    for code in value:
        checked.update(_per_language({code: value[code]}, "an article", check(language_code(code))))
    return checked


def _text_schema(limit: int) -> dict[str, Any]:
    text = {"type": "string", "minLength": 1, "maxLength": limit}
    return {
        "anyOf": [
            text,
            {
                "type": "object",
                "description": "Text per language code (en, pt_BR, es...)",
                "additionalProperties": text,
            },
        ]
    }


class OrganizationText:
    """Marks the fields whose plain-string values go to the ``vatoolkit`` catalog."""

    def __repr__(self) -> str:
        return "OrganizationText()"


ORGANIZATION_TEXT = OrganizationText()

# Organization text: a paragraph, or a short one (a name, a title, a list entry).
Text = Annotated[
    Any,
    PlainValidator(_text_validator(MAX_LONG_TEXT)),
    WithJsonSchema(_text_schema(MAX_LONG_TEXT)),
    ORGANIZATION_TEXT,
    Limit(MAX_LONG_TEXT),
]
ShortText = Annotated[
    Any,
    PlainValidator(_text_validator(MAX_SHORT_TEXT)),
    WithJsonSchema(_text_schema(MAX_SHORT_TEXT)),
    ORGANIZATION_TEXT,
    Limit(MAX_SHORT_TEXT),
]
# A name shown as written, never translated.
Name = Annotated[
    str,
    PlainValidator(_validate_name),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_SHORT_TEXT}),
    Limit(MAX_SHORT_TEXT),
]
Url = Annotated[
    str,
    PlainValidator(normalize_url),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": MAX_URL,
            "description": "http(s), mailto:, tel: or relative URL",
        }
    ),
]
LocalizedUrl = Annotated[
    Any,
    PlainValidator(_validate_localized_url),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "object", "additionalProperties": {"type": "string"}},
            ],
            "description": "A URL, or a URL per language code",
        }
    ),
]
Color = Annotated[
    str,
    PlainValidator(_validate_color),
    WithJsonSchema({"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}),
]
Email = Annotated[
    str,
    PlainValidator(_validate_email),
    WithJsonSchema({"type": "string", "format": "email", "maxLength": MAX_EMAIL}),
]
Phone = Annotated[str, PlainValidator(_validate_phone), WithJsonSchema({"type": "string"})]
FontName = Annotated[str, PlainValidator(_validate_font), WithJsonSchema({"type": "string"})]
ProjectPath = Annotated[
    str, PlainValidator(_validate_path), WithJsonSchema({"type": "string", "maxLength": MAX_PATH})
]
PresetName = Literal["teams", "zoom", "google-meet", "webex", "custom"]


# -- the model -------------------------------------------------------------


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organization(Group):
    """Who offers the appointments."""

    name: ShortText | None = Field(None, description="Defaults to the Sphinx ``project``.")
    description: ShortText | None = Field(
        None,
        description="One-line summary, used for the meta description (the text search "
        "engines show under a page's title) of the pages without an opening paragraph.",
    )
    industry: Industry = Field("general", description="Chooses the wording and infographic.")
    audience: ShortText | None = Field(
        None,
        description="The people you serve, in the plural, as the pages name them. Defaults by "
        "industry: 'patients' (healthcare), 'customers' (financial, retail), 'clients' "
        "(general).",
    )
    article: Annotated[
        dict[str, str], PlainValidator(_validate_articles), Entries(MAX_LANGUAGES)
    ] = Field(
        default_factory=dict,
        description="The article of the name per language, such as {'pt_BR': 'a', 'es': 'la'}: "
        "sentences then read 'a Clínica', 'da Clínica', 'la Clínica', 'del Banco'. "
        "Without it, sentences are worded so that no article is needed.",
    )
    website: Url | None = Field(None, description="Home page.")
    logo: ProjectPath | None = Field(None, description="Logo file, relative to ``conf.py``.")
    billing_url: Url | None = Field(None, description="Billing or payment information page.")


class Platform(Group):
    """The video platform: a preset plus optional overrides."""

    preset: PresetName = Field("teams", description="Supplies name, join method and links.")
    name: Name | None = Field(None, description="Platform name shown to clients.")
    join: Literal["browser", "app", "browser-or-app"] | None = Field(
        None, description="How clients join."
    )
    lobby: bool | None = Field(None, description="Whether clients wait in a virtual lobby.")
    captions: bool | None = Field(None, description="Whether live captions are available.")
    join_help_url: Url | None = Field(None, description="Article: how a client joins.")
    test_url: Url | None = Field(None, description="Page where clients test their device.")
    premium: bool = Field(
        False,
        description="Teams preset: whether you have Teams Premium, which SMS reminders, the "
        "on-demand queue, a custom waiting room and advanced analytics need.",
    )

    @model_validator(mode="after")
    def _custom_platform_has_a_name(self) -> Platform:
        if self.preset == "custom" and not self.name:
            raise ValueError("uses the 'custom' preset, which needs a name: set platform.name")
        return self


class SocialChannel(Group):
    name: Name = Field(description="Channel name, e.g. WhatsApp.")
    url: Url


class Staff(Group):
    """Who can be booked."""

    virtual_only: list[ShortText] = Field(default_factory=list, max_length=MAX_ITEMS)
    in_person_only: list[ShortText] = Field(default_factory=list, max_length=MAX_ITEMS)
    note: Text | None = None


class Booking(Group):
    """How clients book."""

    url: Url | None = Field(None, description="The booking page.")
    phone: Phone | None = None
    email: Email | None = None
    social: list[SocialChannel] = Field(default_factory=list, max_length=MAX_ITEMS)
    in_person: Text | None = Field(None, description="How to book in person.")
    staff: Staff | None = None


class Services(Group):
    differences: Text | None = Field(None, description="Virtual vs in-person services.")
    fees: Text | None = Field(None, description="Fee differences.")


class Payment(Group):
    methods: list[ShortText] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Accepted methods."
    )
    when: Text | None = Field(None, description="When and how payment happens.")
    note: Text | None = None


class Cancellation(Group):
    policy_url: Url | None = None
    notice: ShortText | None = Field(None, description="How much notice, e.g. '24 hours'.")
    text: Text | None = Field(None, description="The policy in a few words.")
    differences: Text | None = Field(None, description="Virtual vs in-person differences.")


class Portal(Group):
    name: ShortText
    url: Url | None = None


class Technology(Group):
    equipment: list[ShortText] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="Required equipment; "
        + ", ".join(f"'{word}'" for word in EQUIPMENT_KEYWORDS[:-1])
        + f" and '{EQUIPMENT_KEYWORDS[-1]}' are translated for you.",
    )
    recommended: list[ShortText] = Field(default_factory=list, max_length=MAX_ITEMS)
    bandwidth: ShortText | None = Field(None, description="e.g. '1.5 Mbps'.")
    browsers: list[Name] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Supported browsers."
    )
    portal: Portal | None = Field(None, description="Patient or client portal to join from.")


class Support(Group):
    phone: Phone | None = None
    email: Email | None = None
    hours: ShortText | None = None
    url: Url | None = None
    lobby_wait_minutes: int | None = Field(
        None, ge=1, le=240, description="After how long in the lobby clients should call."
    )


class Brand(Group):
    primary_color: Color | None = None
    accent_color: Color | None = None
    font: FontName | None = Field(None, description="Font family name, installed or web-safe.")
    logo: ProjectPath | None = None


class ResourceLink(Group):
    title: ShortText
    url: LocalizedUrl
    description: Text | None = None


class Resources(Group):
    team: list[ResourceLink] = Field(default_factory=list, max_length=MAX_RESOURCES)
    clients: list[ResourceLink] = Field(default_factory=list, max_length=MAX_RESOURCES)


def _every_industry() -> list[Industry]:
    return list(INDUSTRIES)


class InfographicFiles(Group):
    """The organization's own files for one industry's infographic."""

    pdf: LocalizedUrl | None = Field(None, description="PDF, or a PDF per language.")
    pptx: LocalizedUrl | None = Field(None, description="PowerPoint, or one per language.")


class Infographics(Group):
    industries: list[Industry] = Field(default_factory=_every_industry, max_length=MAX_ITEMS)
    generated: bool = Field(True, description="Generate the organization's infographic.")
    paper: Literal["a4", "letter"] = Field("a4", description="Page size shown on the page.")
    files: dict[Industry, InfographicFiles] = Field(
        default_factory=dict,
        max_length=len(INDUSTRIES),
        description="Per-industry download files replacing the preset's, e.g. translated ones.",
    )


class Video(Group):
    url: Url
    title: ShortText | None = None


class Prepare(Group):
    forms_url: Url | None = Field(None, description="Forms to fill in before joining.")
    forms: Text | None = Field(None, description="What the forms are.")
    checklist: list[ShortText] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="What to have ready."
    )


class Privacy(Group):
    recorded: bool | None = Field(None, description="Whether appointments are recorded.")
    note: Text | None = None
    policy_url: Url | None = None


class Accessibility(Group):
    interpreters: Text | None = Field(None, description="How to ask for an interpreter.")
    companions: Text | None = Field(None, description="Who may join with the client.")


class Reminders(Group):
    sms: bool | None = Field(None, description="Whether SMS reminders are sent.")
    email: bool | None = None
    opt_out: Text | None = Field(None, description="How to stop reminders.")


class SearchEngines(Group):
    faq_json_ld: bool = Field(
        False, description="Add schema.org FAQPage JSON-LD to pages with an FAQ (HTML)."
    )


class VaToolkitConfig(Group):
    """Everything sphinx-vatoolkit knows about the organization."""

    organization: Organization = Field(default_factory=Organization)
    platform: Platform = Field(default_factory=Platform)
    booking: Booking = Field(default_factory=Booking)
    services: Services = Field(default_factory=Services)
    payment: Payment = Field(default_factory=Payment)
    cancellation: Cancellation = Field(default_factory=Cancellation)
    technology: Technology = Field(default_factory=Technology)
    support: Support = Field(default_factory=Support)
    brand: Brand = Field(default_factory=Brand)
    resources: Resources = Field(default_factory=Resources)
    infographics: Infographics = Field(default_factory=Infographics)
    video: Video | None = None
    prepare: Prepare = Field(default_factory=Prepare)
    privacy: Privacy = Field(default_factory=Privacy)
    accessibility: Accessibility = Field(default_factory=Accessibility)
    reminders: Reminders = Field(default_factory=Reminders)
    search_engines: SearchEngines = Field(default_factory=SearchEngines)
    languages: dict[Annotated[str, PlainValidator(_validate_language)], Url] = Field(
        default_factory=dict,
        max_length=MAX_LANGUAGES,
        description="Language code -> URL of that build.",
    )

    @field_validator("platform", mode="before")
    @classmethod
    def _preset_shorthand(cls, value: Any) -> Any:
        return {"preset": value} if isinstance(value, str) else value

    def fingerprint(self) -> str:
        dumped = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(dumped.encode()).hexdigest()

    def get(self, dotted: str) -> Any:
        """The value at a dotted key path such as ``booking.phone`` (None if unset).

        Only the model's keys and the keys of its mappings (``languages.pt_BR``) are
        followed, never other attributes."""
        value: Any = self
        for part in dotted.split("."):
            if isinstance(value, BaseModel):
                value = getattr(value, part) if part in type(value).model_fields else None
            elif isinstance(value, dict):
                value = value.get(part)
            else:
                return None
            if value is None:
                return None
        return value


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``Group``, ``Group | None`` or ``list[Group]``, if any."""
    candidates = [annotation]
    while candidates:
        candidate = candidates.pop(0)
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        candidates.extend(getattr(candidate, "__args__", ()))
    return None


def fact_paths(model: type[BaseModel] = VaToolkitConfig, prefix: str = "") -> list[str]:
    """Every dotted key path of the model, for the role and for suggestions."""
    paths = []
    for name, field in model.model_fields.items():
        path = prefix + name
        paths.append(path)
        nested = nested_model(field.annotation)
        if nested is not None and "list[" not in str(field.annotation):
            paths.extend(fact_paths(nested, path + "."))
    return paths


def _is_organization_text(annotation: Any) -> bool:
    if ORGANIZATION_TEXT in getattr(annotation, "__metadata__", ()):
        return True
    return any(_is_organization_text(arg) for arg in getattr(annotation, "__args__", ()))


def field_values(
    model: BaseModel, prefix: str = ""
) -> Iterator[tuple[str, Any, FieldInfo, Any | None]]:
    """``(key path, value, field, value type)`` of every value of a validated config.

    Groups, lists of groups and mappings of groups are walked into; a per-language text
    is one value. ``value type`` is the type of a mapping's values (``languages``),
    else None: the field says what the value is.
    """
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        path = prefix + name
        bare = _limits(field.annotation)[0]
        if isinstance(value, BaseModel):
            yield from field_values(value, path + ".")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from field_values(item, f"{path}[{index}].")
                else:
                    yield f"{path}[{index}]", item, field, None
        elif get_origin(bare) is dict and isinstance(value, dict):
            for key, inner in value.items():
                if isinstance(inner, BaseModel):
                    yield from field_values(inner, f"{path}.{key}.")
                else:
                    yield f"{path}.{key}", inner, field, get_args(bare)[1]
        else:
            yield path, value, field, None


def organization_strings(model: BaseModel) -> list[tuple[str, str]]:
    """``(key path, text)`` of every plain-string organization text in the config.

    Per-language mappings are left out: they are already translated.
    """
    return [
        (path, value)
        for path, value, field, value_type in field_values(model)
        if value_type is None
        and isinstance(value, str)
        and (ORGANIZATION_TEXT in field.metadata or _is_organization_text(field.annotation))
    ]


def catalog_strings(model: VaToolkitConfig) -> list[tuple[str, str]]:
    """The organization texts the project's ``vatoolkit`` catalog translates: every
    plain string but the equipment keywords, which the package catalog translates."""
    return [
        (path, text)
        for path, text in organization_strings(model)
        if not (path.startswith("technology.") and text.lower() in EQUIPMENT_KEYWORDS)
    ]


# -- loading and reporting -------------------------------------------------


_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,40}$")


def _format_path(location: tuple[Any, ...]) -> str:
    """``vatoolkit.booking.social[0].name``; odd keys are shown quoted and shortened."""
    text = CONFIG_NAME
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif isinstance(part, str) and _KEY.match(part):
            text += f".{part}"
        else:
            text += f"[{_short(part)}]"
    return text


class _ShortRepr(reprlib.Repr):
    """``repr`` in bounded time and length, whatever the value's size."""

    def __init__(self) -> None:
        super().__init__()
        self.maxstring = self.maxother = MAX_REPORTED_VALUE
        self.maxlist = self.maxtuple = self.maxdict = self.maxset = self.maxfrozenset = 4
        self.maxlevel = 3

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 128:  # repr() refuses integers of more than 4300 digits
            return f"<an integer of about {int(x.bit_length() * 0.30103) + 1} digits>"
        return super().repr_int(x, level)

    def repr_dict(self, x: dict[Any, Any], level: int) -> str:  # never sorts the keys
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        pieces = []
        for index, (key, value) in enumerate(x.items()):
            if index == self.maxdict:
                pieces.append("...")
                break
            pieces.append(f"{self.repr1(key, level - 1)}: {self.repr1(value, level - 1)}")
        return "{" + ", ".join(pieces) + "}"


_SHORT_REPR = _ShortRepr()


def _short(value: Any) -> str:
    try:
        text = _SHORT_REPR.repr(value)
    except Exception:  # a value from conf.py whose own __repr__ fails
        text = f"<{type(value).__name__}>"
    return text if len(text) <= MAX_REPORTED_VALUE else text[: MAX_REPORTED_VALUE - 3] + "..."


def _display(where: str) -> str:
    return where if where.isprintable() and len(where) <= 200 else _short(where)


# -- bounded work before validation ---------------------------------------------

_DROPPED = object()


class _Problems:
    """The messages about one config: at most ``MAX_PROBLEMS``, the rest counted."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []
        self.hidden = 0
        self.hidden_level = "warning"

    @property
    def full(self) -> bool:
        return len(self.messages) >= MAX_PROBLEMS

    def add(self, level: str, message: str) -> None:
        if self.full:
            self.hide(level)
        else:
            self.messages.append((level, message))

    def hide(self, level: str) -> None:
        self.hidden += 1
        if level == "error":
            self.hidden_level = "error"

    def result(self) -> list[tuple[str, str]]:
        if not self.hidden:
            return self.messages
        return [
            *self.messages,
            (self.hidden_level, f"{CONFIG_NAME}: {self.hidden} more problems are not listed"),
        ]


class _Reading:
    """How much of the raw config is left to read: :data:`MAX_VALUES_READ` values."""

    def __init__(self, problems: _Problems, dropped: set[Any]) -> None:
        self.problems = problems
        self.dropped = dropped
        self.values_left = MAX_VALUES_READ
        self.exhausted = False
        # The entries of the collections cut to MAX_ENTRIES_READ, for the messages.
        self.sizes: dict[tuple[Any, ...], int] = {}


def _copy(value: Any, path: tuple[Any, ...], reading: _Reading) -> Any:
    """A copy of the raw config's mappings and lists, read in bounded work.

    At most ``MAX_DEPTH`` deep (a config that holds itself is cut the same way),
    ``MAX_ENTRIES_READ`` entries a mapping or list (the model's lower limits, applied
    next, report the cut) and ``MAX_VALUES_READ`` values in all; the work is bounded
    before pydantic looks at an entry,
    whatever ``conf.py`` or the TOML file holds. Sets are refused: they have no order,
    so the pages would list their entries differently from one build to the next.
    """
    problems = reading.problems
    if isinstance(value, set | frozenset):
        problems.add(
            "error",
            f"{_format_path(path)}: is a set, which has no order (its entries would come "
            "out in a different order at each build); write a list, in square brackets, "
            "in the order the pages should show; ignored",
        )
        reading.dropped.add(path)
        return _DROPPED
    if not isinstance(value, dict | list | tuple):
        return value
    if len(path) >= MAX_DEPTH:
        problems.add(
            "error", f"{_format_path(path)}: is nested more than {MAX_DEPTH} levels deep; ignored"
        )
        reading.dropped.add(path)
        return _DROPPED
    if len(value) > MAX_ENTRIES_READ:  # the model's own limit, lower, says so next
        reading.sizes[path] = len(value)
    entries = itertools.islice(
        value.items() if isinstance(value, dict) else enumerate(value), MAX_ENTRIES_READ
    )
    copied: dict[Any, Any] = {}
    for key, item in entries:
        if reading.values_left <= 0:
            if not reading.exhausted:
                reading.exhausted = True
                problems.add(
                    "error",
                    f"{_format_path(path)}: the config holds more than {MAX_VALUES_READ} "
                    "values; the rest of it, from here on, is ignored",
                )
            break
        reading.values_left -= 1
        item = _copy(item, (*path, key), reading)
        if item is not _DROPPED:
            copied[key] = item
    return copied if isinstance(value, dict) else list(copied.values())


def _limits(annotation: Any, metadata: Any = ()) -> tuple[Any, int | None, int | None]:
    """The annotation without ``Annotated`` and ``| None``, its text limit and its
    most entries."""
    characters: int | None = None
    entries: int | None = None
    metadata = list(metadata)
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = get_args(annotation)[0]
            continue
        arguments = [arg for arg in get_args(annotation) if arg is not type(None)]
        if origin in (Union, UnionType) and len(arguments) == 1:
            annotation = arguments[0]
            continue
        break
    for meta in metadata:
        if isinstance(meta, Limit):
            characters = meta.characters
        elif isinstance(meta, MaxLen):
            entries = meta.max_length
        elif isinstance(meta, Entries):
            entries = meta.count
    return annotation, characters, entries


def _cut(
    value: Any,
    annotation: Any,
    metadata: Any,
    path: tuple[Any, ...],
    problems: _Problems,
    sizes: dict[tuple[Any, ...], int],
) -> Any:
    """Cut the texts, lists and mappings of the (copied) raw config to the model's
    limits, with a warning each, so that validating and drawing them takes bounded
    work. ``sizes``: the entries of what the copy already cut, for the messages."""
    bare, characters, entries = _limits(annotation, metadata)
    origin = get_origin(bare)
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        if isinstance(value, dict):
            unknown = [key for key in value if key not in bare.model_fields]
            unread = sizes.get(path, len(value)) - len(value)
            if len(unknown) + unread > MAX_UNKNOWN_KEYS:
                problems.add(
                    "warning",
                    f"{_format_path(path)}: has {len(unknown) + unread} unknown keys; the "
                    f"first {MAX_UNKNOWN_KEYS} are named below, the others ignored",
                )
                for key in unknown[MAX_UNKNOWN_KEYS:]:
                    del value[key]
            for name, field in bare.model_fields.items():
                if name in value:
                    value[name] = _cut(
                        value[name],
                        field.annotation,
                        field.metadata,
                        (*path, name),
                        problems,
                        sizes,
                    )
        return value
    if isinstance(value, dict) and origin is not dict:  # a text or URL per language
        _keep_first(value, MAX_LANGUAGES, path, problems, sizes)
        if characters is not None:
            for key, text in value.items():
                limit = (Limit(characters),)
                value[key] = _cut(text, bare, limit, (*path, key), problems, sizes)
        return value
    if origin in (list, dict) and isinstance(value, list | dict):
        if entries is not None:
            _keep_first(value, entries, path, problems, sizes)
        inner = get_args(bare)[-1] if get_args(bare) else Any
        keys = range(len(value)) if isinstance(value, list) else list(value)
        for key in keys:
            value[key] = _cut(value[key], inner, (), (*path, key), problems, sizes)
        return value
    if characters is not None and isinstance(value, str) and len(value) > characters:
        problems.add(
            "warning",
            f"{_format_path(path)}: is {len(value)} characters long; only the first "
            f"{characters} are used (the limit for this key)",
        )
        return cut_text(value, characters)
    return value


def _keep_first(
    value: list[Any] | dict[Any, Any],
    entries: int,
    path: tuple[Any, ...],
    problems: _Problems,
    sizes: dict[tuple[Any, ...], int],
) -> None:
    if len(value) <= entries:
        return
    problems.add(
        "warning",
        f"{_format_path(path)}: has {sizes.get(path, len(value))} entries; only the first "
        f"{entries} are used (the limit for this key)",
    )
    if isinstance(value, list):
        del value[entries:]
    else:
        for key in list(value)[entries:]:
            del value[key]


def _child(container: Any, key: int | str) -> tuple[bool, Any]:
    if isinstance(container, dict) and key in container:
        return True, container[key]
    if isinstance(container, list) and isinstance(key, int) and key < len(container):
        return True, container[key]
    return False, None


def _resolve(data: Any, location: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """The longest prefix of a pydantic error location that exists in the data."""
    found: list[int | str] = []
    current = data
    for part in location:
        exists, current = _child(current, part)
        if not exists:
            break
        found.append(part)
    return tuple(found)


def _remove(data: Any, locations: set[tuple[Any, ...]]) -> None:
    """Remove every location at once: the entries of one list together, so that the
    indexes of the others stay right, and in time linear in their number."""
    by_parent: dict[tuple[Any, ...], list[Any]] = {}
    for location in locations:
        by_parent.setdefault(location[:-1], []).append(location[-1])
    for parent_path in sorted(by_parent, key=len, reverse=True):
        parent = data
        for part in parent_path:
            parent = parent[part]
        keys = by_parent[parent_path]
        if isinstance(parent, list):
            gone = set(keys)
            parent[:] = [item for index, item in enumerate(parent) if index not in gone]
        else:
            for key in keys:
                del parent[key]


def _known_keys(model: type[BaseModel], location: tuple[int | str, ...]) -> list[str]:
    current: type[BaseModel] | None = model
    for part in location:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current is not None else None
        current = nested_model(field.annotation) if field is not None else None
    return list(current.model_fields) if current is not None else []


def _message(error: Any) -> str:
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if message.startswith("Input should be "):
        message = "expected " + message.removeprefix("Input should be ")
    if message.startswith(("expected", "Input should")):
        message = "is not valid: " + message
    return message


def validate_config(
    raw: Any, where: str | None = None
) -> tuple[VaToolkitConfig, list[tuple[str, str]]]:
    """Validate the raw config; drop what is invalid and say why.

    Returns the model of whatever was valid and a list of ``(level, message)``.
    Texts and lists over their limits are cut first (with a warning), values nested
    deeper than any valid config are dropped, and at most ``MAX_PROBLEMS`` messages
    are given: the work stays bounded whatever the size of ``raw``.
    """
    if raw is None:
        return VaToolkitConfig(), []
    if not isinstance(raw, dict):
        message = (
            f"{CONFIG_NAME}: {_short(raw)} is a {type(raw).__name__}: expected a dict "
            "of organization facts or the path of a TOML file"
        )
        return VaToolkitConfig(), [("error", message)]
    problems = _Problems()
    reported: set[tuple[Any, ...]] = set()
    reading = _Reading(problems, reported)
    data = _copy(raw, (), reading)
    if isinstance(data.get("platform"), str):
        data["platform"] = {"preset": data["platform"]}
    _cut(data, VaToolkitConfig, (), (), problems, reading.sizes)
    suffix = f" (in {_display(where)})" if where else ""
    for _attempt in range(200):
        try:
            return VaToolkitConfig.model_validate(data), problems.result()
        except ValidationError as exc:
            removed: set[tuple[Any, ...]] = set()
            for error in exc.errors():
                location = tuple(error["loc"])
                path = _resolve(data, location)
                if not path or any(path[:size] in removed for size in range(1, len(path) + 1)):
                    continue
                removed.add(path)
                reported.add(path)
                if problems.full:
                    problems.hide("warning" if error["type"] == "extra_forbidden" else "error")
                elif error["type"] == "extra_forbidden":
                    key = location[-1]
                    known = _known_keys(VaToolkitConfig, location[:-1])
                    hint = did_you_mean(str(key)[:MAX_REPORTED_VALUE], known)
                    where_to = ", ".join(repr(k) for k in known) or "none"
                    problems.add(
                        "warning",
                        f"{_format_path(path)}: unknown key{suffix}, ignored{hint} "
                        f"(known keys: {where_to})",
                    )
                elif error["type"] == "missing":
                    # A required key whose invalid value was reported: drop the entry quietly.
                    if (*path, location[len(path)]) not in reported:
                        problems.add(
                            "error",
                            f"{_format_path(path)}: the required key "
                            f"{_short(location[len(path)])} is missing{suffix}; "
                            "this entry is ignored",
                        )
                else:
                    value = _short(error.get("input"))
                    problems.add(
                        "error", f"{_format_path(path)}: {value} {_message(error)}{suffix}"
                    )
            _remove(data, removed)
            if not removed:
                break
    problems.add("error", f"{CONFIG_NAME}: could not be validated; using defaults")
    return VaToolkitConfig(), problems.result()


def read_raw_config(
    value: Any, confdir: str | Path, srcdir: str | Path | None = None
) -> tuple[Any, str | None, list[str]]:
    """The raw dict from ``conf.py``: given inline, or read from a TOML file.

    The TOML file is read as every project file is (see :mod:`project_files`): a
    regular file whose real path is inside the project (``confdir`` or ``srcdir``),
    at most ``MAX_TOML_BYTES``. Whatever it holds, the answer is a dict or a message
    naming the file: outside the project, not UTF-8, not TOML, nested too deeply, an
    integer too long to read, too large, more keys than any config has.
    """
    if not isinstance(value, str | Path):
        return value, None, []
    name = _short(str(value))
    roots = [confdir] if srcdir is None else [confdir, srcdir]
    try:
        data = read_project_file(Path(confdir, value), roots, MAX_TOML_BYTES)
    except ProjectFileError as exc:
        return None, None, [f"{CONFIG_NAME}: the TOML file {name} {exc}; it is not read"]
    except ValueError as exc:  # a NUL in the path
        return None, None, [f"{CONFIG_NAME}: {name} cannot be read: {exc}"]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return (
            None,
            None,
            [
                f"{CONFIG_NAME}: {name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at "
                f"position {exc.start}): TOML files are written in UTF-8"
            ],
        )
    # Every key is written with '=' or in a '[table]' header: counted at C speed, so
    # that a file of a million keys is refused before the parser spends a gigabyte.
    if text.count("=") + text.count("[") > MAX_VALUES_READ:
        return (
            None,
            None,
            [
                f"{CONFIG_NAME}: the TOML file {name} has more than {MAX_VALUES_READ} "
                "'=' and '[' signs, more keys and tables than any config holds; it is not read"
            ],
        )
    try:
        return tomllib.loads(text), str(value), []
    except tomllib.TOMLDecodeError as exc:
        return None, None, [f"{CONFIG_NAME}: {name} is not valid TOML: {exc}"]
    except RecursionError:
        return None, None, [f"{CONFIG_NAME}: {name} is nested too deeply to be read"]
    except ValueError as exc:  # an integer of more than 4300 digits
        return None, None, [f"{CONFIG_NAME}: {name} cannot be read: {exc}"]


def json_schema() -> dict[str, Any]:
    schema = VaToolkitConfig.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "sphinx-vatoolkit organization config"
    return schema


def setup_config(app: Sphinx) -> None:
    app.add_config_value(
        CONFIG_NAME,
        None,
        "",
        types=frozenset({dict, str, type(None)}),
        description="The organization facts, as a dict or the path of a TOML file.",
    )
