"""The organization config: one typed model, validated once at ``config-inited``.

``conf.py`` sets ``vatoolkit`` to a dict or to the path of a TOML file.  Problems
are logged (``type="vatoolkit"``, ``subtype="config"``) and the invalid parts are
dropped, so ``-W`` fails the build while a build without it still makes pages.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import tomllib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

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

from sphinx_vatoolkit.report import did_you_mean

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CONFIG_NAME = "vatoolkit"
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
MAX_REPORTED_VALUE = 60

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
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_EMAIL = re.compile(r"^[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[^@\s<>\"'()]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ().\-/]{2,30}(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$")


# -- value types ---------------------------------------------------------


def _unsafe_characters(value: str) -> bool:
    """Control characters and bidi overrides have no place in a config fact."""
    return any(unicodedata.category(char) in {"Cc", "Cf"} and char not in "\n\t" for char in value)


def language_code(value: str) -> str:
    """Check a language code and give it the POSIX form Sphinx uses (``pt_BR``)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a language code such as 'en', 'pt_BR' or 'es'")
    code = value.strip().replace("-", "_")
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise ValueError(
            "is not a known language code: expected a code such as 'en', 'pt_BR' or 'es'"
        ) from None
    language, _, region = code.partition("_")
    return f"{language.lower()}_{region.upper()}" if region else language.lower()


def _per_language(value: dict[Any, Any], what: str, check: Callable[[Any], str]) -> dict[str, str]:
    """A mapping of language codes to values, each key and value checked."""
    if not value:
        raise ValueError(f"must not be an empty mapping: expected {what} per language")
    checked: dict[str, str] = {}
    for code, item in value.items():
        try:
            key = language_code(code)
        except ValueError as exc:
            raise ValueError(f"has the key {code!r}, which {exc}") from None
        try:
            checked[key] = check(item)
        except ValueError as exc:
            raise ValueError(f"has for {code!r} a value that {exc}") from None
    return checked


def _plain_text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("is empty: expected text")
    if _unsafe_characters(value):
        raise ValueError("contains control or bidirectional characters")
    return value.strip()


def _validate_text(value: Any) -> str | dict[str, str]:
    if isinstance(value, dict):
        return _per_language(value, "text", _plain_text)
    if isinstance(value, str):
        return _plain_text(value)
    raise ValueError(
        "expected text, or a mapping of language codes to text "
        "such as {'en': ..., 'pt_BR': ..., 'es': ...}"
    )


def normalize_url(value: Any) -> str:
    """Accept only http, https, mailto and tel URLs, and relative links."""
    if not isinstance(value, str):
        raise ValueError("expected a URL as a string")
    url = value.strip(" ")
    if not url:
        raise ValueError("must not be empty: expected a URL")
    if _unsafe_characters(url) or any(char.isspace() for char in url):
        raise ValueError("contains spaces or control characters: expected a URL")
    if any(char in _NOT_IN_URLS for char in url):
        raise ValueError('contains characters a URL cannot hold (such as < > " ` or \\)')
    if url.startswith("//"):
        url = "https:" + url
    match = _SCHEME.match(url)
    if match is None:
        if ":" in url.split("/", 1)[0]:
            raise ValueError("is not a URL: expected an http, https, mailto or tel URL")
        return url
    scheme = match.group(1).lower()
    if scheme not in SAFE_SCHEMES:
        raise ValueError(
            f"uses the scheme {scheme!r}: expected an http, https, mailto or tel URL, "
            "or a relative link"
        )
    rest = url[match.end() :]
    if scheme in {"http", "https"} and not re.match(r"^//[^/?#\s]+", rest):
        raise ValueError("has no host name: expected a URL such as 'https://example.org/'")
    if scheme in {"mailto", "tel"} and not rest:
        raise ValueError(f"has nothing after '{scheme}:'")
    return scheme + ":" + rest


def _validate_localized_url(value: Any) -> str | dict[str, str]:
    if isinstance(value, dict):
        return _per_language(value, "a URL", normalize_url)
    return normalize_url(value)


def _validate_color(value: Any) -> str:
    if not isinstance(value, str) or not _COLOR.match(value.strip()):
        raise ValueError("expected a hex colour such as '#0b5cad'")
    color = value.strip().lower()
    if len(color) == 4:
        color = "#" + "".join(char * 2 for char in color[1:])
    return color


