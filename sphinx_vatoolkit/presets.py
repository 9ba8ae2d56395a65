"""Video platform presets: what each platform supplies to the toolkit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sphinx_vatoolkit.i18n import _

if TYPE_CHECKING:
    from sphinx_vatoolkit.config import Industry, Platform


@dataclass(frozen=True)
class PresetLink:
    title: str
    url: str
    description: str


@dataclass(frozen=True)
class IndustryInfographic:
    industry: Industry
    title: str
    description: str
    pdf: str
    pptx: str
    thumbnail: str
    alt: str


@dataclass(frozen=True)
class PresetVideo:
    url: str
    title: str


@dataclass(frozen=True)
class PlatformPreset:
    key: str
    name: str
    join: str  # "browser", "app" or "browser-or-app"
    lobby: bool
    captions: bool
    join_help_url: str | None = None
    test_url: str | None = None
    team_links: tuple[PresetLink, ...] = ()
    client_links: tuple[PresetLink, ...] = ()
    infographics: tuple[IndustryInfographic, ...] = ()
    video: PresetVideo | None = None
    booking_app: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


_MS_DOWNLOAD = "https://download.microsoft.com/download/"
_TEAMS_JOIN_AS_ATTENDEE = (
    "https://support.microsoft.com/office/"
    "join-a-bookings-appointment-as-an-attendee-95cea12d-2220-421f-a663-6efb20913c7f"
)


def _infographic(
    industry: Industry, title: str, description: str, alt: str, path: str
) -> IndustryInfographic:
    return IndustryInfographic(
        industry=industry,
        title=title,
        description=description,
        pdf=f"{_MS_DOWNLOAD}{path}.pdf",
        pptx=f"{_MS_DOWNLOAD}{path}.pptx",
        thumbnail=f"{industry}.png",
        alt=alt,
    )


TEAMS = PlatformPreset(
    key="teams",
    name="Microsoft Teams",
    join="browser-or-app",
    lobby=True,
    captions=True,
    join_help_url=_TEAMS_JOIN_AS_ATTENDEE,
    booking_app="Bookings",
    team_links=(
        PresetLink(
            _("Learn how to use the Bookings app in Teams"),
            "https://support.microsoft.com/office/"
            "what-is-bookings-42d4e852-8e99-4d8f-9b70-d7fc93973cb5",
            _("What Bookings does and how staff schedule and manage appointments with it."),
        ),
        PresetLink(
            _("Learn how to join a Bookings appointment"),
            "https://support.microsoft.com/office/"
            "join-a-bookings-appointment-attendees-3deb7bde-3ea3-4b41-8a06-741ad0db9fc0",
            _("How attendees join a Bookings appointment, so staff can guide them."),
        ),
        PresetLink(
            _("Conduct a virtual visit"),
            "https://learn.microsoft.com/microsoftteams/expand-teams-across-your-org/"
            "bookings-virtual-visits#conduct-a-visit",
            _("Running the appointment itself, from the virtual lobby to the end of the call."),
        ),
        PresetLink(
            _("Watch a video about virtual appointments"),
            "https://www.microsoft.com/videoplayer/embed/RE4TQop",
            _("A short overview of what virtual appointments offer an organization."),
        ),
    ),
    client_links=(
        PresetLink(
            _("Learn how to join a virtual appointment"),
            _TEAMS_JOIN_AS_ATTENDEE,
            _("Step-by-step instructions and a video on joining from the confirmation e-mail."),
        ),
    ),
    infographics=(
        _infographic(
            "financial",
            _("Financial services"),
            _("Customizable infographic for financial services organizations"),
            _("Financial services infographic: a poster with a bank building"),
            "8/5/7/85784cd8-6945-4fcc-a3c3-972bd88d3fef/VirtualVisit_Financial_Infographic",
        ),
        _infographic(
            "retail",
            _("Retail"),
            _("Customizable infographic for retail organizations"),
            _("Retail infographic: a poster with a shopping bag"),
            "a/b/5/ab5c07d9-cf7a-47b3-ba54-05a8a0a2a1bd/VirtualVisit_Retail_Infographic",
        ),
        _infographic(
            "healthcare",
            _("Healthcare"),
            _("Customizable infographic for healthcare organizations"),
            _("Healthcare infographic: a poster with a medical cross"),
            "4/d/3/4d3d9c53-0304-4aea-a56a-60a16402c58f/VirtualVisit_Healthcare_Infographic",
        ),
        _infographic(
            "general",
            _("General"),
            _("Customizable infographic for any kind of organization"),
            _("General infographic: a poster with a calendar and a video camera"),
            "c/6/9/c69d3f29-a8f5-462b-a645-79119beab406/VirtualVisit_Generic_Infographic",
        ),
    ),
    video=PresetVideo(
        "https://www.microsoft.com/videoplayer/embed/RE4TQop",
        _("Virtual appointments with Microsoft Teams"),
    ),
)

ZOOM = PlatformPreset(
    key="zoom",
    name="Zoom",
    join="browser-or-app",
    lobby=True,
    captions=True,
    join_help_url="https://support.zoom.com/hc/en",
    test_url="https://zoom.us/test",
    client_links=(
        PresetLink(
            _("Zoom Support"),
            "https://support.zoom.com/hc/en",
            _("Help with joining a meeting, audio and video."),
        ),
    ),
)

GOOGLE_MEET = PlatformPreset(
    key="google-meet",
    name="Google Meet",
    join="browser-or-app",
    lobby=True,
    captions=True,
    join_help_url="https://support.google.com/meet/answer/9303069",
    client_links=(
        PresetLink(
            _("Join a Google Meet video meeting"),
            "https://support.google.com/meet/answer/9303069",
            _("How to join from a computer, phone or tablet."),
        ),
    ),
)

WEBEX = PlatformPreset(
    key="webex",
    name="Webex",
    join="browser-or-app",
    lobby=True,
    captions=True,
    join_help_url="https://help.webex.com/",
    test_url="https://www.webex.com/test-meeting.html",
    client_links=(
        PresetLink(
            _("Webex Help Center"),
            "https://help.webex.com/",
            _("Help with joining a meeting, audio and video."),
        ),
    ),
)

CUSTOM = PlatformPreset(key="custom", name="", join="browser-or-app", lobby=False, captions=False)

PRESETS: dict[str, PlatformPreset] = {
    preset.key: preset for preset in (TEAMS, ZOOM, GOOGLE_MEET, WEBEX, CUSTOM)
}


# Where a vendor's locale path segment has no region of its own.
_DEFAULT_REGIONS = {"en": "us", "es": "es", "pt": "pt", "fr": "fr", "de": "de", "it": "it"}
_LOCALE_SEGMENT = re.compile(r"^[a-z]{2}-[a-z]{2,4}$", re.IGNORECASE)
_MICROSOFT_HOSTS = {"support.microsoft.com", "learn.microsoft.com"}
# Microsoft has no Latin American Spanish pages (es-419); Mexico's stand for them.
_MICROSOFT_REGIONS = {"419": "mx"}
# Zoom's help centre names the language in the path after /hc/: support.zoom.com/hc/pb
# is Brazilian Portuguese and /hc/es Spanish; the older support.zoom.us has /hc/pt-br
# and /hc/es. Other languages are not mapped and stay as written.
_ZOOM_LANGUAGES = {
    "support.zoom.com": {"pt_BR": "pb", "es": "es"},
    "support.zoom.us": {"pt_BR": "pt-br", "es": "es"},
}
# Webex's help centre names it in the first path segment (help.webex.com/pt-br/...);
# its one Spanish is Latin American (es-co), which serves every Spanish build.
_WEBEX_LANGUAGES = {"pt_BR": "pt-br", "es": "es-co"}


def _first_segment(path: str, vendor_locale: str) -> str:
    """``path`` with its leading locale segment (``en-us``) replaced, or one added."""
    segments = path.lstrip("/").split("/")
    if segments and _LOCALE_SEGMENT.match(segments[0]):
        segments = segments[1:]
    return "/" + "/".join([vendor_locale, *segments])


def _vendor_language(languages: dict[str, str], code: str) -> str | None:
    return languages.get(code) or languages.get(code.partition("_")[0])


def localized_url(url: str, language: str) -> str:
    """The build language's version of a vendor support article, where one exists.

    ``support.microsoft.com/office/...`` becomes ``support.microsoft.com/pt-br/office/...``
    for ``pt_BR``; Google's help takes ``hl=pt-BR``; Zoom's and Webex's help centres
    take their own language codes in the path. English links stay as written.
    """
    code = (language or "en").replace("-", "_")
    if code == "en" or code.startswith("en_"):
        return url
    base, _sep, region = code.partition("_")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in _MICROSOFT_HOSTS:
        region = _MICROSOFT_REGIONS.get(region, region)
        vendor_locale = f"{base}-{(region or _DEFAULT_REGIONS.get(base, base)).lower()}"
        return urlunsplit(parts._replace(path=_first_segment(parts.path, vendor_locale)))
    if host == "support.google.com":
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "hl"]
        query.append(("hl", f"{base}-{region}" if region else base))
        return urlunsplit(parts._replace(query=urlencode(query)))
    if host in _ZOOM_LANGUAGES:
        zoom_code = _vendor_language(_ZOOM_LANGUAGES[host], code)
        segments = parts.path.split("/")  # ["", "hc", "en", ...]
        if zoom_code and len(segments) > 2 and segments[1] == "hc":
            segments[2] = zoom_code
            return urlunsplit(parts._replace(path="/".join(segments)))
    if host == "help.webex.com":
        webex_code = _vendor_language(_WEBEX_LANGUAGES, code)
        if webex_code:
            return urlunsplit(parts._replace(path=_first_segment(parts.path, webex_code)))
    return url


# The facts a preset gives and the organization's ``platform`` settings override.
PLATFORM_FACTS = ("name", "join", "lobby", "captions", "join_help_url", "test_url")


def effective_platform(platform: Platform) -> PlatformPreset:
    """The preset with the organization's overrides applied."""
    preset = PRESETS[platform.preset]
    overrides = {
        name: value for name in PLATFORM_FACTS if (value := getattr(platform, name)) is not None
    }
    return replace(preset, **overrides) if overrides else preset