def _validate_email(value: Any) -> str:
    if not isinstance(value, str) or not _EMAIL.match(value.strip()):
        raise ValueError("expected an e-mail address such as 'help@example.org'")
    return value.strip()


def _validate_phone(value: Any) -> str:
    if not isinstance(value, str) or not _PHONE.match(value.strip()):
        raise ValueError("expected a phone number such as '+1 555 0100'")
    return value.strip()


def _validate_path(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a file path relative to the project")
    path = value.strip().replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path) or ".." in path.split("/"):
        raise ValueError("must stay inside the project: expected a relative path")
    if _unsafe_characters(path):
        raise ValueError("contains control characters")
    return path


_FONT = re.compile(r"^[^\W_][\w .\-]{0,60}$")


def _validate_font(value: Any) -> str:
    """One font family name: it lands in CSS and SVG, so only plain names are allowed."""
    if not isinstance(value, str) or not _FONT.match(value.strip()):
        raise ValueError(
            "expected one font family name of letters, digits, spaces and hyphens, "
            "such as 'Source Sans 3'"
        )
    return value.strip()


def _validate_language(value: Any) -> str:
    return language_code(value)


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "description": "Text per language code (en, pt_BR, es...)",
            "additionalProperties": {"type": "string", "minLength": 1},
        },
    ]
}


class OrganizationText:
    """Marks the fields whose plain-string values go to the ``vatoolkit`` catalog."""

    def __repr__(self) -> str:
        return "OrganizationText()"


ORGANIZATION_TEXT = OrganizationText()

Text = Annotated[
    Any, PlainValidator(_validate_text), WithJsonSchema(_TEXT_SCHEMA), ORGANIZATION_TEXT
]
Url = Annotated[
    str,
    PlainValidator(normalize_url),
    WithJsonSchema({"type": "string", "description": "http(s), mailto:, tel: or relative URL"}),
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
    str, PlainValidator(_validate_email), WithJsonSchema({"type": "string", "format": "email"})
]
Phone = Annotated[str, PlainValidator(_validate_phone), WithJsonSchema({"type": "string"})]
FontName = Annotated[str, PlainValidator(_validate_font), WithJsonSchema({"type": "string"})]
ProjectPath = Annotated[str, PlainValidator(_validate_path), WithJsonSchema({"type": "string"})]
PresetName = Literal["teams", "zoom", "google-meet", "webex", "custom"]


# -- the model -------------------------------------------------------------


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organization(Group):
    """Who offers the appointments."""

    name: Text | None = Field(None, description="Defaults to the Sphinx ``project``.")
    industry: Industry = Field("general", description="Chooses the wording and infographic.")
    website: Url | None = Field(None, description="Home page.")
    logo: ProjectPath | None = Field(None, description="Logo file, relative to ``conf.py``.")
    billing_url: Url | None = Field(None, description="Billing or payment information page.")


class Platform(Group):
    """The video platform: a preset plus optional overrides."""

    preset: PresetName = Field("teams", description="Supplies name, join method and links.")
    name: str | None = Field(None, description="Platform name shown to clients.")
    join: Literal["browser", "app", "browser-or-app"] | None = Field(
        None, description="How clients join."
    )
    lobby: bool | None = Field(None, description="Whether clients wait in a virtual lobby.")
    captions: bool | None = Field(None, description="Whether live captions are available.")
    join_help_url: Url | None = Field(None, description="Article: how a client joins.")
    test_url: Url | None = Field(None, description="Page where clients test their device.")

    @model_validator(mode="after")
    def _custom_platform_has_a_name(self) -> Platform:
        if self.preset == "custom" and not self.name:
            raise ValueError("uses the 'custom' preset, which needs a name: set platform.name")
        return self


class SocialChannel(Group):
    name: str = Field(description="Channel name, e.g. WhatsApp.")
    url: Url


class Staff(Group):
    """Who can be booked."""

    virtual_only: list[str] = Field(default_factory=list)
    in_person_only: list[str] = Field(default_factory=list)
    note: Text | None = None


class Booking(Group):
    """How clients book."""

    url: Url | None = Field(None, description="The booking page.")
    phone: Phone | None = None
    email: Email | None = None
    social: list[SocialChannel] = Field(default_factory=list)
    in_person: Text | None = Field(None, description="How to book in person.")
    staff: Staff | None = None


class Services(Group):
    differences: Text | None = Field(None, description="Virtual vs in-person services.")
    fees: Text | None = Field(None, description="Fee differences.")


class Payment(Group):
    methods: list[Text] = Field(default_factory=list, description="Accepted methods.")
    when: Text | None = Field(None, description="When and how payment happens.")
    note: Text | None = None


class Cancellation(Group):
    policy_url: Url | None = None
    notice: Text | None = Field(None, description="How much notice, e.g. '24 hours'.")
    text: Text | None = Field(None, description="The policy in a few words.")
    differences: Text | None = Field(None, description="Virtual vs in-person differences.")


class Portal(Group):
    name: Text
    url: Url | None = None


class Technology(Group):
    equipment: list[Text] = Field(
        default_factory=list,
        description="Required equipment; "
        + ", ".join(f"'{word}'" for word in EQUIPMENT_KEYWORDS[:-1])
        + f" and '{EQUIPMENT_KEYWORDS[-1]}' are translated for you.",
    )
    recommended: list[Text] = Field(default_factory=list)
    bandwidth: Text | None = Field(None, description="e.g. '1.5 Mbps'.")
    browsers: list[str] = Field(default_factory=list, description="Supported browsers.")
    portal: Portal | None = Field(None, description="Patient or client portal to join from.")


class Support(Group):
    phone: Phone | None = None
    email: Email | None = None
    hours: Text | None = None
    url: Url | None = None
    lobby_wait_minutes: int | None = Field(
        None, ge=2, le=240, description="After how long in the lobby clients should call."
    )


class Brand(Group):
    primary_color: Color | None = None
    accent_color: Color | None = None
    font: FontName | None = Field(None, description="Font family name, installed or web-safe.")
    logo: ProjectPath | None = None


class ResourceLink(Group):
    title: Text
    url: LocalizedUrl
    description: Text | None = None


class Resources(Group):
    team: list[ResourceLink] = Field(default_factory=list)
    clients: list[ResourceLink] = Field(default_factory=list)


def _every_industry() -> list[Industry]:
    return list(INDUSTRIES)


class InfographicFiles(Group):
    """The organization's own files for one industry's infographic."""

    pdf: LocalizedUrl | None = Field(None, description="PDF, or a PDF per language.")
    pptx: LocalizedUrl | None = Field(None, description="PowerPoint, or one per language.")


class Infographics(Group):
    industries: list[Industry] = Field(default_factory=_every_industry)
    generated: bool = Field(True, description="Generate the organization's infographic.")
    paper: Literal["a4", "letter"] = Field("a4", description="Page size shown on the page.")
    files: dict[Industry, InfographicFiles] = Field(
        default_factory=dict,
        description="Per-industry download files replacing the preset's, e.g. translated ones.",
    )


class Video(Group):
    url: Url
    title: Text | None = None


class Prepare(Group):
    forms_url: Url | None = Field(None, description="Forms to fill in before joining.")
    forms: Text | None = Field(None, description="What the forms are.")
    checklist: list[Text] = Field(default_factory=list, description="What to have ready.")


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
        default_factory=dict, description="Language code -> URL of that build."
    )

    @field_validator("platform", mode="before")
    @classmethod
    def _preset_shorthand(cls, value: Any) -> Any:
        return {"preset": value} if isinstance(value, str) else value

    def fingerprint(self) -> str:
        dumped = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(dumped.encode()).hexdigest()

    def get(self, dotted: str) -> Any:
        """The value at a dotted key path such as ``booking.phone`` (None if unset)."""
        value: Any = self
        for part in dotted.split("."):
            value = getattr(value, part, None)
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


def organization_strings(model: BaseModel, prefix: str = "") -> list[tuple[str, str]]:
    """``(key path, text)`` of every plain-string organization text in the config.

    Per-language mappings are left out: they are already translated.
    """
    found: list[tuple[str, str]] = []
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        path = prefix + name
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            item_path = f"{path}[{index}]" if isinstance(value, list) else path
            if isinstance(item, BaseModel):
                found.extend(organization_strings(item, item_path + "."))
            elif isinstance(item, str) and (
                ORGANIZATION_TEXT in field.metadata or _is_organization_text(field.annotation)
            ):
                found.append((item_path, item))
    return found


def catalog_strings(model: VaToolkitConfig) -> list[tuple[str, str]]:
    """The organization texts the project's ``vatoolkit`` catalog translates: every
    plain string but the equipment keywords, which the package catalog translates."""
    return [
        (path, text)
        for path, text in organization_strings(model)
        if not (path.startswith("technology.") and text.lower() in EQUIPMENT_KEYWORDS)
    ]


# -- loading and reporting -------------------------------------------------


def _format_path(location: tuple[int | str, ...]) -> str:
    text = CONFIG_NAME
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= MAX_REPORTED_VALUE else text[: MAX_REPORTED_VALUE - 3] + "..."


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


def _remove(data: Any, location: tuple[int | str, ...]) -> None:
    parent = data
    for part in location[:-1]:
        parent = parent[part]
    if isinstance(parent, list):
        parent.pop(int(location[-1]))
    else:
        del parent[location[-1]]


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
    """
    if raw is None:
        return VaToolkitConfig(), []
    if not isinstance(raw, dict):
        message = (
            f"{CONFIG_NAME}: {_short(raw)} is a {type(raw).__name__}: expected a dict "
            "of organization facts or the path of a TOML file"
        )
        return VaToolkitConfig(), [("error", message)]
    data = copy.deepcopy(raw)
    if isinstance(data.get("platform"), str):
        data["platform"] = {"preset": data["platform"]}
    problems: list[tuple[str, str]] = []
    suffix = f" (in {where})" if where else ""
    reported: set[tuple[int | str, ...]] = set()
    for _attempt in range(200):
        try:
            return VaToolkitConfig.model_validate(data), problems
        except ValidationError as exc:
            removed: set[tuple[int | str, ...]] = set()
            for error in exc.errors():
                location = tuple(error["loc"])
                path = _resolve(data, location)
                if not path or any(path[: len(r)] == r for r in removed):
                    continue
                if error["type"] == "extra_forbidden":
                    key = str(location[-1])
                    known = _known_keys(VaToolkitConfig, location[:-1])
                    hint = did_you_mean(key, known)
                    where_to = ", ".join(repr(k) for k in known) or "none"
                    problems.append(
                        (
                            "warning",
                            f"{_format_path(path)}: unknown key{suffix}, ignored{hint} "
                            f"(known keys: {where_to})",
                        )
                    )
                elif error["type"] == "missing":
                    # A required key whose invalid value was reported: drop the entry quietly.
                    if (*path, location[len(path)]) not in reported:
                        problems.append(
                            (
                                "error",
                                f"{_format_path(path)}: the required key "
                                f"{str(location[len(path)])!r} is missing{suffix}; "
                                "this entry is ignored",
                            )
                        )
                else:
                    value = _short(error.get("input"))
                    problems.append(
                        ("error", f"{_format_path(path)}: {value} {_message(error)}{suffix}")
                    )
                removed.add(path)
                reported.add(path)
            for path in sorted(removed, key=len, reverse=True):
                _remove(data, path)
            if not removed:
                break
    problems.append(("error", f"{CONFIG_NAME}: could not be validated; using defaults"))
    return VaToolkitConfig(), problems


def read_raw_config(value: Any, confdir: str | Path) -> tuple[Any, str | None, list[str]]:
    """The raw dict from ``conf.py``: given inline, or read from a TOML file."""
    if not isinstance(value, str | Path):
        return value, None, []
    path = Path(confdir, value)
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream), str(value), []
    except FileNotFoundError:
        return None, None, [f"{CONFIG_NAME}: the TOML file {str(value)!r} does not exist"]
    except tomllib.TOMLDecodeError as exc:
        return None, None, [f"{CONFIG_NAME}: {str(value)!r} is not valid TOML: {exc}"]
    except OSError as exc:
        return None, None, [f"{CONFIG_NAME}: cannot read {str(value)!r}: {exc.strerror}"]


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
